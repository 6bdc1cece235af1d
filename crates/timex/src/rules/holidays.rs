//! Holidays: fixed dates ("Christmas 1776", "Bastille Day"), days counted from Easter ("Good
//! Friday"), and n-th weekdays of a month ("Thanksgiving"), all from `tables::HOLIDAYS`.

use super::absolute::{reference_year, year_for_month};
use super::scan::year_at;
use super::{Ctx, M};
use crate::Type;
use crate::calendar::{weekday, year_string};

/// Holidays with fixed dates, and Easter: "Christmas 1963", "Easter".
pub(super) fn holiday(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    use crate::tables::HolidayDate;
    let (words, rule, night) =
        crate::tables::HOLIDAYS.iter().find(|(words, ..)| words.iter().enumerate().all(|(k, w)| ctx.text_of(i + k).eq_ignore_ascii_case(w)))?;
    // "Good", "All", "St", "V" open a holiday only capitalized.
    if !ctx.tok(i)?.cap {
        return None;
    }
    let mut end = i + words.len();
    // The month (and day) the holiday falls near, for choosing its year in news.
    let (near_month, near_day) = match *rule {
        HolidayDate::Fixed(m, d) => (m, Some(d)),
        HolidayDate::Easter(_) => (4, None),
        HolidayDate::NthWeekday(m, ..) => (m, None),
    };
    let year = match year_at(ctx, end).filter(|(y, _)| *y > 999) {
        Some((y, e)) => {
            end = e;
            Some(y)
        }
        // News: the occurrence nearest the document date.
        None if ctx.news() => year_for_month(ctx, i, near_month, near_day),
        None => reference_year(ctx),
    };
    let value = match (year, *rule) {
        (Some(y), _) => {
            let (m, d) = holiday_date(y, *rule)?;
            format!("{}-{m:02}-{d:02}", year_string(y))
        }
        (None, HolidayDate::Fixed(m, d)) => format!("XXXX-{m:02}-{d:02}"),
        (None, _) => "XXXX-XX-XX".to_string(),
    };
    if *night {
        return Some(M { end, kind: Type::Time, value: format!("{value}TNI"), modifier: None, anchor: None });
    }
    Some(M::date(end, value, None))
}

/// The month and day of a holiday in `year`.
fn holiday_date(year: i32, rule: crate::tables::HolidayDate) -> Option<(u8, u8)> {
    use crate::calendar::{add_days, days_in_month};
    use crate::tables::HolidayDate;
    Some(match rule {
        HolidayDate::Fixed(m, d) => (m, d),
        HolidayDate::Easter(offset) => {
            let (m, d) = easter(year);
            let (_, m, d) = add_days(year, m, d, i64::from(offset));
            (m, d)
        }
        HolidayDate::NthWeekday(m, w, n) => {
            let last = days_in_month(year, m);
            let days: Vec<u8> = (1..=last).filter(|&d| weekday(year, m, d) == w).collect();
            let d = if n < 0 { *days.last()? } else { *days.get(usize::try_from(n - 1).ok()?)? };
            (m, d)
        }
    })
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
fn easter(year: i32) -> (u8, u8) {
    let y = year;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let k = c / 4;
    let l = (32 + 2 * e + 2 * k - h - c % 4).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    (month.clamp(3, 4) as u8, day.clamp(1, 31) as u8)
}
