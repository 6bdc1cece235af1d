//! The rules: a single left-to-right pass over the tokens that tries every rule at each token
//! that can start an expression and keeps the longest match.
//!
//! The rules are layered, and a layer only uses the layers below it:
//!
//! 1. `primitives`: the shared state (`Ctx`), the typed `Value` of a match and its renderer,
//!    token scanners, and reference arithmetic. No rules.
//! 2. `atomic`: rule families that read tokens through the primitives and never call another
//!    family (calendar dates, ranges, periods, holidays, anaphora, deixis, durations, vague
//!    times); each is tested alone.
//! 3. `compound`: rules that combine families (weekday + date + time, "mid-1986", "the last
//!    week of August", TIMEX2 event extension).
//!
//! This file is the driver on top: the rule table and the pass. Each rule reads the `Lex`
//! class of tokens, never raw spellings of content words, so vocabulary lives in `tables`.
//! Rules hand each other typed `Value`s; the TIMEX string is written once, in `run`.
//!
//! **Invariant:** matches never overlap and are emitted in text order. The anchor (the last
//! date mentioned) is updated only by matches that denote a calendar date.

mod atomic;
mod compound;
mod primitives;

use atomic::{anaphoric, deictic, durations, holidays, periods, ranges, vague};
use compound::{dates, modified, spans, times};
use primitives::{Ctx, Rule};

use crate::tables::Lex;
use crate::token::{Kind, Tok};
use crate::{Config, Date, Mod, Type};

/// A match in byte offsets, before conversion to a `Tag`.
pub(crate) struct Found {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The TIMEX type.
    pub kind: Type,
    /// The TIMEX value.
    pub value: String,
    /// The TIMEX modifier.
    pub modifier: Option<Mod>,
}

/// Words before a bare year that make it a point of comparison in news.
const NEWS_COMPARISON: &[&str] = &["since", "than", "from", "until", "before"];

/// Every rule, in priority order (earlier wins ties on length).
const RULES: &[Rule] = &[
    modified::modified,
    dates::explicit,
    periods::decade,
    periods::century,
    periods::season,
    ranges::elided_year,
    anaphoric::anaphoric,
    durations::shifted,
    spans::duration,
    durations::set,
    deictic::deictic,
    times::clock,
    times::part_of_day,
    anaphoric::weekday,
    anaphoric::year_earlier,
    ranges::range_day,
    anaphoric::unit_end,
    anaphoric::day_around,
    times::early_hours,
    holidays::calendar_name,
    spans::period_phrase,
    durations::range_first,
    vague::the_time,
    anaphoric::the_quarter,
    vague::vague_time,
];

/// Runs all rules over the tokens.
pub(crate) fn run(text: &str, toks: &[Tok], config: &Config) -> Vec<Found> {
    let mut ctx = Ctx::new(text, toks, config);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let starter = match t.kind {
            Kind::Num => true,
            // Prepositions never open an expression; "at" ("at least") is a `Cue`.
            Kind::Word => !matches!(t.lex, Lex::None | Lex::Prep),
            Kind::Punct => ctx.punct(i, '\''),
        };
        if !starter {
            i += 1;
            continue;
        }
        let mut best: Option<primitives::M> = None;
        for rule in RULES {
            if let Some(m) = rule(&ctx, i) {
                if m.end > i && best.as_ref().is_none_or(|b| m.end > b.end) {
                    best = Some(m);
                }
            }
        }
        if let Some(ext) = best.as_ref().and_then(|m| spans::extend_over_event(&ctx, i, m)) {
            best = Some(ext);
        }
        match best {
            Some(m) => {
                let end_tok = m.end.min(toks.len());
                // A date in parentheses is an aside: it does not move the narrative.
                let aside = (i > 0 && ctx.punct(i - 1, '(') && ctx.punct(end_tok, ')')) || ctx.future_tense(i);
                // A bare year earlier than the anchor ("in late 1943" after "May 1944") is a
                // look back; the story resumes where it was.
                // (News anchors "two years later" on the year just named, earlier or not.)
                let look_back = |a: &Date| !ctx.news() && a.month().is_none() && ctx.anchor.is_some_and(|cur| cur.month().is_some() && a.year() < cur.year());
                // News: a bare year moves the anchor only as the time of an event ("in 2010"),
                // not as a point of comparison ("since 2008", "than 2008").
                let comparison = ctx.news() && i > 0 && NEWS_COMPARISON.iter().any(|w| ctx.is(i - 1, w));
                if let Some(a) = m.anchor.filter(|a| !(aside || look_back(a) || (comparison && a.month().is_none()))) {
                    ctx.anchor = Some(a);
                    ctx.anchor_at = i;
                }
                // A comparison ("a year earlier") does not become the period compared with.
                if m.kind == Type::Date && !toks[i..end_tok].iter().any(|t| matches!(t.lex, Lex::Shift(_))) {
                    ctx.last_value = Some(m.value.clone());
                }
                out.push(Found { start: toks[i].start, end: toks[end_tok - 1].end, kind: m.kind, value: m.value.to_timex(), modifier: m.modifier });
                i = end_tok;
            }
            None => i += 1,
        }
    }
    out
}
