//! `areabook parse`: what areabook sees in a file, without storing it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::json;

use super::Outcome;
use crate::config::Config;
use crate::walk::{Source, walk};

/// Parse each file and print one JSON object (or a text summary) per input.
pub fn parse(config: &Config, files: &[PathBuf], url: Option<&str>) -> Result<Outcome> {
    let w = walk(files);
    if url.is_some() && w.found.len() != 1 {
        anyhow::bail!("--url needs exactly one input file, got {}", w.found.len());
    }
    let mut failed = false;
    for (path, warning) in &w.loops {
        eprintln!("areabook: {}: {warning}", path.display());
    }
    for (path, err) in &w.errors {
        eprintln!("areabook: {}: {err}", path.display());
        failed = true;
    }
    for source in w.found.iter().map(|f| &f.source) {
        match describe(source, url) {
            Ok((value, recognized)) => {
                failed |= !recognized;
                if config.json {
                    outln!(
                        "{}",
                        serde_json::to_string(&value).context("encoding JSON")?
                    );
                } else {
                    print_text(&value)?;
                }
            }
            Err(err) => {
                eprintln!("areabook: {}: {err:#}", source.path().display());
                failed = true;
            }
        }
    }
    Ok(if failed { Outcome::Failed } else { Outcome::Ok })
}

fn describe(source: &Source, url: Option<&str>) -> Result<(serde_json::Value, bool)> {
    let path: &Path = source.path();
    if let Source::Crawl(_) = source {
        anyhow::bail!("`parse` reads single pages; ingest crawl files with `areabook ingest`");
    }
    let bytes = std::fs::read(path).context("cannot read")?;
    let path_str = path.display().to_string();
    match source {
        Source::Page(_) => {
            let (page, diagnostics) = pages::parse(&pages::Input {
                bytes: &bytes,
                path: Some(&path_str),
                url,
            });
            let recognized = page.kind == pages::PageKind::CountryStudy;
            let mut value = serde_json::to_value(&page).context("encoding JSON")?;
            // A page that names no country: what the library will infer from its text.
            if recognized && page.country.is_none() {
                let mut text = page.paragraphs.join("\n\n");
                for f in &page.fields {
                    text.push_str("\n\n");
                    text.push_str(&f.value);
                }
                value["country_inferred"] = json!(false);
                if let Some(inf) = gazetteer::infer_country(
                    gazetteer::Gazetteer::embedded(),
                    &text,
                    page.data_as_of.map(|d| i32::from(d.year)),
                ) {
                    value["country"] = json!(inf.name);
                    value["book"] = json!(pages::book_for_country(&inf.name).map(|b| b.title));
                    value["country_inferred"] = json!(true);
                    value["inference"] =
                        json!({"share": inf.share, "score": inf.score, "evidence": inf.evidence});
                }
            }
            value["diagnostics"] = json!(
                diagnostics
                    .iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
            );
            Ok((value, recognized))
        }
        Source::Wheel(_) => {
            let entities = pages::factbook::read_wheel(&bytes)?;
            let list: Vec<_> = entities
                .iter()
                .map(|e| {
                    json!({"fips": e.fips, "iso": e.iso, "name": e.name, "country": e.country,
                                "region": e.region, "sections": e.sections.len()})
                })
                .collect();
            Ok((
                json!({"path": path_str, "url": url, "kind": "factbook", "reason": null, "mirror": "factbook-wheel",
                       "book": entities.first().map(|e| format!("The World Factbook {}", e.edition)),
                       "data_as_of": entities.first().map(|e| e.edition.to_string()), "entities": list}),
                !entities.is_empty(),
            ))
        }
        Source::Crawl(_) => unreachable_crawl(),
        Source::FactbookEntity(_) => {
            let e = pages::factbook::parse_entity(&path_str, &bytes)?;
            let sections: Vec<_> = e
                .sections
                .iter()
                .map(|s| json!({"category": s.category, "title": s.title, "paragraphs": s.paragraphs}))
                .collect();
            Ok((
                json!({"path": path_str, "url": url, "kind": "factbook", "reason": null, "mirror": "factbook-json",
                       "country": e.country, "book": format!("The World Factbook {}", e.edition),
                       "data_as_of": e.edition.to_string(), "fips": e.fips, "iso": e.iso, "sections": sections}),
                true,
            ))
        }
    }
}

/// A terminal summary of one parsed input; text is printed as it is (not HTML-escaped).
fn print_text(v: &serde_json::Value) -> Result<()> {
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("-").to_owned();
    outln!("{}", s("path"));
    outln!("  kind:        {}", s("kind"));
    if v.get("reason").is_some_and(|r| !r.is_null()) {
        outln!("  reason:      {}", s("reason"));
    }
    outln!("  mirror:      {}", s("mirror"));
    if v.get("country_inferred").and_then(|x| x.as_bool()) == Some(true) {
        let evidence: Vec<String> = v["inference"]["evidence"]
            .as_array()
            .map(|a| {
                a.iter()
                    .take(5)
                    .map(|e| format!("{} ×{}", e[0].as_str().unwrap_or(""), e[1]))
                    .collect()
            })
            .unwrap_or_default();
        outln!(
            "  country:     {} (inferred from the text: {})",
            s("country"),
            evidence.join(", ")
        );
    } else {
        outln!("  country:     {}", s("country"));
    }
    outln!("  book:        {}", s("book"));
    outln!("  section:     {}", s("section_title"));
    outln!("  data as of:  {}", s("data_as_of"));
    if let Some(ps) = v.get("paragraphs").and_then(|p| p.as_array()) {
        outln!("  paragraphs:  {}", ps.len());
        for p in ps.iter().filter_map(|p| p.as_str()) {
            outln!("    | {}", p.chars().take(100).collect::<String>());
        }
    }
    if let Some(es) = v.get("entities").and_then(|p| p.as_array()) {
        outln!("  entities:    {}", es.len());
    }
    Ok(())
}

fn unreachable_crawl() -> Result<(serde_json::Value, bool)> {
    anyhow::bail!("crawl files are not parsed one page at a time")
}
