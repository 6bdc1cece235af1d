//! The country table: canonical names, aliases, ISO and FIPS codes, historical states.

/// A country or territory as areabook knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Canonical display name (e.g. `Soviet Union`, `Burma`, `Côte d'Ivoire`).
    pub name: &'static str,
    /// Other names that mean the same country (renames, short forms, Factbook forms).
    pub aliases: &'static [&'static str],
    /// ISO 3166-1 alpha-2 (or ISO 3166-3 alpha-4 for former states), when known.
    pub iso: Option<&'static str>,
    /// FIPS 10-4 code, when known.
    pub fips: Option<&'static str>,
}

/// Find a country by any of its names (case- and accent-insensitive).
pub fn lookup(name: &str) -> Option<&'static Country> {
    let _ = name;
    None
}

/// Find a country by its FIPS 10-4 code.
pub fn by_fips(code: &str) -> Option<&'static Country> {
    let _ = code;
    None
}
