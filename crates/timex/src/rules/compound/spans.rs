//! Spans built over other matches: a framed duration extended over the date after "of" ("the
//! last week of August"), "a three-year period", and, in narrative mode, the TIMEX2 extension
//! of a duration over the event it is anchored to ("three weeks after the siege began", "two
//! months of bitter fighting").

use super::dates::explicit;
use crate::rules::atomic::durations::duration_parts;
use crate::rules::primitives::resolve::shift;
use crate::rules::primitives::scan::clause_end;
use crate::rules::primitives::{Ctx, M, Qty, Value};
use crate::tables::{Lex, Unit};
use crate::token::Kind;
use crate::{Mod, Type};

/// Durations, with a framed one extended over a date after "of": "the last week of August",
/// "the first two months of 1939".
pub(crate) fn duration(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (mut m, framed) = duration_parts(ctx, i)?;
    if framed && ctx.is(m.end, "of") {
        if let Some(date) = explicit(ctx, m.end + 1) {
            if date.kind == Type::Date {
                m.end = date.end;
            }
        }
    }
    Some(m)
}

/// Nouns that a duration adjective can head as one expression: "a three-year period".
const PERIOD_NOUNS: &[&str] = &["period", "term", "span", "stretch"];

/// "a three-year period", "the same 28-day period", "a sixty-day period": article, adjective
/// and noun as one duration.
pub(crate) fn period_phrase(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !matches!(ctx.lex(i), Lex::A | Lex::The) {
        return None;
    }
    let j = if ctx.is(i + 1, "same") { i + 2 } else { i + 1 };
    let m = duration(ctx, j)?;
    if !(m.end >= j + 2 && ctx.dash(m.end - 2) && PERIOD_NOUNS.iter().any(|w| ctx.is(m.end, w))) {
        return None;
    }
    Some(M { end: m.end + 1, ..m })
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
pub(crate) fn extend_over_event(ctx: &Ctx<'_>, i: usize, m: &M) -> Option<M> {
    if ctx.news() || m.kind != Type::Duration {
        return None;
    }
    let e = m.end;
    // "three weeks after the siege of Boston began": through the clause, up to punctuation.
    let for_span = i > 0 && (ctx.is(i - 1, "for") || ctx.is(i - 1, "lasted"));
    if (ctx.is(e, "after") || ctx.is(e, "before")) && ctx.tok(e + 1).is_some_and(|t| t.kind != Kind::Punct) && !for_span {
        let end = clause_end(ctx, e + 1)?;
        // "many more months before they would arrive": a vague amount stays a duration.
        if m.value.is_vague_duration() {
            return Some(M { end, ..m.clone() });
        }
        let sign = if ctx.is(e, "after") { 1 } else { -1 };
        let value = shifted_value(ctx, &m.value, sign)?;
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
        return Some(M { end: k, ..m.clone() });
    }
    None
}

/// The date a duration (`P3W`, `P2D`, `PXM`) away from the reference: "three weeks after"
/// is the reference plus `P3W`. An amount that is not a whole number gives an unknown date of
/// the unit's granularity; quarters and clock units give `None`.
fn shifted_value(ctx: &Ctx<'_>, duration: &Value, sign: i64) -> Option<Value> {
    let Value::Duration(q, unit) = *duration else {
        return None;
    };
    let (unit, scale, q) = match (unit, q) {
        (Unit::Decade, q) => (Unit::Year, 10, q),
        (Unit::Century, q) => (Unit::Year, 100, q),
        (Unit::Fortnight, Qty::N(v)) => (Unit::Week, 1, Qty::N(v * 2.0)),
        (Unit::Fortnight, q) => (Unit::Week, 1, q),
        (Unit::Night, q) => (Unit::Day, 1, q),
        (Unit::Year | Unit::Month | Unit::Week | Unit::Day, q) => (unit, 1, q),
        (Unit::Quarter | Unit::Hour | Unit::Minute | Unit::Second, _) => return None,
    };
    let (value, _) = match q {
        Qty::N(v) if v.fract() == 0.0 => shift(ctx.reference(false), unit, sign * scale * v as i64)?,
        _ => shift(None, unit, 0)?,
    };
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;
    use crate::rules::primitives::ctx::testing::{expect, narrative};

    #[test]
    fn framed_durations_and_periods() {
        let c = narrative();
        expect(duration, &c, None, "in the last week of August 1942.", "the", "the last week of August 1942", "P1W");
        expect(duration, &c, None, "the first two months of 1939 saw", "the", "the first two months of 1939", "P2M");
        expect(period_phrase, &c, None, "over a three-year period", "a", "a three-year period", "P3Y");
    }

    #[test]
    fn durations_extend_over_their_event_in_narrative() {
        let text = "three weeks after the siege of Boston began, the";
        let (toks, config) = (crate::token::tokenize(text), narrative());
        let mut ctx = Ctx::new(text, &toks, &config);
        ctx.anchor = Date::from_ymd(1775, 4, 19).ok();
        let m = duration(&ctx, 0).expect("a duration");
        let ext = extend_over_event(&ctx, 0, &m).expect("extended");
        assert_eq!((ext.end, ext.kind, ext.value.to_timex()), (8, Type::Date, "1775-W19".to_string()));
        let text = "two months of bitter fighting in Asturias.";
        let toks = crate::token::tokenize(text);
        let ctx = Ctx::new(text, &toks, &config);
        let m = duration(&ctx, 0).expect("a duration");
        assert_eq!(extend_over_event(&ctx, 0, &m).map(|e| (e.end, e.value.to_timex())), Some((7, "P2M".to_string())));
    }

    #[test]
    fn shifted_values_by_unit() {
        let text = "x";
        let (toks, config) = (crate::token::tokenize(text), narrative());
        let mut ctx = Ctx::new(text, &toks, &config);
        ctx.anchor = Date::from_ymd(1940, 1, 10).ok();
        let v = |q, unit| shifted_value(&ctx, &Value::Duration(q, unit), 1).map(|v| v.to_timex());
        assert_eq!(v(Qty::N(1.0), Unit::Fortnight).as_deref(), Some("1940-W04"));
        assert_eq!(v(Qty::N(0.5), Unit::Fortnight).as_deref(), Some("1940-W03"));
        assert_eq!(v(Qty::N(2.0), Unit::Decade).as_deref(), Some("1960"));
        assert_eq!(v(Qty::N(1.5), Unit::Year).as_deref(), Some("XXXX"));
        assert_eq!(v(Qty::N(3.0), Unit::Night).as_deref(), Some("1940-01-13"));
        assert_eq!(v(Qty::N(1.0), Unit::Quarter), None);
        assert_eq!(v(Qty::N(1.0), Unit::Hour), None);
    }
}
