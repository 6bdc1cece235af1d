//! Hardening: the security headers on every kind of answer, no inline script or style in
//! any page, queries built to explode answered quickly with a 4xx, the search API's
//! `snippet_html`, and one log line per request.

use std::time::{Duration, Instant};

use axum::http::StatusCode;

use crate::fixtures::{Reply, get, invented, shared};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    Lib { _dir: dir, state }
}

/// One URI of every kind of answer: each reader page, static assets, each API route, the
/// error pages and JSON errors (404, 400, 414), and a replay from the response cache.
async fn every_kind_of_answer(state: &server::AppState) -> Vec<(String, Reply)> {
    let section = state
        .library
        .search(&library::SearchQuery {
            text: "lagoon".into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .hits[0]
        .section_id
        .clone();
    let long = "b".repeat(server::MAX_URI_LEN);
    let uris = [
        "/".to_owned(),
        "/countries/japan".into(),
        "/books/japan".into(),
        format!("/sections/{section}"),
        // The second time from the cache.
        format!("/sections/{section}"),
        "/search".into(),
        "/search?q=lagoon".into(),
        "/search?q=lagoon".into(),
        "/timeline".into(),
        "/timeline/japan".into(),
        "/timeline/japan?from=1800&to=1899".into(),
        "/timeline?q=lagoon".into(),
        "/timeline/atlantis".into(),
        "/timeline/japan?from=19".into(),
        "/api/timeline?country=japan".into(),
        "/api/timeline?country=japan&format=csv".into(),
        "/api/timeline?country=japan&format=timelinejs".into(),
        format!("/api/sections/{section}/citation?format=bibtex"),
        "/api/timeline".into(),
        format!(
            "/entities/{}",
            crate::fixtures::entity_id(state, "Japan").replace(':', "%3A")
        ),
        "/entities/Qxqxq%20Zzyzx".into(),
        "/api/entities/Japan".into(),
        format!("/api/sections/{section}/entities"),
        "/api/places".into(),
        "/static/style.css".into(),
        "/static/search.js".into(),
        "/api/countries".into(),
        "/api/books/japan".into(),
        format!("/api/sections/{section}"),
        "/api/search?q=lagoon".into(),
        "/api/openapi.json".into(),
        "/healthz".into(),
        "/sections/0000000000000000".into(),
        "/no/such/page".into(),
        "/api/no-such-route".into(),
        "/search?q=x&limit=0".into(),
        "/api/search?q=x&limit=0".into(),
        format!("/search?q={long}"),
        format!("/api/search?q={long}"),
    ];
    let mut out = Vec::new();
    for uri in uris {
        let r = get(state, &uri).await;
        out.push((uri, r));
    }
    let cached = out
        .iter()
        .filter(|(_, r)| {
            r.headers
                .get("x-areabook-cache")
                .is_some_and(|v| v == "hit")
        })
        .count();
    assert!(cached >= 2, "the cache replays answered some of these");
    out
}

fn header<'a>(r: &'a Reply, name: &str, uri: &str) -> &'a str {
    r.headers
        .get(name)
        .unwrap_or_else(|| panic!("{uri:.60}: no {name} header"))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn every_answer_has_a_strict_content_security_policy() {
    let l = lib();
    for (uri, r) in every_kind_of_answer(&l.state).await {
        let csp = header(&r, "content-security-policy", &uri);
        assert_eq!(csp, server::CONTENT_SECURITY_POLICY, "{uri:.60}");
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        for needed in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(directives.contains(&needed), "{uri:.60}: {needed} in {csp}");
        }
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
    }
}

#[tokio::test]
async fn every_answer_says_nosniff() {
    let l = lib();
    for (uri, r) in every_kind_of_answer(&l.state).await {
        assert_eq!(header(&r, "x-content-type-options", &uri), "nosniff");
        assert!(
            !header(&r, "content-type", &uri).is_empty(),
            "{uri:.60}: nosniff needs a content type"
        );
    }
}

#[tokio::test]
async fn every_answer_has_a_referrer_policy() {
    let l = lib();
    for (uri, r) in every_kind_of_answer(&l.state).await {
        assert_eq!(header(&r, "referrer-policy", &uri), "no-referrer");
    }
}

/// Every HTML answer, as text: no inline script, style or event handler that the policy
/// would refuse (the pages must work under it, not only declare it).
#[tokio::test]
async fn pages_have_no_inline_script_style_or_handlers() {
    let l = lib();
    let mut pages = 0;
    for (uri, r) in every_kind_of_answer(&l.state).await {
        if !r.content_type().starts_with("text/html") {
            continue;
        }
        pages += 1;
        let body = r.body.to_ascii_lowercase();
        // Every <script> loads a file.
        for (i, _) in body.match_indices("<script") {
            let tag = &body[i..i + body[i..].find('>').unwrap()];
            assert!(tag.contains(" src=\"/static/"), "{uri:.60}: inline {tag}");
            assert!(
                body[i..].starts_with(&format!("{tag}></script>")),
                "{uri:.60}: script body"
            );
        }
        assert!(!body.contains("<style"), "{uri:.60}: a <style> element");
        assert!(!body.contains(" style="), "{uri:.60}: a style attribute");
        for attr in [
            "href=\"javascript:",
            "src=\"javascript:",
            "action=\"javascript:",
        ] {
            assert!(!body.contains(attr), "{uri:.60}: a javascript: URL");
        }
        // No on…= attributes: look inside tags only.
        for tag in body.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            for attr in tag.split_whitespace().skip(1) {
                let name = attr.split('=').next().unwrap();
                assert!(
                    !(name.starts_with("on") && attr.contains('=')),
                    "{uri:.60}: event handler {attr} in <{tag}>"
                );
            }
        }
    }
    assert!(pages >= 10, "{pages} HTML pages checked");
}

