//! areabook's HTTP server: the JSON API and the web reader over a read-only library.
//!
//! [`app`] builds every route with its middleware; [`serve`] runs it on a listener.
//!
//! - `api`: `/api/countries`, `/api/books/{id}`, `/api/sections/{id}`, `/api/search`,
//!   `/api/openapi.json` and `/healthz`, returning the library's own view types as JSON
//!   (the same shapes as the CLI's `--json`).
//! - `pages`: the server-rendered reader (`/`, `/countries/{id}`, `/books/{id}`,
//!   `/sections/{id}`, `/search`) and the embedded static assets under `/static/`.
//! - `html`: escaping, URL encoding and the page layout the reader pages share.
//! - `cache`: whole `200 OK` responses of the read-only routes, replayed until the library
//!   changes (a library query costs 0.1–1 ms, a replay microseconds).
//! - `conn`: a cap on open connections and an idle timeout, below HTTP.
//! - `error`: the one [`AppError`] every handler returns; it hides internals from clients
//!   and is logged once, by the `log_errors` middleware, with the method and path.
//!
//! **Invariant**: the server never writes to the library. It only knows HTTP, JSON and
//! HTML; SQLite and tantivy stay behind [`library::Library`].
//!
//! **Boundary**: every user-supplied string reaches HTML through `html::escape` (search
//! snippets are the library's escaped text with `<mark>` only, checked again here); the
//! query length, page size, URI length and request body are bounded, and every request has
//! a timeout.
//!
//! **Tuning** (environment, read once in [`AppState::new`]): `AREABOOK_SERVER_CACHE_MB`
//! is the response cache's budget (default 48; `0` turns it off) and
//! `AREABOOK_SERVER_LIBRARY_SLOTS` the number of library calls run at once (default four
//! per core).
#![warn(missing_docs)]

mod api;
mod cache;
mod conn;
mod error;
mod html;
mod pages;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use conn::ConnectionLimits;
pub use error::AppError;

/// Longest request URI accepted, in bytes; longer ones get `414 URI Too Long`.
pub const MAX_URI_LEN: usize = 8 * 1024;
/// Largest request body accepted, in bytes; the server only reads, so bodies are tiny.
pub const MAX_BODY_LEN: usize = 16 * 1024;
/// Time a request may take before it is answered with `408 Request Timeout`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest `offset` accepted by the search routes (deep pages cost memory in the index).
pub const MAX_OFFSET: usize = 10_000;
/// Hits per page when the request does not say.
pub const DEFAULT_LIMIT: usize = 20;

/// Shared state of every request: the library, opened read-only.
#[derive(Clone)]
pub struct AppState {
    /// The library.
    pub library: Arc<library::Library>,
    /// The newest source per country (the "as of" cue), refreshed when the library changes.
    sources: Arc<RwLock<Arc<Sources>>>,
    /// Whole responses of the read-only routes (see `cache`).
    cache: Arc<cache::ResponseCache>,
    /// Library calls running at once; more wait their turn (see `api::blocking`).
    library_slots: Arc<tokio::sync::Semaphore>,
}

/// The newest source per country and overall, read at startup and again whenever the
/// catalog files change (checked at most once a second, see `cache`).
#[derive(Debug, Default)]
pub(crate) struct Sources {
    /// Country id → its newest book (by data-as-of).
    pub newest_by_country: HashMap<String, NewestSource>,
    /// The newest data-as-of in the whole library.
    pub newest_overall: Option<String>,
    /// Every country as (id, name), by name: the search page's country filter.
    pub countries: Vec<(String, String)>,
}

/// A country's newest book.
#[derive(Debug, Clone)]
pub(crate) struct NewestSource {
    /// Book id.
    pub book_id: String,
    /// Book title.
    pub book_title: String,
    /// Its data-as-of (`2025`, `1989-05`).
    pub data_as_of: String,
}

impl AppState {
    /// State over an open library.
    pub fn new(library: library::Library) -> AppState {
        let sources = load_sources(&library);
        let cache = cache::ResponseCache::new(library.dir());
        AppState {
            library: Arc::new(library),
            sources: Arc::new(RwLock::new(Arc::new(sources))),
            cache: Arc::new(cache),
            library_slots: Arc::new(tokio::sync::Semaphore::new(library_slots())),
        }
    }

