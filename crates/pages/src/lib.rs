//! Recognize and parse Library of Congress *Country Studies* pages and World Factbook records.
//!
//! `pages` is the first stage of the areabook pipeline. It takes bytes (crawl text, mirror HTML,
//! Factbook JSON) and returns plain values: a [`Page`] with its country, book, section title,
//! data-as-of stamp, body paragraphs and profile fields, plus [`Diagnostic`]s for whatever was odd.
//! It does no IO beyond what it is handed, and knows nothing of SQLite, tantivy, HTTP or clap.
//!
//! Messy input is not an error: [`parse`] always returns a `Page`, whose [`PageKind`] says whether
//! it is a Country Studies page and, if not, why (`reason`).
#![warn(missing_docs)]

pub mod countries;
pub mod factbook;

mod books;
mod footer;
mod html;
mod layout;
mod profile;
mod recognize;
mod section;
mod types;
mod url;

pub use books::{BookInfo, ChapterInfo, book_for_country, books, by_loc_code, chapter_country};
pub use footer::parse_footer;
pub use html::{HtmlText, decode_entities, html_to_text};
pub use section::standard_order;
pub use types::{AsOf, Diagnostic, Field, Input, Mirror, Page, PageKind, SectionKind};
pub use url::{UrlInfo, parse_url, title_from_slug};

/// Recognize and parse one page.
///
/// Never fails: a page that is not a Country Studies page comes back with
/// [`PageKind::NotRecognized`] and a `reason`.
///
/// ```
/// let text = "Country Listing\n\nJapan Table of Contents\n\nJapan\n\n\
///             The port towns grew quickly.\n\nData as of January 1994\n";
/// let (page, _diagnostics) = pages::parse(&pages::Input { bytes: text.as_bytes(), path: None, url: None });
/// assert_eq!(page.kind, pages::PageKind::CountryStudy);
/// assert_eq!(page.country.as_deref(), Some("Japan"));
/// assert_eq!(page.data_as_of.map(|d| d.to_string()).as_deref(), Some("1994-01"));
/// assert_eq!(page.paragraphs, vec!["The port towns grew quickly."]);
/// ```
pub fn parse(input: &Input<'_>) -> (Page, Vec<Diagnostic>) {
    recognize::parse(input)
}
