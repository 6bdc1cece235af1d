//! A small world map drawn by the server as inline SVG: no tiles, no script, no request to
//! anyone, nothing but presentation attributes and classes (the CSP allows no inline style).
//!
//! The land is Natural Earth's 1:110m outline (public domain, through the npm package
//! `world-atlas`), derived by `tools/derive_world_outline.js` into `data/world-110m.txt`
//! (see `data/NOTICE.md`): equirectangular, [`SCALE`] grid units a degree, one ring a line
//! as SVG path data with integer steps. It is compiled in and read once ([`LazyLock`]); a
//! line that does not read is left out, never a panic.
//!
//! [`world_map`] draws the land, a graticule and one dot per place (a `<circle>` whose radius
//! grows with the place's weight, capped; its `<title>` the label, escaped by maud; wrapped in
//! `<a href>` when the place links somewhere). With a focus the view is that box, padded,
//! at least [`MIN_SPAN`] degrees wide, always twice as wide as high, kept inside the world's
//! latitudes; a box whose west edge is east of its east edge crosses the antimeridian and the
//! map wraps (the land east of it is drawn again, shifted one world to the right). Only the
//! rings that reach into the view are sent, so a focused map is a few KB; the world map is
//! about 21 KB.
//!
//! **Invariants**: never panics, whatever the numbers (NaN, infinite and out-of-range
//! coordinates are skipped; a focus that is not finite is ignored); at most [`MAX_DOTS`]
//! dots, the heaviest; dots outside the view are left out; an `href` with a scheme other
//! than `http`/`https` is not linked.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::LazyLock;

use maud::{Markup, html};

/// The outline: `#` comment lines, then one ring a line: `M{x} {y}l{dx} {dy}…z`.
const OUTLINE: &str = include_str!("../../data/world-110m.txt");
/// Grid units a degree (the outline's `scale`).
pub(crate) const SCALE: f64 = 10.0;
/// The world in grid units: x = (lon + 180) · SCALE, y = (90 − lat) · SCALE.
const WORLD_W: f64 = 360.0 * SCALE;
const WORLD_H: f64 = 180.0 * SCALE;
/// Most dots on one map.
pub const MAX_DOTS: usize = 500;
/// The narrowest focused view, in degrees of longitude (half as many of latitude).
pub(crate) const MIN_SPAN: f64 = 20.0;
/// Padding around a focus box, a fraction of its size on each side.
const PAD: f64 = 0.15;
/// The width, in CSS pixels, the map is drawn for: dot radii are pixels at this width.
const NOMINAL_PX: f64 = 800.0;
/// Dot radius in pixels: `MIN_R + R_PER_LN · ln(1 + weight)`, at most `MAX_R`.
const MIN_R: f64 = 2.5;
const R_PER_LN: f64 = 1.5;
const MAX_R: f64 = 10.0;

/// A place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    /// Degrees north, −90..=90.
    pub lat: f64,
    /// Degrees east, −180..=180.
    pub lon: f64,
    /// The tooltip (`<title>`), e.g. the place's name.
    pub label: String,
    /// Where the dot links (a path of ours, or an `http`/`https` URL).
    pub href: Option<String>,
    /// How big the dot is drawn (e.g. mentions); the heaviest are kept under the cap.
    pub weight: u32,
}

/// One ring of the outline.
#[derive(Debug)]
struct Ring {
    /// The start, in grid units.
    x: i64,
    y: i64,
    /// The bounding box.
    min_x: i64,
    min_y: i64,
    max_x: i64,
    max_y: i64,
    /// The rest of the path data, `l…z` (checked: digits, spaces, minus signs).
    steps: &'static str,
}

static LAND: LazyLock<Vec<Ring>> = LazyLock::new(|| {
    OUTLINE
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(ring)
        .collect()
});

/// The whole world's land path, the same for every world map.
static WORLD_LAND: LazyLock<String> = LazyLock::new(|| rings_path(&WORLD));

