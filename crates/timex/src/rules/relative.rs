//! Relative expressions: anaphoric ("the following year", "that spring", "later that year"),
//! shifted ("two years later", "three weeks ago"), deictic ("now", "yesterday", "the
//! future"), durations ("six months", "over a decade"), sets ("annually", "per day"), clock
//! times ("10:30 a.m.") and parts of the day ("that night", "the morning of 14 July 1789").

use super::absolute::{explicit, season_code, weekday_of};
use super::scan::{Qty, duration_value, quantity, shift};
use super::{Ctx, M, Tense};
use crate::calendar::{add_days, date_string, year_string};
use crate::tables::{Deictic, Lex, Rel, Shift, Unit};
use crate::token::Kind;
use crate::{Date, Mod, Type};

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

/// Anaphoric expressions: "the following year", "that spring", "the same month", "this year",
/// "last week", "next month", "that night", "later that year", "early in the year".
pub(super) fn anaphoric(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    // later that year / early in the year / late that month
    let (lead_mod, i2) = match ctx.lex(i) {
        Lex::Shift(Shift::Later | Shift::Earlier) if ctx.is(i, "later") || ctx.is(i, "earlier") => (None, i + 1),
        Lex::Pos(m) if ctx.is(i, "early") || ctx.is(i, "late") => (Some(m), i + 1),
        _ => (None, i),
    };
    if i2 > i {
        let j = if ctx.is(i2, "in") || ctx.is(i2, "during") { i2 + 1 } else { i2 };
        let m = if ctx.is(j, "the") && matches!(ctx.lex(j + 1), Lex::Unit(_, false)) {
            let Lex::Unit(unit, _) = ctx.lex(j + 1) else {
                return None;
            };
            let (value, _) = shift(ctx.reference(ctx.news()), unit, 0)?;
            M::date(j + 2, value, None)
        } else {
            let m = anaphoric(ctx, j)?;
            if j == i2 && !matches!(ctx.lex(j), Lex::Demo(_)) {
                return None;
            }
            m
        };
        return Some(M { modifier: lead_mod, ..m });
    }
    let (n, k, deictic) = opener(ctx, i)?;
    // News: "over the next decade" is a duration (TIMEX3), left to the duration rule.
    if ctx.news() && n == 2 && k == 1 && DURATION_PREPOSITIONS.iter().any(|w| ctx.is(i.wrapping_sub(1), w)) {
        return None;
    }
    let j = i + n;
    let reference = ctx.reference_for(deictic, ctx.lex(i + n));
    match ctx.lex(j) {
        Lex::Unit(unit, false) => {
            let (value, anchor) = shift(reference, unit, k)?;
            // "the previous year" looks back; it does not move the story.
            Some(M::date(j + 1, value, anchor.filter(|_| k >= 0)))
        }
        Lex::Season(s) => {
            let r = reference?;
            let start_month = match s {
                crate::tables::Season::Spring => 3,
                crate::tables::Season::Summer => 6,
                crate::tables::Season::Fall => 9,
                crate::tables::Season::Winter => 12,
            };
            let year = match (k, r.month) {
                (1, Some(m)) if m < start_month => r.year,
                (-1, Some(m)) if m > start_month => r.year,
                _ => r.year.saturating_add(k as i32),
            };
            Some(M::date(j + 1, format!("{}-{}", year_string(year), season_code(s)), None))
        }
        Lex::Month(month) if ctx.tok(j).is_some_and(|t| t.cap) => {
            let r = reference?;
            let year = match (k, r.month) {
                (1, Some(m)) if m < month => r.year,
                (1, _) => r.year.saturating_add(1),
                (-1, Some(m)) if m > month => r.year,
                (-1, _) => r.year.saturating_sub(1),
                _ => r.year,
            };
            let d = Date { year, month: Some(month), day: None };
            Some(M::date(j + 1, date_string(&d), Some(d)))
        }
        Lex::PartOfDay(code) if code.len() == 2 => {
            let day = reference.filter(|r| r.day.is_some()).and_then(|r| {
                let (y, m, d) = add_days(r.year, r.month?, r.day?, k);
                Some(Date { year: y, month: Some(m), day: Some(d) })
            });
            let value = match day {
                Some(d) => format!("{}T{code}", date_string(&d)),
                None => format!("XXXX-XX-XXT{code}"),
            };
            Some(M { end: j + 1, kind: Type::Time, value, modifier: None, anchor: None })
        }
        // "this Friday": the Friday of the reference's week.
        Lex::Weekday(w) if ctx.is(i, "this") => weekday_value(ctx, j, w, reference, 2).map(|(v, a)| M::date(j + 1, v, a)),
        Lex::Weekday(w) => weekday_value(ctx, j, w, reference, k).map(|(v, a)| M::date(j + 1, v, a)),
        _ => None,
    }
}

