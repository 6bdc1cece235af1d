//! `/entities/{id}`: a state with its dates, predecessor and successor, a place on its map, a
//! person without one; the books and sections that name it, paged; a name redirects to the
//! id; an unknown name is a 404 with the closest names. Over pages of our own that name real
//! states and places (the embedded gazetteer links them at ingest).

use axum::http::StatusCode;

use crate::fixtures::{NAMED_TITLE, entity_id, named, section_titled};
use crate::{assert_page, element, get, position, visible};

struct Named {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn library(harbor: usize) -> Named {
    let dir = tempfile::tempdir().unwrap();
    let state = named(dir.path(), harbor);
    Named { _dir: dir, state }
}

/// `/entities/{id}` as a link writes it (the id percent-encoded: `geonames%3A2013348`).
fn href(id: &str) -> String {
    let encoded: String = id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("/entities/{encoded}")
}

#[tokio::test]
async fn a_state_has_its_dates_successor_map_books_and_sections() {
    let l = library(0);
    let su = entity_id(&l.state, "Soviet Union");
    let russia = entity_id(&l.state, "Russia");
    let section = section_titled(&l.state, NAMED_TITLE);
    let r = get(&l.state, &href(&su)).await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(
        b.contains("<p class=\"kicker\">Historic state</p><h1>Soviet Union</h1>"),
        "{b}"
    );
    // The dates as a sentence, the successor linked by id.
    let dates = visible(element(b, "<p class=\"lede dates\">", "</p>"));
    assert!(
        dates.starts_with("The Soviet Union (1922–1991; "),
        "{dates}"
    );
    assert!(dates.ends_with("; succeeded by Russia)."), "{dates}");
    assert!(
        b.contains(&format!(
            "succeeded by <a href=\"{}\">Russia</a>",
            href(&russia)
        )),
        "{b}"
    );
    let facts = visible(element(b, "<dl class=\"entity-facts\">", "</dl>"));
    assert!(
        facts.contains("Dates30 December 1922 – 26 December 1991"),
        "{facts}"
    );
    assert!(facts.contains(&format!("Id{su}")), "{facts}");
    // The library has the Soviet Union's country page and its timeline.
    assert!(
        b.contains("<dd><a href=\"/countries/soviet-union\">Soviet Union</a></dd>"),
        "{b}"
    );
    assert!(
        b.contains("<a href=\"/timeline/soviet-union\">Timeline of the Soviet Union</a>"),
        "{b}"
    );
    // A small map with its one point.
    let map = element(b, "<figure class=\"map entity-map\">", "</figure>");
    assert_eq!(map.matches("<circle ").count(), 1, "{map}");
    assert!(map.contains("<title>Soviet Union</title>"), "{map}");
    // The book and the section that name it, linked to the first paragraph naming it.
    assert!(
        visible(b).contains("Named 1 time in 1 section of 1 book."),
        "{b}"
    );
    assert!(b.contains("<a href=\"/books/soviet-union\">Soviet Union</a><span class=\"hit-meta\"> · 1 mention in 1 section</span>"), "{b}");
    let sections = element(b, "<ol class=\"entity-sections\" start=\"1\">", "</ol>");
    assert!(
        sections.contains(&format!(
            "<a href=\"/sections/{section}#p1\">{NAMED_TITLE}</a>"
        )),
        "{sections}"
    );
    assert!(
        visible(sections).contains("· Soviet Union · Data as of May 1989 · 1 mention"),
        "{sections}"
    );
    assert!(position(b, "<h1>") < position(b, "entity-sections"));
}

#[tokio::test]
async fn a_place_and_a_person() {
    let l = library(0);
    // Vladivostok: a city, named twice in one section; its map is focused on it.
    let vladivostok = entity_id(&l.state, "Vladivostok");
    let r = get(&l.state, &href(&vladivostok)).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("<p class=\"kicker\">City</p><h1>Vladivostok</h1>"),
        "{}",
        r.body
    );
    let map = element(&r.body, "<figure class=\"map entity-map\">", "</figure>");
    assert_eq!(map.matches("<circle ").count(), 1, "{map}");
    assert!(
        !map.contains("World map"),
        "focused on the city: {map:.400}"
    );
    assert!(visible(&r.body).contains("Named 2 times in 1 section of 1 book."));
    // Its country (RU) has no page in this library: the code, unlinked.
    let facts = visible(element(&r.body, "<dl class=\"entity-facts\">", "</dl>"));
    assert!(facts.contains("Country codeRU"), "{facts}");
    // A search timeline for what is not a state.
    assert!(
        r.body
            .contains("<a href=\"/timeline?q=%22Vladivostok%22\">"),
        "{}",
        r.body
    );
    // Gorbachev: a person, no map.
    let gorbachev = entity_id(&l.state, "Mikhail Gorbachev");
    let r = get(&l.state, &href(&gorbachev)).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("<p class=\"kicker\">Person</p><h1>Mikhail Gorbachev</h1>"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("<svg"), "no coordinates, no map");
    assert!(
        r.body
            .contains("<a href=\"/timeline?q=%22Mikhail%20Gorbachev%22\">"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn names_redirect_to_the_id_and_unknown_names_suggest() {
    let l = library(0);
    let su = entity_id(&l.state, "Soviet Union");
    for name in ["Soviet%20Union", "USSR", "Soviet"] {
        let r = get(&l.state, &format!("/entities/{name}?page=1")).await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{name}");
        assert_eq!(
            r.headers["location"],
            format!("{}?page=1", href(&su)).as_str(),
            "{name}"
        );
    }
    let r = get(&l.state, "/entities/Sovet%20Onion").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("No entity is called “Sovet Onion”."),
        "{}",
        r.body
    );
    let did_you_mean = element(&r.body, "<p class=\"suggestions\">", "</p>");
    assert!(
        did_you_mean.contains("<a href=\"/entities/Soviet%20Union\">Soviet Union</a>"),
        "{did_you_mean}"
    );
    // Hostile names stay text; very long ones are refused before any lookup.
    let r = get(&l.state, "/entities/%3Cscript%3Ex").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("“&lt;script&gt;x”") && !r.body.contains("<script>x"),
        "{}",
        r.body
    );
    let long = "x".repeat(300);
    let r = get(&l.state, &format!("/entities/{long}")).await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("No entity has a name of 300 bytes."),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn sections_are_paged() {
    let l = library(60);
    let vladivostok = href(&entity_id(&l.state, "Vladivostok"));
    let r = get(&l.state, &vladivostok).await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(
        visible(b).contains("Named 62 times in 61 sections of 1 book."),
        "{b}"
    );
    assert!(
        visible(b).contains("61 sections, most mentions first: 1–50 on this page."),
        "{b}"
    );
    let list = element(b, "<ol class=\"entity-sections\" start=\"1\">", "</ol>");
    assert_eq!(list.matches("<li>").count(), 50);
    // The section naming it twice comes first.
    assert!(visible(list).starts_with(NAMED_TITLE), "{list}");
    let next = format!("<a rel=\"next\" href=\"{vladivostok}?page=2#sections\">Next →</a>");
    assert!(b.contains(&next), "{b}");
    let r = get(&l.state, &format!("{vladivostok}?page=2")).await;
    assert_page(&r, StatusCode::OK);
    let list = element(
        &r.body,
        "<ol class=\"entity-sections\" start=\"51\">",
        "</ol>",
    );
    assert_eq!(list.matches("<li>").count(), 11);
    assert!(r.body.contains("Page 2 of 2"));
    assert!(!r.body.contains("rel=\"next\""));
    assert!(
        r.body
            .contains("<title>Vladivostok, page 2 · areabook</title>")
    );
    // Past the end, and pages that are not pages.
    assert_page(
        &get(&l.state, &format!("{vladivostok}?page=3")).await,
        StatusCode::NOT_FOUND,
    );
    for bad in ["0", "x", "-1", "1001"] {
        let r = get(&l.state, &format!("{vladivostok}?page={bad}")).await;
        assert_page(&r, StatusCode::BAD_REQUEST);
    }
}
