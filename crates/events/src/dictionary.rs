//! The trigger tables: rows for history narratives, the CAMEO verb dictionary, sector words.
//!
//! All tables are TSV files compiled into the binary (`crates/events/data/`, see its
//! `NOTICE.md`); [`Dictionary::embedded`] parses them once. A row that does not parse is an
//! error naming the file and line ([`DataError`]); the tests parse every embedded table.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use crate::types::EventType;

const HISTORY: &str = include_str!("../data/history.tsv");
const VERBS: &str = include_str!("../data/verbs.tsv");
const PATTERNS: &str = include_str!("../data/patterns.tsv");
const SYNSETS: &str = include_str!("../data/synsets.tsv");
const SECTORS: &str = include_str!("../data/sectors.tsv");
const NOUNS: &str = include_str!("../data/nouns.tsv");

/// A table row that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// The table (`history.tsv`).
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DataError {}

/// How a history row relates the actors around its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Roles {
    /// The subject acts on the object.
    Active,
    /// The actor after the words acts on the one before ("incorporated into").
    Into,
    /// A noun: target from `of`, source from `by` or a possessive.
    Noun,
    /// Between two sides: "the Russo-Japanese War", "war between Iran and Iraq", "war with
    /// China" (the subject and the object).
    Pair,
}

/// A row of `history.tsv`.
#[derive(Clone, Debug)]
pub struct HistoryRule {
    /// The word sequences that fire it.
    pub forms: Vec<Vec<String>>,
    /// Words one of which must follow within six words (empty: none needed).
    pub after: Vec<String>,
    /// PLOVER type.
    pub kind: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// How it relates its actors.
    pub roles: Roles,
    /// What `--explain` prints.
    pub label: String,
}

/// A verb of the CAMEO dictionary.
#[derive(Clone, Debug)]
pub struct Verb {
    /// Its lemma (`break off`).
    pub lemma: String,
    /// The bare verb's CAMEO code (`---`: none).
    pub cameo: String,
    /// The PLOVER type that code maps to.
    pub kind: Option<EventType>,
    /// Its PLOVER mode.
    pub mode: Option<String>,
    /// The CAMEO block it is listed in (whose patterns it takes).
    pub block: String,
}

/// A CAMEO pattern: words before and after the verb that choose a code.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Words (or `&synset`s) before the verb, in order.
    pub before: Vec<String>,
    /// Words (or `&synset`s) after the verb, in order.
    pub after: Vec<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER type (none for codes PLOVER leaves out).
    pub kind: Option<EventType>,
    /// PLOVER mode.
    pub mode: Option<String>,
}

/// An event noun's other words, type and mode.
pub(crate) type NounRow = (Vec<String>, EventType, Option<String>);

/// Every table, indexed for the coder.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// The history rows.
    pub history: Vec<HistoryRule>,
    /// First word → (rule, form) of history rows.
    pub(crate) history_index: HashMap<String, Vec<(usize, usize)>>,
    /// The verbs.
    pub verbs: Vec<Verb>,
    /// First word of an inflected form → (verb, the form's other words).
    pub(crate) verb_forms: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// Verb block → its patterns.
    pub(crate) patterns: HashMap<String, Vec<Pattern>>,
    /// Synset name → its one-word members.
    pub(crate) synsets: HashMap<String, HashSet<String>>,
    /// First word of a sector phrase → (the phrase's other words, sector code).
    pub(crate) sectors: HashMap<String, Vec<(Vec<String>, String)>>,
    /// First word of an event noun → (its other words, type, mode).
    pub(crate) nouns: HashMap<String, Vec<NounRow>>,
}

static EMBEDDED: LazyLock<Result<Dictionary, DataError>> = LazyLock::new(|| {
    Dictionary::parse(HISTORY, VERBS, PATTERNS, SYNSETS, SECTORS).and_then(|d| d.with_nouns(NOUNS))
});

fn rows(
    file: &'static str,
    text: &str,
    columns: usize,
) -> impl Iterator<Item = Result<(usize, Vec<String>), DataError>> {
    text.lines().enumerate().filter_map(move |(i, line)| {
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let mut cols: Vec<String> = line.split('\t').map(str::to_string).collect();
        if cols.len() > columns {
            return Some(Err(DataError {
                file,
                line: i + 1,
                message: format!("{} columns, expected {columns}", cols.len()),
            }));
        }
        cols.resize(columns, String::new());
        Some(Ok((i + 1, cols)))
    })
}

