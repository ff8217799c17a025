//! `textDocument/documentSymbol`: the outline, nested by heading level
//! (flat `SymbolInformation` for clients without hierarchical support).

use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide;
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, support)) = snapshot(server, &uri).await? else {
        return Ok(None);
    };
    // A security.txt has no Markdown outline.
    if snap.setup.kind == crate::documents::DocKind::SecurityTxt {
        return Ok(None);
    }
    let symbols = guard("documentSymbol", server.inject(), || {
        ide::document_symbols(snap.view())
    })?;
    Ok(Some(convert::symbols(
        snap.rope(),
        &uri,
        &symbols,
        support.hierarchical_symbols,
        support.encoding,
    )))
}
