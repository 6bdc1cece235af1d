//! `server::parse_search_params`, the query-string parsing both search routes use: what it
//! reads, what it refuses, and that no input makes it (or the validation after it) panic.

use proptest::prelude::*;
use server::{SearchParams, parse_search_params};

#[test]
fn reads_every_parameter_decoded() {
    let p = parse_search_params(
        "q=Northern+Territories&country=C%C3%B4te&as_of_from=1986&as_of_to=1998&limit=5&offset=10&x=ignored",
    )
    .unwrap();
    assert_eq!(
        p,
        SearchParams {
            q: Some("Northern Territories".into()),
            country: Some("Côte".into()),
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
    assert_eq!(parse_search_params("").unwrap(), SearchParams::default());
    // Empty fields are "not given".
    let q = parse_search_params("q=x&country=&limit=")
        .unwrap()
        .to_query()
        .unwrap();
    assert_eq!((q.country, q.limit), (None, server::DEFAULT_LIMIT));
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
                }
            }
            Err(e) => prop_assert_eq!(e.status().as_u16(), 400),
        }
    }
}
