//! `history` and `diff`: the World Factbook editions 1990–2025, a field through time and what
//! changed between two editions.

use std::io::IsTerminal;

use anyhow::Result;

use super::{Outcome, open_read, print_json};
use crate::config::Config;

/// How `history` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryFormat {
    /// A table on a terminal.
    Text,
    /// The JSON document.
    Json,
    /// One CSV row per edition.
    Csv,
}

/// A value with its unit, as a reader writes it (`15,862,293 persons`, `2.1%`, `$5.7 trillion`).
fn value(v: f64, unit: &str) -> String {
    let grouped = |x: f64| -> String {
        let neg = x < 0.0;
        let whole = x.abs().trunc() as u64;
        let frac = x.abs() - whole as f64;
        let digits = whole.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if frac > 1e-9 {
            let f = format!("{frac:.2}");
            out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
        }
        if neg { format!("-{out}") } else { out }
    };
    match unit {
        "usd" if v.abs() >= 1e12 => format!("${:.3} trillion", v / 1e12),
        "usd" if v.abs() >= 1e9 => format!("${:.3} billion", v / 1e9),
        "usd" if v.abs() >= 1e6 => format!("${:.3} million", v / 1e6),
        "usd" => format!("${}", grouped(v)),
        "percent" => format!("{v}%"),
        "sq-km" => format!("{} sq km", grouped(v)),
        "km" => format!("{} km", grouped(v)),
        "years" => format!("{v} years"),
        "per-thousand" => format!("{v} per 1,000"),
        "per-thousand-live-births" => format!("{v} per 1,000 live births"),
        "children-per-woman" => format!("{v} children per woman"),
        "persons" => grouped(v),
        _ => grouped(v),
    }
}

/// `areabook history COUNTRY FIELD [--json|--csv]`.
pub fn history(
    config: &Config,
    country: &str,
    field: &str,
    format: HistoryFormat,
) -> Result<Outcome> {
    let lib = open_read(config)?;
    let h = lib.field_history(country, field)?;
    match format {
        HistoryFormat::Json => print_json(&h)?,
        HistoryFormat::Csv => {
            // The same bytes as the API's `?format=csv`.
            let csv = server::formats::history_csv(&h)
                .map_err(|e| anyhow::anyhow!("writing CSV: {e}"))?;
            let mut out = std::io::stdout();
            std::io::Write::write_all(&mut out, csv.as_bytes())?;
        }
        HistoryFormat::Text => {
            let first = h.editions.first().map_or(0, |r| r.edition);
            let last = h.editions.last().map_or(0, |r| r.edition);
            outln!(
                "{} — {} ({}, {first}–{last})",
                h.country,
                h.field,
                super::count(h.editions.len(), "edition", "editions")
            );
            let mut i = 0;
            while i < h.editions.len() {
                let r = &h.editions[i];
                // A run of unchanged editions is one line.
                let mut j = i;
                while j + 1 < h.editions.len() && h.editions[j + 1].unchanged {
                    j += 1;
                }
                let years = if j > i {
                    format!("{}–{}", r.edition, h.editions[j].edition)
                } else {
                    r.edition.to_string()
                };
                let number = match (r.value, r.unit) {
                    (Some(v), Some(u)) => value(v, u),
                    _ => String::new(),
                };
                let est = r
                    .date_est
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                let mut notes = Vec::new();
                if let Some(n) = &r.name_then {
                    notes.push(format!("as “{n}”"));
                }
                if let Some(n) = &r.entity_then {
                    notes.push(format!("entity printed as “{n}”"));
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", notes.join("; "))
                };
                let text: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let text = if text.chars().count() > 100 {
                    format!("{}…", text.chars().take(99).collect::<String>())
                } else {
                    text
                };
                if number.is_empty() {
                    outln!("{years:<10} {text}{notes}");
                } else {
                    outln!("{years:<10} {number}{est}{notes}");
                    outln!("{:<10} {text}", "");
                }
                i = j + 1;
            }
        }
    }
    Ok(Outcome::Ok)
}

/// `areabook diff COUNTRY [--field F] --from Y --to Y [--json]`.
pub fn diff(
    config: &Config,
    country: &str,
    field: Option<&str>,
    from: u16,
    to: u16,
) -> Result<Outcome> {
    let lib = open_read(config)?;
    let d = lib.edition_diff(country, field, from, to)?;
    if config.json {
        print_json(&d)?;
        return Ok(Outcome::Ok);
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (del_on, del_off, ins_on, ins_off) = if color {
        ("\x1b[31;9m", "\x1b[0m", "\x1b[32;4m", "\x1b[0m")
    } else {
        ("[-", "-]", "{+", "+}")
    };
    outln!(
        "{}: {} from {from} to {to}",
        d.country,
        super::count(d.fields.len(), "field changed", "fields changed")
    );
    for f in &d.fields {
        outln!();
        outln!("== {}", f.field);
        let mut line = String::new();
        for op in &f.ops {
            match op.op {
                "delete" => line.push_str(&format!("{del_on}{}{del_off}", op.text)),
                "insert" => line.push_str(&format!("{ins_on}{}{ins_off}", op.text)),
                _ => line.push_str(&op.text),
            }
        }
        outln!("{line}");
    }
    if d.fields.is_empty() {
        outln!("no field changed (name one with --field to see it whole)");
    }
    Ok(Outcome::Ok)
}

/// `areabook compare COUNTRY [--as-of YEAR] [--json]`.
pub fn compare(config: &Config, country: &str, as_of: Option<i32>) -> Result<Outcome> {
    let lib = open_read(config)?;
    let c = lib.compare(country, as_of)?;
    if config.json {
        print_json(&c)?;
        return Ok(Outcome::Ok);
    }
    let side = |s: &Option<library::CompareSide>| match s {
        Some(s) => format!(
            "{}{}",
            s.title,
            s.data_as_of
                .as_deref()
                .map(|d| format!(" (data as of {d})"))
                .unwrap_or_default()
        ),
        None => "—".to_string(),
    };
    outln!("Study:  {}", side(&c.study));
    outln!("Then:   {}", side(&c.then));
    outln!("Now:    {}", side(&c.latest));
    for s in &c.subjects {
        outln!();
        outln!("== {}", s.subject);
        for (label, items) in [("study", &s.study), ("then", &s.then), ("now", &s.latest)] {
            for item in items.iter().take(3) {
                outln!("  {label:<5} {}: {}", item.title, item.lead);
            }
            if items.len() > 3 {
                outln!("  {label:<5} … and {} more", items.len() - 3);
            }
        }
    }
    Ok(Outcome::Ok)
}
