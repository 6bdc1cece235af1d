//! A byte-level test that rejects crawl records which cannot be Country Studies pages, before
//! any parsing or UTF-8 validation.
//!
//! Almost every record of a crawl is some other page, so the scanner's cost is the cost of
//! saying no. The recognizer ([`crate::parse`]) accepts a page only when it has at least one
//! of: a mirror's URL, the `Data as of` footer, or a mirror's chrome (`Country Listing`,
//! `<Country> Table of Contents`, tripod's `Unavailable Country Profile map`, the CD-ROM
//! viewer's `$Unique_ID{`, mongabay's site lines, or an allrefer title line over hard-wrapped
//! text). [`Prefilter::may_be_page`] looks for exactly those, as bytes: one Aho-Corasick
//! automaton over the markers (SIMD-accelerated), the URL through [`crate::parse_url`], and for
//! plain text without any marker a cheap look at the line lengths and the first line. A record
//! it rejects is one the recognizer rejects too.
//!
//! The one kind it can miss: an HTML page from an unknown host, with no footer and none of the
//! markers, that the recognizer would take for allrefer by its shape once flattened. Crawl
//! records carry their URL, so allrefer's own pages are found by their host.

use aho_corasick::AhoCorasick;

use crate::layout;
use crate::types::Mirror;

/// The byte strings whose presence makes a record worth parsing.
pub const MARKERS: [&str; 12] = [
    "Data as of",
    "Table of Contents",
    "Country Listing",
    "Unavailable Country Profile map",
    "$Unique_ID{",
    "Mongabay",
    "MONGABAY",
    // The Country Profiles series (its dated `Library of Congress` line) and the
    // photius/theodora/workmall family (its back link), which the recognizer keeps too.
    "Library of Congress",
    "Library Of Congress",
    "LIBRARY OF CONGRESS",
    "Country Profile: ",
    "<< Back to ",
];

/// How far the recognizer looks for a hard-wrapped layout (characters; bytes here).
const SHAPE_WINDOW: usize = 20_000;
/// The longest line of a hard-wrapped page (characters).
const WRAP: usize = 100;

/// The marker automaton, built once per scanner thread.
#[derive(Debug, Clone)]
pub struct Prefilter {
    markers: AhoCorasick,
}

impl Default for Prefilter {
    fn default() -> Prefilter {
        Prefilter::new()
    }
}

impl Prefilter {
    /// Build the automaton.
    pub fn new() -> Prefilter {
        Prefilter {
            // The markers are fixed, valid patterns: building cannot fail.
            // Leftmost-first semantics let aho-corasick use its SIMD (Teddy) searcher, which
            // skips text that holds none of the markers' first bytes together; standard
            // semantics step through the automaton byte by byte.
            markers: AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(MARKERS)
                .expect("valid markers"),
        }
    }

    /// Whether a record with this URL and body may be a Country Studies page: `false` means
    /// [`crate::parse`] would reject it.
    pub fn may_be_page(&self, url: Option<&str>, body: &[u8]) -> bool {
        if url.is_some_and(|u| crate::parse_url(u).mirror != Mirror::Unknown) {
            return true;
        }
        self.markers.is_match(body) || allrefer_shaped(body)
    }
}

