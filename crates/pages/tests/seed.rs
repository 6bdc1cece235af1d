//! The real seed page in `../shared` (a crawl extract of the *Soviet Union* study) must parse to
//! country `Soviet Union`, data as of `1989-05`, and exactly its two paragraphs, unchanged.
//!
//! The file is outside the repository (`testshared::require`): when it is missing the test fails
//! under `CI=true` and otherwise skips with a message naming the file.

#[test]
fn seed_page_parses() {
    let Some(path) = testshared::require("data/seed/000_49231554a86fdc85.txt") else {
        return;
    };
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("seed page {}: {e}", path.display()));
    let (page, diags) = pages::parse(&pages::Input {
        bytes: &bytes,
        path: None,
        url: None,
    });
    assert_eq!(
        page.kind,
        pages::PageKind::CountryStudy,
        "{:?} {diags:?}",
        page.reason
    );
    assert_eq!(page.mirror, pages::Mirror::CrawlText);
    assert_eq!(page.country.as_deref(), Some("Soviet Union"));
    assert_eq!(page.book.as_deref(), Some("Soviet Union"));
    assert_eq!(
        page.data_as_of.map(|d| d.to_string()).as_deref(),
        Some("1989-05")
    );
    assert_eq!(page.section_kind, pages::SectionKind::Narrative);
    assert_eq!(
        page.section_title, None,
        "country-data narrative pages carry no title"
    );
    assert_eq!(page.paragraphs.len(), 2, "{:#?}", page.paragraphs);
    assert!(
        page.paragraphs[0].starts_with("The poor relations between the Soviet Union and Japan")
    );
    assert!(page.paragraphs[0].contains("Northern Territories-- the small islands"));
    assert!(page.paragraphs[1].starts_with("Under Gorbachev, Soviet-Japanese relations thawed"));
    assert!(page.paragraphs[1].ends_with("to modernize the Soviet economy."));
    // The text is unchanged: every paragraph is a line of the file.
    let text = String::from_utf8(bytes).unwrap();
    for p in &page.paragraphs {
        assert!(text.lines().any(|l| l == p), "paragraph changed: {p}");
    }
    println!("{}", serde_json::to_string_pretty(&page).unwrap());
}
