//! The tantivy full-text index over sections.
//!
//! One document per section. `title` and `body` are tokenized with tantivy's English
//! stemmer (`en_stem`) with positions, so phrase queries work; `country` and `book` hold
//! ids as raw terms for filters; `as_of` holds the data-as-of year as a fast i64 for range
//! filters (0 when unknown). Display fields are stored so a search needs no catalog lookup.
//!
//! **Invariant**: the index is derived data. Its commit payload holds the catalog
//! generation it reflects; when the two disagree the index is rebuilt from the catalog.

use std::ops::Bound;
use std::path::{Path, PathBuf};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::{Error, Result};

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub country: Field,
    pub book: Field,
    pub title: Field,
    pub body: Field,
    pub title_exact: Field,
    pub body_exact: Field,
    pub as_of: Field,
    pub country_name: Field,
    pub book_title: Field,
    pub as_of_text: Field,
    pub display_title: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    // The same text unstemmed (lowercased only), so exact wording ranks above stemmed
    // variants: "Northern Territories" above "Northern Territory".
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        country: b.add_text_field("country", STRING),
        book: b.add_text_field("book", STRING),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        title_exact: b.add_text_field("title_exact", exact.clone()),
        body_exact: b.add_text_field("body_exact", exact),
        as_of: b.add_i64_field("as_of", INDEXED | FAST),
        country_name: b.add_text_field("country_name", STORED),
        book_title: b.add_text_field("book_title", STORED),
        as_of_text: b.add_text_field("as_of_text", STORED),
        display_title: b.add_text_field("display_title", STORED),
    };
    (b.build(), fields)
}

/// An open index with its reader.
pub(crate) struct SearchIndex {
    pub path: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
}

/// What one indexed section holds.
pub(crate) struct IndexDoc<'a> {
    pub id: &'a str,
    pub country_id: &'a str,
    pub book_id: &'a str,
    pub title: &'a str,
    pub display_title: &'a str,
    pub body: String,
    pub as_of: Option<&'a str>,
    pub country_name: &'a str,
    pub book_title: &'a str,
}

fn index_err(path: &Path) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
    move |source| Error::Index {
        path: path.to_owned(),
        source,
    }
}

