//! The index's write path: one catalog section → one document, batch commits stamped with
//! the catalog generation, compaction, and a full rebuild from the catalog. Reads live in
//! `search.rs`; the catalog is only read here, never written.

use rusqlite::Connection;
use std::path::Path;
use tantivy::schema::Term;
use tantivy::{IndexWriter, TantivyDocument};

use super::{IndexDoc, SearchIndex, index_err};
use crate::catalog;
use crate::text::display_title;
use crate::{Error, Result};

impl SearchIndex {
    /// A writer for one batch.
    pub fn writer(&self) -> Result<IndexWriter> {
        self.writer_with(64_000_000)
    }

    /// A writer with a larger memory budget, for a load of half a million documents (fewer,
    /// larger segments to merge).
    pub fn writer_with(&self, budget: usize) -> Result<IndexWriter> {
        self.index.writer(budget).map_err(index_err(&self.path))
    }

    /// Replace (or add) one section's document in the writer's pending batch.
    pub fn upsert(&self, writer: &IndexWriter, doc: &IndexDoc<'_>) -> Result<()> {
        let f = &self.fields;
        if !doc.new {
            writer.delete_term(Term::from_field_text(f.id, doc.id));
        }
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
        if !doc.version {
            d.add_text(f.title_exact, doc.title);
            d.add_text(f.body_exact, &doc.body);
        }
        d.add_text(f.body, &doc.body);
        if doc.editions.is_empty() {
            d.add_i64(f.as_of, year);
        } else {
            for e in doc.editions {
                d.add_i64(f.as_of, i64::from(*e));
            }
            d.add_text(
                f.editions,
                crate::editions::versions::format_editions(doc.editions),
            );
        }
        for b in doc.extra_books {
            d.add_text(f.book, b);
        }
        d.add_text(f.country_name, doc.country_name);
        d.add_text(f.book_title, doc.book_title);
        d.add_text(f.as_of_text, doc.as_of.unwrap_or(""));
        d.add_text(f.display_title, doc.display_title);
        d.add_text(f.source_title, doc.source_title.unwrap_or(""));
        d.add_u64(f.order, order_key(doc.id));
        if doc.version {
            d.add_u64(f.version, 1);
        }
        writer.add_document(d).map_err(index_err(&self.path))?;
        Ok(())
    }

    /// Delete one document (a section or a version) in the writer's pending batch.
    pub fn delete(&self, writer: &IndexWriter, id: &str) {
        writer.delete_term(Term::from_field_text(self.fields.id, id));
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
}

/// Write one catalog section into the index writer's batch.
pub(crate) fn index_section(
    conn: &Connection,
    path: &Path,
    index: &SearchIndex,
    writer: &tantivy::IndexWriter,
    id: &str,
) -> Result<()> {
    let Some(r) = crate::views::row(conn, path, id)? else {
        return Ok(());
    };
    let mut body = r.paragraphs.join("\n\n");
    for (label, value) in &r.fields {
        // Fields the paragraphs already spell out (the Factbook's) are not indexed twice.
        let line = format!("{label}: {value}");
        if !body.contains(&line) && !body.contains(value.as_str()) {
            body.push_str("\n\n");
            body.push_str(&line);
        }
    }
    let display = display_title(r.title.as_deref(), r.heading.as_deref(), &r.paragraphs);
    // A wheel section that a Factbook version merged into stands for all its editions.
    let editions = if r.book_id.starts_with("world-factbook-") {
        crate::editions::versions::merged_editions(conn, path, id)?
    } else {
        Vec::new()
    };
    let title = r.title.clone().or(r.heading.clone()).unwrap_or_default();
    index.upsert(
        writer,
        &IndexDoc {
            id: &r.id,
            country_id: &r.country_id,
            book_id: &r.book_id,
            title: &title,
            display_title: &display,
            source_title: r.title.as_deref(),
            body,
            as_of: r.data_as_of.as_deref(),
            country_name: &r.country_name,
            book_title: &r.book_title,
            editions: &editions,
            extra_books: &[],
            version: false,
            new: false,
        },
    )
}

pub(crate) fn rebuild_index(
    conn: &Connection,
    catalog_path: &Path,
    index: &SearchIndex,
) -> Result<()> {
    let e = catalog::catalog_err(catalog_path);
    let ids: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT id FROM sections ORDER BY book_id, ord")
            .map_err(&e)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(&e)?;
        rows.collect::<std::result::Result<_, _>>().map_err(&e)?
    };
    let w = index.writer()?;
    w.delete_all_documents().map_err(|source| Error::Index {
        path: index.path.clone(),
        source,
    })?;
    for id in &ids {
        index_section(conn, catalog_path, index, &w, id)?;
    }
    crate::editions::versions::index_all(conn, catalog_path, index, &w)?;
    index.commit(w, catalog::generation(conn, catalog_path)?)
}

/// A section id (16 hex digits) as a number, for deterministic tie-breaking.
pub(crate) fn order_key(id: &str) -> u64 {
    u64::from_str_radix(id.get(..16).unwrap_or(id), 16).unwrap_or_else(|_| {
        id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    })
}
