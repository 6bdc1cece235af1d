//! Search behaviour a user meets first: pasted text, accents, codes as filters, bounds.

use crate::{Error, Item, Library, Provenance, SearchQuery};

fn item(country: &str, title: &str, text: &str, n: u64) -> Item {
    let mut page = crate::tests::page(country, country, Some(title), &[text], (1990, None));
    page.sequence = Some(n);
    Item::Page {
        page,
        provenance: Provenance {
            mirror: "m".into(),
            url: Some(format!("https://example.org/{n}")),
            path: None,
            label: None,
            seen_at: None,
        },
    }
}

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: 10,
        ..SearchQuery::default()
    }
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.ingest(&[
        item(
            "Japan",
            "People",
            "population: total: 123,201,945 (2024 est.) and a note: Kuril claims since [1945].",
            1,
        ),
        item(
            "Japan",
            "Coast",
            "The Cote of the northern shore is rocky; war: none since 1945.",
            2,
        ),
        item(
            "Soviet Union",
            "Relations",
            "The Côte d'Ivoire mission and São Tomé were far from the Kuril chain.",
            3,
        ),
        item("Soviet Union", "Trade", "Sao Tome cocoa reached Odessa.", 4),
    ])
    .unwrap();
    (dir, lib)
}

#[test]
fn pasted_factbook_lines_are_text() {
    let (_d, lib) = library();
    for text in [
        "total: 123,201,945",
        "note: Kuril",
        "war: none",
        "[1945]",
        "(1945",
        "Kuril)",
    ] {
        let r = lib
            .search(&q(text))
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(r.total >= 1, "{text}");
    }
    assert_eq!(
        lib.search(&q("total: 123,201,945")).unwrap().hits[0].display_title,
        "People"
    );
}

#[test]
fn accents_fold_both_ways_and_exact_accents_rank_first() {
    let (_d, lib) = library();
    let cote = lib.search(&q("Côte")).unwrap();
    let plain = lib.search(&q("Cote")).unwrap();
    assert_eq!((cote.total, plain.total), (2, 2));
    assert_eq!(cote.hits[0].display_title, "Relations");
    assert_eq!(plain.hits[0].display_title, "Coast");
    let sao = lib.search(&q("São Tomé")).unwrap();
    assert_eq!(sao.total, 2);
    assert_eq!(sao.hits[0].display_title, "Relations");
    assert_eq!(
        lib.search(&q("Sao Tome")).unwrap().hits[0].display_title,
        "Trade"
    );
    // Highlights mark the accented word too.
    let hit = &lib.search(&q("Sao")).unwrap().hits;
    assert!(hit.iter().all(|h| !h.highlights.is_empty()));
}

#[test]
fn codes_names_and_aliases_filter_by_country() {
    let (_d, lib) = library();
    for c in ["JP", "jp", "JA", "JPN", "japan", "Japan"] {
        let r = lib
            .search(&SearchQuery {
                country: Some(c.into()),
                ..q("Kuril")
            })
            .unwrap_or_else(|e| panic!("{c}: {e}"));
        assert_eq!(r.total, 1, "{c}");
        assert_eq!(r.hits[0].country_id, "japan", "{c}");
    }
    for c in ["ussr", "USSR", "Soviet", "SUN", "soviet-union"] {
        let r = lib
            .search(&SearchQuery {
                country: Some(c.into()),
                ..q("Kuril")
            })
            .unwrap_or_else(|e| panic!("{c}: {e}"));
        assert_eq!(r.hits[0].country_id, "soviet-union", "{c}");
    }
    match lib.search(&SearchQuery {
        country: Some("Japn".into()),
        ..q("Kuril")
    }) {
        Err(Error::NotFound { suggestions, .. }) => assert_eq!(suggestions[0], "Japan"),
        other => panic!("{other:?}"),
    }
    let err = lib.book("japn").unwrap_err().to_string();
    assert!(err.contains("did you mean \"japan\""), "{err}");
}

#[test]
fn numbers_are_bounded_and_past_the_end_is_an_empty_page() {
    let (_d, lib) = library();
    let arg = |sq: SearchQuery| matches!(lib.search(&sq), Err(Error::Argument { .. }));
    assert!(arg(SearchQuery {
        offset: 4_000_000_000,
        ..q("Kuril")
    }));
    assert!(arg(SearchQuery {
        offset: crate::MAX_OFFSET + 1,
        ..q("Kuril")
    }));
    assert!(arg(SearchQuery {
        limit: 0,
        ..q("Kuril")
    }));
    assert!(arg(SearchQuery {
        limit: crate::MAX_LIMIT + 1,
        ..q("Kuril")
    }));
    assert!(arg(SearchQuery {
        as_of_from: Some(89),
        ..q("Kuril")
    }));
    assert!(arg(SearchQuery {
        as_of_to: Some(12345),
        ..q("Kuril")
    }));
    let past = lib
        .search(&SearchQuery {
            offset: 50,
            ..q("Kuril")
        })
        .unwrap();
    assert_eq!((past.total, past.hits.len()), (2, 0));
    let last = lib
        .search(&SearchQuery {
            offset: crate::MAX_OFFSET,
            ..q("Kuril")
        })
        .unwrap();
    assert!(last.hits.is_empty());
}

#[test]
fn explosive_queries_are_refused_before_any_work() {
    let (_d, lib) = library();
    let query_err = |text: String| matches!(lib.search(&q(&text)), Err(Error::Query { .. }));
    assert!(query_err(format!(
        "{}Kuril{}",
        "(".repeat(200),
        ")".repeat(200)
    )));
    assert!(query_err("Kuril ".repeat(5000)));
    assert!(query_err("k ".repeat(crate::MAX_TERMS + 1)));
    assert!(query_err(format!("\"{}\"", "word ".repeat(10_000))));
    assert!(query_err("& ! ?".into()));
    // Syntax other engines give meaning to is punctuation here, and cheap.
    assert_eq!(lib.search(&q("Ku* K~1 Kuril^9")).unwrap().total, 0);
    assert_eq!(lib.search(&q("*Kuril* Kuril^ {Kuril}")).unwrap().total, 2);
}

#[test]
fn a_second_writer_is_told_who_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let first = Library::open(dir.path()).unwrap();
    match Library::open(dir.path()) {
        Err(Error::Locked { pid, .. }) => assert_eq!(pid, std::process::id()),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("two writers"),
    }
    // Readers are not blocked.
    drop(first);
    assert!(Library::open(dir.path()).is_ok());
}
