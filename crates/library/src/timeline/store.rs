//! The write side: tag sections and store their dated statements.
//!
//! [`update`] runs inside an ingest's transaction. It finds every section that has no
//! timeline at [`VERSION`] (new sections, copies that brought a data-as-of, and — after an
//! upgrade — every section of a library built before timelines existed), reads it with the
//! `timeline` crate and writes one row per entry plus one `timeline_countries` row per state
//! the entry concerns. Raising [`VERSION`] re-reads the whole library on the next ingest.
//! The same pass codes each section's events (`crate::relations::store`) when they are
//! missing or older than that module's own version, so an older library gets its events
//! without its timelines being read again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use rusqlite::{Connection, params};

use crate::catalog::catalog_err;
use crate::{Result, slug};

/// The version of the reading rules (timelines and, since 2, entity mentions); sections read
/// by an older one are read again.
pub(crate) const VERSION: i64 = 2;

/// The catalog tables of timelines (part of the catalog schema).
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS timeline (
    id INTEGER PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES sections(id),
    paragraph INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    expr_start INTEGER NOT NULL,
    expr_end INTEGER NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    start_key INTEGER NOT NULL,
    end_key INTEGER NOT NULL,
    granularity TEXT NOT NULL,
    rank INTEGER NOT NULL,
    mod TEXT,
    value TEXT NOT NULL,
    countries TEXT NOT NULL,
    from_context INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS timeline_by_section ON timeline(section_id);
CREATE TABLE IF NOT EXISTS timeline_countries (
    country_id TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES timeline(id),
    PRIMARY KEY (country_id, entry_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timeline_countries_by_entry ON timeline_countries(entry_id);
CREATE TABLE IF NOT EXISTS timeline_sections (
    section_id TEXT PRIMARY KEY REFERENCES sections(id),
    version INTEGER NOT NULL);
";

/// Every state `pages` knows, as a name table for the `timeline` crate: canonical names,
/// aliases and adjectives/demonyms, numbered by position in `pages::countries::all()`.
pub(crate) struct StateNames {
    pub names: ::timeline::Names,
    /// Country id (slug of the canonical name) and display name, by number.
    pub states: Vec<(String, &'static str)>,
}

pub(crate) static STATES: LazyLock<StateNames> = LazyLock::new(|| {
    let all = pages::countries::all();
    let mut forms: Vec<(u32, &'static str)> = Vec::new();
    let usable = |f: &str| {
        // Proper names only: capitalized, no inverted "Korea, North" forms.
        f.chars().next().is_some_and(char::is_uppercase) && !f.contains(',') && !f.contains('(')
    };
    for (i, c) in all.iter().enumerate() {
        let n = i as u32;
        forms.push((n, c.name));
        forms.extend(
            c.aliases
                .iter()
                .copied()
                .filter(|a| usable(a))
                .map(|a| (n, a)),
        );
        forms.extend(
            pages::countries::demonyms(c)
                .iter()
                .copied()
                .filter(|a| usable(a))
                .map(|a| (n, a)),
        );
    }
    StateNames {
        names: ::timeline::Names::new(forms),
        states: all.iter().map(|c| (slug(c.name), c.name)).collect(),
    }
});

/// The display name of a state id, when `pages` knows it.
pub(crate) fn state_name(id: &str) -> Option<&'static str> {
    static BY_ID: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
        STATES
            .states
            .iter()
            .map(|(id, name)| (id.as_str(), *name))
            .collect()
    });
    BY_ID.get(id).copied()
}

/// What one reading pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Read {
    /// Sections read for timelines and mentions.
    pub timelines: usize,
    /// Sections coded for events.
    pub events: usize,
}

/// A section the pass reads, and what it needs.
struct Todo {
    id: String,
    as_of: Option<String>,
    paragraphs: String,
    kind: String,
    iso: Option<String>,
    /// It had a timeline (of an older version), to clear first.
    read_before: bool,
    /// Its timeline and mentions are missing or old.
    timeline: bool,
    /// Its events are missing or old (and events are on).
    events: bool,
}

/// What reading one section gave.
struct Reading {
    paragraphs: Vec<String>,
    entries: Vec<::timeline::Entry>,
    linked: Vec<crate::entities::Linked>,
    coded: Vec<::events::Coded>,
}

/// Read every section without a current timeline (and, when `events` is on, code every
/// section without current events); returns how many were read for each.
pub(crate) fn update(conn: &Connection, path: &Path, events: bool) -> Result<Read> {
    let e = catalog_err(path);
    let todo: Vec<Todo> = {
        let mut st = conn
            .prepare(
                "SELECT s.id, s.data_as_of, s.paragraphs, s.kind, c.iso, t.version IS NOT NULL,
                        t.version IS NULL OR t.version < ?1,
                        ?3 AND (v.version IS NULL OR v.version < ?2)
                   FROM sections s
                   JOIN countries c ON c.id = s.country_id
                   LEFT JOIN timeline_sections t ON t.section_id = s.id
                   LEFT JOIN events_sections v ON v.section_id = s.id
                  WHERE t.version IS NULL OR t.version < ?1
                     OR (?3 AND (v.version IS NULL OR v.version < ?2))",
            )
            .map_err(&e)?;
        let rows = st
            .query_map(
                params![VERSION, crate::relations::store::VERSION, events],
                |r| {
                    Ok(Todo {
                        id: r.get(0)?,
                        as_of: r.get(1)?,
                        paragraphs: r.get(2)?,
                        kind: r.get(3)?,
                        iso: r.get(4)?,
                        read_before: r.get(5)?,
                        timeline: r.get(6)?,
                        events: r.get(7)?,
                    })
                },
            )
            .map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    if todo.is_empty() {
        return Ok(Read::default());
    }
    let coder = if todo.iter().any(|t| t.events) {
        Some(crate::relations::store::coder()?)
    } else {
        None
    };
    let states = &*STATES;
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO timeline(section_id, paragraph, sentence, expr_start, expr_end, start, end,
                                  start_key, end_key, granularity, rank, mod, value, countries, from_context)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )
        .map_err(&e)?;
    let mut link = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO timeline_countries(country_id, entry_id) VALUES (?1, ?2)",
        )
        .map_err(&e)?;
    let mut done = conn
        .prepare_cached(
            "INSERT OR REPLACE INTO timeline_sections(section_id, version) VALUES (?1, ?2)",
        )
        .map_err(&e)?;
    // Reading is pure and the sections independent: read them on every core, then write in
    // order on this thread (SQLite has one writer).
    let read_one = |t: &Todo| -> Reading {
        let paragraphs: Vec<String> = serde_json::from_str(&t.paragraphs).unwrap_or_default();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let (mut entries, mut linked) = (Vec::new(), Vec::new());
        if t.timeline {
            let config = ::timeline::Config {
                data_as_of: t.as_of.as_deref().and_then(timex::Date::parse),
                names: &states.names,
            };
            entries = ::timeline::extract(&refs, &config);
            let dated: Vec<(usize, std::ops::Range<usize>, i32)> = entries
                .iter()
                .map(|e| (e.paragraph, e.sentence.clone(), e.interval.start.get_year()))
                .collect();
            let year = t
                .as_of
                .as_deref()
                .and_then(|a| a.get(..4))
                .and_then(|y| y.parse().ok());
            linked = crate::entities::link_with_dates(&refs, year, t.iso.as_deref(), &dated);
        }
        let coded = match &coder {
            Some(coder) if t.events => crate::relations::store::code(
                coder,
                &refs,
                t.as_of.as_deref(),
                t.iso.as_deref(),
                t.timeline.then_some(&entries[..]),
            ),
            _ => Vec::new(),
        };
        Reading {
            paragraphs,
            entries,
            linked,
            coded,
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = todo.len().div_ceil(threads).max(64);
    let reads: Vec<Reading> = std::thread::scope(|scope| {
        let handles: Vec<_> = todo
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(read_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut count = Read::default();
    for (t, read) in todo.iter().zip(reads) {
        let id = &t.id;
        if t.events {
            crate::relations::store::clear(conn, path, id)?;
            crate::relations::store::write(conn, path, id, &read.coded)?;
            count.events += 1;
        }
        if !t.timeline {
            continue;
        }
        count.timelines += 1;
        if t.read_before {
            clear(conn, path, id)?;
        }
        let refs: Vec<&str> = read.paragraphs.iter().map(String::as_str).collect();
        crate::entities::store::write_linked(conn, path, id, &refs, &read.linked)?;
        let entries = read.entries;
        for entry in entries {
            let text = refs[entry.paragraph];
            if t.kind.starts_with("factbook") && is_data_vintage(text, &entry) {
                continue;
            }
            let sentence = &text[entry.sentence.clone()];
            let expr_start = sentence_chars(text, entry.sentence.start, entry.expression.start);
            let expr_end = sentence_chars(text, entry.sentence.start, entry.expression.end);
            let ids: Vec<&str> = entry
                .countries
                .iter()
                .filter_map(|&n| states.states.get(n as usize).map(|(id, _)| id.as_str()))
                .collect();
            let i = &entry.interval;
            insert
                .execute(params![
                    id,
                    entry.paragraph as i64,
                    sentence,
                    expr_start as i64,
                    expr_end as i64,
                    i.start.to_string(),
                    i.end.to_string(),
                    i.start.first_key(),
                    i.end.last_key(),
                    i.granularity.as_str(),
                    i.granularity as i64,
                    entry.modifier.map(mod_name),
                    entry.value,
                    serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()),
                    entry.from_context,
                ])
                .map_err(&e)?;
            let entry_id = conn.last_insert_rowid();
            for c in ids {
                link.execute(params![c, entry_id]).map_err(&e)?;
            }
        }
        done.execute(params![id, VERSION]).map_err(&e)?;
    }
    Ok(count)
}

/// What `check` finds wrong with the timeline tables, in words.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<Vec<String>> {
    let e = catalog_err(path);
    let count = |sql: &str| -> Result<i64> { conn.query_row(sql, [], |r| r.get(0)).map_err(&e) };
    let mut problems = Vec::new();
    let unread = count(&format!(
        "SELECT COUNT(*) FROM sections s LEFT JOIN timeline_sections t ON t.section_id = s.id
          WHERE t.version IS NULL OR t.version < {VERSION}"
    ))?;
    if unread > 0 {
        problems.push(format!(
            "{unread} sections have not been read for the timelines (a library from an older areabook, or an interrupted ingest; `areabook ingest` reads them)"
        ));
    }
    let orphans = count(
        "SELECT COUNT(*) FROM timeline WHERE section_id NOT IN (SELECT id FROM sections)",
    )? + count(
        "SELECT COUNT(*) FROM timeline_countries WHERE entry_id NOT IN (SELECT id FROM timeline)",
    )?;
    if orphans > 0 {
        problems.push(format!("{orphans} timeline rows point at nothing"));
    }
    let bad = count("SELECT COUNT(*) FROM timeline WHERE end_key < start_key")?;
    if bad > 0 {
        problems.push(format!("{bad} timeline entries end before they start"));
    }
    Ok(problems)
}

/// Forget a section's timeline (before reading it again).
pub(crate) fn clear(conn: &Connection, path: &Path, section_id: &str) -> Result<()> {
    let e = catalog_err(path);
    conn.prepare_cached(
        "DELETE FROM timeline_countries WHERE entry_id IN (SELECT id FROM timeline WHERE section_id = ?1)",
    )
    .and_then(|mut st| st.execute([section_id]))
    .map_err(&e)?;
    conn.prepare_cached("DELETE FROM timeline WHERE section_id = ?1")
        .and_then(|mut st| st.execute([section_id]))
        .map_err(&e)?;
    conn.prepare_cached("DELETE FROM timeline_sections WHERE section_id = ?1")
        .and_then(|mut st| st.execute([section_id]))
        .map_err(&e)?;
    crate::entities::store::clear(conn, path, section_id)?;
    Ok(())
}

/// Code points from `from` to `to` (byte offsets of `text`).
fn sentence_chars(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(0, |s| s.chars().count())
}

/// The name of a modifier as TIMEX writes it (`MID`, `END`).
pub(crate) fn mod_name(m: timex::Mod) -> &'static str {
    use timex::Mod::*;
    match m {
        Start => "START",
        Mid => "MID",
        End => "END",
        Approx => "APPROX",
        LessThan => "LESS_THAN",
        MoreThan => "MORE_THAN",
        EqualOrLess => "EQUAL_OR_LESS",
        EqualOrMore => "EQUAL_OR_MORE",
        Before => "BEFORE",
        After => "AFTER",
        OnOrBefore => "ON_OR_BEFORE",
        OnOrAfter => "ON_OR_AFTER",
    }
}

/// A Factbook figure's vintage — "1,419,316,933 (2025 est.)", "$4.2 trillion (2023)",
/// "2022: 0.9%" — dates the number, not an event: the year written right before "est." or
/// a label's colon, or in parentheses after a figure. "Republic Day, 26 January (1950)" is
/// an event: its parentheses follow a date.
fn is_data_vintage(text: &str, entry: &::timeline::Entry) -> bool {
    let after = text[entry.expression.end..].trim_start();
    if after.starts_with("est.")
        || after.starts_with("est)")
        || after.starts_with("estimate")
        || after.starts_with(':')
    {
        return true;
    }
    let before = text[..entry.expression.start].trim_end();
    let Some(open) = before.strip_suffix('(') else {
        return false;
    };
    // "(2023)" after a figure is its vintage; after a date ("26 January (1950)", "January 26
    // (1950)") it is the year of the event the date recalls.
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut words = open
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    match (words.next(), words.next()) {
        (Some(w), _) if MONTHS.contains(&w) => false,
        (Some(w), Some(m))
            if w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 2 && MONTHS.contains(&m) =>
        {
            false
        }
        (Some(_), _) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vintages_are_figures_years_not_events() {
        let names = ::timeline::Names::new([]);
        let config = ::timeline::Config {
            data_as_of: timex::Date::parse("2025"),
            names: &names,
        };
        for (text, vintage) in [
            ("total: 1,419,316,933 (2025 est.)", true),
            ("$4.2 trillion (2023)", true),
            ("2022: 0.9% of GDP", true),
            ("Military Expenditures 2021: 1% of GDP", true),
            ("26.5% (2019)", true),
            ("Republic Day, 26 January (1950)", false),
            ("15 August 1947 (from the UK)", false),
            ("Constitution Day, May 3 (1791)", false),
            ("2,100 km (2019)", true),
        ] {
            let entries = ::timeline::extract(&[text], &config);
            let last = entries
                .last()
                .unwrap_or_else(|| panic!("no entry in {text:?}"));
            assert_eq!(is_data_vintage(text, last), vintage, "{text}");
        }
    }

    #[test]
    fn the_state_table_knows_names_and_adjectives() {
        let ids = |t: &str| -> Vec<&str> {
            STATES
                .names
                .ids_in(t)
                .into_iter()
                .map(|n| STATES.states[n as usize].0.as_str())
                .collect()
        };
        assert_eq!(
            ids("Soviet-Japanese relations and the U.S.S.R."),
            vec!["soviet-union", "japan"]
        );
        assert_eq!(state_name("soviet-union"), Some("Soviet Union"));
    }
}
