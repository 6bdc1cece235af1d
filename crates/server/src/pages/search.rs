//! Full-text search (`/search`): the form with every filter the command line has (country,
//! book, data-as-of from/to, results per page, offset), the hits with highlighted snippets,
//! pagination, and a link to the timeline of the results (`/timeline?q=…`).
//!
//! One rule for every outcome, as on the command line and in the API:
//! - no `q` at all: the form and the search tips (`200`);
//! - a query or a number that cannot be used (an empty query, only exclusions, `title:`
//!   alone, over the bounds; a limit, offset or year out of range): the same search page
//!   with the query still in the box, every filter kept and the explanation (`400`; an
//!   unknown country or book is `404`, with the closest names);
//! - an offset past the last hit: `200`, a page saying there are no hits on it, with a link
//!   to the last page of results.

use std::fmt::Write;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use crate::api::{SearchParams, blocking, parse_search_params};
use crate::html::{Crumb, Head, as_of_text, count, encode, excerpt, layout, number, snippet};
use crate::{AppError, AppState, DEFAULT_LIMIT, MAX_OFFSET};

/// Results-per-page choices offered in the form (any 1..=200 is accepted in the URL).
const LIMITS: [usize; 5] = [10, 20, 50, 100, 200];

/// Empty form fields (`book=`) mean "not given".
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// What the form needs from the library besides the hits.
#[derive(Debug, Default)]
struct FormData {
    /// The country filter as an id, when the library knows it.
    country_id: Option<String>,
    /// That country's books (id, title, data-as-of), for the book select.
    books: Vec<(String, String, Option<String>)>,
}

/// Why a search could not run, to explain in the page.
struct Problem {
    status: StatusCode,
    message: String,
}

