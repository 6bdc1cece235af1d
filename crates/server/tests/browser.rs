//! A real browser against a real server: headless Chromium, driven over the WebDriver
//! protocol through `/usr/bin/chromedriver` (plain HTTP+JSON with `ureq`, so no browser
//! automation crate is needed). It loads the country listing, searches "Northern
//! Territories", follows the first hit and finds "Data as of May 1989" on the section page;
//! follows a name in it to its entity page (the Soviet Union: dates, successor, map);
//! opens Russia's country page and the Factbook's Geography chapter from it; and sees a
//! search error explained in the search page; opens Japan's timeline, zooms in by a mark of
//! its axis, opens the Soviet Union and Japan timeline, prints it (the list only) and follows
//! its first entry to the paragraph; reads Japan's Factbook entry of 1991, follows a point of
//! its Population chart to the 2025 row and opens a redline. It saves screenshots of the listing, a country page, a
//! Factbook chapter, a section page (and its names and map), an entity page, search pages
//! and timelines at 1280 and 390 px wide to
//! `target/browser-artifacts/` (`listing-1280.png`, `timeline-japan-390.png`, …), checking
//! at 390 px that nothing scrolls sideways. On every page it reads the browser's console
//! log and fails on any Content-Security-Policy violation (or other error).
//!
//! Needs the Debian packages `chromium` and `chromium-driver` and the seed page and
//! Factbook in the shared folder (`<repo>/../shared`, or `$AREABOOK_SHARED`). Without them
//! the test skips with a message, except under `CI=true`, where it fails.

