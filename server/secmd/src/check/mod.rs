//! `secmd check`: expand the arguments, check every file in parallel,
//! stream reports in input order, and turn the totals into an exit status.

mod analyze;
mod big_files;
mod configs;
mod inputs;
mod pipeline;

use crate::cli::{CheckArgs, Format};
use crate::render::{self, Style};
use crate::report::Summary;
use crate::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use analyze::{check_input, internal_error, Context};
use configs::{Configs, Selection};
use secmd_core::text::position::Encoding;
use std::io::{IsTerminal, Write};

pub fn run(args: CheckArgs) -> u8 {
    match run_inner(&args) {
        Ok(status) => status,
        Err(message) => {
            // A broken `--config` may have several errors, one per line.
            for line in message.lines() {
                eprintln!("error: {line}");
            }
            EXIT_ERROR
        }
    }
}

/// `Err` is a usage error (or a broken `--config`), reported before any file.
fn run_inner(args: &CheckArgs) -> Result<u8, String> {
    let today = secmd_fs::today(args.today.as_deref())?;
    let selection = Selection::new(&args.select, &args.ignore)?;
    if args.fix && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err("--fix cannot be used with `-`: there is no file to write to".to_string());
    }
    let configs = Configs::new(args.config.as_deref(), selection)?;
    let inputs = inputs::collect(&args.paths, args.recursive);

    let stdout = std::io::stdout();
    let color = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && stdout.is_terminal();
    let mut renderer = render::for_format(args.format, Style { color }, args.fix);
    let workspaces = secmd_workspace::Workspaces::default();
    let cx = Context {
        workspaces: &workspaces,
        configs: &configs,
        today,
        fix: args.fix,
        unsafe_fixes: args.unsafe_fixes,
        scorecard: args.scorecard,
        max_size: args.max_size,
        // SARIF counts columns in UTF-16 code units (its default
        // `columnKind`); everything else counts characters.
        encoding: if args.format == Format::Sarif {
            Encoding::Utf16
        } else {
            Encoding::Utf32
        },
        snippets: args.format == Format::Human,
    };

    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let written = pipeline::run_ordered(
        &inputs,
        |input| check_input(input, &cx),
        internal_error,
        |report| {
            summary.add(&report);
            if let Err(failure) = &report.outcome {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "error: {}: {}", report.path, failure.message);
                if let Some(help) = &failure.help {
                    let _ = writeln!(err, "  help: {help}");
                }
            }
            renderer.file(&mut out, &report)?;
            // Stream: each file's report appears as soon as it is ready.
            out.flush()
        },
    )
    .and_then(|()| renderer.finish(&mut out, &summary))
    .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
        }
        return Ok(EXIT_ERROR);
    }
    Ok(if summary.files_failed > 0 {
        EXIT_ERROR
    } else if summary.worst >= Some(args.fail_on.severity()) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
