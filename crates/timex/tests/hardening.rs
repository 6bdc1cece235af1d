//! Hardening (issue 7): a `Date` cannot be built invalid, year arithmetic saturates at the ends
//! of the allowed range instead of overflowing (these tests run in debug builds, where an
//! overflow panics), and pathological inputs neither overflow the stack nor take quadratic
//! time.

use timex::{Config, Date, DateError, MAX_YEAR, MIN_YEAR, tag};

#[test]
fn a_date_with_month_0_day_32_or_year_i32_max_cannot_be_built() {
    assert_eq!(Date::new(1989, Some(0), None), Err(DateError::MonthOutOfRange(0)));
    assert_eq!(Date::from_year_month(1989, 0), Err(DateError::MonthOutOfRange(0)));
    assert_eq!(Date::from_ymd(1989, 1, 32), Err(DateError::DayOutOfRange { year: 1989, month: 1, day: 32 }));
    assert_eq!(Date::from_ymd(1989, 2, 29), Err(DateError::DayOutOfRange { year: 1989, month: 2, day: 29 }));
    assert_eq!(Date::from_year(i32::MAX), Err(DateError::YearOutOfRange(i32::MAX)));
    assert_eq!(Date::from_year(i32::MIN), Err(DateError::YearOutOfRange(i32::MIN)));
    assert_eq!(Date::from_year(MAX_YEAR + 1), Err(DateError::YearOutOfRange(MAX_YEAR + 1)));
    assert_eq!(Date::new(1989, None, Some(5)), Err(DateError::DayWithoutMonth));
    assert_eq!(Date::parse("1989-00"), None);
    assert_eq!(Date::parse("1989-01-32"), None);
    // The allowed range is the four-digit TIMEX year range.
    assert_eq!((MIN_YEAR, MAX_YEAR), (-9999, 9999));
    let top = Date::from_ymd(MAX_YEAR, 12, 31).expect("the last day of the range");
    assert_eq!((top.year(), top.month(), top.day()), (9999, Some(12), Some(31)));
    assert!(Date::from_ymd(MIN_YEAR, 1, 1).is_ok());
    assert!(DateError::MonthOutOfRange(0).to_string().contains("month 0"));
}

/// Sentences whose values are computed from the document date by year, month, week or day
/// arithmetic.
const ARITHMETIC: &[&str] = &[
    "At the turn of the century, railways spread.",
    "Two centuries later the city fell.",
    "A decade ago the plant closed.",
    "Three thousand years later nothing was left.",
    "The following year, and the previous decade, and the next century.",
    "Next year, last year, this year, next month, next week, next quarter.",
    "Tomorrow, yesterday, tonight, the weekend, next weekend, this Friday.",
    "In January, on 31 December, on Sunday, March 17, at Christmas and on Easter.",
    "A year earlier, the year-earlier period and the same quarter; the third quarter a year later.",
    "The spring of next year, the following spring, that winter, the following March.",
    "In the '99 season and the '05 season.",
    "Five days after the fall of the city, two months of bitter fighting followed.",
    "The day after, the day before, the year before.",
    "Later that year, early in the year, late that month.",
    "Fiscal 2012, the first half, the second half of the year.",
    "100,000 years later and 99999 days earlier.",
];

#[test]
fn arithmetic_at_the_ends_of_the_year_range_saturates_without_panicking() {
    for dct in ["9999-12-31", "9999-12", "9999", "9950", "0000-01-01", "0001-01-01"] {
        let dct = Date::parse(dct).expect("a valid document date");
        for config in [Config::narrative(Some(dct)), Config::news(Some(dct))] {
            for text in ARITHMETIC {
                for t in tag(text, &config) {
                    assert!(!t.value.is_empty(), "{t:?}");
                    // No value leaves the four-digit range: years are 0000-9999 or BC0000-BC9999.
                    let digits = t.value.strip_prefix("BC").unwrap_or(&t.value);
                    if digits.len() >= 4 && digits.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
                        assert!(digits.len() == 4 || !digits.as_bytes()[4].is_ascii_digit(), "{t:?}");
                    }
                }
            }
        }
    }
    for year in [MIN_YEAR, MIN_YEAR + 1, -1, 0, 1, MAX_YEAR - 1, MAX_YEAR] {
        let dct = Date::from_ymd(year, 12, 31).expect("a valid date");
        for config in [Config::narrative(Some(dct)), Config::news(Some(dct))] {
            for text in ARITHMETIC {
                let _ = tag(text, &config);
            }
        }
    }
}

#[test]
fn the_turn_of_the_century_near_the_maximum_year_saturates() {
    let value = |year: i32| {
        let tags = tag("At the turn of the century, railways spread.", &Config::narrative(Date::from_year(year).ok()));
        tags.into_iter().find(|t| t.text == "the turn of the century").map(|t| t.value)
    };
    assert_eq!(value(1897).as_deref(), Some("1900"));
    assert_eq!(value(MAX_YEAR).as_deref(), Some("9999"));
    assert_eq!(value(MAX_YEAR - 49).as_deref(), Some("9999"));
    assert_eq!(value(MIN_YEAR).as_deref(), Some("BC9999"));
}

#[test]
fn shifts_past_the_end_of_the_range_saturate() {
    let news = Config::news(Date::parse("9999-12-31"));
    let got = |text: &str| tag(text, &news).into_iter().map(|t| t.value).collect::<Vec<_>>();
    assert_eq!(got("Two years later it ended."), ["9999"]);
    assert_eq!(got("It ends tomorrow."), ["9999-12-31"]);
    assert_eq!(got("It ends next month."), ["9999-12"]);
    let narrative = Config::narrative(Date::parse("0001"));
    assert_eq!(tag("About 40,000 years before the first settlers arrived.", &narrative)[0].value, "BC9999");
}

/// Long runs of words that open nested expressions used to recurse once per word (a stack
/// overflow) and rescan the run from every token (quadratic time).
#[test]
fn pathological_runs_neither_overflow_the_stack_nor_take_quadratic_time() {
    let start = std::time::Instant::now();
    for unit in ["later in ", "early in ", "Monday, ", "Monday ", "late during ", "In 2010 the June "] {
        let text = format!("{}that year.", unit.repeat(20_000));
        for config in [Config::narrative(Date::parse("1989-05")), Config::news(Date::parse("2013-03-12"))] {
            let tags = tag(&text, &config);
            assert!(tags.iter().all(|t| t.end - t.start < 200), "{unit:?}");
        }
    }
    // A debug build tags these 1.4 MB in a few seconds; quadratic time would take hours.
    assert!(start.elapsed().as_secs() < 120, "took {:?}", start.elapsed());
}
