//! Versions as search documents, and the entity-editions as books.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, params};

use super::{Version, editions_of, version_id};
use crate::catalog::catalog_err;
use crate::index::{IndexDoc, SearchIndex};
use crate::{Result, assemble};

/// The id of an entity-edition as a book: `world-factbook-1996-ja` (the edition year and the
/// entity's FIPS code in lower case, as the 2025 wheel's books are named).
pub fn edition_book_id(edition: u16, code: &str) -> String {
    format!("world-factbook-{edition}-{code}")
}

/// Whether `id` names an entity-edition of the ingested editions (`world-factbook-1996-ja`).
pub(crate) fn is_edition_book(conn: &Connection, path: &Path, id: &str) -> Result<bool> {
    let Some((year, code)) = id
        .strip_prefix("world-factbook-")
        .and_then(|rest| rest.split_once('-'))
    else {
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

/// Each entity's library country (id, name) and its code in lower case.
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
    // The country filter and the listing know the entity through the countries table.
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

/// Write the documents of `versions` into the index batch.
pub(super) fn write(
    conn: &Connection,
    path: &Path,
    index: &SearchIndex,
    writer: &tantivy::IndexWriter,
    versions: &[&Version],
    new: bool,
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
    for v in versions {
        let (entity, field, text_id) = v.key;
        let body: String = text.query_row([text_id], |r| r.get(0)).map_err(&e)?;
        let editions = editions_of(v.editions);
        let (country_id, country_name, code) = countries.get(&entity).cloned().unwrap_or_default();
        let field = labels.get(&field).map_or("", String::as_str);
        let books: Vec<String> = editions
            .iter()
            .map(|y| edition_book_id(*y, &code))
            .collect();
        let display = match labels.get(&v.category) {
            Some(h) if !h.is_empty() => format!("{h}: {field}"),
            _ => field.to_string(),
        };
        let first = editions.first().map(u16::to_string).unwrap_or_default();
        let id = version_id(v.key);
        index.upsert(
            writer,
            &IndexDoc {
                id: &id,
                country_id: &country_id,
                book_id: books.first().map_or("", String::as_str),
                title: field,
                display_title: &display,
                source_title: Some(field),
                body,
                as_of: Some(&first),
                country_name: &country_name,
                book_title: "The World Factbook",
                editions: &editions,
                extra_books: books.get(1..).unwrap_or_default(),
                version: true,
                new,
            },
        )?;
    }
    Ok(())
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
                "SELECT v.entity, v.field, v.text_id, v.editions,
                        (SELECT f.category FROM fb_fields f
                          WHERE f.entity = v.entity AND f.field = v.field AND f.text_id = v.text_id
                          ORDER BY f.edition DESC LIMIT 1)
                 FROM fb_versions v WHERE v.section_id IS NULL",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([], |r| {
                Ok(Version {
                    key: (r.get(0)?, r.get(1)?, r.get(2)?),
                    editions: r.get(3)?,
                    category: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                    section_id: None,
                })
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let refs: Vec<&Version> = versions.iter().collect();
    // A rebuild starts from an empty index.
    write(conn, path, index, writer, &refs, true)
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
