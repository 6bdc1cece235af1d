//! One country (`/countries/{id}`): the page a student starts from. Its name and codes, the
//! first paragraph of the Factbook's Background and the key facts (capital, area,
//! population, government type), each cited with its edition and linked to its section;
//! its books with their data-as-of (the Factbook's chapters each open as one page); the
//! states it has events with (`partners`, each linked to the pair's relations page); the
//! states it came from or that followed it; a link to its timeline and, when the library
//! holds the Factbook's editions, to its entry edition by edition; and a search box limited
//! to it.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::editions::{editions_href, span};
use super::html_page;
use super::reader::chapter_href;
use crate::api::blocking;
use crate::html::{Crumb, Head, as_of_text, count, encode, excerpt, layout};
use crate::{AppError, AppState};

/// A country with the chapter headings of its newest Factbook.
struct CountryPage {
    detail: library::CountryDetail,
    /// The newest Factbook book's id and its chapter headings, in book order.
    factbook_chapters: Option<(String, Vec<String>)>,
    /// The states it has events with.
    partners: library::Partners,
    /// Its entity in the Factbook's editions 1990–2025, when the library has them.
    editions: Option<library::EditionEntity>,
}

fn load(lib: &library::Library, id: &str) -> library::Result<CountryPage> {
    let detail = lib.country(id)?;
    let newest_factbook = detail
        .books
        .iter()
        .filter(|b| b.kind == "factbook")
        .max_by(|a, b| a.data_as_of.cmp(&b.data_as_of));
    let factbook_chapters = match newest_factbook {
        Some(b) => {
            let book = lib.book(&b.id)?;
            let headings = book
                .toc
                .iter()
                .filter(|n| n.section_id.is_none())
                .map(|n| n.title.clone())
                .collect();
            Some((book.id, headings))
        }
        None => None,
    };
    let partners = lib.partners(&library::RelationsQuery {
        a: detail.id.clone(),
        ..Default::default()
    })?;
    // No editions (or none for this country) is no error: the page just has no link.
    let editions = lib
        .edition_entity(&detail.name)
        .ok()
        .filter(|e| e.first_edition > 0);
    Ok(CountryPage {
        detail,
        factbook_chapters,
        partners,
        editions,
    })
}

/// `GET /countries/{id}`: the country page; a name, alias or code (`ussr`, `JP`) redirects
/// to the page under its id.
pub(crate) async fn country(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let asked = id.clone();
    let page = blocking(&state, move |lib| load(lib, &asked))
        .await?
        .map_err(|e| AppError::from(e).html())?;
    if page.detail.id != id {
        let to = format!("/countries/{}", encode(&page.detail.id));
        return Ok(Redirect::permanent(&to).into_response());
    }
    Ok(html_page(render(&page)))
}

/// `— The World Factbook 2025 (data as of 2025)`, linked to the fact's section.
fn cite(fact: &library::Fact, what: &str) -> Markup {
    html! {
        a href={ "/sections/" (encode(&fact.section_id)) } { (what) }
        ", " (fact.book)
        @if let Some(as_of) = &fact.data_as_of {
            " (data as of " (as_of_text(as_of)) ")"
        }
    }
}

