//! One entity (`/entities/{id}`): a state, place, person or organization the library's
//! sections name. Its kind; its dates as a sentence ("the Soviet Union (1922–1991; succeeded
//! by Russia)", the predecessor and successor linked); its note; its facts (dates in words,
//! coordinates, country page, population, other names, id, source); what else the name may
//! mean; a small map with its point; its timeline and a search for it; a state's partners
//! (the states it has events with, see `partners`); then the books that
//! name it, with counts, and the sections that do, most mentions first, [`SECTIONS_PER_PAGE`]
//! a page (`?page=2`), each linked to the first paragraph that names it.
//!
//! A name, alias or demonym in the path (`/entities/Soviet%20Union`) redirects (308) to the
//! page under the entity's id; an unknown name is a 404 page that links the closest names.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::html_page;
use super::map::{Dot, world_map};
use super::search::upper_first;
use crate::api::{blocking, parse_query};
use crate::html::{Crumb, Head, as_of_text, count, encode, excerpt, layout, number};
use crate::names::{entity_href, kind_label};
use crate::{AppError, AppState};

/// Sections listed on one page of an entity page.
pub(crate) const SECTIONS_PER_PAGE: usize = 50;
/// The longest name or id looked up, in bytes: no entity has a longer one, and the closest
/// names are not worth computing for it.
pub(crate) const MAX_ENTITY_NAME: usize = 200;

/// An entity with what its page links to.
struct EntityPage {
    view: library::EntityView,
    /// The country page of the entity's country code (id, name), when the library has one.
    country: Option<(String, String)>,
    /// Its timeline: `/timeline/soviet-union`, or the timeline of a search for its name.
    timeline: String,
    /// A state's partners: the states it has events with.
    partners: Option<library::Partners>,
}

enum Loaded {
    /// The path named the entity otherwise: its id.
    Redirect(String),
    Page(Box<EntityPage>),
}

