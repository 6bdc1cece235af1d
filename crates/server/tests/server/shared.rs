//! The reader and the API over the real seed page and the Factbook: the seed page is the
//! Soviet Union study's section on Japan ("Northern Territories", "Data as of May 1989").

use axum::http::StatusCode;

use crate::fixtures::{SEED_LABEL, get, shared};

const SEED_SECTION: &str = "45960972b9752109";

#[tokio::test]
async fn listing_has_the_study_and_the_factbook() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("<a class=\"country\" href=\"/countries/soviet-union\">Soviet Union</a>")
    );
    assert!(r.body.contains(
        "<a href=\"/books/soviet-union\">Soviet Union</a> <span class=\"asof\">May 1989</span>"
    ));
    assert!(r.body.contains("<a href=\"/books/world-factbook-2025-rs\">The World Factbook 2025</a> <span class=\"asof\">2025</span>"));
    assert!(
        r.body.matches("<li").count() > 250,
        "every country is listed"
    );
}

#[tokio::test]
async fn search_then_section_page_shows_data_as_of_may_1989() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/search?q=Northern+Territories").await;
    assert_eq!(r.status, StatusCode::OK);
    let first_hit = r.body.find("<li class=\"hit\">").expect("a hit");
    let hit = &r.body[first_hit..];
    let href = format!("href=\"/sections/{SEED_SECTION}\"");
    assert!(
        hit[..hit.find("</li>").unwrap()].contains(&href),
        "the seed page is the first hit:\n{hit:.600}"
    );
    assert!(
        hit.contains(
            "Soviet Union · Soviet Union · <span class=\"asof\">Data as of May 1989</span>"
        )
    );
    assert!(hit.contains("<mark>Northern</mark> <mark>Territories</mark>"));

    let r = get(&state, &format!("/sections/{SEED_SECTION}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Data as of May 1989"));
    // The names in it link to their entity pages.
    let text = r.body.replace("</a>", "");
    let text: String = text
        .split("<a class=\"entity\" ")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                &part[part.find('>').unwrap() + 1..]
            }
        })
        .collect();
    assert!(
        text.contains("Stalin's absorption of the Northern Territories"),
        "{text}"
    );
    // The provenance names the seed file as readers may see it, never its absolute path.
    assert!(r.body.contains(&format!("<code>{SEED_LABEL}</code>")));
    assert!(!r.body.contains("/shared/data"), "{}", r.body);
    assert!(r.body.contains("<span class=\"mirror\">crawl-text</span>"));
    // Soviet Union has no newer source; the library's newest data is the 2025 Factbook.
    assert!(
        r.body.contains("the newest source on Soviet Union in this library. The newest data in the library, from 2025, is 36 years more recent."),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn factbook_book_and_section_pages() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/books/world-factbook-2025-rs").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<p class=\"kicker\">World Factbook</p>"));
    // A Factbook chapter heading opens the whole chapter.
    assert!(r.body.contains(
        "<a class=\"group\" href=\"/books/world-factbook-2025-rs/chapters/Geography\">Geography</a>"
    ));
    let at = r.body.find(">Location</a>").expect("Location in the TOC");
    let id_start = r.body[..at].rfind("/sections/").unwrap() + "/sections/".len();
    let id = &r.body[id_start..at - 1];
    let r = get(&state, &format!("/sections/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{id}");
    assert!(r.body.contains("<h1>Location</h1>"));
    assert!(r.body.contains("<a href=\"/countries/russia\">Russia</a>"));
    assert!(r.body.contains("Data as of 2025"));
    assert!(
        r.body
            .contains("<span class=\"mirror\">factbook-wheel</span>")
    );
    assert!(r.body.contains("rel=\"next\""));
}

#[tokio::test]
async fn api_search_filters_over_the_factbook() {
    let Some(state) = shared() else { return };
    let json = get(&state, "/api/search?q=Northern+Territories&limit=50")
        .await
        .json();
    assert!(json["total"].as_u64().unwrap() > 1);
    assert_eq!(json["hits"][0]["section_id"], SEED_SECTION);
    let json = get(&state, "/api/search?q=Northern+Territories&as_of_to=1998")
        .await
        .json();
    assert_eq!(json["total"], 1);
    let json = get(
        &state,
        "/api/search?q=Northern+Territories&as_of_from=2000&limit=3",
    )
    .await
    .json();
    assert!(
        json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["data_as_of"] == "2025")
    );
    assert_eq!(json["hits"].as_array().unwrap().len(), 3);
    let page2 = get(
        &state,
        "/api/search?q=Northern+Territories&as_of_from=2000&limit=3&offset=3",
    )
    .await
    .json();
    assert_ne!(
        page2["hits"][0]["section_id"],
        json["hits"][0]["section_id"]
    );
    assert_eq!(page2["total"], json["total"]);
    let json = get(&state, "/api/search?q=Kuril&country=Russia")
        .await
        .json();
    assert!(
        json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["country"] == "Russia"),
        "{json}"
    );
}
