//! A section's paragraphs to dated events.

use std::ops::Range;

use gazetteer::Context;

use crate::coder::Coder;
use crate::types::{Actor, Event, EventType};

/// What [`code_paragraphs`] needs besides the text.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The section's data-as-of (the document date of its temporal expressions).
    pub data_as_of: Option<timex::Date>,
    /// The section's country (ISO code as in the gazetteer), for resolving names.
    pub country: Option<String>,
}

/// One event with where it is and when it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Coded {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// The sentence, as a byte range of the paragraph.
    pub sentence: Range<usize>,
    /// The event (its offsets are in the sentence).
    pub event: Event,
    /// First date (ISO, partial: `1904`, `1986-01`), when known.
    pub start: Option<String>,
    /// Last date (inclusive), when known.
    pub end: Option<String>,
    /// Whether the date is an earlier sentence's of the same paragraph.
    pub date_inherited: bool,
}

/// The events of a section's paragraphs, dated by each sentence's own temporal expression,
/// else the nearest earlier dated sentence of the paragraph.
pub fn code_paragraphs(coder: &Coder, paragraphs: &[&str], config: &Config) -> Vec<Coded> {
    code_paragraphs_with(coder, paragraphs, config, None)
}

/// [`code_paragraphs`] with the section's dated statements already read (the library's reading
/// pass has them: `timeline::extract` of the same paragraphs with the same data-as-of), so the
/// dates are not read twice.
pub fn code_paragraphs_with(
    coder: &Coder,
    paragraphs: &[&str],
    config: &Config,
    entries: Option<&[timeline::Entry]>,
) -> Vec<Coded> {
    let read;
    let entries = match entries {
        Some(e) => e,
        None => {
            let names = timeline::Names::new(std::iter::empty());
            read = timeline::extract(
                paragraphs,
                &timeline::Config {
                    data_as_of: config.data_as_of,
                    names: &names,
                },
            );
            &read[..]
        }
    };
    let as_of_year = config.data_as_of.map(|d| d.year());
    let mut out = Vec::new();
    for (p, text) in paragraphs.iter().enumerate() {
        let mut last_date: Option<Dated> = None;
        // The states the paragraph has named so far, latest last.
        let mut named: Vec<Actor> = Vec::new();
        for range in timeline::sentence::split(text) {
            // The sentence's dates, in order, with where they are.
            let own: Vec<(Range<usize>, Dated)> = entries
                .iter()
                .filter(|e| e.paragraph == p && e.sentence == range)
                .map(|e| {
                    (
                        e.expression.start - range.start..e.expression.end - range.start,
                        Dated {
                            start: e.interval.start.to_string(),
                            end: e.interval.end.to_string(),
                            year: e.interval.start.get_year(),
                        },
                    )
                })
                .collect();
            let sentence = &text[range.clone()];
            let context = Context {
                year: own
                    .first()
                    .map(|d| d.1.year)
                    .or(last_date.as_ref().map(|d| d.year))
                    .or(as_of_year),
                country: config.country.clone(),
            };
            let (events, states) = coder.code_sentence_with_states(sentence, &context);
            // One event per type and pair of states a sentence: "Japan defeated Russia in the
            // Russo-Japanese War" is one war.
            let mut seen: Vec<(EventType, String, String)> = Vec::new();
            for mut event in events {
                territory(coder, &mut event, &named, &states);
                let side = |a: &Actor| a.code.get(..3).unwrap_or(&a.code).to_string();
                let (a, b) = (
                    side(&event.source),
                    event.target.as_ref().map(side).unwrap_or_default(),
                );
                let key = if a <= b {
                    (event.kind, a, b)
                } else {
                    (event.kind, b, a)
                };
                if !key.1.is_empty() && !key.2.is_empty() && !event.negated {
                    if seen.contains(&key) {
                        continue;
                    }
                    seen.push(key);
                }
                let dates = dates_of(sentence, &event, &own);
                if dates.is_empty() {
                    out.push(Coded {
                        paragraph: p,
                        sentence: range.clone(),
                        start: last_date.as_ref().map(|d| d.start.clone()),
                        end: last_date.as_ref().map(|d| d.end.clone()),
                        date_inherited: last_date.is_some(),
                        event,
                    });
                    continue;
                }
                for d in dates {
                    out.push(Coded {
                        paragraph: p,
                        sentence: range.clone(),
                        start: Some(d.start.clone()),
                        end: Some(d.end.clone()),
                        date_inherited: false,
                        event: event.clone(),
                    });
                }
            }
            if let Some((_, d)) = own.last() {
                last_date = Some(d.clone());
            }
            named.extend(states);
        }
    }
    out
}

