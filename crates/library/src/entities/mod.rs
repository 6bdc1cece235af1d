//! Entities: the states, places and people the library's sections name.
//!
//! At ingest (`store.rs`) every section is linked by the `gazetteer` crate, sentence by
//! sentence, and each mention is a catalog row (`mentions`: section, paragraph, code-point
//! range, entity id, confidence). The read side answers "what does this section name"
//! ([`Library::section_entities`]), "what is this and who speaks of it" ([`Library::entity`])
//! and "where are the places" ([`Library::places`], for maps and GeoJSON).

pub(crate) mod store;

pub use store::{Linked, link_paragraphs, link_with_dates};

use std::collections::HashMap;

use rusqlite::OptionalExtension;
use serde::Serialize;

pub use gazetteer::{Entity, Kind};

use crate::catalog::catalog_err;
use crate::text::display_title;
use crate::{Error, Library, Result};

/// An entity by id and name (a predecessor, a successor, another meaning of a name).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Its dates, as a reader says them ("1922–1991"), empty when none.
    pub span: String,
}

impl EntityRef {
    fn of(e: &Entity) -> EntityRef {
        EntityRef {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            span: e.span(),
        }
    }
}

/// A section that names an entity.
#[derive(Debug, Clone, Serialize)]
pub struct EntitySection {
    /// Section id.
    pub section_id: String,
    /// Its title as shown.
    pub title: String,
    /// Book id.
    pub book_id: String,
    /// Book title.
    pub book: String,
    /// The section's country.
    pub country: String,
    /// Data-as-of.
    pub data_as_of: Option<String>,
    /// How many times it names the entity.
    pub mentions: u32,
    /// The first paragraph (0-based) that names it.
    pub first_paragraph: u32,
}

/// How many mentions a book has.
#[derive(Debug, Clone, Serialize)]
pub struct BookCount {
    /// Book id.
    pub book_id: String,
    /// Book title.
    pub book: String,
    /// Sections of the book that name the entity.
    pub sections: u32,
    /// Mentions in the book.
    pub mentions: u32,
}

/// One entity with what the library says of it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// The gazetteer's record.
    pub entity: Entity,
    /// Its dates as a reader says them ("1922–1991").
    pub span: String,
    /// The state it succeeded.
    pub predecessor: Option<EntityRef>,
    /// The state that succeeded it.
    pub successor: Option<EntityRef>,
    /// Other entities the same name may mean.
    pub also: Vec<EntityRef>,
    /// Mentions in the library.
    pub mentions: u32,
    /// Per book, most first.
    pub books: Vec<BookCount>,
    /// The sections that name it, most mentions first (at most 500).
    pub sections: Vec<EntitySection>,
}

/// One mention in a section.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView {
    /// Paragraph (0-based).
    pub paragraph: u32,
    /// Code-point range `[start, end)` in the paragraph.
    pub start: u32,
    /// End of the range.
    pub end: u32,
    /// Entity id.
    pub id: String,
    /// Entity name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Latitude, for places.
    pub lat: Option<f64>,
    /// Longitude, for places.
    pub lon: Option<f64>,
    /// Confidence 0..=1.
    pub confidence: f64,
}

/// A located place with the sections that name it (GeoJSON export, maps).
#[derive(Debug, Clone, Serialize)]
pub struct PlaceView {
    /// The gazetteer's record.
    pub entity: Entity,
    /// Mentions.
    pub mentions: u32,
    /// The sections that name it (ids).
    pub sections: Vec<String>,
}

