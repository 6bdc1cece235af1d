//! Search/ingest benchmark (issue 2), the Rust side. `bench/search/run.sh` drives it.
//!
//! ```text
//! bench_search corpus  --wheel W.whl --fixtures DIR --out DIR [--corpus-mb 100]
//! bench_search search  --lib DIR --queries Q.jsonl --out HITS.jsonl [--passes 3]
//! bench_search profile --lib DIR --queries Q.jsonl [--passes 3]
//! bench_search merge   --lib DIR --to DIR2
//! ```
//!
//! `corpus` ingests the Factbook wheel into a fresh library (timed, as `areabook ingest`
//! does: one batch), then grows it to about `--corpus-mb` of section text with synthetic
//! Country Studies sections recombined from Factbook paragraphs and the `pages` fixtures
//! (deterministic, unique bodies), in batches of 2,000, and writes every indexed section as
//! `sections.jsonl` (`id`, `country`, `title`, `body`: exactly what the index holds) for the
//! SQLite FTS5 side, plus `corpus.json` with the figures.
//!
//! `search` runs each query through `Library::search` (limit 10, snippets included) once to
//! warm up, then `--passes` timed passes; a query's latency is its median over the passes.
//! Writes one line per query: latency, total and the top-10 section ids.
//!
//! `profile` answers "where does a query's time go" with tantivy directly on the same
//! index, replaying what `Library::search` does phase by phase (parser construction and
//! parse, exact-wording boost, top-10 + count, stored-doc fetch, snippet generation).
#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use library::{Item, Library, Provenance, SearchQuery, normalize_body, slug};
use pages::{AsOf, Mirror, Page, PageKind, SectionKind};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return Err("usage: bench_search corpus|search|profile [options]".into());
    };
    let opt = |name: &str| -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let need =
        |name: &str| -> Res<String> { opt(name).ok_or_else(|| format!("{name} missing").into()) };
    match cmd.as_str() {
        "corpus" => corpus(
            Path::new(&need("--wheel")?),
            Path::new(&need("--fixtures")?),
            Path::new(&need("--out")?),
            opt("--corpus-mb")
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(100.0),
        ),
        "search" => search(
            Path::new(&need("--lib")?),
            Path::new(&need("--queries")?),
            Path::new(&need("--out")?),
            opt("--passes").map(|s| s.parse()).transpose()?.unwrap_or(3),
        ),
        "profile" => profile(
            Path::new(&need("--lib")?),
            Path::new(&need("--queries")?),
            opt("--passes").map(|s| s.parse()).transpose()?.unwrap_or(3),
        ),
        "merge" => merge(Path::new(&need("--lib")?), Path::new(&need("--to")?)),
        other => Err(format!("unknown command {other}").into()),
    }
}

// ---------------------------------------------------------------------------------------
// corpus

/// The library's section id: the first 8 bytes of SHA-256 over NUL-terminated parts
/// (assemble.rs). Replicated here so the FTS5 side gets the same ids; `corpus` checks a
/// sample against the catalog.
fn hex_digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn country_id(name: &str) -> String {
    match pages::countries::lookup(name) {
        Some(c) => slug(c.name),
        None => slug(name),
    }
}

/// SplitMix64: small, deterministic, good enough for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Section {
    id: String,
    country: String,
    title: String,
    body: String,
}

