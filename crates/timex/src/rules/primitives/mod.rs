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