impl SearchIndex {
    /// Open the index at `path`, creating it if it does not exist. Returns whether it was created.
    pub fn open_or_create(path: &Path) -> Result<(SearchIndex, bool)> {
        std::fs::create_dir_all(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        let (schema, fields) = schema();
        let e = index_err(path);
        let dir = tantivy::directory::MmapDirectory::open(path).map_err(|err| Error::Index {
            path: path.to_owned(),
            source: err.into(),
        })?;
        let exists = Index::exists(&dir).map_err(|err| Error::Index {
            path: path.to_owned(),
            source: err.into(),
        })?;
        let (index, created) = if exists {
            match Index::open(dir) {
                Ok(index) if index.schema() == schema => (index, false),
                // A corrupt or foreign index is derived data: start it again, the catalog
                // will be re-indexed because the generations no longer match.
                _ => (Self::recreate(path, schema)?, true),
            }
        } else {
            (Index::create_in_dir(path, schema).map_err(&e)?, true)
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(&e)?;
        Ok((
            SearchIndex {
                path: path.to_owned(),
                index,
                reader,
                fields,
            },
            created,
        ))
    }

    fn recreate(path: &Path, schema: Schema) -> Result<Index> {
        for entry in std::fs::read_dir(path)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?
            .flatten()
        {
            let p = entry.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
        Index::create_in_dir(path, schema).map_err(index_err(path))
    }

    /// Open an existing index read-only, reloading on commits (for a server beside an ingest).
    pub fn open_read_only(path: &Path) -> Result<SearchIndex> {
        let (_, fields) = schema();
        let e = index_err(path);
        let dir = crate::readonly_dir::ReadOnlyDirectory::open(path).map_err(&e)?;
        let index = Index::open(dir).map_err(&e)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(&e)?;
        Ok(SearchIndex {
            path: path.to_owned(),
            index,
            reader,
            fields,
        })
    }

    /// The catalog generation the index was last committed for (`None`: never committed).
    pub fn generation(&self) -> Result<Option<u64>> {
        let metas = self.index.load_metas().map_err(index_err(&self.path))?;
        Ok(metas.payload.and_then(|p| p.parse().ok()))
    }

    /// Number of live documents.
    pub fn num_docs(&self) -> Result<u64> {
        self.reader.reload().map_err(index_err(&self.path))?;
        Ok(self.reader.searcher().num_docs())
    }

    /// Every indexed section id (for `check`).
    pub fn all_ids(&self) -> Result<Vec<String>> {
        let e = index_err(&self.path);
        self.reader.reload().map_err(&e)?;
        let searcher = self.reader.searcher();
        let mut ids = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(64).map_err(|err| e(err.into()))?;
            for doc_id in segment.doc_ids_alive() {
                let doc: TantivyDocument = store.get(doc_id).map_err(&e)?;
                if let Some(v) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                    ids.push(v.to_owned());
                }
            }
        }
        Ok(ids)
    }

    /// A writer for one batch.
    pub fn writer(&self) -> Result<IndexWriter> {
        self.index.writer(64_000_000).map_err(index_err(&self.path))
    }

    /// Replace (or add) one section's document in the writer's pending batch.
    pub fn upsert(&self, writer: &IndexWriter, doc: &IndexDoc<'_>) -> Result<()> {
        let f = &self.fields;
        writer.delete_term(Term::from_field_text(f.id, doc.id));
        let year = doc
            .as_of
            .and_then(|s| s.get(..4))
            .and_then(|y| y.parse::<i64>().ok())
            .unwrap_or(0);
        let mut d = TantivyDocument::default();
        d.add_text(f.id, doc.id);
        d.add_text(f.country, doc.country_id);
        d.add_text(f.book, doc.book_id);
        d.add_text(f.title, doc.title);
        d.add_text(f.title_exact, doc.title);
        d.add_text(f.body_exact, &doc.body);
        d.add_text(f.body, &doc.body);
        d.add_i64(f.as_of, year);
        d.add_text(f.country_name, doc.country_name);
        d.add_text(f.book_title, doc.book_title);
        d.add_text(f.as_of_text, doc.as_of.unwrap_or(""));
        d.add_text(f.display_title, doc.display_title);
        writer.add_document(d).map_err(index_err(&self.path))?;
        Ok(())
    }

    /// Commit the writer's batch, stamping it with the catalog generation, let the merges
    /// it started finish, and reload.
    pub fn commit(&self, mut writer: IndexWriter, generation: u64) -> Result<()> {
        let e = index_err(&self.path);
        let mut prepared = writer.prepare_commit().map_err(&e)?;
        prepared.set_payload(&generation.to_string());
        prepared.commit().map_err(&e)?;
        writer.wait_merging_threads().map_err(&e)?;
        self.reader.reload().map_err(&e)?;
        Ok(())
    }

    /// Merge every segment into one and delete files no segment uses. Returns whether it
    /// merged. Merging keeps the commit payload (the generation), so it needs no catalog step.
    pub fn optimize(&self) -> Result<bool> {
        let e = index_err(&self.path);
        let ids = self.index.searchable_segment_ids().map_err(&e)?;
        let mut writer = self.writer()?;
        let merged = ids.len() > 1;
        if merged {
            writer.merge(&ids).wait().map_err(&e)?;
        }
        writer.garbage_collect_files().wait().map_err(&e)?;
        writer.wait_merging_threads().map_err(&e)?;
        self.reader.reload().map_err(&e)?;
        Ok(merged)
    }

    /// Number of segments (for tests and `check`).
    pub fn num_segments(&self) -> Result<usize> {
        Ok(self
            .index
            .searchable_segment_ids()
            .map_err(index_err(&self.path))?
            .len())
    }
}

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query: words (all must match), `"phrases"`, `-excluded`, `title:word`.
    pub text: String,
    /// Only this country (id, name or alias).
    pub country: Option<String>,
    /// Only this book (id).
    pub book: Option<String>,
    /// Only sections whose data-as-of year is ≥ this.
    pub as_of_from: Option<i32>,
    /// Only sections whose data-as-of year is ≤ this.
    pub as_of_to: Option<i32>,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip (pagination).
    pub offset: usize,
}

/// One search hit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// The section's id (for `show`).
    pub section_id: String,
    /// Country name.
    pub country: String,
    /// Book title.
    pub book: String,
    /// Section title (or a descriptive stand-in for untitled sections).
    pub section_title: String,
    /// Data-as-of (`1989-05`, `1989`), if known.
    pub data_as_of: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// HTML-escaped excerpt with matches in `<mark>`…`</mark>`.
    pub snippet: String,
}

