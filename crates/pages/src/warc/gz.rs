//! Multi-member gzip, member by member: where each member starts, and where to split a file.
//!
//! Crawl files are gzip files of many members, one per record (so that a record can be fetched
//! alone by offset and length). [`Members`] decompresses them as one stream, like
//! `flate2::bufread::MultiGzDecoder`, but it also knows the file offset of every member it
//! reads, so a record can be reported by the offset crawl indexes use, and it can stop at a
//! given offset so that two threads can each read one part of a file. [`find_member`] finds
//! the first real member boundary at or after a position in a window of compressed bytes (a
//! candidate header is only taken when it decompresses to a `WARC/` record, CRC checked when
//! the member ends inside the window), which is how a file is split.
//!
//! The decoder (`flate2::Decompress`, raw deflate, one inflate state reset per member) and the
//! CRC are reused from member to member; the header and trailer are read here. Memory is one
//! output buffer and the inflate window, whatever the input.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use flate2::{Crc, Decompress, FlushDecompress, Status};

/// Bytes of decompressed output buffered at a time.
const OUT_BUFFER: usize = 128 * 1024;
/// Member starts remembered for [`Members::member_of`] (a record spanning more members than
/// this is reported at the oldest start still known).
const MAX_STARTS: usize = 1 << 16;
/// The gzip magic and the deflate method byte.
const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Between,
    Inside,
    Done,
}

/// A reader of concatenated gzip members that knows where each member starts.
///
/// Implements [`Read`] and [`BufRead`] over the decompressed bytes; a buffer handed out never
/// spans two members. Errors (a truncated or corrupt member, bytes that are not gzip) are
/// `io::Error`s whose message names the member's offset; [`Members::member_start`] says the
/// same as a number.
pub struct Members<R> {
    input: R,
    /// File offset of the input's next byte.
    pos: u64,
    /// Stop before a member that starts at or after this offset.
    end: Option<u64>,
    inflate: Decompress,
    crc: Crc,
    out: Box<[u8]>,
    head: usize,
    tail: usize,
    state: State,
    member_start: u64,
    /// Decompressed bytes produced so far (the offset of `out[tail]` in the output).
    produced: u64,
    /// (output offset, file offset) of the members read, oldest first.
    starts: VecDeque<(u64, u64)>,
    members: u64,
}

impl<R: BufRead> Members<R> {
    /// Read the members in `input`, whose first byte is at file offset `start`; with `end`,
    /// stop before the first member that starts at or after `end` (it belongs to the next
    /// part of the file).
    pub fn new(input: R, start: u64, end: Option<u64>) -> Members<R> {
        Members {
            input,
            pos: start,
            end,
            inflate: Decompress::new(false),
            crc: Crc::new(),
            out: vec![0; OUT_BUFFER].into_boxed_slice(),
            head: 0,
            tail: 0,
            state: State::Between,
            member_start: start,
            produced: 0,
            starts: VecDeque::new(),
            members: 0,
        }
    }

    /// File offset of the member being read (or the last one read).
    pub fn member_start(&self) -> u64 {
        self.member_start
    }

    /// File offset of the next compressed byte to read.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Members started so far.
    pub fn members(&self) -> u64 {
        self.members
    }

    /// File offset of the member in which decompressed byte `offset` lies. Offsets must be
    /// asked in increasing order (members before the one found are forgotten).
    pub fn member_of(&mut self, offset: u64) -> u64 {
        while self.starts.len() >= 2 && self.starts[1].0 <= offset {
            self.starts.pop_front();
        }
        self.starts.front().map_or(self.member_start, |s| s.1)
    }

    fn error(&self, kind: io::ErrorKind, what: &str) -> io::Error {
        io::Error::new(
            kind,
            format!("gzip member at offset {}: {what}", self.member_start),
        )
    }

    /// One byte of header or trailer.
    fn byte(&mut self) -> io::Result<u8> {
        let b = match self.input.fill_buf()?.first() {
            Some(&b) => b,
            None => {
                return Err(self.error(
                    io::ErrorKind::UnexpectedEof,
                    "the file ends inside the member (truncated)",
                ));
            }
        };
        self.input.consume(1);
        self.pos += 1;
        Ok(b)
    }

