//! The `areabook` binary: glue between the flags, the pipeline crates and the terminal.
//!
//! Every command takes `--library DIR` and `--json`. Errors are reported once, here, naming
//! the file or request at fault; exit code 1 for failures, 2 for usage errors (clap).

mod cmd;
mod config;
mod fetch;
mod flags;
mod walk;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    reset_sigpipe();
    let cli = flags::Cli::parse();
    let config = match config::Config::from_flags(&cli.global) {
        Ok(c) => c,
        Err(err) => {
            eprintln!("areabook: {err:#}");
            return ExitCode::from(1);
        }
    };
    match cmd::run(&config, cli.command) {
        Ok(cmd::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Failed) => ExitCode::from(1),
        Err(err) => {
            eprintln!("areabook: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// Die quietly on a closed pipe (`areabook search x | head`) like other Unix tools,
/// instead of panicking in `println!`.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
