//! Expressions tied to a neighbouring date or event: the second day of a range ("April 6-7",
//! "May 4 and 5"), "month's end", "the day before", "the early hours of 22 June 1941", calendar
//! names without a fixed date ("Ramadan", "the dry season"), and, in narrative mode, the TIMEX2
//! extension of a duration over the event it is anchored to ("three weeks after the siege
//! began", "two months of bitter fighting").

use super::absolute::explicit;
use super::scan::{Qty, day_at, duration_value, month_at, quantity, shift, year_at};
use super::{Ctx, M};
use crate::calendar::{date_string, valid, year_string};
use crate::tables::{CALENDAR_NAMES, Lex, Unit};
use crate::token::Kind;
use crate::{Date, Mod, Type};

/// Words that join the two days of a range.
const RANGE_JOINERS: &[&str] = &["and", "to", "or", "through", "till", "until"];

/// True when token `k` joins two days ("-", "to", "and").
pub(super) fn range_joiner(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.dash(k) || RANGE_JOINERS.iter().any(|w| ctx.is(k, w))
}

/// Words that may follow the second day of a month-first range.
const AFTER_RANGE: &[&str] = &["were", "was", "when", "while", "saw", "during", "the", "as", "which"];

/// The second day of a month-first range: the "7" of "April 6-7", the "5" of "May 4 and 5",
/// the "9, 1918" of "March 5-9, 1918".
pub(super) fn range_day(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (day, end) = day_at(ctx, i)?;
    if i < 3 || !range_joiner(ctx, i - 1) {
        return None;
    }
    let mut k = i - 2;
    if ["st", "nd", "rd", "th"].iter().any(|s| ctx.is(k, s)) {
        k -= 1;
    }
    day_at(ctx, k)?;
    let (month, _) = (k.saturating_sub(3)..k).find_map(|j| month_at(ctx, j).filter(|(_, e)| *e == k))?;
    let next_ok = ctx.tok(end).is_none_or(|t| t.kind != Kind::Word || matches!(t.lex, Lex::Prep) || AFTER_RANGE.iter().any(|w| ctx.is(end, w)));
    if !next_ok {
        return None;
    }
    let comma_year = if ctx.punct(end, ',') { year_at(ctx, end + 1).filter(|(y, _)| *y > 999) } else { None };
    let (year, end) = match comma_year.or_else(|| year_at(ctx, end).filter(|(y, _)| *y > 999)) {
        Some((y, e)) => (y, e),
        None => (ctx.reference(false)?.year, end),
    };
    if !valid(year, month, day) {
        return None;
    }
    let d = Date { year, month: Some(month), day: Some(day) };
    Some(M::date(end, date_string(&d), None))
}

