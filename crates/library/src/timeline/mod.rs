//! Timelines: every dated statement of the library, per country, per pair of states, per query.
//!
//! At ingest ([`store::update`]) each section is split into sentences and tagged by `timex`
//! (narrative mode, its data-as-of as the reference date) through the `timeline` crate; each
//! dated sentence becomes a catalog row with its interval (`start_key`/`end_key`, sortable
//! `YYYYMMDD` numbers), its precision and the states it names. Queries are then index lookups,
//! never re-tagging:
//!
//! - a **country** timeline holds the entries whose sentence names the state or whose section
//!   is about it;
//! - a **pair** timeline holds a sentence when it names both states, or names one and sits in
//!   a section about the other;
//! - a **query** timeline holds the entries of the sections a search finds (its top
//!   [`QUERY_SECTIONS`]).
//!
//! Entries sort by start, then by precision (a day before its month before its year), then in
//! book order. Every entry carries its [`Citation`] (see `cite.rs`). Files: `store.rs` (the
//! write side and the state-name table), `query.rs` (the read side), `cite.rs` (citations).

pub(crate) mod cite;
mod query;
pub(crate) mod store;

use serde::Serialize;

pub use cite::{COUNTRY_STUDIES, Citation, CiteFormat, FACTBOOK};
pub(crate) use query::citation;

/// The most entries one page of a timeline returns.
pub const MAX_TIMELINE_LIMIT: usize = 2000;
/// How many of a search's best sections a query timeline reads.
pub const QUERY_SECTIONS: usize = 100;

/// What timeline to build. At least one of `country`, `pair` and `query`; given together they
/// narrow each other.
#[derive(Debug, Clone, Default)]
pub struct TimelineQuery {
    /// A state (id, name, alias, adjective-free, or ISO/FIPS code).
    pub country: Option<String>,
    /// Two states.
    pub pair: Option<(String, String)>,
    /// A search query (the search language of [`crate::SearchQuery`]).
    pub query: Option<String>,
    /// Only entries that reach into this year or later.
    pub from: Option<i32>,
    /// Only entries that begin in this year or earlier.
    pub to: Option<i32>,
    /// Entries per page, 1..=[`MAX_TIMELINE_LIMIT`].
    pub limit: usize,
    /// Entries to skip.
    pub offset: usize,
}

/// A state a timeline is about.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StateRef {
    /// Id (the slug of its canonical name: `soviet-union`).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// How many entries start in one year (for drawing an axis without every entry).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct YearCount {
    /// The year (astronomical: 0 is 1 BC).
    pub year: i32,
    /// Entries that start in it.
    pub count: u32,
}

/// One dated statement.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// The date as a reader says it: `1904–1905`, `mid-1986`, `1920s`, `19th century`,
    /// `660 BC`, `summer 1986`.
    pub label: String,
    /// First date of the interval (ISO 8601 partial date: `1904`, `1945-08`).
    pub start: String,
    /// Last date of the interval, inclusive.
    pub end: String,
    /// `day`, `week`, `month`, `season`, `year`, `decade`, `century` or `millennium`.
    pub granularity: String,
    /// TIMEX modifier (`MID`, `END`, `START`, `APPROX`, `BEFORE`, `AFTER` …).
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// The date words as written.
    pub expression: String,
    /// The whole sentence.
    pub sentence: String,
    /// Code-point range `[start, end)` of `expression` in `sentence`.
    pub highlight: (usize, usize),
    /// The TIMEX value (`1904/1905` for a range).
    pub value: String,
    /// The section it is in.
    pub section_id: String,
    /// Its paragraph (0-based; the reader's anchor is `#p{paragraph + 1}`).
    pub paragraph: usize,
    /// The section's title as shown.
    pub section_title: String,
    /// Book title.
    pub book: String,
    /// Book id.
    pub book_id: String,
    /// The section's country.
    pub country: String,
    /// The section's country id.
    pub country_id: String,
    /// The section's data-as-of.
    pub data_as_of: Option<String>,
    /// The full citation, Chicago style.
    pub citation: String,
    /// A short citation for the end of a line.
    pub citation_short: String,
    /// The states the sentence names (display names).
    pub countries: Vec<String>,
    /// Their ids.
    pub country_ids: Vec<String>,
    /// `true` when the sentence names no state and `countries` come from the sentence before.
    pub from_context: bool,
}

/// One page of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The states it is about (one for `--country`, two for `--pair`, none for a query alone).
    pub states: Vec<StateRef>,
    /// The search query, if any.
    pub query: Option<String>,
    /// The year filters as given.
    pub from: Option<i32>,
    /// The year filters as given.
    pub to: Option<i32>,
    /// Entries in the whole timeline (all pages).
    pub total: usize,
    /// Entries skipped.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// Entries that start in each year, over the whole timeline, in year order.
    pub years: Vec<YearCount>,
    /// This page's entries, in timeline order.
    pub entries: Vec<TimelineEntry>,
}

