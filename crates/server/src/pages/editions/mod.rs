//! Every World Factbook edition, 1990–2025, in the reader: an entity's entry as any edition
//! printed it (`/editions/{country}?edition=`), a field's history (`/history/{country}/{field}`,
//! see `history`) and the redline between two editions (`/diff/{country}`, see `diff`).
//!
//! The entity page lists the fields of the chosen edition (each linked to its history, and
//! marked new, changed since the edition before — linked to that redline — or unchanged since
//! an older one), then the fields the entity has only in other editions. An edition is chosen
//! with a plain GET form (a select) or the strip of edition links, so no script is needed.
//!
//! A name, code or former name in the path redirects to the page under the entity's latest
//! name (and a field's canonical name). A parameter that cannot be used is explained in the
//! page (`400`); an unknown entity or field is a `404` that links the library's closest names.

mod chart;
mod compare;
mod diff;
mod history;

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

pub(crate) use compare::{compare, compare_href};
pub(crate) use diff::diff;
pub(crate) use history::history;

use super::search::sentence;
use crate::api::{EditionParams, blocking, checked_name, edition};
use crate::html::{Crumb, Head, count, encode, layout};
use crate::{AppError, AppState};

/// `/editions/{country}`.
pub(crate) fn editions_href(country: &str) -> String {
    format!("/editions/{}", encode(country))
}

/// `/history/{country}/{field}`.
pub(crate) fn history_href(country: &str, field: &str) -> String {
    format!("/history/{}/{}", encode(country), encode(field))
}

/// `/diff/{country}?from=&to=[&field=]`.
pub(crate) fn diff_href(country: &str, from: u16, to: u16, field: Option<&str>) -> String {
    let mut href = format!("/diff/{}?from={from}&to={to}", encode(country));
    if let Some(f) = field {
        href.push_str("&field=");
        href.push_str(&encode(f));
    }
    href
}

/// `1990–2025`, `1990`.
pub(crate) fn span(first: u16, last: u16) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// One edition's entry: canonical field name → its text (the library's diff from nothing).
pub(crate) fn entry(
    lib: &library::Library,
    country: &str,
    edition: u16,
) -> library::Result<BTreeMap<String, String>> {
    let d = lib.edition_diff(country, None, 0, edition)?;
    Ok(d.fields
        .into_iter()
        .map(|f| {
            let text: String = f.ops.into_iter().map(|o| o.text).collect();
            (f.field, text)
        })
        .collect())
}

/// A reader page about the editions that cannot be shown: why, and where to go instead
/// (`links`: the closest names, each with where it leads).
pub(crate) fn problem(status: StatusCode, message: &str, links: &[(String, String)]) -> Response {
    let body = html! {
        p class="kicker" { "World Factbook editions" }
        h1 { (if status == StatusCode::NOT_FOUND { "Not found" } else { "Cannot show this" }) }
        p class="error" role="alert" { (message) }
        @if !links.is_empty() {
            p class="suggestions" {
                "Did you mean "
                @for (i, (href, label)) in links.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(href) { (label) }
                }
                "?"
            }
        }
        p { a href="/" { "Back to the country listing" } " or search the library above." }
    };
    let head = Head {
        title: "World Factbook editions",
        description: "Every World Factbook edition from 1990 to 2025: an entry as each edition printed it, a field's history, what changed.",
    };
    let crumbs = [Crumb::link("/".into(), "Country Listing")];
    (status, layout(head, &crumbs, "", body)).into_response()
}

/// A library error as a reader page: a `404` with the closest names (each linked with
/// `link`), a `400` explained, anything else the server's error page.
pub(crate) fn library_problem(
    e: library::Error,
    link: &dyn Fn(&str) -> String,
) -> Result<Response, AppError> {
    match &e {
        library::Error::NotFound { suggestions, .. } => {
            let links: Vec<(String, String)> =
                suggestions.iter().map(|s| (link(s), s.clone())).collect();
            Ok(problem(
                StatusCode::NOT_FOUND,
                &sentence(&e.to_string()),
                &links,
            ))
        }
        library::Error::NoEditions(_) => Ok(problem(
            StatusCode::NOT_FOUND,
            crate::error::NO_EDITIONS,
            &[],
        )),
        library::Error::Argument { .. } | library::Error::Query { .. } => {
            let e = AppError::from(e);
            Ok(problem(e.status(), &sentence(e.message()), &[]))
        }
        _ => Err(AppError::from(e).html()),
    }
}

