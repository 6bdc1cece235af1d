//! Unit tests of the library: ingest, dedup, queries, filters, crash repair.

use pages::{AsOf, Mirror, Page, PageKind, SectionKind};

use crate::{Item, Library, Provenance, SearchQuery};

pub(crate) fn page(
    country: &str,
    book: &str,
    title: Option<&str>,
    paragraphs: &[&str],
    as_of: (u16, Option<u8>),
) -> Page {
    Page {
        path: None,
        url: None,
        kind: PageKind::CountryStudy,
        reason: None,
        mirror: Mirror::CrawlText,
        country: Some(country.into()),
        book: Some(book.into()),
        section_title: title.map(str::to_owned),
        heading: None,
        data_as_of: Some(AsOf {
            year: as_of.0,
            month: as_of.1,
        }),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        fields: Vec::new(),
        section_kind: SectionKind::Narrative,
        sequence: None,
    }
}

fn item(page: Page, mirror: &str, url: &str) -> Item {
    Item::Page {
        page,
        provenance: Provenance {
            mirror: mirror.into(),
            url: Some(url.into()),
            path: None,
            label: None,
            seen_at: Some("2024-01-01".into()),
        },
    }
}

/// A Chad section (data as of 1988) seen on mirror `m` at `url`.
fn chad(title: &str, text: &str, url: &str) -> Item {
    item(
        page("Chad", "Chad", Some(title), &[text], (1988, None)),
        "m",
        url,
    )
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: 10,
        ..SearchQuery::default()
    }
}

const RIVER: &str =
    "The river valley was settled by farmers in 1904-05 and the harbor froze each winter.";
const HILLS: &str = "Herders moved into the eastern hills after the drought of the 1930s.";

#[test]
fn ingest_then_search_show_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let report = lib
        .ingest(&[
            item(
                page(
                    "Soviet Union",
                    "Soviet Union",
                    Some("Rivers"),
                    &[RIVER],
                    (1989, Some(5)),
                ),
                "allrefer",
                "u1",
            ),
            item(
                page(
                    "Soviet Union",
                    "Soviet Union",
                    Some("Hills"),
                    &[HILLS],
                    (1989, Some(5)),
                ),
                "allrefer",
                "u2",
            ),
        ])
        .unwrap();
    assert_eq!(report.new_sections, 2);

    let results = lib.search(&query("harbor froze")).unwrap();
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert_eq!(hit.country, "Soviet Union");
    assert_eq!(hit.section_title.as_deref(), Some("Rivers"));
    assert_eq!(hit.display_title, "Rivers");
    assert_eq!(hit.country_id, "soviet-union");
    assert!(!hit.book_id.is_empty());
    assert_eq!(hit.data_as_of.as_deref(), Some("1989-05"));
    let marked = crate::render_snippet(&hit.snippet(), "[", "]", str::to_owned);
    assert!(marked.contains("[harbor]"), "{marked}");

    // Stemming: "farmer" finds "farmers"; a phrase must match in order.
    assert_eq!(lib.search(&query("farmer")).unwrap().total, 1);
    assert_eq!(lib.search(&query("\"froze harbor\"")).unwrap().total, 0);
    assert_eq!(lib.search(&query("\"harbor froze\"")).unwrap().total, 1);

    let section = lib.section(&hit.section_id).unwrap();
    assert_eq!(section.paragraphs, vec![RIVER.to_owned()]);
    assert_eq!(section.provenance.len(), 1);
    assert!(section.prev.is_some() || section.next.is_some());

    let countries = lib.countries().unwrap();
    assert_eq!(countries.len(), 1);
    assert_eq!(countries[0].books[0].data_as_of.as_deref(), Some("1989-05"));
    assert!(lib.check().unwrap().ok);
}

