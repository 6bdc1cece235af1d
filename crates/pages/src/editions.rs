//! The Factbook archive's tables, typed: every edition 1990–2025 as the archive project
//! `MilkMp/CIA-World-Factbooks-Archive-1990-2025` dumps it (`../shared/data/factbook-editions/`,
//! read row by row with [`crate::sqldump`]).
//!
//! | file | rows |
//! | --- | --- |
//! | `master_countries.sql` | [`MasterCountry`]: one per entity across all years (FIPS code, ISO alpha-2, kind) |
//! | `countries.sql` | [`CountryEdition`]: one per entity per edition, with the name that edition printed |
//! | `categories.sql` | [`Category`]: the section headings of each entity-edition |
//! | `fields/country_fields_YYYY.sql.gz` | [`Field`]: every field of that edition |
//! | `field_name_mappings.sql` | [`FieldNameMapping`]: a field name's spelling → its canonical name |
//!
//! Each `read_*` function takes the rows of one file and returns the typed values and the rows
//! it could not use (as [`SqlError`]s naming the line and the column at fault); [`fields`] is
//! an iterator, so an edition's 30,000 fields never sit in memory at once.

use std::io::BufRead;

use crate::sqldump::{Reader, Row, SqlError, Value};

/// An entity across all editions (`MasterCountries`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MasterCountry {
    /// The archive's master id.
    pub id: i64,
    /// FIPS 10-4 code, upper case (`UR` was the Soviet Union's, `RS` is Russia's).
    pub code: String,
    /// The canonical (latest) name.
    pub name: String,
    /// ISO 3166 alpha-2, when the entity has one.
    pub iso2: Option<String>,
    /// `sovereign`, `territory`, `disputed`, …
    pub kind: String,
    /// The master id of the state that administers a territory.
    pub administered_by: Option<i64>,
}

/// One entity in one edition (`Countries`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryEdition {
    /// The archive's id of this entity-edition.
    pub id: i64,
    /// The edition's year.
    pub year: u16,
    /// The FIPS code as that edition wrote it (lower case).
    pub code: String,
    /// The name that edition printed ("Soviet Union", "German Democratic Republic").
    pub name: String,
    /// Where the archive took it from (`html`, `text`, …).
    pub source: String,
    /// The entity across editions; `None` for entities that ceased to exist.
    pub master: Option<i64>,
}

/// A section heading of an entity-edition (`CountryCategories`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// The archive's id.
    pub id: i64,
    /// The entity-edition ([`CountryEdition::id`]).
    pub country: i64,
    /// `Geography`, `People`, `Government`, `Economy`, …
    pub title: String,
}

/// One field of one entity-edition (`CountryFields`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The archive's id.
    pub id: i64,
    /// Its category ([`Category::id`]).
    pub category: i64,
    /// The entity-edition ([`CountryEdition::id`]).
    pub country: i64,
    /// The name as that edition spelled it (`Ethnic divisions`, `Total area`).
    pub name: String,
    /// The text.
    pub content: String,
}

/// How one spelling of a field name maps to its canonical name (`FieldNameMappings`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldNameMapping {
    /// The spelling an edition used.
    pub original: String,
    /// The canonical name.
    pub canonical: String,
    /// `identity`, `rename`, `consolidated`, `noise`, `country_specific`, …
    pub kind: String,
    /// The field it was folded into, when consolidated.
    pub consolidated_to: Option<String>,
    /// Whether the spelling is a parser fragment, not a field.
    pub noise: bool,
    /// First edition that used the spelling.
    pub first_year: Option<u16>,
    /// Last edition that used the spelling.
    pub last_year: Option<u16>,
}

/// A column of a row, or an error naming the column and the line.
fn col<'r>(row: &'r Row, name: &str) -> Result<&'r Value, SqlError> {
    row.get(name).ok_or_else(|| SqlError {
        line: row.line,
        message: format!("{} has no column {name}", row.table),
    })
}

fn int(row: &Row, name: &str) -> Result<i64, SqlError> {
    match col(row, name)? {
        Value::Int(i) => Ok(*i),
        v => Err(SqlError {
            line: row.line,
            message: format!("{}.{name} is {v:?}, not an integer", row.table),
        }),
    }
}

fn opt_int(row: &Row, name: &str) -> Result<Option<i64>, SqlError> {
    match col(row, name)? {
        Value::Null => Ok(None),
        _ => int(row, name).map(Some),
    }
}

