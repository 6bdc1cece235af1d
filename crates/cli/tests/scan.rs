//! `areabook scan` end to end: WARC/WET files (multi-member gzip, plain), URLs on a loopback
//! server, stdin; offsets, threads, faults, limits; and `ingest` of what scan prints.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::{bin, json, own_page, run, stderr, stdout};

/// Pseudo-random words (a fixed LCG), so the filler does not compress to nothing.
fn filler(seed: u64, words: usize) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = String::new();
    for i in 0..words {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = 2 + (x >> 61) as usize;
        for k in 0..len {
            out.push((b'a' + ((x >> (8 + 5 * k)) % 26) as u8) as char);
        }
        out.push(if i % 15 == 14 { '\n' } else { ' ' });
    }
    out
}

fn record(kind: &str, url: &str, id: usize, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2019-03-0{}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:0000-{id:04}>\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        1 + id % 9,
        block.len()
    )
}

fn gzip(text: &str) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap()
}

/// A crawl of `n` records, one gzip member each; every 97th record (from the 5th) is one of
/// our pages. Returns the file, and (record id, member offset, country) of each page.
fn crawl(n: usize) -> (Vec<u8>, Vec<(usize, u64, String)>) {
    let countries = ["Chad", "Japan", "Peru", "Turkey"];
    let mut file = gzip(&record("warcinfo", "", 0, "software: test\r\n"));
    let mut pages = Vec::new();
    for id in 1..n {
        let offset = file.len() as u64;
        let text = if id % 97 == 5 {
            let country = countries[id % countries.len()];
            pages.push((id, offset, country.to_owned()));
            record(
                "conversion",
                &format!("http://example.org/mirror/{id}.html"),
                id,
                &own_page(country, id),
            )
        } else {
            record(
                "conversion",
                &format!("http://example.org/other/{id}"),
                id,
                &filler(id as u64, 300),
            )
        };
        file.extend(gzip(&text));
    }
    (file, pages)
}

fn lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn summary(out: &std::process::Output) -> serde_json::Value {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("{\"summary\""))
        .unwrap_or_else(|| panic!("no summary: {err}"));
    serde_json::from_str::<serde_json::Value>(line).unwrap()["summary"].clone()
}

fn scan(args: &[&str]) -> std::process::Output {
    bin().arg("scan").args(args).output().expect("run areabook")
}

#[test]
fn every_page_with_its_member_offset_the_same_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (file, pages) = crawl(1500);
    assert!(file.len() > 1 << 20, "big enough to split: {}", file.len());
    let path = dir.path().join("crawl.warc.wet.gz");
    std::fs::write(&path, &file).unwrap();
    let p = path.to_str().unwrap();

    let one = scan(&["--json", "--threads", "1", p]);
    assert!(one.status.success(), "{}", stderr(&one));
    let two = scan(&["--json", "--threads", "2", p]);
    assert!(two.status.success(), "{}", stderr(&two));
    assert_eq!(summary(&one)["parts"], 1);
    assert_eq!(
        summary(&two)["parts"],
        2,
        "the file was split between threads"
    );
    assert_eq!(
        stdout(&one),
        stdout(&two),
        "the same lines in the same order"
    );

    let found = lines(&one);
    assert_eq!(found.len(), pages.len());
    assert_eq!(summary(&one)["records"], 1500);
    assert_eq!(summary(&one)["pages"], pages.len());
    for (line, (id, offset, country)) in found.iter().zip(&pages) {
        assert_eq!(line["offset"], *offset);
        assert_eq!(line["country"], country.as_str());
        assert_eq!(line["record_id"], format!("urn:uuid:0000-{id:04}"));
        assert_eq!(line["url"], format!("http://example.org/mirror/{id}.html"));
        assert_eq!(line["file"], p);
        assert_eq!(line["data_as_of"], "1988-12");
        assert_eq!(line["mirror"], "crawl-text");
        assert!(line["warc_date"].as_str().unwrap().starts_with("2019-03-0"));
        let body = line["paragraphs"][0].as_str().unwrap();
        assert!(body.starts_with(&format!("Report {id}:")), "{body}");
        // The offset is where a reader can fetch the record alone.
        let mut member = flate2::read::GzDecoder::new(&file[*offset as usize..]);
        let mut text = String::new();
        member.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("WARC/1.0") && text.contains(&format!("0000-{id:04}")));
    }
    // Most records never reach the page parser.
    let parsed = summary(&one)["parsed"].as_u64().unwrap();
    assert_eq!(
        parsed,
        pages.len() as u64,
        "only the pages pass the prefilter"
    );

    // Text output: one line per page naming file, offset and country.
    let text = scan(&["--threads", "2", p]);
    assert!(text.status.success());
    let first = stdout(&text).lines().next().unwrap().to_owned();
    assert!(
        first.starts_with(&format!("{p}@{}\t{} / ", pages[0].1, pages[0].2)),
        "{first}"
    );
}

