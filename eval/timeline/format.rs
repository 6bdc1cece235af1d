//! Reader for the timeline evaluation set, `eval/timeline/paragraphs.txt` (std only).
//!
//! The format (the full description, with the annotation guidelines, is `README.md` beside
//! this file):
//!
//! ```text
//! # a comment; comments and blank lines are ignored everywhere
//! === <id> | data-as-of YYYY-MM
//! The first sentence, on one line.
//! The second sentence.
//! @ 1 | <expression> | <start> | <end> | <mod>
//! @ 2 | ...
//!
//! === <id> | data-as-of YYYY-MM | wrapped
//! Lines as printed, hard-wrapped. | A `|` marks each sentence
//! boundary.|
//! The marker and one space after it are removed.
//! @ 1 | ...
//! ```
//!
//! In a plain block the text is the sentence lines joined by single spaces and the gold
//! sentences are the lines. In a `wrapped` block the text is the lines joined by `"\n"` after
//! each `|` (and one space directly after it) is removed, and the gold sentences are the
//! stretches between markers, trimmed. In an expression, `\n` stands for a line break of a
//! wrapped text.
//!
//! [`parse`] checks what a typo would break: ids are unique, dates are well formed, every
//! sentence number exists, and every expression occurs in its sentence, in text order (each
//! entry after the previous one of the same sentence, sentence numbers never decreasing).
//! Errors name the line.

// The including program may use only part of this module.
#![allow(dead_code)]

use std::ops::Range;

/// One paragraph of the evaluation set with its gold annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Unique id, such as `korea-1`.
    pub id: String,
    /// The section's data-as-of, `YYYY-MM`: the date of "currently", "at present", "now".
    pub data_as_of: String,
    /// The text to split and read.
    pub text: String,
    /// The gold sentences, as byte ranges of `text`, in order, trimmed.
    pub gold_sentences: Vec<Range<usize>>,
    /// The gold timeline entries, in text order.
    pub gold_entries: Vec<GoldEntry>,
}

/// One expression that should become a timeline entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEntry {
    /// The sentence it is in, numbered from 1 as in the file: `gold_sentences[sentence - 1]`.
    pub sentence: usize,
    /// The expression's exact words, as they appear in the text.
    pub expression: String,
    /// First date covered, ISO 8601 partial (`1904`, `1945-08`, `1986-01-05`, `-0465`).
    pub start: String,
    /// Last date covered (inclusive), same form.
    pub end: String,
    /// `START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`, or empty.
    pub modifier: String,
}

/// The modifiers a gold entry may carry (empty: none).
pub const MODIFIERS: &[&str] = &["", "START", "MID", "END", "APPROX", "BEFORE", "AFTER"];

/// Parses the evaluation file. The error names the offending line.
pub fn parse(src: &str) -> Result<Vec<Paragraph>, String> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut block: Option<Block<'_>> = None;
    for (n, raw) in src.lines().enumerate() {
        let n = n + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix("===") {
            if let Some(b) = block.take() {
                out.push(b.finish()?);
            }
            let b = Block::header(n, header)?;
            if out.iter().any(|p| p.id == b.id) {
                return Err(format!("line {n}: duplicate paragraph id {:?}", b.id));
            }
            block = Some(b);
            continue;
        }
        let Some(b) = block.as_mut() else {
            return Err(format!("line {n}: text before the first `===` header"));
        };
        if let Some(entry) = line.strip_prefix('@') {
            b.entries.push((n, entry));
        } else if !b.entries.is_empty() {
            return Err(format!(
                "line {n}: sentence text after the gold entries (`@` lines) of {:?}",
                b.id
            ));
        } else {
            b.lines.push((n, line.trim()));
        }
    }
    if let Some(b) = block.take() {
        out.push(b.finish()?);
    }
    Ok(out)
}

