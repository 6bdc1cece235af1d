//! Property tests: on any input, tagging does not panic, offsets slice the input on character
//! boundaries to the tag's text, tags are ordered and disjoint, and values are well formed.

use proptest::prelude::*;

fn value_ok(v: &str) -> bool {
    if matches!(v, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF") {
        return true;
    }
    !v.is_empty()
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b':' || b == b'.')
        && (v.starts_with('P') || v.starts_with("BC") || v.starts_with('X') || v.as_bytes()[0].is_ascii_digit())
}

fn check(text: &str) {
    for config in
        [timex::Config::narrative(timex::Date::parse("1989-05")), timex::Config::news(timex::Date::parse("2013-03-12")), timex::Config::narrative(None)]
    {
        let tags = timex::tag(text, &config);
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for t in &tags {
            assert!(t.start < t.end && t.end <= chars.len(), "bad offsets {t:?}");
            assert!(t.start >= last_end, "overlap or disorder at {t:?}");
            last_end = t.end;
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
            assert!(value_ok(&t.value), "bad value {:?} for {:?}", t.value, t.text);
        }
    }
}

const WORDS: &[&str] = &[
    "the",
    "of",
    "in",
    "early",
    "late",
    "mid",
    "-",
    "1945",
    "05",
    "1918",
    "21",
    "490",
    "BC",
    "B.C.",
    "May",
    "March",
    "summer",
    "fall",
    "spring",
    "two",
    "years",
    "later",
    "following",
    "year",
    "month",
    "day",
    "that",
    "this",
    "last",
    "next",
    "week",
    "ago",
    "now",
    "today",
    "yesterday",
    "1920s",
    "'90s",
    "nineteenth",
    "century",
    "10:30",
    "a.m.",
    "p.m.",
    "night",
    "morning",
    "about",
    "over",
    "nearly",
    "a",
    "few",
    "decades",
    "annually",
    "every",
    "per",
    ",",
    ".",
    "(",
    ")",
    "31",
    "29",
    "February",
    "Thursday",
    "Christmas",
    "end",
    "waning",
    "days",
    "World",
    "War",
    "II",
    "As",
    "As of",
    "currently",
    "É",
    "—",
    "«",
    "日本",
    "0",
    "99999999999",
    "12th",
    "1,000",
    "1.5",
    "half",
    "AD",
    "Easter",
    "Good",
    "Friday",
    "Thanksgiving",
    "Ramadan",
    "time",
    "after",
    "before",
    "to",
    "and",
    "since",
    "quarter",
    "weekend",
    "once",
    "fiscal",
    "year-earlier",
    "period",
    "Sunday",
    "midnight",
    "yesterday",
    "earlier",
    "o'clock",
    "6-7",
    "April",
];

proptest! {
    // 2,000 cases by default; `PROPTEST_CASES=200000` for a longer fuzzing run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string_is_safe(text in "\\PC{0,80}") {
        check(&text);
    }

    #[test]
    fn date_words_in_any_order_are_safe(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..24), spaces in proptest::collection::vec(any::<bool>(), 24)) {
        let mut text = String::new();
        for (k, w) in words.iter().enumerate() {
            if spaces[k] { text.push(' '); }
            text.push_str(w);
        }
        check(&text);
    }

    /// Any valid document date across the whole allowed year range, in news and narrative
    /// mode, with date words or any text: no panic (debug builds check overflow), and tags
    /// that slice the input.
    #[test]
    fn any_valid_document_date_is_safe(
        year in timex::MIN_YEAR..=timex::MAX_YEAR,
        month in proptest::option::of(1u8..=12),
        day in proptest::option::of(1u8..=31),
        words in proptest::collection::vec(proptest::sample::select(WORDS), 0..16),
        noise in "\\PC{0,40}",
    ) {
        let dct = timex::Date::new(year, month, day.filter(|_| month.is_some()))
            .or_else(|_| timex::Date::new(year, month, month.map(|_| 28)))
            .expect("a valid date");
        for text in [words.join(" "), format!("{noise} {}", words.join(" "))] {
            for config in [timex::Config::narrative(Some(dct)), timex::Config::news(Some(dct))] {
                let tags = timex::tag(&text, &config);
                let chars: Vec<char> = text.chars().collect();
                for t in &tags {
                    assert!(t.start < t.end && t.end <= chars.len());
                    assert!(value_ok(&t.value), "bad value {:?} for {:?} with {dct:?}", t.value, t.text);
                }
            }
        }
    }

    /// Any year, month and day: the checked constructor either refuses them or gives a date
    /// that reads back the same and lies in the allowed range.
    #[test]
    fn the_date_constructor_is_checked(year in any::<i32>(), month in proptest::option::of(any::<u8>()), day in proptest::option::of(any::<u8>())) {
        match timex::Date::new(year, month, day) {
            Ok(d) => {
                assert_eq!((d.year(), d.month(), d.day()), (year, month, day));
                assert!((timex::MIN_YEAR..=timex::MAX_YEAR).contains(&year));
                assert!(month.is_none_or(|m| (1..=12).contains(&m)));
                assert!(day.is_none_or(|d| (1..=31).contains(&d)) && (day.is_none() || month.is_some()));
                assert_eq!(timex::Date::parse(&d.to_string()).filter(|_| year > 0), (year > 0).then_some(d));
            }
            Err(_) => assert!(
                !(timex::MIN_YEAR..=timex::MAX_YEAR).contains(&year)
                    || month.is_some_and(|m| !(1..=12).contains(&m))
                    || day.is_some()
            ),
        }
    }

    #[test]
    fn dct_strings_never_panic(s in "[0-9T:-]{0,20}") {
        let _ = timex::Date::parse(&s);
    }
}
