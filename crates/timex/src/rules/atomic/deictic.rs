//! Deictic words, resolved against the present or the document date: "now", "currently",
//! "today", "yesterday", "tomorrow", "tonight", "recently", "recent years", "the past", "the
//! present (time)", "the future", "former", "these days", "the weekend", and in narrative "at
//! that time", "this period".

use crate::Type;
use crate::rules::primitives::resolve::shift;
use crate::rules::primitives::{Ctx, M, Qty, Ref, Tense, TimeOfDay, Value};
use crate::tables::{DayPart, Deictic, Lex, Rel, Unit};
use crate::token::Kind;

/// Deictic words: "now", "currently", "today", "yesterday", "recently", "recent years",
/// "the past", "the future", "former".
pub(crate) fn deictic(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let date = |end: usize, v: Ref| Some(M::date(end, Value::Ref(v), None));
    if ctx.is(i, "right") && ctx.is(i + 1, "now") {
        return date(i + 2, Ref::Present);
    }
    // "to this day", "until this day": the idiom for "still, now" — never an anchored day. It
    // closes its clause ("continues to this day."); "referred to this day as" is a day.
    if crate::rules::primitives::to_this_day(ctx, i) {
        return date(i + 2, Ref::Present);
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
                Some(_) if ctx.is(i, "this") && ctx.is(j, "time") => Value::Ref(Ref::Present),
                Some(d) if ctx.anchor.is_some() => Value::from(d),
                _ => Value::Ref(Ref::Present),
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
                let on_weekend = ctx.config.dct.and_then(|d| d.weekday()).is_some_and(|w| w >= 5);
                if on_weekend { 0 } else { -1 }
            }
            _ => 0,
        };
        let (Value::Week(year, week), _) = shift(ctx.reference(true), Unit::Week, k)? else {
            return None;
        };
        return Some(M::date(i + 2, Value::Weekend(year, week), None));
    }
    if ctx.is(i, "the") {
        return match ctx.lex(i + 1) {
            Lex::Rel(Rel::Past)
                if !matches!(ctx.lex(i + 2), Lex::Unit(..) | Lex::Card(_) | Lex::Vague | Lex::A) && ctx.tok(i + 2).is_none_or(|t| t.kind != Kind::Num) =>
            {
                date(i + 2, Ref::Past)
            }
            Lex::Deictic(Deictic::Future) => date(i + 2, Ref::Future),
            // "the present", "the present day", "at the present time"
            Lex::Deictic(Deictic::Present) if ctx.tok(i + 2).is_none_or(|t| t.kind == Kind::Punct) || ctx.is(i + 2, "day") || ctx.is(i + 2, "time") => {
                date(if ctx.is(i + 2, "day") || ctx.is(i + 2, "time") { i + 3 } else { i + 2 }, Ref::Present)
            }
            _ if (ctx.is(i + 1, "near") || ctx.is(i + 1, "distant") || ctx.is(i + 1, "foreseeable")) && ctx.lex(i + 2) == Lex::Deictic(Deictic::Future) => {
                date(i + 3, Ref::Future)
            }
            _ => None,
        };
    }
    if matches!(ctx.lex(i), Lex::Demo(true)) && ctx.is(i + 1, "days") {
        return date(i + 2, Ref::Present);
    }
    let Lex::Deictic(d) = ctx.lex(i) else {
        return None;
    };
    match d {
        Deictic::Now => date(i + 1, Ref::Present),
        Deictic::Today | Deictic::Yesterday | Deictic::Tomorrow => {
            let k = match d {
                Deictic::Yesterday => -1,
                Deictic::Tomorrow => 1,
                _ => 0,
            };
            if narrative && d == Deictic::Today {
                return date(i + 1, Ref::Present);
            }
            let (value, anchor) = shift(ctx.reference(true), Unit::Day, k)?;
            // "yesterday morning", "tomorrow night"
            if let Lex::PartOfDay(part) = ctx.lex(i + 1) {
                if !part.is_clock() {
                    return Some(M::of(Type::Time, i + 2, value.at(TimeOfDay::Part(part))));
                }
            }
            Some(M::date(i + 1, value, anchor))
        }
        Deictic::Tonight => {
            let (value, _) = shift(ctx.reference(true), Unit::Day, 0)?;
            Some(M::of(Type::Time, i + 1, value.at(TimeOfDay::Part(DayPart::Night))))
        }
        Deictic::Recently => date(i + 1, Ref::Past),
        Deictic::Recent => {
            if let Lex::Unit(unit, true) = ctx.lex(i + 1) {
                // TIMEX3 (news) reads "recent years" as a vague duration; TIMEX2 as the past.
                if !narrative {
                    return Some(M::of(Type::Duration, i + 2, Value::Duration(Qty::Vague, unit)));
                }
                return date(i + 2, Ref::Past);
            }
            if narrative { date(i + 1, Ref::Past) } else { None }
        }
        Deictic::Former if narrative => date(i + 1, Ref::Past),
        Deictic::Current if narrative => date(i + 1, Ref::Present),
        Deictic::Present if i > 0 && ctx.is(i - 1, "at") => date(i + 1, Ref::Present),
        Deictic::Present if narrative && ctx.dash(i + 1) && ctx.is(i + 2, "day") => date(i + 3, Ref::Present),
        Deictic::Future if narrative => date(i + 1, Ref::Future),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    #[test]
    fn deixis_in_news_and_narrative() {
        expect(deictic, &news(), None, "prices rose yesterday", "yesterday", "yesterday", "2013-03-11");
        expect(deictic, &news(), None, "tomorrow night", "tomorrow", "tomorrow night", "2013-03-13TNI");
        expect(deictic, &news(), None, "talks continue tonight", "tonight", "tonight", "2013-03-12TNI");
        expect(deictic, &news(), None, "over the weekend", "the", "the weekend", "2013-W10-WE");
        expect(deictic, &news(), None, "in recent years", "recent", "recent years", "PXY");
        expect(deictic, &narrative(), None, "in recent years", "recent", "recent years", "PAST_REF");
        expect(deictic, &narrative(), None, "it is now clear", "now", "now", "PRESENT_REF");
        expect(deictic, &narrative(), None, "in the past,", "the", "the past", "PAST_REF");
        expect(deictic, &narrative(), None, "at the present time the", "the", "the present time", "PRESENT_REF");
        expect(deictic, &news(), None, "at the present time the", "the", "the present time", "PRESENT_REF");
        expect(deictic, &narrative(), Date::from_year(1942).ok(), "at that time he", "that", "that time", "1942");
        expect_none(deictic, &news(), "the former minister", "former");
        expect(deictic, &narrative(), Date::from_year(1899).ok(), "friction that continues to this day", "this", "this day", "PRESENT_REF");
        expect(deictic, &news(), None, "a rite kept until this day.", "this", "this day", "PRESENT_REF");
        expect_none(deictic, &narrative(), "he referred to this day as black", "this");
    }
}
