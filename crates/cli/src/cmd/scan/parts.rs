//! The parts of a scan: which bytes of which input one worker reads, and reading them.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::sync::atomic::Ordering;

use anyhow::{Context, Result};
use pages::warc::gz::{Members, find_member};
use pages::warc::prefilter::Prefilter;
use serde::Serialize;

use super::{ScanLine, Stats, write_line};

/// Smallest gzip file split between threads.
const MIN_SPLIT: u64 = 1 << 20;
/// Compressed bytes searched for a member boundary after a split point (a record's member is
/// far smaller; a file with no boundary in this window is not split there).
const SPLIT_WINDOW: u64 = 8 << 20;
/// Read buffer over the compressed input.
const READ_BUFFER: usize = 256 * 1024;

/// Where a part's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A local file.
    File(std::path::PathBuf),
    /// An `http(s)://` URL, streamed.
    Url(String),
    /// Standard input.
    Stdin,
}

/// One worker's share of one input.
#[derive(Debug, Clone)]
pub struct Part {
    /// Where the bytes are.
    pub source: Source,
    /// The input's name in the output (`file`).
    pub label: String,
    /// First byte of the part.
    pub start: u64,
    /// Where the next part starts (a member boundary), if the input was split.
    pub end: Option<u64>,
    /// The input's size, when known.
    pub size: Option<u64>,
    /// Gzip or plain, when already known (else sniffed from the first bytes).
    pub gzip: Option<bool>,
}

impl Part {
    /// Bytes in the part, when known.
    pub fn len(&self) -> Option<u64> {
        let end = self.end.or(self.size)?;
        Some(end.saturating_sub(self.start))
    }
}

/// A warning or failure, by input and offset.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// The input.
    pub file: String,
    /// Where in the file (of the gzip member, or of the record), when known.
    pub offset: Option<u64>,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.offset {
            Some(o) => write!(f, "{}: offset {o}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What scanning one part gave.
#[derive(Debug, Default)]
pub struct PartReport {
    /// The lines found, in a temporary file (none when the part had no page).
    pub lines: Option<Lines>,
    /// Records skipped for their size.
    pub warnings: Vec<Problem>,
    /// The fault that ended the part early (pages before it are kept).
    pub failure: Option<Problem>,
}

/// Output lines spooled to a temporary file, printed in order later.
#[derive(Debug)]
pub struct Lines {
    file: std::io::BufWriter<File>,
}

impl Lines {
    /// Copy the lines to `out`.
    pub fn print(&mut self, out: &mut impl Write) -> Result<()> {
        self.file.flush()?;
        let file = self.file.get_mut();
        file.seek(SeekFrom::Start(0))?;
        std::io::copy(file, out)?;
        Ok(())
    }
}

/// Cut one input into parts: a gzip file of many members into `threads` parts at member
/// boundaries, anything else into one.
pub fn plan(input: &str, threads: usize, stdin_name: Option<&str>) -> Result<Vec<Part>> {
    if input == "-" {
        return Ok(vec![Part {
            source: Source::Stdin,
            label: stdin_name.unwrap_or("-").to_owned(),
            start: 0,
            end: None,
            size: None,
            gzip: None,
        }]);
    }
    let lower = input.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Ok(vec![Part {
            source: Source::Url(input.to_owned()),
            label: input.to_owned(),
            start: 0,
            end: None,
            size: None,
            gzip: None,
        }]);
    }
    let path = std::path::PathBuf::from(input);
    let mut file = File::open(&path).context("cannot read")?;
    let size = file.metadata().context("cannot read")?.len();
    if file.metadata()?.is_dir() {
        anyhow::bail!("a folder, not a WARC/WET file");
    }
    let mut magic = [0u8; 2];
    let gzip = file.read(&mut magic)? == 2 && magic == [0x1f, 0x8b];
    let mut cuts = vec![0u64];
    if gzip && threads > 1 && size >= MIN_SPLIT {
        for k in 1..threads as u64 {
            let target = size * k / threads as u64;
            if target <= *cuts.last().unwrap_or(&0) {
                continue;
            }
            let len = SPLIT_WINDOW.min(size - target) as usize;
            let mut window = vec![0u8; len];
            file.seek(SeekFrom::Start(target))?;
            file.read_exact(&mut window).context("cannot read")?;
            if let Some(i) = find_member(&window, 0) {
                cuts.push(target + i as u64);
            }
        }
    }
    cuts.dedup();
    let parts = cuts
        .iter()
        .enumerate()
        .map(|(i, &start)| Part {
            source: Source::File(path.clone()),
            label: input.to_owned(),
            start,
            end: cuts.get(i + 1).copied(),
            size: Some(size),
            gzip: Some(gzip),
        })
        .collect();
    Ok(parts)
}

/// A plain (uncompressed) input that counts what it hands out.
struct Plain<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Plain<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Plain<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// An input that can say where a record lies in the file.
trait Located: BufRead {
    /// File offset of the record at decompressed `offset`.
    fn origin(&mut self, offset: u64) -> u64;
    /// File bytes consumed so far.
    fn consumed(&self) -> u64;
    /// Where a fault lies (the member being read, or the record's own offset).
    fn fault(&self, record_offset: u64) -> u64;
}

impl<R: BufRead> Located for Members<R> {
    fn origin(&mut self, offset: u64) -> u64 {
        self.member_of(offset)
    }
    fn consumed(&self) -> u64 {
        self.position()
    }
    fn fault(&self, _: u64) -> u64 {
        self.member_start()
    }
}

impl<R: BufRead> Located for Plain<R> {
    fn origin(&mut self, offset: u64) -> u64 {
        offset
    }
    fn consumed(&self) -> u64 {
        self.pos
    }
    fn fault(&self, record_offset: u64) -> u64 {
        record_offset
    }
}

fn open(part: &Part) -> Result<Box<dyn BufRead + Send>> {
    Ok(match &part.source {
        Source::File(path) => {
            let mut file = File::open(path).context("cannot read")?;
            file.seek(SeekFrom::Start(part.start))?;
            Box::new(BufReader::with_capacity(READ_BUFFER, file))
        }
        Source::Stdin => Box::new(BufReader::with_capacity(READ_BUFFER, std::io::stdin())),
        Source::Url(url) => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .tls_config(
                    ureq::tls::TlsConfig::builder()
                        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                        .build(),
                )
                .user_agent(concat!("areabook/", env!("CARGO_PKG_VERSION")))
                .timeout_connect(Some(std::time::Duration::from_secs(30)))
                .timeout_per_read(Some(std::time::Duration::from_secs(120)))
                .build()
                .into();
            let response = agent.get(url).call().context("cannot fetch")?;
            let reader = response.into_body().into_reader();
            Box::new(BufReader::with_capacity(READ_BUFFER, reader))
        }
    })
}

