//! Calendar dates written out: "September 1, 1939", "1 September 1939", "September 1939",
//! "June 20 of 1792", "September 1", "26 January", "1939", "490 BC", "'99", a lone month "in
//! April", numeric dates ("1998-10-21", "10/21/98"), "the 25th of August", "the year 1950",
//! "fiscal 2012" and quarters ("the third quarter of 1998").
//!
//! A month or day without a year takes the year of the reference (`Ctx::year_for_month`),
//! unless its context marks it as a yearly observance (`recur::recurring_date`: "Independence
//! Day (August 15)" is `XXXX-08-15`); a year after it may be an anaphoric phrase ("August of
//! that year", news "March last year"), read with the shared `resolve::unit_phrase`. A year
//! is always its own value: "As of 1989" is `1989`, whatever the document date.

use crate::Date;
use crate::calendar::add_years;
use crate::rules::primitives::recur::recurring_date;
use crate::rules::primitives::resolve::unit_phrase;
use crate::rules::primitives::scan::{day_at, month_at, range_joiner, year_at};
use crate::rules::primitives::{Ctx, M, Value};
use crate::tables::{Lex, Rel, Season, Unit};
use crate::token::Kind;

/// "the 25th of August", "the 20 September", "the 20th", "the year 1950" (with `i` at "the").
pub(crate) fn the_date(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.is(i, "the") {
        return None;
    }
    if ctx.tok(i + 1).is_some_and(|t| t.kind == Kind::Num) {
        let full_date = |m: &M| m.anchor.is_some_and(|d| d.day().is_some()) || m.value.is_ce_day() || m.value.is_recurring_day();
        return calendar_date(ctx, i + 1).filter(full_date).or_else(|| lone_day(ctx, i + 1));
    }
    // "the year 1950", "the years 1955"
    if let Lex::Unit(Unit::Year, _) = ctx.lex(i + 1) {
        let m = calendar_date(ctx, i + 2)?;
        return m.anchor.is_some_and(|d| d.month().is_none()).then_some(m);
    }
    None
}

/// "fiscal 2012", "fiscal year 2012": the year.
pub(crate) fn fiscal_year(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.is(i, "fiscal") {
        return None;
    }
    let j = if ctx.is(i + 1, "year") { i + 2 } else { i + 1 };
    let (year, end) = year_at(ctx, j).filter(|(y, _)| *y > 999)?;
    Some(year_match(end, year))
}

/// "the 20th" (after "the"): a day of the reference month.
fn lone_day(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (day, end) = day_at(ctx, i)?;
    // "the 20th," but not "the 24th Infantry Division" or "the 28 soldiers".
    let next_ok = ctx.tok(end).is_none_or(|t| t.kind == Kind::Punct && !ctx.dash(end))
        || (end > i + 1 && ["and", "to", "when", "until", "as", "at", "in", "after", "before"].iter().any(|w| ctx.is(end, w)));
    if !next_ok {
        return None;
    }
    let r = ctx.reference(false)?;
    full(end, r.year(), r.month()?, day)
}

/// A full date ending at `end`, when it exists.
fn full(end: usize, year: i32, month: u8, day: u8) -> Option<M> {
    let d = Date::clamped(year, Some(month), Some(day))?;
    Some(M::date(end, Value::from(d), Some(d)))
}

/// A month-day of every year ending at `end` (`XXXX-08-15`), when the day exists in some
/// year; it is not an anchor.
fn recurring_day(end: usize, month: u8, day: u8) -> Option<M> {
    Date::from_ymd(2000, month, day).ok()?;
    Some(M::date(end, Value::Day(None, Some(month), Some(day)), None))
}

/// A month of a year ending at `end`.
fn month_year(end: usize, year: i32, month: u8) -> Option<M> {
    let d = Date::clamped(year, Some(month), None)?;
    Some(M::date(end, Value::from(d), Some(d)))
}

/// A year ending at `end`, which becomes the anchor.
fn year_match(end: usize, year: i32) -> M {
    let d = Date::year_only(year);
    M::date(end, Value::from(d), Some(d))
}

/// A year after a month or day: optional comma or "of", then the year.
fn trailing_year(ctx: &Ctx<'_>, j: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_at(ctx, j).filter(|(y, _)| *y > 999 || *y < 0) {
        return Some(y);
    }
    if ctx.punct(j, ',') || ctx.is(j, "of") {
        if let Some(y) = year_at(ctx, j + 1).filter(|(y, _)| *y > 999 || *y < 0) {
            return Some(y);
        }
    }
    // News: "March last year", "June 5 next year"
    if ctx.news() && matches!(ctx.lex(j), Lex::Rel(Rel::Last | Rel::Next) | Lex::Demo(true)) && ctx.lex(j + 1) == Lex::Unit(Unit::Year, false) {
        let m = unit_phrase(ctx, j)?;
        return Some((m.value.ce_year()?, m.end));
    }
    // "August of that year", "January 24 of the same year"
    if ctx.is(j, "of") {
        let m = unit_phrase(ctx, j + 1)?;
        let d = m.anchor.filter(|d| d.month().is_none())?;
        return Some((d.year(), m.end));
    }
    None
}

