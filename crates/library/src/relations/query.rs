//! The read side of relations.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use super::{
    MAX_RELATIONS_LIMIT, MAX_RELATIONS_OFFSET, Partner, Partners, RelationEvent, RelationState,
    Relations, RelationsQuery, codes,
};
use crate::catalog::catalog_err;
use crate::text::display_title;
use crate::timeline::citation;
use crate::{Error, Library, Result, YEARS, YearCount};

/// A matching event as first read: enough to count, sort and page.
struct Light {
    id: i64,
    kind: String,
    start_key: Option<i64>,
    /// The other side's state code (partners).
    other: String,
}

impl Library {
    /// A state of a relation: by id, name, alias or ISO code (as [`Library::resolve_state`]),
    /// else any state the gazetteer knows by name or alias (`imperial Russia`) or by its
    /// CAMEO code (`SUN`); with its code family. An unknown name is `NotFound` with the
    /// closest names.
    pub fn relation_state(&self, name: &str) -> Result<RelationState> {
        match self.resolve_state(name) {
            Ok(s) => {
                let coded = codes::find(&s.id).or_else(|| codes::find(&s.name));
                Ok(RelationState {
                    codes: coded.map(codes::family).unwrap_or_default(),
                    id: s.id,
                    name: s.name,
                })
            }
            Err(e @ Error::NotFound { .. }) => match codes::find(name) {
                Some(c) => Ok(RelationState {
                    id: c.id.clone(),
                    name: c.entity.name.clone(),
                    codes: codes::family(c),
                }),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// One page of the events between `q.a` and `q.b` (or `q.a` and every other state), in
    /// time order, with counts by type and decade over all pages. Negated events are left out.
    pub fn relations(&self, q: &RelationsQuery) -> Result<Relations> {
        if !(1..=MAX_RELATIONS_LIMIT).contains(&q.limit) {
            return Err(Error::Argument {
                name: "limit",
                message: format!("{} is not in 1..={MAX_RELATIONS_LIMIT}", q.limit),
            });
        }
        if q.offset > MAX_RELATIONS_OFFSET {
            return Err(Error::Argument {
                name: "offset",
                message: format!("{} is over {MAX_RELATIONS_OFFSET}", q.offset),
            });
        }
        let kind = check(q)?;
        let a = self.relation_state(&q.a)?;
        let b = match &q.b {
            Some(b) => Some(self.relation_state(b)?),
            None => None,
        };
        let light = self.matching(&a, b.as_ref(), kind.as_deref(), q.from, q.to)?;
        let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_decade: BTreeMap<i32, usize> = BTreeMap::new();
        let mut by_type_decade: BTreeMap<String, BTreeMap<i32, usize>> = BTreeMap::new();
        let mut years: Vec<YearCount> = Vec::new();
        let mut undated = 0;
        for l in &light {
            *by_type.entry(l.kind.clone()).or_default() += 1;
            let Some(key) = l.start_key else {
                undated += 1;
                continue;
            };
            let year = key.div_euclid(10_000) as i32;
            let decade = year.div_euclid(10) * 10;
            *by_decade.entry(decade).or_default() += 1;
            *by_type_decade
                .entry(l.kind.clone())
                .or_default()
                .entry(decade)
                .or_default() += 1;
            match years.last_mut() {
                Some(y) if y.year == year => y.count += 1,
                _ => years.push(YearCount { year, count: 1 }),
            }
        }
        let page: Vec<i64> = light
            .iter()
            .skip(q.offset)
            .take(q.limit)
            .map(|l| l.id)
            .collect();
        let events = self.read(|conn| events(conn, self, &page))?;
        Ok(Relations {
            a,
            b,
            kind,
            from: q.from,
            to: q.to,
            total: light.len(),
            offset: q.offset,
            limit: q.limit,
            by_type,
            by_decade,
            by_type_decade,
            undated,
            years,
            events,
        })
    }

    /// The states `q.a` has events with (of `q.kind`, within `q.from`..`q.to` when given),
    /// most events first; `q.b`, `q.limit` and `q.offset` are not used.
    ///
    /// A partner is counted as its pair page is: with its code family, so a row holds the
    /// events of the states that share its family (Russia's row holds the Soviet Union's,
    /// named in [`Partner::including`]) and no state of a family listed before gets a row
    /// of its own. Rows go by the size of their own code's share first.
    pub fn partners(&self, q: &RelationsQuery) -> Result<Partners> {
        let kind = check(q)?;
        let state = self.relation_state(&q.a)?;
        let light = self.matching(&state, None, kind.as_deref(), q.from, q.to)?;
        let mut per_code: HashMap<&str, usize> = HashMap::new();
        for l in &light {
            *per_code.entry(l.other.as_str()).or_default() += 1;
        }
        let mut order: Vec<(&str, usize)> = per_code.into_iter().collect();
        order.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        let mut covered: Vec<String> = Vec::new();
        let mut partners: Vec<Partner> = Vec::new();
        for (code, _) in order {
            if covered.iter().any(|c| c == code) {
                continue;
            }
            let Some(coded) = codes::by_code(code) else {
                continue;
            };
            // The partner as its pair page resolves it: the library's id where it has one.
            let other = match self.relation_state(&coded.id) {
                Ok(s) if s.codes.first().map(String::as_str) == Some(code) => s,
                _ => RelationState {
                    id: coded.id.clone(),
                    name: coded.entity.name.clone(),
                    codes: codes::family(coded),
                },
            };
            let mut p = Partner {
                id: other.id,
                name: other.name,
                code: code.to_owned(),
                including: Vec::new(),
                count: 0,
                by_type: BTreeMap::new(),
                by_decade: BTreeMap::new(),
            };
            for l in light.iter().filter(|l| other.codes.contains(&l.other)) {
                p.count += 1;
                *p.by_type.entry(l.kind.clone()).or_default() += 1;
                if let Some(key) = l.start_key {
                    let decade = (key.div_euclid(10_000) as i32).div_euclid(10) * 10;
                    *p.by_decade.entry(decade).or_default() += 1;
                }
                if l.other != code
                    && let Some(c) = codes::by_code(&l.other)
                    && !p.including.contains(&c.entity.name)
                {
                    p.including.push(c.entity.name.clone());
                }
            }
            covered.extend(other.codes);
            partners.push(p);
        }
        partners.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.name.cmp(&y.name)));
        Ok(Partners {
            state,
            total: light.len(),
            partners,
        })
    }

    /// Every matching event, light, in time order (undated last, then book order).
    fn matching(
        &self,
        a: &RelationState,
        b: Option<&RelationState>,
        kind: Option<&str>,
        from: Option<i32>,
        to: Option<i32>,
    ) -> Result<Vec<Light>> {
        if a.codes.is_empty() || b.is_some_and(|b| b.codes.is_empty()) {
            return Ok(Vec::new());
        }
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |v: rusqlite::types::Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        let json = |codes: &[String]| serde_json::to_string(codes).unwrap_or_else(|_| "[]".into());
        let fa = arg(json(&a.codes).into());
        let set = |p: &str| format!("(SELECT value FROM json_each({p}))");
        let (pair, other) = match b {
            Some(b) => {
                let fb = arg(json(&b.codes).into());
                (
                    format!(
                        "((e.source_state IN {sa} AND e.target_state IN {sb})
                          OR (e.source_state IN {sb} AND e.target_state IN {sa}))",
                        sa = set(&fa),
                        sb = set(&fb)
                    ),
                    format!("CASE WHEN e.source_state IN {} THEN e.target_state ELSE e.source_state END", set(&fa)),
                )
            }
            None => (
                format!(
                    "((e.source_state IN {sa} AND e.target_state <> '' AND e.target_state NOT IN {sa})
                      OR (e.target_state IN {sa} AND e.source_state <> '' AND e.source_state NOT IN {sa}))",
                    sa = set(&fa)
                ),
                format!(
                    "CASE WHEN e.source_state IN {} THEN e.target_state ELSE e.source_state END",
                    set(&fa)
                ),
            ),
        };
        let mut clauses = vec!["e.negated = 0".to_owned(), pair];
        if let Some(k) = kind {
            clauses.push(format!("e.type = {}", arg(k.to_owned().into())));
        }
        if let Some(f) = from {
            clauses.push(format!(
                "e.end_key >= {}",
                arg((i64::from(f) * 10_000).into())
            ));
        }
        if let Some(t) = to {
            clauses.push(format!(
                "e.start_key <= {}",
                arg((i64::from(t) * 10_000 + 1231).into())
            ));
        }
        let sql = format!(
            "SELECT e.id, e.type, e.start_key, {other} FROM events e JOIN sections s ON s.id = e.section_id
              WHERE {}
              ORDER BY e.start_key IS NULL, e.start_key, e.end_key, s.book_id, s.ord, e.paragraph,
                       e.sentence_start, e.trigger_start, e.id",
            clauses.join(" AND ")
        );
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let mut st = conn.prepare_cached(&sql).map_err(&e)?;
            let rows = st
                .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                    Ok(Light {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        start_key: r.get(2)?,
                        other: r.get(3)?,
                    })
                })
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)
        })
    }
}