/// A ring line read, or `None`.
fn ring(line: &'static str) -> Option<Ring> {
    let rest = line.strip_prefix('M')?;
    let l = rest.find('l')?;
    let (start, steps) = rest.split_at(l);
    let [x, y] = numbers(start)?[..] else {
        return None;
    };
    let deltas = numbers(steps.strip_prefix('l')?.strip_suffix('z')?)?;
    if deltas.len() < 4 || deltas.len() % 2 != 0 {
        return None;
    }
    let (mut cx, mut cy) = (x, y);
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (x, y, x, y);
    for step in deltas.chunks_exact(2) {
        cx += step[0];
        cy += step[1];
        min_x = min_x.min(cx);
        max_x = max_x.max(cx);
        min_y = min_y.min(cy);
        max_y = max_y.max(cy);
    }
    Some(Ring {
        x,
        y,
        min_x,
        min_y,
        max_x,
        max_y,
        steps,
    })
}

/// Integers separated by spaces or by their own minus signs (`3 -2-1 4`), or `None` if
/// anything else is there or a number is implausibly large.
fn numbers(s: &str) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    let mut current: Option<i64> = None;
    let mut negative = false;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                let v = current.unwrap_or(0) * 10 + i64::from(b - b'0');
                if v > 1_000_000 {
                    return None;
                }
                current = Some(v);
            }
            b' ' | b'-' => {
                match current.take() {
                    Some(v) => out.push(if negative { -v } else { v }),
                    None if negative => return None,
                    None => {}
                }
                negative = b == b'-';
            }
            _ => return None,
        }
    }
    match current {
        Some(v) => out.push(if negative { -v } else { v }),
        None if negative => return None,
        None => {}
    }
    Some(out)
}

/// What the map shows, in grid units. `x` is in `0..WORLD_W`; `x + w` may pass `WORLD_W`,
/// and then the map wraps.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

const WORLD: View = View {
    x: 0.0,
    y: 0.0,
    w: WORLD_W,
    h: WORLD_H,
};

impl View {
    fn is_world(&self) -> bool {
        *self == WORLD
    }
}

/// The view for a focus box `(south, west, north, east)` in degrees (see [`world_map`]).
fn view(focus: Option<(f64, f64, f64, f64)>) -> View {
    let Some((a, b, c, d)) = focus else {
        return WORLD;
    };
    if ![a, b, c, d].iter().all(|v| v.is_finite()) {
        return WORLD;
    }
    let south = a.min(c).clamp(-90.0, 90.0);
    let north = a.max(c).clamp(-90.0, 90.0);
    let west = b.clamp(-180.0, 180.0);
    let east = d.clamp(-180.0, 180.0);
    // West east of east: the box crosses the antimeridian.
    let lon_span = if west <= east {
        east - west
    } else {
        east + 360.0 - west
    };
    let center_lon = west + lon_span / 2.0;
    let center_lat = (south + north) / 2.0;
    let lat = ((north - south) * (1.0 + 2.0 * PAD)).max(MIN_SPAN / 2.0);
    let lon = (lon_span * (1.0 + 2.0 * PAD)).max(MIN_SPAN).max(2.0 * lat);
    if lon >= 360.0 {
        return WORLD;
    }
    let (w, h) = (lon * SCALE, lon / 2.0 * SCALE);
    let y = ((90.0 - center_lat) * SCALE - h / 2.0).clamp(0.0, WORLD_H - h);
    let mut x = ((center_lon + 180.0) * SCALE - w / 2.0).rem_euclid(WORLD_W);
    if x >= WORLD_W {
        x -= WORLD_W;
    }
    View { x, y, w, h }
}

/// The land path for the view (the world's is made once).
fn land_path(view: &View) -> Cow<'static, str> {
    if view.is_world() {
        Cow::Borrowed(WORLD_LAND.as_str())
    } else {
        Cow::Owned(rings_path(view))
    }
}

