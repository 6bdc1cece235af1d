//! The events between two states in the reader: `/relations/{a}/{b}[?type=&from=&to=&page=]`.
//!
//! A page holds the title, the chart (`chart`: counts by PLOVER type and decade, an SVG drawn
//! here from the library's counts over all pages, each cell a link to its events), the type
//! filters with their counts, a form for the type and years, a link to the same events from
//! `/api/relations`, and one page of events ([`PAGE_SIZE`]) as a timeline (the timeline
//! view's entries): the date, the sentence with the words that say what happened in `<mark>`,
//! the type and mode, source → target (each linked to its entity page), and the paragraph it
//! comes from (`/sections/{id}#p{n}`) with its short citation.
//!
//! A name, alias or code in the path redirects (308) to the page under the states' ids. A
//! parameter that cannot be used is explained in the page (`400`); an unknown state is a
//! `404` page that links the closest names.

mod chart;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::search::sentence;
use crate::api::{RelationsParams, blocking};
use crate::html::{Crumb, Head, count, encode, layout, number, snippet};
use crate::names::entity_href;
use crate::{AppError, AppState};

/// Events per page.
pub(crate) const PAGE_SIZE: usize = 100;

enum Outcome {
    /// The states' ids, when the path named them otherwise.
    Redirect(String, String),
    /// The events, and whether the first state has a country page.
    Page(Box<library::Relations>, bool),
}

fn load(
    lib: &library::Library,
    a: &str,
    b: &str,
    q: &library::RelationsQuery,
) -> library::Result<Outcome> {
    let (sa, sb) = (lib.relation_state(a)?, lib.relation_state(b)?);
    if (sa.id.as_str(), sb.id.as_str()) != (a, b)
        && lib.relation_state(&sa.id).is_ok_and(|s| s.id == sa.id)
        && lib.relation_state(&sb.id).is_ok_and(|s| s.id == sb.id)
    {
        return Ok(Outcome::Redirect(sa.id, sb.id));
    }
    let r = lib.relations(q)?;
    let page = lib.resolve_country(&r.a.id).ok().flatten().as_deref() == Some(r.a.id.as_str());
    Ok(Outcome::Page(Box::new(r), page))
}

/// `GET /relations/{a}/{b}`: the events between two states.
pub(crate) async fn relations_pair(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let mut params = match RelationsParams::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            let message = format!("The address of this page cannot be read ({}).", e.message());
            return Ok(problem(StatusCode::BAD_REQUEST, &message, &[], &|_| {
                String::new()
            }));
        }
    };
    params.a = Some(a.clone());
    params.b = Some(b.clone());
    let checked = params
        .page(PAGE_SIZE)
        .and_then(|page| Ok((page, params.to_query(PAGE_SIZE, (page - 1) * PAGE_SIZE)?)));
    let (page, query) = match checked {
        Ok(ok) => ok,
        Err(e) => {
            return Ok(problem(e.status(), &sentence(e.message()), &[], &|_| {
                String::new()
            }));
        }
    };
    let (na, nb) = (a.clone(), b.clone());
    let (r, page_a) = match blocking(&state, move |lib| load(lib, &na, &nb, &query)).await? {
        Ok(Outcome::Page(r, pa)) => (r, pa),
        Ok(Outcome::Redirect(ia, ib)) => {
            let mut to = format!("/relations/{}/{}", encode(&ia), encode(&ib));
            if let Some(raw) = raw.filter(|r| !r.is_empty()) {
                to = format!("{to}?{raw}");
            }
            return Ok(Redirect::permanent(&to).into_response());
        }
        Err(e) => {
            return match &e {
                library::Error::NotFound {
                    suggestions, id, ..
                } => {
                    // Each suggestion links to the pair with the unknown state replaced.
                    let link = |s: &str| {
                        let (x, y) = if *id == b {
                            (a.as_str(), s)
                        } else {
                            (s, b.as_str())
                        };
                        format!("/relations/{}/{}", encode(x), encode(y))
                    };
                    Ok(problem(
                        StatusCode::NOT_FOUND,
                        &sentence(&e.to_string()),
                        suggestions,
                        &link,
                    ))
                }
                library::Error::Argument { .. } => {
                    let e = AppError::from(e);
                    Ok(problem(e.status(), &sentence(e.message()), &[], &|_| {
                        String::new()
                    }))
                }
                _ => Err(AppError::from(e).html()),
            };
        }
    };
    Ok(render(&r, page, page_a).into_response())
}

/// Where the page lives, to link to it with other filters.
struct Here {
    a: String,
    b: String,
}