#[test]
fn copies_from_two_mirrors_are_one_section() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.ingest(&[item(
        page("Chad", "Chad", None, &[RIVER], (1988, Some(12))),
        "country-data",
        "a",
    )])
    .unwrap();
    // The same text, hard-wrapped differently and with a title this mirror knows.
    let wrapped = RIVER.replace(" and the", "\nand the");
    let report = lib
        .ingest(&[item(
            page(
                "Chad",
                "Chad",
                Some("The Valley"),
                &[&wrapped],
                (1988, Some(12)),
            ),
            "allrefer",
            "b",
        )])
        .unwrap();
    assert_eq!((report.new_sections, report.merged), (0, 1));
    let hits = lib.search(&query("valley")).unwrap();
    assert_eq!(hits.total, 1);
    let section = lib.section(&hits.hits[0].section_id).unwrap();
    assert_eq!(section.section_title.as_deref(), Some("The Valley"));
    let mirrors: Vec<&str> = section
        .provenance
        .iter()
        .map(|p| p.mirror.as_str())
        .collect();
    assert_eq!(mirrors.len(), 2);
    assert!(mirrors.contains(&"allrefer") && mirrors.contains(&"country-data"));
    assert!(lib.check().unwrap().ok);
}

#[test]
fn ingesting_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let batch = [item(
        page("Chad", "Chad", Some("A"), &[RIVER], (1988, None)),
        "tripod",
        "x",
    )];
    lib.ingest(&batch).unwrap();
    let before = lib.check().unwrap();
    let again = lib.ingest(&batch).unwrap();
    assert_eq!(
        (again.new_sections, again.merged, again.unchanged),
        (0, 0, 1)
    );
    let after = lib.check().unwrap();
    assert_eq!(before.catalog_generation, after.catalog_generation);
    assert_eq!(after.sections, 1);
}

#[test]
fn filters_by_country_book_and_as_of() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.ingest(&[
        item(
            page(
                "Chad",
                "Chad",
                Some("A"),
                &["Cotton grows in the south."],
                (1988, Some(12)),
            ),
            "m",
            "1",
        ),
        item(
            page(
                "Bahrain",
                "Persian Gulf States",
                Some("B"),
                &["Cotton is imported."],
                (1993, Some(1)),
            ),
            "m",
            "2",
        ),
        item(
            page(
                "Oman",
                "Persian Gulf States",
                Some("C"),
                &["Cotton is rare on the coast."],
                (1993, Some(1)),
            ),
            "m",
            "3",
        ),
    ])
    .unwrap();
    let count = |q: SearchQuery| lib.search(&q).unwrap().total;
    assert_eq!(count(query("cotton")), 3);
    assert_eq!(
        count(SearchQuery {
            country: Some("chad".into()),
            ..query("cotton")
        }),
        1
    );
    assert_eq!(
        count(SearchQuery {
            book: Some("persian-gulf-states".into()),
            ..query("cotton")
        }),
        2
    );
    assert_eq!(
        count(SearchQuery {
            as_of_from: Some(1990),
            ..query("cotton")
        }),
        2
    );
    assert_eq!(
        count(SearchQuery {
            as_of_to: Some(1989),
            ..query("cotton")
        }),
        1
    );
    assert!(
        lib.search(&SearchQuery {
            country: Some("Atlantis".into()),
            ..query("cotton")
        })
        .is_err()
    );

    // A multi-country book nests its table of contents by chapter country.
    let book = lib.book("persian-gulf-states").unwrap();
    let chapters: Vec<&str> = book.toc.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(chapters.len(), 2, "{chapters:?}");
    assert!(
        book.toc
            .iter()
            .all(|n| n.section_id.is_none() && n.children.len() == 1)
    );
    let books = lib.books(Some("Oman")).unwrap();
    assert_eq!(books.len(), 1);
    assert_eq!(books[0].countries.len(), 2);
}

#[test]
fn snippets_are_plain_text_with_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.ingest(&[chad(
        "A",
        "Tags like <script>alert(1)</script> near cotton.",
        "1",
    )])
    .unwrap();
    let hit = &lib.search(&query("cotton")).unwrap().hits[0];
    // The library returns the text as it is; escaping is the renderer's business.
    assert_eq!(
        hit.snippet,
        "Tags like <script>alert(1)</script> near cotton."
    );
    assert_eq!(hit.highlights, vec![(41, 47)]);
}

