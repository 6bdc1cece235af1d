//! A whole book rebuilt from its Library of Congress full text (the OCR of the printed book).
//!
//! The Library of Congress publishes every Country Study as a scan and as one long OCR text:
//! the title page and its cataloguing data, `Foreword`, `Acknowledgments`, `Preface`,
//! `Contents`, `Country Profile`, `Introduction`, `Chapter N. Title` with its sections, then
//! `Bibliography`, `Glossary` and `Index`. Every printed page repeats a running head (the book's
//! or the chapter's title) and a page number; words are hyphenated at line ends, also across
//! pages; captions and tables interrupt paragraphs; OCR confuses `l` and `1`, `rn` and `m`.
//! [`rebuild`] turns that text into a [`PrintedBook`]: its metadata, its Contents, and its
//! sections nested as the Contents says, each with its printed page range.
//!
//! # How
//!
//! 1. **Page furniture** (`furniture.rs`): a page number is a bare arabic or roman number on its
//!    own line that fits the book's page sequence, or a number beside a running head on one
//!    line. A running head is the book's title, a chapter's title or a short line that repeats
//!    on several pages, next to a page number. Both are removed, each content line keeps its
//!    printed page, and the removal is remembered as a page break.
//! 2. **Contents** (`contents.rs`): the entries after the `Contents` heading (a title, dot
//!    leaders, a page number; wrapped titles joined; authors under chapter titles kept apart)
//!    become the skeleton. Chapters and the book's parts are level 1; other entries nest by
//!    their indentation, or by case (CAPITALS above Title Case) when the OCR lost it.
//! 3. **Headings** (`structure.rs`): body lines are matched to the Contents in order, tolerant
//!    to OCR and case (`titles.rs`: confusable letters folded, edit distance); a heading the
//!    Contents lacks becomes a subsection of the Contents section before it. The title shown
//!    is the better spelled of the two copies (the one whose words the book uses more).
//! 4. **Blocks** (`blocks.rs`): paragraphs rejoined across page breaks and interruptions,
//!    line-end hyphens removed where the word was split (real hyphens kept:
//!    `Soviet-Japanese`, `1904-05`), figure and photo captions and tables kept apart (tables
//!    as rows when the columns are recoverable), footnote markers taken out of words.
//! 5. **Front matter** (`front.rs`): title, country, editors, edition, LCCN, ISBN, series
//!    number from the title page and cataloguing data; the research-completed date from the
//!    book's own statement ("Research for this book was completed in June 1989", "information
//!    available as of"), normalized to year and month.
//!
//! **Boundary**: text in, values out. No IO. Messy input is not an error: a text that is not
//! a book comes back with no sections and a diagnostic ([`looks_like_fulltext`] says whether
//! a text has the structure of one).

mod blocks;
mod contents;
mod front;
mod furniture;
mod structure;
mod titles;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::types::{AsOf, Diagnostic, Field};

pub use titles::{similarity, title_key};

/// A printed page number: roman in the front matter, arabic after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageNo {
    /// A front-matter page (`xiv`).
    Roman(u16),
    /// A page of the body (`412`).
    Arabic(u16),
}

impl PageNo {
    /// The page after this one.
    pub fn next(self) -> PageNo {
        match self {
            PageNo::Roman(n) => PageNo::Roman(n.saturating_add(1)),
            PageNo::Arabic(n) => PageNo::Arabic(n.saturating_add(1)),
        }
    }

    /// Parse `412` or `xiv` (lowercase roman).
    pub fn parse(s: &str) -> Option<PageNo> {
        let s = s.trim();
        if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok().map(PageNo::Arabic);
        }
        furniture::roman_value(s).map(PageNo::Roman)
    }
}

impl std::fmt::Display for PageNo {
    /// `xiv` or `412`, as printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageNo::Roman(n) => f.write_str(&furniture::roman_string(*n)),
            PageNo::Arabic(n) => write!(f, "{n}"),
        }
    }
}

