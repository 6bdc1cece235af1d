//! Actors: the gazetteer's names in a sentence, coded CAMEO-style and widened by sector words.

use gazetteer::{Context, Entity, Gazetteer, Kind};

use crate::dictionary::Dictionary;
use crate::tokens::Token;
use crate::types::Actor;

/// An actor and the words it spans.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub actor: Actor,
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// How many parentheses it is inside.
    pub depth: usize,
    /// Whether it cannot be a subject: the object of a preposition or verb ("of Japan",
    /// "occupied Vladivostok"), a possessor ("Stalin's"), or conjoined to one.
    pub object: bool,
}

/// The CAMEO-style code of a state, a former state, a person (the state served, `GOV`), an
/// organization (`IGO`, `NGO`, or its state's code) or a place (its state's code).
pub fn code(g: &Gazetteer, e: &Entity) -> Option<String> {
    let state = |iso: &str| -> Option<String> {
        if let Some(c) = historic(iso) {
            return Some(c.to_string());
        }
        pages::countries::by_iso(iso)
            .and_then(|c| c.iso3)
            .map(str::to_string)
    };
    match e.kind {
        Kind::State | Kind::HistoricState => e
            .country
            .as_deref()
            .and_then(state)
            .or_else(|| historic_by_name(&e.name).map(str::to_string)),
        Kind::Person => e
            .country
            .as_deref()
            .and_then(state)
            .map(|c| format!("{c}GOV")),
        Kind::Organization => match e.country.as_deref() {
            Some(c) => state(c),
            None if NGOS.iter().any(|n| e.name.contains(n)) => Some("NGO".into()),
            None => Some("IGO".into()),
        },
        Kind::City | Kind::Region | Kind::Island | Kind::IslandGroup | Kind::DisputedTerritory => {
            let c = e.country.as_deref()?;
            // A place in a former state is that state's (Leningrad in 1980 is the Soviet
            // Union's) only when the table says so; otherwise its present state's.
            let _ = g;
            state(c)
        }
        Kind::Sea | Kind::Strait | Kind::River | Kind::Mountain => None,
    }
}

/// Organizations that are not governments' (the rest of those without a state are `IGO`).
const NGOS: &[&str] = &[
    "Red Cross",
    "Red Crescent",
    "Amnesty",
    "Human Rights Watch",
    "Médecins",
    "Doctors Without",
];

/// CAMEO codes of former states by their ISO 3166-3 (or table) code.
fn historic(iso: &str) -> Option<&'static str> {
    Some(match iso {
        "SUHH" => "SUN",
        "YUCS" => "YUG",
        "DDDE" => "DDR",
        "CSHH" => "CSK",
        "RHZW" => "ZWE",
        "YDYE" => "YEM",
        "VDVN" => "VNM",
        "CSXX" => "SCG",
        _ => return None,
    })
}

/// Codes of former states the table gives no code: their successor's.
fn historic_by_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "Russian Empire" => "RUS",
        "Ottoman Empire" => "TUR",
        "Austria-Hungary" => "AUT",
        "Prussia" | "West Germany" => "DEU",
        "South Vietnam" | "French Indochina" => "VNM",
        "North Yemen" => "YEM",
        "United Arab Republic" => "EGY",
        "Manchukuo" => "CHN",
        "British Raj" => "IND",
        "Mandatory Palestine" => "PSE",
        "Biafra" => "NGA",
        _ => return None,
    })
}

