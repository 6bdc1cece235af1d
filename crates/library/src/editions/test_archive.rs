//! Tests' archive folders: the archive's SQL dump layout around rows the test gives.

use std::path::Path;

/// The rows of a test archive, each table's `VALUES` rows without the `INSERT` line.
pub(crate) struct Rows<'a> {
    /// `MasterCountries` rows.
    pub masters: &'a str,
    /// `Countries` rows (entity-editions).
    pub countries: &'a str,
    /// `CountryCategories` rows.
    pub categories: &'a str,
    /// `FieldNameMappings` rows.
    pub mappings: &'a str,
    /// `CountryFields` rows per edition.
    pub fields: &'a [(u16, &'a str)],
}

/// Write `rows` to `dir` in the archive's layout.
pub(crate) fn write(dir: &Path, rows: &Rows<'_>) {
    std::fs::create_dir_all(dir.join("fields")).unwrap();
    let w = |name: &str, head: &str, rows: &str| {
        std::fs::write(
            dir.join(name),
            format!("INSERT INTO {head} VALUES\n{rows};\n"),
        )
        .unwrap()
    };
    w(
        "master_countries.sql",
        "MasterCountries (MasterCountryID, CanonicalCode, CanonicalName, ISOAlpha2, EntityType, AdministeringMasterCountryID)",
        rows.masters,
    );
    w(
        "countries.sql",
        "Countries (CountryID, Year, Code, Name, Source, MasterCountryID)",
        rows.countries,
    );
    w(
        "categories.sql",
        "CountryCategories (CategoryID, CountryID, CategoryTitle)",
        rows.categories,
    );
    w(
        "field_name_mappings.sql",
        "FieldNameMappings (MappingID, OriginalName, CanonicalName, MappingType, ConsolidatedTo, IsNoise, FirstYear, LastYear, UseCount, Notes)",
        rows.mappings,
    );
    for (year, fields) in rows.fields {
        w(
            &format!("fields/country_fields_{year}.sql"),
            "CountryFields (FieldID, CategoryID, CountryID, FieldName, Content)",
            fields,
        );
    }
}