    /// The current as-of sources.
    pub(crate) fn sources(&self) -> Arc<Sources> {
        self.sources
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Library calls at once: four per core (`AREABOOK_SERVER_LIBRARY_SLOTS` overrides). The
/// calls are CPU-bound; unbounded, 16 connections meant 16 threads sharing 2 cores and a
/// search p99 of ~100 ms, while one per core left the cores idle during hand-offs. Four
/// per core measured best on 2 cores (bench/server/README.md).
fn library_slots() -> usize {
    std::env::var("AREABOOK_SERVER_LIBRARY_SLOTS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| 4 * std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1)
}

fn load_sources(library: &library::Library) -> Sources {
    match library.countries() {
        Ok(countries) => sources_of(&countries),
        Err(e) => {
            eprintln!("areabook serve: cannot list countries for the as-of cue: {e}");
            Sources::default()
        }
    }
}

/// Re-read the as-of sources after the library changed.
pub(crate) async fn refresh_sources(state: &AppState) {
    let library = state.library.clone();
    if let Ok(sources) = tokio::task::spawn_blocking(move || load_sources(&library)).await {
        *state.sources.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(sources);
    }
}

fn sources_of(countries: &[library::CountryView]) -> Sources {
    let mut out = Sources::default();
    for country in countries {
        out.countries
            .push((country.id.clone(), country.name.clone()));
        for book in &country.books {
            let Some(as_of) = &book.data_as_of else {
                continue;
            };
            let newer = out
                .newest_by_country
                .get(&country.id)
                .is_none_or(|n| as_of > &n.data_as_of);
            if newer {
                out.newest_by_country.insert(
                    country.id.clone(),
                    NewestSource {
                        book_id: book.id.clone(),
                        book_title: book.title.clone(),
                        data_as_of: as_of.clone(),
                    },
                );
            }
            if out.newest_overall.as_ref().is_none_or(|n| as_of > n) {
                out.newest_overall = Some(as_of.clone());
            }
        }
    }
    out
}

/// The application: every route, with its middleware.
pub fn app(state: AppState) -> axum::Router {
    axum::Router::new()
        .route("/", get(pages::listing))
        .route("/countries/{id}", get(pages::country))
        .route("/books/{id}", get(pages::book))
        .route("/sections/{id}", get(pages::section))
        .route("/search", get(pages::search))
        .route("/static/{file}", get(pages::static_file))
        .route("/api/countries", get(api::countries))
        .route("/api/books/{id}", get(api::book))
        .route("/api/sections/{id}", get(api::section))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .route("/healthz", get(api::healthz))
        .fallback(fallback)
        .with_state(state.clone())
        .layer(middleware::from_fn_with_state(state, cache::serve_cached))
        .layer(DefaultBodyLimit::max(MAX_BODY_LEN))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_LEN))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn(limits))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(log_errors))
}

/// Serve `app(state)` on `listener` until Ctrl-C, with [`ConnectionLimits::DEFAULT`].
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    serve_with_limits(listener, state, ConnectionLimits::DEFAULT).await
}

/// Serve `app(state)` on `listener` until Ctrl-C: at most `limits.max_connections` open
/// connections, each closed after `limits.idle_timeout` without traffic (a client that
/// connects and sends nothing, or stalls mid-request, is not covered by the request
/// timeout).
pub async fn serve_with_limits(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: ConnectionLimits,
) -> std::io::Result<()> {
    let listener = conn::GuardedListener::new(listener, limits);
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Unknown paths: a JSON 404 under `/api/`, an HTML page with a link home elsewhere.
async fn fallback(req: Request) -> AppError {
    let path = req.uri().path();
    let message = "no such page".to_owned();
    if path.starts_with("/api/") || path == "/api" {
        AppError::not_found(message)
    } else {
        AppError::not_found(message).html()
    }
}

/// `414 URI Too Long` before any routing or decoding; and the bare `408` / `413` answers
/// of the timeout and body-limit layers rewritten as [`AppError`]s (JSON under `/api/`,
/// an HTML page elsewhere) with a message.
async fn limits(req: Request, next: Next) -> Response {
    let wants_html = !req.uri().path().starts_with("/api/");
    let as_error = |err: AppError| if wants_html { err.html() } else { err }.into_response();
    let len = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().len())
        .unwrap_or(0);
    if len > MAX_URI_LEN {
        return as_error(AppError::new(
            StatusCode::URI_TOO_LONG,
            format!("the request URI is {len} bytes; the limit is {MAX_URI_LEN}"),
        ));
    }
    let res = next.run(req).await;
    match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE => as_error(AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request bodies are limited to {MAX_BODY_LEN} bytes; this server only reads"),
        )),
        StatusCode::REQUEST_TIMEOUT => as_error(AppError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the request took longer than {REQUEST_TIMEOUT:?}"),
        )),
        _ => res,
    }
}

/// Content-Security-Policy and friends on every response.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// Log an internal error once, with the request it belongs to; the client only sees a
/// generic message (see [`AppError`]).
async fn log_errors(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    if let Some(error::Logged(detail)) = res.extensions().get::<error::Logged>() {
        eprintln!(
            "areabook serve: {method} {path}: {} {detail}",
            res.status().as_u16()
        );
    } else if res.status() == StatusCode::REQUEST_TIMEOUT {
        eprintln!("areabook serve: {method} {path}: timed out after {REQUEST_TIMEOUT:?}");
    }
    res
}

#[cfg(test)]
mod tests;
