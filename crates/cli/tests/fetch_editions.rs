//! `areabook fetch factbook --editions`: against a loopback mirror serving our own tiny dumps
//! (written here, in the archive's SQL form) with a test checksum table, and against the
//! shared copy with the checksums built into the binary. No test leaves 127.0.0.1.

mod common;

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{bin, json, stderr, stdout};
use sha2::{Digest, Sha256};

const SUMS_ENV: &str = "AREABOOK_EDITIONS_SUMS";

/// Our own dumps, in the archive's layout and SQL form: (file, table, columns, rows).
const DUMPS: &[(&str, &str, &str, &str)] = &[
    (
        "master_countries.sql",
        "MasterCountries",
        "MasterCountryID, CanonicalCode, CanonicalName, ISOAlpha2, EntityType, AdministeringMasterCountryID",
        "(1, N'XA', N'Upper Plain', N'XA', N'sovereign', NULL),\n  \
         (2, N'XB', N'Isle of Tern', N'XB', N'territory', 1)",
    ),
    (
        "countries.sql",
        "Countries",
        "CountryID, Year, Code, Name, Source, MasterCountryID",
        "(1, 1990, N'xa', N'Upper Plain', N'text', 1),\n  (2, 1991, N'xa', N'Upper Plain', N'text', 1),\n  \
         (3, 1991, N'xb', N'Isle of Tern', N'text', 2)",
    ),
    (
        "categories.sql",
        "CountryCategories",
        "CategoryID, CountryID, CategoryTitle",
        "(1, 1, N'Geography'),\n  (2, 2, N'Geography'),\n  (3, 3, N'People')",
    ),
    (
        "field_name_mappings.sql",
        "FieldNameMappings",
        "MappingID, OriginalName, CanonicalName, MappingType, ConsolidatedTo, IsNoise, FirstYear, LastYear, UseCount, Notes",
        "(1, N'Area', N'Total area', N'rename', NULL, 0, 1990, 1991, 2, NULL)",
    ),
    (
        "fields/country_fields_1990.sql.gz",
        "CountryFields",
        "FieldID, CategoryID, CountryID, FieldName, Content",
        "(10, 1, 1, N'Area', N'12,300 km2; the plain''s rivers flood each spring'),\n  \
         (11, 1, 1, N'Climate', N'dry winters, wet summers')",
    ),
    (
        "fields/country_fields_1991.sql.gz",
        "CountryFields",
        "FieldID, CategoryID, CountryID, FieldName, Content",
        "(20, 2, 2, N'Total area', N'12,300 km2'),\n  (21, 3, 3, N'Population', N'1,204 (July 1991)'),\n  \
         (22, 3, 3, N'Note', NULL)",
    ),
];

/// The fixture files by path (the field files gzipped, as the archive's are).
fn fixtures() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for (path, name, cols, rows) in DUMPS {
        let sql = format!(
            "-- {name}: written for areabook's tests\n\nSET IDENTITY_INSERT {name} ON;\nGO\n\n\
             INSERT INTO {name} ({cols})\nVALUES\n  {rows};\nGO\n"
        );
        let bytes = if path.ends_with(".gz") {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(sql.as_bytes()).unwrap();
            gz.finish().unwrap()
        } else {
            sql.into_bytes()
        };
        files.insert((*path).to_owned(), bytes);
    }
    files
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A checksum table for `files` (sha256sum's form), with `wrong` paths given a bad digest.
fn write_sums(dir: &Path, files: &BTreeMap<String, Vec<u8>>, wrong: &[&str]) -> PathBuf {
    let mut text = String::from("# test checksums\n");
    for (path, bytes) in files {
        let digest = if wrong.contains(&path.as_str()) {
            "0".repeat(64)
        } else {
            sha256(bytes)
        };
        text.push_str(&format!("{digest}  {path}\n"));
    }
    let path = dir.join("sums.sha256");
    std::fs::write(&path, text).unwrap();
    path
}

/// What the server does with the next request for a path.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// Send the headers and this many bytes of the body, then close.
    Drop(usize),
    /// 429 with `Retry-After: N`.
    TooMany(u64),
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    range: Option<String>,
    user_agent: String,
}

/// What the mirror saw and what it is still to do wrong.
#[derive(Debug, Default)]
struct State {
    seen: Vec<Seen>,
    faults: BTreeMap<String, VecDeque<Fault>>,
}

/// A mirror on loopback serving `files` under `/mirror/`, one request at a time (`ranges`:
/// whether it honours Range requests); it stops when dropped, or after two minutes.
struct Mirror {
    base: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl Mirror {
    fn start(files: BTreeMap<String, Vec<u8>>, ranges: bool) -> Mirror {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}/mirror/", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, halt) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !halt.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => serve(stream, &files, ranges, &st),
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Mirror { base, state, stop }
    }