/// A page of search hits and the total number of matching sections.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchResults {
    /// Matching sections in all.
    pub total: usize,
    /// This page of hits, best first.
    pub hits: Vec<SearchHit>,
}

/// Length of a search snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// Longest query accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 1000;
/// Largest page of hits.
pub const MAX_LIMIT: usize = 200;

impl SearchIndex {
    pub(crate) fn search(
        &self,
        q: &SearchQuery,
        country_id: Option<&str>,
    ) -> Result<SearchResults> {
        let bad = |message: &str| Error::Query {
            query: q.text.clone(),
            message: message.to_owned(),
        };
        if q.text.trim().is_empty() {
            return Err(bad("empty query"));
        }
        if q.text.len() > MAX_QUERY_LEN {
            return Err(bad(&format!("longer than {MAX_QUERY_LEN} bytes")));
        }
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 2.0);
        // A query the grammar rejects is read leniently; if that finds nothing, the user is
        // told why instead of seeing an unexplained empty result.
        let (text_query, syntax_error) = match parser.parse_query(&q.text) {
            Ok(query) => (query, None),
            Err(err) => (parser.parse_query_lenient(&q.text).0, Some(err.to_string())),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        if let Some(exact) = exact_boost(&self.index, f, &q.text) {
            clauses.push((Occur::Should, exact));
        }
        if let Some(c) = country_id {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.country, c),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(b) = &q.book {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.book, b),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if q.as_of_from.is_some() || q.as_of_to.is_some() {
            let lo = q
                .as_of_from
                .map(|y| Bound::Included(Term::from_field_i64(f.as_of, y as i64)));
            let hi = q
                .as_of_to
                .map(|y| Bound::Included(Term::from_field_i64(f.as_of, y as i64)));
            // Unknown as-of is stored as 0; a lower bound of at least 1 keeps it out.
            let lo = lo.unwrap_or(Bound::Included(Term::from_field_i64(f.as_of, 1)));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(lo, hi.unwrap_or(Bound::Unbounded))),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let limit = q.limit.clamp(1, MAX_LIMIT);
        let e = index_err(&self.path);
        let searcher = self.reader.searcher();
        let (top, total) = searcher
            .search(
                &query,
                &(TopDocs::with_limit(limit).and_offset(q.offset), Count),
            )
            .map_err(&e)?;
        if let (0, Some(message)) = (total, syntax_error) {
            return Err(bad(&message));
        }
        let mut stems: Vec<String> = Vec::new();
        text_query.query_terms(&mut |term, _| {
            if term.field() == f.body {
                if let Some(word) = term.value().as_str() {
                    if !stems.iter().any(|s| s == word) {
                        stems.push(word.to_owned());
                    }
                }
            }
        });
        let highlighter = crate::snippet::Highlighter::new(stems);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(&e)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_owned()
            };
            let body = get(f.body);
            let html = highlighter
                .snippet(&body, SNIPPET_CHARS)
                .unwrap_or_else(|| escape_html(&lead(&body, SNIPPET_CHARS)));
            let as_of = get(f.as_of_text);
            hits.push(SearchHit {
                section_id: get(f.id),
                country: get(f.country_name),
                book: get(f.book_title),
                section_title: get(f.display_title),
                data_as_of: if as_of.is_empty() { None } else { Some(as_of) },
                score,
                snippet: html,
            });
        }
        Ok(SearchResults { total, hits })
    }
}

/// A bonus for the user's exact wording, so "Northern Territories" ranks above "Northern
/// Territory": plain words are boosted as one unstemmed phrase, a query with quotes has its
/// phrases matched unstemmed. Single plain words get none.
fn exact_boost(index: &Index, f: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let quoted = text.contains('"');
    let plain = text.split_whitespace().count() > 1
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '\'' || c == '-');
    if !plain && !quoted {
        return None;
    }
    let mut parser = QueryParser::for_index(index, vec![f.title_exact, f.body_exact]);
    parser.set_field_boost(f.title_exact, 2.0);
    let query = if quoted {
        parser.parse_query(text)
    } else {
        parser.parse_query(&format!("\"{text}\""))
    };
    Some(Box::new(tantivy::query::BoostQuery::new(query.ok()?, 2.0)))
}

/// The first `max` characters of `s`, cut at a word boundary, with `…` when cut.
pub(crate) fn lead(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{cut}…")
}

/// Escape text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
