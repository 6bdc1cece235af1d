//! The polite HTTP client every fetcher of web pages uses.
//!
//! One [`Client`] per run. [`Client::get`] answers a URL's bytes and:
//! - answers from the raw-bytes cache in the library (`<library>/cache/pages/`) when the page
//!   was fetched before, so a re-ingest or a resumed run never asks the server again;
//! - obeys the host's `robots.txt` (RFC 9309: the group naming `areabook`, else `*`; longest
//!   match wins, `Allow` on a tie; a 4xx robots.txt allows everything, an unreachable or 5xx
//!   one allows nothing) and its `Crawl-delay`;
//! - waits between requests to one host: `rate` requests per second (default 1; 0 means no
//!   wait beyond a `Crawl-delay`); retries, redirects and robots.txt count as requests;
//! - names itself: `User-Agent: areabook/<version> (+<contact>)`;
//! - retries on 429, 5xx, timeouts and dropped connections with exponential backoff (1, 2, 4,
//!   8 s …), honouring `Retry-After` (seconds or an HTTP date) up to `max_wait`;
//! - follows at most `max_redirects` redirects, and only within the host it was asked for;
//! - reads at most `max_bytes` of a page and refuses a larger one.
//!
//! ```ignore
//! let client = polite::Client::new(polite::Options::new(Some(cache_dir)));
//! let page = client.get("http://countrystudies.us/japan/21.htm")?;
//! println!("{} bytes, from cache: {}", page.bytes.len(), page.from_cache);
//! ```

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

mod robots;
use robots::Robots;

/// Who we are: `areabook/<version> (+<contact>)`. The contact is `$AREABOOK_CONTACT` (an
/// operator's address or URL) when set, else the package's repository URL.
pub fn user_agent() -> String {
    let contact = std::env::var("AREABOOK_CONTACT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| env!("CARGO_PKG_REPOSITORY").to_owned());
    let version = env!("CARGO_PKG_VERSION");
    if contact.is_empty() {
        format!("areabook/{version}")
    } else {
        format!("areabook/{version} (+{contact})")
    }
}

/// How politely to fetch. Built by [`Options::new`] and adjusted field by field.
#[derive(Debug, Clone)]
pub struct Options {
    /// Requests per second to one host (`--rate`); 0 means no wait (a `Crawl-delay` still holds).
    pub rate: f64,
    /// Largest page accepted, in bytes.
    pub max_bytes: u64,
    /// Redirects followed per request (each within the host asked for).
    pub max_redirects: u32,
    /// Connect timeout, and the longest silence while reading an answer.
    pub timeout: Duration,
    /// Attempts per request, the first included.
    pub attempts: u32,
    /// Longest wait between attempts; a server that asks for longer is not retried.
    pub max_wait: Duration,
    /// Where raw pages are kept (`<library>/cache/pages`); `None`: no cache.
    pub cache_dir: Option<PathBuf>,
    /// Hosts that need a longer wait than `rate` gives, whatever `--rate` says: (host,
    /// shortest interval). loc.gov rate-limits hard (escalating 429 answers, then a ban):
    /// one request every 3 s to `www.loc.gov` and `tile.loc.gov`.
    pub host_intervals: Vec<(String, Duration)>,
}

impl Options {
    /// One request per second per host, 8 MiB per page, 5 redirects, 30 s timeouts, 5
    /// attempts, waits up to 120 s, pages cached in `cache_dir`.
    pub fn new(cache_dir: Option<PathBuf>) -> Options {
        Options {
            rate: 1.0,
            max_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            timeout: Duration::from_secs(30),
            attempts: 5,
            max_wait: Duration::from_secs(120),
            cache_dir,
            host_intervals: vec![
                ("www.loc.gov".into(), Duration::from_secs(3)),
                ("tile.loc.gov".into(), Duration::from_secs(3)),
            ],
        }
    }
}

/// A page as the server (or the cache) answered it.
#[derive(Debug, Clone)]
pub struct Response {
    /// The URL asked for.
    pub url: String,
    /// The URL that answered, after redirects.
    pub final_url: String,
    /// `Content-Type`, when given.
    pub content_type: Option<String>,
    /// The body.
    pub bytes: Vec<u8>,
    /// When it was fetched, `YYYY-MM-DD` (UTC).
    pub fetched_on: String,
    /// It came from the cache (no request was made).
    pub from_cache: bool,
}

/// Why a page could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not an absolute http(s) URL.
    #[error("{url}: not an http(s) URL")]
    BadUrl {
        /// The URL.
        url: String,
    },
    /// The host's robots.txt does not allow it.
    #[error("{url}: disallowed by robots.txt ({reason})")]
    Disallowed {
        /// The URL.
        url: String,
        /// The rule or the robots.txt failure.
        reason: String,
    },
    /// The server answered with a status that is not worth retrying (404, 403, …).
    #[error("{url}: HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// The page is larger than allowed.
    #[error("{url}: larger than {max} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        max: u64,
    },
    /// A redirect left the host, had no target, or there were too many.
    #[error("{url}: {reason}")]
    Redirect {
        /// The URL.
        url: String,
        /// What was wrong with it.
        reason: String,
    },
    /// Every attempt failed (429/5xx, timeouts, no answer).
    #[error("{url}: {reason}")]
    GaveUp {
        /// The URL.
        url: String,
        /// The last failure.
        reason: String,
    },
    /// The cache could not be written.
    #[error("{}: {source}", path.display())]
    Cache {
        /// The cache file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
}

