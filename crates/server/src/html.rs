//! HTML building blocks: URL encoding, the shared page layout, search snippets and the
//! "as of" wording. Pages are [`maud`] templates, so every string they interpolate is
//! escaped by construction; nothing here or in `pages/` escapes by hand.
//!
//! **Invariant**: text from the library or the request reaches HTML only as a maud
//! interpolation (escaped); the elements the server adds inside library text are the
//! `<mark>` around search matches, built by [`snippet`] from the hit's code-point ranges,
//! and the `<a class="entity">` around names, built by `crate::names::linked_text` from the
//! mentions' code-point ranges.

use std::fmt::Write;

use maud::{DOCTYPE, Markup, html};

use crate::names::linked_text;

/// Percent-encode `s` for a URL path segment or query value (RFC 3986 unreserved kept).
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// `text` split into runs, each marked (inside a highlight) or not. `highlights` are
/// code-point ranges `[start, end)`; they may come in any order, overlap, be empty or run
/// past the end: out-of-range parts are ignored, overlapping or touching ranges merged.
fn marked_runs<'a>(text: &'a str, highlights: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    let mut ranges: Vec<(usize, usize)> =
        highlights.iter().copied().filter(|(s, e)| s < e).collect();
    ranges.sort_unstable();
    // Merge overlapping and touching ranges.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    // The ranges are sorted and disjoint: one pass over the text turns code-point offsets
    // into byte offsets (offsets past the end become the end).
    let mut cursor = text.char_indices().map(|(i, _)| i).enumerate();
    let mut byte_at = |cp: usize| {
        cursor
            .find(|&(i, _)| i == cp)
            .map_or(text.len(), |(_, byte)| byte)
    };
    let mut runs = Vec::with_capacity(2 * merged.len() + 1);
    let mut pos = 0;
    for (start, end) in merged {
        let start = byte_at(start);
        let end = if start == text.len() {
            start
        } else {
            byte_at(end)
        };
        if start >= end {
            break;
        }
        if start > pos {
            runs.push((&text[pos..start], false));
        }
        runs.push((&text[start..end], true));
        pos = end;
    }
    if pos < text.len() {
        runs.push((&text[pos..], false));
    }
    runs
}

/// A search snippet: the plain `text`, escaped, with `<mark>` around the code-point ranges
/// `highlights` (see [`crate::snippet_html`]).
pub(crate) fn snippet(text: &str, highlights: &[(usize, usize)]) -> Markup {
    html! {
        @for (run, marked) in marked_runs(text, highlights) {
            @if marked { mark { (run) } } @else { (run) }
        }
    }
}

/// `1989-05` → `May 1989` (the wording the original footers use).
pub(crate) fn as_of_text(as_of: &str) -> String {
    library::format_as_of(as_of)
}

/// The year of a data-as-of value (`1989-05` → 1989).
pub(crate) fn as_of_year(as_of: &str) -> Option<i32> {
    as_of.get(..4)?.parse().ok()
}

/// `1 year`, `36 years`.
pub(crate) fn years(n: i32) -> String {
    count(n.unsigned_abs() as usize, "year", "years")
}

/// `n` with thousands separators: `1234567` → `1,234,567`.
pub(crate) fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A count with its noun in the right number: `1 section`, `2 sections`, `1,234 books`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

