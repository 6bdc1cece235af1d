//! The time axis of a timeline page: an SVG the server draws from the timeline's counts per
//! year (`Timeline::years`, over the whole timeline, not only the page shown), so it costs
//! the same for 20 entries or 20,000 and needs no script.
//!
//! Years are gathered into periods of one size — a year, a decade, a century or a
//! millennium, the smallest that keeps the axis to at most [`MAX_SLOTS`] periods — and each
//! period with entries is one mark: a bar whose height grows with the square root of its
//! count (one entry still shows), with a `<title>` tooltip naming the period and the count.
//! A mark links to the same timeline narrowed to its period (`from`/`to`), so readers zoom
//! century → decade → year by following links; a year's mark narrows the list to that year.
//!
//! **Invariant**: at most [`MAX_SLOTS`] marks, whatever the number of entries or years.

use maud::{Markup, html};

use crate::html::number;

/// Most periods on one axis (and so most marks).
pub(crate) const MAX_SLOTS: i32 = 40;
/// Period sizes, in years, smallest first.
const SIZES: [i32; 5] = [1, 10, 100, 1000, 10_000];

/// The drawing's coordinate system (the SVG scales to the width it is given).
const WIDTH: f64 = 640.0;
const LEFT: f64 = 32.0;
const RIGHT: f64 = 608.0;
const TOP: f64 = 10.0;
const BASELINE: f64 = 104.0;
const HEIGHT: f64 = 138.0;
/// The shortest bar, so that a single entry is visible.
const MIN_BAR: f64 = 6.0;
/// Most tick labels under the axis.
const MAX_LABELS: i32 = 7;

/// One period with entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bucket {
    /// First year.
    pub start: i32,
    /// Last year (inclusive).
    pub end: i32,
    /// Entries that start in it (those that start before the axis counted in its first).
    pub count: u64,
}

/// The periods of an axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Axis {
    /// Years per period: 1, 10, 100, 1,000 or 10,000.
    pub size: i32,
    /// First year of the first period.
    pub first: i32,
    /// Number of periods from `first`, with entries or not.
    pub slots: i32,
    /// The periods with entries, in time order.
    pub buckets: Vec<Bucket>,
}

/// The axis of a timeline: its counts per year, between `from` and `to` when given (years
/// outside are counted in the first or last period). `None` when there is nothing to draw.
pub(crate) fn axis(
    years: &[library::YearCount],
    from: Option<i32>,
    to: Option<i32>,
) -> Option<Axis> {
    if years.is_empty() {
        return None;
    }
    let lo = from.or_else(|| years.iter().map(|y| y.year).min())?;
    let hi = to.or_else(|| years.iter().map(|y| y.year).max())?.max(lo);
    let slots_of = |size: i32| hi.div_euclid(size) - lo.div_euclid(size) + 1;
    let size = SIZES
        .into_iter()
        .find(|&s| slots_of(s) <= MAX_SLOTS)
        .unwrap_or(SIZES[SIZES.len() - 1]);
    let first = lo.div_euclid(size) * size;
    let slots = slots_of(size);
    let mut buckets: Vec<Bucket> = Vec::new();
    for y in years {
        let slot = (y.year.clamp(lo, hi) - first).div_euclid(size);
        let start = first + slot * size;
        match buckets.last_mut() {
            Some(b) if b.start == start => b.count += u64::from(y.count),
            _ => buckets.push(Bucket {
                start,
                end: start + size - 1,
                count: u64::from(y.count),
            }),
        }
    }
    Some(Axis {
        size,
        first,
        slots,
        buckets,
    })
}

/// A year as readers write it: `1945`, `699 BC` (astronomical year -698).
pub(crate) fn year_label(year: i32) -> String {
    if year <= 0 {
        format!("{} BC", 1 - i64::from(year))
    } else {
        year.to_string()
    }
}

/// A boundary on the axis, where a year begins: `1900`, `400 BC` (round, as axes are
/// labelled, rather than the astronomical year's exact name).
fn tick_label(year: i32) -> String {
    if year < 0 {
        format!("{} BC", -i64::from(year))
    } else {
        year.to_string()
    }
}

