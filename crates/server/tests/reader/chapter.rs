//! A Factbook chapter as one page, linked from the table of contents and from each field.

use axum::http::StatusCode;

use crate::{assert_page, element, factbook_id, get, library, position, shared};

#[tokio::test]
async fn a_factbook_chapter_reads_as_one_page_with_anchors() {
    let l = library();
    let fb = factbook_id(&l.state, "russia");
    let r = get(&l.state, &format!("/books/{fb}/chapters/Geography")).await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>Geography</h1>"), "{b}");
    assert!(
        b.contains("<p class=\"asof-line\">Data as of 2025</p>"),
        "{b}"
    );
    // Every field in book order, each under its anchor, with its own page linked.
    let at: Vec<usize> = ["location", "area", "climate"]
        .iter()
        .map(|a| position(b, &format!("<section class=\"part\" id=\"{a}\"")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{b}");
    assert!(b.contains("<a href=\"#area\">Area</a>"), "{b}");
    let area = element(b, "<section class=\"part\" id=\"area\"", "</section>");
    // The field's text once: its paragraphs, labels in bold (no second copy as a list), each
    // under an anchor of its own in the page.
    assert!(
        area.contains(
            "<p id=\"area-p1\"><strong>total</strong>: 17 sq km</p><p id=\"area-p2\"><strong>land</strong>: 16 sq km</p>"
        ),
        "{area}"
    );
    assert!(!area.contains("<dl"), "{area}");
    let chapter = l.state.library.chapter(&fb, "Geography").unwrap();
    let area_id = &chapter.sections[1].section_id;
    assert!(
        area.contains(&format!(
            "<a href=\"/sections/{area_id}\">Area on its own page, for citing</a>"
        )),
        "{area}"
    );
    // Breadcrumb down to the chapter; the neighbouring chapters.
    let crumbs = element(b, "<nav class=\"crumbs\"", "</nav>");
    assert!(crumbs.contains("<a href=\"/countries/russia\">Russia</a>"));
    assert!(crumbs.contains(&format!("<a href=\"/books/{fb}\">")));
    assert!(crumbs.contains("<li aria-current=\"page\">Geography</li>"));
    assert!(
        b.contains(&format!(
            "rel=\"prev\" href=\"/books/{fb}/chapters/Introduction\">← Introduction</a>"
        )),
        "{b}"
    );
    assert!(b.contains(&format!("rel=\"next\" href=\"/books/{fb}/chapters/People%20and%20Society\">People and Society →</a>")), "{b}");

    // The book's contents link each chapter heading to its page.
    let r = get(&l.state, &format!("/books/{fb}")).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains(&format!(
            "<a class=\"group\" href=\"/books/{fb}/chapters/Geography\">Geography</a>"
        )),
        "{}",
        r.body
    );
    // Each field's own page leads to its place in the chapter.
    let r = get(&l.state, &format!("/sections/{area_id}")).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains(&format!(
            "<a href=\"/books/{fb}/chapters/Geography#area\">Read the whole chapter: Geography</a>"
        )),
        "{}",
        r.body
    );
    // Its text once there too.
    let main = element(&r.body, "<main>", "</main>");
    assert_eq!(main.matches("17 sq km").count(), 1, "{main}");
    assert!(
        r.body
            .contains("<p id=\"p1\"><strong>total</strong>: 17 sq km</p>")
    );
    // A Country Study's section has no such link; its contents keep plain groups.
    let r = get(&l.state, "/books/japan").await;
    assert!(
        r.body
            .contains("<span class=\"group\">Historical Setting</span>")
    );
    assert!(!r.body.contains("/chapters/"));
}

#[tokio::test]
async fn chapter_headings_in_other_case_redirect_and_unknown_ones_are_404_pages() {
    let l = library();
    let fb = factbook_id(&l.state, "russia");
    let r = get(&l.state, &format!("/books/{fb}/chapters/geography")).await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        r.headers["location"],
        format!("/books/{fb}/chapters/Geography").as_str()
    );
    let r = get(&l.state, &format!("/books/{fb}/chapters/Geograpy")).await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(r.body.contains("no chapter"), "{}", r.body);
    let r = get(&l.state, "/books/no-such-book/chapters/Geography").await;
    assert_page(&r, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_real_geography_chapter_of_russia() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/books/world-factbook-2025-rs/chapters/Geography").await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    let location = position(b, "id=\"location\"");
    let area = position(b, "id=\"area\"");
    assert!(location < area);
    assert!(
        b.matches("<section class=\"part\"").count() > 15,
        "every Geography field"
    );
    assert!(b.contains("Read") || b.contains("on its own page, for citing"));
}
