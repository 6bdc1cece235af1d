//! Regression floor on the WikiWars dev set (`../shared/data/temporal/wikiwars-dev/`): strict,
//! relaxed and value F1 over the 16 documents must stay at the measured level minus a margin.
//! The full report with per-document numbers is `python3 eval/timex/run.py`.

use std::path::Path;

struct Gold {
    start: usize,
    end: usize,
    val: String,
}

/// Strips inline TIMEX2 tags from a key file's <TEXT>, returning the text and the outermost
/// gold spans in character offsets.
fn read_key(path: &Path) -> (String, Vec<Gold>) {
    let raw = std::fs::read_to_string(path).expect("read key file");
    let start = raw.find("<TEXT>").expect("<TEXT>") + "<TEXT>".len();
    let end = raw.find("</TEXT>").expect("</TEXT>");
    let body = &raw[start..end];
    let (mut text, mut gold, mut stack) = (String::new(), Vec::new(), Vec::new());
    let mut n = 0usize;
    let mut rest = body;
    while let Some(p) = rest.find("<TIMEX2").into_iter().chain(rest.find("</TIMEX2>")).min() {
        let chunk = &rest[..p];
        text.push_str(chunk);
        n += chunk.chars().count();
        let close = rest[p..].find('>').expect("tag end") + p;
        let tag = &rest[p..=close];
        if tag.starts_with("</") {
            let (s, val): (usize, String) = stack.pop().expect("balanced tags");
            if stack.is_empty() {
                gold.push(Gold { start: s, end: n, val });
            }
        } else {
            let val = tag.split("val=\"").nth(1).and_then(|v| v.split('"').next()).unwrap_or("").to_string();
            stack.push((n, val));
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, gold)
}

#[test]
fn wikiwars_dev_floor() {
    let Some(dir) = testshared::require("data/temporal/wikiwars-dev/keyinline") else {
        return;
    };
    let config = timex::Config::narrative(timex::Date::parse("2009-12-19"));
    let (mut n_gold, mut n_sys, mut strict, mut relaxed, mut value) = (0, 0, 0, 0, 0);
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("list keys").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    assert_eq!(files.len(), 16, "expected the 16 dev documents in {}", dir.display());
    for path in files {
        let (text, gold) = read_key(&path);
        let tags = timex::tag(&text, &config);
        n_gold += gold.len();
        n_sys += tags.len();
        let mut used = vec![false; tags.len()];
        for g in &gold {
            let overlapping = |k: &usize| !used[*k] && tags[*k].end > g.start && tags[*k].start < g.end;
            let exact = (0..tags.len()).find(|k| overlapping(k) && tags[*k].start == g.start && tags[*k].end == g.end);
            if let Some(k) = exact.or_else(|| (0..tags.len()).find(|k| overlapping(k))) {
                used[k] = true;
                relaxed += 1;
                strict += usize::from(tags[k].start == g.start && tags[k].end == g.end);
                value += usize::from(tags[k].value == g.val);
            }
        }
    }
    let f1 = |tp: usize| 2.0 * tp as f64 / (n_gold + n_sys) as f64;
    let (s, r, v) = (f1(strict), f1(relaxed), f1(value));
    eprintln!("wikiwars dev: strict {s:.3} relaxed {r:.3} value {v:.3} (gold {n_gold}, system {n_sys})");
    assert!(s >= 0.92, "strict F1 {s:.3} fell below the floor");
    assert!(r >= 0.95, "relaxed F1 {r:.3} fell below the floor");
    assert!(v >= 0.86, "value F1 {v:.3} fell below the floor");
}