impl Serialize for PageNo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The printed pages a section spans, first and last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageRange {
    /// The page its heading is on.
    pub first: PageNo,
    /// The page its last line is on.
    pub last: PageNo,
}

/// What part of the book a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    /// The series Foreword.
    Foreword,
    /// Acknowledgments.
    Acknowledgments,
    /// The Preface (where the research-completed date is usually stated).
    Preface,
    /// The Country Profile (its `Label:` lines are [`PrintedSection::fields`]).
    CountryProfile,
    /// The Introduction.
    Introduction,
    /// A numbered chapter.
    Chapter,
    /// A section or subsection of a part (level 2 and deeper).
    Section,
    /// The Bibliography.
    Bibliography,
    /// The Glossary.
    Glossary,
    /// The Index.
    Index,
    /// Another level-1 part (an appendix, a list of tables).
    Other,
}

/// The book's cataloguing data, as its title page and CIP block print it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cataloguing {
    /// `Mongolia: A Country Study`.
    pub title: Option<String>,
    /// The country as the title names it (`Mongolia`).
    pub country: Option<String>,
    /// Editors (`Edited by …`).
    pub editors: Vec<String>,
    /// The edition statement (`Second Edition, First Printing, 1991`).
    pub edition: Option<String>,
    /// The year of publication, when printed.
    pub published: Option<u16>,
    /// The Library of Congress Control Number printed in the CIP block (`91-7247`).
    pub lccn: Option<String>,
    /// The ISBN.
    pub isbn: Option<String>,
    /// The series number (`DA Pam 550-76`).
    pub series: Option<String>,
}

/// One entry of the book's Contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentsEntry {
    /// The title as the Contents prints it (OCR and all).
    pub title: String,
    /// 1 for the book's parts and chapters, 2 for their sections, 3 for subsections …
    pub level: u8,
    /// The printed page, when readable.
    pub page: Option<PageNo>,
    /// The chapter's authors (the names under a chapter title).
    pub authors: Vec<String>,
}

/// A table: its title, its rows when the columns are recoverable, else its lines as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// `Table 2. Population by Place of Residence …`.
    pub title: String,
    /// Rows of cells (the header row first), when every row splits into the same columns.
    pub rows: Option<Vec<Vec<String>>>,
    /// The table's lines as printed (always kept).
    pub lines: Vec<String>,
    /// Its `Source:` note, when any.
    pub source: Option<String>,
}

/// A piece of a section's body, in print order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "value")]
pub enum Block {
    /// Narrative text.
    Paragraph(String),
    /// A figure or photo caption (with its credit line).
    Caption(String),
    /// A table.
    Table(Table),
}

/// One section of the rebuilt book.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedSection {
    /// Its title (`Historical Setting` for a chapter; the number is in `chapter`).
    pub title: String,
    /// What part of the book it is.
    pub kind: PartKind,
    /// 1 for parts and chapters, 2 for sections, 3 for subsections …
    pub level: u8,
    /// The chapter number, for chapters and everything in them.
    pub chapter: Option<u16>,
    /// Index (in [`PrintedBook::sections`]) of the section it belongs to.
    pub parent: Option<usize>,
    /// Whether the Contents lists it (a heading the Contents lacks is a subsection).
    pub in_contents: bool,
    /// The printed pages it spans.
    pub pages: Option<PageRange>,
    /// Its body, in print order.
    pub blocks: Vec<Block>,
    /// Country Profile `Label:` fields.
    pub fields: Vec<Field>,
    /// Footnote markers taken out of its words.
    pub footnote_markers: usize,
}

impl PrintedSection {
    /// The narrative paragraphs only.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
    }
}

/// A book rebuilt from its full text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedBook {
    /// Title page and cataloguing data.
    pub catalog: Cataloguing,
    /// The research-completed date, normalized to year and month; every section inherits it.
    pub research_completed: Option<AsOf>,
    /// The sentence that states it.
    pub research_statement: Option<String>,
    /// The Contents as printed.
    pub contents: Vec<ContentsEntry>,
    /// Every section in book order (parents before children).
    pub sections: Vec<PrintedSection>,
    /// What was odd.
    pub diagnostics: Vec<Diagnostic>,
}

