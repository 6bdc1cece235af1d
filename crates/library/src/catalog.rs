//! The SQLite catalog: countries, books, chapters, sections in book order, provenance.
//!
//! The catalog is the source of truth. The search index is derived from it and can always
//! be rebuilt from it (see `index`). `meta.generation` counts committed ingest batches; the
//! index records the generation it was built for in its commit payload.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::assemble::SectionRecord;
use crate::{Error, Result};

/// Schema version this build reads and writes.
pub(crate) const SCHEMA_VERSION: i64 = 5;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS countries (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, iso TEXT, fips TEXT);
CREATE TABLE IF NOT EXISTS books (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, edition TEXT);
CREATE TABLE IF NOT EXISTS chapters (
    book_id TEXT NOT NULL REFERENCES books(id), country_id TEXT NOT NULL REFERENCES countries(id),
    PRIMARY KEY (book_id, country_id));
CREATE TABLE IF NOT EXISTS sections (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL REFERENCES books(id),
    country_id TEXT NOT NULL REFERENCES countries(id),
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    heading TEXT,
    title TEXT,
    data_as_of TEXT,
    paragraphs TEXT NOT NULL,
    fields TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    country_inferred TEXT);
CREATE INDEX IF NOT EXISTS sections_by_book ON sections(book_id, ord, id);
CREATE INDEX IF NOT EXISTS sections_by_country ON sections(country_id);
CREATE TABLE IF NOT EXISTS provenance (
    section_id TEXT NOT NULL REFERENCES sections(id),
    mirror TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    seen_at TEXT,
    label TEXT,
    UNIQUE (section_id, mirror, url, path));
";

pub(crate) fn catalog_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Catalog {
        path: path.to_owned(),
        source,
    }
}

/// Open (creating if needed) the catalog read-write and check its schema version.
pub(crate) fn open_rw(path: &Path) -> Result<Connection> {
    let e = catalog_err(path);
    let conn = Connection::open(path).map_err(&e)?;
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    )
    .map_err(&e)?;
    conn.execute_batch(SCHEMA).map_err(&e)?;
    conn.execute_batch(crate::timeline::store::SCHEMA)
        .map_err(&e)?;
    conn.execute_batch(crate::entities::store::SCHEMA)
        .map_err(&e)?;
    conn.execute_batch(crate::relations::store::SCHEMA)
        .map_err(&e)?;
    conn.execute_batch(crate::editions::store::SCHEMA)
        .map_err(&e)?;
    conn.execute_batch(crate::toc::SCHEMA).map_err(&e)?;
    conn.execute_batch(crate::printed::SCHEMA).map_err(&e)?;
    conn.execute_batch(crate::neardup::store::SCHEMA)
        .map_err(&e)?;
    crate::editions::versions::create(&conn).map_err(&e)?;
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key='schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(&e)?;
    match version {
        None => {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?1), ('generation', '0')",
                [SCHEMA_VERSION.to_string()],
            )
            .map_err(&e)?;
        }
        Some(v) if v == "1" || v == "2" || v == "3" || v == "4" => {
            // Version 2 added `provenance.label` (the path as shown to readers); version 3 the
            // timeline tables, version 4 the mentions table and `sections.country_inferred`,
            // version 5 the events tables (created above; the next ingest fills them).
            let tx = conn.unchecked_transaction().map_err(&e)?;
            let has_label = tx
                .prepare("SELECT 1 FROM pragma_table_info('provenance') WHERE name = 'label'")
                .and_then(|mut st| st.exists([]))
                .map_err(&e)?;
            if !has_label {
                tx.execute_batch("ALTER TABLE provenance ADD COLUMN label TEXT")
                    .map_err(&e)?;
            }
            let has_inferred = tx
                .prepare(
                    "SELECT 1 FROM pragma_table_info('sections') WHERE name = 'country_inferred'",
                )
                .and_then(|mut st| st.exists([]))
                .map_err(&e)?;
            if !has_inferred {
                tx.execute_batch("ALTER TABLE sections ADD COLUMN country_inferred TEXT")
                    .map_err(&e)?;
            }
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                [SCHEMA_VERSION.to_string()],
            )
            .map_err(&e)?;
            tx.commit().map_err(&e)?;
        }
        Some(v) => check_version(path, &v)?,
    }
    Ok(conn)
}

/// Open the catalog read-only.
///
/// A catalog in a directory this process cannot write to (read-only media, another user's
/// library) cannot get SQLite's shared-memory file; it is then opened as immutable.
pub(crate) fn open_ro(path: &Path) -> Result<Connection> {
    let e = catalog_err(path);
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let version = |conn: &Connection| -> rusqlite::Result<String> {
        conn.query_row(
            "SELECT value FROM meta WHERE key='schema_version'",
            [],
            |r| r.get(0),
        )
    };
    let conn = Connection::open_with_flags(path, flags).map_err(&e)?;
    let (conn, v) = match version(&conn) {
        Ok(v) => (conn, v),
        Err(first) => {
            let uri = format!("file:{}?immutable=1", path.display());
            let Ok(conn) =
                Connection::open_with_flags(&uri, flags | rusqlite::OpenFlags::SQLITE_OPEN_URI)
            else {
                return Err(e(first));
            };
            match version(&conn) {
                Ok(v) => (conn, v),
                Err(_) => return Err(e(first)),
            }
        }
    };
    check_version(path, &v)?;
    Ok(conn)
}

