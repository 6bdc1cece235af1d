//! A bounded in-memory cache of whole `200 OK` responses, keyed by the request URI.
//!
//! The server is read-only and every cached route (the listing, `/countries/`, `/sections/`,
//! `/books/`, `/search`, `/timeline`, `/entities/`, and the same under `/api`, and
//! `/api/places`) is a pure function of its URI and the
//! library's contents, so a response can be replayed until the library changes. A library
//! query costs 0.1–1 ms; replaying costs microseconds, which is what lets a section page
//! serve tens of thousands of requests a second on two cores.
//!
//! **Invariant**: nothing stale is served for more than [`CHECK_EVERY`] after an ingest.
//! At most once per [`CHECK_EVERY`], a request stats the catalog files (`catalog.sqlite`
//! and its `-wal`); when their size or mtime changed, the cache is emptied and the
//! as-of sources are recomputed. When the cache holds more than its byte budget it is
//! emptied whole (simple, and the working set refills in milliseconds).
//!
//! `AREABOOK_SERVER_CACHE_MB` sets the budget (default [`DEFAULT_CACHE_MB`]); `0` turns
//! the cache off, which the load benchmark uses to measure the uncached path too.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Default byte budget of the response cache, in MiB.
pub const DEFAULT_CACHE_MB: usize = 48;
/// How often the catalog files are checked for changes.
pub const CHECK_EVERY: Duration = Duration::from_secs(1);
/// Says whether a cacheable answer came from the cache (`hit`) or the library (`miss`).
pub const CACHE_HEADER: header::HeaderName = header::HeaderName::from_static("x-areabook-cache");
/// Responses larger than this are not cached.
const MAX_ENTRY: usize = 1024 * 1024;

/// Size and mtime of the catalog files: changes when anything is ingested.
type Fingerprint = Vec<(u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    ["catalog.sqlite", "catalog.sqlite-wal"]
        .iter()
        .map(|name| match std::fs::metadata(dir.join(name)) {
            Ok(m) => (m.len(), m.modified().ok()),
            Err(_) => (0, None),
        })
        .collect()
}

#[derive(Clone)]
struct Entry {
    content_type: HeaderValue,
    body: Bytes,
}

/// The cache and the change check.
pub(crate) struct ResponseCache {
    budget: usize,
    used: AtomicUsize,
    entries: RwLock<HashMap<String, Entry>>,
    checked: Mutex<(Instant, Fingerprint)>,
}

impl ResponseCache {
    /// A cache with the budget from `AREABOOK_SERVER_CACHE_MB`, over the library in `dir`.
    pub fn new(dir: &Path) -> ResponseCache {
        let mb = std::env::var("AREABOOK_SERVER_CACHE_MB")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(DEFAULT_CACHE_MB);
        ResponseCache {
            budget: mb.saturating_mul(1024 * 1024),
            used: AtomicUsize::new(0),
            entries: RwLock::new(HashMap::new()),
            checked: Mutex::new((Instant::now(), fingerprint(dir))),
        }
    }

    fn get(&self, key: &str) -> Option<Entry> {
        self.entries
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    fn put(&self, key: String, entry: Entry) {
        let size = key.len() + entry.body.len();
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if self.used.load(Ordering::Relaxed) + size > self.budget {
            entries.clear();
            self.used.store(0, Ordering::Relaxed);
        }
        if entries.insert(key, entry).is_none() {
            self.used.fetch_add(size, Ordering::Relaxed);
        }
    }

    fn clear(&self) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        entries.clear();
        self.used.store(0, Ordering::Relaxed);
    }

    /// True when the catalog changed since the last check (done at most every
    /// [`CHECK_EVERY`]).
    fn library_changed(&self, dir: &Path) -> bool {
        // One request checks; the others go on rather than queue behind a `stat`.
        let mut checked = match self.checked.try_lock() {
            Ok(c) => c,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return false,
        };
        if checked.0.elapsed() < CHECK_EVERY {
            return false;
        }
        let now = fingerprint(dir);
        checked.0 = Instant::now();
        if now == checked.1 {
            return false;
        }
        checked.1 = now;
        true
    }
}

fn cacheable(path: &str) -> bool {
    [
        "/sections/",
        "/books/",
        "/countries/",
        "/timeline/",
        "/entities/",
        "/api/sections/",
        "/api/entities/",
        "/api/books/",
        "/api/countries/",
    ]
    .iter()
    .any(|p| path.starts_with(p))
        || [
            "/",
            "/search",
            "/api",
            "/api/search",
            "/api/books",
            "/api/countries",
            "/api/timeline",
            "/api/places",
            "/timeline",
        ]
        .contains(&path)
}

/// Middleware: answer cacheable `GET`s from the cache, and remember `200 OK` answers.
pub(crate) async fn serve_cached(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if state.cache.library_changed(state.library.dir()) {
        state.cache.clear();
        crate::refresh_sources(&state).await;
    }
    if state.cache.budget == 0 || req.method() != Method::GET || !cacheable(req.uri().path()) {
        return next.run(req).await;
    }
    let key = req.uri().to_string();
    if let Some(hit) = state.cache.get(&key) {
        return (
            [
                (header::CONTENT_TYPE, hit.content_type),
                (CACHE_HEADER, HeaderValue::from_static("hit")),
            ],
            Body::from(hit.body),
        )
            .into_response();
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let Some(content_type) = res.headers().get(header::CONTENT_TYPE).cloned() else {
        return res;
    };
    if res
        .body()
        .size_hint()
        .upper()
        .is_none_or(|n| n as usize > MAX_ENTRY)
    {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY).await {
        Ok(bytes) => {
            state.cache.put(
                key,
                Entry {
                    content_type,
                    body: bytes.clone(),
                },
            );
            let mut res = Response::from_parts(parts, Body::from(bytes));
            res.headers_mut()
                .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
            res
        }
        // Our bodies are in-memory strings; this would be a bug, so it is logged.
        Err(e) => crate::AppError::internal(format!("buffering a response: {e}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pure_read_routes_are_cacheable_and_nothing_else() {
        for p in [
            "/",
            "/countries/russia",
            "/books/x/chapters/Geography",
            "/api",
            "/api/books",
            "/api/countries/ru",
            "/api/search",
            "/search",
            "/timeline",
            "/timeline/japan",
            "/api/timeline",
            "/api/sections/x/citation",
            "/entities/state%3Ajapan",
            "/api/entities/Japan",
            "/api/sections/x/entities",
            "/api/places",
        ] {
            assert!(super::cacheable(p), "{p}");
        }
        for p in [
            "/static/style.css",
            "/healthz",
            "/api/openapi.json",
            "/nope",
            "/apis",
        ] {
            assert!(!super::cacheable(p), "{p}");
        }
    }
}
