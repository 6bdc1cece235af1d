//! WARC and WET crawl files: a streaming reader of records.
//!
//! A WARC file (ISO 28500) is a sequence of records, each a `WARC/1.x` version line, named
//! header fields, a blank line and `Content-Length` bytes of block, then two line breaks.
//! `response` records hold an HTTP response (status line, headers, body); WET files hold
//! `conversion` records whose block is the page's extracted text. The reader takes any
//! `BufRead` (the caller decompresses `.gz`, for instance with [`gz::Members`], which also says
//! where each gzip member starts), yields one [`Record`] at a time and never holds more than one
//! record in memory (a record over the reader's limit is skipped, with an error naming it).
//!
//! Crawl-scale scanning adds two pieces: [`prefilter`], a byte-level test that rejects records
//! which cannot be Country Studies pages before any parsing or UTF-8 validation, and [`gz`],
//! the multi-member gzip reader that reports member offsets and finds member boundaries so a
//! file can be split between threads.

use std::io::{BufRead, Read};

pub mod gz;
pub mod prefilter;

/// Largest record block read into memory; larger records are skipped with an error.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// One WARC record, with the HTTP envelope removed from `response` records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `WARC-Type` (`response`, `conversion`, `resource`, `request`, `warcinfo`, …).
    pub kind: String,
    /// `WARC-Target-URI`, when present.
    pub url: Option<String>,
    /// `WARC-Date`, when present (RFC 3339).
    pub date: Option<String>,
    /// `WARC-Record-ID`, when present, without its angle brackets (`urn:uuid:…`).
    pub id: Option<String>,
    /// The payload's media type (from the HTTP `Content-Type` or the record's), lowercased.
    pub content_type: Option<String>,
    /// The payload: the HTTP body for `response` records (de-chunked), else the block.
    pub body: Vec<u8>,
    /// The record's position in the file, from 1.
    pub number: usize,
    /// Byte offset of the record's `WARC/` version line in the (decompressed) input.
    pub offset: u64,
}

impl Record {
    /// Whether this record carries a page (HTML or text) worth parsing.
    pub fn is_page(&self) -> bool {
        let ct = self.content_type.as_deref().unwrap_or("");
        match self.kind.as_str() {
            "conversion" => true,
            "response" | "resource" => {
                ct.is_empty() || ct.starts_with("text/") || ct.contains("html")
            }
            _ => false,
        }
    }
}

/// What went wrong reading a WARC file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The underlying reader failed.
    #[error("record {record}: {source}")]
    Io {
        /// Record number (from 1).
        record: usize,
        /// The IO error.
        #[source]
        source: std::io::Error,
    },
    /// A record whose block is over the reader's limit: skipped, and reading goes on.
    #[error(
        "record {record}: a block of {length} bytes is over the limit of {limit} bytes (skipped)"
    )]
    TooLarge {
        /// Record number (from 1).
        record: usize,
        /// The record's `Content-Length`.
        length: u64,
        /// The reader's limit.
        limit: u64,
    },
    /// The bytes are not WARC.
    #[error("record {record}: {message}")]
    Format {
        /// Record number (from 1).
        record: usize,
        /// What is wrong.
        message: String,
    },
}

/// A streaming reader of WARC records.
pub struct Reader<R> {
    input: R,
    number: usize,
    done: bool,
    /// Bytes of `input` consumed so far.
    position: u64,
    /// Largest block read into memory.
    limit: u64,
    /// Where the record read last (or being read) starts.
    record_offset: u64,
    line: Vec<u8>,
}

impl<R: BufRead> Reader<R> {
    /// Read records from `input` (already decompressed), with blocks up to [`MAX_RECORD_BYTES`].
    pub fn new(input: R) -> Reader<R> {
        Reader::with_limit(input, MAX_RECORD_BYTES)
    }

    /// Read records from `input`, skipping (with an error) any record whose block is over
    /// `limit` bytes: memory stays bounded by the limit whatever the input.
    pub fn with_limit(input: R, limit: u64) -> Reader<R> {
        Reader {
            input,
            number: 0,
            done: false,
            position: 0,
            limit,
            record_offset: 0,
            line: Vec::new(),
        }
    }

    /// The input, e.g. to ask a [`gz::Members`] where a record's gzip member starts.
    pub fn get_ref(&self) -> &R {
        &self.input
    }

