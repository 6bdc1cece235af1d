//! `events`: the events between states in a text or section, typed in PLOVER.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::json;

use super::{Outcome, open_read, print_json};
use crate::config::Config;

/// Largest text `events` reads (as `entities`).
const MAX_TEXT_BYTES: u64 = 64 << 20;

/// The paragraphs, data-as-of, country and section id of what `events` reads.
struct Input {
    paragraphs: Vec<String>,
    as_of: Option<String>,
    country: Option<String>,
    section: Option<String>,
    citation: Option<String>,
}

fn read_text(bytes: Vec<u8>, what: &str) -> Result<Vec<String>> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        bail!("{what}: binary data, not text");
    }
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    Ok(text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect())
}

fn input(
    config: &Config,
    file: Option<&Path>,
    section: Option<&str>,
    date: Option<&str>,
) -> Result<Input> {
    if let Some(id) = section {
        let lib = open_read(config)?;
        let s = lib.section(id)?;
        let iso = lib
            .countries()?
            .into_iter()
            .find(|c| c.id == s.country_id)
            .and_then(|c| c.iso);
        let citation = lib.cite(id).ok().map(|c| c.short());
        return Ok(Input {
            paragraphs: s.paragraphs,
            as_of: date.map(str::to_owned).or(s.data_as_of),
            country: iso,
            section: Some(s.section_id),
            citation,
        });
    }
    let (bytes, what) = match file {
        Some(path) => {
            let meta = std::fs::metadata(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            if meta.len() > MAX_TEXT_BYTES {
                bail!(
                    "{}: larger than areabook reads for a text (64 MiB)",
                    path.display()
                );
            }
            (
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?,
                path.display().to_string(),
            )
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_TEXT_BYTES + 1)
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
            if bytes.len() as u64 > MAX_TEXT_BYTES {
                bail!("stdin: larger than areabook reads for a text (64 MiB)");
            }
            (bytes, "stdin".to_string())
        }
    };
    Ok(Input {
        paragraphs: read_text(bytes, &what)?,
        as_of: date.map(str::to_owned),
        country: None,
        section: None,
        citation: None,
    })
}

/// `areabook events [--date D] [--explain] [FILE | --section ID]`.
pub fn events(
    config: &Config,
    file: Option<&Path>,
    section: Option<&str>,
    date: Option<&str>,
    explain: bool,
) -> Result<Outcome> {
    let input = input(config, file, section, date)?;
    let coder = events::Coder::embedded()
        .map_err(|e| anyhow!("the event tables compiled in are broken: {e}"))?;
    let refs: Vec<&str> = input.paragraphs.iter().map(String::as_str).collect();
    let cfg = events::Config {
        data_as_of: input.as_of.as_deref().and_then(timex::Date::parse),
        country: input.country.clone(),
    };
    let coded = events::code_paragraphs(&coder, &refs, &cfg);
    if config.json {
        let rows: Vec<serde_json::Value> = coded
            .iter()
            .map(|c| {
                let e = &c.event;
                let sentence = &refs[c.paragraph][c.sentence.clone()];
                let mut v = json!({
                    "source": e.source.name,
                    "source_text": e.source.text,
                    "source_code": e.source.code,
                    "target": e.target.as_ref().map(|t| &t.name),
                    "target_text": e.target.as_ref().map(|t| &t.text),
                    "target_code": e.target.as_ref().map(|t| &t.code),
                    "type": e.kind,
                    "mode": e.mode,
                    "start": c.start,
                    "end": c.end,
                    "date_inherited": c.date_inherited,
                    "trigger": e.trigger,
                    "sentence": sentence,
                    "paragraph": c.paragraph,
                    "section_id": input.section,
                    "data_as_of": input.as_of,
                    "citation": input.citation,
                    "negated": e.negated,
                });
                if explain {
                    v["rule"] = json!(e.rule);
                }
                v
            })
            .collect();
        print_json(&json!({ "events": rows }))?;
        return Ok(Outcome::Ok);
    }
    let mut shown = 0;
    for c in &coded {
        let e = &c.event;
        if e.negated && !explain {
            continue;
        }
        shown += 1;
        let when = match (&c.start, &c.end) {
            (Some(s), Some(t)) if s != t => format!("{s}–{t}"),
            (Some(s), _) => s.clone(),
            _ => "undated".to_string(),
        };
        let target = e
            .target
            .as_ref()
            .map(|t| format!("{} ({})", t.name, t.code))
            .unwrap_or_else(|| "—".to_string());
        let mode = e
            .mode
            .as_deref()
            .map(|m| format!("/{m}"))
            .unwrap_or_default();
        outln!(
            "{when:<10} {}{}{mode}  {} ({}) → {target}  “{}”{}",
            if e.negated { "not " } else { "" },
            e.kind,
            e.source.name,
            e.source.code,
            e.trigger,
            if c.date_inherited {
                "  (date from an earlier sentence)"
            } else {
                ""
            },
        );
        if explain {
            outln!("           rule: {}", e.rule);
            outln!("           {}", &refs[c.paragraph][c.sentence.clone()]);
        }
    }
    if shown == 0 {
        outln!("no events found");
    }
    Ok(Outcome::Ok)
}
