//! Search snippets: the best window of a section's body, HTML-escaped, matches in `<mark>`.
//!
//! The words are found the way the index's `en_stem` analyzer finds them (runs of
//! alphanumeric characters, longer than 40 bytes dropped, lowercased, Snowball English
//! stem), so a snippet marks exactly what matched. Only tokens whose first letter is the first
//! letter of some query stem are stemmed; stemming every token is most of the cost of a
//! snippet, and a stem keeps its word's first letter (`dying` → `die`).

use rust_stemmers::{Algorithm, Stemmer};

use crate::index::escape_html;

/// Finds the query's stems in text.
pub(crate) struct Highlighter {
    stems: Vec<String>,
    first_letters: Vec<char>,
    stemmer: Stemmer,
}

/// Longest token the index keeps, in bytes (tantivy's `RemoveLongFilter::limit(40)`).
const MAX_TOKEN_BYTES: usize = 40;

impl Highlighter {
    /// A highlighter for these stemmed query terms (as the index stores them).
    pub(crate) fn new(stems: Vec<String>) -> Highlighter {
        let mut first_letters: Vec<char> = stems.iter().filter_map(|s| s.chars().next()).collect();
        first_letters.sort_unstable();
        first_letters.dedup();
        Highlighter {
            stems,
            first_letters,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Byte ranges of the matching words in `text`, with the index of the stem each matched.
    fn matches(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.stems.is_empty() {
            return out;
        }
        let mut lower = String::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            let Some(s) = start.take() else { continue };
            let word = &text[s..i];
            if word.len() > MAX_TOKEN_BYTES {
                continue;
            }
            let first = word
                .chars()
                .next()
                .and_then(|c| c.to_lowercase().next())
                .unwrap_or(' ');
            if self.first_letters.binary_search(&first).is_err() {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let stem = self.stemmer.stem(&lower);
            if let Some(k) = self.stems.iter().position(|q| q == stem.as_ref()) {
                out.push((s, i, k));
            }
        }
        out
    }

    /// An excerpt of at most about `max_chars` characters around the densest run of matches,
    /// or `None` when no query word is in `text`.
    pub(crate) fn snippet(&self, text: &str, max_chars: usize) -> Option<String> {
        let matches = self.matches(text);
        if matches.is_empty() {
            return None;
        }
        let max_bytes = max_chars * 2;
        // The window starting at the match that covers the most distinct stems, then the
        // most matches; earliest wins ties.
        let mut best = (0usize, 0usize, 0usize);
        for (i, m) in matches.iter().enumerate() {
            let inside: Vec<&(usize, usize, usize)> = matches[i..]
                .iter()
                .take_while(|x| x.1 <= m.0 + max_bytes)
                .collect();
            let mut distinct: Vec<usize> = inside.iter().map(|x| x.2).collect();
            distinct.sort_unstable();
            distinct.dedup();
            if (distinct.len(), inside.len()) > (best.1, best.2) {
                best = (i, distinct.len(), inside.len());
            }
        }
        let first = matches[best.0].0;
        // A little context before the first match, starting at a word.
        // Short texts and early matches read best from the beginning.
        let mut start = if text.len() <= max_chars || first <= max_chars / 2 {
            0
        } else {
            first.saturating_sub(60)
        };
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        if start > 0 {
            start = text[start..first]
                .find(char::is_whitespace)
                .map(|k| start + k + 1)
                .unwrap_or(first);
        }
        let mut end = start;
        for (n, (i, c)) in text[start..].char_indices().enumerate() {
            end = start + i + c.len_utf8();
            if n + 1 >= max_chars {
                break;
            }
        }
        if end < text.len() {
            if let Some(k) = text[start..end]
                .rfind(char::is_whitespace)
                .filter(|&k| start + k > first)
            {
                end = start + k;
            }
        }
        let mut html = String::with_capacity(end - start + 64);
        let mut at = start;
        for &(s, e, _) in matches.iter().filter(|m| m.0 >= start && m.1 <= end) {
            html.push_str(&escape_html(&text[at..s]));
            html.push_str("<mark>");
            html.push_str(&escape_html(&text[s..e]));
            html.push_str("</mark>");
            at = e;
        }
        html.push_str(&escape_html(&text[at..end]));
        Some(html.trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(stems: &[&str]) -> Highlighter {
        Highlighter::new(stems.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn marks_every_form_of_a_stem_and_escapes_the_rest() {
        let s = h(&["territori", "northern"])
            .snippet("The <Northern> Territories & the northern territory.", 200)
            .unwrap();
        assert_eq!(
            s,
            "The &lt;<mark>Northern</mark>&gt; <mark>Territories</mark> &amp; the <mark>northern</mark> <mark>territory</mark>."
        );
    }

    #[test]
    fn exceptional_stems_keep_their_first_letter() {
        assert_eq!(
            h(&["die"]).snippet("They were dying.", 50).unwrap(),
            "They were <mark>dying</mark>."
        );
    }

    #[test]
    fn the_window_goes_where_the_matches_are_dense() {
        let text = format!(
            "{} salt here {} salt and gold together {}",
            "filler ".repeat(80),
            "padding ".repeat(80),
            "tail ".repeat(10)
        );
        let s = h(&["salt", "gold"]).snippet(&text, 80).unwrap();
        assert!(s.contains("<mark>salt</mark> and <mark>gold</mark>"), "{s}");
        assert!(s.chars().count() <= 80 + 26, "{s}");
    }

    #[test]
    fn no_match_is_none() {
        assert!(h(&["salt"]).snippet("Nothing to see.", 80).is_none());
        assert!(h(&[]).snippet("salt", 80).is_none());
    }
}

#[cfg(test)]
mod robustness {
    use super::Highlighter;

    #[test]
    fn any_text_any_window_never_panics() {
        let h = Highlighter::new(vec!["ﬁ".into(), "é".into(), "salt".into(), "x".into()]);
        let texts = [
            "",
            " ",
            "é",
            "ééé salt é",
            "ﬁsalt Salt SALT",
            "x",
            "\u{1F600} salt \u{1F600}",
            "İstanbul salt ß",
        ];
        for t in texts {
            for max in [0, 1, 2, 5, 240] {
                let long = format!("{} {t} {}", "ü".repeat(70), "ø".repeat(300));
                for text in [t.to_owned(), long] {
                    if let Some(s) = h.snippet(&text, max) {
                        assert!(s.matches("<mark>").count() == s.matches("</mark>").count());
                    }
                }
            }
        }
    }
}
