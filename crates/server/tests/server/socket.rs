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
        ..server::ConnectionLimits::DEFAULT
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

/// Serve `invented` with `limits` on a free loopback port; the server task and the address.
async fn serve_invented(
    dir: &std::path::Path,
    limits: server::ConnectionLimits,
) -> (
    tokio::task::JoinHandle<std::io::Result<()>>,
    std::net::SocketAddr,
) {
    let state = invented(dir);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(server::serve_with_limits(listener, state, limits));
    (server, addr)
}

/// True once the server has closed `stream`: a read sees the end (or a reset).
fn closed(stream: &mut std::net::TcpStream) -> bool {
    use std::io::Read;
    let mut buf = [0u8; 256];
    match stream.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_sent_a_byte_at_a_time_are_cut_off_at_the_header_read_timeout() {
    use std::io::Write;

    let dir = tempfile::tempdir().unwrap();
    let limits = server::ConnectionLimits {
        header_read_timeout: Duration::from_secs(1),
        // Long enough that only the header timeout can close the connection.
        idle_timeout: Duration::from_secs(30),
        ..server::ConnectionLimits::DEFAULT
    };
    let (server, addr) = serve_invented(dir.path(), limits).await;

    let outcome = tokio::task::spawn_blocking(move || {
        let mut slow = std::net::TcpStream::connect(addr).unwrap();
        // Each read waits 100 ms for the close: the pace of the trickle.
        slow.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let request = format!(
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: {}\r\n\r\n",
            "a".repeat(200)
        );
        let started = std::time::Instant::now();
        for (sent, byte) in request.as_bytes().iter().enumerate() {
            if slow.write_all(&[*byte]).is_err() || closed(&mut slow) {
                return (started.elapsed(), sent);
            }
        }
        panic!("the whole request was sent a byte at a time without being cut off");
    })
    .await
    .unwrap();

    // A well-behaved client on another connection is still served.
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut client = std::net::TcpStream::connect(addr).unwrap();
        client
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).unwrap();
        answer
    })
    .await
    .unwrap();
    server.abort();

    let (after, sent) = outcome;
    assert!(
        after >= Duration::from_millis(900) && after < Duration::from_secs(3),
        "closed after {after:?} and {sent} bytes; the header read timeout is 1 s"
    );
    assert!(sent > 5, "the trickle was under way ({sent} bytes)");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_per_client_cap_are_closed() {
    use std::io::{Read, Write};

    const CAP: usize = 3;
    let dir = tempfile::tempdir().unwrap();
    let limits = server::ConnectionLimits {
        max_per_client: CAP,
        ..server::ConnectionLimits::DEFAULT
    };
    let (server, addr) = serve_invented(dir.path(), limits).await;

    let outcome = tokio::task::spawn_blocking(move || {
        let connect = || {
            let s = std::net::TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_millis(500)))
                .unwrap();
            s
        };
        // CAP silent connections from 127.0.0.1 hold every slot of this address...
        let mut held: Vec<_> = (0..CAP).map(|_| connect()).collect();
        std::thread::sleep(Duration::from_millis(200));
        // ...so one more is closed at once, without an answer.
        let started = std::time::Instant::now();
        let mut extra = connect();
        let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        let extra_closed = closed(&mut extra);
        let extra_after = started.elapsed();
        // The held ones are open and still served.
        let mut first = held.remove(0);
        first
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        first
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut answer = String::new();
        first.read_to_string(&mut answer).unwrap();
        drop(first);
        // A slot is free again: a new connection is served.
        std::thread::sleep(Duration::from_millis(200));
        let mut again = connect();
        again
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        again
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut again_answer = String::new();
        again.read_to_string(&mut again_answer).unwrap();
        (extra_closed, extra_after, answer, again_answer)
    })
    .await
    .unwrap();
    server.abort();

    let (extra_closed, extra_after, answer, again_answer) = outcome;
    assert!(
        extra_closed,
        "connection {} from one address is closed",
        CAP + 1
    );
    assert!(extra_after < Duration::from_secs(2), "{extra_after:?}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(again_answer.starts_with("HTTP/1.1 200"), "{again_answer}");
}
