//! Anaphoric expressions, resolved against the last mentioned date (or, for deictic ones in
//! news, the document date): "the following year", "that spring", "the same month", "this
//! year", "last week", "next month", "that night", "later that year", "this Friday", a lone
//! weekday ("on Thursday"), "month's end", "the day before", and news comparisons ("the
//! year-earlier period", "the same quarter").

use crate::calendar::{add_days, add_years};
use crate::rules::primitives::resolve::{led, opened, opened_unit, shift, weekday_value};
use crate::rules::primitives::scan::clause_end;
use crate::rules::primitives::{Ctx, M, TimeOfDay, Value};
use crate::tables::{Lex, Season, Unit};
use crate::token::Kind;
use crate::{Date, Mod, Type};

/// Anaphoric expressions: "the following year", "that spring", "the same month", "this year",
/// "last week", "next month", "that night", "later that year", "early in the year".
pub(crate) fn anaphoric(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    // "to this day" is the present (see `deictic`), not the anchor's day.
    if crate::rules::primitives::to_this_day(ctx, i) {
        return None;
    }
    // later that year / early in the year / late that month
    if let Some(m) = led(ctx, i, anaphoric) {
        return m;
    }
    let o = opened(ctx, i)?;
    let (j, k, reference) = (o.j, o.k, o.reference);
    match ctx.lex(j) {
        Lex::Unit(_, false) => opened_unit(ctx, &o),
        Lex::Season(s) => {
            let r = reference?;
            let start_month = match s {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Fall => 9,
                Season::Winter => 12,
            };
            let year = match (k, r.month()) {
                (1, Some(m)) if m < start_month => r.year(),
                (-1, Some(m)) if m > start_month => r.year(),
                _ => add_years(r.year(), k),
            };
            Some(M::date(j + 1, Value::Season(Some(year), s), None))
        }
        Lex::Month(month) if ctx.tok(j).is_some_and(|t| t.cap) => {
            let r = reference?;
            let year = match (k, r.month()) {
                (1, Some(m)) if m < month => r.year(),
                (1, _) => add_years(r.year(), 1),
                (-1, Some(m)) if m > month => r.year(),
                (-1, _) => add_years(r.year(), -1),
                _ => r.year(),
            };
            let d = Date::clamped(year, Some(month), None)?;
            Some(M::date(j + 1, Value::from(d), Some(d)))
        }
        Lex::PartOfDay(part) if !part.is_clock() => {
            let day = reference.filter(|r| r.day().is_some()).and_then(|r| {
                let (y, m, d) = add_days(r.year(), r.month()?, r.day()?, k);
                Date::clamped(y, Some(m), Some(d))
            });
            let value = day.map_or(Value::Day(None, None, None), Value::from).at(TimeOfDay::Part(part));
            Some(M::of(Type::Time, j + 1, value))
        }
        // "this Friday": the Friday of the reference's week.
        Lex::Weekday(w) if ctx.is(i, "this") => weekday_value(ctx, j, w, reference, 2).map(|(v, a)| M::date(j + 1, v, a)),
        Lex::Weekday(w) => weekday_value(ctx, j, w, reference, k).map(|(v, a)| M::date(j + 1, v, a)),
        _ => None,
    }
}

/// A lone weekday: "on Thursday", "Monday morning".
pub(crate) fn weekday(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let Lex::Weekday(w) = ctx.lex(i) else {
        return None;
    };
    if !ctx.tok(i)?.cap {
        return None;
    }
    let (value, anchor) = weekday_value(ctx, i, w, ctx.reference(true), 0)?;
    if let Lex::PartOfDay(part) = ctx.lex(i + 1) {
        if !part.is_clock() {
            return Some(M { end: i + 2, kind: Type::Time, value: value.at(TimeOfDay::Part(part)), modifier: None, anchor });
        }
    }
    Some(M::date(i + 1, value, anchor))
}

/// Nouns after "the year-earlier" / "the year-ago" that name the compared period.
const COMPARED_PERIODS: &[&str] = &["period", "quarter", "month", "months", "year", "level", "levels", "figure", "figures", "week"];

/// News comparisons with the year before: "the year-earlier period", "the year-ago quarter"
/// (the document's year minus one; TIMEX3 tags the noun phrase as a date).
pub(crate) fn year_earlier(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.news() || !ctx.is(i, "the") || !(ctx.is(i + 1, "year") && ctx.dash(i + 2) && (ctx.is(i + 3, "earlier") || ctx.is(i + 3, "ago"))) {
        return None;
    }
    if !COMPARED_PERIODS.iter().any(|w| ctx.is(i + 4, w)) {
        return None;
    }
    let value = match ctx.year_shift_of_last(-1) {
        Some(v) => v,
        None => shift(ctx.reference(true), Unit::Year, -1)?.0,
    };
    Some(M::date(i + 5, value, None))
}

