//! Linking: the names in a text, each resolved to one entity.
//!
//! Every name, alias and demonym of the table is one pattern of a single Aho-Corasick
//! automaton (accent-folded, ASCII case-insensitive, every match reported); of the hits that
//! pass the rules below the leftmost-longest are kept, so "East Germany" wins over "Germany"
//! and "the South China Sea" over "China". A hit is kept when
//!
//! - it is a whole word (no letter or digit on either side: "Japan's" and "Soviet-Japanese"
//!   link, "Omani" does not link Oman);
//! - its case is the form's own ("Turkey", never "turkey" the bird or "china" the porcelain),
//!   or all capitals for a person (the Factbook writes "GORBACHEV");
//! - it is not a common word or title that happens to be a name ("May", "Data", "Foreign
//!   Minister": `COMMON`);
//! - a one-word place or person-name state ("Jordan", "Chad", "Georgia") is not glued to another
//!   capitalized word that is not itself a name ("Michael Jordan", "Georgia O'Keeffe", "Lake
//!   Chad"): that is a longer name the table does not know.
//!
//! A form several entities share ("Georgia": the state and the US state; "Paris") is resolved by
//! score: the kind (states first, then regions and waters, then cities by population), whether
//! the entity's country is the text's (the section's country, or a state the text names
//! unambiguously), and whether it existed at the text's date (a 2025 "Germany" is not West
//! Germany; "Russia" before 1917 is the Russian Empire when the table says so). A small city
//! (under 100,000 people) named by one word is linked only when its country is the text's:
//! most such words in running text are something else.

use std::collections::HashSet;

use serde::Serialize;

use crate::Gazetteer;
use crate::entity::{Entity, Kind};
use crate::words::{COMMON, DESIGNATORS, INSTITUTIONS, PERSON_NAMES, PRE_OK, TOWN_WORDS};

/// What the linker knows about the text besides its words.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The text's year (a section's data-as-of, a sentence's date).
    pub year: Option<i32>,
    /// The country the text is about (ISO code as in the table's `country` column).
    pub country: Option<String>,
}

/// One name found in a text and the entity it names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Index of the entity (see [`Gazetteer::entity`]).
    pub entity: u32,
    /// How sure the linker is, 0..=1: 1 for a form only one entity has.
    pub confidence: f32,
    /// Whether the words are an adjective or demonym ("Soviet", "Japanese").
    pub demonym: bool,
}

/// How a form names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormKind {
    /// The canonical name.
    Name,
    /// An alias.
    Alias,
    /// An adjective or demonym of a state.
    Demonym,
}

