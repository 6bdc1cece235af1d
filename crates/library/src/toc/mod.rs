//! A book's *expected* table of contents, and how complete the library's copy of it is.
//!
//! A fetcher that walked a book's table of contents records every entry it listed
//! ([`Library::set_expected_toc`]): its title, depth, chapter country and the URLs that name
//! it (the source's own, and the original LoC URL an archive captured). An entry is *present*
//! when a section of the book has a copy (provenance) at one of those URLs. From that:
//! - [`Library::completeness`]: "212 of 218 sections", and the missing entries by title;
//! - the book's order: present sections take their entry's position (`sections.ord` is set
//!   below every order the assembler computes, and the catalog keeps the smallest `ord` a
//!   section was given), so a fetched book reads in its TOC's order.
//!
//! The rows live in `toc_expected` (created by [`SCHEMA`] on every writable open); a library
//! without them simply has no expected TOC (`completeness` is `None`).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::catalog::catalog_err;
use crate::{Error, Library, Result};

/// The expected-TOC table (created if missing on every writable open).
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS toc_expected (
    book_id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    title TEXT NOT NULL,
    country TEXT,
    urls TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (book_id, pos));
";

/// One entry a book's table of contents lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedEntry {
    /// The entry's text as the TOC gives it.
    pub title: String,
    /// Nesting depth in the TOC (0 at the top).
    pub depth: u8,
    /// The chapter country it belongs to, when the TOC says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The URLs that name this entry (a copy at any of them makes it present).
    pub urls: Vec<String>,
}

/// How much of a book's expected TOC the library holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    /// Entries the TOC lists.
    pub expected: usize,
    /// Entries with a section in the library.
    pub present: usize,
    /// Where the expected TOC came from (`countrystudies.us`, `loc-wayback`, a mirror's host).
    pub source: String,
    /// The entries with no section, in TOC order.
    pub missing: Vec<ExpectedEntry>,
}

impl Library {
    /// Record `book_id`'s expected TOC as `source` listed it (replacing an earlier one), and
    /// put the book's present sections in its order.
    pub fn set_expected_toc(
        &mut self,
        book_id: &str,
        source: &str,
        entries: &[ExpectedEntry],
    ) -> Result<()> {
        let Some(writer) = &self.writer else {
            return Err(Error::ReadOnly(self.dir.clone()));
        };
        let e = catalog_err(&self.catalog_path);
        let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction().map_err(&e)?;
        tx.execute("DELETE FROM toc_expected WHERE book_id = ?1", [book_id])
            .map_err(&e)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO toc_expected(book_id, pos, depth, title, country, urls, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(&e)?;
            let mut order = tx
                .prepare(
                    "UPDATE sections SET ord = ?3 WHERE book_id = ?1 AND id IN
                       (SELECT section_id FROM provenance WHERE url = ?2)",
                )
                .map_err(&e)?;
            for (pos, entry) in entries.iter().enumerate() {
                let urls = serde_json::to_string(&entry.urls).unwrap_or_else(|_| "[]".into());
                insert
                    .execute(params![
                        book_id,
                        pos as i64,
                        i64::from(entry.depth),
                        entry.title,
                        entry.country,
                        urls,
                        source
                    ])
                    .map_err(&e)?;
                for url in &entry.urls {
                    order
                        .execute(params![book_id, url, pos as i64 + 1])
                        .map_err(&e)?;
                }
            }
        }
        tx.commit().map_err(&e)
    }

    /// How complete `book_id` is against its expected TOC; `None` when no TOC was recorded
    /// (a book built from pages at hand) or the catalog predates expected TOCs.
    pub fn completeness(&self, book_id: &str) -> Result<Option<Completeness>> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let has_table: Option<i64> = conn
                .query_row(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='toc_expected'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .map_err(&e)?;
            if has_table.is_none() {
                return Ok(None);
            }
            let mut stmt = conn
                .prepare(
                    "SELECT title, depth, country, urls, source FROM toc_expected
                      WHERE book_id = ?1 ORDER BY pos",
                )
                .map_err(&e)?;
            let rows = stmt
                .query_map([book_id], |r| {
                    let urls: String = r.get(3)?;
                    Ok((
                        ExpectedEntry {
                            title: r.get(0)?,
                            depth: r.get::<_, i64>(1)?.clamp(0, 255) as u8,
                            country: r.get(2)?,
                            urls: serde_json::from_str(&urls).unwrap_or_default(),
                        },
                        r.get::<_, String>(4)?,
                    ))
                })
                .map_err(&e)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(&e)?;
            if rows.is_empty() {
                return Ok(None);
            }
            let mut present_stmt = conn
                .prepare_cached(
                    "SELECT 1 FROM provenance p JOIN sections s ON s.id = p.section_id
                      WHERE s.book_id = ?1 AND p.url = ?2 LIMIT 1",
                )
                .map_err(&e)?;
            let mut missing = Vec::new();
            let source = rows[0].1.clone();
            let expected = rows.len();
            for (entry, _) in rows {
                let mut found = false;
                for url in &entry.urls {
                    if present_stmt
                        .query_row(params![book_id, url], |_| Ok(()))
                        .optional()
                        .map_err(&e)?
                        .is_some()
                    {
                        found = true;
                        break;
                    }
                }
                if !found {
                    missing.push(entry);
                }
            }
            Ok(Some(Completeness {
                expected,
                present: expected - missing.len(),
                source,
                missing,
            }))
        })
    }
}

#[cfg(test)]
mod tests;
