//! A book's plan: its table of contents as a source lists it, each entry with the URL to fetch.
//!
//! - `loc-wayback`: per chapter country, the archive's CDX index gives the newest 200 capture
//!   of `lcweb2.loc.gov/frd/cs/<cc>toc.html`; its links are the LoC query system's section
//!   URLs (`…DOCID+<cc>NNNN`), whose captures one prefix query of the CDX index lists (the
//!   newest 200 capture of each); an entry no capture holds is planned as missing.
//! - `countrystudies.us`: `/<book-slug>/` and its links to `/<book-slug>/<n>.htm`.
//! - a mirror: the page given and its links within the same host and folder.

use anyhow::{Context, Result, bail};
use std::collections::HashMap;

use super::source::Source;
use crate::fetch::polite::Client;

/// One TOC entry to fetch.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry's title in the TOC.
    pub title: String,
    /// Its nesting depth.
    pub depth: u8,
    /// The chapter country it falls under, when the TOC says.
    pub country: Option<&'static str>,
    /// The page's own URL: what provenance records (the LoC URL for an archive's capture).
    pub url: String,
    /// What to fetch: the URL itself or its capture; `None` when no capture exists.
    pub fetch: Option<String>,
    /// The capture's date (`YYYY-MM-DD`), for an archive's copy.
    pub captured: Option<String>,
}

/// A book's TOC as one source lists it.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The source's name (`loc-wayback`, `countrystudies.us`, a host).
    pub source: String,
    /// Its entries, in TOC order.
    pub entries: Vec<Entry>,
}

/// Build the plan of `book` from `source`.
pub fn plan(client: &Client, source: &Source, book: &pages::BookInfo) -> Result<Plan> {
    let entries = match source {
        Source::Loc => bail!(
            "the Library of Congress digital collection is not available yet as a source (use --from loc-wayback or countrystudies.us)"
        ),
        Source::LocWayback { archive } => wayback(client, archive, book)?,
        Source::CountryStudiesUs { base } => {
            let toc = format!("{base}/{}/", book.slug());
            linked(client, &toc, book, |u| {
                u.starts_with(&toc)
                    && u[toc.len()..]
                        .trim_end_matches(".htm")
                        .parse::<u32>()
                        .is_ok()
            })?
        }
        Source::Mirror { url } => mirror(client, url, book)?,
    };
    Ok(Plan {
        source: source.name(),
        entries,
    })
}

/// A plan for `fetch pages`: the page at `url` and what it links to on the same host and folder.
pub fn mirror(client: &Client, url: &str, book: &pages::BookInfo) -> Result<Vec<Entry>> {
    let folder = match url.rfind('/') {
        Some(i) if i > url.find("://").map_or(0, |s| s + 2) => url[..=i].to_owned(),
        _ => format!("{url}/"),
    };
    let mut entries = linked(client, url, book, |u| {
        u.starts_with(&folder) && u != url && looks_like_page(u)
    })?;
    if entries.is_empty() {
        // A section page that links to no other section: itself.
        entries.push(Entry {
            title: String::new(),
            depth: 0,
            country: None,
            url: url.to_owned(),
            fetch: Some(url.to_owned()),
            captured: None,
        });
    }
    Ok(entries)
}

fn looks_like_page(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("");
    !last.is_empty()
        && (last.ends_with(".htm") || last.ends_with(".html") || !last.contains('.'))
        && !last.starts_with("index.")
}

/// Fetch the TOC page at `toc_url`, keep the links `keep` accepts (resolved), once each.
fn linked(
    client: &Client,
    toc_url: &str,
    book: &pages::BookInfo,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Entry>> {
    let page = client
        .get(toc_url)
        .with_context(|| format!("reading the table of contents {toc_url}"))?;
    let html = String::from_utf8_lossy(&page.bytes);
    let base = url::Url::parse(&page.final_url).with_context(|| format!("{toc_url}: not a URL"))?;
    let mut seen = std::collections::HashSet::new();
    let mut country = single_country(book);
    let mut out = Vec::new();
    for link in pages::read_toc(&html) {
        if let Some(c) = chapter_named(book, &link.title) {
            country = Some(c);
        }
        let Some(href) = &link.href else { continue };
        let Ok(mut resolved) = base.join(href) else {
            continue;
        };
        resolved.set_fragment(None);
        let resolved = resolved.to_string();
        if keep(&resolved) && seen.insert(resolved.clone()) {
            out.push(Entry {
                title: link.title.clone(),
                depth: link.depth,
                country,
                url: resolved.clone(),
                fetch: Some(resolved),
                captured: None,
            });
        }
    }
    Ok(out)
}

/// The book's only chapter country, for a single-country book.
fn single_country(book: &pages::BookInfo) -> Option<&'static str> {
    match book.chapters.as_slice() {
        [only] => Some(only.country),
        _ => None,
    }
}

/// A TOC line that names one of the book's chapter countries (`Chapter 2. Bahrain`, `Qatar`).
fn chapter_named(book: &pages::BookInfo, title: &str) -> Option<&'static str> {
    if book.chapters.len() < 2 {
        return None;
    }
    let t = title.trim().trim_end_matches(" Table of Contents");
    let t = match t.split_once(". ") {
        Some((head, rest)) if head.to_ascii_lowercase().starts_with("chapter") => rest,
        _ => t,
    };
    book.chapter(t).map(|c| c.country)
}

