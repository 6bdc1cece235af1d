//! Amounts of time and what is counted from them: durations ("six months", "over nine
//! months", "the next two years", "a few weeks", "ten-day", "for years"), shifted points
//! ("two years later", "three days ago"), sets ("annually", "every year", "twice a week") and
//! the first amount of a range ("two to three days").
//!
//! A duration framed by "the past", "the first" may extend over a date after "of" ("the last
//! week of August"); that extension belongs to the compound layer (`compound::spans`), which
//! reads the `framed` flag of [`duration_parts`].

use crate::rules::primitives::resolve::shift;
use crate::rules::primitives::scan::quantity;
use crate::rules::primitives::{Ctx, M, Qty, Ref, TimeOfDay, Value};
use crate::tables::{DayPart, Lex, Rel, Shift, Unit};
use crate::token::Kind;
use crate::{Mod, Type};

/// Comparison and approximation prefixes: (tokens, modifier).
fn comparison(ctx: &Ctx<'_>, i: usize) -> Option<(usize, Mod)> {
    if ctx.is(i, "at") && ctx.is(i + 1, "least") {
        return Some((2, Mod::EqualOrMore));
    }
    if ctx.is(i, "up") && ctx.is(i + 1, "to") {
        return Some((2, Mod::EqualOrLess));
    }
    if (ctx.is(i, "no") || ctx.is(i, "not")) && ctx.is(i + 1, "more") && ctx.is(i + 2, "than") {
        return Some((3, Mod::EqualOrLess));
    }
    match ctx.lex(i) {
        Lex::Cmp(m) => {
            if ctx.is(i, "more") || ctx.is(i, "less") || ctx.is(i, "fewer") {
                ctx.is(i + 1, "than").then_some((2, m))
            } else if ctx.is(i, "least") {
                None
            } else {
                Some((1, m))
            }
        }
        Lex::Approx if !ctx.is(i, "c") && !ctx.is(i, "ca") && !ctx.is(i, "circa") => Some((1, Mod::Approx)),
        _ => None,
    }
}

/// Shifted points: "two years later", "a week earlier", "three days ago", "about a year later".
pub(crate) fn shifted(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let hedge = hedge(ctx, i);
    let (skip, modifier) = comparison(ctx, i + hedge).map_or((0, None), |(n, m)| (n, Some(m)));
    let skip = skip + hedge;
    let bare = quantity(ctx, i + skip).is_none();
    let (q, j) = match quantity(ctx, i + skip) {
        Some((q, j, _)) => (q, j),
        // "days later", "weeks earlier"
        None if matches!(ctx.lex(i + skip), Lex::Unit(_, true)) => (Qty::Vague, i + skip),
        None => return None,
    };
    let j = if ctx.dash(j) { j + 1 } else { j };
    let Lex::Unit(unit, _) = ctx.lex(j) else {
        return None;
    };
    let Lex::Shift(dir) = ctx.lex(j + 1) else {
        return None;
    };
    if ctx.is(j + 1, "before") && !phrase_end(ctx, j + 2) {
        return None;
    }
    let sign = if dir == Shift::Later { 1 } else { -1 };
    let reference = ctx.reference_for(dir == Shift::Ago, ctx.lex(j));
    // "a decade ago" is a year ("2003" in 2013), not a decade.
    let (unit, scale) = match unit {
        Unit::Decade => (Unit::Year, 10),
        Unit::Century => (Unit::Year, 100),
        u => (u, 1),
    };
    let by_last = match q {
        Qty::N(v) if v.fract() == 0.0 && unit == Unit::Year && dir != Shift::Ago => ctx.year_shift_of_last(saturating_i32(sign * scale * v as i64)),
        _ => None,
    };
    let (value, anchor) = match (by_last, q) {
        (Some(v), _) => (v, None),
        (None, Qty::N(v)) if v.fract() == 0.0 => shift(reference, unit, sign * scale * v as i64)?,
        // TIMEX2 (narrative): a bare "days later" is an unknown day; TIMEX3 (news) and "a few
        // days later" keep the past/future reference.
        _ if bare && !ctx.news() && matches!(unit, Unit::Day | Unit::Month) => (shift(None, unit, 0)?.0, None),
        _ => (Value::Ref(if sign > 0 { Ref::Future } else { Ref::Past }), None),
    };
    let modifier = modifier.filter(|m| *m == Mod::Approx);
    let anchor = anchor.filter(|_| sign > 0);
    // "months before that", "two years after that" (TIMEX2 keeps the pronoun)
    let end =
        if !ctx.news() && (ctx.is(j + 2, "that") || ctx.is(j + 2, "then")) && ctx.tok(j + 3).is_none_or(|t| t.kind == Kind::Punct) { j + 3 } else { j + 2 };
    Some(M { end, kind: Type::Date, value, modifier, anchor })
}

