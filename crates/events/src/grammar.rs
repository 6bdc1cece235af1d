//! The grammar the coder leans on: word lists and the small judgements made from them
//! (is this form a verb here, does the actor mean to do it, is this force an army's).

use crate::coder::Trigger;
use crate::tokens::Token;
use crate::types::EventType;

/// Words before a verb that make its base or `-s` form a finite verb.
pub(crate) const AUXILIARIES: &[&str] = &[
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
pub(crate) fn verbal(tokens: &[Token], i: usize, lemma: &str) -> bool {
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
pub(crate) const LIGHT_VERBS: &[&str] = &[
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
pub(crate) const IRREGULARS: &[&str] = &[
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
];

/// PLOVER keeps FIGHT for armed forces (an army's killing of civilians is FIGHT too); force
/// used by irregulars (gunmen, militiamen, militants) is ASSAULT.
pub(crate) fn irregular(
    tokens: &[Token],
    t: &Trigger,
    kind: EventType,
    rule: String,
) -> (EventType, String) {
    if kind != EventType::Fight {
        return (kind, rule);
    }
    let lo = t.first.saturating_sub(6);
    let hi = (t.last + 9).min(tokens.len());
    // The agent: before the trigger, or after `by` in the passive ("attacked by militiamen").
    let by = tokens[t.last + 1..hi]
        .iter()
        .position(|w| w.lower == "by")
        .map(|k| t.last + 1 + k);
    let agent = tokens[lo..t.first]
        .iter()
        .chain(by.map_or(&tokens[0..0], |k| &tokens[k..(k + 4).min(tokens.len())]));
    let by_irregulars = agent
        .clone()
        .any(|w| IRREGULARS.contains(&w.lower.as_str()));
    // Bombs, mines and blades are not an army's weapons of war.
    let unconventional = tokens[lo..hi]
        .iter()
        .any(|w| UNCONVENTIONAL.contains(&w.lower.as_str()));
    if by_irregulars || unconventional {
        let rule = format!("{rule}; irregular force or weapon: FIGHT → ASSAULT");
        (EventType::Assault, rule)
    } else {
        (kind, rule)
    }
}

/// Weapons of terror rather than of war.
pub(crate) const UNCONVENTIONAL: &[&str] = &[
    "bomb",
    "bombs",
    "bombing",
    "bombings",
    "bomber",
    "bombers",
    "explosion",
    "explosive",
    "explosives",
    "suicide",
    "grenade",
    "grenades",
    "machetes",
    "machete",
    "ied",
    "landmine",
    "booby-trapped",
    "car-bomb",
];

/// Words that only qualify the verb after their `to` ("is willing to withdraw").
pub(crate) const QUALIFIERS: &[&str] = &[
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
pub(crate) const INTENT_VERBS: &[&str] = &[
    "agreed", "agree", "agrees", "offered", "offers", "offer", "promised", "promises", "pledged",
    "pledges", "plans", "planned", "plan", "intends", "intended", "decided", "decides", "willing",
    "prepared", "ready", "vowed", "vows", "expects", "hopes", "wants", "wanted", "proposed",
];
pub(crate) const REPORTING: &[&str] = &[
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
pub(crate) fn intent(tokens: &[Token], t: &mut Trigger) {
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

/// Words that, shortly before a trigger, say it did not happen.
pub(crate) const NEGATORS: &[&str] = &["not", "n't", "never", "neither", "nor"];
/// Verbs that, before a trigger (or `to` and a trigger), say it did not come about.
pub(crate) const PREVENTERS: &[&str] = &[
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
pub(crate) const BE: &[&str] = &["was", "were", "been", "being", "be", "is", "are"];
pub(crate) const CLAUSE_END: &[&str] = &[
    ";", ":", "because", "although", "though", "whereas", "while", "unless", "whether", "which",
    "who", "whom",
];
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "'s",
];