    fn bytes<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut out = [0; N];
        for b in &mut out {
            *b = self.byte()?;
        }
        Ok(out)
    }

    /// Read the next member's header; false at the end of the input (or of this part).
    fn start_member(&mut self) -> io::Result<bool> {
        if self.end.is_some_and(|e| self.pos >= e) || self.input.fill_buf()?.is_empty() {
            return Ok(false);
        }
        self.member_start = self.pos;
        let head: [u8; 10] = self.bytes()?;
        if head[..3] != MAGIC {
            return Err(self.error(io::ErrorKind::InvalidData, "not gzip data"));
        }
        let flags = head[3];
        if flags & 0xe0 != 0 {
            return Err(self.error(io::ErrorKind::InvalidData, "reserved header flags set"));
        }
        if flags & 0x04 != 0 {
            let [lo, hi] = self.bytes()?;
            for _ in 0..u16::from_le_bytes([lo, hi]) {
                self.byte()?;
            }
        }
        for flag in [0x08, 0x10] {
            if flags & flag != 0 {
                // A zero-terminated name or comment (bounded by the member's own bytes).
                while self.byte()? != 0 {}
            }
        }
        if flags & 0x02 != 0 {
            self.bytes::<2>()?;
        }
        self.inflate.reset(false);
        self.crc.reset();
        self.members += 1;
        if self.starts.len() >= MAX_STARTS {
            self.starts.pop_front();
        }
        self.starts.push_back((self.produced, self.member_start));
        self.state = State::Inside;
        Ok(true)
    }

    /// Inflate some of the current member into the (empty) output buffer.
    fn inflate_some(&mut self) -> io::Result<()> {
        let input = self.input.fill_buf()?;
        if input.is_empty() {
            return Err(self.error(
                io::ErrorKind::UnexpectedEof,
                "the file ends inside the member (truncated)",
            ));
        }
        let (in_before, out_before) = (self.inflate.total_in(), self.inflate.total_out());
        let status = self
            .inflate
            .decompress(input, &mut self.out, FlushDecompress::None)
            .map_err(|e| self.error(io::ErrorKind::InvalidData, &format!("corrupt data: {e}")))?;
        let used = (self.inflate.total_in() - in_before) as usize;
        let made = (self.inflate.total_out() - out_before) as usize;
        self.input.consume(used);
        self.pos += used as u64;
        self.crc.update(&self.out[..made]);
        self.head = 0;
        self.tail = made;
        self.produced += made as u64;
        if status == Status::StreamEnd {
            let trailer: [u8; 8] = self.bytes()?;
            let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
            let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
            if crc != self.crc.sum() || size != self.inflate.total_out() as u32 {
                return Err(self.error(
                    io::ErrorKind::InvalidData,
                    "corrupt data: the checksum does not match",
                ));
            }
            self.state = State::Between;
        } else if used == 0 && made == 0 {
            return Err(self.error(io::ErrorKind::InvalidData, "corrupt data: no progress"));
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Members<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.head == self.tail {
            match self.state {
                State::Done => return Ok(&[]),
                State::Between => {
                    if !self.start_member()? {
                        self.state = State::Done;
                    }
                }
                State::Inside => {
                    if let Err(e) = self.inflate_some() {
                        // A broken member ends the stream: report once, then end.
                        self.state = State::Done;
                        return Err(e);
                    }
                }
            }
        }
        Ok(&self.out[self.head..self.tail])
    }

    fn consume(&mut self, amt: usize) {
        self.head = (self.head + amt).min(self.tail);
    }
}

