//! `areabook fetch factbook --editions [RANGE] [--from DIR|URL]`: every World Factbook
//! edition 1990–2025 as the archive project dumped it (four SQL tables and one gzipped field
//! file per edition), from the archive repository at a pinned commit.
//!
//! Each file is verified against a SHA-256 embedded in the binary
//! (`crates/cli/data/factbook-editions.sha256`) and kept in `<library>/cache/factbook-editions/`
//! with the archive's layout (`master_countries.sql`, `fields/country_fields_1990.sql.gz`, …).
//! A cached file with the right checksum is not fetched again; a download goes to a hidden
//! `.NAME.part` beside its target and is resumed from there. `$AREABOOK_EDITIONS_SUMS=FILE`
//! replaces the embedded checksums (same `DIGEST  PATH` lines): for tests and for mirrors that
//! serve other files.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::{download, sha256_file};
use crate::cmd::{Outcome, print_json};
use crate::config::Config;

/// The archive repository on GitHub.
pub const REPO: &str = "MilkMp/CIA-World-Factbooks-Archive-1990-2025";
/// The pinned commit.
pub const COMMIT: &str = "b998f60a91d7de6fde80f3d4d216fa0e591a099e";
/// First and last edition.
pub const FIRST: u16 = 1990;
/// The last edition (the CIA discontinued the Factbook in 2026).
pub const LAST: u16 = 2025;
/// The tables every fetch takes, whatever the years.
pub const TABLES: [&str; 4] = [
    "master_countries.sql",
    "countries.sql",
    "categories.sql",
    "field_name_mappings.sql",
];
/// Environment variable naming a checksum file that replaces the embedded one.
pub const SUMS_ENV: &str = "AREABOOK_EDITIONS_SUMS";
/// The cache folder's name inside the library's cache.
pub const CACHE_DIR: &str = "factbook-editions";

const EMBEDDED_SUMS: &str = include_str!("../../data/factbook-editions.sha256");

/// The archive's files at the pinned commit: the repository's `data/` folder, raw.
pub fn default_base() -> String {
    format!("https://raw.githubusercontent.com/{REPO}/{COMMIT}/data/")
}

/// The field file of one edition, relative to the archive's data folder.
pub fn field_file(year: u16) -> String {
    format!("fields/country_fields_{year}.sql.gz")
}

/// Editions asked for: distinct years in 1990–2025, ascending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Years(Vec<u16>);

impl Default for Years {
    fn default() -> Years {
        Years((FIRST..=LAST).collect())
    }
}

impl Years {
    /// The years, ascending.
    pub fn years(&self) -> &[u16] {
        &self.0
    }
}

/// Parse a RANGE: `1990..2025` (both ends included), `YEAR`, or a comma list of either.
pub fn parse_years(text: &str) -> Result<Years, String> {
    const FORM: &str = "RANGE is 1990..2025, YEAR or YEAR,YEAR,...";
    let year = |s: &str| -> Result<u16, String> {
        let s = s.trim();
        let y: u16 = s
            .parse()
            .ok()
            .filter(|_| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| format!("'{s}' is not a year ({FORM})"))?;
        if !(FIRST..=LAST).contains(&y) {
            return Err(format!(
                "{y} is not an edition: the editions are {FIRST}–{LAST}"
            ));
        }
        Ok(y)
    };
    let mut years = Vec::new();
    for item in text.split(',') {
        match item.split_once("..") {
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                if a > b {
                    return Err(format!("{a}..{b} is empty: the first year comes first"));
                }
                years.extend(a..=b);
            }
            None => years.push(year(item)?),
        }
    }
    years.sort_unstable();
    years.dedup();
    Ok(Years(years))
}

/// Expected digests by path.
#[derive(Debug, Clone)]
struct Sums {
    digests: BTreeMap<String, String>,
    /// Where they came from, for messages.
    source: String,
}

/// Read `DIGEST  PATH` lines (`#` comments and blank lines skipped; `*PATH` accepted).
fn parse_sums(text: &str, source: &str) -> Result<Sums> {
    let mut digests = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| anyhow::anyhow!("{source}:{}: {why}", i + 1);
        let (digest, path) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| bad("expected 'SHA256  PATH'"))?;
        let path = path.trim_start().trim_start_matches('*');
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("not a SHA-256 digest"));
        }
        let relative = !path.is_empty()
            && !path.contains('\\')
            && Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !relative {
            return Err(bad(&format!("'{path}' is not a relative path")));
        }
        digests.insert(path.to_owned(), digest.to_ascii_lowercase());
    }
    Ok(Sums {
        digests,
        source: source.to_owned(),
    })
}

/// The embedded checksums, or `$AREABOOK_EDITIONS_SUMS`'s.
fn load_sums() -> Result<Sums> {
    match std::env::var_os(SUMS_ENV).filter(|v| !v.is_empty()) {
        Some(file) => {
            let path = PathBuf::from(file);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {SUMS_ENV}={}", path.display()))?;
            parse_sums(&text, &path.display().to_string())
        }
        None => parse_sums(EMBEDDED_SUMS, "the embedded checksums"),
    }
}