impl Problem {
    fn bad(message: impl Into<String>) -> Problem {
        Problem {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// The explanation for a library error, or `None` when it is not the user's to fix.
    fn from_library(e: &library::Error) -> Option<Problem> {
        match e {
            library::Error::Query { message, .. } => Some(Problem::bad(sentence(&format!(
                "This search cannot be read: {message}"
            )))),
            library::Error::Argument { name, message } => {
                Some(Problem::bad(sentence(&format!("{name}: {message}"))))
            }
            library::Error::NotFound { .. } => Some(Problem {
                status: StatusCode::NOT_FOUND,
                message: sentence(&e.to_string()),
            }),
            _ => None,
        }
    }
}

/// `s` with its first letter in upper case.
pub(super) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `s` as a sentence: a capital first, a full stop last unless it has one.
pub(super) fn sentence(s: &str) -> String {
    let mut out = upper_first(s.trim());
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// `GET /search?q=&country=&book=&as_of_from=&as_of_to=&limit=&offset=`.
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let raw = raw.unwrap_or_default();
    let (filters, parse_problem) = match parse_search_params(&raw) {
        Ok(params) => (params, None),
        Err(e) => (
            SearchParams::default(),
            Some(Problem::bad(format!(
                "The address of this search cannot be read ({}); search again below.",
                e.message()
            ))),
        ),
    };
    let form_data = {
        let country = given(&filters.country).map(str::to_owned);
        blocking(&state, move |lib| form_data(lib, country.as_deref())).await?
    };
    let page = |status: StatusCode, body: Markup, title: &str, description: &str| {
        let crumbs = [
            Crumb::link("/".into(), "Country Listing"),
            Crumb::here("Search"),
        ];
        let head = Head { title, description };
        (status, layout(head, &crumbs, filters.text(), body)).into_response()
    };
    let text = filters.text().to_owned();
    let problem = |p: Problem| {
        let body = html! {
            h1 { "Search" }
            p class="error" id="search-error" role="alert" { (p.message) }
            (form(&filters, &form_data, &state, true))
            (tips())
        };
        let title = if text.is_empty() {
            "Search".to_owned()
        } else {
            format!("Search: {text}")
        };
        let description = excerpt(
            &format!(
                "{} Search the Country Studies and the World Factbook by words, country, book and date.",
                p.message
            ),
            155,
        );
        page(p.status, body, &title, &description)
    };
    if let Some(p) = parse_problem {
        return Ok(problem(p));
    }
    if filters.q.is_none() {
        let body = html! {
            h1 { "Search" }
            (form(&filters, &form_data, &state, false))
            (tips())
        };
        return Ok(page(
            StatusCode::OK,
            body,
            "Search",
            "Search every section of the Country Studies and the World Factbook, by words, country, book and the date the data was current.",
        ));
    }
    if text.is_empty() {
        return Ok(problem(Problem::bad(
            "Type the words to search for: the search box is empty.",
        )));
    }
    // Offsets past what is shown: explained, not just refused.
    if let Some(offset) = given(&filters.offset).and_then(|o| o.parse::<u64>().ok())
        && offset > MAX_OFFSET as u64
    {
        return Ok(problem(Problem::bad(format!(
            "This page would start after result {}; the reader shows results up to the {}th. Narrow the search instead: more words, a country, a book or a range of years.",
            number(usize::try_from(offset).unwrap_or(usize::MAX)),
            number(MAX_OFFSET),
        ))));
    }
    let query = match filters.to_query() {
        Ok(q) => q,
        Err(e) if e.status() == StatusCode::BAD_REQUEST => {
            return Ok(problem(Problem::bad(sentence(e.message()))));
        }
        Err(e) => return Err(e.html()),
    };
    let q = query.clone();
    let results = match blocking(&state, move |lib| lib.search(&q)).await? {
        Ok(results) => results,
        Err(e) => {
            return match Problem::from_library(&e) {
                Some(p) => Ok(problem(p)),
                None => Err(AppError::from(e).html()),
            };
        }
    };
    let first = query.offset + 1;
    let last = query.offset + results.hits.len();
    let last_page_offset = results.total.saturating_sub(1) / query.limit * query.limit;
    let body = html! {
        h1 { "Search" }
        (form(&filters, &form_data, &state, false))
        @if results.total == 0 {
            p class="count" { "No sections match “" (text) "”." }
            (tips())
        } @else if results.hits.is_empty() {
            p class="count" {
                "No results on this page: “" (text) "” has "
                (count(results.total, "result", "results")) ", and this page would start at result "
                (number(first)) "."
            }
            p class="last-page" {
                a href=(page_link(&filters, &query, last_page_offset)) {
                    "Go to the last page of results"
                    " (" (range_words(last_page_offset + 1, results.total, results.total)) ")"
                }
            }
        } @else {
            p class="count" {
                (range_words(first, last, results.total)) " for “" (text) "”"
            }
            p class="timeline-link" {
                a href=(timeline_link(&filters, &query)) { "Timeline of these results" }
                ": the dated statements of the best-matching sections, in time order."
            }
            ol class="hits" start=(first) {
                @for h in &results.hits {
                    li class="hit" {
                        @let field = h.section_title.as_deref().unwrap_or(&h.display_title);
                        @if library::is_version_id(&h.section_id) {
                            // A Factbook text of several editions: its page is the field's
                            // history, which shows every edition's text.
                            a class="hit-title" href=(super::editions::history_href(&h.country_id, field)) {
                                (h.display_title)
                            }
                        } @else {
                            a class="hit-title" href={ "/sections/" (encode(&h.section_id)) } {
                                (h.display_title)
                            }
                        }
                        div class="hit-meta" {
                            (h.country) " · " (h.book)
                            @if !h.editions.is_empty() {
                                " · " span class="asof" {
                                    (editions_words(&h.editions))
                                }
                                " · " a href=(super::editions::history_href(&h.country_id, field)) {
                                    "this field in every edition"
                                }
                            } @else if let Some(as_of) = &h.data_as_of {
                                " · " span class="asof" { "Data as of " (as_of_text(as_of)) }
                            }
                        }
                        p class="snippet" { (snippet(&h.snippet, &h.highlights)) }
                    }
                }
            }
            (pagination(&filters, &query, results.total))
        }
    };
    let description = format!(
        "{} in the Country Studies and the World Factbook matching “{text}”.",
        upper_first(&count(results.total, "section", "sections")),
    );
    Ok(page(
        StatusCode::OK,
        body,
        &format!("Search: {text}"),
        &description,
    ))
}

/// `Edition 2025`, `Editions 1990–1991, 1995`.
fn editions_words(editions: &[u16]) -> String {
    let noun = if editions.len() == 1 {
        "Edition"
    } else {
        "Editions"
    };
    format!("{noun} {}", library::describe_editions(editions))
}

/// `1 result`, `Result 21 of 21`, `Results 1–20 of 1,234`.
fn range_words(first: usize, last: usize, total: usize) -> String {
    if total == 1 {
        "1 result".to_owned()
    } else if first == last {
        format!("Result {} of {}", number(first), number(total))
    } else {
        format!(
            "Results {}–{} of {}",
            number(first),
            number(last),
            number(total)
        )
    }
}

/// The country filter resolved to an id, and that country's books.
fn form_data(lib: &library::Library, country: Option<&str>) -> FormData {
    let Some(country) = country else {
        return FormData::default();
    };
    let country_id = lib.resolve_country(country).ok().flatten();
    let books = match &country_id {
        Some(id) => lib
            .books(Some(id))
            .map(|books| {
                books
                    .into_iter()
                    .map(|b| (b.id, b.title, b.data_as_of))
                    .collect()
            })
            .unwrap_or_default(),
        None => Vec::new(),
    };
    FormData { country_id, books }
}

/// How to write a query.
fn tips() -> Markup {
    html! {
        p class="tips" {
            "All words must match. Use " code { "\"quotes\"" } " for a phrase, "
            code { "-word" } " to exclude a word, " code { "a OR b" } " for either, "
            code { "title:word" } " to search titles. Anything else is searched as text."
        }
    }
}

/// The search form, filled in with the request's values (kept as typed when they are wrong,
/// so they can be corrected). `invalid` marks the words box as the one the error is about.
fn form(p: &SearchParams, data: &FormData, state: &AppState, invalid: bool) -> Markup {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let chosen = given(&p.country).unwrap_or("");
    let countries = state.sources().countries.clone();
    let is_chosen = |id: &str, name: &str| match &data.country_id {
        Some(resolved) => resolved == id,
        None => id == chosen || name.eq_ignore_ascii_case(chosen),
    };
    let known_country = chosen.is_empty() || countries.iter().any(|(id, n)| is_chosen(id, n));
    let book = given(&p.book).unwrap_or("");
    let book_listed = data.books.iter().any(|(id, _, _)| id == book);
    let limit = given(&p.limit).unwrap_or("");
    let limit_listed = limit.is_empty() || LIMITS.iter().any(|l| l.to_string() == limit);
    let paging_open = !limit.is_empty() || given(&p.offset).is_some();
    html! {
        form class="search-full" action="/search" method="get" role="search"
            aria-label="Search with filters" {
            p {
                label for="q" { "Words" } " "
                input id="q" type="search" name="q" value=(value(&p.q))
                    maxlength=(library::MAX_QUERY_LEN)
                    aria-invalid=[invalid.then_some("true")]
                    aria-describedby=[invalid.then_some("search-error")];
            }
            p {
                label for="country" { "Country" } " "
                select id="country" name="country" {
                    option value="" { "All countries" }
                    @if !known_country {
                        option value=(chosen) selected { (chosen) }
                    }
                    @for (id, name) in &countries {
                        option value=(id) selected[is_chosen(id, name)] { (name) }
                    }
                }
            }
            p {
                label for="book" { "Book" } " "
                @if data.books.is_empty() {
                    input id="book" name="book" value=(book) size="24"
                        placeholder="any book; e.g. soviet-union";
                } @else {
                    select id="book" name="book" {
                        option value="" { "All books" }
                        @if !book.is_empty() && !book_listed {
                            option value=(book) selected { (book) }
                        }
                        @for (id, title, as_of) in &data.books {
                            option value=(id) selected[id == book] {
                                (title)
                                @if let Some(as_of) = as_of { " (" (as_of_text(as_of)) ")" }
                            }
                        }
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
            details class="paging" open[paging_open] {
                summary { "Results per page and offset" }
                p {
                    label for="limit" { "Results per page" } " "
                    select id="limit" name="limit" {
                        @if !limit_listed {
                            option value=(limit) selected { (limit) }
                        }
                        @for l in LIMITS {
                            option value=(l)
                                selected[l.to_string() == limit || (limit.is_empty() && l == DEFAULT_LIMIT)] {
                                (l)
                            }
                        }
                    }
                }
                p {
                    label for="offset" { "Skip the first" } " "
                    input id="offset" name="offset" inputmode="numeric" size="6"
                        placeholder="0" value=(value(&p.offset));
                    " results (at most " (number(MAX_OFFSET)) ")"
                }
            }
            p { button type="submit" { "Search" } }
        }
    }
}

/// A results page of the same search: the query, every filter given, and `offset`.
fn page_link(p: &SearchParams, q: &library::SearchQuery, offset: usize) -> String {
    let mut url = format!("/search?q={}", encode(&q.text));
    for (name, v) in [
        ("country", &p.country),
        ("book", &p.book),
        ("as_of_from", &p.as_of_from),
        ("as_of_to", &p.as_of_to),
    ] {
        if let Some(v) = given(v) {
            let _ = write!(url, "&{name}={}", encode(v));
        }
    }
    if q.limit != DEFAULT_LIMIT {
        let _ = write!(url, "&limit={}", q.limit);
    }
    if offset > 0 {
        let _ = write!(url, "&offset={offset}");
    }
    url
}

/// The timeline of this search's sections (`/timeline?q=…`, with the country filter).
fn timeline_link(p: &SearchParams, q: &library::SearchQuery) -> String {
    let mut url = format!("/timeline?q={}", encode(&q.text));
    if let Some(country) = given(&p.country) {
        let _ = write!(url, "&country={}", encode(country));
    }
    url
}

/// Previous / page n of m / next, keeping every filter.
fn pagination(f: &SearchParams, q: &library::SearchQuery, total: usize) -> Markup {
    if total <= q.limit && q.offset == 0 {
        return html! {};
    }
    let pages = total.div_ceil(q.limit).max(1);
    let page = q.offset / q.limit + 1;
    let next = q.offset + q.limit;
    html! {
        nav class="pages" aria-label="Result pages" {
            @if q.offset > 0 {
                a rel="prev" href=(page_link(f, q, q.offset.saturating_sub(q.limit))) { "← Previous" } " "
            }
            span { "Page " (number(page)) " of " (number(pages)) }
            @if next < total && next <= MAX_OFFSET {
                " " a rel="next" href=(page_link(f, q, next)) { "Next →" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_ranges_agree_with_their_nouns() {
        assert_eq!(range_words(1, 1, 1), "1 result");
        assert_eq!(range_words(21, 21, 21), "Result 21 of 21");
        assert_eq!(range_words(1, 20, 1234), "Results 1–20 of 1,234");
    }
}