/// `GET target` over a new connection to `addr` (bytes as given, so URIs longer than an
/// `http::Uri` holds can be sent): the status, the body and how long the answer took.
async fn raw_get(addr: std::net::SocketAddr, target: String) -> (u16, String, Duration) {
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let started = Instant::now();
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
            .write_all(
                format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
            )
            .unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let took = started.elapsed();
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let status = answer
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP answer: {answer:.300}"));
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body, took)
    })
    .await
    .unwrap()
}

/// Queries built to explode, sent over a real socket: each is answered with 400 (refused
/// by the server or bounded by the library) or 414 (longer than the URI cap), quickly,
/// never with 408 or 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explosive_queries_are_refused_quickly() {
    let l = lib();
    let nested = format!("{}lagoon{}", "(".repeat(200), ")".repeat(200));
    let terms: Vec<String> = (0..5_000).map(|i| format!("w{i}")).collect();
    let many_terms = terms.join(" ");
    let words: Vec<&str> = ["the", "envoy", "wrote", "and", "left"]
        .iter()
        .cycle()
        .take(10_000)
        .copied()
        .collect();
    let phrase = format!("\"{}\"", words.join(" "));
    let mut states = vec![("invented", l.state.clone())];
    if let Some(state) = shared() {
        states.push(("shared", state));
    }
    for (name, state) in states {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(server::serve(listener, state));
        for (what, q) in [
            ("200 nested groups", &nested),
            ("5,000 terms", &many_terms),
            ("a 10,000-word phrase", &phrase),
        ] {
            for route in ["/api/search", "/search"] {
                let (status, body, took) = raw_get(addr, format!("{route}?q={}", encode(q))).await;
                eprintln!("{name} {route}, {what}: {status} after {took:?}");
                assert!(
                    matches!(status, 400 | 414),
                    "{name} {route}, {what}: {status} {body:.300}"
                );
                assert!(
                    took < Duration::from_secs(2),
                    "{name} {route}, {what}: answered after {took:?}"
                );
                if route == "/api/search" && !body.is_empty() {
                    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
                    assert_eq!(json["status"], status, "{body}");
                }
            }
        }
        server.abort();
    }
}

/// Wildcard and fuzzy terms of one or two letters, and as many one-letter terms as fit in
/// the length cap, are bounded by the library or refused: either way a quick answer, never
/// a timeout or an internal error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn short_wildcards_and_fuzzy_terms_answer_quickly() {
    let l = lib();
    let mut states = vec![("invented", l.state.clone())];
    if let Some(state) = shared() {
        states.push(("shared", state));
    }
    let many_wildcards: Vec<String> = (b'a'..=b'z').map(|c| format!("{}*", c as char)).collect();
    let many_wildcards = many_wildcards.join(" ");
    // As many one-letter terms as the length cap lets through.
    let letters: Vec<String> = (0..library::MAX_QUERY_LEN / 2)
        .map(|i| ((b'a' + (i % 26) as u8) as char).to_string())
        .collect();
    let many_letters = letters.join(" ");
    for (name, state) in &states {
        for q in [
            "a*",
            "*",
            "ab*",
            "a~2",
            "ab~2",
            "a* b* c*~2",
            &many_wildcards,
            &many_letters,
        ] {
            let uri = format!("/api/search?q={}", encode(q));
            let started = Instant::now();
            let r = get(state, &uri).await;
            let took = started.elapsed();
            eprintln!("{name} {q:.20}: {} after {took:?}", r.status);
            assert!(
                matches!(r.status, StatusCode::OK | StatusCode::BAD_REQUEST),
                "{name} {q:?}: {} {:.300}",
                r.status,
                r.body
            );
            assert!(
                took < Duration::from_secs(2),
                "{name} {q:?}: answered after {took:?}"
            );
        }
    }
}

/// Query-string encoding: `+` for a space, `%XX` for anything else not alphanumeric.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn api_search_hits_carry_plain_snippets_highlights_and_snippet_html() {
    let l = lib();
    let r = get(&l.state, "/api/search?q=lagoon").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let json = r.json();
    let hit = &json["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap();
    // Plain text: the hostile paragraph as written.
    assert!(
        snippet.contains("<script>alert(\"owned\")</script>"),
        "{hit}"
    );
    let ranges: Vec<(usize, usize)> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            )
        })
        .collect();
    let marked: Vec<String> = ranges
        .iter()
        .map(|&(s, e)| snippet.chars().skip(s).take(e - s).collect())
        .collect();
    assert_eq!(marked, ["lagoon"], "{hit}");
    let html = hit["snippet_html"].as_str().unwrap();
    assert_eq!(html, server::snippet_html(snippet, &ranges));
    assert!(html.contains("<mark>lagoon</mark>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&quot;owned&quot;)"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
    assert_eq!(hit["section_title"], "Envoys");
    assert_eq!(hit["display_title"], "Envoys");
    assert_eq!(hit["book_id"], "japan");
    assert_eq!(hit["country_id"], "japan");
}
