//! `timeline` reads the dated statements out of a text: it splits paragraphs into sentences,
//! tags them with `timex`, turns each date into the interval of calendar time it denotes, and
//! notes which states each sentence names.
//!
//! ```
//! use timeline::{extract, Config, Names};
//! let names = Names::new([(1, "Soviet Union"), (1, "Soviet"), (2, "Japan"), (2, "Japanese")]);
//! let config = Config { data_as_of: timex::Date::parse("1989-05"), names: &names };
//! let text = "During the Russian Civil War (1918-21), Japan occupied Vladivostok. \
//!             As of 1989, however, relations had not improved.";
//! let entries = extract(&[text], &config);
//! assert_eq!(&text[entries[0].expression.clone()], "1918-21");
//! assert_eq!(entries[0].interval.start.to_string(), "1918");
//! assert_eq!(entries[0].interval.end.to_string(), "1921");
//! assert_eq!(entries[0].countries, vec![2]);
//! // The second sentence names no state: it continues the first.
//! assert_eq!(entries[1].countries, vec![2]);
//! assert!(entries[1].from_context);
//! ```
//!
//! The crate reads text and returns values: no IO, no catalog. It is the seam the `events`
//! and `gazetteer` stages will share: [`sentence::split`] for boundaries, [`Names`] for which
//! states a sentence names.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Nested `if`s read as the rules they implement.
#![allow(clippy::collapsible_if)]

mod extract;
mod interval;
mod mentions;
pub mod sentence;

pub use extract::{Config, Entry, extract};
pub use interval::{Granularity, Interval, PartialDate, Reading, read_value};
pub use mentions::{Mention, Names};

#[cfg(test)]
mod tests;
