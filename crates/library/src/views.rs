//! Read queries over the catalog and the plain view types they return.
//!
//! Every view type is plain data with public fields; the CLI prints them as text or JSON
//! and the server renders them as HTML or JSON. Field names are part of the JSON interface.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::catalog::catalog_err;
use crate::text::display_title;
use crate::{Error, Library, Result};

/// A book as listed under a country.
#[derive(Debug, Clone, Serialize)]
pub struct BookRef {
    /// Book id (for `toc`).
    pub id: String,
    /// Book title.
    pub title: String,
    /// `country-study` or `factbook`.
    pub kind: String,
    /// The newest data-as-of among the book's sections for this country.
    pub data_as_of: Option<String>,
}

/// A country with its books.
#[derive(Debug, Clone, Serialize)]
pub struct CountryView {
    /// Country id (slug).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// ISO code, when known.
    pub iso: Option<String>,
    /// FIPS 10-4 code, when known.
    pub fips: Option<String>,
    /// Its books, Country Studies first, oldest first.
    pub books: Vec<BookRef>,
    /// The World Factbook editions that have it (first and last year), when editions are in
    /// the library.
    pub factbook_editions: Option<[u16; 2]>,
    /// States it succeeded that the library holds (the Soviet Union under Russia), filed here
    /// so a reader finds them under the state that exists now.
    pub former: Vec<crate::CountryLink>,
}

/// A book as listed by `books`.
#[derive(Debug, Clone, Serialize)]
pub struct BookSummary {
    /// Book id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `country-study` or `factbook`.
    pub kind: String,
    /// The newest data-as-of among its sections.
    pub data_as_of: Option<String>,
    /// Its chapter countries.
    pub countries: Vec<String>,
    /// Number of sections stored.
    pub sections: usize,
}

/// A node of a table of contents: a group (no `section_id`) or a section.
#[derive(Debug, Clone, Serialize)]
pub struct TocNode {
    /// What the reader sees.
    pub title: String,
    /// The section's id, for section entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_id: Option<String>,
    /// Data-as-of of a section entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_as_of: Option<String>,
    /// Nested entries, in book order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<TocNode>,
}

/// A book with its nested table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct BookDetail {
    /// Book id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `country-study` or `factbook`.
    pub kind: String,
    /// The newest data-as-of among its sections.
    pub data_as_of: Option<String>,
    /// Its chapter countries (id, name).
    pub countries: Vec<SectionLink>,
    /// The table of contents, nested, in book order.
    pub toc: Vec<TocNode>,
}

/// One copy of a section.
#[derive(Debug, Clone, Serialize)]
pub struct ProvenanceView {
    /// Mirror short name.
    pub mirror: String,
    /// URL of the copy, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The local file the copy was read from, as readers may see it: relative to the folder
    /// that was ingested, or the file name; never an absolute path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// When it was captured or read.
    pub seen_at: Option<String>,
}

/// An id with a title (a neighbour section, a country).
#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// One section with everything the reader shows.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Section id.
    pub section_id: String,
    /// Book id.
    pub book_id: String,
    /// Book title.
    pub book: String,
    /// Country id.
    pub country_id: String,
    /// Country name.
    pub country: String,
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
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Country Profile fields as `{label, value}`.
    pub fields: Vec<FieldView>,
    /// Every copy seen.
    pub provenance: Vec<ProvenanceView>,
    /// When the page named no country: the country was inferred from the text (the state it
    /// names most: `{"name", "id", "score", "share", "evidence": [[words, count]]}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_inferred: Option<serde_json::Value>,
    /// The previous section in book order.
    pub prev: Option<SectionLink>,
    /// The next section in book order.
    pub next: Option<SectionLink>,
}

/// A profile field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// Label, e.g. `Formal Name`.
    pub label: String,
    /// Value.
    pub value: String,
}

pub(crate) struct Row {
    pub id: String,
    pub book_id: String,
    pub book_title: String,
    pub country_id: String,
    pub country_name: String,
    pub ord: i64,
    pub kind: String,
    pub heading: Option<String>,
    pub title: Option<String>,
    pub data_as_of: Option<String>,
    pub paragraphs: Vec<String>,
    pub fields: Vec<(String, String)>,
    pub country_inferred: Option<String>,
}

