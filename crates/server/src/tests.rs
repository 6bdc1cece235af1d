//! Unit tests of the server's state (see tests/ for the HTTP-level tests).

use library::{BookRef, CountryView};

use crate::sources_of;

fn book(id: &str, as_of: Option<&str>) -> BookRef {
    BookRef {
        id: id.into(),
        title: id.to_uppercase(),
        kind: "country-study".into(),
        data_as_of: as_of.map(str::to_owned),
    }
}

#[test]
fn sources_pick_the_newest_book_per_country_and_overall() {
    let countries = vec![
        CountryView {
            id: "japan".into(),
            name: "Japan".into(),
            iso: None,
            fips: None,
            books: vec![
                book("japan", Some("1990-01")),
                book("factbook-ja", Some("2025")),
                book("undated", None),
            ],
            factbook_editions: None,
            former: Vec::new(),
        },
        CountryView {
            id: "soviet-union".into(),
            name: "Soviet Union".into(),
            iso: None,
            fips: None,
            books: vec![book("soviet-union", Some("1989-05"))],
            factbook_editions: None,
            former: Vec::new(),
        },
    ];
    let s = sources_of(&countries);
    assert_eq!(s.newest_by_country["japan"].book_id, "factbook-ja");
    assert_eq!(s.newest_by_country["japan"].book_title, "FACTBOOK-JA");
    assert_eq!(s.newest_by_country["soviet-union"].data_as_of, "1989-05");
    assert_eq!(s.newest_overall.as_deref(), Some("2025"));
    assert_eq!(
        s.countries,
        vec![
            ("japan".to_owned(), "Japan".to_owned()),
            ("soviet-union".to_owned(), "Soviet Union".to_owned())
        ]
    );
}

#[tokio::test]
async fn internal_errors_are_logged_not_shown() {
    use axum::response::IntoResponse;
    let err = || library::Error::Corrupt {
        path: "/secret/catalog.sqlite".into(),
        what: "sections",
        message: "bad JSON".into(),
    };
    for html in [false, true] {
        let e = crate::AppError::from(err());
        let res = if html { e.html() } else { e }.into_response();
        assert_eq!(res.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let logged = res.extensions().get::<crate::error::Logged>().cloned();
        assert!(logged.unwrap().0.contains("/secret/catalog.sqlite"));
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            body.contains("internal error; the server log has the details"),
            "{body}"
        );
        assert!(
            !body.contains("secret") && !body.contains("bad JSON"),
            "{body}"
        );
    }
    // Client mistakes keep their message.
    let e = crate::AppError::from(library::Error::Query {
        query: "x".into(),
        message: "empty query".into(),
    });
    assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
}

/// A log sink for one test.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// What `init_logging` installs, writing to `sink`, with `rust_log` as `RUST_LOG`.
fn subscriber(rust_log: Option<&str>, sink: &Captured) -> impl tracing::Subscriber + use<> {
    let sink = sink.clone();
    tracing_subscriber::fmt()
        .with_env_filter(crate::log_filter(rust_log))
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish()
}

/// One request line per request with the status and latency under `RUST_LOG=info`; none
/// by default, when only warnings and errors are logged.
#[tokio::test]
async fn requests_are_logged_one_line_each_only_when_rust_log_asks() {
    use tower::ServiceExt;

    let dir = tempfile::tempdir().unwrap();
    drop(library::Library::open(dir.path()).unwrap());
    let state = crate::AppState::new(library::Library::open_read_only(dir.path()).unwrap());
    for rust_log in [None, Some(""), Some("info"), Some("tower_http=info")] {
        let sink = Captured::default();
        let _guard = tracing::subscriber::set_default(subscriber(rust_log, &sink));
        for uri in ["/healthz", "/no/such/page"] {
            let req = axum::http::Request::get(uri)
                .body(axum::body::Body::empty())
                .unwrap();
            crate::app(state.clone()).oneshot(req).await.unwrap();
        }
        let log = sink.text();
        let lines: Vec<&str> = log.lines().collect();
        if rust_log.is_some_and(|v| !v.is_empty()) {
            assert_eq!(lines.len(), 2, "{rust_log:?}: {log}");
            for (line, (uri, status)) in lines
                .iter()
                .zip([("/healthz", 200), ("/no/such/page", 404)])
            {
                assert!(line.contains(" INFO "), "{line}");
                assert!(line.contains(&format!("uri={uri} ")), "{line}");
                assert!(line.contains(&format!("status={status}")), "{line}");
                assert!(line.contains("latency=") && line.contains(" μs"), "{line}");
            }
        } else {
            assert!(log.is_empty(), "{rust_log:?}: nothing by default: {log}");
        }
    }
}

/// Internal errors are logged once, at `error`, even by default.
#[tokio::test]
async fn internal_errors_are_logged_by_default() {
    use axum::response::IntoResponse;
    use tower::ServiceExt;

    let sink = Captured::default();
    let _guard = tracing::subscriber::set_default(subscriber(None, &sink));
    let app = axum::Router::new()
        .route(
            "/boom",
            axum::routing::get(|| async {
                crate::AppError::internal("disk on fire").into_response()
            }),
        )
        .layer(axum::middleware::from_fn(crate::log_errors));
    let req = axum::http::Request::get("/boom")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.oneshot(req).await.unwrap();
    assert_eq!(res.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    let log = sink.text();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(
        log.contains("ERROR") && log.contains("disk on fire") && log.contains("/boom"),
        "{log}"
    );
}
