//! What `secmd check` found in one file, in the shape the renderers need:
//! positions already converted (1-based) in the encoding of the output
//! format, by the one converter in `secmd_core::text::position`.

use ropey::Rope;
use secmd_core::text::position::{offset_to_line_col, Encoding};
use secmd_core::{Finding, Severity};
use std::ops::Range;

/// A 1-based line and column (counted in the report's encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A 1-based range; the end is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn locate(rope: &Rope, range: &Range<usize>, enc: Encoding) -> Span {
        let p = |offset| {
            let lc = offset_to_line_col(rope, offset, enc);
            Pos {
                line: lc.line + 1,
                column: lc.col + 1,
            }
        };
        Span {
            start: p(range.start),
            end: p(range.end),
        }
    }
}

#[derive(Debug, Clone)]
pub struct EditView {
    pub span: Span,
    pub new_text: String,
}

#[derive(Debug, Clone)]
pub struct FixView {
    pub title: String,
    /// Applied by `--fix`.
    pub safe: bool,
    pub edits: Vec<EditView>,
}

/// The source line a diagnostic starts on, cut to a window around it.
#[derive(Debug, Clone)]
pub struct Snippet {
    /// The shown characters of the line (no line break).
    pub text: String,
    /// 1-based column (in characters) of `text`'s first character.
    pub first_column: u32,
    /// Whether characters were cut before / after the window.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Characters shown before and after a diagnostic's start in a snippet.
const SNIPPET_BEFORE: usize = 40;
const SNIPPET_WIDTH: usize = 120;

impl Snippet {
    /// The window of the line holding byte `offset` (character columns).
    fn around(rope: &Rope, offset: usize, end_offset: usize) -> Snippet {
        let at = offset_to_line_col(rope, offset, Encoding::Utf32);
        let line = rope.line(at.line as usize);
        let mut len = line.len_chars();
        while len > 0 && matches!(line.char(len - 1), '\n' | '\r') {
            len -= 1;
        }
        let col = at.col as usize;
        let end = offset_to_line_col(rope, end_offset, Encoding::Utf32);
        let end_col = if end.line == at.line {
            end.col as usize
        } else {
            len
        };
        // A line that fits is shown whole; a long one as a window.
        let from = if len <= SNIPPET_WIDTH {
            0
        } else {
            col.saturating_sub(SNIPPET_BEFORE)
        };
        // Show at least SNIPPET_WIDTH characters, more (up to twice that)
        // when the underlined range is longer.
        let wanted = end_col.clamp(from + SNIPPET_WIDTH, from + 2 * SNIPPET_WIDTH);
        let to = len.min(wanted).max(from.min(len));
        Snippet {
            text: line.slice(from.min(to)..to).to_string(),
            first_column: from as u32 + 1,
            cut_before: from > 0,
            cut_after: to < len,
        }
    }
}

/// One finding, located.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub fixes: Vec<FixView>,
    /// Only for the human format.
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    pub fn new(f: &Finding, rope: &Rope, enc: Encoding, with_snippet: bool) -> Diagnostic {
        Diagnostic {
            code: f.code,
            severity: f.severity,
            message: f.message.clone(),
            span: Span::locate(rope, &f.range, enc),
            fixes: f
                .fixes
                .iter()
                .map(|fix| FixView {
                    title: fix.title.clone(),
                    safe: fix.safe,
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| EditView {
                            span: Span::locate(rope, &e.range, enc),
                            new_text: e.new_text.clone(),
                        })
                        .collect(),
                })
                .collect(),
            snippet: with_snippet.then(|| Snippet::around(rope, f.range.start, f.range.end)),
        }
    }

    pub fn has_safe_fix(&self) -> bool {
        self.fixes.iter().any(|f| f.safe)
    }
}

/// Why a file could not be checked.
#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
    /// A hint on what to do about it.
    pub help: Option<String>,
}

/// The result for one input, in input order.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user gave or discovery found it (`<stdin>` for `-`).
    pub path: String,
    /// The path's bytes (for SARIF URIs: a file name that is not UTF-8 is
    /// percent-encoded byte for byte).
    pub path_bytes: Vec<u8>,
    pub outcome: Result<Checked, Failure>,
}

#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// What is left (after `--fix`, what it could not fix).
    pub diagnostics: Vec<Diagnostic>,
    /// With `--fix`: what was fixed, located in the text before fixing.
    pub fixed: Option<Vec<Diagnostic>>,
    /// With `--scorecard`, for a policy: the predicted Security-Policy score.
    pub scorecard: Option<secmd_core::ide::ScorecardPrediction>,
}

/// Totals over every file, for summaries and the exit status.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files_checked: usize,
    pub files_failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Diagnostics left that `--fix` would fix.
    pub fixable: usize,
    pub fixed: usize,
    pub files_fixed: usize,
    /// The most severe diagnostic left.
    pub worst: Option<Severity>,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport) {
        let Ok(checked) = &report.outcome else {
            self.files_failed += 1;
            return;
        };
        self.files_checked += 1;
        for d in &checked.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
                Severity::Hint => self.hints += 1,
            }
            if d.has_safe_fix() {
                self.fixable += 1;
            }
            self.worst = self.worst.max(Some(d.severity));
        }
        if let Some(fixed) = checked.fixed.as_ref().filter(|f| !f.is_empty()) {
            self.fixed += fixed.len();
            self.files_fixed += 1;
        }
    }
}
