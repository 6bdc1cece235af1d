//! areabook's HTTP server: the JSON API and the web reader over a read-only library.
#![warn(missing_docs)]

use std::sync::Arc;

/// Shared state of every request: the library, opened read-only.
#[derive(Clone)]
pub struct AppState {
    /// The library.
    pub library: Arc<library::Library>,
}

impl AppState {
    /// State over an open library.
    pub fn new(library: library::Library) -> AppState {
        AppState {
            library: Arc::new(library),
        }
    }
}

/// The application: every route, with its middleware.
pub fn app(state: AppState) -> axum::Router {
    let _ = state;
    axum::Router::new()
}

/// Serve `app(state)` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
