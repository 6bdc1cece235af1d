//! Calendar arithmetic on proleptic Gregorian dates and TIMEX value formatting.
//!
//! Years before the common era are stored as negative numbers without a year zero shift
//! (490 BC is `-490`), which keeps "ten years later" after 490 BC at 480 BC.

use crate::Date;

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

/// Adds `n` days to a full date.
pub(crate) fn add_days(year: i32, month: u8, day: u8, n: i64) -> (i32, u8, u8) {
    civil_from_days(days_from_civil(year, month, day).saturating_add(n))
}

/// Adds `n` months to a year and month.
pub(crate) fn add_months(year: i32, month: u8, n: i64) -> (i32, u8) {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + n;
    let y = total.div_euclid(12).clamp(-9999, 9999) as i32;
    (y, (total.rem_euclid(12) + 1) as u8)
}

/// Formats a year the TIMEX way: `1945`, `0800`, `BC0490`.
pub(crate) fn year_string(year: i32) -> String {
    if year <= 0 { format!("BC{:04}", year.unsigned_abs().min(9999)) } else { format!("{:04}", year.min(9999)) }
}

/// Formats a date of any granularity: `1945`, `1945-08`, `1945-08-06`.
pub(crate) fn date_string(date: &Date) -> String {
    let mut s = year_string(date.year);
    if let Some(m) = date.month {
        s.push_str(&format!("-{m:02}"));
        if let Some(d) = date.day {
            s.push_str(&format!("-{d:02}"));
        }
    }
    s
}

/// True when the year, month and day form a real date.
pub(crate) fn valid(year: i32, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}
