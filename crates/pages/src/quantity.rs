//! The headline number of a Factbook field, as a value with its unit and the date it was
//! estimated for: "15,862,293 (July 1990)" is 15,862,293 persons as of 1990-07; "total:
//! 2,381,740 sq km" is 2,381,740 km²; "$722.912 billion (2024 est.)" is 7.22912e11 US dollars
//! for 2024; "total population: 77.9 years (2024 est.)" is 77.9 years.
//!
//! The headline is the first number after a `total:` or `total population:` label when the
//! field has one, else the first number of the text, skipping the Factbook's rank notes
//! ("country comparison to the world: 217") and parenthesized dates. Its unit comes from the
//! words after it (`sq km`, `%`, `years`, `births/1,000 population`, a scale word after a `$`),
//! else from the field's name (a Population is persons). Its date is the first parenthesized
//! date after it: `(July 1990)`, `(1995 est.)`, `(2000 census)`, `(FY93/94)` is left out.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// People.
    Persons,
    /// Square kilometres.
    SqKm,
    /// Kilometres.
    Km,
    /// Percent.
    Percent,
    /// Years.
    Years,
    /// Per 1,000 population (birth, death, migration rates).
    PerThousand,
    /// Per 1,000 live births (infant mortality).
    PerThousandLiveBirths,
    /// Children born per woman.
    ChildrenPerWoman,
    /// US dollars.
    Usd,
    /// A bare number.
    Number,
}

impl Unit {
    /// The unit as the JSON writes it (`persons`, `sq-km`).
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Persons => "persons",
            Unit::SqKm => "sq-km",
            Unit::Km => "km",
            Unit::Percent => "percent",
            Unit::Years => "years",
            Unit::PerThousand => "per-thousand",
            Unit::PerThousandLiveBirths => "per-thousand-live-births",
            Unit::ChildrenPerWoman => "children-per-woman",
            Unit::Usd => "usd",
            Unit::Number => "number",
        }
    }
}

/// A field's headline number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// The value, scale words applied ("$3 billion" is 3e9).
    pub value: f64,
    /// What it counts.
    pub unit: Unit,
    /// The date it was estimated for: `YYYY` or `YYYY-MM`.
    pub date_est: Option<String>,
    /// Byte range of the number (and its unit words) in the text.
    #[serde(skip)]
    pub span: Range<usize>,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<dollar>\$\s?)?
        (?P<num>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)
        (?P<pct>\s?%)?
        (?:\s(?P<scale>thousand|million|billion|trillion)\b)?
        (?P<unit>
            \s?(?:sq\s?km|km2|km²)
          | \s(?:km)\b
          | \s(?:years?)\b
          | \s(?:births|deaths|migrants?)(?:\(s\))?/1,000\s(?:live\sbirths|population)
          | \s(?:children\sborn/woman)
        )?",
    )
    .expect("number pattern")
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\((?:(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+)?(?P<year>(?:19|20)\d{2})(?:\s+(?:est\.?|census|data|estimate))?\)",
    )
    .expect("date pattern")
});

static RANK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)comparison to the world:\s*\d+").expect("rank pattern"));

static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btotal(?:\s+(?:population|area))?\s*:").expect("total pattern")
});

fn month_number(m: &str) -> Option<u8> {
    let m = m.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u8 + 1)
}

