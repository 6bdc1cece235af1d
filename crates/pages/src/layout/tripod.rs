//! countries{1,3,5}.tripod.com: the whole page flattened onto one line.
//!
//! `… COUNTRY PROFILE COUNTRY Formal Name: … Short Form: … Data as of April 1994 …`. The footer
//! is found inline, `Unavailable Country Profile map` alt text is dropped, and the text is split
//! at the usual profile labels. Semicolons the flattening dropped are not restored.

use super::Extract;
use crate::books;
use crate::footer;
use crate::profile;

const MAP_ALT: &str = "Unavailable Country Profile map";

/// Unflatten the one-line page.
pub(crate) fn extract(text: &str) -> Extract {
    let mut ex = Extract::default();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut body: &str = &flat;
    if let Some((start, stamp, _end)) = footer::find_inline_footer(body) {
        ex.data_as_of = Some(stamp);
        body = &flat[..start];
    }
    let mut body = body.replace(MAP_ALT, " ");
    if body.len() != flat.len() && flat.contains(MAP_ALT) {
        ex.chrome = true;
    }
    // Flattened LoC chrome at the start: `Country Listing <Country> Table of Contents`.
    if let Some(rest) = body.trim_start().strip_prefix("Country Listing") {
        ex.chrome = true;
        body = rest.to_owned();
    }
    if let Some(i) = body.find(" Table of Contents").filter(|&i| i < 120) {
        let name = body[..i].trim();
        if books::book_for_country(name).is_some() {
            ex.country_name = Some(name.to_owned());
            ex.chrome = true;
            body = body[i + " Table of Contents".len()..].to_owned();
        }
    }
    let mut pieces = profile::split_inline(body.trim());
    // Leading ALL-CAPS words before the first field are headings.
    if pieces.len() > 1 && profile::label_of(&pieces[0]).is_none() {
        let lead = pieces[0].clone();
        let caps = lead
            .split(' ')
            .take_while(|w| !w.chars().any(char::is_lowercase))
            .count();
        let words: Vec<&str> = lead.split(' ').collect();
        if caps == words.len() {
            pieces.remove(0);
            let joined = words.join(" ");
            match joined.strip_prefix("COUNTRY PROFILE") {
                Some(rest) => {
                    ex.heading = Some("COUNTRY PROFILE".into());
                    ex.title = Some(rest.trim().to_owned()).filter(|t| !t.is_empty());
                }
                None => {
                    ex.heading = Some(joined.clone());
                    ex.title = Some(joined);
                }
            }
        }
    }
    ex.paragraphs = pieces;
    ex
}
