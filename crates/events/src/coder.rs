//! From one sentence to its events: triggers, roles, polarity.

use gazetteer::{Context, Gazetteer};

use crate::actors::{self, Found};
use crate::dictionary::{DataError, Dictionary, Roles};
use crate::tokens::{Token, tokenize};
use crate::types::{Actor, Event, EventType};

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

/// Verbs that carry no event of their own: the noun after them says what happened.
const LIGHT_VERBS: &[&str] = &[
    "launched",
    "launch",
    "launches",
    "issued",
    "issue",
    "issues",
    "opened",
    "open",
    "opens",
    "held",
    "hold",
    "holds",
    "undertook",
    "undertake",
    "renewed",
    "renew",
    "reiterated",
    "reiterate",
    "reiterates",
    "completed",
    "complete",
    "conducted",
    "conduct",
    "began",
    "begin",
    "begins",
    "started",
    "start",
    "resumed",
    "resume",
    "continued",
    "continue",
    "made",
    "make",
    "makes",
    "expressed",
    "express",
    "voiced",
    "voice",
    "extended",
    "extend",
    "sought",
    "seek",
    "seeks",
    "mounted",
    "mount",
    "staged",
    "stage",
    "carried",
    "announced",
    "announce",
    "imposed",
    "impose",
    "offered",
    "offer",
    "called",
    "insisted",
    "repeated",
    "signed",
    "reached",
    "declared",
    "organized",
    "organised",
    "organizing",
    "calling",
    "continuing",
    "staging",
    "holding",
    "launching",
    "beginning",
    "starting",
    "conducting",
    "mounting",
    "imposing",
    "gave",
    "give",
    "gives",
    "giving",
    "provided",
    "provide",
    "provides",
    "providing",
    "sent",
    "send",
    "sends",
    "donated",
    "donate",
    "donates",
    "handed",
    "delivered",
    "deliver",
    "shipped",
    "dispatched",
    "pledged",
    "granted",
    "grant",
    "grants",
    "allocated",
    "extended",
];

/// Fighters who are not an army.
const IRREGULARS: &[&str] = &[
    "militiamen",
    "militia",
    "militias",
    "gunmen",
    "militants",
    "terrorists",
    "bombers",
    "bomber",
    "assailants",
    "attackers",
    "mob",
    "mobs",
    "insurgents",
    "guerrillas",
    "hackers",
];

/// PLOVER keeps FIGHT for armed forces (an army's killing of civilians is FIGHT too); force
/// used by irregulars (gunmen, militiamen, militants) is ASSAULT.
fn irregular(tokens: &[Token], t: &Trigger, kind: EventType, rule: String) -> (EventType, String) {
    if kind != EventType::Fight {
        return (kind, rule);
    }
    let lo = t.first.saturating_sub(6);
    let by_irregulars = tokens[lo..t.first]
        .iter()
        .any(|w| IRREGULARS.contains(&w.lower.as_str()));
    if by_irregulars {
        let rule = format!("{rule}; irregular force: FIGHT → ASSAULT");
        (EventType::Assault, rule)
    } else {
        (kind, rule)
    }
}

/// Words that only qualify the verb after their `to` ("is willing to withdraw").
const QUALIFIERS: &[&str] = &[
    "willing",
    "prepared",
    "ready",
    "plans",
    "planned",
    "plan",
    "planning",
    "intends",
    "intended",
    "intend",
    "decided",
    "decides",
    "decide",
    "expects",
    "expected",
    "hopes",
    "hoped",
    "wants",
    "wanted",
    "want",
    "seeks",
    "sought",
    "tried",
    "tries",
    "try",
    "attempted",
    "continued",
    "continues",
    "began",
    "begins",
    "started",
    "moved",
    "failed",
    "fails",
    "fail",
];

/// Verbs that, before `to` and a trigger, say the actor means to do it.
const INTENT_VERBS: &[&str] = &[
    "agreed", "agree", "agrees", "offered", "offers", "offer", "promised", "promises", "pledged",
    "pledges", "plans", "planned", "plan", "intends", "intended", "decided", "decides", "willing",
    "prepared", "ready", "vowed", "vows", "expects", "hopes", "wants", "wanted", "proposed",
];
const REPORTING: &[&str] = &[
    "said",
    "says",
    "announced",
    "stated",
    "told",
    "indicated",
    "declared",
];

