//! Headings matched to the Contents, in order; the sections they open.
//!
//! The Contents is the skeleton. Body lines shaped like headings (a short line after a blank
//! line) are compared with the next few Contents entries (OCR- and case-tolerant,
//! [`super::titles::same_title`]; a heading wrapped over two lines is tried joined), and a
//! match opens that entry's section; `Chapter N. Title` and the book's part names open parts
//! even when the Contents lacks them. Inside a chapter or the Country Profile, a heading-shaped
//! line in title case or capitals that the Contents lacks opens a subsection of the last
//! Contents section before it. Everything before the first heading is the title page.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::blocks;
use super::contents::part_kind;
use super::furniture::Line;
use super::titles::{Spelling, display, same_title, title_key};
use super::{ContentsEntry, PageRange, PartKind, PrintedSection};
use crate::types::Diagnostic;

/// `Chapter 3. The Economy` (OCR: `Chapter l.`, `CHAPTER 3`) → `(3, "The Economy")`; the title
/// may be empty when it is printed on the next line.
pub(crate) fn chapter_heading(t: &str) -> Option<(u16, &str)> {
    let t = t.trim();
    // A Contents line (`Chapter 1. Land ...... 1`) is not a heading.
    if super::contents::is_leader_line(t) {
        return None;
    }
    let rest = t.get(..8).filter(|p| p.eq_ignore_ascii_case("chapter "))?;
    let rest = &t[rest.len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, 'l' | 'I' | 'i' | '|' | 'O')))
        .unwrap_or(rest.len());
    if end == 0 || end > 3 {
        return None;
    }
    let digits: String = rest[..end]
        .chars()
        .map(|c| match c {
            'l' | 'I' | 'i' | '|' => '1',
            'O' => '0',
            c => c,
        })
        .collect();
    let n: u16 = digits.parse().ok()?;
    let after = &rest[end..];
    if !(after.is_empty() || after.starts_with(['.', ':', ' '])) {
        return None;
    }
    let title = after.trim_start_matches(['.', ':']).trim();
    // "Chapter 2 describes the land" is a sentence, not a heading.
    if title.ends_with('.') || title.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    Some((n, title))
}

/// What [`build`] found.
pub(crate) struct Built {
    pub sections: Vec<PrintedSection>,
    /// Lines before the first heading: the title page and cataloguing data.
    pub front_end: usize,
    pub diagnostics: Vec<Diagnostic>,
}

struct Heading {
    line: usize,
    /// Lines the heading occupies (2 when wrapped or `Chapter N` + title).
    span: usize,
    title: String,
    level: u8,
    kind: PartKind,
    chapter: Option<u16>,
    in_contents: bool,
    authors: Vec<String>,
}

fn starts_block(lines: &[Line<'_>], i: usize) -> bool {
    i == 0 || lines[i - 1].is_blank() || lines[i].break_before
}

fn next_nonblank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !lines[j].is_blank())
}

