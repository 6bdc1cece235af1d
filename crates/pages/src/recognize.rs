//! The recognizer pipeline behind [`crate::parse`]: decode, flatten HTML, pick the layout, then
//! resolve the country and book, clean the body, classify the section — or reject with a reason.

use crate::books::{self, BookInfo};
use crate::html;
use crate::layout::{self, Extract};
use crate::profile;
use crate::section;
use crate::types::{Diagnostic, Input, Mirror, Page, PageKind};
use crate::url::{self, UrlInfo};

const EDITORIAL_NOTE: &str = "NOTE--The Country Profile contains updated information as available.";

fn reject(input: &Input<'_>, mirror: Mirror, sequence: Option<u64>, reason: &str) -> Page {
    let mut page = Page::not_recognized(input, reason);
    page.mirror = mirror;
    page.sequence = sequence;
    page
}

fn diag(diags: &mut Vec<Diagnostic>, message: impl Into<String>) {
    diags.push(Diagnostic {
        message: message.into(),
    });
}

/// Control bytes other than whitespace, or NUL anywhere in the first 8 KB, mean binary data.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len()
}

/// Lossy UTF-8 decoding with one diagnostic; `\r\n` and lone `\r` become `\n`; a BOM is dropped.
pub(crate) fn decode(bytes: &[u8], diags: &mut Vec<Diagnostic>) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            diag(
                diags,
                "invalid UTF-8: decoded lossily (bad bytes became U+FFFD)",
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// The first `n` characters (char-boundary safe).
fn head(text: &str, n: usize) -> &str {
    let cut = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[..cut]
}

/// Guess the mirror from the chrome, when no URL says.
fn detect_mirror(text: &str) -> Mirror {
    let top = head(text, 4000);
    if top.contains("$Unique_ID{") {
        return Mirror::Discmaster;
    }
    if top.contains("Mongabay on Facebook")
        || top.contains("MONGABAY.COM")
        || top.contains("Mongabay.com seeks")
    {
        return Mirror::Mongabay;
    }
    if top.contains("Previous Page Table of Contents Next Page")
        || top.contains("Government Publications Home")
    {
        return Mirror::GlIit;
    }
    let trimmed = text.trim();
    if !trimmed.contains('\n') && trimmed.len() > 200 {
        if trimmed.contains("Unavailable Country Profile map") {
            return Mirror::Tripod;
        }
        if let Some((start, _, _)) = crate::footer::find_inline_footer(trimmed)
            && start > 0
        {
            return Mirror::Tripod;
        }
    }
    let first_lines: Vec<&str> = top
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .collect();
    if first_lines
        .iter()
        .any(|l| *l == "Country Listing" || l.ends_with(" Table of Contents"))
    {
        return Mirror::CrawlText;
    }
    if looks_hard_wrapped(trimmed)
        && first_lines
            .first()
            .and_then(|l| layout::split_country_prefix(l))
            .is_some_and(|(_, rest)| !rest.is_empty())
    {
        return Mirror::Allrefer;
    }
    Mirror::Unknown
}

/// Many lines, no blank lines between them, none much longer than a hard wrap.
fn looks_hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = head(text, 20_000).lines().skip(1).collect();
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    lines.len() >= 4 && blank * 10 <= lines.len() && lines.iter().all(|l| l.chars().count() <= 100)
}

/// The 2005+ LoC *Country Profiles* series: `Library of Congress` with a 2004–2009 date.
fn is_country_profiles_series(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // `<month> 2004` … `<month> 2009` within 80 characters after each `library of congress`.
    let dated = |after: &str| {
        MONTHS.iter().any(|month| {
            after.match_indices(month).any(|(at, _)| {
                let year = &after.as_bytes()[at + month.len()..];
                year.len() >= 5 && year[..4] == *b" 200" && (b'4'..=b'9').contains(&year[4])
            })
        })
    };
    lower
        .match_indices("library of congress")
        .any(|(i, m)| dated(head(&lower[i + m.len()..], 80)))
        || lower.starts_with("country profile: ")
        || lower.contains("\ncountry profile: ")
}

