//! The web reader: server-rendered HTML that works without JavaScript.
//!
//! The reader mirrors how the Country Studies were read on paper and on the old mirrors:
//! the country listing (`/`), a country (`/countries/{id}`: background, cited key facts,
//! books, predecessor and successor states), a book's table of contents (`/books/{id}`), a
//! chapter as one page (`/books/{id}/chapters/{heading}`: a Factbook category with every
//! field under its anchor), a section (`/sections/{id}`, with its breadcrumb, data-as-of,
//! previous and next sections and every copy it was found in, each paragraph under its
//! anchor `#p1`, `#p2` …, its names linked to their entity pages, a small map of its places
//! and its names by kind), an entity (`/entities/{id}`: a state, place or person with its
//! dates, map, books and sections), full-text search (`/search`, every filter of the command line) and
//! timelines (`/timeline/{country}`, `/timeline/{a}/{b}`, `/timeline?q=`: a time axis drawn
//! on the server and every dated statement, each linked to its paragraph) and relations
//! (`/relations/{a}/{b}`: the events between two states, a chart of them by type and decade,
//! each linked to its paragraph; country and entity pages list a state's partners) and the
//! World Factbook's editions 1990–2025 (`/editions/{country}`: an entry as any edition printed
//! it; `/history/{country}/{field}`: a field through the editions, charted when numeric;
//! `/diff/{country}`: the redline between two editions). Every page has a meta description.
//! Each handler asks the library on the blocking pool, then renders a [`maud`] template
//! (escaping by construction) with the layout in `crate::html`; errors become HTML pages
//! (404 pages link home).
//!
//! Static assets (`style.css`, `search.js`) are compiled into the binary; `/static/{file}`
//! serves exactly those names and nothing from the filesystem, so there is nothing to
//! traverse.

mod chapter;
mod country;
mod editions;
mod entity;
mod listing;
mod map;
mod partners;
mod printed;
mod reader;
mod relations;
mod search;
mod section_names;
mod timeline;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppError;

pub(crate) use chapter::chapter;
pub(crate) use country::country;
pub(crate) use editions::{compare, diff, editions, history};
pub(crate) use entity::{MAX_ENTITY_NAME, entity};
pub(crate) use listing::listing;
pub(crate) use reader::{book, section};
pub(crate) use relations::relations_pair;
pub(crate) use search::search;
pub(crate) use timeline::{timeline_country, timeline_index, timeline_pair};

const STYLE_CSS: &str = include_str!("../static/style.css");
const SEARCH_JS: &str = include_str!("../static/search.js");

/// `GET /static/{file}`: one of the embedded assets, or a 404 page.
pub(crate) async fn static_file(Path(file): Path<String>) -> Result<Response, AppError> {
    let (body, content_type) = match file.as_str() {
        "style.css" => (STYLE_CSS, "text/css; charset=utf-8"),
        "search.js" => (SEARCH_JS, "text/javascript; charset=utf-8"),
        _ => return Err(AppError::not_found("no such file").html()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response())
}

/// An HTML page answer.
fn html_page(page: maud::Markup) -> Response {
    page.into_response()
}
