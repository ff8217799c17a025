//! `textDocument/didOpen`: decide the document's setup, store it, publish.

use crate::documents::OpenDocument;
use crate::publish;
use crate::server::Server;
use crate::state::compute_setup;
use tower_lsp::lsp_types::DidOpenTextDocumentParams;

pub async fn handle(server: &Server, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let uri = item.uri;
    // Config lookup reads the file system: do it before taking the lock,
    // and redo it under the lock in the rare case the configuration changed
    // meanwhile. Still no `.await` before the document is stored. (The
    // workspace's facts are read by the first analysis, off the runtime.)
    let inputs = server.lock().setup_inputs();
    let (mut setup, mut error) = compute_setup(&uri, &inputs);
    let show_error = {
        let mut st = server.lock();
        if st.generation != inputs.generation {
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
