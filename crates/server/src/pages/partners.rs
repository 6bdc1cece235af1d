//! A state's partners on its country and entity pages: the states it has events with, most
//! events first, each linked to the pair's page (`/relations/{a}/{b}`) with its count (the
//! pair page's: the states of its code family that it holds are named after it) and its
//! commonest event types. Past [`SHOWN`], the rest fold into a `<details>` (no script).

use maud::{Markup, html};

use crate::html::{count, encode, number};

/// Partners listed before the rest fold.
const SHOWN: usize = 12;

/// `FIGHT 2, CONSULT 1`: the three commonest types.
fn types(p: &library::Partner) -> String {
    let mut v: Vec<(&String, &usize)> = p.by_type.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(3)
        .map(|(t, n)| format!("{t} {}", number(**n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The "Relations" section; nothing when the state has no events with another.
pub(crate) fn section(p: &library::Partners) -> Markup {
    if p.partners.is_empty() {
        return html! {};
    }
    let item = |x: &library::Partner| {
        html! {
            li {
                a href={ "/relations/" (encode(&p.state.id)) "/" (encode(&x.id)) } { (x.name) }
                @if !x.including.is_empty() { " (and " (x.including.join(", ")) ")" }
                span class="hit-meta" { " · " (count(x.count, "event", "events")) " (" (types(x)) ")" }
            }
        }
    };
    let (first, rest) = p.partners.split_at(p.partners.len().min(SHOWN));
    html! {
        section class="partners" aria-labelledby="relations" {
            h2 id="relations" { "Relations" }
            p class="lede-small" {
                (count(p.total, "event", "events")) " between " (p.state.name) " and "
                (count(p.partners.len(), "other state", "other states"))
                ", read from the sentences of the library; the states with the most events first."
            }
            ol class="partners" { @for x in first { (item(x)) } }
            @if !rest.is_empty() {
                details class="more-partners" {
                    summary { (count(rest.len(), "more state", "more states")) }
                    ol class="partners" start=(SHOWN + 1) { @for x in rest { (item(x)) } }
                }
            }
        }
    }
}
