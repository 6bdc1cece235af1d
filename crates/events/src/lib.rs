//! Events between actors, typed in PLOVER, read from sentences by rules.
//!
//! A sentence becomes events in four steps, each a plain function over the sentence's words:
//!
//! 1. **Actors** ([`actors`]): the gazetteer's names in the sentence — states (in time: "the
//!    Soviet Union" is `SUN`), their adjectives ("Soviet"), persons (a leader acts for the
//!    state served: `SUNGOV`), organizations (`IGO`, `NGO`, or a party's state), places (for
//!    their state: "Vladivostok" is `RUS`) — widened by a sector word next to them ("the
//!    Japanese government" is `JPNGOV`, "Soviet troops" `SUNMIL`; [`data/sectors.tsv`]).
//! 2. **Triggers** ([`dictionary`]): the words that say what happened. Rows written for history
//!    narratives come first (`data/history.tsv`: declared war, invaded, occupied, annexed,
//!    abrogated a treaty, signed a pact, withdrew, recognized, established or broke off
//!    relations, recalled an ambassador, visited, refused to return, ceded, and their nouns),
//!    then the CAMEO verb dictionary of PETRARCH2 mapped to PLOVER (`data/verbs.tsv`,
//!    `data/patterns.tsv`, `data/synsets.tsv`, derived by `tools/derive_plover_verbs.py`): a
//!    verb's patterns (words that must follow or precede it) choose its code, else the verb's
//!    own code.
//! 3. **Roles** ([`coder`]): the source is the actor before the trigger (conjoined actors are
//!    each a source), the target the actor after it; the passive ("was invaded by Japan") and
//!    `into` rows ("were incorporated into the Soviet Union") turn them round; a nominal
//!    trigger takes its target from `of` and its source from `by` or a possessive ("Stalin's
//!    absorption of the Northern Territories").
//! 4. **Polarity**: "did not", "never", "failed to", "prevented the conclusion of" mark the
//!    event `negated` (kept, so `--explain` can show it, but not a relation); "did not leave
//!    until 1922" is not a negation but a date.
//!
//! Dates come from the sentence's own temporal expressions (via `timeline`), else from the
//! nearest earlier dated sentence of the paragraph (`date_inherited`). Every event names the
//! rule that fired ([`Event::rule`]). The crate does no IO.

pub mod actors;
pub mod coder;
pub mod dictionary;
mod grammar;
mod paragraphs;
mod roles;
mod tokens;
mod types;

#[cfg(test)]
mod tests;

pub use coder::Coder;
pub use paragraphs::{Coded, Config, code_paragraphs, code_paragraphs_with};
pub use types::{Actor, Event, EventType};
