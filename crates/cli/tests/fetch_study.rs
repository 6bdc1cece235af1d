//! `areabook fetch study` / `fetch pages` end to end, against loopback servers that serve our
//! own "Persian Gulf States" (five chapter countries, our own text) in each source's layout:
//! countrystudies.us, the LoC pages in a Wayback-style archive (CDX index + `id_` captures),
//! and any mirror's TOC page. No test touches the outside network.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{bin, json, stderr, stdout};

const CHAPTERS: [(&str, &str); 5] = [
    ("Kuwait", "kw"),
    ("Bahrain", "bh"),
    ("Qatar", "qa"),
    ("United Arab Emirates", "ae"),
    ("Oman", "om"),
];
const TITLES: [&str; 3] = ["Geography", "The Economy", "Government and Politics"];
const TS: &str = "20080512093000";

/// One section of the fixture book.
struct Section {
    country: &'static str,
    cc: &'static str,
    n: usize,
    title: &'static str,
    body: [String; 2],
}

/// Our own text: thirty distinct sentences, two to a section (so no two sections are alike
/// even to a near-duplicate detector), each section naming its country.
const FIRST: [&str; 15] = [
    "pearl divers once left the harbor each June and returned with the autumn winds",
    "a gravel plain rises gently toward low limestone hills in the south",
    "the assembly met in a converted customs house beside the old souk",
    "date palms grew thickly around the springs of the northern villages",
    "tankers queued offshore while a second refinery was being commissioned",
    "tribal elders kept the right to petition the ruler at his weekly majlis",
    "salt flats stretch inland where summer temperatures exceed fifty degrees",
    "the currency board pegged the dinar to a basket of foreign currencies",
    "a consultative council of appointed notables advised on new decrees",
    "mangrove inlets shelter shrimp and the fishing fleets that follow them",
    "customs duties and entrepot trade financed the treasury before oil",
    "the federal supreme council elected its president for a term of five years",
    "mountain terraces catch the monsoon drizzle on the southern escarpment",
    "frankincense caravans crossed the interior for centuries before the sea lanes",
    "the sultan governed through ministers he appointed and dismissed at will",
];
const SECOND: [&str; 15] = [
    "Shipwrights trained apprentices by eye, without drawings or written measurements.",
    "Freshwater came mainly from desalination plants built along the bay after 1960.",
    "Newspapers reported the debates, though censors read every page before printing.",
    "Cooperative societies sold rice, sugar and tea at prices the state subsidized.",
    "Foreign banks opened branches once the offshore banking law took effect in 1975.",
    "Several cabinet posts rotated among the cousins of the reigning family.",
    "Rainfall averages under one hundred millimeters, nearly all of it in winter.",
    "Remittances from expatriate workers flowed out faster than new capital arrived.",
    "Municipal elections were held for the first time in the capital district.",
    "Coral reefs along the western shore were surveyed by a marine institute.",
    "The aluminum smelter drew its power from gas that had once been flared.",
    "Each emirate kept its own police, courts and control over its oil revenues.",
    "Camel herders moved between the wells of the plateau and the coastal towns.",
    "Archaeologists found copper slag heaps that date to the third millennium BC.",
    "A treaty of friendship renewed the old agreements with the British crown.",
];

fn book() -> Vec<Section> {
    let mut out = Vec::new();
    for (c, (country, cc)) in CHAPTERS.iter().enumerate() {
        for (t, title) in TITLES.iter().enumerate() {
            let k = c * 3 + t;
            out.push(Section {
                country,
                cc,
                n: t + 1,
                title,
                body: [format!("In {country}, {}.", FIRST[k]), SECOND[k].to_owned()],
            });
        }
    }
    out
}

fn footer() -> &'static str {
    "<p>Data as of January 1993</p>"
}

/// countrystudies.us: `/persian-gulf-states/` and `/persian-gulf-states/<n>.htm`.
fn countrystudies(site: &mut Site, sections: &[Section]) {
    let mut toc = String::from("<html><body><h2>Persian Gulf States Table of Contents</h2><ul>");
    let mut current = "";
    for (i, s) in sections.iter().enumerate() {
        if s.country != current {
            if !current.is_empty() {
                toc.push_str("</ul></li>");
            }
            toc.push_str(&format!("<li><b>Chapter. {}</b><ul>", s.country));
            current = s.country;
        }
        toc.push_str(&format!(
            "<li><a href=\"{}.htm\">{}</a></li>",
            i + 1,
            s.title
        ));
        let page = format!(
            "<html><head><title>{} - {}</title></head><body><p><b>{}</b></p>\
             <p><a href=\"index.html\">Persian Gulf States Table of Contents</a></p>\
             <p>{}</p><p>{}</p>{}<p>Source: U.S. Library of Congress</p></body></html>",
            s.country,
            s.title,
            s.title,
            s.body[0],
            s.body[1],
            footer()
        );
        site.insert(format!("/persian-gulf-states/{}.htm", i + 1), page);
    }
    toc.push_str("</ul></li></ul><a href=\"http://elsewhere.test/\">Elsewhere</a></body></html>");
    site.insert("/persian-gulf-states/".into(), toc);
}

