//! Unit tests of the full-text rebuild: one `rebuild` per layout variant (the fixture book is
//! tested in `crates/pages/tests/fulltext.rs`).

use super::*;

/// Titles with their levels, as `(level, title)`.
fn outline(book: &PrintedBook) -> Vec<(u8, String)> {
    book.sections
        .iter()
        .map(|s| (s.level, s.title.clone()))
        .collect()
}

fn paragraphs(book: &PrintedBook) -> Vec<String> {
    book.sections
        .iter()
        .flat_map(|s| s.paragraphs().map(str::to_owned))
        .collect()
}

const CONTENTS: &str = concat!(
    "ATLANTIS\na country study\n\nContents\n\n",
    "Preface ............ v\n",
    "Chapter 1. The Land ............ 1\n",
    "  Rivers and Lakes ............ 2\n",
    "    The Great Delta ............ 2\n",
    "  Soils ............ 3\n",
    "Chapter 2. The People ............ 4\n",
    "  Villages ............ 4\n\n",
);

#[test]
fn folio_at_the_foot_and_head_with_folio_at_the_top() {
    let text = format!(
        "{CONTENTS}Preface\n\nThe information is current as of mid-1987.\n\nv\n\n\
         Chapter 1. The Land\n\nThe land is low and the rivers are slow and wide in the\nsouth.\n\n1\n\n\
         2 Atlantis: A Country Study\n\nRivers and Lakes\n\nThe rivers flood in spring and the lakes \
         fill with silt from the hills and the\nmoun-\n\n\
         The Land 3\n\ntains.\n\nThe Great Delta\n\nThe delta is wide.\n\nSoils\n\nSoils are thin.\n\n\n\
         Chapter 2. The People\n\nVillages\n\nVillages line the shore.\n\n4\n"
    );
    let book = rebuild(&text);
    assert_eq!(
        outline(&book),
        [
            (1, "Preface".to_owned()),
            (1, "The Land".to_owned()),
            (2, "Rivers and Lakes".to_owned()),
            (3, "The Great Delta".to_owned()),
            (2, "Soils".to_owned()),
            (1, "The People".to_owned()),
            (2, "Villages".to_owned()),
        ]
    );
    // mid-1987 is a year only.
    assert_eq!(
        book.research_completed,
        Some(AsOf {
            year: 1987,
            month: None
        })
    );
    let ps = paragraphs(&book);
    assert!(ps.contains(&"The rivers flood in spring and the lakes fill with silt from the hills and the mountains.".to_owned()), "{ps:#?}");
    assert!(
        ps.iter()
            .all(|p| !p.contains("Atlantis: A Country Study") && !p.contains("The Land 3"))
    );
    let rivers = &book.sections[2];
    assert_eq!(
        rivers.pages,
        Some(PageRange {
            first: PageNo::Arabic(2),
            last: PageNo::Arabic(3)
        })
    );
    assert_eq!(
        book.sections[0].pages.map(|p| p.first),
        Some(PageNo::Roman(5))
    );
    assert_eq!(book.sections[1].chapter, Some(1));
    assert_eq!(book.sections[3].parent, Some(2));
}

#[test]
fn form_feeds_split_chapter_headings_and_contents_without_indentation() {
    // No indentation in the Contents: CAPITALS are sections, Title Case their subsections.
    let text = "ATLANTIS\na country study\n\nContents\n\n\
        Chapter 1 The Land ...... 1\n\
        RIVERS AND LAKES ...... 2\n\
        The Great Delta ...... 2\n\
        SOILS ...... 3\n\n\
        \x0cChapter 1\n\nThe Land\n\nThe land is low.\n\n\
        \x0cAtlantis: A Country Study\n2\n\nRivers and Lakes\n\nThe rivers are slow.\n\n\
        The Great Delta\n\nThe Soviet-\nJapanese fleet of 1904-\n05 sailed past a well-\nknown cape.\n\n\
        \x0cThe Land\n3\n\nSoils\n\nSoils are thin on the well-known plain.\n";
    let book = rebuild(text);
    assert_eq!(
        outline(&book),
        [
            (1, "The Land".to_owned()),
            (2, "Rivers and Lakes".to_owned()),
            (3, "The Great Delta".to_owned()),
            (2, "Soils".to_owned()),
        ]
    );
    assert_eq!(
        book.sections[2].paragraphs().next(),
        Some("The Soviet-Japanese fleet of 1904-05 sailed past a well-known cape.")
    );
    assert_eq!(
        book.sections[3].pages.map(|p| p.first),
        Some(PageNo::Arabic(3))
    );
    assert!(
        paragraphs(&book)
            .iter()
            .all(|p| !p.contains("Country Study"))
    );
}