#[test]
fn interrupted_ingest_is_found_by_check_and_repaired_by_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.sqlite");
    {
        let mut lib = Library::open(dir.path()).unwrap();
        lib.ingest(&[chad("A", RIVER, "1")]).unwrap();
    }
    // Keep the catalog as it was after batch 1, then let batch 2 commit, then put the old
    // catalog back: the state a process killed between the index and catalog commits leaves.
    let saved = std::fs::read(&catalog).unwrap();
    {
        let mut lib = Library::open(dir.path()).unwrap();
        lib.ingest(&[chad("B", HILLS, "2")]).unwrap();
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("catalog.sqlite{suffix}")));
    }
    std::fs::write(&catalog, saved).unwrap();

    let mut lib = Library::open(dir.path()).unwrap();
    let check = lib.check().unwrap();
    assert!(
        !check.ok,
        "check must notice the index is ahead of the catalog"
    );
    assert_eq!((check.sections, check.indexed), (1, 2));
    // Nothing stored is lost: the first section is still there and searchable after repair.
    let report = lib.ingest(&[]).unwrap();
    assert!(report.repaired);
    assert!(lib.check().unwrap().ok);
    assert_eq!(lib.search(&query("harbor")).unwrap().total, 1);
    assert_eq!(lib.search(&query("herders")).unwrap().total, 0);
}

#[test]
fn read_only_open_refuses_writes_and_missing_library() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Library::open_read_only(dir.path()),
        Err(crate::Error::Missing(_))
    ));
    {
        let mut lib = Library::open(dir.path()).unwrap();
        lib.ingest(&[chad("A", RIVER, "1")]).unwrap();
    }
    let mut ro = Library::open_read_only(dir.path()).unwrap();
    assert_eq!(ro.search(&query("harbor")).unwrap().total, 1);
    assert!(matches!(ro.ingest(&[]), Err(crate::Error::ReadOnly(_))));
}

#[test]
fn rejected_pages_are_reported_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let mut p = page("Chad", "Chad", None, &[RIVER], (1988, None));
    p.kind = PageKind::NotRecognized;
    p.reason = Some("2005 Country Profiles series".into());
    let report = lib.ingest(&[item(p, "m", "1")]).unwrap();
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].reason, "2005 Country Profiles series");
    assert_eq!(lib.check().unwrap().sections, 0);
}

#[test]
fn book_order_follows_url_sequence_then_standard_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let mut items = Vec::new();
    for (seq, title, text) in [
        (12, "Later Kingdoms", "Kings ruled the coast."),
        (9, "Early Kingdoms", "Chiefs ruled the hills."),
        (10, "Middle Kingdoms", "Priests ruled the plain."),
    ] {
        let mut p = page("Chad", "Chad", Some(title), &[text], (1988, Some(12)));
        p.sequence = Some(seq);
        items.push(item(
            p,
            "countrystudies-us",
            &format!("http://countrystudies.us/chad/{seq}.htm"),
        ));
    }
    let mut foreword = page(
        "Chad",
        "Chad",
        Some("Foreword"),
        &["This volume is one in a continuing series."],
        (1988, Some(12)),
    );
    foreword.section_kind = SectionKind::FrontMatter;
    items.push(item(foreword, "country-data", "f"));
    lib.ingest(&items).unwrap();
    let book = lib.book("chad").unwrap();
    let mut titles = Vec::new();
    fn flatten(nodes: &[crate::TocNode], out: &mut Vec<String>) {
        for n in nodes {
            if n.section_id.is_some() {
                out.push(n.title.clone());
            }
            flatten(&n.children, out);
        }
    }
    flatten(&book.toc, &mut titles);
    assert_eq!(
        titles,
        [
            "Foreword",
            "Early Kingdoms",
            "Middle Kingdoms",
            "Later Kingdoms"
        ]
    );
    assert_eq!(book.toc[0].title, "Front Matter");
    // prev/next follow the same order.
    let middle = lib.search(&query("priests")).unwrap().hits[0]
        .section_id
        .clone();
    let section = lib.section(&middle).unwrap();
    assert_eq!(section.prev.unwrap().title, "Early Kingdoms");
    assert_eq!(section.next.unwrap().title, "Later Kingdoms");
}