/// A heading the Contents lacks: short, capitalized, unpunctuated, alone between blank lines,
/// followed by text that starts a sentence.
fn unlisted_heading(
    lines: &[Line<'_>],
    i: usize,
    authors: &HashSet<String>,
    after_heading: bool,
) -> bool {
    let t = lines[i].text;
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || t.len() > 80 {
        return false;
    }
    if !t.starts_with(|c: char| c.is_uppercase())
        || t.ends_with(['.', ',', ';', ':', '!', '?', '-'])
    {
        return false;
    }
    let k = title_key(t);
    if [
        "figure ", "table ", "source", "courtesy", "photo", "chapter ",
    ]
    .iter()
    .any(|p| k.starts_with(title_key(p).as_str()) || k == title_key(p))
        || authors.contains(&k)
        || crate::profile::label_of(t).is_some()
    {
        return false;
    }
    // An initial ("Ada R. Norwood") makes a name, not a heading.
    if words.iter().any(|w| w.len() == 2 && w.ends_with('.')) {
        return false;
    }
    let title_case = words.iter().all(|w| {
        w.chars().count() < 4 || w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
    });
    if !title_case {
        return false;
    }
    // Alone between blank lines, or, in a text that keeps no blank lines, a short line between
    // the end of a sentence and the start of one.
    let blank_after = i + 1 < lines.len() && lines[i + 1].is_blank();
    let after_sentence = i > 0
        && lines[i - 1]
            .text
            .trim_end()
            .ends_with(['.', '?', '!', '"', '”']);
    let block_start = i == 0 || lines[i - 1].is_blank() || lines[i].break_before;
    if !blank_after && !((after_sentence || block_start || after_heading) && words.len() <= 6) {
        return false;
    }
    let Some(j) = next_nonblank(lines, i) else {
        return false;
    };
    let next = lines[j].text;
    next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
        && !title_key(next).starts_with("courtesy")
}

/// Find the headings, match them to the Contents, and cut the book into sections.
pub(crate) fn build(
    lines: &[Line<'_>],
    entries: &[ContentsEntry],
    contents: Range<usize>,
) -> Built {
    let mut diagnostics = Vec::new();
    let keys: Vec<String> = entries.iter().map(|e| title_key(&e.title)).collect();
    let chapter_of_entry: Vec<Option<(u16, String)>> = entries
        .iter()
        .map(|e| chapter_heading(&e.title).map(|(n, t)| (n, title_key(t))))
        .collect();
    // Each title's entries, in order, for a title found beyond the window.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (e, k) in keys.iter().enumerate() {
        by_key.entry(k.as_str()).or_default().push(e);
    }
    let mut words: HashMap<String, u32> = HashMap::new();
    for l in lines {
        for w in l
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *words.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    let spelling = Spelling::new(words);
    let authors: HashSet<String> = entries
        .iter()
        .flat_map(|e| e.authors.iter().map(|a| title_key(a)))
        .collect();
    let mut headings: Vec<Heading> = Vec::new();
    let mut cursor = 0usize;
    let mut matched = vec![false; entries.len()];
    let mut current_part: Option<PartKind> = None;
    let mut i = 0usize;
    while i < lines.len() {
        if contents.contains(&i) {
            i = contents.end.max(i + 1);
            continue;
        }
        let l = &lines[i];
        // A Contents title or `Chapter N.` on a line of its own is a heading wherever it is
        // (some full texts keep no blank lines).
        if l.is_blank() || l.text.len() > 120 {
            i += 1;
            continue;
        }
        let t = l.text;
        let next = next_nonblank(lines, i).filter(|&j| !contents.contains(&j));
        // 1. Chapter N. Title
        if let Some((n, name)) = chapter_heading(t) {
            let (name, span) = match (name.is_empty(), next) {
                (true, Some(j)) => (lines[j].text, j - i + 1),
                _ => (name, 1),
            };
            let key = title_key(name);
            let found = (cursor..entries.len()).find(|&e| {
                chapter_of_entry[e]
                    .as_ref()
                    .is_some_and(|(en, ek)| *en == n || same_title(ek, &key))
            });
            let (title, entry_authors) = match found {
                Some(e) => {
                    matched[e] = true;
                    cursor = e + 1;
                    let printed = chapter_heading(&entries[e].title).map_or(name, |(_, t)| t);
                    (
                        spelling.better(printed, name).to_owned(),
                        entries[e].authors.clone(),
                    )
                }
                None => (name.to_owned(), Vec::new()),
            };
            headings.push(Heading {
                line: i,
                span,
                title: display(&title),
                level: 1,
                kind: PartKind::Chapter,
                chapter: Some(n),
                in_contents: found.is_some(),
                authors: entry_authors,
            });
            current_part = Some(PartKind::Chapter);
            i += span;
            continue;
        }
        // 2. The next Contents entries (a wrapped heading tried joined with its next line).
        let key = title_key(t);
        let joined = next
            .filter(|&j| j == i + 1 && lines[j].text.len() < 80)
            .map(|j| title_key(&format!("{t} {}", lines[j].text)));
        let window = cursor..entries.len().min(cursor + 8);
        let hit = window.clone().find_map(|e| {
            if chapter_of_entry[e].is_some() {
                return None;
            }
            if same_title(&keys[e], &key) {
                Some((e, 1))
            } else if joined.as_ref().is_some_and(|j| same_title(&keys[e], j)) {
                Some((e, 2))
            } else {
                None
            }
        });
        // Beyond the window (the body lacks several entries in a row): the same title exactly,
        // on a line alone.
        let alone = next.is_none_or(|j| j > i + 1) && !t.ends_with(['.', ',', ';', ':']);
        let hit = hit.or_else(|| {
            alone
                .then(|| {
                    by_key
                        .get(key.as_str())?
                        .iter()
                        .find(|&&e| e >= window.end && chapter_of_entry[e].is_none())
                        .map(|&e| (e, 1))
                })
                .flatten()
        });
        // A title that is a whole line is a heading, with or without a blank line after it.
        let shaped = t.split_whitespace().count() <= 16 && !t.ends_with([',', ';']);
        if let Some((e, span)) = hit.filter(|_| shaped) {
            matched[e] = true;
            cursor = e + 1;
            let body_title = if span == 2 {
                format!("{t} {}", lines[i + 1].text)
            } else {
                t.to_owned()
            };
            let title = spelling.better(&entries[e].title, &body_title).to_owned();
            let kind = if entries[e].level == 1 {
                part_kind(&title).unwrap_or(PartKind::Other)
            } else {
                PartKind::Section
            };
            if entries[e].level == 1 {
                current_part = Some(kind);
            }
            headings.push(Heading {
                line: i,
                span,
                title: display(&title),
                level: entries[e].level,
                kind,
                chapter: None,
                in_contents: true,
                authors: Vec::new(),
            });
            i += span;
            continue;
        }
        // 3. A part the Contents lacks (or that comes before the Contents).
        let seen = |kind: PartKind| headings.iter().any(|h| h.kind == kind);
        if let Some(kind) = part_kind(t)
            .filter(|_| starts_block(lines, i))
            .filter(|_| next.is_none_or(|j| j > i + 1))
            .filter(|k| *k == PartKind::Other || !seen(*k))
        {
            let listed = (0..entries.len()).find(|&e| !matched[e] && keys[e] == key);
            if let Some(e) = listed {
                matched[e] = true;
            }
            current_part = Some(kind);
            headings.push(Heading {
                line: i,
                span: 1,
                title: display(t),
                level: 1,
                kind,
                chapter: None,
                in_contents: listed.is_some(),
                authors: Vec::new(),
            });
            i += 1;
            continue;
        }
        // 4. A heading the Contents lacks, inside a chapter or the Country Profile.
        if matches!(
            current_part,
            Some(PartKind::Chapter | PartKind::CountryProfile)
        ) && unlisted_heading(
            lines,
            i,
            &authors,
            headings.last().is_some_and(|h| h.line + h.span == i),
        ) {
            let parent_level = headings
                .iter()
                .rev()
                .find(|h| h.in_contents)
                .map_or(1, |h| h.level);
            headings.push(Heading {
                line: i,
                span: 1,
                title: display(t),
                level: parent_level + 1,
                kind: PartKind::Section,
                chapter: None,
                in_contents: false,
                authors: Vec::new(),
            });
        }
        i += 1;
    }
    for (e, m) in matched.iter().enumerate() {
        if !*m {
            diagnostics.push(Diagnostic {
                message: format!(
                    "Contents entry `{}` not found in the body",
                    entries[e].title
                ),
            });
        }
    }
    let mut front_end = headings.first().map_or(lines.len(), |h| h.line);
    if !contents.is_empty() {
        front_end = front_end.min(contents.start);
    }
    let compounds = blocks::compounds(lines);
    let mut sections: Vec<PrintedSection> = Vec::new();
    let mut chapter: Option<u16> = None;
    let mut parents: Vec<usize> = Vec::new(); // stack of section indexes
    for (h_idx, h) in headings.iter().enumerate() {
        let body_start = h.line + h.span;
        let body_end = headings.get(h_idx + 1).map_or(lines.len(), |n| n.line);
        let mut body: Vec<Line<'_>> = Vec::new();
        for (j, l) in lines.iter().enumerate().take(body_end).skip(body_start) {
            if contents.contains(&j) {
                continue;
            }
            body.push(l.clone());
        }
        // The chapter's author line(s) under its title.
        if h.kind == PartKind::Chapter {
            let names: HashSet<String> = h.authors.iter().map(|a| title_key(a)).collect();
            let mut seen = 0;
            body.retain(|l| {
                if l.is_blank() || seen > 3 {
                    return true;
                }
                seen += 1;
                !names.contains(&title_key(l.text))
            });
        }
        if h.level == 1 {
            chapter = h.chapter;
        }
        while let Some(&p) = parents.last() {
            if sections[p].level >= h.level {
                parents.pop();
            } else {
                break;
            }
        }
        let profile = h.kind == PartKind::CountryProfile
            || parents
                .first()
                .is_some_and(|&p| sections[p].kind == PartKind::CountryProfile);
        let read = blocks::read(&body, &compounds, profile);
        let first = lines[h.line].page;
        let last = body
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .and_then(|l| l.page)
            .or(first);
        sections.push(PrintedSection {
            title: h.title.clone(),
            kind: h.kind,
            level: h.level,
            chapter,
            parent: parents.last().copied(),
            in_contents: h.in_contents,
            pages: first.zip(last).map(|(first, last)| PageRange {
                first,
                last: last.max(first),
            }),
            blocks: read.blocks,
            fields: read.fields,
            footnote_markers: read.footnote_markers,
        });
        parents.push(sections.len() - 1);
    }
    Built {
        sections,
        front_end,
        diagnostics,
    }
}