/// The date of an entry as a reader says it (see [`TimelineEntry::label`]).
pub fn date_label(
    start: &str,
    end: &str,
    granularity: &str,
    value: &str,
    modifier: Option<&str>,
) -> String {
    let year = |iso: &str| -> Option<i32> {
        let (neg, rest) = iso.strip_prefix('-').map_or((false, iso), |r| (true, r));
        let y: i32 = rest.get(..4)?.parse().ok()?;
        Some(if neg { -y } else { y })
    };
    let era = |y: i32| {
        if y <= 0 {
            format!("{} BC", 1 - y)
        } else {
            y.to_string()
        }
    };
    let ordinal = |n: i32| {
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{suffix}")
    };
    let (ys, ye) = (year(start), year(end));
    let base = match (granularity, ys, ye) {
        ("decade", Some(a), _) if a > 0 => format!("{a}s"),
        ("century", Some(a), Some(b)) if a >= 0 && b - a == 99 => {
            format!("{} century", ordinal(a / 100 + 1))
        }
        ("century", Some(_), Some(b)) if b <= 0 => {
            format!("{} century BC", ordinal((1 - b) / 100 + 1))
        }
        ("millennium", Some(a), _) if a >= 0 => format!("{} millennium", ordinal(a / 1000 + 1)),
        ("season", Some(a), _) if !value.contains('/') => {
            let part = value.rsplit('-').next().unwrap_or("");
            let name = match part {
                "SP" => "spring",
                "SU" => "summer",
                "FA" | "AU" => "autumn",
                "WI" => "winter",
                "Q1" | "Q2" | "Q3" | "Q4" | "H1" | "H2" => part,
                _ => "",
            };
            if name.is_empty() {
                format!("{start}–{end}")
            } else {
                format!("{name} {}", era(a))
            }
        }
        (_, Some(a), Some(b)) if start.len() <= 5 && end.len() <= 5 && a <= 0 && b <= 0 => {
            if a == b {
                era(a)
            } else {
                format!("{}–{} BC", 1 - a, 1 - b)
            }
        }
        (_, Some(a), Some(b)) if start.len() <= 5 && end.len() <= 5 && a <= 0 => {
            format!("{}–{}", era(a), era(b))
        }
        // A day or month before the common era, as historians write it: "11 February 660 BC".
        (_, Some(a), Some(b)) if a == b && a <= 0 && start.len() > 5 => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let mut parts = start.trim_start_matches('-').split('-').skip(1);
            let month = parts
                .next()
                .and_then(|m| m.parse::<usize>().ok())
                .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
            match (month, parts.next().and_then(|d| d.parse::<u8>().ok())) {
                (Some(m), Some(d)) => format!("{d} {m} {}", era(a)),
                (Some(m), None) => format!("{m} {}", era(a)),
                _ => era(a),
            }
        }
        _ if start == end => start.to_owned(),
        _ => format!("{start}–{end}"),
    };
    match modifier {
        Some("MID") if granularity == "year" => format!("mid-{base}"),
        Some("MID") => format!("mid {base}"),
        Some("START") => format!("early {base}"),
        Some("END") => format!("late {base}"),
        Some("APPROX") => format!("c. {base}"),
        Some("BEFORE") => format!("before {base}"),
        Some("AFTER") => format!("after {base}"),
        Some("ON_OR_BEFORE") => format!("{base} or earlier"),
        Some("ON_OR_AFTER") => format!("{base} or later"),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::date_label;

    #[test]
    fn labels_read_as_people_write_dates() {
        let cases = [
            (("1904", "1905", "year", "1904/1905", None), "1904–1905"),
            (("1986", "1986", "year", "1986", Some("MID")), "mid-1986"),
            (("1945", "1945", "year", "1945", Some("END")), "late 1945"),
            (("1945-08", "1945-08", "month", "1945-08", None), "1945-08"),
            (("1920", "1929", "decade", "192", None), "1920s"),
            (("1800", "1899", "century", "18", None), "19th century"),
            (
                ("1900", "1999", "century", "19", Some("START")),
                "early 20th century",
            ),
            (
                ("-0699", "-0600", "century", "BC06", None),
                "7th century BC",
            ),
            (("-0659", "-0659", "year", "BC0660", None), "660 BC"),
            (
                ("-0465", "-0400", "year", "BC0466/BC0401", None),
                "466–401 BC",
            ),
            (
                ("1986-06", "1986-08", "season", "1986-SU", None),
                "summer 1986",
            ),
            (("1990-01", "1990-03", "season", "1990-Q1", None), "Q1 1990"),
            (("1000", "1999", "millennium", "1", None), "2nd millennium"),
            (("0000", "0099", "century", "00", None), "1st century"),
            (
                ("-0659-02-11", "-0659-02-11", "day", "BC0660-02-11", None),
                "11 February 660 BC",
            ),
            (
                ("-0043-03", "-0043-03", "month", "BC0044-03", None),
                "March 44 BC",
            ),
        ];
        for ((s, e, g, v, m), want) in cases {
            assert_eq!(date_label(s, e, g, v, m), want, "{s}..{e} {g} {v}");
        }
    }
}