/// Resolves a weekday near a reference: direction `k` (-1 last, 0 nearest, 1 next, 2 the same
/// week).
fn weekday_value(ctx: &Ctx<'_>, j: usize, w: u8, reference: Option<Date>, k: i64) -> Option<(String, Option<Date>)> {
    let Some(r) = reference.filter(|r| r.day.is_some()) else {
        return Some((format!("XXXX-WXX-{}", w + 1), None));
    };
    let rw = i64::from(weekday_of(&r)?);
    let w = i64::from(w);
    let delta = match k {
        2 => w - rw,
        1 => (w - rw).rem_euclid(7).max(1),
        -1 => -((rw - w).rem_euclid(7).max(1)),
        _ if ctx.news() && ctx.future_tense(j) => (w - rw).rem_euclid(7),
        _ if ctx.news() => -((rw - w).rem_euclid(7)),
        _ => (w - rw).rem_euclid(7),
    };
    let (y, m, d) = add_days(r.year, r.month?, r.day?, delta);
    let d = Date { year: y, month: Some(m), day: Some(d) };
    Some((date_string(&d), Some(d)))
}

/// Nouns after "the year-earlier" / "the year-ago" that name the compared period.
const COMPARED_PERIODS: &[&str] = &["period", "quarter", "month", "months", "year", "level", "levels", "figure", "figures", "week"];

/// News comparisons with the year before: "the year-earlier period", "the year-ago quarter"
/// (the document's year minus one; TIMEX3 tags the noun phrase as a date).
pub(super) fn year_earlier(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.news() || !ctx.is(i, "the") || !(ctx.is(i + 1, "year") && ctx.dash(i + 2) && (ctx.is(i + 3, "earlier") || ctx.is(i + 3, "ago"))) {
        return None;
    }
    let end = if COMPARED_PERIODS.iter().any(|w| ctx.is(i + 4, w)) {
        i + 5
    } else {
        return None;
    };
    let value = match ctx.year_shift_of_last(-1) {
        Some(v) => v,
        None => shift(ctx.reference(true), Unit::Year, -1)?.0,
    };
    Some(M::date(end, value, None))
}

/// News: "the quarter", "that quarter", "the same quarter": the quarter last named.
pub(super) fn the_quarter(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.news() || !matches!(ctx.lex(i), Lex::The | Lex::Demo(false)) {
        return None;
    }
    let j = if ctx.is(i + 1, "same") { i + 2 } else { i + 1 };
    if !ctx.is(j, "quarter") || ctx.is(j + 1, "of") || ctx.dash(j + 1) {
        return None;
    }
    let value = ctx.year_shift_of_last(0).filter(|v| v.contains("-Q"))?;
    Some(M::date(j + 1, value, None))
}

