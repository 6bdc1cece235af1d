//! Bulk files for the search engines users grow into: OpenSearch (and Elasticsearch),
//! Meilisearch and Quickwit. Each gets NDJSON documents plus the index settings that make
//! them searchable the way areabook searches (English analysis with accents folded, keyword
//! facets for country, book and kind, the data-as-of as a date and a year).
//!
//! One document per section ([`Doc`]): `id` (the section id, `[A-Za-z0-9_-]`, stable across
//! runs), `section_id`, `book_id`, `book`, `book_kind`, `country_id`, `country`, `title`
//! (what to show), `section_title`, `heading`, `kind`, `data_as_of` (as stored: `1989-05`),
//! `as_of_date` (`1989-05-01`), `as_of_year`, `ord`, `body` (paragraphs and fields joined by
//! blank lines), `paragraphs`, `urls` and `mirrors` (of every copy).
//!
//! Files, in the folder given:
//! - OpenSearch: `bulk-0001.ndjson`, … (action line `{"index":{"_index":…,"_id":…}}` then the
//!   document; each file under [`BULK_BYTES`] and ending with a newline, as `_bulk` wants)
//!   and `mapping.json` (settings with the `en_fold` analyzer, and mappings).
//! - Meilisearch: `documents.ndjson` (primary key `id`) and `settings.json`.
//! - Quickwit: `documents.ndjson` and `index-config.yaml` (doc mapping, `en_stem` tokenizer,
//!   default search fields).

use std::path::Path;

use library::{ExportFilter, ExportSection, Library};
use serde::Serialize;
use serde_json::json;

use crate::{AtomicFile, Error, Progress, Result, Written};

/// The index name written into OpenSearch action lines and the Quickwit config.
pub const INDEX: &str = "areabook";
/// Largest OpenSearch bulk file (the engine's default `http.max_content_length` is 100 MB;
/// 10 MB requests are the usual advice).
pub const BULK_BYTES: u64 = 10 << 20;

/// Which engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// OpenSearch / Elasticsearch `_bulk`.
    OpenSearch,
    /// Meilisearch documents.
    Meilisearch,
    /// Quickwit ingest.
    Quickwit,
}

/// One search document.
#[derive(Debug, Clone, Serialize)]
pub struct Doc<'a> {
    /// Document id: the section id.
    pub id: &'a str,
    /// Section id.
    pub section_id: &'a str,
    /// Book id.
    pub book_id: &'a str,
    /// Book title.
    pub book: &'a str,
    /// `country-study` or `factbook`.
    pub book_kind: &'a str,
    /// Country id.
    pub country_id: &'a str,
    /// Country name.
    pub country: &'a str,
    /// The title to show.
    pub title: &'a str,
    /// The section's own title, when known.
    pub section_title: Option<&'a str>,
    /// Chapter heading or Factbook category.
    pub heading: Option<&'a str>,
    /// Section kind.
    pub kind: &'a str,
    /// Data-as-of as stored (`1989-05`, `1989`).
    pub data_as_of: Option<&'a str>,
    /// Data-as-of as a date (`1989-05-01`).
    pub as_of_date: Option<String>,
    /// Data-as-of year.
    pub as_of_year: Option<i32>,
    /// Position in the book.
    pub ord: i64,
    /// Paragraphs and fields (`label: value`) joined by blank lines.
    pub body: String,
    /// The paragraphs.
    pub paragraphs: &'a [String],
    /// URLs of the copies.
    pub urls: Vec<&'a str>,
    /// Mirrors of the copies.
    pub mirrors: Vec<&'a str>,
}

