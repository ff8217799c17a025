//! Completion: section headings with skeleton bodies, dates after date
//! labels, support markers in supported-versions tables, and private
//! contact channels.
//!
//! The context decides which kind is offered, most specific first: a line
//! that is only `#`s gets headings, a date label gets dates, a versions
//! table cell gets markers, anything else may get contact channels. Nothing
//! is offered inside code blocks and HTML comments.

mod contacts;
mod dates;
mod headings;
mod markers;

use super::{clamp_offset, document_text, line_at};
use crate::model::{DateField, DocumentModel};
use crate::syntax::Document;
use crate::Options;
use std::ops::Range;

/// What a completion item inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    /// A section heading with a skeleton body.
    Section,
    /// A date.
    Date,
    /// A supported / unsupported marker.
    Marker,
    /// A contact channel (link or email).
    Contact,
}

/// A completion proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// What the menu shows; it starts with what the user typed in
    /// `replace`, so clients that filter on that range keep it.
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// The text replacing `replace`; LSP snippet syntax when `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// The range the insertion replaces (it ends at the cursor or, in a
    /// table cell, at the end of the cell's text).
    pub replace: Range<usize>,
    /// Orders items (compared as strings).
    pub sort_text: String,
}

/// What the caller knows about the document's repository.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompletionContext<'a> {
    /// `"owner/repo"` on github.com, when known.
    pub repository: Option<&'a str>,
}

/// Completions at an offset (clamped to the document).
pub fn completions(
    document: &Document,
    doc: &DocumentModel,
    offset: usize,
    options: &Options,
    cx: &CompletionContext,
) -> Vec<CompletionItem> {
    let fields: Vec<DateField> = doc.dates().collect();
    let rope = document.rope();
    let offset = clamp_offset(rope, offset);
    let text = document_text(document);
    let strictly_inside = |r: &Range<usize>| r.start < offset && offset < r.end;
    if doc.code_blocks().any(|c| strictly_inside(&c.range))
        || doc.comments().any(|c| strictly_inside(&c.range))
    {
        return Vec::new();
    }
    let cx = Cx {
        text: &text,
        doc,
        fields: &fields,
        offset,
        line: line_at(rope, offset),
        options,
        repository: cx.repository.and_then(parse_repository),
    };
    if let Some(items) = dates::complete(&cx) {
        return items;
    }
    // Front matter takes dates only.
    if doc
        .front_matter()
        .is_some_and(|f| f.start <= offset && offset < f.end)
    {
        return Vec::new();
    }
    headings::complete(&cx)
        .or_else(|| markers::complete(&cx))
        .unwrap_or_else(|| contacts::complete(&cx))
}

/// Everything a completion provider looks at.
pub(super) struct Cx<'a> {
    pub text: &'a str,
    pub doc: &'a DocumentModel,
    pub fields: &'a [DateField],
    pub offset: usize,
    /// The cursor's line, without its line break.
    pub line: Range<usize>,
    pub options: &'a Options<'a>,
    pub repository: Option<(&'a str, &'a str)>,
}

impl<'a> Cx<'a> {
    /// The line up to the cursor.
    pub fn before(&self) -> &'a str {
        &self.text[self.line.start..self.offset]
    }

    /// The line after the cursor.
    pub fn after(&self) -> &'a str {
        &self.text[self.offset..self.line.end]
    }
}

/// `owner/repo` split, when both parts are plausible GitHub names.
fn parse_repository(s: &str) -> Option<(&str, &str)> {
    let (owner, repo) = s.trim().split_once('/')?;
    let ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (ok(owner) && ok(repo)).then_some((owner, repo))
}

/// Escapes text for literal use in an LSP snippet.
pub(super) fn snippet_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '$' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
