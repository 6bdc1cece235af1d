//! Names in the text as links to their entity pages: where an entity page lives, how its
//! kind is said, and a paragraph with each name the library linked wrapped in
//! `<a class="entity">`.
//!
//! The library gives a section's mentions as code-point ranges in a paragraph
//! (`library::MentionView`). [`linked_text`] splits the paragraph at those ranges and lets
//! maud escape every run, the linked ones too, so a name can only ever add the one anchor
//! element around text that was already there.
//!
//! **Invariant**: whatever the ranges (out of order, overlapping, empty, reversed, past the
//! end of the paragraph), the text comes back whole and in order, and nothing but
//! `<a class="entity" href="/entities/…" title="…">` is added; overlapping names keep the one
//! that starts first (the longer of two that start together).

use maud::{Markup, html};

use crate::html::encode;

/// Where an entity's page is: `/entities/state%3Ajapan`.
pub(crate) fn entity_href(id: &str) -> String {
    format!("/entities/{}", encode(id))
}

/// A kind as a reader says it: `historic state`, `island group`.
pub(crate) fn kind_label(kind: library::Kind) -> &'static str {
    use library::Kind::*;
    match kind {
        State => "state",
        HistoricState => "historic state",
        Region => "region",
        City => "city",
        Island => "island",
        IslandGroup => "island group",
        Sea => "sea",
        Strait => "strait",
        River => "river",
        Mountain => "mountain",
        DisputedTerritory => "disputed territory",
        Person => "person",
        Organization => "organization",
    }
}

/// A heading for entities of one kind: `Historic states`, `People`.
pub(crate) fn kind_plural(kind: library::Kind) -> &'static str {
    use library::Kind::*;
    match kind {
        State => "States",
        HistoricState => "Historic states",
        Region => "Regions",
        City => "Cities and towns",
        Island => "Islands",
        IslandGroup => "Island groups",
        Sea => "Seas",
        Strait => "Straits",
        River => "Rivers",
        Mountain => "Mountains",
        DisputedTerritory => "Disputed territories",
        Person => "People",
        Organization => "Organizations",
    }
}

/// The tooltip of a linked name: `Soviet Union (historic state)`.
pub(crate) fn entity_title(name: &str, kind: library::Kind) -> String {
    format!("{name} ({})", kind_label(kind))
}

