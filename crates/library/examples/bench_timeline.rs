//! Timeline benchmark (issue 9), the library side. `bench/timeline/run.sh` drives it.
//!
//! ```text
//! bench_timeline ingest   --wheel W.whl --out DIR [--runs 3]
//! bench_timeline query    --lib DIR [--passes 20]
//! bench_timeline link     --lib DIR [--passes 3]
//! ```
//!
//! `link` links every section of the library with the gazetteer on one thread (what ingest
//! does per section, dates included) and prints the median time of a pass.
//!
//! `ingest` builds a fresh library from the Factbook wheel (one batch, then `optimize`, as
//! `areabook ingest` does) with timelines and events on, with timelines on and events off
//! (`Library::set_events`), and with both off (`Library::set_timelines`), alternating,
//! `--runs` times each, and prints the medians and their ratios (`ratio`: all against
//! nothing read; `events_ratio`: all against timelines without events). The library of the
//! last run with everything is left in `DIR/lib` for `query`.
//!
//! `query` asks `Library::timeline` for every country's timeline (first page of 100, as the
//! reader does, and the whole timeline up to 2,000 entries, as the API's largest page)
//! `--passes` times after one warm-up pass and prints p50/p99 latency over all calls, and
//! Japan's alone.
#![forbid(unsafe_code)]

use std::path::Path;
use std::time::Instant;

use library::{Item, Library, Provenance, TimelineQuery};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let need =
        |name: &str| -> Res<String> { opt(name).ok_or_else(|| format!("{name} missing").into()) };
    match args.first().map(String::as_str) {
        Some("ingest") => ingest(
            Path::new(&need("--wheel")?),
            Path::new(&need("--out")?),
            opt("--runs").map(|s| s.parse()).transpose()?.unwrap_or(3),
        ),
        Some("link") => link(
            Path::new(&need("--lib")?),
            opt("--passes").map(|s| s.parse()).transpose()?.unwrap_or(3),
        ),
        Some("query") => query(
            Path::new(&need("--lib")?),
            opt("--passes")
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(20),
        ),
        _ => Err("usage: bench_timeline ingest|query [options]".into()),
    }
}

fn items(wheel: &Path) -> Res<Vec<Item>> {
    let bytes = std::fs::read(wheel)?;
    let entities = pages::factbook::read_wheel(&bytes)?;
    Ok(entities
        .iter()
        .map(|entity| Item::Factbook {
            provenance: Provenance {
                mirror: "factbook-wheel".into(),
                url: None,
                path: Some(format!("{}!{}", wheel.display(), entity.path)),
                label: None,
                seen_at: None,
            },
            entity: entity.clone(),
        })
        .collect())
}

fn ingest(wheel: &Path, out: &Path, runs: usize) -> Res<()> {
    let items = items(wheel)?;
    std::fs::create_dir_all(out)?;
    // Three ways, alternating: nothing read; timelines and mentions but no events; all.
    let (mut with, mut no_events, mut without) = (Vec::new(), Vec::new(), Vec::new());
    let mut sections = 0;
    for run in 0..runs {
        for (timelines, events) in [(false, false), (true, false), (true, true)] {
            let name = match (timelines, events) {
                (true, true) => "lib",
                (true, false) => "lib-no-events",
                _ => "lib-plain",
            };
            let dir = out.join(name);
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            let t = Instant::now();
            let mut lib = Library::open(&dir)?;
            lib.set_timelines(timelines);
            lib.set_events(events);
            let report = lib.ingest(&items)?;
            lib.optimize()?;
            let s = t.elapsed().as_secs_f64();
            sections = report.new_sections;
            eprintln!(
                "run {run}: {name:<13} {s:.2} s ({} sections, {} read for timelines, {} coded for events)",
                report.new_sections, report.timelines, report.events
            );
            match (timelines, events) {
                (true, true) => with.push(s),
                (true, false) => no_events.push(s),
                _ => without.push(s),
            }
        }
    }
    let (w, ne, wo) = (
        median(&mut with),
        median(&mut no_events),
        median(&mut without),
    );
    let entries = Library::open_read_only(&out.join("lib"))?
        .check()?
        .timeline_entries;
    println!(
        "{}",
        serde_json::json!({
            "sections": sections,
            "timeline_entries": entries,
            "runs": runs,
            "ingest_with_timelines_s_median": round(w),
            "ingest_with_timelines_without_events_s_median": round(ne),
            "ingest_without_timelines_s_median": round(wo),
            "ratio": round(w / wo),
            "events_ratio": round(w / ne),
        })
    );
    Ok(())
}