/// Where the files come from.
#[derive(Debug, Clone)]
enum Source {
    /// A base URL ending in `/`: the archive's data folder or a mirror of it.
    Url(String),
    /// A local copy with the same layout.
    Dir(PathBuf),
}

impl Source {
    fn new(from: Option<&str>) -> Result<Source> {
        let Some(from) = from else {
            return Ok(Source::Url(default_base()));
        };
        let lower = from.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let mut base = from.to_owned();
            if !base.ends_with('/') {
                base.push('/');
            }
            return Ok(Source::Url(base));
        }
        let dir = PathBuf::from(from);
        if !dir.is_dir() {
            bail!("--from {from}: not a folder or an http(s) URL");
        }
        Ok(Source::Dir(dir))
    }

    /// Where `path` is, for messages.
    fn locate(&self, path: &str) -> String {
        match self {
            Source::Url(base) => format!("{base}{path}"),
            Source::Dir(dir) => dir.join(path).display().to_string(),
        }
    }
}

/// The JSON report.
#[derive(Debug, Serialize)]
struct Report {
    dir: String,
    files: Vec<FileReport>,
    /// What `--ingest` stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    ingested: Option<library::EditionsReport>,
}

/// One file: its path in `dir`, its size, its SHA-256 (the pinned one), what happened.
#[derive(Debug, Serialize)]
struct FileReport {
    path: String,
    bytes: u64,
    sha256: String,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Fetched,
    Cached,
    Failed,
}

