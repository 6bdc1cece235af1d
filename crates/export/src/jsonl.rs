//! JSON Lines: one section per line with every field the catalog holds, in book order; and
//! the reader that turns such a file back into [`library::Item`]s.
//!
//! A line is an [`library::ExportSection`] as JSON: `section_id`, `book_id`, `book`,
//! `book_kind`, `edition`, `country_id`, `country`, `iso`, `fips`, `section_title`,
//! `display_title`, `heading`, `kind`, `data_as_of`, `ord`, `paragraphs`, `fields`
//! (`[{label, value}]`), `provenance` (`[{mirror, url?, path?, seen_at}]`) and
//! `country_inferred`.
//!
//! **Round trip.** [`Reader`] rebuilds the items `Library::ingest` takes so that ingesting
//! the file into an empty library gives the same sections (same ids, since an id hashes the
//! book and the normalized text), titles, data-as-of and provenance, in the same book order:
//! a Country Studies section becomes one page per copy (its `ord` gives back its place), a
//! Factbook book one entity per copy, its fields at their positions. A section whose country
//! was inferred is inferred again (the same evidence gives the same country).

use std::io::{BufRead, Read, Write};
use std::path::Path;

use library::{ExportFilter, Item, Library, Provenance};
use serde::Deserialize;

use crate::{AtomicFile, Error, Progress, Result, WrittenFile, io_err};

/// Positions in a book are `standard order × SEQ_SPAN + sequence` (as `library` stores them).
const SEQ_SPAN: i64 = 1_000_000_000_000;
/// A Factbook entity has a few hundred fields; positions beyond this are not trusted.
const MAX_FIELDS: i64 = 100_000;
/// The longest line read back (a section is a few kilobytes; the longest real ones ~1 MB).
pub const MAX_LINE: usize = 64 << 20;

/// Write the sections `filter` selects to `out`, one JSON object per line. Returns how many.
pub fn write_to(
    lib: &Library,
    filter: &ExportFilter,
    out: &mut dyn Write,
    progress: &dyn Progress,
    name: &Path,
) -> Result<u64> {
    progress.stage("sections", Some(lib.export_count(filter)?));
    lib.export_sections(filter, |s| -> Result<()> {
        serde_json::to_writer(&mut *out, &s).map_err(|e| Error::Io {
            path: name.to_owned(),
            source: e.into(),
        })?;
        out.write_all(b"\n").map_err(io_err(name))?;
        progress.inc(1);
        Ok(())
    })
}

/// Write the sections to the file `path` (complete or not at all).
pub fn write(
    lib: &Library,
    filter: &ExportFilter,
    path: &Path,
    progress: &dyn Progress,
) -> Result<WrittenFile> {
    let mut file = AtomicFile::create(path)?;
    let rows = write_to(lib, filter, file.writer(), progress, path)?;
    file.finish(rows)
}

/// Whether a first line looks like an areabook section export (and not some other JSON
/// Lines: a scan's pages, a Factbook entity).
pub fn is_export_line(line: &str) -> bool {
    let Ok(serde_json::Value::Object(o)) = serde_json::from_str::<serde_json::Value>(line) else {
        return false;
    };
    [
        "section_id",
        "book_id",
        "book_kind",
        "paragraphs",
        "provenance",
    ]
    .iter()
    .all(|k| o.contains_key(*k))
}

/// Whether the file at `path` is an areabook JSON Lines export (its first line says so).
pub fn is_export_file(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    let mut r = std::io::BufReader::new(file).take(MAX_LINE as u64);
    if r.read_line(&mut first).is_err() {
        return false;
    }
    is_export_line(first.trim_end())
}

/// One line as read back (the fields ingest needs; others are ignored).
#[derive(Debug, Clone, Deserialize)]
struct Line {
    book_id: String,
    book: String,
    book_kind: String,
    #[serde(default)]
    edition: Option<String>,
    country: String,
    #[serde(default)]
    iso: Option<String>,
    #[serde(default)]
    fips: Option<String>,
    section_title: Option<String>,
    heading: Option<String>,
    kind: String,
    data_as_of: Option<String>,
    #[serde(default)]
    ord: i64,
    paragraphs: Vec<String>,
    #[serde(default)]
    fields: Vec<LineField>,
    #[serde(default)]
    provenance: Vec<LineCopy>,
    #[serde(default)]
    country_inferred: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
struct LineField {
    label: String,
    value: String,
}

#[derive(Debug, Clone, Deserialize)]
struct LineCopy {
    mirror: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    seen_at: Option<String>,
}

/// Reads an export back as library items: each `next` yields the items of one Country
/// Studies section or one Factbook book (its lines are consecutive). Bad lines are errors
/// naming the line; reading goes on after them.
pub struct Reader<R> {
    input: R,
    line: u64,
    /// A Factbook line read ahead that belongs to the next book.
    pending: Option<(u64, Line)>,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// Read from `input`.
    pub fn new(input: R) -> Reader<R> {
        Reader {
            input,
            line: 0,
            pending: None,
            done: false,
        }
    }

