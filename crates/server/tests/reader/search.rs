//! `/search`: errors explained inside the search page with the query and filters kept,
//! every CLI filter in the form, one rule for offsets, counts that agree with their nouns.

use axum::http::StatusCode;

use crate::{assert_page, get, library, position, visible};

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The explanation shown above the form.
fn explanation(body: &str) -> String {
    let start = position(
        body,
        "<p class=\"error\" id=\"search-error\" role=\"alert\">",
    );
    let end = body[start..].find("</p>").unwrap() + start;
    visible(&body[start..end])
}

#[tokio::test]
async fn unreadable_queries_are_explained_in_the_search_page_with_query_and_filters_kept() {
    let l = library();
    let deep = format!("{}a{}", "(".repeat(9), ")".repeat(9));
    let many: Vec<String> = (0..65).map(|i| format!("w{i}")).collect();
    let many = many.join(" ");
    let long = "a ".repeat(600);
    for (q, needle) in [
        ("title:", "title: needs a word"),
        ("-japan -lagoon", "only excludes words"),
        ("   ", "the search box is empty"),
        (deep.as_str(), "nested more than 8 deep"),
        (many.as_str(), "more than 64 words or phrases"),
        (long.trim(), "the limit is 1000"),
    ] {
        let uri = format!(
            "/search?q={}&country=japan&as_of_from=1989&as_of_to=1995",
            encode(q)
        );
        let r = get(&l.state, &uri).await;
        assert_page(&r, StatusCode::BAD_REQUEST);
        let b = &r.body;
        // The normal search page, not a bare "400 Bad Request" page.
        assert!(b.contains("<h1>Search</h1>"), "{q:?}: {b}");
        assert!(!b.contains("Bad Request"), "{q:?}: {b}");
        assert!(b.contains("<form class=\"search-full\""), "{q:?}");
        let why = explanation(b);
        assert!(why.contains(needle), "{q:?}: {why}");
        // The query is still in the box (the form's and the header's), escaped.
        let value = format!(
            "value=\"{}\"",
            q.trim().replace('&', "&amp;").replace('"', "&quot;")
        );
        assert!(b.contains(&format!("name=\"q\" {value}")), "{q:?}: {b}");
        assert!(b.contains("aria-invalid=\"true\""), "{q:?}");
        // The filters are kept.
        assert!(
            b.contains("<option value=\"japan\" selected>Japan</option>"),
            "{q:?}"
        );
        assert!(b.contains("placeholder=\"1986\" value=\"1989\""), "{q:?}");
        assert!(b.contains("placeholder=\"2025\" value=\"1995\""), "{q:?}");
        // And how to write a query.
        assert!(b.contains("All words must match"), "{q:?}");
    }
}

