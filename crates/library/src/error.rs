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
    /// The catalog was written by another areabook (newer, or older and opened read-only).
    #[error(
        "catalog {path} has schema version {found}, this areabook reads version {expected}{}",
        if found < expected { " (open it for writing once, e.g. `areabook ingest`, to upgrade it)" } else { " (written by a newer areabook)" }
    )]
    SchemaVersion {
        /// The catalog file.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Version this build reads and writes.
        expected: i64,
    },
    /// The library holds no World Factbook editions (the archive's folder was never read).
    #[error(
        "library {0} holds no World Factbook editions yet: `areabook ingest` the archive's folder, or `areabook fetch factbook --editions --ingest`"
    )]
    NoEditions(PathBuf),
    /// A write was attempted on a library opened read-only.
    #[error("library {0} is open read-only")]
    ReadOnly(PathBuf),
    /// The index was written with another schema (an older areabook) and this open cannot
    /// rebuild it.
    #[error(
        "the search index {0} was built by another version of areabook; open the library for writing once (`areabook ingest` of any page) to rebuild it"
    )]
    IndexOutdated(PathBuf),
    /// A numeric argument (limit, offset, year) is out of range.
    #[error("{name}: {message}")]
    Argument {
        /// The argument's name as the user gives it (`offset`, `as_of_from`).
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// Another process holds the library for writing.
    #[error(
        "library {path} is locked by PID {pid} (another `areabook ingest`?); try again when it ends"
    )]
    Locked {
        /// The library directory.
        path: PathBuf,
        /// The process holding the lock, as it recorded itself (0 when unknown).
        pid: u32,
    },
    /// No such country, book or section.
    #[error("no {what} {id:?} in the library{}", did_you_mean(suggestions))]
    NotFound {
        /// `country`, `book` or `section`.
        what: &'static str,
        /// The id or name asked for.
        id: String,
        /// The closest names the library does have, best first (may be empty).
        suggestions: Vec<String>,
    },
    /// The search query could not be understood.
    #[error("bad query {query:?}: {message}")]
    Query {
        /// The query text.
        query: String,
        /// What is wrong with it.
        message: String,
    },
    /// Tables compiled into this build cannot be read (a broken build, never the input).
    #[error("the {what} compiled into areabook cannot be read: {message}")]
    Data {
        /// Which tables.
        what: &'static str,
        /// What is wrong.
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

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one:?}?"),
        many => format!(
            "; did you mean {}?",
            many.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