/// Per-host state: when the next request may go, and its robots rules.
#[derive(Default)]
struct Host {
    next_at: Option<Instant>,
    robots: Option<Robots>,
}

/// The polite client (see the module docs). Shareable between threads.
pub struct Client {
    agent: ureq::Agent,
    options: Options,
    user_agent: String,
    hosts: Mutex<HashMap<String, Host>>,
    requests: AtomicU64,
    bytes: AtomicU64,
}

impl Client {
    /// A client with these options.
    pub fn new(options: Options) -> Client {
        let user_agent = user_agent();
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .user_agent(user_agent.as_str())
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(options.timeout))
            .timeout_recv_response(Some(options.timeout))
            .timeout_per_read(Some(options.timeout))
            .build()
            .into();
        Client {
            agent,
            options,
            user_agent,
            hosts: Mutex::new(HashMap::new()),
            requests: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// HTTP requests sent so far (robots.txt, retries and redirects included).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Body bytes received from the network so far.
    pub fn bytes_received(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The page at `url`: from the cache when it holds it, else from the server, politely.
    /// Only a 200 answer is a page (and cached).
    pub fn get(&self, url: &str) -> Result<Response, Error> {
        if let Some(hit) = self.cached(url) {
            return Ok(hit);
        }
        let response = self.fetch(url)?;
        if let Some(dir) = &self.options.cache_dir {
            store(dir, &response)?;
        }
        Ok(response)
    }

    /// The cached copy of `url`, if any.
    pub fn cached(&self, url: &str) -> Option<Response> {
        let dir = self.options.cache_dir.as_ref()?;
        let (body, meta) = cache_paths(dir, url);
        let bytes = std::fs::read(body).ok()?;
        let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        let text = |k: &str| meta.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        if text("url").as_deref() != Some(url) {
            return None;
        }
        Some(Response {
            url: url.to_owned(),
            final_url: text("final_url").unwrap_or_else(|| url.to_owned()),
            content_type: text("content_type"),
            bytes,
            fetched_on: text("fetched_on").unwrap_or_default(),
            from_cache: true,
        })
    }

    fn fetch(&self, url: &str) -> Result<Response, Error> {
        let origin = origin(url).ok_or_else(|| Error::BadUrl { url: url.into() })?;
        self.check_robots(&origin, url)?;
        let mut current = url.to_owned();
        for _ in 0..=self.options.max_redirects {
            match self.request(&origin, &current)? {
                Answer::Page(bytes, content_type) => {
                    return Ok(Response {
                        url: url.to_owned(),
                        final_url: current,
                        content_type,
                        bytes,
                        fetched_on: today(),
                        from_cache: false,
                    });
                }
                Answer::Redirect(location) => {
                    let next = resolve(&current, &location).ok_or_else(|| Error::Redirect {
                        url: url.into(),
                        reason: format!("redirect to an unreadable location {location:?}"),
                    })?;
                    if origin_of(&next).as_deref() != Some(origin.as_str()) {
                        return Err(Error::Redirect {
                            url: url.into(),
                            reason: format!("redirect off the host to {next} (not followed)"),
                        });
                    }
                    self.check_robots(&origin, &next)?;
                    current = next;
                }
            }
        }
        Err(Error::Redirect {
            url: url.into(),
            reason: format!("more than {} redirects", self.options.max_redirects),
        })
    }

    /// One request with its retries; a 3xx comes back as a redirect to follow.
    fn request(&self, origin: &str, url: &str) -> Result<Answer, Error> {
        let mut last = String::new();
        for attempt in 1..=self.options.attempts.max(1) {
            self.wait_turn(origin);
            self.requests.fetch_add(1, Ordering::Relaxed);
            let wait = match self.agent.get(url).header("Accept", "*/*").call() {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let header = |name: &str| {
                        response
                            .headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned)
                    };
                    match status {
                        200 => {
                            let content_type = header("content-type");
                            let bytes = self.read_body(url, response)?;
                            return Ok(Answer::Page(bytes, content_type));
                        }
                        301 | 302 | 303 | 307 | 308 => {
                            let location = header("location").ok_or_else(|| Error::Redirect {
                                url: url.into(),
                                reason: format!("HTTP {status} without a Location"),
                            })?;
                            return Ok(Answer::Redirect(location));
                        }
                        429 | 500..=599 => {
                            last = format!("HTTP {status}");
                            let asked = header("retry-after").and_then(|v| retry_after(&v));
                            if asked.is_some_and(|w| w > self.options.max_wait) {
                                return Err(Error::GaveUp {
                                    url: url.into(),
                                    reason: format!(
                                        "{last}: the server asks to wait more than {} s; try again later",
                                        self.options.max_wait.as_secs()
                                    ),
                                });
                            }
                            asked.unwrap_or_else(|| backoff(attempt))
                        }
                        _ => {
                            return Err(Error::Status {
                                url: url.into(),
                                status,
                            });
                        }
                    }
                }
                Err(e) => {
                    last = e.to_string();
                    match e {
                        ureq::Error::Io(_)
                        | ureq::Error::Timeout(_)
                        | ureq::Error::ConnectionFailed
                        | ureq::Error::HostNotFound
                        | ureq::Error::Protocol(_) => backoff(attempt),
                        other => {
                            return Err(Error::GaveUp {
                                url: url.into(),
                                reason: other.to_string(),
                            });
                        }
                    }
                }
            };
            if attempt < self.options.attempts {
                std::thread::sleep(wait.min(self.options.max_wait));
            }
        }
        Err(Error::GaveUp {
            url: url.into(),
            reason: format!("{last} (gave up after {} attempts)", self.options.attempts),
        })
    }

