//! Streaming reads for exports: every section (and its timeline entries, entity mentions and
//! events) that a filter selects, handed to a callback one row at a time from one SQLite
//! read transaction, so an export of any size holds one row in memory and sees one
//! consistent snapshot of the catalog.
//!
//! The rows are the catalog's own data with nothing left out (the `export` crate writes
//! them as JSON Lines, Parquet and search-engine bulk files); order is book order (books by
//! id, then `ord`, then id), the same as [`Library::section_ids`].

use rusqlite::Connection;
use serde::Serialize;

use crate::catalog::catalog_err;
use crate::text::display_title;
use crate::views::{FieldView, ProvenanceView};
use crate::{Error, Library, Result};

/// Which sections an export holds. Every filter given must match; an as-of filter leaves out
/// sections without a data-as-of.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    /// Only this book (its id).
    pub book: Option<String>,
    /// Only this country (id, name, alias or code; resolved by [`Library::export_filter`]).
    pub country: Option<String>,
    /// Only sections whose data-as-of year is at least this.
    pub as_of_from: Option<i32>,
    /// Only sections whose data-as-of year is at most this.
    pub as_of_to: Option<i32>,
}

/// One section with every field the catalog holds, as exports write it.
#[derive(Debug, Clone, Serialize)]
pub struct ExportSection {
    /// Section id (16 hex digits).
    pub section_id: String,
    /// Book id.
    pub book_id: String,
    /// Book title.
    pub book: String,
    /// `country-study` or `factbook`.
    pub book_kind: String,
    /// The book's edition (a Factbook's year), when known.
    pub edition: Option<String>,
    /// Country id.
    pub country_id: String,
    /// Country name.
    pub country: String,
    /// ISO 3166-1 code of the country, when known.
    pub iso: Option<String>,
    /// FIPS 10-4 code of the country, when known.
    pub fips: Option<String>,
    /// The section's own title, when known.
    pub section_title: Option<String>,
    /// A title to show even when the section has none.
    pub display_title: String,
    /// The chapter-level heading or Factbook category, when known.
    pub heading: Option<String>,
    /// `front-matter`, `introduction`, `profile`, `narrative`, `back-matter`, `factbook-field`.
    pub kind: String,
    /// Data-as-of (`1989-05`, `1989`).
    pub data_as_of: Option<String>,
    /// Position in the book (sortable; only the order means something).
    pub ord: i64,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Country Profile / Factbook fields.
    pub fields: Vec<FieldView>,
    /// Every copy seen.
    pub provenance: Vec<ProvenanceView>,
    /// The inferred country and its evidence, for a page that named none.
    pub country_inferred: Option<serde_json::Value>,
}

/// One dated statement of a section's timeline, as stored.
#[derive(Debug, Clone, Serialize)]
pub struct ExportTimelineEntry {
    /// Section id.
    pub section_id: String,
    /// Paragraph (0-based).
    pub paragraph: i64,
    /// The sentence.
    pub sentence: String,
    /// Code-point range of the date expression in the sentence.
    pub expr_start: i64,
    /// End of that range.
    pub expr_end: i64,
    /// The date words.
    pub expression: String,
    /// ISO 8601 partial start date (inclusive).
    pub start: String,
    /// ISO 8601 partial end date (inclusive).
    pub end: String,
    /// `day` … `millennium`.
    pub granularity: String,
    /// TIMEX modifier (`MID`, `START`, …), when any.
    pub modifier: Option<String>,
    /// TIMEX value.
    pub value: String,
    /// Ids of the states the sentence names (or inherits).
    pub countries: Vec<String>,
    /// The states come from the sentence before.
    pub from_context: bool,
}

/// One linked name in a section.
#[derive(Debug, Clone, Serialize)]
pub struct ExportMention {
    /// Section id.
    pub section_id: String,
    /// Paragraph (0-based).
    pub paragraph: i64,
    /// Code-point start in the paragraph.
    pub start: i64,
    /// Code-point end (exclusive).
    pub end: i64,
    /// The words as written.
    pub text: String,
    /// Gazetteer id.
    pub entity_id: String,
    /// Gazetteer name (empty when the embedded gazetteer no longer knows the id).
    pub name: String,
    /// Kind (`state`, `city`, …).
    pub kind: String,
    /// Latitude, for places.
    pub lat: Option<f64>,
    /// Longitude, for places.
    pub lon: Option<f64>,
    /// Confidence 0..=1.
    pub confidence: f64,
}

