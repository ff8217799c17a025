//! `secmd`: the command-line entry point (`check`, `rules`, `lsp`, `init`).
//!
//! Logging goes to stderr (stdout carries reports, or the LSP channel),
//! filtered by `SECMD_LOG` (default `warn`).

mod check;
mod cli;
mod init;
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

fn main() -> ExitCode {
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
