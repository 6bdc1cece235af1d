//! `areabook timex`: tag temporal expressions in text.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{Outcome, print_json};
use crate::config::Config;

/// Tag `file`, a library section, or stdin, and print the tags.
pub fn timex(
    config: &Config,
    dct: Option<&str>,
    news: bool,
    file: Option<&Path>,
    section: Option<&str>,
) -> Result<Outcome> {
    let mut text = String::new();
    let mut section_dct = None;
    if let Some(id) = section {
        let lib = super::open_read(config)?;
        let s = lib.section(id)?;
        text = s.paragraphs.join("\n\n");
        section_dct = s.data_as_of.clone();
    }
    let dct = dct.map(str::to_owned).or(section_dct);
    let dct = match dct.as_deref() {
        Some(s) => match timex::Date::parse(s) {
            Some(d) => Some(d),
            None => bail!("--dct {s:?}: expected YYYY-MM-DD, YYYY-MM or YYYY"),
        },
        None => None,
    };
    match file {
        _ if section.is_some() => {}
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
            if bytes.iter().take(8192).any(|&b| b == 0) {
                bail!("{}: binary data, not text", path.display());
            }
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    let config_t = if news {
        timex::Config::news(dct)
    } else {
        timex::Config::narrative(dct)
    };
    let mut tags = timex::tag(&text, &config_t);
    if section.is_some() {
        // In the library a section's data-as-of is its "now": "currently" and "at present"
        // mean that date, not the reader's.
        if let Some(d) = dct {
            let now = match (d.month(), d.day()) {
                (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year()),
                (Some(m), None) => format!("{:04}-{m:02}", d.year()),
                _ => format!("{:04}", d.year()),
            };
            for t in tags.iter_mut().filter(|t| t.value == "PRESENT_REF") {
                t.value = now.clone();
            }
        }
    }
    if config.json {
        print_json(&tags)?;
    } else {
        for t in &tags {
            let m = t
                .modifier
                .map(|m| {
                    format!(
                        " mod={}",
                        serde_json::to_value(m)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            let kind = serde_json::to_value(t.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            outln!(
                "{:>6}-{:<6} {:<9} {:<14} {}{}",
                t.start,
                t.end,
                kind,
                t.value,
                t.text,
                m
            );
        }
    }
    Ok(Outcome::Ok)
}
