//! `parse` never panics, whatever it is given, and finishes on multi-megabyte adversarial input.

use proptest::prelude::*;

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
            // A page that names no country has neither country nor book (the library infers).
            prop_assert!(page.book.is_some() || page.country.is_none());
            prop_assert!(!page.paragraphs.is_empty() || !page.fields.is_empty());
        }
    }

    #[test]
    fn arbitrary_urls_never_panic(url in "\\PC{0,200}") {
        let _ = pages::parse_url(&url);
    }
}

/// Inputs of a few megabytes that once were, or could have been, scanned quadratically: a
/// quadratic scan of 2 MB examines some 10^12 bytes and would take many minutes, so finishing at
/// all is the check (no clock: timings are too noisy to test).
const HUGE: usize = 2 << 20;

/// `unit` repeated to about [`HUGE`] bytes.
fn huge(unit: &str) -> String {
    unit.repeat(HUGE / unit.len())
}

/// A multi-megabyte single line (a flattened page gone wrong) parses through the page layouts.
#[test]
fn huge_single_line_parses() {
    let mut s = String::with_capacity(HUGE + 64);
    s.push_str("Country Listing Japan Table of Contents ");
    let words = [
        "Size: ",
        "word ",
        "the ",
        "a<b ",
        "&amp; ",
        "Data as of ",
        "x-- ",
    ];
    for i in 0..HUGE / 6 {
        s.push_str(words[i % words.len()]);
    }
    s.push_str(" Data as of May 1989");
    for url in [None, Some("https://countries5.tripod.com/cJapan2.htm")] {
        let page = parse(s.as_bytes(), url);
        assert_eq!(page.kind, pages::PageKind::CountryStudy, "{url:?}");
        assert_eq!(
            page.data_as_of.map(|d| d.to_string()).as_deref(),
            Some("1989-05")
        );
    }
}

/// Runs of one stray piece of markup or chrome, as HTML and as text, through every layout.
#[test]
fn huge_runs_of_stray_markup_parse() {
    let units = [
        "<",
        "&",
        "<a",
        "</",
        "<!--",
        "&#",
        "-",
        "--",
        ": ",
        "Data as of ",
        "$Title{\n",
        "x\n",
        "\n",
        "Size: x ",
        "library of congress ",
    ];
    let urls = [
        None,
        Some("http://www.mongabay.com/history/brazil/brazil-x.html"),
        Some("http://reference.allrefer.com/country-guide-study/somalia/somalia32.html"),
        Some("https://countries5.tripod.com/cChad3.htm"),
        Some("http://discmaster.textfiles.com/view/1/x.txt"),
        Some("http://www.gl.iit.edu/govdocs/afghanistan/foreward.html"),
    ];
    for unit in units {
        let text = huge(unit);
        for url in urls {
            let page = parse(text.as_bytes(), url);
            assert!(page.kind == pages::PageKind::CountryStudy || page.reason.is_some());
        }
    }
    // Mongabay's title line, a discmaster `$Title{` block that never closes, an HTML page of
    // stray `<` and `&`: each with its layout's chrome so the scan reaches the body.
    let mongabay = Some("http://www.mongabay.com/history/brazil/brazil-x.html");
    let cases = [
        (format!("{}\nBrazil Index\n\nBody.\n", huge("-")), mongabay),
        (
            format!("$Unique_ID{{COW1}}\n$Title{{Kenya\n{}", huge("x\n")),
            None,
        ),
        (
            format!("<html><body><p>{}</p></body></html>", huge("<&")),
            None,
        ),
    ];
    for (text, url) in &cases {
        let page = parse(text.as_bytes(), *url);
        assert!(page.kind == pages::PageKind::CountryStudy || page.reason.is_some());
    }
}
