//! Near-duplicates across batches and ingests: every Country Studies section's LSH band keys
//! are stored (`neardup_bands`), and a batch's copies are looked up among the stored sections
//! before they are written.
//!
//! [`merge`] runs inside the ingest's transaction, before the records are written: it groups
//! the batch's copies ([`super::group_prepared`]), then gives each group an identity:
//! - a stored section with a member's exact id (its normalized body), or else
//! - a stored section of the same book that shares a band with a member and passes the same
//!   confirmation ([`super::same_section`]), or else
//! - the group's own kept copy, a new section, whose band keys are stored.
//!
//! A group that joins a stored section competes with the stored text under the same rule
//! ([`super::choose`], the stored text first so that it wins ties): when a copy of the batch
//! wins, the section's text is replaced (its id stays), its new band keys are added, its
//! timelines and events are cleared to be read again, and its id is returned so that the
//! caller re-indexes it. Factbook fields have no bands (their identity is their field) and
//! cost one test of their kind; a printed book's copies (`loc-fulltext`) are matched with web
//! copies by `printed` and have no bands either.
//!
//! Sections stored before the table existed get their bands on the first ingest that finds
//! no `neardup_bands` row in `meta`.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Copy, FACTBOOK_KIND, MIN_LETTERS, Prepared, choose, same_section};
use crate::Result;
use crate::assemble::SectionRecord;
use crate::catalog::catalog_err;
use crate::printed::FULLTEXT_MIRROR;

/// The table (created by `catalog::open_rw`): one row per band key of a section's text. The
/// primary key is the lookup by band.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS neardup_bands (
    band INTEGER NOT NULL, section_id TEXT NOT NULL,
    PRIMARY KEY (band, section_id)) WITHOUT ROWID;
";

/// The `meta` key saying every stored section has its bands, and its value.
const BACKFILLED: (&str, &str) = ("neardup_bands", "1");
/// Stored sections confirmed at most per group (those sharing the most bands first).
const MAX_CANDIDATES: usize = 16;

/// What [`merge`] did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Copies that took another copy's (or a stored section's) id.
    pub merged: usize,
    /// Stored sections whose text a copy of the batch replaced (to be indexed again).
    pub replaced: Vec<String>,
}

/// A section as stored.
struct Stored {
    id: String,
    paragraphs: Vec<String>,
    fields: Vec<(String, String)>,
    body_hash: String,
    shingles: Vec<u64>,
}

/// One band key as stored: the band's number and key hashed together.
fn band_key(band: usize, key: u64) -> i64 {
    super::minhash::mix(key ^ (band as u64).wrapping_mul(0xd6e8_feb8_6659_fd93)) as i64
}

/// Band keys per statement (one section's): the rows of one insert, the keys of one lookup.
const PER_STATEMENT: usize = 2 * super::BANDS;

fn insert_bands(conn: &Connection, path: &Path, id: &str, bands: &[u64]) -> Result<()> {
    let e = catalog_err(path);
    let keys: Vec<i64> = bands
        .iter()
        .enumerate()
        .map(|(b, &k)| band_key(b, k))
        .collect();
    for chunk in keys.chunks(PER_STATEMENT) {
        let sql = format!(
            "INSERT OR IGNORE INTO neardup_bands(band, section_id) VALUES {}",
            vec!["(?, ?)"; chunk.len()].join(", ")
        );
        let mut st = conn.prepare_cached(&sql).map_err(&e)?;
        let args: Vec<&dyn rusqlite::ToSql> = chunk
            .iter()
            .flat_map(|k| [k as &dyn rusqlite::ToSql, &id as &dyn rusqlite::ToSql])
            .collect();
        st.execute(args.as_slice()).map_err(&e)?;
    }
    Ok(())
}

