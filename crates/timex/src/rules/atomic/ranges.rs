//! The second half of a range written short: the elided year of "1918-21" and "1904-05", and
//! the second day of a month-first range ("April 6-7", "May 4 and 5", "March 5-9, 1918").

use crate::Date;
use crate::rules::primitives::recur::recurring_date;
use crate::rules::primitives::scan::{day_at, month_at, range_joiner, year_at};
use crate::rules::primitives::{Ctx, M, Value};
use crate::tables::Lex;
use crate::token::Kind;

/// The second year of an elided range: the "21" of "1918-21", the "05" of "1904-05".
pub(crate) fn elided_year(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let t = ctx.tok(i)?;
    if t.kind != Kind::Num || !t.plain || t.ndigits != 2 || i < 2 {
        return None;
    }
    if !(ctx.dash(i - 1) || ctx.punct(i - 1, '/')) || ctx.tok(i + 1).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
        return None;
    }
    let first = ctx.tok(i - 2)?;
    if first.kind != Kind::Num || first.ndigits != 4 || !(1000..=2100).contains(&first.num) {
        return None;
    }
    if ctx.tok(i + 1).is_some_and(|n| n.kind == Kind::Word && !n.space_before) {
        return None;
    }
    // "1998-10-21" is a numeric date, not a range.
    if (ctx.punct(i + 1, '-') || ctx.punct(i + 1, '/')) && ctx.adjacent(i + 1) && ctx.tok(i + 2).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
        return None;
    }
    let century = first.num / 100 * 100;
    let mut year = century + t.num;
    if year <= first.num {
        year += 100;
    }
    let d = Date::year_only(i32::try_from(year).ok()?);
    Some(M::date(i + 1, Value::from(d), Some(d)))
}

/// Words that may follow the second day of a month-first range.
const AFTER_RANGE: &[&str] = &["were", "was", "when", "while", "saw", "during", "the", "as", "which"];

/// The second day of a month-first range: the "7" of "April 6-7", the "5" of "May 4 and 5",
/// the "9, 1918" of "March 5-9, 1918". Without a year, a range of a yearly observance recurs
/// ("the festival, August 15-16" is `XXXX-08-16`).
pub(crate) fn range_day(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (day, end) = day_at(ctx, i)?;
    if i < 3 || !range_joiner(ctx, i - 1) {
        return None;
    }
    let mut k = i - 2;
    if ["st", "nd", "rd", "th"].iter().any(|s| ctx.is(k, s)) {
        k -= 1;
    }
    day_at(ctx, k)?;
    let (first, (month, _)) = (k.saturating_sub(3)..k).find_map(|j| month_at(ctx, j).filter(|(_, e)| *e == k).map(|m| (j, m)))?;
    let next_ok = ctx.tok(end).is_none_or(|t| t.kind != Kind::Word || matches!(t.lex, Lex::Prep) || AFTER_RANGE.iter().any(|w| ctx.is(end, w)));
    if !next_ok {
        return None;
    }
    let comma_year = if ctx.punct(end, ',') { year_at(ctx, end + 1).filter(|(y, _)| *y > 999) } else { None };
    let (year, end) = match comma_year.or_else(|| year_at(ctx, end).filter(|(y, _)| *y > 999)) {
        Some((y, e)) => (y, e),
        None if recurring_date(ctx, first, end) => {
            Date::from_ymd(2000, month, day).ok()?;
            return Some(M::date(end, Value::Day(None, Some(month), Some(day)), None));
        }
        None => (ctx.reference(false)?.year(), end),
    };
    let d = Date::clamped(year, Some(month), Some(day))?;
    Some(M::date(end, Value::from(d), None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative};

    #[test]
    fn elided_years() {
        let c = narrative();
        expect(elided_year, &c, None, "the war of 1904-05 ended", "05", "05", "1905");
        expect(elided_year, &c, None, "(1918-21)", "21", "21", "1921");
        expect_none(elided_year, &c, "in 1998-10-21", "10");
        expect_none(elided_year, &c, "in 1998-10-21", "21");
        expect_none(elided_year, &c, "5000-21", "21");
    }

    #[test]
    fn second_days_of_ranges() {
        let c = narrative();
        expect(range_day, &c, None, "on April 6-7 the army", "7", "7", "1989-04-07");
        expect(range_day, &c, None, "on March 5-9, 1918.", "9", "9, 1918", "1918-03-09");
        expect(range_day, &c, None, "on May 4 and 5.", "5", "5", "1989-05-05");
        expect(range_day, &c, None, "The festival is held annually on May 4 and 5.", "5", "5", "XXXX-05-05");
        expect_none(range_day, &c, "on February 27-30.", "30");
    }
}
