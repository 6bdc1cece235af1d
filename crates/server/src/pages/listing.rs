//! The country listing (`/`) and one country's books (`/countries/{id}`).

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::response::Response;

use super::html_page;
use crate::api::blocking;
use crate::html::{Crumb, as_of_text, encode, escape, layout};
use crate::{AppError, AppState};

/// `GET /`: every country with its books and their data-as-of, and a search box.
pub(crate) async fn listing(State(state): State<AppState>) -> Result<Response, AppError> {
    let countries = blocking(&state, |lib| lib.countries())
        .await?
        .map_err(|e| AppError::from(e).html())?;
    let n_books: usize = countries.iter().map(|c| c.books.len()).sum();
    let mut body = String::with_capacity(countries.len() * 256 + 1024);
    let _ = write!(
        body,
        "<h1>Country Listing</h1>\n<p class=\"lede\">{} countries, {} books. Every book shows the date its data was current.</p>\n",
        countries.len(),
        n_books
    );
    body.push_str(
        "<form class=\"search big\" action=\"/search\" method=\"get\" role=\"search\">\
<label for=\"q-main\">Search every book</label> \
<input id=\"q-main\" type=\"search\" name=\"q\" placeholder=\"e.g. Northern Territories\"> \
<button type=\"submit\">Search</button></form>\n",
    );
    if countries.is_empty() {
        body.push_str(
            "<p class=\"empty\">The library is empty. Run <code>areabook ingest</code> or <code>areabook demo</code> to add books.</p>",
        );
    }
    // Jump links A–Z.
    let mut letters: Vec<char> = countries
        .iter()
        .filter_map(|c| c.name.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphabetic)
        .collect();
    letters.dedup();
    if letters.len() > 1 {
        body.push_str("<nav class=\"letters\" aria-label=\"Jump to letter\">");
        for l in &letters {
            let _ = write!(body, "<a href=\"#letter-{l}\">{l}</a> ");
        }
        body.push_str("</nav>\n");
    }
    body.push_str("<ul class=\"countries\">\n");
    let mut current: Option<char> = None;
    for c in &countries {
        let first = c
            .name
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .filter(char::is_ascii_alphabetic);
        let anchor = if first.is_some() && first != current {
            current = first;
            format!(" id=\"letter-{}\"", first.unwrap_or('?'))
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<li{anchor}><a class=\"country\" href=\"/countries/{}\">{}</a> <span class=\"books\">",
            encode(&c.id),
            escape(&c.name)
        );
        for (i, b) in c.books.iter().enumerate() {
            if i > 0 {
                body.push_str(" · ");
            }
            let _ = write!(
                body,
                "<a href=\"/books/{}\">{}</a>",
                encode(&b.id),
                escape(&b.title)
            );
            if let Some(as_of) = &b.data_as_of {
                let _ = write!(
                    body,
                    " <span class=\"asof\">{}</span>",
                    escape(&as_of_text(as_of))
                );
            }
        }
        body.push_str("</span></li>\n");
    }
    body.push_str("</ul>\n");
    Ok(html_page(layout("Country Listing", &[], "", &body)))
}

/// `GET /countries/{id}`: one country's books, Country Studies first, oldest first.
pub(crate) async fn country(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let countries = blocking(&state, |lib| lib.countries())
        .await?
        .map_err(|e| AppError::from(e).html())?;
    let Some(c) = countries.iter().find(|c| c.id == id) else {
        return Err(AppError::not_found(format!("no country {id:?} in the library")).html());
    };
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&c.name));
    let codes: Vec<String> = [("ISO", &c.iso), ("FIPS", &c.fips)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {}", escape(v))))
        .collect();
    if !codes.is_empty() {
        let _ = writeln!(body, "<p class=\"lede\">{}</p>", codes.join(" · "));
    }
    body.push_str("<h2>Books</h2>\n<ul class=\"books-list\">\n");
    for b in &c.books {
        let kind = if b.kind == "factbook" {
            "World Factbook"
        } else {
            "Country Study"
        };
        let _ = write!(
            body,
            "<li><a href=\"/books/{}\">{}</a> <span class=\"kind\">{kind}</span>",
            encode(&b.id),
            escape(&b.title)
        );
        if let Some(as_of) = &b.data_as_of {
            let _ = write!(
                body,
                " <span class=\"asof\">Data as of {}</span>",
                escape(&as_of_text(as_of))
            );
        }
        body.push_str("</li>\n");
    }
    let _ = write!(
        body,
        "</ul>\n<p><a href=\"/search?country={}\">Search within {}</a></p>\n",
        encode(&c.id),
        escape(&c.name)
    );
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::here(&c.name),
    ];
    Ok(html_page(layout(&c.name, &crumbs, "", &body)))
}