/// Numeric dates: ISO "1998-10-21" and US "10/21/1998", "10/21/98".
fn numeric_date(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let t = ctx.tok(i)?;
    let num = |k: usize, digits: &[u8]| ctx.tok(k).filter(|t| t.kind == Kind::Num && t.plain && digits.contains(&t.ndigits) && !t.space_before).map(|t| t.num);
    if t.kind != Kind::Num || !t.plain {
        return None;
    }
    let small = |n: u32| u8::try_from(n).ok();
    if t.ndigits == 4 && ctx.punct(i + 1, '-') && ctx.punct(i + 3, '-') {
        let (m, d) = (num(i + 2, &[2])?, num(i + 4, &[2])?);
        if !ctx.adjacent(i + 1) || !ctx.adjacent(i + 3) {
            return None;
        }
        return full(i + 5, i32::try_from(t.num).ok()?, small(m)?, small(d)?);
    }
    if (1..=2).contains(&t.ndigits) && ctx.punct(i + 1, '/') && ctx.punct(i + 3, '/') && ctx.adjacent(i + 1) && ctx.adjacent(i + 3) {
        let (a, b) = (t.num, num(i + 2, &[1, 2])?);
        let y = num(i + 4, &[2, 4])?;
        let year = match ctx.tok(i + 4)?.ndigits {
            2 if y > 30 => 1900 + y,
            2 => 2000 + y,
            _ => y,
        };
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return full(i + 5, i32::try_from(year).ok()?, small(m)?, small(d)?);
    }
    None
}

/// Quarters: "the third quarter", "the fourth quarter of 1998", "the first fiscal quarter",
/// "first-quarter earnings".
pub(crate) fn quarter(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let o = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::Ordinal(n) = ctx.lex(o) else {
        return None;
    };
    // "first-quarter earnings" without "the"
    let k = if ctx.dash(o + 1) && ctx.adjacent(o + 1) {
        o + 2
    } else if o == i {
        return None;
    } else if ctx.is(o + 1, "fiscal") {
        o + 2
    } else {
        o + 1
    };
    if !(1..=4).contains(&n) || !ctx.is(k, "quarter") {
        return None;
    }
    let (year, end) = match trailing_year(ctx, k + 1).filter(|_| ctx.is(k + 1, "of")) {
        Some((y, e)) => (Some(y), e),
        // News: the quarter nearest the document date in the direction of the tense.
        None => match ctx.config.dct.and_then(|d| d.month()).filter(|_| ctx.news()) {
            Some(dm) => (ctx.news_year(i, u32::from(n), u32::from(dm - 1) / 3 + 1, 0), k + 1),
            None => (ctx.reference(true).map(|d| d.year()), k + 1),
        },
    };
    Some(M::date(end, Value::Quarter(year, Some(n)), None))
}

