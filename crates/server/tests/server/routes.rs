//! Every page and API route through `app(state).oneshot`, over the invented library:
//! status, content type, the content that proves the feature works, and the limits.

use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::fixtures::{HOSTILE, Reply, get, invented, request};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    Lib { _dir: dir, state }
}

/// Section ids of book `japan` in book order, with their titles.
fn japan_sections(state: &server::AppState) -> Vec<(String, String)> {
    fn walk(nodes: &[library::TocNode], out: &mut Vec<(String, String)>) {
        for n in nodes {
            if let Some(id) = &n.section_id {
                out.push((id.clone(), n.title.clone()));
            }
            walk(&n.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&state.library.book("japan").unwrap().toc, &mut out);
    out
}

fn assert_html(r: &Reply, status: StatusCode) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.content_type(), "text/html; charset=utf-8");
    assert!(r.body.starts_with("<!DOCTYPE html>"), "{}", r.body);
    assert!(
        r.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
}

fn position(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in page:\n{body}"))
}

#[tokio::test]
async fn listing_shows_every_country_with_books_as_of_and_a_search_box() {
    let l = lib();
    let r = get(&l.state, "/").await;
    assert_html(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("<a class=\"country\" href=\"/countries/japan\">Japan</a>"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "<a href=\"/books/japan\">Japan</a> <span class=\"asof\">January 1990</span>"
        ),
        "{}",
        r.body
    );
    assert!(r.body.contains("June 1994"));
    assert!(r.body.contains("action=\"/search\""));
    assert!(
        r.body
            .contains("<link rel=\"stylesheet\" href=\"/static/style.css\">")
    );
    let head = request(&l.state, Request::head("/").body(Body::empty()).unwrap()).await;
    assert_eq!(head.status, StatusCode::OK);
}

#[tokio::test]
async fn country_page_lists_books_and_unknown_country_is_a_404_page() {
    let l = lib();
    let r = get(&l.state, "/countries/japan").await;
    assert_html(&r, StatusCode::OK);
    assert!(r.body.contains("<h1>Japan</h1>"));
    assert!(position(&r.body, "/books/japan\"") < position(&r.body, "/books/japan-revisited\""));
    assert!(r.body.contains("Data as of June 1994"));
    let r = get(&l.state, "/countries/atlantis").await;
    assert_html(&r, StatusCode::NOT_FOUND);
    assert!(
        r.body
            .contains("<a href=\"/\">Back to the country listing</a>")
    );
}

#[tokio::test]
async fn book_page_is_a_nested_toc_in_book_order() {
    let l = lib();
    let r = get(&l.state, "/books/japan").await;
    assert_html(&r, StatusCode::OK);
    assert!(r.body.contains("<h1>Japan</h1>"));
    assert!(r.body.contains(
        "<p class=\"lede\">Country: <a href=\"/countries/japan\">Japan</a> · 3 sections</p>"
    ));
    assert!(
        r.body
            .contains("<p class=\"asof-line\">Data as of January 1990</p>")
    );
    let group = position(&r.body, "<span class=\"group\">Historical Setting</span>");
    let a = position(&r.body, ">Early Settlement</a>");
    let b = position(&r.body, ">Envoys</a>");
    let c = position(&r.body, ">Meiji Restoration</a>");
    assert!(group < a && a < b && b < c, "book order");
    assert_eq!(r.body.matches("<ol class=\"toc\">").count(), 2, "nested");
    // Breadcrumb: listing → country → book.
    assert!(
        position(&r.body, "Country Listing</a>")
            < position(&r.body, "href=\"/countries/japan\">Japan</a>")
    );
    let r = get(&l.state, "/books/no-such-book").await;
    assert_html(&r, StatusCode::NOT_FOUND);
    assert!(r.body.contains("no book"));
}

#[tokio::test]
async fn section_page_has_breadcrumb_as_of_neighbours_provenance_and_age() {
    let l = lib();
    let ids = japan_sections(&l.state);
    assert_eq!(ids.len(), 3);
    let r = get(&l.state, &format!("/sections/{}", ids[1].0)).await;
    assert_html(&r, StatusCode::OK);
    let b = &r.body;
    // Breadcrumb in order, the section itself last and unlinked.
    let crumbs = &b[position(b, "<nav class=\"crumbs\"")..position(b, "</nav>")];
    let order = [
        "<a href=\"/\">Country Listing</a>",
        "<a href=\"/countries/japan\">Japan</a>",
        "<a href=\"/books/japan\">Japan</a>",
        "<li aria-current=\"page\">Envoys</li>",
    ];
    let at: Vec<usize> = order.iter().map(|o| position(crumbs, o)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{crumbs}");
    assert!(b.contains("<h1>Envoys</h1>"));
    assert!(b.contains("<p class=\"kicker\">Historical Setting</p>"));
    // The data-as-of once, in the cue at the top (not again in a footer).
    assert_eq!(b.matches("Data as of January 1990").count(), 1, "{b}");
    assert!(b.contains(&format!(
        "rel=\"prev\" href=\"/sections/{}\">← Early Settlement</a>",
        ids[0].0
    )));
    assert!(b.contains(&format!(
        "rel=\"next\" href=\"/sections/{}\">Meiji Restoration →</a>",
        ids[2].0
    )));
    // The as-of cue: 1990 beside the 1994 book on the same country.
    assert!(
        b.contains("4 years older than the newest source on Japan in this library, <a href=\"/books/japan-revisited\">Japan Revisited</a> (data as of June 1994)"),
        "{b}"
    );
    assert!(b.contains("class=\"age old\""));
    // Provenance: the mirror is named; a javascript: URL is shown as text, never a link.
    assert!(b.contains("Found on 1 source"));
    assert!(b.contains(
        "<span class=\"mirror\">allrefer</span> <span class=\"url\">javascript:alert(1)</span>"
    ));
    assert!(!b.contains("href=\"javascript:"));
    // The newest book's section says it is the newest.
    let first = get(&l.state, &format!("/sections/{}", ids[0].0)).await;
    assert!(first.body.contains(
        "<a href=\"https://example.org/japan/1.htm\" rel=\"nofollow noopener noreferrer\">"
    ));
    let newest = state_search_id(&l.state, "bubble");
    let r = get(&l.state, &format!("/sections/{newest}")).await;
    assert!(
        r.body
            .contains("the newest source on Japan in this library."),
        "{}",
        r.body
    );
    assert!(r.body.contains("class=\"age current\""));
}

fn state_search_id(state: &server::AppState, q: &str) -> String {
    let results = state
        .library
        .search(&library::SearchQuery {
            text: q.into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    results.hits[0].section_id.clone()
}

#[tokio::test]
async fn section_text_is_escaped() {
    let l = lib();
    let ids = japan_sections(&l.state);
    let r = get(&l.state, &format!("/sections/{}", ids[1].0)).await;
    assert!(
        r.body.contains("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; left; 'quoted' &lt;b&gt;bold&lt;/b&gt;"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("<script>"));
    assert!(!r.body.contains("<b>bold"));
    assert!(HOSTILE.contains("<script>"));
}

#[tokio::test]
async fn unknown_section_is_an_html_404_with_a_link_home() {
    let l = lib();
    let r = get(&l.state, "/sections/0000000000000000").await;
    assert_html(&r, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<h1>Not found</h1>"));
    assert!(
        r.body
            .contains("<a href=\"/\">Back to the country listing</a>")
    );
    let r = get(&l.state, "/no/such/page").await;
    assert_html(&r, StatusCode::NOT_FOUND);
    assert!(r.body.contains("href=\"/\""));
    let r = get(&l.state, "/api/no-such-route").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["status"], 404);
}

#[tokio::test]
async fn search_page_shows_hits_with_snippets_country_book_and_as_of() {
    let l = lib();
    let r = get(&l.state, "/search?q=lagoon").await;
    assert_html(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("1 result for “lagoon”"), "{b}");
    assert!(b.contains(">Envoys</a>"));
    assert!(b.contains("<div class=\"hit-meta\">Japan · Japan · <span class=\"asof\">Data as of January 1990</span>"), "{b}");
    assert!(b.contains("<mark>lagoon</mark>"));
    // The snippet carries the hostile text escaped.
    assert!(b.contains("&lt;script&gt;"), "{b}");
    assert!(!b.contains("<script>"));
    // The header search box is filled in with the query.
    assert!(b.contains("name=\"q\" value=\"lagoon\""));
}

#[tokio::test]
async fn search_echoes_hostile_queries_escaped() {
    let l = lib();
    let r = get(
        &l.state,
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E",
    )
    .await;
    // Pasted text is text: it matches nothing, and the page says so with the query escaped.
    assert_html(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("No sections match “&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;”."),
        "{}",
        r.body
    );
    assert!(!r.body.contains("<script>alert"));
    // A hostile query that does match is echoed escaped on the results page.
    let r = get(&l.state, "/search?q=lagoon+%3Cscript%3E").await;
    assert_html(&r, StatusCode::OK);
    assert!(!r.body.contains("<script>"), "{}", r.body);
    assert!(
        r.body
            .contains("name=\"q\" value=\"lagoon &lt;script&gt;\""),
        "the value attribute holds the whole query: {}",
        r.body
    );
}

#[tokio::test]
async fn search_filters_and_pagination() {
    let l = lib();
    // Country and as-of range.
    let r = get(
        &l.state,
        "/search?q=the&country=Japan&as_of_from=1994&as_of_to=1999",
    )
    .await;
    assert_html(&r, StatusCode::OK);
    assert!(r.body.contains(">Economy</a>"), "{}", r.body);
    assert!(!r.body.contains(">Meiji Restoration</a>"));
    assert!(
        r.body
            .contains("<option value=\"japan\" selected>Japan</option>")
    );
    assert!(r.body.contains(
        "name=\"as_of_from\" inputmode=\"numeric\" size=\"5\" placeholder=\"1986\" value=\"1994\""
    ));
    let r = get(&l.state, "/search?q=the&as_of_to=1990").await;
    assert!(!r.body.contains(">Economy</a>"));
    // Pagination keeps the query and filters.
    let r = get(&l.state, "/search?q=the&country=japan&limit=1").await;
    assert!(r.body.contains("Page 1 of 4"), "{}", r.body);
    assert!(
        r.body.contains(
            "href=\"/search?q=the&amp;country=japan&amp;limit=1&amp;offset=1\">Next →</a>"
        ),
        "{}",
        r.body
    );
    let r = get(&l.state, "/search?q=the&country=japan&limit=1&offset=3").await;
    assert!(r.body.contains("Page 4 of 4"));
    assert!(r.body.contains("← Previous"));
    assert!(!r.body.contains("Next →"));
    // No query: the form and tips, no error.
    let r = get(&l.state, "/search").await;
    assert_html(&r, StatusCode::OK);
    assert!(r.body.contains("All words must match"));
}

#[tokio::test]
async fn search_limits_are_400_or_414_with_a_message() {
    let l = lib();
    let long = "a".repeat(library::MAX_QUERY_LEN + 1);
    for (uri, status, needle) in [
        (
            format!("/api/search?q={long}"),
            400,
            "q is 1001 bytes; the limit is 1000",
        ),
        (
            "/api/search?q=x&limit=1000".into(),
            400,
            "limit must be between 1 and 200",
        ),
        (
            "/api/search?q=x&limit=0".into(),
            400,
            "limit must be between 1 and 200",
        ),
        (
            "/api/search?q=x&limit=ten".into(),
            400,
            "limit must be a whole number",
        ),
        (
            "/api/search?q=x&offset=99999999".into(),
            400,
            "offset must be at most",
        ),
        (
            "/api/search?q=x&as_of_from=abc".into(),
            400,
            "as_of_from must be a whole number",
        ),
        ("/api/search".into(), 400, "q is required"),
        ("/api/search?q=a&q=b".into(), 400, "bad query string"),
        (
            "/api/search?q=x&as_of_from=1995&as_of_to=1990".into(),
            400,
            "as_of_from (1995) is after as_of_to (1990)",
        ),
        ("/api/search?q=x&country=Atlantis".into(), 404, "no country"),
        (
            format!("/api/search?q={}", "b".repeat(server::MAX_URI_LEN)),
            414,
            "the limit is 8192",
        ),
    ] {
        let r = get(&l.state, &uri).await;
        assert_eq!(r.status.as_u16(), status, "{uri:.80}: {}", r.body);
        let json = r.json();
        assert!(
            json["error"].as_str().unwrap().contains(needle),
            "{uri:.80}: {json}"
        );
        assert_eq!(json["status"], status);
    }
    // The HTML page answers the same limits as pages.
    let r = get(&l.state, &format!("/search?q={long}")).await;
    assert_html(&r, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("the limit is 1000"));
    let r = get(
        &l.state,
        &format!("/search?q={}", "b".repeat(server::MAX_URI_LEN)),
    )
    .await;
    assert_html(&r, StatusCode::URI_TOO_LONG);
}

#[tokio::test]
async fn request_bodies_are_bounded() {
    let l = lib();
    let big = vec![b'x'; server::MAX_BODY_LEN + 1];
    let req = Request::post("/api/search?q=x")
        .header("content-length", big.len())
        .body(Body::from(big))
        .unwrap();
    let r = request(&l.state, req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(
        r.json()["error"],
        "request bodies are limited to 16384 bytes; this server only reads"
    );
    // A small body on a read-only route: method not allowed, nothing written.
    let req = Request::post("/api/search?q=x")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(
        request(&l.state, req).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn static_assets_are_embedded_and_nothing_else_is_served() {
    let l = lib();
    let r = get(&l.state, "/static/style.css").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "text/css; charset=utf-8");
    assert!(r.body.contains("@media print"));
    assert!(r.body.contains("@media (max-width: 30rem)"));
    let r = get(&l.state, "/static/search.js").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().starts_with("text/javascript"));
    for uri in [
        "/static/../../etc/passwd",
        "/static/..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..",
        "/static/",
        "/static/lib.rs",
        "/static/Cargo.toml",
    ] {
        let r = get(&l.state, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!r.body.contains("root:"), "{uri}");
    }
}

#[tokio::test]
async fn api_routes_return_the_library_view_types() {
    let l = lib();
    let r = get(&l.state, "/api/countries").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    let json = r.json();
    assert_eq!(json["countries"][0]["id"], "japan");
    assert_eq!(json["countries"][0]["books"][0]["data_as_of"], "1990-01");
    // Same shape as the library's own serialization (what the CLI prints).
    let expected = serde_json::json!({ "countries": l.state.library.countries().unwrap() });
    assert_eq!(json, expected);

    let r = get(&l.state, "/api/books/japan").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json(),
        serde_json::to_value(l.state.library.book("japan").unwrap()).unwrap()
    );

    let ids = japan_sections(&l.state);
    let r = get(&l.state, &format!("/api/sections/{}", ids[1].0)).await;
    assert_eq!(r.status, StatusCode::OK);
    let json = r.json();
    assert_eq!(json["section_title"], "Envoys");
    assert_eq!(
        json["paragraphs"][0], HOSTILE,
        "JSON carries the text as is"
    );
    assert_eq!(json["prev"]["id"], ids[0].0.as_str());

    let r = get(
        &l.state,
        "/api/search?q=railways&country=japan&as_of_from=1989&as_of_to=1990&limit=5&offset=0",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let json = r.json();
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["section_title"], "Meiji Restoration");
    assert_eq!(json["hits"][0]["data_as_of"], "1990-01");
    let hit = &json["hits"][0];
    assert!(
        hit["snippet"].as_str().unwrap().contains("railways"),
        "{hit}"
    );
    assert!(
        hit["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>railways</mark>"),
        "{hit}"
    );

    for uri in ["/api/books/nope", "/api/sections/nope"] {
        let r = get(&l.state, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r.content_type(), "application/json");
        assert!(r.json()["error"].as_str().unwrap().contains("\"nope\""));
    }
    let r = get(&l.state, "/healthz").await;
    assert_eq!(r.json(), serde_json::json!({"ok": true}));
}

#[tokio::test]
async fn cached_answers_are_dropped_when_the_library_changes() {
    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    let before = get(&state, "/api/search?q=volcano").await;
    assert_eq!(before.json()["total"], 0);
    let listing = get(&state, "/search?q=volcano").await;
    assert!(listing.body.contains("No sections match"));
    assert_eq!(before.headers["x-areabook-cache"], "miss");
    // The same answer again, now from the cache.
    let again = get(&state, "/api/search?q=volcano").await;
    assert_eq!(again.headers["x-areabook-cache"], "hit");
    assert_eq!(again.body, before.body);
    assert_eq!(again.content_type(), "application/json");
    assert!(again.headers.contains_key("content-security-policy"));

    // Another process ingests into the same library while the server runs.
    let mut writer = library::Library::open(dir.path()).unwrap();
    let mut page = pages::Page {
        path: None,
        url: None,
        kind: pages::PageKind::CountryStudy,
        reason: None,
        mirror: pages::Mirror::CrawlText,
        country: Some("Japan".into()),
        book: Some("Japan 2000".into()),
        section_title: Some("Volcanoes".into()),
        heading: None,
        data_as_of: Some(pages::AsOf {
            year: 2000,
            month: None,
        }),
        paragraphs: vec!["Mount Fuji is a volcano.".into()],
        fields: Vec::new(),
        section_kind: pages::SectionKind::Narrative,
        sequence: None,
    };
    page.sequence = Some(1);
    writer
        .ingest(&[library::Item::Page {
            page,
            provenance: library::Provenance {
                mirror: "allrefer".into(),
                url: None,
                path: None,
                label: None,
                seen_at: None,
            },
        }])
        .unwrap();
    drop(writer);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let after = get(&state, "/api/search?q=volcano").await;
    assert_eq!(after.headers["x-areabook-cache"], "miss");
    assert_eq!(after.json()["total"], 1, "{}", after.body);
    // The as-of cue now knows the newer Japan book.
    let ids = japan_sections(&state);
    let r = get(&state, &format!("/sections/{}", ids[0].0)).await;
    assert!(
        r.body
            .contains("10 years older than the newest source on Japan"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_empty_library_says_how_to_fill_it() {
    let dir = tempfile::tempdir().unwrap();
    drop(library::Library::open(dir.path()).unwrap());
    let state = server::AppState::new(library::Library::open_read_only(dir.path()).unwrap());
    let r = get(&state, "/").await;
    assert_html(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("The library is empty. Run <code>areabook ingest</code>")
    );
    let r = get(&state, "/api/countries").await;
    assert_eq!(r.json(), serde_json::json!({"countries": []}));
    let r = get(&state, "/search?q=anything").await;
    assert_html(&r, StatusCode::OK);
    assert!(r.body.contains("No sections match “anything”."));
}
