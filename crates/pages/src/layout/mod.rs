//! Layout recognizers, one module per mirror family, and the helpers they share.
//!
//! Each recognizer takes the page text (already decoded, HTML already flattened to lines) and
//! returns an [`Extract`]: the country as the page names it, the section title and heading, the
//! body paragraphs and the footer stamp, with the mirror's chrome removed. Everything that is the
//! same for all mirrors — resolving the country, dropping editorial notes and captions, profile
//! fields, section kinds, rejections — happens afterwards in `lib.rs`.

pub(crate) mod all_in_one;
pub(crate) mod allrefer;
pub(crate) mod country_studies_com;
pub(crate) mod crawl;
pub(crate) mod discmaster;
pub(crate) mod gliit;
pub(crate) mod mongabay;
pub(crate) mod photius;
pub(crate) mod series;
pub(crate) mod toc;
pub(crate) mod tripod;

use crate::books;
use crate::footer;
use crate::types::AsOf;

/// What a layout recognizer found on a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extract {
    /// The country as the page's header names it (`Soviet Union [USSR]`, `Bahrain`).
    pub country_name: Option<String>,
    /// The section title, when the page shows one.
    pub title: Option<String>,
    /// A chapter-level heading above the body (`COUNTRY PROFILE`, `GEOGRAPHY`).
    pub heading: Option<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// The page carried Country Studies chrome (`Country Listing`, `… Table of Contents`, a
    /// mirror's own frame).
    pub chrome: bool,
    /// The footer stamp.
    pub data_as_of: Option<AsOf>,
    /// Odd things noticed, in words.
    pub notes: Vec<String>,
}

/// Lines that are mirror chrome after a footer (`Source: U.S. Library of Congress`, a lone `|`).
fn is_trailing_chrome(line: &str) -> bool {
    let l = line.trim();
    l.is_empty()
        || l.chars().all(|c| matches!(c, '|' | '-' | '_' | '*' | ' '))
        || l.starts_with("Source: U.S. Library of Congress")
        || l.eq_ignore_ascii_case("back to top")
        || l.ends_with("Table of Contents")
        || l == "Country Listing"
}

/// Find the `Data as of` footer among the last lines, cut the lines there, and return the stamp.
/// Lines after the footer are dropped (with a note when they are not known chrome).
pub(crate) fn take_footer(lines: &mut Vec<String>, notes: &mut Vec<String>) -> Option<AsOf> {
    let mut seen = 0;
    for idx in (0..lines.len()).rev() {
        if lines[idx].trim().is_empty() {
            continue;
        }
        if let Some(stamp) = footer::parse_footer(&lines[idx]) {
            let dropped = lines[idx + 1..]
                .iter()
                .filter(|l| !is_trailing_chrome(l))
                .count();
            if dropped > 0 {
                notes.push(format!(
                    "dropped {dropped} line(s) after the `Data as of` footer"
                ));
            }
            lines.truncate(idx);
            return Some(stamp);
        }
        seen += 1;
        if seen >= 40 {
            break;
        }
    }
    // No footer: still drop a trailing table-markup `|` and similar.
    while lines.last().is_some_and(|l| is_trailing_chrome(l)) {
        lines.pop();
    }
    None
}

