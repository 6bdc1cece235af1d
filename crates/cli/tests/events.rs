//! End-to-end tests of `areabook events`: a text on stdin or in a file, coded with its dates.

use std::io::Write;
use std::process::Stdio;

mod common;

use common::{bin, json, run, stderr, stdout};

/// Our own two paragraphs: a war with a range, a visit inheriting its date, a denial.
const TEXT: &str = "In 1904-05 Japan fought imperial Russia, and Russia ceded half of Sakhalin.\n\n\
The Soviet Union declared war on Japan in August 1945. Moscow later refused to return the islands. \
Japan did not recognize the annexation.";

fn events(args: &[&str], input: &str) -> std::process::Output {
    let mut child = bin()
        .args(["events"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run areabook events");
    // A usage error exits before reading stdin: a closed pipe is then no failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn events_json_has_every_field_with_dates_and_codes() {
    let out = events(&["--json", "--date", "1989-05"], TEXT);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let evs = v["events"].as_array().unwrap();
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
        assert!(evs[0].get(key).is_some(), "missing {key}: {}", evs[0]);
    }
    let fight = evs.iter().find(|e| e["type"] == "FIGHT").expect("the war");
    assert_eq!(
        (fight["start"].as_str(), fight["end"].as_str()),
        (Some("1904"), Some("1905"))
    );
    assert_eq!(fight["source_code"], "JPN");
    let war = evs
        .iter()
        .find(|e| {
            e["trigger"]
                .as_str()
                .is_some_and(|t| t.starts_with("declared war"))
        })
        .expect("the declaration");
    assert_eq!(
        (war["source_code"].as_str(), war["target_code"].as_str()),
        (Some("SUN"), Some("JPN"))
    );
    assert_eq!(war["start"], "1945-08");
    // The refusal has no date of its own: the sentence before gives it.
    let refusal = evs
        .iter()
        .find(|e| e["type"] == "REJECT" && e["trigger"] == "refused to return")
        .unwrap();
    assert_eq!(refusal["date_inherited"], true);
    assert_eq!(refusal["start"], "1945-08");
}

#[test]
fn explain_names_the_rule_and_bad_input_is_named() {
    let out = events(&["--explain", "--date", "1989"], TEXT);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("rule: history: declared war on"),
        "{}",
        stdout(&out)
    );
    let out = events(&["--date", "1989-13"], TEXT);
    assert_eq!(out.status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("blob.dat");
    std::fs::write(&file, b"\0\0\0binary").unwrap();
    let out = run(&tmp.path().join("lib"), &["events", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("blob.dat: binary data"),
        "{}",
        stderr(&out)
    );
    let out = events(&[], "The weather was fine.");
    assert!(stdout(&out).contains("no events found"), "{}", stdout(&out));
}