fn load(lib: &library::Library, asked: &str) -> library::Result<Loaded> {
    let e = lib.resolve_entity(asked)?;
    if e.id != asked {
        return Ok(Loaded::Redirect(e.id.clone()));
    }
    let view = lib.entity(&e.id)?;
    let country = match view.entity.country.as_deref() {
        Some(code) => match lib.resolve_country(code)? {
            Some(id) => lib.resolve_state(&id).ok().map(|s| (s.id, s.name)),
            None => None,
        },
        None => None,
    };
    let state = view
        .entity
        .kind
        .is_state()
        .then(|| lib.resolve_state(&view.entity.name).ok())
        .flatten();
    // A state the event coder has no code for has no partners (and no error).
    let partners = if view.entity.kind.is_state() {
        let a = state.as_ref().map_or(&view.entity.name, |s| &s.id).clone();
        match lib.partners(&library::RelationsQuery {
            a,
            ..Default::default()
        }) {
            Ok(p) => Some(p),
            Err(library::Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let timeline = match state {
        Some(s) => format!("/timeline/{}", encode(&s.id)),
        None => format!(
            "/timeline?q={}",
            encode(&format!("\"{}\"", view.entity.name))
        ),
    };
    Ok(Loaded::Page(Box::new(EntityPage {
        view,
        country,
        timeline,
        partners,
    })))
}

/// The query string of an entity page.
#[derive(Debug, Default, Deserialize)]
struct EntityParams {
    /// The page of its sections, from 1.
    page: Option<String>,
}

/// `GET /entities/{id}[?page=N]`: the entity page; a name redirects to its id.
pub(crate) async fn entity(
    State(state): State<AppState>,
    Path(asked): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params: EntityParams = parse_query(raw.as_deref().unwrap_or("")).map_err(AppError::html)?;
    let page = match params
        .page
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => 1,
        Some(p) => p
            .parse::<usize>()
            .ok()
            .filter(|&n| (1..=1000).contains(&n))
            .ok_or_else(|| {
                AppError::bad_request("page must be a whole number from 1 to 1000").html()
            })?,
    };
    if asked.len() > MAX_ENTITY_NAME {
        let message = format!("No entity has a name of {} bytes.", asked.len());
        return Ok(not_found(&message, &[]));
    }
    let name = asked.clone();
    let loaded = match blocking(&state, move |lib| load(lib, &name)).await? {
        Ok(loaded) => loaded,
        Err(library::Error::NotFound { suggestions, .. }) => {
            let message = format!("No entity is called “{asked}”.");
            return Ok(not_found(&message, &suggestions));
        }
        Err(e) => return Err(AppError::from(e).html()),
    };
    match loaded {
        Loaded::Redirect(id) => {
            let mut to = entity_href(&id);
            if let Some(raw) = raw.filter(|r| !r.is_empty()) {
                to = format!("{to}?{raw}");
            }
            Ok(Redirect::permanent(&to).into_response())
        }
        Loaded::Page(p) => {
            let pages = p.view.sections.len().div_ceil(SECTIONS_PER_PAGE).max(1);
            if page > pages {
                let message = format!(
                    "{} is named in {}: there is no page {page} of them.",
                    p.view.entity.name,
                    count(p.view.sections.len(), "section", "sections")
                );
                return Err(AppError::not_found(message).html());
            }
            Ok(html_page(render(&p, page)))
        }
    }
}

/// The 404 page: the message, the closest names (each linked by name, which redirects to
/// its page) and a search for what was asked.
fn not_found(message: &str, suggestions: &[String]) -> Response {
    let body = html! {
        p class="kicker" { "Names" }
        h1 { "No such name" }
        p class="error" role="alert" { (message) }
        @if !suggestions.is_empty() {
            p class="suggestions" {
                "Did you mean "
                @for (i, s) in suggestions.iter().enumerate() {
                    @if i > 0 { @if i + 1 == suggestions.len() { " or " } @else { ", " } }
                    a href=(entity_href(s)) { (s) }
                }
                "?"
            }
        }
        p { "Names link to their pages from the sections that mention them; "
            a href="/" { "start from the country listing" } " or search the library above." }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here("No such name"),
    ];
    let description = format!("{message} Names in the library link to their entity pages.");
    let head = Head {
        title: "No such name",
        description: &description,
    };
    (StatusCode::NOT_FOUND, layout(head, &crumbs, "", body)).into_response()
}

/// "the" before names that take it in running text: the Soviet Union, the Kuril Islands,
/// the Sea of Japan (but Japan, Siberia, Mount Fuji).
fn article(name: &str) -> &'static str {
    const LAST: [&str; 24] = [
        "Union",
        "Empire",
        "Kingdom",
        "Republic",
        "Federation",
        "States",
        "Islands",
        "Territories",
        "Sea",
        "Ocean",
        "Strait",
        "Straits",
        "River",
        "Mountains",
        "Pact",
        "Party",
        "Alliance",
        "Emirates",
        "Netherlands",
        "Philippines",
        "Bahamas",
        "Gulf",
        "Peninsula",
        "Commonwealth",
    ];
    const INSIDE: [&str; 8] = [
        "Republic of",
        "Kingdom of",
        "Union of",
        "Sea of",
        "Gulf of",
        "Bay of",
        "Strait of",
        "Party of",
    ];
    let last = name.rsplit(' ').next().unwrap_or("");
    let takes =
        name.contains(' ') && LAST.contains(&last) || INSIDE.iter().any(|i| name.contains(i));
    if takes && !name.starts_with("The ") {
        "the "
    } else {
        ""
    }
}

/// `1922-12-30` → `30 December 1922`, `1991-12` → `December 1991`, `-660` → `660 BC`.
fn date_words(date: &str) -> String {
    let (bc, rest) = match date.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, date),
    };
    let mut parts = rest.splitn(3, '-');
    let year = parts.next().unwrap_or("").trim_start_matches('0');
    let year = if bc {
        format!("{year} BC")
    } else {
        year.to_owned()
    };
    let month = parts.next();
    let day = parts.next().and_then(|d| d.parse::<u8>().ok());
    match (month, day) {
        (Some(m), Some(d)) => format!("{d} {}", as_of_text(&format!("{year}-{m}"))),
        (Some(m), None) if !bc => as_of_text(&format!("{year}-{m}")),
        _ => year,
    }
}

/// `35.69° N, 139.69° E`.
fn coordinates(lat: f64, lon: f64) -> String {
    let ns = if lat < 0.0 { "S" } else { "N" };
    let ew = if lon < 0.0 { "W" } else { "E" };
    format!("{:.2}° {ns}, {:.2}° {ew}", lat.abs(), lon.abs())
}

/// A predecessor or successor: "the Russian Empire" with the name linked.
fn related(r: &library::EntityRef) -> Markup {
    html! { (article(&r.name)) a href=(entity_href(&r.id)) { (r.name) } }
}

/// "The Soviet Union (1922–1991; preceded by …; succeeded by Russia)." or nothing.
fn dates_sentence(v: &library::EntityView) -> Markup {
    let e = &v.entity;
    if v.span.is_empty() && v.predecessor.is_none() && v.successor.is_none() {
        return html! {};
    }
    let the = article(&e.name);
    let mut parts: Vec<Markup> = Vec::new();
    if !v.span.is_empty() {
        parts.push(html! { (v.span) });
    }
    if let Some(p) = &v.predecessor {
        parts.push(html! { "preceded by " (related(p)) });
    }
    if let Some(s) = &v.successor {
        parts.push(html! { "succeeded by " (related(s)) });
    }
    html! {
        p class="lede dates" {
            @if the.is_empty() { (e.name) } @else { "The " (e.name) }
            " ("
            @for (i, part) in parts.iter().enumerate() {
                @if i > 0 { "; " }
                (part)
            }
            ")."
        }
    }
}

