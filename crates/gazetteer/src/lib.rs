//! `gazetteer` turns names in text into entities: states (with their dates, predecessors and
//! successors), places (with coordinates) and people (with their offices and terms).
//!
//! ```
//! let g = gazetteer::Gazetteer::embedded();
//! let text = "Stalin's absorption of the Northern Territories angered the Japanese.";
//! let names: Vec<&str> = g
//!     .link(text, &gazetteer::Context::default())
//!     .iter()
//!     .map(|m| g.entity(m.entity).name.as_str())
//!     .collect();
//! assert!(names.contains(&"Japan"));
//! ```
//!
//! The table is `data/gazetteer.tsv.gz`, derived by `tools/derive_gazetteer.py` from GeoNames,
//! Natural Earth, CountryInfo, ISO 3166-3, Correlates of War and a curated table (see
//! `data/NOTICE.md`), embedded in the binary and read once, at first use. States also answer to
//! their adjectives and demonyms (`crates/pages/data/demonyms.tsv`: "Soviet", "Japanese").
//! Linking is described in `link.rs`; inferring the country a page is about in `infer.rs`.
//!
//! The crate reads text and returns values: no IO, no catalog.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![allow(clippy::collapsible_if)]

mod data;
mod entity;
mod fold;
mod infer;
mod link;
mod words;

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub use data::{parse_demonyms, parse_tsv};
pub use entity::{Entity, Kind};
pub use infer::{Inference, infer_country};
pub use link::{Context, Mention};

use link::FormKind;

/// The gazetteer's errors: only a malformed table.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line of the table could not be read.
    #[error("gazetteer table, line {line}: {message}")]
    Data {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The compressed table could not be decompressed.
    #[error("gazetteer table: {0}")]
    Decompress(String),
}

/// One written form and the entities it may name.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    /// The form folded and lowercased (the automaton's pattern).
    pub text: String,
    /// The spellings the table gives it, folded, case kept ("Turkey"; never "turkey").
    pub variants: Vec<String>,
    pub candidates: Vec<(u32, FormKind)>,
}

/// Entities and the automaton that finds their names.
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, u32>,
    by_form: HashMap<String, usize>,
    forms: Vec<Form>,
    matcher: Option<AhoCorasick>,
}

/// Adjectives the demonym table (today's states) lacks: historic states' and the combining
/// forms of compounds ("Sino-Soviet", "Russo-Japanese", "Anglo-Egyptian"), usage of the
/// studies themselves. A form ending in `-` links only when a hyphen follows it.
const ADJECTIVES: &[(&str, &[&str])] = &[
    ("Ottoman Empire", &["Ottoman", "Ottomans"]),
    ("Russian Empire", &["Tsarist", "Czarist", "Russo"]),
    ("Russia", &["Russo"]),
    ("Iran", &["Persian", "Persians"]),
    ("China", &["Sino"]),
    ("United Kingdom", &["Anglo"]),
    ("France", &["Franco"]),
    ("India", &["Indo"]),
    ("Austria", &["Austro"]),
    ("Greece", &["Greco", "Graeco"]),
    ("Italy", &["Italo"]),
    ("Portugal", &["Luso"]),
    ("Spain", &["Hispano"]),
    ("Turkey", &["Turco"]),
    ("United States", &["US"]),
];

/// Combining forms: linked only when a hyphen follows ("Sino-Soviet", never "Franco" alone).
pub(crate) const COMBINING: &[&str] = &[
    "Sino", "Russo", "Anglo", "Franco", "Indo", "Austro", "Greco", "Graeco", "Italo", "Luso",
    "Hispano", "Turco",
];

const TABLE_GZ: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");
const DEMONYMS: &str = include_str!("../../pages/data/demonyms.tsv");

static EMBEDDED: LazyLock<Gazetteer> = LazyLock::new(|| {
    let text = gunzip(TABLE_GZ).unwrap_or_default();
    // The embedded table is checked by a test; a broken build degrades to an empty gazetteer.
    let entities = parse_tsv(&text).unwrap_or_default();
    Gazetteer::new(entities, &parse_demonyms(DEMONYMS))
});

