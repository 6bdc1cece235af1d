//! Timeline parameters, shared by `/api/timeline` and the reader's `/timeline` pages, and the
//! `/api/timeline` and `/api/sections/{id}/citation` handlers.
//!
//! A timeline is about a country (`country`), a pair of states (`a` and `b`) or the sections a
//! search finds (`q`); given together they narrow each other. `from` and `to` are four-digit
//! years (the statements that reach into `from` or later and begin in `to` or earlier). The
//! API pages with `limit` (1..=`library::MAX_TIMELINE_LIMIT`) and `offset`; the reader with
//! `page` (see [`READER_PAGE_SIZE`]). Every check answers `400` with a message naming the
//! parameter; an unknown state is the library's `404`, with its closest names.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::search::{given, number, year_range};
use super::{blocking, parse_query, path};
use crate::{AppError, AppState};

/// Entries per `/api/timeline` answer when the request does not say.
pub const DEFAULT_TIMELINE_LIMIT: usize = 100;
/// Largest `offset` `/api/timeline` accepts (far past any timeline the library holds).
pub const MAX_TIMELINE_OFFSET: usize = 1_000_000;
/// Entries per page of the reader's timeline pages.
pub const READER_PAGE_SIZE: usize = 100;

/// The parameters of the timeline routes as sent, before validation (absent when not given;
/// empty counts as not given).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct TimelineParams {
    /// A state: id, name, alias or code.
    pub country: Option<String>,
    /// The first state of a pair.
    pub a: Option<String>,
    /// The second state of a pair.
    pub b: Option<String>,
    /// A search query: the timeline of the sections it finds.
    pub q: Option<String>,
    /// First year.
    pub from: Option<String>,
    /// Last year.
    pub to: Option<String>,
    /// Entries per answer (API).
    pub limit: Option<String>,
    /// Entries to skip (API).
    pub offset: Option<String>,
    /// Page number from 1 (reader).
    pub page: Option<String>,
    /// `json`, `csv` or `timelinejs` (API).
    pub format: Option<String>,
}

/// What `/api/timeline` answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimelineFormat {
    Json,
    Csv,
    TimelineJs,
}

impl TimelineParams {
    /// Parse a query string (unknown parameters ignored, one given twice is a 400).
    pub(crate) fn parse(raw: Option<&str>) -> Result<TimelineParams, AppError> {
        parse_query(raw.unwrap_or(""))
    }

    /// A parameter's value, trimmed, `None` when absent or empty.
    pub(crate) fn given(v: &Option<String>) -> Option<&str> {
        given(v)
    }

    /// The search query, trimmed ("" when absent).
    pub(crate) fn text(&self) -> &str {
        given(&self.q).unwrap_or("")
    }

    /// The year filters, checked: four digits each, `from` not after `to`.
    pub(crate) fn years(&self) -> Result<(Option<i32>, Option<i32>), AppError> {
        year_range(&self.from, &self.to)
    }

    /// The library query for a page of `limit` entries after `offset`: every check on the
    /// scope and the years (the numbers are the caller's).
    pub(crate) fn to_query(
        &self,
        limit: usize,
        offset: usize,
    ) -> Result<library::TimelineQuery, AppError> {
        let (from, to) = self.years()?;
        let text = self.text();
        if text.len() > library::MAX_QUERY_LEN {
            return Err(AppError::bad_request(format!(
                "q is {} bytes; the limit is {}",
                text.len(),
                library::MAX_QUERY_LEN
            )));
        }
        let pair = match (given(&self.a), given(&self.b)) {
            (Some(a), Some(b)) => Some((a.to_owned(), b.to_owned())),
            (None, None) => None,
            _ => {
                return Err(AppError::bad_request(
                    "a and b go together: the two states of a pair timeline",
                ));
            }
        };
        let country = given(&self.country).map(str::to_owned);
        if country.is_none() && pair.is_none() && text.is_empty() {
            return Err(AppError::bad_request(
                "say whose timeline: country=, a= and b= (a pair of states), or q= (a search)",
            ));
        }
        Ok(library::TimelineQuery {
            country,
            pair,
            query: (!text.is_empty()).then(|| text.to_owned()),
            from,
            to,
            limit,
            offset,
        })
    }

