//! gl.iit.edu govdocs: a Foreign Area Studies edition with `Previous Page …` chrome and
//! paragraphs indented by four spaces.

use super::{Extract, drop_captions, take_footer, to_lines};

fn is_chrome(line: &str) -> bool {
    let l = line.trim();
    l.contains("Previous Page")
        || l.contains("Next Page")
        || l.contains("Government Publications Home")
        || l.contains("World Terrorism Resources")
}

/// Drop the navigation lines and rebuild paragraphs from indentation and blank lines.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let mut lines = to_lines(text);
    let before = lines.len();
    lines.retain(|l| !is_chrome(l));
    ex.chrome = lines.len() < before;
    ex.data_as_of = take_footer(&mut lines, &mut ex.notes);
    drop_captions(&mut lines, &mut ex.notes);
    // A short first line without final punctuation is the title.
    if let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) {
        let l = lines[first].trim();
        if l.chars().count() <= 80
            && !l.ends_with(['.', ',', ';'])
            && !lines[first].starts_with("    ")
        {
            ex.title = Some(l.to_owned());
            lines.drain(..=first);
        }
    }
    let mut cur = String::new();
    for line in &lines {
        let indented = line.starts_with("    ") || line.starts_with('\t');
        let l = line.trim();
        if (l.is_empty() || indented) && !cur.is_empty() {
            ex.paragraphs.push(std::mem::take(&mut cur));
        }
        if l.is_empty() {
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(l);
    }
    if !cur.is_empty() {
        ex.paragraphs.push(cur);
    }
    ex
}
