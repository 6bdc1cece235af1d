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

pub use cite::{COUNTRY_STUDIES, CiteFormat, Citation, FACTBOOK};

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
