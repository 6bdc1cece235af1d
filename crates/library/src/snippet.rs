//! Search snippets: the best window of a section's body as plain text, with the code-point
//! ranges of the words that matched. Rendering (HTML `<mark>`, bold on a terminal) is the
//! caller's business: this crate returns data, never markup.
//!
//! The words are found the way the index's `en_fold` analyzer finds them (runs of
//! alphanumeric characters, longer than 40 bytes dropped, lowercased, diacritics folded,
//! Snowball English stem), so a snippet marks exactly what matched. ASCII words take a fast
//! path (lowercase + the same stemmer); other words go through the analyzer itself. Only tokens whose first letter is the first
//! letter of some query stem are stemmed; stemming every token is most of the cost of a
//! snippet, and a stem keeps its word's first letter (`dying` → `die`).

use tantivy::tokenizer::TextAnalyzer;

/// An excerpt and where the query's words are in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The excerpt, plain text.
    pub text: String,
    /// Code-point ranges `[start, end)` of the matching words in `text`, in order, disjoint.
    pub highlights: Vec<(usize, usize)>,
}

/// Finds the query's stems in text.
pub(crate) struct Highlighter {
    stems: Vec<String>,
    first_letters: Vec<char>,
    analyzer: TextAnalyzer,
    stemmer: rust_stemmers::Stemmer,
    lower: String,
    /// ASCII words already looked up (lowercased) and the stem each matched: a page of hits
    /// repeats its words, and stemming is most of a snippet's cost.
    seen: std::collections::HashMap<String, Option<usize>>,
}

/// Longest token the index keeps, in bytes (tantivy's `RemoveLongFilter::limit(40)`).
const MAX_TOKEN_BYTES: usize = 40;

impl Highlighter {
    /// A highlighter for these stemmed query terms (as the index stores them).
    ///
    /// `analyzer` is the indexed field's own analyzer, so a word is marked exactly when the
    /// index would match it (folding, stemming and all).
    pub(crate) fn new(stems: Vec<String>, analyzer: TextAnalyzer) -> Highlighter {
        let mut first_letters: Vec<char> = stems.iter().filter_map(|s| s.chars().next()).collect();
        first_letters.sort_unstable();
        first_letters.dedup();
        Highlighter {
            stems,
            first_letters,
            analyzer,
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            lower: String::new(),
            seen: std::collections::HashMap::new(),
        }
    }

