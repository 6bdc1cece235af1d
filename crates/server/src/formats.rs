//! Exports: a timeline as CSV and Knight Lab TimelineJS JSON, places as GeoJSON, a Factbook
//! field's history as CSV.
//!
//! Both are shapes of the library's [`Timeline`]; the CLI (`timeline --format`) and the API
//! (`/api/timeline?format=`) print the same bytes. TimelineJS renders its `text` fields as
//! HTML, so every string from the corpus is escaped here, in the crate that owns markup.

use library::{Timeline, TimelineEntry};
use serde_json::{Value, json};

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 16] = [
    "start",
    "end",
    "granularity",
    "mod",
    "expression",
    "sentence",
    "section_id",
    "paragraph",
    "book",
    "book_id",
    "country",
    "data_as_of",
    "countries",
    "from_context",
    "citation",
    "label",
];

/// Entries as CSV (RFC 4180, a header row, `countries` joined by `; `).
pub fn timeline_csv(entries: &[TimelineEntry]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS)?;
    for e in entries {
        w.write_record([
            e.start.as_str(),
            e.end.as_str(),
            e.granularity.as_str(),
            e.modifier.as_deref().unwrap_or(""),
            e.expression.as_str(),
            e.sentence.as_str(),
            e.section_id.as_str(),
            &e.paragraph.to_string(),
            e.book.as_str(),
            e.book_id.as_str(),
            e.country.as_str(),
            e.data_as_of.as_deref().unwrap_or(""),
            &e.countries.join("; "),
            if e.from_context { "true" } else { "false" },
            e.citation.as_str(),
            e.label.as_str(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The columns of a field's history as CSV, in order (those of `areabook history --csv`).
pub const HISTORY_CSV_COLUMNS: [&str; 8] = [
    "edition",
    "value",
    "unit",
    "date_est",
    "name_then",
    "entity_then",
    "unchanged",
    "text",
];

/// A field's history (`Library::field_history`) as CSV: a header row, then one row per
/// edition, oldest first (absent values empty), as `areabook history --csv` prints it.
pub fn history_csv(h: &library::History) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HISTORY_CSV_COLUMNS)?;
    for r in &h.editions {
        w.write_record([
            r.edition.to_string().as_str(),
            &r.value.map(|v| v.to_string()).unwrap_or_default(),
            r.unit.unwrap_or(""),
            r.date_est.as_deref().unwrap_or(""),
            r.name_then.as_deref().unwrap_or(""),
            r.entity_then.as_deref().unwrap_or(""),
            if r.unchanged { "true" } else { "false" },
            r.text.as_str(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// A TimelineJS date object from an ISO partial date (`1945-08` → year and month).
fn tl_date(iso: &str) -> Value {
    let (neg, rest) = match iso.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, iso),
    };
    let mut parts = rest.split('-');
    let year: i64 = parts.next().and_then(|y| y.parse().ok()).unwrap_or(0);
    let mut d = json!({ "year": if neg { -year } else { year } });
    if let Some(m) = parts.next().and_then(|m| m.parse::<u8>().ok()) {
        d["month"] = m.into();
    }
    if let Some(day) = parts.next().and_then(|x| x.parse::<u8>().ok()) {
        d["day"] = day.into();
    }
    d
}

/// Escape text for HTML (TimelineJS renders `headline` and `text` as HTML).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The timeline as a TimelineJS document: one slide per entry, the date words in bold, the
/// citation under the sentence, `group` the section's country.
pub fn timelinejs(t: &Timeline) -> Value {
    let about = t
        .states
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(" and ");
    let headline = match (&about[..], &t.query) {
        ("", Some(q)) => format!("Timeline: {q}"),
        (a, _) => format!("Timeline of {a}"),
    };
    let events: Vec<Value> = t
        .entries
        .iter()
        .map(|e| {
            let (a, b) = e.highlight;
            let before: String = e.sentence.chars().take(a).collect();
            let words: String = e
                .sentence
                .chars()
                .skip(a)
                .take(b.saturating_sub(a))
                .collect();
            let after: String = e.sentence.chars().skip(b).collect();
            let mut ev = json!({
                "start_date": tl_date(&e.start),
                "text": {
                    "headline": esc(&e.expression),
                    "text": format!(
                        "<p>{}<b>{}</b>{}</p><p><small>{}</small></p>",
                        esc(&before), esc(&words), esc(&after), esc(&e.citation)
                    ),
                },
                "group": e.country,
                "unique_id": format!("{}-{}-{}", e.section_id, e.paragraph, a),
            });
            if e.end != e.start {
                ev["end_date"] = tl_date(&e.end);
            }
            ev
        })
        .collect();
    json!({
        "title": { "text": { "headline": esc(&headline), "text": format!("{} dated statements from the Library of Congress Country Studies and The World Factbook, via areabook", t.total) } },
        "events": events,
    })
}

/// Places as GeoJSON (RFC 7946): one `Point` feature a place, `[lon, lat]`, its properties
/// `id`, `name`, `kind`, `country`, `valid_from`, `valid_to`, `mentions`, `sections` (how
/// many) and `section_ids`. Places without both coordinates are left out.
pub fn places_geojson(places: &[library::PlaceView]) -> Value {
    let features: Vec<Value> = places
        .iter()
        .filter_map(|p| {
            let e = &p.entity;
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": { "type": "Point", "coordinates": [e.lon?, e.lat?] },
                "properties": {
                    "id": e.id, "name": e.name, "kind": e.kind, "country": e.country,
                    "valid_from": e.valid_from, "valid_to": e.valid_to,
                    "mentions": p.mentions, "sections": p.sections.len(), "section_ids": p.sections,
                },
            }))
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timelinejs_dates_split_into_numbers() {
        assert_eq!(tl_date("1945-08"), json!({"year": 1945, "month": 8}));
        assert_eq!(tl_date("-0465"), json!({"year": -465}));
        assert_eq!(
            tl_date("1986-01-05"),
            json!({"year": 1986, "month": 1, "day": 5})
        );
        assert_eq!(esc("<b>&"), "&lt;b&gt;&amp;");
    }
}
