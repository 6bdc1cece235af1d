//! photius.com, theodora.com and workmall.com: one operator, one layout.
//!
//! ```text
//! Open menu / Close menu / Search          <- menu toggles
//! Sponsored by …                           <- a sponsor line
//! Flags | Maps | Countries Index           <- the site's links
//! << Back to <Country> <Chapter>           <- the chapter the section belongs to
//! <Section Title>
//! <photo caption> / Courtesy …             <- captions with a credit
//! <body…>
//! Data as of <Month YYYY>
//! Sources: The Library of Congress Country Studies; CIA World Factbook
//! ```
//! The URL's file name names country, chapter and title: `<country>_<chapter>_<title>.html`
//! (`_former` after a state that no longer exists).

use super::{
    Extract, drop_captions, paragraphs_from_lines, split_country_prefix, take_footer, to_lines,
};
use crate::books;

const HOSTS: [&str; 3] = ["photius.com", "theodora.com", "workmall.com"];

/// Whether a page is of this family: by its URL's host, else by its back link and sources line.
pub(crate) fn detect(text: &str, url: Option<&str>) -> bool {
    if let Some(u) = url {
        let host = u
            .split("://")
            .nth(1)
            .unwrap_or(u)
            .split('/')
            .next()
            .unwrap_or("");
        if HOSTS
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
        {
            return true;
        }
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines.iter().any(|l| l.starts_with("<< Back to ")) && lines.iter().any(|l| is_sources_line(l))
}

fn is_sources_line(l: &str) -> bool {
    l.contains("Library of Congress Country Studies") && l.contains("World Factbook")
}

fn is_chrome(line: &str) -> bool {
    let l = line.trim();
    let lower = l.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "open menu" | "close menu" | "search" | "open search" | "close search" | "menu"
    ) || lower.starts_with("sponsored by")
        || lower.starts_with("sponsor:")
        || is_sources_line(l)
        || lower.starts_with("copyright")
        || l.starts_with('©')
        || ["flags", "maps", "countries"]
            .iter()
            .filter(|w| lower.contains(*w))
            .count()
            >= 2
            && l.len() < 120
}

/// Strip the chrome, read the back link (country and chapter), the title and the body.
pub(crate) fn extract(text: &str, url: Option<&str>) -> Extract {
    let mut ex = Extract::default();
    let mut lines = to_lines(text);
    let before = lines.len();
    lines.retain(|l| !is_chrome(l));
    ex.chrome = lines.len() < before;
    ex.data_as_of = take_footer(&mut lines, &mut ex.notes);
    if let Some(i) = lines
        .iter()
        .position(|l| l.trim().starts_with("<< Back to "))
    {
        let rest = lines[i].trim()["<< Back to ".len()..].trim().to_owned();
        ex.chrome = true;
        match split_country_prefix(&rest) {
            Some((country, chapter)) => {
                ex.country_name = Some(country);
                ex.heading = Some(chapter).filter(|c| !c.is_empty());
            }
            None if books::book_for_country(&rest).is_some() => ex.country_name = Some(rest),
            None => ex.heading = Some(rest),
        }
        lines.remove(i);
    }
    let slug = url.and_then(|u| slug_parts(u, ex.heading.as_deref()));
    if ex.country_name.is_none() {
        ex.country_name = slug.as_ref().map(|(c, _)| c.clone());
    }
    drop_captions(&mut lines, &mut ex.notes);
    // The first short line without final punctuation is the title.
    if let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) {
        let l = lines[first].trim();
        if l.chars().count() <= 100 && !l.ends_with(['.', ',', ';', ':']) {
            ex.title = Some(l.to_owned());
            lines.drain(..=first);
        }
    }
    if ex.title.is_none() {
        ex.title = slug.and_then(|(_, t)| t);
    }
    drop_captions(&mut lines, &mut ex.notes);
    // Text whose paragraphs are one long line each, with no blank line between them.
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    let long = lines.iter().filter(|l| l.chars().count() > 100).count();
    ex.paragraphs = if blank == 0 && long * 2 >= lines.len() {
        lines
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        paragraphs_from_lines(&lines)
    };
    ex
}

/// `…/bolivia_economy_the_role_of_government.html` → (`Bolivia`, `The Role Of Government`)
/// with the chapter (`Economy`) dropped; `_former` after the country is dropped.
fn slug_parts(url: &str, chapter: Option<&str>) -> Option<(String, Option<String>)> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let stem = path.rsplit('/').next()?.split('.').next()?;
    let words: Vec<&str> = stem.split(['_', '-']).filter(|w| !w.is_empty()).collect();
    let (n, country) = (1..=words.len().min(6)).rev().find_map(|k| {
        let name = words[..k].join(" ");
        books::book_for_country(&name).map(|_| (k, name))
    })?;
    let mut rest = &words[n..];
    if rest.first() == Some(&"former") {
        rest = &rest[1..];
    }
    if let Some(ch) = chapter {
        let ch: Vec<String> = ch
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        if rest.len() > ch.len()
            && rest[..ch.len()]
                .iter()
                .zip(&ch)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
        {
            rest = &rest[ch.len()..];
        }
    } else if rest.len() > 1 {
        rest = &rest[1..];
    }
    let title = rest
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some((country, Some(title).filter(|t| !t.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_name_country_chapter_and_title() {
        assert_eq!(
            slug_parts(
                "http://www.photius.com/countries/bolivia/economy/bolivia_economy_the_role_of_government.html",
                Some("Economy")
            ),
            Some(("bolivia".into(), Some("The Role Of Government".into())))
        );
        assert_eq!(
            slug_parts(
                "https://www.workmall.com/wfb2001/soviet_union_former/soviet_union_former_history_the_thaw.html",
                None
            ),
            Some(("soviet union".into(), Some("The Thaw".into())))
        );
        assert_eq!(slug_parts("http://x/atlantis_history_x.html", None), None);
    }

    #[test]
    fn detected_by_host_or_chrome() {
        assert!(detect("", Some("http://www.theodora.com/wfb/x.html")));
        assert!(detect(
            "<< Back to Chad Economy\nBody.\nSources: The Library of Congress Country Studies; CIA World Factbook",
            None
        ));
        assert!(!detect("<< Back to Chad Economy\nBody.", None));
    }
}
