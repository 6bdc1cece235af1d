//! The read side of timelines.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::cite::{COUNTRY_STUDIES, Citation, FACTBOOK};
use super::store::state_name;
use super::{
    MAX_TIMELINE_LIMIT, QUERY_SECTIONS, StateRef, Timeline, TimelineEntry, TimelineQuery, YearCount,
};
use crate::catalog::catalog_err;
use crate::text::display_title;
use crate::{Error, Library, Result, SearchQuery, YEARS, slug};

/// The light row every matching entry is first read as: enough to sort, count and page.
struct Light {
    id: i64,
    start_key: i64,
}

impl Library {
    /// A state by id, name, alias or code: a catalog country first, else any state `pages`
    /// knows (the Soviet Union is a state of the timelines even in a library without its
    /// Country Study).
    pub fn resolve_state(&self, name: &str) -> Result<StateRef> {
        if let Some(id) = self.resolve_country(name)? {
            let name = state_name(&id).map(str::to_owned).map_or_else(
                || {
                    self.read(|conn| {
                        conn.query_row("SELECT name FROM countries WHERE id = ?1", [&id], |r| {
                            r.get(0)
                        })
                        .map_err(catalog_err(&self.catalog_path))
                    })
                },
                Ok,
            )?;
            return Ok(StateRef { id, name });
        }
        let known = pages::countries::lookup(name).or_else(|| {
            let code = name.trim().to_ascii_uppercase();
            pages::countries::by_iso(&code).or_else(|| pages::countries::by_fips(&code))
        });
        match known {
            Some(c) => Ok(StateRef {
                id: slug(c.name),
                name: c.name.to_owned(),
            }),
            None => Err(self.no_country(name)),
        }
    }

    /// One page of a timeline.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Timeline> {
        if !(1..=MAX_TIMELINE_LIMIT).contains(&q.limit) {
            return Err(Error::Argument {
                name: "limit",
                message: format!("{} is not in 1..={MAX_TIMELINE_LIMIT}", q.limit),
            });
        }
        for (name, year) in [("from", q.from), ("to", q.to)] {
            if let Some(y) = year.filter(|y| !YEARS.contains(y)) {
                return Err(Error::Argument {
                    name,
                    message: format!("{y} is not a year in {}..={}", YEARS.start(), YEARS.end()),
                });
            }
        }
        if let (Some(from), Some(to)) = (q.from, q.to) {
            if from > to {
                return Err(Error::Argument {
                    name: "from",
                    message: format!("{from} is after the year `to` ({to})"),
                });
            }
        }
        let query = q.query.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if q.country.is_none() && q.pair.is_none() && query.is_none() {
            return Err(Error::Argument {
                name: "country",
                message: "say whose timeline: a country, a pair of countries or a query".into(),
            });
        }
        let mut states = Vec::new();
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<String> = Vec::new();
        let mut arg = |v: String| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(c) = &q.country {
            let s = self.resolve_state(c)?;
            let a = arg(s.id.clone());
            clauses.push(format!(
                "t.id IN (SELECT entry_id FROM timeline_countries WHERE country_id = {a}
                          UNION SELECT t2.id FROM sections s2 JOIN timeline t2 ON t2.section_id = s2.id
                                 WHERE s2.country_id = {a})"
            ));
            states.push(s);
        }
        if let Some((a, b)) = &q.pair {
            let (sa, sb) = (self.resolve_state(a)?, self.resolve_state(b)?);
            let (a, b) = (arg(sa.id.clone()), arg(sb.id.clone()));
            let named =
                |x: &str| format!("SELECT entry_id FROM timeline_countries WHERE country_id = {x}");
            clauses.push(format!(
                "((t.id IN ({na}) AND (t.id IN ({nb}) OR s.country_id = {b}))
                  OR (t.id IN ({nb}) AND s.country_id = {a}))",
                na = named(&a),
                nb = named(&b),
            ));
            states.push(sa);
            states.push(sb);
        }
        if let Some(text) = query {
            let hits = self.search(&SearchQuery {
                text: text.to_owned(),
                country: None,
                book: None,
                as_of_from: None,
                as_of_to: None,
                limit: QUERY_SECTIONS.min(crate::MAX_LIMIT),
                offset: 0,
            })?;
            let ids: Vec<&str> = hits.hits.iter().map(|h| h.section_id.as_str()).collect();
            let a = arg(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()));
            clauses.push(format!(
                "t.section_id IN (SELECT value FROM json_each({a}))"
            ));
        }
        if let Some(from) = q.from {
            clauses.push(format!(
                "t.end_key >= {}",
                arg((i64::from(from) * 10_000).to_string())
            ));
        }
        if let Some(to) = q.to {
            clauses.push(format!(
                "t.start_key <= {}",
                arg((i64::from(to) * 10_000 + 1231).to_string())
            ));
        }
        let sql = format!(
            "SELECT t.id, t.start_key FROM timeline t JOIN sections s ON s.id = t.section_id
              WHERE {} ORDER BY t.start_key, t.rank, s.book_id, s.ord, t.paragraph, t.id",
            clauses.join(" AND ")
        );
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            let light: Vec<Light> = {
                let mut st = conn.prepare_cached(&sql).map_err(&e)?;
                let rows = st
                    .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                        Ok(Light {
                            id: r.get(0)?,
                            start_key: r.get(1)?,
                        })
                    })
                    .map_err(&e)?;
                rows.collect::<std::result::Result<_, _>>().map_err(&e)?
            };
            let mut years: Vec<YearCount> = Vec::new();
            for l in &light {
                let year = l.start_key.div_euclid(10_000) as i32;
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
            let entries = entries(conn, self, &page)?;
            Ok(Timeline {
                states,
                query: query.map(str::to_owned),
                from: q.from,
                to: q.to,
                total: light.len(),
                offset: q.offset,
                limit: q.limit,
                years,
                entries,
            })
        })
    }

    /// How to cite a section.
    pub fn cite(&self, section_id: &str) -> Result<Citation> {
        self.read(|conn| {
            citation(conn, self, section_id)?.ok_or_else(|| Error::NotFound {
                what: "section",
                id: section_id.to_owned(),
                suggestions: Vec::new(),
            })
        })
    }
}

