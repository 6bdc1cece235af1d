//! discmaster.textfiles.com: the 1991 *Countries of the World* CD-ROM in a line-numbered viewer.
//!
//! ```text
//! $Unique_ID{COW02070}
//! $Title{Kenya
//! Front Matter}
//! $Author{…}
//! $Date{1983}
//! Country: Kenya
//! Book: …
//! Author: … / Affiliation: … / Date: …
//! <body>
//! ```
//! These are the pre-FRD (Foreign Area Studies) editions; they carry no `Data as of` footer.

use super::{Extract, paragraphs_from_lines, take_footer};

const META_LABELS: &[&str] = &["Country:", "Book:", "Author:", "Affiliation:", "Date:"];

/// Strip the viewer's line numbers, read the `$Field{…}` header, and split the body.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let raw: Vec<&str> = text.split('\n').collect();
    let numbered = raw.iter().filter(|l| starts_with_number(l)).count();
    let non_blank = raw.iter().filter(|l| !l.trim().is_empty()).count().max(1);
    let strip = numbered * 10 >= non_blank * 6;
    let mut lines: Vec<String> = raw
        .iter()
        .map(|l| {
            if strip { strip_number(l) } else { l }
                .trim_end()
                .to_owned()
        })
        .collect();
    // `$Field{…}` blocks, possibly over several lines.
    let mut pos = 0;
    while pos < lines.len() {
        let l = lines[pos].trim().to_owned();
        if l.is_empty() {
            pos += 1;
            continue;
        }
        if !l.starts_with('$') {
            break;
        }
        ex.chrome = true;
        // A `$Field{…}` block runs to the first line with a `}`; only each new line is looked
        // at, so a block that never closes costs one pass, not one pass per line.
        let mut closed = l.contains('}');
        let mut block = l;
        while !closed && pos + 1 < lines.len() {
            pos += 1;
            let line = lines[pos].trim();
            closed = line.contains('}');
            block.push('\n');
            block.push_str(line);
        }
        pos += 1;
        if let Some(inner) = block.strip_prefix("$Title{") {
            let inner = inner.trim_end_matches('}');
            let mut parts = inner.splitn(2, '\n');
            if let Some(c) = parts.next().map(str::trim).filter(|c| !c.is_empty()) {
                ex.country_name = Some(c.to_owned());
            }
            ex.title = parts
                .next()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty());
        }
    }
    // `Country:` / `Book:` / … metadata lines.
    while let Some(l) = lines.get(pos).map(|l| l.trim().to_owned()) {
        if l.is_empty() {
            pos += 1;
            continue;
        }
        match META_LABELS.iter().find(|m| l.starts_with(**m)) {
            Some(m) => {
                if *m == "Country:" && ex.country_name.is_none() {
                    ex.country_name = Some(l[m.len()..].trim().to_owned());
                }
                pos += 1;
            }
            None => break,
        }
    }
    let mut body = lines.split_off(pos.min(lines.len()));
    ex.data_as_of = take_footer(&mut body, &mut ex.notes);
    ex.paragraphs = paragraphs_from_lines(&body);
    ex.notes
        .push("pre-FRD (Foreign Area Studies) edition from the 1991 CD-ROM".into());
    ex
}

fn starts_with_number(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (t[digits..].is_empty() || t[digits..].starts_with([' ', '\t', ':', '.']))
}

fn strip_number(line: &str) -> &str {
    if !starts_with_number(line) {
        return line;
    }
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    let rest = rest.strip_prefix([':', '.']).unwrap_or(rest);
    rest.strip_prefix([' ', '\t']).unwrap_or(rest)
}
