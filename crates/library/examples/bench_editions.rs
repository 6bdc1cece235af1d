//! Query latencies over the Factbook editions (issue 12: `history` and `diff` answer in
//! < 10 ms p99). Picks N (entity, field) pairs that have at least two editions, spread over
//! the table, and times `Library::field_history` and `Library::edition_diff` (first to last
//! edition of the field) for each, PASSES times; then searches over every edition (a word and
//! a two-word phrase of each picked field's latest text, each also with `--as-of` its first
//! edition: the goal is p50 < 1 ms and p99 < 10 ms); prints p50/p99/max in ms as JSON.
//!
//!     target/release/examples/bench_editions LIBRARY [N] [PASSES]

use std::time::Instant;

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let Some(dir) = a.get(1) else {
        eprintln!("usage: bench_editions LIBRARY [N] [PASSES]");
        std::process::exit(2);
    };
    let n: usize = a.get(2).and_then(|x| x.parse().ok()).unwrap_or(300);
    let passes: usize = a.get(3).and_then(|x| x.parse().ok()).unwrap_or(5);
    let lib = library::Library::open_read_only(std::path::Path::new(dir)).expect("library");
    let conn = rusqlite::Connection::open_with_flags(
        std::path::Path::new(dir).join("catalog.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("catalog");
    let mut st = conn
        .prepare(
            "SELECT e.name, l.label, MIN(f.edition), MAX(f.edition) FROM fb_fields f
             JOIN fb_entities e ON e.id = f.entity JOIN fb_labels l ON l.id = f.field
             GROUP BY f.entity, f.field HAVING COUNT(DISTINCT f.edition) > 1",
        )
        .expect("query");
    let all: Vec<(String, String, u16, u16)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("rows")
        .filter_map(Result::ok)
        .collect();
    let step = (all.len() / n.max(1)).max(1);
    let picked: Vec<_> = all.iter().step_by(step).take(n).collect();
    let (mut hist, mut diff) = (Vec::new(), Vec::new());
    let mut failures = 0;
    for pass in 0..=passes {
        for (country, field, first, last) in &picked {
            let t = Instant::now();
            let h = lib.field_history(country, field);
            let th = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let d = lib.edition_diff(country, Some(field), *first, *last);
            let td = t.elapsed().as_secs_f64() * 1e3;
            if h.is_err() || d.is_err() {
                failures += 1;
            }
            if pass > 0 {
                hist.push(th);
                diff.push(td);
            }
        }
    }
    // Search: words and phrases of the picked fields' texts, with and without an edition.
    let mut queries: Vec<(String, Option<i32>)> = Vec::new();
    for (country, field, first, _) in &picked {
        let Ok(h) = lib.field_history(country, field) else {
            continue;
        };
        let Some(text) = h.editions.last().map(|r| r.text.clone()) else {
            continue;
        };
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 5)
            .map(str::to_lowercase)
            .collect();
        if let Some(w) = words.first() {
            queries.push((w.clone(), None));
            queries.push((w.clone(), Some(i32::from(*first))));
        }
        if words.len() >= 2 {
            queries.push((format!("\"{} {}\"", words[0], words[1]), None));
        }
    }
    let mut search = Vec::new();
    let mut hits_total = 0usize;
    for pass in 0..=passes {
        for (text, as_of) in &queries {
            let q = library::SearchQuery {
                text: text.clone(),
                as_of_from: *as_of,
                as_of_to: *as_of,
                limit: 10,
                ..Default::default()
            };
            let t = Instant::now();
            let r = lib.search(&q);
            let ts = t.elapsed().as_secs_f64() * 1e3;
            match r {
                Ok(r) if pass == 0 => hits_total += r.total,
                Ok(_) => {}
                Err(_) => failures += 1,
            }
            if pass > 0 {
                search.push(ts);
            }
        }
    }
    println!(
        "{}",
        serde_json::json!({
            "pairs": picked.len(), "passes": passes, "failures": failures,
            "search_queries": queries.len(), "search_total_hits": hits_total,
            "search_ms": {"p50": pct(&mut search, 0.5), "p99": pct(&mut search, 0.99), "max": pct(&mut search, 1.0)},
            "history_ms": {"p50": pct(&mut hist, 0.5), "p99": pct(&mut hist, 0.99), "max": pct(&mut hist, 1.0)},
            "diff_ms": {"p50": pct(&mut diff, 0.5), "p99": pct(&mut diff, 0.99), "max": pct(&mut diff, 1.0)},
            "goal_p99_ms": 10.0,
        })
    );
}
