//! One chapter of a book as one page (`/books/{id}/chapters/{heading}`): every section under
//! the heading in book order, each with its anchor (`#area`), so a Factbook category such
//! as Geography reads in one go; every field keeps its own page for citations, linked from
//! here, and links back to its place in the chapter.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::html_page;
use super::reader::chapter_href;
use crate::api::blocking;
use crate::html::{Crumb, Head, as_of_text, encode, excerpt, layout, section_text};
use crate::{AppError, AppState};

/// A chapter with its neighbours in the book.
struct ChapterPage {
    view: library::ChapterView,
    /// The book's kind (`factbook`, `country-study`).
    kind: String,
    prev: Option<String>,
    next: Option<String>,
}

fn load(lib: &library::Library, book_id: &str, heading: &str) -> library::Result<ChapterPage> {
    let view = lib.chapter(book_id, heading)?;
    let book = lib.book(book_id)?;
    let headings: Vec<&str> = book
        .toc
        .iter()
        .filter(|n| n.section_id.is_none())
        .map(|n| n.title.as_str())
        .collect();
    let at = headings
        .iter()
        .position(|h| h.eq_ignore_ascii_case(&view.heading));
    let neighbour = |i: Option<usize>| i.and_then(|i| headings.get(i)).map(|h| h.to_string());
    Ok(ChapterPage {
        prev: neighbour(at.and_then(|i| i.checked_sub(1))),
        next: neighbour(at.map(|i| i + 1)),
        kind: book.kind,
        view,
    })
}

/// `GET /books/{id}/chapters/{heading}`: the chapter; a heading in other letter case
/// redirects to the chapter under the heading as the book writes it.
pub(crate) async fn chapter(
    State(state): State<AppState>,
    Path((book_id, heading)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (b, h) = (book_id.clone(), heading.clone());
    let page = blocking(&state, move |lib| load(lib, &b, &h))
        .await?
        .map_err(|e| AppError::from(e).html())?;
    if page.view.heading != heading {
        let to = chapter_href(&page.view.book_id, &page.view.heading);
        return Ok(Redirect::permanent(&to).into_response());
    }
    Ok(html_page(render(&page)))
}

/// Anchors as the library gives them, made unique within the page (`area`, `area-2`).
fn unique_anchors(sections: &[library::ChapterSection]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    sections
        .iter()
        .map(|s| {
            let base = if s.anchor.is_empty() {
                "section".to_owned()
            } else {
                s.anchor.clone()
            };
            let mut anchor = base.clone();
            let mut n = 1;
            while !seen.insert(anchor.clone()) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            anchor
        })
        .collect()
}

fn render(page: &ChapterPage) -> Markup {
    let v = &page.view;
    let anchors = unique_anchors(&v.sections);
    let kind = if page.kind == "factbook" {
        "World Factbook"
    } else {
        "Country Study"
    };
    let body = html! {
        article class="chapter" {
            p class="kicker" { (kind) " · " (v.country) }
            h1 { (v.heading) }
            p class="source" {
                "Book: " a href={ "/books/" (encode(&v.book_id)) } { (v.book) }
                " · Country: " a href={ "/countries/" (encode(&v.country_id)) } { (v.country) }
            }
            @if let Some(as_of) = &v.data_as_of {
                p class="asof-line" { "Data as of " (as_of_text(as_of)) }
            }
            @if v.sections.len() > 1 {
                nav class="in-chapter" aria-label="In this chapter" {
                    ol {
                        @for (s, anchor) in v.sections.iter().zip(&anchors) {
                            li { a href={ "#" (anchor) } { (s.title) } }
                        }
                    }
                }
            }
            @for (s, anchor) in v.sections.iter().zip(&anchors) {
                section class="part" id=(anchor) aria-labelledby={ (anchor) "-title" } {
                    h2 id={ (anchor) "-title" } { (s.title) }
                    (section_text(&s.paragraphs, &s.fields, page.kind == "factbook", &format!("{anchor}-p"), &[]))
                    p class="own-page" {
                        a href={ "/sections/" (encode(&s.section_id)) } {
                            (s.title) " on its own page, for citing"
                        }
                    }
                }
            }
        }
        nav class="prevnext" aria-label="Chapters" {
            @if let Some(p) = &page.prev {
                a class="prev" rel="prev" href=(chapter_href(&v.book_id, p)) { "← " (p) }
            } @else {
                span class="prev" {}
            }
            a class="up" href={ "/books/" (encode(&v.book_id)) } { "Contents" }
            @if let Some(n) = &page.next {
                a class="next" rel="next" href=(chapter_href(&v.book_id, n)) { (n) " →" }
            } @else {
                span class="next" {}
            }
        }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::link(format!("/countries/{}", encode(&v.country_id)), &v.country),
        Crumb::link(format!("/books/{}", encode(&v.book_id)), &v.book),
        Crumb::here(&v.heading),
    ];
    let titles: Vec<&str> = v.sections.iter().map(|s| s.title.as_str()).collect();
    let description = excerpt(
        &format!(
            "{} of {}, from {}, in one page: {}.",
            v.heading,
            v.country,
            v.book,
            titles.join(", ")
        ),
        155,
    );
    let title = format!("{} · {}", v.heading, v.book);
    let head = Head {
        title: &title,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}
