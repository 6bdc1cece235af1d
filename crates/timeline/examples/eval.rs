//! The timeline evaluation: sentence boundaries and entries against `eval/timeline/`.
//!
//! ```text
//! cargo run --release -p timeline --example eval [-- --errors] [-- FILE]
//! ```
//!
//! Reads the annotated paragraphs (our own text; see `eval/timeline/README.md`), splits each
//! with [`timeline::sentence::split`] and reads it with [`timeline::extract`] (narrative mode,
//! the paragraph's data-as-of as the document date, no state names), then scores:
//!
//! - **sentence boundaries**: the byte offsets where one sentence ends and the next begins
//!   inside a paragraph, system vs gold (precision, recall, F1), and exact sentences;
//! - **entries, strict**: an entry matches a gold one with the same paragraph, expression
//!   words, start, end and modifier;
//! - **entries, interval**: the same paragraph, start, end and modifier, whatever words the
//!   system took for the expression (how well the timeline is placed).
//!
//! Each gold item matches at most one system item. `--errors` prints every miss.

#[path = "../../../eval/timeline/format.rs"]
mod format;

use std::collections::HashSet;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--errors");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../eval/timeline/paragraphs.txt"
            )
            .to_owned()
        });
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("eval: {path}: {e}");
            std::process::exit(1);
        }
    };
    let paragraphs = match format::parse(&src) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("eval: {path}: {e}");
            std::process::exit(1);
        }
    };
    let names = timeline::Names::new([]);
    let (mut b_tp, mut b_sys, mut b_gold, mut exact, mut gold_sents) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut s_tp, mut i_tp, mut sys_n, mut gold_n) = (0usize, 0usize, 0usize, 0usize);
    for p in &paragraphs {
        let sys = timeline::sentence::split(&p.text);
        let inner = |v: &[std::ops::Range<usize>]| -> HashSet<usize> {
            v.iter().skip(1).map(|r| r.start).collect()
        };
        let (sb, gb) = (inner(&sys), inner(&p.gold_sentences));
        b_tp += sb.intersection(&gb).count();
        b_sys += sb.len();
        b_gold += gb.len();
        gold_sents += p.gold_sentences.len();
        exact += p.gold_sentences.iter().filter(|g| sys.contains(g)).count();
        if show {
            for b in sb.difference(&gb) {
                println!(
                    "[{}] boundary not in gold at {b}: …{}",
                    p.id,
                    context(&p.text, *b)
                );
            }
            for b in gb.difference(&sb) {
                println!(
                    "[{}] boundary missed at {b}: …{}",
                    p.id,
                    context(&p.text, *b)
                );
            }
        }
        let config = timeline::Config {
            data_as_of: timex::Date::parse(&p.data_as_of),
            names: &names,
        };
        let entries = timeline::extract(&[p.text.as_str()], &config);
        type Key = (String, String, String, String);
        let key = |expr: &str, s: &str, e: &str, m: &str| -> Key {
            (expr.to_owned(), s.to_owned(), e.to_owned(), m.to_owned())
        };
        let sys_keys: Vec<Key> = entries
            .iter()
            .map(|e| {
                let m = e
                    .modifier
                    .map(|m| format!("{m:?}").to_ascii_uppercase())
                    .unwrap_or_default();
                key(
                    &p.text[e.expression.clone()],
                    &e.interval.start.to_string(),
                    &e.interval.end.to_string(),
                    &m,
                )
            })
            .collect();
        let gold_keys: Vec<Key> = p
            .gold_entries
            .iter()
            .map(|g| {
                key(
                    &g.expression.replace("\\n", "\n"),
                    &g.start,
                    &g.end,
                    &g.modifier.to_ascii_uppercase(),
                )
            })
            .collect();
        sys_n += sys_keys.len();
        gold_n += gold_keys.len();
        let strict = matched(&sys_keys, &gold_keys, |a, b| a == b);
        let interval = matched(&sys_keys, &gold_keys, |a, b| {
            (&a.1, &a.2, &a.3) == (&b.1, &b.2, &b.3)
        });
        s_tp += strict.0;
        i_tp += interval.0;
        if show {
            for g in &strict.2 {
                println!(
                    "[{}] entry missed: {:?} {}..{} {}",
                    p.id, g.0, g.1, g.2, g.3
                );
            }
            for s in &strict.1 {
                println!(
                    "[{}] entry not in gold: {:?} {}..{} {}",
                    p.id, s.0, s.1, s.2, s.3
                );
            }
        }
    }
    let prf = |tp: usize, sys: usize, gold: usize| {
        let p = if sys == 0 {
            0.0
        } else {
            tp as f64 / sys as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        format!("P={p:.3} R={r:.3} F1={f:.3}  ({tp} of {sys} system, {gold} gold)")
    };
    println!(
        "timeline evaluation: {} paragraphs, {gold_sents} gold sentences, {gold_n} gold entries ({path})",
        paragraphs.len()
    );
    println!("sentence boundaries   {}", prf(b_tp, b_sys, b_gold));
    println!(
        "exact sentences       {exact} of {gold_sents} ({:.3})",
        exact as f64 / gold_sents.max(1) as f64
    );
    println!("entries, strict       {}", prf(s_tp, sys_n, gold_n));
    println!("entries, interval     {}", prf(i_tp, sys_n, gold_n));
}

/// Greedy one-to-one matching: (matches, unmatched system, unmatched gold).
fn matched<T: Clone>(
    sys: &[T],
    gold: &[T],
    same: impl Fn(&T, &T) -> bool,
) -> (usize, Vec<T>, Vec<T>) {
    let mut used = vec![false; sys.len()];
    let mut missed = Vec::new();
    let mut n = 0;
    for g in gold {
        match (0..sys.len()).find(|&i| !used[i] && same(&sys[i], g)) {
            Some(i) => {
                used[i] = true;
                n += 1;
            }
            None => missed.push(g.clone()),
        }
    }
    let extra = sys
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(s, _)| s.clone())
        .collect();
    (n, extra, missed)
}

fn context(text: &str, at: usize) -> String {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let to = text[at..]
        .char_indices()
        .nth(30)
        .map_or(text.len(), |(i, _)| at + i);
    format!("{}|{}", &text[from..at], &text[at..to]).replace('\n', "⏎")
}