/// `text` split into runs, each with the mention it is, if any. Mention ranges are code
/// points in the whole paragraph; `skip` code points of it come before `text` (a Factbook
/// field's bold label), and mentions that reach into them are left out, as are empty,
/// reversed and out-of-range ones and any that overlap one kept before it.
fn linked_runs<'t, 'm>(
    text: &'t str,
    mentions: &[&'m library::MentionView],
    skip: usize,
) -> Vec<(&'t str, Option<&'m library::MentionView>)> {
    // Byte offset of every code point, and of the end.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let n_chars = bytes.len() - 1;
    let mut ranges: Vec<(usize, usize, &library::MentionView)> = mentions
        .iter()
        .filter_map(|m| {
            let start = (m.start as usize).checked_sub(skip)?;
            let end = (m.end as usize).checked_sub(skip)?;
            (start < end && end <= n_chars).then_some((start, end, *m))
        })
        .collect();
    ranges.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut runs = Vec::with_capacity(2 * ranges.len() + 1);
    let mut at = 0;
    for (start, end, m) in ranges {
        if start < at {
            continue;
        }
        if start > at {
            runs.push((&text[bytes[at]..bytes[start]], None));
        }
        runs.push((&text[bytes[start]..bytes[end]], Some(m)));
        at = end;
    }
    if at < n_chars {
        runs.push((&text[bytes[at]..], None));
    }
    runs
}

/// `text` (escaped) with each mention's words linked to its entity page (see the module
/// docs; `skip` as in [`linked_runs`]).
pub(crate) fn linked_text(text: &str, mentions: &[&library::MentionView], skip: usize) -> Markup {
    html! {
        @for (run, mention) in linked_runs(text, mentions, skip) {
            @if let Some(m) = mention {
                a class="entity" href=(entity_href(&m.id)) title=(entity_title(&m.name, m.kind)) { (run) }
            } @else {
                (run)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: u32, end: u32, id: &str, name: &str) -> library::MentionView {
        library::MentionView {
            paragraph: 0,
            start,
            end,
            id: id.into(),
            name: name.into(),
            kind: library::Kind::City,
            lat: None,
            lon: None,
            confidence: 1.0,
        }
    }

    fn link(text: &str, mentions: &[library::MentionView], skip: usize) -> String {
        let refs: Vec<&library::MentionView> = mentions.iter().collect();
        linked_text(text, &refs, skip).into_string()
    }

    #[test]
    fn names_become_links_and_the_rest_is_escaped() {
        let text = "Tokyo & <b>Ōsaka</b>";
        let html = link(
            text,
            &[
                mention(0, 5, "geonames:1850147", "Tokyo"),
                mention(11, 16, "x:\"o\"", "<Ōsaka>"),
            ],
            0,
        );
        assert_eq!(
            html,
            "<a class=\"entity\" href=\"/entities/geonames%3A1850147\" title=\"Tokyo (city)\">Tokyo</a> &amp; &lt;b&gt;\
             <a class=\"entity\" href=\"/entities/x%3A%22o%22\" title=\"&lt;Ōsaka&gt; (city)\">Ōsaka</a>&lt;/b&gt;"
        );
    }

    #[test]
    fn overlaps_bounds_and_order() {
        let m = |s, e| mention(s, e, "i", "n");
        // Out of order; overlapping (the first, and the longer at one start, wins); empty;
        // reversed; past the end.
        let html = link(
            "abcdefgh",
            &[
                m(5, 7),
                m(0, 2),
                m(0, 3),
                m(1, 4),
                m(4, 4),
                m(6, 5),
                m(7, 9),
            ],
            0,
        );
        assert_eq!(
            html.replace(
                " class=\"entity\" href=\"/entities/i\" title=\"n (city)\"",
                ""
            ),
            "<a>abc</a>de<a>fg</a>h"
        );
        // A label of 3 code points before the text: offsets shift, mentions in it drop.
        let html = link("xyz", &[m(0, 2), m(4, 6)], 3);
        assert_eq!(
            html.replace(
                " class=\"entity\" href=\"/entities/i\" title=\"n (city)\"",
                ""
            ),
            "x<a>yz</a>"
        );
        assert_eq!(link("", &[m(0, 1)], 0), "");
        assert_eq!(link("ab", &[m(u32::MAX - 1, u32::MAX)], 0), "ab");
    }

    proptest::proptest! {
        /// Any text, any ranges: the text comes back whole once the links are taken out, and
        /// nothing else is markup.
        #[test]
        fn linking_keeps_the_text(
            text in "[a-zé<>&\"' ]{0,30}",
            ranges in proptest::collection::vec((0u32..40, 0u32..40), 0..6),
            skip in 0usize..4,
        ) {
            let mentions: Vec<library::MentionView> =
                ranges.iter().map(|&(s, e)| mention(s, e, "a:b", "<n>")).collect();
            let html = link(&text, &mentions, skip);
            let open = "<a class=\"entity\" href=\"/entities/a%3Ab\" title=\"&lt;n&gt; (city)\">";
            let bare = html.replace(open, "").replace("</a>", "");
            proptest::prop_assert!(!bare.contains('<') && !bare.contains('>'), "{}", html);
            let back = bare
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn kinds_are_worded() {
        for kind in library::Kind::ALL {
            assert!(!kind_label(kind).contains('-'));
            assert!(kind_plural(kind).starts_with(char::is_uppercase));
        }
        assert_eq!(
            entity_title("Soviet Union", library::Kind::HistoricState),
            "Soviet Union (historic state)"
        );
    }
}
