//! Helpers for tests that read `../shared`: they fail under `CI=true` when the file is missing
//! and otherwise skip with a message naming the file.

use std::path::PathBuf;

/// The path of `rel` under the shared folder, or `None` (after printing why) when it is absent
/// outside CI. Panics under `CI=true` when it is absent.
pub fn shared_path(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true and the shared file {} is missing", path.display());
    }
    eprintln!("skipping: shared file {} is missing", path.display());
    None
}
