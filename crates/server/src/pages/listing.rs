//! The country listing (`/`).

use axum::extract::State;
use axum::response::Response;
use maud::html;

use super::html_page;
use crate::api::blocking;
use crate::html::{Head, as_of_text, count, encode, layout};
use crate::{AppError, AppState};

/// The A–Z letter a country is filed under, if its name starts with one.
fn letter(name: &str) -> Option<char> {
    name.chars()
        .next()
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphabetic)
}

/// `GET /`: every country with its books and their data-as-of, and a search box.
pub(crate) async fn listing(State(state): State<AppState>) -> Result<Response, AppError> {
    let countries = blocking(&state, |lib| lib.countries())
        .await?
        .map_err(|e| AppError::from(e).html())?;
    let n_books: usize = countries.iter().map(|c| c.books.len()).sum();
    // Jump links A–Z.
    let mut letters: Vec<char> = countries
        .iter()
        .filter_map(|c| c.name.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphabetic)
        .collect();
    letters.dedup();
    // The first country under each letter carries the letter's anchor.
    let mut current: Option<char> = None;
    let anchors: Vec<Option<String>> = countries
        .iter()
        .map(|c| {
            let first = letter(&c.name);
            if first.is_some() && first != current {
                current = first;
                Some(format!("letter-{}", first.unwrap_or('?')))
            } else {
                None
            }
        })
        .collect();
    let body = html! {
        h1 { "Country Listing" }
        p class="lede" {
            (count(countries.len(), "country", "countries")) ", "
            (count(n_books, "book", "books"))
            ". Every book shows the date its data was current."
        }
        form class="search big" action="/search" method="get" role="search"
            aria-label="Search every book" {
            label for="q-main" { "Search every book" } " "
            input id="q-main" type="search" name="q" placeholder="e.g. Northern Territories";
            " "
            button type="submit" { "Search" }
        }
        @if countries.is_empty() {
            p class="empty" {
                "The library is empty. Run " code { "areabook ingest" } " or "
                code { "areabook demo" } " to add books."
            }
        }
        @if letters.len() > 1 {
            nav class="letters" aria-label="Jump to letter" {
                @for l in &letters {
                    a href={ "#letter-" (l) } { (l) } " "
                }
            }
        }
        ul class="countries" {
            @for (c, anchor) in countries.iter().zip(&anchors) {
                li id=[anchor] {
                    a class="country" href={ "/countries/" (encode(&c.id)) } { (c.name) }
                    " "
                    span class="books" {
                        @for (i, b) in c.books.iter().enumerate() {
                            @if i > 0 { " · " }
                            a href={ "/books/" (encode(&b.id)) } { (b.title) }
                            @if let Some(as_of) = &b.data_as_of {
                                " " span class="asof" { (as_of_text(as_of)) }
                            }
                        }
                        @if let Some([first, last]) = c.factbook_editions {
                            @if !c.books.is_empty() { " · " }
                            a href=(super::editions::editions_href(&c.id)) {
                                "Factbook editions"
                            }
                            " " span class="asof" {
                                @if first == last { (first) } @else { (first) "–" (last) }
                            }
                        }
                    }
                    @if !c.former.is_empty() {
                        " "
                        span class="former" {
                            @if c.former.len() == 1 { "predecessor: " } @else { "predecessors: " }
                            @for (i, f) in c.former.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href={ "/countries/" (encode(&f.id)) } { (f.name) }
                                " (to " (f.year) ")"
                            }
                        }
                    }
                }
            }
        }
    };
    let description = format!(
        "The Library of Congress Country Studies and the CIA World Factbook as one library: {}, {}, each with the date its data was current.",
        count(countries.len(), "country", "countries"),
        count(n_books, "book", "books"),
    );
    let head = Head {
        title: "Country Listing",
        description: &description,
    };
    Ok(html_page(layout(head, &[], "", body)))
}
