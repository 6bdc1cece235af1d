//! What a section page shows of the names in it, below the text: a small map of the places
//! it names (one dot a place, sized by how often it is named, the view fitted to them) and
//! "Names in this section", grouped by kind, each linked to its entity page. And, under the
//! title, the note that says a page's country was inferred from its text, with the evidence.

use std::collections::HashMap;

use maud::{Markup, html};

use super::map::{Dot, world_map};
use crate::html::{count, encode};
use crate::names::{entity_href, entity_title, kind_plural};

/// One entity a section names, with how often.
struct Named<'a> {
    mention: &'a library::MentionView,
    times: u32,
}

/// The section's entities, each once, in the order they are first named.
fn named(mentions: &[library::MentionView]) -> Vec<Named<'_>> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<Named> = Vec::new();
    for m in mentions {
        match at.get(m.id.as_str()) {
            Some(&i) => out[i].times += 1,
            None => {
                at.insert(&m.id, out.len());
                out.push(Named {
                    mention: m,
                    times: 1,
                });
            }
        }
    }
    out
}

/// The map's dots: every named place with a point, weighted by its mentions, linked to its
/// page. A state's point is the middle of a whole country, which would pull the view away from
/// the places the text is about, so states are drawn only when the section names no other place.
fn dots(named: &[Named]) -> Vec<Dot> {
    let located = |n: &&Named| n.mention.lat.is_some() && n.mention.lon.is_some();
    let only_states = named
        .iter()
        .filter(located)
        .all(|n| n.mention.kind.is_state());
    named
        .iter()
        .filter(|n| only_states || !n.mention.kind.is_state())
        .filter_map(|n| {
            let m = n.mention;
            Some(Dot {
                lat: m.lat?,
                lon: m.lon?,
                label: entity_title(&m.name, m.kind),
                href: Some(entity_href(&m.id)),
                weight: n.times,
            })
        })
        .collect()
}

/// The smallest box `(south, west, north, east)` around the dots; across the antimeridian
/// (west east of east) when that is narrower. `None` without dots.
pub(crate) fn focus_box(dots: &[Dot]) -> Option<(f64, f64, f64, f64)> {
    let points: Vec<&Dot> = dots
        .iter()
        .filter(|d| d.lat.is_finite() && d.lon.is_finite())
        .collect();
    let south = points.iter().map(|d| d.lat).reduce(f64::min)?;
    let north = points.iter().map(|d| d.lat).reduce(f64::max)?;
    let mut lons: Vec<f64> = points.iter().map(|d| d.lon).collect();
    lons.sort_by(f64::total_cmp);
    // The widest gap between neighbouring longitudes, going round the globe; the box is the
    // rest of the circle.
    let (mut west, mut east) = (lons[0], lons[lons.len() - 1]);
    let mut widest = lons[0] + 360.0 - east;
    for pair in lons.windows(2) {
        if pair[1] - pair[0] > widest {
            widest = pair[1] - pair[0];
            (west, east) = (pair[1], pair[0]);
        }
    }
    Some((south, west, north, east))
}

/// The map and the list of names, or nothing when the section names none.
pub(crate) fn names_in_section(mentions: &[library::MentionView]) -> Markup {
    let named = named(mentions);
    if named.is_empty() {
        return html! {};
    }
    let dots = dots(&named);
    let mut kinds: Vec<library::Kind> = named.iter().map(|n| n.mention.kind).collect();
    kinds.sort();
    kinds.dedup();
    html! {
        section class="names" aria-labelledby="names-heading" {
            h2 id="names-heading" { "Names in this section" }
            @if !dots.is_empty() {
                figure class="map" {
                    (world_map(&dots, focus_box(&dots)))
                    figcaption {
                        "The " (count(dots.len(), "place", "places")) " this section names"
                        @if dots.len() < named.iter().filter(|n| n.mention.lat.is_some()).count() {
                            " (states are listed below)"
                        }
                        "; each dot links to its page."
                    }
                }
            }
            dl class="names" {
                @for kind in kinds {
                    div {
                        dt { (kind_plural(kind)) }
                        dd {
                            ul {
                                @for n in named.iter().filter(|n| n.mention.kind == kind) {
                                    li {
                                        a href=(entity_href(&n.mention.id)) { (n.mention.name) }
                                        @if n.times > 1 {
                                            " " span class="times" { "×" (n.times) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Under the title of a page whose country was inferred from its text (`country_inferred`:
/// `{"name", "evidence": [[words, count]], …}`): "Country inferred from the text: Japan
/// (Japanese ×3, Tokyo ×1)", the name linked to the section's country page.
pub(crate) fn inferred_note(
    inferred: Option<&serde_json::Value>,
    country_id: &str,
    country: &str,
) -> Markup {
    let Some(inferred) = inferred else {
        return html! {};
    };
    let name = inferred["name"].as_str().unwrap_or(country);
    let evidence: Vec<(&str, u64)> = inferred["evidence"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| Some((e.get(0)?.as_str()?, e.get(1)?.as_u64()?)))
        .collect();
    html! {
        p class="inferred" {
            "Country inferred from the text: "
            a href={ "/countries/" (encode(country_id)) } { (name) }
            @if !evidence.is_empty() {
                " ("
                @for (i, (words, n)) in evidence.iter().enumerate() {
                    @if i > 0 { ", " }
                    (words) " ×" (n)
                }
                ")"
            }
            "; the page itself names no country."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dot(lat: f64, lon: f64) -> Dot {
        Dot {
            lat,
            lon,
            label: String::new(),
            href: None,
            weight: 1,
        }
    }

    #[test]
    fn the_focus_is_the_narrowest_box() {
        assert_eq!(focus_box(&[]), None);
        assert_eq!(
            focus_box(&[dot(35.0, 139.0)]),
            Some((35.0, 139.0, 35.0, 139.0))
        );
        // Tokyo and Moscow: straight across Asia.
        assert_eq!(
            focus_box(&[dot(35.7, 139.7), dot(55.8, 37.6)]),
            Some((35.7, 37.6, 55.8, 139.7))
        );
        // Kamchatka and Alaska: across the antimeridian (west 160°E, east 150°W).
        assert_eq!(
            focus_box(&[dot(56.0, 160.0), dot(64.5, -150.0), dot(60.0, 170.0)]),
            Some((56.0, 160.0, 64.5, -150.0))
        );
        assert_eq!(focus_box(&[dot(f64::NAN, 0.0)]), None);
    }

    #[test]
    fn the_inferred_country_says_why() {
        let v = serde_json::json!({"name": "Japan", "id": "state:japan", "score": 3.5, "share": 0.8,
            "evidence": [["Japanese", 3], ["<Tokyo>", 1], "junk"]});
        let html = inferred_note(Some(&v), "japan", "Japan").into_string();
        assert_eq!(
            html,
            "<p class=\"inferred\">Country inferred from the text: <a href=\"/countries/japan\">Japan</a> \
             (Japanese ×3, &lt;Tokyo&gt; ×1); the page itself names no country.</p>"
        );
        assert_eq!(inferred_note(None, "japan", "Japan").into_string(), "");
    }
}
