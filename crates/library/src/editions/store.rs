//! Reading the archive's folder into the edition tables.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use pages::editions::{self as ed, CountryEdition, FieldNameMapping, MasterCountry};
use rusqlite::{Connection, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{FIRST_EDITION, LAST_EDITION};
use crate::catalog::catalog_err;
use crate::{Error, Library, Result};

/// The edition tables (created with the catalog; empty until editions are ingested).
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS fb_entities (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, iso TEXT,
    kind TEXT NOT NULL, administered_by INTEGER);
CREATE TABLE IF NOT EXISTS fb_names (
    entity INTEGER NOT NULL, edition INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (entity, edition)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fb_texts (
    id INTEGER PRIMARY KEY, hash TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fb_labels (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS fb_fields (
    entity INTEGER NOT NULL, field INTEGER NOT NULL, edition INTEGER NOT NULL,
    category INTEGER NOT NULL, name_then INTEGER NOT NULL, text_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS fb_fields_by_field ON fb_fields(entity, field, edition);
";

/// What [`Library::ingest_editions`] read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EditionsReport {
    /// The folder read.
    pub dir: PathBuf,
    /// The editions read (their field files), oldest first.
    pub editions: Vec<u16>,
    /// Entities across all editions.
    pub entities: usize,
    /// Field-editions stored.
    pub field_editions: usize,
    /// Distinct texts in the library after the ingest.
    pub texts: usize,
    /// Distinct texts this ingest added.
    pub new_texts: usize,
    /// Rows that could not be read, each naming its file and line (at most 100 listed).
    pub errors: Vec<String>,
    /// How many rows could not be read.
    pub error_count: usize,
    /// Versions (an entity's field with one text, and the editions that print it): each is
    /// searchable once.
    pub versions: usize,
    /// Versions of the 2025 edition that say what the wheel's section says, merged into it.
    pub merged_with_wheel: usize,
}

impl EditionsReport {
    fn error(&mut self, file: &Path, e: impl std::fmt::Display) {
        self.error_count += 1;
        if self.errors.len() < 100 {
            self.errors.push(format!("{}: {e}", file.display()));
        }
    }
}

/// Open `file`, or `file.gz` decompressed.
fn open(file: &Path) -> Result<Box<dyn BufRead>> {
    let io = |source| Error::Io {
        path: file.to_owned(),
        source,
    };
    if file.is_file() {
        let f = std::fs::File::open(file).map_err(io)?;
        if file.extension().is_some_and(|e| e == "gz") {
            return Ok(Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(f),
            )));
        }
        return Ok(Box::new(BufReader::with_capacity(1 << 16, f)));
    }
    let gz = file.with_extension("sql.gz");
    if gz.is_file() {
        return open(&gz);
    }
    Err(io(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        "missing from the editions folder",
    )))
}

/// Whether `dir` looks like the archive's folder (the four tables and a `fields` folder).
pub fn is_editions_dir(dir: &Path) -> bool {
    dir.join("master_countries.sql").is_file()
        && dir.join("countries.sql").is_file()
        && dir.join("fields").is_dir()
}

fn text_hash(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    d[..12].iter().map(|b| format!("{b:02x}")).collect()
}

impl Library {
    /// Read the Factbook archive's folder (`../shared/data/factbook-editions/` or a fetched
    /// copy): every edition whose `fields/country_fields_YYYY.sql[.gz]` is there. Ingesting an
    /// edition again replaces it; a text already stored is not stored twice. Malformed rows
    /// are counted and named in the report, and the rest is read.
    pub fn ingest_editions(&mut self, dir: &Path) -> Result<EditionsReport> {
        let Some(writer) = &self.writer else {
            return Err(Error::ReadOnly(self.dir.clone()));
        };
        if !is_editions_dir(dir) {
            return Err(Error::Argument {
                name: "editions folder",
                message: format!(
                    "{} is not the Factbook archive's folder (master_countries.sql, countries.sql, categories.sql, field_name_mappings.sql, fields/)",
                    dir.display()
                ),
            });
        }
        let mut report = EditionsReport {
            dir: dir.to_owned(),
            ..Default::default()
        };
        let table = |name: &str, report: &mut EditionsReport| -> Result<Box<dyn BufRead>> {
            let _ = report;
            open(&dir.join(name))
        };
        let (masters, errors) =
            ed::read_master_countries(table("master_countries.sql", &mut report)?);
        for e in errors {
            report.error(&dir.join("master_countries.sql"), e);
        }
        let (countries, errors) = ed::read_countries(table("countries.sql", &mut report)?);
        for e in errors {
            report.error(&dir.join("countries.sql"), e);
        }
        let (categories, errors) = ed::read_categories(table("categories.sql", &mut report)?);
        for e in errors {
            report.error(&dir.join("categories.sql"), e);
        }
        let mappings = match table("field_name_mappings.sql", &mut report) {
            Ok(r) => {
                let (m, errors) = ed::read_field_name_mappings(r);
                for e in errors {
                    report.error(&dir.join("field_name_mappings.sql"), e);
                }
                m
            }
            Err(_) => Vec::new(),
        };
        let entities = entity_keys(&masters, &countries);
        let category: HashMap<i64, String> =
            categories.into_iter().map(|c| (c.id, c.title)).collect();
        let canonical = canonical_names(&mappings);
        let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        let path = self.catalog_path.clone();
        if !crate::in_sync(&conn, &path, &self.index)? {
            crate::index::write::rebuild_index(&conn, &path, &self.index)?;
        }
        let e = catalog_err(&path);
        let tx = conn.transaction().map_err(&e)?;
        write_entities(&tx, &path, &masters, &countries, &entities)?;
        report.entities = entities.rows.len();
        let mut known: HashMap<String, i64> = {
            let mut st = tx.prepare("SELECT hash, id FROM fb_texts").map_err(&e)?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)?
        };
        let mut next_text: i64 = tx
            .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM fb_texts", [], |r| {
                r.get(0)
            })
            .map_err(&e)?;
        // Field names, their spellings and headings are stored once each (`fb_labels`).
        let mut labels: HashMap<String, i64> = {
            let mut st = tx.prepare("SELECT label, id FROM fb_labels").map_err(&e)?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)?
        };
        let mut label = |tx: &rusqlite::Transaction<'_>, text: &str| -> Result<i64> {
            if let Some(&id) = labels.get(text) {
                return Ok(id);
            }
            let id = labels.len() as i64 + 1;
            tx.prepare_cached("INSERT INTO fb_labels (id, label) VALUES (?1, ?2)")
                .and_then(|mut st| st.execute(params![id, text]))
                .map_err(catalog_err(&path))?;
            labels.insert(text.to_string(), id);
            Ok(id)
        };
        // The field index is built once at the end: compact, and faster than growing it.
        tx.execute_batch("DROP INDEX IF EXISTS fb_fields_by_field")
            .map_err(&e)?;
        // Two threads parse the field files (and hash each text) while this one writes.
        let files: Vec<(u16, PathBuf)> = (FIRST_EDITION..=LAST_EDITION)
            .filter_map(|year| {
                let file = dir.join(format!("fields/country_fields_{year}.sql"));
                let gz = file.with_extension("sql.gz");
                if file.is_file() {
                    Some((year, file))
                } else if gz.is_file() {
                    Some((year, gz))
                } else {
                    None
                }
            })
            .collect();
        type Parsed = (
            u16,
            PathBuf,
            Result<Vec<std::result::Result<(ed::Field, String), pages::sqldump::SqlError>>>,
        );
        std::thread::scope(|scope| -> Result<()> {
            let (send, receive) = std::sync::mpsc::sync_channel::<Parsed>(2);
            for part in 0..2 {
                let send = send.clone();
                let files = &files;
                scope.spawn(move || {
                    for (year, file) in files.iter().skip(part).step_by(2) {
                        let rows = open(file).map(|input| {
                            ed::fields(input)
                                .map(|f| {
                                    f.map(|f| {
                                        let h = text_hash(f.content.trim());
                                        (f, h)
                                    })
                                })
                                .collect()
                        });
                        if send.send((*year, file.clone(), rows)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(send);
            for (year, shown, rows) in receive {
                let rows = rows?;
                tx.execute("DELETE FROM fb_fields WHERE edition = ?1", [year])
                    .map_err(&e)?;
                report.editions.push(year);
                let mut put_text = tx
                    .prepare_cached("INSERT INTO fb_texts (id, hash, text) VALUES (?1, ?2, ?3)")
                    .map_err(&e)?;
                let mut put_field = tx
                    .prepare_cached(
                        "INSERT INTO fb_fields (entity, field, edition, category, name_then, text_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    .map_err(&e)?;
                // The archive repeats a few fields within an edition: each is stored once.
                let mut stored: std::collections::HashSet<(i64, i64, i64, i64)> =
                    std::collections::HashSet::new();
                for row in rows {
                    let (field, hash) = match row {
                        Ok(r) => r,
                        Err(err) => {
                            report.error(&shown, err);
                            continue;
                        }
                    };
                    let text = field.content.trim();
                    if text.is_empty() {
                        continue;
                    }
                    let Some(&(entity, edition)) = entities.by_country.get(&field.country) else {
                        report.error(
                            &shown,
                            format!(
                                "field {} names entity-edition {}, which countries.sql does not have",
                                field.id, field.country
                            ),
                        );
                        continue;
                    };
                    if edition != year {
                        report.error(
                            &shown,
                            format!("field {} belongs to the {edition} edition", field.id),
                        );
                        continue;
                    }
                    let name = field.name.trim();
                    let Some(canon) = canonical(name) else {
                        continue;
                    };
                    let text_id = match known.get(&hash) {
                        Some(&id) => id,
                        None => {
                            let id = next_text;
                            next_text += 1;
                            put_text.execute(params![id, hash, text]).map_err(&e)?;
                            known.insert(hash, id);
                            report.new_texts += 1;
                            id
                        }
                    };
                    let canon = label(&tx, &canon)?;
                    let name = label(&tx, name)?;
                    if !stored.insert((entity, canon, name, text_id)) {
                        continue;
                    }
                    let cat = label(
                        &tx,
                        category.get(&field.category).map_or("", String::as_str),
                    )?;
                    put_field
                        .execute(params![entity, canon, year, cat, name, text_id])
                        .map_err(&e)?;
                    report.field_editions += 1;
                }
            }
            Ok(())
        })?;
        report.editions.sort_unstable();
        tx.execute_batch(
            "CREATE INDEX IF NOT EXISTS fb_fields_by_field ON fb_fields(entity, field, edition)",
        )
        .map_err(&e)?;
        report.texts = known.len();
        // Versions and their documents: index first, catalog second (as every ingest).
        let generation = crate::catalog::generation(&tx, &path)? + 1;
        crate::catalog::set_generation(&tx, &path, generation)?;
        let w = self.index.writer_with(256_000_000)?;
        let synced = super::versions::sync(&tx, &path, &self.index, &w)?;
        report.versions = synced.versions;
        report.merged_with_wheel = synced.merged;
        self.index.commit(w, generation)?;
        tx.commit().map_err(&e)?;
        Ok(report)
    }
}

/// Each entity-edition's entity key: the archive's master id, or (for entities it gives
/// none: those that ceased to exist) a negative key per FIPS code, stable for the same data.
struct EntityKeys {
    /// CountryID → (entity key, edition).
    by_country: HashMap<i64, (i64, u16)>,
    /// Entity key → (code, latest name, first and last edition).
    rows: HashMap<i64, (String, String, u16, u16)>,
}

fn entity_keys(masters: &[MasterCountry], countries: &[CountryEdition]) -> EntityKeys {
    let canonical: HashMap<i64, &str> = masters.iter().map(|m| (m.id, m.name.as_str())).collect();
    // A former state the archive filed under a later entity's master id (its 1990 and 1991
    // text editions put the Soviet Union under Somalia's, by their shared code `so`) keeps an
    // identity of its own: an edition that printed a former state's name.
    let former = |c: &CountryEdition| {
        pages::countries::lookup(&c.name).is_some_and(|k| k.former)
            && c.master
                .and_then(|m| canonical.get(&m))
                .is_none_or(|n| !n.eq_ignore_ascii_case(&c.name))
    };
    let orphan_key = |c: &CountryEdition| -> String {
        if c.master.is_none() {
            c.code.to_uppercase()
        } else {
            format!("name:{}", c.name)
        }
    };
    let mut orphan_codes: Vec<String> = countries
        .iter()
        .filter(|c| c.master.is_none() || former(c))
        .map(orphan_key)
        .collect();
    orphan_codes.sort();
    orphan_codes.dedup();
    let orphan: HashMap<&str, i64> = orphan_codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), -(i as i64) - 1))
        .collect();
    let master_code: HashMap<i64, &str> = masters.iter().map(|m| (m.id, m.code.as_str())).collect();
    let mut by_country = HashMap::new();
    let mut rows: HashMap<i64, (String, String, u16, u16)> = HashMap::new();
    for c in countries {
        let own = c.master.is_none() || former(c);
        let key = match c.master {
            Some(m) if !own => m,
            _ => orphan.get(orphan_key(c).as_str()).copied().unwrap_or(0),
        };
        by_country.insert(c.id, (key, c.year));
        let code = if own {
            pages::countries::lookup(&c.name)
                .and_then(|k| k.fips)
                .map_or_else(|| c.code.to_uppercase(), str::to_owned)
        } else {
            c.master
                .and_then(|m| master_code.get(&m).map(|s| s.to_string()))
                .unwrap_or_else(|| c.code.to_uppercase())
        };
        let row = rows
            .entry(key)
            .or_insert_with(|| (code, c.name.clone(), c.year, c.year));
        if c.year >= row.3 {
            row.1 = c.name.clone();
            row.3 = c.year;
        }
        row.2 = row.2.min(c.year);
    }
    EntityKeys { by_country, rows }
}

fn write_entities(
    conn: &Connection,
    path: &Path,
    masters: &[MasterCountry],
    countries: &[CountryEdition],
    keys: &EntityKeys,
) -> Result<()> {
    let e = catalog_err(path);
    let master: HashMap<i64, &MasterCountry> = masters.iter().map(|m| (m.id, m)).collect();
    let mut put = conn
        .prepare_cached(
            "INSERT OR REPLACE INTO fb_entities (id, code, name, iso, kind, administered_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(&e)?;
    for (&key, (code, latest, _, _)) in &keys.rows {
        match master.get(&key) {
            Some(m) => put
                .execute(params![
                    key,
                    m.code,
                    m.name,
                    m.iso2,
                    m.kind,
                    m.administered_by
                ])
                .map_err(&e)?,
            None => {
                let iso = pages::countries::by_fips(code)
                    .and_then(|c| c.iso)
                    .map(str::to_owned);
                put.execute(params![
                    key,
                    code,
                    latest,
                    iso,
                    "former",
                    Option::<i64>::None
                ])
                .map_err(&e)?
            }
        };
    }
    let mut name = conn
        .prepare_cached(
            "INSERT OR REPLACE INTO fb_names (entity, edition, code, name) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(&e)?;
    for c in countries {
        if let Some(&(key, year)) = keys.by_country.get(&c.id) {
            name.execute(params![key, year, c.code, c.name])
                .map_err(&e)?;
        }
    }
    Ok(())
}

/// A field name's canonical name (the archive's mapping), `None` for parser fragments.
fn canonical_names(mappings: &[FieldNameMapping]) -> impl Fn(&str) -> Option<String> + '_ {
    let map: HashMap<&str, &FieldNameMapping> =
        mappings.iter().map(|m| (m.original.as_str(), m)).collect();
    move |name: &str| match map.get(name) {
        Some(m) if m.noise => None,
        Some(m) => Some(
            m.consolidated_to
                .clone()
                .unwrap_or_else(|| m.canonical.clone()),
        ),
        None => Some(name.to_string()),
    }
}

/// Whether any edition has been ingested.
pub(crate) fn has_editions(conn: &Connection, path: &Path) -> Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM fb_fields)", [], |r| r.get(0))
        .map_err(catalog_err(path))
}
