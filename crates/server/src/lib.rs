//! areabook's HTTP server: the JSON API and the web reader over a read-only library.
//!
//! [`app`] builds every route with its middleware; [`serve`] runs it on a listener;
//! [`init_logging`] installs the log subscriber a binary wants.
//!
//! - `api`: `/api` (an index), `/api/countries`, `/api/countries/{id}`, `/api/books`,
//!   `/api/books/{id}`, `/api/books/{id}/chapters/{heading}`, `/api/sections/{id}`,
//!   `/api/sections/{id}/citation`, `/api/search`, `/api/timeline`, `/api/relations`,
//!   `/api/history`, `/api/diff`, `/api/entities/{id}`,
//!   `/api/sections/{id}/entities`, `/api/places` (GeoJSON), `/api/openapi.json` and
//!   `/healthz`, returning the library's own view types as JSON (the same shapes as
//!   the CLI's `--json`; search hits add `snippet_html`; a timeline also as CSV or
//!   TimelineJS through [`formats`], a citation also as text, BibTeX or CSL-JSON). The
//!   search routes parse their query string with [`parse_search_params`].
//! - `pages`: the server-rendered reader (`/`, `/countries/{id}`, `/books/{id}`,
//!   `/books/{id}/chapters/{heading}`, `/sections/{id}`, `/entities/{id}`, `/search`,
//!   `/timeline`, `/timeline/{country}`, `/timeline/{a}/{b}`, `/relations/{a}/{b}`,
//!   `/editions/{country}`, `/history/{country}/{field}`, `/diff/{country}`) and the
//!   embedded static
//!   assets under `/static/`; `pages::map` draws the small SVG world maps.
//! - `html`: URL encoding, the page layout the reader pages share, and search snippets.
//!   Pages are `maud` templates: every interpolated string is escaped by construction.
//! - `names`: entity page links, kind words, and a paragraph with its names linked
//!   (from the library's code-point offsets, every run escaped).
//! - `cache`: whole `200 OK` responses of the read-only routes, replayed until the library
//!   changes (a library query costs 0.1–1 ms, a replay microseconds).
//! - `conn`: the accept loop, with a cap on open connections overall and per client
//!   address, a header read timeout and an idle timeout, below HTTP.
//! - `error`: the one [`AppError`] every handler returns; it hides internals from clients
//!   and is logged once, by the `log_errors` middleware, with the method and path.
//!
//! **Invariant**: the server never writes to the library. It only knows HTTP, JSON and
//! HTML; SQLite and tantivy stay behind [`library::Library`].
//!
//! **Boundary**: every user-supplied string reaches HTML through a maud interpolation
//! (escaped; search matches are marked and names linked from code-point ranges, see
//! [`snippet_html`]); the query length, page size, URI length and request body are
//! bounded, every request has a timeout, and so has reading a request's headers. Every
//! response carries a strict Content-Security-Policy (no inline script or style),
//! `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.
//!
//! **Logging** goes through `tracing`: one line per request (method, URI, status, latency)
//! at `info` from tower-http's `TraceLayer`, errors at `error`. [`init_logging`] shows
//! warnings and errors by default; `RUST_LOG` chooses more (`RUST_LOG=info`).
//!
//! **Tuning** (environment, read once in [`AppState::new`]): `AREABOOK_SERVER_CACHE_MB`
//! is the response cache's budget (default 48; `0` turns it off) and
//! `AREABOOK_SERVER_LIBRARY_SLOTS` the number of library calls run at once (default four
//! per core).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api;
mod cache;
mod conn;
mod error;
pub mod formats;
mod html;
mod names;
mod pages;
pub mod site;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::LatencyUnit;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use api::{SearchParams, parse_search_params};
pub use conn::ConnectionLimits;
pub use error::AppError;

/// The `Content-Security-Policy` of every response: only this origin's scripts, styles and
/// forms, no inline script or style, no plugins, no framing, no `<base>`; images from
/// here or `data:` (the empty `data:,` favicon).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// A search snippet as HTML: `text` escaped, with `<mark>` around the code-point ranges
/// `[start, end)` in `highlights` (a library `SearchHit`'s `snippet` and `highlights`).
///
/// Ranges may come in any order, overlap or run past the end of `text`: overlaps are
/// merged and what lies outside `text` is ignored, so this never panics. The result is
/// what the reader shows and what `/api/search` returns as `snippet_html`.
///
/// ```
/// assert_eq!(
///     server::snippet_html("Kuril & Sakhalin", &[(0, 5)]),
///     "<mark>Kuril</mark> &amp; Sakhalin"
/// );
/// ```
pub fn snippet_html(text: &str, highlights: &[(usize, usize)]) -> String {
    html::snippet(text, highlights).into_string()
}

