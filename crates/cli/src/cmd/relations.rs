//! `relations`: the events between two states in the library, or one state's partners.

use anyhow::Result;
use library::{MAX_RELATIONS_LIMIT, Partners, RelationState, Relations, RelationsQuery};

use super::{Outcome, count, open_read, print_json};
use crate::config::Config;
use crate::flags::RelationsArgs;

/// `areabook relations A [B] [--type T] [--from Y] [--to Y] [--limit N]`.
pub fn relations(config: &Config, args: &RelationsArgs) -> Result<Outcome> {
    let lib = open_read(config)?;
    let want = args.limit.map_or(usize::MAX, |l| l as usize);
    let mut q = RelationsQuery {
        a: args.a.clone(),
        b: args.b.clone(),
        kind: args.kind.clone(),
        from: args.from,
        to: args.to,
        limit: MAX_RELATIONS_LIMIT.min(want),
        offset: 0,
    };
    if args.b.is_none() {
        let mut p = lib.partners(&q)?;
        p.partners.truncate(want);
        if config.json {
            print_json(&p)?;
        } else {
            print_partners(&p)?;
        }
        return Ok(Outcome::Ok);
    }
    // Read every page (the library pages by MAX_RELATIONS_LIMIT).
    let mut all: Relations = lib.relations(&q)?;
    while all.events.len() < all.total.min(want) {
        q.offset = all.events.len();
        q.limit = MAX_RELATIONS_LIMIT.min(want - all.events.len());
        let next = lib.relations(&q)?;
        if next.events.is_empty() {
            break;
        }
        all.events.extend(next.events);
    }
    all.limit = all.events.len().max(1);
    if config.json {
        print_json(&all)?;
    } else {
        print_pair(&all)?;
    }
    Ok(Outcome::Ok)
}

/// `Soviet Union (SUN, RUS)`.
fn state(s: &RelationState) -> String {
    if s.codes.is_empty() {
        format!("{} (no code)", s.name)
    } else {
        format!("{} ({})", s.name, s.codes.join(", "))
    }
}

/// `, FIGHT only, 1900–1949`: the filters in words.
fn filters(kind: Option<&str>, from: Option<i32>, to: Option<i32>) -> String {
    let mut out = String::new();
    if let Some(k) = kind {
        out.push_str(&format!(", {k} only"));
    }
    match (from, to) {
        (Some(f), Some(t)) => out.push_str(&format!(", {f}–{t}")),
        (Some(f), None) => out.push_str(&format!(", from {f}")),
        (None, Some(t)) => out.push_str(&format!(", to {t}")),
        _ => {}
    }
    out
}

fn print_pair(r: &Relations) -> Result<()> {
    let b = r.b.as_ref().map(state).unwrap_or_default();
    outln!(
        "{} and {b}{}: {}",
        state(&r.a),
        filters(r.kind.as_deref(), r.from, r.to),
        count(r.total, "event", "events")
    );
    if r.events.len() < r.total {
        outln!("(showing the first {})", r.events.len());
    }
    if r.total == 0 {
        outln!(
            "no events found; try another spelling, a wider --from/--to, or `areabook timeline --pair`"
        );
        return Ok(());
    }
    outln!();
    for e in &r.events {
        let kind = match &e.mode {
            Some(m) => format!("{}/{m}", e.kind),
            None => e.kind.clone(),
        };
        let target = match (&e.target, &e.target_code) {
            (Some(t), Some(c)) => format!("{t} ({c})"),
            _ => "—".to_owned(),
        };
        outln!(
            "{:<10} {kind:<20} {} ({}) → {target}  “{}”  [{}]{}",
            e.label,
            e.source,
            e.source_code,
            e.trigger,
            e.citation_short,
            if e.date_inherited {
                "  (date from an earlier sentence)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

/// `FIGHT 2, CONSULT 1`, most first.
fn counts<K: std::fmt::Display>(m: &std::collections::BTreeMap<K, usize>, suffix: &str) -> String {
    let mut v: Vec<(&K, &usize)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1));
    v.iter()
        .map(|(k, n)| format!("{k}{suffix} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_partners(p: &Partners) -> Result<()> {
    outln!(
        "Partners of {}: {}, {}",
        state(&p.state),
        count(p.partners.len(), "state", "states"),
        count(p.total, "event", "events")
    );
    if p.partners.is_empty() {
        outln!("no events with another state found; try another spelling or a wider --from/--to");
        return Ok(());
    }
    let name = |x: &library::Partner| {
        if x.including.is_empty() {
            x.name.clone()
        } else {
            format!("{} (+ {})", x.name, x.including.join(", "))
        }
    };
    let width = p
        .partners
        .iter()
        .map(|x| name(x).chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    outln!();
    outln!(
        "{:>6}  {:<width$}  code  by type; by decade",
        "events",
        "state"
    );
    for x in &p.partners {
        outln!(
            "{:>6}  {:<width$}  {:<4}  {}; {}",
            x.count,
            name(x),
            x.code,
            counts(&x.by_type, ""),
            counts(&x.by_decade, "s")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_counts_in_words() {
        assert_eq!(
            filters(Some("FIGHT"), Some(1900), Some(1949)),
            ", FIGHT only, 1900–1949"
        );
        assert_eq!(filters(None, None, Some(1949)), ", to 1949");
        let m: std::collections::BTreeMap<i32, usize> = [(1900, 1), (1980, 3)].into();
        assert_eq!(counts(&m, "s"), "1980s 3, 1900s 1");
    }
}