/// One coded event, as stored.
#[derive(Debug, Clone, Serialize)]
pub struct ExportEvent {
    /// Section id.
    pub section_id: String,
    /// Paragraph (0-based).
    pub paragraph: i64,
    /// The sentence.
    pub sentence: String,
    /// Source actor's name.
    pub source: String,
    /// Source actor as written.
    pub source_text: String,
    /// Source actor's CAMEO-style code.
    pub source_code: String,
    /// Source actor's gazetteer id.
    pub source_entity: String,
    /// Target actor's name.
    pub target: Option<String>,
    /// Target as written.
    pub target_text: Option<String>,
    /// Target code.
    pub target_code: Option<String>,
    /// Target gazetteer id.
    pub target_entity: Option<String>,
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode, when any.
    pub mode: Option<String>,
    /// Start date (ISO partial), when dated.
    pub start: Option<String>,
    /// End date, when dated.
    pub end: Option<String>,
    /// The date is the paragraph's last, not the sentence's own.
    pub date_inherited: bool,
    /// The trigger words.
    pub trigger: String,
    /// The sentence denies the event ("did not attack").
    pub negated: bool,
    /// The coding rule that fired.
    pub rule: String,
}

const WHERE: &str = "WHERE (?1 IS NULL OR s.book_id = ?1) AND (?2 IS NULL OR s.country_id = ?2)
   AND (?3 IS NULL OR (s.data_as_of IS NOT NULL AND CAST(substr(s.data_as_of, 1, 4) AS INTEGER) >= ?3))
   AND (?4 IS NULL OR (s.data_as_of IS NOT NULL AND CAST(substr(s.data_as_of, 1, 4) AS INTEGER) <= ?4))";

/// Code points of `s` from `a` to `b` (a stored range), empty when out of bounds.
fn chars(s: &str, a: i64, b: i64) -> String {
    if a < 0 || b < a {
        return String::new();
    }
    s.chars().skip(a as usize).take((b - a) as usize).collect()
}