impl Gazetteer {
    /// The names in `text`, in order, each resolved to one entity.
    pub fn link(&self, text: &str, context: &Context) -> Vec<Mention> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        // Pass 1: hits that are whole words of the right case, found in the folded text
        // ("Cote" finds "Côte") and mapped back to the original bytes.
        let original = text;
        let (folded, map) = crate::fold::fold_with_map(original);
        let text = folded.as_str();
        let mut hits: Vec<(usize, usize, u32)> = Vec::new();
        for m in matcher.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let form = &self.forms[m.pattern().as_usize()];
            let found = &text[s..e];

            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            if word(text[..s].chars().next_back()) || word(text[e..].chars().next()) {
                continue;
            }
            let person_caps = found.chars().count() >= 3
                && found.chars().any(|c| c.is_alphabetic())
                && form.variants.iter().any(|v| found == v.to_uppercase())
                && form
                    .candidates
                    .iter()
                    .any(|&(i, _)| self.entities[i as usize].kind == Kind::Person);
            if !form.variants.iter().any(|v| v == found) && !person_caps {
                continue;
            }
            if COMMON.contains(&found) {
                continue;
            }
            // "US$ 5 million" is a currency.
            if found == "US" && text[e..].starts_with('$') {
                continue;
            }
            hits.push((s, e, m.pattern().as_usize() as u32));
        }
        // Leftmost-longest among the hits that passed.
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<(usize, usize, u32)> = Vec::with_capacity(hits.len());
        for h in hits {
            if kept.last().is_none_or(|k| h.0 >= k.1) {
                kept.push(h);
            }
        }
        let hits = kept;
        let back = |b: usize| map.get(b).copied().unwrap_or(original.len());
        // The countries the text is about: its own, and those it names unambiguously.
        let mut countries: HashSet<&str> = HashSet::new();
        if let Some(c) = &context.country {
            countries.insert(c.as_str());
        }
        for &(_, _, f) in &hits {
            let form = &self.forms[f as usize];
            if form.candidates.len() == 1 {
                let e = &self.entities[form.candidates[0].0 as usize];
                if e.kind.is_state() {
                    if let Some(c) = &e.country {
                        countries.insert(c.as_str());
                    }
                    // The Soviet Union's Moscow is Russia's: a state's predecessors and
                    // successors are context too.
                    for id in [&e.predecessor, &e.successor]
                        .into_iter()
                        .flatten()
                        .flat_map(|ids| ids.split('|'))
                    {
                        if let Some(c) = self.get(id.trim()).and_then(|r| r.country.as_deref()) {
                            countries.insert(c);
                        }
                    }
                }
            }
        }
        // Places named unambiguously (a region, a city of 100,000 or more) say a little about
        // the text's country too: "Atlanta" makes a US "Georgia" likelier.
        let mut place_countries: HashSet<&str> = HashSet::new();
        for &(_, _, f) in &hits {
            let form = &self.forms[f as usize];
            if let [(i, _)] = form.candidates[..] {
                let e = &self.entities[i as usize];
                let big = matches!(e.kind, Kind::Region | Kind::DisputedTerritory)
                    || (e.kind == Kind::City && e.population.unwrap_or(0) >= 100_000);
                if let (true, Some(c)) = (big, e.country.as_deref()) {
                    place_countries.insert(c);
                }
            }
        }
        // "Atlanta, Georgia", "Birmingham, Alabama": a place and, after a comma, the larger
        // place that holds it share a country; each hit learns its neighbours' countries.
        let candidate_countries = |f: u32| -> HashSet<&str> {
            self.forms[f as usize]
                .candidates
                .iter()
                .filter_map(|&(i, _)| self.entities[i as usize].country.as_deref())
                .collect()
        };
        let neighbours: Vec<HashSet<&str>> = (0..hits.len())
            .map(|i| {
                let mut set = HashSet::new();
                let (s, e, _) = hits[i];
                if i > 0 && &text[hits[i - 1].1..s] == ", " {
                    set.extend(candidate_countries(hits[i - 1].2));
                }
                if let Some(&(ns, _, nf)) = hits.get(i + 1) {
                    if &text[e..ns] == ", " {
                        set.extend(candidate_countries(nf));
                    }
                }
                set
            })
            .collect();
        // "Scott County, Indiana", "Austin, Texas": of a name's places, the one nearest to the
        // region or state after its comma.
        let qualifiers: Vec<Vec<(f64, f64)>> = (0..hits.len())
            .map(|i| match hits.get(i + 1) {
                Some(&(ns, _, nf)) if &text[hits[i].1..ns] == ", " => self.forms[nf as usize]
                    .candidates
                    .iter()
                    .map(|&(c, _)| &self.entities[c as usize])
                    .filter(|q| q.kind == Kind::Region || q.kind.is_state())
                    .filter_map(|q| Some((q.lat?, q.lon?)))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        let clues = Clues {
            countries: &countries,
            places: &place_countries,
        };
        // Pass 2: resolve each hit; drop the ones that are parts of longer unknown names.
        let spans: Vec<(usize, usize)> = hits.iter().map(|&(s, e, _)| (s, e)).collect();
        let mut out = Vec::with_capacity(hits.len());
        // Forms of small places already linked: a town named once with its qualifier ("Hueytown,
        // Alabama") is the same town when the text names it again ("Hueytown firefighters").
        let mut known_small: HashSet<u32> = HashSet::new();
        for (i, &(s, e, f)) in hits.iter().enumerate() {
            let form = &self.forms[f as usize];
            // A combining form ("Sino", "Franco") names its state only before a hyphen.
            let combining = form
                .variants
                .iter()
                .any(|v| crate::COMBINING.contains(&v.as_str()))
                && !text[e..].starts_with('-');
            let Some((entity, form_kind, confidence)) = self.resolve(
                form,
                context,
                &clues,
                (&neighbours[i], &qualifiers[i]),
                combining,
            ) else {
                continue;
            };
            let ent = &self.entities[entity as usize];
            let one_word = !text[s..e].contains(char::is_whitespace);
            if one_word
                && form_kind != FormKind::Demonym
                && glued(text, s, e, &spans, i, ent.kind, &text[s..e])
            {
                continue;
            }
            // A small place named by one word (a town under 100,000 people, a county or
            // district) needs a reason: its country in the text, a qualifier after its comma
            // in the same country ("Hueytown, Alabama"), a word that announces it ("the town of
            // Camborne"), or an earlier mention of it.
            if one_word && small(ent) {
                let in_country = ent.country.as_deref().is_some_and(|c| {
                    countries.contains(c)
                        || (neighbours[i].contains(c) && followed_by_qualifier(text, e))
                });
                if !(in_country || known_small.contains(&f) || announced(text, s)) {
                    continue;
                }
                known_small.insert(f);
            }
            // A division's rank after its name belongs to the mention: "Nyanza Province".
            let next_start = hits.get(i + 1).map_or(text.len(), |h| h.0);
            let e = e + designator_after(text, e, ent.kind)
                .filter(|n| e + n <= next_start)
                .unwrap_or(0);
            out.push(Mention {
                start: back(s),
                end: back(e),
                entity,
                confidence,
                demonym: form_kind == FormKind::Demonym,
            });
        }
        // A one-word place right before a person is that person's given name ("George Price").
        let people: Vec<usize> = out
            .iter()
            .filter(|m| self.entities[m.entity as usize].kind == Kind::Person)
            .map(|m| m.start)
            .collect();
        out.retain(|m| {
            let e = &self.entities[m.entity as usize];
            let one_word = !original[m.start..m.end].contains(char::is_whitespace);
            !(one_word
                && matches!(e.kind, Kind::City | Kind::Region)
                && people.contains(&(m.end + 1))
                && original[m.end..].starts_with(' '))
        });
        out
    }

    /// The best candidate of a form, with how it names it and a confidence.
    fn resolve(
        &self,
        form: &crate::Form,
        context: &Context,
        clues: &Clues<'_>,
        (neighbours, qualifier): (&HashSet<&str>, &[(f64, f64)]),
        no_demonym: bool,
    ) -> Option<(u32, FormKind, f32)> {
        let candidates: Vec<(u32, FormKind)> = form
            .candidates
            .iter()
            .copied()
            .filter(|&(_, k)| !(no_demonym && k == FormKind::Demonym))
            .collect();
        if candidates.len() <= 1 {
            return candidates.first().map(|&(i, k)| (i, k, 1.0));
        }
        // A state that did not exist at the text's date loses only to one that did ("Russia"
        // in 1905 is the Russian Empire); it still beats a town of the same name ("Armenia").
        let valid_state_exists = context.year.is_some_and(|y| {
            candidates.iter().any(|&(i, _)| {
                let e = &self.entities[i as usize];
                e.kind.is_state()
                    && e.valid_in(y)
                    && (e.from_year().is_some() || e.to_year().is_some())
            })
        });
        // Of places of one kind and one name ("Scott County" in Iowa and in Indiana), the one
        // nearest the qualifier after the comma. A list ("Oregon, Tennessee") names no
        // qualifier, and a state of one name is not a town of another, so kinds must agree.
        let one_kind = candidates
            .windows(2)
            .all(|w| self.entities[w[0].0 as usize].kind == self.entities[w[1].0 as usize].kind);
        let nearest = qualifier.first().filter(|_| one_kind).and_then(|_| {
            candidates
                .iter()
                .filter_map(|&(i, _)| {
                    let e = &self.entities[i as usize];
                    let at = (e.lat?, e.lon?);
                    let d = qualifier
                        .iter()
                        .map(|&q| km(at, q))
                        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))))?;
                    Some((d, i))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, i)| i)
        });
        let mut scored: Vec<(f64, u32, FormKind)> = candidates
            .iter()
            .map(|&(i, k)| {
                let e = &self.entities[i as usize];
                let mut score = match e.kind {
                    Kind::State => 6.0,
                    Kind::HistoricState => 5.5,
                    Kind::Region | Kind::DisputedTerritory => 4.0,
                    Kind::Sea
                    | Kind::Strait
                    | Kind::IslandGroup
                    | Kind::Island
                    | Kind::River
                    | Kind::Mountain => 3.5,
                    Kind::Person => 4.0,
                    Kind::Organization => 3.0,
                    Kind::City => 1.0 + (e.population.unwrap_or(1) as f64).max(1.0).log10() / 2.0,
                };
                // A division named after a natural feature ("Sakhalin" the oblast and the
                // island): the bare name is the feature; the division is written with its rank
                // ("Sakhalin Oblast"), which joins the mention.
                if e.kind == Kind::Region
                    && e.note
                        .as_deref()
                        .is_some_and(|n| n.contains("-level division"))
                    && candidates.iter().any(|&(j, _)| {
                        matches!(
                            self.entities[j as usize].kind,
                            Kind::Island
                                | Kind::IslandGroup
                                | Kind::Mountain
                                | Kind::River
                                | Kind::Sea
                                | Kind::Strait
                        )
                    })
                {
                    score -= 1.0;
                }
                if k == FormKind::Name {
                    score += 0.5;
                } else if e.kind == Kind::City {
                    // A city's other names are often its former ones ("Stalin" was Varna).
                    score -= 1.0;
                }
                // The section's own country counts much; a country the text merely names, a little.
                // The places it names, less.
                match e.country.as_deref() {
                    Some(c) if context.country.as_deref() == Some(c) => score += 3.0,
                    Some(c) if clues.countries.contains(c) => {
                        score += if clues.places.contains(c) { 2.5 } else { 2.0 }
                    }
                    Some(c) if clues.places.contains(c) => score += 1.0,
                    _ => {}
                }
                if e.country.as_deref().is_some_and(|c| neighbours.contains(c)) {
                    score += 2.5;
                }
                if nearest == Some(i) {
                    score += 1.0;
                }
                // Which state a name meant then; a person is spoken of long after their term.
                if let (Some(y), true) = (context.year, e.kind.is_state()) {
                    if e.from_year().is_some() || e.to_year().is_some() {
                        if e.valid_in(y) {
                            score += 1.5;
                        } else if valid_state_exists {
                            score -= 4.0;
                        }
                    }
                }
                (score, i, k)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let best = scored[0];
        let margin = scored.get(1).map_or(10.0, |s| best.0 - s.0);
        let confidence = (0.5 + margin / 10.0).clamp(0.5, 0.99) as f32;
        Some((best.1, best.2, confidence))
    }
}

