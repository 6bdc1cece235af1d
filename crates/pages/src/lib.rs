//! Recognize and parse Library of Congress *Country Studies* pages and World Factbook records.
//!
//! `pages` is the first stage of the areabook pipeline. It takes bytes (crawl text, mirror HTML,
//! Factbook JSON) and returns plain values: a [`Page`] with its country, book, section title,
//! data-as-of stamp, body paragraphs and profile fields, plus [`Diagnostic`]s for whatever was odd.
//! It does no IO beyond what it is handed, and knows nothing of SQLite, tantivy, HTTP or clap.
//!
//! Messy input is not an error: [`parse`] always returns a `Page`, whose [`PageKind`] says whether
//! it is a Country Studies page and, if not, why (`reason`).
//!
//! # How a page is recognized
//!
//! 1. Bytes are decoded (invalid UTF-8 lossily, with a diagnostic); empty and binary input is
//!    rejected. HTML is flattened to lines by the crate's one linear converter ([`html`], shared
//!    with the Factbook reader), which drops script/style/nav/header/footer and remembers
//!    `<title>` and h1–h3.
//! 2. The URL, when known, names the mirror, the country slug and the page's sequence in its book
//!    ([`parse_url`]); otherwise the mirror is guessed from its chrome.
//! 3. One layout recognizer per mirror family strips the chrome and finds the country as the page
//!    names it, the section title and heading, the body and the `Data as of` footer
//!    ([`parse_footer`]): the LoC query layout (lcweb2, country-data.com, countrystudies.us, plain
//!    crawl text), allrefer (title line + hard-wrapped body, reflowed), mongabay (site chrome
//!    before `<Country> Index`), tripod (one flattened line), country-studies.com, gl.iit.edu and
//!    the discmaster CD-ROM viewer.
//! 4. The country is resolved against the series' books table ([`chapter_country`],
//!    [`book_for_country`]): `Page.country` is the canonical chapter country, `Page.book` the book
//!    (`Bahrain` → `Persian Gulf States`). A country the table does not know is rejected, never
//!    guessed.
//! 5. Editorial notes and photo captions are dropped, the section is classified
//!    ([`SectionKind`]; [`standard_order`] ranks it in the standard book order), and Country
//!    Profile `Label:` paragraphs become [`Field`]s.
//!
//! Pages of the 2005+ *Country Profiles* series and third-party re-use without chrome or footer
//! are rejected with a reason. The text's own oddities (`--`, `Inde-pendence`, glued words) are
//! kept as they are.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod countries;
pub mod editions;
pub mod factbook;
pub mod fulltext;
pub mod html;
pub mod quantity;
pub mod sqldump;
pub mod warc;

mod books;
mod footer;
mod layout;
mod profile;
mod recognize;
mod section;
mod types;
mod url;

pub use books::{BookInfo, ChapterInfo, book_for_country, books, by_loc_code, chapter_country};
pub use footer::parse_footer;
pub use layout::all_in_one::parse_many;
pub use layout::toc::{TocLink, read_toc};
pub use section::standard_order;
pub use types::{AsOf, Diagnostic, Field, Input, MONTH_NAMES, Mirror, Page, PageKind, SectionKind};
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