#[test]
fn plain_files_give_the_record_offset_and_stdin_and_urls_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = record("conversion", "http://example.org/a", 1, &filler(1, 50));
    let at = text.len();
    text.push_str(&record(
        "conversion",
        "http://example.org/b",
        2,
        &own_page("Japan", 7),
    ));
    let path = dir.path().join("plain.warc");
    std::fs::write(&path, &text).unwrap();
    let out = scan(&["--json", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found = lines(&out);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["offset"], at);
    assert_eq!(found[0]["country"], "Japan");

    // stdin, gzip sniffed from the bytes, named by --stdin-name.
    let (file, pages) = crawl(300);
    let mut child = bin()
        .args([
            "scan",
            "--json",
            "--stdin-name",
            "s3://bucket/x.wet.gz",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = file.clone();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let found = lines(&out);
    assert_eq!(found.len(), pages.len());
    assert!(found.iter().all(|l| l["file"] == "s3://bucket/x.wet.gz"));
    assert_eq!(found[1]["offset"], pages[1].1);

    // A URL on a loopback server: streamed, the same pages.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap() == 1 {
            head.push(byte[0]);
        }
        let _ = write!(
            conn,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            file.len()
        );
        let _ = conn.write_all(&file);
    });
    let url = format!("http://{addr}/crawl-data/x.warc.wet.gz");
    let out = scan(&["--json", &url]);
    server.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let found = lines(&out);
    assert_eq!(found.len(), pages.len());
    assert_eq!(found[0]["file"], url);
}

#[test]
fn a_truncated_file_keeps_the_pages_before_the_fault_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let (file, pages) = crawl(600);
    assert!(pages.len() >= 6);
    // Cut inside the member of the fourth page.
    let cut = pages[3].1 as usize + 40;
    let path = dir.path().join("cut.warc.gz");
    std::fs::write(&path, &file[..cut]).unwrap();
    let out = scan(&["--json", "--threads", "1", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(lines(&out).len(), 3, "the three pages before the cut");
    let err = stderr(&out);
    let error: serde_json::Value = serde_json::from_str(
        err.lines()
            .find(|l| l.starts_with("{\"error\""))
            .unwrap_or_else(|| panic!("{err}")),
    )
    .unwrap();
    assert_eq!(error["error"]["path"], path.to_str().unwrap());
    assert_eq!(error["error"]["offset"], pages[3].1);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("truncated")
    );

    // Text mode names file and offset in one line.
    let out = scan(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("cut.warc.gz: offset {}:", pages[3].1)),
        "{}",
        stderr(&out)
    );

    // Garbage is named too, and a missing file; other inputs go on.
    let junk = dir.path().join("junk.warc");
    std::fs::write(&junk, "hello, not a crawl\n").unwrap();
    let good = dir.path().join("good.warc.gz");
    std::fs::write(&good, &file).unwrap();
    let out = scan(&[
        "--json",
        junk.to_str().unwrap(),
        "/nonexistent/x.warc",
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), pages.len());
    assert_eq!(summary(&out)["failed"].as_array().unwrap().len(), 2);
}