/// The first offset at or after `from` in `window` (compressed bytes) where a gzip member
/// starts that decompresses to a WARC record (`WARC/…`). A member that ends inside the window
/// must pass its CRC; one that runs past the window's end must decode cleanly up to it.
/// `None` when the window holds no such member.
pub fn find_member(window: &[u8], from: usize) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(&MAGIC);
    let mut at = from;
    while at < window.len() {
        let found = at + finder.find(&window[at..])?;
        if is_warc_member(&window[found..]) {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

/// Whether `bytes` start with a gzip member holding a WARC record (see [`find_member`]).
fn is_warc_member(bytes: &[u8]) -> bool {
    /// Decompressed bytes checked at most (enough for any record's head).
    const CHECK: u64 = 1 << 20;
    let mut m = Members::new(bytes, 0, None);
    let mut head = [0u8; 5];
    if m.read_exact(&mut head).is_err() || &head != b"WARC/" {
        return false;
    }
    let mut seen = 5u64;
    loop {
        if m.state != State::Inside || seen >= CHECK {
            return true;
        }
        match m.fill_buf() {
            Ok([]) => return true,
            Ok(buf) => {
                let n = buf.len();
                seen += n as u64;
                m.consume(n);
            }
            Err(e) => return e.kind() == io::ErrorKind::UnexpectedEof,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn member(text: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(text).unwrap();
        e.finish().unwrap()
    }

    fn records() -> (Vec<u8>, Vec<u64>, String) {
        let mut file = Vec::new();
        let mut starts = Vec::new();
        let mut all = String::new();
        for i in 0..50 {
            let text = format!("WARC/1.0\r\nContent-Length: 12\r\n\r\nrecord {i:05}\r\n\r\n");
            starts.push(file.len() as u64);
            file.extend(member(text.as_bytes()));
            all.push_str(&text);
        }
        (file, starts, all)
    }

    #[test]
    fn reads_every_member_and_knows_where_each_starts() {
        let (file, starts, all) = records();
        let mut m = Members::new(&file[..], 0, None);
        let mut out = String::new();
        m.read_to_string(&mut out).unwrap();
        assert_eq!(out, all);
        assert_eq!(m.members(), 50);
        let mut m = Members::new(&file[..], 0, None);
        let mut text = Vec::new();
        m.read_to_end(&mut text).unwrap();
        let record_len = all.len() as u64 / 50;
        for (i, start) in starts.iter().enumerate() {
            assert_eq!(m.member_of(i as u64 * record_len + 3), *start);
        }
    }

    #[test]
    fn a_part_stops_at_its_end_and_the_next_starts_there() {
        let (file, starts, all) = records();
        let split = find_member(&file, file.len() / 2).unwrap();
        assert!(starts.contains(&(split as u64)));
        let mut first = String::new();
        Members::new(&file[..split], 0, Some(split as u64))
            .read_to_string(&mut first)
            .unwrap();
        let mut second = String::new();
        Members::new(&file[split..], split as u64, None)
            .read_to_string(&mut second)
            .unwrap();
        assert_eq!(first + &second, all);
        // A whole file read with an end stops before the member at the end.
        let mut head = String::new();
        Members::new(&file[..], 0, Some(split as u64))
            .read_to_string(&mut head)
            .unwrap();
        assert!(all.starts_with(&head) && head.len() < all.len());
    }

    #[test]
    fn magic_bytes_inside_compressed_data_are_not_a_boundary() {
        // A member whose compressed bytes hold the magic: a stored (uncompressed) block.
        let mut e = GzEncoder::new(Vec::new(), Compression::none());
        e.write_all(b"WARC/1.0\r\n\x1f\x8b\x08\x00 not a member\r\n")
            .unwrap();
        let one = e.finish().unwrap();
        let inner = memchr::memmem::find(&one[3..], &MAGIC).unwrap() + 3;
        assert_eq!(
            find_member(&one, 1),
            None,
            "magic at {inner} taken as a member"
        );
        assert_eq!(find_member(&one, 0), Some(0));
    }

    #[test]
    fn truncation_and_corruption_name_the_member() {
        let (file, starts, all) = records();
        let cut = (starts[10] + 8) as usize;
        let mut out = Vec::new();
        let err = Members::new(&file[..cut], 0, None)
            .read_to_end(&mut out)
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        assert!(
            err.to_string().contains(&format!("offset {}", starts[10])),
            "{err}"
        );
        let record_len = all.len() / 50;
        assert_eq!(
            out.len(),
            10 * record_len,
            "the ten whole records before the cut"
        );
        let mut bad = file.clone();
        let at = starts[20] as usize + 14;
        bad[at] ^= 0xff;
        let mut out = Vec::new();
        let err = Members::new(&bad[..], 0, None)
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(
            err.to_string().contains(&format!("offset {}", starts[20])),
            "{err}"
        );
        let garbage = b"this is not gzip";
        let err = Members::new(&garbage[..], 0, None)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("not gzip"));
    }
}
