//! Questions the edition tables answer: a field's history, what changed between editions.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{EditionDiff, EditionEntity, FieldDiff, History, HistoryRow, word_diff};
use crate::{Error, Library, Result};

impl Library {
    /// The edition entity `name` names: its latest name, a name an edition printed ("Soviet
    /// Union", "Burma", "Zaire"), its FIPS or ISO code, or a state the library knows by another
    /// name. An unknown name is [`Error::NotFound`] with the closest names.
    pub fn edition_entity(&self, name: &str) -> Result<EditionEntity> {
        let typed = name.trim();
        let found = self.read(|conn| {
            let e = crate::catalog::catalog_err(&self.catalog_path);
            let by = |sql: &str, arg: &str| -> Result<Option<i64>> {
                conn.query_row(sql, [arg], |r| r.get(0)).optional().map_err(&e)
            };
            if let Some(id) = by(
                "SELECT id FROM fb_entities WHERE name = ?1 COLLATE NOCASE OR code = upper(?1) OR iso = upper(?1)
                 ORDER BY id > 0 DESC LIMIT 1",
                typed,
            )? {
                return Ok(Some(id));
            }
            by(
                "SELECT entity FROM fb_names WHERE name = ?1 COLLATE NOCASE ORDER BY edition DESC LIMIT 1",
                typed,
            )
        })?;
        let id = match found {
            Some(id) => Some(id),
            None => match self.resolve_state(typed) {
                Ok(s) => {
                    let iso = self.read(|conn| {
                        conn.query_row("SELECT iso FROM countries WHERE id = ?1", [&s.id], |r| {
                            r.get::<_, Option<String>>(0)
                        })
                        .optional()
                        .map_err(crate::catalog::catalog_err(&self.catalog_path))
                    })?;
                    let iso = iso.flatten().or_else(|| {
                        pages::countries::lookup(&s.name)
                            .and_then(|c| c.iso)
                            .map(str::to_owned)
                    });
                    match iso {
                        Some(iso) => self.read(|conn| {
                            conn.query_row(
                                "SELECT id FROM fb_entities WHERE iso = ?1 ORDER BY id > 0 DESC LIMIT 1",
                                [iso],
                                |r| r.get(0),
                            )
                            .optional()
                            .map_err(crate::catalog::catalog_err(&self.catalog_path))
                        })?,
                        None => None,
                    }
                }
                Err(_) => None,
            },
        };
        let Some(id) = id else {
            let any: bool = self.read(|conn| {
                conn.query_row("SELECT EXISTS (SELECT 1 FROM fb_entities)", [], |r| {
                    r.get(0)
                })
                .map_err(crate::catalog::catalog_err(&self.catalog_path))
            })?;
            if !any {
                return Err(Error::NoEditions(self.dir.clone()));
            }
            let names: Vec<String> = self.read(|conn| {
                let mut st = conn
                    .prepare("SELECT name FROM fb_entities UNION SELECT name FROM fb_names")
                    .map_err(crate::catalog::catalog_err(&self.catalog_path))?;
                let rows = st
                    .query_map([], |r| r.get(0))
                    .map_err(crate::catalog::catalog_err(&self.catalog_path))?;
                rows.collect::<std::result::Result<_, _>>()
                    .map_err(crate::catalog::catalog_err(&self.catalog_path))
            })?;
            return Err(Error::NotFound {
                what: "country",
                id: typed.to_string(),
                suggestions: crate::text::closest(typed, names.iter().map(String::as_str), 5),
            });
        };
        self.read(|conn| entity(conn, id).map_err(crate::catalog::catalog_err(&self.catalog_path)))
    }

    /// Field `field` of entity `country` in every edition that has it, oldest first, with
    /// each text's headline number. `field` is a canonical name (`Population`) or a name an
    /// edition used (`Ethnic divisions`); case does not matter.
    pub fn field_history(&self, country: &str, field: &str) -> Result<History> {
        let entity = self.edition_entity(country)?;
        let canonical = self.resolve_field(&entity, field)?;
        let rows: Vec<(u16, String, String, String)> = self.read(|conn| {
            let e = crate::catalog::catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(
                    "SELECT f.edition, nt.label, t.text, COALESCE(n.name, '')
                     FROM fb_fields f JOIN fb_texts t ON t.id = f.text_id
                     JOIN fb_labels nt ON nt.id = f.name_then
                     LEFT JOIN fb_names n ON n.entity = f.entity AND n.edition = f.edition
                     WHERE f.entity = ?1
                       AND f.field = (SELECT id FROM fb_labels WHERE label = ?2)
                     ORDER BY f.edition, nt.label, f.text_id",
                )
                .map_err(&e)?;
            let rows = st
                .query_map(params![entity.id, canonical], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)
        })?;
        // One row per edition: an edition that split the field in two gets both texts.
        let mut by_edition: BTreeMap<u16, (String, String, String)> = BTreeMap::new();
        for (edition, name_then, text, entity_then) in rows {
            by_edition
                .entry(edition)
                .and_modify(|row| {
                    row.1.push('\n');
                    row.1.push_str(&text);
                })
                .or_insert((name_then, text, entity_then));
        }
        let mut editions = Vec::with_capacity(by_edition.len());
        let mut previous: Option<String> = None;
        for (edition, (name_then, text, entity_then)) in by_edition {
            let q = pages::quantity::headline(&name_then, &text);
            editions.push(HistoryRow {
                edition,
                value: q.as_ref().map(|q| q.value),
                unit: q.as_ref().map(|q| q.unit.as_str()),
                date_est: q.and_then(|q| q.date_est),
                unchanged: previous.as_deref() == Some(text.as_str()),
                name_then: (!name_then.eq_ignore_ascii_case(&canonical)).then_some(name_then),
                entity_then: (!entity_then.is_empty() && entity_then != entity.name)
                    .then_some(entity_then),
                text: text.clone(),
            });
            previous = Some(text);
        }
        Ok(History {
            country: entity.name,
            field: canonical,
            editions,
        })
    }

