//! Names on section pages: each linked to its entity page from the library's code-point
//! offsets (hostile text around them still escaped), a map of the section's places, the names
//! listed by kind, and the note on a page whose country was inferred from its text.

use axum::http::StatusCode;

use crate::fixtures::{HOSTILE_NAMES, NAMED_TITLE, entity_id, named, section_titled};
use crate::{assert_page, element, get, shared, visible};

struct Named {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn library() -> Named {
    let dir = tempfile::tempdir().unwrap();
    let state = named(dir.path(), 0);
    Named { _dir: dir, state }
}

fn encode(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The link a name in the text becomes.
fn link(state: &server::AppState, name: &str, kind: &str, words: &str) -> String {
    let id = entity_id(state, name);
    format!(
        "<a class=\"entity\" href=\"/entities/{}\" title=\"{name} ({kind})\">{words}</a>",
        encode(&id)
    )
}

/// How many dots a section's map should have: its located places, each once, states only
/// when it names no other place.
fn expected_dots(state: &server::AppState, section: &str) -> usize {
    let mentions = state.library.section_entities(section).unwrap();
    let mut located: Vec<(&str, bool)> = mentions
        .iter()
        .filter(|m| m.lat.is_some() && m.lon.is_some())
        .map(|m| (m.id.as_str(), m.kind.is_state()))
        .collect();
    located.sort();
    located.dedup();
    let others = located.iter().filter(|(_, state)| !state).count();
    if others > 0 { others } else { located.len() }
}

#[tokio::test]
async fn names_in_the_text_link_to_their_entity_pages() {
    let l = library();
    let id = section_titled(&l.state, NAMED_TITLE);
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert_page(&r, StatusCode::OK);
    let p1 = element(&r.body, "<p id=\"p1\">", "</p>");
    assert!(
        p1.starts_with(&format!(
            "<p id=\"p1\">The {} and {} never signed",
            link(&l.state, "Soviet Union", "historic state", "Soviet Union"),
            link(&l.state, "Japan", "state", "Japan")
        )),
        "{p1}"
    );
    for (name, kind) in [
        ("Kuril Islands", "island group"),
        ("Vladivostok", "city"),
        ("Sakhalin", "island"),
        ("Tokyo", "city"),
    ] {
        assert!(
            p1.contains(&link(&l.state, name, kind, name)),
            "{name}: {p1}"
        );
    }
    // A surname links to the person it names.
    assert!(
        p1.contains(&link(&l.state, "Mikhail Gorbachev", "person", "Gorbachev")),
        "{p1}"
    );
    // The paragraph reads as it did: only the links were added.
    assert!(visible(p1).starts_with("The Soviet Union and Japan never signed a peace treaty"));

    // Hostile text around names stays text; the names in it are still linked.
    let p2 = element(&r.body, "<p id=\"p2\">", "</p>");
    assert_eq!(
        p2,
        format!(
            "<p id=\"p2\">Envoys from {} wrote &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; sailed to {}; 'quoted' &lt;b&gt;{}&lt;/b&gt;.</p>",
            link(&l.state, "Tokyo", "city", "Tokyo"),
            link(&l.state, "Vladivostok", "city", "Vladivostok"),
            link(&l.state, "Sakhalin", "island", "Sakhalin"),
        )
    );
    assert_eq!(visible(p2), HOSTILE_NAMES);
    assert!(!r.body.contains("<script>alert"));
    assert!(!r.body.contains("<b>Sakhalin"));
}

#[tokio::test]
async fn the_section_has_a_map_of_its_places_and_its_names_by_kind() {
    let l = library();
    let id = section_titled(&l.state, NAMED_TITLE);
    let r = get(&l.state, &format!("/sections/{id}")).await;
    let names = element(&r.body, "<section class=\"names\"", "</section>");
    assert!(names.contains("<h2 id=\"names-heading\">Names in this section</h2>"));
    // The map: one dot a place (the Kuril Islands, Vladivostok, Sakhalin, Tokyo; the two
    // states are listed, not drawn), each linked to its page, the view fitted to them.
    let map = element(names, "<svg class=\"world-map\"", "</svg>");
    let dots = expected_dots(&l.state, &id);
    assert!(dots >= 4, "{dots}");
    assert_eq!(map.matches("<circle ").count(), dots, "{map}");
    assert_eq!(
        map.matches("<a class=\"place\" href=\"/entities/").count(),
        dots
    );
    assert!(map.contains("<title>Sakhalin (island)</title>"), "{map}");
    assert!(!map.contains("<title>Japan (state)</title>"), "{map}");
    assert!(
        map.contains("aria-label=\"Map of "),
        "focused, not the world: {map:.300}"
    );
    assert!(visible(names).contains(&format!(
        "The {dots} places this section names (states are listed below)"
    )));
    // The list, by kind, in the gazetteer's order of kinds; counts where a name recurs.
    let list = visible(element(names, "<dl class=\"names\">", "</dl>"));
    for kind in [
        "States",
        "Historic states",
        "Cities and towns",
        "Islands",
        "Island groups",
        "People",
    ] {
        assert!(list.contains(kind), "{kind}: {list}");
    }
    assert!(list.find("Historic states").unwrap() < list.find("Cities and towns").unwrap());
    assert!(list.contains("Vladivostok ×2"), "{list}");
    assert!(names.contains(&format!(
        "<a href=\"/entities/{}\">Mikhail Gorbachev</a>",
        encode(&entity_id(&l.state, "Gorbachev"))
    )));
    // A section that names nothing has neither.
    let quiet = section_titled(&l.state, "The Railways");
    let r = get(&l.state, &format!("/sections/{quiet}")).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        !r.body.contains("<svg") && !r.body.contains("class=\"names\""),
        "{}",
        r.body
    );
    assert!(!r.body.contains("class=\"entity\""));
}

#[tokio::test]
async fn a_country_inferred_from_the_text_says_so() {
    let l = library();
    let id = section_titled(&l.state, "The Harvest Cabinet");
    let section = l.state.library.section(&id).unwrap();
    assert_eq!(section.country, "Japan");
    assert!(section.country_inferred.is_some());
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert_page(&r, StatusCode::OK);
    let note = element(&r.body, "<p class=\"inferred\">", "</p>");
    let text = visible(note);
    assert!(
        text.starts_with("Country inferred from the text: Japan (Japanese ×2, "),
        "{text}"
    );
    assert!(
        text.contains("Tokyo ×1") && text.ends_with("the page itself names no country."),
        "{text}"
    );
    assert!(
        note.contains("<a href=\"/countries/japan\">Japan</a>"),
        "{note}"
    );
    // Under the title, before the text.
    assert!(r.body.find("<p class=\"inferred\">").unwrap() < r.body.find("<p id=\"p1\">").unwrap());
    // A page that names its country says nothing of the kind.
    let other = section_titled(&l.state, NAMED_TITLE);
    assert!(
        !get(&l.state, &format!("/sections/{other}"))
            .await
            .body
            .contains("inferred")
    );
}

#[tokio::test]
async fn the_seed_page_links_its_names_and_maps_its_places() {
    let Some(state) = shared() else { return };
    let id = "45960972b9752109";
    let r = get(&state, &format!("/sections/{id}")).await;
    assert_page(&r, StatusCode::OK);
    let northern = link(
        &state,
        "Northern Territories",
        "disputed territory",
        "Northern Territories",
    );
    assert!(
        r.body.contains(&format!("still term the {northern}")),
        "{}",
        r.body
    );
    let map = element(&r.body, "<svg class=\"world-map\"", "</svg>");
    assert_eq!(map.matches("<circle ").count(), expected_dots(&state, id));
    assert!(
        map.contains("<title>Kuril Islands (island group)</title>"),
        "{map}"
    );
    let list = visible(element(&r.body, "<dl class=\"names\">", "</dl>"));
    assert!(
        list.contains("Disputed territoriesNorthern Territories ×3"),
        "{list}"
    );
}
