//! What `entities` and `events` read: a text file or stdin (bounded, not binary), or a library
//! section with its country.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use library::{Library, SectionView};

/// Largest text these commands read (as `timex` and `parse`).
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

/// The text of `file`, or of stdin without one, as UTF-8 (lossy), and the name to report it
/// by. Refuses more than [`MAX_TEXT_BYTES`] and binary data, naming the input.
pub fn read_text(file: Option<&Path>) -> Result<(String, String)> {
    let (bytes, what) = match file {
        Some(path) => {
            let meta = std::fs::metadata(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            if meta.len() > MAX_TEXT_BYTES {
                bail!(
                    "{}: larger than areabook reads for a text (64 MiB)",
                    path.display()
                );
            }
            let bytes =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
            (bytes, path.display().to_string())
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_TEXT_BYTES + 1)
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
            if bytes.len() as u64 > MAX_TEXT_BYTES {
                bail!("stdin: larger than areabook reads for a text (64 MiB)");
            }
            (bytes, "stdin".to_string())
        }
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        bail!("{what}: binary data, not text");
    }
    Ok((String::from_utf8_lossy(&bytes).into_owned(), what))
}

/// Section `id` and the ISO code of its country (the linker's and coder's context).
pub fn section_with_country(lib: &Library, id: &str) -> Result<(SectionView, Option<String>)> {
    let s = lib.section(id)?;
    let iso = lib
        .countries()?
        .into_iter()
        .find(|c| c.id == s.country_id)
        .and_then(|c| c.iso);
    Ok((s, iso))
}