    /// `limit` and `offset` of an API request, checked.
    fn limit_offset(&self) -> Result<(usize, usize), AppError> {
        let limit = number::<usize>("limit", &self.limit)?.unwrap_or(DEFAULT_TIMELINE_LIMIT);
        if limit == 0 || limit > library::MAX_TIMELINE_LIMIT {
            return Err(AppError::bad_request(format!(
                "limit must be between 1 and {}",
                library::MAX_TIMELINE_LIMIT
            )));
        }
        let offset = number::<usize>("offset", &self.offset)?.unwrap_or(0);
        if offset > MAX_TIMELINE_OFFSET {
            return Err(AppError::bad_request(format!(
                "offset must be at most {MAX_TIMELINE_OFFSET}"
            )));
        }
        Ok((limit, offset))
    }

    /// The reader's page number (from 1; 1 when not given).
    pub(crate) fn page(&self) -> Result<usize, AppError> {
        let page = number::<usize>("page", &self.page)?.unwrap_or(1);
        if page == 0 || page > MAX_TIMELINE_OFFSET / READER_PAGE_SIZE {
            return Err(AppError::bad_request(format!(
                "page must be a whole number from 1 to {}",
                MAX_TIMELINE_OFFSET / READER_PAGE_SIZE
            )));
        }
        Ok(page)
    }

    fn format(&self) -> Result<TimelineFormat, AppError> {
        match given(&self.format) {
            None | Some("json") => Ok(TimelineFormat::Json),
            Some("csv") => Ok(TimelineFormat::Csv),
            Some("timelinejs") => Ok(TimelineFormat::TimelineJs),
            Some(other) => Err(AppError::bad_request(format!(
                "format must be json, csv or timelinejs, not {other:?}"
            ))),
        }
    }
}

/// `GET /api/timeline?country= | a=&b= | q= [&from=&to=&limit=&offset=&format=]`: the
/// library's `Timeline` as JSON (as `areabook timeline --json`), its entries as CSV, or a
/// TimelineJS document (both from [`crate::formats`]).
pub(crate) async fn timeline(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = TimelineParams::parse(raw.as_deref())?;
    let format = params.format()?;
    let (limit, offset) = params.limit_offset()?;
    let query = params.to_query(limit, offset)?;
    let timeline = blocking(&state, move |lib| lib.timeline(&query)).await??;
    Ok(match format {
        TimelineFormat::Json => Json(timeline).into_response(),
        TimelineFormat::TimelineJs => Json(crate::formats::timelinejs(&timeline)).into_response(),
        TimelineFormat::Csv => {
            let csv = crate::formats::timeline_csv(&timeline.entries)
                .map_err(|e| AppError::internal(format!("writing CSV: {e}")))?;
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response()
        }
    })
}

/// The parameters of `/api/sections/{id}/citation`.
#[derive(Debug, Default, Deserialize)]
struct CitationParams {
    /// `json` (default), `text`, `bibtex` or `csl-json`.
    format: Option<String>,
}

/// `GET /api/sections/{id}/citation[?format=json|text|bibtex|csl-json]`: how to cite a
/// section. JSON by default, `{"citation", "text", "bibtex", "csl_json"}` (as `areabook cite
/// --json`); or one format alone, as plain text, BibTeX or CSL-JSON.
pub(crate) async fn citation(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let id = path(id)?;
    let params: CitationParams = parse_query(raw.as_deref().unwrap_or(""))?;
    let format = match given(&params.format) {
        None | Some("json") => None,
        Some("text") => Some(library::CiteFormat::Text),
        Some("bibtex") => Some(library::CiteFormat::Bibtex),
        Some("csl-json") => Some(library::CiteFormat::CslJson),
        Some(other) => {
            return Err(AppError::bad_request(format!(
                "format must be json, text, bibtex or csl-json, not {other:?}"
            )));
        }
    };
    let c = blocking(&state, move |lib| lib.cite(&id)).await??;
    let Some(format) = format else {
        let body = serde_json::json!({
            "citation": c,
            "text": c.text(),
            "bibtex": c.bibtex(),
            "csl_json": [c.csl_json()],
        });
        return Ok(Json(body).into_response());
    };
    let content_type = match format {
        library::CiteFormat::Text => "text/plain; charset=utf-8",
        library::CiteFormat::Bibtex => "application/x-bibtex; charset=utf-8",
        library::CiteFormat::CslJson => "application/vnd.citationstyles.csl+json",
    };
    let mut body = c.render(format);
    body.push('\n');
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}
