//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong opening, writing or querying a library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The SQLite catalog failed.
    #[error("catalog {path}")]
    Catalog {
        /// The catalog file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The tantivy index failed.
    #[error("search index {path}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What tantivy said.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A filesystem operation on the library directory failed.
    #[error("{path}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The library path is a file, not a directory.
    #[error("{0} is a file, not a library directory")]
    NotADirectory(PathBuf),
    /// The library directory holds no library (read-only open of a missing library).
    #[error("no library at {0} (run `areabook ingest` or `areabook fetch factbook` first)")]
    Missing(PathBuf),
    /// The catalog was written by a newer areabook.
    #[error("catalog {path} has schema version {found}, this areabook reads version {expected}")]
    SchemaVersion {
        /// The catalog file.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Version this build reads and writes.
        expected: i64,
    },
    /// A write was attempted on a library opened read-only.
    #[error("library {0} is open read-only")]
    ReadOnly(PathBuf),
    /// No such country, book or section.
    #[error("no {what} {id:?} in the library")]
    NotFound {
        /// `country`, `book` or `section`.
        what: &'static str,
        /// The id or name asked for.
        id: String,
    },
    /// The search query could not be understood.
    #[error("bad query {query:?}: {message}")]
    Query {
        /// The query text.
        query: String,
        /// What is wrong with it.
        message: String,
    },
    /// A stored value is not what this build expects (a corrupted catalog).
    #[error("catalog {path}: corrupt value in {what}: {message}")]
    Corrupt {
        /// The catalog file.
        path: PathBuf,
        /// Table or column.
        what: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// `Result` with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