    fn read_body(
        &self,
        url: &str,
        response: ureq::http::Response<ureq::Body>,
    ) -> Result<Vec<u8>, Error> {
        let max = self.options.max_bytes;
        let too_large = || Error::TooLarge {
            url: url.into(),
            max,
        };
        let body = response.into_body();
        if body.content_length().is_some_and(|l| l > max) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        body.into_reader()
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::GaveUp {
                url: url.into(),
                reason: format!("reading the answer: {e}"),
            })?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if bytes.len() as u64 > max {
            return Err(too_large());
        }
        Ok(bytes)
    }

    /// Sleep until this host's next turn, and book the one after.
    fn wait_turn(&self, origin: &str) {
        let now = Instant::now();
        let wait = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            let host = hosts.entry(origin.to_owned()).or_default();
            let mut interval = if self.options.rate > 0.0 {
                Duration::from_secs_f64(1.0 / self.options.rate)
            } else {
                Duration::ZERO
            };
            if let Some(delay) = host.robots.as_ref().and_then(|r| r.crawl_delay) {
                interval = interval.max(delay);
            }
            let host_name = url::Url::parse(origin)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned));
            if let Some((_, least)) = self
                .options
                .host_intervals
                .iter()
                .find(|(h, _)| host_name.as_deref() == Some(h.as_str()))
            {
                interval = interval.max(*least);
            }
            let (wait, next) = schedule(host.next_at, now, interval);
            host.next_at = Some(next);
            wait
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    fn check_robots(&self, origin: &str, url: &str) -> Result<(), Error> {
        let known = {
            let hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts.get(origin).and_then(|h| h.robots.clone())
        };
        let robots = match known {
            Some(r) => r,
            None => {
                let robots = self.load_robots(origin);
                let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
                hosts.entry(origin.to_owned()).or_default().robots = Some(robots.clone());
                robots
            }
        };
        let path = path_of(url);
        match robots.verdict(&path) {
            Ok(()) => Ok(()),
            Err(reason) => Err(Error::Disallowed {
                url: url.into(),
                reason,
            }),
        }
    }

    fn load_robots(&self, origin: &str) -> Robots {
        let url = format!("{origin}/robots.txt");
        match self.request(origin, &url) {
            Ok(Answer::Page(bytes, _)) => {
                Robots::parse(&String::from_utf8_lossy(&bytes), &self.user_agent)
            }
            // A robots.txt that moved or is missing (4xx): no rules.
            Ok(Answer::Redirect(_))
            | Err(Error::Status {
                status: 400..=499, ..
            }) => Robots::allow_all(),
            Err(e) => Robots::deny_all(format!("robots.txt unavailable: {e}")),
        }
    }
}

