//! The chart of a pair's events: one row per PLOVER type, one column per period (a decade,
//! or a century or millennium when the events span more than [`MAX_COLUMNS`] decades), each
//! cell shaded by its count and linked to the events it counts. Drawn here as an SVG from
//! the library's counts over all pages (`Relations::by_type_decade`), so it needs no script.
//!
//! **Invariant**: at most 18 rows (the PLOVER types) and [`MAX_COLUMNS`] columns.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::html::number;

/// Most periods (columns) on one chart.
pub(crate) const MAX_COLUMNS: i32 = 14;

const LABEL_W: f64 = 118.0;
const CELL_W: f64 = 44.0;
const CELL_H: f64 = 28.0;
const TOP: f64 = 4.0;
/// Room under the grid for the period labels.
const FOOT: f64 = 26.0;

/// The grid of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    /// Years per column: 10, 100 or 1,000.
    pub size: i32,
    /// First year of the first column.
    pub first: i32,
    /// Columns from `first`.
    pub columns: i32,
    /// Rows: a type and its count per column (`counts[c]`), in PLOVER order.
    pub rows: Vec<(&'static str, Vec<usize>)>,
}

/// The grid of counts by type and decade (decade start year → count); `None` when no
/// event is dated.
pub(crate) fn grid(by_type_decade: &BTreeMap<String, BTreeMap<i32, usize>>) -> Option<Grid> {
    let decades = by_type_decade.values().flat_map(|m| m.keys().copied());
    let (lo, hi) = decades.fold(None, |acc: Option<(i32, i32)>, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })?;
    let span = |size: i32| hi.div_euclid(size) - lo.div_euclid(size) + 1;
    let size = [10, 100, 1000]
        .into_iter()
        .find(|&s| span(s) <= MAX_COLUMNS)
        .unwrap_or(10_000);
    let first = lo.div_euclid(size) * size;
    let columns = span(size);
    let rows = library::EventType::ALL
        .iter()
        .filter_map(|t| {
            let by = by_type_decade.get(t.as_str())?;
            let mut counts = vec![0; columns as usize];
            for (&d, &n) in by {
                let c = (d.div_euclid(size) * size - first) / size;
                if let Some(slot) = counts.get_mut(c as usize) {
                    *slot += n;
                }
            }
            Some((t.as_str(), counts))
        })
        .collect::<Vec<_>>();
    (!rows.is_empty()).then_some(Grid {
        size,
        first,
        columns,
        rows,
    })
}

/// `1900s`, `19th century`-like labels kept short: `1900s` for any size.
pub(crate) fn period_label(start: i32) -> String {
    if start < 0 {
        format!("{} BC", -start)
    } else {
        format!("{start}s")
    }
}

/// Where a cell, a row label or a column label leads: `(type, (first year, last year))`.
pub(crate) type Href<'a> = &'a dyn Fn(Option<&str>, Option<(i32, i32)>) -> String;