/// Fetch the tables and the `years`' field files from `from` (the pinned archive when
/// `None`) into the library's cache. Exit 1 (`Outcome::Failed`) when any file failed; the
/// others are still fetched.
pub fn run(config: &Config, years: &Years, from: Option<&str>, ingest: bool) -> Result<Outcome> {
    let sums = load_sums()?;
    let source = Source::new(from)?;
    let dir = config.cache_dir().join(CACHE_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut wanted: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    wanted.extend(years.years().iter().map(|&y| field_file(y)));

    let bar = progress(config);
    let mut fetcher = Fetcher {
        sums: &sums,
        dir: &dir,
        source: &source,
        bar: &bar,
        agent: None,
        unreachable: None,
    };
    let mut files = Vec::with_capacity(wanted.len());
    for (i, path) in wanted.iter().enumerate() {
        bar.set_prefix(format!("[{}/{}]", i + 1, wanted.len()));
        bar.set_message(path.clone());
        let report = fetcher.fetch_one(path);
        if let (Some(error), false) = (&report.error, config.json) {
            let line = format!("areabook: {path}: {error}");
            bar.suspend(|| eprintln!("{line}"));
        }
        files.push(report);
    }
    bar.finish_and_clear();

    let failed = files.iter().filter(|f| f.status == Status::Failed).count();
    // `--ingest`: the editions whose files are all here go into the library.
    let ingested = if ingest && library::is_editions_dir(&dir) {
        bar.finish_and_clear();
        let mut lib = library::Library::open(&config.library)
            .with_context(|| format!("opening library {}", config.library.display()))?;
        let report = lib
            .ingest_editions(&dir)
            .with_context(|| format!("reading the Factbook editions in {}", dir.display()))?;
        for e in &report.errors {
            eprintln!("areabook: {e}");
        }
        Some(report)
    } else {
        None
    };
    let ingest_errors = ingested.as_ref().is_some_and(|r| r.error_count > 0);
    if config.json {
        print_json(&Report {
            dir: dir.display().to_string(),
            files,
            ingested: ingested.clone(),
        })?;
    } else {
        let count = |s: Status| files.iter().filter(|f| f.status == s).count();
        writeln!(
            std::io::stdout(),
            "{}: {} fetched, {} cached, {failed} failed (sha256 verified)",
            dir.display(),
            count(Status::Fetched),
            count(Status::Cached),
        )?;
    }
    if !config.json {
        if let Some(r) = &ingested {
            crate::cmd::print_editions(r)?;
        } else if ingest {
            eprintln!(
                "areabook: not ingested: {} lacks the archive's tables (fetch them with the editions)",
                dir.display()
            );
        }
    }
    Ok(if failed > 0 || ingest_errors {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}

/// One run's fetching state.
struct Fetcher<'a> {
    sums: &'a Sums,
    dir: &'a Path,
    source: &'a Source,
    bar: &'a ProgressBar,
    /// Made at the first download.
    agent: Option<ureq::Agent>,
    /// Set when the source's host could not be reached: the other downloads are not tried.
    unreachable: Option<String>,
}

impl Fetcher<'_> {
    /// Make `path` present and verified in the cache: cached, fetched, or failed with the
    /// reason.
    fn fetch_one(&mut self, path: &str) -> FileReport {
        let expected = self.sums.digests.get(path).cloned().unwrap_or_default();
        let mut report = FileReport {
            path: path.to_owned(),
            bytes: 0,
            sha256: expected.clone(),
            status: Status::Failed,
            error: None,
        };
        match self.place(path, &expected) {
            Ok((status, bytes)) => {
                report.status = status;
                report.bytes = bytes;
            }
            Err(error) => report.error = Some(error),
        }
        report
    }

    fn place(&mut self, path: &str, expected: &str) -> Result<(Status, u64), String> {
        if expected.is_empty() {
            return Err(format!("no checksum for it in {}", self.sums.source));
        }
        let target = self.dir.join(path);
        match sha256_file(&target) {
            Ok((digest, bytes)) if digest == expected => return Ok((Status::Cached, bytes)),
            // A wrong or damaged copy is replaced.
            Ok(_) => std::fs::remove_file(&target)
                .map_err(|e| format!("removing {}: {e}", target.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("reading {}: {e}", target.display())),
        }
        let parent = target.parent().unwrap_or(self.dir);
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = parent.join(format!(".{name}.part"));
        let from = self.source.locate(path);
        let verify = |part: &Path| -> Result<u64, String> {
            let (got, bytes) =
                sha256_file(part).map_err(|e| format!("reading {}: {e}", part.display()))?;
            if got == expected {
                return Ok(bytes);
            }
            let _ = std::fs::remove_file(part);
            Err(format!(
                "{from}: sha256 is {got}, expected {expected}: not saved (partial file deleted)"
            ))
        };
        let bytes = match self.source {
            Source::Dir(_) => {
                copy(Path::new(&from), &part, self.bar)?;
                verify(&part)?
            }
            Source::Url(_) => {
                let done = self.download(&from, &part)?;
                match verify(&part) {
                    Ok(bytes) => bytes,
                    // What an earlier attempt or run left may not belong to this file: once
                    // more from the start.
                    Err(_) if done.resumed => {
                        self.download(&from, &part)?;
                        verify(&part)?
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        std::fs::rename(&part, &target)
            .map_err(|e| format!("moving into {}: {e}", target.display()))?;
        Ok((Status::Fetched, bytes))
    }

    /// Download `url` into `part`, unless the host already proved unreachable.
    fn download(&mut self, url: &str, part: &Path) -> Result<download::Done, String> {
        if let Some(reason) = &self.unreachable {
            return Err(format!(
                "{url}: not tried, an earlier file failed: {reason}"
            ));
        }
        let agent = self.agent.get_or_insert_with(download::agent);
        download::download(agent, url, part, self.bar).map_err(|e| {
            if e.unreachable {
                self.unreachable = Some(e.reason.clone());
            }
            format!("{url}: {}", e.reason)
        })
    }
}

/// Copy a local file into `part`, showing progress.
fn copy(from: &Path, part: &Path, bar: &ProgressBar) -> Result<(), String> {
    let src = std::fs::File::open(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let len = src.metadata().map(|m| m.len()).unwrap_or(0);
    let mut dst =
        std::fs::File::create(part).map_err(|e| format!("writing {}: {e}", part.display()))?;
    bar.set_length(len);
    bar.set_position(0);
    bar.reset_eta();
    std::io::copy(&mut bar.wrap_read(src), &mut dst)
        .and_then(|_| dst.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(part);
            format!("copying {}: {e}", from.display())
        })
}

/// Bytes and ETA on a terminal; nothing otherwise or with `--json`.
fn progress(config: &Config) -> ProgressBar {
    if config.json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template(
        "{prefix} {bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_years_and_lists() {
        assert_eq!(parse_years("1990..2025").unwrap(), Years::default());
        assert_eq!(parse_years("1991").unwrap().years(), [1991]);
        assert_eq!(
            parse_years("2001,1990,2001,1995..1996").unwrap().years(),
            [1990, 1995, 1996, 2001]
        );
        for bad in [
            "1989",
            "2026",
            "1995..1990",
            "abc",
            "",
            "1990,",
            "199O",
            "+1990",
        ] {
            assert!(parse_years(bad).is_err(), "{bad}");
        }
        assert!(parse_years("2030").unwrap_err().contains("2030"));
    }

    #[test]
    fn the_embedded_sums_name_every_file() {
        let sums = parse_sums(EMBEDDED_SUMS, "embedded").unwrap();
        assert_eq!(sums.digests.len(), 40);
        for t in TABLES {
            assert!(sums.digests.contains_key(t), "{t}");
        }
        for y in FIRST..=LAST {
            assert!(sums.digests.contains_key(&field_file(y)), "{y}");
        }
    }

    #[test]
    fn sums_refuse_bad_lines_and_escaping_paths() {
        let ok = format!("# note\n\n{}  *a/b.sql\n", "A".repeat(64));
        let sums = parse_sums(&ok, "t").unwrap();
        assert_eq!(sums.digests["a/b.sql"], "a".repeat(64));
        for bad in ["xyz  a.sql", "0 a.sql", "nodigest"] {
            assert!(parse_sums(bad, "t").is_err(), "{bad}");
        }
        for path in ["../x", "/etc/x", "a/../../x", "a\\b"] {
            let line = format!("{}  {path}", "0".repeat(64));
            assert!(parse_sums(&line, "t").is_err(), "{path}");
        }
    }
}