/// True when token `i` ends a phrase: punctuation, the end, or "that"/"then".
fn phrase_end(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.tok(i).is_none_or(|t| t.kind == Kind::Punct) || ctx.is(i, "that") || ctx.is(i, "then")
}

/// Hedges inside a duration's extent: "just seven hours", "another seven months".
const HEDGES: &[&[&str]] =
    &[&["just"], &["only"], &["another"], &["a", "mere"], &["a", "full"], &["barely"], &["a", "little"], &["close", "to"], &["a", "further"]];

/// The number of tokens of a hedge at `i` (0 when there is none).
fn hedge(ctx: &Ctx<'_>, i: usize) -> usize {
    HEDGES.iter().find(|h| h.iter().enumerate().all(|(k, w)| ctx.is(i + k, w))).map_or(0, |h| h.len())
}

/// Adjectives that may stand between an amount and a plural unit ("five consecutive days").
const UNIT_ADJECTIVES: &[&str] = &["consecutive", "straight", "successive", "more", "additional", "long", "full", "whole", "further"];

/// Words before a bare plural unit ("for years") that make it a duration.
const BARE_PLURAL_CUES: &[&str] = &["for", "within", "after", "over", "took", "lasted", "lasting", "spent", "in"];

/// More words before a bare plural unit in news ("follows months of talks").
const NEWS_BARE_PLURAL_CUES: &[&str] = &["follows", "following", "despite", "than", "ended", "ending", "during", "taken", "take", "takes"];

