//! Books that are not the 1986–1998 Country Studies but look like them, each kept as its own
//! book so it never merges into the study:
//! - the older Area Handbook editions by Foreign Area Studies, The American University
//!   (1950s–1980s): `Kenya (Foreign Area Studies edition, 1983)`;
//! - the LoC's *Country Profiles* (2005–2008), one page of `Label:` fields with a dated
//!   `Library of Congress <Month> <Year>` line: `Vietnam: Country Profile (December 2005)`.

use crate::countries;
use crate::types::{AsOf, MONTH_NAMES};

/// A Foreign Area Studies page: its edition year when the page gives one.
pub(crate) fn foreign_area_studies(text: &str) -> Option<Option<u16>> {
    let top = head(text, 12_000);
    let marked = top.contains("Foreign Area Studies")
        || top.contains("$Unique_ID{")
        || top.contains("Area Handbook for ");
    if !marked {
        return None;
    }
    // `$Date{1983}` (the CD-ROM), else a 19xx year after "Foreign Area Studies" or
    // "Area Handbook for …, 19xx".
    let year = braced(top, "$Date{")
        .and_then(|d| d.trim().get(..4)?.parse().ok())
        .or_else(|| {
            let at = top
                .find("Foreign Area Studies")
                .or_else(|| top.find("Area Handbook for "))?;
            year_in(head(&top[at..], 300))
        })
        .filter(|y: &u16| (1950..=1989).contains(y));
    Some(year)
}

/// The book title of a Foreign Area Studies edition of `book`.
pub(crate) fn fas_book(book: &str, year: Option<u16>) -> String {
    match year {
        Some(y) => format!("{book} (Foreign Area Studies edition, {y})"),
        None => format!("{book} (Foreign Area Studies edition)"),
    }
}

/// A *Country Profiles* page (2004–2009): the country it profiles and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    /// The canonical country name.
    pub country: &'static str,
    /// The profile's date.
    pub as_of: AsOf,
}

impl Profile {
    /// `Vietnam: Country Profile (December 2005)`.
    pub(crate) fn book(&self) -> String {
        format!("{}: Country Profile ({})", self.country, self.as_of.long())
    }
}

/// Read a Country Profiles page's country (its `Country Profile: X` title, a `Directory:X`
/// line, or its `Short Form:` field) and its `Library of Congress <Month> <Year>` date.
pub(crate) fn country_profile(text: &str) -> Option<Profile> {
    let top = head(text, 20_000);
    let as_of = profile_date(top)?;
    let named = |s: &str| countries::lookup(s.trim().trim_end_matches(['.', ',']));
    let country = top.lines().map(str::trim).find_map(|l| {
        if let Some(rest) = l.strip_prefix("Country Profile: ") {
            return named(rest.split(',').next().unwrap_or(rest));
        }
        if let Some(rest) = l.strip_prefix("Directory:") {
            return named(rest);
        }
        l.strip_prefix("Short Form:").and_then(named)
    })?;
    Some(Profile {
        country: country.name,
        as_of,
    })
}

/// `Library of Congress <Month> <2004..2009>` (any case), or `Country Profile: X, <Month> <Year>`.
fn profile_date(text: &str) -> Option<AsOf> {
    let lower = text.to_ascii_lowercase();
    let anchors = lower
        .match_indices("library of congress")
        .chain(lower.match_indices("country profile: "))
        .map(|(i, m)| i + m.len());
    for at in anchors {
        let after = head(&lower[at..], 80);
        for (m, name) in MONTH_NAMES.iter().enumerate() {
            let name = name.to_ascii_lowercase();
            if let Some(i) = after.find(&name) {
                let rest = after[i + name.len()..].trim_start();
                if let Some(year) = rest.get(..4).and_then(|y| y.parse::<u16>().ok())
                    && (2004..=2009).contains(&year)
                {
                    return Some(AsOf {
                        year,
                        month: Some(m as u8 + 1),
                    });
                }
            }
        }
    }
    None
}

fn braced<'a>(text: &'a str, open: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find('}')?;
    Some(&text[start..start + end])
}

/// The first four-digit 19xx year in `text`.
fn year_in(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let boundary = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (boundary && w.starts_with(b"19") && w.iter().all(u8::is_ascii_digit))
            .then(|| std::str::from_utf8(w).ok()?.parse().ok())
            .flatten()
    })
}

fn head(text: &str, n: usize) -> &str {
    let cut = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_area_studies_editions() {
        assert_eq!(
            foreign_area_studies("$Unique_ID{COW1}\n$Date{1983}\nBody"),
            Some(Some(1983))
        );
        assert_eq!(
            foreign_area_studies(
                "This volume is one of a continuing series of books prepared by Foreign Area Studies, The American University, in 1978."
            ),
            Some(Some(1978))
        );
        assert_eq!(
            foreign_area_studies("Federal Research Division, 1989"),
            None
        );
        assert_eq!(
            fas_book("Kenya", Some(1983)),
            "Kenya (Foreign Area Studies edition, 1983)"
        );
    }

    #[test]
    fn country_profiles() {
        let p = country_profile(
            "Directory:Vietnam\n\nLibrary Of Congress December 2005\n\nFormal Name: X.\n",
        )
        .unwrap();
        assert_eq!(p.country, "Vietnam");
        assert_eq!(p.book(), "Vietnam: Country Profile (December 2005)");
        let p = country_profile("Country Profile: Chad, March 2007\n\nShort Form: Chad.\n");
        assert_eq!(p.map(|p| p.as_of.year), Some(2007));
        assert_eq!(
            country_profile("Library of Congress, 1989\nShort Form: Chad."),
            None
        );
    }
}
