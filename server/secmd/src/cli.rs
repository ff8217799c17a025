//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "secmd",
    version,
    about = "Linter and language server for SECURITY.md security policies",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check policy files and report what is wrong with them.
    Check(CheckArgs),
    /// List the rules, or print the documentation of one.
    Rules(RulesArgs),
    /// Run the language server (LSP over standard input and output).
    Lsp(LspArgs),
    /// Print a shell completion script (e.g. `secmd completions bash > /etc/bash_completion.d/secmd`).
    Completions(CompletionsArgs),
    /// Write the man pages: `secmd.1` to stdout, or one page per command into a folder.
    Man(ManArgs),
    /// Write a complete SECURITY.md for the repository in a folder.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// A folder inside the repository (its root gets the policy).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite the policy GitHub shows when there is one (and, with
    /// --security-txt, an existing .well-known/security.txt).
    #[arg(long)]
    pub force: bool,

    /// Also write a matching .well-known/security.txt (RFC 9116).
    #[arg(long)]
    pub security_txt: bool,

    /// Email address for reports (default: GitHub private vulnerability
    /// reporting of the `origin` remote).
    #[arg(long, value_name = "EMAIL")]
    pub contact: Option<String>,

    /// The date written as Last Updated (default: $SECMD_TODAY, else the clock).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

const CHECK_AFTER_HELP: &str = "\
Exit status: 0 when nothing at or above --fail-on was found, 1 when something
was, 2 for usage errors and files that could not be read or checked.

JSON output (--format json), one file object per line:
  {\"files\":[{\"path\":..., \"diagnostics\":[{\"code\":..., \"severity\":\"error|warning|info|hint\",
    \"message\":..., \"line\":N, \"column\":N, \"end_line\":N, \"end_column\":N,
    \"fixes\":[{\"title\":..., \"edits\":[{\"line\",\"column\",\"end_line\",\"end_column\",\"new_text\"}]}]}]}]}
Lines and columns are 1-based, columns count characters, ends are exclusive.
A file that could not be read or checked has an \"error\" field (and no
diagnostics). With --fix, each file also has \"fixed\": the diagnostics that
were fixed, located in the text before fixing. With --scorecard, each policy
file also has \"scorecard\": {\"score\":N, \"points\":[{\"probe\":..., \"points\":N,
\"won\":true|false, \"reason\":...}], \"scored_instead\":PATH|null}.";

#[derive(Debug, Args)]
#[command(after_long_help = CHECK_AFTER_HELP)]
pub struct CheckArgs {
    /// Files (checked whatever their name), folders (searched for
    /// SECURITY.md in the folder, .github/ and docs/) or `-` for stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Search folders recursively (skipping .git, node_modules and target).
    #[arg(short, long)]
    pub recursive: bool,

    /// The date to judge "Last Updated" dates against (default: $SECMD_TODAY, else the clock).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    /// Use this config file instead of discovering .secmd.toml next to each policy.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Only report these rule codes (comma-separated, repeatable).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not report these rule codes (comma-separated, repeatable).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Apply safe fixes in place, then report what is left.
    #[arg(long)]
    pub fix: bool,

    /// With --fix, also apply suggestions: fixes that need a human's review,
    /// such as setting "Last Updated" to today (which records a review).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,

    /// Predict OpenSSF Scorecard's Security-Policy score (0-10) of each
    /// policy with Scorecard's own logic: a "scorecard" object per policy
    /// file in JSON output, a line under the file in human output.
    #[arg(long)]
    pub scorecard: bool,

    /// Never color the output (color is used only on a terminal, and never when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,

    /// Refuse files larger than this (e.g. 64MiB, 500KiB).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = secmd_fs::read::parse_size)]
    pub max_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[code] message` with a source snippet.
    Human,
    /// Machine-readable JSON (shape in `secmd check --help`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
}

impl FailOn {
    pub fn severity(self) -> secmd_core::Severity {
        use secmd_core::Severity;
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
        }
    }
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print this rule's documentation.
    #[arg(value_name = "CODE", conflicts_with_all = ["markdown", "page"])]
    pub code: Option<String>,

    /// Print the README's rules table (code | default | summary).
    #[arg(long, conflicts_with = "page")]
    pub markdown: bool,

    /// Print the rule reference page (docs/rules.md): every rule's
    /// documentation under a heading named after its code.
    #[arg(long)]
    pub page: bool,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk LSP over standard input and output (the only transport; accepted for editors that pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
#[command(after_long_help = COMPLETIONS_AFTER_HELP)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

const COMPLETIONS_AFTER_HELP: &str = "\
Install the script where your shell looks for completions, for example:
  bash  secmd completions bash > ~/.local/share/bash-completion/completions/secmd
  zsh   secmd completions zsh > \"${fpath[1]}/_secmd\"
  fish  secmd completions fish > ~/.config/fish/completions/secmd.fish";

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write secmd.1 and one page per subcommand (secmd-check.1, ...) into this folder
    /// (created if missing) instead of printing secmd.1.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}
