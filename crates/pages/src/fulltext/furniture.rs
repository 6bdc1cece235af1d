//! Page furniture: running heads and page numbers found, removed and turned into each content
//! line's printed page.
//!
//! A page number (folio) is a bare number on its own line between blank lines that fits the
//! book's page sequence (roman in the front matter, arabic after), or a number at either end of
//! a running head's line (`412 Soviet Union: A Country Study`, `Historical Setting 413`). A
//! running head is the book's title (`… A Country Study`), a chapter's title as the Contents
//! prints it, a part's name, or any short line that repeats beside page numbers; standing alone
//! it is furniture only next to a page number (`HEAD` above `N`), or when it repeats on three
//! pages or more (a heading is printed once). A folio below a running head opens its page; a
//! bare folio after text closes it.

use std::collections::{HashMap, HashSet};

use super::PageNo;
use super::titles::title_key;

/// One line of the book once the furniture is gone.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// The line, trimmed ("" for a blank line).
    pub text: &'a str,
    /// Leading spaces (tabs count four).
    pub indent: usize,
    /// The printed page it is on, when known.
    pub page: Option<PageNo>,
    /// Whether page furniture (or a form feed) was removed just before it.
    pub break_before: bool,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

const PART_NAMES: &[&str] = &[
    "foreword",
    "acknowledgments",
    "acknowledgements",
    "preface",
    "contents",
    "introduction",
    "country profile",
    "bibliography",
    "glossary",
    "index",
];

/// The value of a lowercase roman numeral up to 399 written canonically (`xiv` → 14).
pub(crate) fn roman_value(s: &str) -> Option<u16> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b"ivxlc".contains(&b)) {
        return None;
    }
    let val = |c: u8| match c {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        b'l' => 50,
        _ => 100,
    };
    let b = s.as_bytes();
    let mut total: i32 = 0;
    for i in 0..b.len() {
        let v = val(b[i]);
        if i + 1 < b.len() && v < val(b[i + 1]) {
            total -= v;
        } else {
            total += v;
        }
    }
    let n = u16::try_from(total).ok().filter(|n| *n > 0)?;
    (roman_string(n) == s).then_some(n)
}

