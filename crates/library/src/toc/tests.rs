//! Expected TOCs: completeness and order, on pages of our own.

use super::*;
use crate::{Item, Provenance};

fn page(url: &str, body: &str) -> Item {
    let text = format!(
        "Country Listing\n\nQatar Table of Contents\n\nQatar\n\n{body}\n\nData as of January 1993\n"
    );
    let (page, _) = pages::parse(&pages::Input {
        bytes: text.as_bytes(),
        path: None,
        url: Some(url),
    });
    assert_eq!(page.kind, pages::PageKind::CountryStudy, "{url}");
    Item::Page {
        page,
        provenance: Provenance {
            mirror: "test".into(),
            url: Some(url.into()),
            path: None,
            label: None,
            seen_at: None,
        },
    }
}

fn entry(title: &str, url: &str) -> ExpectedEntry {
    ExpectedEntry {
        title: title.into(),
        depth: 1,
        country: Some("Qatar".into()),
        urls: vec![url.into(), format!("{url}#alias")],
    }
}

#[test]
fn completeness_counts_missing_entries_and_the_toc_orders_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.set_timelines(false);
    // Stored in the reverse of the TOC's order (their URLs number them that way too).
    lib.ingest(&[
        page(
            "http://mirror.test/qatar/9.htm",
            "Pearling fleets left the coast each summer.",
        ),
        page(
            "http://mirror.test/qatar/8.htm",
            "The peninsula is low and stony.",
        ),
        page(
            "http://mirror.test/qatar/7.htm",
            "Rain falls on few days of the year.",
        ),
    ])
    .unwrap();
    let book = lib
        .books(None)
        .unwrap()
        .into_iter()
        .find(|b| b.title == "Persian Gulf States")
        .unwrap();
    assert_eq!(lib.completeness(&book.id).unwrap(), None);
    let toc = [
        entry("Pearling", "http://mirror.test/qatar/9.htm"),
        entry("Terrain", "http://mirror.test/qatar/8.htm"),
        entry("Not delivered", "http://mirror.test/qatar/10.htm"),
        entry("Climate", "http://mirror.test/qatar/7.htm"),
    ];
    lib.set_expected_toc(&book.id, "mirror.test", &toc).unwrap();
    let c = lib.completeness(&book.id).unwrap().unwrap();
    assert_eq!((c.present, c.expected), (3, 4));
    assert_eq!(c.missing, vec![toc[2].clone()]);
    assert_eq!(c.source, "mirror.test");
    let detail = lib.book(&book.id).unwrap();
    let leaves: Vec<String> = flatten(&detail.toc);
    assert!(leaves[0].contains("Pearling"), "{leaves:?}");
    assert!(leaves[2].contains("Rain"), "{leaves:?}");
    // A later copy from elsewhere does not undo the order; a second TOC replaces the first.
    lib.set_expected_toc(&book.id, "mirror.test", &toc[..1])
        .unwrap();
    let c = lib.completeness(&book.id).unwrap().unwrap();
    assert_eq!((c.present, c.expected), (1, 1));
}

fn flatten(nodes: &[crate::TocNode]) -> Vec<String> {
    let mut out = Vec::new();
    for n in nodes {
        if n.section_id.is_some() {
            out.push(n.title.clone());
        }
        out.extend(flatten(&n.children));
    }
    out
}
