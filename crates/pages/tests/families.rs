//! Recognition, country and data-as-of accuracy per page family, on our own fixtures in each
//! family's layout (`test_data/ok/`, `test_data/many/`). Prints the table
//! (`cargo test -p pages --test families -- --nocapture`) and fails below 100 %: every
//! expectation here is what a reader of the page would say, written by hand.

use std::path::PathBuf;

/// (family, fixture, country, data-as-of, book) — `None` where the page does not say.
const GOLD: &[(&str, &str, Option<&str>, Option<&str>, &str)] = &[
    (
        "photius/theodora/workmall",
        "photius-bolivia-economy.html",
        Some("Bolivia"),
        Some("1989-12"),
        "Bolivia",
    ),
    (
        "photius/theodora/workmall",
        "workmall-soviet-former-slug-title.html",
        Some("Soviet Union"),
        Some("1989-05"),
        "Soviet Union",
    ),
    (
        "photius/theodora/workmall",
        "theodora-chad-chrome-only.txt",
        Some("Chad"),
        Some("1988-12"),
        "Chad",
    ),
    (
        "mongabay reference",
        "mongabay-reference-brazil-geography.txt",
        Some("Brazil"),
        Some("1997-04"),
        "Brazil",
    ),
    (
        "mongabay history profile",
        "mongabay-history-chad-profile.txt",
        Some("Chad"),
        Some("1988-12"),
        "Chad",
    ),
    (
        "Data as of, no country",
        "country-data-headerless-narrative.txt",
        None,
        Some("1988-06"),
        "",
    ),
    (
        "front matter",
        "countrystudies-us-somalia-foreword.txt",
        Some("Somalia"),
        None,
        "Somalia",
    ),
    (
        "front matter",
        "crawl-pakistan-preface-no-footer.txt",
        Some("Pakistan"),
        None,
        "Pakistan",
    ),
    (
        "older edition (FAS)",
        "crawl-ghana-fas-1971.txt",
        Some("Ghana"),
        None,
        "Ghana (Foreign Area Studies edition, 1971)",
    ),
    (
        "older edition (FAS)",
        "discmaster-kenya.txt",
        Some("Kenya"),
        None,
        "Kenya (Foreign Area Studies edition, 1983)",
    ),
    (
        "Country Profiles 2005-2008",
        "country-profiles-2005.txt",
        Some("Vietnam"),
        Some("2005-12"),
        "Vietnam: Country Profile (December 2005)",
    ),
];

/// The all-in-one page: (fixture, sections, titles in order).
const MANY: (&str, &[&str]) = (
    "mongabay-all-japan.txt",
    &["The Coastal Plains", "The Inland Sea", "Mountain Villages"],
);

fn read(dir: &str, name: &str) -> (Vec<u8>, Option<String>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(dir)
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let url = std::fs::read_to_string(format!("{}.url", path.display()))
        .ok()
        .map(|u| u.trim().to_owned());
    (bytes, url)
}

#[derive(Default)]
struct Row {
    pages: usize,
    recognized: usize,
    country: usize,
    as_of: usize,
    book: usize,
}

#[test]
fn every_family_is_recognized_with_its_country_and_date() {
    let mut table: Vec<(&str, Row)> = Vec::new();
    let mut wrong = Vec::new();
    for &(family, name, country, as_of, book) in GOLD {
        let (bytes, url) = read("ok", name);
        let (page, _) = pages::parse(&pages::Input {
            bytes: &bytes,
            path: Some(name),
            url: url.as_deref(),
        });
        if !table.iter().any(|(f, _)| *f == family) {
            table.push((family, Row::default()));
        }
        let row = &mut table.iter_mut().find(|(f, _)| *f == family).unwrap().1;
        row.pages += 1;
        let recognized = page.kind == pages::PageKind::CountryStudy;
        let got_as_of = page.data_as_of.map(|d| d.to_string());
        let checks = [
            (recognized, "recognized"),
            (page.country.as_deref() == country, "country"),
            (got_as_of.as_deref() == as_of, "data-as-of"),
            (page.book.as_deref().unwrap_or("") == book, "book"),
        ];
        row.recognized += usize::from(checks[0].0);
        row.country += usize::from(recognized && checks[1].0);
        row.as_of += usize::from(recognized && checks[2].0);
        row.book += usize::from(recognized && checks[3].0);
        for (ok, what) in checks {
            if !ok {
                wrong.push(format!(
                    "{name}: {what} (got {:?} / {:?} / {got_as_of:?} / {:?})",
                    page.kind, page.country, page.book
                ));
            }
        }
    }
    // The all-in-one family: every section found, in order, with its country and date.
    let (bytes, url) = read("many", MANY.0);
    let many = pages::parse_many(&pages::Input {
        bytes: &bytes,
        path: Some(MANY.0),
        url: url.as_deref(),
    });
    let titles: Vec<&str> = many
        .iter()
        .map(|(p, _)| p.section_title.as_deref().unwrap_or(""))
        .collect();
    let row = Row {
        pages: MANY.1.len(),
        recognized: many
            .iter()
            .filter(|(p, _)| p.kind == pages::PageKind::CountryStudy)
            .count(),
        country: many
            .iter()
            .filter(|(p, _)| p.country.as_deref() == Some("Japan"))
            .count(),
        as_of: many
            .iter()
            .filter(|(p, _)| p.data_as_of.map(|d| d.to_string()).as_deref() == Some("1994-01"))
            .count(),
        book: usize::from(titles == MANY.1) * MANY.1.len(),
    };
    if titles != MANY.1 {
        wrong.push(format!("{}: sections {titles:?}", MANY.0));
    }
    table.push(("mongabay all.html (split)", row));
    println!(
        "{:<30} {:>5} {:>10} {:>8} {:>10} {:>6}",
        "family", "pages", "recognized", "country", "data-as-of", "book"
    );
    for (family, r) in &table {
        println!(
            "{family:<30} {:>5} {:>10} {:>8} {:>10} {:>6}",
            r.pages,
            format!("{}/{}", r.recognized, r.pages),
            format!("{}/{}", r.country, r.pages),
            format!("{}/{}", r.as_of, r.pages),
            format!("{}/{}", r.book, r.pages),
        );
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