fn text(row: &Row, name: &str) -> Result<String, SqlError> {
    match col(row, name)? {
        Value::Text(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        v => Err(SqlError {
            line: row.line,
            message: format!("{}.{name} is {v:?}, not text", row.table),
        }),
    }
}

fn opt_text(row: &Row, name: &str) -> Result<Option<String>, SqlError> {
    Ok(Some(text(row, name)?).filter(|s| !s.is_empty()))
}

fn year(row: &Row, name: &str) -> Result<Option<u16>, SqlError> {
    match opt_int(row, name)? {
        None => Ok(None),
        Some(y) => u16::try_from(y).map(Some).map_err(|_| SqlError {
            line: row.line,
            message: format!("{}.{name} {y} is not a year", row.table),
        }),
    }
}

/// Rows of `table` read from `input` through `build`; rows of other tables are skipped.
fn read_all<T>(
    input: impl BufRead,
    table: &str,
    build: impl Fn(&Row) -> Result<T, SqlError>,
) -> (Vec<T>, Vec<SqlError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for row in Reader::new(input) {
        match row {
            Ok(row) if row.table.eq_ignore_ascii_case(table) => match build(&row) {
                Ok(v) => out.push(v),
                Err(e) => errors.push(e),
            },
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

/// `master_countries.sql`.
pub fn read_master_countries(input: impl BufRead) -> (Vec<MasterCountry>, Vec<SqlError>) {
    read_all(input, "MasterCountries", |r| {
        Ok(MasterCountry {
            id: int(r, "MasterCountryID")?,
            code: text(r, "CanonicalCode")?.to_uppercase(),
            name: text(r, "CanonicalName")?,
            iso2: opt_text(r, "ISOAlpha2")?.map(|s| s.to_uppercase()),
            kind: text(r, "EntityType")?,
            administered_by: opt_int(r, "AdministeringMasterCountryID")?,
        })
    })
}

/// `countries.sql`.
pub fn read_countries(input: impl BufRead) -> (Vec<CountryEdition>, Vec<SqlError>) {
    read_all(input, "Countries", |r| {
        Ok(CountryEdition {
            id: int(r, "CountryID")?,
            year: year(r, "Year")?.ok_or_else(|| SqlError {
                line: r.line,
                message: "Countries.Year is NULL".into(),
            })?,
            code: text(r, "Code")?.to_lowercase(),
            name: text(r, "Name")?,
            source: text(r, "Source")?,
            master: opt_int(r, "MasterCountryID")?,
        })
    })
}

/// `categories.sql`.
pub fn read_categories(input: impl BufRead) -> (Vec<Category>, Vec<SqlError>) {
    read_all(input, "CountryCategories", |r| {
        Ok(Category {
            id: int(r, "CategoryID")?,
            country: int(r, "CountryID")?,
            title: text(r, "CategoryTitle")?,
        })
    })
}

/// `field_name_mappings.sql`.
pub fn read_field_name_mappings(input: impl BufRead) -> (Vec<FieldNameMapping>, Vec<SqlError>) {
    read_all(input, "FieldNameMappings", |r| {
        Ok(FieldNameMapping {
            original: text(r, "OriginalName")?,
            canonical: text(r, "CanonicalName")?,
            kind: text(r, "MappingType")?,
            consolidated_to: opt_text(r, "ConsolidatedTo")?,
            noise: opt_int(r, "IsNoise")?.unwrap_or(0) != 0,
            first_year: year(r, "FirstYear")?,
            last_year: year(r, "LastYear")?,
        })
    })
}

/// The fields of one `country_fields_YYYY.sql` (decompressed), one at a time.
pub fn fields(input: impl BufRead) -> impl Iterator<Item = Result<Field, SqlError>> {
    Reader::new(input).filter_map(|row| match row {
        Ok(r) if r.table.eq_ignore_ascii_case("CountryFields") => Some((|| {
            Ok(Field {
                id: int(&r, "FieldID")?,
                category: int(&r, "CategoryID")?,
                country: int(&r, "CountryID")?,
                name: text(&r, "FieldName")?,
                content: text(&r, "Content")?,
            })
        })()),
        Ok(_) => None,
        Err(e) => Some(Err(e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_rows_and_errors_that_name_the_column() {
        let sql = "\
INSERT INTO MasterCountries (MasterCountryID, CanonicalCode, CanonicalName, ISOAlpha2, EntityType, AdministeringMasterCountryID)
VALUES
  (1, N'ux', N'Utopia', N'ut', N'sovereign', NULL),
  (2, N'XX', N'Far Isles', NULL, N'territory', 1),
  (N'three', N'YY', N'Bad Row', NULL, N'territory', NULL);
";
        let (rows, errors) = read_master_countries(sql.as_bytes());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].code, "UX");
        assert_eq!(rows[0].iso2.as_deref(), Some("UT"));
        assert_eq!(rows[1].administered_by, Some(1));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 5);
        assert!(
            errors[0].message.contains("MasterCountryID"),
            "{}",
            errors[0]
        );
        let sql = "INSERT INTO Countries (CountryID, Year, Code, Name, Source, MasterCountryID) VALUES (9, 1990, N'UX', N'Old Utopia', N'text', NULL);";
        let (rows, errors) = read_countries(sql.as_bytes());
        assert!(errors.is_empty());
        assert_eq!(
            (rows[0].year, rows[0].code.as_str(), rows[0].master),
            (1990, "ux", None)
        );
    }

    #[test]
    fn fields_stream_and_a_missing_column_is_named() {
        let sql = "INSERT INTO CountryFields (FieldID, CategoryID, CountryID, FieldName, Content) VALUES (1, 2, 3, N'Population', N'1,000 (July 1990)'), (2, 2, 3, N'Area', NULL);";
        let got: Vec<_> = fields(sql.as_bytes()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap().content, "1,000 (July 1990)");
        assert_eq!(got[1].as_ref().unwrap().content, "");
        let sql = "INSERT INTO CountryFields (FieldID, CategoryID, FieldName, Content) VALUES (1, 2, N'Population', N'x');";
        let err = fields(sql.as_bytes()).next().unwrap().unwrap_err();
        assert!(err.message.contains("CountryID"), "{err}");
    }
}
