//! Reading the gazetteer's table (`data/gazetteer.tsv.gz`, written by
//! `tools/derive_gazetteer.py`).
//!
//! One entity per line, tab-separated: `id kind name aliases lat lon country population
//! valid_from valid_to predecessor successor note source`; `aliases` are `|`-separated; empty
//! fields are absent values; lines starting with `#` are comments. A bad line is an error that
//! names it: the embedded table is checked by a test, so a user never meets one.

use crate::Error;
use crate::entity::{Entity, Kind};

/// Parse the table.
pub fn parse_tsv(text: &str) -> Result<Vec<Entity>, Error> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |message: String| Error::Data {
            line: n + 1,
            message,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 14 {
            return Err(bad(format!("{} columns, expected 14", cols.len())));
        }
        let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
        let num = |s: &str, what: &str| -> Result<Option<f64>, Error> {
            match s.trim() {
                "" => Ok(None),
                v => v
                    .parse::<f64>()
                    .map(Some)
                    .map_err(|_| bad(format!("{what} {v:?} is not a number"))),
            }
        };
        let kind = Kind::parse(cols[1].trim())
            .ok_or_else(|| bad(format!("unknown kind {:?}", cols[1])))?;
        let lat = num(cols[4], "lat")?.filter(|v| (-90.0..=90.0).contains(v));
        let lon = num(cols[5], "lon")?.filter(|v| (-180.0..=180.0).contains(v));
        let population = match cols[7].trim() {
            "" => None,
            v => Some(
                v.parse::<u64>()
                    .map_err(|_| bad(format!("population {v:?}")))?,
            ),
        };
        out.push(Entity {
            id: cols[0].trim().to_owned(),
            kind,
            name: cols[2].trim().to_owned(),
            aliases: cols[3]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
            lat,
            lon,
            country: opt(cols[6]),
            population,
            valid_from: opt(cols[8]),
            valid_to: opt(cols[9]),
            predecessor: opt(cols[10]),
            successor: opt(cols[11]),
            note: opt(cols[12]),
            source: cols[13].trim().to_owned(),
        });
    }
    Ok(out)
}

/// The demonyms and adjectives of states (`crates/pages/data/demonyms.tsv`): state name →
/// forms. The gazetteer links them to their state ("Soviet", "Japanese").
pub fn parse_demonyms(text: &str) -> Vec<(&str, Vec<&str>)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?;
            let adjectives = cols.next().unwrap_or("");
            let nouns = cols.next().unwrap_or("");
            let forms = adjectives
                .split('|')
                .chain(nouns.split('|'))
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect();
            Some((name, forms))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_and_bad_rows_name_their_line() {
        let ok = "# comment\nQ15180\thistoric-state\tSoviet Union\tUSSR|U.S.S.R.\t55.75\t37.62\tSUHH\t\t1922-12-30\t1991-12-26\tQ34266\tQ159\t\tcurated\n";
        let e = parse_tsv(ok).unwrap();
        assert_eq!(e[0].aliases, ["USSR", "U.S.S.R."]);
        assert_eq!((e[0].from_year(), e[0].to_year()), (Some(1922), Some(1991)));
        assert!(e[0].valid_in(1956) && !e[0].valid_in(1995));
        let err = parse_tsv("# c\nx\tplanet\tMars\t\t\t\t\t\t\t\t\t\t\ts\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(parse_tsv("a\tcity\n").is_err());
    }
}