fn load(conn: &Connection, path: &Path, id: &str) -> Result<Option<(String, Stored)>> {
    let e = catalog_err(path);
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached("SELECT book_id, paragraphs, fields, body_hash FROM sections WHERE id = ?1")
        .and_then(|mut st| {
            st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()
        })
        .map_err(&e)?;
    Ok(row.map(|(book, p, f, body_hash)| {
        let paragraphs: Vec<String> = serde_json::from_str(&p).unwrap_or_default();
        let shingles = super::letter_shingles(&paragraphs);
        (
            book,
            Stored {
                id: id.to_owned(),
                paragraphs,
                fields: serde_json::from_str(&f).unwrap_or_default(),
                body_hash,
                shingles,
            },
        )
    }))
}

fn exists(conn: &Connection, path: &Path, id: &str) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM sections WHERE id = ?1")
        .and_then(|mut st| st.exists([id]))
        .map_err(catalog_err(path))
}

/// Give the stored Country Studies sections their bands, once per library.
fn backfill(conn: &Connection, path: &Path) -> Result<()> {
    let e = catalog_err(path);
    let done = conn
        .prepare_cached("SELECT 1 FROM meta WHERE key = ?1 AND value = ?2")
        .and_then(|mut st| st.exists([BACKFILLED.0, BACKFILLED.1]))
        .map_err(&e)?;
    if done {
        return Ok(());
    }
    let rows: Vec<(String, String)> = {
        let mut st = conn
            .prepare(
                "SELECT s.id, s.paragraphs FROM sections s WHERE s.kind != ?1
                   AND NOT EXISTS (SELECT 1 FROM provenance p
                                    WHERE p.section_id = s.id AND p.mirror = ?2)",
            )
            .map_err(&e)?;
        st.query_map(params![FACTBOOK_KIND, FULLTEXT_MIRROR], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(&e)?
    };
    for (id, p) in rows {
        let paragraphs: Vec<String> = serde_json::from_str(&p).unwrap_or_default();
        let prepared = Prepared::new(&paragraphs);
        if prepared.shingles.len() >= MIN_LETTERS {
            insert_bands(conn, path, &id, &prepared.bands)?;
        }
    }
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
        [BACKFILLED.0, BACKFILLED.1],
    )
    .map_err(&e)?;
    Ok(())
}