/// The countries a text's other names point to.
struct Clues<'a> {
    /// The section's country and the states named unambiguously.
    countries: &'a HashSet<&'a str>,
    /// The countries of regions and large cities named unambiguously.
    places: &'a HashSet<&'a str>,
}

/// Whether a one-word hit is part of a longer capitalized name the table does not know.
fn glued(
    text: &str,
    s: usize,
    e: usize,
    spans: &[(usize, usize)],
    i: usize,
    kind: Kind,
    found: &str,
) -> bool {
    let risky = matches!(
        kind,
        Kind::City | Kind::Region | Kind::Island | Kind::Mountain | Kind::River
    ) || (kind.is_state() && PERSON_NAMES.contains(&found));
    if !risky {
        return false;
    }
    let is_hit = |a: usize| {
        spans
            .iter()
            .enumerate()
            .any(|(j, &(x, y))| j != i && x <= a && a < y)
    };
    // The word after, across one space.
    let after = &text[e..];
    if let Some(rest) = after.strip_prefix(' ') {
        let next: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        if next.chars().next().is_some_and(char::is_uppercase)
            && !is_hit(e + 1)
            && !COMMON.contains(&next.as_str())
            && !(kind.is_place() && INSTITUTIONS.contains(&next.as_str()))
        {
            return true;
        }
        // "Georgia O'Keeffe"
        if next.starts_with("O'") || next.starts_with("Mc") {
            return true;
        }
    }
    // The word before, across one space, unless it opens the sentence or may stand there.
    let before = &text[..s];
    if let Some(head) = before.strip_suffix(' ') {
        let prev: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let opens_sentence = {
            let lead = head[..head.len() - prev.len()].trim_end();
            lead.is_empty() || lead.ends_with(['.', '!', '?', ':', ';', '"', '(', '\u{201c}'])
        };
        if prev.chars().next().is_some_and(char::is_uppercase)
            && !opens_sentence
            && !PRE_OK.contains(&prev.as_str())
            && !is_hit(s - 1 - prev.len())
        {
            return true;
        }
    }
    false
}

