//! The timeline pages that show no timeline: `/timeline` alone (what timelines are, and a
//! form to choose one) and a timeline that cannot be shown (why, the closest names of an
//! unknown state, and the same form).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use crate::AppState;
use crate::html::{Crumb, Head, encode, layout};

/// The form that chooses a timeline: a country, or the sections a search finds.
fn choose_form(state: &AppState) -> Markup {
    let countries = state.sources().countries.clone();
    html! {
        form class="choose" action="/timeline" method="get" aria-label="Choose a timeline" {
            p {
                label for="t-country" { "Country" } " "
                select id="t-country" name="country" {
                    option value="" { "Any country" }
                    @for (id, name) in &countries {
                        option value=(id) { (name) }
                    }
                }
            }
            p {
                label for="t-q" { "Sections that match" } " "
                input id="t-q" type="search" name="q" maxlength=(library::MAX_QUERY_LEN)
                    placeholder="e.g. Northern Territories";
            }
            p { button type="submit" { "Show the timeline" } }
        }
    }
}

/// `/timeline` alone: what timelines are and how to choose one.
pub(super) fn index_page(state: &AppState) -> Response {
    let body = html! {
        p class="kicker" { "Timeline" }
        h1 { "Timelines" }
        p class="lede" {
            "Every dated statement of the library, in time order: for a country, for two states ("
            code { "/timeline/soviet-union/japan" } "), or for the sections a search finds."
        }
        (choose_form(state))
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here("Timeline"),
    ];
    let head = Head {
        title: "Timelines",
        description: "Timelines of the Country Studies and the World Factbook: every dated statement about a country, two states or a search, in time order, with its source.",
    };
    layout(head, &crumbs, "", body).into_response()
}

/// A timeline that cannot be shown: why, the closest names when a state is unknown, and the
/// form to choose another.
pub(super) fn problem(
    state: &AppState,
    status: StatusCode,
    message: &str,
    suggestions: &[String],
) -> Response {
    let body = html! {
        p class="kicker" { "Timeline" }
        h1 { "Timeline" }
        p class="error" role="alert" { (message) }
        @if !suggestions.is_empty() {
            p class="suggestions" {
                "Timelines of "
                @for (i, s) in suggestions.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href={ "/timeline/" (encode(s)) } { (s) }
                }
                "?"
            }
        }
        (choose_form(state))
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here("Timeline"),
    ];
    let description = format!("{message} Choose a country or a search to see its timeline.");
    let head = Head {
        title: "Timeline",
        description: &description,
    };
    (status, layout(head, &crumbs, "", body)).into_response()
}
