//! Versions from the edition tables, and which of them merge with the wheel.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Key, Version};
use crate::catalog::catalog_err;
use crate::{Result, assemble};

/// Where the archive's 2025 dump is credited in a merged section's provenance.
const ARCHIVE_MIRROR: &str = "factbook-archive";
const ARCHIVE_URL: &str = "https://github.com/MilkMp/CIA-World-Factbooks-Archive-1990-2025/blob/b998f60a91d7de6fde80f3d4d216fa0e591a099e/data/fields/country_fields_2025.sql";
const ARCHIVE_LABEL: &str =
    "World Factbook archive, 2025 edition (MilkMp/CIA-World-Factbooks-Archive-1990-2025)";

/// What one pass over `fb_fields` gathers per version.
#[derive(Default)]
struct Acc {
    editions: i64,
    /// (edition, heading) of the latest edition seen.
    latest: (u16, i64),
    /// The field's name in the 2025 edition, when that edition has the text.
    name_2025: Option<i64>,
}

/// Every version, in key order, with its merge.
pub(super) fn compute(conn: &Connection, path: &Path) -> Result<Vec<Version>> {
    let e = catalog_err(path);
    let mut acc: HashMap<Key, Acc> = HashMap::new();
    {
        let mut st = conn
            .prepare("SELECT entity, field, text_id, edition, category, name_then FROM fb_fields")
            .map_err(&e)?;
        let mut rows = st.query([]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            let key: Key = (
                r.get(0).map_err(&e)?,
                r.get(1).map_err(&e)?,
                r.get(2).map_err(&e)?,
            );
            let edition: u16 = r.get(3).map_err(&e)?;
            let category: i64 = r.get(4).map_err(&e)?;
            let a = acc.entry(key).or_default();
            a.editions |= super::edition_bits(&[edition]);
            if edition >= a.latest.0 {
                a.latest = (edition, category);
            }
            if edition == 2025 {
                a.name_2025 = Some(r.get(5).map_err(&e)?);
            }
        }
    }
    let mut out: Vec<(Key, Acc)> = acc.into_iter().collect();
    out.sort_unstable_by_key(|(k, _)| *k);
    let mut wheel = WheelMatcher::new(conn, path)?;
    let mut versions = Vec::with_capacity(out.len());
    for (key, a) in out {
        let section_id = match a.name_2025 {
            Some(name) if wheel.any => wheel.find(key.0, name, key.2)?,
            _ => None,
        };
        versions.push(Version {
            key,
            editions: a.editions,
            category: a.latest.1,
            section_id,
        });
    }
    Ok(versions)
}

/// Finds the wheel's section for a field of the 2025 edition that says the same thing.
struct WheelMatcher<'c> {
    conn: &'c Connection,
    path: &'c Path,
    /// Whether any wheel book is in the library.
    any: bool,
    /// Each entity's code in the 2025 edition (the wheel's books are named by it).
    code_2025: HashMap<i64, String>,
}

impl<'c> WheelMatcher<'c> {
    fn new(conn: &'c Connection, path: &'c Path) -> Result<WheelMatcher<'c>> {
        let e = catalog_err(path);
        let any = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM books WHERE id LIKE 'world-factbook-2025-%')",
                [],
                |r| r.get(0),
            )
            .map_err(&e)?;
        let code_2025 = {
            let mut st = conn
                .prepare("SELECT entity, code FROM fb_names WHERE edition = 2025")
                .map_err(&e)?;
            let rows = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)?
        };
        Ok(WheelMatcher {
            conn,
            path,
            any,
            code_2025,
        })
    }

    /// The wheel section of `entity` titled as the 2025 edition named the field
    /// (`name_label`) whose text normalizes to the same letters and digits as `text_id`;
    /// the archive is added to its provenance.
    fn find(&mut self, entity: i64, name_label: i64, text_id: i64) -> Result<Option<String>> {
        let Some(code) = self.code_2025.get(&entity) else {
            return Ok(None);
        };
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
            .and_then(|mut st| st.execute(params![id, ARCHIVE_MIRROR, ARCHIVE_URL, ARCHIVE_LABEL]))
            .map_err(&e)?;
        Ok(Some(id))
    }
}
