//! End-to-end tests of `areabook relations`: a pair of states, one state's partners, filters,
//! exit codes, and a library from the previous release getting its events on the next ingest.

use std::path::{Path, PathBuf};

mod common;

use common::{json, run, stderr, stdout};

/// Our own page in the crawl-text layout: a Soviet Union section on Japan (May 1989), with a
/// war, a visit, an attack that did not happen and a protest by a third state.
pub const SOVIET_JAPAN: &str = "Country Listing\n\nSoviet Union Table of Contents\n\nSoviet Union\n\n\n\
Japan defeated imperial Russia in the Russo-Japanese War of 1904-05. Relations stayed cold for \
four decades.\n\n\
Foreign Minister Shevardnadze visited Tokyo in January 1986, the first visit by a Soviet foreign \
minister in ten years.\n\n\
In 1960 Japan did not attack the Soviet Union, and Soviet trawlers fished the waters off \
Hokkaido. China protested against Soviet troops on its border in 1969.\n\n\
Data as of May 1989\n";

fn library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let folder = dir.path().join("pages");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("soviet-japan.txt"), SOVIET_JAPAN).unwrap();
    let out = run(&lib, &["--json", "ingest", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["events"], 1);
    (dir, lib)
}

/// `(type, start, end)` of every event.
fn events(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_owned();
            (s("type"), s("start"), s("end"))
        })
        .collect()
}

#[test]
fn the_soviet_union_and_japan() {
    let (_dir, lib) = library();
    let out = run(&lib, &["--json", "relations", "Soviet Union", "Japan"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let got = events(&v);
    let war = ("FIGHT".into(), "1904".into(), "1905".into());
    let visit = ("CONSULT".into(), "1986-01".into(), "1986-01".into());
    assert!(got.contains(&war), "{got:?}");
    assert!(got.contains(&visit), "{got:?}");
    assert!(got.iter().all(|(_, start, _)| start != "1960"), "{got:?}");
    assert_eq!(v["total"], got.len());
    // Every field the issue names, on every event.
    for e in v["events"].as_array().unwrap() {
        for key in [
            "source",
            "source_code",
            "target",
            "target_code",
            "type",
            "mode",
            "start",
            "end",
            "trigger",
            "sentence",
            "section_id",
            "data_as_of",
            "citation",
            "negated",
            "date_inherited",
        ] {
            assert!(e.get(key).is_some(), "{key} missing from {e}");
        }
        assert_eq!(e["negated"], false);
        assert_eq!(e["data_as_of"], "1989-05");
    }
    // Text: one line per event with its date, type, actors, trigger and citation.
    let text = stdout(&run(&lib, &["relations", "ussr", "JPN"]));
    assert!(
        text.starts_with("Soviet Union (SUN, RUS) and Japan (JPN): "),
        "{text}"
    );
    let line = text.lines().find(|l| l.contains("CONSULT/visit")).unwrap();
    assert!(line.starts_with("1986-01"), "{line}");
    assert!(line.contains("→ Tokyo (JPN)"), "{line}");
    assert!(line.contains("“visited”"), "{line}");
    assert!(
        line.contains("[Soviet Union: A Country Study, May 1989]"),
        "{line}"
    );
    // Filters.
    let fights = json(&run(
        &lib,
        &["--json", "relations", "SUN", "Japan", "--type", "fight"],
    ));
    assert!(events(&fights).iter().all(|(t, _, _)| t == "FIGHT"));
    assert!(fights["total"].as_u64().unwrap() >= 1);
    let eighties = json(&run(
        &lib,
        &[
            "--json",
            "relations",
            "SUN",
            "Japan",
            "--from",
            "1980",
            "--to",
            "1989",
        ],
    ));
    assert_eq!(events(&eighties), [visit]);
    let one = json(&run(
        &lib,
        &["--json", "relations", "SUN", "Japan", "--limit", "1"],
    ));
    assert_eq!(one["events"].as_array().unwrap().len(), 1);
    assert_eq!(one["total"], v["total"]);
}

#[test]
fn partners_rank_japan_first() {
    let (_dir, lib) = library();
    let v = json(&run(&lib, &["--json", "relations", "Soviet Union"]));
    assert_eq!(v["state"]["name"], "Soviet Union");
    assert_eq!(v["state"]["codes"], serde_json::json!(["SUN", "RUS"]));
    let partners = v["partners"].as_array().unwrap();
    assert_eq!(partners[0]["name"], "Japan", "{v}");
    assert_eq!(partners[0]["code"], "JPN");
    assert!(partners[0]["by_type"]["FIGHT"].as_u64().unwrap() >= 1);
    assert!(partners[0]["by_decade"]["1980"].as_u64().unwrap() >= 1);
    assert!(partners.iter().any(|p| p["name"] == "China"), "{v}");
    let text = stdout(&run(&lib, &["relations", "Soviet Union"]));
    let japan = text.lines().position(|l| l.contains("Japan")).unwrap();
    let china = text.lines().position(|l| l.contains("China")).unwrap();
    assert!(japan < china, "{text}");
}

#[test]
fn bad_requests_exit_2_and_unknown_states_exit_1() {
    let (_dir, lib) = library();
    for args in [
        &["relations", "Japan", "China", "--type", "war"][..],
        &["relations", "Japan", "China", "--from", "89"],
        &[
            "relations",
            "Japan",
            "China",
            "--from",
            "1990",
            "--to",
            "1980",
        ],
        &["relations", "Japan", "--type", "nope"],
    ] {
        let out = run(&lib, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
    let out = run(&lib, &["relations", "Japan", "China", "--type", "war"]);
    assert!(stderr(&out).contains("FIGHT"), "{}", stderr(&out));
    let out = run(&lib, &["relations", "Soviet Unoin", "Japan"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Soviet Unoin"), "{}", stderr(&out));
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));
    let out = run(&lib, &["--json", "relations", "Japan", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("\"not-found\""), "{}", stderr(&out));
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_library_from_the_previous_release_gets_its_events_on_the_next_ingest() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    copy_tree(&fixtures.join("v2-library"), &lib);
    let pages = fixtures.join("v2-pages");
    let out = run(&lib, &["--json", "ingest", pages.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["events"], 2);
    // "A Chinese delegation visited Ulaanbaatar in May 1989."
    let v = json(&run(&lib, &["--json", "relations", "Mongolia", "China"]));
    let got = events(&v);
    assert!(
        got.contains(&("CONSULT".into(), "1989-05".into(), "1989-05".into())),
        "{got:?}"
    );
    assert!(run(&lib, &["check"]).status.success());
    let again = json(&run(&lib, &["--json", "ingest", pages.to_str().unwrap()]));
    assert_eq!(again["events"], 0);
}