impl Here {
    fn href(&self, kind: Option<&str>, from: Option<i32>, to: Option<i32>, page: usize) -> String {
        let mut pairs: Vec<String> = Vec::new();
        if let Some(k) = kind {
            pairs.push(format!("type={}", encode(k)));
        }
        pairs.extend(from.map(|f| format!("from={f}")));
        pairs.extend(to.map(|t| format!("to={t}")));
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        let path = format!("/relations/{}/{}", encode(&self.a), encode(&self.b));
        if pairs.is_empty() {
            path
        } else {
            format!("{path}?{}", pairs.join("&"))
        }
    }

    fn api(&self, r: &library::Relations) -> String {
        let mut href = format!("/api/relations?a={}&b={}", encode(&self.a), encode(&self.b));
        if let Some(k) = &r.kind {
            href.push_str(&format!("&type={}", encode(k)));
        }
        href.extend(r.from.map(|f| format!("&from={f}")));
        href.extend(r.to.map(|t| format!("&to={t}")));
        href.push_str(&format!("&limit={}", library::MAX_RELATIONS_LIMIT));
        href
    }
}

/// `, FIGHT, 1900–1949` for a title.
fn filters(r: &library::Relations) -> String {
    let mut out = String::new();
    if let Some(k) = &r.kind {
        out.push_str(&format!(", {k}"));
    }
    match (r.from, r.to) {
        (Some(f), Some(t)) if f == t => out.push_str(&format!(", {f}")),
        (Some(f), Some(t)) => out.push_str(&format!(", {f}–{t}")),
        (Some(f), None) => out.push_str(&format!(", from {f}")),
        (None, Some(t)) => out.push_str(&format!(", to {t}")),
        _ => {}
    }
    out
}

/// `the Soviet Union (SUN, RUS)`.
fn with_codes(s: &library::RelationState) -> String {
    if s.codes.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, s.codes.join(", "))
    }
}

