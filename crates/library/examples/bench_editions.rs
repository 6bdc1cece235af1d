//! Query latencies over the Factbook editions (issue 12: `history` and `diff` answer in
//! < 10 ms p99). Picks N (entity, field) pairs that have at least two editions, spread over
//! the table, and times `Library::field_history` and `Library::edition_diff` (first to last
//! edition of the field) for each, PASSES times; prints p50/p99/max in ms as JSON.
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
    println!(
        "{}",
        serde_json::json!({
            "pairs": picked.len(), "passes": passes, "failures": failures,
            "history_ms": {"p50": pct(&mut hist, 0.5), "p99": pct(&mut hist, 0.99), "max": pct(&mut hist, 1.0)},
            "diff_ms": {"p50": pct(&mut diff, 0.5), "p99": pct(&mut diff, 0.99), "max": pct(&mut diff, 1.0)},
            "goal_p99_ms": 10.0,
        })
    );
}