/// Territory taken, held or refused ("the islands were incorporated into the Soviet Union",
/// "refused to return the Northern Territories") is taken from, held from or refused to a
/// state: when the target is a place of the acting state's own (today's) territory, the other
/// side is the state the paragraph last named outside the actor's lineage (Japan, in a
/// paragraph on Soviet–Japanese relations). The place's words stay the target's text.
fn territory(coder: &Coder, event: &mut Event, named: &[Actor], here: &[Actor]) {
    let territorial = matches!(
        event.kind,
        EventType::Coerce | EventType::Reject | EventType::Concede | EventType::Retreat
    );
    let Some(target) = &event.target else { return };
    if !territorial || target.code.len() < 3 || event.source.code.len() < 3 {
        return;
    }
    let g = coder.gazetteer();
    let place = g.get(&target.entity).is_some_and(|e| {
        !e.kind.is_state()
            && !matches!(
                e.kind,
                gazetteer::Kind::Person | gazetteer::Kind::Organization
            )
    });
    let family = lineage(g, &event.source.code[..3]);
    if !place || !family.iter().any(|f| f == &target.code[..3]) {
        return;
    }
    let before_trigger = here.iter().filter(|a| a.end <= event.trigger_start);
    let Some(other) = named
        .iter()
        .chain(before_trigger)
        .rev()
        .find(|a| a.code.len() >= 3 && !family.iter().any(|f| f == &a.code[..3]))
    else {
        return;
    };
    let base = other.code[..3].to_string();
    let name = g
        .entities()
        .iter()
        .find(|e| e.kind.is_state() && crate::actors::code(g, e).as_deref() == Some(base.as_str()))
        .map_or_else(|| other.name.clone(), |e| e.name.clone());
    event.rule = format!(
        "{}; territory of {name} (the paragraph's other state)",
        event.rule
    );
    let t = event.target.as_mut().expect("target");
    t.code = base;
    t.name = name;
}

/// A state's code and those of the states before and after it (SUN: SUN, RUS).
fn lineage(g: &gazetteer::Gazetteer, code: &str) -> Vec<String> {
    let mut out = vec![code.to_string()];
    for e in g.entities().iter().filter(|e| e.kind.is_state()) {
        if crate::actors::code(g, e).as_deref() != Some(code) {
            continue;
        }
        for id in [&e.predecessor, &e.successor]
            .into_iter()
            .flatten()
            .flat_map(|ids| ids.split('|'))
        {
            if let Some(c) = g.get(id.trim()).and_then(|r| crate::actors::code(g, r))
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
    }
    out
}

/// A date as ISO strings and its first year.
#[derive(Clone, Debug)]
struct Dated {
    start: String,
    end: String,
    year: i32,
}

/// The dates of an event among its sentence's: the one nearest its trigger, and those joined
/// to it by "and" ("visited Tokyo in January 1986 and December 1988" is two visits).
fn dates_of<'a>(sentence: &str, event: &Event, own: &'a [(Range<usize>, Dated)]) -> Vec<&'a Dated> {
    // "the 1941 neutrality pact" dates the pact, not what happened to it.
    let attributive = |r: &Range<usize>| {
        let before = sentence[..r.start].trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        matches!(
            word.to_lowercase().as_str(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        )
    };
    // "occupied Vladivostok and did not leave until 1922": a date after "until" ends the
    // event right before it, not one further back.
    let until_elsewhere = |r: &Range<usize>| {
        let before = sentence[..r.start].trim_end().to_lowercase();
        (before.ends_with("until") || before.ends_with("till"))
            && (r.start < event.trigger_end
                || sentence[event.trigger_end..r.start]
                    .split_whitespace()
                    .count()
                    > 3)
    };
    let candidates: Vec<usize> = (0..own.len())
        .filter(|&k| !attributive(&own[k].0) && !until_elsewhere(&own[k].0))
        .collect();
    let Some(nearest) = candidates.iter().copied().min_by_key(|&k| {
        let r = &own[k].0;
        if r.start >= event.trigger_end {
            r.start - event.trigger_end
        } else {
            event.trigger_start.saturating_sub(r.end)
        }
    }) else {
        return Vec::new();
    };
    let mut out = vec![&own[nearest].1];
    let mut k = nearest;
    while k + 1 < own.len() {
        let between = sentence.get(own[k].0.end..own[k + 1].0.start).unwrap_or("");
        let joined = matches!(
            between.trim(),
            "and" | "and in" | "and again in" | ", and" | ","
        );
        if !joined {
            break;
        }
        out.push(&own[k + 1].1);
        k += 1;
    }
    out
}