fn render(r: &library::Relations, page: usize, page_a: bool) -> Markup {
    let Some(b) = &r.b else {
        return html! {};
    };
    let here = Here {
        a: r.a.id.clone(),
        b: b.id.clone(),
    };
    let title = format!("{} and {}{}", r.a.name, b.name, filters(r));
    let pages = r.total.div_ceil(PAGE_SIZE).max(1);
    let first = r.offset + 1;
    let grid = chart::grid(&r.by_type_decade);
    let kind = r.kind.as_deref();
    let cell = |t: Option<&str>, p: Option<(i32, i32)>| match p {
        Some((f, to)) => here.href(t.or(kind), Some(f), Some(to), 1),
        None => here.href(t.or(kind), r.from, r.to, 1),
    };
    let body = html! {
        p class="kicker" { "Relations" }
        h1 { (title) }
        p class="lede" {
            (count(r.total, "event", "events")) " between " (with_codes(&r.a)) " and " (with_codes(b))
            ", read from the sentences of the Country Studies and the World Factbook and typed in PLOVER, in time order. "
            "A state's events include its predecessors' and successors'; events a sentence denies are left out."
        }
        @if r.kind.is_some() || r.from.is_some() || r.to.is_some() {
            nav class="zoom" aria-label="Filters" {
                a class="zoom-out" href=(here.href(None, None, None, 1)) {
                    "← All events between " (r.a.name) " and " (b.name)
                }
            }
        }
        @if let Some(grid) = &grid {
            figure class="relations-chart" {
                (chart::svg(grid, &cell))
                figcaption {
                    "Events by type and " (if grid.size == 10 { "decade" } else { "period" })
                    " (the period they begin in)"
                    @if r.undated > 0 { "; " (count(r.undated, "undated event", "undated events")) " not shown" }
                    ". Choose a cell to list its events."
                }
            }
        }
        @if !r.by_type.is_empty() {
            p class="type-filters" {
                "Types: "
                @for (i, t) in library::EventType::ALL.iter().filter(|t| r.by_type.contains_key(t.as_str())).enumerate() {
                    @if i > 0 { " · " }
                    @let n = r.by_type[t.as_str()];
                    @if kind == Some(t.as_str()) {
                        strong aria-current="true" { (t.as_str()) " " (number(n)) }
                    } @else {
                        a href=(here.href(Some(t.as_str()), r.from, r.to, 1)) { (t.as_str()) " " (number(n)) }
                    }
                }
            }
        }
        (form(&here, r))
        @if r.total > 0 {
            p class="downloads" {
                "Download these events: " a href=(here.api(r)) download={ "relations-" (here.a) "-" (here.b) ".json" } { "JSON" }
            }
        }
        @if r.total == 0 {
            p class="count" {
                "No events between " (r.a.name) " and " (b.name) (filters(r))
                ". Try another type, a wider period, or "
                a href={ "/timeline/" (encode(&r.a.id)) "/" (encode(&b.id)) } { "their timeline" } "."
            }
        } @else if r.events.is_empty() {
            p class="count" {
                "No events on this page: there are " (count(r.total, "event", "events")) ". "
                a href=(here.href(kind, r.from, r.to, pages)) { "Go to the last page (" (number(pages)) ")" }
            }
        } @else {
            p class="count" {
                @if r.total == 1 { "1 event" }
                @else { "Events " (number(first)) "–" (number(r.offset + r.events.len())) " of " (number(r.total)) }
                " · " a href={ "/timeline/" (encode(&r.a.id)) "/" (encode(&b.id)) } { "Every dated statement about both" }
            }
            ol class="timeline relations" start=(first) {
                @for e in &r.events { (entry(e)) }
            }
            @if pages > 1 {
                nav class="pages" aria-label="Pages of events" {
                    @if page > 1 { a rel="prev" href=(here.href(kind, r.from, r.to, page - 1)) { "← Earlier" } " " }
                    span { "Page " (number(page)) " of " (number(pages)) }
                    @if page < pages { " " a rel="next" href=(here.href(kind, r.from, r.to, page + 1)) { "Later →" } }
                }
            }
        }
    };
    let mut crumbs = vec![Crumb::link("/".into(), "Country Listing")];
    if page_a {
        crumbs.push(Crumb::link(
            format!("/countries/{}", encode(&r.a.id)),
            &r.a.name,
        ));
    }
    crumbs.push(Crumb::here(&format!("Relations with {}", b.name)));
    let description = format!(
        "{} between {} and {}, each dated, typed in PLOVER and linked to the sentence of the Country Studies or the World Factbook it was read from.",
        upper(&count(r.total, "event", "events")),
        r.a.name,
        b.name
    );
    let head = Head {
        title: &title,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}

fn upper(s: &str) -> String {
    super::search::upper_first(s)
}

/// An actor: its name linked to its entity page, and its code.
fn actor(name: &str, entity: &str, code: &str) -> Markup {
    html! {
        @if entity.is_empty() { (name) } @else { a href=(entity_href(entity)) { (name) } }
        @if !code.is_empty() { " " span class="code" { "(" (code) ")" } }
    }
}

/// One event: its date, its sentence with the trigger marked, what happened between whom, and
/// the paragraph it is in.
fn entry(e: &library::RelationEvent) -> Markup {
    let n = e.paragraph + 1;
    html! {
        li class="entry" {
            p class="when" {
                (e.label)
                @if e.date_inherited { br; span class="inherited" { "date of an earlier sentence" } }
            }
            div class="what" {
                p class="sentence" { (snippet(&e.sentence, &[e.highlight])) }
                p class="entry-meta event" {
                    strong class="event-type" { (e.kind) @if let Some(m) = &e.mode { " / " (m) } }
                    " · " (actor(&e.source, &e.source_entity, &e.source_code))
                    @if let Some(t) = &e.target {
                        " → " (actor(t, e.target_entity.as_deref().unwrap_or(""), e.target_code.as_deref().unwrap_or("")))
                    }
                }
                p class="entry-meta" {
                    a class="source" href={ "/sections/" (encode(&e.section_id)) "#p" (n) } {
                        (e.citation_short) " — " (e.section_title) ", paragraph " (n)
                    }
                }
            }
        }
    }
}

/// The filters form: a type and two years.
fn form(here: &Here, r: &library::Relations) -> Markup {
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    html! {
        form class="years" action={ "/relations/" (encode(&here.a)) "/" (encode(&here.b)) } method="get" aria-label="Filters" {
            label for="type" { "Type" } " "
            select id="type" name="type" {
                option value="" { "Any" }
                @for t in library::EventType::ALL {
                    option value=(t.as_str()) selected[r.kind.as_deref() == Some(t.as_str())] { (t.as_str()) }
                }
            }
            " "
            label for="from" { "from year" } " "
            input id="from" name="from" inputmode="numeric" size="5" maxlength="4" placeholder="1900" value=(year(r.from));
            " "
            label for="to" { "to" } " "
            input id="to" name="to" inputmode="numeric" size="5" maxlength="4" placeholder="1999" value=(year(r.to));
            " "
            button type="submit" { "Show" }
        }
    }
}

/// A pair that cannot be shown: why, and the closest names of an unknown state (each linked
/// by `link`).
fn problem(
    status: StatusCode,
    message: &str,
    suggestions: &[String],
    link: &dyn Fn(&str) -> String,
) -> Response {
    let body = html! {
        p class="kicker" { "Relations" }
        h1 { "Relations" }
        p class="error" role="alert" { (message) }
        @if !suggestions.is_empty() {
            p class="suggestions" {
                "Did you mean "
                @for (i, s) in suggestions.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(link(s)) { (s) }
                }
                "?"
            }
        }
        p { "A state's page lists the states it has events with; " a href="/" { "choose a country" } "." }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here("Relations"),
    ];
    let description = format!("{message} Choose a country to see the states it has events with.");
    let head = Head {
        title: "Relations",
        description: &description,
    };
    (status, layout(head, &crumbs, "", body)).into_response()
}
