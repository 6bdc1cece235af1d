//! `/api/timeline` and `/api/sections/{id}/citation` over dated pages of our own: the
//! library's timeline as JSON, its entries as CSV and TimelineJS, the years over the whole
//! timeline, the parameter checks (400) and unknown states (404), and a citation in its
//! three formats.

use axum::http::StatusCode;
use serde_json::Value;

use crate::fixtures::{HOSTILE_DATED, Reply, dated, get, many_dated};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = dated(dir.path());
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

fn labels(json: &Value) -> Vec<&str> {
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect()
}

fn query(country: Option<&str>, pair: Option<(&str, &str)>) -> library::TimelineQuery {
    library::TimelineQuery {
        country: country.map(str::to_owned),
        pair: pair.map(|(a, b)| (a.to_owned(), b.to_owned())),
        limit: 100,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_country_timeline_is_the_librarys_in_time_order() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/timeline?country=japan").await);
    let want = l
        .state
        .library
        .timeline(&query(Some("japan"), None))
        .unwrap();
    assert_eq!(
        json,
        serde_json::to_value(&want).unwrap(),
        "the shape of --json"
    );
    assert_eq!(
        labels(&json),
        ["1853", "1871", "1904–1905", "1910", "1941", "1945-08"]
    );
    assert_eq!(json["total"], 6);
    assert_eq!(
        json["states"],
        serde_json::json!([{"id": "japan", "name": "Japan"}])
    );
    // Names, aliases and codes all mean Japan.
    for c in ["Japan", "JP", "JPN", "%20japan%20"] {
        let other = json_ok(&get(&l.state, &format!("/api/timeline?country={c}")).await);
        assert_eq!(other, json, "{c}");
    }
    // The inherited state is marked as such.
    let e1910 = &json["entries"][3];
    assert_eq!(e1910["countries"], serde_json::json!(["Russia"]));
    assert_eq!(e1910["from_context"], true);
}

#[tokio::test]
async fn a_pair_timeline_and_a_query_timeline() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/timeline?a=Soviet%20Union&b=Japan").await);
    assert_eq!(labels(&json), ["1941", "1945-08"]);
    let names: Vec<&str> = json["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Soviet Union", "Japan"]);
    // The sections a search finds.
    let json = json_ok(&get(&l.state, "/api/timeline?q=envoys").await);
    assert_eq!(labels(&json), ["1871"]);
    assert_eq!(json["query"], "envoys");
    assert_eq!(json["entries"][0]["sentence"], HOSTILE_DATED);
    assert_eq!(json["entries"][0]["paragraph"], 1);
    // Together they narrow each other.
    let json = json_ok(&get(&l.state, "/api/timeline?country=japan&q=harbor").await);
    assert_eq!(labels(&json), ["1853"]);
}

#[tokio::test]
async fn years_filter_and_pages_keep_the_counts_of_the_whole_timeline() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/timeline?country=japan&from=1900&to=1941").await);
    assert_eq!(labels(&json), ["1904–1905", "1910", "1941"]);
    assert_eq!(
        (json["from"].clone(), json["to"].clone()),
        (1900.into(), 1941.into())
    );
    let page = json_ok(&get(&l.state, "/api/timeline?country=japan&limit=2&offset=2").await);
    assert_eq!(labels(&page), ["1904–1905", "1910"]);
    assert_eq!(page["total"], 6);
    let counted: u64 = page["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 6, "years cover every page");
    // Past the end: the total, the years, no entries.
    let past = json_ok(&get(&l.state, "/api/timeline?country=japan&offset=50").await);
    assert_eq!((past["total"].clone(), labels(&past).len()), (6.into(), 0));
}