/// A lone weekday: "on Thursday", "Monday morning".
pub(super) fn weekday(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let Lex::Weekday(w) = ctx.lex(i) else {
        return None;
    };
    if !ctx.tok(i)?.cap {
        return None;
    }
    let (value, anchor) = weekday_value(ctx, i, w, ctx.reference(true), 0)?;
    if let Lex::PartOfDay(code) = ctx.lex(i + 1) {
        if code.len() == 2 {
            return Some(M { end: i + 2, kind: Type::Time, value: format!("{value}T{code}"), modifier: None, anchor });
        }
    }
    Some(M::date(i + 1, value, anchor))
}

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
pub(super) fn shifted(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
        Qty::N(v) if v.fract() == 0.0 && unit == Unit::Year && dir != Shift::Ago => ctx.year_shift_of_last((sign * scale * v as i64) as i32),
        _ => None,
    };
    let (value, anchor) = match q {
        _ if by_last.is_some() => (by_last.unwrap_or_default(), None),
        Qty::N(v) if v.fract() == 0.0 => shift(reference, unit, sign * scale * v as i64)?,
        // TIMEX2 (narrative): a bare "days later" is an unknown day; TIMEX3 (news) and "a few
        // days later" keep the past/future reference.
        _ if bare && !ctx.news() && matches!(unit, Unit::Day | Unit::Month) => (shift(None, unit, 0)?.0, None),
        _ => ((if sign > 0 { "FUTURE_REF" } else { "PAST_REF" }).to_string(), None),
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
/// "the past decade", "a few weeks", "ten-day", "half a century", "for years".
pub(super) fn duration(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
            return Some(M { end: j + 3, kind: Type::Duration, value: duration_value(q, unit), modifier, anchor: None });
        }
    }
    let (q, k, article) = match quantity(ctx, j) {
        Some(x) => x,
        None if framed => {
            if let Lex::Unit(unit, true) = ctx.lex(j) {
                // "the following days", "the coming years"
                return Some(M { end: j + 1, kind: Type::Duration, value: duration_value(Qty::Vague, unit), modifier: None, anchor: None });
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
            return Some(M { end: j + 1, kind: Type::Duration, value: duration_value(Qty::Vague, unit), modifier: None, anchor: None });
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
            return Some(M { end, kind: Type::Set, value: duration_value(Qty::N(1.0), unit), modifier: None, anchor: None });
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
    // "the last week of August", "the first two months of 1939"
    if framed && ctx.is(end, "of") {
        if let Some(m) = explicit(ctx, end + 1) {
            if m.kind == Type::Date {
                end = m.end;
            }
        }
    }
    Some(M { end, kind: Type::Duration, value: duration_value(q, unit), modifier, anchor: None })
}

/// Sets: "annually", "every year", "each month", "per day", "every two weeks".
pub(super) fn set(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
                let value = if ctx.news() { duration_value(Qty::N(1.0), unit) } else { timex2_set(unit) };
                return Some(M { end: j + 2, kind: Type::Set, value, modifier: None, anchor: None });
            }
        }
    }
    if let Lex::SetAdv(unit) = ctx.lex(i) {
        let value = if unit == Unit::Night {
            "XXXX-XX-XXTNI".to_string()
        } else if ctx.news() {
            duration_value(Qty::N(1.0), unit)
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
            return Some(M { end: i + 3, kind: Type::Set, value: duration_value(Qty::N(2.0), unit), modifier: None, anchor: None });
        }
    }
    let (q, j) = match quantity(ctx, i + 1) {
        Some((q, j, _)) if !ctx.is(i, "per") => (q, j),
        _ => (Qty::N(1.0), i + 1),
    };
    match ctx.lex(j) {
        Lex::Unit(unit, _) => {
            let value = if !ctx.news() && !ctx.is(i, "per") && q == Qty::N(1.0) { timex2_set(unit) } else { duration_value(q, unit) };
            Some(M { end: j + 1, kind: Type::Set, value, modifier: None, anchor: None })
        }
        Lex::Season(s) if !ctx.is(i, "per") => Some(M { end: j + 1, kind: Type::Set, value: format!("XXXX-{}", season_code(s)), modifier: None, anchor: None }),
        Lex::Weekday(w) if !ctx.is(i, "per") => Some(M { end: j + 1, kind: Type::Set, value: format!("XXXX-WXX-{}", w + 1), modifier: None, anchor: None }),
        _ => None,
    }
}

