//! The fetch log: one JSON line per page a run has finished with, in the library
//! (`<library>/fetch/<book-id>.jsonl`), so a run that was stopped resumes where it stopped.
//!
//! A line is appended only after the page's section is committed to the library (or the page
//! is known not to be one), so a kill at any moment loses at most a batch that the next run
//! reads again from the raw-bytes cache without asking the server.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// How a page ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Its section is in the library.
    Stored,
    /// It was fetched but is not a Country Studies section.
    NotRecognized,
}

/// One line of the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line {
    /// The page's own URL (as provenance records it).
    pub url: String,
    /// What became of it.
    pub outcome: Outcome,
    /// The source it came from.
    pub source: String,
    /// The source's rights statement.
    pub rights: String,
    /// Why, for a page that is not a section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An open log: what earlier runs finished, and the file to append to.
pub struct FetchLog {
    path: PathBuf,
    done: HashMap<String, Outcome>,
}

impl FetchLog {
    /// Read (or start) the log of `book_id` in `library`.
    pub fn open(library: &Path, book_id: &str) -> Result<FetchLog> {
        let path = library.join("fetch").join(format!("{book_id}.jsonl"));
        let mut done = HashMap::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            // A line cut by a kill is not JSON: skipped (that page is read again).
            for line in text.lines() {
                if let Ok(l) = serde_json::from_str::<Line>(line) {
                    done.insert(l.url, l.outcome);
                }
            }
        }
        Ok(FetchLog { path, done })
    }

    /// What an earlier run did with `url`, if it finished it.
    pub fn outcome(&self, url: &str) -> Option<Outcome> {
        self.done.get(url).copied()
    }

    /// Record finished pages (one write, then fsync).
    pub fn append(&mut self, lines: &[Line]) -> Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let mut text = String::new();
        for l in lines {
            text.push_str(&serde_json::to_string(l).context("encoding the fetch log")?);
            text.push('\n');
            self.done.insert(l.url.clone(), l.outcome);
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .with_context(|| format!("writing {}", self.path.display()))?;
        // A line an earlier kill cut short: start on a fresh line.
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > 0 {
            let bytes = std::fs::read(&self.path).unwrap_or_default();
            if bytes.last() != Some(&b'\n') {
                text.insert(0, '\n');
            }
        }
        file.write_all(text.as_bytes())
            .and_then(|_| file.sync_data())
            .with_context(|| format!("writing {}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_line_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = FetchLog::open(dir.path(), "b").unwrap();
        let line = |u: &str| Line {
            url: u.into(),
            outcome: Outcome::Stored,
            source: "s".into(),
            rights: "r".into(),
            reason: None,
        };
        log.append(&[line("http://a/1")]).unwrap();
        let path = dir.path().join("fetch/b.jsonl");
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"{\"url\":\"http://a/2\",\"outc").unwrap();
        let mut log = FetchLog::open(dir.path(), "b").unwrap();
        assert_eq!(log.outcome("http://a/1"), Some(Outcome::Stored));
        assert_eq!(log.outcome("http://a/2"), None);
        log.append(&[line("http://a/3")]).unwrap();
        let log = FetchLog::open(dir.path(), "b").unwrap();
        assert_eq!(log.outcome("http://a/3"), Some(Outcome::Stored));
    }
}
