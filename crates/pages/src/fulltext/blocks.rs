//! A section's lines turned into paragraphs, captions and tables.
//!
//! Lines are grouped at blank lines. A group that opens with `Figure N.` or ends with a
//! `Courtesy …` credit is a caption; `Table N.` opens a table that takes the column-shaped
//! groups after it and its `Source:` note. A paragraph cut by a page break, a caption or a
//! table continues when it had not ended (no full stop) or the next group starts in lower
//! case. Lines are joined with line-end hyphens removed where a word was split, and kept where
//! the book writes the word with a hyphen elsewhere, or the next line starts with a capital or
//! a digit (`Soviet-Japanese`, `1904-05`). Footnote markers (`one-third.3 Armed`) leave the
//! words; `l989` is read `1989`.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::furniture::Line;
use super::{Block, Table};
use crate::types::Field;

/// Every hyphenated word the book prints inside a line (`so-called`), lowercased: a line-end
/// hyphen in one of these is a real hyphen.
pub(crate) fn compounds(lines: &[Line<'_>]) -> HashSet<String> {
    let mut out = HashSet::new();
    for l in lines {
        let words: Vec<&str> = l.text.split_whitespace().collect();
        let n = words.len();
        for (i, w) in words.iter().enumerate() {
            if i + 1 == n && w.ends_with('-') {
                continue;
            }
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.contains('-') && !w.contains("--") && w.chars().any(|c| c.is_alphabetic()) {
                out.insert(w.to_lowercase());
            }
        }
    }
    out
}

/// What one section's lines hold.
pub(crate) struct Read {
    pub blocks: Vec<Block>,
    pub fields: Vec<Field>,
    pub footnote_markers: usize,
}

struct Group<'a> {
    lines: Vec<&'a str>,
    /// A page break (removed furniture) before it or inside it.
    broken: bool,
}

fn groups<'a>(lines: &[Line<'a>]) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    let mut cur: Vec<&'a str> = Vec::new();
    let mut broken = false;
    for l in lines {
        if l.break_before {
            broken = true;
        }
        if l.is_blank() {
            if !cur.is_empty() {
                out.push(Group {
                    lines: std::mem::take(&mut cur),
                    broken: std::mem::take(&mut broken),
                });
            }
            continue;
        }
        cur.push(l.text);
    }
    if !cur.is_empty() {
        out.push(Group { lines: cur, broken });
    }
    out
}

fn starts_with_word(t: &str, word: &str) -> bool {
    t.get(..word.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(word))
        && t[word.len()..].starts_with([' ', '.', ':'])
}

fn numbered(t: &str, word: &str) -> bool {
    starts_with_word(t, word)
        && t[word.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase() || c == 'l')
}

fn is_source(t: &str) -> bool {
    starts_with_word(t, "Source") || starts_with_word(t, "Sources")
}

fn is_credit(t: &str) -> bool {
    starts_with_word(t, "Courtesy") || starts_with_word(t, "Photo")
}

/// A group of table rows: every line has a gap of two spaces or more, or is mostly figures.
fn tabular(g: &Group<'_>) -> bool {
    g.lines.iter().all(|l| {
        let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
        let letters = l.chars().filter(|c| c.is_alphabetic()).count();
        l.contains("  ") || digits >= letters
    })
}

