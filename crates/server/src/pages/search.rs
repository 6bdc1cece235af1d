//! Full-text search (`/search`): the form with its filters, the hits with highlighted
//! snippets, and pagination.

use std::fmt::Write;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use maud::{Markup, html};

use super::html_page;
use crate::api::{SearchParams, blocking, parse_search_params};
use crate::html::{Crumb, as_of_text, encode, layout, snippet};
use crate::{AppError, AppState};

/// `GET /search?q=&country=&as_of_from=&as_of_to=&limit=&offset=`.
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = parse_search_params(raw.as_deref().unwrap_or("")).map_err(AppError::html)?;
    let text = params.text().to_owned();
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here("Search"),
    ];
    let form = form(&params, &state);
    if text.is_empty() {
        let body = html! {
            h1 { "Search" }
            (form)
            p class="tips" {
                "All words must match. Use " code { "\"quotes\"" } " for a phrase, "
                code { "-word" } " to exclude a word, " code { "title:word" }
                " to search titles."
            }
        };
        return Ok(html_page(layout("Search", &crumbs, "", body)));
    }
    let query = params.to_query().map_err(AppError::html)?;
    let q = query.clone();
    let results = blocking(&state, move |lib| lib.search(&q))
        .await?
        .map_err(|e| AppError::from(e).html())?;
    let first = query.offset + 1;
    let last = query.offset + results.hits.len();
    let body = html! {
        h1 { "Search" }
        (form)
        p class="count" {
            @if results.total == 0 {
                "No sections match “" (text) "”."
            } @else if results.hits.is_empty() {
                (results.total) " results for “" (text) "”; this page is past the last one."
            } @else {
                (first) "–" (last) " of " (results.total) " results for “" (text) "”"
            }
        }
        ol class="hits" start=(first) {
            @for h in &results.hits {
                li class="hit" {
                    a class="hit-title" href={ "/sections/" (encode(&h.section_id)) } {
                        (h.display_title)
                    }
                    div class="hit-meta" {
                        (h.country) " · " (h.book)
                        @if let Some(as_of) = &h.data_as_of {
                            " · " span class="asof" { "Data as of " (as_of_text(as_of)) }
                        }
                    }
                    p class="snippet" { (snippet(&h.snippet, &h.highlights)) }
                }
            }
        }
        (pagination(&params, &query, results.total))
    };
    Ok(html_page(layout(
        &format!("Search: {text}"),
        &crumbs,
        &text,
        body,
    )))
}

/// The search form, filled in with the request's values.
fn form(p: &SearchParams, state: &AppState) -> Markup {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let chosen = p.country.as_deref().unwrap_or("");
    html! {
        form class="search-full" action="/search" method="get" role="search" {
            p {
                label for="q" { "Words" } " "
                input id="q" type="search" name="q" value=(value(&p.q))
                    maxlength=(library::MAX_QUERY_LEN);
            }
            p {
                label for="country" { "Country" } " "
                select id="country" name="country" {
                    option value="" { "All countries" }
                    @for (id, name) in &state.sources().countries {
                        option value=(id)
                            selected[id == chosen || name.eq_ignore_ascii_case(chosen)] { (name) }
                    }
                }
            }
            p {
                label for="from" { "Data as of, from" } " "
                input id="from" name="as_of_from" inputmode="numeric" size="5"
                    placeholder="1986" value=(value(&p.as_of_from));
                " "
                label for="to" { "to" } " "
                input id="to" name="as_of_to" inputmode="numeric" size="5"
                    placeholder="2025" value=(value(&p.as_of_to));
            }
            p { button type="submit" { "Search" } }
        }
    }
}

/// Previous / page n of m / next, keeping every filter.
fn pagination(p: &SearchParams, q: &library::SearchQuery, total: usize) -> Markup {
    if total <= q.limit && q.offset == 0 {
        return html! {};
    }
    let link = |offset: usize| {
        let mut url = format!("/search?q={}", encode(&q.text));
        for (name, v) in [
            ("country", &p.country),
            ("as_of_from", &p.as_of_from),
            ("as_of_to", &p.as_of_to),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                let _ = write!(url, "&{name}={}", encode(v.trim()));
            }
        }
        if q.limit != crate::DEFAULT_LIMIT {
            let _ = write!(url, "&limit={}", q.limit);
        }
        if offset > 0 {
            let _ = write!(url, "&offset={offset}");
        }
        url
    };
    let pages = total.div_ceil(q.limit).max(1);
    let page = q.offset / q.limit + 1;
    let next = q.offset + q.limit;
    html! {
        nav class="pages" aria-label="Result pages" {
            @if q.offset > 0 {
                a rel="prev" href=(link(q.offset.saturating_sub(q.limit))) { "← Previous" } " "
            }
            span { "Page " (page) " of " (pages) }
            @if next < total && next <= crate::MAX_OFFSET {
                " " a rel="next" href=(link(next)) { "Next →" }
            }
        }
    }
}