/// "month's end", "year's end", "the week's end": the reference unit, at its end.
pub(super) fn unit_end(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
/// the reference, when nothing follows (an event after it is out of reach).
pub(super) fn day_around(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
    let r = ctx.reference(false).filter(|r| r.day.is_some())?;
    let (value, anchor) = shift(Some(r), Unit::Day, k)?;
    Some(M::date(end, value, anchor.filter(|_| k > 0 && end == i + 3)))
}

/// "the early hours of 22 June 1941", "the early morning hours of 30 April", "the small hours
/// of 9 May": the morning of that day.
pub(super) fn early_hours(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !(ctx.is(i, "the") && (ctx.is(i + 1, "early") || ctx.is(i + 1, "small") || ctx.is(i + 1, "wee"))) {
        return None;
    }
    let j = if ctx.is(i + 2, "morning") { i + 3 } else { i + 2 };
    if !(ctx.is(j, "hours") && ctx.is(j + 1, "of")) {
        return None;
    }
    let m = explicit(ctx, j + 2)?;
    let d = m.anchor.filter(|d| d.day.is_some())?;
    Some(M { end: m.end, kind: Type::Time, value: format!("{}TMO", date_string(&d)), modifier: None, anchor: Some(d) })
}

/// Calendar names without a fixed date ("Ramadan", "the dry season", "the monsoon"): the
/// reference year, the best a value can say.
pub(super) fn calendar_name(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let words = CALENDAR_NAMES.iter().find(|words| words.iter().enumerate().all(|(k, w)| ctx.is(i + k, w)))?;
    // Proper names ("Passover") only capitalized.
    if words.len() == 1 && !ctx.tok(i)?.cap {
        return None;
    }
    let value = ctx.reference(false).map_or("XXXX".to_string(), |r| year_string(r.year));
    Some(M::date(i + words.len(), value, None))
}

/// Nouns that a duration adjective can head as one expression: "a three-year period".
const PERIOD_NOUNS: &[&str] = &["period", "term", "span", "stretch"];

/// "a three-year period", "the same 28-day period", "a sixty-day period": article, adjective
/// and noun as one duration.
pub(super) fn period_phrase(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !matches!(ctx.lex(i), Lex::A | Lex::The) {
        return None;
    }
    let j = if ctx.is(i + 1, "same") { i + 2 } else { i + 1 };
    let m = super::relative::duration(ctx, j)?;
    if !(m.end >= j + 2 && ctx.dash(m.end - 2) && PERIOD_NOUNS.iter().any(|w| ctx.is(m.end, w))) {
        return None;
    }
    Some(M { end: m.end + 1, ..m })
}

/// The first amount of a range or list sharing one unit: the "two" of "two to three days",
/// the "ten" and "fifteen" of "ten, fifteen, and twenty years earlier".
pub(super) fn range_first(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
                let sign = if dir == crate::tables::Shift::Later { 1 } else { -1 };
                let reference = ctx.reference(dir == crate::tables::Shift::Ago);
                let (value, _) = shift(reference, unit, sign * v as i64)?;
                return Some(M::date(i + 1, value, None));
            }
            return Some(M { end: i + 1, kind: Type::Duration, value: duration_value(q, unit), modifier: None, anchor: None });
        }
        k = next;
    }
    None
}

/// Prepositions before "the time" that make it temporal ("at the time", "by the time").
const TIME_PREPOSITIONS: &[&str] = &["at", "by", "in", "for", "from", "of", "during", "until", "since"];

/// Narrative (TIMEX2) vague times: "at the time", "by the time he left office", "at the time of
/// the peace agreement", "for the duration of the war", "for the time being". TIMEX3 (news)
/// leaves them untagged.
pub(super) fn the_time(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if ctx.news() || !ctx.is(i, "the") || i == 0 || !TIME_PREPOSITIONS.iter().any(|w| ctx.is(i - 1, w)) {
        return None;
    }
    let noun = i + 1;
    let reference = || ctx.reference(false).map_or("PAST_REF".to_string(), |d| year_string(d.year));
    if ctx.is(noun, "time") && ctx.is(noun + 1, "being") {
        return Some(M::date(noun + 2, "PRESENT_REF".to_string(), None));
    }
    let duration = ctx.is(noun, "duration");
    if !(ctx.is(noun, "time") || duration || (ctx.is(noun, "period") && ctx.is(i - 1, "of"))) {
        return None;
    }
    let next = noun + 1;
    let end = if ctx.tok(next).is_none_or(|t| t.kind == Kind::Punct) {
        if duration {
            return None;
        }
        next
    } else if ctx.is(next, "of") || (ctx.is(noun, "time") && clause_subject(ctx, next)) {
        // "the time of the peace agreement", "the time he left office": up to punctuation.
        (next + 1..next + 16).find(|&j| ctx.tok(j).is_none_or(|t| t.kind == Kind::Punct && !ctx.punct(j, '\'') && !ctx.dash(j)))?
    } else if duration {
        return None;
    } else {
        next
    };
    if duration {
        return Some(M { end, kind: Type::Duration, value: "PXY".to_string(), modifier: None, anchor: None });
    }
    Some(M::date(end, reference(), None))
}

/// True when token `k` can open the subject of a clause ("the time *he* left office").
fn clause_subject(ctx: &Ctx<'_>, k: usize) -> bool {
    const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "you"];
    ctx.tok(k).is_some_and(|t| t.kind == Kind::Word && (t.cap || matches!(t.lex, Lex::The | Lex::A | Lex::Demo(_)) || PRONOUNS.iter().any(|w| ctx.is(k, w))))
}

/// Adjectives of a vague stretch of time ("a short time").
const VAGUE_SIZES: &[&str] = &["short", "long", "brief", "considerable"];