/// The stored section of `book` that the copies at `members` are a near-duplicate of, if any.
fn lookup(
    conn: &Connection,
    path: &Path,
    book: &str,
    members: &[(usize, &Prepared, &SectionRecord)],
) -> Result<Option<Stored>> {
    let e = catalog_err(path);
    let mut keys: Vec<i64> = members
        .iter()
        .flat_map(|(_, p, _)| p.bands.iter().enumerate().map(|(b, &k)| band_key(b, k)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut hits: HashMap<String, usize> = HashMap::new();
    let sql = format!(
        "SELECT section_id FROM neardup_bands WHERE band IN ({})",
        vec!["?"; PER_STATEMENT].join(", ")
    );
    let mut st = conn.prepare_cached(&sql).map_err(&e)?;
    for chunk in keys.chunks(PER_STATEMENT) {
        // A short chunk repeats its last key (IN ignores the repeats).
        let args: Vec<i64> = (0..PER_STATEMENT)
            .map(|i| chunk[i.min(chunk.len() - 1)])
            .collect();
        let ids = st
            .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(0))
            .map_err(&e)?;
        for id in ids {
            *hits.entry(id.map_err(&e)?).or_default() += 1;
        }
    }
    drop(st);
    let mut candidates: Vec<(String, usize)> = hits.into_iter().collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (id, _) in candidates.into_iter().take(MAX_CANDIDATES) {
        let Some((stored_book, stored)) = load(conn, path, &id)? else {
            continue;
        };
        if stored_book != book {
            continue;
        }
        let s = Copy {
            book: Some(book),
            paragraphs: &stored.paragraphs,
        };
        let confirmed = members.iter().any(|(_, p, r)| {
            let c = Copy {
                book: Some(book),
                paragraphs: &r.paragraphs,
            };
            same_section(&s, &stored.shingles, &c, &p.shingles)
        });
        if confirmed {
            return Ok(Some(stored));
        }
    }
    Ok(None)
}

/// Merge the batch's near-duplicate copies with each other and with the stored sections
/// (inside the ingest's transaction, before the records are written; see the module docs).
pub(crate) fn merge(
    conn: &Connection,
    path: &Path,
    records: &mut [SectionRecord],
) -> Result<Outcome> {
    let mut out = Outcome::default();
    let pages: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].kind != FACTBOOK_KIND)
        .collect();
    if pages.is_empty() {
        return Ok(out);
    }
    backfill(conn, path)?;
    let prepared: Vec<Prepared> = pages
        .iter()
        .map(|&i| Prepared::new(&records[i].paragraphs))
        .collect();
    let groups = super::batch_groups(records, &pages, &prepared);
    for g in &groups {
        let members: Vec<usize> = g.members.iter().map(|&m| pages[m]).collect();
        let keep = pages[g.keep];
        let stored_here = members
            .iter()
            .all(|&m| records[m].provenance.mirror != FULLTEXT_MIRROR)
            && prepared[g.keep].shingles.len() >= MIN_LETTERS;
        if !stored_here {
            out.merged += super::retarget(records, &members, keep);
            continue;
        }
        // A member's exact id stored: that section (the common case of a copy seen before).
        let mut exact = None;
        for &m in &members {
            if exists(conn, path, &records[m].id)? {
                exact = Some(records[m].id.clone());
                break;
            }
        }
        if let Some(id) = &exact
            && members.iter().all(|&m| &records[m].id == id)
        {
            continue;
        }
        let book = records[keep].book.id.clone();
        let target = match exact {
            Some(id) => load(conn, path, &id)?.map(|(_, s)| s),
            None => {
                let with: Vec<(usize, &Prepared, &SectionRecord)> = g
                    .members
                    .iter()
                    .map(|&m| (pages[m], &prepared[m], &records[pages[m]]))
                    .collect();
                lookup(conn, path, &book, &with)?
            }
        };
        let Some(stored) = target else {
            out.merged += super::retarget(records, &members, keep);
            insert_bands(conn, path, &records[keep].id, &prepared[g.keep].bands)?;
            continue;
        };
        // The stored text first: it wins ties.
        let mut bodies: Vec<&[String]> = vec![&stored.paragraphs];
        let mut shingles: Vec<&[u64]> = vec![&stored.shingles];
        for &m in &g.members {
            bodies.push(&records[pages[m]].paragraphs);
            shingles.push(&prepared[m].shingles);
        }
        let chosen = choose(&bodies, &shingles);
        let (paragraphs, fields, body_hash) = if chosen == 0 {
            (stored.paragraphs, stored.fields, stored.body_hash)
        } else {
            let m = g.members[chosen - 1];
            let r = &records[pages[m]];
            let e = catalog_err(path);
            conn.execute(
                "UPDATE sections SET paragraphs = ?2, fields = ?3, body_hash = ?4 WHERE id = ?1",
                params![
                    stored.id,
                    serde_json::to_string(&r.paragraphs).unwrap_or_else(|_| "[]".into()),
                    serde_json::to_string(&r.fields).unwrap_or_else(|_| "[]".into()),
                    r.body_hash
                ],
            )
            .map_err(&e)?;
            insert_bands(conn, path, &stored.id, &prepared[m].bands)?;
            crate::timeline::store::clear(conn, path, &stored.id)?;
            crate::relations::store::clear(conn, path, &stored.id)?;
            out.replaced.push(stored.id.clone());
            (r.paragraphs.clone(), r.fields.clone(), r.body_hash.clone())
        };
        for &m in &members {
            let r = &mut records[m];
            if r.id != stored.id {
                out.merged += 1;
                r.id = stored.id.clone();
            }
            r.paragraphs = paragraphs.clone();
            r.fields = fields.clone();
            r.body_hash = body_hash.clone();
        }
    }
    Ok(out)
}
