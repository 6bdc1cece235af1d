//! Calendar arithmetic on proleptic Gregorian dates, and the TIMEX form of a year.
//!
//! Years before the common era are stored as negative numbers without a year zero shift
//! (490 BC is `-490`), which keeps "ten years later" after 490 BC at 480 BC. Every function
//! that moves a date saturates at the ends of the allowed range (`MIN_YEAR..=MAX_YEAR`): no
//! input overflows, in debug or release builds.

use crate::{MAX_YEAR, MIN_YEAR};

/// Days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of `days_from_civil`.
pub(crate) fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32, month, day)
}

/// Weekday of a date, Monday = 0.
pub(crate) fn weekday(year: i32, month: u8, day: u8) -> u8 {
    (days_from_civil(year, month, day) + 3).rem_euclid(7) as u8
}

/// ISO-8601 week-numbering year and week of a date.
pub(crate) fn iso_week(year: i32, month: u8, day: u8) -> (i32, u8) {
    let days = days_from_civil(year, month, day);
    let thursday = days - i64::from(weekday(year, month, day)) + 3;
    let (ty, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
    (ty, week as u8)
}

/// Adds `n` days to a full date, saturating at 1 January of `MIN_YEAR` and 31 December of
/// `MAX_YEAR`.
pub(crate) fn add_days(year: i32, month: u8, day: u8, n: i64) -> (i32, u8, u8) {
    let (first, last) = (days_from_civil(MIN_YEAR, 1, 1), days_from_civil(MAX_YEAR, 12, 31));
    civil_from_days(days_from_civil(clamp_year(year), month, day).saturating_add(n).clamp(first, last))
}

/// Adds `n` months to a year and month, saturating at January of `MIN_YEAR` and December of
/// `MAX_YEAR`.
pub(crate) fn add_months(year: i32, month: u8, n: i64) -> (i32, u8) {
    let first = i64::from(MIN_YEAR) * 12;
    let last = i64::from(MAX_YEAR) * 12 + 11;
    let total = (i64::from(year) * 12 + i64::from(month) - 1).saturating_add(n).clamp(first, last);
    (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u8)
}

/// Adds `n` years, saturating at `MIN_YEAR` and `MAX_YEAR`.
pub(crate) fn add_years(year: i32, n: i64) -> i32 {
    i64::from(year).saturating_add(n).clamp(i64::from(MIN_YEAR), i64::from(MAX_YEAR)) as i32
}

/// `year` moved into `MIN_YEAR..=MAX_YEAR`.
pub(crate) fn clamp_year(year: i32) -> i32 {
    year.clamp(MIN_YEAR, MAX_YEAR)
}

/// Formats a year the TIMEX way: `1945`, `0800`, `BC0490`.
pub(crate) fn year_string(year: i32) -> String {
    if year <= 0 { format!("BC{:04}", year.unsigned_abs().min(9999)) } else { format!("{:04}", year.min(9999)) }
}

/// True when the year, month and day form a real date.
pub(crate) fn valid(year: i32, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates_at_the_ends_of_the_range() {
        assert_eq!(add_years(MAX_YEAR, 50), MAX_YEAR);
        assert_eq!(add_years(MIN_YEAR, i64::MIN), MIN_YEAR);
        assert_eq!(add_years(1945, -10), 1935);
        assert_eq!(add_months(MAX_YEAR, 12, 1), (MAX_YEAR, 12));
        assert_eq!(add_months(MIN_YEAR, 1, i64::MIN), (MIN_YEAR, 1));
        assert_eq!(add_months(1945, 12, 1), (1946, 1));
        assert_eq!(add_days(MAX_YEAR, 12, 31, 1), (MAX_YEAR, 12, 31));
        assert_eq!(add_days(MIN_YEAR, 1, 1, i64::MIN), (MIN_YEAR, 1, 1));
        assert_eq!(add_days(1945, 12, 31, 1), (1946, 1, 1));
        assert_eq!(add_days(i32::MAX, 1, 1, 0), (MAX_YEAR, 1, 1));
    }

    #[test]
    fn years_are_written_with_four_digits() {
        assert_eq!(year_string(1945), "1945");
        assert_eq!(year_string(800), "0800");
        assert_eq!(year_string(-490), "BC0490");
        assert_eq!(year_string(0), "BC0000");
    }
}
