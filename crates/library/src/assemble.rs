//! Assembly: turn parsed pages and Factbook entities into catalog records.
//!
//! This is where identity is decided. A section's id is a hash of its book and its
//! *normalized body* (lowercased letters and digits only), so the same section seen on
//! several mirrors, with different chrome, hard wraps, dropped semicolons or glued words,
//! is one section with several provenance entries.

use pages::{Page, PageKind, SectionKind};
use sha2::{Digest, Sha256};

/// Where one copy of a section was seen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Provenance {
    /// The mirror's short name (`country-data`, `allrefer`, `factbook-wheel`, …).
    pub mirror: String,
    /// The copy's original URL, when known.
    pub url: Option<String>,
    /// The local file (or `file.whl!member`) it was read from, when any: its canonical
    /// path, so one file reached by several paths (links) is one copy. Never shown to readers.
    pub path: Option<String>,
    /// How to show the local file to readers: its path relative to the folder the user
    /// ingested (or its file name), never an absolute path.
    pub label: Option<String>,
    /// When the copy was captured or read (`YYYY-MM-DD` or RFC 3339), when known.
    pub seen_at: Option<String>,
}

/// One input to [`crate::Library::ingest`].
#[derive(Debug, Clone)]
pub enum Item {
    /// A recognized Country Studies page and where it was found.
    Page {
        /// The parsed page (must be [`PageKind::CountryStudy`]).
        page: Page,
        /// Where it was found.
        provenance: Provenance,
    },
    /// One World Factbook entity.
    Factbook {
        /// The entity with its sections.
        entity: pages::factbook::Entity,
        /// Where it was found.
        provenance: Provenance,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct CountryRecord {
    pub id: String,
    pub name: String,
    pub iso: Option<String>,
    pub fips: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct BookRecord {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub edition: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct SectionRecord {
    pub id: String,
    pub body_hash: String,
    pub book: BookRecord,
    pub country: CountryRecord,
    pub ord: i64,
    pub kind: &'static str,
    pub heading: Option<String>,
    pub title: Option<String>,
    pub data_as_of: Option<String>,
    pub paragraphs: Vec<String>,
    pub fields: Vec<(String, String)>,
    pub provenance: Provenance,
    /// When the page named no country and the gazetteer inferred it: the evidence as JSON
    /// (`{"name", "share", "evidence": [[words, count]]}`).
    pub country_inferred: Option<String>,
}

/// Lowercase ASCII slug: `Côte d'Ivoire` → `cote-d-ivoire`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        other => other,
    }
}

/// The normalized body used for identity: lowercase letters and digits only.
///
/// Chrome, whitespace, hard wraps, hyphenation, punctuation and glued words all vanish,
/// so copies of one section from different mirrors normalize to the same string.
pub fn normalize_body(paragraphs: &[String]) -> String {
    let mut out = String::new();
    for p in paragraphs {
        for c in p.chars() {
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

pub(crate) fn hex_digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The country record for a name, unified through `pages::countries` so that a Country
/// Studies chapter and a Factbook entity of the same state are one country.
pub(crate) fn country_record(name: &str, iso: Option<&str>, fips: Option<&str>) -> CountryRecord {
    match pages::countries::lookup(name) {
        Some(c) => CountryRecord {
            id: slug(c.name),
            name: c.name.to_owned(),
            iso: c.iso.map(str::to_owned).or(iso.map(str::to_owned)),
            fips: c.fips.map(str::to_owned).or(fips.map(str::to_owned)),
        },
        None => CountryRecord {
            id: slug(name),
            name: name.to_owned(),
            iso: iso.map(str::to_owned),
            fips: fips.map(str::to_owned),
        },
    }
}

const SEQ_SPAN: i64 = 1_000_000_000_000;

fn section_kind_str(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::FrontMatter => "front-matter",
        SectionKind::Introduction => "introduction",
        SectionKind::Profile => "profile",
        SectionKind::Narrative => "narrative",
        SectionKind::BackMatter => "back-matter",
    }
}

/// Why an item could not be assembled (it is skipped, the rest of the batch goes on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The item's path or URL.
    pub source: String,
    /// Why.
    pub reason: String,
}

/// Turn items into section records; rejected items are returned separately.
pub(crate) fn assemble(items: &[Item]) -> (Vec<SectionRecord>, Vec<Rejected>) {
    let mut out = Vec::new();
    let mut rejected = Vec::new();
    for item in items {
        match item {
            Item::Page { page, provenance } => match page_record(page, provenance) {
                Ok(r) => out.push(r),
                Err(reason) => rejected.push(Rejected {
                    source: provenance
                        .path
                        .clone()
                        .or_else(|| provenance.url.clone())
                        .unwrap_or_default(),
                    reason,
                }),
            },
            Item::Factbook { entity, provenance } => {
                out.extend(factbook_records(entity, provenance))
            }
        }
    }
    // Copies that mirrors changed (truncated, a word changed) are one section too: merged
    // by `neardup::store::merge` inside the ingest's transaction, with the stored sections.
    (out, rejected)
}

fn page_record(page: &Page, provenance: &Provenance) -> Result<SectionRecord, String> {
    if page.kind != PageKind::CountryStudy {
        return Err(page
            .reason
            .clone()
            .unwrap_or_else(|| "not a Country Studies page".into()));
    }
    if page.paragraphs.is_empty() && page.fields.is_empty() {
        return Err("the page has no body text".into());
    }
    // A page that names no country: the narrative may (its state, demonyms and places).
    let mut country_inferred = None;
    let inferred_name;
    let country_name = match page.country.as_deref() {
        Some(c) => c,
        None => {
            let mut text = page.paragraphs.join("\n\n");
            for f in &page.fields {
                text.push_str("\n\n");
                text.push_str(&f.value);
            }
            let Some(inf) = gazetteer::infer_country(
                gazetteer::Gazetteer::embedded(),
                &text,
                page.data_as_of.map(|d| i32::from(d.year)),
            ) else {
                return Err("the page names no country, and its text does not say clearly which it is about".into());
            };
            let Some(name) = pages::chapter_country(&inf.name)
                .or_else(|| pages::countries::lookup(&inf.name).map(|c| c.name))
            else {
                return Err(format!(
                    "the page names no country; its text is about {}, which has no Country Study",
                    inf.name
                ));
            };
            country_inferred = serde_json::to_string(&inf).ok();
            inferred_name = name.to_owned();
            &inferred_name
        }
    };
    let country = country_record(country_name, None, None);
    let book_title = page
        .book
        .clone()
        .or_else(|| pages::book_for_country(country_name).map(|b| b.title.to_owned()))
        .unwrap_or_else(|| country_name.to_owned());
    let book = BookRecord {
        id: slug(&book_title),
        title: book_title,
        kind: "country-study",
        edition: None,
    };
    let mut body: Vec<String> = page.paragraphs.clone();
    body.extend(
        page.fields
            .iter()
            .map(|f| format!("{}: {}", f.label, f.value)),
    );
    let norm = normalize_body(&body);
    let body_hash = hex_digest(&[&norm]);
    let id = hex_digest(&[&book.id, &norm]);
    let ord = i64::from(pages::standard_order(page)) * SEQ_SPAN
        + page
            .sequence
            .map(|s| s as i64)
            .unwrap_or(SEQ_SPAN - 1)
            .min(SEQ_SPAN - 1);
    Ok(SectionRecord {
        id,
        body_hash,
        book,
        country,
        ord,
        kind: section_kind_str(page.section_kind),
        heading: page.heading.clone(),
        title: page.section_title.clone(),
        data_as_of: page.data_as_of.map(|d| d.to_string()),
        paragraphs: page.paragraphs.clone(),
        fields: page
            .fields
            .iter()
            .map(|f| (f.label.clone(), f.value.clone()))
            .collect(),
        provenance: provenance.clone(),
        country_inferred,
    })
}

fn factbook_records(
    entity: &pages::factbook::Entity,
    provenance: &Provenance,
) -> Vec<SectionRecord> {
    let country = country_record(&entity.country, entity.iso.as_deref(), Some(&entity.fips));
    let edition = entity.edition.to_string();
    let book = BookRecord {
        id: format!("world-factbook-{}-{}", edition, entity.fips.to_lowercase()),
        title: format!("The World Factbook {edition}"),
        kind: "factbook",
        edition: Some(edition.clone()),
    };
    let mut seen = std::collections::HashSet::new();
    entity
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.paragraphs.is_empty())
        .filter_map(|(i, s)| {
            let norm = normalize_body(&s.paragraphs);
            // The same text under two fields of one entity stays two sections.
            let key = format!("{}\0{}\0{}", s.category, s.title, norm);
            if !seen.insert(key.clone()) {
                return None;
            }
            let body_hash = hex_digest(&[&key]);
            Some(SectionRecord {
                id: hex_digest(&[&book.id, &key]),
                body_hash,
                book: book.clone(),
                country: country.clone(),
                ord: i as i64,
                kind: "factbook-field",
                heading: Some(s.category.clone()),
                title: Some(s.title.clone()),
                data_as_of: Some(edition.clone()),
                paragraphs: s.paragraphs.clone(),
                fields: s
                    .fields
                    .iter()
                    .map(|f| (f.label.clone(), f.value.clone()))
                    .collect(),
                provenance: provenance.clone(),
                country_inferred: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_accents_and_punctuation() {
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("  Persian Gulf States "), "persian-gulf-states");
        assert_eq!(
            slug("Indian Ocean: Five Island Countries"),
            "indian-ocean-five-island-countries"
        );
    }

    #[test]
    fn normalization_ignores_chrome_differences() {
        let a = vec!["The low- lying coast; arid hot summers.".to_owned()];
        let b = vec![
            "The low-lying coast arid hot".to_owned(),
            "summers".to_owned(),
        ];
        assert_eq!(normalize_body(&a), normalize_body(&b));
        let c = vec!["The high coast".to_owned()];
        assert_ne!(normalize_body(&a), normalize_body(&c));
    }
}