/// Plain text (no `<` in its head) whose lines after the first are short and rarely blank,
/// and whose first line starts with a Country Studies country: what the recognizer takes for
/// allrefer without a URL. Always false for markup.
fn allrefer_shaped(body: &[u8]) -> bool {
    let head = &body[..body.len().min(SHAPE_WINDOW)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let text = &head[start..];
    // The first line first: it must start with a country of the series (rare, and cheap to
    // refuse), before any look at the other lines.
    let first_end = memchr::memchr2(b'\n', b'\r', text).unwrap_or(text.len());
    let first = &text[..first_end];
    if !first
        .first()
        .is_some_and(|b| b.is_ascii_uppercase() || *b >= 0x80)
    {
        return false;
    }
    match std::str::from_utf8(first) {
        Ok(first) => {
            if !layout::split_country_prefix(first.trim()).is_some_and(|(_, rest)| !rest.is_empty())
            {
                return false;
            }
        }
        Err(_) => {} // the recognizer decodes lossily: let the lines decide
    }
    if memchr::memchr(b'<', &head[..head.len().min(4096)]).is_some() {
        return false;
    }
    // Every complete line after the first must be short (a line cut by the window may go on).
    let complete = match memchr::memrchr2(b'\n', b'\r', text) {
        Some(i) if body.len() > SHAPE_WINDOW => &text[..i],
        _ => text,
    };
    let mut count = 0usize;
    for line in complete.split(|&b| b == b'\n' || b == b'\r').skip(1) {
        count += 1;
        // Bytes bound characters from above: count characters only for long byte runs.
        if line.len() > WRAP && line.iter().filter(|&&b| (b as i8) >= -0x40).count() > WRAP {
            return false;
        }
    }
    count >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_accepts(url: Option<&str>, body: &str) -> bool {
        let (page, _) = crate::parse(&crate::Input {
            bytes: body.as_bytes(),
            path: None,
            url,
        });
        page.kind == crate::PageKind::CountryStudy
    }

    #[test]
    fn pages_of_every_layout_pass() {
        let f = Prefilter::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
        let mut checked = 0;
        for dir in ["ok", "err"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.to_string_lossy().into_owned();
                if name.ends_with(".json") || name.ends_with(".url") {
                    continue;
                }
                let body = std::fs::read(&path).unwrap();
                let own = std::fs::read_to_string(format!("{name}.url")).ok();
                let own = own.as_deref().map(str::trim);
                for url in [None, Some("http://example.org/page.html"), own] {
                    let (page, _) = crate::parse(&crate::Input {
                        bytes: &body,
                        path: None,
                        url,
                    });
                    if page.kind == crate::PageKind::CountryStudy {
                        checked += 1;
                        assert!(
                            f.may_be_page(url, &body),
                            "{name} (URL {url:?}) is a page the prefilter rejects"
                        );
                    }
                }
            }
        }
        assert!(checked >= 10, "only {checked} pages checked");
    }

    #[test]
    fn other_text_is_rejected() {
        let f = Prefilter::new();
        let news = "The council met on Tuesday.\nIt approved the budget for the library and the park, and adjourned before noon after a long debate.\n";
        assert!(!f.may_be_page(Some("https://news.example.com/a"), news.as_bytes()));
        assert!(!parse_accepts(Some("https://news.example.com/a"), news));
        let html = "<html><body><p>Japan is an island country.</p></body></html>";
        assert!(!f.may_be_page(None, html.as_bytes()));
        // Binary and invalid UTF-8 are not pages and cost no decoding.
        assert!(!f.may_be_page(None, &[0xff, 0xfe, 0x00, 0x41]));
    }

    #[test]
    fn each_marker_and_mirror_urls_pass() {
        let f = Prefilter::new();
        for m in MARKERS {
            let body = format!("some page text\n{m} and more\n");
            assert!(f.may_be_page(None, body.as_bytes()), "{m}");
        }
        assert!(f.may_be_page(Some("http://countrystudies.us/japan/21.htm"), b"x"));
        assert!(f.may_be_page(
            Some("http://www.country-data.com/cgi-bin/query/r-7046.html"),
            b"x"
        ));
    }

    #[test]
    fn allrefer_shape_without_url_or_footer() {
        let f = Prefilter::new();
        let wrapped = "Japan Decline of the Old Order\nThe old order weakened as the\nmerchants grew rich and the\nlords fell into debt to them\nas rice prices fell year\nafter year.\n";
        assert!(
            parse_accepts(None, wrapped),
            "the recognizer's allrefer case"
        );
        assert!(f.may_be_page(None, wrapped.as_bytes()));
        let not_a_country = wrapped.replace("Japan Decline", "Our Decline");
        assert!(!f.may_be_page(None, not_a_country.as_bytes()));
        assert!(!parse_accepts(None, &not_a_country));
    }
}