/// News: "the quarter", "that quarter", "the same quarter": the quarter last named.
pub(crate) fn the_quarter(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.news() || !matches!(ctx.lex(i), Lex::The | Lex::Demo(false)) {
        return None;
    }
    let j = if ctx.is(i + 1, "same") { i + 2 } else { i + 1 };
    if !ctx.is(j, "quarter") || ctx.is(j + 1, "of") || ctx.dash(j + 1) {
        return None;
    }
    let value = ctx.year_shift_of_last(0).filter(|v| matches!(v, Value::Quarter(..)))?;
    Some(M::date(j + 1, value, None))
}

/// "month's end", "year's end", "the week's end": the reference unit, at its end.
pub(crate) fn unit_end(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::Unit(unit @ (Unit::Month | Unit::Year | Unit::Week), false) = ctx.lex(j) else { return None };
    if !((ctx.punct(j + 1, '\'') || ctx.punct(j + 1, '’')) && ctx.is(j + 2, "s")) {
        return None;
    }
    let modifier = match ctx.lex(j + 3) {
        Lex::Pos(m @ (Mod::Start | Mod::End)) => m,
        _ => return None,
    };
    let (value, _) = shift(ctx.reference(ctx.news()), unit, 0)?;
    Some(M { end: j + 4, kind: Type::Date, value, modifier: Some(modifier), anchor: None })
}

/// "the day before", "the day after", "the day following", "the night before": a day next to
/// the reference, when nothing follows (an event after it is out of reach); "the year
/// before", "the week before" at the end of a phrase.
pub(crate) fn day_around(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.is(i, "the") {
        return None;
    }
    // "the year before", "the week before": the unit before the reference, at phrase end.
    if let Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year), false) = ctx.lex(i + 1) {
        if ctx.is(i + 2, "before") && ctx.tok(i + 3).is_none_or(|t| t.kind == Kind::Punct) {
            let (value, _) = shift(ctx.reference(false), unit, -1)?;
            return Some(M::date(i + 3, value, None));
        }
        return None;
    }
    if !ctx.is(i + 1, "day") {
        return None;
    }
    let k = if ctx.is(i + 2, "before") {
        -1
    } else if ctx.is(i + 2, "after") || ctx.is(i + 2, "following") {
        1
    } else {
        return None;
    };
    // Narrative (TIMEX2): "the day after the ROK Army crossed the border" through the clause.
    let end = if ctx.tok(i + 3).is_none_or(|t| t.kind == Kind::Punct) {
        i + 3
    } else if !ctx.news() && ctx.tok(i + 3).is_some_and(|t| t.kind == Kind::Word) {
        if ctx.is(i + 2, "following") { i + 3 } else { clause_end(ctx, i + 3)? }
    } else {
        return None;
    };
    let r = ctx.reference(false).filter(|r| r.day().is_some())?;
    let (value, anchor) = shift(Some(r), Unit::Day, k)?;
    Some(M::date(end, value, anchor.filter(|_| k > 0 && end == i + 3)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    #[test]
    fn anaphora_against_the_anchor() {
        let c = narrative();
        let a = Date::from_year_month(1942, 8).ok();
        expect(anaphoric, &c, a, "in the following year", "the", "the following year", "1943");
        expect(anaphoric, &c, a, "in the previous month", "the", "the previous month", "1942-07");
        expect(anaphoric, &c, a, "that spring", "that", "that spring", "1942-SP");
        expect(anaphoric, &c, a, "the following spring", "the", "the following spring", "1943-SP");
        expect(anaphoric, &c, a, "the following March", "the", "the following March", "1943-03");
        expect(anaphoric, &c, a, "later that year", "later", "later that year", "1942");
        expect(anaphoric, &c, Date::from_ymd(1942, 8, 6).ok(), "that night", "that", "that night", "1942-08-06TNI");
        expect_none(anaphoric, &c, "later the following year", "later");
    }

    #[test]
    fn deictic_anaphora_in_news() {
        let c = news();
        expect(anaphoric, &c, None, "last week", "last", "last week", "2013-W10");
        expect(anaphoric, &c, None, "next month", "next", "next month", "2013-04");
        expect(anaphoric, &c, None, "this Friday", "this", "this Friday", "2013-03-15");
        expect(weekday, &c, None, "on Thursday he said", "Thursday", "Thursday", "2013-03-07");
        expect(weekday, &c, None, "Monday morning", "Monday", "Monday morning", "2013-03-11TMO");
        expect_none(weekday, &c, "on thursday", "thursday");
        expect(year_earlier, &c, None, "from the year-earlier period", "the", "the year-earlier period", "2012");
    }

    #[test]
    fn unit_ends_and_days_around() {
        let c = narrative();
        expect(unit_end, &c, Date::from_year_month(1942, 8).ok(), "by month's end", "month", "month's end", "1942-08");
        expect(day_around, &c, Date::from_ymd(1942, 8, 6).ok(), "on the day before.", "the", "the day before", "1942-08-05");
        expect(day_around, &c, Date::from_ymd(1942, 8, 6).ok(), "the year before.", "the", "the year before", "1941");
        expect_none(day_around, &c, "the day before.", "the");
    }
}
