//! `timeline` and `cite`.

use std::io::IsTerminal;

use anyhow::Result;
use library::{CiteFormat, MAX_TIMELINE_LIMIT, Timeline, TimelineEntry, TimelineQuery};

use super::{Outcome, open_read, print_json};
use crate::config::Config;
use crate::flags::{CiteFormatArg, TimelineArgs, TimelineFormat};

/// `areabook timeline (--country C | --pair A B | --query Q) [--from Y] [--to Y] [--format F]`.
pub fn timeline(config: &Config, args: &TimelineArgs) -> Result<Outcome> {
    let lib = open_read(config)?;
    let want = args.limit.map_or(usize::MAX, |l| l as usize);
    let mut q = TimelineQuery {
        country: args.country.clone(),
        pair: args
            .pair
            .as_ref()
            .and_then(|p| Some((p.first()?.clone(), p.get(1)?.clone()))),
        query: args.query.clone(),
        from: args.from,
        to: args.to,
        limit: MAX_TIMELINE_LIMIT.min(want),
        offset: 0,
    };
    // Read every page (the library pages by MAX_TIMELINE_LIMIT).
    let mut all: Timeline = lib.timeline(&q)?;
    while all.entries.len() < all.total.min(want) {
        q.offset = all.entries.len();
        q.limit = MAX_TIMELINE_LIMIT.min(want - all.entries.len());
        let next = lib.timeline(&q)?;
        if next.entries.is_empty() {
            break;
        }
        all.entries.extend(next.entries);
    }
    all.limit = all.entries.len().max(1);
    let format = if config.json {
        TimelineFormat::Json
    } else {
        args.format
    };
    match format {
        TimelineFormat::Json => print_json(&all)?,
        TimelineFormat::Csv => {
            let text = server::formats::timeline_csv(&all.entries)?;
            use std::io::Write as _;
            std::io::stdout().write_all(text.as_bytes())?;
        }
        TimelineFormat::Timelinejs => print_json(&server::formats::timelinejs(&all))?,
        TimelineFormat::Text => print_text(&all)?,
    }
    Ok(Outcome::Ok)
}

fn print_text(t: &Timeline) -> Result<()> {
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let about = t
        .states
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(" and ");
    let mut head = match (&about[..], &t.query) {
        ("", Some(q)) => format!("Timeline of the sections that match {q:?}"),
        (a, Some(q)) => format!("Timeline of {a}, sections that match {q:?}"),
        (a, None) => format!("Timeline of {a}"),
    };
    match (t.from, t.to) {
        (Some(f), Some(to)) => head.push_str(&format!(", {f}–{to}")),
        (Some(f), None) => head.push_str(&format!(", from {f}")),
        (None, Some(to)) => head.push_str(&format!(", to {to}")),
        _ => {}
    }
    outln!("{head}: {}", super::count(t.total, "entry", "entries"));
    if t.entries.len() < t.total {
        outln!("(showing the first {})", t.entries.len());
    }
    outln!();
    for e in &t.entries {
        outln!(
            "{:<18} {}  [{} · {}]",
            e.label,
            marked(e, on, off),
            e.citation_short,
            e.section_id
        );
    }
    if t.total == 0 {
        outln!(
            "nothing dated found; try another spelling, a wider --from/--to, or `areabook search`"
        );
    }
    Ok(())
}

/// The sentence with its date words between `on` and `off`, on one line.
fn marked(e: &TimelineEntry, on: &str, off: &str) -> String {
    let (a, b) = e.highlight;
    let mut out = String::with_capacity(e.sentence.len() + 16);
    for (i, c) in e.sentence.chars().enumerate() {
        if i == a {
            out.push_str(on);
        }
        if i == b {
            out.push_str(off);
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
    }
    if b >= e.sentence.chars().count() && b > a {
        out.push_str(off);
    }
    out
}

/// `areabook cite SECTION [--format text|bibtex|csl-json]`.
pub fn cite(config: &Config, section: &str, format: CiteFormatArg) -> Result<Outcome> {
    let lib = open_read(config)?;
    let c = lib.cite(section)?;
    if config.json {
        print_json(&serde_json::json!({
            "citation": c,
            "text": c.text(),
            "bibtex": c.bibtex(),
            "csl_json": [c.csl_json()],
        }))?;
        return Ok(Outcome::Ok);
    }
    let format = match format {
        CiteFormatArg::Text => CiteFormat::Text,
        CiteFormatArg::Bibtex => CiteFormat::Bibtex,
        CiteFormatArg::CslJson => CiteFormat::CslJson,
    };
    outln!("{}", c.render(format));
    Ok(Outcome::Ok)
}