#[test]
fn as_of_reads_like_the_footer() {
    assert_eq!(crate::format_as_of("1989-05"), "May 1989");
    assert_eq!(crate::format_as_of("1987"), "1987");
    assert_eq!(crate::format_as_of("2025"), "2025");
    assert_eq!(crate::format_as_of("garbage"), "garbage");
}

#[test]
fn optimize_leaves_one_segment_and_no_wal() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut lib = Library::open(dir.path()).unwrap();
        for (i, text) in [RIVER, HILLS, "Traders crossed the salt flats."]
            .iter()
            .enumerate()
        {
            lib.ingest(&[item(
                page("Chad", "Chad", Some("A"), &[text], (1988, None)),
                "m",
                &i.to_string(),
            )])
            .unwrap();
        }
        assert!(lib.check().unwrap().segments > 1);
        assert!(lib.optimize().unwrap());
        let check = lib.check().unwrap();
        assert!(check.ok, "{:?}", check.problems);
        assert_eq!((check.segments, check.sections, check.indexed), (1, 3, 3));
        assert_eq!(lib.search(&query("salt flats")).unwrap().total, 1);
    }
    let wal = dir.path().join("catalog.sqlite-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "WAL left behind"
    );
    let lib = Library::open_read_only(dir.path()).unwrap();
    assert_eq!(lib.search(&query("harbor")).unwrap().total, 1);
}

#[test]
fn exact_wording_ranks_first_quoted_or_not_and_bad_queries_explain_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.ingest(&[
        chad("A", "The Northern Territory is large; the northern territory again.", "1"),
        chad("B", "They still term them the Northern Territories, a long dispute over many small islands and the seas around them.", "2"),
    ])
    .unwrap();
    for text in ["Northern Territories", "\"Northern Territories\""] {
        let hits = lib.search(&query(text)).unwrap();
        assert_eq!(hits.total, 2, "{text}");
        assert_eq!(
            hits.hits[0].section_title.as_deref(),
            Some("B"),
            "{text}: exact wording first"
        );
    }
    // A dangling field is an error that says why; an unknown field is text.
    assert!(matches!(
        lib.search(&query("title:")),
        Err(crate::Error::Query { .. })
    ));
    assert_eq!(lib.search(&query("nosuchfield:dispute")).unwrap().total, 0);
    assert_eq!(lib.search(&query("\"zzzz unclosed")).unwrap().total, 0);
    // An unclosed quote runs to the end.
    assert_eq!(lib.search(&query("\"dispute")).unwrap().total, 1);
    assert!(matches!(
        lib.search(&SearchQuery {
            book: Some("nope".into()),
            ..query("dispute")
        }),
        Err(crate::Error::NotFound { .. })
    ));
    assert!(matches!(
        lib.search(&SearchQuery {
            as_of_from: Some(1995),
            as_of_to: Some(1980),
            ..query("dispute")
        }),
        Err(crate::Error::Argument { .. })
    ));
}

#[test]
fn read_only_open_writes_nothing_into_the_library() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut lib = Library::open(dir.path()).unwrap();
        lib.ingest(&[chad("A", RIVER, "1")]).unwrap();
    }
    let list = |p: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = list(&dir.path().join("index"));
    let lib = Library::open_read_only(dir.path()).unwrap();
    assert_eq!(lib.search(&query("harbor")).unwrap().total, 1);
    assert_eq!(
        list(&dir.path().join("index")),
        before,
        "no lock or other file created in the index"
    );
    let file = dir.path().join("catalog.sqlite");
    assert!(matches!(
        Library::open_read_only(&file),
        Err(crate::Error::NotADirectory(_))
    ));
    assert!(matches!(
        Library::open(&file),
        Err(crate::Error::NotADirectory(_))
    ));
}
