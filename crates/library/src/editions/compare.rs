//! Then and now: a Country Study beside the Factbook edition nearest its data-as-of, and the
//! latest entry (a former state's successor's, when it ceased: the Soviet Union study of 1989
//! beside the 1990 Soviet Union entry and the 2025 entry for Russia).

use rusqlite::params;
use serde::Serialize;

use super::{EditionEntity, LAST_EDITION};
use crate::catalog::catalog_err;
use crate::{Error, Library, Result};

/// The subjects both works cover, with the words that mark them on each side: a study's
/// chapter headings and the Factbook's categories.
const SUBJECTS: &[(&str, &[&str], &[&str])] = &[
    (
        "History",
        &["historical setting", "history"],
        &["introduction"],
    ),
    (
        "Geography",
        &["geography", "environment"],
        &["geography", "environment"],
    ),
    (
        "Society",
        &["society", "people", "population"],
        &["people", "people and society"],
    ),
    ("Economy", &["economy", "economic"], &["economy", "energy"]),
    (
        "Government",
        &["government", "politics", "political"],
        &["government", "administration"],
    ),
    (
        "Security",
        &["national security", "armed forces", "military", "defense"],
        &["military", "military and security", "defense forces"],
    ),
    (
        "Foreign relations",
        &["foreign", "relations"],
        &["transnational issues"],
    ),
];

/// One item on one side: a study section or a Factbook field.
#[derive(Debug, Clone, Serialize)]
pub struct CompareItem {
    /// The section's id (study side) or the field's name (Factbook side).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its opening words.
    pub lead: String,
}

/// One subject on the three sides.
#[derive(Debug, Clone, Serialize)]
pub struct CompareSubject {
    /// `History`, `Geography`, `Society`, `Economy`, `Government`, `Security`, `Foreign
    /// relations`, or `Other` (study sections no subject names).
    pub subject: &'static str,
    /// The study's sections on it.
    pub study: Vec<CompareItem>,
    /// The Factbook edition nearest the study's data-as-of.
    pub then: Vec<CompareItem>,
    /// The latest Factbook entry.
    pub latest: Vec<CompareItem>,
}

/// A side's label: what it is and the date of its data.
#[derive(Debug, Clone, Serialize)]
pub struct CompareSide {
    /// `Soviet Union: A Country Study`, `The World Factbook 1990 — Soviet Union`.
    pub title: String,
    /// Data as of (`1989-05`) or the edition's year.
    pub data_as_of: Option<String>,
    /// The Factbook entity (its latest name) on a Factbook side: its fields' histories are
    /// under this name.
    pub entity: Option<String>,
}

/// Then and now for one country.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The country as asked.
    pub country: String,
    /// The Country Study, when the library has one.
    pub study: Option<CompareSide>,
    /// The Factbook edition nearest its data-as-of.
    pub then: Option<CompareSide>,
    /// The latest Factbook entry (the successor's when the state ceased).
    pub latest: Option<CompareSide>,
    /// The subjects, each side's items.
    pub subjects: Vec<CompareSubject>,
}

fn subject_of(label: &str, study: bool) -> Option<&'static str> {
    let l = label.to_lowercase();
    SUBJECTS.iter().find_map(|(name, heads, cats)| {
        let hit = if study {
            heads.iter().any(|h| l.contains(h))
        } else {
            cats.iter().any(|c| l == *c)
        };
        hit.then_some(*name)
    })
}