#[allow(dead_code)]
#[path = "server/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C WebDriver element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn in_ci() -> bool {
    testshared::in_ci()
}

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
    fn start() -> Driver {
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
        let driver = Driver {
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
                return driver;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
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

    fn new_session(&mut self, profile: &Path) {
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
        let value = self.call("POST", "/session", Some(caps));
        let id = value["sessionId"].as_str();
        self.session = Some(
            id.unwrap_or_else(|| panic!("no session: {value}"))
                .to_owned(),
        );
    }

    fn find(&self, css: &str) -> String {
        let v = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().unwrap().to_owned()
    }

    fn url(&self) -> String {
        self.session_call("GET", "/url", None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn wait_for_url(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let url = self.url();
            if url.contains(part) {
                return url;
            }
            assert!(Instant::now() < deadline, "never reached {part}; at {url}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.session_call("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The page fits the window's width (no sideways scrolling, as on a phone).
    fn assert_no_horizontal_scroll(&self, page: &str) {
        let width = self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": "return [document.documentElement.scrollWidth, window.innerWidth];", "args": []})),
        );
        let (scroll, inner) = (width[0].as_i64().unwrap(), width[1].as_i64().unwrap());
        assert!(
            scroll <= inner,
            "{page}: horizontal scrolling: {scroll} > {inner}"
        );
    }

    /// The browser console entries since the last call (chromedriver's log endpoint).
    fn console(&self) -> Vec<Value> {
        let v = self.session_call("POST", "/se/log", Some(json!({"type": "browser"})));
        v.as_array().cloned().unwrap_or_default()
    }

    /// No console errors on `page`: in particular no Content-Security-Policy violation
    /// (Chromium logs each refused script, style or handler as a SEVERE entry).
    fn assert_clean_console(&self, page: &str) {
        self.assert_console_clean_but_status(page, None);
    }

    /// As [`Driver::assert_clean_console`], except the one entry Chromium logs for a page
    /// answered with an error `status` on purpose (a search that cannot run is a 400).
    fn assert_console_clean_but_status(&self, page: &str, status: Option<u16>) {
        let url = self.url();
        let expected = |e: &Value| {
            let message = e["message"].as_str().unwrap_or("");
            status.is_some_and(|s| {
                e["source"] == "network"
                    && message.starts_with(&format!("{url} - "))
                    && message.contains(&format!("status of {s} "))
            })
        };
        let bad: Vec<Value> = self
            .console()
            .into_iter()
            .filter(|e| !expected(e))
            .filter(|e| {
                let message = e["message"].as_str().unwrap_or("");
                e["level"] == "SEVERE"
                    || message.contains("Content Security Policy")
                    || message.contains("Content-Security-Policy")
            })
            .collect();
        assert!(bad.is_empty(), "{page}: console errors: {bad:#?}");
    }

    /// Go to `url` and wait until the page has loaded.
    fn visit(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({"url": url})));
    }

    /// Run `script` in the page and return its value.
    fn eval(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Resize the window to `width` × `height` CSS pixels.
    fn resize(&self, width: u32, height: u32) {
        self.session_call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
    }

    /// The current page at both widths: no sideways scrolling, a clean console, and a
    /// screenshot `{name}-{width}.png` in `out` for each; the window ends at 1280 px.
    fn shoot_both_widths(&self, out: &Path, name: &str) {
        self.shoot(out, name);
        self.assert_clean_console(name);
    }

    fn shoot(&self, out: &Path, name: &str) {
        for (width, height) in [(390, 844), (1280, 1000)] {
            self.resize(width, height);
            // Let layout settle after the resize.
            self.eval("return document.body.getBoundingClientRect().width;");
            self.assert_no_horizontal_scroll(&format!("{name} at {width} px"));
            self.screenshot(&out.join(format!("{name}-{width}.png")));
        }
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

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn search_northern_territories_and_read_the_section() {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            assert!(
                !in_ci(),
                "{tool} is missing and CI=true: install chromium and chromium-driver"
            );
            eprintln!("skipping: {tool} is missing (apt-get install chromium chromium-driver)");
            return;
        }
    }
    let Some(state) = fixtures::shared() else {
        return;
    };

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(server::serve(listener, state));

    let out = artifacts();
    let profile = tempfile::tempdir().unwrap();
    let mut d = Driver::start();
    d.new_session(profile.path());

    // The listing, with its search box.
    d.visit(&format!("{base}/"));
    assert_eq!(d.text("h1"), "Country Listing");
    d.shoot_both_widths(&out, "listing");
    let q = d.find("#q-main");
    d.session_call(
        "POST",
        &format!("/element/{q}/value"),
        Some(json!({"text": "Northern Territories"})),
    );
    let button = d.find("form.big button");
    d.session_call("POST", &format!("/element/{button}/click"), None);
    let url = d.wait_for_url("/search?");
    assert!(url.contains("q=Northern+Territories"), "{url}");
    let count = d.text("p.count");
    assert!(
        count.starts_with("Results 1–20 of ") && count.ends_with(" for “Northern Territories”"),
        "{count}"
    );
    let first_hit_meta = d.text("li.hit .hit-meta");
    assert!(
        first_hit_meta.contains("Data as of May 1989"),
        "{first_hit_meta}"
    );
    d.shoot_both_widths(&out, "search");

    // Follow the first hit.
    let hit = d.find("li.hit a.hit-title");
    d.session_call("POST", &format!("/element/{hit}/click"), None);
    let section_url = d.wait_for_url("/sections/");
    let article = d.text("article");
    assert!(article.contains("Data as of May 1989"), "{article}");
    assert_eq!(
        article.matches("Data as of May 1989").count(),
        1,
        "the data-as-of once: {article}"
    );
    assert!(article.contains("Northern Territories"));
    let crumbs = d.text("nav.crumbs");
    assert!(crumbs.starts_with("Country Listing"), "{crumbs}");
    let provenance = d.text("section.provenance");
    assert!(
        provenance.contains("000_49231554a86fdc85.txt"),
        "{provenance}"
    );
    assert!(!provenance.contains("/shared/"), "{provenance}");
    d.shoot_both_widths(&out, "section");

    // The print stylesheet: no site chrome on paper, and a PDF to look at.
    d.session_call(
        "POST",
        "/goog/cdp/execute",
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}})),
    );
    let display = d.eval("return getComputedStyle(document.querySelector('header.site')).display;");
    assert_eq!(display, "none", "print hides the header");
    let pdf = d.session_call("POST", "/print", Some(json!({})));
    let pdf = base64_decode(pdf.as_str().unwrap());
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::write(out.join("section-print.pdf"), pdf).unwrap();
    d.session_call(
        "POST",
        "/goog/cdp/execute",
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": ""}})),
    );

    // Up to the book's table of contents.
    let up = d.find("nav.prevnext a.up");
    d.session_call("POST", &format!("/element/{up}/click"), None);
    d.wait_for_url("/books/");
    assert!(d.text("main").contains("Table of Contents"));
    d.shoot_both_widths(&out, "book");

    // Back on the section: its names link to entity pages, its places are on a map. The
    // Soviet Union's link leads to its page: dates, successor, map, sections.
    d.visit(&section_url);
    let links = d.eval("return document.querySelectorAll('article a.entity').length;");
    assert!(links.as_u64().unwrap() > 20, "{links}");
    let dots =
        d.eval("return document.querySelectorAll('section.names svg.world-map circle').length;");
    assert!(dots.as_u64().unwrap() >= 5, "{dots}");
    assert!(d.text("section.names").contains("Northern Territories"));
    d.shoot(&out, "section-names");
    let soviet = d.find("article a.entity[title='Soviet Union (historic state)']");
    d.session_call("POST", &format!("/element/{soviet}/click"), None);
    d.wait_for_url("/entities/");
    assert_eq!(d.text("h1"), "Soviet Union");
    let dates = d.text("p.dates");
    assert!(
        dates.starts_with("The Soviet Union (1922–1991;") && dates.contains("succeeded by Russia"),
        "{dates}"
    );
    let circles =
        d.eval("return document.querySelectorAll('figure.entity-map svg circle').length;");
    assert_eq!(circles, 1);
    assert!(d.text("ol.entity-sections").contains("Data as of May 1989"));
    d.shoot_both_widths(&out, "entity");

    // Russia's country page: background, cited key facts, the Soviet Union before it.
    d.visit(&format!("{base}/countries/russia"));
    assert_eq!(d.text("h1"), "Russia");
    let facts = d.text("dl.facts");
    assert!(facts.contains("Moscow"), "{facts}");
    assert!(
        d.text("main")
            .contains("Preceded by Soviet Union (until 1991).")
    );
    d.shoot_both_widths(&out, "country");

    // Its Factbook's Geography chapter, from the country page: one page, every field.
    let geography = d.find("nav.chapters a[href$='/chapters/Geography']");
    d.session_call("POST", &format!("/element/{geography}/click"), None);
    d.wait_for_url("/chapters/Geography");
    assert_eq!(d.text("h1"), "Geography");
    let parts = d.eval("return document.querySelectorAll('section.part').length;");
    assert!(parts.as_u64().unwrap() > 15, "{parts}");
    d.shoot_both_widths(&out, "chapter");
    // A field's anchor scrolls to it.
    d.visit(&format!(
        "{base}/books/world-factbook-2025-rs/chapters/Geography#area"
    ));
    let top =
        d.eval("return Math.round(document.getElementById('area').getBoundingClientRect().top);");
    assert!(top.as_i64().unwrap().abs() < 50, "#area at the top: {top}");
    d.screenshot(&out.join("chapter-area-1280.png"));
    d.assert_clean_console("chapter#area");

    // A search that cannot be read: explained in the search page, the query kept.
    d.visit(&format!("{base}/search?q=title%3A&country=russia"));
    assert_eq!(d.text("h1"), "Search");
    assert!(d.text("p.error").contains("title: needs a word"));
    assert_eq!(
        d.eval("return document.getElementById('q').value;"),
        "title:"
    );
    assert_eq!(
        d.eval("return document.getElementById('country').value;"),
        "russia"
    );
    d.shoot(&out, "search-error");
    d.assert_console_clean_but_status("search-error", Some(400));

    // Timelines: Japan's, at both widths (nothing scrolls sideways at 390 px), its axis
    // drawn by the server with a bounded number of marks.
    d.visit(&format!("{base}/timeline/japan"));
    assert_eq!(d.text("h1"), "Timeline of Japan");
    let marks = d.eval("return document.querySelectorAll('svg.axis rect.bar').length;");
    assert!((1..=200).contains(&marks.as_u64().unwrap()), "{marks}");
    let entries = d.eval("return document.querySelectorAll('ol.timeline li.entry').length;");
    assert_eq!(entries, 100, "a page of 100 entries");
    d.shoot_both_widths(&out, "timeline-japan");
    // A mark zooms in: the same timeline between the years of its period.
    let last = d.find("svg.axis a.bucket:last-of-type rect.bar");
    d.session_call("POST", &format!("/element/{last}/click"), None);
    let zoomed = d.wait_for_url("from=");
    assert!(
        zoomed.contains("/timeline/japan?from=") && zoomed.contains("&to="),
        "{zoomed}"
    );
    assert!(
        d.text("h1").starts_with("Timeline of Japan, "),
        "{}",
        d.text("h1")
    );
    assert!(d.text("nav.zoom").contains("Zoom out"));
    d.shoot_both_widths(&out, "timeline-japan-zoomed");

    // The seed page's pair, and its first entry's paragraph.
    d.visit(&format!("{base}/timeline/soviet-union/japan"));
    assert_eq!(d.text("h1"), "Soviet Union and Japan");
    assert_eq!(d.text("li.entry .when"), "1904–1905");
    d.shoot_both_widths(&out, "timeline-pair");
    // On paper: the list only.
    d.session_call(
        "POST",
        "/goog/cdp/execute",
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}})),
    );
    for hidden in [
        "figure.axis",
        "form.years",
        "nav.crumbs",
        "p.downloads",
        "header.site",
    ] {
        let display = d.eval(&format!(
            "return getComputedStyle(document.querySelector('{hidden}')).display;"
        ));
        assert_eq!(display, "none", "print hides {hidden}");
    }
    let display = d.eval("return getComputedStyle(document.querySelector('ol.timeline')).display;");
    assert_ne!(display, "none", "print keeps the list");
    let pdf = d.session_call("POST", "/print", Some(json!({})));
    std::fs::write(
        out.join("timeline-print.pdf"),
        base64_decode(pdf.as_str().unwrap()),
    )
    .unwrap();
    d.session_call(
        "POST",
        "/goog/cdp/execute",
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": ""}})),
    );
    let source = d.find("li.entry a.source");
    d.session_call("POST", &format!("/element/{source}/click"), None);
    d.wait_for_url("#p1");
    assert_eq!(d.eval("return document.querySelector(':target').id;"), "p1");
    assert!(d.text(":target").contains("Russo-Japanese War"));
    d.assert_clean_console("section#p1");

    // The Factbook's editions (the tiny archive of fixtures/archive.rs): an entry by edition,
    // a field's history whose chart's points lead to their rows, and a redline.
    d.visit(&format!("{base}/editions/Japan?edition=1991"));
    assert_eq!(d.text("h1"), "Japan in the 1991 World Factbook");
    d.shoot_both_widths(&out, "editions-japan");
    d.visit(&format!("{base}/history/Japan/Population"));
    let point = d.find("svg.history-chart a.point:last-of-type circle.dot");
    d.session_call("POST", &format!("/element/{point}/click"), None);
    d.wait_for_url("#e2025");
    d.shoot_both_widths(&out, "history-japan-population");
    d.visit(&format!(
        "{base}/diff/Japan?from=1990&to=2025&field=Ethnic%20groups"
    ));
    assert!(d.text("p.redline ins").contains("97.5%"));
    d.shoot_both_widths(&out, "diff-japan");

    // The check above would see a violation: a page that breaks the policy is reported.
    d.visit(&section_url);
    d.console();
    d.eval("var s = document.createElement('script'); s.textContent = '1'; document.head.appendChild(s); return 1;");
    let refused = d.console();
    assert!(
        refused.iter().any(|e| e["message"]
            .as_str()
            .is_some_and(|m| m.contains("Content Security Policy"))),
        "an inline script is refused and logged: {refused:#?}"
    );
    drop(d);
    runtime.shutdown_background();
}
