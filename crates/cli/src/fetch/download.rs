//! One file over HTTP into a `.part` file, politely: resumed with a `Range` request when the
//! server takes one (restarted when it does not), retried with backoff on dropped
//! connections, timeouts, 5xx and 429 (honouring `Retry-After`), every loop bounded.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use indicatif::ProgressBar;

/// Attempts per file, the first included.
pub const MAX_ATTEMPTS: u32 = 6;
/// Attempts without any answer from the server before giving up (waits 1 + 2 + 4 s).
pub const MAX_UNANSWERED: u32 = 4;
/// Longest wait between attempts; a server that asks for longer is not retried.
pub const MAX_WAIT: Duration = Duration::from_secs(60);
/// Largest file accepted.
const MAX_BYTES: u64 = super::MAX_BYTES;

/// The agent for resumable downloads: statuses are answers (not errors), connect and
/// per-read timeouts instead of one global budget (a slow link still finishes).
pub fn agent() -> ureq::Agent {
    super::agent_config()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(60)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// A completed download.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    /// Part of the file came from an earlier attempt or run (a Range request was honoured).
    pub resumed: bool,
}

/// What one attempt came to.
enum Attempt {
    /// The whole body is in the part file.
    Complete { resumed: bool },
    /// Worth another try after `wait` (`None`: the backoff); `progress` bytes arrived.
    Retry {
        reason: String,
        wait: Option<Duration>,
        progress: u64,
    },
    /// Not worth another try.
    Fail(String),
    /// No answer at all (the host not found, the connection refused or timed out): worth
    /// a few tries; after those the files after this one would fail the same way.
    Unreachable(String),
}

/// A download that did not complete.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What went wrong.
    pub reason: String,
    /// The host could not be reached at all.
    pub unreachable: bool,
}

impl Failure {
    fn new(reason: String) -> Failure {
        Failure {
            reason,
            unreachable: false,
        }
    }
}

/// Download `url` into `part`, continuing what `part` already holds when the server honours
/// a Range request. On failure `part` is kept (a later run resumes it) and the reason returned.
pub fn download(
    agent: &ureq::Agent,
    url: &str,
    part: &Path,
    bar: &ProgressBar,
) -> Result<Done, Failure> {
    let mut resumed = false;
    let mut unanswered = 0;
    for n in 1..=MAX_ATTEMPTS {
        match attempt(agent, url, part, bar) {
            Attempt::Complete { resumed: r } => {
                return Ok(Done {
                    resumed: resumed || r,
                });
            }
            Attempt::Fail(reason) => return Err(Failure::new(reason)),
            Attempt::Unreachable(reason) => {
                unanswered += 1;
                if unanswered >= MAX_UNANSWERED || n == MAX_ATTEMPTS {
                    let reason = format!("no answer: {reason} (after {n} attempts)");
                    return Err(Failure {
                        reason,
                        unreachable: true,
                    });
                }
                bar.set_message(format!("{reason}; retrying"));
                std::thread::sleep(backoff(n));
            }
            Attempt::Retry {
                reason,
                wait,
                progress,
            } => {
                resumed |= progress > 0;
                if n == MAX_ATTEMPTS {
                    return Err(Failure::new(format!(
                        "{reason} (gave up after {MAX_ATTEMPTS} attempts)"
                    )));
                }
                let wait = match wait {
                    Some(w) if w > MAX_WAIT => {
                        return Err(Failure::new(format!(
                            "{reason}: the server asks to retry after {} s (more than {} s); try again later",
                            w.as_secs(),
                            MAX_WAIT.as_secs()
                        )));
                    }
                    Some(w) => w,
                    None if progress > 0 => Duration::ZERO,
                    None => backoff(n),
                };
                bar.set_message(format!("{reason}; retrying in {} s", wait.as_secs()));
                std::thread::sleep(wait);
            }
        }
    }
    Err(Failure::new("no attempt made".into()))
}

/// 1, 2, 4, 8, 16 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.saturating_sub(1).min(4))
}

