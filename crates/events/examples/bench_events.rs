//! Benchmark of the event coder (issue 11: "coding every Factbook section takes < 5 s on one
//! core"). Reads the Factbook wheel with `pages`, then codes every section's paragraphs on
//! this one thread, RUNS times, and prints JSON: sections, paragraphs, bytes, events, the
//! median and every run's seconds, and the events found per PLOVER type.
//!
//!     cargo build --release -p events --example bench_events
//!     target/release/examples/bench_events WHEEL.whl [RUNS]
//!
//! The embedded tables and gazetteer are loaded (and timed) once before the runs.

use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(wheel) = args.get(1) else {
        eprintln!("usage: bench_events WHEEL.whl [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let bytes = std::fs::read(wheel).unwrap_or_else(|e| {
        eprintln!("bench_events: {wheel}: {e}");
        std::process::exit(1);
    });
    let entities = pages::factbook::read_wheel(&bytes).unwrap_or_else(|e| {
        eprintln!("bench_events: {wheel}: {e}");
        std::process::exit(1);
    });
    let sections: Vec<(Vec<&str>, Option<String>)> = entities
        .iter()
        .flat_map(|e| {
            e.sections.iter().map(|s| {
                (
                    s.paragraphs.iter().map(String::as_str).collect::<Vec<_>>(),
                    e.iso.clone(),
                )
            })
        })
        .collect();
    let paragraphs: usize = sections.iter().map(|s| s.0.len()).sum();
    let text_bytes: usize = sections
        .iter()
        .flat_map(|s| s.0.iter())
        .map(|p| p.len())
        .sum();
    let load = Instant::now();
    let coder = events::Coder::embedded().expect("embedded tables");
    let _ = coder.code_sentence("Japan visited China.", &Default::default());
    let load_s = load.elapsed().as_secs_f64();
    let as_of = timex::Date::from_year(2025).ok();
    let mut times = Vec::new();
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for run in 0..runs {
        let t = Instant::now();
        let mut n = 0;
        for (paras, iso) in &sections {
            let config = events::Config {
                data_as_of: as_of,
                country: iso.clone(),
            };
            let coded = events::code_paragraphs(&coder, paras, &config);
            n += coded.len();
            if run == 0 {
                for c in &coded {
                    *by_type.entry(c.event.kind.to_string()).or_default() += 1;
                }
            }
        }
        times.push(t.elapsed().as_secs_f64());
        total = n;
    }
    // The share of the time that is the sections' dates (timex through `timeline::extract`).
    let names = timeline::Names::new(std::iter::empty());
    let t = Instant::now();
    for (paras, _) in &sections {
        let cfg = timeline::Config {
            data_as_of: as_of,
            names: &names,
        };
        std::hint::black_box(timeline::extract(paras, &cfg));
    }
    let dates_s = t.elapsed().as_secs_f64();
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!(
        "{}",
        serde_json::json!({
            "sections": sections.len(), "paragraphs": paragraphs, "bytes": text_bytes,
            "events": total, "load_seconds": load_s, "runs_seconds": times,
            "median_seconds": median, "goal_seconds": 5.0, "by_type": by_type,
            "dates_seconds": dates_s,
        })
    );
}
