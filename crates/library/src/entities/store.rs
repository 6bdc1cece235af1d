//! The write side of entities: every section's mentions, stored at ingest.
//!
//! Called by the reading pass (`timeline::store::update`) for each section it reads, with the
//! section's timeline entries: each sentence is linked by the gazetteer with the year of its
//! earliest date when it has one (so "Russia" in a sentence about 1905 is the empire), else the
//! section's data-as-of year, and the section's country as context.

use std::path::Path;

use rusqlite::{Connection, params};

use crate::Result;
use crate::catalog::catalog_err;

/// The catalog table of mentions (part of the catalog schema).
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS mentions (
    section_id TEXT NOT NULL REFERENCES sections(id),
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    confidence REAL NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_by_section ON mentions(section_id, paragraph, start);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity_id, section_id);
";

/// One linked name: paragraph, byte range in it, entity number in the embedded gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linked {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte offset of the first byte in the paragraph.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Entity number (`gazetteer::Gazetteer::embedded().entity(n)`).
    pub entity: u32,
    /// Confidence 0..=1.
    pub confidence: f32,
}

/// Link `paragraphs`: each sentence that states a date (`dated`: paragraph, sentence byte
/// range, year of its earliest date) with that year, the rest with `year`, all with `country`
/// (the ISO code of the text's state) as context.
pub fn link_with_dates(
    paragraphs: &[&str],
    year: Option<i32>,
    country: Option<&str>,
    dated: &[(usize, std::ops::Range<usize>, i32)],
) -> Vec<Linked> {
    let g = gazetteer::Gazetteer::embedded();
    let mut out = Vec::new();
    for (p, text) in paragraphs.iter().enumerate() {
        let mut cuts: Vec<(std::ops::Range<usize>, i32)> = dated
            .iter()
            .filter(|(q, _, _)| *q == p)
            .map(|(_, r, y)| (r.clone(), *y))
            .collect();
        cuts.sort_by_key(|(r, _)| r.start);
        cuts.dedup_by(|a, b| a.0 == b.0);
        let mut pieces: Vec<(std::ops::Range<usize>, Option<i32>)> = Vec::new();
        let mut at = 0;
        for (r, y) in cuts {
            if r.start < at || r.end > text.len() {
                continue;
            }
            if r.start > at {
                pieces.push((at..r.start, year));
            }
            pieces.push((r.clone(), Some(y)));
            at = r.end;
        }
        if at < text.len() {
            pieces.push((at..text.len(), year));
        }
        for (range, y) in pieces {
            let Some(piece) = text.get(range.clone()) else {
                continue;
            };
            let context = gazetteer::Context {
                year: y,
                country: country.map(str::to_owned),
            };
            for m in g.link(piece, &context) {
                out.push(Linked {
                    paragraph: p,
                    start: range.start + m.start,
                    end: range.start + m.end,
                    entity: m.entity,
                    confidence: m.confidence,
                });
            }
        }
    }
    out
}

/// Link `paragraphs` with the dates `timeline` reads in them (narrative mode, `data_as_of`
/// as the document date).
pub fn link_paragraphs(
    paragraphs: &[&str],
    data_as_of: Option<&str>,
    country: Option<&str>,
) -> Vec<Linked> {
    let names = ::timeline::Names::new([]);
    let config = ::timeline::Config {
        data_as_of: data_as_of.and_then(timex::Date::parse),
        names: &names,
    };
    let dated: Vec<(usize, std::ops::Range<usize>, i32)> = ::timeline::extract(paragraphs, &config)
        .iter()
        .map(|e| (e.paragraph, e.sentence.clone(), e.interval.start.get_year()))
        .collect();
    let year = data_as_of
        .and_then(|a| a.get(..4))
        .and_then(|y| y.parse().ok());
    link_with_dates(paragraphs, year, country, &dated)
}

/// Store the mentions of one section, linked by [`link_with_dates`].
pub(crate) fn write_linked(
    conn: &Connection,
    path: &Path,
    section_id: &str,
    paragraphs: &[&str],
    linked: &[Linked],
) -> Result<usize> {
    let e = catalog_err(path);
    let g = gazetteer::Gazetteer::embedded();
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO mentions(section_id, paragraph, start, end, entity_id, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(&e)?;
    for m in linked {
        let Some(text) = paragraphs.get(m.paragraph) else {
            continue;
        };
        let start = text.get(..m.start).map_or(0, |x| x.chars().count());
        let len = text.get(m.start..m.end).map_or(0, |x| x.chars().count());
        insert
            .execute(params![
                section_id,
                m.paragraph as i64,
                start as i64,
                (start + len) as i64,
                g.entity(m.entity).id,
                m.confidence
            ])
            .map_err(&e)?;
    }
    Ok(linked.len())
}

/// Forget a section's mentions.
pub(crate) fn clear(conn: &Connection, path: &Path, section_id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM mentions WHERE section_id = ?1")
        .and_then(|mut st| st.execute([section_id]))
        .map_err(catalog_err(path))?;
    Ok(())
}
