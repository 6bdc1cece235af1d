//! The tantivy full-text index over sections.
//!
//! One document per section. `title` and `body` are tokenized with `en_fold` (words,
//! lowercased, diacritics folded, English-stemmed) with positions, so phrase queries work;
//! `title_exact` and `body_exact` hold the same text unfolded and unstemmed for the
//! exact-wording bonus; `country` and `book` hold ids as raw terms for filters; `as_of` holds
//! the data-as-of year as a fast i64 for range filters (0 when unknown); `order` is the
//! section id as a fast u64 that breaks score ties. Display fields are stored so a search
//! needs no catalog lookup.
//!
//! Factbook *versions* (a field's text and the editions that printed it, see
//! `editions/versions.rs`) are documents too: `as_of` holds every edition year that carries
//! the text, `book` every entity-edition's book id, and the stored `editions` lists the
//! years (`1990,1991,1995`). A wheel section that a version merged into carries the
//! version's years the same way.
//!
//! Files: `query.rs` (the query language), `search.rs` (the read path), `rank.rs` (the
//! match query's hits scored, counted and ranked, the exact-wording bonus added to them),
//! `union.rs` (a phrase in title or body, seeking), `write.rs` (the write path).
//!
//! **Invariant**: the index is derived data. Its commit payload holds the catalog
//! generation it reflects; when the two disagree the index is rebuilt from the catalog.

mod query;
mod rank;
mod search;
mod union;
pub(crate) mod write;

use std::path::{Path, PathBuf};

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::{Error, Result};

pub use query::{MAX_DEPTH, MAX_QUERY_LEN, MAX_TERMS};
pub use search::{MAX_LIMIT, MAX_OFFSET, SearchHit, SearchQuery, SearchResults, YEARS};

/// What a Factbook version's score counts for beside a section's. BM25 favours short texts, and
/// the editions hold half a million of them: "Northern Territories" would otherwise list thirty
/// editions' administrative divisions before the one Country Study section on the dispute. At
/// one half a version still outranks a section that merely mentions the words.
pub const VERSION_WEIGHT: f32 = 0.5;

/// The analyzer of the searchable text fields: words, lowercased, diacritics folded
/// (`Côte` = `Cote`), English-stemmed. The `_exact` fields keep accents and word forms.
const FOLDED: &str = "en_fold";

pub(crate) fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Register the analyzers the schema names (every open must do it). Public, hidden, for
/// tools that open the index with tantivy directly (the search benchmark's profile).
#[doc(hidden)]
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(FOLDED, folded_analyzer());
}

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
    pub source_title: Field,
    /// The section id as a number: the tie-breaker that makes equal scores rank the same
    /// however the index was built (batch order, a repair after a kill).
    pub order: Field,
    /// The Factbook editions that carry the text (`1990,1991,1995`; empty for other sections).
    pub editions: Field,
    /// 1 on a Factbook version's document (fast): its score is weighed by
    /// [`VERSION_WEIGHT`], so half a million short field texts do not bury the narrative.
    pub version: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FOLDED)
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
        country: b.add_text_field("country", STRING | STORED),
        book: b.add_text_field("book", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        title_exact: b.add_text_field("title_exact", exact.clone()),
        body_exact: b.add_text_field("body_exact", exact),
        as_of: b.add_i64_field("as_of", INDEXED | FAST),
        country_name: b.add_text_field("country_name", STORED),
        book_title: b.add_text_field("book_title", STORED),
        as_of_text: b.add_text_field("as_of_text", STORED),
        display_title: b.add_text_field("display_title", STORED),
        source_title: b.add_text_field("source_title", STORED),
        order: b.add_u64_field("order", FAST),
        editions: b.add_text_field("editions", STORED),
        version: b.add_u64_field("version", FAST),
    };
    (b.build(), fields)
}

/// An open index with its reader.
pub(crate) struct SearchIndex {
    pub path: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// For read-only opens: the index's `meta.json` as last loaded (modification time and
    /// length), so a search after another process commits sees the commit at once.
    pub seen_meta: Option<std::sync::Mutex<Option<(std::time::SystemTime, u64)>>>,
}

/// What one indexed section holds.
pub(crate) struct IndexDoc<'a> {
    pub id: &'a str,
    pub country_id: &'a str,
    pub book_id: &'a str,
    pub title: &'a str,
    pub display_title: &'a str,
    pub source_title: Option<&'a str>,
    pub body: String,
    pub as_of: Option<&'a str>,
    pub country_name: &'a str,
    pub book_title: &'a str,
    /// Factbook editions that carry the text (each is an `as_of` value too).
    pub editions: &'a [u16],
    /// Further books the document belongs to (a version's other entity-editions).
    pub extra_books: &'a [String],
    /// A Factbook version: indexed for the stemmed search only (no `_exact` copies: the
    /// exact-wording bonus ranks among sections, and half a million short field texts would
    /// double the index for it).
    pub version: bool,
    /// Known not to be in the index (no delete is queued for it: a first load of half a
    /// million versions would otherwise queue as many deletes).
    pub new: bool,
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
        register_tokenizers(&index);
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
                seen_meta: None,
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
        if index.schema() != schema().0 {
            return Err(Error::IndexOutdated(path.to_owned()));
        }
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(&e)?;
        Ok(SearchIndex {
            path: path.to_owned(),
            index,
            reader,
            fields,
            seen_meta: Some(std::sync::Mutex::new(None)),
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

    /// A searcher over the newest commit. A read-only open (a server beside an ingest)
    /// reloads when the index's `meta.json` changed since it last looked — one `stat` per
    /// search — so an answer never lags a commit the catalog already shows.
    pub(crate) fn searcher(&self) -> Result<tantivy::Searcher> {
        if let Some(seen) = &self.seen_meta {
            let meta = std::fs::metadata(self.path.join("meta.json"))
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
            if meta.is_some() && *seen != meta {
                self.reader.reload().map_err(index_err(&self.path))?;
                *seen = meta;
            }
        }
        Ok(self.reader.searcher())
    }

    /// The analyzer of a text field, as the index uses it.
    pub(crate) fn analyzer(&self, field: Field) -> TextAnalyzer {
        self.index
            .tokenizer_for_field(field)
            .unwrap_or_else(|_| folded_analyzer())
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

#[cfg(test)]
mod tests;