/// A number as a lowercase roman numeral (`14` → `xiv`).
pub(crate) fn roman_string(mut n: u16) -> String {
    let mut out = String::new();
    for (v, s) in [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn indent_of(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// A number at the start or end of a line and the rest: `("412", "Soviet Union: …")`.
fn split_folio(t: &str) -> Option<(PageNo, &str)> {
    let (first, rest) = t.split_once(char::is_whitespace)?;
    if let Some(n) = PageNo::parse(first) {
        return Some((n, rest.trim()));
    }
    let (rest, last) = t.rsplit_once(char::is_whitespace)?;
    PageNo::parse(last).map(|n| (n, rest.trim()))
}

fn words(t: &str) -> usize {
    t.split_whitespace().count()
}

/// The running-head vocabulary: the book title, chapter titles from Contents lines, part
/// names, and short lines that repeat beside page numbers.
fn heads(raw: &[&str]) -> HashSet<String> {
    let mut heads: HashSet<String> = PART_NAMES.iter().map(|s| title_key(s)).collect();
    let mut beside_numbers: HashMap<String, u32> = HashMap::new();
    for t in raw.iter().map(|l| l.trim()) {
        if let Some((title, _)) = super::contents::leader_split(t)
            && let Some((_, name)) = super::structure::chapter_heading(title)
        {
            heads.insert(title_key(name));
        }
        let lower = t.to_ascii_lowercase();
        if let Some(pos) = lower.find("a country study")
            && words(t) <= 10
        {
            let head = split_folio(t).map_or(t, |(_, rest)| rest);
            if pos + 15 >= lower.len().saturating_sub(4) {
                heads.insert(title_key(head));
            }
        }
        if words(t) <= 10
            && !super::contents::is_leader_line(t)
            && let Some((_, rest)) = split_folio(t)
            && rest.chars().any(|c| c.is_alphabetic())
        {
            *beside_numbers.entry(title_key(rest)).or_default() += 1;
        }
    }
    heads.extend(
        beside_numbers
            .into_iter()
            .filter(|(k, n)| *n >= 3 && !k.is_empty())
            .map(|(k, _)| k),
    );
    heads
}

fn is_head(key: &str, heads: &HashSet<String>) -> bool {
    if key.is_empty() {
        return false;
    }
    heads.contains(key)
        || (key.len() >= 8
            && heads
                .iter()
                .any(|h| h.len() >= 8 && super::titles::key_similarity(key, h) >= 0.85))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Content,
    Blank,
    /// A running head, with the page number printed beside it if any.
    Head(Option<PageNo>),
    /// A bare page-number candidate.
    Folio(PageNo),
}

/// Remove the page furniture of a full text; every content line comes back with its page.
pub(crate) fn strip(text: &str) -> Vec<Line<'_>> {
    // Raw lines; a form feed is a page break.
    let mut raw: Vec<&str> = Vec::new();
    let mut feed_before: Vec<bool> = Vec::new();
    let mut feed = false;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut pieces = line.split('\x0c');
        if let Some(first) = pieces.next() {
            raw.push(first);
            feed_before.push(feed);
            feed = false;
        }
        for piece in pieces {
            feed = true;
            if !piece.trim().is_empty() {
                raw.push(piece);
                feed_before.push(true);
                feed = false;
            }
        }
    }
    let heads = heads(&raw);
    let mut standalone: HashMap<String, u32> = HashMap::new();
    for t in &raw {
        let t = t.trim();
        if !t.is_empty() && words(t) <= 10 {
            *standalone.entry(title_key(t)).or_default() += 1;
        }
    }
    // First pass: shapes.
    let mut kinds: Vec<Kind> = raw
        .iter()
        .map(|l| {
            let t = l.trim();
            if t.is_empty() {
                return Kind::Blank;
            }
            // A number alone on its line (between blank lines or running heads, or anywhere in
            // a text that keeps no blank lines): the page sequence decides (second pass).
            if let Some(n) = PageNo::parse(t) {
                return Kind::Folio(n);
            }
            if words(t) <= 12
                && !super::contents::is_leader_line(t)
                && let Some((n, rest)) = split_folio(t)
                && is_head(&title_key(rest), &heads)
            {
                return Kind::Head(Some(n));
            }
            Kind::Content
        })
        .collect();
    // Heads standing alone: beside a folio, or repeated on three pages or more.
    let parts: HashSet<String> = PART_NAMES.iter().map(|s| title_key(s)).collect();
    let mut seen_parts: HashSet<String> = HashSet::new();
    let prev_nonblank = |kinds: &[Kind], i: usize| (0..i).rev().find(|&j| kinds[j] != Kind::Blank);
    let next_nonblank =
        |kinds: &[Kind], i: usize| (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank);
    for i in 0..raw.len() {
        if kinds[i] != Kind::Content {
            continue;
        }
        let t = raw[i].trim();
        let key = title_key(t);
        if words(t) > 10 || !is_head(&key, &heads) {
            continue;
        }
        // A part's name (`Preface`) is its heading the first time it stands alone, a running
        // head after; a chapter's title or the book's stands alone only as a running head
        // (the chapter's heading reads `Chapter N. Title`).
        let part_name = parts.contains(&key);
        let first = part_name && seen_parts.insert(key.clone());
        let after_chapter_number = prev_nonblank(&kinds, i)
            .is_some_and(|j| super::structure::chapter_heading(raw[j].trim()).is_some());
        if after_chapter_number {
            continue;
        }
        let folio_next =
            next_nonblank(&kinds, i).is_some_and(|j| matches!(kinds[j], Kind::Folio(_)));
        let folio_prev =
            prev_nonblank(&kinds, i).is_some_and(|j| matches!(kinds[j], Kind::Folio(_)));
        let repeated = standalone.get(&key).copied().unwrap_or(0) >= 3;
        let head = if part_name {
            !first && (folio_next || folio_prev)
        } else {
            folio_next || folio_prev || repeated
        };
        if head {
            kinds[i] = Kind::Head(None);
        }
    }
    // Second pass: folios must fit the page sequence; pages are assigned.
    let mut out: Vec<Line<'_>> = Vec::with_capacity(raw.len());
    let mut last_arabic: Option<u16> = None;
    let mut last_roman: Option<u16> = None;
    let mut page: Option<PageNo> = None;
    let mut page_start = 0usize; // first output line of the current page
    let mut pending_break = false;
    let mut prev_was_head = false;
    // Whether the current page was opened by a running head or folio (not guessed).
    let mut confirmed = false;
    for i in 0..raw.len() {
        let mut kind = kinds[i];
        if let Kind::Folio(n) | Kind::Head(Some(n)) = kind {
            let fits = match n {
                PageNo::Arabic(n) => match last_arabic {
                    Some(last) => n > last && n <= last + 4,
                    None => n <= 40 || prev_was_head || matches!(kind, Kind::Head(_)),
                },
                PageNo::Roman(n) => {
                    last_arabic.is_none()
                        && match last_roman {
                            Some(last) => n > last && n <= last + 4,
                            None => n <= 30,
                        }
                }
            };
            if !fits {
                kind = Kind::Content;
            }
        }
        if feed_before[i] {
            pending_break = true;
        }
        match kind {
            Kind::Blank => {
                out.push(Line {
                    text: "",
                    indent: 0,
                    page,
                    break_before: false,
                });
            }
            Kind::Content => {
                let l = raw[i];
                out.push(Line {
                    text: l.trim(),
                    indent: indent_of(l),
                    page,
                    break_before: std::mem::take(&mut pending_break),
                });
                prev_was_head = false;
            }
            Kind::Head(n) => {
                pending_break = true;
                if let Some(n) = n {
                    remember(n, &mut last_arabic, &mut last_roman);
                    page = Some(n);
                    page_start = out.len();
                    confirmed = true;
                }
                prev_was_head = true;
            }
            Kind::Folio(n) => {
                pending_break = true;
                remember(n, &mut last_arabic, &mut last_roman);
                if prev_was_head {
                    // `HEAD` above `N`: the number opens its page.
                    page = Some(n);
                    page_start = out.len();
                    confirmed = true;
                } else {
                    // A folio at the foot closes its page: the lines since the page opened, or,
                    // when a running head had opened the page before, since the last wide gap
                    // (two blank lines and more: a chapter that opened a new page).
                    let mut from = page_start;
                    if confirmed {
                        from = out.len();
                        let mut blanks = 0;
                        for (k, l) in out.iter().enumerate().skip(page_start).rev() {
                            if l.is_blank() {
                                blanks += 1;
                                if blanks >= 2 {
                                    from = k;
                                    break;
                                }
                            } else {
                                blanks = 0;
                            }
                        }
                    }
                    for l in &mut out[from..] {
                        l.page = Some(n);
                    }
                    page = Some(n.next());
                    page_start = out.len();
                    confirmed = false;
                }
                prev_was_head = false;
            }
        }
    }
    out
}

fn remember(n: PageNo, last_arabic: &mut Option<u16>, last_roman: &mut Option<u16>) {
    match n {
        PageNo::Arabic(n) => *last_arabic = Some(n),
        PageNo::Roman(n) => *last_roman = Some(n),
    }
}
