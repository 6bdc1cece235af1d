//! Read commands: countries, books, toc, show, search, check.

use std::io::IsTerminal;

use anyhow::{Context, Result};
use library::{SearchQuery, TocNode};

use super::{Outcome, open_read, print_json};
use crate::config::Config;
use crate::flags::SearchArgs;

/// `areabook countries`.
pub fn countries(config: &Config) -> Result<Outcome> {
    let lib = open_read(config)?;
    let countries = lib.countries()?;
    if config.json {
        print_json(&serde_json::json!({ "countries": countries }))?;
        return Ok(Outcome::Ok);
    }
    for c in &countries {
        outln!("{}", c.name);
        for b in &c.books {
            outln!(
                "  {:<40} {:<10} {}",
                b.title,
                b.data_as_of.as_deref().unwrap_or("-"),
                b.id
            );
        }
    }
    if countries.is_empty() {
        outln!(
            "the library is empty: `areabook fetch factbook --ingest` or `areabook ingest PATH`"
        );
    }
    Ok(Outcome::Ok)
}

/// `areabook books [--country C]`.
pub fn books(config: &Config, country: Option<&str>) -> Result<Outcome> {
    let lib = open_read(config)?;
    let books = lib.books(country)?;
    if config.json {
        print_json(&serde_json::json!({ "books": books }))?;
        return Ok(Outcome::Ok);
    }
    for b in &books {
        outln!(
            "{:<36} {:<28} as of {:<8} {:>13}  {}",
            b.id,
            b.title,
            b.data_as_of.as_deref().unwrap_or("-"),
            super::count(b.sections, "section", "sections"),
            b.countries.join(", ")
        );
    }
    Ok(Outcome::Ok)
}

/// `areabook toc BOOK`. A country where a book id is expected lists that country's books.
pub fn toc(config: &Config, book: &str) -> Result<Outcome> {
    let lib = open_read(config)?;
    let detail = match lib.book(book) {
        Ok(d) => d,
        Err(err @ library::Error::NotFound { .. }) => match lib.resolve_country(book)? {
            Some(country) => {
                if !config.json {
                    eprintln!(
                        "areabook: {book:?} is a country, not a book id; its books (`areabook toc ID`):"
                    );
                }
                return books(config, Some(&country));
            }
            None => return Err(err.into()),
        },
        Err(err) => return Err(err.into()),
    };
    // How complete the book is against the TOC a fetch recorded (`fetch study`).
    let completeness = lib.completeness(&detail.id)?;
    if config.json {
        let mut value = serde_json::to_value(&detail).context("encoding JSON")?;
        if let (Some(c), Some(obj)) = (&completeness, value.as_object_mut()) {
            obj.insert(
                "completeness".into(),
                serde_json::to_value(c).context("encoding JSON")?,
            );
        }
        print_json(&value)?;
        return Ok(Outcome::Ok);
    }
    outln!(
        "{} (data as of {})",
        detail.title,
        detail.data_as_of.as_deref().unwrap_or("unknown")
    );
    if let Some(c) = &completeness {
        outln!(
            "{} of {} sections (table of contents from {})",
            c.present,
            c.expected,
            c.source
        );
        for m in &c.missing {
            outln!(
                "  missing: {}  {}",
                m.title,
                m.urls.first().map_or("", String::as_str)
            );
        }
    }
    fn walk(nodes: &[TocNode], depth: usize) -> Result<()> {
        for n in nodes {
            match &n.section_id {
                Some(id) => outln!("{:indent$}{}  [{}]", "", n.title, id, indent = depth * 2),
                None => outln!("{:indent$}{}", "", n.title, indent = depth * 2),
            }
            walk(&n.children, depth + 1)?;
        }
        Ok(())
    }
    walk(&detail.toc, 1)?;
    Ok(Outcome::Ok)
}