    /// Byte ranges of the matching words in `text`, with the index of the stem each matched.
    fn matches(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.stems.is_empty() {
            return out;
        }
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
            // Folding can change a non-ASCII first letter (`É` → `e`): those are always tried.
            if first.is_ascii() && self.first_letters.binary_search(&first).is_err() {
                continue;
            }
            // An ASCII word needs no folding: lowercase and stem it as the analyzer would
            // (tantivy's stemmer is rust-stemmers' English), without building a token stream.
            // Any other word goes through the field's analyzer itself.
            let found = if word.is_ascii() {
                self.lower.clear();
                self.lower.push_str(word);
                self.lower.make_ascii_lowercase();
                match self.seen.get(self.lower.as_str()) {
                    Some(&k) => k,
                    None => {
                        let stem = self.stemmer.stem(&self.lower);
                        let k = self.stems.iter().position(|q| *q == stem.as_ref());
                        self.seen.insert(self.lower.clone(), k);
                        k
                    }
                }
            } else {
                let mut stream = self.analyzer.token_stream(word);
                match stream.next() {
                    Some(token) => self.stems.iter().position(|q| *q == token.text),
                    None => None,
                }
            };
            if let Some(k) = found {
                out.push((s, i, k));
            }
        }
        out
    }

    /// An excerpt of at most about `max_chars` characters around the densest run of matches,
    /// or `None` when no query word is in `text`.
    pub(crate) fn snippet(&mut self, text: &str, max_chars: usize) -> Option<Snippet> {
        let matches = self.matches(text);
        if matches.is_empty() {
            return None;
        }
        let max_bytes = max_chars * 2;
        // The window starting at the match that covers the most distinct stems, then the
        // most matches; earliest wins ties. Distinct stems are counted in a bitset-like
        // vector reused across windows, so this stays linear in the matches per window.
        let mut best = (0usize, 0usize, 0usize);
        let mut seen = vec![false; self.stems.len()];
        for (i, m) in matches.iter().enumerate() {
            seen.iter_mut().for_each(|s| *s = false);
            let mut distinct = 0;
            let mut inside = 0;
            for x in matches[i..].iter().take_while(|x| x.1 <= m.0 + max_bytes) {
                inside += 1;
                if !seen[x.2] {
                    seen[x.2] = true;
                    distinct += 1;
                }
            }
            if (distinct, inside) > (best.1, best.2) {
                best = (i, distinct, inside);
            }
            if distinct == self.stems.len() && inside >= matches.len() - i {
                break;
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
        // Trim the window, then express the matches inside it in code points.
        let window = &text[start..end];
        let lead_ws = window.len() - window.trim_start().len();
        let (start, end) = (
            start + lead_ws,
            end - (window.len() - window.trim_end().len()),
        );
        let end = end.max(start);
        let excerpt = &text[start..end];
        let mut highlights = Vec::new();
        let mut chars_before = 0;
        let mut at = start;
        for &(s, e, _) in matches.iter().filter(|m| m.0 >= start && m.1 <= end) {
            chars_before += text[at..s].chars().count();
            let len = text[s..e].chars().count();
            highlights.push((chars_before, chars_before + len));
            chars_before += len;
            at = e;
        }
        Some(Snippet {
            text: excerpt.to_owned(),
            highlights,
        })
    }
}

/// The snippet with each highlight wrapped by `open` and `close`, and every piece of text
/// passed through `escape` (identity for a terminal, an HTML escaper for a page).
pub fn render_snippet(
    snippet: &Snippet,
    open: &str,
    close: &str,
    escape: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(snippet.text.len() + 16 * snippet.highlights.len());
    let mut chars = snippet
        .text
        .char_indices()
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    chars.push(snippet.text.len());
    let byte = |cp: usize| chars[cp.min(chars.len() - 1)];
    let mut at = 0;
    for &(s, e) in &snippet.highlights {
        let (s, e) = (byte(s).max(at), byte(e).max(at));
        out.push_str(&escape(&snippet.text[at..s]));
        out.push_str(open);
        out.push_str(&escape(&snippet.text[s..e]));
        out.push_str(close);
        at = e;
    }
    out.push_str(&escape(&snippet.text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(stems: &[&str]) -> Highlighter {
        let analyzer = crate::index::folded_analyzer();
        Highlighter::new(stems.iter().map(|s| s.to_string()).collect(), analyzer)
    }

    /// The snippet with matches in brackets, for readable assertions.
    fn marked(s: Snippet) -> String {
        render_snippet(&s, "[", "]", str::to_owned)
    }

    #[test]
    fn marks_every_form_of_a_stem_as_code_point_ranges() {
        let s = h(&["territori", "northern"])
            .snippet("Thé <Northern> Territories & the northern territory.", 200)
            .unwrap();
        assert_eq!(
            s.text,
            "Thé <Northern> Territories & the northern territory."
        );
        assert_eq!(s.highlights, vec![(5, 13), (15, 26), (33, 41), (42, 51)]);
        assert_eq!(
            marked(s),
            "Thé <[Northern]> [Territories] & the [northern] [territory]."
        );
    }

    #[test]
    fn the_ascii_fast_path_stems_as_the_analyzer_does() {
        let mut analyzer = crate::index::folded_analyzer();
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        for word in [
            "Territories",
            "dying",
            "RUNNING",
            "islands",
            "Kuril",
            "1945",
            "generously",
            "x",
        ] {
            let mut stream = analyzer.token_stream(word);
            let token = stream.next().unwrap().text.clone();
            assert_eq!(stemmer.stem(&word.to_ascii_lowercase()), token, "{word}");
        }
    }

    #[test]
    fn render_escapes_text_and_not_markers() {
        let s = h(&["cotton"]).snippet("<b>cotton</b> & more", 200).unwrap();
        let html = render_snippet(&s, "<mark>", "</mark>", |t| t.replace('<', "&lt;"));
        assert_eq!(html, "&lt;b><mark>cotton</mark>&lt;/b> & more");
    }

    #[test]
    fn exceptional_stems_keep_their_first_letter() {
        assert_eq!(
            marked(h(&["die"]).snippet("They were dying.", 50).unwrap()),
            "They were [dying]."
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
        let s = marked(h(&["salt", "gold"]).snippet(&text, 80).unwrap());
        assert!(s.contains("[salt] and [gold]"), "{s}");
        assert!(s.chars().count() <= 80 + 4, "{s}");
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
        let mut h = Highlighter::new(
            vec!["ﬁ".into(), "e".into(), "salt".into(), "x".into()],
            crate::index::folded_analyzer(),
        );
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
                        let n = s.text.chars().count();
                        let mut last = 0;
                        for &(a, b) in &s.highlights {
                            assert!(last <= a && a < b && b <= n, "{s:?}");
                            last = b;
                        }
                        let _ = super::render_snippet(&s, "<", ">", str::to_owned);
                    }
                }
            }
        }
    }
}
