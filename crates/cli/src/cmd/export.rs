//! `areabook export`: the library in formats other tools read (see the `export` crate and
//! `server::site`), and GeoJSON of its places (`entities::geojson`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use library::ExportFilter;

use super::{Outcome, open_read, print_json};
use crate::config::Config;
use crate::flags::ExportFormat;

/// A progress bar on stderr when it is a terminal (and not under `--json`), else nothing.
struct Bar(ProgressBar);

impl Bar {
    fn new(config: &Config) -> Bar {
        if config.json || !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) =
            ProgressStyle::with_template("{msg:18} {bar:30} {pos}/{len} {per_sec} {elapsed}")
        {
            bar.set_style(style);
        }
        Bar(bar)
    }
}

impl export::Progress for Bar {
    fn stage(&self, name: &str, total: Option<u64>) {
        self.0.set_message(name.to_owned());
        self.0.set_position(0);
        self.0.set_length(total.unwrap_or(0));
    }
    fn inc(&self, n: u64) {
        self.0.inc(n);
        if self.0.length() < Some(self.0.position()) {
            self.0.set_length(self.0.position());
        }
    }
}

/// `areabook export --format F [--book B] [--country C] [--as-of-from Y] [--as-of-to Y] [OUT]`.
pub fn export(
    config: &Config,
    format: ExportFormat,
    filter: ExportFilter,
    out: Option<&Path>,
) -> Result<Outcome> {
    if let (Some(a), Some(b)) = (filter.as_of_from, filter.as_of_to) {
        if a > b {
            return Err(usage(
                "--as-of-from",
                format!("{a} is after --as-of-to {b}"),
            ));
        }
    }
    if format == ExportFormat::Geojson {
        if filter.book.is_some() || filter.as_of_from.is_some() || filter.as_of_to.is_some() {
            return Err(usage(
                "--format",
                "geojson takes --country only (--book and --as-of-* go with the section formats)"
                    .into(),
            ));
        }
        return super::entities::geojson(config, filter.country.as_deref(), out);
    }
    let needs_out = !matches!(format, ExportFormat::Jsonl);
    let out: Option<PathBuf> = out.map(Path::to_owned);
    if needs_out && out.is_none() {
        return Err(usage(
            "OUT",
            format!(
                "--format {} needs OUT (a {})",
                name(format),
                if format == ExportFormat::Zim {
                    "file"
                } else {
                    "folder"
                }
            ),
        ));
    }
    let lib = open_read(config)?;
    let filter = lib
        .export_filter(filter)
        .with_context(|| format!("exporting {}", config.library.display()))?;
    let bar = Bar::new(config);
    let written = match (format, out.as_deref()) {
        (ExportFormat::Jsonl, None) => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let n = export::jsonl::write_to(&lib, &filter, &mut w, &bar, Path::new("stdout"));
            bar.0.finish_and_clear();
            n.context("writing JSON Lines")?;
            w.flush().context("writing stdout")?;
            return Ok(Outcome::Ok);
        }
        (ExportFormat::Jsonl, Some(path)) => export::Written {
            files: vec![export::jsonl::write(&lib, &filter, path, &bar)?],
        },
        (ExportFormat::Parquet, Some(dir)) => export::parquet::write(&lib, &filter, dir, &bar)?,
        (ExportFormat::Opensearch, Some(dir)) => {
            export::bulk::write(&lib, &filter, dir, export::bulk::Engine::OpenSearch, &bar)?
        }
        (ExportFormat::Meilisearch, Some(dir)) => {
            export::bulk::write(&lib, &filter, dir, export::bulk::Engine::Meilisearch, &bar)?
        }
        (ExportFormat::Quickwit, Some(dir)) => {
            export::bulk::write(&lib, &filter, dir, export::bulk::Engine::Quickwit, &bar)?
        }
        (ExportFormat::Site, Some(dir)) => {
            let report = site(lib, &filter, dir, &bar)?;
            bar.0.finish_and_clear();
            if config.json {
                print_json(&report)?;
            } else {
                outln!(
                    "{}  {} pages, {} sections in the search index  {}",
                    report.dir.display(),
                    report.pages,
                    report.sections,
                    human_bytes(report.bytes)
                );
            }
            return Ok(Outcome::Ok);
        }
        (ExportFormat::Zim, Some(file)) => {
            if !export::zim::available() {
                bail!(export::Error::MissingTool {
                    tool: export::zim::TOOL,
                    hint: "install Debian's zim-tools (apt-get install zim-tools) to write ZIM files",
                });
            }
            let mut tmp = file.as_os_str().to_owned();
            tmp.push(".site");
            let tmp = PathBuf::from(tmp);
            if tmp.exists() {
                std::fs::remove_dir_all(&tmp)
                    .with_context(|| format!("{}: cannot remove", tmp.display()))?;
            }
            let pages = site(lib, &filter, &tmp, &bar)?.pages;
            bar.0.set_message("packing the ZIM");
            let packed = export::zim::pack(&tmp, file, &export::zim::Metadata::default());
            let _ = std::fs::remove_dir_all(&tmp);
            // Its rows are the site's pages (Kiwix's articles).
            let mut packed = packed?;
            packed.rows = pages;
            export::Written {
                files: vec![packed],
            }
        }
        (_, None) | (ExportFormat::Geojson, _) => unreachable!("checked above"),
    };
    bar.0.finish_and_clear();
    report(config, &written)
}

/// Render the static site (the reader's pages) into `dir`.
fn site(
    lib: library::Library,
    filter: &ExportFilter,
    dir: &Path,
    bar: &Bar,
) -> Result<server::site::SiteReport> {
    use export::Progress as _;
    bar.stage("pages", None);
    let mut tick = |done: u64, known: u64| {
        bar.0.set_length(known);
        bar.0.set_position(done);
    };
    server::site::write(lib, filter, dir, &mut tick)
        .with_context(|| format!("writing the site to {}", dir.display()))
}

/// A usage error (exit 2).
fn usage(name: &'static str, message: String) -> anyhow::Error {
    library::Error::Argument { name, message }.into()
}

fn name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Geojson => "geojson",
        ExportFormat::Parquet => "parquet",
        ExportFormat::Site => "site",
        ExportFormat::Zim => "zim",
        ExportFormat::Opensearch => "opensearch",
        ExportFormat::Meilisearch => "meilisearch",
        ExportFormat::Quickwit => "quickwit",
    }
}

/// Print what was written: `{"files": [{"path", "rows", "bytes"}]}` or one line per file.
fn report(config: &Config, written: &export::Written) -> Result<Outcome> {
    if config.json {
        print_json(written)?;
    } else {
        for f in &written.files {
            outln!(
                "{}  {} rows  {}",
                f.path.display(),
                f.rows,
                human_bytes(f.bytes)
            );
        }
    }
    Ok(Outcome::Ok)
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 10 << 20 => format!("{} MB", n >> 20),
        n if n >= 10 << 10 => format!("{} kB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// Read an `areabook export` JSON Lines file back as library items (for `ingest`): the
/// items, and the lines that could not be read (each named by its number).
pub fn read_jsonl(path: &Path) -> Result<(Vec<library::Item>, Vec<String>)> {
    let file = std::fs::File::open(path).context("cannot read")?;
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for read in export::jsonl::Reader::new(std::io::BufReader::new(file)) {
        match read {
            Ok(batch) => items.extend(batch),
            Err(e) => problems.push(e.to_string()),
        }
    }
    Ok((items, problems))
}