/// A block being read.
struct Block<'a> {
    line: usize,
    id: String,
    data_as_of: String,
    wrapped: bool,
    lines: Vec<(usize, &'a str)>,
    entries: Vec<(usize, &'a str)>,
}

impl<'a> Block<'a> {
    /// `<id> | data-as-of YYYY-MM [| wrapped]` (the text after `===`).
    fn header(n: usize, rest: &str) -> Result<Block<'a>, String> {
        let fields: Vec<&str> = rest.split('|').map(str::trim).collect();
        let err = |m: &str| {
            Err(format!(
                "line {n}: {m} (want `=== <id> | data-as-of YYYY-MM [| wrapped]`)"
            ))
        };
        let (id, as_of, wrapped) = match fields.as_slice() {
            [id, as_of] => (*id, *as_of, false),
            [id, as_of, "wrapped"] => (*id, *as_of, true),
            _ => return err("bad header"),
        };
        if id.is_empty() || id.contains(char::is_whitespace) {
            return err("the id must be one word");
        }
        let Some(date) = as_of.strip_prefix("data-as-of ") else {
            return err("no data-as-of");
        };
        let date = date.trim();
        if date.len() != 7 || date_keys(date).is_none() {
            return err("the data-as-of must be YYYY-MM");
        }
        Ok(Block {
            line: n,
            id: id.to_string(),
            data_as_of: date.to_string(),
            wrapped,
            lines: Vec::new(),
            entries: Vec::new(),
        })
    }

    fn finish(self) -> Result<Paragraph, String> {
        if self.lines.is_empty() {
            return Err(format!(
                "line {}: paragraph {:?} has no text",
                self.line, self.id
            ));
        }
        let (text, gold_sentences) = if self.wrapped {
            self.wrapped_text()?
        } else {
            self.plain_text()?
        };
        let mut gold_entries: Vec<GoldEntry> = Vec::with_capacity(self.entries.len());
        // Where the previous entry ended, per sentence, to check text order.
        let mut last: (usize, usize) = (0, 0);
        for &(n, line) in &self.entries {
            let entry = entry(n, line)?;
            let Some(range) = entry
                .sentence
                .checked_sub(1)
                .and_then(|i| gold_sentences.get(i))
            else {
                return Err(format!(
                    "line {n}: sentence {} does not exist; {:?} has {} sentences",
                    entry.sentence,
                    self.id,
                    gold_sentences.len()
                ));
            };
            if entry.sentence < last.0 {
                return Err(format!(
                    "line {n}: entries out of order (sentence {} after {})",
                    entry.sentence, last.0
                ));
            }
            let sentence = &text[range.clone()];
            let from = if entry.sentence == last.0 { last.1 } else { 0 };
            let Some(at) = sentence[from..].find(&entry.expression) else {
                let why = if sentence.contains(&entry.expression) {
                    " after the previous entry"
                } else {
                    ""
                };
                return Err(format!(
                    "line {n}: {:?} does not occur{why} in sentence {}: {sentence:?}",
                    entry.expression, entry.sentence
                ));
            };
            last = (entry.sentence, from + at + entry.expression.len());
            gold_entries.push(entry);
        }
        Ok(Paragraph {
            id: self.id,
            data_as_of: self.data_as_of,
            text,
            gold_sentences,
            gold_entries,
        })
    }

    /// One sentence per line, joined by single spaces.
    fn plain_text(&self) -> Result<(String, Vec<Range<usize>>), String> {
        let mut text = String::new();
        let mut sentences = Vec::with_capacity(self.lines.len());
        for &(n, line) in &self.lines {
            if line.contains('|') {
                return Err(format!(
                    "line {n}: `|` in a plain block (mark the block `| wrapped` to use markers)"
                ));
            }
            if !text.is_empty() {
                text.push(' ');
            }
            sentences.push(text.len()..text.len() + line.len());
            text.push_str(line);
        }
        Ok((text, sentences))
    }

    /// Lines joined by line breaks; `|` (and one space after it) marks a boundary.
    fn wrapped_text(&self) -> Result<(String, Vec<Range<usize>>), String> {
        let mut text = String::new();
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for (k, &(n, line)) in self.lines.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            let mut rest = line;
            while let Some(at) = rest.find('|') {
                text.push_str(&rest[..at]);
                cuts.push((n, text.len()));
                rest = &rest[at + 1..];
                rest = rest.strip_prefix(' ').unwrap_or(rest);
            }
            text.push_str(rest);
        }
        let mut sentences = Vec::with_capacity(cuts.len() + 1);
        let mut from = 0;
        let ends = cuts.iter().copied().chain(std::iter::once((
            self.lines[self.lines.len() - 1].0,
            text.len(),
        )));
        for (n, to) in ends {
            let piece = &text[from..to];
            let start = from + (piece.len() - piece.trim_start().len());
            let end = from + piece.trim_end().len();
            if start >= end {
                return Err(format!("line {n}: empty sentence at a `|` marker"));
            }
            sentences.push(start..end);
            from = to;
        }
        Ok((text, sentences))
    }
}