const ROW_SQL: &str =
    "SELECT s.id, s.book_id, b.title, s.country_id, c.name, s.ord, s.kind, s.heading, s.title,
        s.data_as_of, s.paragraphs, s.fields, s.country_inferred
   FROM sections s JOIN books b ON b.id = s.book_id JOIN countries c ON c.id = s.country_id";

fn read_row(path: &Path, r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let paragraphs: String = r.get(10)?;
    let fields: String = r.get(11)?;
    let _ = path;
    Ok(Row {
        id: r.get(0)?,
        book_id: r.get(1)?,
        book_title: r.get(2)?,
        country_id: r.get(3)?,
        country_name: r.get(4)?,
        ord: r.get(5)?,
        kind: r.get(6)?,
        heading: r.get(7)?,
        title: r.get(8)?,
        data_as_of: r.get(9)?,
        paragraphs: serde_json::from_str(&paragraphs).unwrap_or_default(),
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        country_inferred: r.get(12)?,
    })
}

pub(crate) fn row(conn: &Connection, path: &Path, id: &str) -> Result<Option<Row>> {
    conn.prepare_cached(&format!("{ROW_SQL} WHERE s.id = ?1"))
        .and_then(|mut st| st.query_row([id], |r| read_row(path, r)).optional())
        .map_err(catalog_err(path))
}

