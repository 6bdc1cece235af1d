//! One rule for tests that need the shared data folder (`../shared` beside the repository).
//!
//! The folder is found relative to the repository root — `<repo>/../shared` — or wherever
//! `AREABOOK_SHARED` points; never by an absolute path of one machine. A test asks for a file
//! with [`require`]: under `CI=true` (or `CI=1`) a missing file is a failure, so a test cannot
//! pass silently because its data is gone; elsewhere the test skips with a message naming the
//! file it wanted.
//!
//! ```no_run
//! let Some(seed) = testshared::require("data/seed/000_49231554a86fdc85.txt") else { return };
//! assert!(seed.is_file());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::path::{Path, PathBuf};

/// Environment variable that overrides where the shared folder is.
pub const ENV: &str = "AREABOOK_SHARED";

/// The repository root (the workspace this crate belongs to).
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// The shared folder: `$AREABOOK_SHARED`, else `<repo>/../shared`.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os(ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => repo_root().join("..").join("shared"),
    }
}

/// Whether this run is CI (`CI=true` or `CI=1`), where missing shared data is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// The path of `rel` (relative to the shared folder) when it exists.
///
/// When it is missing: panics under CI, otherwise prints `skipping: …` naming the file and
/// returns `None` so the caller can return early.
pub fn require(rel: &str) -> Option<PathBuf> {
    let path = shared_dir().join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        !in_ci(),
        "CI is set but the shared file {} is missing (set {ENV} to the shared folder)",
        path.display()
    );
    eprintln!(
        "skipping: shared file {} is missing (set {ENV}, or CI=true to make this a failure)",
        path.display()
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_holds_the_workspace_manifest() {
        let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
        assert!(manifest.contains("[workspace]"));
    }

    #[test]
    fn missing_file_is_none_outside_ci_and_a_panic_in_ci() {
        let rel = "no/such/file-for-testshared";
        if in_ci() {
            assert!(std::panic::catch_unwind(|| require(rel)).is_err());
        } else {
            assert_eq!(require(rel), None);
        }
    }
}
