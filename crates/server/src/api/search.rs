//! Search parameters, shared by `/api/search` and the reader's `/search`, and the
//! `/api/search` handler.
//!
//! The parameters are the CLI's `search` flags under their query-string names: `q`,
//! `country`, `book`, `as_of_from`, `as_of_to`, `limit`, `offset`. The numbers follow the
//! library's rules (checked again by `library::SearchQuery::validate`): `limit` 1..=200,
//! `offset` 0..=10,000 (an offset past the last hit is an empty page, not an error), years
//! of four digits (`89` is refused, not read as the year 89).

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

use super::blocking;
use crate::{AppError, AppState, DEFAULT_LIMIT, MAX_OFFSET};

/// The parameters of `/search` and `/api/search` as sent, before validation: every field
/// is the raw text of its query-string value (absent when not given). Build it with
/// [`parse_search_params`]; [`SearchParams::to_query`] validates it into a library query.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchParams {
    /// The query text (`q`).
    pub q: Option<String>,
    /// Country id, name, alias or code (`country`): `japan`, `Soviet`, `JP`, `JPN`, `JA`.
    pub country: Option<String>,
    /// Book id (`book`).
    pub book: Option<String>,
    /// Oldest data-as-of year (`as_of_from`).
    pub as_of_from: Option<String>,
    /// Newest data-as-of year (`as_of_to`).
    pub as_of_to: Option<String>,
    /// Hits per page (`limit`).
    pub limit: Option<String>,
    /// Hits to skip (`offset`).
    pub offset: Option<String>,
}

/// Parse the query string of a search request (`q=…&country=…&book=…&as_of_from=…&
/// as_of_to=…&limit=…&offset=…`, without the leading `?`), exactly as the `/search` and
/// `/api/search` handlers do: percent-decoding, `+` as a space, unknown parameters ignored.
///
/// A malformed query string (a parameter given twice) is a `400 Bad Request` [`AppError`];
/// bytes that do not decode to UTF-8 become U+FFFD, broken `%` escapes stay as text. This
/// function never panics, whatever `query` holds; it is the entry point for fuzzing the
/// server's query-string parsing. Call [`SearchParams::to_query`] on the result for the
/// checks on values.
pub fn parse_search_params(query: &str) -> Result<SearchParams, AppError> {
    super::parse_query(query)
}

/// Empty form fields (`country=`) mean "not given".
pub(super) fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A whole number, or a 400 naming the parameter.
pub(super) fn number<T: std::str::FromStr>(
    name: &str,
    v: &Option<String>,
) -> Result<Option<T>, AppError> {
    match given(v) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| AppError::bad_request(format!("{name} must be a whole number"))),
    }
}

/// A year filter: four ASCII digits, 1000..=9999 (as the CLI's `--as-of-from`).
pub(super) fn year(name: &str, v: &Option<String>) -> Result<Option<i32>, AppError> {
    let Some(n) = number::<i32>(name, v)? else {
        return Ok(None);
    };
    let digits = given(v).unwrap_or("");
    if digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && library::YEARS.contains(&n)
    {
        Ok(Some(n))
    } else {
        Err(AppError::bad_request(format!(
            "{name} must be a four-digit year (e.g. 1989), not {digits:?}"
        )))
    }
}

/// A `from`/`to` pair of year filters, checked: four digits each, `from` not after `to`.
pub(super) fn year_range(
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(Option<i32>, Option<i32>), AppError> {
    let from = year("from", from)?;
    let to = year("to", to)?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(AppError::bad_request(format!(
            "from ({f}) is after to ({t})"
        )));
    }
    Ok((from, to))
}

impl SearchParams {
    /// The query text, trimmed ("" when absent).
    pub fn text(&self) -> &str {
        given(&self.q).unwrap_or("")
    }

    /// Validate into a library query: `q` present and at most `library::MAX_QUERY_LEN`
    /// bytes, `limit` in 1..=`library::MAX_LIMIT`, `offset` ≤ [`MAX_OFFSET`], years of four
    /// digits and in order; then the library's own checks (`SearchQuery::validate`), so
    /// the API, the reader and the CLI refuse the same numbers. An offset past the last hit
    /// is not an error: the search answers the total and no hits. Never panics.
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
                "offset must be at most {MAX_OFFSET}; past the last hit the page is empty, \
                 deeper pages are refused (narrow the query instead)"
            )));
        }
        let as_of_from = year("as_of_from", &self.as_of_from)?;
        let as_of_to = year("as_of_to", &self.as_of_to)?;
        if let (Some(from), Some(to)) = (as_of_from, as_of_to)
            && from > to
        {
            return Err(AppError::bad_request(format!(
                "as_of_from ({from}) is after as_of_to ({to})"
            )));
        }
        let query = library::SearchQuery {
            text: text.to_owned(),
            country: given(&self.country).map(str::to_owned),
            book: given(&self.book).map(str::to_owned),
            as_of_from,
            as_of_to,
            limit,
            offset,
        };
        query.validate()?;
        Ok(query)
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

/// `GET /api/search?q=&country=&book=&as_of_from=&as_of_to=&limit=&offset=`:
/// `SearchResults`, each hit with `snippet_html`.
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