/// A calendar date in any order, a numeric date, a two-digit year ("'99") or a year ("1939",
/// "490 BC", "1982 summer"). A month-day or a month without a year in the context of a
/// yearly observance has none (`XXXX-08-15`) and does not become the anchor.
pub(crate) fn calendar_date(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if let Some(m) = numeric_date(ctx, i) {
        return Some(m);
    }
    let t = ctx.tok(i)?;
    // Month first.
    if let Some((month, j)) = month_at(ctx, i) {
        // day_at takes one or two digits only, so "May 1940" is not read as a day.
        if let Some((day, k)) = day_at(ctx, j) {
            if let Some((year, end)) = trailing_year(ctx, k) {
                return full(end, year, month, day);
            }
            if recurring_date(ctx, i, k) {
                return recurring_day(k, month, day);
            }
            if let Some(year) = ctx.year_for_month(i, month, Some(day)) {
                return full(k, year, month, day);
            }
            return Some(M::date(k, Value::Day(None, Some(month), Some(day)), None));
        }
        if let Some((year, end)) = trailing_year(ctx, j) {
            return month_year(end, year, month);
        }
        // A lone month: "May" and abbreviations need a preposition before them.
        let prep_before = i > 0 && (matches!(ctx.lex(i - 1), Lex::Prep | Lex::Pos(_) | Lex::The) || ctx.punct(i - 1, '(') || ctx.dash(i - 1));
        let lone_ok = t.cap && (prep_before || !(month == 5 || month == 3 || matches!(t.lex, Lex::MonthAbbr(_))));
        if !lone_ok {
            return None;
        }
        if recurring_date(ctx, i, j) {
            return Some(M::date(j, Value::Month(None, Some(month)), None));
        }
        return match ctx.year_for_month(i, month, None) {
            Some(year) => month_year(j, year, month),
            None => Some(M::date(j, Value::Month(None, Some(month)), None)),
        };
    }
    // Day first: "1 September 1939", "26 January", "the 15th of May".
    if let Some((day, j)) = day_at(ctx, i) {
        // "26-30 November", "15 to 22 February", "the 28 and 29 August": the first day takes
        // the month of the second.
        if range_joiner(ctx, j) {
            if let Some((_, k)) = day_at(ctx, j + 1) {
                if let Some((month, l)) = month_at(ctx, k) {
                    let year = trailing_year(ctx, l).map(|(y, _)| y);
                    if year.is_none() && recurring_date(ctx, i, l) {
                        return recurring_day(j, month, day);
                    }
                    let year = year.or_else(|| ctx.reference_year())?;
                    let m = full(j, year, month, day)?;
                    return Some(M { anchor: None, ..m });
                }
            }
        }
        let j = if ctx.is(j, "of") { j + 1 } else { j };
        if let Some((month, k)) = month_at(ctx, j) {
            if let Some((year, end)) = trailing_year(ctx, k) {
                return full(end, year, month, day);
            }
            if recurring_date(ctx, i, k) {
                return recurring_day(k, month, day);
            }
            let year = ctx.year_for_month(i, month, Some(day))?;
            return full(k, year, month, day);
        }
    }
    // "'99": a two-digit year in the reference century.
    if (ctx.punct(i, '\'') || ctx.punct(i, '’'))
        && !ctx.tok(i).is_some_and(|t| !t.space_before && i > 0 && ctx.tok(i - 1).is_some_and(|p| p.kind == Kind::Word))
    {
        let t = ctx.tok(i + 1)?;
        if t.kind != Kind::Num || t.ndigits != 2 || !ctx.adjacent(i + 1) || ctx.tok(i + 2).is_some_and(|n| !n.space_before && n.kind == Kind::Word) {
            return None;
        }
        let century = ctx.reference(false).map_or(1900, |r| r.year().div_euclid(100) * 100);
        let mut year = add_years(century, i64::from(t.num));
        if ctx.reference(false).is_some_and(|r| year > r.year()) {
            year = add_years(year, -100);
        }
        return Some(year_match(i + 2, year));
    }
    // A year.
    let (year, end) = year_at(ctx, i)?;
    // "1982 summer"
    if let Lex::Season(s) = ctx.lex(end) {
        if year > 999 && !(s == Season::Fall && ctx.is(end + 1, "of")) {
            return Some(M::date(end + 1, Value::Season(Some(year), s), Some(Date::year_only(year))));
        }
    }
    Some(year_match(end, year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    #[test]
    fn dates_in_every_order() {
        let c = narrative();
        expect(calendar_date, &c, None, "on March 3, 1918 it", "March", "March 3, 1918", "1918-03-03");
        expect(calendar_date, &c, None, "on 15 March 1918", "15", "15 March 1918", "1918-03-15");
        expect(calendar_date, &c, None, "in June 20 of 1792", "June", "June 20 of 1792", "1792-06-20");
        expect(calendar_date, &c, None, "in 1998-10-21 and", "1998", "1998-10-21", "1998-10-21");
        expect(calendar_date, &c, None, "on 10/21/98.", "10", "10/21/98", "1998-10-21");
        expect(calendar_date, &c, None, "in 404 BC", "404", "404 BC", "BC0404");
        expect(calendar_date, &c, None, "in the '85 season", "'", "'85", "1985");
        expect(calendar_date, &c, None, "As of 1989, the", "1989", "1989", "1989");
        expect_none(calendar_date, &c, "Troops may march.", "may");
        expect_none(calendar_date, &c, "on February 30, 1990", "February");
    }

    #[test]
    fn a_month_without_a_year_takes_the_reference_year() {
        let anchor = Date::from_year_month(1941, 12).ok();
        expect(calendar_date, &narrative(), anchor, "In January the city fell.", "January", "January", "1942-01");
        expect(calendar_date, &narrative(), None, "In January the city fell.", "January", "January", "1989-01");
        expect(calendar_date, &narrative(), Date::from_year(1942).ok(), "in August of that year", "August", "August of that year", "1942-08");
        expect(calendar_date, &news(), None, "Sales fell in March last year.", "March", "March last year", "2012-03");
    }

    #[test]
    fn the_dates_quarters_and_fiscal_years() {
        let c = narrative();
        expect(the_date, &c, None, "on the 25th of August.", "the", "the 25th of August", "1989-08-25");
        expect(the_date, &c, None, "on the 20th, he left", "the", "the 20th", "1989-05-20");
        expect(the_date, &c, None, "in the year 1950", "the", "the year 1950", "1950");
        expect_none(the_date, &c, "the 24th Infantry Division", "the");
        expect(quarter, &c, None, "in the fourth quarter of 1998", "the", "the fourth quarter of 1998", "1998-Q4");
        expect(quarter, &news(), None, "profit in the third quarter rose", "the", "the third quarter", "2012-Q3");
        expect(fiscal_year, &c, None, "in fiscal 2012", "fiscal", "fiscal 2012", "2012");
    }
}
