//! `textDocument/completion`: section headings, dates, table markers and
//! contact snippets from the core's `ide::completions`, with the repository
//! from the git remote for the private-vulnerability-reporting link.

use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide::{self, CompletionContext, CompletionKind};
use secmd_core::Options;
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>, Failure> {
    let pos = params.text_document_position;
    let Some((snap, support)) = snapshot(server, &pos.text_document.uri).await? else {
        return Ok(None);
    };
    let enc = support.encoding;
    let rope = snap.rope();
    let offset = convert::offset(rope, pos.position, enc);
    let files = snap.files();
    let options = Options {
        config: &snap.setup.config,
        today: snap.today,
        files: files.as_ref(),
    };
    let cx = CompletionContext {
        repository: snap.setup.repository.as_deref(),
    };
    let items = guard("completion", server.inject(), || {
        ide::completions(&snap.document, snap.view(), offset, &options, &cx)
    })?;
    let items = items
        .into_iter()
        .map(|c| {
            let (text, format) = if c.is_snippet && support.snippets {
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
                    range: convert::range(rope, &c.replace, enc),
                    new_text: text,
                })),
                ..Default::default()
            }
        })
        .collect();
    Ok(Some(CompletionResponse::Array(items)))
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
