//! `textDocument/didClose`: forget the document and clear its diagnostics.

use crate::publish;
use crate::server::Server;
use tower_lsp::lsp_types::DidCloseTextDocumentParams;

pub async fn handle(server: &Server, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let removed = server.lock().docs.remove(&uri);
    match removed {
        Some(doc) if doc.setup().served => publish::clear(server, &uri).await,
        Some(_) => {}
        None => tracing::warn!("didClose for {uri}, which is not open"),
    }
}
