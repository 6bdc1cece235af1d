//! The interval a TIMEX value denotes.
//!
//! `timex` writes what an expression means as a TIMEX value: `1945-08`, `192` (the 1920s),
//! `18` (the nineteenth century), `1986-SU`, `BC0466`, `XXXX-08-15`, `PRESENT_REF`. A timeline
//! needs the span of calendar time behind it: its first and last day, shown as ISO 8601 partial
//! dates at the value's own precision ("1945-08" → 1945-08..1945-08, "192" → 1920..1929).
//! [`read_value`] does that and sorts every other value into what it is: the present, a
//! recurring date (no year), or nothing a timeline can place.
//!
//! Years before the common era use astronomical numbering, as ISO 8601 and the Library of
//! Congress's EDTF do: 1 BC is year `0000`, 466 BC is `-0465`.

use std::fmt;

use serde::Serialize;

/// A calendar date known to the year, the month or the day: `1945`, `1945-08`, `1945-08-15`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// A year (astronomical numbering: 0 is 1 BC).
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A month; `None` unless `month` is 1..=12.
    pub fn month(year: i32, month: u8) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A day; `None` unless the day exists in that month.
    pub fn day(year: i32, month: u8, day: u8) -> Option<PartialDate> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// The year.
    pub fn get_year(&self) -> i32 {
        self.year
    }

    /// The month, when known.
    pub fn get_month(&self) -> Option<u8> {
        self.month
    }

    /// The day, when known.
    pub fn get_day(&self) -> Option<u8> {
        self.day
    }

    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a leading `-` for years before 1 BC).
    pub fn parse(s: &str) -> Option<PartialDate> {
        let (neg, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let mut parts = rest.split('-');
        let y = parts.next()?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let year = if neg { -year } else { year };
        let num = |p: &str| -> Option<u8> {
            (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let out = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => PartialDate::year(year),
            (Some(m), None, _) => PartialDate::month(year, num(m)?)?,
            (Some(m), Some(d), None) => PartialDate::day(year, num(m)?, num(d)?)?,
            _ => return None,
        };
        Some(out)
    }

    /// A sortable number for the first day this date covers (`YYYYMMDD`, signed).
    pub fn first_key(&self) -> i64 {
        key(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// A sortable number for the last day this date covers.
    pub fn last_key(&self) -> i64 {
        let m = self.month.unwrap_or(12);
        key(
            self.year,
            m,
            self.day.unwrap_or_else(|| days_in_month(self.year, m)),
        )
    }
}

fn key(year: i32, month: u8, day: u8) -> i64 {
    i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", self.year.unsigned_abs())?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How precisely an interval is known; the order is finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A day (or a time of day).
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A quarter, a season or a half-year.
    Season,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
    /// A millennium.
    Millennium,
}

impl Granularity {
    /// The name used in JSON and in the catalog.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Season => "season",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Century => "century",
            Granularity::Millennium => "millennium",
        }
    }

    /// The inverse of [`Granularity::as_str`].
    pub fn parse(s: &str) -> Option<Granularity> {
        Some(match s {
            "day" => Granularity::Day,
            "week" => Granularity::Week,
            "month" => Granularity::Month,
            "season" => Granularity::Season,
            "year" => Granularity::Year,
            "decade" => Granularity::Decade,
            "century" => Granularity::Century,
            "millennium" => Granularity::Millennium,
            _ => return None,
        })
    }
}

/// A span of calendar time, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Interval {
    /// The first date.
    pub start: PartialDate,
    /// The last date (inclusive).
    pub end: PartialDate,
    /// How precisely the text gives it.
    pub granularity: Granularity,
}

impl Interval {
    /// One date as an interval.
    pub fn point(date: PartialDate, granularity: Granularity) -> Interval {
        Interval {
            start: date,
            end: date,
            granularity,
        }
    }

    /// From the start of `self` to the end of `other` ("1918-21"), at the coarser precision.
    /// `None` when `other` ends before `self` starts.
    pub fn through(&self, other: &Interval) -> Option<Interval> {
        (other.end.last_key() >= self.start.first_key()).then(|| Interval {
            start: self.start,
            end: other.end,
            granularity: self.granularity.max(other.granularity),
        })
    }

    /// Whether the interval overlaps the years `from..=to`.
    pub fn overlaps_years(&self, from: Option<i32>, to: Option<i32>) -> bool {
        from.is_none_or(|f| self.end.year >= f) && to.is_none_or(|t| self.start.year <= t)
    }
}

/// What a TIMEX value means for a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A place in calendar time.
    Dated(Interval),
    /// `PRESENT_REF`: the document's own date ("currently", "at present").
    Present,
    /// A date without a year (`XXXX-08-15`): it recurs, it is not an event of one year.
    Recurring,
    /// Anything else: `PAST_REF`, `FUTURE_REF`, unknown parts.
    Undated,
}