/// How a field of the shown edition stands against the editions before.
enum Status {
    /// The entity's first edition.
    First,
    /// Not in the edition before.
    New,
    /// Changed since the edition before.
    Changed(u16),
    /// The same text since this edition.
    Since(u16),
}

/// A field across the entity's editions.
struct Field {
    name: String,
    first: u16,
    last: u16,
    editions: usize,
}

/// What the entity page shows.
struct EntityPage {
    entity: library::EditionEntity,
    /// The edition shown.
    edition: u16,
    /// The editions that have the entity, oldest first.
    editions: Vec<u16>,
    /// The shown edition's fields: name, text, status.
    entry: Vec<(String, String, Status)>,
    /// Every field of every edition, by name.
    fields: Vec<Field>,
    /// The name the shown edition printed, when it is not the latest.
    name_then: Option<String>,
}

enum Loaded {
    Redirect(String),
    Page(EntityPage),
}

fn load(lib: &library::Library, asked: &str, edition: Option<u16>) -> library::Result<Loaded> {
    let entity = lib.edition_entity(asked)?;
    if entity.name != asked {
        return Ok(Loaded::Redirect(entity.name));
    }
    let mut all: Vec<(u16, BTreeMap<String, String>)> = Vec::new();
    if entity.first_edition > 0 {
        for e in entity.first_edition..=entity.last_edition {
            let texts = entry(lib, &entity.name, e)?;
            if !texts.is_empty() {
                all.push((e, texts));
            }
        }
    }
    let editions: Vec<u16> = all.iter().map(|(e, _)| *e).collect();
    let shown = edition.unwrap_or_else(|| editions.last().copied().unwrap_or(entity.last_edition));
    let mut fields: BTreeMap<&str, Field> = BTreeMap::new();
    for (e, texts) in &all {
        for name in texts.keys() {
            let f = fields.entry(name).or_insert(Field {
                name: name.clone(),
                first: *e,
                last: *e,
                editions: 0,
            });
            f.last = *e;
            f.editions += 1;
        }
    }
    let at = all.iter().position(|(e, _)| *e == shown);
    let mut shown_entry = Vec::new();
    if let Some(i) = at {
        for (name, text) in &all[i].1 {
            let status = if i == 0 {
                Status::First
            } else if all[i - 1].1.get(name) != Some(text) {
                if all[i - 1].1.contains_key(name) {
                    Status::Changed(all[i - 1].0)
                } else {
                    Status::New
                }
            } else {
                let since = all[..i]
                    .iter()
                    .rev()
                    .take_while(|(_, t)| t.get(name) == Some(text))
                    .last()
                    .map_or(shown, |(e, _)| *e);
                Status::Since(since)
            };
            shown_entry.push((name.clone(), text.clone(), status));
        }
    }
    // The name the edition printed, from any field's history.
    let name_then = match shown_entry.first() {
        Some((field, _, _)) => lib
            .field_history(&entity.name, field)?
            .editions
            .into_iter()
            .find(|r| r.edition == shown)
            .and_then(|r| r.entity_then),
        None => None,
    };
    Ok(Loaded::Page(EntityPage {
        fields: fields.into_values().collect(),
        entity,
        edition: shown,
        editions,
        entry: shown_entry,
        name_then,
    }))
}

/// `GET /editions/{country}[?edition=YYYY]`: the entity's entry as an edition printed it
/// (its latest by default), with every field it has in any edition.
pub(crate) async fn editions(
    State(state): State<AppState>,
    Path(country): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let checked = EditionParams::parse(raw.as_deref())
        .and_then(|p| edition("edition", &p.edition))
        .and_then(|e| checked_name("country", &country).map(|_| e));
    let shown = match checked {
        Ok(e) => e,
        Err(e) => return Ok(problem(e.status(), &sentence(e.message()), &[])),
    };
    let asked = country.clone();
    let page = match blocking(&state, move |lib| load(lib, &asked, shown)).await? {
        Ok(Loaded::Page(page)) => page,
        Ok(Loaded::Redirect(name)) => {
            let mut to = editions_href(&name);
            if let Some(raw) = raw.filter(|r| !r.is_empty()) {
                to = format!("{to}?{raw}");
            }
            return Ok(Redirect::permanent(&to).into_response());
        }
        Err(e) => return library_problem(e, &|s| editions_href(s)),
    };
    let status = if page.entry.is_empty() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((status, render(&page)).into_response())
}

