//! The JSON API. Every answer is one of the library's own view types, serialized as the
//! CLI's `--json` prints it; errors are `{"error": message, "status": code}`.
//!
//! The routes and their parameters are described in `openapi.json` (served at
//! `/api/openapi.json`); the tests call every documented operation and check the answer
//! against that description, so the two cannot drift apart silently.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

use crate::{AppError, AppState, DEFAULT_LIMIT, MAX_OFFSET};

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

/// `GET /api/countries`: `{"countries": [CountryView…]}`.
pub(crate) async fn countries(
    State(state): State<AppState>,
) -> Result<impl IntoResponse, AppError> {
    let countries = blocking(&state, |lib| lib.countries()).await??;
    Ok(Json(serde_json::json!({ "countries": countries })))
}

/// `GET /api/books/{id}`: a `BookDetail`.
pub(crate) async fn book(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<library::BookDetail>, AppError> {
    Ok(Json(blocking(&state, move |lib| lib.book(&id)).await??))
}

/// `GET /api/sections/{id}`: a `SectionView`.
pub(crate) async fn section(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<library::SectionView>, AppError> {
    Ok(Json(blocking(&state, move |lib| lib.section(&id)).await??))
}

/// The parameters of `/search` and `/api/search` as sent, before validation: every field
/// is the raw text of its query-string value (absent when not given). Build it with
/// [`parse_search_params`]; [`SearchParams::to_query`] validates it into a library query.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchParams {
    /// The query text (`q`).
    pub q: Option<String>,
    /// Country id, name or alias (`country`).
    pub country: Option<String>,
    /// Oldest data-as-of year (`as_of_from`).
    pub as_of_from: Option<String>,
    /// Newest data-as-of year (`as_of_to`).
    pub as_of_to: Option<String>,
    /// Hits per page (`limit`).
    pub limit: Option<String>,
    /// Hits to skip (`offset`).
    pub offset: Option<String>,
}

/// Parse the query string of a search request (`q=…&country=…&as_of_from=…&as_of_to=…&
/// limit=…&offset=…`, without the leading `?`), exactly as the `/search` and `/api/search`
/// handlers do: percent-decoding, `+` as a space, unknown parameters ignored.
///
/// A malformed query string (a parameter given twice) is a `400 Bad Request` [`AppError`];
/// bytes that do not decode to UTF-8 become U+FFFD, broken `%` escapes stay as text. This function never panics, whatever `query` holds; it
/// is the entry point for fuzzing the server's query-string parsing. Call
/// [`SearchParams::to_query`] on the result for the checks on values.
pub fn parse_search_params(query: &str) -> Result<SearchParams, AppError> {
    serde_urlencoded::from_str(query)
        .map_err(|e| AppError::bad_request(format!("bad query string: {e}")))
}

/// Empty form fields (`country=`) mean "not given".
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn number<T: std::str::FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, AppError> {
    match given(v) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| AppError::bad_request(format!("{name} must be a whole number"))),
    }
}

impl SearchParams {
    /// The query text, trimmed ("" when absent).
    pub fn text(&self) -> &str {
        given(&self.q).unwrap_or("")
    }

    /// Validate into a library query: `q` present and at most `library::MAX_QUERY_LEN`
    /// bytes, `limit` in 1..=`library::MAX_LIMIT`, `offset` ≤ [`MAX_OFFSET`], years numeric
    /// and in order. Never panics.
    pub fn to_query(&self) -> Result<library::SearchQuery, AppError> {
        let text = self.text();
        if text.is_empty() {
            return Err(AppError::bad_request(
                "q is required: the words to search for",
            ));
        }
        if text.len() > library::MAX_QUERY_LEN {
            return Err(AppError::bad_request(format!(
                "q is {} bytes; the limit is {}",
                text.len(),
                library::MAX_QUERY_LEN
            )));
        }
        let limit = number::<usize>("limit", &self.limit)?.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > library::MAX_LIMIT {
            return Err(AppError::bad_request(format!(
                "limit must be between 1 and {}",
                library::MAX_LIMIT
            )));
        }
        let offset = number::<usize>("offset", &self.offset)?.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(AppError::bad_request(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        let as_of_from = number::<i32>("as_of_from", &self.as_of_from)?;
        let as_of_to = number::<i32>("as_of_to", &self.as_of_to)?;
        if let (Some(from), Some(to)) = (as_of_from, as_of_to)
            && from > to
        {
            return Err(AppError::bad_request(format!(
                "as_of_from ({from}) is after as_of_to ({to})"
            )));
        }
        Ok(library::SearchQuery {
            text: text.to_owned(),
            country: given(&self.country).map(str::to_owned),
            book: None,
            as_of_from,
            as_of_to,
            limit,
            offset,
        })
    }
}

/// A search hit as the API answers it: the library's `SearchHit` and, beside its plain
/// `snippet` and `highlights`, `snippet_html` (escaped, matches in `<mark>`).
#[derive(Serialize)]
struct ApiHit<'a> {
    #[serde(flatten)]
    hit: &'a library::SearchHit,
    snippet_html: String,
}

/// `SearchResults` with [`ApiHit`]s.
#[derive(Serialize)]
struct ApiResults<'a> {
    total: usize,
    hits: Vec<ApiHit<'a>>,
}

/// `GET /api/search?q=&country=&as_of_from=&as_of_to=&limit=&offset=`: `SearchResults`,
/// each hit with `snippet_html`.
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<axum::response::Response, AppError> {
    let query = parse_search_params(raw.as_deref().unwrap_or(""))?.to_query()?;
    let results = blocking(&state, move |lib| lib.search(&query)).await??;
    let api = ApiResults {
        total: results.total,
        hits: results
            .hits
            .iter()
            .map(|hit| ApiHit {
                hit,
                snippet_html: crate::snippet_html(&hit.snippet, &hit.highlights),
            })
            .collect(),
    };
    Ok(Json(api).into_response())
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// `GET /healthz`: `{"ok": true}` while the server is up.
pub(crate) async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "ok": true }))
}