fn plover(file: &'static str, line: usize, s: &str) -> Result<Option<EventType>, DataError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|e: crate::types::UnknownType| DataError {
            file,
            line,
            message: e.to_string(),
        })
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Dictionary {
    /// The tables compiled into the binary.
    pub fn embedded() -> Result<&'static Dictionary, &'static DataError> {
        EMBEDDED.as_ref()
    }

    /// Parse the five tables (their texts as in `crates/events/data/`).
    pub fn parse(
        history: &str,
        verbs: &str,
        patterns: &str,
        synsets: &str,
        sectors: &str,
    ) -> Result<Dictionary, DataError> {
        let mut d = Dictionary::default();
        for row in rows("history.tsv", history, 6) {
            let (line, c) = row?;
            let kind = plover("history.tsv", line, &c[2])?.ok_or_else(|| DataError {
                file: "history.tsv",
                line,
                message: "no event type".into(),
            })?;
            let roles = match c[4].trim() {
                "active" | "" => Roles::Active,
                "into" => Roles::Into,
                "noun" => Roles::Noun,
                "pair" => Roles::Pair,
                other => {
                    return Err(DataError {
                        file: "history.tsv",
                        line,
                        message: format!("roles {other:?} is not active, into, noun or pair"),
                    });
                }
            };
            let forms: Vec<Vec<String>> = c[0]
                .split('|')
                .map(words)
                .filter(|w| !w.is_empty())
                .collect();
            if forms.is_empty() {
                return Err(DataError {
                    file: "history.tsv",
                    line,
                    message: "no forms".into(),
                });
            }
            let r = d.history.len();
            for (f, form) in forms.iter().enumerate() {
                d.history_index
                    .entry(form[0].clone())
                    .or_default()
                    .push((r, f));
            }
            d.history.push(HistoryRule {
                forms,
                after: c[1].split('|').filter_map(opt).collect(),
                kind,
                mode: opt(&c[3]),
                roles,
                label: c[5].trim().to_string(),
            });
        }
        for row in rows("verbs.tsv", verbs, 6) {
            let (line, c) = row?;
            let v = d.verbs.len();
            let lemma = c[0].trim().to_string();
            let block = match c[5].trim() {
                "" => lemma.clone(),
                b => b.to_string(),
            };
            for form in std::iter::once(lemma.as_str()).chain(c[1].split('|')) {
                // A form is words with letters (the derived table has stray punctuation).
                if !form.chars().any(char::is_alphabetic) {
                    continue;
                }
                let w = words(form);
                if let Some((first, rest)) = w.split_first() {
                    d.verb_forms
                        .entry(first.clone())
                        .or_default()
                        .push((v, rest.to_vec()));
                }
            }
            d.verbs.push(Verb {
                lemma,
                cameo: c[2].trim().to_string(),
                kind: plover("verbs.tsv", line, &c[3])?,
                mode: opt(&c[4]),
                block,
            });
        }
        for row in rows("patterns.tsv", patterns, 6) {
            let (line, c) = row?;
            let block = c[0].trim();
            // A block whose verbs were all defined earlier elsewhere still serves the verb of
            // its name (the coder looks a verb's patterns up by its block and by its lemma).
            if block.is_empty() {
                return Err(DataError {
                    file: "patterns.tsv",
                    line,
                    message: "no block".into(),
                });
            }
            d.patterns
                .entry(block.to_string())
                .or_default()
                .push(Pattern {
                    before: words(&c[1]),
                    after: words(&c[2]),
                    cameo: c[3].trim().to_string(),
                    kind: plover("patterns.tsv", line, &c[4])?,
                    mode: opt(&c[5]),
                });
        }
        for row in rows("synsets.tsv", synsets, 2) {
            let (_, c) = row?;
            let set = c[1]
                .split('|')
                .filter_map(|w| w.split_whitespace().next().map(str::to_string))
                .collect();
            d.synsets.insert(c[0].trim().to_string(), set);
        }
        for row in rows("sectors.tsv", sectors, 2) {
            let (line, c) = row?;
            let code = c[1].trim().to_string();
            if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
                return Err(DataError {
                    file: "sectors.tsv",
                    line,
                    message: format!("sector {code:?} is not three capitals"),
                });
            }
            for phrase in c[0].split('|') {
                let w = words(phrase);
                if let Some((first, rest)) = w.split_first() {
                    d.sectors
                        .entry(first.clone())
                        .or_default()
                        .push((rest.to_vec(), code.clone()));
                }
            }
        }
        // Longest phrases first, so "armed forces" is tried before "armed".
        for list in d.sectors.values_mut() {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        for list in d.verb_forms.values_mut() {
            list.sort_by_key(|(_, rest)| std::cmp::Reverse(rest.len()));
        }
        Ok(d)
    }

    /// Add the event nouns (`nouns.tsv`).
    pub fn with_nouns(mut self, nouns: &str) -> Result<Dictionary, DataError> {
        for row in rows("nouns.tsv", nouns, 3) {
            let (line, c) = row?;
            let kind = plover("nouns.tsv", line, &c[1])?.ok_or_else(|| DataError {
                file: "nouns.tsv",
                line,
                message: "no event type".into(),
            })?;
            for phrase in c[0].split('|') {
                let w = words(phrase);
                if let Some((first, rest)) = w.split_first() {
                    self.nouns.entry(first.clone()).or_default().push((
                        rest.to_vec(),
                        kind,
                        opt(&c[2]),
                    ));
                }
            }
        }
        for list in self.nouns.values_mut() {
            list.sort_by_key(|(rest, _, _)| std::cmp::Reverse(rest.len()));
        }
        Ok(self)
    }

    /// Whether pattern word `p` (a word or `&synset`) matches sentence word `w`.
    pub(crate) fn word_matches(&self, p: &str, w: &str) -> bool {
        match p.strip_prefix('&') {
            Some(set) => self.synsets.get(set).is_some_and(|s| s.contains(w)),
            None => p == w,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_tables_parse_and_hold_what_the_coder_needs() {
        let d = Dictionary::embedded().expect("embedded tables");
        assert!(d.verbs.len() > 1000, "{} verbs", d.verbs.len());
        assert!(d.patterns.values().map(Vec::len).sum::<usize>() > 3000);
        assert!(d.synsets.contains_key("treaty"));
        // Every PLOVER type is reachable from some row.
        for t in EventType::ALL {
            let in_history = d.history.iter().any(|r| r.kind == t);
            let in_cameo = d.verbs.iter().any(|v| v.kind == Some(t))
                || d.patterns.values().flatten().any(|p| p.kind == Some(t));
            assert!(in_history || in_cameo, "{t} has no row");
        }
        // The history rows the seed needs.
        let fires = |words: &[&str]| {
            d.history_index
                .get(words[0])
                .is_some_and(|list| list.iter().any(|&(r, f)| d.history[r].forms[f] == words))
        };
        assert!(fires(&["declared", "war"]));
        assert!(fires(&["incorporated", "into"]));
        assert!(fires(&["refused", "to", "return"]));
        assert_eq!(
            d.nouns.get("investigation").map(|l| l[0].1),
            Some(EventType::Investigate)
        );
        let sectors = d.sectors.get("armed").expect("armed forces");
        assert_eq!(sectors[0], (vec!["forces".to_string()], "MIL".to_string()));
    }

    #[test]
    fn a_bad_row_is_named_by_file_and_line() {
        let err =
            Dictionary::parse("# c\nwar\t\tSKIRMISH\t\tactive\tx\n", "", "", "", "").unwrap_err();
        assert_eq!((err.file, err.line), ("history.tsv", 2));
        assert!(err.message.contains("SKIRMISH"), "{err}");
        let err = Dictionary::parse("", "", "\t\tx\t010\t\t\n", "", "").unwrap_err();
        assert_eq!(err.file, "patterns.tsv");
        let err = Dictionary::parse("", "", "", "", "army\tmil\n").unwrap_err();
        assert!(err.to_string().starts_with("sectors.tsv:1:"), "{err}");
    }
}
