//! The bottom layer of the rules: everything a rule family needs and nothing that is a rule.
//!
//! - `ctx`: the shared state ([`Ctx`]), the result of a rule ([`M`]), reference dates and tense.
//! - `value`: the typed [`Value`] of a match and its renderer, `Value::to_timex`.
//! - `scan`: token scanners (years, months, days, amounts, clock times).
//! - `recur`: whether a date written without a year is a yearly observance (`XXXX-08-15`).
//! - `resolve`: moving a reference date by units, to a weekday, and anaphoric unit phrases.
//!
//! Nothing here imports a rule family.

pub(crate) mod ctx;
pub(crate) mod recur;
pub(crate) mod resolve;
pub(crate) mod scan;
pub(crate) mod value;

pub(crate) use ctx::{Ctx, M, Rule, Tense, best_of};
pub(crate) use value::{Count, Qty, Ref, TimeOfDay, Value};

/// "to this day", "until this day" closing a clause ("a rivalry that continues to this day."):
/// the idiom for "still", which is the present, not the anchor's day.
pub(crate) fn to_this_day(ctx: &Ctx<'_>, i: usize) -> bool {
    ctx.is(i, "this")
        && ctx.is(i + 1, "day")
        && i > 0
        && ["to", "until", "till"].iter().any(|w| ctx.is(i - 1, w))
        && (ctx.tok(i + 2).is_none_or(|t| t.kind == crate::token::Kind::Punct) || ctx.is(i + 2, "and") || ctx.is(i + 2, "but"))
}
