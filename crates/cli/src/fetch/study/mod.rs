//! `areabook fetch study` and `fetch pages`: whole Country Studies books from the web, politely.
//!
//! A book is rebuilt from its table of contents. Each [`Source`] lists the book's TOC as a
//! [`plan::Plan`] (entries in TOC order, each with the page's own URL and the URL to fetch —
//! the same, or an archive's capture of it); [`run::fetch_book`] fetches every entry through
//! the [`polite`](crate::fetch::polite) client (robots.txt, per-host rate, retries, the raw-bytes
//! cache), recognizes it with `pages::parse` (the TOC fills in the chapter country, the book
//! and the title a page does not show), and stores the sections in batches, each committed
//! before the [`log`] records it, so a run stopped at any moment resumes where it stopped.
//! Copies of sections the library already holds merge into them (the library's identity is
//! the section's normalized text).
//!
//! Sources, in the default order (`--from` picks one):
//! 1. `loc` — the LoC's digital collection (issue 14 plugs it in; until then "not available");
//! 2. `loc-wayback` — the LoC's retired pages in a Wayback-style archive (`--archive URL`);
//! 3. `countrystudies.us`.
//!
//! The first source that lists the book fixes its expected TOC; a later source fetches only
//! the entries still missing (matched by title), so a public-domain copy is preferred. The
//! expected TOC goes to the library (`Library::set_expected_toc`), which orders the book by it
//! and tells how complete it is (`areabook toc BOOK`: "212 of 218 sections").

pub mod log;
pub mod plan;
pub mod run;
pub mod source;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod testserver;

use anyhow::{Context, Result, bail};
use library::Library;

pub use source::Source;

use crate::cmd::{Outcome, count, print_json};
use crate::config::Config;
use crate::fetch::polite::{Client, Options};

/// What `fetch study` / `fetch pages` were asked, as typed.
#[derive(Debug, Clone)]
pub struct Args {
    /// Book names (study) or URLs (pages).
    pub targets: Vec<String>,
    /// Every book of the series.
    pub all: bool,
    /// `--from`.
    pub from: Option<String>,
    /// `--archive`.
    pub archive: Option<String>,
    /// `--rate` (requests per second per host).
    pub rate: Option<f64>,
}

/// `println!` that returns a closed pipe as an error (`main` exits quietly on it).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*).context("writing to stdout")?;
    }};
}

/// A usage error (exit 2) about `name`.
pub fn usage(name: &'static str, message: &str) -> anyhow::Error {
    library::Error::Argument {
        name,
        message: message.to_owned(),
    }
    .into()
}

fn client(config: &Config, rate: Option<f64>) -> Client {
    let mut options = Options::new(Some(config.cache_dir().join("pages")));
    if let Some(rate) = rate {
        options.rate = rate;
    }
    Client::new(options)
}

fn open(config: &Config) -> Result<Library> {
    Library::open(&config.library)
        .with_context(|| format!("opening library {}", config.library.display()))
}

/// `areabook fetch study NAME... | --all`.
pub fn study(config: &Config, args: &Args) -> Result<Outcome> {
    let books: Vec<&'static pages::BookInfo> = if args.all {
        if !args.targets.is_empty() {
            return Err(usage("all", "fetches every book: name none"));
        }
        pages::books().iter().collect()
    } else {
        if args.targets.is_empty() {
            return Err(usage(
                "NAME",
                "name a book (a title or a chapter country: \"Soviet Union\", Bahrain) or give --all",
            ));
        }
        let mut out = Vec::new();
        for name in &args.targets {
            let book = pages::book_for_country(name).ok_or_else(|| {
                anyhow::anyhow!("{name:?}: no Country Studies book or chapter country by that name")
            })?;
            if !out.iter().any(|b: &&pages::BookInfo| b.title == book.title) {
                out.push(book);
            }
        }
        out
    };
    let sources = source::sources(args.from.as_deref(), args.archive.as_deref())?;
    let client = client(config, args.rate);
    let mut lib = open(config)?;
    let bar = run::progress(config.json);
    let mut reports = Vec::new();
    let mut failed = false;
    for book in books {
        bar.set_prefix(book.title);
        match run::fetch_book(&client, &mut lib, &sources, book, &bar) {
            Ok(r) => {
                failed |= !r.failed.is_empty();
                reports.push(r);
            }
            Err(e) if args.all => {
                failed = true;
                bar.suspend(|| eprintln!("areabook: {}: {e:#}", book.title));
            }
            Err(e) => return Err(e.context(book.title)),
        }
    }
    finish(config, &mut lib, &bar, &reports)?;
    Ok(if failed { Outcome::Failed } else { Outcome::Ok })
}

