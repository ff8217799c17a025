//! One module per LSP method, named after it.
//!
//! Requests do their work synchronously (under the state lock, inside the
//! panic guard) and return `Result<_, Failure>`; the server turns failures
//! into logged JSON-RPC errors. Notifications mutate state before their
//! first `.await`, so changes apply in the order the client sent them.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod debug_document;
pub mod diagnostic;
pub mod did_change;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_change_workspace_folders;
pub mod did_close;
pub mod did_open;
pub mod document_symbol;
pub mod execute_command;
pub mod folding_range;
pub mod hover;
pub mod initialize;
pub mod initialized;

use crate::documents::Snapshot;
use crate::failure::Failure;
use crate::server::Server;
use crate::state::ClientSupport;
use std::sync::Arc;
use tower_lsp::lsp_types::Url;

/// The current analysis of a document for a feature request, or `None` when
/// secmd does not serve it (other Markdown files get empty answers).
pub fn snapshot(
    server: &Server,
    uri: &Url,
) -> Result<Option<(Arc<Snapshot>, ClientSupport)>, Failure> {
    let today = server.today();
    let mut st = server.lock();
    let support = st.support.clone();
    let doc = st.doc_mut(uri)?;
    if !doc.setup().served {
        return Ok(None);
    }
    let snap = doc.snapshot(support.encoding, today, server.inject())?;
    Ok(Some((snap, support)))
}
