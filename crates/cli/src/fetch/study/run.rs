//! Running a book's plans: fetch each entry politely, recognize it, store it in batches, log it.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use library::{ExpectedEntry, Item, Library, Provenance};
use serde::Serialize;

use super::log::{FetchLog, Line, Outcome};
use super::plan::{self, Entry, Plan};
use super::source::{self, Source};
use crate::fetch::polite::Client;

/// Pages stored per library batch at most (each batch is one atomic commit) …
const BATCH: usize = 500;
/// … and a batch is committed at least this often, so a slow (polite) run keeps its work.
const COMMIT_EVERY: Duration = Duration::from_secs(3);
/// Pages fetched and recognized ahead of the one being stored.
const PIPELINE: usize = 1024;
/// Pages in a row that could not be fetched before a source is given up.
const MAX_FAILURES_IN_A_ROW: usize = 5;

/// What fetching one book did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BookReport {
    /// The book's title.
    pub book: String,
    /// Its library id.
    pub book_id: String,
    /// The sources used, in order.
    pub sources: Vec<String>,
    /// TOC entries planned (from the first source that listed the book).
    pub planned: usize,
    /// Pages read from the network.
    pub fetched: usize,
    /// Pages read from the cache (fetched by an earlier run).
    pub cached: usize,
    /// Pages an earlier run had finished (skipped).
    pub resumed: usize,
    /// New sections.
    pub new_sections: usize,
    /// Pages that were copies of sections already in the library.
    pub merged: usize,
    /// Copies already recorded.
    pub unchanged: usize,
    /// Entries whose page is not a Country Studies section (with the reason).
    pub not_recognized: Vec<Problem>,
    /// Entries that could not be fetched (with the reason).
    pub failed: Vec<Problem>,
    /// Sources that could not list the book (with the reason).
    pub skipped_sources: Vec<Problem>,
    /// Entries present / expected after the run.
    pub present: usize,
    /// Entries the TOC lists.
    pub expected: usize,
    /// The entries still missing.
    pub missing: Vec<Problem>,
    /// HTTP requests made, and body bytes received.
    pub requests: u64,
    /// Body bytes received from the network.
    pub bytes: u64,
}

/// An entry (or source) and what went wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// Title or source name.
    pub title: String,
    /// The URL concerned.
    pub url: String,
    /// Why.
    pub reason: String,
}