/// `areabook show SECTION`.
pub fn show(config: &Config, section: &str) -> Result<Outcome> {
    let lib = open_read(config)?;
    let s = lib.section(section)?;
    if config.json {
        print_json(&s)?;
        return Ok(Outcome::Ok);
    }
    outln!("{} › {} › {}", s.country, s.book, s.display_title);
    if let Some(h) = &s.heading {
        outln!("({h})");
    }
    outln!();
    // A Factbook field's paragraphs already read as its fields; print them once.
    if s.kind != "factbook-field" {
        for f in &s.fields {
            outln!("{}: {}", f.label, f.value);
            outln!();
        }
    }
    for p in &s.paragraphs {
        outln!("{p}");
        outln!();
    }
    if let Some(d) = &s.data_as_of {
        outln!("Data as of {}", library::format_as_of(d));
    }
    outln!();
    outln!(
        "Found in {} cop{}:",
        s.provenance.len(),
        if s.provenance.len() == 1 { "y" } else { "ies" }
    );
    for p in &s.provenance {
        let place = p.url.as_deref().or(p.path.as_deref()).unwrap_or("-");
        outln!(
            "  {:<20} {}  {}",
            p.mirror,
            place,
            p.seen_at.as_deref().unwrap_or("")
        );
    }
    if let Some(prev) = &s.prev {
        outln!("previous: {}  [{}]", prev.title, prev.id);
    }
    if let Some(next) = &s.next {
        outln!("next:     {}  [{}]", next.title, next.id);
    }
    Ok(Outcome::Ok)
}

/// `areabook search QUERY`.
pub fn search(config: &Config, args: &SearchArgs) -> Result<Outcome> {
    let lib = open_read(config)?;
    let text = args.query.join(" ");
    let q = SearchQuery {
        text: text.clone(),
        country: args.country.clone(),
        book: args.book.clone(),
        as_of_from: args.as_of.or(args.as_of_from),
        as_of_to: args.as_of.or(args.as_of_to),
        limit: args.limit as usize,
        offset: args.offset as usize,
    };
    let results = lib.search(&q)?;
    if config.json {
        // Each hit as the library gives it, plus the snippet as ready, escaped HTML.
        let hits: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|h| {
                let mut v = serde_json::to_value(h).unwrap_or_default();
                v["snippet_html"] = server::snippet_html(&h.snippet, &h.highlights).into();
                v
            })
            .collect();
        print_json(&serde_json::json!({ "total": results.total, "hits": hits }))?;
        return Ok(Outcome::Ok);
    }
    let bold = std::io::stdout().is_terminal();
    let noun = if results.total == 1 {
        "matches"
    } else {
        "match"
    };
    outln!(
        "{} {noun} {text:?}",
        super::count(results.total, "section", "sections")
    );
    if results.hits.is_empty() && results.total > 0 {
        outln!(
            "(no hits from {}: the last is number {}; use a smaller --offset)",
            q.offset + 1,
            results.total
        );
    }
    for (i, h) in results.hits.iter().enumerate() {
        outln!();
        let when = if h.editions.is_empty() {
            format!(
                "data as of {}",
                h.data_as_of
                    .as_deref()
                    .map(library::format_as_of)
                    .unwrap_or_else(|| "unknown".into())
            )
        } else {
            let noun = if h.editions.len() == 1 {
                "edition"
            } else {
                "editions"
            };
            format!("{noun} {}", library::describe_editions(&h.editions))
        };
        outln!(
            "{}. {} › {} › {}  ({when})",
            q.offset + i + 1,
            h.country,
            h.book,
            h.display_title,
        );
        outln!("   {}", snippet_text(&h.snippet(), bold));
        if library::is_version_id(&h.section_id) {
            // A Factbook text of several editions: its history has every edition's text.
            let field = h.section_title.as_deref().unwrap_or(&h.display_title);
            outln!("   areabook history {} {field:?}", h.country_id);
        } else {
            outln!("   areabook show {}", h.section_id);
        }
    }
    Ok(Outcome::Ok)
}

/// Matches in bold on a terminal, plain text when piped; whitespace folded.
fn snippet_text(snippet: &library::Snippet, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let text = library::render_snippet(snippet, on, off, str::to_owned);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `areabook check`.
pub fn check(config: &Config) -> Result<Outcome> {
    let lib = open_read(config)?;
    let report = lib
        .check()
        .with_context(|| format!("checking {}", config.library.display()))?;
    if config.json {
        print_json(&report)?;
    } else if report.ok {
        outln!(
            "ok: {} sections, catalog and index agree (generation {})",
            report.sections,
            report.catalog_generation
        );
    } else {
        for p in &report.problems {
            eprintln!("areabook: {}: {p}", config.library.display());
        }
    }
    Ok(if report.ok {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn snippets_are_bold_on_a_terminal_and_plain_when_piped() {
        let s = library::Snippet {
            text: "a  b <c> &".into(),
            highlights: vec![(3, 4)],
        };
        assert_eq!(super::snippet_text(&s, false), "a b <c> &");
        assert_eq!(super::snippet_text(&s, true), "a \x1b[1mb\x1b[0m <c> &");
    }
}