#[test]
fn ocr_slips_in_titles_pick_the_better_spelling() {
    let text = "Contents\n\n\
        Chapter l. The Modern Economy ...... 1\n\
          Modem Industry ...... 1\n\
          Trade Routes ...... 2\n\n\
        Chapter 1. The Modem Economy\n\nA modern economy grew from modern mines and modern mills.\n\n\
        MODERN INDUSTRY\n\nModern plants were built.\n\n\
        Trade  Routes\n\nThe routes ran north.\n";
    let book = rebuild(text);
    assert_eq!(
        outline(&book),
        [
            (1, "The Modern Economy".to_owned()),
            (2, "Modern Industry".to_owned()),
            (2, "Trade Routes".to_owned()),
        ]
    );
}

#[test]
fn a_heading_the_contents_lacks_is_a_subsection_of_the_section_before() {
    let text = "Contents\n\n\
        Chapter 1. Government ...... 1\n\
          The Constitution ...... 1\n\
          Local Government ...... 2\n\n\
        Chapter 1. Government\n\nThe state is old.\n\n\
        The Constitution\n\nThe constitution was adopted by a national assembly.\n\n\
        Amendments and Reform\n\nSeveral amendments followed after the war ended.\n\n\
        Local Government\n\nProvinces elect councils.\n";
    let book = rebuild(text);
    assert_eq!(
        outline(&book),
        [
            (1, "Government".to_owned()),
            (2, "The Constitution".to_owned()),
            (3, "Amendments and Reform".to_owned()),
            (2, "Local Government".to_owned()),
        ]
    );
    assert!(!book.sections[2].in_contents);
    assert_eq!(book.sections[2].parent, Some(1));
}

#[test]
fn captions_tables_and_footnote_markers_stay_out_of_paragraphs() {
    let text = "Contents\n\nChapter 1. Trade ...... 1\n\n\
        Chapter 1. Trade\n\nExports grew in the decade after the war, and the\n\n\
        Figure 2. Exports by Destination, 1985\n\n\
        ports were enlarged.4 Imports fell.\n\n\
        Table 3. Exports, 1980-85 (in millions)\n\n\
        Year    Wool    Meat\n1980    12    30\n1985    15    41\n\n\
        Source: Based on a trade yearbook.\n\n\
        A dockworker at the northern port\nCourtesy A. Reader\n\n\
        Trade is seasonal.\n";
    let book = rebuild(text);
    let s = &book.sections[0];
    assert_eq!(
        s.paragraphs().collect::<Vec<_>>(),
        [
            "Exports grew in the decade after the war, and the ports were enlarged. Imports fell.",
            "Trade is seasonal."
        ]
    );
    assert_eq!(s.footnote_markers, 1);
    let captions: Vec<&Block> = s
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Caption(_)))
        .collect();
    assert_eq!(captions.len(), 2);
    let table = s
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    assert_eq!(table.title, "Table 3. Exports, 1980-85 (in millions)");
    assert_eq!(
        table.rows.as_ref().map(|r| r[2].clone()),
        Some(vec!["1985".to_owned(), "15".to_owned(), "41".to_owned()])
    );
    assert_eq!(
        table.source.as_deref(),
        Some("Source: Based on a trade yearbook.")
    );
}