impl Library {
    /// Resolve a country given by id, name, alias or code to its id, case-insensitively:
    /// `japan`, `Japan`, `JP` (ISO 3166-1 alpha-2), `JPN` (alpha-3), `JA` (FIPS 10-4, the
    /// Factbook's), `ussr`, `Soviet`. A two-letter code is read as ISO first, then FIPS.
    pub fn resolve_country(&self, name: &str) -> Result<Option<String>> {
        let name = name.trim();
        if name.is_empty() {
            return Ok(None);
        }
        let mut candidates = vec![name.to_owned(), crate::slug(name)];
        if let Some(c) = pages::countries::lookup(name) {
            candidates.push(crate::slug(c.name));
        }
        let code = name.to_ascii_uppercase();
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let find = |sql: &str, value: &str| -> Result<Option<String>> {
                conn.prepare_cached(sql)
                    .and_then(|mut st| st.query_row([value], |r| r.get(0)).optional())
                    .map_err(&e)
            };
            for c in &candidates {
                let found = find(
                    "SELECT id FROM countries WHERE id = ?1 OR name = ?1 COLLATE NOCASE",
                    c,
                )?;
                if found.is_some() {
                    return Ok(found);
                }
            }
            if (2..=4).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic()) {
                for sql in [
                    "SELECT id FROM countries WHERE iso = ?1",
                    "SELECT id FROM countries WHERE fips = ?1",
                ] {
                    if let Some(id) = find(sql, &code)? {
                        return Ok(Some(id));
                    }
                }
                if let Some(c) =
                    pages::countries::by_iso(&code).or_else(|| pages::countries::by_fips(&code))
                {
                    if let Some(id) = find(
                        "SELECT id FROM countries WHERE id = ?1",
                        &crate::slug(c.name),
                    )? {
                        return Ok(Some(id));
                    }
                }
            }
            Ok(None)
        })
    }

    /// The country ids and names closest to what the user typed, best first (at most 3).
    pub fn suggest_countries(&self, typed: &str) -> Result<Vec<String>> {
        let names: Vec<String> = self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare_cached("SELECT name FROM countries")
                .map_err(&e)?;
            let rows = st.query_map([], |r| r.get(0)).map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)
        })?;
        Ok(crate::text::closest(
            typed,
            names.iter().map(String::as_str),
            3,
        ))
    }

    /// The book ids closest to what the user typed, best first (at most 3).
    pub fn suggest_books(&self, typed: &str) -> Result<Vec<String>> {
        let ids: Vec<String> = self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn.prepare_cached("SELECT id FROM books").map_err(&e)?;
            let rows = st.query_map([], |r| r.get(0)).map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)
        })?;
        Ok(crate::text::closest(
            typed,
            ids.iter().map(String::as_str),
            3,
        ))
    }

    /// A "no such country" error with suggestions.
    pub(crate) fn no_country(&self, typed: &str) -> Error {
        Error::NotFound {
            what: "country",
            id: typed.to_owned(),
            suggestions: self.suggest_countries(typed).unwrap_or_default(),
        }
    }

    /// A "no such book" error with suggestions.
    pub(crate) fn no_book(&self, typed: &str) -> Error {
        Error::NotFound {
            what: "book",
            id: typed.to_owned(),
            suggestions: self.suggest_books(typed).unwrap_or_default(),
        }
    }

    /// Every country with its books.
    pub fn countries(&self) -> Result<Vec<CountryView>> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut stmt = conn
                .prepare(
                    "SELECT c.id, c.name, c.iso, c.fips, b.id, b.title, b.kind,
                            (SELECT MAX(s.data_as_of) FROM sections s WHERE s.book_id = b.id AND s.country_id = c.id)
                       FROM countries c JOIN chapters ch ON ch.country_id = c.id JOIN books b ON b.id = ch.book_id
                      ORDER BY c.name, b.kind, b.title",
                )
                .map_err(&e)?;
            let mut rows = stmt.query([]).map_err(&e)?;
            let mut out: Vec<CountryView> = Vec::new();
            while let Some(r) = rows.next().map_err(&e)? {
                let id: String = r.get(0).map_err(&e)?;
                let book = BookRef {
                    id: r.get(4).map_err(&e)?,
                    title: r.get(5).map_err(&e)?,
                    kind: r.get(6).map_err(&e)?,
                    data_as_of: r.get(7).map_err(&e)?,
                };
                match out.last_mut() {
                    Some(last) if last.id == id => last.books.push(book),
                    _ => out.push(CountryView {
                        id,
                        name: r.get(1).map_err(&e)?,
                        iso: r.get(2).map_err(&e)?,
                        fips: r.get(3).map_err(&e)?,
                        books: vec![book],
                        factbook_editions: None,
                        former: Vec::new(),
                    }),
                }
            }
            // Entities of the Factbook editions: their span, and a place in the listing for
            // those no book covers (a former state the editions alone hold).
            for span in crate::editions::versions::entity_spans(conn, &self.catalog_path)? {
                match out.iter_mut().find(|c| c.id == span.country.id) {
                    Some(c) => {
                        let [first, last] = c.factbook_editions.unwrap_or([span.first, span.last]);
                        c.factbook_editions = Some([first.min(span.first), last.max(span.last)]);
                    }
                    None => out.push(CountryView {
                        id: span.country.id,
                        name: span.country.name,
                        iso: span.country.iso,
                        fips: span.country.fips,
                        books: Vec::new(),
                        factbook_editions: Some([span.first, span.last]),
                        former: Vec::new(),
                    }),
                }
            }
            for (from, to, year) in crate::country::successions() {
                let from = crate::assemble::country_record(from, None, None);
                let to = crate::assemble::country_record(to, None, None);
                let Some(name) = out.iter().find(|c| c.id == from.id).map(|c| c.name.clone())
                else {
                    continue;
                };
                if let Some(c) = out.iter_mut().find(|c| c.id == to.id) {
                    c.former.push(crate::CountryLink {
                        id: from.id,
                        name,
                        year,
                    });
                }
            }
            out.sort_by_key(|c| crate::slug(&c.name));
            Ok(out)
        })
    }

    /// Books, optionally only those with a chapter on `country` (id, name or alias).
    pub fn books(&self, country: Option<&str>) -> Result<Vec<BookSummary>> {
        let country_id = match country {
            Some(c) => Some(self.resolve_country(c)?.ok_or_else(|| self.no_country(c))?),
            None => None,
        };
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut stmt = conn
                .prepare(
                    "SELECT b.id, b.title, b.kind,
                            (SELECT MAX(data_as_of) FROM sections s WHERE s.book_id = b.id),
                            (SELECT COUNT(*) FROM sections s WHERE s.book_id = b.id),
                            (SELECT group_concat(c.name, '\u{1f}') FROM chapters ch JOIN countries c ON c.id = ch.country_id
                              WHERE ch.book_id = b.id)
                       FROM books b
                      WHERE ?1 IS NULL OR b.id IN (SELECT book_id FROM chapters WHERE country_id = ?1)
                      ORDER BY b.kind, b.title, b.id",
                )
                .map_err(&e)?;
            let rows = stmt
                .query_map(params![country_id], |r| {
                    let names: Option<String> = r.get(5)?;
                    let mut countries: Vec<String> =
                        names.unwrap_or_default().split('\u{1f}').filter(|s| !s.is_empty()).map(str::to_owned).collect();
                    countries.sort();
                    Ok(BookSummary {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        kind: r.get(2)?,
                        data_as_of: r.get(3)?,
                        sections: r.get::<_, i64>(4)? as usize,
                        countries,
                    })
                })
                .map_err(&e)?;
            rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
        })
    }

    /// One book with its nested table of contents.
    pub fn book(&self, id: &str) -> Result<BookDetail> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let head: Option<(String, String)> = conn
                .query_row("SELECT title, kind FROM books WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
                .map_err(&e)?;
            let Some((title, kind)) = head else {
                return Err(self.no_book(id));
            };
            let mut stmt = conn
                .prepare(&format!(
                    "{ROW_SQL} WHERE s.book_id = ?1 ORDER BY s.ord, s.id"
                ))
                .map_err(&e)?;
            let rows: Vec<Row> = stmt
                .query_map([id], |r| read_row(&self.catalog_path, r))
                .map_err(&e)?
                .collect::<std::result::Result<_, _>>()
                .map_err(&e)?;
            let mut countries: Vec<SectionLink> = Vec::new();
            for r in &rows {
                if !countries.iter().any(|c| c.id == r.country_id) {
                    countries.push(SectionLink {
                        id: r.country_id.clone(),
                        title: r.country_name.clone(),
                    });
                }
            }
            let data_as_of = rows.iter().filter_map(|r| r.data_as_of.clone()).max();
            let toc = build_toc(&rows, countries.len() > 1);
            Ok(BookDetail {
                id: id.to_owned(),
                title,
                kind,
                data_as_of,
                countries,
                toc,
            })
        })
    }

    /// Every section id, in book order (books by id).
    pub fn section_ids(&self) -> Result<Vec<String>> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut stmt = conn
                .prepare("SELECT id FROM sections ORDER BY book_id, ord, id")
                .map_err(&e)?;
            let rows = stmt.query_map([], |r| r.get(0)).map_err(&e)?;
            rows.collect::<std::result::Result<Vec<String>, _>>()
                .map_err(&e)
        })
    }

    /// One section with its provenance and neighbours in book order.
    pub fn section(&self, id: &str) -> Result<SectionView> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let Some(r) = row(conn, &self.catalog_path, id)? else {
                return Err(Error::NotFound {
                    what: "section",
                    id: id.to_owned(),
                    suggestions: Vec::new(),
                });
            };
            let mut stmt = conn
                .prepare_cached(
                    "SELECT mirror, url, path, seen_at, label FROM provenance WHERE section_id = ?1
                      ORDER BY seen_at, mirror, url, path",
                )
                .map_err(&e)?;
            let provenance = stmt
                .query_map([id], |p| {
                    let url: String = p.get(1)?;
                    let path: String = p.get(2)?;
                    let label: Option<String> = p.get(4)?;
                    Ok(ProvenanceView {
                        mirror: p.get(0)?,
                        url: Some(url).filter(|s| !s.is_empty()),
                        path: label.filter(|s| !s.is_empty()).or_else(|| {
                            Some(path).filter(|s| !s.is_empty()).map(|p| file_label(&p))
                        }),
                        seen_at: p.get(3)?,
                    })
                })
                .map_err(&e)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(&e)?;
            // Neighbours need only what their title is made of, not their whole text.
            let neighbour = |sql: &str| -> Result<Option<SectionLink>> {
                let found: Option<(String, Option<String>, Option<String>, Option<String>)> = conn
                    .prepare_cached(&format!(
                        "SELECT s.id, s.title, s.heading, json_extract(s.paragraphs, '$[0]')
                           FROM sections s WHERE s.book_id = ?1 AND {sql}"
                    ))
                    .and_then(|mut st| {
                        st.query_row(params![r.book_id, r.ord, r.id], |x| {
                            Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?))
                        })
                        .optional()
                    })
                    .map_err(&e)?;
                Ok(found.map(|(id, title, heading, first)| SectionLink {
                    title: display_title(
                        title.as_deref(),
                        heading.as_deref(),
                        &Vec::from_iter(first),
                    ),
                    id,
                }))
            };
            let prev = neighbour(
                "(s.ord < ?2 OR (s.ord = ?2 AND s.id < ?3)) ORDER BY s.ord DESC, s.id DESC LIMIT 1",
            )?;
            let next = neighbour(
                "(s.ord > ?2 OR (s.ord = ?2 AND s.id > ?3)) ORDER BY s.ord, s.id LIMIT 1",
            )?;
            Ok(SectionView {
                display_title: display_title(
                    r.title.as_deref(),
                    r.heading.as_deref(),
                    &r.paragraphs,
                ),
                section_id: r.id,
                book_id: r.book_id,
                book: r.book_title,
                country_id: r.country_id,
                country: r.country_name,
                section_title: r.title,
                heading: r.heading,
                kind: r.kind,
                data_as_of: r.data_as_of,
                paragraphs: r.paragraphs,
                fields: r
                    .fields
                    .into_iter()
                    .map(|(label, value)| FieldView { label, value })
                    .collect(),
                provenance,
                country_inferred: r
                    .country_inferred
                    .as_deref()
                    .and_then(|j| serde_json::from_str(j).ok()),
                prev,
                next,
            })
        })
    }
}

