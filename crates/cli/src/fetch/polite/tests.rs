//! The polite client against loopback servers: robots, rate, retries, redirects, limits, cache.

use super::robots::pattern_matches;
use super::*;
use crate::fetch::study::testserver::{Reply, Server};

fn client(rate: f64, cache: Option<PathBuf>) -> Client {
    let mut options = Options::new(cache);
    options.rate = rate;
    options.max_wait = Duration::from_secs(3);
    Client::new(options)
}

#[test]
fn robots_rules_pick_our_group_and_the_longest_match() {
    let text = "User-agent: *\nDisallow: /\n\nUser-agent: areabook\nUser-agent: other\n\
                Disallow: /cgi-bin/\nAllow: /cgi-bin/query/r\nDisallow: /*.pdf$\nCrawl-delay: 2\n";
    let r = Robots::parse(text, "areabook/0.1.0 (+x)");
    assert_eq!(r.verdict("/frd/cs/jptoc.html"), Ok(()));
    assert!(r.verdict("/cgi-bin/other").is_err());
    assert_eq!(r.verdict("/cgi-bin/query/r?frd/cstdy"), Ok(()));
    assert!(r.verdict("/a/b.pdf").is_err());
    assert_eq!(r.verdict("/a/b.pdf?x"), Ok(()));
    assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
    // Nobody names us: the `*` group.
    let r = Robots::parse("User-agent: *\nDisallow: /private\n", "areabook/0.1.0");
    assert!(r.verdict("/private/x").is_err());
    assert_eq!(r.verdict("/public"), Ok(()));
    assert_eq!(Robots::parse("", "areabook").verdict("/x"), Ok(()));
}

#[test]
fn dates_and_patterns() {
    assert_eq!(civil_date(0), "1970-01-01");
    assert_eq!(civil_date(19_723), "2024-01-01");
    assert!(pattern_matches("/a*c", "/abbbc/d"));
    assert!(!pattern_matches("/a*c$", "/abbbc/d"));
    assert!(pattern_matches("/x$", "/x"));
    assert_eq!(backoff(1), Duration::from_secs(1));
    assert_eq!(backoff(3), Duration::from_secs(4));
    assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
    assert_eq!(
        retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(Duration::ZERO)
    );
}

#[test]
fn names_itself_obeys_robots_and_caches() {
    let server = Server::start();
    server.route(
        "/robots.txt",
        Reply::ok("User-agent: *\nDisallow: /secret\n"),
    );
    server.route("/page.html", Reply::ok("hello"));
    let dir = tempfile::tempdir().unwrap();
    let c = client(0.0, Some(dir.path().to_owned()));
    let page = c.get(&format!("{}/page.html", server.base)).unwrap();
    assert_eq!(page.bytes, b"hello");
    assert!(!page.from_cache);
    let err = c.get(&format!("{}/secret/x", server.base)).unwrap_err();
    assert!(matches!(err, Error::Disallowed { .. }), "{err}");
    assert_eq!(server.hits("/secret/x"), 0);
    // A new client (a new run) answers from the cache: no request at all.
    let again = client(0.0, Some(dir.path().to_owned()));
    let page = again.get(&format!("{}/page.html", server.base)).unwrap();
    assert!(page.from_cache);
    assert_eq!(page.bytes, b"hello");
    assert_eq!(again.requests(), 0);
    assert_eq!(server.hits("/page.html"), 1);
    let seen = server.seen();
    assert!(
        seen.iter().all(|s| s.user_agent.starts_with("areabook/")),
        "{seen:?}"
    );
}

