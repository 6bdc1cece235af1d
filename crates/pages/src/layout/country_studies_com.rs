//! country-studies.com: the section title on the first line, a blank line, then the body.
//!
//! Words are often glued where the source had line breaks (`Sovietforces`); they are kept as
//! they are.

use super::{Extract, drop_captions, next_non_blank, paragraphs_from_lines, take_footer, to_lines};

/// Take the first line as the title and the rest as body.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let mut lines = to_lines(text);
    ex.data_as_of = take_footer(&mut lines, &mut ex.notes);
    let mut pos = 0;
    if let Some(first) = next_non_blank(&lines, 0) {
        let l = lines[first].trim();
        let followed_by_blank = lines.get(first + 1).is_none_or(|n| n.trim().is_empty());
        if l.chars().count() <= 150 && followed_by_blank && !l.ends_with('.') {
            ex.title = Some(l.to_owned());
            pos = first + 1;
        }
    }
    let mut body = lines.split_off(pos.min(lines.len()));
    drop_captions(&mut body, &mut ex.notes);
    ex.paragraphs = paragraphs_from_lines(&body);
    ex
}
