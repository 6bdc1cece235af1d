//! Entities in the API: `GET /api/entities/{id}` (the library's `EntityView`; an id, name,
//! alias or demonym), `GET /api/sections/{id}/entities` (`{"entities": [MentionView…]}`, in
//! text order) and `GET /api/places?country=` (the located entities the library names, as a
//! GeoJSON `FeatureCollection`, `application/geo+json`, the shape of `areabook export
//! --format geojson`).

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::{blocking, parse_query, path};
use crate::pages::MAX_ENTITY_NAME;
use crate::{AppError, AppState};

/// `GET /api/entities/{id}`: an `EntityView`; `404` with the closest names when nothing
/// answers to `id`.
pub(crate) async fn entity(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<library::EntityView>, AppError> {
    let id = path(id)?;
    if id.len() > MAX_ENTITY_NAME {
        return Err(AppError::not_found(format!(
            "no entity has a name of {} bytes",
            id.len()
        )));
    }
    Ok(Json(blocking(&state, move |lib| lib.entity(&id)).await??))
}

/// `GET /api/sections/{id}/entities`: `{"entities": [MentionView…]}`.
pub(crate) async fn section_entities(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<impl IntoResponse, AppError> {
    let id = path(id)?;
    let entities = blocking(&state, move |lib| lib.section_entities(&id)).await??;
    Ok(Json(json!({ "entities": entities })))
}

/// The parameters of `/api/places`.
#[derive(Debug, Default, Deserialize)]
struct PlacesParams {
    /// Only places named in sections on this country (id, name, alias or code).
    country: Option<String>,
}

/// `GET /api/places[?country=]`: a GeoJSON `FeatureCollection` of the located entities the
/// library names, most mentioned first (see [`geojson`]).
pub(crate) async fn places(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params: PlacesParams = parse_query(raw.as_deref().unwrap_or(""))?;
    let country = params
        .country
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let places = blocking(&state, move |lib| lib.places(country.as_deref())).await??;
    let body = serde_json::to_string(&crate::formats::places_geojson(&places))
        .map_err(AppError::internal)?;
    Ok(([(header::CONTENT_TYPE, "application/geo+json")], body).into_response())
}