/// Install a `tracing` subscriber that writes to stderr (in colour only on a terminal):
/// warnings and errors by default, or what `RUST_LOG` says (`RUST_LOG=info` adds one line
/// per request with its method, URI, status and latency in µs). Does nothing when a
/// subscriber is already installed.
pub fn init_logging() {
    let filter = log_filter(std::env::var("RUST_LOG").ok().as_deref());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// The log filter for a `RUST_LOG` value: `warn` when unset, empty or unreadable.
pub(crate) fn log_filter(rust_log: Option<&str>) -> tracing_subscriber::EnvFilter {
    rust_log
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| tracing_subscriber::EnvFilter::try_new(v).ok())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new("warn"))
}

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
            tracing::error!("cannot list countries for the as-of cue: {e}");
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
        .route("/books/{id}/chapters/{heading}", get(pages::chapter))
        .route("/sections/{id}", get(pages::section))
        .route("/entities/{id}", get(pages::entity))
        .route("/search", get(pages::search))
        .route("/timeline", get(pages::timeline_index))
        .route("/timeline/{country}", get(pages::timeline_country))
        .route("/timeline/{a}/{b}", get(pages::timeline_pair))
        .route("/relations/{a}/{b}", get(pages::relations_pair))
        .route("/editions/{country}", get(pages::editions))
        .route("/history/{country}/{field}", get(pages::history))
        .route("/diff/{country}", get(pages::diff))
        .route("/compare/{country}", get(pages::compare))
        .route("/static/{file}", get(pages::static_file))
        .route("/api", get(api::index))
        .route("/api/countries", get(api::countries))
        .route("/api/countries/{id}", get(api::country))
        .route("/api/books", get(api::books))
        .route("/api/books/{id}", get(api::book))
        .route("/api/books/{id}/chapters/{heading}", get(api::chapter))
        .route("/api/sections/{id}", get(api::section))
        .route("/api/sections/{id}/citation", get(api::citation))
        .route("/api/search", get(api::search))
        .route("/api/timeline", get(api::timeline))
        .route("/api/relations", get(api::relations))
        .route("/api/history", get(api::history))
        .route("/api/diff", get(api::diff))
        .route("/api/compare", get(api::compare))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/sections/{id}/entities", get(api::section_entities))
        .route("/api/places", get(api::places))
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
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Micros),
                )
                .on_failure(()),
        )
}

/// Serve `app(state)` on `listener` until Ctrl-C, with [`ConnectionLimits::DEFAULT`].
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    serve_with_limits(listener, state, ConnectionLimits::DEFAULT).await
}

/// Serve `app(state)` on `listener` until Ctrl-C, within `limits` (see
/// [`ConnectionLimits`]): at most `limits.max_connections` open connections and
/// `limits.max_per_client` from one address; a request's headers must arrive within
/// `limits.header_read_timeout`, and a connection without traffic for `limits.idle_timeout`
/// is closed (neither case is covered by the request timeout, which starts once a request
/// has been read).
pub async fn serve_with_limits(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: ConnectionLimits,
) -> std::io::Result<()> {
    conn::serve(listener, app(state), limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Unknown paths: a JSON 404 under `/api/`, an HTML page with a link home elsewhere.
async fn fallback(req: Request) -> AppError {
    let path = req.uri().path();
    let message = "no such page".to_owned();
    if path.starts_with("/api/") || path == "/api" {
        AppError::not_found("no such API route; GET /api lists them")
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

/// [`CONTENT_SECURITY_POLICY`] and friends on every response.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
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
        tracing::error!(%method, path, status = res.status().as_u16(), "{detail}");
    } else if res.status() == StatusCode::REQUEST_TIMEOUT {
        tracing::warn!(%method, path, "timed out after {REQUEST_TIMEOUT:?}");
    }
    res
}

#[cfg(test)]
mod tests;