/// At most about `max` characters of `text` for a meta description: whole words, an ellipsis
/// when cut, white space collapsed.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let len = out.chars().count();
        if len + 1 + word.chars().count() > max {
            if len == 0 {
                out.extend(word.chars().take(max));
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A section's text: its paragraphs, then its fields as a definition list. A Factbook
/// field's paragraphs already are its fields written out (`total: 17 sq km`), so there the
/// text shows once, as paragraphs (as `areabook show` prints it), a paragraph that is a field
/// with the field's label in bold; its fields show as a list only when it has no paragraphs.
///
/// Paragraph `n` (from 1) carries the anchor `{anchor_prefix}{n}`: `p3` on a section page
/// (where a timeline entry links, `/sections/{id}#p3`), `area-p1` in a chapter, whose
/// sections share one page. The names in `mentions` (the section's, from
/// `Library::section_entities`) link to their entity pages (see `crate::names`).
pub(crate) fn section_text(
    paragraphs: &[String],
    fields: &[library::FieldView],
    factbook: bool,
    anchor_prefix: &str,
    mentions: &[library::MentionView],
) -> Markup {
    let mut by_paragraph: Vec<Vec<&library::MentionView>> = vec![Vec::new(); paragraphs.len()];
    for m in mentions {
        if let Some(list) = by_paragraph.get_mut(m.paragraph as usize) {
            list.push(m);
        }
    }
    let label_of = |p: &str| -> Option<usize> {
        if !factbook {
            return None;
        }
        fields.iter().find_map(|f| {
            let rest = p.strip_prefix(f.label.as_str())?.strip_prefix(": ")?;
            (rest == f.value && !f.label.is_empty()).then_some(f.label.len())
        })
    };
    let list_fields = !fields.is_empty() && (!factbook || paragraphs.is_empty());
    html! {
        @for (i, p) in paragraphs.iter().enumerate() {
            @let id = format!("{anchor_prefix}{}", i + 1);
            @let names = &by_paragraph[i];
            @if let Some(n) = label_of(p) {
                p id=(id) { strong { (&p[..n]) } (linked_text(&p[n..], names, p[..n].chars().count())) }
            } @else {
                p id=(id) { (linked_text(p, names, 0)) }
            }
        }
        @if list_fields {
            dl class="fields" {
                @for f in fields {
                    dt { (f.label) }
                    dd { (f.value) }
                }
            }
        }
    }
}

/// One step of the breadcrumb: a link, or the current page when `href` is `None`.
pub(crate) struct Crumb {
    /// Where it leads.
    pub href: Option<String>,
    /// What it says.
    pub label: String,
}

impl Crumb {
    /// A linked step.
    pub fn link(href: String, label: &str) -> Crumb {
        Crumb {
            href: Some(href),
            label: label.to_owned(),
        }
    }
    /// The current page.
    pub fn here(label: &str) -> Crumb {
        Crumb {
            href: None,
            label: label.to_owned(),
        }
    }
}

/// What a page says about itself in its `<head>`.
pub(crate) struct Head<'a> {
    /// The `<title>` (the site name is added).
    pub title: &'a str,
    /// The meta description: one or two sentences on what the page holds.
    pub description: &'a str,
}

/// A whole page: `<head>` (title and meta description), the site header with its search
/// box (holding `query`), the breadcrumb, `body`, and the footer.
pub(crate) fn layout(head: Head<'_>, crumbs: &[Crumb], query: &str, body: Markup) -> Markup {
    let Head { title, description } = head;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                link rel="icon" href="data:,";
                title { (title) " · areabook" }
                meta name="description" content=(description);
                link rel="stylesheet" href="/static/style.css";
                script src="/static/search.js" defer {}
            }
            body {
                header class="site" {
                    a class="brand" href="/" { "areabook" }
                    form class="search" action="/search" method="get" role="search"
                        aria-label="Site search" {
                        input type="search" name="q" value=(query)
                            placeholder="Search the library" aria-label="Search the library"
                            maxlength=(library::MAX_QUERY_LEN);
                        button type="submit" { "Search" }
                    }
                }
                @if !crumbs.is_empty() {
                    nav class="crumbs" aria-label="Breadcrumb" {
                        ol {
                            @for c in crumbs {
                                @if let Some(href) = &c.href {
                                    li { a href=(href) { (c.label) } }
                                } @else {
                                    li aria-current="page" { (c.label) }
                                }
                            }
                        }
                    }
                }
                main { (body) }
                footer class="site" {
                    p {
                        "Texts from the Library of Congress " em { "Country Studies" }
                        " (1986–1998) and the CIA " em { "World Factbook" }
                        ". Each section shows the date its data was current."
                    }
                    p {
                        "Both are US government works in the public domain. The Factbook editions 1990–2025 come from the archive project MilkMp/CIA-World-Factbooks-Archive-1990-2025, whose own work is under the MIT licence."
                    }
                }
            }
        }
    }
}

