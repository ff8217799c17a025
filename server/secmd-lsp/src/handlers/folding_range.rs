//! `textDocument/foldingRange`: sections, lists, code blocks, comments,
//! tables and front matter, as whole-line ranges.

use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide;
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>, Failure> {
    let Some((snap, support)) = snapshot(server, &params.text_document.uri).await? else {
        return Ok(None);
    };
    // A security.txt has no Markdown outline.
    if snap.setup.kind == crate::documents::DocKind::SecurityTxt {
        return Ok(None);
    }
    let folds = guard("foldingRange", server.inject(), || {
        ide::folding_ranges(snap.view())
    })?;
    Ok(Some(convert::folding_ranges(
        &snap.document,
        &folds,
        support.encoding,
    )))
}
