//! `textDocument/didOpen`: decide the document's setup, store it, publish.

use crate::documents::OpenDocument;
use crate::publish;
use crate::server::Server;
use crate::state::{compute_setup, setup_off_runtime};
use tower_lsp::lsp_types::DidOpenTextDocumentParams;

pub async fn handle(server: &Server, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let uri = item.uri;
    // Config lookup and the workspace's facts read the file system: do it
    // on a blocking thread before taking the lock, and redo it under the
    // lock in the rare case the configuration changed meanwhile (the
    // workspace is then cached). No `.await` between the check and storing
    // the document.
    let inputs = server.lock().setup_inputs();
    let generation = inputs.generation;
    let (mut setup, mut error) = setup_off_runtime(&uri, inputs).await;
    let show_error = {
        let mut st = server.lock();
        if st.generation != generation {
            (setup, error) = compute_setup(&uri, &st.setup_inputs());
        }
        if st.docs.contains_key(&uri) {
            tracing::warn!("didOpen for {uri}, which is already open: replacing it");
        }
        let served = setup.served;
        st.docs.insert(
            uri.clone(),
            OpenDocument::new(&item.text, item.version, setup, server.options.paranoid),
        );
        error.filter(|e| served && st.reported.insert(e.clone()))
    };
    if let Some(e) = show_error {
        publish::show_config_error(server, &e).await;
    }
    publish::publish(server, &uri).await;
}