fn dir_bytes(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    };
    rd.flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_bytes(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

fn write_section(out: &mut impl Write, s: &Section) -> Res<()> {
    serde_json::to_writer(
        &mut *out,
        &json!({"id": s.id, "country": s.country, "title": s.title, "body": s.body}),
    )?;
    out.write_all(b"\n")?;
    Ok(())
}

fn corpus(wheel: &Path, fixtures: &Path, out: &Path, corpus_mb: f64) -> Res<()> {
    let lib_dir = out.join("lib");
    if lib_dir.exists() {
        std::fs::remove_dir_all(&lib_dir)?;
    }
    std::fs::create_dir_all(out)?;
    let mut jsonl = BufWriter::new(std::fs::File::create(out.join("sections.jsonl"))?);

    // 1. The Factbook alone, into a fresh library, as `areabook ingest wheel.whl` does it.
    let t0 = Instant::now();
    let bytes = std::fs::read(wheel)?;
    let entities = pages::factbook::read_wheel(&bytes)?;
    let read_s = t0.elapsed().as_secs_f64();
    let wheel_str = wheel.display().to_string();
    let items: Vec<Item> = entities
        .iter()
        .map(|entity| Item::Factbook {
            provenance: Provenance {
                mirror: "factbook-wheel".into(),
                url: None,
                path: Some(format!("{wheel_str}!{}", entity.path)),
                label: None,
                seen_at: None,
            },
            entity: entity.clone(),
        })
        .collect();
    let t1 = Instant::now();
    let c1 = process_cpu_ms();
    let mut lib = Library::open(&lib_dir)?;
    let report = lib.ingest(&items)?;
    // As `areabook ingest` does at the end of a run: compact the index.
    lib.optimize()?;
    let fb_ingest_s = t1.elapsed().as_secs_f64();
    let fb_ingest_cpu_s = (process_cpu_ms() - c1) / 1e3;
    let fb_total_s = t0.elapsed().as_secs_f64();
    eprintln!(
        "factbook: {} entities, {} sections; read+parse wheel {read_s:.2}s, ingest {fb_ingest_s:.2}s, total {fb_total_s:.2}s",
        entities.len(),
        report.new_sections
    );
    drop(items);

    // The Factbook sections as the index holds them; also the paragraph pool.
    let mut corpus_bytes = 0u64;
    let mut n_sections = 0usize;
    let mut sample_ids = Vec::new();
    let mut pool: Vec<(String, String)> = Vec::new(); // (paragraph, title it came from)
    for entity in &entities {
        let book_id = format!(
            "world-factbook-{}-{}",
            entity.edition,
            entity.fips.to_lowercase()
        );
        let country = country_id(&entity.country);
        let mut seen = HashSet::new();
        for s in entity.sections.iter().filter(|s| !s.paragraphs.is_empty()) {
            let key = format!(
                "{}\0{}\0{}",
                s.category,
                s.title,
                normalize_body(&s.paragraphs)
            );
            if !seen.insert(key.clone()) {
                continue;
            }
            let sec = Section {
                id: hex_digest(&[&book_id, &key]),
                country: country.clone(),
                title: s.title.clone(),
                body: s.paragraphs.join("\n\n"),
            };
            corpus_bytes += (sec.title.len() + sec.body.len()) as u64;
            n_sections += 1;
            if n_sections % 997 == 1 {
                sample_ids.push(sec.id.clone());
            }
            write_section(&mut jsonl, &sec)?;
            for p in &s.paragraphs {
                // Prose, not `total: 17,098,242 sq km`.
                if p.len() >= 200 {
                    pool.push((p.clone(), s.title.clone()));
                }
            }
        }
    }
    if n_sections != report.new_sections {
        return Err(format!(
            "replicated {n_sections} Factbook sections but the library stored {}",
            report.new_sections
        )
        .into());
    }
    let fb_bytes = corpus_bytes;

    // Fixture prose: every page under test_data/ok the parser recognizes.
    let mut fixture_paras = 0;
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.to_string_lossy();
            !n.ends_with(".json") && !n.ends_with(".url")
        })
        .collect();
    names.sort();
    for p in &names {
        let bytes = std::fs::read(p)?;
        let path = p.display().to_string();
        let (page, _) = pages::parse(&pages::Input {
            bytes: &bytes,
            path: Some(&path),
            url: None,
        });
        let title = page
            .section_title
            .clone()
            .or(page.heading.clone())
            .unwrap_or_else(|| "Introduction".into());
        for para in page.paragraphs.iter().filter(|p| p.len() >= 120) {
            pool.push((para.clone(), title.clone()));
            fixture_paras += 1;
        }
    }
    eprintln!(
        "pool: {} paragraphs ({} from {} fixtures)",
        pool.len(),
        fixture_paras,
        names.len()
    );

    // 2. Synthetic Country Studies sections until the corpus reaches the target size.
    let books = pages::books();
    let target = (corpus_mb * 1e6) as u64;
    let mut rng = Rng(0x5EED_2026);
    let mut ids: HashSet<String> = HashSet::new();
    let mut batch: Vec<Item> = Vec::new();
    let mut synth_ingest = Duration::ZERO;
    let c2 = process_cpu_ms();
    let mut batches = 0;
    let mut seq = 0u64;
    // The library merges near-duplicate copies within a book (MinHash, containment >= 0.8),
    // which a random recombination of templated Factbook paragraphs now and then is: those
    // few sections are counted here and left out of `sections.jsonl` below.
    let mut near_merged = 0usize;
    let mut flush = |lib: &mut Library, batch: &mut Vec<Item>, took: &mut Duration| -> Res<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let t = Instant::now();
        let r = lib.ingest(batch)?;
        *took += t.elapsed();
        near_merged += r.merged;
        if !r.rejected.is_empty() || r.new_sections + r.merged != batch.len() {
            return Err(format!(
                "batch: {} items, {} new, {} rejected (first: {:?})",
                batch.len(),
                r.new_sections,
                r.rejected.len(),
                r.rejected.first()
            )
            .into());
        }
        batch.clear();
        Ok(())
    };
    while corpus_bytes < target {
        let book = &books[rng.below(books.len())];
        let chapter = &book.chapters[rng.below(book.chapters.len())];
        let n = 3 + rng.below(10);
        let paragraphs: Vec<String> = (0..n)
            .map(|_| pool[rng.below(pool.len())].0.clone())
            .collect();
        let title = format!("{} {}", pool[rng.below(pool.len())].1, 1 + rng.below(9));
        let book_id = slug(book.title);
        let id = hex_digest(&[&book_id, &normalize_body(&paragraphs)]);
        if !ids.insert(id.clone()) {
            continue;
        }
        seq += 1;
        let sec = Section {
            id,
            country: country_id(chapter.country),
            title: title.clone(),
            body: paragraphs.join("\n\n"),
        };
        corpus_bytes += (sec.title.len() + sec.body.len()) as u64;
        n_sections += 1;
        if n_sections % 997 == 1 {
            sample_ids.push(sec.id.clone());
        }
        write_section(&mut jsonl, &sec)?;
        batch.push(Item::Page {
            page: Page {
                path: None,
                url: None,
                kind: PageKind::CountryStudy,
                reason: None,
                mirror: Mirror::CrawlText,
                country: Some(chapter.country.to_owned()),
                book: Some(book.title.to_owned()),
                section_title: Some(title),
                heading: None,
                data_as_of: book.year.map(|year| AsOf { year, month: None }),
                paragraphs,
                fields: Vec::new(),
                section_kind: SectionKind::Narrative,
                sequence: Some(seq),
            },
            provenance: Provenance {
                mirror: "bench-synthetic".into(),
                url: Some(format!("bench://{seq}")),
                path: None,
                label: None,
                seen_at: None,
            },
        });
        if batch.len() >= 2000 {
            flush(&mut lib, &mut batch, &mut synth_ingest)?;
            batches += 1;
            eprintln!(
                "  {batches} batches, {:.1} MB, ingest so far {:.1}s",
                corpus_bytes as f64 / 1e6,
                synth_ingest.as_secs_f64()
            );
        }
    }
    if !batch.is_empty() {
        flush(&mut lib, &mut batch, &mut synth_ingest)?;
        batches += 1;
    }
    jsonl.flush()?;
    // Includes generating the synthetic sections and writing the JSONL (small).
    let synth_cpu_s = (process_cpu_ms() - c2) / 1e3;
    let t_opt = Instant::now();
    lib.optimize()?;
    let full_ingest_s = fb_ingest_s + synth_ingest.as_secs_f64() + t_opt.elapsed().as_secs_f64();
    eprintln!(
        "optimize (merge to one segment): {:.2}s",
        t_opt.elapsed().as_secs_f64()
    );

    let n_written = n_sections;
    if near_merged > 0 {
        // Keep only the sections the library stored as themselves.
        drop(jsonl);
        let path = out.join("sections.jsonl");
        let text = std::fs::read_to_string(&path)?;
        let mut kept = BufWriter::new(std::fs::File::create(&path)?);
        n_sections = 0;
        for line in text.lines() {
            let v: Value = serde_json::from_str(line)?;
            if lib.section(v["id"].as_str().unwrap_or("")).is_ok() {
                n_sections += 1;
                kept.write_all(line.as_bytes())?;
                kept.write_all(b"\n")?;
            }
        }
        kept.flush()?;
        sample_ids.retain(|id| lib.section(id).is_ok());
        eprintln!(
            "near-duplicates merged by the library: {near_merged}; sections.jsonl keeps {n_sections} of {n_written}"
        );
    }
    // Every replicated id must be a stored section.
    for id in &sample_ids {
        lib.section(id)
            .map_err(|e| format!("replicated id {id} is not in the catalog: {e}"))?;
    }
    let check = lib.check()?;
    if !check.ok || check.sections != n_sections || check.indexed != n_sections {
        return Err(format!(
            "check: ok={} sections={} indexed={} expected {n_sections}: {:?}",
            check.ok, check.sections, check.indexed, check.problems
        )
        .into());
    }
    drop(lib);
    let index_bytes = dir_bytes(&lib_dir.join("index"));
    // The WAL is reported apart: it outlives the process when read-only connections
    // close last (nothing checkpoints it).
    let catalog_main = dir_bytes(&lib_dir.join("catalog.sqlite"));
    let catalog_wal = dir_bytes(&lib_dir.join("catalog.sqlite-wal"));
    let catalog_bytes = catalog_main + catalog_wal + dir_bytes(&lib_dir.join("catalog.sqlite-shm"));
    let segments = tantivy::Index::open_in_dir(lib_dir.join("index"))?
        .searchable_segment_ids()?
        .len();
    let stats = json!({
        "factbook_entities": entities.len(),
        "factbook_sections": report.new_sections,
        "factbook_bytes": fb_bytes,
        "factbook_read_s": read_s,
        "factbook_ingest_s": fb_ingest_s,
        "factbook_total_s": fb_total_s,
        "factbook_ingest_process_cpu_s": fb_ingest_cpu_s,
        "sections": n_sections,
        "near_duplicates_merged": near_merged,
        "corpus_bytes": corpus_bytes,
        "synthetic_batches": batches,
        "synthetic_ingest_s": synth_ingest.as_secs_f64(),
        "synthetic_process_cpu_s": synth_cpu_s,
        "full_ingest_s": full_ingest_s,
        "index_bytes": index_bytes,
        "catalog_bytes": catalog_bytes,
        "catalog_main_bytes": catalog_main,
        "catalog_wal_bytes": catalog_wal,
        "segments": segments,
    });
    std::fs::write(
        out.join("corpus.json"),
        serde_json::to_string_pretty(&stats)?,
    )?;
    println!("{}", serde_json::to_string_pretty(&stats)?);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// merge: a what-if for the lead, never the headline figure

