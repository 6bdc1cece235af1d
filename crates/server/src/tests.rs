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

#[tokio::test]
async fn internal_errors_are_logged_not_shown() {
    use axum::response::IntoResponse;
    let err = || library::Error::Corrupt {
        path: "/secret/catalog.sqlite".into(),
        what: "sections",
        message: "bad JSON".into(),
    };
    for html in [false, true] {
        let e = crate::AppError::from(err());
        let res = if html { e.html() } else { e }.into_response();
        assert_eq!(res.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let logged = res.extensions().get::<crate::error::Logged>().cloned();
        assert!(logged.unwrap().0.contains("/secret/catalog.sqlite"));
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            body.contains("internal error; the server log has the details"),
            "{body}"
        );
        assert!(
            !body.contains("secret") && !body.contains("bad JSON"),
            "{body}"
        );
    }
    // Client mistakes keep their message.
    let e = crate::AppError::from(library::Error::Query {
        query: "x".into(),
        message: "empty query".into(),
    });
    assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
}
