//! The static site: the reader's own pages, rendered by the server's own templates and
//! written to files, with relative links only, no external request, and a client-side search.
//!
//! [`write`] starts the reader's router in-process (no socket), asks it for `/` and follows
//! the links it renders, breadth first: country pages, books, Factbook chapters, sections,
//! entity pages and country timelines, for the sections an export filter selects. Each page
//! is written under a file name derived from its path (`links.rs`), and every `href`, `src`
//! and `action` in it is rewritten: a page the site holds becomes a relative link to its file
//! (`../sections/0123abcd.html#p2`), the search form points at `search.html`, and a link to
//! anything the site does not hold (the JSON API, relations, editions, paged lists) loses its
//! `href` and stays as text, so no link in the site is broken.
//!
//! Search works offline (`search_index.rs`): a compact index of our own (every section's
//! words, lowercased, accents folded, plurals cut; postings delta-encoded) is written as a
//! script (`static/site-index.js`, loaded by a `<script>` tag, since browsers refuse
//! `fetch` over `file://`), and `static/site-search.js` answers `search.html?q=…` with
//! ranked results (all words must match; rarer words weigh more; words in the title more).
//!
//! **Boundary**: the pages are the server's; this module only asks for them and rewrites
//! links. Memory holds the set of pages seen and the search postings, not the pages.

mod links;
mod search_index;

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use library::{ExportFilter, Library};
use tower::ServiceExt;

pub use links::{Target, file_for};

/// The offline search script.
const SITE_SEARCH_JS: &str = include_str!("site-search.js");

/// What can go wrong while writing the site.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// Reading the library failed.
    #[error(transparent)]
    Library(#[from] library::Error),
    /// Writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The reader answered a page with an error.
    #[error("{uri}: the reader answered {status}")]
    Render {
        /// The page.
        uri: String,
        /// Its status.
        status: u16,
    },
    /// The output folder exists and is not empty.
    #[error("{}: exists and is not empty (choose a new folder)", .0.display())]
    NotEmpty(PathBuf),
}

/// What the site holds.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SiteReport {
    /// The folder.
    pub dir: PathBuf,
    /// HTML pages written.
    pub pages: u64,
    /// Sections in the search index.
    pub sections: u64,
    /// Bytes written.
    pub bytes: u64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The ids the site may link to: sections, books and countries of the filtered sections.
#[derive(Debug, Default)]
pub(crate) struct Allowed {
    pub sections: HashSet<String>,
    pub books: HashSet<String>,
    pub countries: HashSet<String>,
}

/// Write the site for the sections `filter` selects into `dir` (which must not exist or be
/// empty; it is written as `dir.part` and renamed when complete). `progress` is told the
/// pages written and the pages known so far.
pub fn write(
    lib: Library,
    filter: &ExportFilter,
    dir: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<SiteReport, SiteError> {
    if dir.exists() && std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
        return Err(SiteError::NotEmpty(dir.to_owned()));
    }
    let mut part = dir.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    if part.exists() {
        std::fs::remove_dir_all(&part).map_err(io(&part))?;
    }
    std::fs::create_dir_all(part.join("static")).map_err(io(&part))?;

    // The search index and the allowed ids, in one pass over the sections.
    let mut allowed = Allowed::default();
    let mut index = search_index::Builder::default();
    lib.export_sections(filter, |s| -> library::Result<()> {
        allowed.sections.insert(s.section_id.clone());
        allowed.books.insert(s.book_id.clone());
        allowed.countries.insert(s.country_id.clone());
        index.add(&s);
        Ok(())
    })?;
    let sections = allowed.sections.len() as u64;
    let index_path = part.join("static/site-index.js");
    index.write(&index_path).map_err(io(&index_path))?;
    let search_js = part.join("static/site-search.js");
    std::fs::write(&search_js, SITE_SEARCH_JS).map_err(io(&search_js))?;

    let state = crate::AppState::new(lib);
    let app = crate::app(state);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(io(dir))?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    for start in ["/", "/search", "/static/style.css", "/static/search.js"] {
        seen.insert(start.to_owned());
        queue.push_back(start.to_owned());
    }
    let mut pages = 0u64;
    while let Some(uri) = queue.pop_front() {
        let (status, body) = rt.block_on(get(&app, &uri));
        // The empty search page answers 200; anything else must render.
        if status != StatusCode::OK {
            return Err(SiteError::Render {
                uri,
                status: status.as_u16(),
            });
        }
        let target = links::target(&uri, &allowed).expect("only site pages are queued");
        let file = part.join(file_for(&target));
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let out = if matches!(target, Target::Static(_)) {
            body
        } else {
            let html = String::from_utf8_lossy(&body);
            let (mut html, found) = links::rewrite(&html, &target, &allowed);
            for link in found {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
            if matches!(target, Target::Search) {
                html = search_index::search_page(&html);
            }
            pages += 1;
            html.into_bytes()
        };
        std::fs::write(&file, &out).map_err(io(&file))?;
        progress(pages, seen.len() as u64);
    }
    if dir.exists() {
        std::fs::remove_dir(dir).map_err(io(dir))?;
    }
    std::fs::rename(&part, dir).map_err(io(dir))?;
    Ok(SiteReport {
        dir: dir.to_owned(),
        pages,
        sections,
        bytes: dir_size(dir),
    })
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Vec<u8>) {
    let request = match Request::get(uri).body(Body::empty()) {
        Ok(r) => r,
        Err(_) => return (StatusCode::BAD_REQUEST, Vec::new()),
    };
    let Ok(response) = app.clone().oneshot(request).await;
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 256 << 20)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    (status, body)
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}
