//! Unit tests of the server's state (see tests/ for the HTTP-level tests).

use library::{BookRef, CountryView};

use crate::sources_of;

fn book(id: &str, as_of: Option<&str>) -> BookRef {
    BookRef {
        id: id.into(),
        title: id.to_uppercase(),
        kind: "country-study".into(),
        data_as_of: as_of.map(str::to_owned),
    }
}

#[test]
fn sources_pick_the_newest_book_per_country_and_overall() {
    let countries = vec![
        CountryView {
            id: "japan".into(),
            name: "Japan".into(),
            iso: None,
            fips: None,
            books: vec![
                book("japan", Some("1990-01")),
                book("factbook-ja", Some("2025")),
                book("undated", None),
            ],
        },
        CountryView {
            id: "soviet-union".into(),
            name: "Soviet Union".into(),
            iso: None,
            fips: None,
            books: vec![book("soviet-union", Some("1989-05"))],
        },
    ];
    let s = sources_of(&countries);
    assert_eq!(s.newest_by_country["japan"].book_id, "factbook-ja");
    assert_eq!(s.newest_by_country["japan"].book_title, "FACTBOOK-JA");
    assert_eq!(s.newest_by_country["soviet-union"].data_as_of, "1989-05");
    assert_eq!(s.newest_overall.as_deref(), Some("2025"));
    assert_eq!(
        s.countries,
        vec![
            ("japan".to_owned(), "Japan".to_owned()),
            ("soviet-union".to_owned(), "Soviet Union".to_owned())
        ]
    );
}