/// The chart. `href(type, first year, last year)` links a cell (a type of `None` links a
/// whole column, a period of `None` a whole row).
pub(crate) fn svg(grid: &Grid, href: Href<'_>) -> Markup {
    let width = LABEL_W + CELL_W * f64::from(grid.columns);
    let height = TOP + CELL_H * grid.rows.len() as f64 + FOOT;
    let max = grid
        .rows
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let f = |v: f64| format!("{v:.1}");
    let label_every = if grid.columns > 8 { 2 } else { 1 };
    let period = |c: i32| {
        let start = grid.first + c * grid.size;
        (start, start + grid.size - 1)
    };
    html! {
        svg class="relations-chart" xmlns="http://www.w3.org/2000/svg"
            viewBox={ "0 0 " (f(width)) " " (f(height)) } preserveAspectRatio="xMinYMin meet"
            aria-labelledby="chart-title" role="img" {
            title id="chart-title" {
                "Events by type and " (if grid.size == 10 { "decade" } else { "period" })
            }
            @for (r, (kind, counts)) in grid.rows.iter().enumerate() {
                @let y = TOP + CELL_H * r as f64;
                a class="row-label" href=(href(Some(kind), None)) {
                    text class="type" x=(f(LABEL_W - 8.0)) y=(f(y + CELL_H * 0.66)) text-anchor="end" { (kind) }
                }
                @for (c, &n) in counts.iter().enumerate() {
                    @let x = LABEL_W + CELL_W * c as f64;
                    @let (from, to) = period(c as i32);
                    @if n == 0 {
                        rect class="empty" x=(f(x + 1.0)) y=(f(y + 1.0)) width=(f(CELL_W - 2.0)) height=(f(CELL_H - 2.0)) {}
                    } @else {
                        @let share = (n as f64 / max).sqrt();
                        a class="cell" href=(href(Some(kind), Some((from, to)))) {
                            title { (kind) ", " (period_label(from)) ": " (number(n)) (if n == 1 { " event" } else { " events" }) }
                            rect class="full" x=(f(x + 1.0)) y=(f(y + 1.0)) width=(f(CELL_W - 2.0))
                                height=(f(CELL_H - 2.0)) fill-opacity=(format!("{:.2}", 0.18 + 0.82 * share)) {}
                            text class=(if share > 0.55 { "n light" } else { "n" }) x=(f(x + CELL_W / 2.0))
                                y=(f(y + CELL_H * 0.66)) text-anchor="middle" { (number(n)) }
                        }
                    }
                }
            }
            @let base = TOP + CELL_H * grid.rows.len() as f64;
            @for c in (0..grid.columns).filter(|c| c % label_every == 0) {
                @let (from, to) = period(c);
                a class="period" href=(href(None, Some((from, to)))) {
                    text class="period" x=(f(LABEL_W + CELL_W * (f64::from(c) + 0.5))) y=(f(base + FOOT - 8.0))
                        text-anchor="middle" { (period_label(from)) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rows: &[(&str, &[(i32, usize)])]) -> BTreeMap<String, BTreeMap<i32, usize>> {
        rows.iter()
            .map(|(t, c)| (t.to_string(), c.iter().copied().collect()))
            .collect()
    }

    #[test]
    fn decades_or_wider_periods_and_plover_order() {
        let g = grid(&counts(&[
            ("CONSULT", &[(1980, 2)]),
            ("FIGHT", &[(1900, 2), (1940, 1)]),
        ]))
        .unwrap();
        assert_eq!((g.size, g.first, g.columns), (10, 1900, 9));
        assert_eq!(g.rows[0], ("CONSULT", vec![0, 0, 0, 0, 0, 0, 0, 0, 2]));
        assert_eq!(g.rows[1].0, "FIGHT");
        assert_eq!(g.rows[1].1[0], 2);
        assert_eq!(g.rows[1].1[4], 1);
        // Six centuries of events: one column per century.
        let g = grid(&counts(&[("FIGHT", &[(1400, 1), (1900, 3), (1990, 1)])])).unwrap();
        assert_eq!((g.size, g.first, g.columns), (100, 1400, 6));
        assert_eq!(g.rows[0].1, vec![1, 0, 0, 0, 0, 4]);
        assert!(grid(&counts(&[])).is_none());
    }

    #[test]
    fn cells_link_and_name_their_counts() {
        let g = grid(&counts(&[("FIGHT", &[(1900, 2)])])).unwrap();
        let svg = svg(&g, &|t, p| format!("/x?type={}&p={:?}", t.unwrap_or(""), p)).into_string();
        assert!(svg.contains("FIGHT, 1900s: 2 events"), "{svg}");
        assert!(
            svg.contains("href=\"/x?type=FIGHT&amp;p=Some((1900, 1909))\""),
            "{svg}"
        );
        assert_eq!(period_label(-500), "500 BC");
    }
}