/// Durations: "six months", "three decades", "over nine months", "the next two years",
/// "the past decade", "a few weeks", "ten-day", "half a century", "for years"; and whether the
/// duration is framed ("the past two years", "the first week") so that a date after "of" may
/// extend it ("the last week of August"; see `compound::spans`).
pub(crate) fn duration_parts(ctx: &Ctx<'_>, i: usize) -> Option<(M, bool)> {
    let hedge = hedge(ctx, i);
    let (skip, modifier) = comparison(ctx, i + hedge).map_or((0, None), |(n, m)| (n, Some(m)));
    if skip > 0 && ctx.is(i + hedge + skip, "the") {
        // "over the next two weeks": "over" is a preposition here.
        return None;
    }
    let skip = skip + hedge;
    let mut j = i + skip;
    // the past / the next / the last / the coming / the previous / the following / the first
    let mut framed = false;
    if ctx.is(j, "the")
        && (matches!(ctx.lex(j + 1), Lex::Rel(Rel::Past | Rel::Last | Rel::Next | Rel::Coming | Rel::Previous))
            || ctx.is(j + 1, "first")
            || ctx.is(j + 1, "final"))
    {
        // "the final day of the battle" is a date; "the final three months of 2012" a duration.
        if ctx.is(j + 1, "final") && matches!(ctx.lex(j + 2), Lex::Unit(_, false)) {
            return None;
        }
        j += 2;
        framed = true;
    }
    // "month-long", "year-long", "months-long"
    if let Lex::Unit(unit, plural) = ctx.lex(j) {
        if ctx.dash(j + 1) && ctx.is(j + 2, "long") && ctx.adjacent(j + 1) {
            let q = if plural { Qty::Vague } else { Qty::N(1.0) };
            return Some((M { end: j + 3, kind: Type::Duration, value: Value::Duration(q, unit), modifier, anchor: None }, false));
        }
    }
    let (q, k, article) = match quantity(ctx, j) {
        Some(x) => x,
        None if framed => {
            if let Lex::Unit(unit, true) = ctx.lex(j) {
                // "the following days", "the coming years"
                return Some((M::of(Type::Duration, j + 1, Value::Duration(Qty::Vague, unit)), false));
            }
            (Qty::N(1.0), j, true)
        }
        None => {
            // bare plural: "for years", "months"
            let Lex::Unit(unit, true) = ctx.lex(j) else {
                return None;
            };
            // News (TIMEX3) also tags "after months of talks".
            let cue = BARE_PLURAL_CUES.iter().any(|w| ctx.is(i.wrapping_sub(1), w))
                || (ctx.news() && NEWS_BARE_PLURAL_CUES.iter().any(|w| ctx.is(i.wrapping_sub(1), w)));
            if skip > 0 || i == 0 || !cue || (ctx.is(j + 1, "of") && !ctx.news()) {
                return None;
            }
            return Some((M::of(Type::Duration, j + 1, Value::Duration(Qty::Vague, unit)), false));
        }
    };
    let hyphen = ctx.dash(k) && ctx.adjacent(k) && ctx.adjacent(k + 1);
    // "five consecutive days", "three straight years", "two more weeks"
    let adjective = UNIT_ADJECTIVES.iter().any(|w| ctx.is(k, w)) && matches!(ctx.lex(k + 1), Lex::Unit(_, true));
    let u = if hyphen || adjective { k + 1 } else { k };
    let Lex::Unit(unit, plural) = ctx.lex(u) else {
        return None;
    };
    if unit == Unit::Quarter && !framed {
        return None;
    }
    // "a month-long siege" is the adjective "month-long".
    if article && ctx.dash(u + 1) && ctx.is(u + 2, "long") {
        return None;
    }
    // Singular units after larger numbers only as adjectives ("ten-day", "three hour").
    if !plural && !hyphen && !matches!(q, Qty::N(v) if v <= 1.0) && ctx.tok(u + 1).is_none_or(|t| t.kind != Kind::Word) {
        return None;
    }
    if framed && article && plural {
        return None;
    }
    let mut end = u + 1;
    let mut q = q;
    // "a year and a half"
    if ctx.is(end, "and") && ctx.lex(end + 1) == Lex::A && ctx.lex(end + 2) == Lex::Half {
        if let Qty::N(v) = q {
            q = Qty::N(v + 0.5);
            end += 3;
        }
    }
    // "a year" after an amount is a rate: "$1 billion a year".
    if article && !framed && skip == 0 && i > 0 {
        let prev = ctx.tok(i - 1)?;
        let rate = prev.kind == Kind::Num
            || ["million", "billion", "thousand", "times", "once", "twice", "percent", "dollars", "deaths", "per"].iter().any(|w| ctx.is(i - 1, w));
        if rate {
            return Some((M::of(Type::Set, end, Value::Duration(Qty::N(1.0), unit)), false));
        }
    }
    if skip == 0 && !framed && article && matches!(ctx.lex(end), Lex::Shift(_)) {
        return None;
    }
    // Ages: "18 years old", "26 years of age". TimeML (news) does not tag ages.
    let age_of = unit == Unit::Year && ctx.is(end, "of") && ctx.is(end + 1, "age");
    let hyphen_old = unit == Unit::Year && ctx.dash(end) && ctx.is(end + 1, "old") && ctx.adjacent(end);
    let old = |k: usize| ["old", "older", "younger", "young"].iter().any(|w| ctx.is(k, w));
    if ctx.news() && (age_of || old(end) || (ctx.dash(end) && old(end + 1))) {
        return None;
    }
    if age_of || hyphen_old || (ctx.dash(end) && ctx.is(end + 1, "long")) {
        end += 2;
    } else if (unit == Unit::Year && ctx.is(end, "old")) || ctx.is(end, "long") {
        end += 1;
    }
    Some((M { end, kind: Type::Duration, value: Value::Duration(q, unit), modifier, anchor: None }, framed))
}

