//! `--format json`: the stable machine-readable shape scripts depend on,
//! written one file object per line as files complete:
//!
//! ```text
//! {"files":[
//! {"path":"SECURITY.md","diagnostics":[{"code":"insecure-link","severity":"warning",
//!   "message":"...","line":3,"column":11,"end_line":3,"end_column":23,
//!   "fixes":[{"title":"Use https","edits":[{"line":3,"column":11,"end_line":3,
//!   "end_column":18,"new_text":"https://"}]}]}]}
//! ]}
//! ```
//!
//! Lines and columns are 1-based, columns count characters (Unicode scalar
//! values), ends are exclusive. A file that could not be read or checked has
//! `"error": "message"` and an empty `diagnostics`. With `--fix`, each file
//! also has `"fixed"`: the diagnostics that were fixed (located in the text
//! before fixing); `diagnostics` is then what is left.

use super::Renderer;
use crate::report::{Diagnostic, FileReport, Summary};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Default)]
pub struct Json {
    started: bool,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<Vec<JsonDiagnostic<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scorecard: Option<JsonScorecard<'a>>,
}

/// `--scorecard`: the predicted Security-Policy score and each point.
#[derive(Serialize)]
struct JsonScorecard<'a> {
    score: u8,
    points: Vec<JsonPoint<'a>>,
    scored_instead: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    probe: &'a str,
    points: u8,
    won: bool,
    reason: &'a str,
}

fn scorecard(p: &secmd_core::ide::ScorecardPrediction) -> JsonScorecard<'_> {
    JsonScorecard {
        score: p.score,
        points: p
            .points
            .iter()
            .map(|x| JsonPoint {
                probe: x.probe,
                points: x.points,
                won: x.won,
                reason: &x.reason,
            })
            .collect(),
        scored_instead: p.scored_instead.as_deref(),
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    new_text: &'a str,
}

fn diagnostics(ds: &[Diagnostic]) -> Vec<JsonDiagnostic<'_>> {
    ds.iter()
        .map(|d| JsonDiagnostic {
            code: d.code,
            severity: d.severity.as_str(),
            message: &d.message,
            line: d.span.start.line,
            column: d.span.start.column,
            end_line: d.span.end.line,
            end_column: d.span.end.column,
            fixes: d
                .fixes
                .iter()
                .map(|f| JsonFix {
                    title: &f.title,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            line: e.span.start.line,
                            column: e.span.start.column,
                            end_line: e.span.end.line,
                            end_column: e.span.end.column,
                            new_text: &e.new_text,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

impl Renderer for Json {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let file = match &report.outcome {
            Ok(checked) => JsonFile {
                path: &report.path,
                error: None,
                diagnostics: diagnostics(&checked.diagnostics),
                fixed: checked.fixed.as_deref().map(diagnostics),
                scorecard: checked.scorecard.as_ref().map(scorecard),
            },
            Err(failure) => JsonFile {
                path: &report.path,
                error: Some(&failure.message),
                diagnostics: Vec::new(),
                fixed: None,
                scorecard: None,
            },
        };
        out.write_all(if self.started {
            b",\n"
        } else {
            b"{\"files\":[\n"
        })?;
        self.started = true;
        serde_json::to_writer(&mut *out, &file)?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        out.write_all(if self.started {
            b"\n]}\n"
        } else {
            b"{\"files\":[]}\n"
        })
    }
}