impl Library {
    /// Resolve an entity by id or by name, alias or demonym; `NotFound` with the closest
    /// names otherwise.
    pub fn resolve_entity(&self, name: &str) -> Result<&'static Entity> {
        let g = gazetteer::Gazetteer::embedded();
        if let Some(e) = g.get(name.trim()) {
            return Ok(e);
        }
        if let Some(e) = g.lookup(name).into_iter().next() {
            return Ok(e);
        }
        let names = g
            .entities()
            .iter()
            .filter(|e| !e.kind.eq(&Kind::City) || e.population.unwrap_or(0) > 500_000)
            .map(|e| e.name.as_str());
        Err(Error::NotFound {
            what: "entity",
            id: name.to_owned(),
            suggestions: crate::text::closest(name, names, 3),
        })
    }

    /// One entity: its record, dates, predecessor and successor, and the sections naming it.
    pub fn entity(&self, name_or_id: &str) -> Result<EntityView> {
        let g = gazetteer::Gazetteer::embedded();
        let e = self.resolve_entity(name_or_id)?;
        let also: Vec<EntityRef> = g
            .lookup(&e.name)
            .into_iter()
            .filter(|o| o.id != e.id)
            .take(10)
            .map(EntityRef::of)
            .collect();
        let (sections, books, mentions) = self.read(|conn| {
            let err = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare_cached(
                    "SELECT m.section_id, COUNT(*), MIN(m.paragraph), s.title, s.heading, json_extract(s.paragraphs, '$[0]'),
                            s.book_id, b.title, c.name, s.data_as_of
                       FROM mentions m JOIN sections s ON s.id = m.section_id JOIN books b ON b.id = s.book_id
                       JOIN countries c ON c.id = s.country_id
                      WHERE m.entity_id = ?1 GROUP BY m.section_id ORDER BY COUNT(*) DESC, s.book_id, s.ord",
                )
                .map_err(&err)?;
            let rows = st
                .query_map([&e.id], |r| {
                    let title: Option<String> = r.get(3)?;
                    let heading: Option<String> = r.get(4)?;
                    let first: Option<String> = r.get(5)?;
                    Ok(EntitySection {
                        section_id: r.get(0)?,
                        mentions: r.get(1)?,
                        first_paragraph: r.get(2)?,
                        title: display_title(title.as_deref(), heading.as_deref(), &Vec::from_iter(first)),
                        book_id: r.get(6)?,
                        book: r.get(7)?,
                        country: r.get(8)?,
                        data_as_of: r.get(9)?,
                    })
                })
                .map_err(&err)?;
            let all: Vec<EntitySection> = rows.collect::<std::result::Result<_, _>>().map_err(&err)?;
            let mut books: HashMap<String, BookCount> = HashMap::new();
            let mut total = 0;
            for s in &all {
                total += s.mentions;
                let b = books.entry(s.book_id.clone()).or_insert_with(|| BookCount {
                    book_id: s.book_id.clone(),
                    book: s.book.clone(),
                    sections: 0,
                    mentions: 0,
                });
                b.sections += 1;
                b.mentions += s.mentions;
            }
            let mut books: Vec<BookCount> = books.into_values().collect();
            books.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.book_id.cmp(&b.book_id)));
            Ok((all.into_iter().take(500).collect::<Vec<_>>(), books, total))
        })?;
        // A state may have several successors ("Q213|Q214"): the first is named here.
        let related = |id: &Option<String>| {
            id.as_deref()
                .and_then(|i| i.split('|').find_map(|i| g.get(i.trim())))
                .map(EntityRef::of)
        };
        Ok(EntityView {
            span: e.span(),
            predecessor: related(&e.predecessor),
            successor: related(&e.successor),
            entity: e.clone(),
            also,
            mentions,
            books,
            sections,
        })
    }

    /// The mentions of one section, in text order.
    pub fn section_entities(&self, section_id: &str) -> Result<Vec<MentionView>> {
        let g = gazetteer::Gazetteer::embedded();
        self.read(|conn| {
            let err = catalog_err(&self.catalog_path);
            let exists: Option<i64> = conn
                .prepare_cached("SELECT 1 FROM sections WHERE id = ?1")
                .and_then(|mut st| st.query_row([section_id], |r| r.get(0)).optional())
                .map_err(&err)?;
            if exists.is_none() {
                return Err(Error::NotFound { what: "section", id: section_id.to_owned(), suggestions: Vec::new() });
            }
            let mut st = conn
                .prepare_cached(
                    "SELECT paragraph, start, end, entity_id, confidence FROM mentions WHERE section_id = ?1
                      ORDER BY paragraph, start",
                )
                .map_err(&err)?;
            let rows = st
                .query_map([section_id], |r| {
                    Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?, r.get::<_, String>(3)?, r.get::<_, f64>(4)?))
                })
                .map_err(&err)?;
            let mut out = Vec::new();
            for row in rows {
                let (paragraph, start, end, id, confidence) = row.map_err(&err)?;
                let Some(e) = g.get(&id) else { continue };
                out.push(MentionView { paragraph, start, end, name: e.name.clone(), kind: e.kind, lat: e.lat, lon: e.lon, id, confidence });
            }
            Ok(out)
        })
    }

    /// Every located entity the library names (optionally only in sections of one country),
    /// with its sections, most mentioned first.
    pub fn places(&self, country: Option<&str>) -> Result<Vec<PlaceView>> {
        let g = gazetteer::Gazetteer::embedded();
        let country = match country {
            Some(c) => Some(self.resolve_country(c)?.ok_or_else(|| self.no_country(c))?),
            None => None,
        };
        self.read(|conn| {
            let err = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare_cached(
                    "SELECT m.entity_id, m.section_id, COUNT(*) FROM mentions m JOIN sections s ON s.id = m.section_id
                      WHERE ?1 IS NULL OR s.country_id = ?1 GROUP BY m.entity_id, m.section_id",
                )
                .map_err(&err)?;
            let rows = st
                .query_map([&country], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?)))
                .map_err(&err)?;
            let mut by: HashMap<String, (u32, Vec<String>)> = HashMap::new();
            for row in rows {
                let (id, section, n) = row.map_err(&err)?;
                let v = by.entry(id).or_default();
                v.0 += n;
                v.1.push(section);
            }
            let mut out: Vec<PlaceView> = by
                .into_iter()
                .filter_map(|(id, (mentions, mut sections))| {
                    let e = g.get(&id)?;
                    (e.kind.is_place() && e.lat.is_some() && e.lon.is_some()).then(|| {
                        sections.sort();
                        PlaceView { entity: e.clone(), mentions, sections }
                    })
                })
                .collect();
            out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.id.cmp(&b.entity.id)));
            Ok(out)
        })
    }
}