/// The form and the strip that choose an edition.
fn edition_picker(action: &str, editions: &[u16], shown: u16) -> Markup {
    let at = editions.iter().position(|e| *e == shown);
    let prev = at.and_then(|i| i.checked_sub(1)).map(|i| editions[i]);
    let next = at.and_then(|i| editions.get(i + 1)).copied();
    html! {
        form class="edition-pick" action=(action) method="get" aria-label="Choose an edition" {
            label for="edition" { "Edition" } " "
            select id="edition" name="edition" {
                @for e in editions {
                    option value=(e) selected[*e == shown] { (e) }
                }
            }
            " "
            button type="submit" { "Show" }
        }
        nav class="edition-strip" aria-label="Editions" {
            @if let Some(p) = prev {
                a class="step" rel="prev" href={ (action) "?edition=" (p) } { "← " (p) }
            }
            ol {
                @for e in editions {
                    @if *e == shown {
                        li aria-current="page" { (e) }
                    } @else {
                        li { a href={ (action) "?edition=" (e) } { (e) } }
                    }
                }
            }
            @if let Some(n) = next {
                a class="step" rel="next" href={ (action) "?edition=" (n) } { (n) " →" }
            }
        }
    }
}

fn render(page: &EntityPage) -> Markup {
    let e = &page.entity;
    let name = &e.name;
    let here = editions_href(name);
    let (first, last) = match (page.editions.first(), page.editions.last()) {
        (Some(f), Some(l)) => (*f, *l),
        _ => (e.first_edition, e.last_edition),
    };
    let prev = page
        .editions
        .iter()
        .rev()
        .find(|x| **x < page.edition)
        .copied();
    let others: Vec<&Field> = page
        .fields
        .iter()
        .filter(|f| !page.entry.iter().any(|(n, _, _)| *n == f.name))
        .collect();
    let title = format!("{name} in the {} World Factbook", page.edition);
    let body = html! {
        p class="kicker" { "World Factbook, edition by edition" }
        h1 { (title) }
        p class="lede" {
            (name) " has an entry in " (count(page.editions.len(), "edition", "editions"))
            " of the World Factbook, " (span(first, last)) "."
            @if let Some(then) = &page.name_then {
                " The " (page.edition) " edition printed it as “" (then) "”."
            }
            " Choose an edition to read the entry as it printed it; every field links to its history."
        }
        (edition_picker(&here, &page.editions, page.edition))
        @if page.entry.is_empty() {
            p class="error" role="alert" {
                "The " (page.edition) " edition has no entry for " (name) "; it has one in "
                (span(first, last)) "."
            }
        } @else {
            p class="changes" {
                @if let Some(p) = prev {
                    a href=(diff_href(name, p, page.edition, None)) { "What changed from " (p) " to " (page.edition) }
                    @if first < last && (p, page.edition) != (first, last) { " · " }
                }
                @if first < last && prev.is_none_or(|p| (p, page.edition) != (first, last)) {
                    a href=(diff_href(name, first, last, None)) { "From " (first) " to " (last) }
                }
                " · " a href=(compare_href(name)) { "Then and now" }
            }
            section class="entry" aria-labelledby="entry" {
                h2 id="entry" { "The " (page.edition) " entry: " (count(page.entry.len(), "field", "fields")) }
                dl class="entry" {
                    @for (field, text, status) in &page.entry {
                        div id={ "f-" (library::anchor(field)) } {
                            dt {
                                a href=(history_href(name, field)) { (field) }
                                " " span class="status" {
                                    @match status {
                                        Status::First => {}
                                        Status::New => { "new in " (page.edition) }
                                        Status::Changed(p) => {
                                            a href=(diff_href(name, *p, page.edition, Some(field))) { "changed since " (p) }
                                        }
                                        Status::Since(s) if *s == page.edition => {}
                                        Status::Since(s) => { "unchanged since " (s) }
                                    }
                                }
                            }
                            dd { (text) }
                        }
                    }
                }
            }
        }
        @if !others.is_empty() {
            section class="other-fields" aria-labelledby="other-fields" {
                h2 id="other-fields" { "In other editions only" }
                ul class="field-list" {
                    @for f in &others {
                        li {
                            a href=(history_href(name, &f.name)) { (f.name) }
                            " " span class="asof" { (span(f.first, f.last)) ", " (count(f.editions, "edition", "editions")) }
                        }
                    }
                }
            }
        }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here(&format!("{name}, Factbook editions")),
    ];
    let description = format!(
        "{name} in the World Factbook {}: the entry as that edition printed it, {}, each with its history across the editions {}.",
        page.edition,
        count(page.entry.len(), "field", "fields"),
        span(first, last)
    );
    let head = Head {
        title: &title,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}
