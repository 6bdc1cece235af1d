//! States by their CAMEO-style codes, and a state's *code family*.
//!
//! The event coder gives actors codes (`SUN`, `JPNGOV`, `RUS`); relations are between states,
//! so the table here maps each state code to the state it stands for, built once from the
//! gazetteer's states through `events::actors::code` (the coder's own rule). Several states
//! may share a code (the Russian Empire and Russia are both `RUS`, Prussia and Germany
//! `DEU`): the table names the current state.
//!
//! A state's family is its own code plus its predecessors' and successors' (the gazetteer's
//! `predecessor`/`successor` ids, one step each way): the Soviet Union's is `SUN` and `RUS`
//! (the Russian Empire before it, Russia after it), so "the Soviet Union and Japan" holds
//! the tsar's war of 1904–05 as well as Gorbachev's visits.

use std::collections::HashMap;
use std::sync::LazyLock;

use gazetteer::{Entity, Gazetteer, Kind};

/// One state with a code.
#[derive(Debug, Clone)]
pub(crate) struct CodedState {
    /// Slug of its name (`soviet-union`), as the library's state ids.
    pub id: String,
    /// Its gazetteer record.
    pub entity: &'static Entity,
    /// Its code (`SUN`).
    pub code: String,
}

struct Table {
    states: Vec<CodedState>,
    /// Code → the state it names (index into `states`).
    by_code: HashMap<String, usize>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let g = Gazetteer::embedded();
    let mut states: Vec<CodedState> = g
        .entities()
        .iter()
        .filter(|e| e.kind.is_state())
        .filter_map(|e| {
            let code = ::events::actors::code(g, e)?;
            (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())).then(|| CodedState {
                id: crate::slug(&e.name),
                entity: e,
                code,
            })
        })
        .collect();
    states.sort_by(|a, b| a.id.cmp(&b.id));
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for (i, s) in states.iter().enumerate() {
        let better = |old: &CodedState| {
            // A current state before a former one; among former ones, the later.
            let rank = |s: &CodedState| (s.entity.kind == Kind::State, s.entity.valid_to.clone());
            rank(s) > rank(old)
        };
        match by_code.get(&s.code) {
            Some(&j) if !better(&states[j]) => {}
            _ => {
                by_code.insert(s.code.clone(), i);
            }
        }
    }
    Table { states, by_code }
});

/// The state code in an actor's code (`SUN` of `SUNGOV`), when it is one.
pub(crate) fn state_code(code: &str) -> Option<&str> {
    let three = code.get(..3)?;
    TABLE.by_code.contains_key(three).then_some(three)
}

/// The state a code stands for.
pub(crate) fn by_code(code: &str) -> Option<&'static CodedState> {
    let t = &*TABLE;
    t.by_code.get(code).map(|&i| &t.states[i])
}

/// The coded state by id (`soviet-union`), name, alias or code, case-insensitive.
pub(crate) fn find(name: &str) -> Option<&'static CodedState> {
    let t = &*TABLE;
    let name = name.trim();
    let id = crate::slug(name);
    if let Some(s) = t.states.iter().find(|s| s.id == id) {
        return Some(s);
    }
    let upper = name.to_ascii_uppercase();
    if let Some(s) = by_code(&upper) {
        return Some(s);
    }
    let g = Gazetteer::embedded();
    g.lookup(name)
        .into_iter()
        .filter(|e| e.kind.is_state())
        .find_map(|e| t.states.iter().find(|s| s.entity.id == e.id))
}

/// A state's code family: its own code first, then its predecessors' and successors'.
pub(crate) fn family(state: &CodedState) -> Vec<String> {
    let g = Gazetteer::embedded();
    let mut codes = vec![state.code.clone()];
    let related = [&state.entity.predecessor, &state.entity.successor];
    for ids in related.into_iter().flatten() {
        for id in ids.split('|').map(str::trim) {
            let code = g.get(id).and_then(|e| ::events::actors::code(g, e));
            if let Some(c) = code.filter(|c| state_code(c) == Some(c.as_str()))
                && !codes.contains(&c)
            {
                codes.push(c);
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_states() {
        assert_eq!(by_code("SUN").unwrap().entity.name, "Soviet Union");
        assert_eq!(by_code("JPN").unwrap().entity.name, "Japan");
        // A code two states share names the current one.
        assert_eq!(by_code("RUS").unwrap().entity.name, "Russia");
        assert_eq!(state_code("SUNGOV"), Some("SUN"));
        assert_eq!(state_code("IGO"), None);
        assert_eq!(state_code(""), None);
    }

    #[test]
    fn families_reach_one_step_back_and_forward() {
        let su = find("Soviet Union").unwrap();
        assert_eq!(su.id, "soviet-union");
        assert_eq!(family(su), ["SUN", "RUS"]);
        assert_eq!(family(find("Russia").unwrap()), ["RUS", "SUN"]);
        assert_eq!(family(find("Japan").unwrap()), ["JPN"]);
        for name in [
            "SUN",
            "sun",
            "USSR",
            "soviet-union",
            "Union of Soviet Socialist Republics",
        ] {
            assert_eq!(
                find(name).map(|s| s.id.as_str()),
                Some("soviet-union"),
                "{name}"
            );
        }
        assert_eq!(
            find("imperial Russia").unwrap().entity.name,
            "Russian Empire"
        );
        assert!(find("Atlantis").is_none());
    }
}
