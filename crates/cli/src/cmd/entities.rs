//! `entities`, `entity` and `export --format geojson`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use super::{Outcome, open_read, print_json};
use crate::config::Config;

/// `areabook entities FILE | --section ID [--dct D]`.
pub fn entities(
    config: &Config,
    file: Option<&Path>,
    section: Option<&str>,
    dct: Option<&str>,
) -> Result<Outcome> {
    let (paragraphs, as_of, country): (Vec<String>, Option<String>, Option<String>) = match section
    {
        Some(id) => {
            let lib = open_read(config)?;
            let (s, iso) = super::textin::section_with_country(&lib, id)?;
            (s.paragraphs, dct.map(str::to_owned).or(s.data_as_of), iso)
        }
        None => {
            let (text, _) = super::textin::read_text(file)?;
            (vec![text], dct.map(str::to_owned), None)
        }
    };
    // Offsets are code points in the whole text (paragraphs joined by blank lines, as `timex`).
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let linked = library::link_paragraphs(&refs, as_of.as_deref(), country.as_deref());
    let g = gazetteer::Gazetteer::embedded();
    let mut starts = Vec::with_capacity(refs.len());
    let mut chars = 0usize;
    for p in &refs {
        starts.push(chars);
        chars += p.chars().count() + 2;
    }
    let rows: Vec<serde_json::Value> = linked
        .iter()
        .map(|m| {
            let text = refs[m.paragraph];
            let start = starts[m.paragraph] + text[..m.start].chars().count();
            let end = start + text[m.start..m.end].chars().count();
            let e = g.entity(m.entity);
            json!({
                "text": &text[m.start..m.end], "start": start, "end": end, "id": e.id, "name": e.name,
                "kind": e.kind, "lat": e.lat, "lon": e.lon, "country": e.country,
                "valid_from": e.valid_from, "valid_to": e.valid_to, "confidence": (f64::from(m.confidence) * 100.0).round() / 100.0,
            })
        })
        .collect();
    if config.json {
        print_json(&json!({ "entities": rows }))?;
        return Ok(Outcome::Ok);
    }
    for r in &rows {
        let place = match (r["lat"].as_f64(), r["lon"].as_f64()) {
            (Some(lat), Some(lon)) => format!("  {lat:.2}, {lon:.2}"),
            _ => String::new(),
        };
        outln!(
            "{:>7}-{:<7} {:<28} {:<18} {}{}",
            r["start"],
            r["end"],
            r["text"].as_str().unwrap_or(""),
            r["kind"].as_str().unwrap_or(""),
            r["name"].as_str().unwrap_or(""),
            place
        );
    }
    if rows.is_empty() {
        outln!("no names found");
    }
    Ok(Outcome::Ok)
}

/// `areabook entity NAME`.
pub fn entity(config: &Config, name: &str) -> Result<Outcome> {
    let lib = open_read(config)?;
    let v = lib.entity(name)?;
    if config.json {
        print_json(&v)?;
        return Ok(Outcome::Ok);
    }
    let e = &v.entity;
    let mut head = format!("{} ({}", e.name, e.kind.as_str());
    if !v.span.is_empty() {
        head.push_str(&format!(", {}", v.span));
    }
    head.push(')');
    outln!("{head}  [{}]", e.id);
    if let Some(n) = &e.note {
        outln!("  {n}");
    }
    let with_span = |r: &library::EntityRef| {
        if r.span.is_empty() {
            r.name.clone()
        } else {
            format!("{} ({})", r.name, r.span)
        }
    };
    if let Some(p) = &v.predecessor {
        outln!("  preceded by: {}", with_span(p));
    }
    if let Some(s) = &v.successor {
        outln!("  succeeded by: {}", with_span(s));
    }
    if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
        outln!(
            "  at {lat:.4}, {lon:.4}{}",
            e.country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        );
    }
    let mut aliases: Vec<&str> = Vec::new();
    for a in &e.aliases {
        if !aliases.contains(&a.as_str()) && a != &e.name {
            aliases.push(a);
        }
    }
    if !aliases.is_empty() {
        outln!("  also called: {}", aliases.join(", "));
    }
    for a in &v.also {
        outln!(
            "  the name may also mean: {} ({}) [{}]",
            a.name,
            a.kind.as_str(),
            a.id
        );
    }
    outln!(
        "  named {} in {}",
        super::count(v.mentions as usize, "time", "times"),
        super::count(v.sections.len(), "section", "sections")
    );
    for b in v.books.iter().take(10) {
        let book = if b.book.starts_with("The World Factbook") {
            format!("{} ({})", b.book, b.book_id)
        } else {
            b.book.clone()
        };
        outln!(
            "    {:<52} {:>12} in {}",
            book,
            super::count(b.mentions as usize, "mention", "mentions"),
            super::count(b.sections as usize, "section", "sections")
        );
    }
    for s in v.sections.iter().take(10) {
        outln!(
            "    {}  {} › {} ({}×)",
            s.section_id,
            s.book,
            s.title,
            s.mentions
        );
    }
    Ok(Outcome::Ok)
}

/// `areabook export --format geojson [--country C] [OUT]`.
pub fn geojson(config: &Config, country: Option<&str>, out: Option<&Path>) -> Result<Outcome> {
    let lib = open_read(config)?;
    let places = lib.places(country)?;
    let doc = server::formats::places_geojson(&places);
    let placed = doc["features"].as_array().map_or(0, Vec::len);
    let text = serde_json::to_string(&doc).context("encoding GeoJSON")?;
    match out {
        Some(path) => {
            let tmp = path.with_extension("geojson.part");
            std::fs::write(&tmp, text.as_bytes())
                .with_context(|| format!("{}: cannot write", path.display()))?;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            if !config.json {
                eprintln!(
                    "areabook: wrote {} to {}",
                    super::count(placed, "place", "places"),
                    path.display()
                );
            }
        }
        None => {
            let mut stdout = std::io::stdout();
            stdout.write_all(text.as_bytes())?;
            stdout.write_all(b"\n")?;
        }
    }
    Ok(Outcome::Ok)
}