fn docid(cc: &str, n: usize) -> String {
    format!("http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+{cc}{n:04})")
}

/// The LoC's pages as an archive captured them, and the captures its CDX index lists.
fn wayback(site: &mut Site, cdx: &mut Vec<String>, sections: &[Section], skip: Option<usize>) {
    for (country, cc) in CHAPTERS {
        let toc_url = format!("http://lcweb2.loc.gov/frd/cs/{cc}toc.html");
        let mut toc = format!("<html><body><h2>{country} Table of Contents</h2><ul>");
        for (i, s) in sections.iter().enumerate().filter(|(_, s)| s.cc == cc) {
            toc.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                docid(cc, s.n),
                s.title
            ));
            let page = format!(
                "<html><body><a href=\"/frd/cs/cshome.html\">Country Listing</a><br>\
                 <a href=\"/frd/cs/{cc}toc.html\">{country} Table of Contents</a>\
                 <h3>{country}</h3><h4>{}</h4><p>{}</p><p>{}</p>{}</body></html>",
                s.title,
                s.body[0],
                s.body[1],
                footer()
            );
            if skip == Some(i) {
                continue;
            }
            site.insert(format!("/web/{TS}id_/{}", docid(cc, s.n)), page);
            cdx.push(docid(cc, s.n));
        }
        toc.push_str("</ul></body></html>");
        site.insert(format!("/web/{TS}id_/{toc_url}"), toc);
        cdx.push(toc_url);
    }
}

type Site = BTreeMap<String, String>;

/// A loopback server: the site's pages, a CDX index over `cdx`, robots.txt; every request logged.
struct Server {
    base: String,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(site: Site, cdx: Vec<String>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let (site, cdx, log) = (Arc::new(site), Arc::new(cdx), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (site, cdx, log) = (site.clone(), cdx.clone(), log.clone());
                std::thread::spawn(move || serve(stream, &site, &cdx, &log));
            }
        });
        Server { base, hits }
    }

    fn hits(&self, prefix: &str) -> usize {
        let hits = self.hits.lock().unwrap();
        hits.iter().filter(|h| h.starts_with(prefix)).count()
    }
}

