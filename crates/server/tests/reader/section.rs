//! Section and book pages: the data-as-of printed once, provenance shown by its label (never
//! an absolute path), titles with their real quotes, counts that agree with their nouns.

use axum::http::StatusCode;

use crate::{
    ABSOLUTE, LABEL, QUOTED, REPORT, assert_page, element, get, hit_id, library, position, shared,
    tiny, visible,
};

#[tokio::test]
async fn the_data_as_of_is_printed_once_on_a_section_page() {
    let l = library();
    let id = hit_id(&l.state, "report islands straits");
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert_page(&r, StatusCode::OK);
    let text = visible(&r.body);
    assert_eq!(
        text.matches("Data as of January 1990").count(),
        1,
        "{}",
        r.body
    );
    // Still there, in the cue beside the newer book.
    assert!(
        text.contains("Data as of January 1990 — 4 years older than the newest source on Japan")
    );
}

#[tokio::test]
async fn provenance_shows_the_label_never_the_absolute_path() {
    let l = library();
    let id = hit_id(&l.state, "report islands straits");
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert_page(&r, StatusCode::OK);
    let provenance = element(&r.body, "<section class=\"provenance\">", "</section>");
    assert!(
        provenance.contains(&format!("<code>{LABEL}</code>")),
        "{provenance}"
    );
    assert!(provenance.contains("Found on 1 source"), "{provenance}");
    assert!(!r.body.contains(ABSOLUTE), "{}", r.body);
    assert!(!r.body.contains("/home/"), "{}", r.body);
    // A copy ingested without a label shows its file name only.
    let id = hit_id(&l.state, "rice farming");
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert!(r.body.contains("<code>jp_0041.htm</code>"), "{}", r.body);
    assert!(!r.body.contains("/home/"));
}

#[tokio::test]
async fn provenance_of_the_seed_page_is_its_file_name() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/sections/45960972b9752109").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("<code>000_49231554a86fdc85.txt</code>"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("/shared/data"));
    let shared_dir = testshared::require(crate::fixtures::SEED_PAGE).unwrap();
    let parent = shared_dir.parent().unwrap().to_string_lossy().into_owned();
    assert!(!r.body.contains(&parent), "no absolute path: {parent}");
    assert_eq!(visible(&r.body).matches("Data as of May 1989").count(), 1);
}

#[tokio::test]
async fn titles_show_their_real_quotes() {
    let l = library();
    for (q, title) in [
        ("report islands straits", REPORT),
        ("treaty envoys", QUOTED),
    ] {
        let id = hit_id(&l.state, q);
        let r = get(&l.state, &format!("/sections/{id}")).await;
        assert_page(&r, StatusCode::OK);
        let h1 = element(&r.body, "<h1>", "</h1>");
        assert_eq!(visible(h1), title, "{h1}");
        let title_tag = element(&r.body, "<title>", "</title>");
        assert_eq!(visible(title_tag), format!("{title} · areabook"));
        for page in [&r.body, &get(&l.state, "/books/japan").await.body] {
            // Never escaped twice (`&amp;quot;`), never an entity's name as text.
            assert!(!visible(page).contains("&quot;"), "{page}");
            assert!(!visible(page).contains("&ldquo;"), "{page}");
            assert!(!page.contains("&amp;"), "{page}");
        }
    }
    // Typographic quotes are written as themselves.
    let r = get(&l.state, "/books/japan").await;
    assert!(r.body.contains(&format!(">{REPORT}</a>")), "{}", r.body);
    let r = get(&l.state, "/search?q=report+islands").await;
    assert!(r.body.contains(&format!(">{REPORT}</a>")), "{}", r.body);
}

#[tokio::test]
async fn counts_of_one_are_singular() {
    let dir = tempfile::tempdir().unwrap();
    let state = tiny(dir.path());
    let r = get(&state, "/").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("1 country, 1 book. Every book"),
        "{}",
        r.body
    );
    let r = get(&state, "/books/japan").await;
    assert_page(&r, StatusCode::OK);
    assert!(r.body.contains("1 section</p>"), "{}", r.body);
    assert!(crate::meta_description(&r.body).contains("1 section,"));
    let r = get(&state, "/countries/japan").await;
    assert_page(&r, StatusCode::OK);
    let l = library();
    let r = get(&l.state, "/").await;
    assert!(
        r.body.contains("3 countries, 4 books. Every book"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/books/japan").await;
    assert!(r.body.contains("3 sections</p>"), "{}", r.body);
}

#[tokio::test]
async fn every_page_type_has_a_meta_description() {
    let l = library();
    let id = hit_id(&l.state, "lagoon");
    let fb = crate::factbook_id(&l.state, "russia");
    for uri in [
        "/".to_owned(),
        "/countries/russia".into(),
        "/countries/japan".into(),
        "/books/japan".into(),
        format!("/books/{fb}"),
        format!("/books/{fb}/chapters/Geography"),
        format!("/sections/{id}"),
        "/search".into(),
        "/search?q=lagoon".into(),
        "/search?q=title:".into(),
    ] {
        let r = get(&l.state, &uri).await;
        assert!(
            r.status.is_success() || r.status == StatusCode::BAD_REQUEST,
            "{uri}"
        );
        assert_page(&r, r.status);
        let d = crate::meta_description(&r.body);
        assert!(d.chars().count() <= 200, "{uri}: {d}");
    }
    // The section's description starts with its title and book.
    let r = get(&l.state, &format!("/sections/{id}")).await;
    let d = crate::meta_description(&r.body);
    assert!(d.contains("(Japan, data as of January 1990)"), "{d}");
    let at = position(&r.body, "<meta name=\"description\"");
    assert!(at < position(&r.body, "</head>"));
}
