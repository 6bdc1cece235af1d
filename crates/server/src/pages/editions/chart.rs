//! A numeric field across editions as a line chart: an SVG drawn here from the history's
//! headline numbers (`HistoryRow::value`), so it needs no script. One unit per chart (the one
//! most editions use; a number in another unit is left out and said so), a value axis with
//! round ticks, an edition axis, and one point per edition linked to its row of the table
//! (`#e1990`), with a `<title>` tooltip giving the edition, the number and its date.
//!
//! **Invariant**: every label is a maud interpolation (escaped); at most one point per
//! edition (36), at most [`MAX_TICKS`] + 1 value ticks.

use maud::{Markup, html};

/// Most value ticks (intervals) on the axis.
pub(crate) const MAX_TICKS: usize = 6;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 250.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 528.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 212.0;

/// One edition's number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point {
    /// The edition.
    pub edition: u16,
    /// Its headline number.
    pub value: f64,
    /// The date the number was estimated for, when the text says.
    pub date_est: Option<String>,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// The unit of every point.
    pub unit: &'static str,
    /// The points, oldest edition first.
    pub points: Vec<Point>,
    /// Editions whose number is in another unit, left out.
    pub other_units: usize,
}

/// The chart of a history: the numbers in the unit most editions use (the newer unit on a
/// tie). `None` when fewer than two editions have one.
pub(crate) fn chart(rows: &[library::HistoryRow]) -> Option<Chart> {
    let mut counts: Vec<(&'static str, usize, u16)> = Vec::new();
    for r in rows {
        let (Some(unit), Some(v)) = (r.unit, r.value) else {
            continue;
        };
        if !v.is_finite() {
            continue;
        }
        match counts.iter_mut().find(|(u, _, _)| *u == unit) {
            Some(c) => {
                c.1 += 1;
                c.2 = c.2.max(r.edition);
            }
            None => counts.push((unit, 1, r.edition)),
        }
    }
    let &(unit, n, _) = counts.iter().max_by_key(|(_, n, last)| (*n, *last))?;
    if n < 2 {
        return None;
    }
    let total: usize = counts.iter().map(|c| c.1).sum();
    let points = rows
        .iter()
        .filter(|r| r.unit == Some(unit))
        .filter_map(|r| {
            let value = r.value.filter(|v| v.is_finite())?;
            Some(Point {
                edition: r.edition,
                value,
                date_est: r.date_est.clone(),
            })
        })
        .collect();
    Some(Chart {
        unit,
        points,
        other_units: total - n,
    })
}

/// Round value ticks covering `lo..=hi`: (first, step, count of intervals).
fn ticks(lo: f64, hi: f64) -> (f64, f64, usize) {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else if lo == 0.0 {
        (0.0, 1.0)
    } else {
        let pad = lo.abs() * 0.1;
        (lo - pad, hi + pad)
    };
    let raw = (hi - lo) / MAX_TICKS as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| ((hi / s).ceil() - (lo / s).floor()) as usize <= MAX_TICKS)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() * step;
    let n = (((hi / step).ceil() - (lo / step).floor()) as usize).max(1);
    (first, step, n)
}

/// `1,234,567`, `0.45`, `-1.2`: thousands separators, at most `decimals` decimals, trailing
/// zeros dropped.
pub(crate) fn grouped(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if v < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, d) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A number with its unit, as the table shows it: `123,642,461`, `$4.94 trillion`, `0.4%`,
/// `377,835 sq km`, `7.5 per 1,000`.
pub(crate) fn value_text(v: f64, unit: Option<&str>) -> String {
    let n = grouped(v, 2);
    match unit {
        Some("usd") => {
            let scaled = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
                .into_iter()
                .find(|(s, _)| v.abs() >= *s);
            match scaled {
                Some((s, word)) => format!("${} {word}", grouped(v / s, 3)),
                None => format!("${n}"),
            }
        }
        Some("percent") => format!("{n}%"),
        Some("sq-km") => format!("{n} sq km"),
        Some("km") => format!("{n} km"),
        Some("years") => format!("{n} years"),
        Some("per-thousand") => format!("{n} per 1,000"),
        Some("per-thousand-live-births") => format!("{n} per 1,000 live births"),
        Some("children-per-woman") => format!("{n} children per woman"),
        _ => n,
    }
}

