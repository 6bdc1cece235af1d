//! The server's one error type: a status, a message safe to show, and the format to show
//! it in (JSON for the API, an HTML page for the reader).
//!
//! Library errors map as: `NotFound` → 404 (with the library's closest names as
//! `suggestions`), `Query` and `Argument` → 400, anything else → 500 with a generic message.
//! The detail of a 500 never reaches the client; it rides along in a
//! response extension ([`Logged`]) and the `log_errors` middleware prints it once, with
//! the method and path of the request.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::html;

/// An error answer. Build it with [`AppError::not_found`], [`AppError::bad_request`] or
/// `From<library::Error>`; call [`AppError::html`] in reader pages.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    message: String,
    /// Names the client may have meant (an unknown country, book or chapter), best first.
    suggestions: Vec<String>,
    detail: Option<String>,
    html: bool,
}

/// The internal detail of an error, for the log only.
#[derive(Debug, Clone)]
pub(crate) struct Logged(pub String);

impl AppError {
    /// An error with `status` and a message the client may see.
    pub fn new(status: StatusCode, message: impl Into<String>) -> AppError {
        AppError {
            status,
            message: message.into(),
            suggestions: Vec::new(),
            detail: None,
            html: false,
        }
    }

    /// `404 Not Found`.
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, message)
    }

    /// `400 Bad Request`: a parameter the client can fix.
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, message)
    }

    /// `500`, with `detail` kept for the log.
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error; the server log has the details".into(),
            suggestions: Vec::new(),
            detail: Some(detail.to_string()),
            html: false,
        }
    }

    /// Render as an HTML page instead of JSON.
    pub fn html(mut self) -> AppError {
        self.html = true;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message the client sees.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What the client may have meant (404s from the library), best first.
    pub fn suggestions(&self) -> &[String] {
        &self.suggestions
    }
}

/// What a reader of a library without Factbook editions is told (no server path in it).
pub(crate) const NO_EDITIONS: &str = "This library holds no World Factbook editions yet: `areabook ingest` the archive's folder, or `areabook fetch factbook --editions --ingest`.";

impl From<library::Error> for AppError {
    fn from(e: library::Error) -> AppError {
        match &e {
            library::Error::NotFound { suggestions, .. } => AppError {
                suggestions: suggestions.clone(),
                ..AppError::not_found(e.to_string())
            },
            library::Error::Query { message, .. } => {
                AppError::bad_request(format!("bad query: {message}"))
            }
            library::Error::Argument { .. } => AppError::bad_request(e.to_string()),
            // The reader never shows the server's paths.
            library::Error::NoEditions(_) => AppError::not_found(NO_EDITIONS),
            _ => AppError::internal(e),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> AppError {
        AppError::internal(format!("request task failed: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = if self.html {
            let title = match self.status {
                StatusCode::NOT_FOUND => "Not found".to_owned(),
                s => format!("{} {}", s.as_u16(), s.canonical_reason().unwrap_or("Error")),
            };
            (self.status, html::error_page(&title, &self.message)).into_response()
        } else {
            let mut body = serde_json::json!({
                "error": self.message,
                "status": self.status.as_u16(),
            });
            if !self.suggestions.is_empty() {
                body["suggestions"] = self.suggestions.into();
            }
            (self.status, Json(body)).into_response()
        };
        if let Some(detail) = self.detail {
            res.extensions_mut().insert(Logged(detail));
        }
        res
    }
}
