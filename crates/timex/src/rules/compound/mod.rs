//! The top layer: compound rules, which combine atomic families (and the compound rules
//! listed before them) into larger expressions. The order is the dependency order:
//!
//! - `dates`: weekday + calendar date or holiday + clock time ("Thursday, March 5, 1998").
//! - `times`: times of day dated by a day ("10:30 a.m. Tuesday", "the night of 20 June").
//! - `modified`: position and approximation words around a date ("mid-1986", "the end of").
//! - `spans`: durations over a date or an event ("the last week of August", "a three-year
//!   period", "three weeks after the siege began").

pub(crate) mod dates;
pub(crate) mod modified;
pub(crate) mod spans;
pub(crate) mod times;