/// Copy the library to `to` and merge its index into one segment, to measure what the
/// segment count costs a query.
fn merge(lib_dir: &Path, to: &Path) -> Res<()> {
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    std::fs::create_dir_all(to.join("index"))?;
    for name in ["catalog.sqlite", "catalog.sqlite-wal"] {
        if lib_dir.join(name).exists() {
            std::fs::copy(lib_dir.join(name), to.join(name))?;
        }
    }
    for e in std::fs::read_dir(lib_dir.join("index"))?.flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join("index").join(e.file_name()))?;
        }
    }
    let index = tantivy::Index::open_in_dir(to.join("index"))?;
    library::register_tokenizers(&index);
    let ids = index.searchable_segment_ids()?;
    let t = Instant::now();
    let mut w: tantivy::IndexWriter = index.writer(64_000_000)?;
    if ids.len() > 1 {
        w.merge(&ids).wait()?;
    }
    w.garbage_collect_files().wait()?;
    w.wait_merging_threads()?;
    let after = index.searchable_segment_ids()?.len();
    eprintln!(
        "merged {} segments into {after} in {:.1}s; index {:.1} MB",
        ids.len(),
        t.elapsed().as_secs_f64(),
        dir_bytes(&to.join("index")) as f64 / 1e6
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// search

struct Q {
    text: String,
    country: Option<String>,
}

fn read_queries(path: &Path) -> Res<Vec<Q>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for line in f.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        out.push(Q {
            text: v["q"].as_str().ok_or("query without q")?.to_owned(),
            country: v["country"].as_str().map(str::to_owned),
        });
    }
    Ok(out)
}