/// A tick label: short (`124M`, `$4.9T`, `0.5%`).
fn tick_text(v: f64, unit: &str) -> String {
    let scaled = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        .into_iter()
        .find(|(s, _)| v.abs() >= *s && unit != "percent");
    let n = match scaled {
        Some((s, suffix)) => format!("{}{suffix}", grouped(v / s, 2)),
        None => grouped(v, 2),
    };
    match unit {
        "usd" => format!("${n}"),
        "percent" => format!("{n}%"),
        _ => n,
    }
}

/// What a unit is, for the chart's title: `persons`, `US dollars`.
pub(crate) fn unit_words(unit: &str) -> &str {
    match unit {
        "usd" => "US dollars",
        "sq-km" => "square kilometers",
        "per-thousand" => "per 1,000 people",
        "per-thousand-live-births" => "per 1,000 live births",
        "children-per-woman" => "children per woman",
        "number" => "number",
        other => other,
    }
}

/// The SVG; `title` names what is drawn (`Population of Japan`).
pub(crate) fn svg(chart: &Chart, title: &str) -> Markup {
    let lo = chart
        .points
        .iter()
        .map(|p| p.value)
        .fold(f64::MAX, f64::min);
    let hi = chart
        .points
        .iter()
        .map(|p| p.value)
        .fold(f64::MIN, f64::max);
    let (first, step, n) = ticks(lo, hi);
    let top_value = first + step * n as f64;
    let y_of = |v: f64| BOTTOM - (v - first) / (top_value - first) * (BOTTOM - TOP);
    let e0 = chart.points.first().map_or(1990, |p| p.edition);
    let e1 = chart.points.last().map_or(2025, |p| p.edition).max(e0 + 1);
    let x_of = |e: u16| LEFT + f64::from(e - e0) / f64::from(e1 - e0) * (RIGHT - LEFT);
    let f = |v: f64| format!("{v:.1}");
    let every = if e1 - e0 > 20 {
        5
    } else if e1 - e0 > 8 {
        2
    } else {
        1
    };
    let years: Vec<u16> = (e0..=e1)
        .filter(|e| e % every == 0 || *e == e0 || *e == e1)
        .filter(|e| *e == e0 || *e == e1 || (e - e0 >= every / 2 + 1 && e1 - e >= every / 2 + 1))
        .collect();
    let line: Vec<String> = chart
        .points
        .iter()
        .map(|p| format!("{},{}", f(x_of(p.edition)), f(y_of(p.value))))
        .collect();
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    html! {
        svg class="history-chart" xmlns="http://www.w3.org/2000/svg" viewBox=(view_box)
            preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="chart-title" {
            title id="chart-title" {
                (title) ", " (e0) "–" (e1) " (" (unit_words(chart.unit)) ")"
            }
            @for i in 0..=n {
                @let v = first + step * i as f64;
                line class="grid" x1=(f(LEFT)) y1=(f(y_of(v))) x2=(f(RIGHT)) y2=(f(y_of(v))) {}
                text class="value-label" x=(f(LEFT - 6.0)) y=(f(y_of(v) + 4.0)) text-anchor="end" {
                    (tick_text(v, chart.unit))
                }
            }
            line class="baseline" x1=(f(LEFT)) y1=(f(BOTTOM)) x2=(f(RIGHT)) y2=(f(BOTTOM)) {}
            @for e in &years {
                line class="tick" x1=(f(x_of(*e))) y1=(f(BOTTOM)) x2=(f(x_of(*e))) y2=(f(BOTTOM + 5.0)) {}
                text class="year-label" x=(f(x_of(*e))) y=(f(BOTTOM + 22.0)) text-anchor="middle" { (e) }
            }
            polyline class="line" points=(line.join(" ")) {}
            @for p in &chart.points {
                a class="point" href={ "#e" (p.edition) } {
                    title {
                        (p.edition) " edition: " (value_text(p.value, Some(chart.unit)))
                        @if let Some(d) = &p.date_est { " (" (d) ")" }
                    }
                    circle class="hit" cx=(f(x_of(p.edition))) cy=(f(y_of(p.value))) r="11" {}
                    circle class="dot" cx=(f(x_of(p.edition))) cy=(f(y_of(p.value))) r="4.5" {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(edition: u16, value: Option<f64>, unit: Option<&'static str>) -> library::HistoryRow {
        library::HistoryRow {
            edition,
            value,
            unit,
            date_est: None,
            text: String::new(),
            name_then: None,
            entity_then: None,
            unchanged: false,
        }
    }

    #[test]
    fn one_unit_the_one_most_editions_use() {
        let rows = [
            row(1990, Some(5.0), Some("percent")),
            row(1991, Some(1e6), Some("persons")),
            row(1992, Some(2e6), Some("persons")),
            row(1993, None, None),
            row(1994, Some(f64::NAN), Some("persons")),
        ];
        let c = chart(&rows).unwrap();
        assert_eq!(c.unit, "persons");
        assert_eq!(
            c.points.iter().map(|p| p.edition).collect::<Vec<_>>(),
            [1991, 1992]
        );
        assert_eq!(c.other_units, 1);
        assert!(chart(&rows[..2]).is_none(), "one point is no line");
    }

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        let (first, step, n) = ticks(123_642_461.0, 127_417_244.0);
        assert_eq!((first, step), (123_000_000.0, 1_000_000.0));
        assert!(first + step * n as f64 >= 127_417_244.0 && n <= MAX_TICKS);
        let (first, step, n) = ticks(-1.2, 4.8);
        assert!(first <= -1.2 && first + step * n as f64 >= 4.8 && n <= MAX_TICKS);
        let (first, step, n) = ticks(7.0, 7.0);
        assert!(first < 7.0 && first + step * n as f64 > 7.0);
        assert_eq!(ticks(0.0, 0.0).0, 0.0);
    }

    #[test]
    fn numbers_read_as_the_factbook_writes_them() {
        assert_eq!(grouped(123_642_461.0, 2), "123,642,461");
        assert_eq!(grouped(-0.004, 2), "0");
        assert_eq!(grouped(-1.25, 2), "-1.25");
        assert_eq!(grouped(1000.5, 2), "1,000.5");
        assert_eq!(value_text(4.94e12, Some("usd")), "$4.94 trillion");
        assert_eq!(value_text(0.4, Some("percent")), "0.4%");
        assert_eq!(value_text(377_835.0, Some("sq-km")), "377,835 sq km");
        assert_eq!(tick_text(124e6, "persons"), "124M");
        assert_eq!(tick_text(2.5e12, "usd"), "$2.5T");
        assert_eq!(tick_text(1500.0, "percent"), "1,500%");
    }

    #[test]
    fn points_link_to_their_rows_and_labels_are_escaped() {
        let rows = [
            row(1990, Some(1.0), Some("persons")),
            row(2025, Some(3.0), Some("persons")),
        ];
        let svg = svg(&chart(&rows).unwrap(), "<b>Population</b> & more").into_string();
        assert!(svg.contains("<a class=\"point\" href=\"#e1990\">"), "{svg}");
        assert!(svg.contains("<a class=\"point\" href=\"#e2025\">"), "{svg}");
        assert!(
            svg.contains("&lt;b&gt;Population&lt;/b&gt; &amp; more"),
            "{svg}"
        );
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(">1990</text>") && svg.contains(">2025</text>"));
        assert!(!svg.contains("style="), "no inline style under the CSP");
    }
}
