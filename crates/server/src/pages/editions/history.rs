//! A field's history (`/history/{country}/{field}`): the field in every edition that has it,
//! as a table (edition, headline number with its unit, the date it was estimated for, the
//! text), an edition identical to the one before collapsed under "unchanged", the names the
//! field and the entity had then where they differ; for a numeric field, a line chart drawn
//! on the server (`chart`) whose points link to the rows; links to the same history as JSON
//! and CSV from `/api/history`, and to the redline of each change.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::chart::{self, value_text};
use super::{diff_href, editions_href, history_href, library_problem, problem, span};
use crate::api::{blocking, checked_name};
use crate::html::{Crumb, Head, count, encode, excerpt, layout};
use crate::pages::search::sentence;
use crate::{AppError, AppState};

/// `GET /history/{country}/{field}`: the field's history; another name of the entity or
/// the field redirects to the page under the entity's latest name and the field's
/// canonical one.
pub(crate) async fn history(
    State(state): State<AppState>,
    Path((country, field)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    if let Err(e) = checked_name("country", &country).and_then(|_| checked_name("field", &field)) {
        return Ok(problem(e.status(), &sentence(e.message()), &[]));
    }
    let (c, f) = (country.clone(), field.clone());
    let history = match blocking(&state, move |lib| lib.field_history(&c, &f)).await? {
        Ok(h) => h,
        Err(e) => {
            let known = blocking(&state, {
                let c = country.clone();
                move |lib| lib.edition_entity(&c).map(|e| e.name).ok()
            })
            .await?;
            return match known {
                // The entity is known: the suggestions are its fields.
                Some(name) => library_problem(e, &|s| history_href(&name, s)),
                None => library_problem(e, &|s| history_href(s, &field)),
            };
        }
    };
    if history.country != country || history.field != field {
        let mut to = history_href(&history.country, &history.field);
        if let Some(raw) = raw.filter(|r| !r.is_empty()) {
            to = format!("{to}?{raw}");
        }
        return Ok(Redirect::permanent(&to).into_response());
    }
    Ok(render(&history).into_response())
}

/// `/api/history?country=&field=[&format=csv]`.
fn api_href(h: &library::History, format: Option<&str>) -> String {
    let mut href = format!(
        "/api/history?country={}&field={}",
        encode(&h.country),
        encode(&h.field)
    );
    if let Some(f) = format {
        href.push_str("&format=");
        href.push_str(f);
    }
    href
}

fn render(h: &library::History) -> Markup {
    let rows = &h.editions;
    let (first, last) = match (rows.first(), rows.last()) {
        (Some(f), Some(l)) => (f.edition, l.edition),
        _ => (0, 0),
    };
    let changes = rows.iter().skip(1).filter(|r| !r.unchanged).count();
    let chart = chart::chart(rows);
    let names_then: Vec<(&str, Vec<u16>)> = {
        let mut out: Vec<(&str, Vec<u16>)> = Vec::new();
        for r in rows {
            if let Some(n) = &r.name_then {
                match out.iter_mut().find(|(m, _)| m == n) {
                    Some((_, eds)) => eds.push(r.edition),
                    None => out.push((n, vec![r.edition])),
                }
            }
        }
        out
    };
    let what = format!("{} of {}", h.field, h.country);
    let title = format!("{what}, {}", span(first, last));
    let body = html! {
        p class="kicker" { "World Factbook · a field through the editions" }
        h1 { (title) }
        p class="lede" {
            (h.field) " in " (count(rows.len(), "edition", "editions")) " of the World Factbook"
            @if rows.len() > 1 {
                @let same = rows.len() - 1 - changes;
                "; its text changed in " (count(changes, "edition", "editions"))
                @if same > 0 { " and stayed the same in " (same) }
            }
            "."
            @for (name, eds) in &names_then {
                " Called “" (name) "” in " (years_text(eds)) "."
            }
        }
        p class="links" {
            a href=(editions_href(&h.country)) { (h.country) " edition by edition" }
            @if first < last {
                " · " a href=(diff_href(&h.country, first, last, Some(&h.field))) {
                    "What changed from " (first) " to " (last)
                }
            }
        }
        @if let Some(c) = &chart {
            figure class="history-chart" {
                (chart::svg(c, &what))
                figcaption {
                    "The number each edition gives first, in " (chart::unit_words(c.unit))
                    ", by edition. Choose a point for its row below."
                    @if c.other_units > 0 {
                        " " (count(c.other_units, "edition gives", "editions give"))
                        " a number in another unit, not drawn."
                    }
                }
            }
        }
        p class="downloads" {
            "Download: " a href=(api_href(h, None)) { "JSON" } " · " a href=(api_href(h, Some("csv"))) { "CSV" }
        }
        table class="history" {
            caption { (what) ", edition by edition" }
            thead {
                tr { th scope="col" { "Edition" } th scope="col" { "Number" } th scope="col" { "Estimate for" } th scope="col" { "Text" } }
            }
            tbody {
                @for (i, r) in rows.iter().enumerate() {
                    @let prev = i.checked_sub(1).map(|j| rows[j].edition);
                    @if r.unchanged {
                        tr class="unchanged" id={ "e" (r.edition) } {
                            th scope="row" { (r.edition) }
                            td colspan="3" {
                                details {
                                    summary { "Unchanged from " (prev.unwrap_or(r.edition)) }
                                    (row_text(h, r, None))
                                }
                            }
                        }
                    } @else {
                        tr id={ "e" (r.edition) } {
                            th scope="row" { (r.edition) }
                            td class="number" {
                                @if let Some(v) = r.value { (value_text(v, r.unit)) }
                            }
                            td class="date" { @if let Some(d) = &r.date_est { (d) } }
                            td class="text" { (row_text(h, r, prev)) }
                        }
                    }
                }
            }
        }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::link(
            editions_href(&h.country),
            &format!("{}, Factbook editions", h.country),
        ),
        Crumb::here(&h.field),
    ];
    let latest = rows.last().map(|r| r.text.as_str()).unwrap_or("");
    let description = excerpt(
        &format!(
            "{what} in every World Factbook edition {}, with what changed. {}: {latest}",
            span(first, last),
            last
        ),
        155,
    );
    let head = Head {
        title: &title,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}

/// A row's text, the names then, and (for a change) the link to its redline.
fn row_text(h: &library::History, r: &library::HistoryRow, changed_from: Option<u16>) -> Markup {
    html! {
        p class="field-text" { (r.text) }
        @if r.name_then.is_some() || r.entity_then.is_some() {
            p class="then" {
                @if let Some(n) = &r.name_then { "Field printed as “" (n) "”" }
                @if r.name_then.is_some() && r.entity_then.is_some() { " · " }
                @if let Some(n) = &r.entity_then { "entry printed as “" (n) "”" }
            }
        }
        @if let Some(p) = changed_from {
            p class="changed" {
                a href=(diff_href(&h.country, p, r.edition, Some(&h.field))) { "What changed since " (p) }
            }
        }
    }
}

/// `1990–1991, 1995`: editions as runs of consecutive years.
fn years_text(eds: &[u16]) -> String {
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for &e in eds {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == e => *end = e,
            _ => runs.push((e, e)),
        }
    }
    runs.iter()
        .map(|(a, b)| span(*a, *b))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_read_as_runs() {
        assert_eq!(
            years_text(&[1990, 1991, 1992, 1995, 1997, 1998]),
            "1990–1992, 1995, 1997–1998"
        );
        assert_eq!(years_text(&[2001]), "2001");
        assert_eq!(years_text(&[]), "");
    }
}
