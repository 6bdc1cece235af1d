//! The Factbook editions 1990–2025: parameters shared by `/api/history`, `/api/diff` and the
//! reader's `/history`, `/diff` and `/editions` pages, and the two API handlers.
//!
//! `country` is an entity of the editions (its latest name, a name an edition printed such as
//! `Soviet Union` or `Burma`, a FIPS or ISO code); `field` a field's canonical name or a name
//! an edition gave it (`Ethnic divisions`). `from`, `to` and `edition` are edition years,
//! 1990..=2025. Every check answers `400` with a message naming the parameter; an unknown
//! entity or field is the library's `404`, with its closest names.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::search::given;
use super::{blocking, parse_query};
use crate::{AppError, AppState};

/// The first edition the archive holds.
pub(crate) const FIRST_EDITION: u16 = 1990;
/// The last edition (the Factbook was discontinued in 2026).
pub(crate) const LAST_EDITION: u16 = 2025;
/// The longest entity or field name looked up, in characters (none is longer).
pub(crate) const MAX_NAME: usize = 200;

/// The parameters of the edition routes as sent (absent when not given; empty counts as not
/// given).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct EditionParams {
    /// The entity.
    pub country: Option<String>,
    /// A field.
    pub field: Option<String>,
    /// The older edition of a diff.
    pub from: Option<String>,
    /// The newer edition of a diff.
    pub to: Option<String>,
    /// One edition (the reader's entity page).
    pub edition: Option<String>,
    /// `json` or `csv` (`/api/history`).
    pub format: Option<String>,
    /// The edition to set beside a Country Study instead of the one nearest its data-as-of
    /// (`/api/compare`, `/compare`).
    pub as_of: Option<String>,
}

impl EditionParams {
    /// Parse a query string (unknown parameters ignored, one given twice is a 400).
    pub(crate) fn parse(raw: Option<&str>) -> Result<EditionParams, AppError> {
        parse_query(raw.unwrap_or(""))
    }

    /// The field, trimmed, `None` when absent or empty; a 400 when too long.
    pub(crate) fn field(&self) -> Result<Option<&str>, AppError> {
        let field = given(&self.field);
        checked_name("field", field.unwrap_or(""))?;
        Ok(field)
    }

    /// The editions `from` and `to`, checked: each a year 1990..=2025, `from` not after `to`.
    pub(crate) fn editions(&self) -> Result<(Option<u16>, Option<u16>), AppError> {
        let from = edition("from", &self.from)?;
        let to = edition("to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(AppError::bad_request(format!(
                "from ({f}) is after to ({t})"
            )));
        }
        Ok((from, to))
    }
}

/// `name` as a path or query value: a 400 over [`MAX_NAME`] characters.
pub(crate) fn checked_name<'a>(which: &str, name: &'a str) -> Result<&'a str, AppError> {
    let n = name.chars().count();
    if n > MAX_NAME {
        return Err(AppError::bad_request(format!(
            "{which} is {n} characters; no {which} has a name over {MAX_NAME}"
        )));
    }
    Ok(name)
}

/// A required name: given and not empty (a name of spaces goes to the library, which does
/// not know it), at most [`MAX_NAME`] characters.
fn required<'a>(which: &str, v: &'a Option<String>, what: &str) -> Result<&'a str, AppError> {
    let v = v
        .as_deref()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| AppError::bad_request(format!("{which} is required: {what}")))?;
    checked_name(which, v)
}

/// An edition year: four digits, 1990..=2025, `None` when absent or empty.
pub(crate) fn edition(name: &str, v: &Option<String>) -> Result<Option<u16>, AppError> {
    let Some(s) = given(v) else { return Ok(None) };
    match s.parse::<u16>() {
        Ok(y) if s.len() == 4 && (FIRST_EDITION..=LAST_EDITION).contains(&y) => Ok(Some(y)),
        _ => Err(AppError::bad_request(format!(
            "{name} must be an edition of the Factbook, a year from {FIRST_EDITION} to {LAST_EDITION}, not {s:?}"
        ))),
    }
}

