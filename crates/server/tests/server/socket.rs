//! A real server on a free loopback port, asked by a real HTTP client.

use std::time::Duration;

use crate::fixtures::invented;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_and_api_over_a_real_socket() {
    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(axum::serve(listener, server::app(state)).into_future());

    let results = tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        let mut out = Vec::new();
        for path in [
            "/",
            "/api/countries",
            "/static/../../etc/passwd",
            "/sections/nope",
        ] {
            let mut res = agent.get(&format!("http://{addr}{path}")).call().unwrap();
            let status = res.status().as_u16();
            let content_type = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            let body = res.body_mut().read_to_string().unwrap();
            out.push((path, status, content_type, body));
        }
        out
    })
    .await
    .unwrap();
    server.abort();

    let (_, status, ct, body) = &results[0];
    assert_eq!((*status, ct.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("<h1>Country Listing</h1>") && body.contains(">Japan</a>"));
    let (_, status, ct, body) = &results[1];
    assert_eq!((*status, ct.as_str()), (200, "application/json"));
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["countries"][0]["name"], "Japan");
    assert_eq!(results[2].1, 404);
    let (_, status, _, body) = &results[3];
    assert_eq!(*status, 404);
    assert!(body.contains("<a href=\"/\">Back to the country listing</a>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed_and_the_connection_cap_holds() {
    use std::io::{Read, Write};

    let dir = tempfile::tempdir().unwrap();
    let state = invented(dir.path());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = server::ConnectionLimits {
        max_connections: 1,
        idle_timeout: Duration::from_millis(400),
    };
    let server = tokio::spawn(server::serve_with_limits(listener, state, limits));

    let outcome = tokio::task::spawn_blocking(move || {
        // A client that connects and says nothing takes the only slot...
        let mut silent = std::net::TcpStream::connect(addr).unwrap();
        silent
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        // ...so a second client waits until the silent one is hung up on.
        let started = std::time::Instant::now();
        let mut client = std::net::TcpStream::connect(addr).unwrap();
        client
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        client
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).unwrap();
        let served_after = started.elapsed();
        let mut buf = [0u8; 64];
        let n = silent.read(&mut buf).unwrap_or(0);
        (n, served_after, answer)
    })
    .await
    .unwrap();
    server.abort();

    let (n, served_after, answer) = outcome;
    assert_eq!(n, 0, "the silent connection gets no bytes, only a close");
    assert!(
        served_after >= Duration::from_millis(200) && served_after < Duration::from_secs(4),
        "the second client was served after {served_after:?}: the cap or the idle timeout failed"
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("{\"ok\":true}"), "{answer}");
}
