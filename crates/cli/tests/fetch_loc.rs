//! `fetch study --from loc`: the loc.gov JSON API served by a loopback server of our own (a
//! two-page collection, items, the fixture book's full text), which answers 429 to the first
//! request of some paths. No test touches the network.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::bin;

const BOOK: &str = include_str!("../../pages/tests/fulltext/mongolia.txt");

/// Paths asked for (with their query), and how often.
type Log = Arc<Mutex<HashMap<String, usize>>>;

fn serve() -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let (b, l) = (base.clone(), log.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            if reader.read_line(&mut first).is_err() {
                continue;
            }
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let n = {
                let mut log = l.lock().unwrap();
                let n = log.entry(path.clone()).or_default();
                *n += 1;
                *n
            };
            let (status, body, extra) = answer(&b, &path, n);
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    (base, log)
}

fn answer(base: &str, path: &str, n: usize) -> (&'static str, String, String) {
    let too_many = (
        "429 Too Many Requests",
        String::new(),
        "Retry-After: 1\r\n".to_owned(),
    );
    let ok = |body: String| {
        (
            "200 OK",
            body,
            "Content-Type: application/json\r\n".to_owned(),
        )
    };
    if path == "/collections/country-studies/?fo=json&c=100" {
        if n == 1 {
            return too_many;
        }
        return ok(serde_json::json!({
            "results": [
                {"id": format!("{base}/item/88600488/"), "title": "Atlantis : a country study", "date": "1988"},
                {"id": format!("{base}/collections/country-studies/about-this-collection/"), "title": "About"}
            ],
            "pagination": {"next": format!("{base}/collections/country-studies/?c=100&fo=json&sp=2"), "current": 1, "of": 2}
        }).to_string());
    }
    if path == "/collections/country-studies/?c=100&fo=json&sp=2" {
        return ok(serde_json::json!({
            "results": [
                {"id": format!("{base}/item/83600012/"), "title": "Mongolia, a country study / Foreign Area Studies", "date": "1983"},
                {"id": format!("{base}/item/91007247/"), "title": "Mongolia : a country study / Federal Research Division, Library of Congress", "date": "1991"}
            ],
            "pagination": {"next": null, "current": 2, "of": 2}
        }).to_string());
    }
    if path == "/item/91007247/?fo=json" {
        if n == 1 {
            return too_many;
        }
        return ok(serde_json::json!({
            "item": {
                "title": "Mongolia : a country study",
                "date": "1991",
                "library_of_congress_control_number": "91007247",
                "rights_advisory": ["No known restrictions on publication."]
            },
            "resources": [
                {"url": format!("{base}/item/91007247/"), "pdf": format!("{base}/storage/91007247.pdf"),
                 "fulltext_file": format!("{base}/storage/91007247.txt")}
            ]
        }).to_string());
    }
    if path == "/storage/91007247.txt" {
        return (
            "200 OK",
            BOOK.to_owned(),
            "Content-Type: text/plain\r\n".to_owned(),
        );
    }
    ("404 Not Found", String::new(), String::new())
}

fn requests(log: &Log) -> usize {
    log.lock()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.as_str() != "/robots.txt")
        .map(|(_, n)| n)
        .sum()
}

#[test]
fn fetch_a_book_from_the_collection_through_429s_then_from_the_cache() {
    let (base, log) = serve();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let run = || {
        bin()
            .env("AREABOOK_LOC_BASE", &base)
            .arg("--library")
            .arg(&lib)
            .args([
                "--json", "fetch", "study", "Mongolia", "--from", "loc", "--rate", "0",
            ])
            .output()
            .unwrap()
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["books"][0]["new_sections"], 31, "{stdout}");
    assert_eq!(report["books"][0]["sources"][0], "loc", "{stdout}");
    {
        let log = log.lock().unwrap();
        // Each 429 was answered by a retry after Retry-After.
        assert_eq!(log["/collections/country-studies/?fo=json&c=100"], 2);
        assert_eq!(log["/item/91007247/?fo=json"], 2);
        assert_eq!(log["/storage/91007247.txt"], 1);
        // The older edition and the other book were not asked for.
        assert!(!log.contains_key("/item/83600012/?fo=json"));
        assert!(!log.contains_key("/item/88600488/?fo=json"));
    }
    // The book is in the library with the item's facts.
    let out = bin()
        .arg("--library")
        .arg(&lib)
        .args(["--json", "search", "molybdenum"])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits["hits"][0]["section_title"], "Modern Industry");
    assert!(lib.join("books/91007247.txt").is_file());
    // A second run reads the cache: no request for the API or the text.
    let before = requests(&log);
    let out = run();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["books"][0]["new_sections"], 0);
    assert_eq!(report["books"][0]["unchanged"], 31);
    assert_eq!(requests(&log), before);
}

#[test]
fn a_book_the_collection_lacks_is_named() {
    let (base, _log) = serve();
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .env("AREABOOK_LOC_BASE", &base)
        .arg("--library")
        .arg(dir.path().join("lib"))
        .args(["fetch", "study", "Japan", "--from", "loc", "--rate", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lists no item for Japan"), "{err}");
}