/// Group lines into paragraphs at blank lines; lines inside a group are joined with a space.
pub(crate) fn paragraphs_from_lines(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in lines {
        let l = line.trim();
        if l.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(l);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Drop photo captions and their `Courtesy …` credit at the top of the body. A caption is a short
/// line before a `Courtesy` line among the first few non-blank lines.
pub(crate) fn drop_captions(lines: &mut Vec<String>, notes: &mut Vec<String>) {
    let mut non_blank = 0;
    let mut credit = None;
    for (idx, line) in lines.iter().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        non_blank += 1;
        if non_blank > 8 || l.chars().count() > 300 {
            break;
        }
        if l.starts_with("Courtesy ") && l.chars().count() < 160 {
            credit = Some(idx);
        }
    }
    if let Some(idx) = credit {
        let n = lines[..=idx]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count();
        lines.drain(..=idx);
        notes.push(format!("dropped {n} caption/credit line(s)"));
    }
}

/// An ALL-CAPS heading line: letters, no lower-case letter, short.
pub(crate) fn is_caps_heading(line: &str) -> bool {
    let l = line.trim();
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && l.chars().count() <= 120
        && !l.chars().any(|c| c.is_lowercase())
        && footer::parse_footer(l).is_none()
}

/// Image alt text left in the extract (`Country Profile map`, `Unavailable Country Profile map`).
pub(crate) fn is_map_alt(line: &str) -> bool {
    let l = line.trim().trim_start_matches('[').trim_end_matches(']');
    l.ends_with("Country Profile map") && l.len() < 60
}

/// A line naming a country (or a multi-country book) and nothing else.
pub(crate) fn is_country_line(line: &str) -> bool {
    let l = line.trim();
    !l.is_empty() && l.len() <= 70 && books::book_for_country(l).is_some()
}

/// Split `<Country>[ [<alias>]] <rest>` using the longest known country (or book) prefix.
/// Returns the country text as written (with its alias) and the rest.
pub(crate) fn split_country_prefix(line: &str) -> Option<(String, String)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let max = words.len().min(10);
    for k in (1..=max).rev() {
        if words[..k].iter().any(|w| w.starts_with('[')) {
            continue;
        }
        let prefix = words[..k].join(" ");
        if books::book_for_country(&prefix).is_none() {
            continue;
        }
        let mut country = prefix;
        let mut rest_words = &words[k..];
        if rest_words.first().is_some_and(|w| w.starts_with('['))
            && let Some(end) = rest_words.iter().position(|w| w.ends_with(']'))
        {
            country.push(' ');
            country.push_str(&rest_words[..=end].join(" "));
            rest_words = &rest_words[end + 1..];
        }
        return Some((country, rest_words.join(" ")));
    }
    None
}

/// The text as owned lines (`\r` already normalized away by the caller).
pub(crate) fn to_lines(text: &str) -> Vec<String> {
    text.split('\n').map(|l| l.trim_end().to_owned()).collect()
}

/// Index of the first non-blank line at or after `from`.
pub(crate) fn next_non_blank(lines: &[String], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| !lines[i].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn title_line_splitting() {
        assert_eq!(
            split_country_prefix("Soviet Union [USSR] Foreword"),
            Some(("Soviet Union [USSR]".into(), "Foreword".into()))
        );
        assert_eq!(
            split_country_prefix("Somalia THE REVOLUTIONARY REGIME"),
            Some(("Somalia".into(), "THE REVOLUTIONARY REGIME".into()))
        );
        assert_eq!(
            split_country_prefix("Dominican Republic Sugar and the Economy"),
            Some(("Dominican Republic".into(), "Sugar and the Economy".into()))
        );
        assert_eq!(split_country_prefix("Atlantis Foreword"), None);
    }

    #[test]
    fn footer_is_cut_with_trailing_chrome() {
        let mut notes = Vec::new();
        let mut lines = owned(&[
            "Body.",
            "",
            "Data as of June 1988",
            "Source: U.S. Library of Congress",
            "|",
        ]);
        let stamp = take_footer(&mut lines, &mut notes);
        assert_eq!(
            stamp,
            Some(AsOf {
                year: 1988,
                month: Some(6)
            })
        );
        assert_eq!(lines, owned(&["Body.", ""]));
        assert!(notes.is_empty());
        let mut lines = owned(&["Body.", "|"]);
        assert_eq!(take_footer(&mut lines, &mut notes), None);
        assert_eq!(lines, owned(&["Body."]));
    }

    #[test]
    fn captions_are_dropped() {
        let mut notes = Vec::new();
        let mut lines = owned(&[
            "A market street in the old town",
            "Courtesy A. Photographer",
            "Body text.",
        ]);
        drop_captions(&mut lines, &mut notes);
        assert_eq!(lines, owned(&["Body text."]));
    }
}