    /// The input, mutably.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.input
    }

    /// Bytes of the input consumed so far.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Where the last record read (or the one that failed) starts in the input: with an
    /// error, the place to report.
    pub fn record_offset(&self) -> u64 {
        self.record_offset
    }

    fn read_line(&mut self) -> Result<usize, Error> {
        self.line.clear();
        let n = (&mut self.input)
            .take(64 * 1024)
            .read_until(b'\n', &mut self.line)
            .map_err(|source| Error::Io {
                record: self.number,
                source,
            })?;
        self.position += n as u64;
        Ok(n)
    }

    fn next_record(&mut self) -> Result<Option<Record>, Error> {
        // Skip blank lines between records.
        let offset = loop {
            let at = self.position;
            if self.read_line()? == 0 {
                return Ok(None);
            }
            if !self.line.iter().all(|b| b.is_ascii_whitespace()) {
                break at;
            }
        };
        self.number += 1;
        self.record_offset = offset;
        let record = self.number;
        let line = &self.line;
        if !line.starts_with(b"WARC/") {
            return Err(Error::Format {
                record,
                message: "not a WARC record (no WARC/ version line)".into(),
            });
        }
        let mut kind = String::new();
        let mut url = None;
        let mut date = None;
        let mut id = None;
        let mut content_type = None;
        let mut length: Option<u64> = None;
        loop {
            if self.read_line()? == 0 {
                return Err(Error::Format {
                    record,
                    message: "file ends inside the record header".into(),
                });
            }
            let text = String::from_utf8_lossy(&self.line);
            let text = text.trim_end();
            if text.is_empty() {
                break;
            }
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_owned();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    url = Some(value.trim_matches(|c| c == '<' || c == '>').to_owned())
                }
                "warc-date" => date = Some(value),
                "warc-record-id" => {
                    id = Some(value.trim_matches(|c| c == '<' || c == '>').to_owned())
                }
                "content-type" => content_type = Some(value.to_ascii_lowercase()),
                "content-length" => length = value.parse().ok(),
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(Error::Format {
                record,
                message: "record has no Content-Length".into(),
            });
        };
        if length > self.limit {
            // Skip the block so the next record can still be read.
            let skipped = std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink())
                .map_err(|source| Error::Io { record, source })?;
            self.position += skipped;
            if skipped < length {
                self.done = true;
            }
            return Err(Error::TooLarge {
                record,
                length,
                limit: self.limit,
            });
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.input)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|source| Error::Io { record, source })?;
        self.position += block.len() as u64;
        if (block.len() as u64) < length {
            self.done = true;
            return Err(Error::Format {
                record,
                message: "file ends inside the record (truncated)".into(),
            });
        }
        let (content_type, body) = if kind == "response"
            && content_type
                .as_deref()
                .is_some_and(|c| c.starts_with("application/http"))
        {
            split_http(&block)
        } else {
            (content_type, block)
        };
        Ok(Some(Record {
            kind,
            url,
            date,
            id,
            content_type,
            body,
            number: record,
            offset,
        }))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                // A header we cannot read means we lost our place: stop after reporting it.
                if matches!(e, Error::Format { ref message, .. } if message.starts_with("not a WARC") || message.contains("no Content-Length") || message.contains("header"))
                {
                    self.done = true;
                }
                Some(Err(e))
            }
        }
    }
}

/// Split an HTTP response into its media type and (de-chunked) body.
fn split_http(block: &[u8]) -> (Option<String>, Vec<u8>) {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, body_start)) = end else {
        return (None, block.to_vec());
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut content_type = None;
    let mut chunked = false;
    for line in head.lines().skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = Some(value.trim().to_ascii_lowercase()),
                "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
                _ => {}
            }
        }
    }
    let body = &block[body_start..];
    let body = if chunked {
        dechunk(body).unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    (content_type, body)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, url: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2019-03-02T10:00:00Z\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_response_and_conversion_records() {
        let mut file = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        file.extend(record(
            "response",
            "http://countrystudies.us/chad/4.htm",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n4\r\n</p>\r\n0\r\n\r\n",
        ));
        file.extend(record(
            "conversion",
            "http://example.org/x",
            "text/plain",
            "Plain text é".as_bytes(),
        ));
        let records: Vec<Record> = Reader::new(&file[..]).collect::<Result<_, _>>().unwrap();
        assert_eq!(records.len(), 3);
        assert!(!records[0].is_page());
        assert_eq!(records[1].body, b"<p>hi</p>");
        assert_eq!(records[1].content_type.as_deref(), Some("text/html"));
        assert_eq!(
            records[1].url.as_deref(),
            Some("http://countrystudies.us/chad/4.htm")
        );
        assert!(records[1].is_page() && records[2].is_page());
        assert_eq!(records[2].body, "Plain text é".as_bytes());
        assert_eq!(records[2].date.as_deref(), Some("2019-03-02T10:00:00Z"));
    }

    #[test]
    fn garbage_and_truncation_are_errors_not_panics() {
        let errs: Vec<_> = Reader::new(&b"hello world\n"[..]).collect();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("not a WARC record")
        );
        let mut file = record("conversion", "u", "text/plain", b"0123456789");
        file.truncate(file.len() - 8);
        let errs: Vec<_> = Reader::new(&file[..]).collect();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("truncated")
        );
    }
}
