//! Reading printed books back: the book's metadata and outline, a section's printed pages.

use rusqlite::{Connection, OptionalExtension};

use super::{FULLTEXT_MIRROR, PrintedBookView, PrintedEntry, PrintedPages};
use crate::catalog::catalog_err;
use crate::{Library, Result};

fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='printed_books'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// The PDF opened at a printed page: arabic pages follow the front matter (its roman pages
/// plus the title leaf), so PDF page = front pages + 2 + page.
fn pdf_link(pdf: Option<&str>, front_pages: i64, first_page: &str) -> Option<String> {
    let pdf = pdf?;
    let n = match pages::fulltext::PageNo::parse(first_page)? {
        pages::fulltext::PageNo::Arabic(n) => i64::from(n) + front_pages + 2,
        pages::fulltext::PageNo::Roman(n) => i64::from(n),
    };
    Some(format!("{pdf}#page={n}"))
}

impl Library {
    /// A printed book's metadata and outline (`None` when the book was not rebuilt from a
    /// full text).
    pub fn printed_book(&self, book_id: &str) -> Result<Option<PrintedBookView>> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            if !has_tables(conn).map_err(&e)? {
                return Ok(None);
            }
            type Head = (
                Option<String>,
                Option<String>,
                Option<String>,
                Option<u16>,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
                String,
                Option<String>,
                Option<String>,
            );
            let head: Option<Head> = conn
                .query_row(
                    "SELECT title, lccn, edition, published, research_completed, research_statement,
                            rights, item_url, pdf_url, fulltext_url, editors, isbn, series
                       FROM printed_books WHERE book_id = ?1",
                    [book_id],
                    |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(7)?,
                            r.get(8)?,
                            r.get(9)?,
                            r.get(10)?,
                            r.get(11)?,
                            r.get(12)?,
                        ))
                    },
                )
                .optional()
                .map_err(&e)?;
            let Some((
                title,
                lccn,
                edition,
                published,
                research,
                statement,
                rights,
                item,
                pdf,
                fulltext,
                editors,
                isbn,
                series,
            )) = head
            else {
                return Ok(None);
            };
            let mut st = conn
                .prepare_cached(
                    "SELECT ps.title, ps.level, ps.kind, ps.section_id, ps.first_page, ps.last_page,
                            EXISTS (SELECT 1 FROM provenance p WHERE p.section_id = ps.section_id
                                     AND p.mirror <> ?2)
                       FROM printed_sections ps WHERE ps.book_id = ?1 ORDER BY ps.ord",
                )
                .map_err(&e)?;
            let outline = st
                .query_map(rusqlite::params![book_id, FULLTEXT_MIRROR], |r| {
                    Ok(PrintedEntry {
                        title: r.get(0)?,
                        level: r.get(1)?,
                        kind: r.get(2)?,
                        section_id: r.get(3)?,
                        first_page: r.get(4)?,
                        last_page: r.get(5)?,
                        web_copy: r.get(6)?,
                    })
                })
                .map_err(&e)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(&e)?;
            Ok(Some(PrintedBookView {
                book_id: book_id.to_owned(),
                title,
                lccn,
                edition,
                published,
                research_completed: research,
                research_statement: statement,
                rights,
                item_url: item,
                pdf_url: pdf,
                fulltext_url: fulltext,
                editors: serde_json::from_str(&editors).unwrap_or_default(),
                isbn,
                series,
                sections: outline.iter().filter(|o| o.section_id.is_some()).count(),
                with_web_copy: outline.iter().filter(|o| o.web_copy).count(),
                outline,
            }))
        })
    }

    /// Where a section is in its printed book (`None` when it was not rebuilt from one).
    pub fn printed_pages(&self, section_id: &str) -> Result<Option<PrintedPages>> {
        self.read(|conn| {
            let e = catalog_err(&self.catalog_path);
            if !has_tables(conn).map_err(&e)? {
                return Ok(None);
            }
            conn.query_row(
                "SELECT ps.book_id, b.title, b.lccn, ps.first_page, ps.last_page, b.pdf_url,
                        b.front_pages, b.item_url
                   FROM printed_sections ps JOIN printed_books b ON b.book_id = ps.book_id
                  WHERE ps.section_id = ?1 AND ps.first_page IS NOT NULL LIMIT 1",
                [section_id],
                |r| {
                    let first: String = r.get(3)?;
                    let pdf: Option<String> = r.get(5)?;
                    Ok(PrintedPages {
                        book_id: r.get(0)?,
                        title: r.get(1)?,
                        lccn: r.get(2)?,
                        pdf_link: pdf_link(pdf.as_deref(), r.get(6)?, &first),
                        first_page: first,
                        last_page: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                        item_url: r.get(7)?,
                    })
                },
            )
            .optional()
            .map_err(&e)
        })
    }
}