impl<'a> Doc<'a> {
    /// The document of a section.
    pub fn of(s: &'a ExportSection) -> Doc<'a> {
        let mut body: Vec<String> = s.paragraphs.clone();
        body.extend(s.fields.iter().map(|f| format!("{}: {}", f.label, f.value)));
        let mut mirrors: Vec<&str> = Vec::new();
        for p in &s.provenance {
            if !mirrors.contains(&p.mirror.as_str()) {
                mirrors.push(&p.mirror);
            }
        }
        Doc {
            id: &s.section_id,
            section_id: &s.section_id,
            book_id: &s.book_id,
            book: &s.book,
            book_kind: &s.book_kind,
            country_id: &s.country_id,
            country: &s.country,
            title: &s.display_title,
            section_title: s.section_title.as_deref(),
            heading: s.heading.as_deref(),
            kind: &s.kind,
            data_as_of: s.data_as_of.as_deref(),
            as_of_date: crate::as_of_date(s.data_as_of.as_deref()),
            as_of_year: crate::as_of_year(s.data_as_of.as_deref()),
            ord: s.ord,
            body: body.join("\n\n"),
            paragraphs: &s.paragraphs,
            urls: s
                .provenance
                .iter()
                .filter_map(|p| p.url.as_deref())
                .collect(),
            mirrors,
        }
    }
}

/// OpenSearch's `mapping.json`: settings (the `en_fold` analyzer: standard tokenizer,
/// lowercase, ASCII folding, English stemmer) and mappings.
pub fn opensearch_mapping() -> serde_json::Value {
    let text = json!({"type": "text", "analyzer": "en_fold"});
    let keyword = json!({"type": "keyword"});
    json!({
        "settings": {
            "analysis": {
                "filter": {"english_stemmer": {"type": "stemmer", "language": "english"}},
                "analyzer": {
                    "en_fold": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "english_stemmer"]
                    }
                }
            }
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": keyword, "section_id": keyword, "book_id": keyword,
                "book": {"type": "text", "analyzer": "en_fold", "fields": {"raw": keyword}},
                "book_kind": keyword, "country_id": keyword,
                "country": {"type": "text", "analyzer": "en_fold", "fields": {"raw": keyword}},
                "title": text, "section_title": text,
                "heading": {"type": "text", "analyzer": "en_fold", "fields": {"raw": keyword}},
                "kind": keyword,
                "data_as_of": {"type": "date", "format": "yyyy-MM||yyyy"},
                "as_of_date": {"type": "date", "format": "yyyy-MM-dd"},
                "as_of_year": {"type": "integer"},
                "ord": {"type": "long"},
                "body": text, "paragraphs": {"type": "text", "analyzer": "en_fold", "index": false},
                "urls": keyword, "mirrors": keyword
            }
        }
    })
}

/// Meilisearch's `settings.json`.
pub fn meilisearch_settings() -> serde_json::Value {
    json!({
        "searchableAttributes": ["title", "section_title", "heading", "body", "country", "book"],
        "filterableAttributes": ["country_id", "country", "book_id", "book_kind", "kind", "heading", "as_of_year", "mirrors"],
        "sortableAttributes": ["as_of_year", "ord", "title"],
        "displayedAttributes": ["*"],
        "rankingRules": ["words", "typo", "proximity", "attribute", "sort", "exactness"]
    })
}

/// Quickwit's index config (YAML).
pub fn quickwit_config() -> String {
    let text = |name: &str, record: &str| {
        format!(
            "    - name: {name}\n      type: text\n      tokenizer: en_stem\n      record: {record}\n      stored: true\n"
        )
    };
    let raw = |name: &str, kind: &str| {
        format!(
            "    - name: {name}\n      type: {kind}\n      tokenizer: raw\n      fast: true\n      stored: true\n"
        )
    };
    let mut y = String::new();
    y.push_str("# Quickwit index config for an areabook export (quickwit index create --index-config index-config.yaml)\n");
    y.push_str("version: 0.8\n");
    y.push_str(&format!("index_id: {INDEX}\n"));
    y.push_str("doc_mapping:\n  mode: lenient\n  field_mappings:\n");
    for f in [
        "id",
        "section_id",
        "book_id",
        "book_kind",
        "country_id",
        "kind",
    ] {
        y.push_str(&raw(f, "text"));
    }
    for f in ["book", "country", "heading", "section_title"] {
        y.push_str(&text(f, "basic"));
    }
    y.push_str(&text("title", "position"));
    y.push_str(&text("body", "position"));
    y.push_str(
        "    - name: data_as_of\n      type: text\n      tokenizer: raw\n      stored: true\n",
    );
    y.push_str("    - name: as_of_date\n      type: datetime\n      input_formats: [\"%Y-%m-%d\"]\n      fast: true\n      stored: true\n");
    y.push_str("    - name: as_of_year\n      type: i64\n      fast: true\n      stored: true\n");
    y.push_str("    - name: ord\n      type: i64\n      fast: true\n      stored: true\n");
    y.push_str("    - name: paragraphs\n      type: array<text>\n      indexed: false\n      stored: true\n");
    y.push_str(
        "    - name: urls\n      type: array<text>\n      tokenizer: raw\n      stored: true\n",
    );
    y.push_str("    - name: mirrors\n      type: array<text>\n      tokenizer: raw\n      fast: true\n      stored: true\n");
    y.push_str("search_settings:\n  default_search_fields: [title, body]\n");
    y
}

