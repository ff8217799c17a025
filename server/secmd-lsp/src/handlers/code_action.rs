//! `textDocument/codeAction`: every fix of the findings under the range as
//! a `quickfix` (preferred as the core marks it), "fix the whole file" for
//! codes whose findings are one mistake (the core's `ide::whole_file_fix`),
//! "ignore this rule on this line" (the core's `ide::ignore_fix`),
//! `source.fixAll.secmd`, and in an
//! empty SECURITY.md "write a security policy" from the workspace's facts. All are server-side `WorkspaceEdit`s
//! with the document version; none needs a client-side command.

use super::snapshot;
use crate::convert;
use crate::documents::{DocKind, Snapshot};
use crate::failure::Failure;
use crate::server::Server;
use secmd_core::fix::safe_fix_edits;
use secmd_core::ide;
use secmd_core::new_policy;
use secmd_core::Fix;
use tower_lsp::lsp_types::*;

/// The fix-all kind (`source.fixAll` scoped to secmd, as editors expect).
pub const FIX_ALL: &str = "source.fixAll.secmd";

/// Writing a whole policy into an empty SECURITY.md: a rewrite, so editors
/// show it with the quick fixes (a `source` action hides in a menu).
pub const WRITE_POLICY: &str = "refactor.rewrite.secmd.writePolicy";

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
    // A core fix as a quick fix for one diagnostic.
    let quickfix = |fix: &Fix, diag: &Diagnostic, preferred: bool| {
        let edits = fix
            .edits
            .iter()
            .map(|e| convert::text_edit(rope, e, enc))
            .collect();
        action(
            fix.title.clone(),
            CodeActionKind::QUICKFIX,
            vec![diag.clone()],
            edit(edits),
            preferred,
        )
    };
    let mut actions = Vec::new();
    if allowed(only, CodeActionKind::QUICKFIX.as_str()) {
        let mut ignored = Vec::new();
        let mut whole: Vec<&str> = Vec::new();
        let ignore_fixes = ide::IgnoreFixes::new(&snap.document);
        for f in snap.findings() {
            // Touching ranges count: a cursor at either end of a finding.
            if f.range.start > range.end || range.start > f.range.end {
                continue;
            }
            // The same conversion as the published diagnostic, for this
            // finding only.
            let diag = convert::diagnostic(rope, f, enc);
            for fix in &f.fixes {
                actions.push(quickfix(fix, &diag, fix.preferred));
            }
            // Findings that are one mistake (mojibake): fix them all, once
            // per code.
            if !whole.contains(&f.code) {
                if let Some(fix) = ide::whole_file_fix(snap.findings(), f) {
                    whole.push(f.code);
                    actions.push(quickfix(&fix, &diag, false));
                }
            }
            // Suppression comments are Markdown: a security.txt has none.
            if snap.setup.kind == DocKind::SecurityTxt {
                continue;
            }
            let ignore = ignore_fixes.fix(f);
            let key = (ignore.edits.first().map(|e| e.range.start), f.code);
            if ignored.contains(&key) {
                continue;
            }
            ignored.push(key);
            actions.push(quickfix(&ignore, &diag, false));
        }
    }
    if allowed(only, WRITE_POLICY) {
        if let Some(text) = new_policy_for(&snap) {
            let whole = convert::range(rope, &(0..rope.len_bytes()), enc);
            actions.push(action(
                "Write a security policy from this repository".to_string(),
                CodeActionKind::new(WRITE_POLICY),
                Vec::new(),
                edit(vec![TextEdit::new(whole, text)]),
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

/// A complete policy for an empty SECURITY.md, from its workspace's facts
/// (what `secmd init` writes: `secmd_core::new_policy`). Needs a GitHub
/// `origin` for the reporting channel, as `secmd init` without `--contact`.
fn new_policy_for(snap: &Snapshot) -> Option<String> {
    if snap.setup.kind != DocKind::Policy || snap.rope().chars().any(|c| !c.is_whitespace()) {
        return None;
    }
    let facts = &snap.setup.workspace_if_read()?.facts;
    let channel = new_policy::channel_of(facts)?;
    Some(new_policy::write(facts, &channel, snap.today))
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