/// The book from an archive's captures of the LoC pages, chapter by chapter.
fn wayback(client: &Client, archive: &str, book: &pages::BookInfo) -> Result<Vec<Entry>> {
    let cdx = cdx_endpoint(archive);
    let mut out = Vec::new();
    let mut found_any = false;
    for chapter in &book.chapters {
        let Some(cc) = chapter.loc_code else { continue };
        let toc = format!("http://lcweb2.loc.gov/frd/cs/{cc}toc.html");
        let tocs = captures(
            client,
            &cdx,
            &format!("lcweb2.loc.gov/frd/cs/{cc}toc.html"),
            false,
        )?;
        let Some(ts) = tocs.values().max() else {
            continue;
        };
        found_any = true;
        let capture = format!("{archive}/{ts}id_/{toc}");
        let page = client
            .get(&capture)
            .with_context(|| format!("reading the table of contents {capture}"))?;
        let html = String::from_utf8_lossy(&page.bytes);
        let sections = captures(
            client,
            &cdx,
            &format!("lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+{cc}"),
            true,
        )?;
        let base = url::Url::parse(&toc)?;
        let mut seen = std::collections::HashSet::new();
        for link in pages::read_toc(&html) {
            let Some(href) = &link.href else { continue };
            let Ok(resolved) = base.join(href) else {
                continue;
            };
            let resolved = resolved.to_string();
            let Some(key) = docid(&resolved).filter(|(c, _)| c == cc) else {
                continue;
            };
            if !seen.insert(key.clone()) {
                continue;
            }
            let capture = sections.get(&key);
            out.push(Entry {
                title: link.title.clone(),
                depth: link.depth,
                country: Some(chapter.country),
                url: canonical_docid(&key),
                fetch: capture.map(|ts| format!("{archive}/{ts}id_/{}", canonical_docid(&key))),
                captured: capture.map(|ts| timestamp_date(ts)),
            });
        }
    }
    if !found_any {
        bail!(
            "{archive}: no capture of the book's LoC table of contents ({})",
            book.chapters
                .iter()
                .filter_map(|c| c.loc_code.map(|cc| format!("{cc}toc.html")))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(out)
}

/// `https://web.archive.org/web` → `https://web.archive.org/cdx/search/cdx`; a pywb-style
/// collection (`…/eot2008`) → `…/eot2008/cdx`.
pub fn cdx_endpoint(archive: &str) -> String {
    match archive.strip_suffix("/web") {
        Some(root) => format!("{root}/cdx/search/cdx"),
        None => format!("{archive}/cdx"),
    }
}

/// The newest 200 capture of each URL the CDX index holds for `url` (a prefix when `prefix`),
/// keyed by (LoC code, record number) for section URLs, or by the URL itself.
fn captures(
    client: &Client,
    cdx: &str,
    url: &str,
    prefix: bool,
) -> Result<HashMap<(String, u64), String>> {
    let mut query = url::Url::parse(cdx).with_context(|| format!("{cdx}: not a URL"))?;
    query
        .query_pairs_mut()
        .append_pair("url", url)
        .append_pair("output", "json")
        .append_pair("fl", "original,timestamp,statuscode")
        .append_pair("filter", "statuscode:200");
    if prefix {
        query.query_pairs_mut().append_pair("matchType", "prefix");
    }
    let answer = client
        .get(query.as_str())
        .with_context(|| format!("asking the archive's index {query}"))?;
    let rows: Vec<Vec<String>> = if answer.bytes.iter().all(u8::is_ascii_whitespace) {
        Vec::new()
    } else {
        serde_json::from_slice(&answer.bytes)
            .with_context(|| format!("{query}: not a CDX JSON answer"))?
    };
    let Some((header, rows)) = rows.split_first() else {
        return Ok(HashMap::new());
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(o), Some(t)) = (col("original"), col("timestamp")) else {
        bail!("{query}: the CDX answer has no original/timestamp columns");
    };
    let s = col("statuscode");
    let mut out: HashMap<(String, u64), String> = HashMap::new();
    for row in rows {
        let (Some(original), Some(ts)) = (row.get(o), row.get(t)) else {
            continue;
        };
        if s.and_then(|s| row.get(s)).is_some_and(|code| code != "200") {
            continue;
        }
        let key = docid(original).unwrap_or_else(|| (original.clone(), 0));
        let newest = out.entry(key).or_default();
        if ts.as_str() > newest.as_str() {
            *newest = ts.clone();
        }
    }
    Ok(out)
}

/// (`qa`, 7) for any spelling of `…DOCID+qa0007)` (percent-encoded or not).
fn docid(url: &str) -> Option<(String, u64)> {
    let info = pages::parse_url(url);
    Some((info.loc_code?, info.sequence?))
}

/// The LoC query system's URL of a record.
pub fn canonical_docid((cc, n): &(String, u64)) -> String {
    format!("http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+{cc}{n:04})")
}

/// `20080512093000` → `2008-05-12`.
fn timestamp_date(ts: &str) -> String {
    if ts.len() >= 8 && ts.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &ts[..4], &ts[4..6], &ts[6..8])
    } else {
        ts.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdx_endpoints_and_docids() {
        assert_eq!(
            cdx_endpoint("https://web.archive.org/web"),
            "https://web.archive.org/cdx/search/cdx"
        );
        assert_eq!(
            cdx_endpoint("https://webarchive.library.unt.edu/eot2008"),
            "https://webarchive.library.unt.edu/eot2008/cdx"
        );
        let a = docid("http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+qa0007)");
        let b =
            docid("http://lcweb2.loc.gov:80/cgi-bin/query/r?frd/cstdy:@field%28DOCID+qa0007%29");
        assert_eq!(a, Some(("qa".into(), 7)));
        assert_eq!(a, b);
        assert_eq!(
            canonical_docid(&("qa".into(), 7)),
            "http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+qa0007)"
        );
        assert_eq!(timestamp_date("20080512093000"), "2008-05-12");
    }
}
