//! The fixture book (our own words in the layout of a Library of Congress full text, typeset by
//! `eval/fulltext/typeset.py`) rebuilt against its truth.

use pages::fulltext::{Block, PageNo, PartKind, rebuild, title_key};

const BOOK: &str = include_str!("fulltext/mongolia.txt");
const TRUTH: &str = include_str!("fulltext/truth.tsv");
/// The same book in another layout (`typeset.py b`): form feeds, running heads alone above the
/// text, every folio at the foot, a flat Contents (CAPITALS and Title Case) with a list of
/// figures, chapter headings over two lines.
const BOOK_B: &str = include_str!("fulltext/mongolia-b.txt");
/// And with no blank lines inside a page (`typeset.py c`).
const BOOK_C: &str = include_str!("fulltext/mongolia-c.txt");

fn truth_sections() -> Vec<(u8, String)> {
    TRUTH
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (depth, title) = l.split_once('\t')?;
            Some((depth.parse().ok()?, title.to_owned()))
        })
        .collect()
}

#[test]
fn every_section_with_its_title_and_depth() {
    for text in [BOOK, BOOK_B, BOOK_C] {
        check_outline(text);
    }
}

fn check_outline(text: &str) {
    let book = rebuild(text);
    let got: Vec<(u8, String)> = book
        .sections
        .iter()
        .map(|s| match (s.kind, s.chapter) {
            (PartKind::Chapter, Some(n)) => {
                (s.level, title_key(&format!("Chapter {n}. {}", s.title)))
            }
            _ => (s.level, title_key(&s.title)),
        })
        .collect();
    let want: Vec<(u8, String)> = truth_sections()
        .into_iter()
        .map(|(d, t)| (d, title_key(&t)))
        .collect();
    assert_eq!(got, want);
    // The better spelling of each title, not the OCR slip.
    let titles: Vec<&str> = book.sections.iter().map(|s| s.title.as_str()).collect();
    for t in [
        "Modern Industry",
        "Terrain and Drainage",
        "The Great Khans",
        "Historical Setting",
        "Collectivization, 1929-32",
    ] {
        assert!(titles.contains(&t), "{t} in {titles:?}");
    }
}

#[test]
fn no_running_head_or_page_number_in_any_paragraph() {
    for text in [BOOK, BOOK_B, BOOK_C] {
        check_no_furniture(text);
    }
}

fn check_no_furniture(text: &str) {
    let book = rebuild(text);
    for s in book.sections.iter().filter(|s| s.kind != PartKind::Index) {
        for p in s.paragraphs() {
            assert!(!p.contains("Country Study seeks") || s.kind == PartKind::Preface);
            for head in [
                "2 Mongolia",
                "4 Mongolia",
                "Historical Setting 3",
                "Study 6",
                "Environment 7",
            ] {
                assert!(!p.contains(head), "{head} in {p}");
            }
            let last = p.split_whitespace().last().unwrap_or("");
            assert!(
                PageNo::parse(last).is_none(),
                "page number at the end of: {p}"
            );
        }
    }
}

#[test]
fn text_is_rejoined_across_lines_and_pages() {
    let book = rebuild(BOOK);
    let all: Vec<&str> = book.sections.iter().flat_map(|s| s.paragraphs()).collect();
    let has = |t: &str| all.iter().any(|p| p.contains(t));
    // Hyphenated across a page (with its running head between the halves).
    assert!(has("vocabulary of rank that later rulers borrowed."));
    assert!(has("homeland had been driven back"));
    // Real hyphens kept; a footnote marker out of the sentence.
    assert!(has("The Soviet-Mongolian friendship treaty"));
    assert!(has("in 1929-32, was a disaster"));
    assert!(has("about one-third. Armed revolts"));
    assert!(!has("one-third.3"));
}

#[test]
fn metadata_pages_captions_and_tables() {
    let book = rebuild(BOOK);
    assert_eq!(
        book.catalog.title.as_deref(),
        Some("Mongolia: A Country Study")
    );
    assert_eq!(book.catalog.country.as_deref(), Some("Mongolia"));
    assert_eq!(book.catalog.lccn.as_deref(), Some("91-7247"));
    assert_eq!(book.catalog.isbn.as_deref(), Some("0-8444-0729-3"));
    assert_eq!(book.catalog.editors, ["Ada R. Norwood"]);
    assert_eq!(book.catalog.published, Some(1991));
    assert_eq!(
        book.research_completed.map(|d| d.to_string()).as_deref(),
        Some("1989-06")
    );
    let find = |t: &str| book.sections.iter().find(|s| s.title == t).expect(t);
    let range = |t: &str| find(t).pages.map(|p| format!("{}-{}", p.first, p.last));
    assert_eq!(range("Preface").as_deref(), Some("iv-iv"));
    assert_eq!(range("Historical Setting").as_deref(), Some("1-1"));
    assert_eq!(
        range("Early Peoples of the Plateau").as_deref(),
        Some("1-2")
    );
    assert_eq!(range("Collectivization, 1929-32").as_deref(), Some("3-4"));
    let profile = find("Geography");
    assert_eq!(profile.fields[0].label, "Size");
    let population = find("Population");
    let table = population.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    });
    let rows = table.and_then(|t| t.rows.clone()).expect("table rows");
    assert_eq!(rows[0], ["Year", "Urban", "Rural", "Total"]);
    assert_eq!(rows.len(), 5);
    assert!(
        find("Terrain and Drainage")
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Caption(c) if c.starts_with("Figure 3.")))
    );
    assert!(
        find("Historical Setting")
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Caption(c) if c.ends_with("Courtesy Jonas Whitfield")))
    );
    assert!(pages::fulltext::looks_like_fulltext(BOOK));
}