/// The headline number of field `field` (its name in any edition) with text `text`.
pub fn headline(field: &str, text: &str) -> Option<Quantity> {
    let start = TOTAL.find(text).map_or(0, |m| m.end());
    // Parenthesized spans and rank notes are not the headline.
    let mut skip: Vec<Range<usize>> = Vec::new();
    let mut depth_start = None;
    for (i, c) in text.char_indices() {
        match c {
            '(' if depth_start.is_none() => depth_start = Some(i),
            ')' => {
                if let Some(s) = depth_start.take() {
                    skip.push(s..i + 1);
                }
            }
            _ => {}
        }
    }
    for m in RANK.find_iter(text) {
        skip.push(m.range());
    }
    let m = NUMBER.captures_iter(&text[start..]).find(|c| {
        let r = c.get(0).expect("match");
        let (s, e) = (start + r.start(), start + r.end());
        !skip.iter().any(|k| k.start <= s && e <= k.end)
    })?;
    let whole = m.get(0).expect("match");
    let span = start + whole.start()..start + whole.end();
    // The headline opens the field ("approximately 15,700 live …"); a number far into a
    // text that opens with words ("uninhabited note: 56 countries signed …") is not one.
    let mut lead = String::new();
    for (i, c) in text[start..span.start].char_indices() {
        if !skip.iter().any(|k| k.contains(&(start + i))) {
            lead.push(c);
        }
    }
    let words: Vec<String> = lead
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    const HEDGES: &[&str] = &[
        "approximately",
        "about",
        "around",
        "nearly",
        "roughly",
        "some",
        "over",
        "est",
        "estimated",
    ];
    // A short label before a dash or colon ("purchasing power parity - $1.6 billion",
    // "GDP - purchasing power equivalent - $2.4 trillion") introduces the number.
    let labelled = words.len() <= 6 && !words.iter().any(|w| w == "note") && {
        let l = lead.trim_end();
        l.ends_with('-') || l.ends_with(':') || l.ends_with('\u{2014}')
    };
    if !labelled && (words.len() > 1 || words.iter().any(|w| !HEDGES.contains(&w.as_str()))) {
        return None;
    }
    let raw = m.name("num")?.as_str().replace(',', "");
    let mut value: f64 = raw.parse().ok()?;
    if let Some(scale) = m.name("scale") {
        value *= match scale.as_str().to_ascii_lowercase().as_str() {
            "thousand" => 1e3,
            "million" => 1e6,
            "billion" => 1e9,
            _ => 1e12,
        };
    }
    let unit_words = m
        .name("unit")
        .map(|u| u.as_str().trim().to_ascii_lowercase());
    let unit = if m.name("pct").is_some() {
        Unit::Percent
    } else if m.name("dollar").is_some() {
        Unit::Usd
    } else if let Some(u) = unit_words.as_deref() {
        if u.starts_with("sq") || u.starts_with("km2") || u.starts_with("km²") {
            Unit::SqKm
        } else if u == "km" {
            Unit::Km
        } else if u.starts_with("year") {
            Unit::Years
        } else if u.contains("live births") {
            Unit::PerThousandLiveBirths
        } else if u.contains("/1,000") {
            Unit::PerThousand
        } else if u.contains("children") {
            Unit::ChildrenPerWoman
        } else {
            Unit::Number
        }
    } else if field.to_ascii_lowercase().starts_with("population") {
        Unit::Persons
    } else {
        Unit::Number
    };
    let date_est = DATE.captures(&text[span.end..]).map(|d| {
        let year = &d["year"];
        match d.name("month").and_then(|m| month_number(m.as_str())) {
            Some(mo) => format!("{year}-{mo:02}"),
            None => year.to_string(),
        }
    });
    Some(Quantity {
        value,
        unit,
        date_est,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(field: &str, text: &str) -> (f64, Unit, Option<String>) {
        let q = headline(field, text).expect("a number");
        (q.value, q.unit, q.date_est)
    }

    #[test]
    fn the_headline_number_its_unit_and_date() {
        assert_eq!(
            q(
                "Population",
                "12,345,678 (July 1991), growth rate 2.5% (1991)"
            ),
            (12_345_678.0, Unit::Persons, Some("1991-07".into()))
        );
        assert_eq!(
            q(
                "Population",
                "total: 4,321,000 (2024 est.) male: 2,100,000 female: 2,221,000"
            ),
            (4_321_000.0, Unit::Persons, Some("2024".into()))
        );
        assert_eq!(
            q(
                "Area",
                "total : 98,765 sq km land: 90,000 sq km water: 8,765 sq km"
            ),
            (98_765.0, Unit::SqKm, None)
        );
        assert_eq!(
            q("Total area", "12,000 km2; land area: 11,000 km2"),
            (12_000.0, Unit::SqKm, None)
        );
        assert_eq!(
            q(
                "Real GDP (purchasing power parity)",
                "$12.5 billion (2023 est.) $12.1 billion (2022 est.)"
            ),
            (12.5e9, Unit::Usd, Some("2023".into()))
        );
        assert_eq!(
            q(
                "GDP",
                "$4 billion, per capita $310; real growth rate 1% (1988 est.)"
            ),
            (4e9, Unit::Usd, Some("1988".into()))
        );
        assert_eq!(
            q("Real GDP growth rate", "-1.5% (2020 est.) 3.2% (2019 est.)"),
            (-1.5, Unit::Percent, Some("2020".into()))
        );
        assert_eq!(
            q(
                "Life expectancy at birth",
                "total population: 66.6 years (2023 est.) male: 64.1 years"
            ),
            (66.6, Unit::Years, Some("2023".into()))
        );
        assert_eq!(
            q("Birth rate", "31.25 births/1,000 population (1996 est.)"),
            (31.25, Unit::PerThousand, Some("1996".into()))
        );
        assert_eq!(
            q(
                "Infant mortality rate",
                "total: 40.1 deaths/1,000 live births country comparison to the world: 44 male: 44 deaths/1,000 live births (2011 est.)"
            ),
            (40.1, Unit::PerThousandLiveBirths, Some("2011".into()))
        );
    }

    #[test]
    fn rank_notes_and_dates_are_not_the_headline() {
        assert_eq!(
            q(
                "Area",
                "total: 512 sq km country comparison to the world: 190 land: 500 sq km"
            ),
            (512.0, Unit::SqKm, None)
        );
        assert_eq!(
            q("Population", "(2001 est.) 77,000"),
            (77_000.0, Unit::Persons, None)
        );
        assert!(headline("Climate", "tropical; hot, humid").is_none());
        assert!(
            headline(
                "Population",
                "total: uninhabited note: 56 countries have signed the treaty"
            )
            .is_none()
        );
        assert_eq!(
            q("Population", "approximately 15,700 live on the bases"),
            (15_700.0, Unit::Persons, None)
        );
    }
}
