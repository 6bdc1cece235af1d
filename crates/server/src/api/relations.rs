//! Relations parameters, shared by `/api/relations` and the reader's `/relations/{a}/{b}`
//! pages, and the `/api/relations` handler.
//!
//! `a` is a state (id, name, alias, ISO or CAMEO code); with `b`, the events between the two
//! (`type`, `from`, `to` filter them; `limit` and `offset` page them: the library's
//! `Relations`, as `areabook relations A B --json`); without `b`, the states `a` has events
//! with (`type`, `from` and `to` filter the events counted: the library's `Partners`, as
//! `areabook relations A --json`). Every check answers `400` with a message naming the
//! parameter; an unknown state is the library's `404`, with its closest names.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::search::{given, number, year_range};
use super::{blocking, parse_query};
use crate::{AppError, AppState};

/// Events per `/api/relations` answer when the request does not say.
pub const DEFAULT_RELATIONS_LIMIT: usize = 100;
/// The longest state name looked up, in characters (no state has a longer one, and the
/// closest names are not worth computing for it).
pub const MAX_STATE_NAME: usize = 200;

/// The parameters of the relations routes as sent (absent when not given; empty counts as
/// not given, except that `a` must be given).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct RelationsParams {
    /// A state.
    pub a: Option<String>,
    /// The other state.
    pub b: Option<String>,
    /// A PLOVER type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// First year.
    pub from: Option<String>,
    /// Last year.
    pub to: Option<String>,
    /// Events per answer (API).
    pub limit: Option<String>,
    /// Events to skip (API).
    pub offset: Option<String>,
    /// Page number from 1 (reader).
    pub page: Option<String>,
}

impl RelationsParams {
    /// Parse a query string (unknown parameters ignored, one given twice is a 400).
    pub(crate) fn parse(raw: Option<&str>) -> Result<RelationsParams, AppError> {
        parse_query(raw.unwrap_or(""))
    }

    /// The type filter as given (the library checks it), `None` when absent or empty.
    pub(crate) fn kind(&self) -> Option<&str> {
        given(&self.kind)
    }

    /// The year filters, checked: four digits each, `from` not after `to`.
    pub(crate) fn years(&self) -> Result<(Option<i32>, Option<i32>), AppError> {
        year_range(&self.from, &self.to)
    }

    /// The library query for `limit` events after `offset`, `b` as given (trimmed; empty is
    /// none). `a` must be given and not empty.
    pub(crate) fn to_query(
        &self,
        limit: usize,
        offset: usize,
    ) -> Result<library::RelationsQuery, AppError> {
        let a = self.a.as_deref().filter(|a| !a.is_empty()).ok_or_else(|| {
            AppError::bad_request(
                "a is required: a state (with b, the events between the two; alone, its partners)",
            )
        })?;
        for (name, v) in [("a", Some(a)), ("b", self.b.as_deref())] {
            let n = v.map_or(0, |v| v.chars().count());
            if n > MAX_STATE_NAME {
                return Err(AppError::bad_request(format!(
                    "{name} is {n} characters; no state has a name over {MAX_STATE_NAME}"
                )));
            }
        }
        let (from, to) = self.years()?;
        Ok(library::RelationsQuery {
            a: a.to_owned(),
            b: given(&self.b).map(str::to_owned),
            kind: self.kind().map(str::to_owned),
            from,
            to,
            limit,
            offset,
        })
    }

    /// `limit` and `offset` of an API request, checked.
    fn limit_offset(&self) -> Result<(usize, usize), AppError> {
        let limit = number::<usize>("limit", &self.limit)?.unwrap_or(DEFAULT_RELATIONS_LIMIT);
        if limit == 0 || limit > library::MAX_RELATIONS_LIMIT {
            return Err(AppError::bad_request(format!(
                "limit must be between 1 and {}",
                library::MAX_RELATIONS_LIMIT
            )));
        }
        let offset = number::<usize>("offset", &self.offset)?.unwrap_or(0);
        if offset > library::MAX_RELATIONS_OFFSET {
            return Err(AppError::bad_request(format!(
                "offset must be at most {}",
                library::MAX_RELATIONS_OFFSET
            )));
        }
        Ok((limit, offset))
    }

    /// The reader's page number (from 1; 1 when not given).
    pub(crate) fn page(&self, size: usize) -> Result<usize, AppError> {
        let last = library::MAX_RELATIONS_OFFSET / size;
        let page = number::<usize>("page", &self.page)?.unwrap_or(1);
        if page == 0 || page > last {
            return Err(AppError::bad_request(format!(
                "page must be a whole number from 1 to {last}"
            )));
        }
        Ok(page)
    }
}

/// `GET /api/relations?a=&b=&type=&from=&to=&limit=&offset=`: with `b`, the library's
/// `Relations` (as `areabook relations A B --json`); without, its `Partners` (as
/// `areabook relations A --json`).
pub(crate) async fn relations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = RelationsParams::parse(raw.as_deref())?;
    let (limit, offset) = params.limit_offset()?;
    let query = params.to_query(limit, offset)?;
    if query.b.is_some() {
        let r = blocking(&state, move |lib| lib.relations(&query)).await??;
        Ok(Json(r).into_response())
    } else {
        let p = blocking(&state, move |lib| lib.partners(&query)).await??;
        Ok(Json(p).into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_checked_before_the_library() {
        let q = |s: &str| RelationsParams::parse(Some(s)).and_then(|p| p.to_query(10, 0));
        let ok = q("a=Japan&b=%20&type=fight&from=1900&to=&limit=").unwrap();
        assert_eq!(
            (ok.a.as_str(), ok.b, ok.kind.as_deref()),
            ("Japan", None, Some("fight"))
        );
        assert_eq!((ok.from, ok.to), (Some(1900), None));
        for bad in [
            "",
            "a=",
            "b=Japan",
            "a=Japan&from=19",
            "a=Japan&from=1990&to=1980",
            "a=x&a=y",
        ] {
            assert_eq!(q(bad).unwrap_err().status().as_u16(), 400, "{bad}");
        }
        let p = RelationsParams::parse(Some("limit=0")).unwrap();
        assert!(p.limit_offset().is_err());
        let p = RelationsParams::parse(Some("offset=1000001")).unwrap();
        assert!(p.limit_offset().is_err());
        let p = RelationsParams::parse(Some("page=0")).unwrap();
        assert!(p.page(100).is_err());
    }
}