impl Library {
    /// The country's Country Study beside the Factbook edition nearest its data-as-of (or
    /// `as_of`) and the latest entry, subject by subject.
    pub fn compare(&self, country: &str, as_of: Option<i32>) -> Result<Comparison> {
        let id = self.resolve_country(country)?;
        // The study's sections, with their chapter heading.
        type StudyRow = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            String,
        );
        let rows: Vec<StudyRow> = match &id {
            Some(id) => self.read(|conn| {
                let e = catalog_err(&self.catalog_path);
                let mut st = conn
                    .prepare(
                        "SELECT s.id, s.heading, s.title, s.data_as_of, s.paragraphs, b.title
                         FROM sections s JOIN books b ON b.id = s.book_id
                         WHERE s.country_id = ?1 AND b.kind = 'country-study' ORDER BY s.ord",
                    )
                    .map_err(&e)?;
                let rows = st
                    .query_map(params![id], |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                        ))
                    })
                    .map_err(&e)?;
                rows.collect::<std::result::Result<_, _>>().map_err(&e)
            })?,
            None => Vec::new(),
        };
        let entity = match self.edition_entity(country) {
            Ok(e) => Some(e),
            // Neither side: say why (no editions at all, or the closest names).
            Err(Error::NotFound { suggestions, .. }) if rows.is_empty() => {
                return Err(Error::NotFound {
                    what: "Country Study or Factbook edition for",
                    id: country.to_string(),
                    suggestions,
                });
            }
            Err(e) if rows.is_empty() => return Err(e),
            Err(_) => None,
        };
        let study_as_of = rows.iter().filter_map(|r| r.3.clone()).max();
        let year = as_of.or_else(|| {
            study_as_of
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok())
        });
        let then = entity.as_ref().map(|e| {
            let y = year.unwrap_or(e.first_edition as i32);
            (
                e.clone(),
                y.clamp(e.first_edition as i32, e.last_edition as i32) as u16,
            )
        });
        let latest = match &entity {
            Some(e) if e.last_edition < LAST_EDITION => self
                .successor(e)
                .map(|s| {
                    let l = s.last_edition;
                    (s, l)
                })
                .or_else(|| Some((e.clone(), e.last_edition))),
            Some(e) => Some((e.clone(), e.last_edition)),
            None => None,
        };
        let mut subjects: Vec<CompareSubject> = SUBJECTS
            .iter()
            .map(|(name, _, _)| CompareSubject {
                subject: name,
                study: Vec::new(),
                then: Vec::new(),
                latest: Vec::new(),
            })
            .collect();
        let find = |s: &mut Vec<CompareSubject>, name: &str| -> usize {
            s.iter().position(|x| x.subject == name).unwrap_or(0)
        };
        for (sid, heading, title, _, paragraphs, _) in &rows {
            let label = heading
                .clone()
                .or_else(|| title.clone())
                .unwrap_or_default();
            // A section whose heading names no subject is filed by its title, else "Other".
            let subject = subject_of(&label, true)
                .or_else(|| title.as_deref().and_then(|t| subject_of(t, true)))
                .unwrap_or("Other");
            if !subjects.iter().any(|s| s.subject == subject) {
                subjects.push(CompareSubject {
                    subject,
                    study: Vec::new(),
                    then: Vec::new(),
                    latest: Vec::new(),
                });
            }
            let paras: Vec<String> = serde_json::from_str(paragraphs).unwrap_or_default();
            let i = find(&mut subjects, subject);
            subjects[i].study.push(CompareItem {
                id: sid.clone(),
                title: title.clone().or(heading.clone()).unwrap_or_default(),
                lead: crate::text::lead(paras.first().map_or("", String::as_str), 240),
            });
        }
        for (side, pick) in [(0, &then), (1, &latest)] {
            let Some((e, edition)) = pick else { continue };
            for (category, field, text) in self.edition_fields(e, *edition)? {
                let Some(subject) = subject_of(&category, false) else {
                    continue;
                };
                let i = find(&mut subjects, subject);
                let item = CompareItem {
                    id: field.clone(),
                    title: field,
                    lead: crate::text::lead(&text, 240),
                };
                if side == 0 {
                    subjects[i].then.push(item);
                } else {
                    subjects[i].latest.push(item);
                }
            }
        }
        subjects.retain(|s| !(s.study.is_empty() && s.then.is_empty() && s.latest.is_empty()));
        Ok(Comparison {
            country: country.to_string(),
            study: rows.first().map(|r| CompareSide {
                title: r.5.clone(),
                data_as_of: study_as_of.clone(),
                entity: None,
            }),
            then: then.map(|(e, y)| CompareSide {
                title: format!("The World Factbook {y} — {}", e.name),
                data_as_of: Some(y.to_string()),
                entity: Some(e.name.clone()),
            }),
            latest: latest.map(|(e, y)| CompareSide {
                title: format!("The World Factbook {y} — {}", e.name),
                data_as_of: Some(y.to_string()),
                entity: Some(e.name.clone()),
            }),
            subjects,
        })
    }

    /// A former state's successor in the editions (the gazetteer's successor, by name).
    fn successor(&self, e: &EditionEntity) -> Option<EditionEntity> {
        let g = gazetteer::Gazetteer::embedded();
        let state = g.lookup(&e.name).into_iter().find(|s| s.kind.is_state())?;
        let next = state
            .successor
            .as_deref()?
            .split('|')
            .next()?
            .trim()
            .to_string();
        let name = g.get(&next)?.name.clone();
        self.edition_entity(&name).ok().filter(|s| s.id != e.id)
    }

    /// An entity's fields in one edition: (category, field, text), in category order.
    fn edition_fields(
        &self,
        e: &EditionEntity,
        edition: u16,
    ) -> Result<Vec<(String, String, String)>> {
        self.read(|conn| {
            let err = catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(
                    "SELECT c.label, fl.label, t.text FROM fb_fields f
                     JOIN fb_labels c ON c.id = f.category JOIN fb_labels fl ON fl.id = f.field
                     JOIN fb_texts t ON t.id = f.text_id
                     WHERE f.entity = ?1 AND f.edition = ?2 ORDER BY f.rowid",
                )
                .map_err(&err)?;
            let rows = st
                .query_map(params![e.id, edition], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .map_err(&err)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&err)
        })
    }
}
