//! Tests of the country table: aliases, renames, former states and FIPS codes.

use super::*;

/// `name` resolves to the country called `canonical`.
#[track_caller]
fn check(name: &str, canonical: &str) {
    let found = lookup(name).map(|c| c.name);
    assert_eq!(found, Some(canonical), "lookup({name:?})");
}

#[test]
fn table_is_complete_and_well_formed() {
    let text = include_str!("../../data/countries.tsv");
    let rows = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .count();
    assert_eq!(all().len(), rows, "every row of countries.tsv parses");
    assert!(all().len() > 260, "GeoNames alone has 250 rows");
}

#[test]
fn every_name_and_alias_resolves_to_its_own_country() {
    for country in all() {
        for name in std::iter::once(&country.name).chain(country.aliases) {
            assert_eq!(lookup(name).map(|c| c.name), Some(country.name), "{name:?}");
        }
        if let Some(fips) = country.fips {
            assert_eq!(
                by_fips(fips).map(|c| c.name),
                Some(country.name),
                "FIPS {fips}"
            );
        }
    }
}

#[test]
fn case_accents_punctuation_and_the_do_not_matter() {
    check("Côte d'Ivoire", "Côte d'Ivoire");
    check("Cote d'Ivoire", "Côte d'Ivoire");
    check("COTE D’IVOIRE", "Côte d'Ivoire");
    check("Ivory Coast", "Côte d'Ivoire");
    check("Bahamas, The", "Bahamas");
    check("the bahamas", "Bahamas");
    check("Gambia, The", "Gambia");
    check("Micronesia, Federated States of", "Micronesia");
    check("Korea, North", "North Korea");
    check("Korea, South", "South Korea");
    check("St. Lucia", "Saint Lucia");
    check(
        "Saint Vincent & the Grenadines",
        "Saint Vincent and the Grenadines",
    );
    check("Timor-Leste", "Timor-Leste");
    check("  russia ", "Russia");
}

#[test]
fn renames_of_one_state_are_one_country() {
    check("Burma", "Burma");
    check("Myanmar", "Burma");
    check("Zaire", "Democratic Republic of the Congo");
    check(
        "Congo, Democratic Republic of the",
        "Democratic Republic of the Congo",
    );
    check("Czechia", "Czechia");
    check("Czech Republic", "Czechia");
    check("Turkey (Turkiye)", "Turkey");
    check("Türkiye", "Turkey");
    check("Cabo Verde", "Cabo Verde");
    check("Cape Verde", "Cabo Verde");
    check("Eswatini", "Eswatini");
    check("Swaziland", "Eswatini");
    check("East Timor", "Timor-Leste");
    check("Kampuchea", "Cambodia");
    check("Kazakstan", "Kazakhstan");
    check("Upper Volta", "Burkina Faso");
    check("Falkland Islands (Islas Malvinas)", "Falkland Islands");
    check(
        "Svalbard (sometimes referred to as Spitsbergen)",
        "Svalbard",
    );
}

#[test]
fn dissolved_states_stay_separate_from_successors() {
    for (alias, name, iso) in [
        ("USSR", "Soviet Union", Some("SUHH")),
        ("U.S.S.R.", "Soviet Union", Some("SUHH")),
        (
            "Union of Soviet Socialist Republics",
            "Soviet Union",
            Some("SUHH"),
        ),
        ("Yugoslavia", "Yugoslavia", Some("YUCS")),
        ("Czechoslovakia", "Czechoslovakia", Some("CSHH")),
        ("German Democratic Republic", "East Germany", Some("DDDE")),
        ("Germany (East)", "East Germany", Some("DDDE")),
        ("Germany, West", "West Germany", None),
        ("South Yemen", "South Yemen", Some("YDYE")),
        ("Yemen Arab Republic", "North Yemen", None),
    ] {
        let country = lookup(alias).unwrap_or_else(|| panic!("{alias:?} not found"));
        assert_eq!((country.name, country.iso), (name, iso), "{alias:?}");
        assert!(country.former, "{name} is a former state");
    }
    let soviet = lookup("Soviet Union").unwrap();
    assert_ne!(Some(soviet), lookup("Russia"));
    assert_eq!(soviet.iso3, Some("SUN"));
    assert_ne!(lookup("East Germany"), lookup("Germany"));
    assert_ne!(lookup("West Germany"), lookup("Germany"));
    assert_ne!(lookup("Czechoslovakia"), lookup("Czech Republic"));
    assert_ne!(lookup("Yugoslavia"), lookup("Serbia"));
    assert!(!lookup("Russia").unwrap().former);
}

#[test]
fn fips_codes_map_to_iso_codes() {
    for (fips, name, iso) in [
        ("rs", "Russia", "RU"),
        ("uk", "United Kingdom", "GB"),
        ("gm", "Germany", "DE"),
        ("bm", "Burma", "MM"),
        ("cg", "Democratic Republic of the Congo", "CD"),
        ("iv", "Côte d'Ivoire", "CI"),
        ("ez", "Czechia", "CZ"),
        ("RS", "Russia", "RU"),
    ] {
        let country = by_fips(fips).unwrap_or_else(|| panic!("FIPS {fips} not found"));
        assert_eq!(
            (country.name, country.iso),
            (name, Some(iso)),
            "FIPS {fips}"
        );
    }
    assert_eq!(by_fips("gz").map(|c| c.name), Some("Gaza Strip"));
    assert_eq!(by_fips("zz"), None);
    assert_eq!(by_iso("rus").map(|c| c.name), Some("Russia"));
    assert_eq!(by_iso("SUHH").map(|c| c.name), Some("Soviet Union"));
}

#[test]
fn unknown_and_ambiguous_names_are_none() {
    assert_eq!(lookup(""), None);
    assert_eq!(lookup("Korea"), None);
    assert_eq!(lookup("Atlantis"), None);
    assert_eq!(lookup("((("), None);
    assert_eq!(lookup(",,,"), None);
}

#[test]
fn normalize_matches_the_derive_script_rule() {
    assert_eq!(normalize("Côte d'Ivoire"), "cote divoire");
    assert_eq!(
        normalize("Congo, Democratic Republic of the"),
        "congo democratic republic of"
    );
    assert_eq!(normalize("St. Kitts & Nevis"), "saint kitts and nevis");
    assert_eq!(normalize("U.S.S.R."), "ussr");
    assert_eq!(normalize("Guinea-Bissau"), "guinea bissau");
}

/// Every chapter country of the Country Studies books table (`data/books.tsv`, kept by the
/// `books` module) must be a name this table resolves, so pages and Factbook entities meet.
#[test]
fn country_studies_chapter_countries_resolve() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/books.tsv");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: wanted {path}");
        return;
    };
    let mut n_rows = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("book\t"))
    {
        let Some(country) = line.split('\t').nth(1) else {
            continue;
        };
        assert!(
            lookup(country).is_some(),
            "books.tsv country {country:?} is not in countries.tsv"
        );
        n_rows += 1;
    }
    assert!(n_rows > 50, "{path}: only {n_rows} rows");
    check("Zaire", "Democratic Republic of the Congo");
    check("St. Kitts and Nevis", "Saint Kitts and Nevis");
    check("St. Christopher and Nevis", "Saint Kitts and Nevis");
    check("Kazakstan", "Kazakhstan");
}

proptest::proptest! {
    #[test]
    fn lookup_never_panics(name in "\\PC{0,60}") {
        let _ = lookup(&name);
        let _ = by_fips(&name);
        let _ = by_iso(&name);
        let key = normalize(&name);
        proptest::prop_assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "));
    }
}
