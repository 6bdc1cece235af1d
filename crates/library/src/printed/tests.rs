//! A printed book stored beside a web copy of one of its sections.

use crate::{Library, PrintedSource, Provenance};

const BOOK: &str = include_str!("../../../pages/tests/fulltext/mongolia.txt");

/// A web copy (crawl text) of the fixture's "Revolution of 1921" section: no section title,
/// other line breaks, a dropped comma, other closing words (so the bodies differ).
const WEB: &str = "Country Listing\n\nMongolia Table of Contents\n\nMongolia\n\n\
In 1921 a small group of revolutionaries, supported by Soviet troops, drove a White Russian \
force out of the capital and formed a government. The religious ruler kept his throne until \
his death in 1924 when the country was proclaimed a people's republic. The Soviet-Mongolian \
friendship treaty of that period set the pattern for sixty years.\n\n\
Data as of June 1989\n";

fn source() -> PrintedSource {
    PrintedSource {
        lccn: Some("91007247".into()),
        title: Some("Mongolia : a country study".into()),
        date: Some("1991".into()),
        rights: Some(
            "The Library of Congress is not aware of any U.S. copyright protection".into(),
        ),
        item_url: Some("https://www.loc.gov/item/91007247/".into()),
        pdf_url: Some("https://tile.loc.gov/storage-services/mongolia.pdf".into()),
        fulltext_url: Some("https://tile.loc.gov/storage-services/mongolia.txt".into()),
    }
}

#[test]
fn a_rebuilt_book_merges_with_the_web_copy_of_its_section() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.set_timelines(false);
    let (page, _) = pages::parse(&pages::Input {
        bytes: WEB.as_bytes(),
        path: Some("web.txt"),
        url: None,
    });
    assert_eq!(page.country.as_deref(), Some("Mongolia"));
    assert!(page.section_title.is_none());
    lib.ingest(&[crate::Item::Page {
        page,
        provenance: Provenance {
            mirror: "crawl-text".into(),
            url: None,
            path: Some("/tmp/web.txt".into()),
            label: Some("web.txt".into()),
            seen_at: None,
        },
    }])
    .unwrap();
    let book = pages::fulltext::rebuild(BOOK);
    let report = lib
        .ingest_printed(
            &book,
            &source(),
            &Provenance {
                mirror: String::new(),
                url: Some("https://www.loc.gov/item/91007247/".into()),
                path: None,
                label: None,
                seen_at: None,
            },
        )
        .unwrap();
    assert_eq!(report.book_id, "mongolia");
    assert_eq!(report.matched_web, 1);
    assert_eq!(report.ingest.merged, 1);
    // The sections are in the library, the web copy now titled by the book, two copies.
    let view = lib.printed_book("mongolia").unwrap().expect("printed book");
    assert_eq!(view.lccn.as_deref(), Some("91007247"));
    assert_eq!(view.research_completed.as_deref(), Some("1989-06"));
    assert_eq!(
        view.edition.as_deref(),
        Some("Second Edition, First Printing, 1991")
    );
    assert_eq!(view.with_web_copy, 1);
    assert_eq!(view.sections, report.sections);
    let entry = view
        .outline
        .iter()
        .find(|o| o.title == "Revolution of 1921")
        .unwrap();
    assert!(entry.web_copy);
    let id = entry.section_id.clone().unwrap();
    let section = lib.section(&id).unwrap();
    assert_eq!(section.section_title.as_deref(), Some("Revolution of 1921"));
    assert_eq!(section.provenance.len(), 2);
    assert_eq!(section.data_as_of.as_deref(), Some("1989-06"));
    let pages = lib.printed_pages(&id).unwrap().expect("pages");
    assert_eq!(
        (pages.first_page.as_str(), pages.last_page.as_str()),
        ("3", "3")
    );
    // Front matter up to page viii, two title leaves: page 3 is PDF page 13.
    assert_eq!(
        pages.pdf_link.as_deref(),
        Some("https://tile.loc.gov/storage-services/mongolia.pdf#page=13")
    );
    // The citation names the printed book: year, publisher, LCCN, the catalogue page.
    let cite = lib.cite(&id).unwrap().text();
    assert!(
        cite.contains(
            "Washington, DC: Federal Research Division, Library of Congress, 1991. LCCN 91007247."
        ) && cite.contains("https://www.loc.gov/item/91007247/"),
        "{cite}"
    );
    // Ingesting the book again changes nothing.
    let again = lib
        .ingest_printed(
            &book,
            &source(),
            &Provenance {
                mirror: String::new(),
                url: Some("https://www.loc.gov/item/91007247/".into()),
                path: None,
                label: None,
                seen_at: None,
            },
        )
        .unwrap();
    assert_eq!(again.ingest.new_sections, 0);
    // A section with no web copy is the book's own text.
    let foreign = view
        .outline
        .iter()
        .find(|o| o.title == "Foreign Trade")
        .unwrap();
    assert!(!foreign.web_copy);
    let s = lib.section(foreign.section_id.as_deref().unwrap()).unwrap();
    assert!(s.paragraphs[0].starts_with("Trade was conducted almost entirely"));
}

#[test]
fn a_book_without_a_known_country_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let book = pages::fulltext::rebuild(
        &BOOK
            .replace("MONGOLIA", "ATLANTIS")
            .replace("Mongolia", "Atlantis"),
    );
    let err = lib
        .ingest_printed(
            &book,
            &PrintedSource::default(),
            &Provenance {
                mirror: String::new(),
                url: None,
                path: None,
                label: None,
                seen_at: None,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("Atlantis"), "{err}");
    assert!(lib.printed_book("atlantis").unwrap().is_none());
}
