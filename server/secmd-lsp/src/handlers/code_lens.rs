//! `textDocument/codeLens`: the review status of the policy's date line
//! ("reviewed 306 days ago · review due") and a "Mark reviewed today" lens
//! that applies the core's fix through `secmd.applyFix` (server-side; the
//! lenses are built in `convert::ide`).

use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide;
use secmd_core::Options;
use tower_lsp::lsp_types::*;

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
    Ok(Some(convert::code_lenses(
        snap.rope(),
        &uri,
        snap.version,
        &lenses,
        support.encoding,
    )))
}
