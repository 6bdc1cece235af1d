//! The relations pages (`/relations/{a}/{b}`): events in time order with their trigger words
//! marked and everything else escaped, links to the exact paragraph, the server-drawn chart
//! (cells that filter by type and period), type filters, pages, redirects, 400 and 404 pages;
//! and the partners on the country and entity pages.

use axum::http::StatusCode;

use crate::fixtures::related;
use crate::{assert_page, element, get, position, visible};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = related(dir.path());
    Lib { _dir: dir, state }
}

/// The date labels of the events on a page, in order.
fn whens(body: &str) -> Vec<String> {
    body.match_indices("<p class=\"when\">")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            let label = visible(&rest[..rest.find("</p>").unwrap()]);
            label.replace("date of an earlier sentence", "")
        })
        .collect()
}

#[tokio::test]
async fn a_pair_page_lists_its_events_as_a_timeline() {
    let l = lib();
    let r = get(&l.state, "/relations/soviet-union/japan").await;
    assert_page(&r, StatusCode::OK);
    let body = &r.body;
    assert_eq!(
        visible(element(body, "<h1>", "</h1>")),
        "Soviet Union and Japan"
    );
    assert!(visible(body).contains("Soviet Union (SUN, RUS) and Japan (JPN)"));
    // In time order, the attack that did not happen left out.
    let whens = whens(body);
    assert_eq!(
        whens.first().map(String::as_str),
        Some("1904–1905"),
        "{whens:?}"
    );
    assert!(whens.iter().any(|w| w == "1986-01"), "{whens:?}");
    assert!(whens.iter().all(|w| w != "1960"), "{whens:?}");
    let mut sorted = whens.clone();
    sorted.sort();
    assert_eq!(whens, sorted);
    // The trigger marked, the type, the actors linked, the paragraph linked.
    assert!(
        body.contains("visited</mark> Tokyo in January 1986"),
        "{body}"
    );
    let visit = &body[position(body, "<mark>visited</mark>")..];
    let visit = &visit[..visit.find("</li>").unwrap()];
    assert!(visible(visit).contains("CONSULT / visit"), "{visit}");
    assert!(visit.contains("href=\"/entities/"), "{visit}");
    assert!(visit.contains("#p2\""), "{visit}");
    assert!(
        visible(visit).contains("Soviet Union: A Country Study"),
        "{visit}"
    );
    // Escaped by construction.
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(!body.contains("<b>bold"), "{body}");
    assert!(
        body.contains("<mark>protested</mark> against the Soviet Union in 1975 &lt;script&gt;")
    );
    // The chart: a cell per type and decade, each a link that filters.
    let chart = element(body, "<svg class=\"relations-chart\"", "</svg>");
    assert!(
        chart.contains("FIGHT, 1900s: 2 events") || chart.contains("FIGHT, 1900s: 1 event"),
        "{chart}"
    );
    assert!(
        chart.contains(
            "href=\"/relations/soviet-union/japan?type=FIGHT&amp;from=1900&amp;to=1909\""
        ),
        "{chart}"
    );
    assert!(
        body.contains("href=\"/relations/soviet-union/japan?type=CONSULT\""),
        "{body}"
    );
    assert!(body.contains("href=\"/api/relations?a=soviet-union&amp;b=japan&amp;limit=2000\""));
}

#[tokio::test]
async fn filters_redirects_and_errors() {
    let l = lib();
    let r = get(
        &l.state,
        "/relations/soviet-union/japan?type=FIGHT&from=1900&to=1909",
    )
    .await;
    assert_page(&r, StatusCode::OK);
    assert_eq!(
        visible(element(&r.body, "<h1>", "</h1>")),
        "Soviet Union and Japan, FIGHT, 1900–1909"
    );
    assert!(whens(&r.body).iter().all(|w| w == "1904–1905"));
    assert!(
        r.body
            .contains("← All events between Soviet Union and Japan")
    );
    // Names and codes redirect to the ids, the query string kept.
    let r = get(&l.state, "/relations/Soviet%20Union/JPN?type=FIGHT").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        r.headers["location"],
        "/relations/soviet-union/japan?type=FIGHT"
    );
    // An unknown state: a 404 page naming it, with the closest names linked.
    let r = get(&l.state, "/relations/soviet-union/Japn").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(visible(&r.body).contains("Japn"), "{}", r.body);
    assert!(
        r.body.contains("href=\"/relations/soviet-union/Japan\""),
        "{}",
        r.body
    );
    // Parameters that cannot be used: a 400 page that says why.
    for (query, says) in [
        ("from=19", "four-digit year"),
        ("from=1990&to=1980", "after to"),
        ("type=war", "PLOVER event type"),
        ("page=0", "must be a whole number"),
    ] {
        let r = get(&l.state, &format!("/relations/soviet-union/japan?{query}")).await;
        assert_page(&r, StatusCode::BAD_REQUEST);
        assert!(visible(&r.body).contains(says), "{query}: {}", r.body);
    }
    // Nothing in a period: said so, with a way on.
    let r = get(&l.state, "/relations/soviet-union/japan?from=1700&to=1799").await;
    assert_page(&r, StatusCode::OK);
    assert!(visible(&r.body).contains("No events between Soviet Union and Japan, 1700–1799"));
}

#[tokio::test]
async fn country_and_entity_pages_rank_partners() {
    let l = lib();
    let r = get(&l.state, "/countries/soviet-union").await;
    assert_page(&r, StatusCode::OK);
    let partners = element(&r.body, "<ol class=\"partners\">", "</ol>");
    let japan = position(partners, "href=\"/relations/soviet-union/japan\"");
    let china = position(partners, "href=\"/relations/soviet-union/china\"");
    assert!(japan < china, "{partners}");
    assert!(visible(partners).contains("Japan · "), "{partners}");
    let r = get(&l.state, "/countries/japan").await;
    assert!(
        r.body.contains("href=\"/relations/japan/soviet-union\""),
        "{}",
        r.body
    );
    // The Soviet Union's entity page too.
    let id = l
        .state
        .library
        .resolve_entity("Soviet Union")
        .unwrap()
        .id
        .clone();
    let r = get(&l.state, &format!("/entities/{id}")).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("href=\"/relations/soviet-union/japan\""),
        "{}",
        r.body
    );
    // A place has none.
    let id = l.state.library.resolve_entity("Tokyo").unwrap().id.clone();
    let r = get(&l.state, &format!("/entities/{id}")).await;
    assert!(!r.body.contains("class=\"partners\""));
}
