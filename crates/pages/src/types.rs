//! The plain data types `pages` returns.

use serde::Serialize;

/// What [`crate::parse`] is given: the raw bytes and whatever is known of where they came from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The page's bytes, as fetched or extracted (any encoding; invalid UTF-8 is replaced).
    pub bytes: &'a [u8],
    /// The local file path, if any (used for the file extension and in diagnostics).
    pub path: Option<&'a str>,
    /// The page's original URL, if known (crawl records carry it; `--url` on the CLI).
    pub url: Option<&'a str>,
}

/// Whether a page is a Country Studies section page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// A section page of the Area Handbook / Country Studies series.
    CountryStudy,
    /// Anything else; [`Page::reason`] says why.
    NotRecognized,
}

/// The mirror (web site or crawl form) a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mirror {
    /// lcweb2.loc.gov query pages (the original).
    Loc,
    /// country-data.com, a copy of the LoC query system.
    CountryData,
    /// countrystudies.us.
    #[serde(rename = "countrystudies-us")]
    CountryStudiesUs,
    /// reference.allrefer.com.
    Allrefer,
    /// mongabay.com.
    Mongabay,
    /// countries{1,3,5}.tripod.com.
    Tripod,
    /// country-studies.com.
    CountryStudiesCom,
    /// gl.iit.edu govdocs.
    GlIit,
    /// discmaster.textfiles.com (Countries of the World CD-ROM).
    Discmaster,
    /// Plain crawl text with LoC chrome and no known site.
    CrawlText,
    /// Unknown origin.
    Unknown,
}

impl Mirror {
    /// The stable short name used in JSON and the catalog.
    pub fn as_str(self) -> &'static str {
        match self {
            Mirror::Loc => "loc",
            Mirror::CountryData => "country-data",
            Mirror::CountryStudiesUs => "countrystudies-us",
            Mirror::Allrefer => "allrefer",
            Mirror::Mongabay => "mongabay",
            Mirror::Tripod => "tripod",
            Mirror::CountryStudiesCom => "country-studies-com",
            Mirror::GlIit => "gl-iit",
            Mirror::Discmaster => "discmaster",
            Mirror::CrawlText => "crawl-text",
            Mirror::Unknown => "unknown",
        }
    }
}

/// A `Data as of` stamp: a year and, usually, a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOf {
    /// Four-digit year.
    pub year: u16,
    /// Month 1–12, when the footer gives one.
    pub month: Option<u8>,
}

impl std::fmt::Display for AsOf {
    /// `1989-05`, or `1989` when only the year is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(m) => write!(f, "{:04}-{:02}", self.year, m),
            None => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for AsOf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// English month names, January first (as the `Data as of` footers spell them).
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl AsOf {
    /// The stamp as the footers print it: `May 1989`, or `1989`.
    pub fn long(&self) -> String {
        match self
            .month
            .and_then(|m| MONTH_NAMES.get(usize::from(m).wrapping_sub(1)))
        {
            Some(name) => format!("{name} {}", self.year),
            None => self.year.to_string(),
        }
    }

    /// Parse `1989-05` or `1989`.
    pub fn parse(s: &str) -> Option<AsOf> {
        let (y, m) = match s.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (s, None),
        };
        let year: u16 = y.parse().ok()?;
        let month = match m {
            Some(m) => {
                let m: u8 = m.parse().ok()?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                Some(m)
            }
            None => None,
        };
        Some(AsOf { year, month })
    }
}

/// What part of a book a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Foreword, Acknowledgments, Preface.
    FrontMatter,
    /// The Introduction chapter.
    Introduction,
    /// A Country Profile sub-page (its `Label:` lines are in [`Page::fields`]).
    Profile,
    /// A narrative section of a chapter.
    Narrative,
    /// Bibliography, Glossary, Tables.
    BackMatter,
}

/// A `Label: value` field of a Country Profile sub-page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The label without its colon, e.g. `Formal Name`.
    pub label: String,
    /// The value text.
    pub value: String,
}

/// One recognized (or rejected) page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The input path, if any.
    pub path: Option<String>,
    /// The page URL, if known.
    pub url: Option<String>,
    /// Country Studies page or not.
    pub kind: PageKind,
    /// Why the page was not recognized (`None` when it was).
    pub reason: Option<String>,
    /// Where the page came from.
    pub mirror: Mirror,
    /// The chapter country, by its canonical Country Studies name (e.g. `Soviet Union`).
    pub country: Option<String>,
    /// The book title (e.g. `Persian Gulf States`; for one-country books the country).
    pub book: Option<String>,
    /// The section title, when the page or URL gives it.
    pub section_title: Option<String>,
    /// A chapter-level heading seen above the body (e.g. `GEOGRAPHY`), if any.
    pub heading: Option<String>,
    /// The footer's `Data as of` stamp.
    pub data_as_of: Option<AsOf>,
    /// The body paragraphs only: no header, footer, navigation, captions or editorial notes.
    /// On Country Profile pages the `Label:` paragraphs are in [`Page::fields`] instead, so this
    /// holds only the text before the first label (often nothing).
    pub paragraphs: Vec<String>,
    /// Country Profile `Label:` fields, in page order (a field's continuation paragraphs are
    /// joined to its value with a blank line).
    pub fields: Vec<Field>,
    /// What part of the book this section is.
    pub section_kind: SectionKind,
    /// The page's position in its book, from the URL (`/9.htm`, `somalia32.html`, `r-7046`).
    pub sequence: Option<u64>,
}

impl Page {
    /// A rejected page with the given reason.
    pub fn not_recognized(input: &Input<'_>, reason: &str) -> Page {
        Page {
            path: input.path.map(str::to_owned),
            url: input.url.map(str::to_owned),
            kind: PageKind::NotRecognized,
            reason: Some(reason.to_owned()),
            mirror: Mirror::Unknown,
            country: None,
            book: None,
            section_title: None,
            heading: None,
            data_as_of: None,
            paragraphs: Vec::new(),
            fields: Vec::new(),
            section_kind: SectionKind::Narrative,
            sequence: None,
        }
    }
}

/// Something odd noticed while parsing; never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What was noticed, in words.
    pub message: String,
}