/// `<sentence> | <expression> | <start> | <end> | <mod>` (the text after `@`).
fn entry(n: usize, rest: &str) -> Result<GoldEntry, String> {
    let fields: Vec<&str> = rest.split('|').map(str::trim).collect();
    let (sentence, expression, start, end, modifier) = match fields.as_slice() {
        [s, e, a, b] => (*s, *e, *a, *b, ""),
        [s, e, a, b, m] => (*s, *e, *a, *b, *m),
        _ => {
            return Err(format!(
                "line {n}: want `@ <sentence> | <expression> | <start> | <end> | <mod>`"
            ));
        }
    };
    let Ok(sentence) = sentence.parse::<usize>() else {
        return Err(format!(
            "line {n}: sentence number {sentence:?} is not a number"
        ));
    };
    if expression.is_empty() {
        return Err(format!("line {n}: empty expression"));
    }
    let (Some(a), Some(b)) = (date_keys(start), date_keys(end)) else {
        return Err(format!(
            "line {n}: dates must be YYYY, YYYY-MM or YYYY-MM-DD (a leading - before 1 BC): {start:?}, {end:?}"
        ));
    };
    if a.0 > b.0 || a.1 > b.1 {
        return Err(format!(
            "line {n}: the interval {start}..{end} ends before it starts"
        ));
    }
    if !MODIFIERS.contains(&modifier) {
        return Err(format!(
            "line {n}: unknown modifier {modifier:?} (want one of {MODIFIERS:?})"
        ));
    }
    Ok(GoldEntry {
        sentence,
        expression: expression.replace("\\n", "\n"),
        start: start.to_string(),
        end: end.to_string(),
        modifier: modifier.to_string(),
    })
}