/// The TIMEX2 value of "every <unit>" ("daily" is `XXXX-XX-XX`); TIMEX3 uses `P1D`.
fn timex2_set(unit: Unit) -> String {
    match unit {
        Unit::Year => "XXXX".to_string(),
        Unit::Month => "XXXX-XX".to_string(),
        Unit::Week | Unit::Fortnight => "XXXX-WXX".to_string(),
        Unit::Day | Unit::Night => "XXXX-XX-XX".to_string(),
        other => duration_value(Qty::N(1.0), other),
    }
}

/// Deictic words: "now", "currently", "today", "yesterday", "recently", "recent years",
/// "the past", "the future", "former".
pub(super) fn deictic(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let date = |end: usize, v: &str| Some(M::date(end, v.to_string(), None));
    if ctx.is(i, "right") && ctx.is(i + 1, "now") {
        return date(i + 2, "PRESENT_REF");
    }
    let narrative = !ctx.news();
    // "this time", "that time", "the same time", "this period": the anchor, in narrative.
    if narrative && (matches!(ctx.lex(i), Lex::Demo(_)) || (ctx.is(i, "the") && ctx.is(i + 1, "same"))) {
        let j = if ctx.is(i, "the") { i + 2 } else { i + 1 };
        // "this time" is often an occasion ("this time the attack held"); after a
        // preposition ("at this time", "by that time") it is a time.
        let prep = i > 0 && ["at", "by", "until", "during", "since", "from", "before", "after", "till", "in"].iter().any(|w| ctx.is(i - 1, w));
        if (ctx.is(j, "period") || (ctx.is(j, "time") && prep)) && !ctx.is(j + 1, "of") {
            let value = match ctx.reference(false) {
                Some(_) if ctx.is(i, "this") && ctx.is(j, "time") => "PRESENT_REF".to_string(),
                Some(d) if ctx.anchor.is_some() => date_string(&d),
                _ => "PRESENT_REF".to_string(),
            };
            return Some(M::date(j + 1, value, None));
        }
    }
    // "the weekend", "this weekend", "last weekend"
    if matches!(ctx.lex(i), Lex::The | Lex::Demo(true) | Lex::Rel(Rel::Last | Rel::Next)) && ctx.is(i + 1, "weekend") {
        let k = match ctx.lex(i) {
            Lex::Rel(Rel::Last) => -1,
            Lex::Rel(Rel::Next) => 1,
            // News: "the weekend" is the one just past unless the clause looks ahead (or the
            // document is dated on a weekend).
            Lex::The if ctx.news() && ctx.tense(i) != Tense::Future => {
                let on_weekend = ctx.config.dct.and_then(|d| weekday_of(&d)).is_some_and(|w| w >= 5);
                if on_weekend { 0 } else { -1 }
            }
            _ => 0,
        };
        let (week, _) = shift(ctx.reference(true), Unit::Week, k)?;
        return date(i + 2, &format!("{week}-WE"));
    }
    if ctx.is(i, "the") {
        return match ctx.lex(i + 1) {
            Lex::Rel(Rel::Past)
                if !matches!(ctx.lex(i + 2), Lex::Unit(..) | Lex::Card(_) | Lex::Vague | Lex::A) && ctx.tok(i + 2).is_none_or(|t| t.kind != Kind::Num) =>
            {
                date(i + 2, "PAST_REF")
            }
            Lex::Deictic(Deictic::Future) => date(i + 2, "FUTURE_REF"),
            Lex::Deictic(Deictic::Present) if ctx.tok(i + 2).is_none_or(|t| t.kind == Kind::Punct) || ctx.is(i + 2, "day") => {
                date(if ctx.is(i + 2, "day") { i + 3 } else { i + 2 }, "PRESENT_REF")
            }
            _ if (ctx.is(i + 1, "near") || ctx.is(i + 1, "distant") || ctx.is(i + 1, "foreseeable")) && ctx.lex(i + 2) == Lex::Deictic(Deictic::Future) => {
                date(i + 3, "FUTURE_REF")
            }
            _ => None,
        };
    }
    if matches!(ctx.lex(i), Lex::Demo(true)) && ctx.is(i + 1, "days") {
        return date(i + 2, "PRESENT_REF");
    }
    let Lex::Deictic(d) = ctx.lex(i) else {
        return None;
    };
    match d {
        Deictic::Now => date(i + 1, "PRESENT_REF"),
        Deictic::Today | Deictic::Yesterday | Deictic::Tomorrow => {
            let k = match d {
                Deictic::Yesterday => -1,
                Deictic::Tomorrow => 1,
                _ => 0,
            };
            if narrative && d == Deictic::Today {
                return date(i + 1, "PRESENT_REF");
            }
            let (value, anchor) = shift(ctx.reference(true), Unit::Day, k)?;
            // "yesterday morning", "tomorrow night"
            if let Lex::PartOfDay(code) = ctx.lex(i + 1) {
                if code.len() == 2 {
                    return Some(M { end: i + 2, kind: Type::Time, value: format!("{value}T{code}"), modifier: None, anchor: None });
                }
            }
            Some(M::date(i + 1, value, anchor))
        }
        Deictic::Tonight => {
            let (value, _) = shift(ctx.reference(true), Unit::Day, 0)?;
            Some(M { end: i + 1, kind: Type::Time, value: format!("{value}TNI"), modifier: None, anchor: None })
        }
        Deictic::Recently => date(i + 1, "PAST_REF"),
        Deictic::Recent => {
            if let Lex::Unit(unit, true) = ctx.lex(i + 1) {
                // TIMEX3 (news) reads "recent years" as a vague duration; TIMEX2 as the past.
                if !narrative {
                    return Some(M { end: i + 2, kind: Type::Duration, value: duration_value(Qty::Vague, unit), modifier: None, anchor: None });
                }
                return date(i + 2, "PAST_REF");
            }
            if narrative { date(i + 1, "PAST_REF") } else { None }
        }
        Deictic::Former if narrative => date(i + 1, "PAST_REF"),
        Deictic::Current if narrative => date(i + 1, "PRESENT_REF"),
        Deictic::Present if i > 0 && ctx.is(i - 1, "at") => date(i + 1, "PRESENT_REF"),
        Deictic::Present if narrative && ctx.dash(i + 1) && ctx.is(i + 2, "day") => date(i + 3, "PRESENT_REF"),
        Deictic::Future if narrative => date(i + 1, "FUTURE_REF"),
        _ => None,
    }
}

