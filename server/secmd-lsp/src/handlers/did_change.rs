//! `textDocument/didChange`: apply the batch of changes in order (under the
//! lock, before any `.await`), then publish for the new version.

use crate::failure::Failure;
use crate::publish;
use crate::server::Server;
use tower_lsp::lsp_types::DidChangeTextDocumentParams;

pub async fn handle(server: &Server, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let problems = {
        let mut st = server.lock();
        let enc = st.support.encoding;
        match st.doc_mut(&uri) {
            Ok(doc) => Ok(doc.apply_changes(
                params.text_document.version,
                &params.content_changes,
                enc,
                server.inject(),
            )),
            Err(e) => Err(e),
        }
    };
    match problems {
        Ok(problems) => server.log_errors(problems).await,
        Err(Failure::NotOpen(u)) => {
            let msg = format!("secmd: didChange for a document that is not open: {u} (ignored)");
            tracing::warn!("{msg}");
            server
                .client
                .log_message(tower_lsp::lsp_types::MessageType::WARNING, msg)
                .await;
            return;
        }
        Err(other) => {
            server.fail(other).await;
            return;
        }
    }
    publish::publish(server, &uri).await;
}