/// The full entries of `ids`, in that order.
fn entries(conn: &Connection, lib: &Library, ids: &[i64]) -> Result<Vec<TimelineEntry>> {
    let e = catalog_err(&lib.catalog_path);
    let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut st = conn
        .prepare_cached(
            "SELECT t.id, t.start, t.end, t.granularity, t.mod, t.sentence, t.expr_start, t.expr_end,
                    t.value, t.section_id, t.paragraph, t.countries, t.from_context,
                    s.book_id, b.title, s.country_id, c.name, s.data_as_of, s.title, s.heading,
                    json_extract(s.paragraphs, '$[0]')
               FROM timeline t JOIN sections s ON s.id = t.section_id
               JOIN books b ON b.id = s.book_id JOIN countries c ON c.id = s.country_id
              WHERE t.id IN (SELECT value FROM json_each(?1))",
        )
        .map_err(&e)?;
    let mut by_id: HashMap<i64, TimelineEntry> = HashMap::with_capacity(ids.len());
    let mut citations: HashMap<String, Option<Citation>> = HashMap::new();
    let rows = st
        .query_map([&json], |r| {
            let id: i64 = r.get(0)?;
            let sentence: String = r.get(5)?;
            let (a, b): (i64, i64) = (r.get(6)?, r.get(7)?);
            let (a, b) = (a.max(0) as usize, b.max(0) as usize);
            let expression: String = sentence.chars().skip(a).take(b.saturating_sub(a)).collect();
            let ids: Vec<String> =
                serde_json::from_str(&r.get::<_, String>(11)?).unwrap_or_default();
            let first: Option<String> = r.get(20)?;
            let title: Option<String> = r.get(18)?;
            let heading: Option<String> = r.get(19)?;
            Ok((
                id,
                TimelineEntry {
                    label: String::new(),
                    start: r.get(1)?,
                    end: r.get(2)?,
                    granularity: r.get(3)?,
                    modifier: r.get(4)?,
                    expression,
                    sentence,
                    highlight: (a, b),
                    value: r.get(8)?,
                    section_id: r.get(9)?,
                    paragraph: r.get::<_, i64>(10)?.max(0) as usize,
                    section_title: display_title(
                        title.as_deref(),
                        heading.as_deref(),
                        &Vec::from_iter(first),
                    ),
                    book_id: r.get(13)?,
                    book: r.get(14)?,
                    country_id: r.get(15)?,
                    country: r.get(16)?,
                    data_as_of: r.get(17)?,
                    citation: String::new(),
                    citation_short: String::new(),
                    countries: ids
                        .iter()
                        .map(|i| state_name(i).unwrap_or(i).to_owned())
                        .collect(),
                    country_ids: ids,
                    from_context: r.get(12)?,
                },
            ))
        })
        .map_err(&e)?;
    for row in rows {
        let (id, mut entry) = row.map_err(&e)?;
        let c = match citations.get(&entry.section_id) {
            Some(c) => c.clone(),
            None => {
                let c = citation(conn, lib, &entry.section_id)?;
                citations.insert(entry.section_id.clone(), c.clone());
                c
            }
        };
        entry.label = super::date_label(
            &entry.start,
            &entry.end,
            &entry.granularity,
            &entry.value,
            entry.modifier.as_deref(),
        );
        if let Some(c) = c {
            entry.citation = c.text();
            entry.citation_short = c.short();
        }
        by_id.insert(id, entry);
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// A section's citation, `None` when there is no such section.
pub(crate) fn citation(
    conn: &Connection,
    lib: &Library,
    section_id: &str,
) -> Result<Option<Citation>> {
    let e = catalog_err(&lib.catalog_path);
    type Head = (
        String,
        String,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let head: Option<Head> = conn
        .prepare_cached(
            "SELECT b.title, b.kind, b.edition, c.name, s.title, s.heading, s.data_as_of,
                    json_extract(s.paragraphs, '$[0]')
               FROM sections s JOIN books b ON b.id = s.book_id JOIN countries c ON c.id = s.country_id
              WHERE s.id = ?1",
        )
        .and_then(|mut st| {
            st.query_row([section_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })
            .optional()
        })
        .map_err(&e)?;
    let Some((book, kind, edition, country, title, heading, data_as_of, first)) = head else {
        return Ok(None);
    };
    // The copy cited: the first with a URL, else the first file, in the order they were read.
    let source: Option<(String, String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT url, path, label, seen_at FROM provenance WHERE section_id = ?1
              ORDER BY url = '', seen_at, mirror, url, path LIMIT 1",
        )
        .and_then(|mut st| {
            st.query_row([section_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
        })
        .map_err(&e)?;
    let factbook = kind == "factbook";
    let shown = display_title(title.as_deref(), heading.as_deref(), &Vec::from_iter(first));
    // An untitled page is cited by its opening words, ellipsis kept.
    let shown = shown
        .trim_matches(['\u{201c}', '\u{201d}'])
        .trim()
        .to_owned();
    let (url, file, accessed) = match source {
        Some((url, path, label, seen)) => {
            let url = Some(url).filter(|u| !u.is_empty());
            let file = if url.is_none() {
                label.filter(|l| !l.is_empty()).or_else(|| {
                    std::path::Path::new(&path)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                })
            } else {
                None
            };
            (url, file, seen.map(|s| s.chars().take(10).collect()))
        }
        None => (None, None, None),
    };
    // A section rebuilt from the Library of Congress full text: the printed book's year,
    // publisher, LCCN and catalogue page (a catalog without the printed tables has none).
    let printed: Option<(Option<String>, Option<u16>, Option<String>)> = conn
        .query_row(
            "SELECT b.lccn, b.published, b.item_url FROM printed_sections ps
               JOIN printed_books b ON b.book_id = ps.book_id WHERE ps.section_id = ?1 LIMIT 1",
            [section_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .unwrap_or(None);
    let (url, file) = match printed.as_ref().and_then(|p| p.2.clone()) {
        Some(item) => (Some(item), None),
        None => (url, file),
    };
    Ok(Some(Citation {
        section_id: section_id.to_owned(),
        title: if factbook {
            format!("{country}: {shown}")
        } else {
            shown
        },
        book: if factbook {
            book
        } else {
            format!("{book}: A Country Study")
        },
        series: if factbook { FACTBOOK } else { COUNTRY_STUDIES },
        edition: if factbook {
            edition
        } else {
            printed.as_ref().and_then(|p| p.1).map(|y| y.to_string())
        },
        lccn: printed.as_ref().and_then(|p| p.0.clone()),
        publisher: if factbook {
            Some("Central Intelligence Agency")
        } else {
            printed
                .is_some()
                .then_some("Federal Research Division, Library of Congress")
        },
        data_as_of: if factbook { None } else { data_as_of },
        url,
        file,
        accessed,
    }))
}