/// The type filter (upper case) and the years, checked.
fn check(q: &RelationsQuery) -> Result<Option<String>> {
    for (name, year) in [("from", q.from), ("to", q.to)] {
        if let Some(y) = year.filter(|y| !YEARS.contains(y)) {
            return Err(Error::Argument {
                name,
                message: format!("{y} is not a year in {}..={}", YEARS.start(), YEARS.end()),
            });
        }
    }
    if let (Some(from), Some(to)) = (q.from, q.to)
        && from > to
    {
        return Err(Error::Argument {
            name: "from",
            message: format!("{from} is after the year `to` ({to})"),
        });
    }
    let kind = q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty());
    kind.map(|k| {
        k.parse::<::events::EventType>()
            .map(|t| t.as_str().to_owned())
            .map_err(|e| Error::Argument {
                name: "type",
                message: e.to_string(),
            })
    })
    .transpose()
}

/// The dates of an event as a reader says them.
fn label(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s != e => format!("{s}–{e}"),
        (Some(s), _) => s.to_owned(),
        _ => "undated".to_owned(),
    }
}

/// Code points of `text` before byte `at` (0 when `at` is not a boundary).
fn chars_to(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |t| t.chars().count())
}

/// The full events of `ids`, in that order.
fn events(conn: &Connection, lib: &Library, ids: &[i64]) -> Result<Vec<RelationEvent>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let e = catalog_err(&lib.catalog_path);
    let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut st = conn
        .prepare_cached(
            "SELECT e.id, e.section_id, e.paragraph, e.sentence_start, e.sentence_end,
                    e.source_name, e.source_text, e.source_code, e.source_entity,
                    e.target_name, e.target_text, e.target_code, e.target_entity,
                    e.type, e.mode, e.start, e.end, e.date_inherited, e.trigger,
                    e.trigger_start, e.trigger_end, e.negated,
                    json_extract(s.paragraphs, '$[' || e.paragraph || ']'),
                    s.title, s.heading, json_extract(s.paragraphs, '$[0]'),
                    s.book_id, b.title, s.data_as_of
               FROM events e JOIN sections s ON s.id = e.section_id JOIN books b ON b.id = s.book_id
              WHERE e.id IN (SELECT value FROM json_each(?1))",
        )
        .map_err(&e)?;
    let rows = st
        .query_map([&json], |r| {
            let paragraph: Option<String> = r.get(22)?;
            let (from, to): (i64, i64) = (r.get(3)?, r.get(4)?);
            let sentence = paragraph
                .as_deref()
                .and_then(|p| p.get(from.max(0) as usize..to.max(0) as usize))
                .unwrap_or("")
                .to_owned();
            let (ta, tb): (i64, i64) = (r.get(19)?, r.get(20)?);
            let highlight = (
                chars_to(&sentence, ta.max(0) as usize),
                chars_to(&sentence, tb.max(0) as usize),
            );
            let (start, end): (Option<String>, Option<String>) = (r.get(15)?, r.get(16)?);
            let title: Option<String> = r.get(23)?;
            let heading: Option<String> = r.get(24)?;
            let first: Option<String> = r.get(25)?;
            Ok((
                r.get::<_, i64>(0)?,
                RelationEvent {
                    section_id: r.get(1)?,
                    paragraph: r.get::<_, i64>(2)?.max(0) as usize,
                    source: r.get(5)?,
                    source_text: r.get(6)?,
                    source_code: r.get(7)?,
                    source_entity: r.get(8)?,
                    target: r.get(9)?,
                    target_text: r.get(10)?,
                    target_code: r.get(11)?,
                    target_entity: r.get(12)?,
                    kind: r.get(13)?,
                    mode: r.get(14)?,
                    label: label(start.as_deref(), end.as_deref()),
                    start,
                    end,
                    date_inherited: r.get(17)?,
                    trigger: r.get(18)?,
                    highlight,
                    negated: r.get(21)?,
                    sentence,
                    section_title: display_title(
                        title.as_deref(),
                        heading.as_deref(),
                        &Vec::from_iter(first),
                    ),
                    book_id: r.get(26)?,
                    book: r.get(27)?,
                    data_as_of: r.get(28)?,
                    citation: String::new(),
                    citation_short: String::new(),
                },
            ))
        })
        .map_err(&e)?;
    let mut by_id: HashMap<i64, RelationEvent> = HashMap::with_capacity(ids.len());
    let mut citations: HashMap<String, (String, String)> = HashMap::new();
    for row in rows {
        let (id, mut ev) = row.map_err(&e)?;
        if !citations.contains_key(&ev.section_id) {
            let c = citation(conn, lib, &ev.section_id)?
                .map(|c| (c.text(), c.short()))
                .unwrap_or_default();
            citations.insert(ev.section_id.clone(), c);
        }
        if let Some((full, short)) = citations.get(&ev.section_id) {
            ev.citation = full.clone();
            ev.citation_short = short.clone();
        }
        by_id.insert(id, ev);
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_offsets() {
        assert_eq!(label(Some("1904"), Some("1905")), "1904–1905");
        assert_eq!(label(Some("1986-01"), Some("1986-01")), "1986-01");
        assert_eq!(label(None, None), "undated");
        assert_eq!(chars_to("Tōkyō visit", 7), 5);
        assert_eq!(chars_to("Tōkyō", 2), 0, "not a boundary");
    }

    #[test]
    fn types_and_years_are_checked() {
        let q = |kind: Option<&str>, from, to| RelationsQuery {
            a: "Japan".into(),
            kind: kind.map(str::to_owned),
            from,
            to,
            limit: 10,
            ..Default::default()
        };
        assert_eq!(
            check(&q(Some("fight"), None, None)).unwrap().as_deref(),
            Some("FIGHT")
        );
        assert_eq!(check(&q(Some(" "), None, None)).unwrap(), None);
        let bad = check(&q(Some("WAR"), None, None)).unwrap_err().to_string();
        assert!(bad.starts_with("type: ") && bad.contains("FIGHT"), "{bad}");
        assert!(check(&q(None, Some(1990), Some(1980))).is_err());
        assert!(check(&q(None, Some(999), None)).is_err());
    }
}