/// A period: `1945`, `1940s`, `1900–1999`, `799 BC–700 BC`.
pub(crate) fn period_label(start: i32, end: i32) -> String {
    if start == end {
        year_label(start)
    } else if end - start == 9 && start > 0 {
        format!("{start}s")
    } else {
        format!("{}–{}", year_label(start), year_label(end))
    }
}

/// The name of a period size: `year`, `decade`, `century`, `millennium`.
pub(crate) fn size_name(size: i32) -> &'static str {
    match size {
        1 => "year",
        10 => "decade",
        100 => "century",
        1000 => "millennium",
        _ => "ten millennia",
    }
}

/// The SVG. `zoom(start, end)` is where a period's mark leads (`None`: nowhere, e.g. a
/// period before the year 1000, which the year filters cannot name).
pub(crate) fn svg(axis: &Axis, zoom: &dyn Fn(i32, i32) -> Option<String>) -> Markup {
    let width = (RIGHT - LEFT) / f64::from(axis.slots.max(1));
    let x_of = |slot: i32| LEFT + f64::from(slot) * width;
    let max = axis
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let gap = if width >= 6.0 { 1.0 } else { 0.0 };
    // Ticks at round years: multiples of a number of periods that leaves at most
    // MAX_LABELS of them.
    let every = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|n| axis.slots / n < MAX_LABELS)
        .unwrap_or(100)
        * axis.size;
    let ticks: Vec<i32> = (0..=axis.slots)
        .filter(|i| (axis.first + i * axis.size).rem_euclid(every) == 0)
        .collect();
    let f = |v: f64| format!("{v:.1}");
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    html! {
        svg class="axis" xmlns="http://www.w3.org/2000/svg" viewBox=(view_box)
            preserveAspectRatio="xMidYMid meet" aria-labelledby="axis-title" {
            title id="axis-title" {
                "Dated statements per " (size_name(axis.size)) ", "
                (year_label(axis.first)) "–" (year_label(axis.first + axis.slots * axis.size - 1))
            }
            line class="baseline" x1=(f(LEFT)) y1=(f(BASELINE)) x2=(f(RIGHT)) y2=(f(BASELINE)) {}
            @for i in &ticks {
                line class="tick" x1=(f(x_of(*i))) y1=(f(BASELINE)) x2=(f(x_of(*i)))
                    y2=(f(BASELINE + 6.0)) {}
                text class="tick-label" x=(f(x_of(*i))) y=(f(HEIGHT - 8.0)) text-anchor="middle" {
                    (tick_label(axis.first + i * axis.size))
                }
            }
            @for b in &axis.buckets {
                @let slot = (b.start - axis.first) / axis.size;
                @let height = MIN_BAR + (BASELINE - TOP - MIN_BAR) * (b.count as f64 / max).sqrt();
                @let tip = format!(
                    "{}: {} {}",
                    period_label(b.start, b.end),
                    number(b.count as usize),
                    if b.count == 1 { "statement" } else { "statements" }
                );
                @let marks = html! {
                    title { (tip) }
                    rect class="hit" x=(f(x_of(slot))) y=(f(TOP)) width=(f(width))
                        height=(f(BASELINE - TOP)) {}
                    rect class="bar" x=(f(x_of(slot) + gap)) y=(f(BASELINE - height))
                        width=(f((width - 2.0 * gap).max(1.0))) height=(f(height)) {}
                };
                @if let Some(href) = zoom(b.start, b.end) {
                    a class="bucket" href=(href) { (marks) }
                } @else {
                    g class="bucket" { (marks) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(pairs: &[(i32, u32)]) -> Vec<library::YearCount> {
        pairs
            .iter()
            .map(|&(year, count)| library::YearCount { year, count })
            .collect()
    }

    #[test]
    fn the_smallest_period_that_fits_is_chosen() {
        let a = axis(&years(&[(1941, 1), (1945, 3)]), None, None).unwrap();
        assert_eq!((a.size, a.first, a.slots), (1, 1941, 5));
        let a = axis(&years(&[(1904, 1), (1945, 2), (2025, 1)]), None, None).unwrap();
        assert_eq!((a.size, a.first, a.slots), (10, 1900, 13));
        assert_eq!(
            a.buckets,
            [
                Bucket {
                    start: 1900,
                    end: 1909,
                    count: 1
                },
                Bucket {
                    start: 1940,
                    end: 1949,
                    count: 2
                },
                Bucket {
                    start: 2020,
                    end: 2029,
                    count: 1
                },
            ]
        );
        let a = axis(&years(&[(-698, 1), (900, 2), (2025, 7)]), None, None).unwrap();
        assert_eq!((a.size, a.first, a.slots), (100, -700, 28));
        assert_eq!(
            a.buckets[0],
            Bucket {
                start: -700,
                end: -601,
                count: 1
            }
        );
        // Zoomed: the period given, however few years have entries.
        let a = axis(&years(&[(1944, 2)]), Some(1900), Some(1999)).unwrap();
        assert_eq!((a.size, a.first, a.slots), (10, 1900, 10));
        // Entries that began before `from` count in the first period.
        let a = axis(&years(&[(1800, 4), (1942, 1)]), Some(1940), Some(1949)).unwrap();
        assert_eq!(
            a.buckets[0],
            Bucket {
                start: 1940,
                end: 1940,
                count: 4
            }
        );
        assert!(axis(&[], None, None).is_none());
    }

    #[test]
    fn at_most_max_slots_marks_whatever_the_years() {
        let many: Vec<(i32, u32)> = (-9999..=9999).step_by(3).map(|y| (y, 1)).collect();
        let a = axis(&years(&many), None, None).unwrap();
        assert!(
            a.slots <= MAX_SLOTS && a.buckets.len() <= MAX_SLOTS as usize,
            "{a:?}"
        );
        let svg = svg(&a, &|_, _| None).into_string();
        assert!(svg.matches("<rect class=\"bar\"").count() <= MAX_SLOTS as usize);
    }

    #[test]
    fn labels() {
        assert_eq!(year_label(1945), "1945");
        assert_eq!(year_label(0), "1 BC");
        assert_eq!(year_label(-698), "699 BC");
        assert_eq!(period_label(1940, 1949), "1940s");
        assert_eq!(period_label(1900, 1999), "1900–1999");
        assert_eq!(period_label(1945, 1945), "1945");
        assert_eq!(period_label(-10, -1), "11 BC–2 BC");
        assert_eq!(tick_label(-400), "400 BC");
        assert_eq!(tick_label(1900), "1900");
    }

    #[test]
    fn ticks_fall_on_round_years() {
        let a = axis(&years(&[(-698, 1), (2025, 7)]), None, None).unwrap();
        let drawn = svg(&a, &|_, _| None).into_string();
        let labels: Vec<&str> = drawn
            .split("text-anchor=\"middle\">")
            .skip(1)
            .map(|s| &s[..s.find('<').unwrap()])
            .collect();
        assert_eq!(labels, ["500 BC", "0", "500", "1000", "1500", "2000"]);
        let a = axis(&years(&[(1904, 1), (2025, 1)]), None, None).unwrap();
        let svg = svg(&a, &|_, _| None).into_string();
        assert!(
            svg.contains(">1900</text>") && svg.contains(">2000</text>"),
            "{svg}"
        );
        assert!(!svg.contains(">1910</text>"), "{svg}");
    }

    #[test]
    fn marks_link_where_zoom_says_and_carry_their_count() {
        let a = axis(&years(&[(1904, 1), (1945, 2)]), None, None).unwrap();
        let svg = svg(&a, &|s, e| {
            (s >= 1940).then(|| format!("/z?from={s}&to={e}"))
        })
        .into_string();
        assert!(svg.contains("<a class=\"bucket\" href=\"/z?from=1940&amp;to=1949\"><title>1940s: 2 statements</title>"), "{svg}");
        assert!(
            svg.contains("<g class=\"bucket\"><title>1900s: 1 statement</title>"),
            "{svg}"
        );
        assert!(!svg.contains("style="), "no inline style under the CSP");
    }
}
