//! Validated configuration built from the flags (ripgrep's "high args").

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::flags::Global;

/// What every command needs: where the library is and how to print.
#[derive(Debug, Clone)]
pub struct Config {
    /// The library directory.
    pub library: PathBuf,
    /// Print JSON.
    pub json: bool,
}

impl Config {
    /// Resolve the library directory: `--library`, else `$AREABOOK_LIBRARY`, else the
    /// platform data dir (`$XDG_DATA_HOME/areabook`, `~/.local/share/areabook`, or
    /// `~/Library/Application Support/areabook` on macOS).
    pub fn from_flags(global: &Global) -> Result<Config> {
        let library = match &global.library {
            Some(dir) => dir.clone(),
            None => match std::env::var_os("AREABOOK_LIBRARY").filter(|v| !v.is_empty()) {
                Some(dir) => PathBuf::from(dir),
                None => default_data_dir()
                    .context("cannot find a data directory: set --library or AREABOOK_LIBRARY")?,
            },
        };
        Ok(Config {
            library,
            json: global.json,
        })
    }

    /// The cache directory inside the library (downloads).
    pub fn cache_dir(&self) -> PathBuf {
        self.library.join("cache")
    }
}

fn default_data_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("areabook"));
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?);
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Application Support/areabook"))
    } else {
        Some(home.join(".local/share/areabook"))
    }
}