/// The path of the rings that reach into the view, each at its own place and, where the
/// view wraps, again one world to the right.
fn rings_path(view: &View) -> String {
    let mut d = String::new();
    for offset in [0, WORLD_W as i64] {
        for r in LAND.iter() {
            let inside = ((r.min_x + offset) as f64) < view.x + view.w
                && ((r.max_x + offset) as f64) > view.x
                && (r.min_y as f64) < view.y + view.h
                && (r.max_y as f64) > view.y;
            if inside {
                let _ = write!(d, "M{} {}{}", r.x + offset, r.y, r.steps);
            }
        }
    }
    d
}

/// Meridians and parallels across the view: every 30° on a wide view, 10° or 5° closer in.
fn graticule(view: &View) -> String {
    let span = view.w / SCALE;
    let step = if span > 120.0 {
        30.0
    } else if span > 40.0 {
        10.0
    } else {
        5.0
    } * SCALE;
    let mut d = String::new();
    let first = (view.x / step).ceil() as i64;
    let last = ((view.x + view.w) / step).floor() as i64;
    for k in first..=last {
        let x = k as f64 * step;
        let _ = write!(d, "M{} {}V{}", num(x), num(view.y), num(view.y + view.h));
    }
    let first = (view.y / step).ceil() as i64;
    let last = ((view.y + view.h) / step).floor() as i64;
    for k in first..=last {
        let y = k as f64 * step;
        let _ = write!(d, "M{} {}H{}", num(view.x), num(y), num(view.x + view.w));
    }
    d
}

/// A number for an attribute: at most two decimals, no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// `45°N`, `0°`, `20°S`.
fn lat_name(lat: f64) -> String {
    let v = lat.round();
    match v {
        v if v > 0.0 => format!("{v}°N"),
        v if v < 0.0 => format!("{}°S", -v),
        _ => "0°".into(),
    }
}

/// `149°E`, `180°`, `75°W` (any longitude, brought into −180..180).
fn lon_name(lon: f64) -> String {
    let v = ((lon + 180.0).rem_euclid(360.0) - 180.0).round();
    match v {
        v if v == 180.0 || v == -180.0 => "180°".into(),
        v if v > 0.0 => format!("{v}°E"),
        v if v < 0.0 => format!("{}°W", -v),
        _ => "0°".into(),
    }
}

/// An `href` we link: a path, a query, a fragment, or an `http`/`https` URL.
fn linkable(href: &str) -> bool {
    match href.find([':', '/', '?', '#']) {
        Some(i) if href.as_bytes()[i] == b':' => {
            let scheme = &href[..i];
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
        _ => true,
    }
}

/// A dot placed: grid position and radius in grid units.
struct Placed<'a> {
    dot: &'a Dot,
    x: f64,
    y: f64,
    r: f64,
}