fn cells(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

fn ends_sentence(p: &str) -> bool {
    p.trim_end()
        .ends_with(['.', '?', '!', ':', '"', '”', ')', '\''])
        && !p.trim_end().ends_with("--")
}

/// Join line `b` onto text `a`, undoing line-end hyphenation.
pub(crate) fn join(a: &mut String, b: &str, compounds: &HashSet<String>) {
    let b = b.trim();
    if a.is_empty() {
        a.push_str(b);
        return;
    }
    if a.ends_with("--") {
        a.push_str(b);
        return;
    }
    if let Some(stem) = a.strip_suffix('-')
        && stem.ends_with(|c: char| c.is_alphanumeric())
    {
        let before: String = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = b.chars().take_while(|c| c.is_alphanumeric()).collect();
        let real = !b.starts_with(|c: char| c.is_lowercase())
            || stem.ends_with(|c: char| c.is_ascii_digit())
            || compounds.contains(&format!(
                "{}-{}",
                before.to_lowercase(),
                after.to_lowercase()
            ));
        if !real {
            a.pop();
        }
        a.push_str(b);
        return;
    }
    a.push(' ');
    a.push_str(b);
}

static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([A-Za-z]{2}[.,;:"”’)])(\d{1,2})(\s|$)"#).expect("footnote pattern")
});
static OCR_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[lI]([0-9]{3})\b").expect("year pattern"));

fn clean(p: &str, markers: &mut usize) -> String {
    let spaced = p.split_whitespace().collect::<Vec<_>>().join(" ");
    *markers += FOOTNOTE.find_iter(&spaced).count();
    let out = FOOTNOTE.replace_all(&spaced, "$1$3");
    OCR_YEAR.replace_all(&out, "1$1").into_owned()
}

/// Read one section's lines. In the Country Profile, `Label:` paragraphs become fields.
pub(crate) fn read(lines: &[Line<'_>], compounds: &HashSet<String>, profile: bool) -> Read {
    let groups = groups(lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut markers = 0usize;
    // The paragraph a later group may continue, and whether something came between.
    let mut open: Option<usize> = None;
    let mut interrupted = false;
    let mut g = 0usize;
    while g < groups.len() {
        let group = &groups[g];
        let first = group.lines[0];
        if numbered(first, "Figure") || group.lines.last().is_some_and(|l| is_credit(l)) {
            let mut text = String::new();
            for l in &group.lines {
                join(&mut text, l, compounds);
            }
            blocks.push(Block::Caption(clean(&text, &mut markers)));
            interrupted = true;
            g += 1;
            continue;
        }
        if numbered(first, "Table") {
            let mut title = String::new();
            let mut body: Vec<String> = Vec::new();
            for (k, l) in group.lines.iter().enumerate() {
                if k == 0 || (body.is_empty() && !l.contains("  ")) {
                    join(&mut title, l, compounds);
                } else {
                    body.push((*l).to_owned());
                }
            }
            let mut source = None;
            g += 1;
            while g < groups.len() {
                let next = &groups[g];
                if is_source(next.lines[0]) {
                    let mut s = String::new();
                    for l in &next.lines {
                        join(&mut s, l, compounds);
                    }
                    source = Some(s);
                    g += 1;
                    break;
                }
                if !tabular(next) {
                    break;
                }
                body.extend(next.lines.iter().map(|l| (*l).to_owned()));
                g += 1;
            }
            let rows: Vec<Vec<String>> = body.iter().map(|l| cells(l)).collect();
            let width = rows.first().map_or(0, Vec::len);
            let regular = width >= 2 && rows.iter().all(|r| r.len() == width);
            blocks.push(Block::Table(Table {
                title: clean(&title, &mut markers),
                rows: regular.then_some(rows),
                lines: body,
                source,
            }));
            interrupted = true;
            continue;
        }
        let mut text = String::new();
        for l in &group.lines {
            join(&mut text, l, compounds);
        }
        let continues = open.is_some_and(|o| {
            let Block::Paragraph(prev) = &blocks[o] else {
                return false;
            };
            (group.broken || interrupted)
                && (prev.ends_with('-')
                    || !ends_sentence(prev)
                    || text.starts_with(|c: char| c.is_lowercase()))
        });
        if continues && let Some(Block::Paragraph(prev)) = open.and_then(|o| blocks.get_mut(o)) {
            join(prev, &text, compounds);
        } else {
            blocks.push(Block::Paragraph(text));
            open = Some(blocks.len() - 1);
        }
        interrupted = false;
        g += 1;
    }
    let mut fields = Vec::new();
    let mut out = Vec::with_capacity(blocks.len());
    let mut labelled: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let p = clean(&p, &mut markers);
                if profile && (!labelled.is_empty() || crate::profile::label_of(&p).is_some()) {
                    labelled.push(p);
                } else {
                    out.push(Block::Paragraph(p));
                }
            }
            other => out.push(other),
        }
    }
    if !labelled.is_empty() {
        fields = crate::profile::fields(&labelled);
    }
    Read {
        blocks: out,
        fields,
        footnote_markers: markers,
    }
}