/// Rebuild a book from its full text. Never fails: what cannot be read is left out, with a
/// diagnostic.
///
/// ```
/// let text = "ATLANTIS\na country study\n\nContents\n\nPreface ........ v\n\
///     Chapter 1. The Land ........ 1\n  Rivers ........ 2\n\n\
///     Preface\n\nResearch for this book was completed in May 1988.\n\nv\n\n\
///     Chapter 1. The Land\n\nThe land is low and the rivers are slow.\n\n1\n\n\
///     2 Atlantis: A Country Study\n\nRivers\n\nThe rivers flood in spring.\n";
/// let book = pages::fulltext::rebuild(text);
/// assert_eq!(book.research_completed.map(|d| d.to_string()).as_deref(), Some("1988-05"));
/// let titles: Vec<_> = book.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
/// assert_eq!(titles, [(1, "Preface"), (1, "The Land"), (2, "Rivers")]);
/// assert_eq!(book.sections[2].pages.map(|p| p.first.to_string()).as_deref(), Some("2"));
/// ```
pub fn rebuild(text: &str) -> PrintedBook {
    let mut diagnostics = Vec::new();
    let lines = furniture::strip(text);
    let contents = contents::find(&lines);
    if contents.is_none() {
        diagnostics.push(Diagnostic {
            message: "no Contents found: sections are the book's part and chapter headings only"
                .into(),
        });
    }
    let (entries, contents_range) = contents.unwrap_or_default();
    let built = structure::build(&lines, &entries, contents_range.clone());
    let mut catalog = front::catalog(&lines[..built.front_end.min(lines.len())]);
    if catalog.title.is_none() {
        diagnostics.push(Diagnostic {
            message: "no title page (`<Country>: A Country Study`) found".into(),
        });
    }
    if catalog.country.is_none() {
        catalog.country = catalog.title.as_deref().and_then(front::country_of_title);
    }
    let mut research = None;
    for s in &built.sections {
        if matches!(s.kind, PartKind::Preface | PartKind::Foreword) {
            let text: Vec<&str> = s.paragraphs().collect();
            if let Some(r) = front::research_completed(&text.join(" ")) {
                research = Some(r);
                break;
            }
        }
    }
    if research.is_none() {
        let front_text: Vec<&str> = lines[..built.front_end.min(lines.len())]
            .iter()
            .map(|l| l.text)
            .collect();
        research = front::research_completed(&front_text.join(" "));
    }
    if research.is_none() {
        diagnostics.push(Diagnostic {
            message: "no research-completed date found in the Preface or on the title page".into(),
        });
    }
    diagnostics.extend(built.diagnostics);
    PrintedBook {
        catalog,
        research_completed: research.as_ref().map(|r| r.0),
        research_statement: research.map(|r| r.1),
        contents: entries,
        sections: built.sections,
        diagnostics,
    }
}

/// Whether a text has the structure of a Library of Congress full text of a Country Study: a
/// `Contents` with dot-leader entries and at least one `Chapter N.` (listed or as a heading),
/// or the title page's `a country study` with chapters. Cheap: reads the text once, stops early.
pub fn looks_like_fulltext(text: &str) -> bool {
    let mut country_study = false;
    let mut contents = false;
    let mut leaders = 0usize;
    let mut chapters = 0usize;
    for line in text.lines() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if lower.ends_with("a country study") {
            country_study = true;
        }
        if lower == "contents" || lower == "table of contents" {
            contents = true;
        }
        if contents::is_leader_line(t) {
            leaders += 1;
        }
        let listed = contents::leader_split(t)
            .is_some_and(|(title, _)| structure::chapter_heading(title).is_some());
        if listed || structure::chapter_heading(t).is_some() {
            chapters += 1;
        }
        if chapters >= 2 && ((contents && leaders >= 3) || country_study) {
            return true;
        }
    }
    chapters >= 1 && ((contents && leaders >= 3) || country_study)
}
