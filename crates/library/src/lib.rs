//! The areabook library: a SQLite catalog of books, chapters and sections, and a tantivy
//! full-text index over them.
//!
//! Data flows one way: `pages` parses inputs into [`pages::Page`]s and Factbook entities;
//! [`Library::ingest`] assembles them into sections (deduplicated across mirrors by their
//! normalized body text, every copy kept as provenance) and commits each batch to both
//! stores; the query methods return plain view types that the CLI and the server render.
//!
//! ```
//! # fn main() -> library::Result<()> {
//! let dir = tempfile::tempdir().unwrap();
//! let mut lib = library::Library::open(dir.path())?;
//! assert_eq!(lib.countries()?.len(), 0);
//! assert!(lib.check()?.ok);
//! # Ok(()) }
//! ```
//!
//! **Invariants.** The catalog is the source of truth; the index is derived from it and
//! records the catalog generation it reflects. A batch is committed to the index first and
//! the catalog second, so a killed process leaves at worst an index *ahead* of the catalog,
//! which [`Library::check`] reports and the next [`Library::ingest`] repairs by rebuilding
//! the index from the catalog. Only this crate knows SQLite and tantivy.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod assemble;
mod catalog;
mod country;
mod editions;
mod entities;
mod error;
mod export;
mod index;
pub mod neardup;
mod printed;
mod readonly_dir;
mod relations;
mod snippet;
mod text;
mod timeline;
mod toc;
mod views;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

/// PLOVER's event types, as the `events` crate codes them (`EventType::ALL`, `as_str`).
pub use ::events::EventType;
pub use assemble::{Item, Provenance, Rejected, normalize_body, slug};
pub use country::{ChapterSection, ChapterView, CountryDetail, CountryLink, Fact, anchor};
pub use editions::store::is_editions_dir;
pub use editions::{
    CompareItem, CompareSide, CompareSubject, Comparison, DiffOp, EditionDiff, EditionEntity,
    EditionsReport, FieldDiff, History, HistoryRow, describe_editions, edition_book_id,
    is_version_id, word_diff,
};
pub use entities::{
    BookCount, Entity, EntityRef, EntitySection, EntityView, Kind, Linked, MentionView, PlaceView,
    link_paragraphs, link_with_dates,
};
pub use error::{Error, Result};
pub use export::{ExportEvent, ExportFilter, ExportMention, ExportSection, ExportTimelineEntry};
#[doc(hidden)]
pub use index::register_tokenizers;
pub use index::{
    MAX_DEPTH, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_LEN, MAX_TERMS, SearchHit, SearchQuery,
    SearchResults, YEARS,
};
pub use printed::{
    FULLTEXT_MIRROR, PrintedBookView, PrintedEntry, PrintedPages, PrintedReport, PrintedSource,
    similarity as printed_similarity,
};
pub use relations::{
    MAX_RELATIONS_LIMIT, MAX_RELATIONS_OFFSET, Partner, Partners, RelationEvent, RelationState,
    Relations, RelationsQuery,
};
pub use snippet::{Snippet, render_snippet};
pub use timeline::{
    COUNTRY_STUDIES, Citation, CiteFormat, FACTBOOK, MAX_TIMELINE_LIMIT, QUERY_SECTIONS, StateRef,
    Timeline, TimelineEntry, TimelineQuery, YearCount,
};
pub use toc::{Completeness, ExpectedEntry};
pub use views::{
    BookDetail, BookRef, BookSummary, CountryView, FieldView, ProvenanceView, SectionLink,
    SectionView, TocNode, format_as_of,
};

use catalog::Written;
use index::SearchIndex;

/// An open library directory (`catalog.sqlite` + `index/`).
pub struct Library {
    /// Held (an OS file lock) while the library is open for writing.
    _lock: Option<std::fs::File>,
    dir: PathBuf,
    catalog_path: PathBuf,
    writer: Option<Mutex<Connection>>,
    readers: Mutex<Vec<Connection>>,
    index: SearchIndex,
    /// Whether `ingest` reads the timelines (see [`Library::set_timelines`]).
    timelines: bool,
    /// Whether that reading codes events too (see [`Library::set_events`]).
    events: bool,
}

/// What one [`Library::ingest`] batch did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestReport {
    /// Sections seen for the first time.
    pub new_sections: usize,
    /// Known sections that gained a copy (provenance) or metadata.
    pub merged: usize,
    /// Copies already recorded.
    pub unchanged: usize,
    /// Items that could not be stored, with the reason.
    pub rejected: Vec<RejectedView>,
    /// Whether the index had to be rebuilt from the catalog first.
    pub repaired: bool,
    /// Sections whose dated statements were read for the timelines (new ones, and every
    /// section of a library an older areabook built).
    pub timelines: usize,
    /// Sections coded for events (new ones, and every section of a library an older
    /// areabook built).
    pub events: usize,
}

