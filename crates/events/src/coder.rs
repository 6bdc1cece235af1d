//! From one sentence to its events: triggers, roles, polarity.

use gazetteer::{Context, Gazetteer};

use crate::actors::{self, Found};
use crate::dictionary::{DataError, Dictionary, Roles};
use crate::tokens::{Token, tokenize};
use crate::types::{Event, EventType};

/// The event coder: the trigger tables and the gazetteer.
#[derive(Clone, Copy)]
pub struct Coder {
    dict: &'static Dictionary,
    gazetteer: &'static Gazetteer,
}

impl std::fmt::Debug for Coder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coder")
            .field("verbs", &self.dict.verbs.len())
            .finish()
    }
}

/// Words before a verb that make its base or `-s` form a finite verb.
const AUXILIARIES: &[&str] = &[
    "to",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "shall",
    "should",
    "must",
    "did",
    "does",
    "do",
    "has",
    "have",
    "had",
    "also",
    "later",
    "then",
    "again",
    "subsequently",
    "reportedly",
    "jointly",
    "formally",
    "officially",
    "eventually",
    "finally",
    "soon",
    "immediately",
    "repeatedly",
    "publicly",
    "openly",
    "never",
    "not",
    "n't",
];

/// Whether the CAMEO verb form at token `i` is used as a verb, judged by its shape and the
/// words before it: a past tense (`-ed`, an irregular past), a participle after `be` or
/// `have`, a base or `-s` form after an auxiliary, a name, or `to`. "In order to", "the
/// Japanese need", "territorial claims", "guarding the mouth" are not verbs.
fn verbal(tokens: &[Token], i: usize, lemma: &str) -> bool {
    let w = tokens[i].lower.as_str();
    let prev = i
        .checked_sub(1)
        .map(|k| tokens[k].lower.as_str())
        .unwrap_or("");
    let prev2 = i
        .checked_sub(2)
        .map(|k| tokens[k].lower.as_str())
        .unwrap_or("");
    let aux = |p: &str| AUXILIARIES.contains(&p) || BE.contains(&p);
    let first_word = lemma.split(' ').next().unwrap_or(lemma);
    if w.ends_with("ing") && w != first_word {
        return BE.contains(&prev) || BE.contains(&prev2) || prev == ",";
    }
    if w.ends_with("ed") && w != first_word {
        return true;
    }
    if w != first_word && !w.ends_with('s') {
        // An irregular form: a participle in -n ("given", "taken") needs its auxiliary.
        return !w.ends_with('n') || aux(prev) || aux(prev2);
    }
    // The base or -s form: after an auxiliary, or right after its subject (a name).
    aux(prev)
        || aux(prev2)
        || i == 0
        || tokens[i - 1]
            .lower
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// A trigger found in a sentence, before roles are assigned.
#[derive(Clone, Debug)]
struct Trigger {
    /// First and last token.
    first: usize,
    last: usize,
    kind: EventType,
    mode: Option<String>,
    roles: Roles,
    rule: String,
    /// Whether the verb is in the passive ("was invaded").
    passive: bool,
}

/// Words that, shortly before a trigger, say it did not happen.
const NEGATORS: &[&str] = &["not", "n't", "never", "neither", "nor"];
/// Verbs that, before a trigger (or `to` and a trigger), say it did not come about.
const PREVENTERS: &[&str] = &[
    "prevented",
    "prevent",
    "prevents",
    "blocked",
    "block",
    "blocks",
    "failed",
    "fail",
    "fails",
    "precluded",
    "preclude",
    "thwarted",
    "obstructed",
    "hindered",
    "forestalled",
];
const BE: &[&str] = &["was", "were", "been", "being", "be", "is", "are"];
const CLAUSE_END: &[&str] = &[
    ";", ":", "because", "although", "though", "whereas", "while", "unless", "whether", "which",
    "who", "whom",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "'s",
];

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
        let tokens = tokenize(sentence);
        if tokens.is_empty() {
            return Vec::new();
        }
        let actors = actors::find(self.gazetteer, self.dict, sentence, &tokens, context);
        if actors.is_empty() {
            return Vec::new();
        }
        let in_actor = |i: usize| actors.iter().any(|a| a.first <= i && i <= a.last);
        let mut out = Vec::new();
        let mut i = 0;
        let mut last_event_end: Option<usize> = None;
        while i < tokens.len() {
            if in_actor(i) {
                i += 1;
                continue;
            }
            let Some(t) = self.trigger_at(&tokens, i) else {
                i += 1;
                continue;
            };
            // "agreed to set up", "threatened to invade": the first verb governs.
            let chained = last_event_end.is_some_and(|e| {
                t.first > e && t.first - e <= 5 && tokens[t.first - 1].lower == "to"
            });
            let next = t.last + 1;
            if !chained {
                let events = self.roles(sentence, &tokens, &actors, &t);
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
        let passive = i >= 1
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
            for p in d.patterns.get(v).into_iter().flatten() {
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

    /// The events a trigger makes: one per source (conjoined sources each act).
    fn roles(&self, sentence: &str, tokens: &[Token], actors: &[Found], t: &Trigger) -> Vec<Event> {
        let clause_start = (0..t.first)
            .rev()
            .find(|&k| CLAUSE_END.contains(&tokens[k].lower.as_str()))
            .map_or(0, |k| k + 1);
        let clause_end = (t.last + 1..tokens.len())
            .find(|&k| CLAUSE_END.contains(&tokens[k].lower.as_str()))
            .unwrap_or(tokens.len());
        // Names inside parentheses the trigger is not in are asides.
        let depth = tokens[..t.first]
            .iter()
            .fold(0usize, |d, tok| match tok.lower.as_str() {
                "(" => d + 1,
                ")" => d.saturating_sub(1),
                _ => d,
            });
        let before: Vec<&Found> = actors
            .iter()
            .filter(|a| a.last < t.first && a.first >= clause_start && a.depth <= depth)
            .collect();
        let after: Vec<&Found> = actors
            .iter()
            .filter(|a| a.first > t.last && a.last < clause_end && a.depth <= depth)
            .collect();
        let by_actor = after.iter().copied().find(|a| {
            a.first >= 1 && tokens[a.first - 1].lower == "by"
                || a.first >= 2
                    && tokens[a.first - 2].lower == "by"
                    && tokens[a.first - 1].lower == "the"
        });
        let (sources, target): (Vec<&Found>, Option<&Found>) = match t.roles {
            Roles::Into => (
                after.first().copied().into_iter().collect(),
                before.last().copied(),
            ),
            Roles::Noun => {
                let of_target = after.iter().copied().find(|a| {
                    (t.last + 1..a.first).all(|k| {
                        matches!(
                            tokens[k].lower.as_str(),
                            "of" | "the" | "to" | "with" | "between"
                        )
                    }) && a.first > t.last + 1
                });
                // "Stalin's absorption", "the Soviet occupation", "Japan's withdrawal".
                let owner = before.last().copied().filter(|a| {
                    (a.last + 1..t.first).all(|k| {
                        matches!(tokens[k].lower.as_str(), "'s" | "the") || k + 2 >= t.first
                    }) && t.first - a.last <= 3
                });
                let source = by_actor.or(owner);
                (
                    source.into_iter().collect(),
                    of_target.filter(|a| Some(*a as *const _) != by_actor.map(|b| b as *const _)),
                )
            }
            Roles::Pair => {
                // "the Russo-Japanese War": two names right before the word.
                let adjacent: Vec<&Found> = before.iter().rev().take(2).copied().collect();
                let between = |a: &Found| after.iter().copied().find(|x| x.first > a.last);
                if let [second, first] = adjacent[..] {
                    let close = second.last + 1 == t.first
                        || (second.last + 2 == t.first
                            && matches!(
                                tokens[second.last + 1].lower.as_str(),
                                "border" | "frontier"
                            ));
                    if close && first.last + 2 >= second.first {
                        return self.events(
                            sentence,
                            tokens,
                            t,
                            vec![first],
                            Some(second),
                            clause_start,
                            clause_end,
                        );
                    }
                }
                let next_word = tokens.get(t.last + 1).map(|x| x.lower.as_str());
                match (next_word, after.first().copied()) {
                    (Some("between"), Some(a)) => (vec![a], between(a)),
                    (Some("with" | "against" | "on"), Some(a)) => {
                        let subject = before.iter().rev().copied().find(|x| !x.object);
                        (subject.into_iter().collect(), Some(a))
                    }
                    _ => (Vec::new(), None),
                }
            }
            Roles::Active if t.passive => match by_actor {
                Some(by) => (vec![by], before.last().copied()),
                None => (Vec::new(), None),
            },
            Roles::Active => {
                let Some(&subject) = before.iter().rev().find(|a| !a.object) else {
                    return Vec::new();
                };
                // Conjoined subjects: "the United States and Jordan", "Britain, France and Italy".
                let mut subjects = vec![subject];
                let mut cur = subject;
                while let Some(&prev) = before
                    .iter()
                    .rev()
                    .find(|a| a.last < cur.first && !a.object)
                {
                    let between: Vec<&str> = (prev.last + 1..cur.first)
                        .map(|k| tokens[k].lower.as_str())
                        .collect();
                    if matches!(
                        between.as_slice(),
                        ["and"] | [","] | [",", "and"] | ["and", "the"] | [",", "the"]
                    ) {
                        subjects.insert(0, prev);
                        cur = prev;
                    } else {
                        break;
                    }
                }
                (subjects, after.first().copied())
            }
        };
        self.events(
            sentence,
            tokens,
            t,
            sources,
            target,
            clause_start,
            clause_end,
        )
    }

    /// The events of a trigger with its sources and target.
    #[allow(clippy::too_many_arguments)]
    fn events(
        &self,
        sentence: &str,
        tokens: &[Token],
        t: &Trigger,
        sources: Vec<&Found>,
        target: Option<&Found>,
        clause_start: usize,
        clause_end: usize,
    ) -> Vec<Event> {
        if sources.is_empty() {
            return Vec::new();
        }
        let negated = self.negated(tokens, t, clause_start, clause_end);
        let trigger_start = tokens[t.first].start;
        let trigger_end = tokens[t.last].end;
        sources
            .into_iter()
            .map(|s| {
                let target = target
                    .filter(|x| x.actor.code != s.actor.code || x.actor.entity != s.actor.entity)
                    .map(|x| x.actor.clone());
                Event {
                    source: s.actor.clone(),
                    target,
                    kind: t.kind,
                    mode: t.mode.clone(),
                    trigger: sentence[trigger_start..trigger_end].to_string(),
                    trigger_start,
                    trigger_end,
                    negated,
                    rule: t.rule.clone(),
                }
            })
            .collect()
    }

    /// "did not sign", "never recognized", "failed to conclude", "prevented the conclusion of";
    /// not "did not leave until 1922" (a date, not a negation).
    fn negated(
        &self,
        tokens: &[Token],
        t: &Trigger,
        clause_start: usize,
        clause_end: usize,
    ) -> bool {
        let lo = t.first.saturating_sub(4).max(clause_start);
        let window: Vec<&str> = (lo..t.first).map(|k| tokens[k].lower.as_str()).collect();
        let negator = window.iter().any(|w| NEGATORS.contains(w));
        let preventer = window.iter().any(|w| PREVENTERS.contains(w));
        let until = (t.last + 1..clause_end)
            .any(|k| tokens[k].lower == "until" || tokens[k].lower == "till");
        (negator && !until) || preventer
    }
}
