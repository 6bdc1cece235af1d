//! `areabook scan`: every Country Studies page in WARC/WET crawl files, at the speed of
//! decompression.
//!
//! Inputs are files (`.warc`, `.warc.gz`, `.warc.wet.gz`, multi-member gzip or plain; gzip is
//! recognized by its magic bytes, not its name), `http(s)://` URLs (streamed) or `-` (stdin).
//! Each input is cut into parts: a gzip file of many members is split at member boundaries
//! (`pages::warc::gz::find_member`) into as many parts as there are threads, anything else is
//! one part. Worker threads take parts in order; each part's pages go to its own temporary file
//! and the main thread prints the parts in file order, so the output is the same whatever the
//! number of threads, memory stays bounded (one record per thread, at most `--max-record-mb`),
//! and nothing waits for a slow part but the printing.
//!
//! Per record: `WARC-Type` and media type first, then the byte-level prefilter
//! (`pages::warc::prefilter`), and only then the page recognizer. A record over the limit is
//! skipped with a warning naming file and offset; a truncated or corrupt file is reported by
//! name and offset (exit 1) and keeps the pages found before the fault.

mod parts;

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::config::Config;
use parts::{Part, PartReport, Problem};

/// One page found: the line `scan --json` prints and `ingest` reads back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanLine {
    /// The record's `WARC-Target-URI`.
    pub url: Option<String>,
    /// The record's `WARC-Date`.
    pub warc_date: Option<String>,
    /// The record's `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// The input as named on the command line (a path, a URL, or the stdin name).
    pub file: String,
    /// Byte offset of the record in the file: of its gzip member in a gzip file (what crawl
    /// indexes give with the member's length), of its `WARC/` line in a plain file.
    pub offset: u64,
    /// The mirror (`countrystudies-us`, `country-data`, …).
    pub mirror: String,
    /// The chapter country.
    pub country: Option<String>,
    /// The book.
    pub book: Option<String>,
    /// The section title.
    pub section_title: Option<String>,
    /// The section heading (chapter), when the page gives one.
    #[serde(default)]
    pub heading: Option<String>,
    /// `YYYY-MM` or `YYYY`.
    pub data_as_of: Option<String>,
    /// `front-matter`, `introduction`, `profile`, `narrative` or `back-matter`.
    #[serde(default)]
    pub section_kind: Option<String>,
    /// The page's sequence in its book, from its URL.
    #[serde(default)]
    pub sequence: Option<u64>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Country Profile fields.
    #[serde(default)]
    pub fields: Vec<ScanField>,
}

/// A Country Profile `Label: value` field in a scan line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanField {
    /// The label.
    pub label: String,
    /// The value.
    pub value: String,
}

impl ScanLine {
    /// The line for a recognized page.
    pub fn new(page: &pages::Page, record: &pages::warc::Record, file: &str, offset: u64) -> Self {
        let kind = serde_json::to_value(page.section_kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned));
        ScanLine {
            url: record.url.clone(),
            warc_date: record.date.clone(),
            record_id: record.id.clone(),
            file: file.to_owned(),
            offset,
            mirror: page.mirror.as_str().to_owned(),
            country: page.country.clone(),
            book: page.book.clone(),
            section_title: page.section_title.clone(),
            heading: page.heading.clone(),
            data_as_of: page.data_as_of.map(|d| d.to_string()),
            section_kind: kind,
            sequence: page.sequence,
            paragraphs: page.paragraphs.clone(),
            fields: page
                .fields
                .iter()
                .map(|f| ScanField {
                    label: f.label.clone(),
                    value: f.value.clone(),
                })
                .collect(),
        }
    }
}