/// Whether an entity is a small place, linked by one word only with a reason (see `link`): a
/// town under 100,000 people that is not a national capital, or a second-level division (a
/// county, a district).
fn small(e: &Entity) -> bool {
    // A national capital is known however small it is (Thimphu, Belmopan).
    let capital = e
        .note
        .as_deref()
        .is_some_and(|n| n.starts_with("national capital"));
    (e.kind == Kind::City && e.population.unwrap_or(0) < 100_000 && !capital)
        || (e.kind == Kind::Region
            && e.note
                .as_deref()
                .is_some_and(|n| n.starts_with("second-level division")))
}

/// Whether the hit ending at `e` is followed by a comma and a capitalized qualifier ("Ames,
/// Iowa"), rather than being the last of a list.
fn followed_by_qualifier(text: &str, e: usize) -> bool {
    text[e..]
        .strip_prefix(", ")
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Whether the words before `s` announce a settlement or division: "the town of", "the
/// province of".
fn announced(text: &str, s: usize) -> bool {
    let Some(head) = text[..s].strip_suffix(" of ") else {
        return false;
    };
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    TOWN_WORDS.contains(&word.to_lowercase().as_str())
}

/// The length of a division's rank written after its name (" Province", " Oblast"), when one
/// follows and neither a capitalized word nor "of" follows it ("the Brooklyn District
/// Attorney", "the California Department of Public Health" are not divisions).
fn designator_after(text: &str, e: usize, kind: Kind) -> Option<usize> {
    if !matches!(kind, Kind::Region | Kind::City) {
        return None;
    }
    let rest = text[e..].strip_prefix(' ')?;
    let word = DESIGNATORS
        .iter()
        .find(|d| rest.starts_with(**d) && !rest[d.len()..].starts_with(char::is_alphanumeric))?;
    if kind == Kind::City
        && !matches!(
            *word,
            "Oblast" | "Krai" | "Province" | "Prefecture" | "Governorate"
        )
    {
        return None;
    }
    let after = rest[word.len()..].trim_start_matches([' ']);
    // "the California Department of Public Health" names an institution.
    let institution = after.starts_with("of ");
    let capitalized_next =
        rest[word.len()..].starts_with(' ') && after.chars().next().is_some_and(char::is_uppercase);
    (!capitalized_next && !institution).then_some(1 + word.len())
}

/// Great-circle distance in kilometres between two (lat, lon) points.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}
