//! The book's Contents: its entries, their levels and pages, and where the Contents ends.
//!
//! An entry is a title, dot leaders (`....`, `. . .`, or two spaces and more) and a page number,
//! arabic or roman. A line without a number just above an entry is the first part of a wrapped
//! title; a name under a chapter's entry is its author. Chapters and the book's parts are level
//! 1; other entries nest by indentation (distinct indents, ±1 space, in increasing order), or,
//! when the OCR kept no indentation, by case: CAPITALS are sections, Title Case their
//! subsections. Entries for figures and tables (lists of them) are not part of the skeleton.

use std::ops::Range;

use super::furniture::Line;
use super::titles::title_key;
use super::{ContentsEntry, PageNo};

/// Split a Contents line into its title and page: `Climate ........ 5` → `("Climate", 5)`.
/// The leader is three dots or more (spaced or not, `…`, `_`), or two spaces and more.
pub(crate) fn leader_split(t: &str) -> Option<(&str, PageNo)> {
    let t = t.trim();
    let (rest, last) = t.rsplit_once(|c: char| c.is_whitespace() || c == '.' || c == '…')?;
    let page = PageNo::parse(last)?;
    let title =
        rest.trim_end_matches(|c: char| c == '.' || c.is_whitespace() || c == '…' || c == '_');
    let leader = &t[title.len()..t.len() - last.len()];
    let dots = leader.chars().filter(|&c| matches!(c, '.' | '_')).count()
        + 3 * leader.chars().filter(|&c| c == '…').count();
    if title.is_empty() || !title.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    if dots >= 3 || (dots == 0 && leader.len() >= 2) {
        Some((title.trim(), page))
    } else {
        None
    }
}

/// Whether a line is a Contents entry with dot leaders.
pub(crate) fn is_leader_line(t: &str) -> bool {
    let t = t.trim();
    (t.contains("...") || t.contains(". . .") || t.contains('…') || t.contains("___"))
        && leader_split(t).is_some()
}

fn is_contents_heading(t: &str) -> bool {
    let k = title_key(t);
    k == "contents" || k == "table of contents"
}

/// Part names that are level 1 wherever they appear.
pub(crate) fn part_kind(title: &str) -> Option<super::PartKind> {
    use super::PartKind::*;
    let k = title_key(title);
    let kinds = [
        ("foreword", Foreword),
        ("acknowledgments", Acknowledgments),
        ("acknowledgements", Acknowledgments),
        ("preface", Preface),
        ("country profile", CountryProfile),
        ("introduction", Introduction),
        ("bibliography", Bibliography),
        ("glossary", Glossary),
        ("index", Index),
    ];
    if let Some((_, kind)) = kinds.iter().find(|(name, _)| title_key(name) == k) {
        return Some(*kind);
    }
    let other = ["appendix", "list of", "tables"]
        .iter()
        .any(|p| k.starts_with(&title_key(p)));
    other.then_some(Other)
}

/// A chapter's author line: two to six capitalized words, with an initial or `and`.
fn is_author(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 2 || words.len() > 9 || t.ends_with(':') {
        return false;
    }
    let capitalized = words.iter().all(|w| {
        matches!(*w, "and" | "with" | "de" | "van" | "von" | "da" | "al-")
            || w.starts_with(|c: char| c.is_uppercase())
    });
    capitalized && !t.chars().any(|c| c.is_ascii_digit())
}

/// Find the Contents: its entries and the range of lines it occupies.
pub(crate) fn find(lines: &[Line<'_>]) -> Option<(Vec<ContentsEntry>, Range<usize>)> {
    let start = lines.iter().position(|l| is_contents_heading(l.text))?;
    struct Raw {
        title: String,
        indent: usize,
        page: PageNo,
        authors: Vec<String>,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut prefix: Option<(String, usize)> = None;
    let mut end = start + 1;
    let mut i = start + 1;
    while i < lines.len() {
        let l = &lines[i];
        let t = l.text;
        if t.is_empty() || title_key(t) == "page" {
            i += 1;
            continue;
        }
        if let Some((title, page)) = leader_split(t) {
            let (title, indent) = match prefix.take() {
                Some((p, ind)) => (format!("{p} {title}"), ind),
                None => (title.to_owned(), l.indent),
            };
            raws.push(Raw {
                title,
                indent,
                page,
                authors: Vec::new(),
            });
            end = i + 1;
            i += 1;
            continue;
        }
        // Not an entry: an author, the first line of a wrapped title, or the end.
        let next_is_entry = lines[i + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|n| leader_split(n.text).is_some());
        let after_chapter = raws
            .last()
            .is_some_and(|r| super::structure::chapter_heading(&r.title).is_some());
        if raws.is_empty() && !next_is_entry {
            // Text between the heading and the first entry (a column label, a note).
            if i > start + 6 {
                return None;
            }
            i += 1;
            continue;
        }
        if prefix.is_none() && is_author(t) && after_chapter && !t.contains("..") {
            if let Some(r) = raws.last_mut() {
                r.authors.push(t.to_owned());
            }
            end = i + 1;
            i += 1;
            continue;
        }
        if next_is_entry && prefix.is_none() && t.len() < 90 {
            prefix = Some((t.to_owned(), l.indent));
            i += 1;
            continue;
        }
        break;
    }
    if raws.is_empty() {
        return None;
    }
    // Levels: parts and chapters 1; others by indentation, else by case.
    let is_part =
        |t: &str| super::structure::chapter_heading(t).is_some() || part_kind(t).is_some();
    let is_listing = |t: &str| {
        let k = title_key(t);
        k.starts_with(&title_key("figure "))
            || k.starts_with("table ")
            || k == title_key("figures")
            || k == title_key("tables")
            || k == title_key("list of figures")
            || k == title_key("list of tables")
    };
    let mut indents: Vec<usize> = raws
        .iter()
        .filter(|r| !is_part(&r.title) && !is_listing(&r.title))
        .map(|r| r.indent)
        .collect();
    indents.sort_unstable();
    indents.dedup_by(|a, b| a.abs_diff(*b) <= 1);
    let part_indent = raws
        .iter()
        .filter(|r| is_part(&r.title))
        .map(|r| r.indent)
        .min()
        .unwrap_or(0);
    let by_indent = indents.len() > 1 || indents.first().is_some_and(|&i| i > part_indent + 1);
    let any_caps = raws.iter().any(|r| !is_part(&r.title) && is_caps(&r.title));
    let any_title_case = raws
        .iter()
        .any(|r| !is_part(&r.title) && !is_caps(&r.title) && !is_listing(&r.title));
    let mut entries = Vec::new();
    // After a `Figures` or `Tables` entry (a list of them), numbered entries are that list.
    let mut in_listing = false;
    for r in raws {
        if is_listing(&r.title) {
            in_listing = true;
            continue;
        }
        if is_part(&r.title) {
            in_listing = false;
        } else if in_listing || r.title.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let level = if is_part(&r.title) {
            1
        } else if by_indent {
            let rank = indents
                .iter()
                .position(|&i| r.indent.abs_diff(i) <= 1)
                .unwrap_or(0);
            2 + rank as u8
        } else if any_caps && any_title_case && !is_caps(&r.title) {
            3
        } else {
            2
        };
        entries.push(ContentsEntry {
            title: r.title,
            level,
            page: Some(r.page),
            authors: r.authors,
        });
    }
    Some((entries, start..end))
}

fn is_caps(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}