#[tokio::test]
async fn numbers_out_of_range_are_explained_in_the_search_page() {
    let l = library();
    for (params, needle) in [
        ("limit=0", "limit must be between 1 and 200"),
        ("limit=500", "limit must be between 1 and 200"),
        ("limit=ten", "limit must be a whole number"),
        ("as_of_from=89", "four-digit year"),
        ("as_of_from=1995&as_of_to=1990", "after as_of_to"),
        ("offset=-1", "offset must be a whole number"),
    ] {
        let r = get(&l.state, &format!("/search?q=lagoon&{params}")).await;
        assert_page(&r, StatusCode::BAD_REQUEST);
        assert!(
            explanation(&r.body).to_lowercase().contains(needle),
            "{params}: {}",
            r.body
        );
        assert!(r.body.contains("name=\"q\" value=\"lagoon\""), "{params}");
    }
    // A limit that is not one of the offered choices stays chosen.
    let r = get(&l.state, "/search?q=lagoon&limit=500").await;
    assert!(
        r.body
            .contains("<option value=\"500\" selected>500</option>")
    );
    assert!(r.body.contains("<details class=\"paging\" open>"));
    // A parameter given twice: the page explains, with an empty form to search again.
    let r = get(&l.state, "/search?q=a&q=b").await;
    assert_page(&r, StatusCode::BAD_REQUEST);
    assert!(
        explanation(&r.body).contains("cannot be read"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_unknown_country_or_book_is_a_404_search_page_with_suggestions() {
    let l = library();
    let r = get(&l.state, "/search?q=lagoon&country=Japn").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    let why = explanation(&r.body);
    assert!(why.contains("No country \"Japn\""), "{why}");
    assert!(why.contains("did you mean \"Japan\"?"), "{why}");
    // Kept as typed, so it can be corrected.
    assert!(
        r.body
            .contains("<option value=\"Japn\" selected>Japn</option>")
    );
    let r = get(&l.state, "/search?q=lagoon&book=japan-revisted").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(explanation(&r.body).contains("No book \"japan-revisted\""));
    assert!(r.body.contains("value=\"japan-revisted\""));
}

#[tokio::test]
async fn every_cli_filter_is_in_the_form_and_the_book_filter_works() {
    let l = library();
    // No country: the book is a text field; with a country, a select of its books.
    let r = get(&l.state, "/search").await;
    assert_page(&r, StatusCode::OK);
    for name in [
        "q",
        "country",
        "book",
        "as_of_from",
        "as_of_to",
        "limit",
        "offset",
    ] {
        assert!(r.body.contains(&format!("name=\"{name}\"")), "{name}");
    }
    assert!(r.body.contains("<input id=\"book\" name=\"book\""));
    let r = get(&l.state, "/search?q=the&country=Japan").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("<select id=\"book\" name=\"book\">"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<option value=\"japan-revisited\">Japan Revisited (June 1994)</option>")
    );
    // Only the chosen book's sections.
    let r = get(&l.state, "/search?q=the&country=japan&book=japan-revisited").await;
    assert_page(&r, StatusCode::OK);
    assert!(r.body.contains(">Economy</a>"), "{}", r.body);
    assert!(!r.body.contains("Quoted"), "{}", r.body);
    assert!(r.body.contains(
        "<option value=\"japan-revisited\" selected>Japan Revisited (June 1994)</option>"
    ));
    assert!(r.body.contains("1 result for “the”"), "{}", r.body);
    // A country given as an alias or code selects that country.
    let r = get(&l.state, "/search?q=railways&country=ussr").await;
    assert!(
        r.body
            .contains("<option value=\"soviet-union\" selected>Soviet Union</option>"),
        "{}",
        r.body
    );
    // Pagination keeps the book and every other filter.
    let r = get(
        &l.state,
        "/search?q=lagoon&book=japan&as_of_to=1999&limit=1",
    )
    .await;
    assert!(
        r.body.contains(
            "href=\"/search?q=lagoon&amp;book=japan&amp;as_of_to=1999&amp;limit=1&amp;offset=1\">Next →</a>"
        ),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_offset_past_the_last_hit_is_an_empty_page_that_links_to_the_last_one() {
    let l = library();
    // "lagoon" is in three sections: pages of two are 1–2 and 3.
    let r = get(&l.state, "/search?q=lagoon&country=japan&limit=2&offset=40").await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(
        b.contains("No results on this page: “lagoon” has 3 results, and this page would start at result 41."),
        "{b}"
    );
    assert!(
        b.contains("<a href=\"/search?q=lagoon&amp;country=japan&amp;limit=2&amp;offset=2\">Go to the last page of results (Result 3 of 3)</a>"),
        "{b}"
    );
    assert!(!b.contains("<li class=\"hit\">"));
    // Past 10,000: refused, and explained in the page.
    let r = get(&l.state, "/search?q=lagoon&offset=10001").await;
    assert_page(&r, StatusCode::BAD_REQUEST);
    let why = explanation(&r.body);
    assert!(why.contains("after result 10,001"), "{why}");
    assert!(why.contains("up to the 10,000th"), "{why}");
    assert!(why.contains("Narrow the search"), "{why}");
    assert!(r.body.contains("placeholder=\"0\" value=\"10001\""));
    // Exactly 10,000 is allowed: an empty page with the way back.
    let r = get(&l.state, "/search?q=lagoon&offset=10000").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("Go to the last page of results (Results 1–3 of 3)")
    );
}

#[tokio::test]
async fn counts_agree_with_their_nouns() {
    let l = library();
    let r = get(&l.state, "/search?q=railways").await;
    assert!(
        r.body
            .contains("<p class=\"count\">1 result for “railways”</p>"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("1–1 of 1"));
    let r = get(&l.state, "/search?q=lagoon").await;
    assert!(
        r.body.contains("Results 1–3 of 3 for “lagoon”"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/search?q=lagoon&limit=2&offset=2").await;
    assert!(r.body.contains("Result 3 of 3 for “lagoon”"), "{}", r.body);
    assert!(r.body.contains("Page 2 of 2"));
    let r = get(&l.state, "/search?q=volcano").await;
    assert_page(&r, StatusCode::OK);
    assert!(r.body.contains("No sections match “volcano”."));
    assert!(crate::meta_description(&r.body).starts_with("0 sections"));
}