impl ScanLine {
    /// The page again, with where it was found (`FILE#offset-N`) and when (`warc_date`).
    pub fn into_page(self) -> (pages::Page, String, Option<String>) {
        use pages::{Mirror, SectionKind};
        const MIRRORS: [Mirror; 11] = [
            Mirror::Loc,
            Mirror::CountryData,
            Mirror::CountryStudiesUs,
            Mirror::Allrefer,
            Mirror::Mongabay,
            Mirror::Tripod,
            Mirror::CountryStudiesCom,
            Mirror::GlIit,
            Mirror::Discmaster,
            Mirror::CrawlText,
            Mirror::Unknown,
        ];
        const KINDS: [SectionKind; 5] = [
            SectionKind::FrontMatter,
            SectionKind::Introduction,
            SectionKind::Profile,
            SectionKind::Narrative,
            SectionKind::BackMatter,
        ];
        let mirror = MIRRORS
            .into_iter()
            .find(|m| m.as_str() == self.mirror)
            .unwrap_or(Mirror::CrawlText);
        let section_kind = KINDS
            .into_iter()
            .find(|k| {
                serde_json::to_value(k)
                    .ok()
                    .is_some_and(|v| v.as_str() == self.section_kind.as_deref())
            })
            .unwrap_or(SectionKind::Narrative);
        let at = format!("{}#offset-{}", self.file, self.offset);
        let page = pages::Page {
            path: Some(at.clone()),
            url: self.url,
            kind: pages::PageKind::CountryStudy,
            reason: None,
            mirror,
            country: self.country,
            book: self.book,
            section_title: self.section_title,
            heading: self.heading,
            data_as_of: self.data_as_of.as_deref().and_then(pages::AsOf::parse),
            paragraphs: self.paragraphs,
            fields: self
                .fields
                .into_iter()
                .map(|f| pages::Field {
                    label: f.label,
                    value: f.value,
                })
                .collect(),
            section_kind,
            sequence: self.sequence,
        };
        (page, at, self.warc_date)
    }
}

/// Whether `bytes` look like `scan --json` output: the first line is a JSON object with the
/// keys a scan line must have.
pub fn looks_like_scan_lines(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"{") {
        return false;
    }
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    serde_json::from_slice::<serde_json::Value>(first).is_ok_and(|v| {
        ["file", "offset", "mirror", "paragraphs"]
            .iter()
            .all(|k| v.get(k).is_some())
    })
}

/// Counters the workers share with the progress bar.
#[derive(Debug, Default)]
pub struct Stats {
    /// Compressed (file) bytes read.
    pub bytes: AtomicU64,
    /// Records read.
    pub records: AtomicU64,
    /// Records that passed the prefilter and were parsed.
    pub parsed: AtomicU64,
    /// Pages found.
    pub pages: AtomicU64,
}

#[derive(Debug, Serialize)]
struct Summary {
    inputs: usize,
    /// Parts the inputs were cut into (a gzip file split between threads is several).
    parts: usize,
    bytes: u64,
    records: u64,
    parsed: u64,
    pages: u64,
    seconds: f64,
    threads: usize,
    warnings: usize,
    failed: Vec<Problem>,
}