/// Sets: "annually", "every year", "each month", "per day", "every two weeks".
pub(crate) fn set(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    // "once a week", "twice a year", "three times a day": the frequency is inside the set.
    let times = if ctx.is(i, "once") || ctx.is(i, "twice") {
        Some(i + 1)
    } else if matches!(ctx.lex(i), Lex::Card(_)) || ctx.tok(i).is_some_and(|t| t.kind == Kind::Num && t.plain && t.ndigits <= 2) {
        ctx.is(i + 1, "times").then_some(i + 2)
    } else {
        None
    };
    if let Some(j) = times {
        if matches!(ctx.lex(j), Lex::A) || ctx.is(j, "per") || ctx.is(j, "every") || ctx.is(j, "each") {
            if let Lex::Unit(unit, false) = ctx.lex(j + 1) {
                let value = if ctx.news() { Value::Duration(Qty::N(1.0), unit) } else { timex2_set(unit) };
                return Some(M { end: j + 2, kind: Type::Set, value, modifier: None, anchor: None });
            }
        }
    }
    if let Lex::SetAdv(unit) = ctx.lex(i) {
        let value = if unit == Unit::Night {
            Value::Day(None, None, None).at(TimeOfDay::Part(DayPart::Night))
        } else if ctx.news() {
            Value::Duration(Qty::N(1.0), unit)
        } else {
            timex2_set(unit)
        };
        return Some(M { end: i + 1, kind: Type::Set, value, modifier: None, anchor: None });
    }
    if !(ctx.is(i, "every") || ctx.is(i, "each") || ctx.is(i, "per")) {
        return None;
    }
    // "every other year"
    if ctx.is(i, "every") && ctx.is(i + 1, "other") {
        if let Lex::Unit(unit, false) = ctx.lex(i + 2) {
            return Some(M { end: i + 3, kind: Type::Set, value: Value::Duration(Qty::N(2.0), unit), modifier: None, anchor: None });
        }
    }
    let (q, j) = match quantity(ctx, i + 1) {
        Some((q, j, _)) if !ctx.is(i, "per") => (q, j),
        _ => (Qty::N(1.0), i + 1),
    };
    match ctx.lex(j) {
        Lex::Unit(unit, _) => {
            let value = if !ctx.news() && !ctx.is(i, "per") && q == Qty::N(1.0) { timex2_set(unit) } else { Value::Duration(q, unit) };
            Some(M { end: j + 1, kind: Type::Set, value, modifier: None, anchor: None })
        }
        Lex::Season(s) if !ctx.is(i, "per") => Some(M { end: j + 1, kind: Type::Set, value: Value::Season(None, s), modifier: None, anchor: None }),
        Lex::Weekday(w) if !ctx.is(i, "per") => Some(M { end: j + 1, kind: Type::Set, value: Value::Weekday(w), modifier: None, anchor: None }),
        _ => None,
    }
}

/// The TIMEX2 value of "every <unit>" ("daily" is `XXXX-XX-XX`); TIMEX3 uses `P1D`.
fn timex2_set(unit: Unit) -> Value {
    match unit {
        Unit::Year => Value::Year(None),
        Unit::Month => Value::Month(None, None),
        Unit::Week | Unit::Fortnight => Value::Week(None, None),
        Unit::Day | Unit::Night => Value::Day(None, None, None),
        other => Value::Duration(Qty::N(1.0), other),
    }
}