fn json_line(out: &mut Vec<u8>, v: &impl Serialize, path: &Path) -> Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(|e| Error::Io {
        path: path.to_owned(),
        source: e.into(),
    })?;
    out.push(b'\n');
    Ok(())
}

fn write_json(path: &Path, v: &serde_json::Value) -> Result<crate::WrittenFile> {
    let mut f = AtomicFile::create(path)?;
    let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
    text.push('\n');
    f.write_all(text.as_bytes())?;
    f.finish(0)
}

/// Write `engine`'s files for the sections `filter` selects into the folder `dir`.
pub fn write(
    lib: &Library,
    filter: &ExportFilter,
    dir: &Path,
    engine: Engine,
    progress: &dyn Progress,
) -> Result<Written> {
    crate::create_dir(dir)?;
    let mut written = Written::default();
    progress.stage("sections", Some(lib.export_count(filter)?));
    let mut part = 0u32;
    let mut rows_in_file = 0u64;
    let docs_path = |part: u32| match engine {
        Engine::OpenSearch => dir.join(format!("bulk-{part:04}.ndjson")),
        _ => dir.join("documents.ndjson"),
    };
    let mut current: Option<AtomicFile> = None;
    let mut size = 0u64;
    let mut line = Vec::with_capacity(1 << 14);
    lib.export_sections(filter, |s| -> Result<()> {
        line.clear();
        let doc = Doc::of(&s);
        let path = docs_path(part.max(1));
        if engine == Engine::OpenSearch {
            json_line(
                &mut line,
                &json!({"index": {"_index": INDEX, "_id": doc.id}}),
                &path,
            )?;
        }
        json_line(&mut line, &doc, &path)?;
        let full =
            engine == Engine::OpenSearch && size > 0 && size + line.len() as u64 > BULK_BYTES;
        if current.is_none() || full {
            if let Some(f) = current.take() {
                written.files.push(f.finish(rows_in_file)?);
            }
            part += 1;
            current = Some(AtomicFile::create(&docs_path(part))?);
            size = 0;
            rows_in_file = 0;
        }
        if let Some(f) = current.as_mut() {
            f.write_all(&line)?;
        }
        size += line.len() as u64;
        rows_in_file += 1;
        progress.inc(1);
        Ok(())
    })?;
    match current.take() {
        Some(f) => written.files.push(f.finish(rows_in_file)?),
        // No sections: still an (empty) documents file, so scripts find what they expect.
        None => written
            .files
            .push(AtomicFile::create(&docs_path(1))?.finish(0)?),
    }
    match engine {
        Engine::OpenSearch => written.files.push(write_json(
            &dir.join("mapping.json"),
            &opensearch_mapping(),
        )?),
        Engine::Meilisearch => written.files.push(write_json(
            &dir.join("settings.json"),
            &meilisearch_settings(),
        )?),
        Engine::Quickwit => {
            let path = dir.join("index-config.yaml");
            let mut f = AtomicFile::create(&path)?;
            f.write_all(quickwit_config().as_bytes())?;
            written.files.push(f.finish(0)?);
        }
    }
    Ok(written)
}