fn gunzip(bytes: &[u8]) -> Result<String, Error> {
    use std::io::Read;
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .map_err(|e| Error::Decompress(e.to_string()))?;
    Ok(out)
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (built on first use, shared).
    pub fn embedded() -> &'static Gazetteer {
        &EMBEDDED
    }

    /// A gazetteer of `entities`; `demonyms` (state name → forms) link to the state of that name.
    pub fn new(entities: Vec<Entity>, demonyms: &[(&str, Vec<&str>)]) -> Gazetteer {
        let mut by_id = HashMap::with_capacity(entities.len());
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut add = |text: &str, i: u32, kind: FormKind, forms: &mut Vec<Form>| {
            let text = text.trim();
            // Proper names only: a form with no capital ("the") could only match prose. A form may
            // open in lower case when a capital follows ("imperial Russia").
            if text.chars().count() < 2
                || !text.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                return;
            }
            let spelled = fold::fold(text);
            let key = spelled.to_lowercase();
            let at = *by_form.entry(key.clone()).or_insert_with(|| {
                forms.push(Form {
                    text: key,
                    variants: Vec::new(),
                    candidates: Vec::new(),
                });
                forms.len() - 1
            });
            if !forms[at].variants.contains(&spelled) {
                forms[at].variants.push(spelled);
            }
            let c = &mut forms[at].candidates;
            match c.iter_mut().find(|(j, _)| *j == i) {
                Some(existing) if kind == FormKind::Name => existing.1 = kind,
                Some(_) => {}
                None => c.push((i, kind)),
            }
        };
        let mut state_by_name: HashMap<&str, u32> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            let i = i as u32;
            by_id.insert(e.id.clone(), i);
            add(&e.name, i, FormKind::Name, &mut forms);
            // A town under 100,000 people answers to its name only: its other names are mostly
            // foreign spellings, and it is linked only beside its country anyway (`link.rs`).
            // This keeps the automaton to about half the patterns, and quick to build.
            let small_town = e.kind == Kind::City && e.population.unwrap_or(0) < 100_000;
            for a in e.aliases.iter().filter(|_| !small_town) {
                add(a, i, FormKind::Alias, &mut forms);
            }
            // The Factbook writes a person's surname in capitals: "Mikhail GORBACHEV".
            if e.kind == Kind::Person {
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    if let Some((given, surname)) = n.rsplit_once(' ') {
                        if surname.chars().count() >= 3
                            && given.chars().next().is_some_and(char::is_uppercase)
                        {
                            add(
                                &format!("{given} {}", surname.to_uppercase()),
                                i,
                                FormKind::Alias,
                                &mut forms,
                            );
                        }
                    }
                }
            }
            if e.kind.is_state() {
                state_by_name.entry(e.name.as_str()).or_insert(i);
            }
        }
        // Adjectives of historic states and combining forms ("Sino-Soviet", "Russo-Japanese");
        // a combining form (ending in '-') links only before a hyphen (see `link.rs`).
        for (name, forms_of) in ADJECTIVES {
            for (i, e) in entities.iter().enumerate() {
                if e.kind.is_state() && e.name == *name {
                    for f in *forms_of {
                        add(f, i as u32, FormKind::Demonym, &mut forms);
                    }
                }
            }
        }
        for (name, ds) in demonyms {
            if let Some(&i) = state_by_name.get(name) {
                for d in ds {
                    add(d, i, FormKind::Demonym, &mut forms);
                }
            }
        }
        // Standard semantics so that every match is reported (overlapping): the linker keeps
        // the leftmost-longest of those whose case is right ("east Africa" must not hide
        // "Africa" behind a rejected "East Africa").
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|f| f.text.as_str()))
            .ok();
        Gazetteer {
            entities,
            by_id,
            by_form,
            forms,
            matcher,
        }
    }

    /// Entity number `i` (from a [`Mention`]). Panics on a number the gazetteer did not give.
    pub fn entity(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    /// Every entity.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// The entities a name (or alias, or demonym) may mean, most likely first (case and
    /// accents do not matter).
    pub fn lookup(&self, name: &str) -> Vec<&Entity> {
        let key = fold::fold(name.trim()).to_lowercase();
        let form = self.by_form.get(&key);
        let Some(&f) = form else {
            return Vec::new();
        };
        // Entities this is the name of first, then by kind (states, people, regions and
        // waters, cities by population).
        let mut out: Vec<(bool, u8, std::cmp::Reverse<u64>, &Entity)> = self.forms[f]
            .candidates
            .iter()
            .map(|&(i, k)| {
                let e = &self.entities[i as usize];
                let rank = match e.kind {
                    Kind::State | Kind::HistoricState => 0,
                    Kind::Person => 1,
                    Kind::City => 4,
                    Kind::Organization => 5,
                    _ => 2,
                };
                (
                    k != FormKind::Name,
                    rank,
                    std::cmp::Reverse(e.population.unwrap_or(0)),
                    e,
                )
            })
            .collect();
        out.sort_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then(a.3.id.cmp(&b.3.id))
        });
        out.into_iter().map(|x| x.3).collect()
    }
}

#[cfg(test)]
mod tests;