fn query(lib: &Path, passes: usize) -> Res<()> {
    let lib = Library::open_read_only(lib)?;
    let countries: Vec<String> = lib.countries()?.into_iter().map(|c| c.id).collect();
    let run = |country: &str, limit: usize| -> Res<(f64, usize)> {
        let t = Instant::now();
        let tl = lib.timeline(&TimelineQuery {
            country: Some(country.to_owned()),
            limit,
            ..TimelineQuery::default()
        })?;
        Ok((t.elapsed().as_secs_f64() * 1e3, tl.total))
    };
    for c in &countries {
        run(c, 100)?;
    }
    let mut report = serde_json::Map::new();
    for (name, limit) in [("first_page_100", 100), ("whole_2000", 2000)] {
        let (mut all, mut japan) = (Vec::new(), Vec::new());
        let mut largest = (0, String::new());
        for _ in 0..passes {
            for c in &countries {
                let (ms, total) = run(c, limit)?;
                if total > largest.0 {
                    largest = (total, c.clone());
                }
                all.push(ms);
                if c == "japan" {
                    japan.push(ms);
                }
            }
        }
        all.sort_by(f64::total_cmp);
        japan.sort_by(f64::total_cmp);
        report.insert(
            name.into(),
            serde_json::json!({
                "calls": all.len(),
                "all_countries_p50_ms": round(pct(&all, 50.0)),
                "all_countries_p99_ms": round(pct(&all, 99.0)),
                "all_countries_max_ms": round(*all.last().unwrap_or(&0.0)),
                "japan_p50_ms": round(pct(&japan, 50.0)),
                "japan_p99_ms": round(pct(&japan, 99.0)),
                "largest_timeline": { "country": largest.1, "entries": largest.0 },
            }),
        );
    }
    report.insert("countries".into(), countries.len().into());
    println!("{}", serde_json::Value::Object(report));
    Ok(())
}

fn link(lib: &Path, passes: usize) -> Res<()> {
    let lib = Library::open_read_only(lib)?;
    let mut sections = Vec::new();
    for id in lib.section_ids()? {
        let s = lib.section(&id)?;
        sections.push((s.paragraphs, s.data_as_of));
    }
    let words: usize = sections
        .iter()
        .flat_map(|(p, _)| p.iter())
        .map(|p| p.split_whitespace().count())
        .sum();
    // Warm the gazetteer (its table is read and compiled on first use).
    let t = Instant::now();
    let _ = library::link_paragraphs(&["Japan"], None, None);
    let load = t.elapsed().as_secs_f64();
    let (mut with_dates, mut names_only) = (Vec::new(), Vec::new());
    let mut mentions = 0;
    let g = gazetteer::Gazetteer::embedded();
    for _ in 0..passes {
        let t = Instant::now();
        mentions = 0;
        for (paragraphs, as_of) in &sections {
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            mentions += library::link_paragraphs(&refs, as_of.as_deref(), None).len();
        }
        with_dates.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for (paragraphs, _) in &sections {
            for p in paragraphs {
                std::hint::black_box(g.link(p, &gazetteer::Context::default()));
            }
        }
        names_only.push(t.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        serde_json::json!({
            "sections": sections.len(), "words": words, "mentions": mentions, "passes": passes,
            "gazetteer_load_s": round(load),
            "link_all_sections_with_dates_s_median": round(median(&mut with_dates)),
            "link_all_sections_names_only_s_median": round(median(&mut names_only)),
        })
    );
    Ok(())
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