/// Narrative (TIMEX2) vague durations: "a short time", "some time", "a very short time", "a
/// long period", "a short amount of time"; and "to date" (the present). TIMEX3 leaves
/// non-quantified durations untagged.
pub(super) fn vague_time(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if ctx.news() {
        return None;
    }
    if ctx.is(i, "date") && i > 0 && ctx.is(i - 1, "to") && ctx.tok(i + 1).is_none_or(|t| t.kind == Kind::Punct) {
        return Some(M::date(i + 1, "PRESENT_REF".to_string(), None));
    }
    if ctx.is(i, "some") && ctx.is(i + 1, "time") && !ctx.is(i + 2, "of") && !ctx.is(i + 2, "to") {
        return Some(vague_point(ctx, i + 2));
    }
    if !matches!(ctx.lex(i), Lex::A) {
        return None;
    }
    let j = if ctx.is(i + 1, "very") || ctx.is(i + 1, "relatively") { i + 2 } else { i + 1 };
    if !VAGUE_SIZES.iter().any(|w| ctx.is(j, w)) {
        return None;
    }
    let end = if ctx.is(j + 1, "time") || ctx.is(j + 1, "while") {
        j + 2
    } else if (ctx.is(j + 1, "period") || ctx.is(j + 1, "amount")) && ctx.is(j + 2, "of") && ctx.is(j + 3, "time") {
        j + 4
    } else if ctx.is(j + 1, "period") && !ctx.is(j + 2, "of") {
        j + 2
    } else {
        return None;
    };
    Some(vague_point(ctx, end))
}

/// A vague stretch ending at `end`, or the point it leads to: "some time later" (FUTURE_REF),
/// "a short time after" at the end of a phrase.
fn vague_point(ctx: &Ctx<'_>, end: usize) -> M {
    let at_end = |k: usize| ctx.tok(k).is_none_or(|t| t.kind == Kind::Punct);
    let later = (ctx.is(end, "later") || ctx.is(end, "afterwards") || ctx.is(end, "after")) && at_end(end + 1);
    let earlier = (ctx.is(end, "earlier") || ctx.is(end, "before")) && at_end(end + 1);
    if later || earlier {
        let value = if later { "FUTURE_REF" } else { "PAST_REF" };
        return M::date(end + 1, value.to_string(), None);
    }
    M { end, kind: Type::Duration, value: "PXY".to_string(), modifier: None, anchor: None }
}

/// Words that end the event phrase a TIMEX2 duration extends over.
const EVENT_STOPS: &[&str] = &[
    "and", "but", "which", "who", "whom", "whose", "when", "while", "where", "that", "as", "was", "were", "had", "has", "have", "is", "are", "would", "could",
    "did", "led", "to", "for", "by", "with", "against", "on", "at", "from", "into", "the",
];

