//! The country a text is about, when its page does not say.
//!
//! Some pages name no country in their header or URL (an excerpt that starts mid-section, a
//! mirror page whose chrome was lost). The narrative still does: it names its state, calls its
//! people by their demonym, and names its cities and regions. [`infer_country`] weighs the
//! states the text links (a name, demonym or place inside a state counts 1, a person who
//! served it 1½: a page about a state names its own leaders and ministers, while it names its
//! partners as states; a state after a preposition of relation, "trade with India", counts ½), each further occurrence of the same words half the one before (a page
//! about a country varies its words, a page about a neighbour repeats the neighbour), and
//! answers only when one state clearly leads: at least 1 point and 30 % of all the weight, and
//! ahead of the runner-up by a quarter. The evidence is returned so a reader can see why.

use std::collections::HashMap;

use serde::Serialize;

use crate::{Context, Gazetteer, Kind};

/// What a place inside a state counts toward it (a state's name or demonym counts 1).
const PLACE_WEIGHT: f64 = 1.0;
/// What a state counts when a preposition of relation stands before it ("trade with India").
const PARTNER_WEIGHT: f64 = 0.5;
/// Each further occurrence of the same words counts this much of the one before.
const REPEAT_DECAY: f64 = 0.5;

/// A country inferred from a text, with the evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inference {
    /// The state's canonical name.
    pub name: String,
    /// Its entity id.
    pub id: String,
    /// Its weight in the text.
    pub score: f64,
    /// Its share of all the weight (0..=1).
    pub share: f64,
    /// The words that pointed to it, with how often each occurred, most first.
    pub evidence: Vec<(String, u32)>,
}

/// The state `text` is about, if one clearly leads (see the module docs).
pub fn infer_country(g: &Gazetteer, text: &str, year: Option<i32>) -> Option<Inference> {
    let mentions = g.link(
        text,
        &Context {
            year,
            country: None,
        },
    );
    // The state as it was in `year`: one that did not exist yet stands for the state it came
    // from (its predecessor, or a state that names it among its successors), through as many
    // steps as it takes: Slovenia in 1990 is Yugoslavia, Serbia in 1990 is Yugoslavia by way of
    // Serbia and Montenegro; Russia in 1989 is the Soviet Union.
    let index: HashMap<&str, u32> = g
        .entities()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind.is_state())
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let mut came_from: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, e) in g.entities().iter().enumerate() {
        if !e.kind.is_state() {
            continue;
        }
        for id in e.predecessor.iter().flat_map(|p| p.split('|')) {
            if let Some(&p) = index.get(id.trim()) {
                came_from.entry(i as u32).or_default().push(p);
            }
        }
        for id in e.successor.iter().flat_map(|p| p.split('|')) {
            if let Some(&s) = index.get(id.trim()) {
                came_from.entry(s).or_default().push(i as u32);
            }
        }
    }
    let at_date = |i: u32| -> u32 {
        let Some(y) = year else { return i };
        let e = g.entity(i);
        if e.valid_in(y) && e.from_year().is_some() {
            return i;
        }
        // Breadth first over the states it came from, nearest first.
        let mut frontier = vec![i];
        for _ in 0..4 {
            let next: Vec<u32> = frontier
                .iter()
                .flat_map(|f| came_from.get(f).into_iter().flatten().copied())
                .collect();
            let mut valid: Vec<u32> = next
                .iter()
                .copied()
                .filter(|&p| {
                    let p = g.entity(p);
                    p.valid_in(y) && p.to_year().is_some()
                })
                .collect();
            valid.dedup();
            // Two states it may have come from (Germany: East or West) say neither.
            match valid[..] {
                [p] => return p,
                [_, _, ..] => return i,
                [] => {}
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        i
    };
    // A state by its country code, to credit places and people to it.
    let mut state_of_code: HashMap<&str, u32> = HashMap::new();
    for (i, e) in g.entities().iter().enumerate() {
        if e.kind.is_state() {
            if let Some(c) = &e.country {
                state_of_code.entry(c.as_str()).or_insert(i as u32);
            }
        }
    }
    let mut weight: HashMap<u32, f64> = HashMap::new();
    let mut evidence: HashMap<u32, HashMap<String, u32>> = HashMap::new();
    let mut total = 0.0;
    for m in &mentions {
        let e = g.entity(m.entity);
        let (state, w) = if e.kind.is_state() {
            // "trade with India", "aid from the Soviet Union": a partner, half a vote.
            let w = if partner(&text[..m.start]) {
                PARTNER_WEIGHT
            } else {
                1.0
            };
            (Some(m.entity), w)
        } else if matches!(e.kind, Kind::Organization) {
            (None, 0.0)
        } else if e.kind == Kind::Person {
            // A page about a state names its own leaders; its partners it names as states.
            (
                e.country
                    .as_deref()
                    .and_then(|c| state_of_code.get(c).copied()),
                1.5,
            )
        } else {
            (
                e.country
                    .as_deref()
                    .and_then(|c| state_of_code.get(c).copied()),
                PLACE_WEIGHT,
            )
        };
        let Some(state) = state.map(at_date) else {
            continue;
        };
        // The same words again add less each time: a page about a country varies its words
        // (its cities, regions and people), a page about a neighbour repeats the neighbour.
        let n = evidence
            .entry(state)
            .or_default()
            .entry(text[m.start..m.end].to_owned())
            .or_default();
        *n += 1;
        let w = w * REPEAT_DECAY.powi(*n as i32 - 1);
        *weight.entry(state).or_default() += w;
        total += w;
    }
    let mut ranked: Vec<(u32, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(best, score) = ranked.first()?;
    let runner_up = ranked.get(1).map_or(0.0, |r| r.1);
    let share = score / total;
    if score < 1.0 || share < 0.3 || score < runner_up * 1.25 {
        return None;
    }
    let e = g.entity(best);
    let mut ev: Vec<(String, u32)> = evidence
        .remove(&best)
        .unwrap_or_default()
        .into_iter()
        .collect();
    ev.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(Inference {
        name: e.name.clone(),
        id: e.id.clone(),
        score,
        share,
        evidence: ev,
    })
}

/// Whether the words before a state's name make it the other party of a relation: "with",
/// "from", "to", "against", "toward(s)", "by", "between" (an article between them allowed). A
/// page about a country names its partners that way, and itself as the subject.
fn partner(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let mut word = words.next().unwrap_or("");
    if word.eq_ignore_ascii_case("the") {
        word = words.next().unwrap_or("");
    }
    matches!(
        word.to_ascii_lowercase().as_str(),
        "with" | "from" | "to" | "against" | "toward" | "towards" | "by" | "between"
    )
}