/// A title from the HTML: the first h1–h3 that is not a country name or navigation, else the
/// `<title>` with country and site names dropped.
fn html_title(h: &html::HtmlText) -> Option<String> {
    let is_noise = |s: &str| {
        let s = s.trim();
        s.is_empty()
            || books::book_for_country(s).is_some()
            || s.ends_with("Table of Contents")
            || s == "Country Listing"
            || s.to_ascii_lowercase().contains("country stud")
            || s.to_ascii_lowercase().contains("library of congress")
    };
    if let Some(hd) = h.headings.iter().find(|s| !is_noise(s)) {
        // `Estonia Manor Farms and the Peasantry`: drop the country prefix.
        return match layout::split_country_prefix(hd) {
            Some((_, rest)) if !rest.is_empty() => Some(rest),
            _ => Some(hd.clone()),
        };
    }
    let title = h.title.as_deref()?;
    let mut parts: Vec<&str> = vec![title];
    for sep in [" | ", " -- ", " - ", " – ", ": "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .find(|p| !is_noise(p))
        .map(str::to_owned)
}

/// The page's country (canonical chapter country) and book.
enum Resolved {
    /// A book of another series: its country, resolved by `layout::series`.
    Series(&'static str),
    Found(Option<&'static str>, &'static BookInfo),
    Unknown(String),
    Missing,
}

fn resolve(ex: &Extract, info: Option<&UrlInfo>, diags: &mut Vec<Diagnostic>) -> Resolved {
    let from_name = |name: &str| -> Option<(Option<&'static str>, &'static BookInfo)> {
        match books::chapter_country(name) {
            Some(c) => books::book_for_country(c).map(|b| (Some(c), b)),
            None => books::book_for_country(name).map(|b| (None, b)),
        }
    };
    let from_url = info.and_then(|i| {
        i.slug.as_deref().and_then(from_name).or_else(|| {
            i.loc_code
                .as_deref()
                .and_then(books::by_loc_code)
                .map(|(c, b)| (Some(c), b))
        })
    });
    if let Some(name) = ex.country_name.as_deref() {
        let Some((country, book)) = from_name(name) else {
            return Resolved::Unknown(name.to_owned());
        };
        if let (Some(c), Some((Some(uc), _))) = (country, from_url)
            && c != uc
        {
            diag(
                diags,
                format!("the page names {c} but its URL names {uc}; kept {c}"),
            );
        }
        // A multi-country book title in the header: the URL may name the chapter.
        if country.is_none()
            && let Some((Some(uc), ub)) = from_url
            && ub.title == book.title
        {
            return Resolved::Found(Some(uc), ub);
        }
        return Resolved::Found(country, book);
    }
    match from_url {
        Some((c, b)) => Resolved::Found(c, b),
        None => match info.and_then(|i| i.slug.clone()) {
            Some(slug) => Resolved::Unknown(slug),
            None => Resolved::Missing,
        },
    }
}

/// Drop the online edition's editorial note wherever it sits.
fn drop_editorial_notes(paragraphs: &mut Vec<String>, diags: &mut Vec<Diagnostic>) {
    let mut n = 0;
    for p in paragraphs.iter_mut() {
        if p.contains(EDITORIAL_NOTE) {
            *p = p
                .replace(EDITORIAL_NOTE, " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            n += 1;
        }
    }
    paragraphs.retain(|p| !p.trim().is_empty());
    if n > 0 {
        diag(
            diags,
            "dropped the editorial note `NOTE--The Country Profile contains updated information as available.`",
        );
    }
}

/// Drop `Courtesy …` photo credits anywhere in the body, with the short caption paragraph just
/// before each (captions at the top of the body are already gone with their layout).
fn drop_mid_body_captions(paragraphs: &mut Vec<String>, diags: &mut Vec<Diagnostic>) {
    let is_credit = |p: &str| p.starts_with("Courtesy ") && p.chars().count() < 120;
    let mut keep = vec![true; paragraphs.len()];
    for i in 0..paragraphs.len() {
        if is_credit(&paragraphs[i]) {
            keep[i] = false;
            if i > 0 && keep[i - 1] && paragraphs[i - 1].chars().count() < 200 {
                keep[i - 1] = false;
            }
        }
    }
    let dropped = keep.iter().filter(|k| !**k).count();
    if dropped > 0 {
        let mut it = keep.iter();
        paragraphs.retain(|_| *it.next().unwrap_or(&true));
        diag(
            diags,
            format!("dropped {dropped} caption/credit paragraph(s) inside the body"),
        );
    }
}

/// Recognize one page (see [`crate::parse`]).
pub(crate) fn parse(input: &Input<'_>) -> (Page, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let info = input.url.map(url::parse_url);
    let url_mirror = info.as_ref().map_or(Mirror::Unknown, |i| i.mirror);
    let sequence = info.as_ref().and_then(|i| i.sequence);
    let bytes = input.bytes;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return (reject(input, url_mirror, sequence, "empty page"), diags);
    }
    if looks_binary(bytes) {
        return (
            reject(
                input,
                url_mirror,
                sequence,
                "binary data, not a text or HTML page",
            ),
            diags,
        );
    }
    let mut text = decode(bytes, &mut diags);
    let mut html_text = None;
    if html::looks_like_html(&text, input.path) {
        let h = html::html_to_text(&text);
        text = h.text.clone();
        html_text = Some(h);
    }
    if text.trim().is_empty() {
        return (
            reject(
                input,
                url_mirror,
                sequence,
                "no text (empty after removing markup)",
            ),
            diags,
        );
    }
    if info.as_ref().is_some_and(|i| i.is_toc) {
        return (
            reject(
                input,
                url_mirror,
                sequence,
                "a book's table of contents, not a section page",
            ),
            diags,
        );
    }
    let mirror = if url_mirror != Mirror::Unknown {
        url_mirror
    } else {
        detect_mirror(&text)
    };
    let mut ex = match mirror {
        _ if layout::photius::detect(&text, input.url) => {
            layout::photius::extract(&text, input.url)
        }
        Mirror::Allrefer => layout::allrefer::extract(&text),
        Mirror::Mongabay => layout::mongabay::extract(&text),
        Mirror::Tripod => layout::tripod::extract(&text),
        Mirror::CountryStudiesCom => layout::country_studies_com::extract(&text),
        Mirror::GlIit => layout::gliit::extract(&text),
        Mirror::Discmaster => layout::discmaster::extract(&text),
        Mirror::Loc
        | Mirror::CountryData
        | Mirror::CountryStudiesUs
        | Mirror::CrawlText
        | Mirror::Unknown => layout::crawl::extract(&text),
    };
    // The later series has no `Data as of` footer, but a dated `Library of Congress` line:
    // a book of its own (`Vietnam: Country Profile (December 2005)`), never the study's.
    let mut series_book = None;
    if ex.data_as_of.is_none() && is_country_profiles_series(&text) {
        match layout::series::country_profile(&text) {
            Some(p) => {
                ex.data_as_of = Some(p.as_of);
                ex.chrome = true;
                ex.title.get_or_insert_with(|| "Country Profile".to_owned());
                // The page's own header lines are not body: its name, its date, a heading.
                ex.paragraphs.retain(|p| {
                    let lower = p.to_ascii_lowercase();
                    !(p.starts_with("Directory:")
                        || p.starts_with("Country Profile: ")
                        || lower.starts_with("library of congress") && p.len() < 60)
                });
                if ex
                    .paragraphs
                    .first()
                    .is_some_and(|p| layout::is_caps_heading(p))
                {
                    ex.heading = Some(ex.paragraphs.remove(0));
                }
                series_book = Some((p.country, p.book()));
            }
            None => {
                let reason = "the Library of Congress Country Profiles series (2005 and later), not the Country Studies";
                return (reject(input, mirror, sequence, reason), diags);
            }
        }
    }
    for note in ex.notes.drain(..) {
        diag(&mut diags, note);
    }

    // Titles the HTML gives, and a first paragraph that only repeats a heading.
    if let Some(h) = &html_text {
        if ex
            .paragraphs
            .first()
            .is_some_and(|p| h.headings.iter().any(|hd| hd == p))
        {
            let first = ex.paragraphs.remove(0);
            if ex.title.is_none() && books::book_for_country(&first).is_none() {
                ex.title = Some(first);
            }
        }
        if ex.title.is_none() {
            ex.title = html_title(h);
        }
    }
    if ex.title.is_none() {
        ex.title = info
            .as_ref()
            .and_then(|i| i.title_slug.as_deref())
            .map(url::title_from_slug);
    }

    drop_editorial_notes(&mut ex.paragraphs, &mut diags);
    drop_mid_body_captions(&mut ex.paragraphs, &mut diags);
    let labelled = ex
        .paragraphs
        .iter()
        .filter(|p| profile::label_of(p).is_some())
        .count();
    let has_formal_name = ex.paragraphs.iter().any(|p| p.starts_with("Formal Name:"));
    if !ex.chrome && ex.data_as_of.is_none() {
        if has_formal_name {
            let reason = "`Formal Name:` profile without Area Handbook chrome or footer (the Country Profiles series or a re-use)";
            return (reject(input, mirror, sequence, reason), diags);
        }
        if url_mirror == Mirror::Unknown {
            let reason = "no Country Studies chrome and no `Data as of` footer (third-party re-use or another text)";
            return (reject(input, mirror, sequence, reason), diags);
        }
    }
    let resolved = match &series_book {
        Some((country, _)) => Resolved::Series(country),
        None => resolve(&ex, info.as_ref(), &mut diags),
    };
    let (country, book) = match resolved {
        Resolved::Series(c) => (Some(c), None),
        Resolved::Found(c, b) => (c, Some(b)),
        Resolved::Unknown(name) => {
            let reason = format!("unknown country `{name}`: not a Country Studies book or chapter");
            return (reject(input, mirror, sequence, &reason), diags);
        }
        // A Country Studies page (chrome, footer or a mirror's URL) that names no country: an
        // excerpt that starts mid-section, a page whose header was lost. It is kept with no
        // country; the library may infer one from the text (marked as inferred), never this
        // crate.
        Resolved::Missing => {
            diag(&mut diags, "no country named on the page or in its URL");
            (None, None)
        }
    };
    if ex.paragraphs.is_empty() {
        return (
            reject(input, mirror, sequence, "no body text after the chrome"),
            diags,
        );
    }
    if ex.data_as_of.is_none() {
        diag(
            &mut diags,
            "no `Data as of` footer (front matter, or a truncated page)",
        );
    }
    let section_kind = section::classify(
        ex.title.as_deref(),
        ex.heading.as_deref(),
        &ex.paragraphs,
        labelled,
    );
    // Profile `Label:` paragraphs (and the paragraphs continuing them) move into `fields`; only
    // text before the first label stays in `paragraphs`, so nothing is stored twice.
    let fields = if section_kind == crate::types::SectionKind::Profile {
        let first_label = ex
            .paragraphs
            .iter()
            .position(|p| profile::label_of(p).is_some());
        match first_label {
            Some(i) => {
                let fields = profile::fields(&ex.paragraphs[i..]);
                ex.paragraphs.truncate(i);
                fields
            }
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let page = Page {
        path: input.path.map(str::to_owned),
        url: input.url.map(str::to_owned),
        kind: PageKind::CountryStudy,
        reason: None,
        mirror: if mirror == Mirror::Unknown {
            Mirror::CrawlText
        } else {
            mirror
        },
        country: country.map(str::to_owned),
        book: match (series_book, book) {
            (Some((_, title)), _) => Some(title),
            // An older Area Handbook edition is a book of its own, not the 1986-1998 study.
            (None, Some(b)) => Some(match layout::series::foreign_area_studies(&text) {
                Some(year) => layout::series::fas_book(b.title, year),
                None => b.title.to_owned(),
            }),
            (None, None) => None,
        },
        section_title: ex.title,
        heading: ex.heading,
        data_as_of: ex.data_as_of,
        paragraphs: ex.paragraphs,
        fields,
        section_kind,
        sequence,
    };
    (page, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_from_chrome_alone() {
        let allrefer = "Japan Decline of the Old Order\nThe old order weakened as the\nmerchants grew rich and the\nlords fell into debt to them.\nData as of January 1994\n";
        assert_eq!(detect_mirror(allrefer), Mirror::Allrefer);
        let mongabay = "About  |   Contact  |  Mongabay on Facebook\n\nJapan Index\n\nBody.";
        assert_eq!(detect_mirror(mongabay), Mirror::Mongabay);
        let tripod = format!(
            "Unavailable Country Profile map {} Data as of April 1994",
            "Size: big. ".repeat(30)
        );
        assert_eq!(detect_mirror(&tripod), Mirror::Tripod);
        assert_eq!(
            detect_mirror("$Unique_ID{COW1}\n$Title{Kenya\nFront Matter}"),
            Mirror::Discmaster
        );
        assert_eq!(
            detect_mirror("Previous Page Table of Contents Next Page\n\nForeword"),
            Mirror::GlIit
        );
        assert_eq!(
            detect_mirror("Country Listing\n\nJapan Table of Contents\n\nBody."),
            Mirror::CrawlText
        );
        assert_eq!(
            detect_mirror("Just some prose.\n\nMore prose."),
            Mirror::Unknown
        );
    }

    #[test]
    fn binary_and_decoding() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(
            "Plain text, with a tab\tand lines\r\n".as_bytes()
        ));
        let mut diags = Vec::new();
        assert_eq!(decode(b"a\r\nb\rc", &mut diags), "a\nb\nc");
        assert!(diags.is_empty());
        assert_eq!(decode(b"caf\xe9", &mut diags), "caf\u{FFFD}");
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn mid_body_captions() {
        let mut ps: Vec<String> = [
            "Body one.",
            "A dam on the upper river",
            "Courtesy Water Ministry",
            "Body two.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut diags = Vec::new();
        drop_mid_body_captions(&mut ps, &mut diags);
        assert_eq!(ps, vec!["Body one.", "Body two."]);
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn country_profiles_series() {
        assert!(is_country_profiles_series(
            "Library Of Congress December 2005\nFormal Name: X."
        ));
        assert!(is_country_profiles_series(
            "Country Profile: Vietnam, December 2005"
        ));
        assert!(!is_country_profiles_series(
            "Federal Research Division, Library of Congress, 1989"
        ));
    }
}
