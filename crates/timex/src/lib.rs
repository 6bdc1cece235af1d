//! `timex` finds temporal expressions in English text and normalizes them to TIMEX2/TIMEX3 values.
//!
//! ```
//! let config = timex::Config::narrative(timex::Date::parse("1989-05"));
//! let tags = timex::tag("Shevardnadze visited Tokyo in January 1986 and again in mid-1986.", &config);
//! assert_eq!(tags[0].text, "January 1986");
//! assert_eq!(tags[0].value, "1986-01");
//! assert_eq!(tags[1].value, "1986");
//! assert_eq!(tags[1].modifier, Some(timex::Mod::Mid));
//! ```
//!
//! The crate is standalone: it knows nothing about pages, HTML or SQLite, and it never reads the
//! clock. Relative expressions resolve against the document date (`Config::dct`) or, in
//! narrative mode, against the last date the text mentioned. The pipeline is a tokenizer
//! (`token`), a lexicon of plain tables (`tables`), and a set of rules over tokens (`rules`,
//! layered as primitives, atomic rule families and compound rules); no regular expression runs
//! over the text.
//!
//! A [`Date`] cannot be built invalid: its fields are private and its constructors check the
//! month, the day and the year range ([`MIN_YEAR`]`..=`[`MAX_YEAR`]). Year arithmetic inside the
//! crate saturates at the ends of that range, so no document date and no text makes `tag`
//! panic or overflow.
//!
//! Values follow the TIMEX2 conventions of the WikiWars gold data (and TIMEX3 where the two
//! agree). An expression that states its own date keeps it, whatever the document date: "As
//! of 1989" is `1989`, "as of mid-1987" is `1987` (mod `MID`), "as of January 1988" is
//! `1988-01`. Only expressions with no date of their own — "now", "currently", "at present",
//! "at the present time", and "today" in narrative mode — are `PRESENT_REF`, which a caller
//! reads as the document date. In narrative mode sets use TIMEX2 values ("annually" is
//! `XXXX`); in news mode TIMEX3 ones (`P1Y`).
//!
//! A month-day, a month or a holiday written without a year is the date of every year when
//! its context marks a yearly observance (both modes): "Independence Day (August 15)",
//! "Liberation Day, 15 August", "National holiday: Independence Day, 15 August (1947)",
//! "Easter Monday, movable date in March or April" give `XXXX-08-15`, `XXXX-08-15`,
//! `XXXX-08-15` (and `1947`), `XXXX-XX-XX`, `XXXX-03`, `XXXX-04`, and do not move the
//! narrative anchor. The cues (an observance name before the date, "annually", "every year",
//! "movable", "holidays", "celebrated", "anniversary", ...) are listed in the `recur` rule
//! module; "In 1948 ... On August 15 the army crossed the river" still reads `1948-08-15`.
//!
//! ```
//! let config = timex::Config::narrative(timex::Date::parse("1989-05"));
//! let values = |text: &str| timex::tag(text, &config).into_iter().map(|t| t.value).collect::<Vec<_>>();
//! assert_eq!(values("As of 1989, however, relations had not improved."), ["1989"]);
//! assert_eq!(values("National holiday: Independence Day, 15 August (1947)"), ["XXXX-08-15", "1947"]);
//! assert_eq!(values("In 1948 the war began. On August 15 the army crossed the river."), ["1948", "1948-08-15"]);
//! ```
//!
//! News mode follows the TimeML / TempEval-3 conventions written down in
//! `eval/timex/news-conventions.md`: months, days, quarters and holidays without a year are the
//! occurrence nearest the document date in the direction of the tense, "the weekend" is the one
//! just past, "recent years" is `PXY`, "a year earlier" takes the granularity of the period it
//! compares with, ages are not tagged, and event-anchored durations keep only the duration.
//! Narrative mode follows TIMEX2 (WikiWars): a duration extends over its event ("two months of
//! bitter fighting"), "five days after the fall of Girona" is one date, "at the time" is tagged.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// The rules test token after token; nested `if`s read as the grammar they implement.
#![allow(clippy::collapsible_if)]

mod calendar;
mod date;
mod rules;
mod tables;
mod token;

pub use date::{Date, DateError, MAX_YEAR, MIN_YEAR};

#[cfg(test)]
mod tests;

use serde::Serialize;

/// How relative expressions ("two years later", "last week") are anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// History narrative: anchor to the last mentioned date, falling back to the document date.
    /// The default for Country Studies text.
    Narrative,
    /// News: deictic expressions ("yesterday", "last week") anchor to the document date.
    News,
}

/// Tagging options. There is deliberately no `Default`: say which mode you mean.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// The document creation time; for a Country Studies section, its data-as-of date.
    pub dct: Option<Date>,
    /// How relative expressions are anchored.
    pub mode: Mode,
}

impl Config {
    /// Narrative mode (history text) with an optional document date.
    pub fn narrative(dct: Option<Date>) -> Config {
        Config { dct, mode: Mode::Narrative }
    }

    /// News mode with an optional document date.
    pub fn news(dct: Option<Date>) -> Config {
        Config { dct, mode: Mode::News }
    }
}

/// The TIMEX type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Type {
    /// A calendar date or period: `1945-08`, `187`, `PRESENT_REF`.
    Date,
    /// A time of day: `1918-11-11T11:00`, `XXXX-XX-XXTNI`.
    Time,
    /// A length of time: `P3Y`, `PXM`.
    Duration,
    /// A recurrence: `P1Y` for "annually".
    Set,
}

/// A TIMEX modifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mod {
    /// "early 1916", "the beginning of".
    Start,
    /// "mid-1986".
    Mid,
    /// "late 1948", "the waning days of".
    End,
    /// "about 1910", "ca. 466 BC".
    Approx,
    /// "nearly four weeks".
    LessThan,
    /// "over nine months".
    MoreThan,
    /// "up to two months".
    EqualOrLess,
    /// "at least a year".
    EqualOrMore,
    /// "before 1900".
    Before,
    /// "after 1900".
    After,
    /// "1900 or earlier".
    OnOrBefore,
    /// "1900 or later".
    OnOrAfter,
}

/// One temporal expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// Start, in characters (Unicode code points) from the beginning of the input.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: Type,
    /// The normalized TIMEX value, such as `1945-08`, `P3Y` or `PAST_REF`.
    pub value: String,
    /// START, MID, END, APPROX, ... when the text says so.
    #[serde(rename = "mod")]
    pub modifier: Option<Mod>,
}

/// Finds and normalizes the temporal expressions of `text`, in text order, without overlaps.
pub fn tag(text: &str, config: &Config) -> Vec<Tag> {
    let toks = token::tokenize(text);
    let found = rules::run(text, &toks, config);
    let mut tags = Vec::with_capacity(found.len());
    // Convert byte offsets to character offsets in one forward pass.
    let ascii = text.is_ascii();
    let (mut byte_pos, mut char_pos) = (0usize, 0usize);
    for f in found {
        let Some(span) = text.get(f.start..f.end) else {
            continue;
        };
        let (start, end) = if ascii {
            (f.start, f.end)
        } else {
            char_pos += text.get(byte_pos..f.start).map_or(0, |s| s.chars().count());
            let start = char_pos;
            char_pos += span.chars().count();
            byte_pos = f.end;
            (start, char_pos)
        };
        tags.push(Tag { start, end, text: span.to_string(), kind: f.kind, value: f.value, modifier: f.modifier });
    }
    tags
}