#[test]
fn a_record_over_the_limit_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = record(
        "conversion",
        "http://example.org/a",
        1,
        &own_page("Chad", 1),
    );
    let big_at = text.len();
    text.push_str(&record(
        "conversion",
        "http://example.org/big",
        2,
        &"x".repeat(3 << 20),
    ));
    text.push_str(&record(
        "conversion",
        "http://example.org/c",
        3,
        &own_page("Peru", 3),
    ));
    let path = dir.path().join("big.warc");
    std::fs::write(&path, &text).unwrap();
    let out = scan(&["--json", "--max-record-mb", "1", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lines(&out).len(), 2, "the pages on both sides");
    let err = stderr(&out);
    let warning: serde_json::Value =
        serde_json::from_str(err.lines().find(|l| l.contains("warning")).unwrap()).unwrap();
    assert_eq!(warning["warning"]["offset"], big_at);
    assert_eq!(warning["warning"]["path"], path.to_str().unwrap());
    assert_eq!(summary(&out)["warnings"], 1);
    // Bad flags are usage errors.
    assert_eq!(scan(&["--threads", "0", "x"]).status.code(), Some(2));
    assert_eq!(scan(&[]).status.code(), Some(2));
}

fn ingest_json(lib: &Path, path: &Path) -> serde_json::Value {
    let out = run(lib, &["ingest", "--json", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

#[test]
fn ingest_reads_what_scan_prints() {
    let dir = tempfile::tempdir().unwrap();
    let (file, pages) = crawl(400);
    let path = dir.path().join("c.warc.gz");
    std::fs::write(&path, &file).unwrap();
    let out = scan(&["--json", path.to_str().unwrap()]);
    assert!(out.status.success());
    let jsonl = dir.path().join("pages.jsonl");
    std::fs::write(&jsonl, &out.stdout).unwrap();

    let lib = dir.path().join("lib");
    let summary = ingest_json(&lib, &jsonl);
    assert_eq!(summary["new_sections"], pages.len(), "{summary}");
    // The same as ingesting the crawl file itself.
    let direct = dir.path().join("direct");
    let d = ingest_json(&direct, &path);
    assert_eq!(d["new_sections"], summary["new_sections"]);
    let hits = json(&run(&lib, &["search", "--json", "cooperative"]));
    assert_eq!(hits["total"], pages.len());
    let show = json(&run(
        &lib,
        &[
            "show",
            "--json",
            hits["hits"][0]["section_id"].as_str().unwrap(),
        ],
    ));
    let p = &show["provenance"][0];
    assert!(
        p["url"]
            .as_str()
            .unwrap()
            .starts_with("http://example.org/mirror/")
    );
    assert!(
        p["path"].as_str().unwrap().starts_with("c.warc.gz#offset-"),
        "{p}"
    );
    assert_eq!(show["data_as_of"], "1988-12");

    // A Spark part file (no .jsonl name) is recognized by its content.
    let part = dir.path().join("part-00000-abc.txt");
    std::fs::write(&part, &out.stdout).unwrap();
    let again = ingest_json(&dir.path().join("lib2"), &part);
    assert_eq!(again["new_sections"], pages.len());
    // A bad line is named with its line number; the others are kept.
    let bad = dir.path().join("bad.jsonl");
    let mut text = String::from_utf8(out.stdout.clone()).unwrap();
    text.insert_str(0, "{\"url\": 3}\n");
    std::fs::write(&bad, text).unwrap();
    let o = run(
        &dir.path().join("lib3"),
        &["ingest", "--json", bad.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let report = json(&o);
    assert_eq!(report["new_sections"], pages.len());
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.starts_with("line 1: not a scan line"), "{report}");
}