fn check_version(path: &Path, v: &str) -> Result<()> {
    let found: i64 = v.parse().map_err(|_| Error::Corrupt {
        path: path.to_owned(),
        what: "meta.schema_version",
        message: format!("not a number: {v:?}"),
    })?;
    if found != SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            path: path.to_owned(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// The committed ingest generation.
pub(crate) fn generation(conn: &Connection, path: &Path) -> Result<u64> {
    let v: String = conn
        .query_row("SELECT value FROM meta WHERE key='generation'", [], |r| {
            r.get(0)
        })
        .map_err(catalog_err(path))?;
    v.parse().map_err(|_| Error::Corrupt {
        path: path.to_owned(),
        what: "meta.generation",
        message: format!("not a number: {v:?}"),
    })
}

pub(crate) fn set_generation(conn: &Connection, path: &Path, g: u64) -> Result<()> {
    conn.execute(
        "UPDATE meta SET value=?1 WHERE key='generation'",
        [g.to_string()],
    )
    .map_err(catalog_err(path))?;
    Ok(())
}

/// What writing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// A new section.
    New,
    /// A known section: a new copy was recorded and missing metadata filled in.
    Merged,
    /// Nothing changed (same copy seen before).
    Unchanged,
}

/// Write one record inside the caller's transaction.
pub(crate) fn write_record(conn: &Connection, path: &Path, r: &SectionRecord) -> Result<Written> {
    let e = catalog_err(path);
    conn.prepare_cached(
        "INSERT INTO countries(id, name, iso, fips) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET iso=COALESCE(countries.iso, excluded.iso),
                                       fips=COALESCE(countries.fips, excluded.fips)",
    )
    .and_then(|mut st| {
        st.execute(params![
            r.country.id,
            r.country.name,
            r.country.iso,
            r.country.fips
        ])
    })
    .map_err(&e)?;
    conn.prepare_cached(
        "INSERT INTO books(id, title, kind, edition) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO NOTHING",
    )
    .and_then(|mut st| st.execute(params![r.book.id, r.book.title, r.book.kind, r.book.edition]))
    .map_err(&e)?;
    conn.prepare_cached("INSERT OR IGNORE INTO chapters(book_id, country_id) VALUES (?1, ?2)")
        .and_then(|mut st| st.execute(params![r.book.id, r.country.id]))
        .map_err(&e)?;
    let existing: Option<(Option<String>, Option<String>, i64, Option<String>)> = conn
        .prepare_cached("SELECT title, heading, ord, data_as_of FROM sections WHERE id=?1")
        .and_then(|mut st| {
            st.query_row([&r.id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .optional()
        })
        .map_err(&e)?;
    let mut written = match &existing {
        None => {
            let paragraphs = serde_json::to_string(&r.paragraphs).unwrap_or_else(|_| "[]".into());
            let fields = serde_json::to_string(&r.fields).unwrap_or_else(|_| "[]".into());
            conn.prepare_cached(
                "INSERT INTO sections(id, book_id, country_id, ord, kind, heading, title, data_as_of,
                                      paragraphs, fields, body_hash, country_inferred)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    r.id, r.book.id, r.country.id, r.ord, r.kind, r.heading, r.title, r.data_as_of,
                    paragraphs, fields, r.body_hash, r.country_inferred
                ])
            })
            .map_err(&e)?;
            Written::New
        }
        Some((title, heading, ord, as_of)) => {
            // Another copy of a known section: fill in what the earlier copies lacked.
            let better_ord = r.ord < *ord;
            if (title.is_none() && r.title.is_some())
                || (heading.is_none() && r.heading.is_some())
                || (as_of.is_none() && r.data_as_of.is_some())
                || better_ord
            {
                conn.execute(
                    "UPDATE sections SET title=COALESCE(title, ?2), heading=COALESCE(heading, ?3),
                            data_as_of=COALESCE(data_as_of, ?4), ord=MIN(ord, ?5) WHERE id=?1",
                    params![r.id, r.title, r.heading, r.data_as_of, r.ord],
                )
                .map_err(&e)?;
                Written::Merged
            } else {
                Written::Unchanged
            }
        }
    };
    let p = &r.provenance;
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO provenance(section_id, mirror, url, path, seen_at, label)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .and_then(|mut st| {
            st.execute(params![
                r.id,
                p.mirror,
                p.url.as_deref().unwrap_or(""),
                p.path.as_deref().unwrap_or(""),
                p.seen_at,
                p.label
            ])
        })
        .map_err(&e)?;
    if added > 0 && written == Written::Unchanged {
        written = Written::Merged;
    }
    Ok(written)
}