impl Library {
    /// Check a filter against the catalog: the book must exist and the country is resolved to
    /// its id (names, aliases and codes accepted); `NotFound` with suggestions otherwise.
    pub fn export_filter(&self, mut filter: ExportFilter) -> Result<ExportFilter> {
        if let Some(c) = &filter.country {
            let id = self.resolve_country(c)?.ok_or_else(|| self.no_country(c))?;
            filter.country = Some(id);
        }
        if let Some(b) = &filter.book {
            let found: Option<String> = self.read(|conn| {
                conn.query_row("SELECT id FROM books WHERE id = ?1", [b], |r| r.get(0))
                    .map(Some)
                    .or_else(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => Ok(None),
                        e => Err(catalog_err(&self.catalog_path)(e)),
                    })
            })?;
            if found.is_none() {
                return Err(self.no_book(b));
            }
        }
        Ok(filter)
    }

    /// How many sections `filter` selects (for a progress bar).
    pub fn export_count(&self, filter: &ExportFilter) -> Result<u64> {
        self.read(|conn| {
            conn.query_row(
                &format!("SELECT COUNT(*) FROM sections s {WHERE}"),
                bind(filter),
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(catalog_err(&self.catalog_path))
        })
    }

    /// Hand every section `filter` selects to `f`, in book order, one at a time. Returns how
    /// many were handed; stops at the first error `f` returns.
    pub fn export_sections<E: From<Error>>(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(ExportSection) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        self.read_streaming(|conn| -> std::result::Result<u64, E> {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(&format!(
                    "SELECT s.id, s.book_id, b.title, b.kind, b.edition, s.country_id, c.name, c.iso,
                            c.fips, s.title, s.heading, s.kind, s.data_as_of, s.ord, s.paragraphs,
                            s.fields, s.country_inferred
                       FROM sections s JOIN books b ON b.id = s.book_id
                       JOIN countries c ON c.id = s.country_id {WHERE}
                      ORDER BY s.book_id, s.ord, s.id"
                ))
                .map_err(&e)?;
            let mut rows = st.query(bind(filter)).map_err(&e)?;
            let mut n = 0;
            while let Some(r) = rows.next().map_err(&e)? {
                let section = section_row(conn, &self.catalog_path, r).map_err(&e)?;
                f(section)?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Hand every timeline entry of the sections `filter` selects to `f`, in book order.
    pub fn export_timeline<E: From<Error>>(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(ExportTimelineEntry) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        self.read_streaming(|conn| -> std::result::Result<u64, E> {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(&format!(
                    "SELECT t.section_id, t.paragraph, t.sentence, t.expr_start, t.expr_end, t.start,
                            t.end, t.granularity, t.mod, t.value, t.countries, t.from_context
                       FROM sections s JOIN timeline t ON t.section_id = s.id {WHERE}
                      ORDER BY s.book_id, s.ord, s.id, t.id"
                ))
                .map_err(&e)?;
            let mut rows = st.query(bind(filter)).map_err(&e)?;
            let mut n = 0;
            while let Some(r) = rows.next().map_err(&e)? {
                let sentence: String = r.get(2).map_err(&e)?;
                let (a, b): (i64, i64) = (r.get(3).map_err(&e)?, r.get(4).map_err(&e)?);
                let countries: String = r.get(10).map_err(&e)?;
                f(ExportTimelineEntry {
                    section_id: r.get(0).map_err(&e)?,
                    paragraph: r.get(1).map_err(&e)?,
                    expression: chars(&sentence, a, b),
                    sentence,
                    expr_start: a,
                    expr_end: b,
                    start: r.get(5).map_err(&e)?,
                    end: r.get(6).map_err(&e)?,
                    granularity: r.get(7).map_err(&e)?,
                    modifier: r.get(8).map_err(&e)?,
                    value: r.get(9).map_err(&e)?,
                    countries: serde_json::from_str(&countries).unwrap_or_default(),
                    from_context: r.get::<_, i64>(11).map_err(&e)? != 0,
                })?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Hand every entity mention of the sections `filter` selects to `f`, in book and text
    /// order.
    pub fn export_mentions<E: From<Error>>(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(ExportMention) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        let g = gazetteer::Gazetteer::embedded();
        self.read_streaming(|conn| -> std::result::Result<u64, E> {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(&format!(
                    "SELECT m.section_id, m.paragraph, m.start, m.end, m.entity_id, m.confidence,
                            json_extract(s.paragraphs, '$[' || m.paragraph || ']')
                       FROM sections s JOIN mentions m ON m.section_id = s.id {WHERE}
                      ORDER BY s.book_id, s.ord, s.id, m.paragraph, m.start"
                ))
                .map_err(&e)?;
            let mut rows = st.query(bind(filter)).map_err(&e)?;
            let mut n = 0;
            while let Some(r) = rows.next().map_err(&e)? {
                let entity_id: String = r.get(4).map_err(&e)?;
                let (start, end): (i64, i64) = (r.get(2).map_err(&e)?, r.get(3).map_err(&e)?);
                let paragraph: Option<String> = r.get(6).map_err(&e)?;
                let entity = g.get(&entity_id);
                f(ExportMention {
                    section_id: r.get(0).map_err(&e)?,
                    paragraph: r.get(1).map_err(&e)?,
                    start,
                    end,
                    text: chars(paragraph.as_deref().unwrap_or(""), start, end),
                    name: entity.map(|x| x.name.clone()).unwrap_or_default(),
                    kind: entity
                        .and_then(|x| serde_json::to_value(x.kind).ok())
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    lat: entity.and_then(|x| x.lat),
                    lon: entity.and_then(|x| x.lon),
                    entity_id,
                    confidence: r.get(5).map_err(&e)?,
                })?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Hand every coded event of the sections `filter` selects to `f`, in book order.
    pub fn export_events<E: From<Error>>(
        &self,
        filter: &ExportFilter,
        mut f: impl FnMut(ExportEvent) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        self.read_streaming(|conn| -> std::result::Result<u64, E> {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(&format!(
                    "SELECT v.section_id, v.paragraph, v.sentence_start, v.sentence_end,
                            v.source_name, v.source_text, v.source_code, v.source_entity,
                            v.target_name, v.target_text, v.target_code, v.target_entity,
                            v.type, v.mode, v.start, v.end, v.date_inherited, v.trigger,
                            v.negated, v.rule,
                            json_extract(s.paragraphs, '$[' || v.paragraph || ']')
                       FROM sections s JOIN events v ON v.section_id = s.id {WHERE}
                      ORDER BY s.book_id, s.ord, s.id, v.id"
                ))
                .map_err(&e)?;
            let mut rows = st.query(bind(filter)).map_err(&e)?;
            let mut n = 0;
            while let Some(r) = rows.next().map_err(&e)? {
                let (a, b): (i64, i64) = (r.get(2).map_err(&e)?, r.get(3).map_err(&e)?);
                let paragraph: Option<String> = r.get(20).map_err(&e)?;
                let text = paragraph.unwrap_or_default();
                let sentence = usize::try_from(a)
                    .ok()
                    .zip(usize::try_from(b).ok())
                    .and_then(|(a, b)| text.get(a..b))
                    .unwrap_or("")
                    .to_owned();
                f(ExportEvent {
                    section_id: r.get(0).map_err(&e)?,
                    paragraph: r.get(1).map_err(&e)?,
                    sentence,
                    source: r.get(4).map_err(&e)?,
                    source_text: r.get(5).map_err(&e)?,
                    source_code: r.get(6).map_err(&e)?,
                    source_entity: r.get(7).map_err(&e)?,
                    target: r.get(8).map_err(&e)?,
                    target_text: r.get(9).map_err(&e)?,
                    target_code: r.get(10).map_err(&e)?,
                    target_entity: r.get(11).map_err(&e)?,
                    event_type: r.get(12).map_err(&e)?,
                    mode: r.get(13).map_err(&e)?,
                    start: r.get(14).map_err(&e)?,
                    end: r.get(15).map_err(&e)?,
                    date_inherited: r.get::<_, i64>(16).map_err(&e)? != 0,
                    trigger: r.get(17).map_err(&e)?,
                    negated: r.get::<_, i64>(18).map_err(&e)? != 0,
                    rule: r.get(19).map_err(&e)?,
                })?;
                n += 1;
            }
            Ok(n)
        })
    }
}

fn bind(filter: &ExportFilter) -> impl rusqlite::Params + '_ {
    (
        filter.book.as_deref(),
        filter.country.as_deref(),
        filter.as_of_from,
        filter.as_of_to,
    )
}

impl Library {
    /// `read` for a callback with the caller's error type: a pooled read connection (one
    /// snapshot for the whole export), returned to the pool afterwards.
    fn read_streaming<T, E: From<Error>>(
        &self,
        f: impl FnOnce(&Connection) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match pooled {
            Some(c) => c,
            None => crate::catalog::open_ro(&self.catalog_path)?,
        };
        let out = f(&conn);
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(conn);
        out
    }
}

fn section_row(
    conn: &Connection,
    path: &std::path::Path,
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<ExportSection> {
    let id: String = r.get(0)?;
    let paragraphs: String = r.get(14)?;
    let fields: String = r.get(15)?;
    let paragraphs: Vec<String> = serde_json::from_str(&paragraphs).unwrap_or_default();
    let fields: Vec<(String, String)> = serde_json::from_str(&fields).unwrap_or_default();
    let title: Option<String> = r.get(9)?;
    let heading: Option<String> = r.get(10)?;
    let inferred: Option<String> = r.get(16)?;
    let _ = path;
    let provenance = provenance_of(conn, &id)?;
    Ok(ExportSection {
        display_title: display_title(title.as_deref(), heading.as_deref(), &paragraphs),
        section_id: id,
        book_id: r.get(1)?,
        book: r.get(2)?,
        book_kind: r.get(3)?,
        edition: r.get(4)?,
        country_id: r.get(5)?,
        country: r.get(6)?,
        iso: r.get(7)?,
        fips: r.get(8)?,
        section_title: title,
        heading,
        kind: r.get(11)?,
        data_as_of: r.get(12)?,
        ord: r.get(13)?,
        paragraphs,
        fields: fields
            .into_iter()
            .map(|(label, value)| FieldView { label, value })
            .collect(),
        provenance,
        country_inferred: inferred
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok()),
    })
}

/// A section's copies, as `Library::section` shows them (the label readers may see, never an
/// absolute path).
fn provenance_of(conn: &Connection, id: &str) -> rusqlite::Result<Vec<ProvenanceView>> {
    let mut st = conn.prepare_cached(
        "SELECT mirror, url, path, seen_at, label FROM provenance WHERE section_id = ?1
          ORDER BY seen_at, mirror, url, path",
    )?;
    st.query_map([id], |p| {
        let url: String = p.get(1)?;
        let path: String = p.get(2)?;
        let label: Option<String> = p.get(4)?;
        Ok(ProvenanceView {
            mirror: p.get(0)?,
            url: Some(url).filter(|s| !s.is_empty()),
            path: label
                .filter(|s| !s.is_empty())
                .or_else(|| Some(path).filter(|s| !s.is_empty()).map(|p| file_label(&p))),
            seen_at: p.get(3)?,
        })
    })?
    .collect()
}

/// A stored path's file name (and the wheel member after `!`), as `views` shows it.
fn file_label(path: &str) -> String {
    let (file, member) = match path.split_once('!') {
        Some((f, m)) => (f, Some(m)),
        None => (path, None),
    };
    let name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_owned());
    match member {
        Some(m) => format!("{name}!{m}"),
        None => name,
    }
}
