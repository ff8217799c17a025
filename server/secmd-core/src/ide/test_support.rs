//! Test helpers for editor features: a document and its model view, ranges
//! rendered as 1-based `line:col-line:col` (columns in characters).

use crate::model::DocumentModel;
use crate::text::position::{offset_to_line_col, Encoding};
use crate::{Analyzer, Config, Document, NoFiles, Options};
use ropey::Rope;
use std::ops::Range;

/// A document and its model view.
pub fn model(text: &str) -> (Document, DocumentModel) {
    let document = Document::new(text);
    let config = Config::default();
    let doc = Analyzer::new()
        .analyze_with_view(&document, &options(&config))
        .1;
    (document, doc)
}

/// The options every editor-feature test uses (today = 2026-11-23).
pub fn options(config: &Config) -> Options<'_> {
    Options {
        config,
        today: crate::testing::today(),
        files: &NoFiles,
    }
}

/// `line:col` (1-based, columns in characters) of an offset.
pub fn pos(text: &str, offset: usize) -> String {
    let p = offset_to_line_col(&Rope::from_str(text), offset, Encoding::Utf32);
    format!("{}:{}", p.line + 1, p.col + 1)
}

/// `line:col-line:col` of a range.
pub fn span(text: &str, range: &Range<usize>) -> String {
    format!("{}-{}", pos(text, range.start), pos(text, range.end))
}
