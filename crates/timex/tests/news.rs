//! The news test set (`eval/timex/news/*.tml`, written for this project): newswire sentences
//! with TIMEX3 gold in TempEval-3 conventions, one item a line (`DCT<TAB>text with inline
//! <TIMEX3 type=".." value=".." mod="..">`). Scores news mode with the TempEval measures
//! (strict and relaxed span F1, value F1 over relaxed matches, type and mod accuracy), prints
//! every mismatch, and asserts a floor. `python3 eval/timex/run.py` scores the same set.

use std::path::Path;

struct Gold {
    start: usize,
    end: usize,
    text: String,
    kind: String,
    value: String,
    modifier: String,
}

fn attr(tag: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    tag.split(&key).nth(1).and_then(|v| v.split('"').next()).unwrap_or("").to_string()
}

/// Strips the inline TIMEX3 tags of one item: (text, gold spans in character offsets).
fn parse(line: &str) -> (String, Vec<Gold>) {
    let (mut text, mut gold, mut open) = (String::new(), Vec::new(), None);
    let mut n = 0usize;
    let mut rest = line;
    while let Some(p) = rest.find("<TIMEX3").into_iter().chain(rest.find("</TIMEX3>")).min() {
        text.push_str(&rest[..p]);
        n += rest[..p].chars().count();
        let close = rest[p..].find('>').expect("tag end") + p;
        let tag = &rest[p..=close];
        if tag.starts_with("</") {
            let (start, tag): (usize, String) = open.take().expect("balanced tags");
            gold.push(Gold { start, end: n, text: String::new(), kind: attr(&tag, "type"), value: attr(&tag, "value"), modifier: attr(&tag, "mod") });
        } else {
            open = Some((n, tag.to_string()));
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let chars: Vec<char> = text.chars().collect();
    for g in &mut gold {
        g.text = chars[g.start..g.end].iter().collect();
    }
    (text, gold)
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[test]
fn news_set_scores() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/timex/news");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("eval/timex/news").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "tml"));
    files.sort();
    let (mut items, mut n_gold, mut n_sys) = (0, 0, 0);
    let (mut strict, mut relaxed, mut value, mut kind, mut modifier) = (0, 0, 0, 0, 0);
    for path in files {
        let raw = std::fs::read_to_string(&path).expect("read news set");
        for (k, line) in raw.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (dct, body) = line.split_once('\t').expect("DCT<TAB>text");
            let config = timex::Config::news(Some(timex::Date::parse(dct).expect("dct")));
            let (text, gold) = parse(body);
            let tags = timex::tag(&text, &config);
            items += 1;
            n_gold += gold.len();
            n_sys += tags.len();
            let mut used = vec![false; tags.len()];
            let here = format!("{}:{}", path.file_name().unwrap_or_default().to_string_lossy(), k + 1);
            for g in &gold {
                let overlapping = |j: &usize| !used[*j] && tags[*j].end > g.start && tags[*j].start < g.end;
                let exact = (0..tags.len()).find(|j| overlapping(j) && tags[*j].start == g.start && tags[*j].end == g.end);
                let Some(j) = exact.or_else(|| (0..tags.len()).find(|j| overlapping(j))) else {
                    eprintln!("{here} MISS  {:?} {} {}", g.text, g.kind, g.value);
                    continue;
                };
                used[j] = true;
                let t = &tags[j];
                relaxed += 1;
                let sys_mod = t.modifier.as_ref().map(json_name).unwrap_or_default();
                let sys_kind = json_name(&t.kind);
                strict += usize::from(t.start == g.start && t.end == g.end);
                value += usize::from(t.value == g.value);
                kind += usize::from(sys_kind == g.kind);
                modifier += usize::from(sys_mod == g.modifier);
                if t.start != g.start || t.end != g.end || t.value != g.value || sys_kind != g.kind || sys_mod != g.modifier {
                    eprintln!(
                        "{here} DIFF  gold {:?} {} {} {:?} / system {:?} {sys_kind} {} {sys_mod:?}",
                        g.text, g.kind, g.value, g.modifier, t.text, t.value
                    );
                }
            }
            for (j, t) in tags.iter().enumerate().filter(|(j, _)| !used[*j]) {
                let _ = j;
                eprintln!("{here} FALSE {:?} {}", t.text, t.value);
            }
        }
    }
    let f1 = |tp: usize| 2.0 * tp as f64 / (n_gold + n_sys).max(1) as f64;
    let (s, r, v) = (f1(strict), f1(relaxed), f1(value));
    let (ta, ma) = (kind as f64 / relaxed.max(1) as f64, modifier as f64 / relaxed.max(1) as f64);
    eprintln!("news set: {items} items, gold {n_gold}, system {n_sys}: strict {s:.3} relaxed {r:.3} value {v:.3} type {ta:.3} mod {ma:.3}");
    assert!(items >= 60 && n_gold >= 100, "the news set shrank: {items} items, {n_gold} tags");
    assert!(s >= 0.90, "strict F1 {s:.3} fell below the floor");
    assert!(r >= 0.95, "relaxed F1 {r:.3} fell below the floor");
    assert!(v >= 0.90, "value F1 {v:.3} fell below the floor");
    assert!(ta >= 0.95 && ma >= 0.90, "type accuracy {ta:.3} or mod accuracy {ma:.3} fell below the floor");
}
