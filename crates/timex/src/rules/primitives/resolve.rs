//! Moving a reference date: by a number of units ([`shift`]), to a weekday near it
//! ([`weekday_value`]), and the anaphoric unit phrases every family resolves the same way
//! ("the following year", "that month", "later that year"), which the calendar-date and
//! season families use for "August of that year" and "the spring of next year".

use super::ctx::{Ctx, M, Rule};
use super::value::{Count, Value};
use crate::Date;
use crate::calendar::{add_days, add_months, add_years, iso_week};
use crate::tables::{Lex, Rel, Shift, Unit};

/// Moves `reference` by `k` units and gives the result at the unit's granularity:
/// (value, new anchor). Without a reference the value is unknown (`XXXX`, `XXXX-XX`). `None`
/// when the unit has no calendar granularity (hours and below). Saturates at the ends of the
/// year range.
pub(crate) fn shift(reference: Option<Date>, unit: Unit, k: i64) -> Option<(Value, Option<Date>)> {
    let Some(r) = reference else {
        let v = match unit {
            Unit::Year => Value::Year(None),
            Unit::Month => Value::Month(None, None),
            Unit::Day | Unit::Night => Value::Day(None, None, None),
            Unit::Week | Unit::Fortnight => Value::Week(None, None),
            Unit::Decade => Value::Decade(None),
            Unit::Century => Value::Century(None),
            _ => return None,
        };
        return Some((v, None));
    };
    let year = r.year();
    Some(match unit {
        Unit::Year => {
            let y = add_years(year, k);
            (Value::Year(Some(y)), Some(Date::year_only(y)))
        }
        Unit::Decade => (Value::Decade(Some(Count::decade_of(add_years(year, k.saturating_mul(10))))), None),
        Unit::Century => (Value::Century(Some(Count::century_of(add_years(year, k.saturating_mul(100))))), None),
        Unit::Quarter => match r.month() {
            Some(m) => {
                let (y, m) = add_months(year, m, k.saturating_mul(3));
                (Value::Quarter(Some(y), Some((m - 1) / 3 + 1)), None)
            }
            None => (Value::Quarter(Some(year), None), None),
        },
        Unit::Month => match r.month() {
            Some(m) => {
                let (y, m) = add_months(year, m, k);
                (Value::Month(Some(y), Some(m)), Date::clamped(y, Some(m), None))
            }
            None => (Value::Month(Some(year), None), None),
        },
        Unit::Day | Unit::Night => match (r.month(), r.day()) {
            (Some(m), Some(d)) => {
                let (y, m, d) = add_days(year, m, d, k);
                (Value::Day(Some(y), Some(m), Some(d)), Date::clamped(y, Some(m), Some(d)))
            }
            (Some(m), None) => (Value::Day(Some(year), Some(m), None), None),
            _ => (Value::Day(Some(year), None, None), None),
        },
        Unit::Week | Unit::Fortnight => {
            let days = k.saturating_mul(if unit == Unit::Fortnight { 14 } else { 7 });
            match (r.month(), r.day()) {
                (Some(m), Some(d)) if year > 0 => {
                    let (y, m, d) = add_days(year, m, d, days);
                    let (wy, w) = iso_week(y, m, d);
                    (Value::Week(Some(wy), Some(w)), None)
                }
                _ => (Value::Week(Some(year), None), None),
            }
        }
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}

/// Resolves the weekday `w` (Monday = 0) at token `j` near a reference: direction `k` (-1
/// last, 0 nearest, 1 next, 2 the same week). Without a reference day: `XXXX-WXX-n`.
pub(crate) fn weekday_value(ctx: &Ctx<'_>, j: usize, w: u8, reference: Option<Date>, k: i64) -> Option<(Value, Option<Date>)> {
    let Some(r) = reference.filter(|r| r.day().is_some()) else {
        return Some((Value::Weekday(w), None));
    };
    let rw = i64::from(r.weekday()?);
    let w = i64::from(w);
    let delta = match k {
        2 => w - rw,
        1 => (w - rw).rem_euclid(7).max(1),
        -1 => -((rw - w).rem_euclid(7).max(1)),
        _ if ctx.news() && ctx.future_tense(j) => (w - rw).rem_euclid(7),
        _ if ctx.news() => -((rw - w).rem_euclid(7)),
        _ => (w - rw).rem_euclid(7),
    };
    let (y, m, d) = add_days(r.year(), r.month()?, r.day()?, delta);
    let d = Date::clamped(y, Some(m), Some(d))?;
    Some((Value::from(d), Some(d)))
}

/// The reference words that open an anaphoric expression: (tokens consumed, offset, deictic).
fn opener(ctx: &Ctx<'_>, i: usize) -> Option<(usize, i64, bool)> {
    match ctx.lex(i) {
        Lex::The => match ctx.lex(i + 1) {
            Lex::Rel(Rel::Next) => Some((2, 1, false)),
            Lex::Rel(Rel::Previous) => Some((2, -1, false)),
            Lex::Rel(Rel::Same) => Some((2, 0, false)),
            _ => None,
        },
        Lex::Demo(proximal) => {
            let n = if matches!(ctx.lex(i + 1), Lex::Rel(Rel::Same)) { 2 } else { 1 };
            Some((n, 0, proximal))
        }
        Lex::Rel(Rel::Last) => Some((1, -1, true)),
        Lex::Rel(Rel::Next) if ctx.is(i, "next") => Some((1, 1, true)),
        _ => None,
    }
}

/// Prepositions after which "the next year" is a stretch of time in news.
const DURATION_PREPOSITIONS: &[&str] = &["over", "for", "during", "within", "throughout", "in"];

/// An opened anaphoric phrase: the word after the opener, the direction and the reference.
pub(crate) struct Opened {
    /// The token after the opener ("year" in "the following year").
    pub j: usize,
    /// -1 for "the previous", 0 for "that", 1 for "the following".
    pub k: i64,
    /// The date the phrase counts from.
    pub reference: Option<Date>,
}

/// The opener at `i` ("the following", "the same", "that", "last", "next"), if any. News:
/// "over the next decade" is a duration (TIMEX3), not a point.
pub(crate) fn opened(ctx: &Ctx<'_>, i: usize) -> Option<Opened> {
    let (n, k, deictic) = opener(ctx, i)?;
    if ctx.news() && n == 2 && k == 1 && DURATION_PREPOSITIONS.iter().any(|w| ctx.is(i.wrapping_sub(1), w)) {
        return None;
    }
    let j = i + n;
    Some(Opened { j, k, reference: ctx.reference_for(deictic, ctx.lex(j)) })
}

/// A singular unit after an opener: "the following year", "that month", "last week". "The
/// previous year" looks back; it does not move the story (no anchor).
pub(crate) fn opened_unit(ctx: &Ctx<'_>, o: &Opened) -> Option<M> {
    let Lex::Unit(unit, false) = ctx.lex(o.j) else {
        return None;
    };
    let (value, anchor) = shift(o.reference, unit, o.k)?;
    Some(M::date(o.j + 1, value, anchor.filter(|_| o.k >= 0)))
}

/// How many lead words ("later in", "early during") may stack before a phrase.
const MAX_LEADS: usize = 4;

/// The lead word at `i` ("later", "earlier", "early", "late"): its modifier and the token
/// after it and an optional "in"/"during".
fn lead(ctx: &Ctx<'_>, i: usize) -> Option<(Option<crate::Mod>, usize)> {
    let modifier = match ctx.lex(i) {
        Lex::Shift(Shift::Later | Shift::Earlier) if ctx.is(i, "later") || ctx.is(i, "earlier") => None,
        Lex::Pos(m) if ctx.is(i, "early") || ctx.is(i, "late") => Some(m),
        _ => return None,
    };
    let j = if ctx.is(i + 1, "in") || ctx.is(i + 1, "during") { i + 2 } else { i + 1 };
    Some((modifier, j))
}

/// A lead word before an anaphoric phrase: "later that year", "early in the year", "late that
/// month". `None` when there is no lead word at `i`; otherwise the match (`Some(None)` when the
/// phrase after it does not match `inner`, or more than `MAX_LEADS` leads stack up).
pub(crate) fn led(ctx: &Ctx<'_>, i: usize, inner: Rule) -> Option<Option<M>> {
    let (modifier, j) = lead(ctx, i)?;
    let mut stacked = 1;
    let mut k = j;
    while let Some((_, next)) = lead(ctx, k) {
        stacked += 1;
        if stacked > MAX_LEADS {
            return Some(None);
        }
        k = next;
    }
    Some(led_phrase(ctx, i, j, inner).map(|m| M { modifier, ..m }))
}

fn led_phrase(ctx: &Ctx<'_>, i: usize, j: usize, inner: Rule) -> Option<M> {
    if ctx.is(j, "the") && matches!(ctx.lex(j + 1), Lex::Unit(_, false)) {
        let Lex::Unit(unit, _) = ctx.lex(j + 1) else {
            return None;
        };
        let (value, _) = shift(ctx.reference(ctx.news()), unit, 0)?;
        return Some(M::date(j + 2, value, None));
    }
    // Right after the lead word only "that"/"this" ("later that year"), not "later the
    // following year".
    if j == i + 1 && !matches!(ctx.lex(j), Lex::Demo(_)) {
        return None;
    }
    inner(ctx, j)
}

/// An anaphoric unit phrase, with optional lead words: "the following year", "that year",
/// "later that year", "early in the year".
pub(crate) fn unit_phrase(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if let Some(m) = led(ctx, i, unit_phrase) {
        return m;
    }
    opened_unit(ctx, &opened(ctx, i)?)
}

#[cfg(test)]
mod tests {
    use super::super::ctx::testing::{expect, narrative};
    use super::*;

    #[test]
    fn shift_moves_at_the_unit_granularity() {
        let d = Date::from_ymd(1945, 8, 6).ok();
        let v = |unit, k| shift(d, unit, k).map(|(v, _)| v.to_timex());
        assert_eq!(v(Unit::Year, 2).as_deref(), Some("1947"));
        assert_eq!(v(Unit::Month, 5).as_deref(), Some("1946-01"));
        assert_eq!(v(Unit::Day, -6).as_deref(), Some("1945-07-31"));
        assert_eq!(v(Unit::Week, 1).as_deref(), Some("1945-W33"));
        assert_eq!(v(Unit::Quarter, -1).as_deref(), Some("1945-Q2"));
        assert_eq!(v(Unit::Decade, 1).as_deref(), Some("195"));
        assert_eq!(v(Unit::Century, -1).as_deref(), Some("18"));
        assert_eq!(v(Unit::Hour, 1), None);
        assert_eq!(shift(None, Unit::Month, 3).map(|(v, _)| v.to_timex()).as_deref(), Some("XXXX-XX"));
    }

    #[test]
    fn shift_saturates_at_the_ends_of_the_year_range() {
        let top = Date::from_ymd(9999, 12, 31).ok();
        for unit in [Unit::Year, Unit::Month, Unit::Day, Unit::Week, Unit::Quarter, Unit::Decade, Unit::Century] {
            for k in [i64::MIN, -1, 0, 1, i64::MAX] {
                let (v, anchor) = shift(top, unit, k).expect("a calendar unit");
                assert!(!v.to_timex().is_empty());
                if let Some(a) = anchor {
                    assert!((crate::MIN_YEAR..=crate::MAX_YEAR).contains(&a.year()));
                }
            }
        }
        assert_eq!(shift(top, Unit::Year, 50).map(|(v, _)| v.to_timex()).as_deref(), Some("9999"));
    }

    #[test]
    fn unit_phrases_with_and_without_leads() {
        let anchor = Date::from_year(1942).ok();
        expect(unit_phrase, &narrative(), anchor, "in the following year", "the", "the following year", "1943");
        expect(unit_phrase, &narrative(), anchor, "later that year", "later", "later that year", "1942");
        expect(unit_phrase, &narrative(), anchor, "early in the year", "early", "early in the year", "1942");
        let stacked = "later in later in later in later in later in that year";
        assert_eq!(super::super::ctx::testing::run_at(unit_phrase, stacked, "later", &narrative(), anchor), None);
    }
}