fn attempt(agent: &ureq::Agent, url: &str, part: &Path, bar: &ProgressBar) -> Attempt {
    let have = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
    let mut request = agent
        .get(url)
        .header("Accept", "*/*")
        // Byte ranges are of the bytes as stored: no transfer compression.
        .header("Accept-Encoding", "identity");
    if have > 0 {
        request = request.header("Range", format!("bytes={have}-"));
    }
    let response = match request.call() {
        Ok(r) => r,
        Err(e) => return transport_error(e),
    };
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let offset = match status {
        200 => 0,
        206 => match header("content-range").as_deref().and_then(content_range) {
            Some((start, _)) if start == have => have,
            _ => {
                // Not the piece asked for: start over.
                let _ = std::fs::remove_file(part);
                return Attempt::Retry {
                    reason: "the server sent another range than asked".into(),
                    wait: Some(Duration::ZERO),
                    progress: 0,
                };
            }
        },
        416 if have > 0 => {
            let total = header("content-range").as_deref().and_then(content_range);
            if total.is_some_and(|(_, total)| total == Some(have)) {
                return Attempt::Complete { resumed: true };
            }
            let _ = std::fs::remove_file(part);
            return Attempt::Retry {
                reason: "the partial file is longer than the file".into(),
                wait: Some(Duration::ZERO),
                progress: 0,
            };
        }
        429 | 500..=599 => {
            return Attempt::Retry {
                reason: format!("HTTP {status}"),
                wait: header("retry-after")
                    .as_deref()
                    .and_then(|v| retry_after(v, SystemTime::now())),
                progress: 0,
            };
        }
        _ => return Attempt::Fail(format!("HTTP {status}")),
    };
    let body = response.into_body();
    let length = body.content_length();
    if length.is_some_and(|l| offset + l > MAX_BYTES) {
        return Attempt::Fail(format!("larger than {MAX_BYTES} bytes"));
    }
    let file = if offset == 0 {
        File::create(part)
    } else {
        OpenOptions::new().append(true).open(part)
    };
    let mut file = match file {
        Ok(f) => f,
        Err(e) => return Attempt::Fail(format!("writing {}: {e}", part.display())),
    };
    bar.set_length(length.map_or(0, |l| offset + l));
    bar.set_position(offset);
    bar.reset_eta();
    let mut reader = body.into_reader();
    let mut buf = vec![0u8; 64 * 1024];
    let mut got = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = file.sync_all();
                return Attempt::Retry {
                    reason: format!("connection lost after {} bytes: {e}", offset + got),
                    wait: None,
                    progress: got,
                };
            }
        };
        if offset + got + n as u64 > MAX_BYTES {
            drop(file);
            let _ = std::fs::remove_file(part);
            return Attempt::Fail(format!("larger than {MAX_BYTES} bytes"));
        }
        if let Err(e) = file.write_all(&buf[..n]) {
            return Attempt::Fail(format!("writing {}: {e}", part.display()));
        }
        got += n as u64;
        bar.set_position(offset + got);
    }
    if let Err(e) = file.sync_all() {
        return Attempt::Fail(format!("writing {}: {e}", part.display()));
    }
    if let Some(l) = length.filter(|&l| got < l) {
        return Attempt::Retry {
            reason: format!(
                "connection closed after {} of {} bytes",
                offset + got,
                offset + l
            ),
            wait: None,
            progress: got,
        };
    }
    Attempt::Complete {
        resumed: offset > 0,
    }
}

/// Before any answer: a host not found, a connection refused, dropped or timed out are worth
/// a few more tries; the rest (a bad URL, TLS) not.
fn transport_error(e: ureq::Error) -> Attempt {
    use ureq::Error as E;
    let reason = e.to_string();
    match e {
        E::Io(_) | E::Timeout(_) | E::ConnectionFailed | E::HostNotFound | E::Protocol(_) => {
            Attempt::Unreachable(reason)
        }
        _ => Attempt::Fail(reason),
    }
}

/// `Content-Range: bytes START-END/TOTAL` (or `bytes */TOTAL`): the start (0 for `*`) and the
/// total when known.
fn content_range(value: &str) -> Option<(u64, Option<u64>)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    let start = match range.trim() {
        "*" => 0,
        r => r.split_once('-')?.0.trim().parse().ok()?,
    };
    Some((start, total))
}

/// `Retry-After`: delay seconds or an HTTP date (IMF-fixdate), as a wait from `now`.
fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` as seconds since the epoch.
fn http_date(value: &str) -> Option<u64> {
    let mut words = value.split_whitespace().skip(1);
    let day: u64 = words.next()?.parse().ok()?;
    let month = words.next()?;
    let year: i64 = words.next()?.parse().ok()?;
    let time = words.next()?;
    if words.next()? != "GMT" {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let mut hms = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days)
        .ok()
        .map(|d| d * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_are_read() {
        assert_eq!(content_range("bytes 100-199/200"), Some((100, Some(200))));
        assert_eq!(content_range("bytes */200"), Some((0, Some(200))));
        assert_eq!(content_range("bytes 5-9/*"), Some((5, None)));
        assert_eq!(content_range("items 1-2/3"), None);
    }

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_770); // 1994-11-06 08:49:30
        assert_eq!(retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn backoff_doubles_and_stops_growing() {
        let secs: Vec<u64> = (1..=7).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 16, 16]);
    }
}