/// An item that was not stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RejectedView {
    /// Its path or URL.
    pub source: String,
    /// Why.
    pub reason: String,
}

/// What [`Library::check`] found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    /// True when catalog and index agree and SQLite's integrity check passes.
    pub ok: bool,
    /// Committed catalog generation.
    pub catalog_generation: u64,
    /// Generation the index was committed for.
    pub index_generation: Option<u64>,
    /// Sections in the catalog.
    pub sections: usize,
    /// Documents in the index.
    pub indexed: usize,
    /// Dated statements on the timelines.
    pub timeline_entries: usize,
    /// Index segments (one after `optimize`).
    pub segments: usize,
    /// Each problem found, in words.
    pub problems: Vec<String>,
}

impl Library {
    /// Open the library in `dir` for reading and writing, creating it if needed.
    pub fn open(dir: &Path) -> Result<Library> {
        if dir.is_file() {
            return Err(Error::NotADirectory(dir.to_owned()));
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?;
        let lock = lock(dir)?;
        let catalog_path = dir.join("catalog.sqlite");
        let conn = catalog::open_rw(&catalog_path)?;
        let (index, created) = SearchIndex::open_or_create(&dir.join("index"))?;
        if created && catalog::generation(&conn, &catalog_path)? > 0 {
            // A new (or outdated, hence recreated) index beside a full catalog: rebuild now,
            // so readers never see an empty index.
            index::write::rebuild_index(&conn, &catalog_path, &index)?;
        }
        Ok(Library {
            _lock: Some(lock),
            dir: dir.to_owned(),
            catalog_path,
            writer: Some(Mutex::new(conn)),
            readers: Mutex::new(Vec::new()),
            index,
            timelines: true,
            events: true,
        })
    }

    /// Open an existing library for reading only (the server does this).
    pub fn open_read_only(dir: &Path) -> Result<Library> {
        if dir.is_file() {
            return Err(Error::NotADirectory(dir.to_owned()));
        }
        let catalog_path = dir.join("catalog.sqlite");
        if !catalog_path.is_file() || !dir.join("index").join("meta.json").is_file() {
            return Err(Error::Missing(dir.to_owned()));
        }
        let conn = catalog::open_ro(&catalog_path)?;
        let index = SearchIndex::open_read_only(&dir.join("index"))?;
        Ok(Library {
            _lock: None,
            dir: dir.to_owned(),
            catalog_path,
            writer: None,
            readers: Mutex::new(vec![conn]),
            index,
            timelines: false,
            events: false,
        })
    }

    /// The library directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run `f` with a pooled read connection.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match pooled {
            Some(c) => c,
            None => catalog::open_ro(&self.catalog_path)?,
        };
        let out = f(&conn);
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(conn);
        out
    }

    /// Store one batch of items atomically: both stores or neither.
    ///
    /// Items that cannot be stored (not a Country Studies page, no body) are reported in
    /// [`IngestReport::rejected`]; the rest of the batch goes on. Ingesting the same items
    /// again changes nothing.
    pub fn ingest(&mut self, items: &[Item]) -> Result<IngestReport> {
        let Some(writer) = &self.writer else {
            return Err(Error::ReadOnly(self.dir.clone()));
        };
        // The gazetteer (read and compiled once per process, ~0.2 s) is needed only by the
        // reading pass at the end: build it on another core while the batch is assembled,
        // written and indexed.
        if self.timelines {
            std::thread::spawn(|| {
                gazetteer::Gazetteer::embedded();
            });
        }
        let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut report = IngestReport::default();
        if !in_sync(&conn, &self.catalog_path, &self.index)? {
            index::write::rebuild_index(&conn, &self.catalog_path, &self.index)?;
            report.repaired = true;
        }
        let (records, rejected) = assemble::assemble(items);
        report.rejected = rejected
            .into_iter()
            .map(|r| RejectedView {
                source: r.source,
                reason: r.reason,
            })
            .collect();
        let e = catalog::catalog_err(&self.catalog_path);
        let tx = conn.transaction().map_err(&e)?;
        // Near-duplicate copies: of each other, and of sections stored by earlier batches.
        let mut records = records;
        let near = neardup::store::merge(&tx, &self.catalog_path, &mut records)?;
        let mut changed: Vec<String> = near.replaced;
        for r in &records {
            match catalog::write_record(&tx, &self.catalog_path, r)? {
                Written::New => {
                    report.new_sections += 1;
                    changed.push(r.id.clone());
                }
                Written::Merged => {
                    report.merged += 1;
                    changed.push(r.id.clone());
                    // A copy may have brought a data-as-of: read the section again.
                    timeline::store::clear(&tx, &self.catalog_path, &r.id)?;
                    relations::store::clear(&tx, &self.catalog_path, &r.id)?;
                }
                Written::Unchanged => report.unchanged += 1,
            }
        }
        if self.timelines {
            let read = timeline::store::update(&tx, &self.catalog_path, self.events)?;
            report.timelines = read.timelines;
            report.events = read.events;
        }
        if changed.is_empty() {
            // Only timelines or events were read (a library from an older areabook): no new
            // generation.
            if report.timelines > 0 || report.events > 0 {
                tx.commit().map_err(&e)?;
            } else {
                tx.rollback().map_err(&e)?;
            }
            return Ok(report);
        }
        changed.sort();
        changed.dedup();
        let generation = catalog::generation(&tx, &self.catalog_path)? + 1;
        catalog::set_generation(&tx, &self.catalog_path, generation)?;
        let w = self.index.writer()?;
        for id in &changed {
            index::write::index_section(&tx, &self.catalog_path, &self.index, &w, id)?;
        }
        // The 2025 wheel and the archive's 2025 edition merge where they say the same thing:
        // a wheel that arrives after the editions brings its sections to their versions.
        let wheel = records
            .iter()
            .any(|r| r.book.id.starts_with("world-factbook-2025-"));
        if wheel && editions::store::has_editions(&tx, &self.catalog_path)? {
            editions::versions::sync(&tx, &self.catalog_path, &self.index, &w)?;
        }
        // Index first, catalog second: a crash in between leaves the index ahead, which
        // `check` reports and the next ingest repairs from the catalog.
        self.index.commit(w, generation)?;
        tx.commit().map_err(&e)?;
        Ok(report)
    }

    /// Whether [`Library::ingest`] reads new sections for the timelines (on by default).
    ///
    /// Off, sections are stored unread: [`Library::check`] reports them and the next ingest
    /// with timelines on reads them. The ingest benchmark (`bench/timeline`) uses this to
    /// measure what timelines cost.
    pub fn set_timelines(&mut self, on: bool) {
        self.timelines = on;
    }

    /// Whether the reading pass of [`Library::ingest`] codes events too (on by default; only
    /// while timelines are on). Off, sections are stored uncoded and the next ingest with
    /// events on codes them. The ingest benchmark uses this to measure what events cost.
    pub fn set_events(&mut self, on: bool) {
        self.events = on;
    }

    /// Rebuild the index from the catalog if the two disagree. Returns whether it did.
    pub fn repair(&mut self) -> Result<bool> {
        let Some(writer) = &self.writer else {
            return Err(Error::ReadOnly(self.dir.clone()));
        };
        let conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        if in_sync(&conn, &self.catalog_path, &self.index)? && self.check_with(&conn)?.ok {
            return Ok(false);
        }
        index::write::rebuild_index(&conn, &self.catalog_path, &self.index)?;
        Ok(true)
    }

    /// Compact after a run of ingests: merge the index into one segment, delete files no
    /// segment uses, and checkpoint the catalog's write-ahead log. Searches get faster and
    /// the library smaller; the data does not change. Returns whether the index was merged.
    pub fn optimize(&mut self) -> Result<bool> {
        let Some(writer) = &self.writer else {
            return Err(Error::ReadOnly(self.dir.clone()));
        };
        let merged = self.index.optimize()?;
        let conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        checkpoint(&conn, &self.catalog_path)?;
        Ok(merged)
    }

    /// Verify that catalog and index agree (generation, section ids) and that SQLite's
    /// integrity check passes.
    pub fn check(&self) -> Result<CheckReport> {
        self.read(|conn| self.check_with(conn))
    }

    fn check_with(&self, conn: &Connection) -> Result<CheckReport> {
        let e = catalog::catalog_err(&self.catalog_path);
        let mut problems = Vec::new();
        let integrity: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(&e)?;
        if integrity != "ok" {
            problems.push(format!("SQLite integrity check: {integrity}"));
        }
        let catalog_generation = catalog::generation(conn, &self.catalog_path)?;
        let index_generation = self.index.generation()?;
        if catalog_generation > 0 && index_generation != Some(catalog_generation) {
            problems.push(format!(
                "index reflects generation {} but the catalog is at {catalog_generation} (an interrupted ingest; `areabook ingest` repairs it)",
                index_generation.map(|g| g.to_string()).unwrap_or_else(|| "none".into())
            ));
        }
        let mut catalog_ids: Vec<String> = {
            let mut stmt = conn.prepare("SELECT id FROM sections").map_err(&e)?;
            let rows = stmt.query_map([], |r| r.get(0)).map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)?
        };
        // Factbook versions with a document of their own.
        catalog_ids.extend(editions::versions::indexed_ids(conn, &self.catalog_path)?);
        let mut index_ids = self.index.all_ids()?;
        catalog_ids.sort();
        index_ids.sort();
        let sections = catalog_ids.len();
        let indexed = index_ids.len();
        let missing: Vec<&String> = catalog_ids
            .iter()
            .filter(|id| index_ids.binary_search(id).is_err())
            .collect();
        let extra: Vec<&String> = index_ids
            .iter()
            .filter(|id| catalog_ids.binary_search(id).is_err())
            .collect();
        if !missing.is_empty() {
            problems.push(format!(
                "{} sections are not in the index (e.g. {})",
                missing.len(),
                missing[0]
            ));
        }
        if !extra.is_empty() {
            problems.push(format!(
                "{} index documents have no catalog section (e.g. {})",
                extra.len(),
                extra[0]
            ));
        }
        if index_ids.windows(2).any(|w| w[0] == w[1]) {
            problems.push("the index holds duplicate documents".into());
        }
        let orphans: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM provenance WHERE section_id NOT IN (SELECT id FROM sections)",
                [],
                |r| r.get(0),
            )
            .map_err(&e)?;
        if orphans > 0 {
            problems.push(format!("{orphans} provenance rows point at no section"));
        }
        problems.extend(timeline::store::check(conn, &self.catalog_path)?);
        problems.extend(relations::store::check(conn, &self.catalog_path)?);
        let timeline_entries: i64 = conn
            .query_row("SELECT COUNT(*) FROM timeline", [], |r| r.get(0))
            .map_err(&e)?;
        Ok(CheckReport {
            ok: problems.is_empty(),
            catalog_generation,
            index_generation,
            sections,
            indexed,
            timeline_entries: timeline_entries.max(0) as usize,
            segments: self.index.num_segments()?,
            problems,
        })
    }

    /// Full-text search with filters and highlighted snippets.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        q.validate()?;
        let country_id = match &q.country {
            Some(c) => match self.resolve_country(c)? {
                Some(id) => Some(id),
                None => return Err(self.no_country(c)),
            },
            None => None,
        };
        if let Some(book) = &q.book {
            let known =
                self.read(|conn| {
                    let book_row = conn
                        .prepare_cached("SELECT 1 FROM books WHERE id = ?1")
                        .and_then(|mut st| st.exists([book]))
                        .map_err(catalog::catalog_err(&self.catalog_path))?;
                    Ok(book_row
                        || editions::versions::is_edition_book(conn, &self.catalog_path, book)?)
                })?;
            if !known {
                return Err(self.no_book(book));
            }
        }
        self.index.search(q, country_id.as_deref())
    }
}

