//! Whole books from a Library of Congress full text: recognized by their structure among the
//! files `areabook ingest` reads, rebuilt with `pages::fulltext`, stored with
//! `Library::ingest_printed`.

use std::path::Path;

use anyhow::{Context, Result};
use library::{Library, PrintedReport, PrintedSource, Provenance};
use serde::Serialize;

/// Largest full text read (the longest Country Study is a few MiB of text).
const MAX_BOOK_BYTES: u64 = 64 << 20;

/// What one book yielded, as `ingest --json` reports it under `books`.
#[derive(Debug, Serialize)]
pub struct BookSummary {
    /// The file (as given).
    pub path: String,
    /// The book's id in the library.
    pub book_id: String,
    /// Its title in the library.
    pub book: String,
    /// Sections rebuilt.
    pub sections: usize,
    /// Of those, the ones merged with a web copy already in the library.
    pub matched_web: usize,
    /// Research completed (`1989-06`).
    pub research_completed: Option<String>,
    /// What the rebuild found odd.
    pub diagnostics: Vec<String>,
}

/// Whether `path` is a `.txt` whose text has the structure of a full text (a Contents with dot
/// leaders and `Chapter N.` headings, or a title page's `a country study`).
pub fn is_fulltext_file(path: &Path) -> bool {
    let txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if !txt || std::fs::metadata(path).map_or(true, |m| !m.is_file() || m.len() > MAX_BOOK_BYTES) {
        return false;
    }
    std::fs::read(path)
        .map(|bytes| pages::fulltext::looks_like_fulltext(&String::from_utf8_lossy(&bytes)))
        .unwrap_or(false)
}

/// Rebuild the book in `path` and store it. `pdf` (a local scan or its URL) is kept as the
/// book's PDF link; `source` carries the catalogue's facts when the book was fetched.
pub fn ingest_book(
    lib: &mut Library,
    path: &Path,
    label: &str,
    pdf: Option<&str>,
    mut source: PrintedSource,
) -> Result<(PrintedReport, BookSummary)> {
    let len = std::fs::metadata(path).context("cannot read")?.len();
    if len > MAX_BOOK_BYTES {
        anyhow::bail!(
            "larger than {} MiB: not a book's full text",
            MAX_BOOK_BYTES >> 20
        );
    }
    let bytes = std::fs::read(path).context("cannot read")?;
    let text = String::from_utf8_lossy(&bytes);
    let book = pages::fulltext::rebuild(&text);
    if book.sections.is_empty() {
        anyhow::bail!("no chapters or parts found in the full text");
    }
    if let Some(pdf) = pdf {
        source.pdf_url = Some(pdf.to_owned());
    }
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let provenance = Provenance {
        mirror: library::FULLTEXT_MIRROR.to_owned(),
        url: source
            .item_url
            .clone()
            .or_else(|| source.fulltext_url.clone()),
        path: Some(canonical.display().to_string()),
        label: Some(label.to_owned()),
        seen_at: None,
    };
    let report = lib
        .ingest_printed(&book, &source, &provenance)
        .with_context(|| format!("storing the book into {}", lib.dir().display()))?;
    let summary = BookSummary {
        path: path.display().to_string(),
        book_id: report.book_id.clone(),
        book: report.book.clone(),
        sections: report.sections,
        matched_web: report.matched_web,
        research_completed: book.research_completed.map(|d| d.to_string()),
        diagnostics: book.diagnostics.iter().map(|d| d.message.clone()).collect(),
    };
    Ok((report, summary))
}

/// The books `areabook demo` shows from the Library of Congress.
const DEMO_BOOKS: [&str; 2] = ["Soviet Union", "Japan"];

/// `demo`'s real Country Studies: the Soviet Union and Japan studies from the Library of
/// Congress collection, when loc.gov answers (kept in the library, so a second demo asks
/// nothing); when it does not, one line says how to add them later. Never fails the demo.
pub fn demo_books(config: &crate::config::Config) {
    let books: Vec<&'static pages::BookInfo> = DEMO_BOOKS
        .iter()
        .filter_map(|n| pages::book_for_country(n))
        .collect();
    let mut lib = match Library::open(&config.library) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("areabook: the Library of Congress books were not added: {e}");
            return;
        }
    };
    let missing: Vec<&pages::BookInfo> = books
        .into_iter()
        .filter(|b| {
            lib.printed_book(&library::slug(b.title))
                .map_or(true, |p| p.is_none())
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut options = crate::fetch::polite::Options::new(Some(config.cache_dir().join("pages")));
    // A demo does not wait long for an absent network.
    options.attempts = 2;
    options.timeout = std::time::Duration::from_secs(15);
    options.max_wait = std::time::Duration::from_secs(30);
    let client = crate::fetch::polite::Client::new(options);
    let mut added = false;
    for book in missing {
        eprintln!(
            "areabook: fetching {} from the Library of Congress ({}) …",
            book.title,
            crate::fetch::loc::base()
        );
        match crate::fetch::loc::fetch_book(
            &client,
            &mut lib,
            book,
            &indicatif::ProgressBar::hidden(),
        ) {
            Ok(r) => {
                added = true;
                eprintln!(
                    "areabook: {}: {} sections from the printed book",
                    book.title, r.sections
                );
            }
            Err(e) => {
                // The reason only when asked (`AREABOOK_VERBOSE=1`); the user gets one line.
                if std::env::var_os("AREABOOK_VERBOSE").is_some() {
                    eprintln!("areabook: loc.gov: {e:#}");
                }
                eprintln!(
                    "areabook: loc.gov did not answer, so the demo shows no printed Country Study; add them later with: areabook fetch study \"Soviet Union\" Japan --from loc"
                );
                break;
            }
        }
    }
    if added && let Err(e) = lib.optimize() {
        eprintln!("areabook: compacting the index: {e}");
    }
}
