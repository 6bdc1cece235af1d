//! Words with their byte ranges.

/// One word of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Lower-cased word (`'s` and `n't` are words of their own).
    pub lower: String,
}

/// The words of `text`: runs of letters, digits, and inner apostrophes or periods ("U.S.");
/// hyphens split words ("Russo-Japanese" is two, so each names its state); `'s` and `n't` split off; punctuation that bounds a clause
/// (`, ; : ( )`) kept as one-character tokens, other punctuation dropped.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '\'' | '\u{2019}' | '.') {
                    // Inner only: followed by a letter or digit.
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(char::is_alphanumeric) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            push_word(text, i, end, &mut out);
        } else if matches!(c, ',' | ';' | ':' | '(' | ')') {
            out.push(Token {
                start: i,
                end: i + 1,
                lower: c.to_string(),
            });
        }
    }
    out
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    for suffix in ["'s", "n't"] {
        let n = suffix.chars().count();
        if lower.ends_with(suffix) && lower.chars().count() > n {
            // Where the suffix starts in the original (its apostrophe may be 3 bytes).
            if let Some((k, _)) = word.char_indices().rev().nth(n - 1) {
                let split = start + k;
                out.push(Token {
                    start,
                    end: split,
                    lower: text[start..split].to_lowercase(),
                });
                out.push(Token {
                    start: split,
                    end,
                    lower: suffix.to_string(),
                });
                return;
            }
        }
    }
    out.push(Token { start, end, lower });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn words_keep_inner_marks_and_split_possessives() {
        assert_eq!(
            words("Japan's U.S. jets didn't fly, (Guinea-Bissau)."),
            [
                "japan", "'s", "u.s", "jets", "did", "n't", "fly", ",", "(", "guinea", "bissau",
                ")"
            ]
        );
        let t = tokenize("Stalin\u{2019}s plan");
        assert_eq!(t[1].lower, "'s");
        assert_eq!(&"Stalin\u{2019}s plan"[t[0].start..t[0].end], "Stalin");
    }
}