#[tokio::test]
async fn csv_has_a_header_row_and_one_row_per_entry() {
    let l = lib();
    let r = get(&l.state, "/api/timeline?country=japan&format=csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "text/csv; charset=utf-8");
    let mut reader = csv::Reader::from_reader(r.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, server::formats::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let starts: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(starts, ["1853", "1871", "1904", "1910", "1941", "1945-08"]);
    // The hostile sentence comes back as written (CSV is data, not markup).
    assert_eq!(&rows[1][5], HOSTILE_DATED);
    let want = l
        .state
        .library
        .timeline(&query(Some("japan"), None))
        .unwrap();
    assert_eq!(
        r.body,
        server::formats::timeline_csv(&want.entries).unwrap()
    );
}

#[tokio::test]
async fn timelinejs_has_one_event_per_entry_and_escapes_the_text() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/timeline?country=japan&format=timelinejs").await);
    assert_eq!(json["title"]["text"]["headline"], "Timeline of Japan");
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    assert_eq!(events[0]["start_date"], serde_json::json!({"year": 1853}));
    assert_eq!(events[2]["end_date"], serde_json::json!({"year": 1905}));
    assert_eq!(
        events[5]["start_date"],
        serde_json::json!({"year": 1945, "month": 8})
    );
    let text = events[1]["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("<b>1871</b> the envoys wrote &lt;script&gt;"),
        "{text}"
    );
    assert!(text.contains("&amp; sailed east"), "{text}");
    assert!(!text.contains("<script"), "{text}");
}

#[tokio::test]
async fn bad_parameters_are_400s_that_say_what_is_wrong() {
    let l = lib();
    for (uri, says) in [
        ("/api/timeline", "say whose timeline"),
        ("/api/timeline?country=&q=%20", "say whose timeline"),
        ("/api/timeline?from=1900", "say whose timeline"),
        ("/api/timeline?a=japan", "a and b go together"),
        ("/api/timeline?b=japan&country=japan", "a and b go together"),
        (
            "/api/timeline?country=japan&limit=0",
            "limit must be between 1 and 2000",
        ),
        (
            "/api/timeline?country=japan&limit=2001",
            "limit must be between 1 and 2000",
        ),
        (
            "/api/timeline?country=japan&limit=ten",
            "limit must be a whole number",
        ),
        (
            "/api/timeline?country=japan&offset=-1",
            "offset must be a whole number",
        ),
        (
            "/api/timeline?country=japan&offset=1000001",
            "offset must be at most 1000000",
        ),
        (
            "/api/timeline?country=japan&from=89",
            "from must be a four-digit year",
        ),
        (
            "/api/timeline?country=japan&to=10000",
            "to must be a four-digit year",
        ),
        (
            "/api/timeline?country=japan&from=1950&to=1940",
            "from (1950) is after to (1940)",
        ),
        (
            "/api/timeline?country=japan&format=xml",
            "format must be json, csv or timelinejs",
        ),
        (
            "/api/timeline?country=japan&format=CSV",
            "format must be json, csv or timelinejs",
        ),
        (
            "/api/timeline?country=japan&country=japan",
            "bad query string",
        ),
        ("/api/timeline?q=-lagoon", "bad query"),
    ] {
        let e = json_error(&get(&l.state, uri).await, 400);
        assert!(e["error"].as_str().unwrap().contains(says), "{uri}: {e}");
    }
    let long = "a".repeat(library::MAX_QUERY_LEN + 1);
    let e = json_error(
        &get(&l.state, &format!("/api/timeline?q={long}")).await,
        400,
    );
    assert!(
        e["error"].as_str().unwrap().contains("bytes; the limit is"),
        "{e}"
    );
}

#[tokio::test]
async fn unknown_states_are_404s_with_the_closest_names() {
    let l = lib();
    for uri in [
        "/api/timeline?country=Japn",
        "/api/timeline?a=Soviet%20Union&b=Japn",
    ] {
        let e = json_error(&get(&l.state, uri).await, 404);
        assert!(e["error"].as_str().unwrap().contains("no country"), "{e}");
        assert_eq!(e["suggestions"][0], "Japan", "{uri}: {e}");
    }
}

#[tokio::test]
async fn a_timeline_of_thousands_pages_by_limit_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let state = many_dated(dir.path(), 210);
    let json = json_ok(&get(&state, "/api/timeline?country=japan&limit=2000").await);
    assert_eq!(json["total"], 2100);
    assert_eq!(json["entries"].as_array().unwrap().len(), 2000);
    let years: Vec<i64> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "time order");
    let rest = json_ok(&get(&state, "/api/timeline?country=japan&limit=2000&offset=2000").await);
    assert_eq!(rest["entries"].as_array().unwrap().len(), 100);
    assert_eq!(rest["years"], json["years"]);
    let default = json_ok(&get(&state, "/api/timeline?country=japan").await);
    assert_eq!(default["limit"], 100);
    assert_eq!(default["entries"].as_array().unwrap().len(), 100);
}

#[tokio::test]
async fn a_citation_in_every_format() {
    let l = lib();
    let id = l
        .state
        .library
        .timeline(&query(Some("japan"), None))
        .unwrap()
        .entries[1]
        .section_id
        .clone();
    let c = l.state.library.cite(&id).unwrap();
    let json = json_ok(&get(&l.state, &format!("/api/sections/{id}/citation")).await);
    assert_eq!(json["citation"], serde_json::to_value(&c).unwrap());
    assert_eq!(json["text"], c.text());
    assert_eq!(json["bibtex"], c.bibtex());
    assert_eq!(json["csl_json"], serde_json::json!([c.csl_json()]));
    assert_eq!(
        json_ok(
            &get(
                &l.state,
                &format!("/api/sections/{id}/citation?format=json")
            )
            .await
        ),
        json
    );
    let text = get(
        &l.state,
        &format!("/api/sections/{id}/citation?format=text"),
    )
    .await;
    assert_eq!(text.status, StatusCode::OK);
    assert_eq!(text.content_type(), "text/plain; charset=utf-8");
    assert_eq!(text.body, format!("{}\n", c.text()));
    assert!(
        text.body.contains("The Envoys")
            && text.body.contains("https://example.org/japan/envoys.htm")
    );
    let bib = get(
        &l.state,
        &format!("/api/sections/{id}/citation?format=bibtex"),
    )
    .await;
    assert_eq!(bib.content_type(), "application/x-bibtex; charset=utf-8");
    assert!(
        bib.body
            .starts_with(&format!("@incollection{{areabook:{id},\n")),
        "{}",
        bib.body
    );
    let csl = get(
        &l.state,
        &format!("/api/sections/{id}/citation?format=csl-json"),
    )
    .await;
    assert_eq!(
        csl.content_type(),
        "application/vnd.citationstyles.csl+json"
    );
    let items = csl.json();
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["type"], "chapter");
    assert_eq!(items[0]["container-title"], "Japan: A Country Study");
    // Errors.
    let e = json_error(
        &get(&l.state, &format!("/api/sections/{id}/citation?format=mla")).await,
        400,
    );
    assert!(
        e["error"].as_str().unwrap().contains("format must be"),
        "{e}"
    );
    json_error(
        &get(&l.state, "/api/sections/0000000000000000/citation").await,
        404,
    );
}
