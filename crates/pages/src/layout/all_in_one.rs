//! Pages that run several sections together (mongabay's `…/all.html`), split at their
//! `Data as of` footers and read section by section.

use crate::html;
use crate::recognize::{decode, looks_binary, parse};
use crate::types::{Diagnostic, Input, Page, PageKind};

/// Recognize a page that may run several sections together (mongabay's `…/all.html`): each
/// `Data as of` footer ends a section, and every section after the first is read with the
/// first one's site header (chrome up to `<Country> Index`) so it is recognized like a page of
/// its own; its opening heading line becomes its title and its place its sequence. A page
/// with fewer than two footers is one page, as [`crate::parse`] reads it.
pub fn parse_many(input: &Input<'_>) -> Vec<(Page, Vec<Diagnostic>)> {
    let mut ignored = Vec::new();
    let decoded = decode(input.bytes, &mut ignored);
    let text = if html::looks_like_html(&decoded, input.path) {
        html::html_to_text(&decoded).text
    } else {
        decoded
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let ends: Vec<usize> = (0..lines.len())
        .filter(|&i| crate::footer::parse_footer(lines[i]).is_some())
        .collect();
    if ends.len() < 2 || looks_binary(input.bytes) {
        return vec![parse(input)];
    }
    let header_end = lines
        .iter()
        .take(80)
        .position(|l| l.trim().ends_with(" Index"))
        .map_or(0, |i| i + 1);
    let mut out = Vec::new();
    let mut start = 0;
    for (n, &end) in ends.iter().enumerate() {
        let mut chunk = String::new();
        if n > 0 {
            chunk.push_str(&lines[..header_end].join("\n"));
            chunk.push_str("\n\n");
        }
        chunk.push_str(&lines[start..=end].join("\n"));
        chunk.push('\n');
        start = end + 1;
        let (mut page, mut diags) = parse(&Input {
            bytes: chunk.as_bytes(),
            path: input.path,
            url: input.url,
        });
        if page.kind == PageKind::CountryStudy {
            let heading_like =
                |p: &str| p.chars().count() <= 100 && !p.ends_with(['.', ':', ';', ',']);
            if page.paragraphs.len() > 1 && page.paragraphs.first().is_some_and(|p| heading_like(p))
            {
                page.section_title = Some(page.paragraphs.remove(0));
            }
            page.sequence = Some(n as u64 + 1);
            diags.push(Diagnostic {
                message: format!("section {} of {} on one page", n + 1, ends.len()),
            });
        }
        out.push((page, diags));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_footer_is_one_page_and_three_are_three() {
        let one = "Country Listing\n\nJapan Table of Contents\n\nJapan\n\nRice grows on the plains.\n\nData as of January 1994\n";
        let input = |t: &'static str| Input {
            bytes: t.as_bytes(),
            path: None,
            url: None,
        };
        assert_eq!(parse_many(&input(one)).len(), 1);
        let three = "Japan Index\n\nPlains\n\nRice grows here on the plains.\n\nData as of January 1994\n\n\
                     Seas\n\nFerries cross the inland waters.\n\nData as of January 1994\n\n\
                     Hills\n\nSnow closes the high valleys.\n\nData as of January 1994\n";
        let pages = parse_many(&Input {
            bytes: three.as_bytes(),
            path: None,
            url: Some("http://www.mongabay.com/history/japan/all.html"),
        });
        let titles: Vec<_> = pages
            .iter()
            .map(|(p, _)| p.section_title.clone().unwrap_or_default())
            .collect();
        assert_eq!(titles, ["Plains", "Seas", "Hills"]);
        assert!(
            pages
                .iter()
                .all(|(p, _)| p.country.as_deref() == Some("Japan"))
        );
        assert_eq!(pages[2].0.sequence, Some(3));
    }
}
