//! Core → LSP conversions, the one boundary: positions, ranges,
//! diagnostics and edits here; editor features (symbols, folding, hover,
//! completion, lenses) in `ide`. Handlers are glue around these.
//!
//! The only place in the server that turns byte offsets into LSP positions
//! (and back); the arithmetic itself is `secmd_core::text::position`, used
//! with the encoding negotiated at `initialize`. Rule codes and default
//! severities come from the rules; nothing here decides them.

use ropey::Rope;
use secmd_core::text::position::{line_col_to_offset, offset_to_line_col};
use secmd_core::text::{Encoding, LineCol};
use secmd_core::{Edit, Finding, Fix, Severity, Tag};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp::lsp_types as lsp;

mod ide;
pub use ide::{
    code_lenses, completion_items, folding_ranges, hover, symbols, ApplyFixArgs, APPLY_FIX,
};

/// The rule documentation every diagnostic links to (anchor = rule code).
pub const RULES_DOC: &str = "https://github.com/secmd/secmd/blob/main/docs/rules.md";

/// The `source` of every diagnostic.
pub const SOURCE: &str = "secmd";

/// A byte offset as an LSP position.
pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> lsp::Position {
    let lc = offset_to_line_col(rope, offset, enc);
    lsp::Position::new(lc.line, lc.col)
}

/// A byte range as an LSP range.
pub fn range(rope: &Rope, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range::new(position(rope, r.start, enc), position(rope, r.end, enc))
}

/// An LSP position as a byte offset, clamped to the document.
pub fn offset(rope: &Rope, p: lsp::Position, enc: Encoding) -> usize {
    line_col_to_offset(
        rope,
        LineCol {
            line: p.line,
            col: p.character,
        },
        enc,
    )
}

/// An LSP range as a byte range, clamped; a reversed range is reordered
/// rather than rejected (some clients send them).
pub fn byte_range(rope: &Rope, r: lsp::Range, enc: Encoding) -> Range<usize> {
    let a = offset(rope, r.start, enc);
    let b = offset(rope, r.end, enc);
    a.min(b)..a.max(b)
}

/// A client-supplied LSP range clamped to the document (see [`byte_range`])
/// and given back in LSP coordinates.
pub fn clamp_range(rope: &Rope, r: lsp::Range, enc: Encoding) -> lsp::Range {
    range(rope, &byte_range(rope, r, enc), enc)
}

/// The documentation link of a rule code.
pub fn rule_url(code: &str) -> Option<lsp::Url> {
    lsp::Url::parse(&format!("{RULES_DOC}#{code}")).ok()
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

fn tag(t: Tag) -> lsp::DiagnosticTag {
    match t {
        Tag::Unnecessary => lsp::DiagnosticTag::UNNECESSARY,
        Tag::Deprecated => lsp::DiagnosticTag::DEPRECATED,
    }
}

/// A fix as carried in `Diagnostic.data`: already in LSP coordinates, so a
/// client (or a later code action) needs no server memory to apply it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixData {
    pub title: String,
    pub preferred: bool,
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

/// `Diagnostic.data`: the fixes of the finding (absent when it has none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticData {
    pub fixes: Vec<FixData>,
}

/// A finding as an LSP diagnostic.
pub fn diagnostic(rope: &Rope, f: &Finding, enc: Encoding) -> lsp::Diagnostic {
    let data = DiagnosticData {
        fixes: f.fixes.iter().map(|x| fix_data(rope, x, enc)).collect(),
    };
    lsp::Diagnostic {
        range: range(rope, &f.range, enc),
        severity: Some(severity(f.severity)),
        code: Some(lsp::NumberOrString::String(f.code.to_string())),
        code_description: rule_url(f.code).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: None,
        tags: if f.tags.is_empty() {
            None
        } else {
            Some(f.tags.iter().map(|t| tag(*t)).collect())
        },
        // No `data` without fixes: thousands of diagnostics are pushed after
        // every keystroke in a large document, and it would say nothing.
        data: if data.fixes.is_empty() {
            None
        } else {
            serde_json::to_value(data).ok()
        },
    }
}

fn fix_data(rope: &Rope, fix: &Fix, enc: Encoding) -> FixData {
    FixData {
        title: fix.title.clone(),
        preferred: fix.preferred,
        safe: fix.safe,
        edits: fix.edits.iter().map(|e| text_edit(rope, e, enc)).collect(),
    }
}

/// A core edit as an LSP text edit.
pub fn text_edit(rope: &Rope, e: &Edit, enc: Encoding) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(rope, &e.range, enc),
        new_text: e.new_text.clone(),
    }
}

/// Edits of one document as a `WorkspaceEdit`: versioned `documentChanges`
/// when the client supports them (so a stale edit is refused by the client),
/// plain `changes` otherwise.
pub fn workspace_edit(
    uri: &lsp::Url,
    version: i32,
    edits: Vec<lsp::TextEdit>,
    document_changes: bool,
) -> lsp::WorkspaceEdit {
    if document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_encoding() {
        let rope = Rope::from_str("a😀b\r\n漢字x");
        // "x" is at byte 6 + 2 + 6 = 14.
        assert_eq!(
            position(&rope, 14, Encoding::Utf16),
            lsp::Position::new(1, 2)
        );
        assert_eq!(
            position(&rope, 14, Encoding::Utf8),
            lsp::Position::new(1, 6)
        );
        assert_eq!(offset(&rope, lsp::Position::new(1, 2), Encoding::Utf16), 14);
        // Past the end of a line and of the document: clamped.
        assert_eq!(offset(&rope, lsp::Position::new(0, 99), Encoding::Utf16), 6);
        assert_eq!(offset(&rope, lsp::Position::new(9, 0), Encoding::Utf16), 15);
        let r = lsp::Range::new(lsp::Position::new(1, 2), lsp::Position::new(0, 1));
        assert_eq!(byte_range(&rope, r, Encoding::Utf16), 1..14);
    }
}
