//! The entity routes of the API: `/api/entities/{id}` (by id or name, 404 with suggestions),
//! `/api/sections/{id}/entities` and `/api/places` (GeoJSON, by country), each the library's
//! own answer in the documented shape.

use axum::http::StatusCode;
use serde_json::Value;

use crate::fixtures::{NAMED_TITLE, Reply, entity_id, get, named, section_titled};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = named(dir.path(), 3);
    Lib { _dir: dir, state }
}

fn json(r: &Reply, status: u16, content_type: &str) -> Value {
    assert_eq!(r.status.as_u16(), status, "{}", r.body);
    assert_eq!(r.content_type(), content_type);
    r.json()
}

#[tokio::test]
async fn an_entity_by_id_or_name_is_the_librarys_entity_view() {
    let l = lib();
    let su = entity_id(&l.state, "Soviet Union");
    let expected = serde_json::to_value(l.state.library.entity(&su).unwrap()).unwrap();
    let by_id = json(
        &get(
            &l.state,
            &format!("/api/entities/{}", su.replace(':', "%3A")),
        )
        .await,
        200,
        "application/json",
    );
    assert_eq!(by_id, expected);
    // A name or alias answers the same (no redirect in the API).
    for name in ["Soviet%20Union", "USSR"] {
        assert_eq!(
            json(
                &get(&l.state, &format!("/api/entities/{name}")).await,
                200,
                "application/json"
            ),
            expected
        );
    }
    assert_eq!(by_id["entity"]["kind"], "historic-state");
    assert_eq!(by_id["span"], "1922–1991");
    assert_eq!(by_id["successor"]["name"], "Russia");
    assert_eq!(by_id["mentions"], 1);
    let section = section_titled(&l.state, NAMED_TITLE);
    assert_eq!(by_id["sections"][0]["section_id"], section.as_str());
    assert_eq!(by_id["sections"][0]["first_paragraph"], 0);
    assert_eq!(
        by_id["books"],
        serde_json::json!([{"book_id": "soviet-union", "book": "Soviet Union", "sections": 1, "mentions": 1}])
    );

    let e = json(
        &get(&l.state, "/api/entities/Sovet%20Onion").await,
        404,
        "application/json",
    );
    assert!(
        e["suggestions"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Soviet Union")),
        "{e}"
    );
    let long = "x".repeat(201);
    let e = json(
        &get(&l.state, &format!("/api/entities/{long}")).await,
        404,
        "application/json",
    );
    assert_eq!(e["error"], "no entity has a name of 201 bytes");
}

#[tokio::test]
async fn a_sections_entities_in_text_order() {
    let l = lib();
    let section = section_titled(&l.state, NAMED_TITLE);
    let r = json(
        &get(&l.state, &format!("/api/sections/{section}/entities")).await,
        200,
        "application/json",
    );
    let expected = l.state.library.section_entities(&section).unwrap();
    assert_eq!(r, serde_json::json!({ "entities": expected }));
    let entities = r["entities"].as_array().unwrap();
    let names: Vec<&str> = entities
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..7],
        [
            "Soviet Union",
            "Japan",
            "Kuril Islands",
            "Vladivostok",
            "Sakhalin",
            "Tokyo",
            "Mikhail Gorbachev"
        ]
    );
    // Offsets are code points in the paragraph.
    let paragraph = &l.state.library.section(&section).unwrap().paragraphs[0];
    let first = &entities[0];
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    let words: String = paragraph.chars().skip(start).take(end - start).collect();
    assert_eq!(words, "Soviet Union");
    assert_eq!(entities.last().unwrap()["paragraph"], 1);
    // A section that names nothing; one that does not exist.
    let quiet = section_titled(&l.state, "The Railways");
    let r = json(
        &get(&l.state, &format!("/api/sections/{quiet}/entities")).await,
        200,
        "application/json",
    );
    assert_eq!(r, serde_json::json!({ "entities": [] }));
    json(
        &get(&l.state, "/api/sections/no-such-section/entities").await,
        404,
        "application/json",
    );
}

#[tokio::test]
async fn places_are_geojson_points_by_country() {
    let l = lib();
    let r = get(&l.state, "/api/places").await;
    let all = json(&r, 200, "application/geo+json");
    assert_eq!(all["type"], "FeatureCollection");
    let features = all["features"].as_array().unwrap();
    let vladivostok = entity_id(&l.state, "Vladivostok");
    // Most mentioned first: Vladivostok, twice in one section and once in each harbor.
    assert_eq!(features[0]["id"], vladivostok.as_str(), "{all}");
    let v = &features[0];
    assert_eq!(v["type"], "Feature");
    assert_eq!(v["geometry"]["type"], "Point");
    let xy = v["geometry"]["coordinates"].as_array().unwrap();
    assert!(
        (xy[0].as_f64().unwrap() - 131.9).abs() < 0.5,
        "[lon, lat]: {xy:?}"
    );
    assert!(
        (xy[1].as_f64().unwrap() - 43.1).abs() < 0.5,
        "[lon, lat]: {xy:?}"
    );
    let mut keys: Vec<&str> = v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "country",
            "id",
            "kind",
            "mentions",
            "name",
            "section_ids",
            "sections",
            "valid_from",
            "valid_to"
        ]
    );
    assert_eq!(v["properties"]["mentions"], 5);
    assert_eq!(v["properties"]["sections"], 4);
    assert_eq!(v["properties"]["section_ids"].as_array().unwrap().len(), 4);
    assert_eq!(v["properties"]["kind"], "city");
    // Persons are not places.
    assert!(features.iter().all(|f| f["properties"]["kind"] != "person"));
    assert_eq!(features.len(), l.state.library.places(None).unwrap().len());

    // One country's sections: the inferred page is Japan's, and names no Vladivostok.
    let japan = json(
        &get(&l.state, "/api/places?country=japan").await,
        200,
        "application/geo+json",
    );
    let names: Vec<&str> = japan["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Hokkaido") && names.contains(&"Tokyo"),
        "{names:?}"
    );
    assert!(!names.contains(&"Vladivostok"), "{names:?}");
    assert_eq!(
        json(
            &get(&l.state, "/api/places?country=").await,
            200,
            "application/geo+json"
        ),
        all
    );
    let e = json(
        &get(&l.state, "/api/places?country=Japn").await,
        404,
        "application/json",
    );
    assert!(
        e["suggestions"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Japan")),
        "{e}"
    );
    assert_eq!(
        get(&l.state, "/api/places?country=a&country=b")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