fn render(page: &CountryPage) -> Markup {
    let c = &page.detail;
    let codes: Vec<String> = [("ISO", &c.iso), ("FIPS", &c.fips)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
        .collect();
    let studies: Vec<&library::BookRef> = c.books.iter().filter(|b| b.kind != "factbook").collect();
    let factbooks: Vec<&library::BookRef> =
        c.books.iter().filter(|b| b.kind == "factbook").collect();
    let book_item = |b: &library::BookRef| {
        html! {
            li {
                a href={ "/books/" (encode(&b.id)) } { (b.title) }
                @if let Some(as_of) = &b.data_as_of {
                    " " span class="asof" { "Data as of " (as_of_text(as_of)) }
                }
                @if let Some((book_id, headings)) = &page.factbook_chapters
                    && book_id == &b.id
                    && !headings.is_empty()
                {
                    nav class="chapters" aria-label={ "Chapters of " (b.title) } {
                        ul {
                            @for h in headings {
                                li { a href=(chapter_href(book_id, h)) { (h) } }
                            }
                        }
                    }
                }
            }
        }
    };
    let body = html! {
        p class="kicker" { "Country" }
        h1 { (c.name) }
        @if !codes.is_empty() {
            p class="lede" { (codes.join(" · ")) }
        }
        p class="timeline-link" {
            a href={ "/timeline/" (encode(&c.id)) } { "Timeline of " (c.name) }
            ": every dated statement about it, in time order."
        }
        @if let Some(e) = &page.editions {
            p class="timeline-link editions-link" {
                a href=(editions_href(&e.name)) { (e.name) " in every World Factbook edition" }
                ", " (span(e.first_edition, e.last_edition))
                ": the entry as each edition printed it, every field's history, what changed. "
                a href=(super::editions::compare_href(&c.name)) { "Then and now" }
                ": the Country Study beside the Factbook of its day and of today."
            }
        }
        @if let Some(bg) = &c.background {
            section class="background" aria-labelledby="background" {
                h2 id="background" { "Background" }
                p { (bg.value) }
                p class="cite" { "From " (cite(bg, "Background")) "." }
            }
        }
        @if !c.key_facts.is_empty() {
            section aria-labelledby="key-facts" {
                h2 id="key-facts" { "Key facts" }
                dl class="facts" {
                    @for f in &c.key_facts {
                        div {
                            dt { (f.label) }
                            dd {
                                (f.value)
                                span class="cite" { " — " (cite(f, "source")) }
                            }
                        }
                    }
                }
            }
        }
        (super::partners::section(&page.partners))
        @if !c.predecessors.is_empty() || !c.successors.is_empty() {
            section aria-labelledby="succession" {
                h2 id="succession" { "Before and after" }
                @if !c.predecessors.is_empty() {
                    p class="succession" { "Preceded by " (links(&c.predecessors, "until")) "." }
                }
                @if !c.successors.is_empty() {
                    p class="succession" {
                        "Succeeded "
                        @for (i, (year, states)) in by_year(&c.successors).iter().enumerate() {
                            @if i > 0 { "; " }
                            "in " (year) " by "
                            @for (j, l) in states.iter().enumerate() {
                                @if j > 0 { ", " }
                                a href={ "/countries/" (encode(&l.id)) } { (l.name) }
                            }
                        }
                        "."
                    }
                }
            }
        }
        section aria-labelledby="books" {
            h2 id="books" { "Books" }
            @if c.books.is_empty() {
                p class="empty" { "No books on " (c.name) " in this library yet." }
            }
            @if !studies.is_empty() {
                h3 { (if studies.len() == 1 { "Country Study" } else { "Country Studies" }) }
                ul class="books-list" {
                    @for b in &studies { (book_item(b)) }
                }
            }
            @if !factbooks.is_empty() {
                h3 { "The World Factbook" }
                ul class="books-list" {
                    @for b in &factbooks { (book_item(b)) }
                }
            }
        }
        section aria-labelledby="search-country" {
            h2 id="search-country" { "Search within " (c.name) }
            form class="search big" action="/search" method="get" role="search"
                aria-label={ "Search within " (c.name) } {
                input type="hidden" name="country" value=(c.id);
                label for="q-country" { "Words to find in the books on " (c.name) } " "
                input id="q-country" type="search" name="q"
                    maxlength=(library::MAX_QUERY_LEN);
                " "
                button type="submit" { "Search" }
            }
        }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here(&c.name),
    ];
    let description = match &c.background {
        Some(bg) => excerpt(&format!("{}: {}", c.name, bg.value), 155),
        None => format!(
            "{} in the Country Studies and the World Factbook: {}, each with the date its data was current.",
            c.name,
            count(c.books.len(), "book", "books"),
        ),
    };
    let head = Head {
        title: &c.name,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}

/// Successor states grouped by the year of the succession, in the order first seen.
fn by_year(states: &[library::CountryLink]) -> Vec<(u16, Vec<&library::CountryLink>)> {
    let mut out: Vec<(u16, Vec<&library::CountryLink>)> = Vec::new();
    for l in states {
        match out.iter_mut().find(|(year, _)| *year == l.year) {
            Some((_, group)) => group.push(l),
            None => out.push((l.year, vec![l])),
        }
    }
    out
}

/// `Soviet Union (until 1991)`, each linked to its page.
fn links(countries: &[library::CountryLink], when: &str) -> Markup {
    html! {
        @for (i, l) in countries.iter().enumerate() {
            @if i > 0 { ", " }
            a href={ "/countries/" (encode(&l.id)) } { (l.name) }
            " (" (when) " " (l.year) ")"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successors_group_by_year_in_order() {
        let link = |name: &str, year| library::CountryLink {
            id: name.to_lowercase(),
            name: name.into(),
            year,
        };
        let states = [
            link("Slovenia", 1991),
            link("Croatia", 1991),
            link("Serbia", 1992),
            link("Montenegro", 1992),
        ];
        let groups: Vec<(u16, Vec<&str>)> = by_year(&states)
            .into_iter()
            .map(|(y, g)| (y, g.iter().map(|l| l.name.as_str()).collect()))
            .collect();
        assert_eq!(
            groups,
            vec![
                (1991, vec!["Slovenia", "Croatia"]),
                (1992, vec!["Serbia", "Montenegro"])
            ]
        );
    }
}
