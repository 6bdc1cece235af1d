//! mongabay.com: site chrome, an optional `<Country>-<Section Title>` line, then `<Country> Index`.
//!
//! ```text
//! About  |   Contact  |  Mongabay on Facebook  |  …
//! Rainforests | Tropical fish | Environmental news | …
//! <Country>-<Section Title>      <- newer template only (sometimes just <Country>)
//! MONGABAY.COM
//! Mongabay.com seeks to raise interest in … (more)
//! WEEKLY NEWSLETTER
//! Email:
//! <Country> Index                <- the body starts after this line
//! <body…>
//! ```

use super::{Extract, drop_captions, paragraphs_from_lines, take_footer, to_lines};
use crate::books;

/// Lines of the mongabay frame itself.
fn is_site_chrome(line: &str) -> bool {
    let l = line.trim();
    l.contains(" | ")
        || l.eq_ignore_ascii_case("MONGABAY.COM")
        || l.starts_with("Mongabay.com seeks")
        || l == "WEEKLY NEWSLETTER"
        || l == "Email:"
}

/// Find the `<Country> Index` line, take the title line from the chrome above it, and the body
/// below it.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let mut lines = to_lines(text);
    ex.data_as_of = take_footer(&mut lines, &mut ex.notes);
    let scan = lines.len().min(80);
    let index_line = (0..scan).find(|&i| {
        let l = lines[i].trim();
        l.strip_suffix(" Index")
            .is_some_and(|c| books::book_for_country(c).is_some())
    });
    let body_start = match index_line {
        Some(i) => {
            ex.chrome = true;
            let l = lines[i].trim();
            ex.country_name = Some(l[..l.len() - " Index".len()].to_owned());
            i + 1
        }
        None => {
            // No index link: the body starts after the last chrome line near the top.
            let last = (0..scan).rfind(|&i| is_site_chrome(&lines[i]));
            ex.chrome = last.is_some();
            ex.notes.push("mongabay: no `<Country> Index` line".into());
            last.map_or(0, |i| i + 1)
        }
    };
    // The page title: the first non-chrome line above the body.
    let title_line = lines[..body_start]
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !is_site_chrome(l) && !l.ends_with(" Index"));
    if let Some(t) = title_line {
        if let Some((country, title)) = split_dash_title(t) {
            ex.country_name.get_or_insert(country);
            ex.title = Some(title).filter(|t| !t.is_empty());
        } else if books::book_for_country(t).is_some() {
            ex.country_name.get_or_insert(t.to_owned());
        }
    }
    let mut body = lines.split_off(body_start.min(lines.len()));
    // The reference family opens with `<Country> - <SECTION>` and `<Country> - <Chapter>`.
    let mut dashed = Vec::new();
    while let Some(i) = body.iter().position(|l| !l.trim().is_empty()) {
        match split_spaced_dash(body[i].trim()) {
            Some((country, rest)) if dashed.len() < 2 => {
                ex.country_name.get_or_insert(country);
                dashed.push(rest);
                body.drain(..=i);
            }
            _ => break,
        }
    }
    if !dashed.is_empty() {
        ex.chrome = true;
        ex.title = Some(dashed.remove(0));
        ex.heading = dashed.pop().or(ex.heading.take());
    }
    drop_captions(&mut body, &mut ex.notes);
    ex.paragraphs = paragraphs_from_lines(&body);
    ex
}

/// `Brazil - GEOGRAPHY` → (`Brazil`, `GEOGRAPHY`): a spaced dash after a known country.
fn split_spaced_dash(line: &str) -> Option<(String, String)> {
    let (country, rest) = line.split_once(" - ")?;
    (line.len() <= 160
        && books::book_for_country(country.trim()).is_some()
        && !rest.trim().is_empty())
    .then(|| (country.trim().to_owned(), rest.trim().to_owned()))
}

/// `Brazil-The Electoral System` → (`Brazil`, `The Electoral System`), the country being known.
fn split_dash_title(line: &str) -> Option<(String, String)> {
    // Only dashes within a country name's length of the start: a long line of dashes would
    // otherwise look up ever longer prefixes, quadratically.
    const LONGEST_NAME: usize = 120;
    let dashes = line
        .match_indices('-')
        .take_while(|&(i, _)| i <= LONGEST_NAME);
    for (i, _) in dashes {
        let (country, title) = (line[..i].trim(), line[i + 1..].trim());
        if books::book_for_country(country).is_some() {
            return Some((country.to_owned(), title.to_owned()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_title() {
        assert_eq!(
            split_dash_title("Guinea-Bissau-Ports"),
            None,
            "an unknown country is not split"
        );
        assert_eq!(
            split_dash_title("Brazil-The Electoral System"),
            Some(("Brazil".into(), "The Electoral System".into()))
        );
    }
}
