//! reference.allrefer.com: a `Country [alias] Title` line, captions, a hard-wrapped body.
//!
//! ```text
//! Soviet Union [USSR] Foreword
//! [photo caption lines]
//! [Courtesy <name>]
//! <body hard-wrapped at about 65 columns, single newlines, no blank lines>
//! [Data as of <Month YYYY>]
//! [|]
//! ```
//! Paragraph boundaries are lost in the extract, so the body is reflowed: a line is a
//! paragraph's last line when it ends a sentence and the next line's first word would still have
//! fitted on it (the wrapper did not force the break; lines over 100 columns were never wrapped),
//! or when the next line starts a `Label:` field. Short lines without final punctuation (a signature block, `Chief`) stay joined, as they
//! are in the blank-line-separated mirrors.

use super::{Extract, drop_captions, next_non_blank, split_country_prefix, take_footer, to_lines};
use crate::profile;

/// Split the title line, drop captions and the footer, reflow the body.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let mut lines = to_lines(text);
    ex.data_as_of = take_footer(&mut lines, &mut ex.notes);
    // The title line is normally the first line; ad or frame lines may come before it.
    let mut pos = 0;
    let mut probe = 0;
    let mut found = false;
    for _ in 0..10 {
        let Some(i) = next_non_blank(&lines, probe) else {
            break;
        };
        probe = i + 1;
        if let Some((country, title)) = split_country_prefix(lines[i].trim()) {
            ex.chrome = true;
            ex.country_name = Some(country);
            if !title.is_empty() {
                ex.title = Some(title);
            }
            let skipped = lines[..i].iter().filter(|l| !l.trim().is_empty()).count();
            if skipped > 0 {
                ex.notes.push(format!(
                    "allrefer: dropped {skipped} line(s) before the title line"
                ));
            }
            pos = i + 1;
            found = true;
            break;
        }
    }
    if !found {
        ex.notes
            .push("allrefer: no `<Country> <Title>` line at the top".into());
    }
    let mut body = lines.split_off(pos.min(lines.len()));
    drop_captions(&mut body, &mut ex.notes);
    ex.paragraphs = reflow(&body);
    ex
}

/// Rebuild paragraphs from hard-wrapped lines (see the module docs). Blank lines, when present,
/// also end paragraphs. Lines are joined with one space; nothing inside a line is changed.
pub(crate) fn reflow(lines: &[String]) -> Vec<String> {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let width = wrap_width(&lines);
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(line);
        let next = lines.get(i + 1).copied().unwrap_or("");
        if next.is_empty() {
            continue; // a blank line or the end closes the paragraph anyway
        }
        let len = line.chars().count();
        let next_word = next
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        // Lines longer than any hard wrap (HTML `<br>` breaks) were not wrapped at all.
        let fits = width > 100 || len + 1 + next_word <= width;
        let ends_sentence = ends_sentence(line);
        if (fits && ends_sentence) || profile::label_of(next).is_some() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The wrap column: the second-longest line (one over-long line does not set it), at least 40.
fn wrap_width(lines: &[&str]) -> usize {
    let mut longest = [0usize; 2];
    for l in lines {
        let n = l.chars().count();
        if n > longest[0] {
            longest = [n, longest[0]];
        } else if n > longest[1] {
            longest[1] = n;
        }
    }
    let w = if lines.len() >= 3 {
        longest[1]
    } else {
        longest[0]
    };
    w.max(40)
}

fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end_matches(['"', '\'', ')', '”', '’']);
    l.ends_with(['.', '?', '!', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(s: &str) -> Vec<String> {
        s.lines().map(str::to_owned).collect()
    }

    #[test]
    fn reflow_short_sentence_end_breaks() {
        let body = owned(
            "The river valley has long been the heart of the country, and its\n\
             towns grew rich on the grain trade that ran down to the coast in\n\
             the dry season.\n\
             Later the railroad changed all of this, carrying grain straight\n\
             to the port and leaving the old river towns to decline slowly.",
        );
        let p = reflow(&body);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].ends_with("in the dry season."));
        assert!(p[1].starts_with("Later the railroad"));
    }

    #[test]
    fn reflow_keeps_split_words_and_full_lines_together() {
        let body = owned(
            "After Inde- pendence the new state set out a plan to build roads.\n\
             Its first roads ran along the coast, from the capital to the port\n\
             towns of the south.",
        );
        // The first line ends a sentence but is the longest line: the break was forced.
        let p = reflow(&body);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(p[0].contains("Inde- pendence"));
    }

    #[test]
    fn reflow_breaks_before_labels() {
        let body = owned(
            "Size: About 100,000 square kilometers, mostly\nhigh plateau\nClimate: Dry and hot.",
        );
        assert_eq!(reflow(&body).len(), 2);
    }
}
