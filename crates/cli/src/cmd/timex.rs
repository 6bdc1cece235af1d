//! `areabook timex`: tag temporal expressions in text.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{Outcome, print_json};
use crate::config::Config;

/// Tag `file` (or stdin) and print the tags.
pub fn timex(
    config: &Config,
    dct: Option<&str>,
    news: bool,
    file: Option<&Path>,
) -> Result<Outcome> {
    let dct = match dct {
        Some(s) => match timex::Date::parse(s) {
            Some(d) => Some(d),
            None => bail!("--dct {s:?}: expected YYYY-MM-DD, YYYY-MM or YYYY"),
        },
        None => None,
    };
    let mut text = String::new();
    match file {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
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
    let tags = timex::tag(&text, &config_t);
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
            println!(
                "{:>6}-{:<6} {:<9} {:<14} {}{}",
                t.start, t.end, kind, t.value, t.text, m
            );
        }
    }
    Ok(Outcome::Ok)
}