    fn fault(&self, path: &str, fault: Fault) {
        let mut state = self.state.lock().unwrap();
        state
            .faults
            .entry(path.to_owned())
            .or_default()
            .push_back(fault);
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// The Range header of each request for `path`, in order.
    fn ranges(&self, path: &str) -> Vec<Option<String>> {
        let seen = self.seen().into_iter().filter(|s| s.path == path);
        seen.map(|s| s.range).collect()
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn reply(stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn serve(
    mut stream: TcpStream,
    files: &BTreeMap<String, Vec<u8>>,
    ranges: bool,
    state: &Mutex<State>,
) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    let _ = reader.read_line(&mut request_line);
    let (mut range, mut user_agent) = (None, String::new());
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        match name.to_ascii_lowercase().as_str() {
            "range" => range = Some(value.trim().to_owned()),
            "user-agent" => user_agent = value.trim().to_owned(),
            _ => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.strip_prefix("/mirror/").unwrap_or(target).to_owned();
    let fault = {
        let mut state = state.lock().unwrap();
        let seen = Seen {
            path: path.clone(),
            range: range.clone(),
            user_agent,
        };
        state.seen.push(seen);
        state.faults.get_mut(&path).and_then(VecDeque::pop_front)
    };
    let Some(body) = files.get(&path) else {
        return reply(&mut stream, "404 Not Found", "", b"");
    };
    if let Some(Fault::TooMany(secs)) = fault {
        return reply(
            &mut stream,
            "429 Too Many Requests",
            &format!("Retry-After: {secs}\r\n"),
            b"",
        );
    }
    let start = range
        .as_deref()
        .and_then(|r| {
            r.strip_prefix("bytes=")?
                .strip_suffix('-')?
                .parse::<usize>()
                .ok()
        })
        .filter(|_| ranges);
    let len = body.len();
    let (status, headers, piece) = match start {
        Some(s) if s >= len => {
            let headers = format!("Content-Range: bytes */{len}\r\n");
            return reply(&mut stream, "416 Range Not Satisfiable", &headers, b"");
        }
        Some(s) => (
            "206 Partial Content",
            format!("Content-Range: bytes {s}-{}/{len}\r\n", len - 1),
            &body[s..],
        ),
        None => ("200 OK", String::new(), &body[..]),
    };
    match fault {
        Some(Fault::Drop(n)) => {
            let head = format!(
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\n\r\n",
                piece.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&piece[..n.min(piece.len())]);
            let _ = stream.flush();
            let _ = stream.shutdown(Shutdown::Both);
        }
        _ => reply(&mut stream, status, &headers, piece),
    }
}

/// `areabook --library LIB [--json] fetch factbook --editions ARGS…` with `sums` as the table.
fn fetch(lib: &Path, sums: Option<&Path>, json: bool, args: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.env_remove(SUMS_ENV).arg("--library").arg(lib);
    if json {
        cmd.arg("--json");
    }
    if let Some(sums) = sums {
        cmd.env(SUMS_ENV, sums);
    }
    cmd.args(["fetch", "factbook", "--editions"])
        .args(args)
        .output()
        .unwrap()
}

fn cache(lib: &Path) -> PathBuf {
    lib.join("cache/factbook-editions")
}

/// A file of the cache.
fn cached(lib: &Path, path: &str) -> Vec<u8> {
    std::fs::read(cache(lib).join(path)).unwrap_or_default()
}

/// A temp dir, a library path in it, the fixtures and their checksum table (`wrong` paths
/// with a digest that does not match).
fn setup(
    wrong: &[&str],
) -> (
    tempfile::TempDir,
    PathBuf,
    BTreeMap<String, Vec<u8>>,
    PathBuf,
) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let files = fixtures();
    let sums = write_sums(dir.path(), &files, wrong);
    (dir, lib, files, sums)
}

/// `fetch` from `mirror` into `lib` with the test checksums.
fn from_mirror(lib: &Path, sums: &Path, mirror: &Mirror, json: bool, range: &str) -> Output {
    fetch(lib, Some(sums), json, &[range, "--from", &mirror.base])
}

/// `path → status` from a JSON report.
fn statuses(report: &serde_json::Value) -> BTreeMap<String, String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn all(status: &str, files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    files
        .keys()
        .map(|k| (k.clone(), status.to_owned()))
        .collect()
}

#[test]
fn fetches_then_answers_from_the_cache_without_a_request() {
    let (_dir, lib, files, sums) = setup(&[]);
    let mirror = Mirror::start(files.clone(), true);

    let out = from_mirror(&lib, &sums, &mirror, true, "1990,1991");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(statuses(&report), all("fetched", &files));
    assert_eq!(report["dir"], cache(&lib).display().to_string());
    for f in report["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        assert_eq!(f["bytes"], files[path].len());
        assert_eq!(f["sha256"], sha256(&files[path]));
        assert!(f.get("error").is_none());
        assert_eq!(cached(&lib, path), files[path]);
    }
    let seen = mirror.seen();
    assert_eq!(seen.len(), files.len(), "{seen:?}");
    assert!(
        seen.iter().all(|s| s.user_agent.starts_with("areabook/")),
        "{seen:?}"
    );
    assert!(seen.iter().all(|s| s.range.is_none()), "{seen:?}");

    // Second run: everything verified in the cache, no request at all.
    let out = from_mirror(&lib, &sums, &mirror, true, "1990..1991");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(statuses(&json(&out)), all("cached", &files));
    assert_eq!(mirror.seen().len(), files.len());

    // One edition: the tables and that year only; text output says what happened.
    let out = from_mirror(&lib, &sums, &mirror, false, "1991");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        common::stdout(&out).contains("0 fetched, 5 cached, 0 failed"),
        "{}",
        common::stdout(&out)
    );
}

#[test]
fn a_checksum_mismatch_names_the_file_and_the_others_are_kept() {
    let (_dir, lib, files, sums) = setup(&["countries.sql"]);
    let mirror = Mirror::start(files.clone(), true);

    let out = from_mirror(&lib, &sums, &mirror, false, "1990,1991");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let url = format!("{}countries.sql", mirror.base);
    for needle in [
        "countries.sql",
        &url,
        &sha256(&files["countries.sql"]),
        &"0".repeat(64),
    ] {
        assert!(err.contains(needle), "{needle} not in {err}");
    }
    assert!(!cache(&lib).join("countries.sql").exists());
    assert!(!cache(&lib).join(".countries.sql.part").exists());
    for (path, bytes) in &files {
        if path != "countries.sql" {
            assert_eq!(&cached(&lib, path), bytes);
        }
    }

    let out = from_mirror(&lib, &sums, &mirror, true, "1990,1991");
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let mut want = all("cached", &files);
    want.insert("countries.sql".into(), "failed".into());
    assert_eq!(statuses(&report), want);
    let failed = &report["files"][1];
    assert_eq!(failed["path"], "countries.sql");
    assert!(
        failed["error"].as_str().unwrap().contains("expected"),
        "{failed}"
    );
}

#[test]
fn an_interrupted_download_resumes_with_a_range_request() {
    let (_dir, lib, files, sums) = setup(&[]);
    let mirror = Mirror::start(files.clone(), true);
    let f1990 = "fields/country_fields_1990.sql.gz";
    let f1991 = "fields/country_fields_1991.sql.gz";
    let half = files[f1990].len() / 2;
    mirror.fault(f1990, Fault::Drop(half));
    // An earlier run left the first 10 bytes of 1991, and a part of categories that is not
    // the file's (it is resumed, fails the check, and is fetched again from the start).
    std::fs::create_dir_all(cache(&lib).join("fields")).unwrap();
    std::fs::write(
        cache(&lib).join("fields/.country_fields_1991.sql.gz.part"),
        &files[f1991][..10],
    )
    .unwrap();
    std::fs::write(cache(&lib).join(".categories.sql.part"), b"-- not the file").unwrap();

    let out = from_mirror(&lib, &sums, &mirror, true, "1990,1991");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(statuses(&json(&out)), all("fetched", &files));
    for (path, bytes) in &files {
        assert_eq!(&cached(&lib, path), bytes, "{path}");
    }
    let ranges = |path: &str| mirror.ranges(path);
    assert_eq!(ranges(f1990), [None, Some(format!("bytes={half}-"))]);
    assert_eq!(ranges(f1991), [Some("bytes=10-".to_owned())]);
    assert_eq!(
        ranges("categories.sql"),
        [Some("bytes=15-".to_owned()), None]
    );
    for part in [
        ".categories.sql.part",
        "fields/.country_fields_1990.sql.gz.part",
    ] {
        assert!(!cache(&lib).join(part).exists(), "{part} left behind");
    }
    assert!(
        !cache(&lib)
            .join("fields/.country_fields_1991.sql.gz.part")
            .exists()
    );
}

#[test]
fn a_server_without_ranges_restarts_the_file() {
    let (_dir, lib, files, sums) = setup(&[]);
    let mirror = Mirror::start(files.clone(), false);
    let f1990 = "fields/country_fields_1990.sql.gz";
    mirror.fault(f1990, Fault::Drop(7));

    let out = from_mirror(&lib, &sums, &mirror, true, "1990");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(cached(&lib, f1990), files[f1990]);
    assert_eq!(mirror.ranges(f1990), [None, Some("bytes=7-".to_owned())]);
}

#[test]
fn too_many_requests_waits_as_retry_after_says() {
    let (dir, lib, files, sums) = setup(&[]);
    let mirror = Mirror::start(files.clone(), true);
    mirror.fault("countries.sql", Fault::TooMany(1));

    let started = Instant::now();
    let out = from_mirror(&lib, &sums, &mirror, true, "1991");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(mirror.ranges("countries.sql").len(), 2);
    assert_eq!(cached(&lib, "countries.sql"), files["countries.sql"]);

    // A server that asks for more than a minute is not waited for.
    let lib2 = dir.path().join("lib2");
    mirror.fault("countries.sql", Fault::TooMany(3600));
    let out = from_mirror(&lib2, &sums, &mirror, false, "1991");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("3600"), "{}", stderr(&out));
    assert!(cache(&lib2).join("categories.sql").is_file());
}

#[test]
fn a_mirror_that_does_not_answer_is_given_up_after_a_few_tries() {
    let (_dir, lib, _files, sums) = setup(&[]);
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/mirror/");
    let started = Instant::now();
    let out = fetch(&lib, Some(&sums), true, &["1990", "--from", &base]);
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(30));
    let report = json(&out);
    let errors: Vec<&str> = (0..5)
        .map(|i| report["files"][i]["error"].as_str().unwrap())
        .collect();
    assert!(
        errors[0].contains("no answer") && errors[0].contains("4 attempts"),
        "{errors:?}"
    );
    assert!(
        errors[1..].iter().all(|e| e.contains("not tried")),
        "{errors:?}"
    );
}

