//! End-to-end tests of `areabook entities`, `entity`, `export --format geojson` and the
//! inference of a page's country.

use std::path::PathBuf;

mod common;

use common::{json, run, stderr, stdout};

fn shared(rel: &str) -> Option<PathBuf> {
    testshared::require(rel)
}

/// `(text, name, kind)` of every entity `entities --json` finds.
fn found(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["text"].as_str().unwrap().to_owned(),
                e["name"].as_str().unwrap().to_owned(),
                e["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_seed_names_its_seventeen_entities_and_nothing_else() {
    let Some(seed) = shared("data/seed/000_49231554a86fdc85.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    assert!(
        run(&lib, &["ingest", seed.to_str().unwrap()])
            .status
            .success()
    );
    let hits = json(&run(&lib, &["--json", "search", "Northern Territories"]));
    let id = hits["hits"][0]["section_id"].as_str().unwrap().to_owned();
    let out = run(&lib, &["--json", "entities", "--section", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let got = found(&v);
    let names: std::collections::BTreeSet<&str> = got.iter().map(|(_, n, _)| n.as_str()).collect();
    for want in [
        "Soviet Union",
        "Russian Empire",
        "Japan",
        "Vladivostok",
        "Kuril Islands",
        "Sakhalin",
        "Shikotan",
        "Kunashir",
        "Iturup",
        "Habomai Islands",
        "Northern Territories",
        "Sea of Okhotsk",
        "East Asia",
        "Tokyo",
        "Joseph Stalin",
        "Mikhail Gorbachev",
        "Eduard Shevardnadze",
    ] {
        assert!(names.contains(want), "{want} missing from {names:?}");
    }
    // No false names: everything found is one of the seventeen (China, by "the Chinese", and
    // Russia, by "the Russian Civil War", are also named by the page).
    let allowed = [
        "Soviet Union",
        "Russian Empire",
        "Japan",
        "Vladivostok",
        "Kuril Islands",
        "Sakhalin",
        "Shikotan",
        "Kunashir",
        "Iturup",
        "Habomai Islands",
        "Northern Territories",
        "Sea of Okhotsk",
        "East Asia",
        "Tokyo",
        "Joseph Stalin",
        "Mikhail Gorbachev",
        "Eduard Shevardnadze",
        "China",
        "Russia",
    ];
    for (text, name, _) in &got {
        assert!(
            allowed.contains(&name.as_str()),
            "false name: {text:?} → {name}"
        );
    }
    // Places have coordinates; offsets are code points into the text.
    for e in v["entities"].as_array().unwrap() {
        if e["kind"] != "person" {
            assert!(e["lat"].is_number() && e["lon"].is_number(), "{e}");
        }
        assert!(e["end"].as_u64() > e["start"].as_u64());
    }
    // "imperial Russia" is the empire, not today's Russia.
    assert!(
        got.iter()
            .any(|(t, n, _)| t.contains("Russia") && n == "Russian Empire"),
        "{got:?}"
    );

    // The entity page: dates, successor, the section.
    let ussr = json(&run(&lib, &["--json", "entity", "Soviet Union"]));
    assert_eq!(ussr["entity"]["kind"], "historic-state");
    assert_eq!(ussr["span"], "1922–1991");
    assert_eq!(ussr["successor"]["name"], "Russia");
    assert_eq!(ussr["sections"][0]["section_id"], id.as_str());
    let text = stdout(&run(&lib, &["entity", "Stalin"]));
    assert!(text.starts_with("Joseph Stalin (person"), "{text}");

    // GeoJSON: every located place the library names.
    let geo = json(&run(&lib, &["export", "--format", "geojson"]));
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert!(
        features
            .iter()
            .any(|f| f["properties"]["name"] == "Vladivostok")
    );
    assert!(
        features
            .iter()
            .all(|f| f["geometry"]["type"] == "Point" && f["properties"]["kind"] != "person")
    );
}

#[test]
fn ambiguous_and_common_words_on_our_own_text() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let text = "In May the Foreign Minister flew from Amman to N'Djamena. Jordan and Chad signed; \
                fans of Michael Jordan bought fine china. Georgia, once a Soviet republic, sent an envoy.";
    let file = dir.path().join("t.txt");
    std::fs::write(&file, text).unwrap();
    let v = json(&run(
        &lib,
        &[
            "--json",
            "entities",
            file.to_str().unwrap(),
            "--dct",
            "1995",
        ],
    ));
    let got = found(&v);
    let names: Vec<&str> = got.iter().map(|(_, n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"Jordan") && names.contains(&"Chad") && names.contains(&"Georgia"),
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| **n == "Jordan").count(),
        1,
        "Michael Jordan is not the state: {got:?}"
    );
    assert!(
        !got.iter()
            .any(|(t, _, _)| t == "May" || t == "china" || t == "Foreign Minister"),
        "{got:?}"
    );
    let georgia = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Georgia")
        .unwrap();
    assert_eq!(georgia["kind"], "state");
}

#[test]
fn a_page_without_a_country_gets_one_inferred_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let page = dir.path().join("r-7046.txt");
    std::fs::write(
        &page,
        "Japanese industry recovered quickly after 1950. Tokyo and Osaka became centers of steel and \
         shipbuilding, and Japanese exports grew each year.\n\nBy 1970 Japan was the third largest \
         economy in the world.\n\nData as of January 1994\n",
    )
    .unwrap();
    let parsed = json(&run(&lib, &["--json", "parse", page.to_str().unwrap()]));
    assert_eq!(parsed["country"], "Japan");
    assert_eq!(parsed["country_inferred"], true);
    assert!(
        parsed["inference"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e[0] == "Japanese")
    );
    let out = run(&lib, &["--json", "ingest", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["new_sections"], 1);
    let hits = json(&run(&lib, &["--json", "search", "shipbuilding"]));
    assert_eq!(hits["hits"][0]["country"], "Japan");
    let id = hits["hits"][0]["section_id"].as_str().unwrap().to_owned();
    let show = json(&run(&lib, &["--json", "show", &id]));
    assert_eq!(show["country_inferred"]["name"], "Japan");
    // A page whose text names no state clearly is still refused, with the reason.
    let vague = dir.path().join("vague.txt");
    std::fs::write(
        &vague,
        "The harvest was good that year.\n\nData as of January 1994\n",
    )
    .unwrap();
    let out = run(&lib, &["ingest", vague.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("names no country"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_entity_requests_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let page = dir.path().join("p.txt");
    std::fs::write(&page, "Country Listing\n\nChad Table of Contents\n\nChad\n\nThe herders of Chad moved south in 1973.\n\nData as of December 1988\n").unwrap();
    assert!(
        run(&lib, &["ingest", page.to_str().unwrap()])
            .status
            .success()
    );
    let out = run(&lib, &["entity", "Vladivostokk"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Vladivostok"), "{}", stderr(&out));
    // GeoJSON takes --country only: --book is a usage error that says so.
    let out = run(&lib, &["export", "--format", "geojson", "--book", "chad"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("geojson takes --country only"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &lib,
        &[
            "export",
            "--format",
            "geojson",
            "/nonexistent-dir/places.geojson",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent-dir/places.geojson: cannot write"),
        "{}",
        stderr(&out)
    );
    let out = run(&lib, &["entities", "--dct", "1989-13"]);
    assert_eq!(out.status.code(), Some(2));
}
