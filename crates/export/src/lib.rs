//! Exports of an areabook library in the formats people already use.
//!
//! Every writer streams: it asks the library for one row at a time
//! ([`library::Library::export_sections`] and its siblings, one SQLite snapshot each) and
//! writes it out before reading the next, so memory stays bounded whatever the library's
//! size. A [`Progress`] is told how far each writer got (the CLI draws a bar on a terminal).
//!
//! - [`jsonl`]: one section per line with every field, and the reader that turns such a file
//!   back into library items (`areabook ingest export.jsonl` rebuilds the same sections).
//! - [`parquet`]: `sections.parquet` (one row per section, provenance as a list of structs),
//!   `timeline.parquet`, `mentions.parquet`, `events.parquet`, written with the `arrow` and
//!   `parquet` crates in bounded row groups.
//! - [`bulk`]: search-engine bulk files: OpenSearch `_bulk` NDJSON with `mapping.json`,
//!   Meilisearch NDJSON with `settings.json`, Quickwit NDJSON with its index config.
//! - [`zim`]: a static site packed for Kiwix with Debian's `zimwriterfs`.
//!
//! The static site itself is rendered by the server's templates (`server::site`); this crate
//! only packs it.
//!
//! **Ids** are the library's section ids (16 lowercase hex digits): they match
//! `[A-Za-z0-9_-]{1,511}` and are stable across runs, since a section's id hashes its book and
//! normalized text.
//!
//! **Boundary**: reads the library through its public API and writes files; no HTTP, no
//! HTML. Errors are typed ([`Error`]) and name the file at fault.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod bulk;
pub mod jsonl;
pub mod parquet;
pub mod zim;

use std::path::{Path, PathBuf};

/// What can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the library failed.
    #[error(transparent)]
    Library(#[from] library::Error),
    /// Writing (or reading) a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The Parquet or Arrow writer refused a batch.
    #[error("{}: {message}", path.display())]
    Parquet {
        /// The file.
        path: PathBuf,
        /// The writer's message.
        message: String,
    },
    /// A JSON Lines export could not be read back.
    #[error("line {line}: {message}")]
    Jsonl {
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// An external tool the format needs is not installed.
    #[error("{tool} is not installed: {hint}")]
    MissingTool {
        /// The program.
        tool: &'static str,
        /// How to get it.
        hint: &'static str,
    },
    /// An external tool ran and failed.
    #[error("{tool} failed ({status}): {stderr}")]
    Tool {
        /// The program.
        tool: &'static str,
        /// Its exit status.
        status: String,
        /// The end of what it printed on stderr.
        stderr: String,
    },
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Told how far an export got; the CLI shows a progress bar, tests use [`NoProgress`].
pub trait Progress {
    /// A new stage begins (`"sections"`, `"timeline"`, …) with `total` rows when known.
    fn stage(&self, name: &str, total: Option<u64>);
    /// `n` more rows written.
    fn inc(&self, n: u64);
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn inc(&self, _: u64) {}
}

/// What an export wrote.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Written {
    /// The files written, with their row counts and sizes.
    pub files: Vec<WrittenFile>,
}

/// One file an export wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WrittenFile {
    /// Its path.
    pub path: PathBuf,
    /// Rows (sections, entries, documents) it holds.
    pub rows: u64,
    /// Its size in bytes.
    pub bytes: u64,
}

pub(crate) fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Create `dir` (and its parents) for an export's files.
pub(crate) fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))
}

/// A file written under a temporary name and renamed into place when complete, so a reader
/// never sees half a file.
pub(crate) struct AtomicFile {
    path: PathBuf,
    part: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
}

impl AtomicFile {
    /// Start writing `path` (as `path.part`).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = PathBuf::from(part);
        let file = std::fs::File::create(&part).map_err(io_err(&part))?;
        Ok(AtomicFile {
            path: path.to_owned(),
            part,
            out: std::io::BufWriter::with_capacity(1 << 16, file),
        })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut std::io::BufWriter<std::fs::File> {
        &mut self.out
    }

    /// Write bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        use std::io::Write;
        self.out.write_all(bytes).map_err(io_err(&self.path))
    }

    /// Flush, sync and rename into place; returns the size.
    pub fn finish(self, rows: u64) -> Result<WrittenFile> {
        use std::io::Write;
        let AtomicFile {
            path,
            part,
            mut out,
        } = self;
        out.flush().map_err(io_err(&path))?;
        drop(out);
        std::fs::rename(&part, &path).map_err(io_err(&path))?;
        let bytes = std::fs::metadata(&path).map_err(io_err(&path))?.len();
        Ok(WrittenFile { path, rows, bytes })
    }
}

/// The data-as-of year (`1989-05` → 1989), when the stamp starts with four digits.
pub fn as_of_year(as_of: Option<&str>) -> Option<i32> {
    let s = as_of?;
    let y = s.get(..4)?;
    if y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

/// The data-as-of as a full date for engines that want one: `1989-05` → `1989-05-01`,
/// `1989` → `1989-01-01`.
pub fn as_of_date(as_of: Option<&str>) -> Option<String> {
    let a = pages::AsOf::parse(as_of?)?;
    Some(format!("{:04}-{:02}-01", a.year, a.month.unwrap_or(1)))
}

/// Whether `id` is a valid document id for the search engines: `[A-Za-z0-9_-]{1,511}`.
pub fn valid_id(id: &str) -> bool {
    (1..=511).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn as_of_years_and_dates() {
        assert_eq!(super::as_of_year(Some("1989-05")), Some(1989));
        assert_eq!(super::as_of_year(Some("19x9")), None);
        assert_eq!(super::as_of_year(None), None);
        assert_eq!(
            super::as_of_date(Some("1989-05")).as_deref(),
            Some("1989-05-01")
        );
        assert_eq!(
            super::as_of_date(Some("2025")).as_deref(),
            Some("2025-01-01")
        );
        assert_eq!(super::as_of_date(Some("May")), None);
    }

    #[test]
    fn ids_are_checked() {
        assert!(super::valid_id("0123abcdef-_Z"));
        assert!(!super::valid_id(""));
        assert!(!super::valid_id("a b"));
        assert!(!super::valid_id(&"a".repeat(512)));
    }
}