#[test]
fn from_a_local_folder_copies_and_verifies() {
    let (dir, lib, files, sums) = setup(&[]);
    let copy = dir.path().join("copy");
    for (path, bytes) in &files {
        std::fs::create_dir_all(copy.join(path).parent().unwrap()).unwrap();
        std::fs::write(copy.join(path), bytes).unwrap();
    }
    let from = copy.to_str().unwrap();

    let out = fetch(&lib, Some(&sums), true, &["1990..1991", "--from", from]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(statuses(&json(&out)), all("fetched", &files));
    for (path, bytes) in &files {
        assert_eq!(&cached(&lib, path), bytes);
    }

    // --ingest: fetched (cached now), then the editions are stored in the library.
    let out = fetch(
        &lib,
        Some(&sums),
        false,
        &["1990..1991", "--from", from, "--ingest"],
    );
    assert!(
        stdout(&out).contains("Factbook editions (1990–1991)"),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );

    // A file the copy lacks fails alone.
    std::fs::remove_file(copy.join("fields/country_fields_1991.sql.gz")).unwrap();
    let lib2 = dir.path().join("lib2");
    let out = fetch(&lib2, Some(&sums), true, &["1990..1991", "--from", from]);
    assert_eq!(out.status.code(), Some(1));
    let mut want = all("fetched", &files);
    want.insert("fields/country_fields_1991.sql.gz".into(), "failed".into());
    assert_eq!(statuses(&json(&out)), want);
}

#[test]
fn a_bad_range_is_a_usage_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    for bad in ["1989", "2026", "2000..1995", "19x0", "1990,,1991"] {
        let out = fetch(&lib, None, false, &[bad, "--from", "http://127.0.0.1:9/"]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains(bad), "{bad}: {}", stderr(&out));
    }
    let out = fetch(&lib, None, true, &["1989"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"usage\""), "{}", stderr(&out));
    assert!(!lib.exists(), "nothing is written on a usage error");
}

#[test]
fn the_shared_copy_matches_the_checksums_built_in() {
    let Some(sums) = testshared::require("data/factbook-editions/SHA256SUMS") else {
        return;
    };
    let shared = sums.parent().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = fetch(&lib, None, true, &["--from", shared.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let listed: BTreeMap<String, String> = std::fs::read_to_string(&sums)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(d, p)| (p.to_owned(), d.to_owned()))
        .collect();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 40);
    assert_eq!(listed.len(), 40);
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert_eq!(f["status"], "fetched", "{f}");
        assert_eq!(
            f["sha256"].as_str(),
            listed.get(path).map(String::as_str),
            "{path}"
        );
    }
}
