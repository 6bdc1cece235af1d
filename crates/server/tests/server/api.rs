//! The JSON API beyond its description (see `openapi.rs`): every CLI search filter reaches
//! the library, the offset rule, hits that agree with their sections, the index at `/api`,
//! `/api/books`, `/api/countries/{id}`, `/api/books/{id}/chapters/{heading}`, and 404s that
//! carry the library's suggestions.

use axum::http::StatusCode;
use library::{Item, Library, Provenance};
use pages::{AsOf, Mirror, Page, PageKind, SectionKind};
use serde_json::Value;

use crate::fixtures::{Reply, get, invented, shared};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    Lib { _dir: dir, state }
}

fn json_ok(r: &Reply) -> Value {
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.content_type(), "application/json");
    r.json()
}

fn json_error(r: &Reply, status: u16) -> Value {
    assert_eq!(r.status.as_u16(), status, "{}", r.body);
    assert_eq!(r.content_type(), "application/json");
    let json = r.json();
    assert_eq!(json["status"], status, "{json}");
    json
}

fn book_ids(json: &Value) -> Vec<&str> {
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["book_id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn search_filters_by_book() {
    let l = lib();
    // "the" is in every section: three in book "japan", one in "japan-revisited".
    let all = json_ok(&get(&l.state, "/api/search?q=the").await);
    assert_eq!(all["total"], 4, "{all}");
    let revisited = json_ok(&get(&l.state, "/api/search?q=the&book=japan-revisited").await);
    assert_eq!(revisited["total"], 1, "{revisited}");
    assert_eq!(book_ids(&revisited), ["japan-revisited"]);
    let japan = json_ok(&get(&l.state, "/api/search?q=the&book=japan").await);
    assert_eq!(japan["total"], 3, "{japan}");
    assert!(book_ids(&japan).iter().all(|b| *b == "japan"), "{japan}");
    // Empty means not given, as in a form.
    let empty = json_ok(&get(&l.state, "/api/search?q=the&book=").await);
    assert_eq!(empty["total"], 4);
    // An unknown book is a 404 naming the closest ones.
    let e = json_error(
        &get(&l.state, "/api/search?q=the&book=japan-revisted").await,
        404,
    );
    assert!(e["error"].as_str().unwrap().contains("no book"), "{e}");
    assert_eq!(e["suggestions"][0], "japan-revisited", "{e}");
}

#[tokio::test]
async fn search_filters_by_book_on_the_reader_too() {
    // The reader's /search parses its parameters with the same function.
    let l = lib();
    let r = get(&l.state, "/search?q=the&book=japan-revisited").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(">Economy</a>"), "{}", r.body);
    assert!(!r.body.contains(">Meiji Restoration</a>"), "{}", r.body);
    let r = get(&l.state, "/search?q=the&book=nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_takes_country_ids_names_and_codes() {
    let l = lib();
    for country in [
        "japan",
        "Japan",
        "JAPAN",
        "JP",
        "jp",
        "JPN",
        "JA",
        "%20Japan%20",
    ] {
        let json = json_ok(&get(&l.state, &format!("/api/search?q=the&country={country}")).await);
        assert_eq!(json["total"], 4, "{country}: {json}");
    }
    let e = json_error(&get(&l.state, "/api/search?q=the&country=Japn").await, 404);
    assert!(
        e["suggestions"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Japan")),
        "{e}"
    );
}

#[tokio::test]
async fn search_as_of_years_are_four_digits() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/search?q=the&as_of_from=1994").await);
    assert_eq!(json["total"], 1);
    let json = json_ok(&get(&l.state, "/api/search?q=the&as_of_to=1990").await);
    assert_eq!(json["total"], 3);
    for uri in [
        "/api/search?q=the&as_of_from=89",
        "/api/search?q=the&as_of_to=94",
        "/api/search?q=the&as_of_from=0999",
        "/api/search?q=the&as_of_to=10000",
    ] {
        let e = json_error(&get(&l.state, uri).await, 400);
        assert!(
            e["error"].as_str().unwrap().contains("four-digit year"),
            "{uri}: {e}"
        );
    }
}

#[tokio::test]
async fn offset_past_the_last_hit_is_an_empty_page_and_over_10000_a_400() {
    let l = lib();
    // One rule on every surface: past the last hit, the total and no hits.
    for offset in [4, 5, 100, server::MAX_OFFSET] {
        let json = json_ok(&get(&l.state, &format!("/api/search?q=the&offset={offset}")).await);
        assert_eq!(
            json,
            serde_json::json!({"total": 4, "hits": []}),
            "{offset}"
        );
        let r = get(&l.state, &format!("/search?q=the&offset={offset}")).await;
        assert_eq!(r.status, StatusCode::OK, "reader, offset {offset}");
    }
    let json = json_ok(&get(&l.state, "/api/search?q=the&offset=3").await);
    assert_eq!(json["hits"].as_array().unwrap().len(), 1);
    // Over the bound: a usage error, on the API and the reader alike.
    let over = server::MAX_OFFSET + 1;
    let e = json_error(
        &get(&l.state, &format!("/api/search?q=the&offset={over}")).await,
        400,
    );
    assert!(
        e["error"]
            .as_str()
            .unwrap()
            .contains("offset must be at most 10000"),
        "{e}"
    );
    let r = get(&l.state, &format!("/search?q=the&offset={over}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // The library draws the line at the same place.
    let q = |offset| library::SearchQuery {
        text: "the".into(),
        limit: 10,
        offset,
        ..Default::default()
    };
    assert!(q(server::MAX_OFFSET).validate().is_ok());
    assert!(matches!(
        q(over).validate(),
        Err(library::Error::Argument { name: "offset", .. })
    ));
}

/// A library with a section whose source gives no title (its heading stands in) and one
/// with neither title nor heading (its opening words stand in).
fn untitled(dir: &std::path::Path) -> server::AppState {
    let page = |title: Option<&str>, heading: Option<&str>, text: &str, seq| Item::Page {
        page: Page {
            path: None,
            url: None,
            kind: PageKind::CountryStudy,
            reason: None,
            mirror: Mirror::CrawlText,
            country: Some("Chile".into()),
            book: Some("Chile".into()),
            section_title: title.map(str::to_owned),
            heading: heading.map(str::to_owned),
            data_as_of: Some(AsOf {
                year: 1994,
                month: Some(3),
            }),
            paragraphs: vec![text.to_owned()],
            fields: Vec::new(),
            section_kind: SectionKind::Narrative,
            sequence: Some(seq),
        },
        provenance: Provenance {
            mirror: "crawl-text".into(),
            url: None,
            path: None,
            label: None,
            seen_at: None,
        },
    };
    let mut lib = Library::open(dir).unwrap();
    lib.ingest(&[
        page(
            None,
            Some("The Economy"),
            "Copper mines in the northern desert fed the treasury.",
            1,
        ),
        page(
            None,
            None,
            "Copper prices rose and the desert towns grew.",
            2,
        ),
        page(
            Some("Copper"),
            Some("The Economy"),
            "Copper is the largest export by far in the desert north.",
            3,
        ),
    ])
    .unwrap();
    drop(lib);
    server::AppState::new(Library::open_read_only(dir).unwrap())
}

#[tokio::test]
async fn hits_carry_ids_and_titles_as_their_sections_do() {
    let dir = tempfile::tempdir().unwrap();
    let state = untitled(dir.path());
    let json = json_ok(&get(&state, "/api/search?q=copper+desert").await);
    assert_eq!(json["total"], 3, "{json}");
    let mut titles = Vec::new();
    for hit in json["hits"].as_array().unwrap() {
        let id = hit["section_id"].as_str().unwrap();
        let section = json_ok(&get(&state, &format!("/api/sections/{id}")).await);
        for key in [
            "book_id",
            "book",
            "country_id",
            "country",
            "section_title",
            "display_title",
            "data_as_of",
        ] {
            assert_eq!(hit[key], section[key], "{key} of {id}: {hit} vs {section}");
        }
        assert_eq!(hit["book_id"], "chile");
        assert_eq!(hit["country_id"], "chile");
        // The ids lead somewhere.
        json_ok(
            &get(
                &state,
                &format!("/api/books/{}", hit["book_id"].as_str().unwrap()),
            )
            .await,
        );
        json_ok(
            &get(
                &state,
                &format!("/api/countries/{}", hit["country_id"].as_str().unwrap()),
            )
            .await,
        );
        // Plain text, code-point ranges into it, and the same as HTML.
        let snippet = hit["snippet"].as_str().unwrap();
        let chars = snippet.chars().count() as u64;
        for range in hit["highlights"].as_array().unwrap() {
            let (start, end) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            assert!(start < end && end <= chars, "{hit}");
        }
        assert!(
            hit["snippet_html"].as_str().unwrap().contains("<mark>"),
            "{hit}"
        );
        titles.push((hit["section_title"].clone(), hit["display_title"].clone()));
    }
    titles.sort_by_key(|t| t.1.to_string());
    assert_eq!(
        titles,
        [
            (Value::from("Copper"), Value::from("Copper")),
            (Value::Null, Value::from("The Economy")),
            (
                Value::Null,
                Value::from("“Copper prices rose and the desert towns grew.”")
            ),
        ],
        "section_title is null when the source gives none; display_title is always there"
    );
}

#[tokio::test]
async fn api_index_lists_the_description_and_every_route() {
    let l = lib();
    let index = json_ok(&get(&l.state, "/api").await);
    assert_eq!(index["openapi"], "/api/openapi.json");
    let spec = json_ok(&get(&l.state, "/api/openapi.json").await);
    let listed: Vec<&str> = index["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let documented: Vec<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(listed, documented);
    let search = index["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "/api/search")
        .unwrap();
    assert_eq!(search["method"], "GET");
    assert_eq!(search["example"], "/api/search?q=Northern%20Territories");
    assert_eq!(
        search["parameters"],
        serde_json::json!([
            "q",
            "country",
            "book",
            "as_of_from",
            "as_of_to",
            "limit",
            "offset"
        ])
    );
    // A wrong path under /api says where the list is.
    let e = json_error(&get(&l.state, "/api/nope").await, 404);
    assert!(e["error"].as_str().unwrap().contains("GET /api"), "{e}");
}

#[tokio::test]
async fn api_index_examples_answer_200_on_the_shared_library() {
    let Some(state) = shared() else { return };
    let index = json_ok(&get(&state, "/api").await);
    for route in index["routes"].as_array().unwrap() {
        let example = route["example"].as_str().unwrap();
        let r = get(&state, example).await;
        assert_eq!(r.status, StatusCode::OK, "{example}: {:.300}", r.body);
    }
}

#[tokio::test]
async fn books_lists_every_book_or_one_countrys() {
    let l = lib();
    let all = json_ok(&get(&l.state, "/api/books").await);
    assert_eq!(
        all,
        serde_json::json!({ "books": l.state.library.books(None).unwrap() }),
        "the shape of `areabook books --json`"
    );
    assert_eq!(all["books"].as_array().unwrap().len(), 2);
    assert_eq!(json_ok(&get(&l.state, "/api/books?country=").await), all);
    for country in ["japan", "Japan", "JP", "JPN", "JA"] {
        let json = json_ok(&get(&l.state, &format!("/api/books?country={country}")).await);
        assert_eq!(json, all, "{country}");
    }
    let e = json_error(&get(&l.state, "/api/books?country=Japn").await, 404);
    assert!(e["error"].as_str().unwrap().contains("did you mean"), "{e}");
    assert!(
        e["suggestions"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Japan"))
    );
    json_error(&get(&l.state, "/api/books?country=a&country=b").await, 400);
}

#[tokio::test]
async fn country_detail_by_id_name_or_code() {
    let l = lib();
    let expected = serde_json::to_value(l.state.library.country("japan").unwrap()).unwrap();
    for id in ["japan", "Japan", "JP", "JPN", "JA"] {
        let json = json_ok(&get(&l.state, &format!("/api/countries/{id}")).await);
        assert_eq!(json, expected, "{id}");
    }
    assert_eq!(expected["id"], "japan");
    assert_eq!(expected["books"].as_array().unwrap().len(), 2);
    let e = json_error(&get(&l.state, "/api/countries/Japn").await, 404);
    assert!(
        e["suggestions"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Japan")),
        "{e}"
    );
    // A path that is not UTF-8 is a JSON 400, not axum's plain text.
    let e = json_error(&get(&l.state, "/api/countries/%FF").await, 400);
    assert!(e["error"].as_str().unwrap().contains("bad path"), "{e}");
}

#[tokio::test]
async fn country_detail_over_the_factbook_has_facts_and_successions() {
    let Some(state) = shared() else { return };
    let ussr = json_ok(&get(&state, "/api/countries/ussr").await);
    assert_eq!(ussr["id"], "soviet-union");
    let successors: Vec<&str> = ussr["successors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(successors.contains(&"russia"), "{ussr}");
    let russia = json_ok(&get(&state, "/api/countries/RU").await);
    assert_eq!(russia["predecessors"][0]["id"], "soviet-union", "{russia}");
    assert!(russia["background"]["value"].as_str().unwrap().len() > 40);
    assert!(!russia["key_facts"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn chapter_reads_one_heading_of_a_book() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/books/japan/chapters/Historical%20Setting").await);
    assert_eq!(
        json,
        serde_json::to_value(
            l.state
                .library
                .chapter("japan", "Historical Setting")
                .unwrap()
        )
        .unwrap()
    );
    let titles: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Early Settlement", "Envoys", "Meiji Restoration"]);
    // Case-insensitive; the answer spells the heading as the book does.
    let json = json_ok(&get(&l.state, "/api/books/japan/chapters/historical%20setting").await);
    assert_eq!(json["heading"], "Historical Setting");
    let e = json_error(
        &get(&l.state, "/api/books/japan/chapters/Economy").await,
        404,
    );
    assert_eq!(
        e["suggestions"],
        serde_json::json!(["Historical Setting"]),
        "{e}"
    );
    let e = json_error(
        &get(&l.state, "/api/books/japn/chapters/Economy").await,
        404,
    );
    assert!(e["error"].as_str().unwrap().contains("no book"), "{e}");
}

#[tokio::test]
async fn chapter_of_the_factbook() {
    let Some(state) = shared() else { return };
    let json = json_ok(
        &get(
            &state,
            "/api/books/world-factbook-2025-ja/chapters/geography",
        )
        .await,
    );
    assert_eq!(json["heading"], "Geography");
    assert_eq!(json["country_id"], "japan");
    let anchors: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["anchor"].as_str().unwrap())
        .collect();
    assert!(anchors.contains(&"area"), "{anchors:?}");
}

#[tokio::test]
async fn search_in_one_book_of_the_shared_library() {
    // The example: Japan is all over the Factbook, but only one hit is in the study.
    let Some(state) = shared() else { return };
    let all = json_ok(&get(&state, "/api/search?q=Japan&limit=200").await);
    assert!(
        book_ids(&all).iter().any(|b| *b != "soviet-union"),
        "{all:.300}"
    );
    let json = json_ok(&get(&state, "/api/search?q=Japan&book=soviet-union&limit=200").await);
    assert!(json["total"].as_u64().unwrap() >= 1, "{json}");
    assert!(
        book_ids(&json).iter().all(|b| *b == "soviet-union"),
        "{json}"
    );
    for country in ["ussr", "Soviet", "soviet-union", "Soviet%20Union", "SUN"] {
        let json = json_ok(&get(&state, &format!("/api/search?q=Japan&country={country}")).await);
        assert_eq!(json["total"], 1, "{country}: {json}");
    }
    for country in ["JP", "JPN", "JA", "japan"] {
        let json = json_ok(&get(&state, &format!("/api/search?q=Tokyo&country={country}")).await);
        assert!(json["total"].as_u64().unwrap() >= 1, "{country}: {json}");
        assert!(
            json["hits"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h["country_id"] == "japan"),
            "{country}: {json}"
        );
    }
}