#[test]
fn waits_between_requests_to_one_host() {
    let server = Server::start();
    for i in 0..3 {
        server.route(&format!("/{i}"), Reply::ok("x"));
    }
    // robots.txt, then three pages at 10 per second: the client sleeps at least 100 ms
    // before each request after the first (a lower bound: sleeps never end early).
    let c = client(10.0, None);
    let start = Instant::now();
    for i in 0..3 {
        c.get(&format!("{}/{i}", server.base)).unwrap();
    }
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(c.requests(), 4);
    // With no rate, no wait is booked.
    let now = Instant::now();
    assert_eq!(
        schedule(Some(now), now, Duration::ZERO),
        (Duration::ZERO, now)
    );
    let later = now + Duration::from_millis(250);
    assert_eq!(
        schedule(Some(later), now, Duration::from_secs(1)),
        (Duration::from_millis(250), later + Duration::from_secs(1))
    );
    assert_eq!(
        schedule(None, now, Duration::from_secs(1)),
        (Duration::ZERO, now + Duration::from_secs(1))
    );
}

#[test]
fn retries_429_and_5xx_honouring_retry_after() {
    let server = Server::start();
    server.route("/p", Reply::ok("done"));
    server.fault("/p", Reply::status(429).header("Retry-After", "1"));
    server.fault("/p", Reply::status(503));
    let c = client(0.0, None);
    let start = Instant::now();
    let page = c.get(&format!("{}/p", server.base)).unwrap();
    // Retry-After: 1, then the first backoff step (1 s): slept at least 2 s.
    assert!(start.elapsed() >= Duration::from_secs(2));
    assert_eq!(page.bytes, b"done");
    let seen: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|s| s.path == "/p")
        .collect();
    assert_eq!(seen.len(), 3);
    // A server that asks for longer than max_wait is not retried.
    server.fault("/q", Reply::status(503).header("Retry-After", "3600"));
    let err = c.get(&format!("{}/q", server.base)).unwrap_err();
    assert!(err.to_string().contains("try again later"), "{err}");
    assert_eq!(server.hits("/q"), 1);
    // 404 is an answer, not retried.
    let err = c.get(&format!("{}/missing", server.base)).unwrap_err();
    assert!(matches!(err, Error::Status { status: 404, .. }));
    assert_eq!(server.hits("/missing"), 1);
}

#[test]
fn redirects_stay_on_the_host_and_are_bounded() {
    let server = Server::start();
    server.route("/old", Reply::status(301).header("Location", "/new"));
    server.route("/new", Reply::ok("moved"));
    server.route(
        "/away",
        Reply::status(302).header("Location", "http://192.0.2.1/x"),
    );
    server.route("/loop", Reply::status(302).header("Location", "/loop"));
    let c = client(0.0, None);
    let page = c.get(&format!("{}/old", server.base)).unwrap();
    assert_eq!(page.bytes, b"moved");
    assert!(page.final_url.ends_with("/new"));
    let err = c.get(&format!("{}/away", server.base)).unwrap_err();
    assert!(err.to_string().contains("off the host"), "{err}");
    let err = c.get(&format!("{}/loop", server.base)).unwrap_err();
    assert!(err.to_string().contains("more than 5 redirects"), "{err}");
}

#[test]
fn refuses_pages_over_the_limit() {
    let server = Server::start();
    server.route("/big", Reply::ok(&"x".repeat(2000)));
    let mut options = Options::new(None);
    options.rate = 0.0;
    options.max_bytes = 1000;
    let err = Client::new(options)
        .get(&format!("{}/big", server.base))
        .unwrap_err();
    assert!(matches!(err, Error::TooLarge { max: 1000, .. }), "{err}");
}

#[test]
fn an_unreadable_robots_txt_allows_nothing() {
    let server = Server::start();
    for _ in 0..5 {
        server.fault("/robots.txt", Reply::status(500));
    }
    server.route("/p", Reply::ok("x"));
    let mut options = Options::new(None);
    options.rate = 0.0;
    options.attempts = 2;
    let err = Client::new(options)
        .get(&format!("{}/p", server.base))
        .unwrap_err();
    assert!(matches!(err, Error::Disallowed { .. }), "{err}");
    assert_eq!(server.hits("/p"), 0);
}
