//! `textDocument/codeAction`: every fix of the findings under the range as
//! a `quickfix` (preferred as the core marks it), "ignore this rule on this
//! line" (the core's `ide::ignore_fix`), and `source.fixAll.secmd`. All are server-side `WorkspaceEdit`s
//! with the document version; none needs a client-side command.

use super::snapshot;
use crate::convert;
use crate::failure::Failure;
use crate::server::Server;
use secmd_core::fix::safe_fix_edits;
use secmd_core::ide;
use tower_lsp::lsp_types::*;

/// The fix-all kind (`source.fixAll` scoped to secmd, as editors expect).
pub const FIX_ALL: &str = "source.fixAll.secmd";

pub async fn handle(
    server: &Server,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, support)) = snapshot(server, &uri).await? else {
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
        // The core's suppression helper works on the whole text.
        let text = snap.document.text();
        for f in snap.findings() {
            // Touching ranges count: a cursor at either end of a finding.
            if f.range.start > range.end || range.start > f.range.end {
                continue;
            }
            // The same conversion as the published diagnostic, for this
            // finding only.
            let diag = convert::diagnostic(rope, f, enc);
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
            let ignore = ide::ignore_fix(&text, f);
            let key = (ignore.edits.first().map(|e| e.range.start), f.code);
            if ignored.contains(&key) {
                continue;
            }
            ignored.push(key);
            let edits = ignore
                .edits
                .iter()
                .map(|e| convert::text_edit(rope, e, enc))
                .collect();
            actions.push(action(
                ignore.title,
                CodeActionKind::QUICKFIX,
                vec![diag.clone()],
                edit(edits),
                false,
            ));
        }
    }
    if allowed(only, FIX_ALL) {
        let (edits, fixed) = safe_fix_edits(snap.findings());
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
    only.is_none_or(|only| {
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

#[cfg(test)]
mod tests {
    use super::*;

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
