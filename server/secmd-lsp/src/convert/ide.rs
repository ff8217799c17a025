//! Core editor features (`secmd_core::ide`) → LSP: symbols, folding
//! ranges, hover, completion items and code lenses. Handlers call these
//! and stay glue.

use super::{range, text_edit};
use crate::convert::position;
use ropey::Rope;
use secmd_core::ide::{
    CompletionItem as Completion, CompletionKind, Fold, FoldKind, HoverInfo, Lens, Symbol,
};
use secmd_core::text::Encoding;
use secmd_core::Document;
use serde::{Deserialize, Serialize};
use tower_lsp::lsp_types::*;

/// The command behind "Mark reviewed today" lenses: applies edits
/// server-side through `workspace/applyEdit`.
pub const APPLY_FIX: &str = "secmd.applyFix";

/// Arguments of `secmd.applyFix`: edits for one version of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplyFixArgs {
    pub uri: Url,
    pub version: i32,
    pub edits: Vec<TextEdit>,
}

/// The outline: nested `DocumentSymbol`s, or flat `SymbolInformation` for
/// clients without hierarchical support.
pub fn symbols(
    rope: &Rope,
    uri: &Url,
    symbols: &[Symbol],
    hierarchical: bool,
    enc: Encoding,
) -> DocumentSymbolResponse {
    if hierarchical {
        DocumentSymbolResponse::Nested(symbols.iter().map(|s| nested(rope, s, enc)).collect())
    } else {
        let mut flat = Vec::new();
        for s in symbols {
            flatten(rope, uri, s, None, enc, &mut flat);
        }
        DocumentSymbolResponse::Flat(flat)
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be spelled out.
fn nested(rope: &Rope, s: &Symbol, enc: Encoding) -> DocumentSymbol {
    DocumentSymbol {
        name: non_empty(&s.name),
        detail: s.detail.clone(),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: range(rope, &s.range, enc),
        selection_range: range(rope, &s.selection, enc),
        children: Some(s.children.iter().map(|c| nested(rope, c, enc)).collect()),
    }
}

#[allow(deprecated)]
fn flatten(
    rope: &Rope,
    uri: &Url,
    s: &Symbol,
    container: Option<&str>,
    enc: Encoding,
    out: &mut Vec<SymbolInformation>,
) {
    out.push(SymbolInformation {
        name: non_empty(&s.name),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        location: Location::new(uri.clone(), range(rope, &s.range, enc)),
        container_name: container.map(str::to_string),
    });
    for c in &s.children {
        flatten(rope, uri, c, Some(&s.name), enc, out);
    }
}

/// Clients reject symbols with empty names (an empty `#` heading).
fn non_empty(name: &str) -> String {
    if name.trim().is_empty() {
        "(empty heading)".to_string()
    } else {
        name.to_string()
    }
}

/// Folding ranges as whole lines, sorted, one per line pair.
pub fn folding_ranges(document: &Document, folds: &[Fold], enc: Encoding) -> Vec<FoldingRange> {
    let rope = document.rope();
    let mut out: Vec<FoldingRange> = folds
        .iter()
        .filter_map(|f| {
            // Fold up to the last non-blank line: trailing blank lines stay
            // visible between folded sections.
            let text = document.slice(f.range.clone());
            let end = f.range.start + text.trim_end().len();
            let start_line = position(rope, f.range.start, enc).line;
            let end_line = position(rope, end, enc).line;
            (end_line > start_line).then_some(FoldingRange {
                start_line,
                start_character: None,
                end_line,
                end_character: None,
                kind: match f.kind {
                    FoldKind::Section => Some(FoldingRangeKind::Region),
                    FoldKind::Comment => Some(FoldingRangeKind::Comment),
                    _ => None,
                },
                collapsed_text: None,
            })
        })
        .collect();
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    out
}

/// A hover as Markdown over the hovered range.
pub fn hover(rope: &Rope, h: HoverInfo, enc: Encoding) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(range(rope, &h.range, enc)),
    }
}

