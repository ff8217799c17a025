//! `secmd`: the command line (`check`, `rules`, `lsp`, `init`,
//! `completions`, `man`) as a library, so that more than one binary can be secmd: the
//! `secmd` binary here, and the `secmd-pre-commit` binary of the repository's
//! root package, which pre-commit's `language: rust` installs with
//! `cargo install --path .` (see `.pre-commit-hooks.yaml`).
//!
//! Logging goes to stderr (stdout carries reports, or the LSP channel),
//! filtered by `SECMD_LOG` (default `warn`).

mod check;
mod cli;
mod completions;
mod init;
mod man;
mod render;
mod report;
mod rules_cmd;

use clap::Parser;
use std::process::ExitCode;

/// Exit status: nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage error, or a file that could not be read or checked.
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs the command: the whole of `main`.
pub fn main() -> ExitCode {
    // clap exits with status 2 on usage errors and 0 on --help/--version.
    let cli = cli::Cli::parse();
    init_logging();
    let status = match cli.command {
        cli::Command::Check(args) => check::run(args),
        cli::Command::Rules(args) => rules_cmd::run(&args),
        cli::Command::Init(args) => init::run(&args),
        cli::Command::Lsp(_) => {
            let code = secmd_lsp::run_stdio();
            u8::try_from(code).unwrap_or(EXIT_ERROR)
        }
        cli::Command::Completions(args) => completions::run(&args),
        cli::Command::Man(args) => man::run(&args),
    };
    ExitCode::from(status)
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("SECMD_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    // `try_init`: never panic if something installed a subscriber already.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