/// The map: `<svg class="world-map" viewBox=… role=… aria-label=…>` with the sea
/// (`rect.sea`), the graticule (`path.graticule`), the land (`path.land`) and one dot per
/// place (`a.place` or `g.place`, holding its `<title>` and `circle`).
///
/// `focus` is a box `(south, west, north, east)` in degrees to zoom to (`west > east`: it
/// crosses the antimeridian); `None`, or one that is not finite, is the world. Dots with
/// coordinates that are not finite or out of range are skipped, those outside the view are
/// left out, and of the rest the [`MAX_DOTS`] heaviest are drawn (the lighter on top).
/// Colours are presentation attributes, so the SVG reads on its own; the classes let a
/// stylesheet override them.
pub fn world_map(dots: &[Dot], focus: Option<(f64, f64, f64, f64)>) -> Markup {
    let view = view(focus);
    let unit = view.w / NOMINAL_PX;
    let mut placed: Vec<Placed> = dots
        .iter()
        .filter(|d| {
            d.lat.is_finite()
                && d.lon.is_finite()
                && (-90.0..=90.0).contains(&d.lat)
                && (-180.0..=180.0).contains(&d.lon)
        })
        .filter_map(|dot| {
            let mut x = (dot.lon + 180.0) * SCALE;
            if x < view.x {
                x += WORLD_W;
            }
            let y = (90.0 - dot.lat) * SCALE;
            let r = (MIN_R + R_PER_LN * f64::from(dot.weight).ln_1p()).min(MAX_R) * unit;
            let seen = x + r > view.x
                && x - r < view.x + view.w
                && y + r > view.y
                && y - r < view.y + view.h;
            seen.then_some(Placed { dot, x, y, r })
        })
        .collect();
    // Heaviest first (stable: among equals, the order given), so the lighter draw on top.
    placed.sort_by_key(|p| std::cmp::Reverse(p.dot.weight));
    placed.truncate(MAX_DOTS);

    let places = match placed.len() {
        1 => "1 place".to_string(),
        n => format!("{n} places"),
    };
    let label = if view.is_world() {
        format!("World map with {places}")
    } else {
        let north = 90.0 - view.y / SCALE;
        let south = 90.0 - (view.y + view.h) / SCALE;
        let west = view.x / SCALE - 180.0;
        let east = (view.x + view.w) / SCALE - 180.0;
        format!(
            "Map of {}–{}, {}–{} with {places}",
            lat_name(south),
            lat_name(north),
            lon_name(west),
            lon_name(east)
        )
    };
    // Links inside an `img` would be hidden from assistive technology.
    let linked = placed
        .iter()
        .any(|p| p.dot.href.as_deref().is_some_and(linkable));
    let role = if linked { "group" } else { "img" };
    let view_box = format!(
        "{} {} {} {}",
        num(view.x),
        num(view.y),
        num(view.w),
        num(view.h)
    );
    let land = land_path(&view);
    html! {
        svg class="world-map" xmlns="http://www.w3.org/2000/svg" viewBox=(view_box)
            preserveAspectRatio="xMidYMid meet" overflow="hidden" role=(role)
            aria-label=(label) {
            rect class="sea" x=(num(view.x)) y=(num(view.y)) width=(num(view.w))
                height=(num(view.h)) fill="#eef3f7" {}
            path class="graticule" d=(graticule(&view)) fill="none" stroke="#d3dde6"
                stroke-width="0.5" vector-effect="non-scaling-stroke" {}
            // No stroke: it would draw the cuts at the antimeridian and the south edge.
            path class="land" d=(land.as_ref()) fill="#d6cfbb" fill-rule="evenodd" {}
            @for p in &placed {
                @let mark = html! {
                    title { (p.dot.label) }
                    circle cx=(num(p.x)) cy=(num(p.y)) r=(num(p.r)) fill="#1f4e8c"
                        fill-opacity="0.8" stroke="#ffffff" stroke-width="1"
                        vector-effect="non-scaling-stroke" {}
                };
                @match p.dot.href.as_deref().filter(|h| linkable(h)) {
                    Some(href) => a class="place" href=(href) { (mark) },
                    None => g class="place" { (mark) },
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(lat: f64, lon: f64, label: &str, weight: u32) -> Dot {
        Dot {
            lat,
            lon,
            label: label.into(),
            href: None,
            weight,
        }
    }

    fn view_box(svg: &str) -> Vec<f64> {
        let start = svg.find("viewBox=\"").unwrap() + 9;
        let end = start + svg[start..].find('"').unwrap();
        svg[start..end]
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect()
    }

    fn land_d(svg: &str) -> &str {
        let start = svg.find("<path class=\"land\" d=\"").unwrap() + 22;
        let end = start + svg[start..].find('"').unwrap();
        &svg[start..end]
    }

    #[test]
    fn every_ring_of_the_outline_reads() {
        let lines: Vec<&str> = OUTLINE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert!(lines.len() > 100, "{}", lines.len());
        assert_eq!(LAND.len(), lines.len(), "a ring did not read");
        let header = OUTLINE.lines().nth(1).unwrap();
        assert!(
            header.contains(&format!("scale {SCALE}:"))
                && header.contains(&format!("{} rings", lines.len())),
            "{header}"
        );
        for r in LAND.iter() {
            assert!(r.min_x >= 0 && r.max_x <= WORLD_W as i64, "{r:?}");
            assert!(r.min_y >= 0 && r.max_y <= WORLD_H as i64, "{r:?}");
        }
        // Japan (Honshu, about 36°N 138°E) is there.
        assert!(
            LAND.iter()
                .any(|r| r.min_x < 3180 && r.max_x > 3180 && r.min_y < 540 && r.max_y > 540)
        );
    }

    #[test]
    fn numbers_read_and_refuse() {
        assert_eq!(numbers("3 -2-1 4"), Some(vec![3, -2, -1, 4]));
        assert_eq!(numbers("12"), Some(vec![12]));
        assert_eq!(numbers(""), Some(vec![]));
        assert_eq!(numbers("1--2"), None);
        assert_eq!(numbers("1 -"), None);
        assert_eq!(numbers("1x"), None);
        assert_eq!(numbers("99999999999999999999"), None);
        assert!(ring("M1 2l3 4-5 6z").is_some());
        assert!(ring("M1 2l3 4-5z").is_none());
        assert!(ring("M1 2 3l3 4-5 6z").is_none());
        assert!(ring("M1 2l3 4-5 6").is_none());
        assert!(ring("garbage").is_none());
    }

    #[test]
    fn the_world_map_has_the_land_and_a_circle_per_valid_dot() {
        let dots = [
            dot(35.68, 139.69, "Tokyo", 10),
            dot(43.12, 131.89, "Vladivostok", 3),
            dot(55.76, 37.62, "Moscow", 0),
            dot(f64::NAN, 10.0, "nan lat", 1),
            dot(10.0, f64::NAN, "nan lon", 1),
            dot(f64::INFINITY, 0.0, "inf", 1),
            dot(91.0, 0.0, "too far north", 1),
            dot(0.0, -180.5, "too far west", 1),
            dot(-90.0, 180.0, "edge", 1),
        ];
        let svg = world_map(&dots, None).into_string();
        assert!(svg.starts_with("<svg class=\"world-map\""), "{svg}");
        assert_eq!(view_box(&svg), [0.0, 0.0, 3600.0, 1800.0]);
        let land = land_d(&svg);
        assert!(
            land.len() > 10_000 && land.starts_with('M'),
            "{}",
            land.len()
        );
        assert_eq!(land.matches('M').count(), LAND.len());
        assert_eq!(svg.matches("<circle ").count(), 4, "{svg}");
        for skipped in ["nan", "inf", "too far"] {
            assert!(!svg.contains(skipped), "{skipped}");
        }
        assert!(
            svg.contains("role=\"img\" aria-label=\"World map with 4 places\""),
            "{svg}"
        );
        assert!(svg.contains("<title>Tokyo</title>"));
        assert!(!svg.contains("style="), "no inline style under the CSP");
        // Heavier dots are bigger, and drawn first.
        let tokyo = svg.find("Tokyo").unwrap();
        let moscow = svg.find("Moscow").unwrap();
        assert!(tokyo < moscow);
        assert!(svg.contains("<circle cx=\"3196.9\" cy=\"543.2\""), "{svg}");
    }

    #[test]
    fn labels_and_links_are_escaped_and_only_safe_links_are_made() {
        let mut hostile = dot(0.0, 0.0, "<script>alert(\"x\")</script> & co", 1);
        hostile.href = Some("/countries/x?a=1&b=\"2\"".into());
        let mut js = dot(10.0, 10.0, "js", 1);
        js.href = Some(" JavaScript:alert(1)".into());
        let mut data = dot(10.0, 10.0, "data", 1);
        data.href = Some("data:text/html,hi".into());
        let mut web = dot(10.0, 10.0, "web", 1);
        web.href = Some("https://www.loc.gov/".into());
        let svg = world_map(&[hostile, js, data, web], None).into_string();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(
            svg.contains(
                "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>"
            ),
            "{svg}"
        );
        assert!(
            svg.contains("<a class=\"place\" href=\"/countries/x?a=1&amp;b=&quot;2&quot;\">"),
            "{svg}"
        );
        assert!(
            svg.contains("<a class=\"place\" href=\"https://www.loc.gov/\">"),
            "{svg}"
        );
        assert!(
            !svg.contains("JavaScript") && !svg.contains("data:"),
            "{svg}"
        );
        assert_eq!(svg.matches("<a ").count(), 2);
        assert_eq!(svg.matches("<g class=\"place\">").count(), 2);
        assert!(
            svg.contains("role=\"group\""),
            "links stay reachable: {svg}"
        );
    }

    #[test]
    fn a_focus_zooms_to_its_box() {
        // Japan and the Kuril Islands.
        let dots = [
            dot(35.68, 139.69, "Tokyo", 10),
            dot(45.5, 149.0, "Kuril Islands", 2),
            dot(55.76, 37.62, "Moscow", 5),
        ];
        let svg = world_map(&dots, Some((30.0, 128.0, 51.0, 156.0))).into_string();
        let vb = view_box(&svg);
        assert_ne!(vb, [0.0, 0.0, 3600.0, 1800.0]);
        let [x, y, w, h] = vb[..] else { panic!() };
        assert!((w - 2.0 * h).abs() < 0.01, "{vb:?}");
        // The box, padded, is inside the view.
        assert!(
            x < (128.0 + 180.0) * SCALE && x + w > (156.0 + 180.0) * SCALE,
            "{vb:?}"
        );
        assert!(
            y < (90.0 - 51.0) * SCALE && y + h > (90.0 - 30.0) * SCALE,
            "{vb:?}"
        );
        assert!(
            svg.contains("<title>Kuril Islands</title>") && svg.contains("<title>Tokyo</title>")
        );
        assert!(
            !svg.contains("Moscow"),
            "dots outside the view are left out"
        );
        let land = land_d(&svg);
        assert!(!land.is_empty() && land.len() < 12_000, "{}", land.len());
        assert!(
            svg.contains("aria-label=\"Map of 27°N–54°N, 115°E–169°E with 2 places\""),
            "{svg}"
        );
        // Swapped corners are the same box.
        assert_eq!(
            view_box(&world_map(&[], Some((51.0, 128.0, 30.0, 156.0))).into_string()),
            vb
        );
    }

    #[test]
    fn focus_edge_cases_never_panic() {
        // A point: the smallest view, centred on it.
        let v = view(Some((45.5, 149.0, 45.5, 149.0)));
        assert_eq!((v.w, v.h), (MIN_SPAN * SCALE, MIN_SPAN / 2.0 * SCALE));
        assert!((v.x + v.w / 2.0 - 3290.0).abs() < 1e-6 && (v.y + v.h / 2.0 - 445.0).abs() < 1e-6);
        // Near a pole: kept inside the world.
        let v = view(Some((88.0, 0.0, 90.0, 10.0)));
        assert_eq!(v.y, 0.0);
        let v = view(Some((-90.0, 0.0, -89.0, 10.0)));
        assert!((v.y + v.h - WORLD_H).abs() < 1e-9);
        // Not finite: the world.
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(view(Some((bad, 0.0, 10.0, 10.0))), WORLD);
            assert_eq!(view(Some((0.0, 0.0, 10.0, bad))), WORLD);
        }
        // Everything, or out of range: the world.
        assert_eq!(view(Some((-90.0, -180.0, 90.0, 180.0))), WORLD);
        assert_eq!(view(Some((-1e300, -1e300, 1e300, 1e300))), WORLD);
        assert_eq!(view(None), WORLD);
        // Tall boxes are widened to twice their height, at most the world.
        let v = view(Some((-56.0, -76.0, -17.0, -66.0)));
        assert!((v.w - 2.0 * v.h).abs() < 1e-9 && v.h <= WORLD_H);
        let v = view(Some((-80.0, 0.0, 80.0, 1.0)));
        assert_eq!(v, WORLD);
        for f in [
            (f64::MAX, f64::MIN, f64::MIN_POSITIVE, -0.0),
            (0.0, 180.0, 0.0, -180.0),
            (0.0, -180.0, 0.0, -180.0),
        ] {
            let svg = world_map(&[dot(0.0, 180.0, "x", u32::MAX)], Some(f)).into_string();
            assert!(svg.contains("<path class=\"land\""));
        }
    }

    #[test]
    fn a_focus_across_the_antimeridian_wraps() {
        // The Bering Strait: from Kamchatka (west 160°E) to Alaska (east 150°W).
        let svg = world_map(
            &[dot(64.7, 177.5, "Anadyr", 1), dot(64.5, -165.4, "Nome", 1)],
            Some((55.0, 160.0, 70.0, -150.0)),
        )
        .into_string();
        let [x, _, w, _] = view_box(&svg)[..] else {
            panic!()
        };
        assert!(x < 3400.0 && x + w > 3900.0, "{x} {w}");
        assert_eq!(svg.matches("<circle ").count(), 2, "{svg}");
        // Nome is drawn one world to the right, beside Anadyr.
        assert!(svg.contains("cx=\"3746\""), "{svg}");
        // Alaska is drawn shifted too.
        let land = land_d(&svg);
        assert!(
            land.split('M')
                .skip(1)
                .any(|r| r.split(' ').next().unwrap().parse::<i64>().unwrap() > 3600),
            "{land}"
        );
        assert!(
            svg.contains("aria-label=\"Map of 46°N–79°N, 153°E–143°W with 2 places\""),
            "{svg}"
        );
    }

    #[test]
    fn at_most_max_dots_the_heaviest() {
        let dots: Vec<Dot> = (0..MAX_DOTS as u32 + 100)
            .map(|i| {
                dot(
                    f64::from(i % 170) - 85.0,
                    f64::from(i % 350) - 175.0,
                    &format!("p{i}"),
                    i,
                )
            })
            .collect();
        let svg = world_map(&dots, None).into_string();
        assert_eq!(svg.matches("<circle ").count(), MAX_DOTS);
        assert!(svg.contains("<title>p599</title>") && svg.contains("<title>p100</title>"));
        assert!(!svg.contains("<title>p99</title>") && !svg.contains("<title>p0</title>"));
        // Radii are capped.
        let biggest = MAX_R * WORLD_W / NOMINAL_PX;
        for part in svg.split(" r=\"").skip(1) {
            let r: f64 = part[..part.find('"').unwrap()].parse().unwrap();
            assert!(r > 0.0 && r <= biggest + 1e-9, "{r}");
        }
    }

    #[test]
    fn names_of_degrees() {
        assert_eq!(num(3196.9), "3196.9");
        assert_eq!(num(200.0), "200");
        assert_eq!(num(-0.001), "0");
        assert_eq!(
            (lat_name(45.4), lat_name(0.2), lat_name(-20.0)),
            ("45°N".into(), "0°".into(), "20°S".into())
        );
        assert_eq!(lon_name(149.0), "149°E");
        assert_eq!(lon_name(210.0), "150°W");
        assert_eq!(lon_name(-180.0), "180°");
        assert_eq!(lon_name(0.0), "0°");
    }

    /// `cargo test -p server map::tests::example -- --ignored` draws three maps into the
    /// temporary directory (`map-example.svg`, `map-example-focus.svg`,
    /// `map-example-bering.svg`) to look at.
    #[test]
    #[ignore = "writes files to look at"]
    fn example() {
        let mut dots = vec![
            dot(35.68, 139.69, "Tokyo", 40),
            dot(43.12, 131.89, "Vladivostok", 8),
            dot(55.76, 37.62, "Moscow", 120),
            dot(45.5, 149.0, "Kuril Islands", 4),
        ];
        dots[0].href = Some("/countries/japan".into());
        let dir = std::env::temp_dir();
        std::fs::write(
            dir.join("map-example.svg"),
            world_map(&dots, None).into_string(),
        )
        .unwrap();
        std::fs::write(
            dir.join("map-example-focus.svg"),
            world_map(&dots, Some((30.0, 128.0, 51.0, 156.0))).into_string(),
        )
        .unwrap();
        std::fs::write(
            dir.join("map-example-bering.svg"),
            world_map(&dots, Some((50.0, 150.0, 72.0, -150.0))).into_string(),
        )
        .unwrap();
    }
}
