//! Printed books: a Country Study rebuilt from its Library of Congress full text, with the
//! catalogue's metadata and every section's printed pages.
//!
//! [`Library::ingest_printed`](crate::Library::ingest_printed) takes a
//! [`pages::fulltext::PrintedBook`] and where it came from ([`PrintedSource`]: LCCN, title,
//! edition date, rights statement, item, PDF and full-text URLs). Each rebuilt section becomes
//! a section of the book's chapter country, through the same assembly and index as every page
//! (mirror `loc-fulltext`, data-as-of the book's research-completed date). A section the
//! library already holds from the web (a mirror page, a Wayback copy) is *the same section*
//! when their texts are alike (word-trigram Jaccard ≥ 0.6 over lowercase words,
//! `matching.rs`; OCR and HTML differ in small ways): the web copy's body is kept as the
//! section's text, the book's copy is added to its provenance, and the book's title and
//! heading fill in what the web copy lacked (the seed page has no section title; its book
//! does). The book's metadata goes to `printed_books`, each section's place and printed pages
//! to `printed_sections`; the reader shows them (edition, LCCN, research-completed date,
//! completeness per source, a link to the PDF page) and `cite` names the LCCN.
//!
//! **Invariant**: the tables are created by `catalog::open_rw` (`CREATE TABLE IF NOT EXISTS`,
//! no schema-version change); reads on a catalog without them answer "no printed book".
//! Ingesting the same book again replaces its rows. Matching happens at ingest: web copies
//! ingested after the book stay separate sections until the book is ingested again.

mod matching;
mod query;
mod store;

use serde::Serialize;

pub use matching::similarity;

/// The tables (created by `catalog::open_rw`).
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS printed_books (
    book_id TEXT PRIMARY KEY,
    title TEXT, country TEXT, lccn TEXT, edition TEXT, published INTEGER,
    research_completed TEXT, research_statement TEXT, rights TEXT,
    item_url TEXT, pdf_url TEXT, fulltext_url TEXT, file_label TEXT,
    editors TEXT NOT NULL DEFAULT '[]', isbn TEXT, series TEXT,
    front_pages INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS printed_sections (
    book_id TEXT NOT NULL, ord INTEGER NOT NULL, section_id TEXT, level INTEGER NOT NULL,
    title TEXT NOT NULL, kind TEXT NOT NULL, first_page TEXT, last_page TEXT,
    matched_web INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (book_id, ord));
CREATE INDEX IF NOT EXISTS printed_sections_by_section ON printed_sections(section_id);
";

/// The mirror name of a book's full-text copy in provenance.
pub const FULLTEXT_MIRROR: &str = "loc-fulltext";

/// Where a full text came from: the Library of Congress item's catalogue facts and URLs (all
/// optional: a text the user already has may come with none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrintedSource {
    /// The item's LCCN (`90006078`).
    pub lccn: Option<String>,
    /// The item's title as catalogued.
    pub title: Option<String>,
    /// The item's date (edition date: `1991`).
    pub date: Option<String>,
    /// The item's rights statement.
    pub rights: Option<String>,
    /// The item's page (`https://www.loc.gov/item/90006078/`).
    pub item_url: Option<String>,
    /// The scanned book (PDF), as a URL or a local file name.
    pub pdf_url: Option<String>,
    /// The full text's URL.
    pub fulltext_url: Option<String>,
}

/// What [`Library::ingest_printed`](crate::Library::ingest_printed) did.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedReport {
    /// The book's id in the library.
    pub book_id: String,
    /// Its title in the library (the series book: `Mongolia`).
    pub book: String,
    /// Sections rebuilt from the full text.
    pub sections: usize,
    /// Of those, the ones that became one with a web copy already in the library.
    pub matched_web: usize,
    /// The ingest of the sections.
    pub ingest: crate::IngestReport,
}

/// One section of a printed book's outline.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedEntry {
    /// Title as the book prints it.
    pub title: String,
    /// 1 for parts and chapters, 2 for sections …
    pub level: u8,
    /// `chapter`, `section`, `preface` … (the rebuild's part kind).
    pub kind: String,
    /// The library section, when the part had text.
    pub section_id: Option<String>,
    /// First printed page (`xiv`, `412`).
    pub first_page: Option<String>,
    /// Last printed page.
    pub last_page: Option<String>,
    /// Whether a web copy of it is in the library too.
    pub web_copy: bool,
}

/// A printed book's metadata and outline.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedBookView {
    /// The book's id in the library.
    pub book_id: String,
    /// The printed title (`Mongolia: A Country Study`).
    pub title: Option<String>,
    /// LCCN: the item's, else the one printed in the CIP block.
    pub lccn: Option<String>,
    /// The edition statement, else the item's date.
    pub edition: Option<String>,
    /// The year of publication.
    pub published: Option<u16>,
    /// Research completed (`1989-06`).
    pub research_completed: Option<String>,
    /// The sentence that says so.
    pub research_statement: Option<String>,
    /// The item's rights statement.
    pub rights: Option<String>,
    /// The catalogue page.
    pub item_url: Option<String>,
    /// The scanned book.
    pub pdf_url: Option<String>,
    /// The full text.
    pub fulltext_url: Option<String>,
    /// Editors.
    pub editors: Vec<String>,
    /// ISBN.
    pub isbn: Option<String>,
    /// Series number (`DA Pam 550-76`).
    pub series: Option<String>,
    /// Sections with text rebuilt from the book.
    pub sections: usize,
    /// Of those, the ones with a web copy in the library too.
    pub with_web_copy: usize,
    /// Every section in book order.
    pub outline: Vec<PrintedEntry>,
}

/// Where a section is in its printed book.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedPages {
    /// The book's id.
    pub book_id: String,
    /// The printed title.
    pub title: Option<String>,
    /// LCCN.
    pub lccn: Option<String>,
    /// First printed page.
    pub first_page: String,
    /// Last printed page.
    pub last_page: String,
    /// The PDF opened at the first page (`…pdf#page=N`, N estimated from the front matter's
    /// length), when the book's PDF is known.
    pub pdf_link: Option<String>,
    /// The catalogue page.
    pub item_url: Option<String>,
}

#[cfg(test)]
mod tests;
