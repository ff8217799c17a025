//! Checking one input: read, pick its config, analyse, and with `--fix`
//! apply safe fixes (with `--unsafe-fixes` suggestions too), keeping line
//! endings and a byte-order mark, analyse again, and write the file in place
//! (keeping its owner, mode and inode).

use super::big_files::{self, BIG_FILE};
use super::configs::Configs;
use super::inputs::Input;
use crate::report::{Checked, Diagnostic, Failure, FileReport};
use secmd_core::fix::{apply_edits, fix_edits, Applicability};
use secmd_core::rules::analysis_limit;
use secmd_core::text::position::Encoding;
use secmd_core::{Analyzer, Date, Document, Edit, FileLookup, Finding, NoFiles, Options};
use secmd_fs::{ReadError, SourceText};
use std::path::Path;

/// Fixes can uncover or unblock other fixes (overlapping ones wait a
/// round); a few rounds settle everything real, the cap guards against a
/// rule whose fix never makes its finding go away.
const MAX_FIX_ROUNDS: usize = 8;

/// What every file's check shares.
pub struct Context<'a> {
    pub configs: &'a Configs,
    pub today: Date,
    pub fix: bool,
    /// With `fix`: apply suggestions too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Predict the Scorecard Security-Policy score of each policy (`--scorecard`).
    pub scorecard: bool,
    pub max_size: u64,
    /// Column encoding of the output format.
    pub encoding: Encoding,
    /// Whether reports carry source snippets (human format).
    pub snippets: bool,
    /// The repositories around the checked files, read once each.
    pub workspaces: &'a secmd_workspace::Workspaces,
}

pub fn check_input(input: &Input, cx: &Context<'_>) -> FileReport {
    let path = input.display();
    let outcome = match input {
        Input::Failed { failure, .. } => Err(failure.clone()),
        Input::Stdin => secmd_fs::read_stream(std::io::stdin().lock(), cx.max_size)
            .map_err(read_failure)
            .and_then(|source| check_text(None, source, cx, None)),
        Input::File(file) => {
            let big = std::fs::metadata(file).is_ok_and(|m| m.len() > BIG_FILE);
            let turn = big.then(big_files::take_turn);
            secmd_fs::read_file(file, cx.max_size)
                .map_err(read_failure)
                .and_then(|source| check_text(Some(file), source, cx, turn))
        }
    };
    FileReport {
        path,
        path_bytes: input.path_bytes(),
        outcome,
    }
}

/// The report for an input whose check panicked (a bug in secmd).
pub fn internal_error(input: &Input) -> FileReport {
    FileReport {
        path: input.display(),
        path_bytes: input.path_bytes(),
        outcome: Err(Failure {
            message: "internal error while checking this file".to_string(),
            help: Some(
                "please report it with the file at https://github.com/secmd/secmd/issues"
                    .to_string(),
            ),
        }),
    }
}

fn read_failure(e: ReadError) -> Failure {
    let help = match &e {
        ReadError::NotUtf8 { .. } => Some(
            "if it is Latin-1 or Windows-1252 text, convert it: iconv -f WINDOWS-1252 -t UTF-8",
        ),
        ReadError::Utf16 { .. } => Some("convert it: iconv -f UTF-16 -t UTF-8"),
        ReadError::TooLarge { .. } => Some("raise the limit with --max-size"),
        ReadError::IsDirectory => Some("pass the folder itself to search it for SECURITY.md"),
        _ => None,
    };
    Failure {
        message: e.to_string(),
        help: help.map(str::to_string),
    }
}

