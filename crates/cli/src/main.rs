//! The `areabook` binary: glue between the flags, the pipeline crates and the terminal.
//!
//! Every command takes `--library DIR` and `--json`. Errors are reported once, here, naming
//! the file or request at fault — as text, or with `--json` as `{"error": {"kind",
//! "message", "path"?}}` on stderr — with exit code 1 for failures and 2 for usage errors.
#![forbid(unsafe_code)]

mod cmd;
mod config;
mod fetch;
mod flags;
mod walk;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let json = std::env::args_os().any(|a| a == "--json");
    let cli = match flags::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            if json
                && !matches!(
                    err.kind(),
                    ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
                )
            {
                let message = err.render().to_string();
                let first = message
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ");
                report_json("usage", first, None);
                return ExitCode::from(2);
            }
            err.exit();
        }
    };
    let config = match config::Config::from_flags(&cli.global) {
        Ok(c) => c,
        Err(err) => return fail(&err, json),
    };
    match cmd::run(&config, cli.command) {
        Ok(cmd::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Failed) => ExitCode::from(1),
        Err(err) => fail(&err, json),
    }
}

/// Report a failure once. A closed pipe (`areabook search x | head`) is not a failure: the
/// reader has what it wanted, so exit quietly like other Unix tools.
fn fail(err: &anyhow::Error, json: bool) -> ExitCode {
    let broken_pipe = err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let usage = err.chain().any(|e| {
        matches!(
            e.downcast_ref::<library::Error>(),
            Some(library::Error::Argument { .. })
        )
    });
    if json {
        let (kind, path) = classify(err);
        report_json(kind, &format!("{err:#}"), path);
    } else {
        eprintln!("areabook: {err:#}");
    }
    ExitCode::from(if usage { 2 } else { 1 })
}

/// The error's kind (a stable word for scripts) and the file it names, if any.
fn classify(err: &anyhow::Error) -> (&'static str, Option<String>) {
    for e in err.chain() {
        if let Some(l) = e.downcast_ref::<library::Error>() {
            use library::Error as E;
            return match l {
                E::NotFound { .. } => ("not-found", None),
                E::NoEditions(p) => ("not-found", Some(p.display().to_string())),
                E::Query { .. } => ("bad-query", None),
                E::Argument { .. } => ("usage", None),
                E::Locked { path, .. } => ("locked", Some(path.display().to_string())),
                E::Missing(p) | E::NotADirectory(p) | E::ReadOnly(p) | E::IndexOutdated(p) => {
                    ("library", Some(p.display().to_string()))
                }
                E::Io { path, .. } | E::Catalog { path, .. } | E::Index { path, .. } => {
                    ("io", Some(path.display().to_string()))
                }
                E::Data { .. } => ("error", None),
                E::SchemaVersion { path, .. } | E::Corrupt { path, .. } => {
                    ("library", Some(path.display().to_string()))
                }
            };
        }
        if e.downcast_ref::<std::io::Error>().is_some() {
            return ("io", None);
        }
    }
    ("error", None)
}

fn report_json(kind: &str, message: &str, path: Option<String>) {
    let mut error = serde_json::json!({ "kind": kind, "message": message });
    if let Some(p) = path {
        error["path"] = serde_json::Value::String(p);
    }
    eprintln!("{}", serde_json::json!({ "error": error }));
}