/// A clock time at `i`: ("10:30", end). Accepts "10:30", "10:30 a.m.", "11 a.m.", "3 PM",
/// "1:00AM", "five o'clock".
pub(super) fn clock_time(ctx: &Ctx<'_>, i: usize) -> Option<(String, usize)> {
    let t = ctx.tok(i)?;
    if t.kind != Kind::Num || !t.plain || t.ndigits > 2 {
        return None;
    }
    let hour = t.num;
    let (minute, j) = if ctx.punct(i + 1, ':') && ctx.adjacent(i + 1) {
        let m = ctx.tok(i + 2)?;
        if m.kind != Kind::Num || m.ndigits != 2 || m.num > 59 || !ctx.adjacent(i + 2) {
            return None;
        }
        (Some(m.num), i + 3)
    } else {
        (None, i + 1)
    };
    let (pm, end) = match ampm(ctx, j) {
        Some((pm, end)) => (Some(pm), end),
        None if ctx.is(j, "o'clock") => (None, j + 1),
        None => {
            minute?;
            if hour > 24 || ctx.punct(j, ':') {
                return None;
            }
            (None, j)
        }
    };
    let mut h = hour;
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    if h > 24 || (pm.is_some() && !(1..=12).contains(&hour)) {
        return None;
    }
    let end = if (ctx.is(end, "hrs") || ctx.is(end, "hours")) && minute.is_some() && ctx.adjacent(end) { end + 1 } else { end };
    // A time zone is part of the expression.
    let end = if ["GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "ET", "PT", "CT"].iter().any(|z| ctx.text_of(end) == *z) {
        end + 1
    } else {
        end
    };
    Some((format!("{h:02}:{:02}", minute.unwrap_or(0)), end))
}