/// An error page: the title, the message and the ways on.
pub(crate) fn error_page(title: &str, message: &str) -> Markup {
    let body = html! {
        h1 { (title) }
        p class="error" { (message) }
        p { a href="/" { "Back to the country listing" } " or search the library above." }
    };
    layout(
        Head {
            title,
            description: message,
        },
        &[Crumb::link("/".into(), "Country Listing")],
        "",
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_keeps_unreserved_and_escapes_the_rest() {
        assert_eq!(
            encode("Côte d'Ivoire&x=1"),
            "C%C3%B4te%20d%27Ivoire%26x%3D1"
        );
        assert_eq!(encode("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn snippet_marks_code_point_ranges_and_escapes_the_text() {
        let s = |t: &str, h: &[(usize, usize)]| snippet(t, h).into_string();
        assert_eq!(s("a b & c", &[(2, 3)]), "a <mark>b</mark> &amp; c");
        // Code points, not bytes: "é" is two bytes.
        assert_eq!(s("é<b>é", &[(1, 4)]), "é<mark>&lt;b&gt;</mark>é");
        assert_eq!(s("<script>", &[]), "&lt;script&gt;");
        // Out of order, overlapping, touching, empty and past-the-end ranges.
        assert_eq!(
            s("abcdef", &[(4, 99), (0, 2), (1, 3), (3, 3)]),
            "<mark>abc</mark>d<mark>ef</mark>"
        );
        assert_eq!(s("abcdef", &[(0, 1), (1, 2)]), "<mark>ab</mark>cdef");
        assert_eq!(s("", &[(0, 5)]), "");
        assert_eq!(s("ab", &[(usize::MAX - 1, usize::MAX)]), "ab");
    }

    proptest::proptest! {
        /// Any text and any ranges: no panic, the text comes back whole once the marks are
        /// taken out and the escapes undone, and nothing but `<mark>` is markup.
        #[test]
        fn snippet_keeps_the_text_and_adds_only_marks(
            text in "[a-zé<>&\" ]{0,40}",
            ranges in proptest::collection::vec((0usize..50, 0usize..50), 0..6),
        ) {
            let html = snippet(&text, &ranges).into_string();
            let bare = html.replace("<mark>", "").replace("</mark>", "");
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
    fn layout_escapes_title_and_query() {
        let body = html! { p { "ok" } };
        let head = Head {
            title: "<t>",
            description: "\"d\"",
        };
        let page = layout(head, &[Crumb::here("<c>")], "\"><script>", body).into_string();
        assert!(page.contains("<meta name=\"description\" content=\"&quot;d&quot;\">"));
        assert!(page.contains("&lt;t&gt; · areabook"));
        assert!(page.contains("value=\"&quot;&gt;&lt;script&gt;\""));
        assert!(page.contains("&lt;c&gt;"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("<p>ok</p>"));
    }

    #[test]
    fn as_of_helpers() {
        assert_eq!(as_of_text("1989-05"), "May 1989");
        assert_eq!(as_of_year("1989-05"), Some(1989));
        assert_eq!(as_of_year("x"), None);
        assert_eq!(years(1), "1 year");
        assert_eq!(years(36), "36 years");
    }

    #[test]
    fn a_factbook_field_shows_its_text_once() {
        let field = |label: &str, value: &str| library::FieldView {
            label: label.into(),
            value: value.into(),
        };
        let fields = [field("total", "17 sq km"), field("land", "16 <sq> km")];
        let paragraphs = ["total: 17 sq km".to_owned(), "land: 16 <sq> km".to_owned()];
        assert_eq!(
            section_text(&paragraphs, &fields, true, "p", &[]).into_string(),
            "<p id=\"p1\"><strong>total</strong>: 17 sq km</p><p id=\"p2\"><strong>land</strong>: 16 &lt;sq&gt; km</p>"
        );
        // A Country Profile's fields are not its paragraphs: both show.
        let both = section_text(&paragraphs[..1], &fields[..1], false, "area-p", &[]).into_string();
        assert_eq!(
            both,
            "<p id=\"area-p1\">total: 17 sq km</p><dl class=\"fields\"><dt>total</dt><dd>17 sq km</dd></dl>"
        );
        // A Factbook field without paragraphs lists its fields.
        let only = section_text(&[], &fields[..1], true, "p", &[]).into_string();
        assert_eq!(
            only,
            "<dl class=\"fields\"><dt>total</dt><dd>17 sq km</dd></dl>"
        );
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(0, "section", "sections"), "0 sections");
        assert_eq!(count(1, "section", "sections"), "1 section");
        assert_eq!(count(2, "country", "countries"), "2 countries");
        assert_eq!(count(1234567, "hit", "hits"), "1,234,567 hits");
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1,000");
        assert_eq!(number(0), "0");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
        assert_eq!(excerpt("one two three", 8), "one two…");
        assert_eq!(excerpt("abcdefghij", 4), "abcd…");
        assert_eq!(excerpt("", 4), "");
    }
}
