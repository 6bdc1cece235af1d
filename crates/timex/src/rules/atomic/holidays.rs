//! Holidays and calendar names: fixed dates ("Christmas 1776", "Bastille Day"), days counted
//! from Easter ("Good Friday"), n-th weekdays of a month ("Thanksgiving"), all from
//! `tables::HOLIDAYS`; and calendar names without a fixed date ("Ramadan", "the dry season"),
//! which get the reference year. A holiday without a year in the context of a yearly
//! observance ("New Year's Day (January 1)", "Easter Monday, movable date") has none.

use crate::Type;
use crate::calendar::{add_days, days_in_month, weekday};
use crate::rules::primitives::recur::recurring_holiday;
use crate::rules::primitives::scan::year_at;
use crate::rules::primitives::{Ctx, M, TimeOfDay, Value};
use crate::tables::{CALENDAR_NAMES, DayPart, HOLIDAYS, HolidayDate};

/// Holidays: "Christmas 1963", "Easter", "Christmas Eve", "Guy Fawkes Night".
pub(crate) fn holiday(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (words, rule, night) = HOLIDAYS.iter().find(|(words, ..)| words.iter().enumerate().all(|(k, w)| ctx.text_of(i + k).eq_ignore_ascii_case(w)))?;
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
        None if recurring_holiday(ctx, i, end) => None,
        // News: the occurrence nearest the document date.
        None if ctx.news() => ctx.year_for_month(i, near_month, near_day),
        None => ctx.reference_year(),
    };
    let value = match (year, *rule) {
        (Some(y), _) => {
            let (m, d) = holiday_date(y, *rule)?;
            Value::Day(Some(y), Some(m), Some(d))
        }
        (None, HolidayDate::Fixed(m, d)) => Value::Day(None, Some(m), Some(d)),
        (None, _) => Value::Day(None, None, None),
    };
    if *night {
        return Some(M::of(Type::Time, end, value.at(TimeOfDay::Part(DayPart::Night))));
    }
    Some(M::date(end, value, None))
}

/// The month and day of a holiday in `year`.
fn holiday_date(year: i32, rule: HolidayDate) -> Option<(u8, u8)> {
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

/// Calendar names without a fixed date ("Ramadan", "the dry season", "the monsoon season"):
/// the reference year, the best a value can say.
pub(crate) fn calendar_name(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let words = CALENDAR_NAMES.iter().find(|words| words.iter().enumerate().all(|(k, w)| ctx.is(i + k, w)))?;
    // Proper names ("Passover") only capitalized.
    if words.len() == 1 && !ctx.tok(i)?.cap {
        return None;
    }
    Some(M::date(i + words.len(), Value::Year(ctx.reference_year()), None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    #[test]
    fn fixed_movable_and_nth_weekday_holidays() {
        let c = narrative();
        expect(holiday, &c, None, "on Christmas 1776 the", "Christmas", "Christmas 1776", "1776-12-25");
        expect(holiday, &c, None, "on Good Friday 2013", "Good", "Good Friday 2013", "2013-03-29");
        expect(holiday, &c, None, "on Thanksgiving 2012", "Thanksgiving", "Thanksgiving 2012", "2012-11-22");
        expect(holiday, &c, None, "on Memorial Day 2012", "Memorial", "Memorial Day 2012", "2012-05-28");
        expect(holiday, &c, None, "on Guy Fawkes Night 1950", "Guy", "Guy Fawkes Night 1950", "1950-11-05TNI");
        expect(holiday, &c, None, "at Easter the", "Easter", "Easter", "1989-03-26");
        expect(holiday, &news(), None, "stores opened on Christmas Eve", "Christmas", "Christmas Eve", "2012-12-24");
        expect_none(holiday, &c, "good friday", "good");
        // A holiday of every year: its month-day, or nothing for a movable one.
        expect(holiday, &c, None, "Holidays: New Year's Day (January 1)", "New", "New Year's Day", "XXXX-01-01");
        expect(holiday, &c, None, "Easter Monday, movable date in March or April", "Easter", "Easter Monday", "XXXX-XX-XX");
        expect(holiday, &news(), None, "Christmas is celebrated annually.", "Christmas", "Christmas", "XXXX-12-25");
    }

    #[test]
    fn calendar_names_take_the_reference_year() {
        expect(calendar_name, &narrative(), None, "during Ramadan the", "Ramadan", "Ramadan", "1989");
        expect(calendar_name, &narrative(), None, "in the dry season", "the", "the dry season", "1989");
        expect_none(calendar_name, &narrative(), "passover", "passover");
    }

    #[test]
    fn holiday_dates_exist_in_every_year_of_the_range() {
        for year in [crate::MIN_YEAR, -1, 0, 1, 1582, 2000, crate::MAX_YEAR] {
            for (_, rule, _) in HOLIDAYS {
                let (m, d) = holiday_date(year, *rule).expect("a date");
                assert!(crate::Date::from_ymd(year, m, d).is_ok(), "{year} {rule:?}");
            }
        }
    }
}
