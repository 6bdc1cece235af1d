//! From one sentence to its events: triggers, roles, polarity.

use gazetteer::{Context, Gazetteer};

use crate::actors::{self, Found};
use crate::dictionary::{DataError, Dictionary, Roles};
use crate::grammar::{
    BE, CLAUSE_END, DETERMINERS, LIGHT_VERBS, PREVENTERS, QUALIFIERS, intent, verbal,
};
use crate::tokens::{Token, tokenize};
use crate::types::{Actor, Event, EventType};

/// The event coder: the trigger tables and the gazetteer.
#[derive(Clone, Copy)]
pub struct Coder {
    pub(crate) dict: &'static Dictionary,
    gazetteer: &'static Gazetteer,
}

impl std::fmt::Debug for Coder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coder")
            .field("verbs", &self.dict.verbs.len())
            .finish()
    }
}

/// A trigger found in a sentence, before roles are assigned.
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    /// First and last token.
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) kind: EventType,
    pub(crate) mode: Option<String>,
    pub(crate) roles: Roles,
    pub(crate) rule: String,
    /// Whether the verb is in the passive ("was invaded").
    pub(crate) passive: bool,
}

impl Coder {
    /// A coder over the embedded tables and gazetteer.
    pub fn embedded() -> Result<Coder, &'static DataError> {
        Ok(Coder {
            dict: Dictionary::embedded()?,
            gazetteer: Gazetteer::embedded(),
        })
    }

    /// A coder over given tables (tests).
    pub fn new(dict: &'static Dictionary, gazetteer: &'static Gazetteer) -> Coder {
        Coder { dict, gazetteer }
    }

    /// The gazetteer the coder links names with.
    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// The events of one sentence, in the order of their triggers.
    pub fn code_sentence(&self, sentence: &str, context: &Context) -> Vec<Event> {
        self.code_sentence_with_states(sentence, context).0
    }

    /// The events of one sentence and the states (and their people) it names, in order.
    pub fn code_sentence_with_states(
        &self,
        sentence: &str,
        context: &Context,
    ) -> (Vec<Event>, Vec<Actor>) {
        let tokens = tokenize(sentence);
        if tokens.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let actors = actors::find(self.gazetteer, self.dict, sentence, &tokens, context);
        let states: Vec<Actor> = actors
            .iter()
            .filter(|a| {
                self.gazetteer
                    .get(&a.actor.entity)
                    .is_some_and(|e| e.kind.is_state() || e.kind == gazetteer::Kind::Person)
            })
            .map(|a| a.actor.clone())
            .collect();
        (self.code_tokens(sentence, &tokens, &actors), states)
    }

    fn code_tokens(&self, sentence: &str, tokens: &[Token], actors: &[Found]) -> Vec<Event> {
        let tokens = tokens.to_vec();
        let in_actor = |i: usize| actors.iter().any(|a| a.first <= i && i <= a.last);
        let mut out = Vec::new();
        let mut i = 0;
        let mut last_event_end: Option<usize> = None;
        while i < tokens.len() {
            if in_actor(i) {
                i += 1;
                continue;
            }
            let Some(mut t) = self.trigger_at(&tokens, i) else {
                i += 1;
                continue;
            };
            intent(&tokens, &mut t);
            // "agreed to set up", "threatened to invade": the first verb governs.
            // ("in order to occupy" is a purpose of its own, not a chained verb.)
            let chained = last_event_end.is_some_and(|e| {
                t.first > e
                    && t.first - e <= 5
                    && tokens[t.first - 1].lower == "to"
                    && !tokens[e + 1..t.first].iter().any(|w| w.lower == "order")
            });
            let next = t.last + 1;
            if !chained {
                let events = self.roles(sentence, &tokens, actors, &t);
                if !events.is_empty() {
                    last_event_end = Some(t.last);
                }
                out.extend(events);
            }
            i = next;
        }
        out
    }

    /// The trigger that starts at token `i`, if any: a history row first (the longest form),
    /// else a CAMEO verb with the pattern that fits best.
    fn trigger_at(&self, tokens: &[Token], i: usize) -> Option<Trigger> {
        let d = self.dict;
        let w = &tokens[i].lower;
        // "is prepared to impose", "plans to visit": the verb after `to` is the event.
        if QUALIFIERS.contains(&w.as_str()) && tokens.get(i + 1).is_some_and(|t| t.lower == "to") {
            return None;
        }
        // The passive needs a participle: "was invaded", not "is providing".
        let participle = !w.ends_with("ing");
        let passive = i >= 1
            && participle
            && (BE.contains(&tokens[i - 1].lower.as_str())
                || (i >= 2
                    && BE.contains(&tokens[i - 2].lower.as_str())
                    && tokens[i - 1].lower.ends_with("ly")));
        let mut best: Option<(usize, usize)> = None; // (rule, form length)
        for &(r, f) in d.history_index.get(w).into_iter().flatten() {
            let form = &d.history[r].forms[f];
            let fits = form
                .iter()
                .enumerate()
                .all(|(k, fw)| tokens.get(i + k).is_some_and(|t| &t.lower == fw));
            if !fits || best.is_some_and(|(_, len)| len >= form.len()) {
                continue;
            }
            let rule = &d.history[r];
            let end = i + form.len();
            if !rule.after.is_empty()
                && !tokens[end..(end + 6).min(tokens.len())]
                    .iter()
                    .any(|t| rule.after.contains(&t.lower))
            {
                continue;
            }
            // A verb form after a determiner is a noun ("the attack"): nominal rows cover it.
            if rule.roles != Roles::Noun
                && i > 0
                && DETERMINERS.contains(&tokens[i - 1].lower.as_str())
            {
                continue;
            }
            best = Some((r, form.len()));
        }
        if let Some((r, len)) = best {
            let rule = &d.history[r];
            return Some(Trigger {
                first: i,
                last: i + len - 1,
                kind: rule.kind,
                mode: rule.mode.clone(),
                roles: rule.roles,
                rule: format!("history: {}", rule.label),
                passive,
            });
        }
        if i > 0 && DETERMINERS.contains(&tokens[i - 1].lower.as_str()) {
            return None;
        }
        if let Some(t) = self.light_verb(tokens, i, passive) {
            return Some(t);
        }
        // "prevented the conclusion of a treaty": an operator on the event after it.
        if PREVENTERS.contains(&w.as_str()) {
            return None;
        }
        for (v, rest) in d.verb_forms.get(w).into_iter().flatten() {
            let fits = rest
                .iter()
                .enumerate()
                .all(|(k, fw)| tokens.get(i + 1 + k).is_some_and(|t| &t.lower == fw));
            if !fits {
                continue;
            }
            let last = i + rest.len();
            let verb = &d.verbs[*v];
            if !verbal(tokens, i, &verb.lemma) {
                continue;
            }
            // The pattern with the most words that all match.
            let mut chosen: Option<(usize, &crate::dictionary::Pattern)> = None;
            let own = (verb.block != verb.lemma)
                .then(|| d.patterns.get(&verb.lemma))
                .flatten();
            for p in d
                .patterns
                .get(&verb.block)
                .into_iter()
                .flatten()
                .chain(own.into_iter().flatten())
            {
                let n = p.before.len() + p.after.len();
                if chosen.is_some_and(|(m, _)| m >= n) {
                    continue;
                }
                if self.follows(&p.after, tokens, last + 1) && self.precedes(&p.before, tokens, i) {
                    chosen = Some((n, p));
                }
            }
            let (kind, mode, rule) = match chosen {
                Some((_, p)) => (
                    p.kind,
                    p.mode.clone(),
                    format!(
                        "CAMEO {} {}: {} * {}",
                        p.cameo,
                        verb.lemma,
                        p.before.join(" "),
                        p.after.join(" ")
                    ),
                ),
                None => (
                    verb.kind,
                    verb.mode.clone(),
                    format!("CAMEO {} {}", verb.cameo, verb.lemma),
                ),
            };
            let kind = kind?;
            return Some(Trigger {
                first: i,
                last,
                kind,
                mode,
                roles: Roles::Active,
                rule: rule.replace("  ", " "),
                passive,
            });
        }
        None
    }

    /// "launched an investigation", "issued a stern reminder", "held talks": a light verb and,
    /// up to three words later, an event noun.
    fn light_verb(&self, tokens: &[Token], i: usize, passive: bool) -> Option<Trigger> {
        if !LIGHT_VERBS.contains(&tokens[i].lower.as_str()) {
            return None;
        }
        for k in i + 1..(i + 9).min(tokens.len()) {
            let w = tokens[k].lower.as_str();
            // The noun must be the light verb's own object, not one in a clause of its own
            // ("announced it would prohibit all aid").
            if CLAUSE_END.contains(&w)
                || matches!(
                    w,
                    "," | "that" | "would" | "will" | "could" | "should" | "to"
                )
            {
                return None;
            }
            for (rest, kind, mode) in self.dict.nouns.get(w).into_iter().flatten() {
                let fits = rest
                    .iter()
                    .enumerate()
                    .all(|(n, fw)| tokens.get(k + 1 + n).is_some_and(|t| &t.lower == fw));
                if fits {
                    return Some(Trigger {
                        first: i,
                        last: k + rest.len(),
                        kind: *kind,
                        mode: mode.clone(),
                        roles: Roles::Active,
                        rule: format!("light verb {} + noun {}", tokens[i].lower, w),
                        passive,
                    });
                }
            }
        }
        None
    }

    /// Whether `words` follow token `from` in order, each within three tokens of the last,
    /// inside the clause.
    fn follows(&self, words: &[String], tokens: &[Token], from: usize) -> bool {
        let mut at = from;
        for w in words {
            let mut found = None;
            for (k, tok) in tokens.iter().enumerate().skip(at).take(4) {
                if CLAUSE_END.contains(&tok.lower.as_str()) {
                    break;
                }
                if self.dict.word_matches(w, &tok.lower) {
                    found = Some(k);
                    break;
                }
            }
            match found {
                Some(k) => at = k + 1,
                None => return false,
            }
        }
        true
    }

    /// Whether `words` precede token `to` in order, within five tokens.
    fn precedes(&self, words: &[String], tokens: &[Token], to: usize) -> bool {
        let mut at = to;
        for w in words.iter().rev() {
            let lo = at.saturating_sub(5);
            match (lo..at)
                .rev()
                .find(|&k| self.dict.word_matches(w, &tokens[k].lower))
            {
                Some(k) => at = k,
                None => return false,
            }
        }
        true
    }
}
