//! The write side of relations: every section's events, coded at ingest.
//!
//! Called by the reading pass (`timeline::store::update`) for each section whose events are
//! not coded at [`VERSION`]: the section's paragraphs go through `events::code_paragraphs`
//! (its data-as-of as the document date, its country as context) on the pass's threads, and
//! each event is one `events` row written in order on the ingest's transaction. Raising
//! [`VERSION`] codes the whole library again on the next ingest; a library an older areabook
//! built (no `events_sections` rows) is coded on its next ingest, its timelines left alone.

use std::path::Path;

use rusqlite::{Connection, params};

use super::codes::state_code;
use crate::catalog::catalog_err;
use crate::{Error, Result};

/// The version of the event coding; sections coded by an older one are coded again.
pub(crate) const VERSION: i64 = 1;

/// The catalog tables of events (part of the catalog schema since version 5).
///
/// Offsets (`sentence_start`/`sentence_end` in the paragraph, `trigger_*` in the sentence)
/// are bytes, as the coder gives them. `source_state`/`target_state` are the first three
/// letters of the code when they are a state's code (`SUN` of `SUNGOV`), else `''`: the
/// columns relations are looked up by.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES sections(id),
    paragraph INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    source_name TEXT NOT NULL,
    source_text TEXT NOT NULL,
    source_code TEXT NOT NULL,
    source_entity TEXT NOT NULL,
    source_state TEXT NOT NULL,
    target_name TEXT,
    target_text TEXT,
    target_code TEXT,
    target_entity TEXT,
    target_state TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    start TEXT,
    end TEXT,
    start_key INTEGER,
    end_key INTEGER,
    date_inherited INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    rule TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_section ON events(section_id);
CREATE INDEX IF NOT EXISTS events_by_source ON events(source_state, target_state);
CREATE INDEX IF NOT EXISTS events_by_target ON events(target_state, source_state);
CREATE TABLE IF NOT EXISTS events_sections (
    section_id TEXT PRIMARY KEY REFERENCES sections(id),
    version INTEGER NOT NULL);
";

/// The embedded event coder (its tables are compiled in and tested; a broken build of them
/// is an error, not a silent empty result).
pub(crate) fn coder() -> Result<::events::Coder> {
    ::events::Coder::embedded().map_err(|e| Error::Data {
        what: "event tables",
        message: e.to_string(),
    })
}

/// Code one section's paragraphs (pure; runs on the reading pass's threads).
/// `entries`: the section's dated statements when the pass has just read them (same
/// paragraphs, same data-as-of), so the coder does not read the dates again.
pub(crate) fn code(
    coder: &::events::Coder,
    paragraphs: &[&str],
    data_as_of: Option<&str>,
    country: Option<&str>,
    entries: Option<&[::timeline::Entry]>,
) -> Vec<::events::Coded> {
    let config = ::events::Config {
        data_as_of: data_as_of.and_then(timex::Date::parse),
        country: country.map(str::to_owned),
    };
    ::events::code_paragraphs_with(coder, paragraphs, &config, entries)
}

/// `(first, last)` sortable keys of an event's dates (`YYYYMMDD`, signed), when dated.
pub(crate) fn keys(start: Option<&str>, end: Option<&str>) -> (Option<i64>, Option<i64>) {
    let first = start
        .and_then(::timeline::PartialDate::parse)
        .map(|d| d.first_key());
    let last = end
        .or(start)
        .and_then(::timeline::PartialDate::parse)
        .map(|d| d.last_key());
    match (first, last) {
        (Some(a), Some(b)) => (Some(a), Some(b.max(a))),
        _ => (None, None),
    }
}