/// This thread's CPU time in ms (`CLOCK_THREAD_CPUTIME_ID`): unlike wall time it does not
/// count the time the thread waits for a core, which on a shared machine is most of the
/// noise. A query runs on the calling thread on both sides (tantivy's default searcher,
/// SQLite), so it is the query's own cost.
fn cpu_ms() -> f64 {
    cpu_time::ThreadTime::now().as_duration().as_secs_f64() * 1e3
}

/// CPU time of the whole process (all threads) in ms.
fn process_cpu_ms() -> f64 {
    cpu_time::ProcessTime::now().as_duration().as_secs_f64() * 1e3
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i]
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn summary(label: &str, lat_ms: &[f64]) -> Value {
    let mut s = lat_ms.to_vec();
    s.sort_by(f64::total_cmp);
    let mean = s.iter().sum::<f64>() / s.len() as f64;
    eprintln!(
        "{label}: n={} p50 {:.3} ms  p90 {:.3}  p99 {:.3}  max {:.3}  mean {:.3}",
        s.len(),
        pct(&s, 50.0),
        pct(&s, 90.0),
        pct(&s, 99.0),
        s[s.len() - 1],
        mean
    );
    json!({"n": s.len(), "p50_ms": pct(&s, 50.0), "p90_ms": pct(&s, 90.0),
           "p99_ms": pct(&s, 99.0), "max_ms": s[s.len() - 1], "mean_ms": mean})
}

