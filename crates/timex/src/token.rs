//! Tokenizer: splits text into words, digit runs and single punctuation characters.
//!
//! Offsets are byte offsets into the input; `lib.rs` converts them to character offsets at the
//! very end. Digits and letters are split apart ("1920s" is `1920` + `s`, "10th" is `10` +
//! `th`), and `space_before` records whether a token touches the previous one, which is how the
//! rules tell "mid-1986" from "mid - 1986".

use crate::tables::{Lex, lookup};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (any Unicode alphabetic character), possibly with inner apostrophes.
    Word,
    /// A run of ASCII digits; `7,000` and `1.5` are one token (see `Tok::plain`).
    Num,
    /// Any other single character.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lexicon class of a word (`Lex::None` for numbers, punctuation and unknown words).
    pub lex: Lex,
    /// Value of a digit run (saturating), 0 otherwise.
    pub num: u32,
    /// Number of digits of a plain digit run.
    pub ndigits: u8,
    /// True when a number has no thousands separator and no decimal point.
    pub plain: bool,
    /// True when there is white space between this token and the previous one.
    pub space_before: bool,
    /// True when the first character is uppercase.
    pub cap: bool,
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0usize;
    let mut space = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        if b.is_ascii_digit() {
            let mut num: u32 = 0;
            let mut plain = true;
            while i < bytes.len() {
                let c = bytes[i];
                if c.is_ascii_digit() {
                    num = num.saturating_mul(10).saturating_add(u32::from(c - b'0'));
                    i += 1;
                } else if (c == b',' || c == b'.') && bytes.get(i + 1).is_some_and(|d| d.is_ascii_digit()) && (c == b'.' || three_digits_follow(bytes, i + 1)) {
                    plain = false;
                    i += 1;
                } else {
                    break;
                }
            }
            let ndigits = if plain { (i - start).min(255) as u8 } else { 0 };
            toks.push(Tok { start, end: i, kind: Kind::Num, lex: Lex::None, num, ndigits, plain, space_before: space, cap: false });
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && char_at(text, i).is_some_and(char::is_alphabetic)) {
            while i < bytes.len() {
                let c = bytes[i];
                // "o'clock" is one word; a possessive "'s" ("Tuesday's") is split off so the
                // word before it is still recognized.
                let possessive = bytes.get(i + 1).is_some_and(|b| *b == b's' || *b == b'S') && !bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic);
                let inner_apostrophe = c == b'\'' && i > start && !possessive && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
                if c.is_ascii_alphabetic() || inner_apostrophe {
                    i += 1;
                } else if c >= 0x80 {
                    match char_at(text, i) {
                        Some(ch) if ch.is_alphabetic() => i += ch.len_utf8(),
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let word = &text[start..i];
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Word,
                lex: lookup(word),
                num: 0,
                ndigits: 0,
                plain: false,
                space_before: space,
                cap: b.is_ascii_uppercase() || (b >= 0x80 && char_at(text, start).is_some_and(char::is_uppercase)),
            });
        } else {
            // Non-ASCII white space (no-break space, thin space) separates like a space.
            if b >= 0x80 {
                if let Some(ch) = char_at(text, i).filter(|c| c.is_whitespace()) {
                    i += ch.len_utf8();
                    space = true;
                    continue;
                }
            }
            let len = if b < 0x80 { 1 } else { char_at(text, i).map_or(1, char::len_utf8) };
            i += len;
            toks.push(Tok { start, end: i, kind: Kind::Punct, lex: Lex::None, num: 0, ndigits: 0, plain: false, space_before: space, cap: false });
        }
        space = false;
    }
    toks
}

fn three_digits_follow(bytes: &[u8], i: usize) -> bool {
    bytes.len() >= i + 3 && bytes[i..i + 3].iter().all(u8::is_ascii_digit) && !bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}