/// Store a section's coded events (after [`clear`]) and mark it coded.
pub(crate) fn write(
    conn: &Connection,
    path: &Path,
    section_id: &str,
    coded: &[::events::Coded],
) -> Result<()> {
    let e = catalog_err(path);
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO events(section_id, paragraph, sentence_start, sentence_end,
                                source_name, source_text, source_code, source_entity, source_state,
                                target_name, target_text, target_code, target_entity, target_state,
                                type, mode, start, end, start_key, end_key, date_inherited,
                                trigger, trigger_start, trigger_end, negated, rule)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
        )
        .map_err(&e)?;
    for c in coded {
        let ev = &c.event;
        let (start_key, end_key) = keys(c.start.as_deref(), c.end.as_deref());
        let target = ev.target.as_ref();
        insert
            .execute(params![
                section_id,
                c.paragraph as i64,
                c.sentence.start as i64,
                c.sentence.end as i64,
                ev.source.name,
                ev.source.text,
                ev.source.code,
                ev.source.entity,
                state_code(&ev.source.code).unwrap_or(""),
                target.map(|t| &t.name),
                target.map(|t| &t.text),
                target.map(|t| &t.code),
                target.map(|t| &t.entity),
                target.and_then(|t| state_code(&t.code)).unwrap_or(""),
                ev.kind.as_str(),
                ev.mode,
                c.start,
                c.end,
                start_key,
                end_key,
                c.date_inherited,
                ev.trigger,
                ev.trigger_start as i64,
                ev.trigger_end as i64,
                ev.negated,
                ev.rule,
            ])
            .map_err(&e)?;
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO events_sections(section_id, version) VALUES (?1, ?2)",
    )
    .and_then(|mut st| st.execute(params![section_id, VERSION]))
    .map_err(&e)?;
    Ok(())
}

/// Forget a section's events (before coding it again).
pub(crate) fn clear(conn: &Connection, path: &Path, section_id: &str) -> Result<()> {
    let e = catalog_err(path);
    for sql in [
        "DELETE FROM events WHERE section_id = ?1",
        "DELETE FROM events_sections WHERE section_id = ?1",
    ] {
        conn.prepare_cached(sql)
            .and_then(|mut st| st.execute([section_id]))
            .map_err(&e)?;
    }
    Ok(())
}

/// What `check` finds wrong with the event tables, in words.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<Vec<String>> {
    let e = catalog_err(path);
    let count = |sql: &str| -> Result<i64> { conn.query_row(sql, [], |r| r.get(0)).map_err(&e) };
    let mut problems = Vec::new();
    let uncoded = count(&format!(
        "SELECT COUNT(*) FROM sections s LEFT JOIN events_sections v ON v.section_id = s.id
          WHERE v.version IS NULL OR v.version < {VERSION}"
    ))?;
    if uncoded > 0 {
        problems.push(format!(
            "{uncoded} sections have not been coded for events (a library from an older areabook, or an interrupted ingest; `areabook ingest` codes them)"
        ));
    }
    let orphans =
        count("SELECT COUNT(*) FROM events WHERE section_id NOT IN (SELECT id FROM sections)")?;
    if orphans > 0 {
        problems.push(format!("{orphans} event rows point at no section"));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_keys_that_sort() {
        assert_eq!(
            keys(Some("1904"), Some("1905")),
            (Some(19040101), Some(19051231))
        );
        assert_eq!(
            keys(Some("1986-01"), Some("1986-01")),
            (Some(19860101), Some(19860131))
        );
        assert_eq!(
            keys(Some("1945-08-09"), None),
            (Some(19450809), Some(19450809))
        );
        assert_eq!(keys(None, None), (None, None));
        assert_eq!(keys(Some("about then"), Some("1905")), (None, None));
        let (bc, _) = keys(Some("-0465"), Some("-0465"));
        assert!(bc.unwrap() < 101, "{bc:?}");
    }

    #[test]
    fn the_embedded_coder_codes_a_war_and_a_visit() {
        let coder = coder().unwrap();
        let paragraphs = [
            "Japan defeated imperial Russia in the Russo-Japanese War of 1904-05.",
            "Foreign Minister Shevardnadze visited Tokyo in January 1986.",
        ];
        let coded = code(&coder, &paragraphs, Some("1989-05"), None, None);
        // Given the dated statements the reading pass has already read, the same events.
        let names = ::timeline::Names::new(std::iter::empty());
        let entries = ::timeline::extract(
            &paragraphs,
            &::timeline::Config {
                data_as_of: timex::Date::parse("1989-05"),
                names: &names,
            },
        );
        assert_eq!(
            code(&coder, &paragraphs, Some("1989-05"), None, Some(&entries)),
            coded
        );
        let kinds: Vec<(&str, Option<&str>)> = coded
            .iter()
            .map(|c| (c.event.kind.as_str(), c.start.as_deref()))
            .collect();
        assert!(kinds.contains(&("FIGHT", Some("1904"))), "{kinds:?}");
        assert!(kinds.contains(&("CONSULT", Some("1986-01"))), "{kinds:?}");
    }
}
