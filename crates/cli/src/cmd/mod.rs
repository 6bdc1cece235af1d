//! One module per command family; `run` dispatches.

/// `println!` that returns a closed pipe as an error (so `main` can exit quietly) instead of
/// panicking; use in functions returning `anyhow::Result`.
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout()).map_err(anyhow::Error::from)?
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*).map_err(anyhow::Error::from)?
    }};
}

mod editions;
mod entities;
mod events;
mod export;
mod ingest;
mod parse;
mod printed;
mod query;
mod relations;
pub mod scan;
mod serve;
mod textin;
mod timeline;
mod timex;

use anyhow::{Context, Result};
use library::Library;
use serde::Serialize;

use crate::config::Config;
use crate::flags::{Command, FetchWhat};

pub use ingest::{ingest_paths, ingest_paths_with_pdf, print_editions};
pub use printed::ingest_book;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Ok,
    /// Some input failed (already reported); exit 1.
    Failed,
}

/// Run one command.
pub fn run(config: &Config, command: Command) -> Result<Outcome> {
    match command {
        Command::Ingest { paths, url, pdf } => {
            ingest_paths_with_pdf(config, &paths, url.as_deref(), pdf.as_deref())
        }
        Command::Parse { files, url } => parse::parse(config, &files, url.as_deref()),
        Command::Scan {
            inputs,
            threads,
            max_record_mb,
            stdin_name,
        } => scan::scan(
            config,
            &inputs,
            threads.map(usize::from),
            max_record_mb << 20,
            stdin_name.as_deref(),
        ),
        Command::Countries => query::countries(config),
        Command::Books { country } => query::books(config, country.as_deref()),
        Command::Toc { book } => query::toc(config, &book),
        Command::Show { section } => query::show(config, &section),
        Command::Search(args) => query::search(config, &args),
        Command::Check => query::check(config),
        Command::Timeline(args) => timeline::timeline(config, &args),
        Command::History {
            country,
            field,
            csv,
        } => {
            let format = if config.json {
                editions::HistoryFormat::Json
            } else if csv {
                editions::HistoryFormat::Csv
            } else {
                editions::HistoryFormat::Text
            };
            editions::history(config, &country, &field, format)
        }
        Command::Diff {
            country,
            field,
            from,
            to,
        } => editions::diff(config, &country, field.as_deref(), from, to),
        Command::Compare { country, as_of } => {
            editions::compare(config, &country, as_of.map(i32::from))
        }
        Command::Events {
            file,
            section,
            date,
            explain,
        } => events::events(
            config,
            file.as_deref(),
            section.as_deref(),
            date.as_deref(),
            explain,
        ),
        Command::Relations(args) => relations::relations(config, &args),
        Command::Cite { section, format } => timeline::cite(config, &section, format),
        Command::Export {
            book,
            format,
            country,
            as_of_from,
            as_of_to,
            out,
        } => export::export(
            config,
            format,
            library::ExportFilter {
                book,
                country,
                as_of_from,
                as_of_to,
            },
            out.as_deref(),
        ),
        Command::Entities { file, section, dct } => {
            entities::entities(config, file.as_deref(), section.as_deref(), dct.as_deref())
        }
        Command::Entity { name } => entities::entity(config, &name),
        Command::Fetch {
            what: what @ (FetchWhat::Study | FetchWhat::Pages),
            targets,
            all,
            from,
            archive,
            rate,
            editions: None,
            ..
        } => {
            let args = crate::fetch::study::Args {
                targets,
                all,
                from,
                archive,
                rate,
            };
            match what {
                FetchWhat::Study => crate::fetch::study::study(config, &args),
                _ => crate::fetch::study::pages(config, &args),
            }
        }
        Command::Fetch {
            what: FetchWhat::Study | FetchWhat::Pages,
            ..
        } => Err(crate::fetch::study::usage(
            "editions",
            "goes with fetch factbook",
        )),
        Command::Fetch {
            what: FetchWhat::Factbook,
            targets,
            all,
            archive,
            rate,
            ..
        } if !targets.is_empty() || all || archive.is_some() || rate.is_some() => Err(
            crate::fetch::study::usage("factbook", "takes no NAME, --all, --archive or --rate"),
        ),
        Command::Fetch {
            what: FetchWhat::Factbook,
            ingest,
            editions: Some(years),
            from,
            ..
        } => {
            crate::fetch::editions::run(config, &years.unwrap_or_default(), from.as_deref(), ingest)
        }
        Command::Fetch {
            what: FetchWhat::Factbook,
            ingest,
            editions: None,
            ..
        } => fetch_factbook(config, ingest),
        Command::Serve { addr } => serve::serve(config, &addr),
        Command::Demo {
            pages,
            addr,
            no_open,
        } => serve::demo(config, &pages, &addr, no_open),
        Command::Timex {
            dct,
            news,
            file,
            section,
        } => timex::timex(
            config,
            dct.as_deref(),
            news,
            file.as_deref(),
            section.as_deref(),
        ),
    }
}

/// `1 section`, `2 sections`: a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Open the library for reading (it must exist).
pub fn open_read(config: &Config) -> Result<Library> {
    Library::open_read_only(&config.library)
        .with_context(|| format!("opening library {}", config.library.display()))
}

/// Print a value as pretty JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).context("encoding JSON")?;
    outln!("{text}");
    Ok(())
}

pub(crate) fn fetch_factbook(config: &Config, ingest: bool) -> Result<Outcome> {
    let cache = config.cache_dir();
    let index = crate::fetch::index_url();
    let path = crate::fetch::fetch(&crate::fetch::FACTBOOK, &index, &cache)?;
    if config.json && !ingest {
        print_json(&serde_json::json!({ "path": path, "sha256": crate::fetch::FACTBOOK.sha256 }))?;
    } else if !config.json {
        outln!("{} (sha256 verified)", path.display());
    }
    if ingest {
        return ingest_paths(config, &[path], None);
    }
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(super::count(1, "section", "sections"), "1 section");
        assert_eq!(super::count(0, "section", "sections"), "0 sections");
        assert_eq!(
            super::count(2, "merged copy", "merged copies"),
            "2 merged copies"
        );
    }
}