/// The first and last day a partial date covers, as sortable `YYYYMMDD` numbers; `None` when
/// the date is malformed.
fn date_keys(s: &str) -> Option<(i64, i64)> {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, s),
    };
    let mut parts = rest.split('-');
    let digits = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<i64>().ok())?
    };
    let year = sign * digits(parts.next()?, 4)?;
    let month = match parts.next() {
        Some(m) => Some(digits(m, 2).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(digits(d, 2)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = |m: i64| match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if let (Some(m), Some(d)) = (month, day) {
        if d < 1 || d > days(m) {
            return None;
        }
    }
    let key = |m: i64, d: i64| year * 10_000 + m * 100 + d;
    let first = key(month.unwrap_or(1), day.unwrap_or(1));
    let last_month = month.unwrap_or(12);
    let last = key(last_month, day.unwrap_or_else(|| days(last_month)));
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n\
        \n\
        === a-1 | data-as-of 1989-05\n\
        The talks began in 1956.\n\
        Two years later they stalled, and currently they are frozen.\n\
        @ 1 | 1956 | 1956 | 1956 |\n\
        @ 2 | Two years later | 1958 | 1958\n\
        @ 2 | currently | 1989-05 | 1989-05 |\n\
        \n\
        === b-2 | data-as-of 1990-12 | wrapped\n\
        The war (1918-21) ended in the spring of\n\
        1921. | Peace\n\
        followed.|\n\
        Athens fell in 404 B.C.\n\
        @ 1 | 1918-21 | 1918 | 1921 |\n\
        @ 1 | the spring of\\n1921 | 1921-03 | 1921-05 |\n\
        @ 3 | 404 B.C. | -0403 | -0403 | \n";

    #[test]
    fn reads_both_kinds_of_block() {
        let ps = parse(SAMPLE).unwrap();
        assert_eq!(ps.len(), 2);
        let a = &ps[0];
        assert_eq!((a.id.as_str(), a.data_as_of.as_str()), ("a-1", "1989-05"));
        assert_eq!(
            a.text,
            "The talks began in 1956. Two years later they stalled, and currently they are frozen."
        );
        let sentences: Vec<&str> = a
            .gold_sentences
            .iter()
            .map(|r| &a.text[r.clone()])
            .collect();
        assert_eq!(
            sentences,
            [
                "The talks began in 1956.",
                "Two years later they stalled, and currently they are frozen."
            ]
        );
        assert_eq!(a.gold_entries.len(), 3);
        assert_eq!(
            a.gold_entries[1],
            GoldEntry {
                sentence: 2,
                expression: "Two years later".into(),
                start: "1958".into(),
                end: "1958".into(),
                modifier: String::new(),
            }
        );
        let b = &ps[1];
        assert_eq!(
            b.text,
            "The war (1918-21) ended in the spring of\n1921. Peace\nfollowed.\nAthens fell in 404 B.C."
        );
        let sentences: Vec<&str> = b
            .gold_sentences
            .iter()
            .map(|r| &b.text[r.clone()])
            .collect();
        assert_eq!(
            sentences,
            [
                "The war (1918-21) ended in the spring of\n1921.",
                "Peace\nfollowed.",
                "Athens fell in 404 B.C."
            ]
        );
        assert_eq!(b.gold_entries[1].expression, "the spring of\n1921");
        assert_eq!(
            (
                b.gold_entries[2].start.as_str(),
                b.gold_entries[2].modifier.as_str()
            ),
            ("-0403", "")
        );
    }

    #[test]
    fn errors_name_the_line() {
        let bad = |src: &str, line: usize, what: &str| {
            let err = parse(src).unwrap_err();
            assert!(err.starts_with(&format!("line {line}:")), "{err}");
            assert!(err.contains(what), "{err} (want {what:?})");
        };
        let head = "=== x | data-as-of 1989-05\nIt ended in 1956.\n";
        bad(
            &format!("{head}@ 1 | 1957 | 1957 | 1957 |\n"),
            3,
            "does not occur",
        );
        bad(
            &format!("{head}@ 2 | 1956 | 1956 | 1956 |\n"),
            3,
            "does not exist",
        );
        bad(
            &format!("{head}@ 1 | 1956 | 1956 | 56 |\n"),
            3,
            "dates must be",
        );
        bad(
            &format!("{head}@ 1 | 1956 | 1956-02-30 | 1956-02-30 |\n"),
            3,
            "dates must be",
        );
        bad(
            &format!("{head}@ 1 | 1956 | 1957 | 1956 |\n"),
            3,
            "ends before it starts",
        );
        bad(
            &format!("{head}@ 1 | 1956 | 1956 | 1956 | LATE\n"),
            3,
            "unknown modifier",
        );
        bad(
            &format!("{head}@ 1 | 1956 | 1956 | 1956 |\nMore text.\n"),
            4,
            "after the gold entries",
        );
        bad(
            &format!("{head}@ 1 | 1956 | 1956 | 1956 |\n@ 1 | 1956 | 1956 | 1956 |\n"),
            4,
            "after the previous entry",
        );
        bad(
            &format!("{head}=== x | data-as-of 1990-01\nMore.\n"),
            3,
            "duplicate",
        );
        bad("=== x | data-as-of 1989-13\nText.\n", 1, "YYYY-MM");
        bad("=== x | 1989-05\nText.\n", 1, "data-as-of");
        bad("Text first.\n", 1, "before the first");
        bad("=== x | data-as-of 1989-05\nA. | B.\n", 2, "plain block");
        bad(
            "=== x | data-as-of 1989-05 | wrapped\nA. | | B.\n",
            2,
            "empty sentence",
        );
        bad(
            "=== x | data-as-of 1989-05\n=== y | data-as-of 1989-05\nA.\n",
            1,
            "no text",
        );
    }

    #[test]
    fn partial_dates() {
        assert_eq!(date_keys("1945"), Some((19_450_101, 19_451_231)));
        assert_eq!(date_keys("1988-02"), Some((19_880_201, 19_880_229)));
        assert_eq!(date_keys("1986-01-05"), Some((19_860_105, 19_860_105)));
        assert!(date_keys("-0465").is_some());
        for bad in [
            "",
            "945",
            "1945-13",
            "1945-1",
            "1945-02-29",
            "1945-01-01-01",
            "19a5",
            "+1945",
        ] {
            assert_eq!(date_keys(bad), None, "{bad}");
        }
    }
}