/// Checks one text. A big file's `turn` is given back once its analysis
/// state is freed, which happens on a background thread.
fn check_text(
    file: Option<&Path>,
    source: SourceText,
    cx: &Context<'_>,
    turn: Option<big_files::Turn>,
) -> Result<Checked, Failure> {
    let config = cx.configs.for_policy(file).map_err(|message| Failure {
        // Several errors: one per indented line under the file's report.
        message: format!("invalid config: {}", message.replace('\n', "\n  ")),
        help: None,
    })?;
    let workspace = file.map(|f| cx.workspaces.around(f));
    let lookup: Box<dyn FileLookup> = match (file, &workspace) {
        (Some(f), Some(ws)) => Box::new(secmd_workspace::WorkspaceFiles::for_policy(f, ws)),
        _ => Box::new(NoFiles),
    };
    let options = Options {
        config: &config,
        today: cx.today,
        files: &*lookup,
    };
    let security_txt = file
        .and_then(|f| f.file_name())
        .is_some_and(|n| secmd_core::security_txt::is_security_txt_name(&n.to_string_lossy()));
    // The analyzer of the last analysis is kept, to be freed with the
    // document off the critical path.
    let mut analyzer = Analyzer::new();
    let mut analyze = |doc: &Document| -> Vec<Finding> {
        let mut findings = if security_txt {
            security_txt_findings(doc, &options)
        } else {
            analyzer = Analyzer::new();
            analyzer.analyze(doc, &options)
        };
        // Engine findings do not go through rule configuration; the
        // selection applies to them too.
        findings.retain(|f| cx.configs.selection().keeps(f.code));
        findings
    };
    let locate = |findings: &[&Finding], doc: &Document| -> Vec<Diagnostic> {
        findings
            .iter()
            .map(|f| Diagnostic::new(f, doc.rope(), cx.encoding, cx.snippets))
            .collect()
    };

    // Over the analysis limits the text is never parsed: its one finding
    // says so, and nothing is fixed.
    if let Some(limit) = analysis_limit::check(&source.text) {
        let rope = ropey::Rope::from_str(&source.text);
        let diagnostics = analysis_limit::configured(limit, &config)
            .iter()
            .filter(|f| cx.configs.selection().keeps(f.code))
            .map(|f| Diagnostic::new(f, &rope, cx.encoding, cx.snippets))
            .collect();
        return Ok(Checked {
            diagnostics,
            fixed: cx.fix.then(Vec::new),
            // Not analysed, so not predicted either.
            scorecard: None,
        });
    }

    // What was checked, to refuse writing over a file changed meanwhile.
    let checked_bytes = cx.fix.then(|| source.clone().into_bytes());
    let SourceText { text, bom } = source;
    let mut text = text;
    let mut doc = Document::new(&text);
    let mut findings = analyze(&doc);
    let mut fixed = None;
    if let (true, Some(file)) = (cx.fix, file) {
        let crlf = uses_crlf(&text);
        let mut done = Vec::new();
        for _ in 0..MAX_FIX_ROUNDS {
            let applicability = if cx.unsafe_fixes {
                Applicability::Suggestions
            } else {
                Applicability::Safe
            };
            let (edits, fixed_now) = fix_edits(&findings, applicability);
            if edits.is_empty() {
                break;
            }
            let edits: Vec<Edit> = edits
                .into_iter()
                .map(|e| Edit::new(e.range, with_line_endings(&e.new_text, crlf)))
                .collect();
            let Some(new_text) = apply_edits(&text, &edits) else {
                break;
            };
            if new_text == text {
                break;
            }
            done.extend(locate(&fixed_now, &doc));
            text = new_text;
            doc = Document::new(&text);
            findings = analyze(&doc);
        }
        if !done.is_empty() {
            let bytes = SourceText { text, bom }.into_bytes();
            let checked = checked_bytes.as_deref().unwrap_or_default();
            secmd_fs::write_in_place(file, checked, &bytes).map_err(|e| Failure {
                message: format!("cannot write fixes: {e}"),
                help: e.help().map(str::to_string),
            })?;
        }
        fixed = Some(done);
    }
    let refs: Vec<&Finding> = findings.iter().collect();
    let scorecard = (cx.scorecard && !security_txt)
        .then(|| secmd_core::ide::predict_scorecard(&doc.rope().to_string(), lookup.workspace()));
    let diagnostics = locate(&refs, &doc);
    if doc.len() as u64 > BIG_FILE || turn.is_some() {
        big_files::free_later((analyzer, doc, findings), turn);
    }
    Ok(Checked {
        diagnostics,
        fixed,
        scorecard,
    })
}

/// A security.txt's findings (RFC 9116, then the cross-checks with the
/// workspace's policy), with the configured rule levels applied.
fn security_txt_findings(doc: &Document, options: &Options) -> Vec<Finding> {
    secmd_core::crosscheck::security_txt_findings(&doc.rope().to_string(), options)
}

/// Whether the text mostly breaks lines with CRLF (fixes then use CRLF too).
fn uses_crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    crlf > 0 && crlf >= text.matches('\n').count() - crlf
}

/// A fix's text with the file's line endings.
fn with_line_endings(new_text: &str, crlf: bool) -> String {
    let lf = new_text.replace("\r\n", "\n");
    if crlf {
        lf.replace('\n', "\r\n")
    } else {
        lf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_follow_the_file() {
        assert!(uses_crlf("a\r\nb\r\nc\n"));
        assert!(!uses_crlf("a\nb\nc\r\n"));
        assert!(!uses_crlf(""));
        assert_eq!(with_line_endings("x\ny\r\n", true), "x\r\ny\r\n");
        assert_eq!(with_line_endings("x\r\ny\n", false), "x\ny\n");
    }
}
