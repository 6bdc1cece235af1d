//! Timelines in the reader: `/timeline/{country}`, `/timeline/{a}/{b}` (a pair of states) and
//! `/timeline?q=…` (the timeline of a search's best sections); each also takes `country`,
//! `q`, `from`, `to` and `page` in its query string, and `/timeline` alone offers a form.
//!
//! A page holds the title, the time axis (`axis`: an SVG drawn here from the counts per year
//! of the whole timeline, its marks linking to narrower periods), a form for the years, links
//! to the same timeline as JSON, CSV and TimelineJS from `/api/timeline`, and one page of
//! entries ([`READER_PAGE_SIZE`]): the date as the library words it (`label`, as `areabook
//! timeline` prints it), the sentence with its date words in `<mark>`,
//! the states it names (each linked to its own timeline), the paragraph it comes from
//! (`/sections/{id}#p{n}`) and its citation. Only the page's entries are read from the
//! library, so a timeline of thousands of entries costs what one of a hundred does.
//!
//! A name, alias or code in the path redirects to the page under the states' ids. A
//! parameter that cannot be used is explained in the page (`400`); an unknown state is a
//! `404` that links the library's closest names.

mod axis;
mod choose;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use self::choose::{index_page, problem};
use super::search::{sentence, upper_first};
use crate::api::{READER_PAGE_SIZE, TimelineParams, blocking};
use crate::html::{Crumb, Head, count, encode, layout, number, snippet};
use crate::{AppError, AppState};

/// What the path of a timeline page names.
enum PathScope {
    /// `/timeline`: the query string says.
    Nothing,
    /// `/timeline/{country}`.
    Country(String),
    /// `/timeline/{a}/{b}`.
    Pair(String, String),
}

/// `GET /timeline[?q=&country=&a=&b=&from=&to=&page=]`: a timeline chosen by its query
/// string, or a form to choose one.
pub(crate) async fn timeline_index(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    answer(&state, PathScope::Nothing, raw.as_deref()).await
}

/// `GET /timeline/{country}[?q=&from=&to=&page=]`: a country's timeline.
pub(crate) async fn timeline_country(
    State(state): State<AppState>,
    Path(country): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    answer(&state, PathScope::Country(country), raw.as_deref()).await
}

/// `GET /timeline/{a}/{b}[?q=&country=&from=&to=&page=]`: the timeline of two states.
pub(crate) async fn timeline_pair(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    answer(&state, PathScope::Pair(a, b), raw.as_deref()).await
}

/// A timeline read for a page.
struct Loaded {
    timeline: library::Timeline,
    /// Ids of its states that have a country page.
    with_pages: Vec<String>,
}

enum Outcome {
    /// The states' ids, when the path named them otherwise.
    Redirect(Vec<String>),
    Page(Loaded),
}

fn load(
    lib: &library::Library,
    in_path: &[String],
    query: &library::TimelineQuery,
) -> library::Result<Outcome> {
    let ids = in_path
        .iter()
        .map(|name| lib.resolve_state(name).map(|s| s.id))
        .collect::<library::Result<Vec<String>>>()?;
    // Redirect only to ids that resolve to themselves (a state the library knows by name
    // only might not).
    if ids.as_slice() != in_path
        && ids
            .iter()
            .all(|id| lib.resolve_state(id).is_ok_and(|s| &s.id == id))
    {
        return Ok(Outcome::Redirect(ids));
    }
    let timeline = lib.timeline(query)?;
    let with_pages = timeline
        .states
        .iter()
        .filter(|s| lib.resolve_country(&s.id).ok().flatten().as_deref() == Some(s.id.as_str()))
        .map(|s| s.id.clone())
        .collect();
    Ok(Outcome::Page(Loaded {
        timeline,
        with_pages,
    }))
}