/// Read a TIMEX DATE or TIME value.
///
/// ```
/// use timeline::{read_value, Reading, Granularity};
/// let Reading::Dated(i) = read_value("192") else { panic!() };
/// assert_eq!((i.start.to_string(), i.end.to_string()), ("1920".into(), "1929".into()));
/// assert_eq!(i.granularity, Granularity::Decade);
/// assert_eq!(read_value("XXXX-08-15"), Reading::Recurring);
/// assert_eq!(read_value("PRESENT_REF"), Reading::Present);
/// ```
pub fn read_value(value: &str) -> Reading {
    match value {
        "PRESENT_REF" => return Reading::Present,
        "PAST_REF" | "FUTURE_REF" => return Reading::Undated,
        _ => {}
    }
    // A time of day counts as its day.
    let value = value.split('T').next().unwrap_or(value);
    let (bc, rest) = match value.strip_prefix("BC") {
        Some(r) => (true, r),
        None => (false, value),
    };
    let mut parts = rest.split('-');
    let head = parts.next().unwrap_or("");
    if head.starts_with('X') {
        return if bc {
            Reading::Undated
        } else {
            Reading::Recurring
        };
    }
    if head.is_empty() || head.len() > 4 || !head.bytes().all(|b| b.is_ascii_digit()) {
        return Reading::Undated;
    }
    let Ok(n) = head.parse::<i32>() else {
        return Reading::Undated;
    };
    // Astronomical numbering: N BC is 1 - N.
    let year_of = |y: i32| if bc { 1 - y } else { y };
    let tail: Vec<&str> = parts.collect();
    let dated = |start: Option<PartialDate>, end: Option<PartialDate>, g| match (start, end) {
        (Some(s), Some(e)) => Reading::Dated(Interval {
            start: s,
            end: e,
            granularity: g,
        }),
        _ => Reading::Undated,
    };
    match head.len() {
        1 if tail.is_empty() && !bc => {
            // A millennium: `1` is 1000..1999.
            let (a, b) = (n * 1000, n * 1000 + 999);
            dated(
                Some(PartialDate::year(a)),
                Some(PartialDate::year(b)),
                Granularity::Millennium,
            )
        }
        2 if tail.is_empty() => {
            // A century: `18` is 1800..1899; `BC04` (the fifth century BC) is 500 BC..401 BC.
            let (a, b) = if bc {
                (year_of(n * 100 + 100), year_of(n * 100 + 1))
            } else {
                (n * 100, n * 100 + 99)
            };
            dated(
                Some(PartialDate::year(a)),
                Some(PartialDate::year(b)),
                Granularity::Century,
            )
        }
        3 if tail.is_empty() => {
            let (a, b) = if bc {
                (year_of(n * 10 + 9), year_of(n * 10))
            } else {
                (n * 10, n * 10 + 9)
            };
            dated(
                Some(PartialDate::year(a)),
                Some(PartialDate::year(b)),
                Granularity::Decade,
            )
        }
        4 => read_in_year(year_of(n), &tail),
        _ => Reading::Undated,
    }
}

/// The rest of a value after its four-digit year.
fn read_in_year(year: i32, tail: &[&str]) -> Reading {
    let two = |s: &str| -> Option<u8> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let span = |m1: u8, m2: u8, y2: i32| match (
        PartialDate::month(year, m1),
        PartialDate::month(y2, m2),
    ) {
        (Some(s), Some(e)) => Reading::Dated(Interval {
            start: s,
            end: e,
            granularity: Granularity::Season,
        }),
        _ => Reading::Undated,
    };
    match tail {
        [] => Reading::Dated(Interval::point(PartialDate::year(year), Granularity::Year)),
        [m] if m.starts_with('X') => {
            Reading::Dated(Interval::point(PartialDate::year(year), Granularity::Year))
        }
        [m] => match *m {
            "SP" => span(3, 5, year),
            "SU" => span(6, 8, year),
            "FA" | "AU" => span(9, 11, year),
            "WI" => span(12, 2, year.saturating_add(1)),
            "Q1" => span(1, 3, year),
            "Q2" => span(4, 6, year),
            "Q3" => span(7, 9, year),
            "Q4" => span(10, 12, year),
            "H1" => span(1, 6, year),
            "H2" => span(7, 12, year),
            w if w.starts_with('W') => match w[1..].parse::<u32>() {
                Ok(week) if (1..=53).contains(&week) => week_interval(year, week),
                _ => Reading::Dated(Interval::point(PartialDate::year(year), Granularity::Year)),
            },
            m => match two(m).and_then(|m| PartialDate::month(year, m)) {
                Some(d) => Reading::Dated(Interval::point(d, Granularity::Month)),
                None => Reading::Undated,
            },
        },
        [w, _] if w.starts_with('W') => match w[1..].parse::<u32>() {
            Ok(week) if (1..=53).contains(&week) => week_interval(year, week),
            _ => Reading::Undated,
        },
        [m, d, ..] => match two(m) {
            Some(month) => match two(d).and_then(|d| PartialDate::day(year, month, d)) {
                Some(day) => Reading::Dated(Interval::point(day, Granularity::Day)),
                None if d.starts_with('X') => match PartialDate::month(year, month) {
                    Some(md) => Reading::Dated(Interval::point(md, Granularity::Month)),
                    None => Reading::Undated,
                },
                None => Reading::Undated,
            },
            None if m.starts_with('X') => {
                Reading::Dated(Interval::point(PartialDate::year(year), Granularity::Year))
            }
            None => Reading::Undated,
        },
    }
}