/// Code lenses: the review status as an informational lens (a title, no
/// command to run) and, when the core has a fix, a second lens on the same
/// range that applies it through [`APPLY_FIX`] for `version`.
pub fn code_lenses(
    rope: &Rope,
    uri: &Url,
    version: i32,
    lenses: &[Lens],
    enc: Encoding,
) -> Vec<CodeLens> {
    let mut out = Vec::new();
    for l in lenses {
        let lens_range = range(rope, &l.range, enc);
        out.push(CodeLens {
            range: lens_range,
            command: Some(Command {
                title: l.title.clone(),
                command: String::new(),
                arguments: None,
            }),
            data: None,
        });
        if let Some(fix) = &l.fix {
            let args = ApplyFixArgs {
                uri: uri.clone(),
                version,
                edits: fix.edits.iter().map(|e| text_edit(rope, e, enc)).collect(),
            };
            out.push(CodeLens {
                range: lens_range,
                command: Some(Command {
                    title: fix.title.clone(),
                    command: APPLY_FIX.to_string(),
                    arguments: serde_json::to_value(args).ok().map(|a| vec![a]),
                }),
                data: None,
            });
        }
    }
    out
}

/// Completion items; snippets are flattened to plain text for clients
/// without snippet support.
pub fn completion_items(
    rope: &Rope,
    items: Vec<Completion>,
    snippets: bool,
    enc: Encoding,
) -> Vec<CompletionItem> {
    items
        .into_iter()
        .map(|c| {
            let (text, format) = if c.is_snippet && snippets {
                (c.insert_text.clone(), InsertTextFormat::SNIPPET)
            } else if c.is_snippet {
                (strip_snippet(&c.insert_text), InsertTextFormat::PLAIN_TEXT)
            } else {
                (c.insert_text.clone(), InsertTextFormat::PLAIN_TEXT)
            };
            CompletionItem {
                label: c.label.clone(),
                kind: Some(match c.kind {
                    CompletionKind::Section => CompletionItemKind::SNIPPET,
                    CompletionKind::Date => CompletionItemKind::VALUE,
                    CompletionKind::Marker => CompletionItemKind::ENUM_MEMBER,
                    CompletionKind::Contact => CompletionItemKind::REFERENCE,
                }),
                detail: c.detail.clone(),
                documentation: c.documentation.clone().map(|d| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: d,
                    })
                }),
                sort_text: Some(c.sort_text.clone()),
                // Match what the user typed in the replaced range (e.g.
                // "## Rep") against the text being inserted.
                filter_text: Some(
                    strip_snippet(&c.insert_text)
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string(),
                ),
                insert_text_format: Some(format),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: range(rope, &c.replace, enc),
                    new_text: text,
                })),
                ..Default::default()
            }
        })
        .collect()
}

/// A snippet as plain text: `${1:default}` → `default`, `$1`/`$0` → ``,
/// `\$` → `$`.
pub fn strip_snippet(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '$' => match chars.peek() {
                Some('{') => {
                    chars.next();
                    while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                        chars.next();
                    }
                    if chars.peek() == Some(&':') {
                        chars.next();
                    }
                    // Copy the default up to the matching brace (nested
                    // placeholders are flattened the same way).
                    let mut depth = 1;
                    let mut inner = String::new();
                    for c in chars.by_ref() {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        inner.push(c);
                    }
                    out.push_str(&strip_snippet(&inner));
                }
                Some(d) if d.is_ascii_digit() => {
                    while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                        chars.next();
                    }
                }
                _ => out.push('$'),
            },
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_snippet;

    #[test]
    fn snippets_become_plain_text() {
        assert_eq!(
            strip_snippet("## Reporting\n\nEmail ${1:security@example.com}.$0"),
            "## Reporting\n\nEmail security@example.com."
        );
        assert_eq!(strip_snippet("cost \\$5 $10"), "cost $5 ");
    }
}