async fn answer(
    state: &AppState,
    scope: PathScope,
    raw: Option<&str>,
) -> Result<Response, AppError> {
    let mut params = match TimelineParams::parse(raw) {
        Ok(p) => p,
        Err(e) => {
            let message = format!(
                "The address of this timeline cannot be read ({}).",
                e.message()
            );
            return Ok(problem(state, StatusCode::BAD_REQUEST, &message, &[]));
        }
    };
    let in_path = match &scope {
        PathScope::Nothing => Vec::new(),
        PathScope::Country(c) => vec![c.clone()],
        PathScope::Pair(a, b) => vec![a.clone(), b.clone()],
    };
    match &scope {
        PathScope::Nothing => {
            let asked = [&params.country, &params.a, &params.b, &params.q]
                .iter()
                .any(|v| TimelineParams::given(v).is_some());
            if !asked && raw.is_none_or(|r| r.trim().is_empty()) {
                return Ok(index_page(state));
            }
        }
        PathScope::Country(c) => params.country = Some(c.clone()),
        PathScope::Pair(a, b) => {
            params.a = Some(a.clone());
            params.b = Some(b.clone());
        }
    }
    let checked = params.page().and_then(|page| {
        let query = params.to_query(READER_PAGE_SIZE, (page - 1) * READER_PAGE_SIZE)?;
        Ok((page, query))
    });
    let (page, query) = match checked {
        Ok(ok) => ok,
        Err(e) => return Ok(problem(state, e.status(), &sentence(e.message()), &[])),
    };
    let names = in_path.clone();
    let loaded = match blocking(state, move |lib| load(lib, &names, &query)).await? {
        Ok(Outcome::Page(loaded)) => loaded,
        Ok(Outcome::Redirect(ids)) => {
            let path: Vec<String> = ids.iter().map(|id| encode(id)).collect();
            let mut to = format!("/timeline/{}", path.join("/"));
            if let Some(raw) = raw.filter(|r| !r.is_empty()) {
                to = format!("{to}?{raw}");
            }
            return Ok(Redirect::permanent(&to).into_response());
        }
        Err(e) => {
            return match &e {
                library::Error::NotFound { suggestions, .. } => Ok(problem(
                    state,
                    StatusCode::NOT_FOUND,
                    &sentence(&e.to_string()),
                    suggestions,
                )),
                library::Error::Argument { .. } | library::Error::Query { .. } => {
                    let e = AppError::from(e);
                    Ok(problem(state, e.status(), &sentence(e.message()), &[]))
                }
                _ => Err(AppError::from(e).html()),
            };
        }
    };
    let scope = Scope::new(&scope, &params);
    Ok(render(&scope, &params, page, &loaded).into_response())
}