/// A stored path as readers may see it: its file name (and the wheel member after `!`).
fn file_label(path: &str) -> String {
    let (file, member) = match path.split_once('!') {
        Some((f, m)) => (f, Some(m)),
        None => (path, None),
    };
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_owned());
    match member {
        Some(m) => format!("{name}!{m}"),
        None => name,
    }
}

fn group_title(kind: &str) -> Option<&'static str> {
    match kind {
        "front-matter" => Some("Front Matter"),
        "introduction" => Some("Introduction"),
        "profile" => Some("Country Profile"),
        "back-matter" => Some("Back Matter"),
        _ => None,
    }
}

/// Nest sections (already in book order): per chapter country when the book has several,
/// then by part (front matter, profile, …) or heading (chapter, Factbook category).
fn build_toc(rows: &[Row], per_country: bool) -> Vec<TocNode> {
    let leaf = |r: &Row| TocNode {
        title: display_title(r.title.as_deref(), None, &r.paragraphs),
        section_id: Some(r.id.clone()),
        data_as_of: r.data_as_of.clone(),
        children: Vec::new(),
    };
    let group_of = |r: &Row| -> Option<String> {
        group_title(&r.kind).map(str::to_owned).or_else(|| {
            r.heading
                .clone()
                .filter(|h| r.title.is_some() && !h.is_empty())
        })
    };
    let mut top: Vec<TocNode> = Vec::new();
    let mut country_order: Vec<&str> = Vec::new();
    for r in rows {
        if !country_order.contains(&r.country_id.as_str()) {
            country_order.push(&r.country_id);
        }
    }
    for country in country_order {
        let mut nodes: Vec<TocNode> = Vec::new();
        let mut current_group: Option<String> = None;
        for r in rows.iter().filter(|r| r.country_id == country) {
            let _ = r.ord;
            match group_of(r) {
                Some(g) => {
                    if current_group.as_deref() != Some(&g)
                        || nodes.last().map(|n| n.section_id.is_some()).unwrap_or(true)
                    {
                        nodes.push(TocNode {
                            title: g.clone(),
                            section_id: None,
                            data_as_of: None,
                            children: Vec::new(),
                        });
                        current_group = Some(g);
                    }
                    if let Some(last) = nodes.last_mut() {
                        last.children.push(leaf(r));
                    }
                }
                None => {
                    current_group = None;
                    nodes.push(leaf(r));
                }
            }
        }
        if per_country {
            let name = rows
                .iter()
                .find(|r| r.country_id == country)
                .map(|r| r.country_name.clone())
                .unwrap_or_default();
            top.push(TocNode {
                title: name,
                section_id: None,
                data_as_of: None,
                children: nodes,
            });
        } else {
            top.extend(nodes);
        }
    }
    top
}

/// `1989-05` → `May 1989`; `1989` → `1989` (as the original footers print it).
pub fn format_as_of(as_of: &str) -> String {
    pages::AsOf::parse(as_of)
        .map(|a| a.long())
        .unwrap_or_else(|| as_of.to_owned())
}
