//! Every World Factbook edition, 1990–2025: the history of every field, and what changed.
//!
//! The Factbook archive's dumps (`pages::editions`) hold about 1.06 million field-editions, of
//! which about half repeat the edition before word for word. The library keeps them as
//! *versions, not copies*: each distinct text once (`fb_texts`, keyed by a hash of the text),
//! and per entity, canonical field and edition a row that points at its text (`fb_fields`),
//! with the name that edition gave the field (`Ethnic divisions` in 1990, `Ethnic groups`
//! since) and the heading it stood under. Entities are followed across editions by the
//! archive's master ids (`fb_entities`, with the name each edition printed in `fb_names`);
//! entities that ceased to exist (the Soviet Union of the 1990 and 1991 editions, the German
//! Democratic Republic of 1990) have no master id in the archive and keep an identity of their
//! own, keyed by the FIPS code those editions used.
//!
//! [`Library::ingest_editions`] reads the folder (`store.rs`); [`Library::field_history`] and
//! [`Library::edition_diff`] answer from these tables (`query.rs`): a field's text in every
//! edition with its headline number parsed (`pages::quantity`), and the word-by-word changes
//! between two editions of a field or of a whole entity.
//!
//! [`Library::ingest_editions`]: crate::Library::ingest_editions
//! [`Library::field_history`]: crate::Library::field_history
//! [`Library::edition_diff`]: crate::Library::edition_diff

mod compare;
mod query;
pub(crate) mod store;
#[cfg(test)]
mod test_archive;
#[cfg(test)]
mod tests;
pub(crate) mod versions;

use serde::Serialize;

pub use compare::{CompareItem, CompareSide, CompareSubject, Comparison};
pub use store::EditionsReport;
pub use versions::{describe_editions, edition_book_id, is_version_id};

/// The first and last editions the archive holds.
pub const FIRST_EDITION: u16 = 1990;
/// The last edition (the CIA discontinued the Factbook in February 2026).
pub const LAST_EDITION: u16 = 2025;

/// An entity of the editions.
#[derive(Debug, Clone, Serialize)]
pub struct EditionEntity {
    /// The archive's master id (negative for entities it gives none).
    pub id: i64,
    /// The name the latest edition that has it printed.
    pub name: String,
    /// FIPS 10-4 code.
    pub code: String,
    /// ISO 3166 alpha-2, when it has one.
    pub iso: Option<String>,
    /// `sovereign`, `territory`, `former`, …
    pub kind: String,
    /// The editions that have it.
    pub first_edition: u16,
    /// The last edition that has it.
    pub last_edition: u16,
}

/// One edition's text of a field.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    /// The edition.
    pub edition: u16,
    /// The headline number, when the text has one.
    pub value: Option<f64>,
    /// Its unit (`persons`, `sq-km`, `percent`, …).
    pub unit: Option<&'static str>,
    /// The date the number was estimated for (`1990-07`, `2024`).
    pub date_est: Option<String>,
    /// The text.
    pub text: String,
    /// The field's name in this edition, when it differs from the canonical one.
    pub name_then: Option<String>,
    /// The entity's name in this edition, when it differs from the latest.
    pub entity_then: Option<String>,
    /// Whether the text is the edition before's, word for word.
    pub unchanged: bool,
}

/// A field across editions.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The entity.
    pub country: String,
    /// The field's canonical name.
    pub field: String,
    /// One row per edition that has the field, oldest first.
    pub editions: Vec<HistoryRow>,
}

/// One step of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// `equal`, `insert` or `delete`.
    pub op: &'static str,
    /// The words (with the spaces between them).
    pub text: String,
}

/// The changes to one field between two editions.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDiff {
    /// The field's canonical name.
    pub field: String,
    /// The steps that turn the older text into the newer.
    pub ops: Vec<DiffOp>,
}

/// What changed in an entity between two editions.
#[derive(Debug, Clone, Serialize)]
pub struct EditionDiff {
    /// The entity.
    pub country: String,
    /// The older edition.
    pub from: u16,
    /// The newer edition.
    pub to: u16,
    /// Fields that changed, were added or were dropped (unchanged ones are left out unless a
    /// field was asked for).
    pub fields: Vec<FieldDiff>,
}

/// The word-level diff of two texts (words and the spaces after them are the units).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<DiffOp> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(DiffOp {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    out
}