/// `areabook fetch pages URL...`: each URL with the pages it links to on its host and folder.
pub fn pages(config: &Config, args: &Args) -> Result<Outcome> {
    if args.targets.is_empty() {
        return Err(usage(
            "URL",
            "give the URL of a mirror's table-of-contents or section page",
        ));
    }
    let client = client(config, args.rate);
    let mut lib = open(config)?;
    let bar = run::progress(config.json);
    let mut reports = Vec::new();
    let mut failed = false;
    for url in &args.targets {
        let source = source::sources(Some(url), None)?.remove(0);
        let Source::Mirror { .. } = source else {
            return Err(usage("URL", &format!("{url}: not an http(s) URL")));
        };
        // The book: the first page that names one.
        let book = which_book(&client, url)?;
        bar.set_prefix(book.title);
        let r = run::fetch_book(&client, &mut lib, &[source], book, &bar)
            .with_context(|| url.clone())?;
        failed |= !r.failed.is_empty();
        reports.push(r);
    }
    finish(config, &mut lib, &bar, &reports)?;
    Ok(if failed { Outcome::Failed } else { Outcome::Ok })
}

/// The book a mirror's page (or the first page it links to) belongs to.
fn which_book(client: &Client, url: &str) -> Result<&'static pages::BookInfo> {
    let page = client.get(url).with_context(|| format!("reading {url}"))?;
    let text = String::from_utf8_lossy(&page.bytes);
    let mut candidates = vec![(url.to_owned(), page.bytes.clone())];
    let base = url::Url::parse(&page.final_url)?;
    for link in pages::read_toc(&text).into_iter().take(12) {
        if let Some(u) = link.href.and_then(|h| base.join(&h).ok()) {
            candidates.push((u.to_string(), Vec::new()));
        }
    }
    for (u, bytes) in candidates {
        let bytes = if bytes.is_empty() {
            match client.get(&u) {
                Ok(p) => p.bytes,
                Err(_) => continue,
            }
        } else {
            bytes
        };
        let (parsed, _) = pages::parse(&pages::Input {
            bytes: &bytes,
            path: None,
            url: Some(&u),
        });
        let title = parsed.book.or_else(|| {
            // A TOC page: its `<Country> Table of Contents` heading.
            text.lines()
                .map(str::trim)
                .find_map(|l| l.strip_suffix(" Table of Contents").map(str::to_owned))
        });
        if let Some(book) = title.as_deref().and_then(pages::book_for_country) {
            return Ok(book);
        }
    }
    bail!("{url}: no page there names a Country Studies book")
}

fn finish(
    config: &Config,
    lib: &mut Library,
    bar: &indicatif::ProgressBar,
    reports: &[run::BookReport],
) -> Result<()> {
    if reports.iter().any(|r| r.new_sections + r.merged > 0) {
        bar.set_message("compacting the index");
        lib.optimize()
            .with_context(|| format!("compacting {}", lib.dir().display()))?;
    }
    bar.finish_and_clear();
    if config.json {
        return print_json(&serde_json::json!({ "books": reports }));
    }
    for r in reports {
        out!(
            "{} ({}): {} of {} sections; {} fetched, {} from the cache, {} done before; {}, {}, {} unchanged",
            r.book,
            r.sources.join(" + "),
            r.present,
            r.expected,
            count(r.fetched, "page", "pages"),
            r.cached,
            r.resumed,
            count(r.new_sections, "new section", "new sections"),
            count(r.merged, "merged copy", "merged copies"),
            r.unchanged
        );
        for p in &r.skipped_sources {
            out!("  source {} skipped: {}", p.title, p.reason);
        }
        for p in &r.not_recognized {
            out!("  not a section: {} ({})", p.url, p.reason);
        }
        for p in &r.missing {
            out!("  missing: {} {}", p.title, p.url);
        }
    }
    Ok(())
}