/// Scan one part: every record, prefiltered, recognized; pages to a temporary file.
pub fn scan_part(
    part: &Part,
    prefilter: &Prefilter,
    limit: u64,
    json: bool,
    stats: &Stats,
) -> PartReport {
    let mut report = PartReport::default();
    let fail = |message: String, offset: Option<u64>| Problem {
        file: part.label.clone(),
        offset,
        message,
    };
    let mut raw = match open(part) {
        Ok(r) => r,
        Err(e) => {
            report.failure = Some(fail(format!("{e:#}"), None));
            return report;
        }
    };
    let gzip = match part.gzip {
        Some(g) => g,
        None => match raw.fill_buf() {
            Ok(head) => head.starts_with(&[0x1f, 0x8b]),
            Err(e) => {
                report.failure = Some(fail(format!("cannot read: {e}"), None));
                return report;
            }
        },
    };
    let result = if gzip {
        let input = Members::new(raw, part.start, part.end);
        records(part, input, prefilter, limit, json, stats, &mut report)
    } else {
        let input = Plain {
            inner: raw,
            pos: part.start,
        };
        records(part, input, prefilter, limit, json, stats, &mut report)
    };
    if let Err(e) = result {
        report.failure = Some(fail(format!("writing the output: {e:#}"), None));
    }
    report
}

/// Read the records of one part.
fn records<L: Located>(
    part: &Part,
    input: L,
    prefilter: &Prefilter,
    limit: u64,
    json: bool,
    stats: &Stats,
    report: &mut PartReport,
) -> Result<()> {
    let mut reader = pages::warc::Reader::with_limit(input, limit);
    let mut counted = reader.get_ref().consumed();
    let mut any = false;
    loop {
        let item = reader.next();
        let now = reader.get_ref().consumed();
        stats.bytes.fetch_add(now - counted, Ordering::Relaxed);
        counted = now;
        let Some(item) = item else { break };
        let record = match item {
            Ok(r) => r,
            Err(e) => {
                let at = reader.record_offset();
                let (offset, fatal) = match &e {
                    pages::warc::Error::TooLarge { .. } => (reader.get_mut().origin(at), false),
                    _ => (reader.get_ref().fault(at), true),
                };
                let problem = Problem {
                    file: part.label.clone(),
                    offset: Some(offset),
                    message: e.to_string(),
                };
                if !fatal {
                    report.warnings.push(problem);
                    continue;
                }
                report.failure = Some(problem);
                break;
            }
        };
        any = true;
        stats.records.fetch_add(1, Ordering::Relaxed);
        if !record.is_page() || !prefilter.may_be_page(record.url.as_deref(), &record.body) {
            continue;
        }
        stats.parsed.fetch_add(1, Ordering::Relaxed);
        let (page, _) = pages::parse(&pages::Input {
            bytes: &record.body,
            path: None,
            url: record.url.as_deref(),
        });
        if page.kind != pages::PageKind::CountryStudy {
            continue;
        }
        stats.pages.fetch_add(1, Ordering::Relaxed);
        let offset = reader.get_mut().origin(record.offset);
        let line = ScanLine::new(&page, &record, &part.label, offset);
        let lines = match report.lines.as_mut() {
            Some(l) => l,
            None => report.lines.insert(Lines {
                file: std::io::BufWriter::new(
                    tempfile::tempfile().context("creating a temporary file")?,
                ),
            }),
        };
        write_line(json, &line, &mut lines.file)?;
    }
    if !any && report.failure.is_none() && part.start == 0 {
        report.failure = Some(Problem {
            file: part.label.clone(),
            offset: None,
            message: "no WARC records".into(),
        });
    }
    Ok(())
}