#[test]
fn research_dates_in_their_usual_phrasings() {
    for (text, want) in [
        (
            "Research for this edition was completed in May 1989.",
            Some((1989, Some(5))),
        ),
        (
            "The body of the text reflects information available as of January 1991.",
            Some((1991, Some(1))),
        ),
        ("Data as of December 1987.", Some((1987, Some(12)))),
        (
            "The information is current as of late 1993.",
            Some((1993, None)),
        ),
        ("Nothing here is dated.", None),
    ] {
        let got = front::research_completed(text).map(|(d, _)| (d.year, d.month));
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn recognizes_a_full_text_and_not_a_page() {
    assert!(looks_like_fulltext(
        CONTENTS.replace("Preface", "Chapter 3. Preface").as_str()
    ));
    assert!(!looks_like_fulltext(
        "Country Listing\n\nJapan Table of Contents\n\nJapan\n\nText.\n\nData as of January 1994\n"
    ));
}

#[test]
fn messy_input_is_not_an_error() {
    for text in [
        "",
        "\x0c\x0c",
        "Contents\n\n1\n\nii\n",
        "Chapter 9.\n",
        "xiv\n\n\n12 A Country Study 13\n",
    ] {
        let book = rebuild(text);
        assert!(book.sections.len() <= 1, "{text:?}");
    }
}

#[test]
fn page_numbers_roman_and_arabic() {
    assert_eq!(PageNo::parse("xiv"), Some(PageNo::Roman(14)));
    assert_eq!(PageNo::parse("iiii"), None);
    assert_eq!(PageNo::parse("412"), Some(PageNo::Arabic(412)));
    assert_eq!(PageNo::Roman(9).to_string(), "ix");
}

#[test]
fn a_part_name_is_its_heading_once_then_a_running_head() {
    // `Introduction` heads its own pages (alone above the text, folio at the foot).
    let text = "Contents\n\nIntroduction ...... xi\nChapter 1. Land ...... 1\n\n\
        Introduction\n\nThe country is small and its people are many, and\n\nxi\n\n\
        Introduction\n\nthey live by the sea.\n\nxii\n\n\
        Chapter 1. Land\n\nThe land is flat.\n\n1\n";
    let book = rebuild(text);
    assert_eq!(
        outline(&book),
        [(1, "Introduction".to_owned()), (1, "Land".to_owned())]
    );
    assert_eq!(
        book.sections[0].paragraphs().collect::<Vec<_>>(),
        ["The country is small and its people are many, and they live by the sea."]
    );
    assert_eq!(
        book.sections[0].pages,
        Some(PageRange {
            first: PageNo::Roman(11),
            last: PageNo::Roman(12)
        })
    );
}

#[test]
fn a_title_far_ahead_in_the_contents_is_still_found() {
    let mut text = String::from("Contents\n\nChapter 1. Many ...... 1\n");
    for n in 1..=10 {
        text.push_str(&format!("  Lost Section Number {n} ...... 1\n"));
    }
    text.push_str(
        "  Harbors and Ports ...... 2\n\nChapter 1. Many\n\nText.\n\nHarbors and Ports\n\nShips.\n",
    );
    let book = rebuild(&text);
    assert_eq!(
        outline(&book),
        [(1, "Many".to_owned()), (2, "Harbors and Ports".to_owned())]
    );
    assert_eq!(
        book.diagnostics
            .iter()
            .filter(|d| d.message.contains("Lost Section"))
            .count(),
        10
    );
}

#[test]
fn a_leading_article_does_not_make_another_title() {
    let a = titles::title_key("The Revolution of 1921");
    let b = titles::title_key("REVOLUTION OF 1921");
    assert!(titles::same_title(&a, &b) && titles::same_title(&b, &a));
    assert!(!titles::same_title(
        &titles::title_key("The Economy"),
        &titles::title_key("Economy Policy")
    ));
}

proptest::proptest! {
    /// Messy input is not an error: any mix of the layout's pieces, OCR noise and non-ASCII
    /// rebuilds without a panic.
    #[test]
    fn rebuild_never_panics(lines in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::string::string_regex("[A-Za-zİıß0-9 .:,'-]{0,40}").unwrap(),
            proptest::string::string_regex("(Chapter [0-9lI]{1,3}\\.? ?[A-Z][a-z]{0,12})|(Contents)|(Preface)|(Index)|([ivxlc]{1,5})|([0-9]{1,4})|(\\x0c)|( {0,4}[A-Z][a-z]{1,9} \\.{3,8} [0-9ivx]{1,3})").unwrap(),
            proptest::string::string_regex("[A-Z]{2,12} a country study|Research completed [A-Z][a-z]{2,8} 19[0-9]{2}|Table [0-9]\\. [A-Za-z ]{0,20}|Figure [0-9]\\.|Source: [a-z ]{0,10}|Courtesy [A-Z][a-z]{0,8}|[a-z]{2,9}-").unwrap(),
        ],
        0..80,
    )) {
        let text = lines.join("\n");
        let book = rebuild(&text);
        for s in &book.sections {
            proptest::prop_assert!(s.parent.is_none_or(|p| p < book.sections.len()));
        }
        let _ = looks_like_fulltext(&text);
    }
}
