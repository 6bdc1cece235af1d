//! Helpers shared by the end-to-end test files: run the binary, read its output.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The `areabook` binary with no proxy or library from the environment.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_areabook"));
    for var in [
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "AREABOOK_LIBRARY",
    ] {
        c.env_remove(var);
    }
    // No test asks loc.gov (`demo`, `fetch study --from loc`): a closed loopback port.
    c.env("AREABOOK_LOC_BASE", "http://127.0.0.1:9");
    c
}

/// Run `areabook --library LIB ARGS…` to the end.
pub fn run(lib: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--library")
        .arg(lib)
        .args(args)
        .output()
        .expect("run areabook")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as JSON.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// A Country Studies page in the plain crawl-text layout, in our own words: `n` makes the
/// body (and so the section) unique; `country` must be a chapter country of the series.
pub fn own_page(country: &str, n: usize) -> String {
    format!(
        "Country Listing\n\n{country} Table of Contents\n\n{country}\n\n\
         Report {n}: the river ports of the plain handled {n} tons of grain that season, \
         and the growers' cooperative number {n} sold its cotton to the coast.\n\n\
         By the late 1970s the herders of district {n} had moved south.\n\n\
         Data as of December 1988\n"
    )
}

/// Write `count` of our own pages into `dir` (created) and return it.
pub fn own_pages(dir: &Path, count: usize) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for n in 0..count {
        std::fs::write(dir.join(format!("page-{n:05}.txt")), own_page("Chad", n)).unwrap();
    }
    dir.to_path_buf()
}