/// The actors of a sentence, in order.
pub(crate) fn find(
    g: &Gazetteer,
    dict: &Dictionary,
    sentence: &str,
    tokens: &[Token],
    context: &Context,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for m in g.link(sentence, context) {
        let e = g.entity(m.entity);
        let Some(base) = code(g, e) else { continue };
        let Some(first) = tokens.iter().position(|t| t.end > m.start) else {
            continue;
        };
        let Some(last) = tokens.iter().rposition(|t| t.start < m.end) else {
            continue;
        };
        if last < first || out.last().is_some_and(|f| f.last >= first) {
            continue;
        }
        let mut found = Found {
            actor: Actor {
                text: sentence[m.start..m.end].to_string(),
                start: m.start,
                end: m.end,
                code: base,
                name: e.name.clone(),
                entity: e.id.clone(),
            },
            first,
            last,
            depth: 0,
            object: false,
        };
        if matches!(
            e.kind,
            Kind::State
                | Kind::HistoricState
                | Kind::City
                | Kind::Region
                | Kind::DisputedTerritory
                | Kind::Island
                | Kind::IslandGroup
        ) {
            widen(dict, sentence, tokens, &mut found);
        }
        out.push(found);
    }
    // Parentheses, objects and possessors.
    let mut depth = vec![0usize; tokens.len()];
    let mut d = 0usize;
    for (k, t) in tokens.iter().enumerate() {
        if t.lower == "(" {
            d += 1;
        }
        depth[k] = d;
        if t.lower == ")" {
            d = d.saturating_sub(1);
        }
    }
    for k in 0..out.len() {
        let (first, last) = (out[k].first, out[k].last);
        out[k].depth = depth[first];
        let mut p = first;
        while p > 0 && matches!(tokens[p - 1].lower.as_str(), "the" | "a" | "an") {
            p -= 1;
        }
        let prev = p.checked_sub(1).map(|i| tokens[i].lower.as_str());
        let possessor = tokens.get(last + 1).is_some_and(|t| t.lower == "'s");
        let after_preposition = prev.is_some_and(|w| PREPOSITIONS.contains(&w));
        let after_verb = prev.is_some_and(|w| {
            (w.ends_with("ed") && w.len() > 3)
                || dict.verb_forms.contains_key(w)
                || dict.history_index.contains_key(w)
        });
        let conjoined_to_object = k > 0
            && out[k - 1].object
            && out[k - 1].last + 2 == p
            && prev.is_some_and(|w| w == "and" || w == "or" || w == ",");
        out[k].object = possessor || after_preposition || after_verb || conjoined_to_object;
    }
    out
}

/// Words after which a name is an object, not a subject.
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "to",
    "from",
    "with",
    "for",
    "by",
    "on",
    "at",
    "into",
    "between",
    "against",
    "toward",
    "towards",
    "over",
    "under",
    "among",
    "about",
    "across",
    "through",
    "like",
    "near",
    "off",
    "onto",
    "upon",
    "within",
    "without",
    "including",
    "during",
];

/// "the Japanese government", "Japan's foreign ministry", "the government of Japan".
fn widen(dict: &Dictionary, sentence: &str, tokens: &[Token], f: &mut Found) {
    if f.actor.code.len() != 3 {
        return;
    }
    let mut next = f.last + 1;
    if tokens.get(next).is_some_and(|t| t.lower == "'s") {
        next += 1;
    }
    // Up to one word between ("Soviet occupation forces", "Japanese foreign ministry").
    for skip in 0..=1 {
        if let Some((len, sector)) = sector_at(dict, tokens, next + skip) {
            let end_tok = next + skip + len - 1;
            f.actor.code.push_str(&sector);
            f.actor.end = tokens[end_tok].end;
            f.actor.text = sentence[f.actor.start..f.actor.end].to_string();
            f.last = end_tok;
            return;
        }
    }
    // "the government of Japan": a sector phrase, then "of", right before the name.
    if f.first >= 2 && tokens[f.first - 1].lower == "of" {
        for len in (1..=3).rev() {
            let Some(start) = (f.first - 1).checked_sub(len) else {
                continue;
            };
            if let Some((l, sector)) = sector_at(dict, tokens, start)
                && l == len
            {
                f.actor.code.push_str(&sector);
                f.actor.start = tokens[start].start;
                f.actor.text = sentence[f.actor.start..f.actor.end].to_string();
                f.first = start;
                return;
            }
        }
    }
}

/// The sector phrase starting at token `i`: its length in tokens and code.
fn sector_at(dict: &Dictionary, tokens: &[Token], i: usize) -> Option<(usize, String)> {
    let t = tokens.get(i)?;
    let list = dict.sectors.get(&t.lower)?;
    list.iter().find_map(|(rest, code)| {
        let ok = rest
            .iter()
            .enumerate()
            .all(|(k, w)| tokens.get(i + 1 + k).is_some_and(|t| &t.lower == w));
        ok.then(|| (rest.len() + 1, code.clone()))
    })
}
