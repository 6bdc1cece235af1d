//! `/api/history` and `/api/diff` over a tiny archive of our own (`archive.rs`): the library's
//! `History` and `EditionDiff` as JSON (the shapes of `areabook history --json` and `diff
//! --json`), the history as CSV, names and codes, the defaults of a diff, the parameter
//! checks (400), unknown entities and fields (404 with suggestions), and a library without
//! editions.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::fixtures::archive::{HOSTILE_FIELD, editions};
use crate::fixtures::{Reply, get, invented};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = editions(dir.path());
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

#[tokio::test]
async fn a_history_is_the_librarys_field_history() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/history?country=Japan&field=Population").await);
    let want = l
        .state
        .library
        .field_history("Japan", "Population")
        .unwrap();
    assert_eq!(
        json,
        serde_json::to_value(&want).unwrap(),
        "the shape of --json"
    );
    assert_eq!(json["country"], "Japan");
    assert_eq!(json["field"], "Population");
    let first = &json["editions"][0];
    assert_eq!(
        first,
        &json!({
            "edition": 1990, "value": 120000000.0, "unit": "persons", "date_est": "1990-07",
            "text": "120,000,000 (July 1990), growth rate 0.5% (1990)",
            "name_then": null, "entity_then": "Nihon", "unchanged": false,
        })
    );
    let editions: Vec<u64> = json["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["edition"].as_u64().unwrap())
        .collect();
    assert_eq!(editions, [1990, 1991, 1992, 2025]);

    // A renamed field by its old name, the entity by its code, a former state by the name
    // its editions printed: the same answers.
    let ethnic = json_ok(&get(&l.state, "/api/history?country=JA&field=ethnic%20divisions").await);
    assert_eq!(ethnic["field"], "Ethnic groups");
    assert_eq!(ethnic["editions"][0]["name_then"], "Ethnic divisions");
    assert_eq!(
        ethnic["editions"][0]["text"], HOSTILE_FIELD,
        "JSON carries the text as written"
    );
    assert_eq!(ethnic["editions"][1]["unchanged"], true);
    assert_eq!(ethnic["editions"][2]["unchanged"], false);
    let su = json_ok(
        &get(
            &l.state,
            "/api/history?country=Soviet%20Union&field=Population",
        )
        .await,
    );
    assert_eq!(su["editions"].as_array().unwrap().len(), 2);
    // Empty format is JSON.
    let empty = json_ok(
        &get(
            &l.state,
            "/api/history?country=Japan&field=Population&format=",
        )
        .await,
    );
    assert_eq!(empty, json);
}

#[tokio::test]
async fn a_history_as_csv_has_a_row_per_edition() {
    let l = lib();
    let r = get(
        &l.state,
        "/api/history?country=Japan&field=Ethnic%20groups&format=csv",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.content_type(), "text/csv; charset=utf-8");
    let mut reader = csv::Reader::from_reader(r.body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        server::formats::HISTORY_CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][0], "1990");
    assert_eq!(&rows[0][7], HOSTILE_FIELD, "quotes and commas survive");
    assert_eq!(&rows[0][4], "Ethnic divisions");
    assert_eq!(&rows[0][5], "Nihon");
    assert_eq!((&rows[1][6], &rows[2][6]), ("true", "false"));
    let p = get(
        &l.state,
        "/api/history?country=Japan&field=Population&format=csv",
    )
    .await;
    assert!(
        p.body
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("1990,120000000,persons,1990-07,,Nihon,false,"),
        "{}",
        p.body
    );
}

#[tokio::test]
async fn a_diff_is_the_librarys_edition_diff() {
    let l = lib();
    let base = "/api/diff?country=Japan&from=1990&to=2025";
    let json = json_ok(&get(&l.state, base).await);
    let want = l
        .state
        .library
        .edition_diff("Japan", None, 1990, 2025)
        .unwrap();
    assert_eq!(
        json,
        serde_json::to_value(&want).unwrap(),
        "the shape of --json"
    );
    let fields: Vec<&str> = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["Capital", "Ethnic groups", "Population"]);
    let capital = &json["fields"][0]["ops"];
    assert_eq!(
        capital,
        &json!([{"op": "insert", "text": "Tokyo"}]),
        "new in 2025"
    );

    // One field, changed or not; its old name works too.
    let one = json_ok(
        &get(
            &l.state,
            "/api/diff?country=Japan&from=1990&to=1991&field=Ethnic%20divisions",
        )
        .await,
    );
    assert_eq!(
        one["fields"],
        json!([{"field": "Ethnic groups", "ops": [{"op": "equal", "text": HOSTILE_FIELD}]}])
    );
    // Unchanged fields are left out of a whole entry's diff.
    let same = json_ok(&get(&l.state, "/api/diff?country=Japan&from=1990&to=1991").await);
    assert!(
        same["fields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["field"] != "Ethnic groups")
    );
    // A diff of an edition with itself: nothing changed.
    let itself = json_ok(&get(&l.state, "/api/diff?country=Japan&from=1992&to=1992").await);
    assert_eq!(itself["fields"], json!([]));
}