/// "will support", "is willing to withdraw", "said it would allow": an intention. PLOVER
/// codes the intent to cooperate as AGREE and the intent to use force as THREATEN.
fn intent(tokens: &[Token], t: &mut Trigger) {
    let mut k = t.first;
    while k > 0 && (tokens[k - 1].lower.ends_with("ly") || tokens[k - 1].lower == "also") {
        k -= 1;
    }
    let Some(prev) = k.checked_sub(1).map(|i| tokens[i].lower.as_str()) else {
        return;
    };
    let modal = matches!(prev, "will" | "shall" | "'ll")
        || (matches!(prev, "would" | "could")
            && tokens[k.saturating_sub(7)..k - 1]
                .iter()
                .any(|w| REPORTING.contains(&w.lower.as_str())))
        || (prev == "to"
            && k >= 2
            && (INTENT_VERBS.contains(&tokens[k - 2].lower.as_str())
                || (k >= 3 && INTENT_VERBS.contains(&tokens[k - 3].lower.as_str()))));
    if !modal {
        return;
    }
    // "will boycott the elections unless the president resigns": a conditional threat.
    let conditional = tokens[t.last + 1..].iter().any(|w| w.lower == "unless")
        || tokens[t.last + 1..]
            .windows(2)
            .any(|w| w[0].lower == "if" && (w[1].lower == "not" || w[1].lower == "no"));
    if conditional && t.kind != EventType::Threaten {
        t.rule = format!("{}; conditional: {} → THREATEN", t.rule, t.kind);
        t.kind = EventType::Threaten;
        return;
    }
    let to = match t.kind {
        EventType::Support
        | EventType::Cooperate
        | EventType::Aid
        | EventType::Concede
        | EventType::Retreat
        | EventType::Consult
        | EventType::Investigate => EventType::Agree,
        EventType::Fight | EventType::Assault | EventType::Coerce | EventType::Sanction => {
            EventType::Threaten
        }
        other => other,
    };
    if to != t.kind {
        t.rule = format!("{}; intent: {} → {}", t.rule, t.kind, to);
        t.kind = to;
    }
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
            if CLAUSE_END.contains(&w) || w == "," {
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
        // After the trigger, or inside a light verb's span ("give Tanzania a grant").
        let after: Vec<&Found> = actors
            .iter()
            .filter(|a| a.first > t.first && a.last < clause_end && a.depth <= depth)
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
                // "was arrested in Lebanon": the state where it was done did it.
                None => match (after.first().copied(), before.last().copied()) {
                    (Some(a), target) => (vec![a], target),
                    (None, _) => (Vec::new(), None),
                },
            },
            Roles::Active => {
                let Some(&subject) = before.iter().rev().find(|a| !a.object) else {
                    // A subject the gazetteer does not know ("Demonstrators", "the APEC
                    // forum"): the words before the verb, coded by a sector word if any.
                    let Some(unknown) =
                        self.unknown_subject(sentence, tokens, &before, t.first, clause_start)
                    else {
                        return Vec::new();
                    };
                    let target = after.first().copied();
                    return self.events_unknown(
                        sentence,
                        tokens,
                        t,
                        unknown,
                        target,
                        clause_start,
                        clause_end,
                    );
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

    /// The words before a trigger that name its subject when no known actor does.
    fn unknown_subject(
        &self,
        sentence: &str,
        tokens: &[Token],
        actors: &[&Found],
        trigger: usize,
        clause_start: usize,
    ) -> Option<Actor> {
        let mut end = trigger;
        // "A member of parliament, Mohammed Mamoun, started …": skip the apposition.
        if end > clause_start && tokens[end - 1].lower == "," {
            if let Some(open) = (clause_start..end - 1)
                .rev()
                .take(8)
                .find(|&k| tokens[k].lower == ",")
            {
                end = open;
            }
        }
        while end > clause_start
            && (AUXILIARIES.contains(&tokens[end - 1].lower.as_str())
                || BE.contains(&tokens[end - 1].lower.as_str())
                || tokens[end - 1].lower.ends_with("ly"))
        {
            end -= 1;
        }
        // The noun phrase: back to the clause start, a comma, or at most six words.
        let mut start = end;
        while start > clause_start && end - start < 10 && tokens[start - 1].lower != "," {
            start -= 1;
        }
        let words: Vec<&Token> = tokens[start..end]
            .iter()
            .skip_while(|t| matches!(t.lower.as_str(), "the" | "a" | "an" | "some"))
            .collect();
        let (first, last) = (words.first()?, words.last()?);
        let code = words
            .iter()
            .find_map(|t| {
                self.dict
                    .sectors
                    .get(&t.lower)
                    .and_then(|l| l.iter().find(|(rest, _)| rest.is_empty()))
                    .map(|(_, c)| c.clone())
            })
            .unwrap_or_default();
        // "Rebels in the Ivory Coast", "a group of Moroccan diplomats": a state named inside
        // the phrase is the actor's state.
        let inside = actors
            .iter()
            .find(|a| a.first >= start && a.last < end && a.actor.code.len() >= 3);
        let (code, name, entity) = match inside {
            Some(a) => (
                format!("{}{}", &a.actor.code[..3], code),
                a.actor.name.clone(),
                a.actor.entity.clone(),
            ),
            None => (code, String::new(), String::new()),
        };
        Some(Actor {
            text: sentence[first.start..last.end].to_string(),
            start: first.start,
            end: last.end,
            code,
            name,
            entity,
        })
    }

    /// The events of a trigger whose subject the gazetteer does not know.
    #[allow(clippy::too_many_arguments)]
    fn events_unknown(
        &self,
        sentence: &str,
        tokens: &[Token],
        t: &Trigger,
        source: Actor,
        target: Option<&Found>,
        clause_start: usize,
        clause_end: usize,
    ) -> Vec<Event> {
        let (negated, kind, rule) = self.polarity(tokens, t, clause_start, clause_end);
        let (kind, rule) = irregular(tokens, t, kind, rule);
        let trigger_start = tokens[t.first].start;
        let trigger_end = tokens[t.last].end;
        vec![Event {
            source,
            target: target.map(|x| x.actor.clone()),
            kind,
            mode: t.mode.clone(),
            trigger: sentence[trigger_start..trigger_end].to_string(),
            trigger_start,
            trigger_end,
            negated,
            rule,
        }]
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
        let (negated, kind, rule) = self.polarity(tokens, t, clause_start, clause_end);
        let (kind, rule) = irregular(tokens, t, kind, rule);
        let trigger_start = tokens[t.first].start;
        let trigger_end = tokens[t.last].end;
        // Two sides that act together with no object act on each other ("Japan and China
        // signed a treaty").
        let pair: Vec<&Found> = if target.is_none() && sources.len() == 2 {
            vec![sources[1], sources[0]]
        } else {
            Vec::new()
        };
        sources
            .into_iter()
            .enumerate()
            .map(|(n, s)| {
                let target = pair.get(n).copied().or(target);
                let target = target
                    .filter(|x| x.actor.code != s.actor.code || x.actor.entity != s.actor.entity)
                    .map(|x| x.actor.clone());
                Event {
                    source: s.actor.clone(),
                    target,
                    kind,
                    mode: t.mode.clone(),
                    trigger: sentence[trigger_start..trigger_end].to_string(),
                    trigger_start,
                    trigger_end,
                    negated,
                    rule: rule.clone(),
                }
            })
            .collect()
    }

    /// The event's polarity: negated, or, when an actor declines to cooperate ("will not
    /// accept", "did not recognize"), a REJECT. What was prevented or failed stays negated.
    fn polarity(
        &self,
        tokens: &[Token],
        t: &Trigger,
        clause_start: usize,
        clause_end: usize,
    ) -> (bool, EventType, String) {
        if !self.negated(tokens, t, clause_start, clause_end) {
            return (false, t.kind, t.rule.clone());
        }
        let lo = t.first.saturating_sub(4).max(clause_start);
        // "failed to reach agreement" is a rejection in PLOVER; what another actor prevented
        // or blocked did not happen.
        let prevented = tokens[lo..t.first]
            .iter()
            .any(|w| PREVENTERS.contains(&w.lower.as_str()) && !w.lower.starts_with("fail"));
        let cooperative = matches!(
            t.kind,
            EventType::Agree
                | EventType::Consult
                | EventType::Support
                | EventType::Concede
                | EventType::Cooperate
                | EventType::Aid
                | EventType::Retreat
        );
        if cooperative && !prevented {
            let rule = format!("{}; declined: {} → REJECT", t.rule, t.kind);
            return (false, EventType::Reject, rule);
        }
        (true, t.kind, t.rule.clone())
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
