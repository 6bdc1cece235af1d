//! The title page, its cataloguing data, and the research-completed date.

use std::sync::LazyLock;

use regex::Regex;

use super::Cataloguing;
use super::furniture::Line;
use crate::types::{AsOf, MONTH_NAMES};

static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b((?:first|second|third|fourth|fifth|sixth|seventh)\s+edition\b[^.]*)")
        .expect("edition pattern")
});
static LCCN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(\d{2,4}-\d{3,6})\s*(?:CIP)?\s*$").expect("lccn pattern")
});
static LCCN_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:catalog(?:ue)?\s+card\s+number|LCCN)[:\s]+(\d{2,4}-\d{3,6})")
        .expect("lccn label pattern")
});
static ISBN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ISBN[:\s]+([0-9][0-9Xx-]{8,16})").expect("isbn pattern"));
static SERIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bDA\s+Pam(?:phlet)?\s*;?\s*(\d{3}-\d{1,3})").expect("series pattern")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[4-9]\d|20[0-2]\d)\b").expect("year pattern"));
static RESEARCH: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTH_NAMES.join("|");
    Regex::new(&format!(
        r"(?i)(?:research\s+(?:for\s+(?:this|the)\s+(?:book|edition|volume|study)\s+)?(?:was\s+)?completed|(?:information|data)\s+(?:is\s+|are\s+|was\s+|were\s+)?(?:current|available)\s+(?:as\s+of|through)|current\s+as\s+of|data\s+as\s+of|as\s+of)\s+(?:in\s+|on\s+|by\s+|the\s+end\s+of\s+)?(?:(early|mid-?|late)\s*)?(?:({months})\s+)?(?:\d{{1,2}},\s+)?((?:19|20)\d{{2}})\b"
    ))
    .expect("research pattern")
});

/// The country of a title: `MONGOLIA: a country study` → `Mongolia`.
pub(crate) fn country_of_title(title: &str) -> Option<String> {
    let lower = title.to_ascii_lowercase();
    let end = lower.find("a country study")?;
    let name = title[..end]
        .trim()
        .trim_end_matches([':', ',', '—', '-'])
        .trim();
    if name.is_empty() {
        return None;
    }
    Some(super::titles::display(name))
}

/// Read the title page and cataloguing data (the lines before the first heading).
pub(crate) fn catalog(lines: &[Line<'_>]) -> Cataloguing {
    let mut c = Cataloguing::default();
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text)
        .filter(|t| !t.is_empty())
        .collect();
    for (i, t) in texts.iter().enumerate() {
        let lower = t.to_lowercase();
        if c.title.is_none() {
            if lower == "a country study" && i > 0 {
                let name = super::titles::display(texts[i - 1]);
                c.title = Some(format!("{name}: A Country Study"));
            } else if lower.ends_with("a country study") && t.len() < 80 {
                let name = country_of_title(t).unwrap_or_default();
                c.title = Some(format!("{name}: A Country Study"));
            }
        }
        if lower == "edited by"
            && let Some(next) = texts.get(i + 1)
        {
            c.editors.extend(
                next.split(" and ")
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty()),
            );
        }
        if c.edition.is_none()
            && let Some(m) = EDITION.captures(t)
        {
            let e = m[1].trim().trim_end_matches(['.', ',']).to_owned();
            c.published = YEAR.captures(&e).and_then(|y| y[1].parse().ok());
            c.edition = Some(e);
        }
        if c.isbn.is_none()
            && let Some(m) = ISBN.captures(t)
        {
            c.isbn = Some(m[1].trim_end_matches('-').to_owned());
        }
        if c.series.is_none()
            && let Some(m) = SERIES.captures(t)
        {
            c.series = Some(format!("DA Pam {}", &m[1]));
        }
        if let Some(m) = LCCN_LABELLED.captures(t) {
            c.lccn = Some(m[1].to_owned());
        } else if c.lccn.is_none()
            && !lower.contains("isbn")
            && !lower.contains("issn")
            && !lower.contains("pam")
            && let Some(m) = LCCN.captures(t)
        {
            c.lccn = Some(m[1].to_owned());
        }
    }
    c.country = c.title.as_deref().and_then(country_of_title);
    c
}

/// The research-completed date the text states, normalized to year and month, with the
/// sentence that states it. "mid-1989" and a bare year give the year only.
pub(crate) fn research_completed(text: &str) -> Option<(AsOf, String)> {
    let m = RESEARCH.captures(text)?;
    let year: u16 = m[3].parse().ok()?;
    let month = if m.get(1).is_some() {
        None
    } else {
        m.get(2).and_then(|name| {
            MONTH_NAMES
                .iter()
                .position(|n| n.eq_ignore_ascii_case(name.as_str()))
                .map(|p| p as u8 + 1)
        })
    };
    let whole = m.get(0)?;
    let start = text[..whole.start()]
        .rfind(['.', '!', '?'])
        .map_or(0, |p| p + 1);
    let end = text[whole.end()..]
        .find(['.', '!', '?'])
        .map_or(text.len(), |p| whole.end() + p + 1);
    Some((AsOf { year, month }, text[start..end].trim().to_owned()))
}