#[tokio::test]
async fn a_diff_defaults_to_the_entitys_first_and_last_editions() {
    let l = lib();
    let d = |q: &str| {
        let uri = format!("/api/diff?country=Soviet%20Union{q}");
        let state = l.state.clone();
        async move {
            let j = json_ok(&get(&state, &uri).await);
            (j["from"].as_u64().unwrap(), j["to"].as_u64().unwrap())
        }
    };
    assert_eq!(d("").await, (1990, 1991));
    assert_eq!(d("&from=&to=&field=").await, (1990, 1991));
    assert_eq!(d("&to=1990").await, (1990, 1990));
    // A default never comes after the edition given: the entity's last edition is 1991.
    assert_eq!(d("&from=2000").await, (2000, 2000));
    assert_eq!(d("&from=1991&to=2025").await, (1991, 2025));
    let gone = json_ok(
        &get(
            &l.state,
            "/api/diff?country=Soviet%20Union&from=1991&to=2025",
        )
        .await,
    );
    assert!(
        gone["fields"][0]["ops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["op"] == "delete"),
        "a state that is gone by 2025 has every field deleted: {gone}"
    );
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let l = lib();
    for (uri, words) in [
        ("/api/history?field=Population", "country is required"),
        (
            "/api/history?country=&field=Population",
            "country is required",
        ),
        ("/api/history?country=Japan", "field is required"),
        (
            "/api/history?country=Japan&field=Population&format=xml",
            "format must be json or csv",
        ),
        (
            "/api/history?country=Japan&country=Japan&field=Population",
            "duplicate field",
        ),
        ("/api/diff", "country is required"),
        (
            "/api/diff?country=Japan&from=1989",
            "from must be an edition",
        ),
        ("/api/diff?country=Japan&to=2026", "to must be an edition"),
        (
            "/api/diff?country=Japan&from=19900",
            "from must be an edition",
        ),
        (
            "/api/diff?country=Japan&from=abcd",
            "from must be an edition",
        ),
        (
            "/api/diff?country=Japan&from=2025&to=1990",
            "from (2025) is after to (1990)",
        ),
    ] {
        let json = json_error(&get(&l.state, uri).await, 400);
        let message = json["error"].as_str().unwrap();
        assert!(message.contains(words), "{uri}: {message}");
    }
    let long = "x".repeat(201);
    for uri in [
        format!("/api/history?country={long}&field=Population"),
        format!("/api/history?country=Japan&field={long}"),
        format!("/api/diff?country=Japan&field={long}"),
    ] {
        let json = json_error(&get(&l.state, &uri).await, 400);
        assert!(
            json["error"].as_str().unwrap().contains("201 characters"),
            "{json}"
        );
    }
}

#[tokio::test]
async fn unknown_entities_and_fields_are_404_with_suggestions() {
    let l = lib();
    let json = json_error(
        &get(&l.state, "/api/history?country=Japn&field=Population").await,
        404,
    );
    assert_eq!(json["suggestions"][0], "Japan", "{json}");
    let json = json_error(
        &get(&l.state, "/api/history?country=Japan&field=Populaton").await,
        404,
    );
    assert_eq!(json["suggestions"][0], "Population", "{json}");
    assert!(
        json["error"].as_str().unwrap().contains("Populaton"),
        "{json}"
    );
    let json = json_error(
        &get(&l.state, "/api/diff?country=Japan&field=Etnic%20groups").await,
        404,
    );
    assert_eq!(json["suggestions"][0], "Ethnic groups", "{json}");
    // A name of spaces is looked up, and not found.
    json_error(&get(&l.state, "/api/diff?country=%20%20").await, 404);
}

#[tokio::test]
async fn a_library_without_editions_says_how_to_add_them() {
    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    for uri in [
        "/api/history?country=Japan&field=Population",
        "/api/diff?country=Japan&from=1990&to=2025",
    ] {
        let json = json_error(&get(&state, uri).await, 404);
        assert!(
            json["error"]
                .as_str()
                .unwrap()
                .contains("holds no World Factbook editions yet"),
            "{json}"
        );
    }
}
