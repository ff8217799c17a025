//! `textDocument/codeLens`: the review status of the policy's date line
//! ("reviewed 306 days ago · review due") and a "Mark reviewed today" lens
//! that applies the core's fix through `secmd.applyFix` (server-side).

use super::initialize::APPLY_FIX;
use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide;
use secmd_core::Options;
use serde::{Deserialize, Serialize};
use tower_lsp::lsp_types::*;

/// Arguments of `secmd.applyFix`: edits for one version of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplyFixArgs {
    pub uri: Url,
    pub version: i32,
    pub edits: Vec<TextEdit>,
}

pub async fn handle(
    server: &Server,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, support)) = snapshot(server, &uri).await? else {
        return Ok(None);
    };
    let files = snap.files();
    let options = Options {
        config: &snap.setup.config,
        today: snap.today,
        files: files.as_ref(),
    };
    let lenses = guard("codeLens", server.inject(), || {
        ide::code_lenses(snap.view(), &options)
    })?;
    let rope = snap.rope();
    let enc = support.encoding;
    // A code lens runs one command, so the review status and its action are
    // two lenses on the same range: an informational title (no command to
    // run) and the fix ("Mark reviewed today") applied server-side.
    let mut out = Vec::new();
    for l in lenses {
        let range = convert::range(rope, &l.range, enc);
        out.push(CodeLens {
            range,
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
                version: snap.version,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| convert::text_edit(rope, e, enc))
                    .collect(),
            };
            out.push(CodeLens {
                range,
                command: Some(Command {
                    title: fix.title.clone(),
                    command: APPLY_FIX.to_string(),
                    arguments: serde_json::to_value(args).ok().map(|a| vec![a]),
                }),
                data: None,
            });
        }
    }
    Ok(Some(out))
}