/// The first amount of a range or list sharing one unit: the "two" of "two to three days",
/// the "ten" and "fifteen" of "ten, fifteen, and twenty years earlier".
pub(crate) fn range_first(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (q, mut k, article) = quantity(ctx, i)?;
    if article || matches!(q, Qty::Vague) || ctx.tok(i).is_some_and(|t| t.kind == Kind::Num && (!t.plain || t.num >= 1000)) {
        return None;
    }
    for _ in 0..4 {
        // joiner: "to", "or", "and", "-", ",", ", and"
        let j = if ctx.punct(k, ',') && (ctx.is(k + 1, "and") || ctx.is(k + 1, "or")) {
            k + 2
        } else if ctx.punct(k, ',') || ctx.dash(k) || ctx.is(k, "to") || ctx.is(k, "or") || ctx.is(k, "and") {
            k + 1
        } else {
            return None;
        };
        let (_, next, art) = quantity(ctx, j)?;
        if art {
            return None;
        }
        if let Lex::Unit(unit, _) = ctx.lex(next) {
            if matches!(unit, Unit::Quarter) {
                return None;
            }
            // "ten, fifteen, and twenty years earlier": dates counted from the reference.
            if let Lex::Shift(dir) = ctx.lex(next + 1) {
                let Qty::N(v) = q else { return None };
                let sign = if dir == Shift::Later { 1 } else { -1 };
                let reference = ctx.reference(dir == Shift::Ago);
                let (value, _) = shift(reference, unit, sign * v as i64)?;
                return Some(M::date(i + 1, value, None));
            }
            return Some(M { end: i + 1, kind: Type::Duration, value: Value::Duration(q, unit), modifier: None, anchor: None });
        }
        k = next;
    }
    None
}

/// An `i64` as an `i32`, saturating.
fn saturating_i32(n: i64) -> i32 {
    n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    /// The duration rule alone, without the `framed` flag.
    fn duration(ctx: &Ctx<'_>, i: usize) -> Option<M> {
        duration_parts(ctx, i).map(|(m, _)| m)
    }

    #[test]
    fn durations() {
        let c = narrative();
        expect(duration, &c, None, "it took six months to", "six", "six months", "P6M");
        expect(duration, &c, None, "for over nine months", "over", "over nine months", "P9M");
        expect(duration, &c, None, "a year and a half", "a", "a year and a half", "P1.5Y");
        expect(duration, &c, None, "the past decade", "the", "the past decade", "P1DE");
        expect(duration, &c, None, "a ten-day truce", "ten", "ten-day", "P10D");
        expect(duration, &c, None, "he waited for years.", "years", "years", "PXY");
        expect(duration, &c, None, "for a fortnight.", "a", "a fortnight", "P2W");
        expect(duration, &c, None, "he is 18 years old", "18", "18 years old", "P18Y");
        expect_none(duration, &news(), "he is 18 years old", "18");
        // The framed duration stops before "of": the compound layer extends it.
        let text = "the last week of August";
        let (toks, config) = (crate::token::tokenize(text), narrative());
        let ctx = Ctx::new(text, &toks, &config);
        assert_eq!(duration_parts(&ctx, 0).map(|(m, framed)| (m.end, framed)), Some((3, true)));
    }

    #[test]
    fn shifted_points() {
        let c = narrative();
        let a = Date::from_year_month(1942, 8).ok();
        expect(shifted, &c, a, "two years later", "two", "two years later", "1944");
        expect(shifted, &c, a, "three months earlier", "three", "three months earlier", "1942-05");
        expect(shifted, &c, a, "a decade later", "a", "a decade later", "1952");
        expect(shifted, &c, a, "days later", "days", "days later", "XXXX-XX-XX");
        expect(shifted, &c, a, "a few weeks later", "a", "a few weeks later", "FUTURE_REF");
        expect(shifted, &news(), None, "three days ago", "three", "three days ago", "2013-03-09");
    }

    #[test]
    fn sets_and_range_firsts() {
        expect(set, &narrative(), None, "paid annually", "annually", "annually", "XXXX");
        expect(set, &news(), None, "paid annually", "annually", "annually", "P1Y");
        expect(set, &narrative(), None, "twice a week", "twice", "twice a week", "XXXX-WXX");
        expect(set, &narrative(), None, "every other year", "every", "every other year", "P2Y");
        expect(set, &narrative(), None, "every summer", "every", "every summer", "XXXX-SU");
        expect(set, &narrative(), None, "every Sunday", "every", "every Sunday", "XXXX-WXX-7");
        expect(set, &narrative(), None, "patrols went out nightly", "nightly", "nightly", "XXXX-XX-XXTNI");
        expect(range_first, &narrative(), None, "two to three days", "two", "two", "P2D");
        expect(range_first, &narrative(), Date::from_year(1950).ok(), "ten, fifteen, and twenty years earlier", "ten", "ten", "1940");
    }
}
