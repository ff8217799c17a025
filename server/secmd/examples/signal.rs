//! The signal benchmark command (`cargo signal`): runs secmd on the corpus
//! policies with `--today 2026-12-01`, matches its findings to the hand
//! labels in `tests/signal/labels/` and prints precision and recall per
//! severity and per rule, the warnings per well-kept large project, and the
//! findings nobody has labelled yet.
//!
//! Options: `--secmd BIN` scores another `secmd` binary instead of this
//! build's engine (e.g. the one of `main` for a before/after table);
//! `--write-baseline` rewrites `tests/signal/still-reported.txt` with the
//! false and noise findings still reported.

#[path = "../tests/signal_support/mod.rs"]
mod signal_support;

use signal_support as signal;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("signal: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut binary = None;
    let mut write_baseline = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--secmd" => {
                binary = Some(PathBuf::from(args.next().ok_or("--secmd needs a path")?));
            }
            "--write-baseline" => write_baseline = true,
            other => {
                return Err(format!(
                    "unknown argument `{other}` (usage: signal [--secmd BIN] [--write-baseline])"
                ))
            }
        }
    }
    let corpus = signal::corpus_dir()
        .ok_or("no corpus: put it at ../shared/corpus beside the repository or set SECMD_CORPUS")?;
    let labels = signal::load_labels(&signal::labels_dir())?;
    let names = signal::corpus_files(&corpus)?;
    let run = match &binary {
        Some(bin) => signal::run_binary(bin, &corpus, &names)?,
        None => signal::run_engine(&corpus, &names)?,
    };
    let unlabelled_files = names.iter().filter(|n| !labels.contains_key(*n)).count();
    let score = signal::score(&labels, &run);
    print!("{}", score.render());
    if unlabelled_files > 0 {
        println!("\n{unlabelled_files} corpus files have no labels yet.");
    }
    let review = score.to_review();
    if !review.is_empty() {
        println!("\nTo review ({}):", review.len());
        for item in review {
            let what = if item.lost {
                "LOST (labelled true)"
            } else {
                "unlabelled"
            };
            println!(
                "  {what}: {} {} line {} [{}] {}",
                item.file, item.code, item.line, item.severity, item.message
            );
        }
    }
    if write_baseline {
        let path = signal::baseline_path();
        std::fs::write(&path, signal::baseline_text(&score.still_reported()))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!("\nwrote {}", path.display());
    }
    Ok(())
}
