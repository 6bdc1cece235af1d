//! Full date expressions built from the calendar and holiday families: an optional weekday
//! before ("Thursday, March 5, 1998", which in news also fixes the year of "Sunday, March
//! 17"), a calendar date or a holiday, and an optional clock time after ("May 8 1:00AM").

use crate::calendar::add_years;
use crate::rules::atomic::{calendar, holidays};
use crate::rules::primitives::scan::clock_time;
use crate::rules::primitives::{Ctx, M, Value};
use crate::tables::Lex;
use crate::token::Kind;
use crate::{Date, Type};

/// How many weekdays may stand before a date ("Thursday, March 5").
const MAX_WEEKDAYS: usize = 4;

/// Calendar dates: "September 1, 1939", "1 September 1939", "September 1939", "June 20 of
/// 1792", "September 1", "26 January", "1939", "490 BC", a lone month "in April", a holiday,
/// with an optional weekday before ("Thursday, March 5, 1998") and clock time after ("May 8
/// 1:00AM").
pub(crate) fn explicit(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    with_weekdays(ctx, i, MAX_WEEKDAYS)
}

fn with_weekdays(ctx: &Ctx<'_>, i: usize, weekdays_left: usize) -> Option<M> {
    // Weekday, date
    if let Lex::Weekday(_) = ctx.lex(i) {
        let j = if ctx.punct(i + 1, ',') { i + 2 } else { i + 1 };
        let m = with_weekdays(ctx, j, weekdays_left.checked_sub(1)?)?;
        let d = m.anchor.filter(|d| d.day().is_some())?;
        // News: a weekday fixes the year of a date written without one ("Sunday, March 17").
        if ctx.news() && !(m.end > j && ctx.tok(m.end - 1).is_some_and(|t| t.kind == Kind::Num && t.ndigits == 4)) {
            if let Some(fixed) = weekday_year(ctx, i, d) {
                return Some(M::date(m.end, Value::from(fixed), Some(fixed)));
            }
        }
        return Some(m);
    }
    if let Some(m) = calendar::quarter(ctx, i) {
        return Some(m);
    }
    if ctx.is(i, "fiscal") {
        return calendar::fiscal_year(ctx, i);
    }
    if ctx.is(i, "the") {
        return calendar::the_date(ctx, i);
    }
    let m = calendar::calendar_date(ctx, i).or_else(|| holidays::holiday(ctx, i))?;
    // A clock time right after a full date.
    if let Some(d) = m.anchor.filter(|d| d.day().is_some()) {
        let j = if ctx.is(m.end, "at") || ctx.punct(m.end, ',') { m.end + 1 } else { m.end };
        if let Some((time, end)) = clock_time(ctx, j) {
            return Some(M { end, kind: Type::Time, value: Value::from(d).at(time), modifier: None, anchor: m.anchor });
        }
    }
    Some(m)
}

/// The date on the weekday at token `i` nearest `d` (a year either side), if `d` is not on it.
fn weekday_year(ctx: &Ctx<'_>, i: usize, d: Date) -> Option<Date> {
    let Lex::Weekday(w) = ctx.lex(i) else { return None };
    if d.weekday() == Some(w) {
        return None;
    }
    [add_years(d.year(), -1), add_years(d.year(), 1)].into_iter().filter_map(|year| Date::clamped(year, d.month(), d.day())).find(|c| c.weekday() == Some(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, narrative, news};

    #[test]
    fn weekdays_dates_holidays_and_clock_times() {
        let c = narrative();
        expect(explicit, &c, None, "Thursday, March 5, 1998 was cold.", "Thursday", "Thursday, March 5, 1998", "1998-03-05");
        expect(explicit, &c, None, "on May 8, 1945 at 11:00 p.m. the", "May", "May 8, 1945 at 11:00 p.m.", "1945-05-08T23:00");
        expect(explicit, &c, None, "on Christmas 1776 the", "Christmas", "Christmas 1776", "1776-12-25");
        expect(explicit, &c, None, "in the fourth quarter of 1998", "the", "the fourth quarter of 1998", "1998-Q4");
        // News: the weekday picks the year of a date without one (2013-03-17 is a Sunday).
        expect(explicit, &news(), None, "on Sunday, March 17 the", "Sunday", "Sunday, March 17", "2013-03-17");
        expect(explicit, &news(), None, "on Saturday, March 17 the", "Saturday", "Saturday, March 17", "2012-03-17");
        let many = "Monday Monday Monday Monday Monday March 5, 1998";
        assert_eq!(crate::rules::primitives::ctx::testing::run_at(explicit, many, "Monday", &c, None), None);
    }
}