/// Where this timeline lives, to link to it with other years or another page.
struct Scope {
    /// `/timeline`, `/timeline/japan`, `/timeline/soviet-union/japan`.
    path: String,
    /// What selects the timeline besides the path, as the reader's query string says it.
    params: Vec<(&'static str, String)>,
    /// The whole selection as `/api/timeline` parameters.
    api: Vec<(&'static str, String)>,
    /// A name for downloaded files: `timeline-japan`.
    file: String,
}

impl Scope {
    fn new(scope: &PathScope, p: &TimelineParams) -> Scope {
        let given = |name: &'static str, v: &Option<String>| {
            TimelineParams::given(v).map(|v| (name, v.to_owned()))
        };
        let (path, in_path, params): (String, Vec<(&'static str, String)>, Vec<_>) = match scope {
            PathScope::Nothing => (
                "/timeline".into(),
                Vec::new(),
                [
                    given("country", &p.country),
                    given("a", &p.a),
                    given("b", &p.b),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
            PathScope::Country(c) => (
                format!("/timeline/{}", encode(c)),
                vec![("country", c.clone())],
                Vec::new(),
            ),
            PathScope::Pair(a, b) => (
                format!("/timeline/{}/{}", encode(a), encode(b)),
                vec![("a", a.clone()), ("b", b.clone())],
                given("country", &p.country).into_iter().collect(),
            ),
        };
        let mut params: Vec<(&'static str, String)> = params;
        params.extend(given("q", &p.q));
        let api: Vec<(&'static str, String)> = in_path.iter().chain(&params).cloned().collect();
        let mut file = String::from("timeline");
        for (name, v) in &api {
            if *name != "q" {
                file.push('-');
                file.push_str(&library::slug(v));
            }
        }
        if api.iter().any(|(name, _)| *name == "q") {
            file.push_str("-search");
        }
        Scope {
            path,
            params,
            api,
            file,
        }
    }

    /// This timeline between `from` and `to`, on `page`.
    fn href(&self, from: Option<i32>, to: Option<i32>, page: usize) -> String {
        let mut pairs: Vec<(&str, String)> =
            self.params.iter().map(|(k, v)| (*k, v.clone())).collect();
        pairs.extend(from.map(|f| ("from", f.to_string())));
        pairs.extend(to.map(|t| ("to", t.to_string())));
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        with_query(&self.path, &pairs)
    }

    /// The same timeline (its first 2,000 entries) from `/api/timeline` in `format`.
    fn api_href(&self, from: Option<i32>, to: Option<i32>, format: &str) -> String {
        let mut pairs: Vec<(&str, String)> =
            self.api.iter().map(|(k, v)| (*k, v.clone())).collect();
        pairs.extend(from.map(|f| ("from", f.to_string())));
        pairs.extend(to.map(|t| ("to", t.to_string())));
        pairs.push(("limit", library::MAX_TIMELINE_LIMIT.to_string()));
        if format != "json" {
            pairs.push(("format", format.to_owned()));
        }
        with_query("/api/timeline", &pairs)
    }
}

fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// `1940–1949`, `1945`, `from 1940`, `to 1949`, or "".
fn period_words(from: Option<i32>, to: Option<i32>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.to_string(),
        (Some(f), Some(t)) => format!("{f}–{t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("to {t}"),
        (None, None) => String::new(),
    }
}

/// The next wider view of `from`..`to`: the decade of one year, the century of a decade,
/// else the whole timeline (`(None, None)`). `None` when already whole.
fn zoom_out(from: Option<i32>, to: Option<i32>) -> Option<(Option<i32>, Option<i32>)> {
    let (f, t) = match (from, to) {
        (None, None) => return None,
        (Some(f), Some(t)) => (f, t),
        _ => return Some((None, None)),
    };
    for size in [10, 100] {
        let start = f.div_euclid(size) * size;
        if t - f + 1 < size && t.div_euclid(size) * size == start {
            let start = start.max(*library::YEARS.start());
            return Some((Some(start), Some(start + size - 1)));
        }
    }
    Some((None, None))
}

/// What the timeline is of: `Timeline of Japan`, `Soviet Union and Japan`, `Timeline of
/// “Kuril”`, with its years.
fn title(t: &library::Timeline) -> String {
    let names: Vec<&str> = t.states.iter().map(|s| s.name.as_str()).collect();
    let base = match (names.as_slice(), &t.query) {
        ([], Some(q)) => format!("Timeline of “{q}”"),
        ([], None) => "Timeline".to_owned(),
        ([one], _) => format!("Timeline of {one}"),
        (many, _) => many.join(" and "),
    };
    match period_words(t.from, t.to) {
        p if p.is_empty() => base,
        p => format!("{base}, {p}"),
    }
}

fn render(scope: &Scope, params: &TimelineParams, page: usize, loaded: &Loaded) -> Markup {
    let t = &loaded.timeline;
    let (from, to) = (t.from, t.to);
    let title = title(t);
    let axis = axis::axis(&t.years, from, to);
    let years = library::YEARS;
    let zoom = |start: i32, end: i32| {
        let f = start.max(from.unwrap_or(start)).max(*years.start());
        let e = end.min(to.unwrap_or(end)).min(*years.end());
        (f <= e).then(|| scope.href(Some(f), Some(e), 1))
    };
    let pages = t.total.div_ceil(READER_PAGE_SIZE).max(1);
    let first = t.offset + 1;
    let last = t.offset + t.entries.len();
    let about = match t.states.as_slice() {
        [] => String::new(),
        [one] => format!(" about {}", one.name),
        [a, b] => format!(" about {} and {}", a.name, b.name),
        many => format!(
            " about {}",
            many.iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let body = html! {
        p class="kicker" { "Timeline" }
        h1 { (title) }
        p class="lede" {
            (count(t.total, "dated statement", "dated statements")) (about)
            @if let Some(q) = &t.query {
                " in the " (library::QUERY_SECTIONS) " sections that best match “" (q) "”"
            }
            @if t.states.len() == 2 {
                " (sentences that name both, or one of them in a section about the other)"
            }
            ", from the Country Studies and the World Factbook, in time order."
        }
        @if let Some((wider_from, wider_to)) = zoom_out(from, to) {
            nav class="zoom" aria-label="Zoom" {
                a class="zoom-out" href=(scope.href(wider_from, wider_to, 1)) {
                    "← Zoom out to "
                    @if wider_from.is_none() { "the whole timeline" }
                    @else { (period_words(wider_from, wider_to)) }
                }
                @if wider_from.is_some() {
                    " · " a href=(scope.href(None, None, 1)) { "Whole timeline" }
                }
            }
        }
        @if let Some(axis) = &axis {
            figure class="axis" {
                (axis::svg(axis, &zoom))
                figcaption {
                    "Statements per " (axis::size_name(axis.size)) ", by the year they begin. "
                    @if axis.size == 1 { "Choose a bar to list only that year." }
                    @else { "Choose a bar to zoom in." }
                }
            }
        }
        (years_form(scope, params))
        @if t.total > 0 {
            p class="downloads" {
                "Download this timeline"
                @if t.total > library::MAX_TIMELINE_LIMIT {
                    " (its first " (number(library::MAX_TIMELINE_LIMIT)) " entries)"
                }
                ": "
                a href=(scope.api_href(from, to, "json")) download={ (scope.file) ".json" } { "JSON" }
                " · "
                a href=(scope.api_href(from, to, "csv")) download={ (scope.file) ".csv" } { "CSV" }
                " · "
                a href=(scope.api_href(from, to, "timelinejs")) download={ (scope.file) "-timelinejs.json" } { "TimelineJS" }
            }
        }
        @if t.total == 0 {
            p class="count" {
                "No dated statements"
                @if !period_words(from, to).is_empty() { " in " (period_words(from, to)) }
                ". Try a wider period, another state or other words."
            }
        } @else if t.entries.is_empty() {
            p class="count" {
                "No entries on this page: the timeline has " (count(t.total, "entry", "entries"))
                ", and this page would start at entry " (number(first)) "."
            }
            p class="last-page" {
                a href=(scope.href(from, to, pages)) { "Go to the last page (" (number(pages)) ")" }
            }
        } @else {
            p class="count" {
                @if t.total == 1 { "1 entry" }
                @else { "Entries " (number(first)) "–" (number(last)) " of " (number(t.total)) }
            }
            ol class="timeline" start=(first) {
                @for e in &t.entries { (entry(e)) }
            }
            @if pages > 1 {
                nav class="pages" aria-label="Timeline pages" {
                    @if page > 1 {
                        a rel="prev" href=(scope.href(from, to, page - 1)) { "← Earlier" } " "
                    }
                    span { "Page " (number(page)) " of " (number(pages)) }
                    @if page < pages {
                        " " a rel="next" href=(scope.href(from, to, page + 1)) { "Later →" }
                    }
                }
            }
        }
    };
    let mut crumbs = vec![Crumb::link("/".into(), "Country Listing")];
    let first_state = t.states.first();
    match first_state {
        Some(s) if loaded.with_pages.contains(&s.id) => crumbs.push(Crumb::link(
            format!("/countries/{}", encode(&s.id)),
            &s.name,
        )),
        None if t.query.is_some() => crumbs.push(Crumb::link(
            format!("/search?q={}", encode(t.query.as_deref().unwrap_or(""))),
            "Search",
        )),
        _ => {}
    }
    crumbs.push(Crumb::here("Timeline"));
    let description = format!(
        "{}{about}, from the Country Studies and the World Factbook, in time order: each with its sentence, the states it names and its source.",
        upper_first(&count(t.total, "dated statement", "dated statements")),
    );
    let head = Head {
        title: &title,
        description: &description,
    };
    layout(head, &crumbs, params.text(), body)
}

/// One entry: its date, its sentence with the date words marked, the states it names, the
/// paragraph it is in and its citation.
fn entry(e: &library::TimelineEntry) -> Markup {
    let n = e.paragraph + 1;
    html! {
        li class="entry" {
            p class="when" { (e.label) }
            div class="what" {
                p class="sentence" { (snippet(&e.sentence, &[e.highlight])) }
                @if !e.countries.is_empty() {
                    p class="entry-meta names" {
                        "Names "
                        @for (i, (name, id)) in e.countries.iter().zip(&e.country_ids).enumerate() {
                            @if i > 0 { ", " }
                            a href={ "/timeline/" (encode(id)) } { (name) }
                        }
                        @if e.from_context { " (from the sentence before)" }
                    }
                }
                p class="entry-meta" {
                    a class="source" href={ "/sections/" (encode(&e.section_id)) "#p" (n) } {
                        (e.citation_short) " — " (e.section_title) ", paragraph " (n)
                    }
                }
                p class="cite" { (e.citation) }
            }
        }
    }
}

/// The years form: the same timeline between two years.
fn years_form(scope: &Scope, p: &TimelineParams) -> Markup {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    html! {
        form class="years" action=(scope.path) method="get" aria-label="Years" {
            @for (name, v) in &scope.params {
                input type="hidden" name=(name) value=(v);
            }
            label for="from" { "From year" } " "
            input id="from" name="from" inputmode="numeric" size="5" maxlength="4"
                placeholder="1900" value=(value(&p.from));
            " "
            label for="to" { "to" } " "
            input id="to" name="to" inputmode="numeric" size="5" maxlength="4"
                placeholder="1999" value=(value(&p.to));
            " "
            button type="submit" { "Show" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_out_widens_year_to_decade_to_century_to_all() {
        assert_eq!(
            zoom_out(Some(1945), Some(1945)),
            Some((Some(1940), Some(1949)))
        );
        assert_eq!(
            zoom_out(Some(1940), Some(1949)),
            Some((Some(1900), Some(1999)))
        );
        assert_eq!(zoom_out(Some(1900), Some(1999)), Some((None, None)));
        // Ranges across a boundary go to the next size that holds them, or to all.
        assert_eq!(
            zoom_out(Some(1948), Some(1952)),
            Some((Some(1900), Some(1999)))
        );
        assert_eq!(zoom_out(Some(1995), Some(2004)), Some((None, None)));
        assert_eq!(zoom_out(Some(1940), None), Some((None, None)));
        assert_eq!(zoom_out(None, None), None);
    }

    #[test]
    fn periods_in_words() {
        assert_eq!(period_words(Some(1940), Some(1949)), "1940–1949");
        assert_eq!(period_words(Some(1945), Some(1945)), "1945");
        assert_eq!(period_words(Some(1940), None), "from 1940");
        assert_eq!(period_words(None, Some(1949)), "to 1949");
        assert_eq!(period_words(None, None), "");
    }
}