/// A request's turn: how long to wait from `now`, and when the next one may go.
fn schedule(next_at: Option<Instant>, now: Instant, interval: Duration) -> (Duration, Instant) {
    let at = next_at.map_or(now, |n| n.max(now));
    (at - now, at + interval)
}

enum Answer {
    Page(Vec<u8>, Option<String>),
    Redirect(String),
}

/// 1, 2, 4, 8, 16, 32 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.saturating_sub(1).min(5))
}

/// `Retry-After`: delay seconds or an HTTP date, as a wait from now.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// `scheme://host[:port]` of an absolute http(s) URL, lowercased.
fn origin(url: &str) -> Option<String> {
    origin_of(url)
}

fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    Some(parsed.origin().ascii_serialization())
}

/// A `Location` resolved against the URL that answered.
fn resolve(base: &str, location: &str) -> Option<String> {
    Some(url::Url::parse(base).ok()?.join(location).ok()?.to_string())
}

/// Path and query, as robots.txt rules match them.
fn path_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        },
        Err(_) => "/".into(),
    }
}

/// Today (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (Howard Hinnant's algorithm).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The cache files of a URL: body and metadata, named by the URL's SHA-256.
fn cache_paths(dir: &Path, url: &str) -> (PathBuf, PathBuf) {
    let hash: String = Sha256::digest(url.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let sub = dir.join(&hash[..2]);
    (
        sub.join(format!("{hash}.body")),
        sub.join(format!("{hash}.json")),
    )
}

/// Write a page to the cache: body first, then its metadata (a page is cached once both are
/// there), each through a temporary file and a rename.
fn store(dir: &Path, response: &Response) -> Result<(), Error> {
    let (body, meta) = cache_paths(dir, &response.url);
    let meta_json = serde_json::json!({
        "url": response.url,
        "final_url": response.final_url,
        "content_type": response.content_type,
        "fetched_on": response.fetched_on,
    });
    let write = |path: &Path, bytes: &[u8]| -> Result<(), Error> {
        let err = |source| Error::Cache {
            path: path.to_owned(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        let tmp = path.with_extension("part");
        std::fs::write(&tmp, bytes).map_err(err)?;
        std::fs::rename(&tmp, path).map_err(err)
    };
    write(&body, &response.bytes)?;
    write(&meta, meta_json.to_string().as_bytes())
}

#[cfg(test)]
mod tests;
