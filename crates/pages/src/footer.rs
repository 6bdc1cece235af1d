//! The `Data as of <Month> <YYYY>` footer (or `Data as of <YYYY>`), the book's date stamp.

use crate::types::{AsOf, MONTH_NAMES as MONTHS};

/// Parse a whole footer line: `Data as of May 1989` or `Data as of 1987` (years 1980–1999).
pub fn parse_footer(line: &str) -> Option<AsOf> {
    let rest = line.trim().strip_prefix("Data as of ")?;
    parse_stamp(rest.trim_end())
}

/// `May 1989` or `1989`, exactly (nothing after the year).
fn parse_stamp(rest: &str) -> Option<AsOf> {
    let (month, year) = match rest.split_once(' ') {
        Some((m, y)) => {
            let month = MONTHS.iter().position(|name| *name == m)? as u8 + 1;
            (Some(month), y.trim())
        }
        None => (None, rest),
    };
    if year.len() != 4 || !year.starts_with("19") || !matches!(year.as_bytes()[2], b'8' | b'9') {
        return None;
    }
    let year: u16 = year.parse().ok()?;
    Some(AsOf { year, month })
}

/// Find the footer inside a flattened line (tripod): the last `Data as of <stamp>` whose stamp
/// parses. Returns the byte offset where `Data as of` starts, the stamp, and the offset just
/// past the stamp.
pub fn find_inline_footer(text: &str) -> Option<(usize, AsOf, usize)> {
    const LEAD: &str = "Data as of ";
    let mut search_end = text.len();
    while let Some(start) = text[..search_end].rfind(LEAD) {
        let stamp_start = start + LEAD.len();
        // The first word, and the first two words, after `Data as of ` (offsets into `text`).
        // Words are looked for in a short window, so the scan stays linear on odd input.
        let window_end = |from: usize| {
            let mut end = (from + 24).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            end
        };
        let word_end = |from: usize| {
            let end = window_end(from);
            text[from..end]
                .find(char::is_whitespace)
                .map_or(end, |e| from + e)
        };
        let one = word_end(stamp_start);
        let second_start = text[one..window_end(one)]
            .find(|c: char| !c.is_whitespace())
            .map(|e| one + e);
        let two = second_start.map(word_end);
        let trim = |end: usize| {
            stamp_start
                + text[stamp_start..end]
                    .trim_end_matches(['.', ',', '|'])
                    .len()
        };
        let mut candidates = Vec::with_capacity(2);
        if let (Some(s2), Some(e2)) = (second_start, two) {
            // Trimming may reach back into the first word (`A,,,,…` longer than the window).
            let e2 = trim(e2).max(s2);
            candidates.push((e2, format!("{} {}", &text[stamp_start..one], &text[s2..e2])));
        }
        candidates.push((trim(one), text[stamp_start..trim(one)].to_owned()));
        for (end, cand) in candidates {
            if let Some(stamp) = parse_stamp(&cand) {
                return Some((start, stamp, end));
            }
        }
        search_end = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_year() {
        assert_eq!(
            parse_footer("Data as of May 1989"),
            Some(AsOf {
                year: 1989,
                month: Some(5)
            })
        );
        assert_eq!(
            parse_footer("  Data as of December 1990 \r"),
            Some(AsOf {
                year: 1990,
                month: Some(12)
            })
        );
    }

    #[test]
    fn year_only() {
        assert_eq!(
            parse_footer("Data as of 1987"),
            Some(AsOf {
                year: 1987,
                month: None
            })
        );
    }

    #[test]
    fn not_footers() {
        assert_eq!(parse_footer("Data as of Maytime 1989"), None);
        assert_eq!(parse_footer("Data as of May 2005"), None);
        assert_eq!(parse_footer("Data as of May 1989 and more"), None);
        assert_eq!(parse_footer("The data as of May 1989"), None);
        assert_eq!(parse_footer("Data as of"), None);
    }

    #[test]
    fn inline() {
        let t = "Climate: hot and dry Data as of April 1994 Back to top";
        let (start, stamp, end) = find_inline_footer(t).unwrap();
        assert_eq!(&t[start..end], "Data as of April 1994");
        assert_eq!(
            stamp,
            AsOf {
                year: 1994,
                month: Some(4)
            }
        );
        let t = "x Data as of 1988.";
        assert_eq!(
            find_inline_footer(t).map(|f| f.1),
            Some(AsOf {
                year: 1988,
                month: None
            })
        );
        assert_eq!(find_inline_footer("no footer here"), None);
        let t = "x Data as of May\u{a0}1990 y";
        let (start, stamp, end) = find_inline_footer(t).unwrap();
        assert_eq!(
            (&t[start..end], stamp.to_string()),
            ("Data as of May\u{a0}1990", "1990-05".into())
        );
    }

    #[test]
    fn first_word_longer_than_the_window_and_trimmed_away() {
        // Found by fuzzing (fuzz/regressions/pages_text): the second word's trimmed end fell
        // before its start and slicing panicked.
        let text = format!("Data as of A{} x", ",".repeat(30));
        assert_eq!(find_inline_footer(&text), None);
        assert_eq!(parse_footer(&text), None);
    }
}
