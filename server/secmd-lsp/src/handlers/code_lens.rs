//! `textDocument/codeLens`: the review status of the policy's date line
//! ("reviewed 306 days ago · review due") and a "Mark reviewed today" lens
//! that applies the core's fix through `secmd.applyFix` (server-side).

use super::initialize::APPLY_FIX;
use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::ide;
use crate::server::Server;
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

pub fn handle(server: &Server, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, support)) = snapshot(server, &uri)? else {
        return Ok(None);
    };
    let files = snap.files();
    let options = Options {
        config: &snap.setup.config,
        today: snap.today,
        files: files.as_ref(),
    };
    let lenses = guard("codeLens", server.inject(), || {
        ide::code_lenses(&snap.view, &options)
    })?;
    let rope = snap.rope();
    let enc = support.encoding;
    let out = lenses
        .into_iter()
        .map(|l| {
            let command = match &l.fix {
                Some(fix) => {
                    let args = ApplyFixArgs {
                        uri: uri.clone(),
                        version: snap.version,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| convert::text_edit(rope, e, enc))
                            .collect(),
                    };
                    Command {
                        title: l.title.clone(),
                        command: APPLY_FIX.to_string(),
                        arguments: serde_json::to_value(args).ok().map(|a| vec![a]),
                    }
                }
                // An informational lens: a title with no command to run.
                None => Command {
                    title: l.title.clone(),
                    command: String::new(),
                    arguments: None,
                },
            };
            CodeLens {
                range: convert::range(rope, &l.range, enc),
                command: Some(command),
                data: None,
            }
        })
        .collect();
    Ok(Some(out))
}
