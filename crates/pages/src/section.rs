//! What part of a book a section is, and where it falls in the series' standard book order.
//!
//! The standard order is front matter (Foreword, Acknowledgments, Preface), Introduction,
//! Country Profile (Country, Geography, Society, Economy, Transportation, Government, National
//! Security), the narrative chapters, then Bibliography, Glossary and Tables.

use crate::types::{Page, SectionKind};

const FRONT_TITLES: &[&str] = &[
    "foreword",
    "foreward",
    "acknowledgments",
    "acknowledgements",
    "preface",
    "front matter",
];
const BACK_TITLES: &[&str] = &[
    "bibliography",
    "glossary",
    "tables",
    "appendix",
    "index",
    "chronology",
];
const PROFILE_PARTS: &[&str] = &[
    "country",
    "geography",
    "society",
    "economy",
    "transportation",
    "government",
    "national security",
];

/// The narrative chapters in book order, each by the words its title or heading uses.
const CHAPTERS: &[&[&str]] = &[
    &["historical setting", "history"],
    &["society and its environment", "the society"],
    &["the economy"],
    &["government and politics", "politics"],
    &["national security"],
];

/// The label that opens each profile part, with the part's index in [`PROFILE_PARTS`].
const FIRST_LABELS: &[(&str, usize)] = &[
    ("formal name", 0),
    ("size", 1),
    ("location and size", 1),
    ("population", 2),
    ("gross", 3),
    ("roads", 4),
    ("railroads", 4),
    ("government", 5),
    ("armed forces", 6),
];

/// Decide the section kind from the title, heading, first paragraph and profile fields.
pub(crate) fn classify(
    title: Option<&str>,
    heading: Option<&str>,
    paragraphs: &[String],
    n_label_paragraphs: usize,
) -> SectionKind {
    let t = title.map(|t| t.trim().to_lowercase()).unwrap_or_default();
    let h = heading.map(|h| h.trim().to_lowercase()).unwrap_or_default();
    let first = paragraphs.first().map(String::as_str).unwrap_or("");
    if FRONT_TITLES.contains(&t.as_str()) || is_front_matter_text(first) {
        return SectionKind::FrontMatter;
    }
    if t == "introduction" || h == "introduction" {
        return SectionKind::Introduction;
    }
    if BACK_TITLES.contains(&t.as_str()) || BACK_TITLES.contains(&h.as_str()) {
        return SectionKind::BackMatter;
    }
    let starts_with_label = paragraphs
        .first()
        .is_some_and(|p| crate::profile::label_of(p).is_some());
    if h == "country profile"
        || t == "country profile"
        || n_label_paragraphs >= 2
        || starts_with_label
    {
        return SectionKind::Profile;
    }
    SectionKind::Narrative
}

/// The opening words of the front-matter families.
fn is_front_matter_text(first: &str) -> bool {
    first.starts_with("This volume is one in a continuing series")
        || first.starts_with("This volume is one of a continuing series")
        || first.starts_with("This edition supersedes")
        || first.starts_with("The authors wish to")
        || first
            .split_once(": A Country Study seeks to")
            .is_some_and(|(country, _)| country.len() < 60)
}

/// The section's rank in the standard book order, for sorting pages whose URL gives no
/// sequence: lower comes first. Pages of the same rank keep their input order.
pub fn standard_order(page: &Page) -> u32 {
    let title = page
        .section_title
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    match page.section_kind {
        SectionKind::FrontMatter => match title.as_str() {
            "foreword" | "foreward" => 10,
            "acknowledgments" | "acknowledgements" => 20,
            "preface" => 30,
            _ => 40,
        },
        SectionKind::Introduction => 100,
        SectionKind::Profile => {
            let heading = page.heading.as_deref().unwrap_or("").to_lowercase();
            let part = PROFILE_PARTS.iter().position(|p| {
                title.starts_with(p) || (heading != "country profile" && heading.starts_with(p))
            });
            // Header-less sub-pages: the first field's label says which part it is.
            let part = part.or_else(|| {
                let label = page.fields.first()?.label.to_lowercase();
                FIRST_LABELS
                    .iter()
                    .find(|(l, _)| label.starts_with(l))
                    .map(|&(_, i)| i)
            });
            200 + part.map_or(9, |i| i as u32 + 1)
        }
        SectionKind::Narrative => {
            // The standard chapters, when the title or heading names one.
            let heading = page.heading.as_deref().unwrap_or("").to_lowercase();
            let chapter = CHAPTERS.iter().position(|words| {
                words
                    .iter()
                    .any(|w| title.contains(w) || heading.contains(w))
            });
            1000 + chapter.map_or(90, |i| 10 * i as u32)
        }
        SectionKind::BackMatter => match title.as_str() {
            "bibliography" => 9000,
            "glossary" => 9100,
            "tables" => 9200,
            _ => 9300,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ps(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn page(kind: SectionKind, title: Option<&str>, heading: Option<&str>) -> Page {
        let input = crate::types::Input {
            bytes: b"",
            path: None,
            url: None,
        };
        let mut p = Page::not_recognized(&input, "test");
        p.section_kind = kind;
        p.section_title = title.map(str::to_owned);
        p.heading = heading.map(str::to_owned);
        p
    }

    #[test]
    fn standard_book_order() {
        let order = [
            page(SectionKind::FrontMatter, Some("Foreword"), None),
            page(SectionKind::FrontMatter, Some("Acknowledgments"), None),
            page(SectionKind::FrontMatter, Some("Preface"), None),
            page(SectionKind::Introduction, Some("Introduction"), None),
            page(
                SectionKind::Profile,
                Some("COUNTRY"),
                Some("COUNTRY PROFILE"),
            ),
            page(SectionKind::Profile, Some("GEOGRAPHY"), Some("GEOGRAPHY")),
            page(SectionKind::Profile, Some("National Security"), None),
            page(
                SectionKind::Narrative,
                Some("The Coming of the Railroad"),
                None,
            ),
            page(SectionKind::BackMatter, Some("Bibliography"), None),
            page(SectionKind::BackMatter, Some("Glossary"), None),
        ];
        let ranks: Vec<u32> = order.iter().map(standard_order).collect();
        let mut society = page(SectionKind::Profile, None, None);
        society.fields.push(crate::types::Field {
            label: "Population".into(),
            value: "x".into(),
        });
        assert_eq!(standard_order(&society), 203);
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
    }

    #[test]
    fn kinds() {
        assert_eq!(
            classify(Some("Foreword"), None, &[], 0),
            SectionKind::FrontMatter
        );
        let pre = ps(&["Ruritania: A Country Study seeks to present the basic facts."]);
        assert_eq!(classify(None, None, &pre, 0), SectionKind::FrontMatter);
        assert_eq!(
            classify(Some("Introduction"), None, &[], 0),
            SectionKind::Introduction
        );
        assert_eq!(
            classify(Some("Glossary"), None, &[], 0),
            SectionKind::BackMatter
        );
        assert_eq!(
            classify(None, Some("COUNTRY PROFILE"), &[], 0),
            SectionKind::Profile
        );
        assert_eq!(
            classify(None, None, &ps(&["Size: Big."]), 1),
            SectionKind::Profile
        );
        assert_eq!(
            classify(Some("The Coming of the Railroad"), None, &ps(&["Text."]), 0),
            SectionKind::Narrative
        );
    }
}