/// The small map: the entity's point, the view around it (wider for a state).
fn entity_map(v: &library::EntityView) -> Markup {
    let e = &v.entity;
    let (Some(lat), Some(lon)) = (e.lat, e.lon) else {
        return html! {};
    };
    let dot = Dot {
        lat,
        lon,
        label: e.name.clone(),
        href: None,
        weight: v.mentions,
    };
    let (dlat, dlon) = if e.kind.is_state() {
        (12.0, 24.0)
    } else {
        (0.0, 0.0)
    };
    let focus = (lat - dlat, lon - dlon, lat + dlat, lon + dlon);
    let west = if focus.1 < -180.0 {
        focus.1 + 360.0
    } else {
        focus.1
    };
    let east = if focus.3 > 180.0 {
        focus.3 - 360.0
    } else {
        focus.3
    };
    html! {
        figure class="map entity-map" {
            (world_map(&[dot], Some((focus.0, west, focus.2, east))))
            figcaption { (e.name) " on the map: " (coordinates(lat, lon)) "." }
        }
    }
}

fn facts(p: &EntityPage) -> Markup {
    let e = &p.view.entity;
    let dates = match (&e.valid_from, &e.valid_to) {
        (Some(f), Some(t)) => Some(format!("{} – {}", date_words(f), date_words(t))),
        (Some(f), None) => Some(format!("from {}", date_words(f))),
        (None, Some(t)) => Some(format!("until {}", date_words(t))),
        (None, None) => None,
    };
    html! {
        dl class="entity-facts" {
            div { dt { "Kind" } dd { (kind_label(e.kind)) } }
            @if let Some(d) = dates { div { dt { "Dates" } dd { (d) } } }
            @if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
                div { dt { "Coordinates" } dd { (coordinates(lat, lon)) } }
            }
            @if let Some((id, name)) = &p.country {
                div { dt { "Country" } dd { a href={ "/countries/" (encode(id)) } { (name) } } }
            } @else if let Some(code) = &e.country {
                div { dt { "Country code" } dd { (code) } }
            }
            @if let Some(n) = e.population {
                div { dt { "Population" } dd { (number(n as usize)) } }
            }
            @if !e.aliases.is_empty() {
                div { dt { "Also called" } dd { (e.aliases.join(" · ")) } }
            }
            div { dt { "Id" } dd { code { (e.id) } } }
            div { dt { "Source" } dd { (e.source) } }
        }
    }
}

/// A book's title with its country when the title does not say it (the Factbook has one
/// book a country, all called "The World Factbook 2025").
fn book_title(book: &str, country: Option<&str>) -> String {
    match country {
        Some(c) if !book.contains(c) => format!("{book} ({c})"),
        _ => book.to_owned(),
    }
}

/// One entry of the sections list.
fn section_item(s: &library::EntitySection) -> Markup {
    html! {
        li {
            a href={ "/sections/" (encode(&s.section_id)) "#p" (s.first_paragraph + 1) } { (s.title) }
            span class="hit-meta" {
                " · " (book_title(&s.book, Some(&s.country)))
                @if let Some(as_of) = &s.data_as_of { " · Data as of " (as_of_text(as_of)) }
                " · " (count(s.mentions as usize, "mention", "mentions"))
            }
        }
    }
}

/// Books listed before the rest fold under "N more books".
const BOOKS_SHOWN: usize = 12;

/// The books that name the entity, most mentions first; past [`BOOKS_SHOWN`], the rest in a
/// `<details>` (no script).
fn books_list(v: &library::EntityView) -> Markup {
    let country_of = |book_id: &str| {
        v.sections
            .iter()
            .find(|s| s.book_id == book_id)
            .map(|s| s.country.as_str())
    };
    let item = |b: &library::BookCount| {
        html! {
            li {
                a href={ "/books/" (encode(&b.book_id)) } { (book_title(&b.book, country_of(&b.book_id))) }
                span class="hit-meta" {
                    " · " (count(b.mentions as usize, "mention", "mentions")) " in "
                    (count(b.sections as usize, "section", "sections"))
                }
            }
        }
    };
    let (first, rest) = v.books.split_at(v.books.len().min(BOOKS_SHOWN));
    html! {
        ul class="books-list" { @for b in first { (item(b)) } }
        @if !rest.is_empty() {
            details class="more-books" {
                summary { (count(rest.len(), "more book", "more books")) }
                ul class="books-list" { @for b in rest { (item(b)) } }
            }
        }
    }
}