/// ISO week `week` of `year`: Monday to Sunday.
fn week_interval(year: i32, week: u32) -> Reading {
    // Day number of 4 January (always in week 1), then back to its Monday.
    let jan4 = days_from_civil(year, 1, 4);
    let weekday = (jan4 + 3).rem_euclid(7); // 0 = Monday (day 0 = 1970-01-01, a Thursday)
    let monday = jan4 - weekday + 7 * (i64::from(week) - 1);
    let (a, b) = (civil_from_days(monday), civil_from_days(monday + 6));
    match (
        PartialDate::day(a.0, a.1, a.2),
        PartialDate::day(b.0, b.1, b.2),
    ) {
        (Some(s), Some(e)) => Reading::Dated(Interval {
            start: s,
            end: e,
            granularity: Granularity::Week,
        }),
        _ => Reading::Undated,
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(value: &str) -> String {
        match read_value(value) {
            Reading::Dated(i) => format!("{}..{} {}", i.start, i.end, i.granularity.as_str()),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn values_become_intervals() {
        let cases = [
            ("1945", "1945..1945 year"),
            ("1945-08", "1945-08..1945-08 month"),
            ("1945-08-15", "1945-08-15..1945-08-15 day"),
            ("1918-11-11T11:00", "1918-11-11..1918-11-11 day"),
            ("1945-08-XX", "1945-08..1945-08 month"),
            ("192", "1920..1929 decade"),
            ("18", "1800..1899 century"),
            ("1", "1000..1999 millennium"),
            ("1986-SU", "1986-06..1986-08 season"),
            ("1986-WI", "1986-12..1987-02 season"),
            ("1990-Q1", "1990-01..1990-03 season"),
            ("1990-H2", "1990-07..1990-12 season"),
            ("2009-W01", "2008-12-29..2009-01-04 week"),
            ("BC0466", "-0465..-0465 year"),
            ("BC0001", "0000..0000 year"),
            ("BC04", "-0499..-0400 century"),
            ("BC06", "-0699..-0600 century"),
            ("BC048", "-0488..-0479 decade"),
        ];
        for (value, want) in cases {
            assert_eq!(show(value), want, "{value}");
        }
    }

    #[test]
    fn other_values_are_sorted_out() {
        assert_eq!(read_value("XXXX-08-15"), Reading::Recurring);
        assert_eq!(read_value("XXXX-04"), Reading::Recurring);
        assert_eq!(read_value("XXXX"), Reading::Recurring);
        assert_eq!(read_value("PRESENT_REF"), Reading::Present);
        for v in [
            "PAST_REF",
            "FUTURE_REF",
            "",
            "P3Y",
            "1945-13",
            "1945-02-30",
            "abc",
            "19456",
        ] {
            assert_eq!(read_value(v), Reading::Undated, "{v}");
        }
    }

    #[test]
    fn keys_sort_days_inside_their_months() {
        let y = PartialDate::year(1945);
        let m = PartialDate::month(1945, 8).unwrap();
        let d = PartialDate::day(1945, 8, 15).unwrap();
        assert!(y.first_key() < m.first_key() && m.first_key() < d.first_key());
        assert!(d.last_key() < m.last_key() && m.last_key() < y.last_key());
        assert_eq!(
            PartialDate::day(1988, 2, 29).unwrap().last_key(),
            19_880_229
        );
        assert!(PartialDate::year(-465).first_key() < PartialDate::year(0).first_key());
    }

    #[test]
    fn partial_dates_round_trip() {
        for s in ["1945", "1945-08", "1945-08-15", "-0465", "0000"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        for s in ["45", "1945-8", "1945-02-30", "x", "1945-08-15-01"] {
            assert_eq!(PartialDate::parse(s), None, "{s}");
        }
    }

    #[test]
    fn through_joins_ranges_in_order_only() {
        let a = Interval::point(PartialDate::year(1918), Granularity::Year);
        let b = Interval::point(PartialDate::year(1921), Granularity::Year);
        let r = a.through(&b).unwrap();
        assert_eq!(
            (r.start.to_string(), r.end.to_string()),
            ("1918".into(), "1921".into())
        );
        assert!(b.through(&a).is_none());
    }
}