/// Narrative (TIMEX2) extension of a duration over its event: "two months of bitter fighting
/// in Asturias" (through the noun phrase after "of"), "three weeks after the siege of Boston
/// began" (through the clause, as a date counted from the reference). `None` when the match
/// does not extend.
pub(super) fn extend_over_event(ctx: &Ctx<'_>, i: usize, m: &M) -> Option<M> {
    if ctx.news() || m.kind != Type::Duration {
        return None;
    }
    let e = m.end;
    // "three weeks after the siege of Boston began": through the clause, up to punctuation.
    let for_span = i > 0 && (ctx.is(i - 1, "for") || ctx.is(i - 1, "lasted"));
    if (ctx.is(e, "after") || ctx.is(e, "before")) && ctx.tok(e + 1).is_some_and(|t| t.kind != Kind::Punct) && !for_span {
        let end = clause_end(ctx, e + 1)?;
        // "many more months before they would arrive": a vague amount stays a duration.
        if m.value.starts_with("PX") {
            return Some(M { end, ..clone(m) });
        }
        let sign = if ctx.is(e, "after") { 1 } else { -1 };
        let (value, _) = shifted_value(ctx, &m.value, sign)?;
        let modifier = m.modifier.filter(|x| *x == Mod::Approx);
        return Some(M { end, kind: Type::Date, value, modifier, anchor: None });
    }
    if ctx.is(e, "of") && ctx.tok(e + 1).is_some_and(|t| t.kind == Kind::Word) {
        // Through the noun phrase: stop at punctuation, a clause word or a past form.
        let mut k = e + 1;
        while k < e + 8 {
            let Some(t) = ctx.tok(k) else { break };
            let w = ctx.text_of(k).to_ascii_lowercase();
            let stop = (t.kind == Kind::Punct && !ctx.punct(k, '\'') && !ctx.dash(k))
                || (k > e + 1
                    && !((w == "the" || matches!(t.lex, Lex::Demo(_))) && ctx.is(k - 1, "of"))
                    && (EVENT_STOPS.contains(&w.as_str()) || w.ends_with("ed") || (w.len() > 4 && w.ends_with("ly"))))
                || t.kind == Kind::Num;
            if stop {
                break;
            }
            k += 1;
        }
        // Not ending on a preposition or an article ("of fighting since", "in a").
        while k > e + 1 && matches!(ctx.lex(k - 1), Lex::Prep | Lex::A | Lex::The | Lex::Rel(_)) {
            k -= 1;
        }
        if k <= e + 1 {
            return None;
        }
        // "the first day of the war": a date, the reference at the unit's granularity.
        let first_or_last = ctx.is(i, "the") && ["first", "last", "final", "opening", "closing"].iter().any(|w| ctx.is(i + 1, w));
        if first_or_last && e == i + 3 {
            if let Lex::Unit(unit @ Unit::Day, false) = ctx.lex(i + 2) {
                let (value, _) = shift(ctx.reference(false), unit, 0)?;
                let modifier = if ctx.is(i + 1, "first") || ctx.is(i + 1, "opening") { None } else { Some(Mod::End) };
                return Some(M { end: k, kind: Type::Date, value, modifier, anchor: None });
            }
        }
        return Some(M { end: k, ..clone(m) });
    }
    None
}

/// The end of the clause starting at `k`: the next punctuation within twelve tokens.
/// A capitalized word right after a lowercase content word starts a new clause ("the day after
/// the battle Ludendorff told ...").
pub(super) fn clause_end(ctx: &Ctx<'_>, k: usize) -> Option<usize> {
    let new_subject = |j: usize| {
        j > k
            && ctx.tok(j).is_some_and(|t| t.kind == Kind::Word && t.cap)
            && ctx.tok(j - 1).is_some_and(|p| p.kind == Kind::Word && !p.cap && matches!(p.lex, Lex::None | Lex::Unit(..)))
    };
    const CLAUSE_STOPS: &[&str] = &["and", "but", "while", "whereas", "which", "who"];
    let stop = |j: usize| CLAUSE_STOPS.iter().any(|w| ctx.is(j, w));
    (k..k + 12)
        .find(|&j| ctx.tok(j).is_none_or(|t| t.kind == Kind::Punct && !ctx.punct(j, '\'') && !ctx.dash(j)) || new_subject(j) || stop(j))
        .filter(|&j| j > k)
}

/// The date a duration value ("P3W", "P2D", "PXM") away from the reference: (value, unit).
fn shifted_value(ctx: &Ctx<'_>, duration: &str, sign: i64) -> Option<(String, Unit)> {
    let body = duration.strip_prefix('P')?;
    if body.starts_with('T') {
        return None;
    }
    let (unit, digits) = [("DE", Unit::Decade), ("CE", Unit::Century), ("Y", Unit::Year), ("M", Unit::Month), ("W", Unit::Week), ("D", Unit::Day)]
        .iter()
        .find_map(|(suffix, u)| body.strip_suffix(suffix).map(|d| (*u, d)))?;
    let (unit, scale) = match unit {
        Unit::Decade => (Unit::Year, 10),
        Unit::Century => (Unit::Year, 100),
        u => (u, 1),
    };
    let value = match digits.parse::<i64>() {
        Ok(n) => shift(ctx.reference(false), unit, sign * scale * n)?.0,
        Err(_) => shift(None, unit, 0)?.0,
    };
    Some((value, unit))
}

fn clone(m: &M) -> M {
    M { end: m.end, kind: m.kind, value: m.value.clone(), modifier: m.modifier, anchor: m.anchor }
}