fn render(p: &EntityPage, page: usize) -> Markup {
    let v = &p.view;
    let e = &v.entity;
    let n_sections: usize = v.books.iter().map(|b| b.sections as usize).sum();
    let first = (page - 1) * SECTIONS_PER_PAGE;
    let shown =
        &v.sections[first.min(v.sections.len())..(first + SECTIONS_PER_PAGE).min(v.sections.len())];
    let pages = v.sections.len().div_ceil(SECTIONS_PER_PAGE);
    let href = entity_href(&e.id);
    let page_href = |n: usize| {
        if n == 1 {
            href.clone()
        } else {
            format!("{href}?page={n}")
        }
    };
    let kind = kind_label(e.kind);
    let body = html! {
        p class="kicker" { (upper_first(kind)) }
        h1 { (e.name) }
        (dates_sentence(v))
        @if let Some(note) = &e.note { p class="note" { (note) } }
        (facts(p))
        @if !v.also.is_empty() {
            p class="also" {
                "The name may also mean: "
                @for (i, a) in v.also.iter().enumerate() {
                    @if i > 0 { "; " }
                    a href=(entity_href(&a.id)) { (a.name) }
                    " (" (kind_label(a.kind)) @if !a.span.is_empty() { ", " (a.span) } ")"
                }
                "."
            }
        }
        (entity_map(v))
        p class="timeline-link" {
            a href=(p.timeline) {
                @if p.timeline.starts_with("/timeline/") { "Timeline of " (article(&e.name)) (e.name) }
                @else { "Timeline of the sections that name " (article(&e.name)) (e.name) }
            }
            " · "
            a href={ "/search?q=" (encode(&format!("\"{}\"", e.name))) } { "Search for “" (e.name) "”" }
        }
        @if let Some(partners) = &p.partners { (super::partners::section(partners)) }
        h2 { "In the library" }
        @if v.mentions == 0 {
            p class="empty" { "No section in this library names " (article(&e.name)) (e.name) "." }
        } @else {
            p class="count" {
                "Named " (count(v.mentions as usize, "time", "times")) " in "
                (count(n_sections, "section", "sections")) " of "
                (count(v.books.len(), "book", "books")) "."
            }
            (books_list(v))
            h2 id="sections" { "Sections that name it" }
            p class="count" {
                @if n_sections > v.sections.len() {
                    "The " (number(v.sections.len())) " of " (number(n_sections)) " that name it most"
                } @else {
                    (count(n_sections, "section", "sections"))
                }
                ", most mentions first"
                @if pages > 1 { ": " (number(first + 1)) "–" (number(first + shown.len())) " on this page" }
                "."
            }
            ol class="entity-sections" start=(first + 1) {
                @for s in shown { (section_item(s)) }
            }
            @if pages > 1 {
                nav class="pages" aria-label="Pages of sections" {
                    @if page > 1 { a rel="prev" href={ (page_href(page - 1)) "#sections" } { "← Previous" } }
                    span { "Page " (page) " of " (pages) }
                    @if page < pages { a rel="next" href={ (page_href(page + 1)) "#sections" } { "Next →" } }
                }
            }
        }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here(&e.name),
    ];
    let span = if v.span.is_empty() {
        String::new()
    } else {
        format!(", {}", v.span)
    };
    let description = excerpt(
        &format!(
            "{} ({kind}{span}): named {} in {} of the Country Studies and the World Factbook. {}",
            e.name,
            count(v.mentions as usize, "time", "times"),
            count(n_sections, "section", "sections"),
            e.note.as_deref().unwrap_or("")
        ),
        155,
    );
    let title = if page > 1 {
        format!("{}, page {page}", e.name)
    } else {
        e.name.clone()
    };
    layout(
        Head {
            title: &title,
            description: &description,
        },
        &crumbs,
        "",
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_take_the_article() {
        for (name, the) in [
            ("Soviet Union", "the "),
            ("Kuril Islands", "the "),
            ("Sea of Japan", "the "),
            ("Northern Territories", "the "),
            ("People's Republic of China", "the "),
            ("Japan", ""),
            ("Union", ""),
            ("Mount Fuji", ""),
            ("The Hague", ""),
        ] {
            assert_eq!(article(name), the, "{name}");
        }
    }

    #[test]
    fn dates_and_coordinates_in_words() {
        assert_eq!(date_words("1922-12-30"), "30 December 1922");
        assert_eq!(date_words("1991-12"), "December 1991");
        assert_eq!(date_words("1991"), "1991");
        assert_eq!(date_words("-0660"), "660 BC");
        assert_eq!(coordinates(35.6895, 139.6917), "35.69° N, 139.69° E");
        assert_eq!(coordinates(-33.9, -70.0), "33.90° S, 70.00° W");
    }
}