fn serve(mut stream: TcpStream, site: &Site, cdx: &[String], log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    let _ = reader.read_line(&mut first);
    let target = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut ua = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some(v) = line
            .strip_prefix("user-agent:")
            .or(line.strip_prefix("User-Agent:"))
        {
            ua = v.trim().to_owned();
        }
    }
    assert!(ua.starts_with("areabook/"), "User-Agent {ua:?}");
    log.lock().unwrap().push(target.clone());
    let (status, body) = if target == "/robots.txt" {
        (200, "User-agent: *\nDisallow: /private/\n".to_owned())
    } else if let Some(query) = target.strip_prefix("/cdx/search/cdx?") {
        (200, cdx_answer(query, cdx))
    } else {
        match site.get(&target) {
            Some(page) => (200, page.clone()),
            None => (404, "not here".to_owned()),
        }
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

/// The CDX API's JSON answer (header row first) for `url=` exact or `matchType=prefix`.
fn cdx_answer(query: &str, cdx: &[String]) -> String {
    let params: Vec<(String, String)> = url_decode_pairs(query);
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let want = get("url").unwrap_or_default();
    let prefix = get("matchType").as_deref() == Some("prefix");
    let mut rows = vec![vec![
        "original".to_owned(),
        "timestamp".into(),
        "statuscode".into(),
    ]];
    for u in cdx {
        let bare = u.trim_start_matches("http://");
        if (prefix && bare.starts_with(&want)) || (!prefix && bare == want) {
            // An older capture too: the newest must win.
            rows.push(vec![u.clone(), "19990101000000".into(), "200".into()]);
            rows.push(vec![u.clone(), TS.into(), "200".into()]);
        }
    }
    serde_json::to_string(&rows).unwrap()
}

fn url_decode_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

/// GET `path` from `areabook serve` over `lib` (on a loopback port), then stop the server.
fn reader_page(lib: &Path, path: &str) -> String {
    use std::io::Read;
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = bin()
        .arg("--library")
        .arg(lib)
        .args(["serve", "--addr", &addr])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut answer = String::new();
    for _ in 0..200 {
        if let Ok(mut s) = TcpStream::connect(&addr) {
            write!(
                s,
                "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            s.read_to_string(&mut answer).unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    answer
}

fn areabook(lib: &Path, args: &[&str]) -> std::process::Output {
    bin().arg("--library").arg(lib).args(args).output().unwrap()
}

/// Every section title of a `toc --json` tree, in order, under its country.
fn toc_leaves(lib: &Path) -> (serde_json::Value, Vec<(String, String)>) {
    let out = areabook(lib, &["--json", "toc", "persian-gulf-states"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let toc = json(&out);
    let mut leaves = Vec::new();
    for country in toc["toc"].as_array().unwrap() {
        let name = country["title"].as_str().unwrap().to_owned();
        let mut stack: Vec<&serde_json::Value> = country["children"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .collect();
        while let Some(n) = stack.pop() {
            if n.get("section_id").is_some() {
                leaves.push((name.clone(), n["title"].as_str().unwrap().to_owned()));
            }
            if let Some(children) = n.get("children").and_then(|c| c.as_array()) {
                stack.extend(children.iter().rev());
            }
        }
    }
    (toc, leaves)
}

/// The whole book, in TOC order, each section under its own chapter country.
fn assert_whole_book(lib: &Path) {
    let (toc, leaves) = toc_leaves(lib);
    let expected: Vec<(String, String)> = book()
        .iter()
        .map(|s| (s.country.to_owned(), s.title.to_owned()))
        .collect();
    assert_eq!(leaves, expected, "{toc:#}");
    assert_eq!(toc["completeness"]["present"], 15, "{toc:#}");
    assert_eq!(toc["completeness"]["expected"], 15, "{toc:#}");
}

#[test]
fn countrystudies_us_rebuilds_the_whole_book_in_order() {
    let mut site = Site::new();
    countrystudies(&mut site, &book());
    let server = Server::start(site, Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .env("AREABOOK_COUNTRYSTUDIES_URL", &server.base)
        .arg("--library")
        .arg(dir.path())
        .args([
            "fetch",
            "study",
            "Persian Gulf States",
            "--from",
            "countrystudies.us",
            "--rate",
            "0",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("15 of 15 sections"),
        "{}",
        stdout(&out)
    );
    assert_whole_book(dir.path());
    // Again: nothing is asked of the server (the log and the cache), nothing changes.
    let before = server.hits.lock().unwrap().len();
    let out = bin()
        .env("AREABOOK_COUNTRYSTUDIES_URL", &server.base)
        .arg("--library")
        .arg(dir.path())
        .args([
            "--json",
            "fetch",
            "study",
            "Bahrain",
            "--from",
            "countrystudies.us",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = &json(&out)["books"][0];
    assert_eq!(report["resumed"], 15, "{report:#}");
    assert_eq!(report["new_sections"], 0);
    assert_eq!(server.hits.lock().unwrap().len(), before);
    // Provenance: the page's URL, its source's mirror name, the day it was fetched.
    let sections = areabook(
        dir.path(),
        &["--json", "search", "apprentices", "--limit", "1"],
    );
    let id = json(&sections)["hits"][0]["section_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let show = json(&areabook(dir.path(), &["--json", "show", &id]));
    let p = &show["provenance"][0];
    assert_eq!(p["mirror"], "countrystudies-us", "{show:#}");
    assert!(p["url"].as_str().unwrap().starts_with(&server.base));
    assert!(p["seen_at"].as_str().is_some_and(|d| d.len() == 10));
}

#[test]
fn the_wayback_archive_rebuilds_the_book_and_merges_copies_already_held() {
    let (mut site, mut cdx) = (Site::new(), Vec::new());
    countrystudies(&mut site, &book());
    wayback(&mut site, &mut cdx, &book(), None);
    let server = Server::start(site, cdx);
    let dir = tempfile::tempdir().unwrap();
    // The countrystudies.us copies first, then the archive's: copies of the same sections.
    let first = bin()
        .env("AREABOOK_COUNTRYSTUDIES_URL", &server.base)
        .arg("--library")
        .arg(dir.path())
        .args([
            "fetch",
            "study",
            "Qatar",
            "--from",
            "countrystudies.us",
            "--rate",
            "0",
        ])
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let archive = format!("{}/web", server.base);
    let out = areabook(
        dir.path(),
        &[
            "--json",
            "fetch",
            "study",
            "Oman",
            "--from",
            "loc-wayback",
            "--archive",
            &archive,
            "--rate",
            "0",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = &json(&out)["books"][0];
    assert_eq!(report["new_sections"], 0, "{report:#}");
    assert_eq!(report["merged"], 15, "{report:#}");
    assert_whole_book(dir.path());
    let (toc, _) = toc_leaves(dir.path());
    assert_eq!(toc["completeness"]["source"], "loc-wayback");
    // The LoC URL is the copy's URL, the capture's date its date.
    let hit = json(&areabook(
        dir.path(),
        &["--json", "search", "apprentices", "--limit", "1"],
    ));
    let id = hit["hits"][0]["section_id"].as_str().unwrap().to_owned();
    let show = json(&areabook(dir.path(), &["--json", "show", &id]));
    let loc = show["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["mirror"] == "loc")
        .unwrap_or_else(|| panic!("{show:#}"));
    assert!(
        loc["url"]
            .as_str()
            .unwrap()
            .starts_with("http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+")
    );
    assert_eq!(loc["seen_at"], "2008-05-12");
}

#[test]
fn a_section_no_capture_holds_is_listed_missing_and_the_next_source_fills_it() {
    let (mut site, mut cdx) = (Site::new(), Vec::new());
    wayback(&mut site, &mut cdx, &book(), Some(7));
    let server = Server::start(site.clone(), cdx.clone());
    let dir = tempfile::tempdir().unwrap();
    let archive = format!("{}/web", server.base);
    let out = areabook(
        dir.path(),
        &[
            "fetch",
            "study",
            "Kuwait",
            "--from",
            "loc-wayback",
            "--archive",
            &archive,
            "--rate",
            "0",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("14 of 15 sections"),
        "{}",
        stdout(&out)
    );
    let toc = areabook(dir.path(), &["toc", "persian-gulf-states"]);
    let text = stdout(&toc);
    assert!(text.contains("14 of 15 sections"), "{text}");
    assert!(
        text.contains("missing: The Economy") || text.contains("The Economy (missing)"),
        "{text}"
    );
    // The reader's book page says so too.
    let html = reader_page(dir.path(), "/books/persian-gulf-states");
    assert!(
        html.contains("14 of 15 sections of the table of contents; missing: The Economy"),
        "{html}"
    );
    // Default order: the archive first, countrystudies.us for what it lacks.
    let mut both = site;
    countrystudies(&mut both, &book());
    let server2 = Server::start(both, cdx);
    let out = bin()
        .env("AREABOOK_COUNTRYSTUDIES_URL", &server2.base)
        .arg("--library")
        .arg(dir.path())
        .args([
            "--json",
            "fetch",
            "study",
            "Kuwait",
            "--archive",
            &format!("{}/web", server2.base),
            "--rate",
            "0",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = &json(&out)["books"][0];
    assert_eq!(report["present"], 15, "{report:#}");
    assert_eq!(report["new_sections"], 1, "{report:#}");
    // Only the one missing section was asked of countrystudies.us.
    assert_eq!(
        server2.hits("/persian-gulf-states/"),
        2,
        "{:?}",
        server2.hits.lock().unwrap()
    );
    assert_whole_book(dir.path());
}

#[test]
fn fetch_pages_follows_a_mirrors_toc_within_its_folder() {
    let mut site = Site::new();
    countrystudies(&mut site, &book());
    let moved: Site = site
        .into_iter()
        .map(|(k, v)| (k.replace("/persian-gulf-states/", "/mirror/gulf/"), v))
        .collect();
    let server = Server::start(moved, Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{}/mirror/gulf/", server.base);
    let out = areabook(dir.path(), &["fetch", "pages", &url, "--rate", "0"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_whole_book(dir.path());
    assert_eq!(server.hits("http://elsewhere.test"), 0);
}

#[test]
fn a_killed_fetch_resumes_and_never_asks_twice() {
    let mut site = Site::new();
    countrystudies(&mut site, &book());
    let server = Server::start(site, Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        let mut c = bin();
        c.env("AREABOOK_COUNTRYSTUDIES_URL", &server.base)
            .arg("--library")
            .arg(dir.path())
            .args([
                "fetch",
                "study",
                "Oman",
                "--from",
                "countrystudies.us",
                "--rate",
                "20",
            ]);
        c
    };
    for delay_ms in [150u64, 400, 700] {
        let mut child = run()
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = run().output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_whole_book(dir.path());
    let check = areabook(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    // Each page asked at most twice over four runs (once, plus one cut before its cache write).
    for i in 1..=15 {
        let n = server.hits(&format!("/persian-gulf-states/{i}.htm"));
        assert!((1..=2).contains(&n), "page {i} asked {n} times");
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["fetch", "study"][..],
        &["fetch", "study", "Japan", "--all"],
        &["fetch", "study", "Japan", "--from", "gopher"],
        &["fetch", "study", "Japan", "--rate", "-1"],
        &["fetch", "pages"],
        &["fetch", "factbook", "Japan"],
    ] {
        let out = areabook(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = areabook(dir.path(), &["fetch", "study", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("Atlantis"));
}
