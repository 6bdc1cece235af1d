//! The JSON API. Every answer is one of the library's own view types, serialized as the
//! CLI's `--json` prints it; errors are `{"error": message, "status": code}`, plus
//! `"suggestions"` (the closest names the library has) when an id or name is unknown.
//!
//! Routes: `/api` (an index of the routes, built from the description), `/api/countries`,
//! `/api/countries/{id}`, `/api/books?country=`, `/api/books/{id}`,
//! `/api/books/{id}/chapters/{heading}`, `/api/sections/{id}`,
//! `/api/sections/{id}/citation`, `/api/search` (see `search`), `/api/timeline` (see
//! `timeline`), `/api/relations` (see `relations`), `/api/history` and `/api/diff` (see
//! `editions`), `/api/entities/{id}`, `/api/sections/{id}/entities`, `/api/places` (see
//! `entities`), `/api/openapi.json` and `/healthz`.
//!
//! The routes and their parameters are described in `openapi.json` (served at
//! `/api/openapi.json`); the tests call every documented operation and check the answer
//! against that description, and CI runs Schemathesis against the served API
//! (`tools/schemathesis.sh`), so the two cannot drift apart silently.

mod editions;
mod entities;
mod relations;
mod search;
mod timeline;

use std::sync::LazyLock;

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub(crate) use editions::{
    EditionParams, FIRST_EDITION, LAST_EDITION, checked_name, compare, diff, diff_editions,
    edition, history,
};
pub(crate) use entities::{entity, places, section_entities};
pub(crate) use relations::{RelationsParams, relations};
pub(crate) use search::search;
pub use search::{SearchParams, parse_search_params};
pub(crate) use timeline::{READER_PAGE_SIZE, TimelineParams, citation, timeline};

use crate::{AppError, AppState};

/// The OpenAPI 3 description of this API.
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// Run a library call on the blocking pool (SQLite and tantivy block), so the request
/// timeout can still answer while it runs, once one of the state's library slots is free
/// (waiting is async: cached answers and static files are not held up).
pub(crate) async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&library::Library) -> T + Send + 'static,
{
    let slot = state
        .library_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(AppError::internal)?;
    let library = state.library.clone();
    Ok(tokio::task::spawn_blocking(move || {
        let out = f(&library);
        drop(slot);
        out
    })
    .await?)
}

/// Parse a query string into `T` (unknown parameters ignored; a parameter given twice is a
/// 400; bytes that are not UTF-8 become U+FFFD). Never panics.
pub(crate) fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    serde_urlencoded::from_str(query)
        .map_err(|e| AppError::bad_request(format!("bad query string: {e}")))
}

/// A path parameter, or a JSON 400 when it cannot be read (a `%` escape that is not
/// UTF-8), instead of axum's plain-text rejection.
fn path<T>(p: Result<Path<T>, PathRejection>) -> Result<T, AppError> {
    p.map(|Path(v)| v)
        .map_err(|e| AppError::bad_request(format!("bad path: {}", e.body_text())))
}

/// The description, parsed once (it is compiled in and tested, so it parses).
static SPEC: LazyLock<serde_json::Value> =
    LazyLock::new(|| serde_json::from_str(OPENAPI).unwrap_or_default());

/// The body of `GET /api`: where the description is and every route it documents, each
/// with an example request: the operation's `x-example` when it has one (a route whose
/// parameters are each optional but not all at once), else one built from the examples of
/// its path and required query parameters.
fn index_json() -> serde_json::Value {
    let spec = &*SPEC;
    let mut routes = Vec::new();
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let mut example = path.clone();
            let mut query = Vec::new();
            for p in op["parameters"].as_array().into_iter().flatten() {
                let (Some(name), Some(value)) = (p["name"].as_str(), example_text(&p["example"]))
                else {
                    continue;
                };
                match p["in"].as_str() {
                    Some("path") => {
                        example =
                            example.replace(&format!("{{{name}}}"), &crate::html::encode(&value))
                    }
                    Some("query") if p["required"] == true => {
                        query.push(format!("{name}={}", crate::html::encode(&value)))
                    }
                    _ => {}
                }
            }
            if !query.is_empty() {
                example = format!("{example}?{}", query.join("&"));
            }
            if let Some(given) = op["x-example"].as_str() {
                example = given.to_owned();
            }
            let parameters: Vec<&serde_json::Value> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| &p["name"])
                .collect();
            routes.push(serde_json::json!({
                "method": method.to_uppercase(),
                "path": path,
                "operation": op["operationId"],
                "summary": op["summary"],
                "parameters": parameters,
                "example": example,
            }));
        }
    }
    serde_json::json!({
        "name": spec["info"]["title"],
        "version": spec["info"]["version"],
        "description": spec["info"]["description"],
        "openapi": "/api/openapi.json",
        "routes": routes,
    })
}

fn example_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// `GET /api`: an index of the API (see [`index_json`]).
pub(crate) async fn index() -> impl IntoResponse {
    static INDEX: LazyLock<serde_json::Value> = LazyLock::new(index_json);
    Json(&*INDEX)
}

/// `GET /api/countries`: `{"countries": [CountryView…]}`.
pub(crate) async fn countries(
    State(state): State<AppState>,
) -> Result<impl IntoResponse, AppError> {
    let countries = blocking(&state, |lib| lib.countries()).await??;
    Ok(Json(serde_json::json!({ "countries": countries })))
}

/// `GET /api/countries/{id}`: a `CountryDetail` (the id, a name, an alias or a code).
pub(crate) async fn country(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<library::CountryDetail>, AppError> {
    let id = path(id)?;
    Ok(Json(blocking(&state, move |lib| lib.country(&id)).await??))
}

/// The parameters of `/api/books`.
#[derive(Debug, Default, Deserialize)]
struct BooksParams {
    /// Only books with a chapter on this country (id, name, alias or code).
    country: Option<String>,
}

/// `GET /api/books?country=`: `{"books": [BookSummary…]}`, as `areabook books --json`.
/// An empty `country=` means every book.
pub(crate) async fn books(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let params: BooksParams = parse_query(raw.as_deref().unwrap_or(""))?;
    let country = params
        .country
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let books = blocking(&state, move |lib| lib.books(country.as_deref())).await??;
    Ok(Json(serde_json::json!({ "books": books })))
}

/// `GET /api/books/{id}/chapters/{heading}`: a `ChapterView`, every section of the book
/// under that heading (a Factbook category such as `Geography`), in book order.
pub(crate) async fn chapter(
    State(state): State<AppState>,
    params: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<library::ChapterView>, AppError> {
    let (id, heading) = path(params)?;
    Ok(Json(
        blocking(&state, move |lib| lib.chapter(&id, &heading)).await??,
    ))
}

/// `GET /api/books/{id}`: a `BookDetail`.
pub(crate) async fn book(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<library::BookDetail>, AppError> {
    let id = path(id)?;
    Ok(Json(blocking(&state, move |lib| lib.book(&id)).await??))
}

/// `GET /api/sections/{id}`: a `SectionView`.
pub(crate) async fn section(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<library::SectionView>, AppError> {
    let id = path(id)?;
    Ok(Json(blocking(&state, move |lib| lib.section(&id)).await??))
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// `GET /healthz`: `{"ok": true}` while the server is up.
pub(crate) async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "ok": true }))
}