/// Take the library's write lock (`DIR/lock`, an OS advisory lock released when the process
/// ends, however it ends) and record our PID in it; a second writer gets [`Error::Locked`]
/// naming the first one's PID. Readers never take it.
fn lock(dir: &Path) -> Result<std::fs::File> {
    use std::io::{Read, Seek, Write};
    let path = dir.join("lock");
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Err(Error::Locked {
                path: dir.to_owned(),
                pid: text.trim().parse().unwrap_or(0),
            });
        }
        Err(std::fs::TryLockError::Error(source)) => return Err(io(source)),
    }
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    writeln!(file, "{}", std::process::id()).map_err(io)?;
    Ok(file)
}

/// Fold the write-ahead log into the catalog and truncate it.
fn checkpoint(conn: &Connection, catalog_path: &Path) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(catalog::catalog_err(catalog_path))
}

impl Drop for Library {
    /// Close the readers first, then let the writer fold the WAL back into the catalog, so a
    /// closed library is one file plus its index.
    fn drop(&mut self) {
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        if let Some(writer) = &self.writer {
            let conn = writer.lock().unwrap_or_else(|p| p.into_inner());
            let _ = checkpoint(&conn, &self.catalog_path);
        }
    }
}

pub(crate) fn in_sync(conn: &Connection, catalog_path: &Path, index: &SearchIndex) -> Result<bool> {
    let g = catalog::generation(conn, catalog_path)?;
    let ig = index.generation()?;
    Ok(ig == Some(g) || (g == 0 && ig.is_none() && index.num_docs()? == 0))
}

#[cfg(test)]
mod tests;