fn search(lib_dir: &Path, queries: &Path, out: &Path, passes: usize) -> Res<()> {
    let queries = read_queries(queries)?;
    // The server's way of opening a library.
    let lib = Library::open_read_only(lib_dir)?;
    let sq: Vec<SearchQuery> = queries
        .iter()
        .map(|q| SearchQuery {
            text: q.text.clone(),
            country: q.country.clone(),
            limit: 10,
            ..SearchQuery::default()
        })
        .collect();
    // Warm-up pass (page cache, lazily loaded segment data), also the results we keep.
    let mut results = Vec::with_capacity(sq.len());
    for q in &sq {
        results.push(lib.search(q).map_err(|e| format!("{:?}: {e}", q.text))?);
    }
    let mut per_query: Vec<Vec<f64>> = vec![Vec::with_capacity(passes); sq.len()];
    let mut per_query_cpu: Vec<Vec<f64>> = vec![Vec::with_capacity(passes); sq.len()];
    for _ in 0..passes {
        for (i, q) in sq.iter().enumerate() {
            let c = cpu_ms();
            let t = Instant::now();
            let r = lib.search(q)?;
            per_query[i].push(t.elapsed().as_secs_f64() * 1e3);
            per_query_cpu[i].push(cpu_ms() - c);
            std::hint::black_box(r);
        }
    }
    let lat: Vec<f64> = per_query.iter_mut().map(|v| median(v)).collect();
    let cpu: Vec<f64> = per_query_cpu.iter_mut().map(|v| median(v)).collect();
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    for (((q, r), ms), cpu_ms) in queries.iter().zip(&results).zip(&lat).zip(&cpu) {
        let ids: Vec<&str> = r.hits.iter().map(|h| h.section_id.as_str()).collect();
        serde_json::to_writer(
            &mut w,
            &json!({"q": q.text, "country": q.country, "ms": ms, "cpu_ms": cpu_ms,
                    "total": r.total, "ids": ids}),
        )?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    let mut s = summary("areabook search (limit 10, snippets), wall", &lat);
    s["cpu"] = summary("areabook search (limit 10, snippets), thread CPU", &cpu);
    println!("{}", serde_json::to_string(&s)?);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// profile

fn profile(lib_dir: &Path, queries: &Path, passes: usize) -> Res<()> {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, QueryParser, TermQuery};
    use tantivy::schema::{IndexRecordOption, Value as _};
    use tantivy::snippet::SnippetGenerator;
    use tantivy::{Index, TantivyDocument, Term};

    let queries = read_queries(queries)?;
    let index = Index::open_in_dir(lib_dir.join("index"))?;
    library::register_tokenizers(&index);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    let field = |n: &str| schema.get_field(n);
    let (title, body, title_exact, body_exact, country, id) = (
        field("title")?,
        field("body")?,
        field("title_exact")?,
        field("body_exact")?,
        field("country")?,
        field("id")?,
    );
    eprintln!(
        "profile: {} segments, {} docs",
        searcher.segment_readers().len(),
        searcher.num_docs()
    );
    // Phases, CPU ms per query, in the order of NAMES.
    const NAMES: [&str; 10] = [
        "parser+parse",
        "exact-boost parse",
        "top10+count",
        "top10 only (no count)",
        "top10+count, no exact boost",
        "stored-doc fetch",
        "snippet generator+snippets",
        "  of which SnippetGenerator::create",
        "snippets, body cut at 2,000 bytes (what-if)",
        "total (as Library::search)",
    ];
    let mut phases: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); queries.len()]; NAMES.len()];
    // Thread CPU time, so that phases are not blurred by waits for a core.
    let ms = |t: f64| cpu_ms() - t;
    for pass in 0..=passes {
        for (qi, q) in queries.iter().enumerate() {
            let t_all = cpu_ms();
            let t = cpu_ms();
            let mut parser = QueryParser::for_index(&index, vec![title, body]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(title, 2.0);
            let text_query = match parser.parse_query(&q.text) {
                Ok(query) => query,
                Err(_) => parser.parse_query_lenient(&q.text).0,
            };
            let p_parse = ms(t);
            let t = cpu_ms();
            let mut ep = QueryParser::for_index(&index, vec![title_exact, body_exact]);
            ep.set_field_boost(title_exact, 2.0);
            let plain = q.text.split_whitespace().count() > 1
                && q.text
                    .chars()
                    .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '\'' || c == '-');
            let exact = if plain {
                ep.parse_query(&format!("\"{}\"", q.text))
            } else {
                ep.parse_query(&q.text)
            };
            let p_exact = ms(t);
            let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Must, text_query.box_clone())];
            if let Ok(e) = exact {
                clauses.push((Occur::Should, Box::new(BoostQuery::new(e, 2.0))));
            }
            if let Some(c) = &q.country {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(country, c),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
            let without_exact = BooleanQuery::new(
                clauses
                    .iter()
                    .filter(|(o, _)| *o == Occur::Must)
                    .map(|(o, q)| (*o, q.box_clone()))
                    .collect(),
            );
            let query = BooleanQuery::new(clauses);
            let t = cpu_ms();
            let (top, total) = searcher.search(&query, &(TopDocs::with_limit(10), Count))?;
            let p_search = ms(t);
            std::hint::black_box(total);
            let t_total_without = ms(t_all);
            let t = cpu_ms();
            let top_only = searcher.search(&query, &TopDocs::with_limit(10))?;
            let p_top_only = ms(t);
            std::hint::black_box(top_only);
            let t = cpu_ms();
            let r = searcher.search(&without_exact, &(TopDocs::with_limit(10), Count))?;
            let p_no_exact = ms(t);
            std::hint::black_box(r);
            let t = cpu_ms();
            let docs: Vec<TantivyDocument> = top
                .iter()
                .map(|(_, a)| searcher.doc(*a))
                .collect::<Result<_, _>>()?;
            let p_fetch = ms(t);
            let t = cpu_ms();
            let mut snippet_gen = SnippetGenerator::create(&searcher, &*text_query, body)?;
            snippet_gen.set_max_num_chars(240);
            let mut n = 0;
            for d in &docs {
                let mut s = snippet_gen.snippet_from_doc(d);
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                n += s.to_html().len();
                n += d.get_first(id).and_then(|v| v.as_str()).map_or(0, str::len);
            }
            std::hint::black_box(n);
            let p_snip = ms(t);
            let t = cpu_ms();
            let created = SnippetGenerator::create(&searcher, &*text_query, body)?;
            let p_create = ms(t);
            std::hint::black_box(created);
            // What-if: the same work over at most the first 2,000 bytes of each body.
            let t = cpu_ms();
            let mut snippet_gen = SnippetGenerator::create(&searcher, &*text_query, body)?;
            snippet_gen.set_max_num_chars(240);
            let mut n = 0;
            for d in &docs {
                let text = d.get_first(body).and_then(|v| v.as_str()).unwrap_or("");
                let mut cut = text.len().min(2000);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                let mut s = snippet_gen.snippet(&text[..cut]);
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                n += s.to_html().len();
            }
            std::hint::black_box(n);
            let p_snip_cut = ms(t);
            let total_ms = t_total_without + p_fetch + p_snip;
            if pass > 0 {
                for (k, v) in [
                    p_parse, p_exact, p_search, p_top_only, p_no_exact, p_fetch, p_snip, p_create,
                    p_snip_cut, total_ms,
                ]
                .into_iter()
                .enumerate()
                {
                    phases[k][qi].push(v);
                }
            }
        }
    }
    let mut out = serde_json::Map::new();
    for (k, name) in NAMES.iter().enumerate() {
        let lat: Vec<f64> = phases[k].iter_mut().map(|v| median(v)).collect();
        out.insert(name.to_string(), summary(name, &lat));
    }
    println!("{}", serde_json::to_string(&Value::Object(out))?);
    Ok(())
}
