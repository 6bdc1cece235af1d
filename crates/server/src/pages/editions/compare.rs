//! Then and now (`/compare/{country}?as_of=`): the Country Study beside the Factbook edition
//! nearest its data-as-of and the latest entry (a former state's successor's), subject by
//! subject (History, Geography, Society, Economy, Government, Security, Foreign relations),
//! each side labelled with the date of its data. Study sections link to their pages, Factbook
//! fields to their history through every edition.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::{editions_href, history_href, library_problem, problem};
use crate::api::{EditionParams, blocking, checked_name, edition};
use crate::html::{Crumb, Head, as_of_text, encode, layout};
use crate::pages::search::sentence;
use crate::{AppError, AppState};

/// `/compare/{country}`.
pub(crate) fn compare_href(country: &str) -> String {
    format!("/compare/{}", encode(country))
}

/// `GET /compare/{country}[?as_of=YEAR]`.
pub(crate) async fn compare(
    State(state): State<AppState>,
    Path(country): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let checked = checked_name("country", &country).and_then(|_| {
        let params = EditionParams::parse(raw.as_deref())?;
        edition("as_of", &params.as_of)
    });
    let as_of = match checked {
        Ok(y) => y,
        Err(e) => return Ok(problem(e.status(), &sentence(e.message()), &[])),
    };
    let c = country.clone();
    let comparison =
        match blocking(&state, move |lib| lib.compare(&c, as_of.map(i32::from))).await? {
            Ok(c) => c,
            Err(e) => return library_problem(e, &|s| compare_href(s)),
        };
    Ok(render(&comparison).into_response())
}

/// One side's column heading: its title and the date of its data.
fn side_head(side: Option<&library::CompareSide>, what: &str) -> Markup {
    html! {
        th scope="col" {
            span class="side-kind" { (what) } br;
            @match side {
                Some(s) => {
                    (s.title)
                    @if let Some(d) = &s.data_as_of {
                        br; span class="asof" { "data as of " (as_of_text(d)) }
                    }
                }
                None => { span class="none" { "not in this library" } }
            }
        }
    }
}

/// Items shown per side and subject; the rest are counted (the entry's page has them all).
const SHOWN: usize = 8;
/// Characters of an item's opening words.
const LEAD: usize = 110;

/// `text` cut to about `n` characters at a word, with an ellipsis when cut.
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let head: String = text.chars().take(n).collect();
    let head = head.rsplit_once(' ').map_or(head.as_str(), |(h, _)| h);
    format!("{}…", head.trim_end_matches([',', ';', ':', '.']))
}

/// One side's items in a subject: study sections link to their pages, Factbook fields to
/// their history.
fn items(list: &[library::CompareItem], entity: Option<&str>, side: &str) -> Markup {
    html! {
        td data-side=(side) {
            @if list.is_empty() {
                span class="none" { "—" }
            } @else {
                ul class="compare-items" {
                    @for item in list.iter().take(SHOWN) {
                        li {
                            @match entity {
                                Some(e) => a href=(history_href(e, &item.id)) { (item.title) },
                                None => a href={ "/sections/" (encode(&item.id)) } { (item.title) },
                            }
                            @if !item.lead.is_empty() {
                                br; span class="lead" { (cut(&item.lead, LEAD)) }
                            }
                        }
                    }
                    @if list.len() > SHOWN {
                        li class="more" {
                            @match entity {
                                Some(e) => a href=(editions_href(e)) { "and " (list.len() - SHOWN) " more" },
                                None => { "and " (list.len() - SHOWN) " more sections" },
                            }
                        }
                    }
                }
            }
        }
    }
}

fn render(c: &library::Comparison) -> Response {
    let then_entity = c.then.as_ref().and_then(|s| s.entity.as_deref());
    let latest_entity = c.latest.as_ref().and_then(|s| s.entity.as_deref());
    let body = html! {
        p class="kicker" { "Then and now" }
        h1 { (c.country) }
        p class="lede" {
            "The Country Study beside the World Factbook edition nearest its data, and the latest Factbook entry"
            @if let (Some(t), Some(l)) = (then_entity, latest_entity) {
                @if t != l { " (" (l) ", the successor of " (t) ")" }
            }
            ". Each side says when its data was current."
            @if let Some(e) = then_entity.or(latest_entity) {
                " " a href=(editions_href(e)) { "Every edition of " (e) }
            }
        }
        @if c.subjects.is_empty() {
            p class="empty" { "Neither side has a subject both works cover." }
        } @else {
            div class="table-wrap" {
                table class="compare" {
                    caption { "Subjects both works cover, one row each" }
                    thead {
                        tr {
                            th scope="col" { "Subject" }
                            (side_head(c.study.as_ref(), "Country Study"))
                            (side_head(c.then.as_ref(), "Factbook then"))
                            (side_head(c.latest.as_ref(), "Factbook now"))
                        }
                    }
                    tbody {
                        @for s in &c.subjects {
                            tr {
                                th scope="row" { (s.subject) }
                                (items(&s.study, None, "Country Study"))
                                (items(&s.then, then_entity, "Factbook then"))
                                (items(&s.latest, latest_entity, "Factbook now"))
                            }
                        }
                    }
                }
            }
        }
    };
    let description = format!(
        "{}: the Country Study beside the World Factbook then and now, subject by subject.",
        c.country
    );
    let head = Head {
        title: &format!("Then and now: {}", c.country),
        description: &description,
    };
    let crumbs = [Crumb::link("/".into(), "Country Listing")];
    layout(head, &crumbs, "", body).into_response()
}
