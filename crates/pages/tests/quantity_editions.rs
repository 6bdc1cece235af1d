//! The headline-number parser on every edition's numeric fields in
//! `../shared/data/factbook-editions/`: for each field below, the share of entity-editions
//! whose text yields a number in the field's unit. Fails when the folder is missing under
//! CI=true, skips with a message otherwise.

use std::collections::HashMap;
use std::io::BufReader;

use pages::quantity::{Unit, headline};

/// Field spellings (across editions) and the unit their headline should have.
const FIELDS: &[(&[&str], Unit)] = &[
    (&["Population"], Unit::Persons),
    (&["Birth rate"], Unit::PerThousand),
    (&["Death rate"], Unit::PerThousand),
    (&["Infant mortality rate"], Unit::PerThousandLiveBirths),
    (&["Life expectancy at birth"], Unit::Years),
    (&["Area", "Total area"], Unit::SqKm),
];

#[test]
fn numeric_fields_parse_in_nearly_every_edition() {
    let Some(dir) = testshared::require("data/factbook-editions/fields") else {
        return;
    };
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    for year in [1990, 1995, 2000, 2010, 2025] {
        let f =
            std::fs::File::open(dir.join(format!("country_fields_{year}.sql.gz"))).expect("open");
        let input = BufReader::new(flate2::read::MultiGzDecoder::new(f));
        for field in pages::editions::fields(input) {
            let field = field.expect("field");
            for (names, unit) in FIELDS {
                if names.contains(&field.name.as_str()) && !field.content.trim().is_empty() {
                    let e = seen.entry(names[0]).or_default();
                    e.0 += 1;
                    if headline(&field.name, &field.content).is_some_and(|q| q.unit == *unit) {
                        e.1 += 1;
                    }
                }
            }
        }
    }
    for (names, _) in FIELDS {
        let (all, good) = seen.get(names[0]).copied().unwrap_or_default();
        assert!(all > 500, "{}: only {all} fields seen", names[0]);
        let share = good as f64 / all as f64;
        eprintln!("{}: {good} of {all} ({share:.3})", names[0]);
        assert!(share >= 0.9, "{}: {good} of {all} parse", names[0]);
    }
}