/// The two editions a diff compares: the ones given, else the entity's first and last (a
/// default never comes after, or before, the edition given).
pub(crate) fn diff_editions(
    entity: &library::EditionEntity,
    from: Option<u16>,
    to: Option<u16>,
) -> (u16, u16) {
    let first = if entity.first_edition == 0 {
        FIRST_EDITION
    } else {
        entity.first_edition
    };
    let last = entity.last_edition.max(first);
    match (from, to) {
        (Some(f), Some(t)) => (f, t),
        (Some(f), None) => (f, last.max(f)),
        (None, Some(t)) => (first.min(t), t),
        (None, None) => (first, last),
    }
}

/// `GET /api/history?country=&field=[&format=json|csv]`: the library's `History` (as
/// `areabook history --json`), or its editions as CSV.
pub(crate) async fn history(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = EditionParams::parse(raw.as_deref())?;
    let country = required(
        "country",
        &params.country,
        "an entity of the Factbook editions",
    )?;
    let field = required("field", &params.field, "a field of its entry (Population)")?;
    let csv = match given(&params.format) {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(AppError::bad_request(format!(
                "format must be json or csv, not {other:?}"
            )));
        }
    };
    let (country, field) = (country.to_owned(), field.to_owned());
    let history = blocking(&state, move |lib| lib.field_history(&country, &field)).await??;
    if !csv {
        return Ok(Json(history).into_response());
    }
    let body = crate::formats::history_csv(&history)
        .map_err(|e| AppError::internal(format!("writing CSV: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response())
}

/// `GET /api/diff?country=[&from=&to=&field=]`: the library's `EditionDiff` (as `areabook
/// diff --json`): every field that changed between the two editions, word by word, or only
/// `field`. `from` defaults to the entity's first edition, `to` to its last.
pub(crate) async fn diff(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = EditionParams::parse(raw.as_deref())?;
    let country = required(
        "country",
        &params.country,
        "an entity of the Factbook editions",
    )?;
    let (from, to) = params.editions()?;
    let field = params.field()?.map(str::to_owned);
    let country = country.to_owned();
    let diff = blocking(&state, move |lib| {
        let entity = lib.edition_entity(&country)?;
        let (from, to) = diff_editions(&entity, from, to);
        lib.edition_diff(&country, field.as_deref(), from, to)
    })
    .await??;
    Ok(Json(diff).into_response())
}

/// `GET /api/compare?country=[&as_of=]`: the library's `Comparison` (as `areabook compare
/// --json`): the Country Study beside the Factbook edition nearest its data-as-of (or
/// `as_of`) and the latest entry, subject by subject.
pub(crate) async fn compare(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = EditionParams::parse(raw.as_deref())?;
    let country = required(
        "country",
        &params.country,
        "a country of a Country Study or an entity of the Factbook editions",
    )?
    .to_owned();
    let as_of = edition("as_of", &params.as_of)?;
    let comparison = blocking(&state, move |lib| {
        lib.compare(&country, as_of.map(i32::from))
    })
    .await??;
    Ok(Json(comparison).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_are_checked_before_the_library() {
        let p = |s: &str| EditionParams::parse(Some(s)).and_then(|p| p.editions());
        assert_eq!(p("from=1990&to=2025").unwrap(), (Some(1990), Some(2025)));
        assert_eq!(p("from=&to=%201995").unwrap(), (None, Some(1995)));
        for bad in [
            "from=1989",
            "to=2026",
            "from=199",
            "from=01990",
            "from=%2B1990",
            "from=x",
            "from=2000&to=1990",
            "from=1990&from=1991",
        ] {
            assert_eq!(p(bad).unwrap_err().status().as_u16(), 400, "{bad}");
        }
        let e = p("from=2000&to=1990").unwrap_err();
        assert_eq!(e.message(), "from (2000) is after to (1990)");
        let long = EditionParams {
            field: Some("x".repeat(MAX_NAME + 1)),
            ..Default::default()
        };
        assert!(long.field().is_err());
    }

    #[test]
    fn a_diff_defaults_to_the_entitys_editions_in_order() {
        let e = library::EditionEntity {
            id: -15,
            name: "Soviet Union".into(),
            code: "UR".into(),
            iso: None,
            kind: "former".into(),
            first_edition: 1990,
            last_edition: 1991,
        };
        assert_eq!(diff_editions(&e, None, None), (1990, 1991));
        assert_eq!(diff_editions(&e, Some(2000), None), (2000, 2000));
        assert_eq!(diff_editions(&e, None, Some(1990)), (1990, 1990));
        assert_eq!(diff_editions(&e, Some(1991), Some(2025)), (1991, 2025));
    }
}