    fn next_section(&mut self) -> Option<Result<(u64, Line)>> {
        if let Some(p) = self.pending.take() {
            return Some(Ok(p));
        }
        loop {
            if self.done {
                return None;
            }
            let mut buf = Vec::new();
            let n = match std::io::Read::by_ref(&mut self.input)
                .take(MAX_LINE as u64 + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::Jsonl {
                        line: self.line + 1,
                        message: e.to_string(),
                    }));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            self.line += 1;
            if buf.len() > MAX_LINE {
                // Skip the rest of an overlong line.
                let mut rest = Vec::new();
                let _ = self.input.read_until(b'\n', &mut rest);
                return Some(Err(Error::Jsonl {
                    line: self.line,
                    message: format!("longer than {} MiB", MAX_LINE >> 20),
                }));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(
                serde_json::from_slice::<Line>(&buf)
                    .map(|s| (self.line, s))
                    .map_err(|e| Error::Jsonl {
                        line: self.line,
                        message: format!("not an areabook section: {e}"),
                    }),
            );
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Vec<Item>>;

    fn next(&mut self) -> Option<Result<Vec<Item>>> {
        let (line, first) = match self.next_section()? {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if first.book_kind != "factbook" {
            return Some(page_items(line, first));
        }
        let mut book = vec![first];
        loop {
            match self.next_section() {
                Some(Ok((_, s))) if s.book_id == book[0].book_id => book.push(s),
                Some(Ok(other)) => {
                    self.pending = Some(other);
                    break;
                }
                Some(Err(e)) => return Some(Err(e)),
                None => break,
            }
        }
        Some(factbook_items(line, book))
    }
}

fn provenance_of(p: &LineCopy) -> Provenance {
    Provenance {
        mirror: p.mirror.clone(),
        url: p.url.clone(),
        path: p.path.clone(),
        label: p.path.clone(),
        seen_at: p.seen_at.clone(),
    }
}

fn copies(s: &Line) -> Vec<Provenance> {
    if s.provenance.is_empty() {
        vec![Provenance {
            mirror: "areabook-export".into(),
            url: None,
            path: None,
            label: None,
            seen_at: None,
        }]
    } else {
        // Two copies may show the same label (the same file name in two folders the user
        // ingested); the catalog keeps them apart by their hidden path, so the second gets
        // `#copy-2` in its path (never shown; the label stays what readers saw).
        let mut out: Vec<Provenance> = Vec::new();
        for p in &s.provenance {
            let mut copy = provenance_of(p);
            let same = out
                .iter()
                .filter(|o| o.mirror == copy.mirror && o.url == copy.url && o.label == copy.label)
                .count();
            if same > 0 {
                copy.path = Some(format!(
                    "{}#copy-{}",
                    copy.path.as_deref().unwrap_or(""),
                    same + 1
                ));
            }
            out.push(copy);
        }
        out
    }
}

fn section_kind(kind: &str) -> pages::SectionKind {
    match kind {
        "front-matter" => pages::SectionKind::FrontMatter,
        "introduction" => pages::SectionKind::Introduction,
        "profile" => pages::SectionKind::Profile,
        "back-matter" => pages::SectionKind::BackMatter,
        _ => pages::SectionKind::Narrative,
    }
}

fn page_items(line: u64, s: Line) -> Result<Vec<Item>> {
    let data_as_of = match s.data_as_of.as_deref() {
        Some(a) => Some(pages::AsOf::parse(a).ok_or_else(|| Error::Jsonl {
            line,
            message: format!("data_as_of {a:?} is not YYYY or YYYY-MM"),
        })?),
        None => None,
    };
    let page = pages::Page {
        path: None,
        url: None,
        kind: pages::PageKind::CountryStudy,
        reason: None,
        mirror: pages::Mirror::Unknown,
        // An inferred country is inferred again from the same text.
        country: s.country_inferred.is_none().then(|| s.country.clone()),
        book: Some(s.book.clone()),
        section_title: s.section_title.clone(),
        heading: s.heading.clone(),
        data_as_of,
        paragraphs: s.paragraphs.clone(),
        fields: s
            .fields
            .iter()
            .map(|f| pages::Field {
                label: f.label.clone(),
                value: f.value.clone(),
            })
            .collect(),
        section_kind: section_kind(&s.kind),
        sequence: Some(s.ord.rem_euclid(SEQ_SPAN) as u64),
    };
    Ok(copies(&s)
        .into_iter()
        .map(|provenance| Item::Page {
            page: page.clone(),
            provenance,
        })
        .collect())
}

fn factbook_items(line: u64, book: Vec<Line>) -> Result<Vec<Item>> {
    let head = &book[0];
    let edition_text = head.edition.clone().or_else(|| head.data_as_of.clone());
    let edition: u16 = edition_text
        .as_deref()
        .and_then(|e| e.get(..4))
        .and_then(|e| e.parse().ok())
        .ok_or_else(|| Error::Jsonl {
            line,
            message: format!("Factbook book {} has no edition year", head.book_id),
        })?;
    let prefix = format!("world-factbook-{edition}-");
    let fips = head
        .book_id
        .strip_prefix(&prefix)
        .map(str::to_uppercase)
        .or_else(|| head.fips.clone())
        .unwrap_or_default();
    // Each field at its position (so the book order comes back); fields that lack a copy
    // stay empty in that copy's entity, which `ingest` skips.
    let positional = book.iter().all(|s| (0..MAX_FIELDS).contains(&s.ord))
        && book.windows(2).all(|w| w[0].ord < w[1].ord);
    let slots = if positional {
        book.last().map_or(0, |s| s.ord as usize + 1)
    } else {
        book.len()
    };
    let mut all: Vec<Provenance> = Vec::new();
    for s in &book {
        for p in copies(s) {
            if !all.contains(&p) {
                all.push(p);
            }
        }
    }
    let empty = |category: &str, title: &str| pages::factbook::Section {
        category: category.to_owned(),
        title: title.to_owned(),
        paragraphs: Vec::new(),
        fields: Vec::new(),
    };
    Ok(all
        .into_iter()
        .map(|p| {
            let mut sections: Vec<pages::factbook::Section> =
                (0..slots).map(|_| empty("", "")).collect();
            for (i, s) in book.iter().enumerate() {
                let slot = if positional { s.ord as usize } else { i };
                if copies(s).contains(&p) {
                    sections[slot] = pages::factbook::Section {
                        category: s.heading.clone().unwrap_or_default(),
                        title: s.section_title.clone().unwrap_or_default(),
                        paragraphs: s.paragraphs.clone(),
                        fields: s
                            .fields
                            .iter()
                            .map(|f| pages::Field {
                                label: f.label.clone(),
                                value: f.value.clone(),
                            })
                            .collect(),
                    };
                }
            }
            Item::Factbook {
                entity: pages::factbook::Entity {
                    fips: fips.clone(),
                    iso: head.iso.clone(),
                    name: head.country.clone(),
                    country: head.country.clone(),
                    region: String::new(),
                    edition,
                    sections,
                    path: String::new(),
                    package_version: None,
                },
                provenance: p,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, book_kind: &str, book_id: &str, ord: i64) -> String {
        serde_json::json!({
            "section_id": id, "book_id": book_id, "book": "The World Factbook 2025",
            "book_kind": book_kind, "edition": "2025", "country_id": "japan", "country": "Japan",
            "iso": "JP", "fips": "JA", "section_title": "Location", "display_title": "Location",
            "heading": "Geography", "kind": "factbook-field", "data_as_of": "2025", "ord": ord,
            "paragraphs": [format!("Text {id}")], "fields": [],
            "provenance": [{"mirror": "factbook-wheel", "path": "w.whl!ja.json", "seen_at": "2025-01-02"}],
            "country_inferred": null
        })
        .to_string()
    }

    #[test]
    fn export_lines_are_told_from_other_json_lines() {
        assert!(is_export_line(&line(
            "a",
            "factbook",
            "world-factbook-2025-ja",
            0
        )));
        assert!(!is_export_line(r#"{"url": "x", "paragraphs": []}"#));
        assert!(!is_export_line("not json"));
    }

    #[test]
    fn a_factbook_book_is_one_entity_with_fields_in_place() {
        let text = [
            line("a", "factbook", "world-factbook-2025-ja", 0),
            line("b", "factbook", "world-factbook-2025-ja", 2),
            line("c", "factbook", "world-factbook-2025-rs", 0),
        ]
        .join("\n");
        let books: Vec<_> = Reader::new(text.as_bytes()).collect::<Result<_>>().unwrap();
        assert_eq!(books.len(), 2);
        let Item::Factbook { entity, provenance } = &books[0][0] else {
            panic!("not a Factbook item")
        };
        assert_eq!(entity.fips, "JA");
        assert_eq!(entity.edition, 2025);
        assert_eq!(entity.sections.len(), 3);
        assert!(entity.sections[1].paragraphs.is_empty());
        assert_eq!(entity.sections[2].paragraphs, ["Text b"]);
        assert_eq!(provenance.label.as_deref(), Some("w.whl!ja.json"));
    }

    #[test]
    fn bad_lines_are_named_and_reading_goes_on() {
        let text = format!(
            "{}\n\n{{\"oops\": 1}}\n{}\n",
            line("a", "country-study", "japan", 5),
            line("b", "country-study", "japan", 6)
        );
        let got: Vec<_> = Reader::new(text.as_bytes()).collect();
        assert_eq!(got.len(), 3);
        assert!(got[0].is_ok());
        match &got[1] {
            Err(Error::Jsonl { line, .. }) => assert_eq!(*line, 3),
            other => panic!("expected a line error, got {other:?}"),
        }
        let Ok(items) = &got[2] else { panic!() };
        let Item::Page { page, .. } = &items[0] else {
            panic!()
        };
        assert_eq!(page.sequence, Some(6));
        assert_eq!(page.country.as_deref(), Some("Japan"));
    }
}
