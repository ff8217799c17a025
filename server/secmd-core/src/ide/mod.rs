//! Editor features over the model: outline, folding, hover, completion,
//! code lenses, the "ignore" and "fix the whole file" edits and the
//! Scorecard Security-Policy prediction.
//!
//! Like the rest of the core these are pure functions: a [`Document`], its
//! [`DocumentModel`] view (from [`crate::Analyzer::analyze_with_view`]) and the
//! [`crate::Options`] go in, UTF-8 byte ranges come out. The language server
//! converts ranges to LSP positions with [`crate::text::position`]. Every
//! function accepts any offset: out-of-range offsets are clamped to the end
//! of the document and offsets inside a character move to its start.

mod completion;
mod folding;
mod hover;
mod ignore;
mod known_sections;
mod lens;
mod review;
mod scorecard;
pub mod security_txt;
mod support_markers;
mod symbols;
mod whole_file;

#[cfg(test)]
mod test_support;

pub use completion::{completions, CompletionContext, CompletionItem, CompletionKind};
pub use folding::{folding_ranges, Fold, FoldKind};
pub use hover::{hover, HoverInfo};
pub use ignore::{ignore_fix, IgnoreFixes};
pub use known_sections::{KnownSection, KNOWN_SECTIONS};
pub use lens::{code_lenses, Lens};
pub use scorecard::{predict as predict_scorecard, ScorePoint, ScorecardPrediction};
pub use symbols::{document_symbols, Symbol};
pub use whole_file::whole_file_fix;

use crate::model::DocumentModel;
use crate::syntax::Document;
use ropey::Rope;
use std::ops::Range;

/// Clamps an offset to the document and moves it to the start of the
/// character it falls in (or before a CRLF it splits), so any client offset
/// is safe to slice at and lies on a line.
pub(crate) fn clamp_offset(rope: &Rope, offset: usize) -> usize {
    let offset = offset.min(rope.len_bytes());
    let offset = rope.char_to_byte(rope.byte_to_char(offset));
    if offset > 0
        && offset < rope.len_bytes()
        && rope.byte(offset - 1) == b'\r'
        && rope.byte(offset) == b'\n'
    {
        offset - 1
    } else {
        offset
    }
}

/// The line containing `offset`: its start and its end before the line
/// break (LF, CRLF or a lone CR, as [`crate::text::position`] counts lines).
pub(crate) fn line_at(rope: &Rope, offset: usize) -> Range<usize> {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let start = rope.line_to_byte(line);
    let mut end = start + rope.line(line).len_bytes();
    if end > start && rope.byte(end - 1) == b'\n' {
        end -= 1;
    }
    if end > start && rope.byte(end - 1) == b'\r' {
        end -= 1;
    }
    start..end
}

/// The line break the document already uses (CRLF if its first break is
/// one), so inserted text keeps the file's line endings.
pub(crate) fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The whole text of a [`DocumentModel`] (its chunks are contiguous and cover it).
pub(crate) fn doc_text(doc: &DocumentModel) -> String {
    let mut text = String::with_capacity(doc.len());
    for c in doc.chunks() {
        text.push_str(&c.text);
    }
    text
}

/// The text of a [`Document`].
pub(crate) fn document_text(document: &Document) -> String {
    document.rope().to_string()
}

/// A range with trailing whitespace (blank lines before the next heading,
/// a block's final line break) removed, never before `range.start`.
pub(crate) fn trim_end(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(range.clone()) else {
        return range;
    };
    range.start..range.start + s.trim_end().len()
}

/// Whether a range spans more than one line.
pub(crate) fn is_multiline(text: &str, range: &Range<usize>) -> bool {
    text.get(range.clone())
        .is_some_and(|s| s.contains(['\n', '\r']))
}
