//! Relations over a library of our own pages: a pair, a state against all, partners, filters,
//! negation, names and codes, and a library from before events getting them on its next ingest.

use crate::tests::page;
use crate::{Error, Item, Library, Provenance, RelationsQuery};

/// Our own words, in the register of a Country Study on the Soviet Union (May 1989).
pub(crate) const SOVIET_JAPAN: [&str; 3] = [
    "Japan defeated imperial Russia in the Russo-Japanese War of 1904-05. Relations stayed cold for four decades.",
    "Foreign Minister Shevardnadze visited Tokyo in January 1986, the first visit by a Soviet foreign minister in ten years.",
    "In 1960 Japan did not attack the Soviet Union, and Soviet trawlers fished the waters off Hokkaido. China protested against Soviet troops on its border in 1969.",
];

fn items() -> Vec<Item> {
    let mut p = page(
        "Soviet Union",
        "Soviet Union",
        Some("Relations with Japan"),
        &SOVIET_JAPAN,
        (1989, Some(5)),
    );
    p.heading = Some("Foreign Relations".into());
    vec![Item::Page {
        page: p,
        provenance: Provenance {
            mirror: "m".into(),
            url: Some("https://example.org/soviet/japan.htm".into()),
            path: None,
            label: None,
            seen_at: Some("2024-01-01".into()),
        },
    }]
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let report = lib.ingest(&items()).unwrap();
    assert_eq!((report.timelines, report.events), (1, 1), "{report:?}");
    (dir, lib)
}

fn pair(a: &str, b: &str) -> RelationsQuery {
    RelationsQuery {
        a: a.into(),
        b: Some(b.into()),
        limit: 100,
        ..Default::default()
    }
}

#[test]
fn the_soviet_union_and_japan_war_and_visit_not_the_attack_that_did_not_happen() {
    let (dir, lib) = library();
    // The coder keeps the negated attack (for `events --explain`)…
    let conn = rusqlite::Connection::open(dir.path().join("catalog.sqlite")).unwrap();
    let negated: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events WHERE negated = 1 AND start = '1960'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(negated, 1);
    let r = lib.relations(&pair("Soviet Union", "Japan")).unwrap();
    assert_eq!(r.a.codes, ["SUN", "RUS"]);
    assert_eq!(r.b.as_ref().unwrap().codes, ["JPN"]);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = r
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.start.as_deref(), e.end.as_deref()))
        .collect();
    assert!(
        got.contains(&("FIGHT", Some("1904"), Some("1905"))),
        "{got:?}"
    );
    assert!(
        got.contains(&("CONSULT", Some("1986-01"), Some("1986-01"))),
        "{got:?}"
    );
    // …but "did not attack" is no relation; China's protest is not Japan's.
    assert!(r.events.iter().all(|e| !e.negated), "{got:?}");
    assert!(
        r.events.iter().all(|e| e.start.as_deref() != Some("1960")),
        "{got:?}"
    );
    assert!(r.events.iter().all(|e| e.kind != "DISAPPROVE"), "{got:?}");
    // In time order, each with its sentence, trigger, section and citation.
    assert_eq!(r.total, r.events.len());
    assert_eq!(r.events[0].start.as_deref(), Some("1904"));
    let visit = r.events.iter().find(|e| e.kind == "CONSULT").unwrap();
    assert_eq!(visit.paragraph, 1);
    assert!(
        visit
            .sentence
            .starts_with("Foreign Minister Shevardnadze visited Tokyo")
    );
    let (a, b) = visit.highlight;
    let marked: String = visit.sentence.chars().skip(a).take(b - a).collect();
    assert_eq!(marked, visit.trigger);
    assert_eq!(visit.section_title, "Relations with Japan");
    assert_eq!(visit.data_as_of.as_deref(), Some("1989-05"));
    assert!(visit.citation_short.contains("Soviet Union"), "{visit:?}");
    assert!(visit.citation.contains("A Country Study"), "{visit:?}");
    assert_eq!(visit.mode.as_deref(), Some("visit"));
    // Counts over all pages.
    assert_eq!(r.by_type.values().sum::<usize>(), r.total);
    assert!(
        r.by_decade.get(&1900).is_some_and(|&n| n >= 1),
        "{:?}",
        r.by_decade
    );
    assert_eq!(r.by_decade.get(&1980), Some(&r.by_type["CONSULT"]));
    // Either order, names, aliases and codes: the same events.
    for (a, b) in [("Japan", "USSR"), ("SUN", "JPN"), ("soviet-union", "JP")] {
        let other = lib.relations(&pair(a, b)).unwrap();
        assert_eq!(other.total, r.total, "{a} {b}");
    }
}

