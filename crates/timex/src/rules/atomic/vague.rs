//! Narrative (TIMEX2) vague times, which TIMEX3 (news) leaves untagged: "at the time", "by
//! the time he left office", "for the duration of the war", "for the time being", "a short
//! time", "some time later", "to date".

use crate::Type;
use crate::rules::primitives::{Ctx, M, Qty, Ref, Value};
use crate::tables::{Lex, Unit};
use crate::token::Kind;

/// Prepositions before "the time" that make it temporal ("at the time", "by the time").
const TIME_PREPOSITIONS: &[&str] = &["at", "by", "in", "for", "from", "of", "during", "until", "since"];

/// Narrative (TIMEX2) vague times: "at the time", "by the time he left office", "at the time of
/// the peace agreement", "for the duration of the war", "for the time being". TIMEX3 (news)
/// leaves them untagged.
pub(crate) fn the_time(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if ctx.news() || !ctx.is(i, "the") || i == 0 || !TIME_PREPOSITIONS.iter().any(|w| ctx.is(i - 1, w)) {
        return None;
    }
    let noun = i + 1;
    let reference = || ctx.reference(false).map_or(Value::Ref(Ref::Past), |d| Value::Year(Some(d.year())));
    if ctx.is(noun, "time") && ctx.is(noun + 1, "being") {
        return Some(M::date(noun + 2, Value::Ref(Ref::Present), None));
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
        return Some(M::of(Type::Duration, end, Value::Duration(Qty::Vague, Unit::Year)));
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
pub(crate) fn vague_time(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if ctx.news() {
        return None;
    }
    if ctx.is(i, "date") && i > 0 && ctx.is(i - 1, "to") && ctx.tok(i + 1).is_none_or(|t| t.kind == Kind::Punct) {
        return Some(M::date(i + 1, Value::Ref(Ref::Present), None));
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
        let value = if later { Ref::Future } else { Ref::Past };
        return M::date(end + 1, Value::Ref(value), None);
    }
    M::of(Type::Duration, end, Value::Duration(Qty::Vague, Unit::Year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    #[test]
    fn vague_times_in_narrative_only() {
        let c = narrative();
        let a = Date::from_year(1942).ok();
        expect(the_time, &c, a, "at the time, he", "the", "the time", "1942");
        expect(the_time, &c, a, "by the time he left office, the", "the", "the time he left office", "1942");
        expect(the_time, &c, a, "for the time being", "the", "the time being", "PRESENT_REF");
        expect(the_time, &c, a, "for the duration of the war.", "the", "the duration of the war", "PXY");
        expect_none(the_time, &news(), "at the time, he", "the");
        expect(vague_time, &c, None, "for a short time", "a", "a short time", "PXY");
        expect(vague_time, &c, None, "some time later.", "some", "some time later", "FUTURE_REF");
        expect(vague_time, &c, None, "to date.", "date", "date", "PRESENT_REF");
        expect_none(vague_time, &news(), "for a short time", "a");
    }
}