/// "a.m.", "am", "AM", "p.m." at `j`: (is pm, end).
fn ampm(ctx: &Ctx<'_>, j: usize) -> Option<(bool, usize)> {
    if let Lex::AmPm(pm) = ctx.lex(j) {
        let w = ctx.text_of(j);
        if w == "am" && !ctx.adjacent(j) {
            return None;
        }
        return Some((pm, j + 1));
    }
    let first = ctx.text_of(j);
    let pm = match first {
        "a" | "A" => false,
        "p" | "P" => true,
        _ => return None,
    };
    if ctx.punct(j + 1, '.') && ctx.adjacent(j + 1) && ctx.text_of(j + 2).eq_ignore_ascii_case("m") && ctx.adjacent(j + 2) {
        let end = if ctx.punct(j + 3, '.') && ctx.adjacent(j + 3) { j + 4 } else { j + 3 };
        return Some((pm, end));
    }
    None
}

/// Clock times as expressions of their own, dated by the reference day.
pub(super) fn clock(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (time, end) = clock_time(ctx, i)?;
    // "10:30 a.m. Tuesday", "9 p.m. yesterday": the day after the time dates it.
    let k = if ctx.punct(end, ',') { end + 1 } else { end };
    if let Some(m) = weekday(ctx, k).or_else(|| deictic(ctx, k)).filter(|m| m.end == k + 1 && m.kind == Type::Date) {
        if m.value.len() == 10 && m.value.as_bytes()[0].is_ascii_digit() {
            return Some(M { end: m.end, kind: Type::Time, value: format!("{}T{time}", m.value), modifier: None, anchor: None });
        }
    }
    let day = ctx.reference(true).filter(|r| r.day.is_some());
    let value = match day {
        Some(d) => format!("{}T{time}", date_string(&d)),
        None => format!("XXXX-XX-XXT{time}"),
    };
    Some(M { end, kind: Type::Time, value, modifier: None, anchor: None })
}

/// Parts of the day: "the night of 20 June 1791", "the morning", "at night", "noon".
pub(super) fn part_of_day(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::PartOfDay(code) = ctx.lex(j) else {
        return None;
    };
    let time = |value: String, end: usize| Some(M { end, kind: Type::Time, value, modifier: None, anchor: None });
    let suffix = code;
    if ctx.is(j + 1, "of") {
        let m = explicit(ctx, j + 2)?;
        let d = m.anchor.filter(|d| d.day.is_some())?;
        return Some(M { end: m.end, kind: Type::Time, value: format!("{}T{suffix}", date_string(&d)), modifier: None, anchor: Some(d) });
    }
    let day = ctx.reference(true).filter(|r| r.day.is_some());
    let dated = |d: Option<Date>| match d {
        Some(d) => format!("{}T{suffix}", date_string(&d)),
        None => format!("XXXX-XX-XXT{suffix}"),
    };
    if code.len() > 2 {
        // noon, midnight; "midnight Monday", "noon today"
        if let Some(m) = weekday(ctx, j + 1).or_else(|| deictic(ctx, j + 1)).filter(|m| m.end == j + 2 && m.kind == Type::Date) {
            if m.value.as_bytes().first().is_some_and(u8::is_ascii_digit) && m.value.len() == 10 {
                return time(format!("{}T{code}", m.value), m.end);
            }
        }
        return time(dated(day), j + 1);
    }
    if j > i {
        // "the morning" in news is the morning of the document date.
        if ctx.news() {
            return time(dated(day), j + 1);
        }
        return None;
    }
    let cue = i > 0 && ["at", "by", "during", "through", "overnight", "all", "every", "each"].iter().any(|w| ctx.is(i - 1, w));
    if (code == "NI" || code == "DT") && (cue || !ctx.news()) {
        // "night-time"
        let end = if ctx.dash(j + 1) && ctx.is(j + 2, "time") { j + 3 } else { j + 1 };
        return time(format!("XXXX-XX-XXT{code}"), end);
    }
    None
}