#[test]
fn filters_pages_and_bad_arguments() {
    let (_dir, lib) = library();
    let all = lib.relations(&pair("Soviet Union", "Japan")).unwrap();
    let fights = lib
        .relations(&RelationsQuery {
            kind: Some("fight".into()),
            ..pair("Soviet Union", "Japan")
        })
        .unwrap();
    assert_eq!(fights.kind.as_deref(), Some("FIGHT"));
    assert!(fights.total >= 1 && fights.events.iter().all(|e| e.kind == "FIGHT"));
    let eighties = lib
        .relations(&RelationsQuery {
            from: Some(1980),
            to: Some(1989),
            ..pair("Soviet Union", "Japan")
        })
        .unwrap();
    assert!(
        eighties
            .events
            .iter()
            .all(|e| e.start.as_deref() == Some("1986-01"))
    );
    let second = lib
        .relations(&RelationsQuery {
            limit: 1,
            offset: 1,
            ..pair("Soviet Union", "Japan")
        })
        .unwrap();
    assert_eq!(second.total, all.total);
    assert_eq!(second.events.len(), 1);
    assert_eq!(second.events[0].sentence, all.events[1].sentence);
    for bad in [
        RelationsQuery {
            kind: Some("war".into()),
            ..pair("Soviet Union", "Japan")
        },
        RelationsQuery {
            from: Some(1990),
            to: Some(1980),
            ..pair("Soviet Union", "Japan")
        },
        RelationsQuery {
            limit: 0,
            ..pair("Soviet Union", "Japan")
        },
    ] {
        assert!(
            matches!(lib.relations(&bad), Err(Error::Argument { .. })),
            "{bad:?}"
        );
    }
    match lib.relations(&pair("Soviet Unoin", "Japan")) {
        Err(Error::NotFound {
            id, suggestions, ..
        }) => {
            assert_eq!(id, "Soviet Unoin");
            assert!(
                suggestions.iter().any(|s| s == "Soviet Union"),
                "{suggestions:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn partners_rank_japan_for_the_soviet_union() {
    let (_dir, lib) = library();
    let p = lib
        .partners(&RelationsQuery {
            a: "Soviet Union".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p.state.id, "soviet-union");
    let names: Vec<(&str, &str, usize)> = p
        .partners
        .iter()
        .map(|x| (x.name.as_str(), x.code.as_str(), x.count))
        .collect();
    assert_eq!(names[0].0, "Japan", "{names:?}");
    assert_eq!(names[0].1, "JPN");
    assert!(names.iter().any(|(n, _, _)| *n == "China"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|(_, code, _)| !["SUN", "RUS"].contains(code))
    );
    let japan = &p.partners[0];
    let with_japan = lib.relations(&pair("soviet-union", &japan.id)).unwrap();
    assert_eq!(japan.count, with_japan.total);
    assert_eq!(japan.by_type, with_japan.by_type);
    // One state against all: the same events as its partners, in one list.
    let all = lib
        .relations(&RelationsQuery {
            a: "Soviet Union".into(),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, p.total);
    assert_eq!(p.total, p.partners.iter().map(|x| x.count).sum::<usize>());
    // Japan's side: the Russian Empire's war and the Soviet visit are one family's, in one
    // row whose count is its pair page's.
    let p = lib
        .partners(&RelationsQuery {
            a: "Japan".into(),
            ..Default::default()
        })
        .unwrap();
    let rows: Vec<(&str, &[String], usize)> = p
        .partners
        .iter()
        .map(|x| (x.name.as_str(), x.including.as_slice(), x.count))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &p.partners[0];
    assert_eq!(
        (row.name.as_str(), row.code.as_str()),
        ("Russia", "RUS"),
        "{rows:?}"
    );
    assert_eq!(row.including, ["Soviet Union"]);
    let pair = lib.relations(&pair("japan", &row.id)).unwrap();
    assert_eq!(row.count, pair.total);
}

#[test]
fn a_library_from_before_events_is_coded_on_its_next_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.set_events(false);
    let first = lib.ingest(&items()).unwrap();
    assert_eq!((first.timelines, first.events), (1, 0));
    drop(lib);
    // As an areabook of schema 4 left it: no events, an older version number.
    let conn = rusqlite::Connection::open(dir.path().join("catalog.sqlite")).unwrap();
    conn.execute_batch(
        "DROP TABLE events; DROP TABLE events_sections;
         UPDATE meta SET value = '4' WHERE key = 'schema_version';",
    )
    .unwrap();
    drop(conn);
    assert!(matches!(
        Library::open_read_only(dir.path()),
        Err(Error::SchemaVersion { found: 4, .. })
    ));
    let mut lib = Library::open(dir.path()).unwrap();
    assert!(!lib.check().unwrap().ok, "uncoded sections are reported");
    // The same pages again: nothing new, every section coded, no timeline read again.
    let again = lib.ingest(&items()).unwrap();
    assert_eq!(
        (again.new_sections, again.timelines, again.events),
        (0, 0, 1)
    );
    assert!(
        lib.check().unwrap().ok,
        "{:?}",
        lib.check().unwrap().problems
    );
    let r = lib.relations(&pair("Soviet Union", "Japan")).unwrap();
    assert!(r.events.iter().any(|e| e.kind == "FIGHT"));
    assert_eq!(lib.ingest(&items()).unwrap().events, 0);
}
