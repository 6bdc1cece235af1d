//! `server::parse_search_params`, the query-string parsing both search routes use: what it
//! reads, what it refuses, and that no input makes it (or the validation after it) panic.

use proptest::prelude::*;
use server::{SearchParams, parse_search_params};

#[test]
fn reads_every_parameter_decoded() {
    let p = parse_search_params(
        "q=Northern+Territories&country=C%C3%B4te&book=soviet-union&as_of_from=1986&as_of_to=1998&limit=5&offset=10&x=ignored",
    )
    .unwrap();
    assert_eq!(
        p,
        SearchParams {
            q: Some("Northern Territories".into()),
            country: Some("Côte".into()),
            book: Some("soviet-union".into()),
            as_of_from: Some("1986".into()),
            as_of_to: Some("1998".into()),
            limit: Some("5".into()),
            offset: Some("10".into()),
        }
    );
    let q = p.to_query().unwrap();
    assert_eq!(q.text, "Northern Territories");
    assert_eq!((q.limit, q.offset), (5, 10));
    assert_eq!((q.as_of_from, q.as_of_to), (Some(1986), Some(1998)));
    assert_eq!(
        q.book.as_deref(),
        Some("soviet-union"),
        "book reaches the library"
    );
    assert_eq!(parse_search_params("").unwrap(), SearchParams::default());
    // Empty fields are "not given".
    let q = parse_search_params("q=x&country=&book=&limit=")
        .unwrap()
        .to_query()
        .unwrap();
    assert_eq!(
        (q.country, q.book, q.limit),
        (None, None, server::DEFAULT_LIMIT)
    );
}

#[test]
fn refuses_malformed_query_strings_with_400() {
    for bad in ["q=a&q=b", "limit=1&limit=2"] {
        let e = parse_search_params(bad).unwrap_err();
        assert_eq!(e.status().as_u16(), 400, "{bad}");
    }
    // Bytes that are not UTF-8 are replaced, not refused.
    assert_eq!(
        parse_search_params("q=%FF%FE").unwrap().q.as_deref(),
        Some("\u{FFFD}\u{FFFD}")
    );
    // Broken escapes are kept as text, as browsers send them.
    assert_eq!(
        parse_search_params("q=100%").unwrap().q.as_deref(),
        Some("100%")
    );
}

/// Strings made of the characters that matter to the parser.
fn query_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("q".to_owned()),
            Just("limit".to_owned()),
            Just("offset".to_owned()),
            Just("as_of_from".to_owned()),
            Just("as_of_to".to_owned()),
            Just("country".to_owned()),
            Just("book".to_owned()),
            Just("=".to_owned()),
            Just("&".to_owned()),
            Just("+".to_owned()),
            Just("%".to_owned()),
            Just(";".to_owned()),
            "%[0-9A-Fa-f]{0,2}",
            "[0-9-]{1,25}",
            any::<String>(),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        if let Ok(p) = parse_search_params(&s) {
            let _ = p.to_query();
        }
    }

    #[test]
    fn never_panics_on_query_like_strings(s in query_like()) {
        match parse_search_params(&s) {
            Ok(p) => {
                if let Ok(q) = p.to_query() {
                    prop_assert!(!q.text.is_empty());
                    prop_assert!(q.text.len() <= library::MAX_QUERY_LEN);
                    prop_assert!((1..=library::MAX_LIMIT).contains(&q.limit));
                    prop_assert!(q.offset <= server::MAX_OFFSET);
                    prop_assert!(q.validate().is_ok(), "what the server accepts, the library accepts");
                    for y in [q.as_of_from, q.as_of_to].into_iter().flatten() {
                        prop_assert!(library::YEARS.contains(&y));
                    }
                }
            }
            Err(e) => prop_assert_eq!(e.status().as_u16(), 400),
        }
    }
}

#[test]
fn years_are_four_digits_as_on_the_command_line() {
    let year = |v: &str| {
        parse_search_params(&format!("q=x&as_of_from={v}"))
            .unwrap()
            .to_query()
            .map(|q| q.as_of_from)
            .map_err(|e| (e.status().as_u16(), e.message().to_owned()))
    };
    assert_eq!(year("1989"), Ok(Some(1989)));
    // `+` is a space in a query string (trimmed, as in a form); a real plus sign is not.
    assert_eq!(year("+1989"), Ok(Some(1989)));
    assert_eq!(year("%2B1989").unwrap_err().0, 400);
    for bad in ["89", "0089", "19890", "-1989", "0999"] {
        let (status, message) = year(bad).unwrap_err();
        assert_eq!(status, 400, "{bad}");
        assert!(message.contains("four-digit year"), "{bad}: {message}");
    }
}

#[test]
fn the_library_refuses_nothing_the_server_lets_through() {
    // The numbers at the edges of every range: accepted here means accepted there.
    for query in [
        "q=x&limit=1",
        "q=x&limit=200",
        "q=x&offset=0",
        "q=x&offset=10000",
        "q=x&as_of_from=1000&as_of_to=9999",
        "q=x&as_of_from=1989&as_of_to=1989",
    ] {
        let q = parse_search_params(query).unwrap().to_query().unwrap();
        assert!(q.validate().is_ok(), "{query}");
    }
    for query in ["q=x&limit=201", "q=x&offset=10001", "q=x&as_of_to=10000"] {
        let e = parse_search_params(query).unwrap().to_query().unwrap_err();
        assert_eq!(e.status().as_u16(), 400, "{query}");
    }
}