    /// What changed in entity `country` from edition `from` to edition `to`: every field that
    /// changed, appeared or went, word by word — or only `field`, changed or not.
    pub fn edition_diff(
        &self,
        country: &str,
        field: Option<&str>,
        from: u16,
        to: u16,
    ) -> Result<EditionDiff> {
        if from > to {
            return Err(Error::Argument {
                name: "from",
                message: format!("{from} is after the edition `to` ({to})"),
            });
        }
        let entity = self.edition_entity(country)?;
        let only = field.map(|f| self.resolve_field(&entity, f)).transpose()?;
        let texts = |edition: u16| -> Result<BTreeMap<String, String>> {
            self.read(|conn| {
                let e = crate::catalog::catalog_err(&self.catalog_path);
                let mut st = conn
                    .prepare(
                        "SELECT fl.label, t.text FROM fb_fields f JOIN fb_texts t ON t.id = f.text_id
                         JOIN fb_labels fl ON fl.id = f.field
                         WHERE f.entity = ?1 AND f.edition = ?2 ORDER BY fl.label, f.name_then, f.text_id",
                    )
                    .map_err(&e)?;
                let rows = st
                    .query_map(params![entity.id, edition], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                    })
                    .map_err(&e)?;
                let mut out: BTreeMap<String, String> = BTreeMap::new();
                for row in rows {
                    let (f, t) = row.map_err(&e)?;
                    out.entry(f)
                        .and_modify(|x| {
                            x.push('\n');
                            x.push_str(&t);
                        })
                        .or_insert(t);
                }
                Ok(out)
            })
        };
        let old = texts(from)?;
        let new = texts(to)?;
        let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
        names.sort();
        names.dedup();
        let mut fields = Vec::new();
        for name in names {
            if only.as_ref().is_some_and(|o| o != name) {
                continue;
            }
            let a = old.get(name).map_or("", String::as_str);
            let b = new.get(name).map_or("", String::as_str);
            if a == b && only.is_none() {
                continue;
            }
            fields.push(FieldDiff {
                field: name.clone(),
                ops: word_diff(a, b),
            });
        }
        Ok(EditionDiff {
            country: entity.name,
            from,
            to,
            fields,
        })
    }

    /// The canonical name of `field` for `entity`, or NotFound with the closest of its fields.
    fn resolve_field(&self, entity: &EditionEntity, field: &str) -> Result<String> {
        let typed = field.trim();
        let names: Vec<(String, String)> = self.read(|conn| {
            let e = crate::catalog::catalog_err(&self.catalog_path);
            let mut st = conn
                .prepare(
                    "SELECT DISTINCT fl.label, nl.label FROM fb_fields f
                     JOIN fb_labels fl ON fl.id = f.field JOIN fb_labels nl ON nl.id = f.name_then
                     WHERE f.entity = ?1",
                )
                .map_err(&e)?;
            let rows = st
                .query_map([entity.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(&e)?;
            rows.collect::<std::result::Result<_, _>>().map_err(&e)
        })?;
        if let Some((canon, _)) = names.iter().find(|(c, _)| c.eq_ignore_ascii_case(typed)) {
            return Ok(canon.clone());
        }
        if let Some((canon, _)) = names.iter().find(|(_, n)| n.eq_ignore_ascii_case(typed)) {
            return Ok(canon.clone());
        }
        let mut canon: Vec<&str> = names.iter().map(|(c, _)| c.as_str()).collect();
        canon.sort();
        canon.dedup();
        Err(Error::NotFound {
            what: "field",
            id: format!("{typed} (of {})", entity.name),
            suggestions: crate::text::closest(typed, canon.into_iter(), 5),
        })
    }
}

fn entity(conn: &Connection, id: i64) -> rusqlite::Result<EditionEntity> {
    let (first, last): (u16, u16) = conn.query_row(
        "SELECT MIN(edition), MAX(edition) FROM fb_names WHERE entity = ?1",
        [id],
        |r| {
            Ok((
                r.get::<_, Option<u16>>(0)?.unwrap_or(0),
                r.get::<_, Option<u16>>(1)?.unwrap_or(0),
            ))
        },
    )?;
    conn.query_row(
        "SELECT id, name, code, iso, kind FROM fb_entities WHERE id = ?1",
        [id],
        |r| {
            Ok(EditionEntity {
                id: r.get(0)?,
                name: r.get(1)?,
                code: r.get(2)?,
                iso: r.get(3)?,
                kind: r.get(4)?,
                first_edition: first,
                last_edition: last,
            })
        },
    )
}
