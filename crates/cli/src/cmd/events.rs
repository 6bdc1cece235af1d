//! `events`: the events between states in a text or section, typed in PLOVER.

use std::path::Path;

use anyhow::{Result, anyhow};
use serde_json::json;

use super::{Outcome, open_read, print_json};
use crate::config::Config;

/// The paragraphs, data-as-of, country and section id of what `events` reads.
struct Input {
    paragraphs: Vec<String>,
    as_of: Option<String>,
    country: Option<String>,
    section: Option<String>,
    citation: Option<String>,
}

/// Paragraphs: blocks separated by blank lines, each on one line.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn input(
    config: &Config,
    file: Option<&Path>,
    section: Option<&str>,
    date: Option<&str>,
) -> Result<Input> {
    if let Some(id) = section {
        let lib = open_read(config)?;
        let (s, iso) = super::textin::section_with_country(&lib, id)?;
        let citation = lib.cite(id).ok().map(|c| c.short());
        return Ok(Input {
            paragraphs: s.paragraphs,
            as_of: date.map(str::to_owned).or(s.data_as_of),
            country: iso,
            section: Some(s.section_id),
            citation,
        });
    }
    let (text, _) = super::textin::read_text(file)?;
    Ok(Input {
        paragraphs: paragraphs(&text),
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
