//! Relations between states: the events the `events` crate codes in every section, stored at
//! ingest and looked up by the states' codes.
//!
//! At ingest (`store.rs`) the reading pass codes each section's paragraphs into PLOVER events
//! (source, target, type, mode, dates, trigger, negation, the rule that fired) and writes one
//! `events` row per event. Queries (`query.rs`) resolve a state by name, alias, ISO or CAMEO
//! code to its *code family* (`codes.rs`: its code and its predecessors' and successors'), then
//! match the rows whose source is in one family and target in the other, either way round;
//! negated events ("did not sign") are never relations. [`Library::relations`] answers a pair
//! (or one state against every other), [`Library::partners`] the states one has events with.

mod codes;
mod query;
pub(crate) mod store;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::YearCount;

/// The most events one page of relations returns.
pub const MAX_RELATIONS_LIMIT: usize = 2000;
/// The largest offset into relations.
pub const MAX_RELATIONS_OFFSET: usize = 1_000_000;

/// What relations to list. `b` absent: `a` against every other state.
#[derive(Debug, Clone, Default)]
pub struct RelationsQuery {
    /// A state: id, name, alias, ISO code or CAMEO code (`SUN`).
    pub a: String,
    /// The other state.
    pub b: Option<String>,
    /// Only events of this PLOVER type (`FIGHT`, case-insensitive).
    pub kind: Option<String>,
    /// Only events that reach into this year or later.
    pub from: Option<i32>,
    /// Only events that begin in this year or earlier.
    pub to: Option<i32>,
    /// Events per page, 1..=[`MAX_RELATIONS_LIMIT`] ([`Library::partners`] does not page).
    pub limit: usize,
    /// Events to skip, at most [`MAX_RELATIONS_OFFSET`].
    pub offset: usize,
}

/// A state of a relation, with the codes its events are found by.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RelationState {
    /// Id (`soviet-union`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its code family: its own code first (`SUN`), then its predecessors' and successors'
    /// (`RUS`). Empty for a state the event coder has no code for.
    pub codes: Vec<String>,
}

/// One event between two states, with where it is written.
#[derive(Debug, Clone, Serialize)]
pub struct RelationEvent {
    /// Who acts: the canonical name (`Japan`, `Eduard Shevardnadze`).
    pub source: String,
    /// The words that name it.
    pub source_text: String,
    /// Its code (`JPN`, `SUNGOV`).
    pub source_code: String,
    /// Its gazetteer id.
    pub source_entity: String,
    /// On whom.
    pub target: Option<String>,
    /// The words that name it.
    pub target_text: Option<String>,
    /// Its code.
    pub target_code: Option<String>,
    /// Its gazetteer id.
    pub target_entity: Option<String>,
    /// PLOVER type (`FIGHT`).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, where one applies (`visit`).
    pub mode: Option<String>,
    /// First date (ISO 8601 partial date), when known.
    pub start: Option<String>,
    /// Last date, inclusive.
    pub end: Option<String>,
    /// The dates as a reader says them (`1904–1905`, `1986-01`, `undated`).
    pub label: String,
    /// Whether the date is an earlier sentence's of the same paragraph.
    pub date_inherited: bool,
    /// The words that say what happened.
    pub trigger: String,
    /// Code-point range `[start, end)` of the trigger in `sentence`.
    pub highlight: (usize, usize),
    /// The sentence.
    pub sentence: String,
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
    /// The section's data-as-of.
    pub data_as_of: Option<String>,
    /// The full citation, Chicago style.
    pub citation: String,
    /// A short citation for the end of a line.
    pub citation_short: String,
    /// Always `false`: negated events are not relations.
    pub negated: bool,
}

/// One page of the events between two states (or one and every other).
#[derive(Debug, Clone, Serialize)]
pub struct Relations {
    /// The first state.
    pub a: RelationState,
    /// The second, when given.
    pub b: Option<RelationState>,
    /// The type filter as the library read it (`FIGHT`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The year filters as given.
    pub from: Option<i32>,
    /// The year filters as given.
    pub to: Option<i32>,
    /// Events in all pages.
    pub total: usize,
    /// Events skipped.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// Events of each type, over all pages.
    pub by_type: BTreeMap<String, usize>,
    /// Dated events by the decade they begin in (`1900` is the 1900s), over all pages.
    pub by_decade: BTreeMap<i32, usize>,
    /// The same by type, then decade.
    pub by_type_decade: BTreeMap<String, BTreeMap<i32, usize>>,
    /// Events without a date.
    pub undated: usize,
    /// Dated events per year they begin in, in year order (for a time axis).
    pub years: Vec<YearCount>,
    /// This page's events, in time order (undated last).
    pub events: Vec<RelationEvent>,
}

/// A state another has events with.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    /// Id (`japan`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Its code (`RUS`).
    pub code: String,
    /// The other states of its code family whose events it holds (`Soviet Union`).
    pub including: Vec<String>,
    /// Events between the two, its family's included (its pair page's total).
    pub count: usize,
    /// Of each type.
    pub by_type: BTreeMap<String, usize>,
    /// Dated ones by decade.
    pub by_decade: BTreeMap<i32, usize>,
}

/// The states one state has events with, most events first.
#[derive(Debug, Clone, Serialize)]
pub struct Partners {
    /// The state.
    pub state: RelationState,
    /// Its events with any other state.
    pub total: usize,
    /// Its partners, most events first; each counts as its pair page does (its code family
    /// included), so a state whose family an earlier row holds has no row of its own.
    pub partners: Vec<Partner>,
}
