//! Full-text search (`/search`): the form with its filters, the hits with highlighted
//! snippets, and pagination.

use std::fmt::Write;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;

use super::html_page;
use crate::api::{SearchParams, blocking, query_rejection};
use crate::html::{Crumb, as_of_text, encode, escape, layout, snippet};
use crate::{AppError, AppState};

/// `GET /search?q=&country=&as_of_from=&as_of_to=&limit=&offset=`.
pub(crate) async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(params) = params.map_err(|r| query_rejection(r).html())?;
    let text = params.text().to_owned();
    let mut body = String::with_capacity(16 * 1024);
    body.push_str("<h1>Search</h1>\n");
    form(&mut body, &params, &state);
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here("Search"),
    ];
    if text.is_empty() {
        body.push_str(
            "<p class=\"tips\">All words must match. Use <code>\"quotes\"</code> for a phrase, <code>-word</code> to exclude a word, <code>title:word</code> to search titles.</p>\n",
        );
        return Ok(html_page(layout("Search", &crumbs, "", &body)));
    }
    let query = params.to_query().map_err(AppError::html)?;
    let q = query.clone();
    let results = blocking(&state, move |lib| lib.search(&q))
        .await?
        .map_err(|e| AppError::from(e).html())?;
    let first = query.offset + 1;
    let last = query.offset + results.hits.len();
    if results.total == 0 {
        let _ = writeln!(
            body,
            "<p class=\"count\">No sections match “{}”.</p>",
            escape(&text)
        );
    } else if results.hits.is_empty() {
        let _ = writeln!(
            body,
            "<p class=\"count\">{} results for “{}”; this page is past the last one.</p>",
            results.total,
            escape(&text)
        );
    } else {
        let _ = writeln!(
            body,
            "<p class=\"count\">{first}–{last} of {} results for “{}”</p>",
            results.total,
            escape(&text)
        );
    }
    let _ = writeln!(body, "<ol class=\"hits\" start=\"{first}\">");
    for h in &results.hits {
        let _ = write!(
            body,
            "<li class=\"hit\"><a class=\"hit-title\" href=\"/sections/{}\">{}</a>\n<div class=\"hit-meta\">{} · {}",
            encode(&h.section_id),
            escape(&h.section_title),
            escape(&h.country),
            escape(&h.book)
        );
        if let Some(as_of) = &h.data_as_of {
            let _ = write!(
                body,
                " · <span class=\"asof\">Data as of {}</span>",
                escape(&as_of_text(as_of))
            );
        }
        let _ = writeln!(
            body,
            "</div>\n<p class=\"snippet\">{}</p></li>",
            snippet(&h.snippet)
        );
    }
    body.push_str("</ol>\n");
    pagination(&mut body, &params, &query, results.total);
    Ok(html_page(layout(
        &format!("Search: {text}"),
        &crumbs,
        &text,
        &body,
    )))
}

/// The search form, filled in with the request's values.
fn form(out: &mut String, p: &SearchParams, state: &AppState) {
    let value = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let _ = write!(
        out,
        "<form class=\"search-full\" action=\"/search\" method=\"get\" role=\"search\">\n\
<p><label for=\"q\">Words</label> <input id=\"q\" type=\"search\" name=\"q\" value=\"{}\" maxlength=\"{}\"></p>\n\
<p><label for=\"country\">Country</label> <select id=\"country\" name=\"country\"><option value=\"\">All countries</option>",
        value(&p.q),
        library::MAX_QUERY_LEN
    );
    let chosen = p.country.as_deref().unwrap_or("");
    for (id, name) in &state.sources().countries {
        let selected = if id == chosen || name.eq_ignore_ascii_case(chosen) {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{}</option>",
            escape(id),
            escape(name)
        );
    }
    let _ = write!(
        out,
        "</select></p>\n\
<p><label for=\"from\">Data as of, from</label> <input id=\"from\" name=\"as_of_from\" inputmode=\"numeric\" size=\"5\" placeholder=\"1986\" value=\"{}\">\n\
<label for=\"to\">to</label> <input id=\"to\" name=\"as_of_to\" inputmode=\"numeric\" size=\"5\" placeholder=\"2025\" value=\"{}\"></p>\n\
<p><button type=\"submit\">Search</button></p>\n</form>\n",
        value(&p.as_of_from),
        value(&p.as_of_to)
    );
}

/// Previous / page n of m / next, keeping every filter.
fn pagination(out: &mut String, p: &SearchParams, q: &library::SearchQuery, total: usize) {
    if total <= q.limit && q.offset == 0 {
        return;
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
        escape(&url)
    };
    let pages = total.div_ceil(q.limit).max(1);
    let page = q.offset / q.limit + 1;
    out.push_str("<nav class=\"pages\" aria-label=\"Result pages\">");
    if q.offset > 0 {
        let _ = write!(
            out,
            "<a rel=\"prev\" href=\"{}\">← Previous</a> ",
            link(q.offset.saturating_sub(q.limit))
        );
    }
    let _ = write!(out, "<span>Page {page} of {pages}</span>");
    let next = q.offset + q.limit;
    if next < total && next <= crate::MAX_OFFSET {
        let _ = write!(out, " <a rel=\"next\" href=\"{}\">Next →</a>", link(next));
    }
    out.push_str("</nav>\n");
}
