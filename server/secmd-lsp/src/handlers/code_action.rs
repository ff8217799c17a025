//! `textDocument/codeAction`: every fix of the findings under the range as
//! a `quickfix` (preferred as the core marks it), "ignore this rule on this
//! line", and `source.fixAll.secmd`. All are server-side `WorkspaceEdit`s
//! with the document version; none needs a client-side command.

use super::snapshot;
use crate::convert;
use crate::failure::Failure;
use crate::server::Server;
use secmd_core::fix::safe_fix_edits;
use secmd_core::text::position::{line_col_to_offset, offset_to_line_col};
use secmd_core::text::{Encoding, LineCol};
use secmd_core::{Document, Edit};
use tower_lsp::lsp_types::*;

/// The fix-all kind (`source.fixAll` scoped to secmd, as editors expect).
pub const FIX_ALL: &str = "source.fixAll.secmd";

pub fn handle(
    server: &Server,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, support)) = snapshot(server, &uri)? else {
        return Ok(None);
    };
    let enc = support.encoding;
    let rope = snap.rope();
    let only = params.context.only.as_deref();
    let range = convert::byte_range(rope, params.range, enc);
    let edit = |edits: Vec<TextEdit>| {
        convert::workspace_edit(&uri, snap.version, edits, support.document_changes)
    };
    let mut actions = Vec::new();
    if allowed(only, CodeActionKind::QUICKFIX.as_str()) {
        let mut ignored = Vec::new();
        for (f, diag) in snap.findings.iter().zip(&snap.diagnostics) {
            // Touching ranges count: a cursor at either end of a finding.
            if f.range.start > range.end || range.start > f.range.end {
                continue;
            }
            for fix in &f.fixes {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| convert::text_edit(rope, e, enc))
                    .collect();
                actions.push(action(
                    fix.title.clone(),
                    CodeActionKind::QUICKFIX,
                    vec![diag.clone()],
                    edit(edits),
                    fix.preferred,
                ));
            }
            let ignore = suppression_edit(&snap.document, f.range.start, f.code);
            if ignored.contains(&(ignore.range.start, f.code)) {
                continue;
            }
            ignored.push((ignore.range.start, f.code));
            actions.push(action(
                format!("Ignore `{}` on this line", f.code),
                CodeActionKind::QUICKFIX,
                vec![diag.clone()],
                edit(vec![convert::text_edit(rope, &ignore, enc)]),
                false,
            ));
        }
    }
    if allowed(only, FIX_ALL) {
        let (edits, fixed) = safe_fix_edits(&snap.findings);
        if !edits.is_empty() {
            let title = match fixed.len() {
                1 => "Fix 1 secmd problem".to_string(),
                n => format!("Fix all {n} secmd problems"),
            };
            let edits = edits
                .iter()
                .map(|e| convert::text_edit(rope, e, enc))
                .collect();
            actions.push(action(
                title,
                CodeActionKind::new(FIX_ALL),
                Vec::new(),
                edit(edits),
                false,
            ));
        }
    }
    Ok(Some(actions))
}

/// Whether `kind` is requested: no filter, or a filter that is `kind` or a
/// prefix of it at a `.` boundary (`source` asks for `source.fixAll.secmd`).
fn allowed(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.map_or(true, |only| {
        only.iter().any(|o| {
            let o = o.as_str();
            kind == o || (kind.starts_with(o) && kind[o.len()..].starts_with('.'))
        })
    })
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostics: Vec<Diagnostic>,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

/// The edit that suppresses `code` on the line holding `offset`: a
/// `<!-- secmd-disable-next-line CODE -->` line above it, with the line's
/// indentation and the document's line ending.
///
/// Kept in one small function so it can be swapped for the core's
/// `suppress.rs` helper once that lands.
pub fn suppression_edit(document: &Document, offset: usize, code: &str) -> Edit {
    let rope = document.rope();
    let line = offset_to_line_col(rope, offset, Encoding::Utf8).line;
    let start = line_col_to_offset(rope, LineCol { line, col: 0 }, Encoding::Utf8);
    let end = line_col_to_offset(
        rope,
        LineCol {
            line,
            col: u32::MAX,
        },
        Encoding::Utf8,
    );
    let text = document.slice(start..end);
    let indent: String = text
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t'))
        .collect();
    let eol = line_ending(document);
    Edit::new(
        start..start,
        format!("{indent}<!-- secmd-disable-next-line {code} -->{eol}"),
    )
}

/// The document's line ending: that of its first line break, else LF.
fn line_ending(document: &Document) -> &'static str {
    let rope = document.rope();
    for (i, c) in rope.chars().enumerate() {
        match c {
            '\n' => return "\n",
            '\r' => {
                return if rope.get_char(i + 1) == Some('\n') {
                    "\r\n"
                } else {
                    "\r"
                }
            }
            _ => {}
        }
    }
    "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_keeps_indentation_and_line_endings() {
        let doc = Document::new("# T\r\n\r\n  - see http://x\r\n");
        let at = doc.text().find("http").unwrap();
        let e = suppression_edit(&doc, at, "insecure-link");
        assert_eq!(e.range, 7..7);
        assert_eq!(
            e.new_text,
            "  <!-- secmd-disable-next-line insecure-link -->\r\n"
        );
        let doc = Document::new("http://x");
        let e = suppression_edit(&doc, 3, "insecure-link");
        assert_eq!(e.range, 0..0);
        assert_eq!(
            e.new_text,
            "<!-- secmd-disable-next-line insecure-link -->\n"
        );
    }

    #[test]
    fn kinds_filter_by_prefix() {
        assert!(allowed(None, FIX_ALL));
        let source = [CodeActionKind::SOURCE];
        assert!(allowed(Some(&source), FIX_ALL));
        assert!(!allowed(Some(&source), "quickfix"));
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(allowed(Some(&fix_all), FIX_ALL));
        let other = [CodeActionKind::new("source.fix")];
        assert!(!allowed(Some(&other), FIX_ALL));
    }
}