/// Scan `inputs` with `threads` workers; records over `max_record` bytes are skipped.
pub fn scan(
    config: &Config,
    inputs: &[String],
    threads: Option<usize>,
    max_record: u64,
    stdin_name: Option<&str>,
) -> Result<Outcome> {
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let started = Instant::now();
    let mut failed: Vec<Problem> = Vec::new();
    let mut plan: Vec<Part> = Vec::new();
    for input in inputs {
        match parts::plan(input, threads, stdin_name) {
            Ok(p) => plan.extend(p),
            Err(err) => failed.push(Problem {
                file: input.clone(),
                offset: None,
                message: format!("{err:#}"),
            }),
        }
    }
    let total: u64 = plan.iter().map(|p| p.len().unwrap_or(0)).sum();
    let bar = progress(config, total);
    for p in &failed {
        report_problem(config, &bar, p, false);
    }
    let stats = Stats::default();
    let next = AtomicUsize::new(0);
    let (done_tx, done_rx) = mpsc::channel::<(usize, PartReport)>();
    let mut warnings = 0usize;
    let out = std::io::stdout();
    let printed: Result<()> = std::thread::scope(|s| {
        for _ in 0..threads.min(plan.len()).max(1) {
            let done_tx = done_tx.clone();
            let (plan, next, stats) = (&plan, &next, &stats);
            s.spawn(move || {
                let prefilter = pages::warc::prefilter::Prefilter::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(part) = plan.get(i) else { break };
                    let report = parts::scan_part(part, &prefilter, max_record, config.json, stats);
                    if done_tx.send((i, report)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // Print the parts in order as they finish.
        let mut waiting: std::collections::BTreeMap<usize, PartReport> = Default::default();
        let mut want = 0usize;
        while want < plan.len() {
            match done_rx.recv_timeout(Duration::from_millis(200)) {
                Ok((i, r)) => {
                    waiting.insert(i, r);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            tick(&bar, &stats, started);
            while let Some(report) = waiting.remove(&want) {
                want += 1;
                let mut lines = report.lines;
                bar.suspend(|| -> Result<()> {
                    if let Some(lines) = lines.as_mut() {
                        lines.print(&mut out.lock())?;
                    }
                    Ok(())
                })?;
                for w in &report.warnings {
                    report_problem(config, &bar, w, true);
                }
                warnings += report.warnings.len();
                if let Some(f) = report.failure {
                    report_problem(config, &bar, &f, false);
                    failed.push(f);
                }
            }
        }
        Ok(())
    });
    printed?;
    bar.finish_and_clear();
    let summary = Summary {
        inputs: inputs.len(),
        parts: plan.len(),
        bytes: stats.bytes.load(Ordering::Relaxed),
        records: stats.records.load(Ordering::Relaxed),
        parsed: stats.parsed.load(Ordering::Relaxed),
        pages: stats.pages.load(Ordering::Relaxed),
        seconds: started.elapsed().as_secs_f64(),
        threads,
        warnings,
        failed,
    };
    // The summary goes to stderr: stdout is the pages, one per line.
    if config.json {
        eprintln!(
            "{}",
            serde_json::json!({ "summary": serde_json::to_value(&summary).context("encoding JSON")? })
        );
    } else {
        eprintln!(
            "areabook scan: {} in {:.1} s: {} records, {} parsed, {} found{}{}",
            super::count(summary.inputs, "input", "inputs"),
            summary.seconds,
            summary.records,
            summary.parsed,
            super::count(summary.pages as usize, "page", "pages"),
            if warnings > 0 {
                format!(", {}", super::count(warnings, "warning", "warnings"))
            } else {
                String::new()
            },
            if summary.failed.is_empty() {
                String::new()
            } else {
                format!(", {} failed", summary.failed.len())
            },
        );
    }
    Ok(if summary.failed.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// A warning or failure on stderr: text naming file and offset, or JSON under `--json`.
fn report_problem(config: &Config, bar: &ProgressBar, p: &Problem, warning: bool) {
    let line = if config.json {
        let key = if warning { "warning" } else { "error" };
        let mut body = serde_json::json!({
            "kind": if warning { "record" } else { "io" },
            "message": p.to_string(),
            "path": p.file,
        });
        if let Some(o) = p.offset {
            body["offset"] = o.into();
        }
        serde_json::json!({ key: body }).to_string()
    } else {
        format!("areabook: {}{p}", if warning { "warning: " } else { "" })
    };
    bar.suspend(|| eprintln!("{line}"));
}

fn progress(config: &Config, total: u64) -> ProgressBar {
    if config.json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:20} {bytes}/{total_bytes} {bytes_per_sec} {elapsed} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

fn tick(bar: &ProgressBar, stats: &Stats, started: Instant) {
    if bar.is_hidden() {
        return;
    }
    let records = stats.records.load(Ordering::Relaxed);
    let secs = started.elapsed().as_secs_f64().max(0.001);
    bar.set_position(stats.bytes.load(Ordering::Relaxed));
    // Pages first: a narrow terminal cuts the end of the line.
    bar.set_message(format!(
        "{} pages, {records} records ({:.0}/s)",
        stats.pages.load(Ordering::Relaxed),
        records as f64 / secs,
    ));
}

/// Write one found page: a JSON line, or `file@offset  country / book / title (as of)  url`.
pub fn write_line(json: bool, line: &ScanLine, out: &mut impl Write) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, line)?;
        return writeln!(out);
    }
    let dash = "-".to_owned();
    writeln!(
        out,
        "{}@{}\t{} / {} / {} ({})\t{}",
        line.file,
        line.offset,
        line.country.as_ref().unwrap_or(&dash),
        line.book.as_ref().unwrap_or(&dash),
        line.section_title.as_ref().unwrap_or(&dash),
        line.data_as_of.as_ref().unwrap_or(&dash),
        line.url.as_ref().unwrap_or(&dash),
    )
}