/// Lowercase letters and digits of a title, to match entries across sources.
fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Fetch `book` from `sources` in order into `lib`; later sources fetch only the entries the
/// earlier ones left missing (matched by title).
pub fn fetch_book(
    client: &Client,
    lib: &mut Library,
    sources: &[Source],
    book: &pages::BookInfo,
    bar: &ProgressBar,
) -> Result<BookReport> {
    let book_id = library::slug(book.title);
    let mut report = BookReport {
        book: book.title.to_owned(),
        book_id: book_id.clone(),
        ..BookReport::default()
    };
    let mut log = FetchLog::open(lib.dir(), &book_id)?;
    let mut expected: Vec<ExpectedEntry> = Vec::new();
    let mut expected_source = String::new();
    for source in sources {
        if *source == Source::Loc {
            // The whole printed book from its full text (issue 14): nothing is left to fill.
            match crate::fetch::loc::fetch_book(client, lib, book, bar) {
                Ok(done) => {
                    report.sources.push(source.name());
                    report.new_sections += done.ingest.new_sections;
                    report.merged += done.ingest.merged;
                    report.unchanged += done.ingest.unchanged;
                    report.planned = done.sections;
                    report.expected = done.sections;
                    report.present = done.sections;
                    report.requests = client.requests();
                    report.bytes = client.bytes_received();
                    return Ok(report);
                }
                Err(e) if sources.len() > 1 => {
                    report.skipped_sources.push(Problem {
                        title: source.name(),
                        url: crate::fetch::loc::base(),
                        reason: format!("{e:#}"),
                    });
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
        let plan = match plan::plan(client, source, book) {
            Ok(p) => p,
            Err(e) if sources.len() > 1 => {
                report.skipped_sources.push(Problem {
                    title: source.name(),
                    url: String::new(),
                    reason: format!("{e:#}"),
                });
                continue;
            }
            Err(e) => return Err(e),
        };
        report.sources.push(plan.source.clone());
        let todo: Vec<Entry> = if expected.is_empty() {
            expected = plan
                .entries
                .iter()
                .map(|e| ExpectedEntry {
                    title: e.title.clone(),
                    depth: e.depth,
                    country: e.country.map(str::to_owned),
                    urls: vec![e.url.clone()],
                })
                .collect();
            expected_source = plan.source.clone();
            report.planned = expected.len();
            plan.entries
        } else {
            fill_in(&mut expected, &log, plan)
        };
        run_entries(client, lib, &mut log, source, book, &todo, bar, &mut report)?;
        if missing(&expected, &log).is_empty() {
            break;
        }
    }
    if expected.is_empty() {
        let reasons: Vec<String> = report
            .skipped_sources
            .iter()
            .map(|p| format!("{}: {}", p.title, p.reason))
            .collect();
        anyhow::bail!(
            "{}: no source listed the book ({})",
            book.title,
            reasons.join("; ")
        );
    }
    lib.set_expected_toc(&book_id, &expected_source, &expected)
        .with_context(|| format!("recording the table of contents of {}", book.title))?;
    report.expected = expected.len();
    let gone = missing(&expected, &log);
    report.present = expected.len() - gone.len();
    report.missing = gone
        .into_iter()
        .map(|e| Problem {
            title: e.title.clone(),
            url: e.urls.first().cloned().unwrap_or_default(),
            reason: "no source delivered it".into(),
        })
        .collect();
    report.requests = client.requests();
    report.bytes = client.bytes_received();
    Ok(report)
}

/// The expected entries no stored page covers.
fn missing<'a>(expected: &'a [ExpectedEntry], log: &FetchLog) -> Vec<&'a ExpectedEntry> {
    expected
        .iter()
        .filter(|e| {
            !e.urls
                .iter()
                .any(|u| log.outcome(u) == Some(Outcome::Stored))
        })
        .collect()
}

/// A later source's entries that match an entry still missing (same title, and the same
/// chapter country when both say), each missing entry once; their URLs join it.
fn fill_in(expected: &mut [ExpectedEntry], log: &FetchLog, plan: Plan) -> Vec<Entry> {
    let mut todo = Vec::new();
    let mut taken = vec![false; expected.len()];
    for entry in plan.entries {
        let key = title_key(&entry.title);
        let slot = expected.iter_mut().enumerate().find(|(i, x)| {
            !taken[*i]
                && title_key(&x.title) == key
                && (x.country.is_none()
                    || entry.country.is_none()
                    || x.country.as_deref() == entry.country)
                && !x
                    .urls
                    .iter()
                    .any(|u| log.outcome(u) == Some(Outcome::Stored))
        });
        if let Some((i, slot)) = slot {
            taken[i] = true;
            if !slot.urls.contains(&entry.url) {
                slot.urls.push(entry.url.clone());
            }
            todo.push(entry);
        }
    }
    todo
}

#[allow(clippy::too_many_arguments)]
fn run_entries(
    client: &Client,
    lib: &mut Library,
    log: &mut FetchLog,
    source: &Source,
    book: &pages::BookInfo,
    entries: &[Entry],
    bar: &ProgressBar,
    report: &mut BookReport,
) -> Result<()> {
    let rights = source::rights(source);
    let line = |url: &str, outcome, reason: Option<String>| Line {
        url: url.to_owned(),
        outcome,
        source: source.name(),
        rights: rights.to_owned(),
        reason,
    };
    bar.set_length(bar.length().unwrap_or(0) + entries.len() as u64);
    // What to fetch: each URL once, not what an earlier run finished, not what no capture holds.
    let mut seen = HashSet::new();
    let mut todo: Vec<(usize, &Entry, &str)> = Vec::new();
    for (idx, entry) in entries.iter().enumerate() {
        if !seen.insert(entry.url.as_str()) {
            bar.inc(1);
        } else if log.outcome(&entry.url).is_some() {
            report.resumed += 1;
            bar.inc(1);
        } else if let Some(fetch) = &entry.fetch {
            todo.push((idx, entry, fetch));
        } else {
            bar.inc(1); // no capture: listed as missing at the end
        }
    }
    let mut batch: Vec<Item> = Vec::new();
    let mut pending: Vec<Line> = Vec::new();
    let mut failures_in_a_row = 0;
    let mut last_commit = Instant::now();
    // One thread fetches (politely, in order) and recognizes; this one stores in batches.
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel(PIPELINE);
        scope.spawn(move || {
            for (idx, entry, fetch) in todo {
                let got = client.get(fetch).map(|r| {
                    let parsed = pages::parse_many(&pages::Input {
                        bytes: &r.bytes,
                        path: None,
                        url: Some(&entry.url),
                    });
                    (r, parsed)
                });
                if tx.send((idx, entry, fetch, got)).is_err() {
                    break; // the store side gave up
                }
            }
        });
        for (idx, entry, fetch, got) in rx {
            bar.inc(1);
            let (response, parsed) = match got {
                Ok(r) => r,
                Err(e) => {
                    failures_in_a_row += 1;
                    let problem = Problem {
                        title: entry.title.clone(),
                        url: fetch.to_owned(),
                        reason: e.to_string(),
                    };
                    bar.suspend(|| eprintln!("areabook: {}", problem.reason));
                    report.failed.push(problem);
                    if failures_in_a_row >= MAX_FAILURES_IN_A_ROW {
                        bar.suspend(|| {
                            eprintln!(
                                "areabook: {}: {MAX_FAILURES_IN_A_ROW} pages in a row failed; giving up this source",
                                source.name()
                            )
                        });
                        break;
                    }
                    continue;
                }
            };
            failures_in_a_row = 0;
            if response.from_cache {
                report.cached += 1;
            } else {
                report.fetched += 1;
            }
            bar.set_message(format!("{} KB", client.bytes_received() / 1024));
            let several = parsed.len() > 1;
            let mut stored = false;
            for (mut page, _) in parsed {
                if page.kind != pages::PageKind::CountryStudy {
                    if !several {
                        let reason = page.reason.clone().unwrap_or_default();
                        report.not_recognized.push(Problem {
                            title: entry.title.clone(),
                            url: entry.url.clone(),
                            reason: reason.clone(),
                        });
                        pending.push(line(&entry.url, Outcome::NotRecognized, Some(reason)));
                    }
                    continue;
                }
                // What the TOC knows and the page may not say.
                if page.country.is_none() {
                    page.country = entry.country.map(str::to_owned);
                }
                if page.book.is_none() {
                    page.book = Some(book.title.to_owned());
                }
                if page.section_title.is_none() && !entry.title.is_empty() && !several {
                    page.section_title = Some(entry.title.clone());
                }
                let part = page.sequence.filter(|_| several).unwrap_or(0);
                page.sequence = Some((idx as u64 + 1) * 1000 + part);
                if matches!(source, Source::CountryStudiesUs { .. }) {
                    page.mirror = pages::Mirror::CountryStudiesUs;
                }
                batch.push(Item::Page {
                    provenance: Provenance {
                        mirror: page.mirror.as_str().to_owned(),
                        url: Some(entry.url.clone()),
                        path: None,
                        label: None,
                        seen_at: Some(
                            entry
                                .captured
                                .clone()
                                .unwrap_or_else(|| response.fetched_on.clone()),
                        ),
                    },
                    page,
                });
                stored = true;
            }
            if stored {
                pending.push(line(&entry.url, Outcome::Stored, None));
            } else if several {
                pending.push(line(
                    &entry.url,
                    Outcome::NotRecognized,
                    Some("no section on the page".into()),
                ));
            }
            if batch.len() >= BATCH || last_commit.elapsed() >= COMMIT_EVERY {
                commit(lib, log, &mut batch, &mut pending, report)?;
                last_commit = Instant::now();
            }
        }
        Ok(())
    })?;
    commit(lib, log, &mut batch, &mut pending, report)
}

/// Store a batch, then log it (the log never claims what the library does not hold).
fn commit(
    lib: &mut Library,
    log: &mut FetchLog,
    batch: &mut Vec<Item>,
    pending: &mut Vec<Line>,
    report: &mut BookReport,
) -> Result<()> {
    if !batch.is_empty() {
        let r = lib
            .ingest(batch)
            .with_context(|| format!("storing into {}", lib.dir().display()))?;
        report.new_sections += r.new_sections;
        report.merged += r.merged;
        report.unchanged += r.unchanged;
        for rejected in r.rejected {
            // Assembled but refused (no body text, no country): not stored, not logged.
            pending.retain(|l| l.url != rejected.source);
            report.not_recognized.push(Problem {
                title: String::new(),
                url: rejected.source.clone(),
                reason: rejected.reason.clone(),
            });
        }
        batch.clear();
    }
    log.append(pending)?;
    pending.clear();
    Ok(())
}

/// A progress bar with pages, bytes and ETA on a terminal; hidden otherwise.
pub fn progress(json: bool) -> ProgressBar {
    if json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} {prefix} [{bar:30}] {pos}/{len} pages, {msg}, ETA {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
