//! `parse` never panics, whatever it is given, and stays linear on huge single-line input.

use proptest::prelude::*;
use std::time::{Duration, Instant};

fn parse(bytes: &[u8], url: Option<&str>) -> pages::Page {
    pages::parse(&pages::Input {
        bytes,
        path: Some("x.html"),
        url,
    })
    .0
}

/// Pieces of real layouts, so random pages reach deep into the recognizers.
const FRAGMENTS: &[&str] = &[
    "Country Listing\n",
    "Japan Table of Contents\n",
    "Soviet Union [USSR] Foreword\n",
    "\n\n",
    "Data as of May 1989\n",
    "Data as of 1987",
    "COUNTRY PROFILE\n",
    "Size: big. ",
    "Climate: ",
    "Courtesy Someone\n",
    "Brazil Index\n",
    "MONGABAY.COM\n",
    "$Unique_ID{COW1}\n",
    "$Title{Kenya\n",
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<script>",
    "<title>",
    "&amp;",
    "&#",
    ";",
    "é",
    "\u{FFFD}",
    "NOTE--The Country Profile contains updated information as available.",
    "|\n",
    " ",
    "-",
    "Unavailable Country Profile map ",
    "Previous Page Table of Contents Next Page\n",
    "12 ",
];

const URLS: &[&str] = &[
    "http://www.country-data.com/cgi-bin/query/r-7046.html",
    "http://countrystudies.us/japan/21.htm",
    "http://reference.allrefer.com/country-guide-study/somalia/somalia32.html",
    "http://www.mongabay.com/history/brazil/brazil-the_electoral_system.html",
    "https://countries5.tripod.com/cChad3.htm",
    "http://country-studies.com/afghanistan/x.html",
    "http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+iq0023)",
    "http://www.gl.iit.edu/govdocs/afghanistan/foreward.html",
    "http://discmaster.textfiles.com/view/1/x.txt",
    "%%%://",
];

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), u in 0..URLS.len() + 1) {
        let page = parse(&bytes, URLS.get(u).copied());
        prop_assert!(page.kind == pages::PageKind::CountryStudy || page.reason.is_some());
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,600}", u in 0..URLS.len() + 1) {
        let _ = parse(s.as_bytes(), URLS.get(u).copied());
    }

    #[test]
    fn layout_fragments_never_panic(idx in proptest::collection::vec(0..FRAGMENTS.len(), 0..60), u in 0..URLS.len() + 1) {
        let text: String = idx.iter().map(|&i| FRAGMENTS[i]).collect();
        let page = parse(text.as_bytes(), URLS.get(u).copied());
        if page.kind == pages::PageKind::CountryStudy {
            prop_assert!(page.book.is_some());
            prop_assert!(!page.paragraphs.is_empty() || !page.fields.is_empty());
        }
    }

    #[test]
    fn arbitrary_urls_never_panic(url in "\\PC{0,200}") {
        let _ = pages::parse_url(&url);
    }
}

/// A multi-megabyte single line (a flattened page gone wrong) parses in linear time: ten times the
/// input must not take anywhere near a hundred times as long.
#[test]
fn huge_single_line_is_linear() {
    fn time(n_words: usize) -> Duration {
        let mut s = String::with_capacity(n_words * 8);
        s.push_str("Country Listing Japan Table of Contents ");
        for i in 0..n_words {
            s.push_str(
                [
                    "Size: ",
                    "word ",
                    "the ",
                    "a<b ",
                    "&amp; ",
                    "Data as of ",
                    "x-- ",
                ][i % 7],
            );
        }
        s.push_str(" Data as of May 1989");
        let start = Instant::now();
        let _ = parse(s.as_bytes(), None);
        let _ = parse(
            s.as_bytes(),
            Some("https://countries5.tripod.com/cJapan2.htm"),
        );
        start.elapsed()
    }
    let small = time(20_000);
    let large = time(200_000);
    assert!(
        large < small * 40 + Duration::from_millis(500),
        "10x input took {large:?} vs {small:?}: not linear"
    );
}
