//! Storing a rebuilt book: its sections through the ordinary ingest (merged with web copies of
//! the same sections), its metadata and printed pages in the `printed_*` tables.

use pages::fulltext::{PartKind, PrintedBook};
use pages::{Mirror, Page, PageKind, SectionKind};
use rusqlite::params;

use super::{FULLTEXT_MIRROR, PrintedReport, PrintedSource, matching};
use crate::assemble::{Item, Provenance, normalize_body, slug};
use crate::catalog::catalog_err;
use crate::{Error, Library, Result};

fn kind_str(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Foreword => "foreword",
        PartKind::Acknowledgments => "acknowledgments",
        PartKind::Preface => "preface",
        PartKind::CountryProfile => "country-profile",
        PartKind::Introduction => "introduction",
        PartKind::Chapter => "chapter",
        PartKind::Section => "section",
        PartKind::Bibliography => "bibliography",
        PartKind::Glossary => "glossary",
        PartKind::Index => "index",
        PartKind::Other => "other",
    }
}

/// The section id assembly gives a page's body in a book (mirrors `assemble::page_record`:
/// SHA-256 of the book id and the normalized body, each followed by a zero byte, 8 bytes hex).
fn section_id(book_id: &str, paragraphs: &[String], fields: &[(String, String)]) -> String {
    use sha2::{Digest, Sha256};
    let mut body = paragraphs.to_vec();
    body.extend(fields.iter().map(|(l, v)| format!("{l}: {v}")));
    let norm = normalize_body(&body);
    let mut h = Sha256::new();
    for p in [book_id, norm.as_str()] {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The web copies of a book's sections already in the library: id, paragraphs, fields.
type WebSection = (String, Vec<String>, Vec<(String, String)>);

impl Library {
    /// Store a book rebuilt from its full text: every section (merged with a web copy of the
    /// same section when the library has one), the book's metadata and printed pages.
    ///
    /// The book's country comes from its title (`Mongolia: A Country Study`) or the source's
    /// catalogue title; a book whose country has no Country Study is refused
    /// ([`Error::Argument`]).
    pub fn ingest_printed(
        &mut self,
        book: &PrintedBook,
        source: &PrintedSource,
        provenance: &Provenance,
    ) -> Result<PrintedReport> {
        let Some(writer) = &self.writer else {
            return Err(Error::ReadOnly(self.dir.clone()));
        };
        let named = book
            .catalog
            .country
            .clone()
            .or_else(|| source.title.as_deref().and_then(country_in_title));
        let country = named
            .as_deref()
            .and_then(|n| {
                pages::chapter_country(n).or_else(|| pages::countries::lookup(n).map(|c| c.name))
            })
            .ok_or_else(|| Error::Argument {
                name: "book",
                message: format!(
                    "the full text's title names no country with a Country Study ({})",
                    named.as_deref().unwrap_or("no title found")
                ),
            })?;
        let book_title = pages::book_for_country(country)
            .map(|b| b.title.to_owned())
            .unwrap_or_else(|| country.to_owned());
        let book_id = slug(&book_title);
        let catalog_path = self.catalog_path.clone();
        let e = catalog_err(&catalog_path);
        // The web copies already here (with or without the book's copy: a book ingested
        // again pairs with the same sections).
        let web: Vec<WebSection> = {
            let conn = writer.lock().unwrap_or_else(|p| p.into_inner());
            let mut st = conn
                .prepare(
                    "SELECT s.id, s.paragraphs, s.fields FROM sections s WHERE s.book_id = ?1
                       AND EXISTS (SELECT 1 FROM provenance p
                                    WHERE p.section_id = s.id AND p.mirror <> ?2)",
                )
                .map_err(&e)?;
            let rows = st
                .query_map(params![book_id, FULLTEXT_MIRROR], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })
                .map_err(&e)?;
            let mut out = Vec::new();
            for row in rows {
                let (id, p, f) = row.map_err(&e)?;
                out.push((
                    id,
                    serde_json::from_str(&p).unwrap_or_default(),
                    serde_json::from_str(&f).unwrap_or_default(),
                ));
            }
            out
        };
        let data_as_of = book.research_completed;
        // Each section's heading: its chapter's (or part's) title.
        let mut headings: Vec<Option<String>> = Vec::with_capacity(book.sections.len());
        for s in &book.sections {
            let mut top = s;
            while let Some(p) = top.parent {
                top = &book.sections[p];
            }
            // A chapter's own text sits under its title too, as the chapter's first section.
            headings.push(
                Some(top.title.clone()).filter(|_| s.level > 1 || top.kind == PartKind::Chapter),
            );
        }
        let bodies: Vec<Vec<String>> = book
            .sections
            .iter()
            .map(|s| s.paragraphs().map(str::to_owned).collect())
            .collect();
        let web_bodies: Vec<Vec<String>> = web.iter().map(|w| w.1.clone()).collect();
        let pairs = matching::pair(&bodies, &web_bodies);
        let mut items = Vec::new();
        let mut ids: Vec<Option<String>> = Vec::with_capacity(book.sections.len());
        let mut matched = 0usize;
        for (i, s) in book.sections.iter().enumerate() {
            let in_profile = s.kind == PartKind::CountryProfile
                || s.parent
                    .is_some_and(|p| book.sections[p].kind == PartKind::CountryProfile);
            let section_kind = match s.kind {
                PartKind::Foreword | PartKind::Acknowledgments | PartKind::Preface => {
                    SectionKind::FrontMatter
                }
                _ if in_profile => SectionKind::Profile,
                PartKind::Introduction => SectionKind::Introduction,
                PartKind::Bibliography | PartKind::Glossary | PartKind::Index | PartKind::Other => {
                    SectionKind::BackMatter
                }
                PartKind::Chapter | PartKind::Section | PartKind::CountryProfile => {
                    SectionKind::Narrative
                }
            };
            let (paragraphs, fields): (Vec<String>, Vec<(String, String)>) = match pairs[i] {
                Some(j) => {
                    matched += 1;
                    (web[j].1.clone(), web[j].2.clone())
                }
                None => (
                    bodies[i].clone(),
                    s.fields
                        .iter()
                        .map(|f| (f.label.clone(), f.value.clone()))
                        .collect(),
                ),
            };
            if paragraphs.is_empty() && fields.is_empty() {
                ids.push(None);
                continue;
            }
            ids.push(Some(section_id(&book_id, &paragraphs, &fields)));
            let page = Page {
                path: provenance.path.clone(),
                url: provenance.url.clone(),
                kind: PageKind::CountryStudy,
                reason: None,
                mirror: Mirror::Loc,
                country: Some(country.to_owned()),
                book: Some(book_title.clone()),
                section_title: Some(s.title.clone()),
                heading: headings[i].clone(),
                data_as_of,
                paragraphs,
                fields: fields
                    .into_iter()
                    .map(|(label, value)| pages::Field { label, value })
                    .collect(),
                section_kind,
                sequence: Some(i as u64),
            };
            items.push(Item::Page {
                page,
                provenance: Provenance {
                    mirror: FULLTEXT_MIRROR.to_owned(),
                    ..provenance.clone()
                },
            });
        }
        let report = self.ingest(&items)?;
        // Metadata and printed pages.
        let writer = self
            .writer
            .as_ref()
            .ok_or_else(|| Error::ReadOnly(self.dir.clone()))?;
        let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction().map_err(&e)?;
        let front_pages = book
            .sections
            .iter()
            .filter_map(|s| s.pages)
            .filter_map(|p| match p.last {
                pages::fulltext::PageNo::Roman(n) => Some(n),
                pages::fulltext::PageNo::Arabic(_) => None,
            })
            .max()
            .unwrap_or(0);
        tx.execute(
            "INSERT OR REPLACE INTO printed_books(book_id, title, country, lccn, edition, published,
                research_completed, research_statement, rights, item_url, pdf_url, fulltext_url,
                file_label, editors, isbn, series, front_pages)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                book_id,
                book.catalog.title.clone().or_else(|| source.title.clone()),
                country,
                source.lccn.clone().or_else(|| book.catalog.lccn.clone()),
                book.catalog.edition.clone().or_else(|| source.date.clone()),
                book.catalog.published,
                book.research_completed.map(|d| d.to_string()),
                book.research_statement,
                source.rights,
                source.item_url,
                source.pdf_url,
                source.fulltext_url,
                provenance.label,
                serde_json::to_string(&book.catalog.editors).unwrap_or_else(|_| "[]".into()),
                book.catalog.isbn,
                book.catalog.series,
                front_pages,
            ],
        )
        .map_err(&e)?;
        tx.execute(
            "DELETE FROM printed_sections WHERE book_id = ?1",
            [&book_id],
        )
        .map_err(&e)?;
        for (i, s) in book.sections.iter().enumerate() {
            tx.execute(
                "INSERT INTO printed_sections(book_id, ord, section_id, level, title, kind,
                    first_page, last_page, matched_web) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    book_id,
                    i as i64,
                    ids[i],
                    s.level,
                    s.title,
                    kind_str(s.kind),
                    s.pages.map(|p| p.first.to_string()),
                    s.pages.map(|p| p.last.to_string()),
                    pairs[i].is_some(),
                ],
            )
            .map_err(&e)?;
        }
        tx.commit().map_err(&e)?;
        Ok(PrintedReport {
            book_id,
            book: book_title,
            sections: ids.iter().filter(|i| i.is_some()).count(),
            matched_web: matched,
            ingest: report,
        })
    }
}

/// `Mongolia : a country study / Federal Research Division …` → `Mongolia`.
fn country_in_title(title: &str) -> Option<String> {
    let lower = title.to_ascii_lowercase();
    let end = lower.find("a country study")?;
    let name = title[..end].trim().trim_end_matches([':', ',']).trim();
    (!name.is_empty()).then(|| name.to_owned())
}
