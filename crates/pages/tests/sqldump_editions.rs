//! The SQL dump reader on the Factbook archive's dumps in `../shared/data/factbook-editions/`:
//! every file reads without an error, and yields as many rows as the file has lines that open
//! a row (`  (` at the start of a line: the archive writes one row a line). Fails when the
//! folder is missing under CI=true, skips with a message otherwise. (The header comments'
//! counts are the source database's: `field_name_mappings.sql` announces 1,132 rows and holds
//! 1,090.)

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use pages::sqldump::Reader;

fn announced(path: &Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut n = 0;
    for line in reader.split(b'\n') {
        if line.ok()?.starts_with(b"  (") {
            n += 1;
        }
    }
    Some(n)
}

fn count(path: &Path) -> (u64, Vec<String>) {
    let file = std::fs::File::open(path).expect("open");
    let input: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut rows = 0;
    let mut errors = Vec::new();
    for r in Reader::new(BufReader::with_capacity(1 << 16, input)) {
        match r {
            Ok(_) => rows += 1,
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    (rows, errors)
}

#[test]
fn every_dump_reads_whole_and_clean() {
    let Some(dir) = testshared::require("data/factbook-editions") else {
        return;
    };
    let mut files: Vec<_> = [
        "master_countries.sql",
        "countries.sql",
        "field_name_mappings.sql",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    // Two field files (1990 and the latest) keep the test quick; AREABOOK_ALL_EDITIONS=1 reads
    // all 36.
    if std::env::var_os("AREABOOK_ALL_EDITIONS").is_some() {
        for year in 1991..2025 {
            files.push(dir.join(format!("fields/country_fields_{year}.sql.gz")));
        }
    }
    files.push(dir.join("fields/country_fields_1990.sql.gz"));
    files.push(dir.join("fields/country_fields_2025.sql.gz"));
    for f in files {
        let want =
            announced(&f).unwrap_or_else(|| panic!("{}: cannot count its lines", f.display()));
        let (rows, errors) = count(&f);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows, want, "{}", f.display());
    }
}

#[test]
fn the_typed_tables_hold_36_editions_and_281_entities() {
    use pages::editions;
    let Some(dir) = testshared::require("data/factbook-editions") else {
        return;
    };
    let open = |f: &str| BufReader::new(std::fs::File::open(dir.join(f)).expect("open"));
    let (masters, errors) = editions::read_master_countries(open("master_countries.sql"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(masters.len(), 281);
    let (countries, errors) = editions::read_countries(open("countries.sql"));
    assert!(errors.is_empty(), "{errors:?}");
    let years: std::collections::BTreeSet<u16> = countries.iter().map(|c| c.year).collect();
    assert_eq!(years.len(), 36);
    assert_eq!((years.first(), years.last()), (Some(&1990), Some(&2025)));
    // The Soviet Union is in the 1990 and 1991 editions under its own name.
    let soviet: Vec<u16> = countries
        .iter()
        .filter(|c| c.name == "Soviet Union")
        .map(|c| c.year)
        .collect();
    assert!(
        soviet.contains(&1990) && soviet.contains(&1991),
        "{soviet:?}"
    );
    let (mappings, errors) = editions::read_field_name_mappings(open("field_name_mappings.sql"));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        mappings
            .iter()
            .any(|m| m.original == "Ethnic divisions" && m.canonical == "Ethnic groups")
    );
}
