//! The LoC query-page layout: country-data.com, lcweb2, countrystudies.us and plain crawl text.
//!
//! ```text
//! [Section Title]                 <- countrystudies.us only, before the nav line
//! Country Listing
//! <Country> Table of Contents
//! <Country>                       <- chapter-country line (may be missing)
//! [SECTION HEADING]               <- ALL CAPS, e.g. COUNTRY PROFILE / GEOGRAPHY
//! [Country Profile map]
//! [COUNTRY]
//! <body paragraphs separated by blank lines>
//! Data as of <Month YYYY>
//! [Source: U.S. Library of Congress]
//! ```
//! Every header part can be missing (profile sub-pages often start straight at `Size:`).

use crate::books;

use super::{
    Extract, drop_captions, is_caps_heading, is_country_line, is_map_alt, next_non_blank,
    paragraphs_from_lines, take_footer, to_lines,
};

const TOC_SUFFIX: &str = " Table of Contents";

/// Recognize the header lines, cut the footer, and split the body into paragraphs.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let mut lines = to_lines(text);
    ex.data_as_of = take_footer(&mut lines, &mut ex.notes);

    // Look for the `<Country> Table of Contents` nav line among the first non-blank lines.
    let mut head: Vec<usize> = Vec::new();
    let mut probe = 0;
    while let Some(i) = next_non_blank(&lines, probe) {
        head.push(i);
        probe = i + 1;
        if head.len() >= 6 {
            break;
        }
    }
    let toc = head.iter().copied().find(|&i| {
        let l = lines[i].trim();
        l.ends_with(TOC_SUFFIX) && l.len() < 140
    });
    let mut pos = 0;
    if let Some(t) = toc {
        ex.chrome = true;
        let l = lines[t].trim();
        let name = l[..l.len() - TOC_SUFFIX.len()].trim();
        if !name.is_empty() {
            ex.country_name = Some(name.to_owned());
        }
        let before: Vec<&str> = head
            .iter()
            .filter(|&&i| i < t)
            .map(|&i| lines[i].trim())
            .filter(|l| *l != "Country Listing")
            .collect();
        if let Some(title) = before.last() {
            ex.title = Some((*title).to_owned());
            if before.len() > 1 {
                ex.notes.push(format!(
                    "{} unexpected line(s) before the title",
                    before.len() - 1
                ));
            }
        }
        pos = t + 1;
    } else if let Some(&first) = head.first()
        && lines[first].trim() == "Country Listing"
    {
        ex.chrome = true;
        pos = first + 1;
    }

    // The chapter-country line.
    if let Some(i) = next_non_blank(&lines, pos) {
        let l = lines[i].trim();
        let same_as_nav = ex.country_name.as_deref() == Some(l);
        if same_as_nav || (is_country_line(l) && !l.contains(':')) {
            // The chapter-country line beats a nav line naming a multi-country book.
            let nav_is_chapter = ex
                .country_name
                .as_deref()
                .and_then(books::chapter_country)
                .is_some();
            if ex.country_name.is_none() || (!nav_is_chapter && books::chapter_country(l).is_some())
            {
                ex.country_name = Some(l.to_owned());
            }
            pos = i + 1;
        }
    }

    // Headings and map alt text.
    let mut caps: Vec<String> = Vec::new();
    while let Some(i) = next_non_blank(&lines, pos) {
        let l = lines[i].trim();
        if is_map_alt(l) {
            pos = i + 1;
        } else if is_caps_heading(l) && !l.contains(':') {
            caps.push(l.to_owned());
            pos = i + 1;
        } else {
            break;
        }
    }
    if let Some(first) = caps.first() {
        ex.heading = Some(first.clone());
    }
    if ex.title.is_none() {
        ex.title = caps.last().cloned();
    }

    let mut body = lines.split_off(pos.min(lines.len()));
    drop_captions(&mut body, &mut ex.notes);
    ex.paragraphs = paragraphs_from_lines(&body);
    // A Title Case heading line after the header (HTML-derived text): short, no final
    // punctuation, not a `Label:`, and followed by more text.
    if ex.title.is_none()
        && ex.chrome
        && ex.paragraphs.len() >= 2
        && is_title_line(&ex.paragraphs[0])
    {
        ex.title = Some(ex.paragraphs.remove(0));
    }
    ex
}

fn is_title_line(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    let capitalized = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    p.chars().count() <= 100
        && !p.ends_with(['.', '?', '!', ':', ';', ','])
        && !p.contains(": ")
        && p.starts_with(|c: char| c.is_uppercase())
        && capitalized * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_header() {
        let t = "Country Listing\n\nJordan Table of Contents\n\nJordan\n\nGEOGRAPHY\n\nOne.\n\nTwo.\n\nData as of December 1989\n";
        let ex = extract(t);
        assert!(ex.chrome);
        assert_eq!(ex.country_name.as_deref(), Some("Jordan"));
        assert_eq!(ex.heading.as_deref(), Some("GEOGRAPHY"));
        assert_eq!(ex.paragraphs, vec!["One.", "Two."]);
        assert_eq!(
            ex.data_as_of.map(|d| d.to_string()).as_deref(),
            Some("1989-12")
        );
    }

    #[test]
    fn title_before_nav_line() {
        let t = "The Rise of the River Towns\n\nJapan Table of Contents\n\nBody.\n";
        let ex = extract(t);
        assert_eq!(ex.title.as_deref(), Some("The Rise of the River Towns"));
        assert_eq!(ex.country_name.as_deref(), Some("Japan"));
        assert_eq!(ex.paragraphs, vec!["Body."]);
    }

    #[test]
    fn chapter_line_beats_book_nav_line() {
        let t = "Country Listing\n\nPersian Gulf States Table of Contents\n\nOman\n\nBody.\n";
        assert_eq!(extract(t).country_name.as_deref(), Some("Oman"));
    }

    #[test]
    fn title_case_line_after_the_header() {
        let t = "Country Listing\n\nIraq Table of Contents\n\nThe Marsh Arabs\n\nOne.\n\nTwo.\n";
        let ex = extract(t);
        assert_eq!(ex.title.as_deref(), Some("The Marsh Arabs"));
        assert_eq!(ex.paragraphs, vec!["One.", "Two."]);
        let t = "Country Listing\n\nIraq Table of Contents\n\nOne sentence without a stop but long enough\n\nTwo.\n";
        assert_eq!(
            extract(t).title,
            None,
            "mostly lower-case words are body text"
        );
    }

    #[test]
    fn no_header() {
        let ex = extract("Size: Small.\n\nClimate: Mild.\n\nData as of 1987");
        assert!(!ex.chrome);
        assert_eq!(ex.paragraphs.len(), 2);
    }
}
