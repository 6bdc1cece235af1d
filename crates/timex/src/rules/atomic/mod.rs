//! The middle layer: atomic rule families. Each family reads tokens through the primitives and
//! never calls another family, so each can be tested alone (every file has its own tests).
//!
//! - `calendar`: written-out and numeric dates, years, quarters, "fiscal 2012".
//! - `ranges`: the elided second year or day of a range ("1918-21", "April 6-7").
//! - `periods`: decades, centuries, seasons.
//! - `holidays`: holidays and calendar names.
//! - `anaphoric`: "the following year", "that spring", weekdays, "month's end".
//! - `deictic`: "now", "yesterday", "recent years", "the weekend".
//! - `durations`: durations, shifted points ("two years later"), sets, amount ranges.
//! - `vague`: narrative vague times ("at the time", "a short time").

pub(crate) mod anaphoric;
pub(crate) mod calendar;
pub(crate) mod deictic;
pub(crate) mod durations;
pub(crate) mod holidays;
pub(crate) mod periods;
pub(crate) mod ranges;
pub(crate) mod vague;
