//! `secmd/debugDocument` (custom request): the server's copy of a document
//! — text, version, chunk count, whether it is over the analysis limits
//! (then never parsed), the paranoid verification result, its workspace
//! root, how often workspaces were read, the fenced policy's twin and the
//! process's live heap — so
//! tests (and bug reports) can compare it with what the editor holds.

use crate::failure::Failure;
use crate::server::Server;
use serde_json::{json, Value};
use tower_lsp::lsp_types::Url;

pub fn handle(server: &Server, params: Value) -> Result<Value, Failure> {
    let uri = params
        .pointer("/textDocument/uri")
        .and_then(Value::as_str)
        .and_then(|u| Url::parse(u).ok())
        .ok_or_else(|| Failure::Invalid("expected { textDocument: { uri } }".into()))?;
    let st = server.lock();
    let doc = st.doc(&uri)?;
    Ok(json!({
        "version": doc.version(),
        "text": doc.rope().to_string(),
        "overLimit": doc.is_over_limit(),
        "chunks": doc.document().chunks().len(),
        "served": doc.setup().served,
        "verify": doc.verify().err(),
        // The twin of a policy inside a wrapping fence (its id), if kept.
        "twin": doc.twin_id(),
        "securityTxt": doc.setup().kind == crate::documents::DocKind::SecurityTxt,
        "workspaceRoot": doc.setup().workspace_if_read().map(|w| w.root.display().to_string()),
        // Every read of any workspace's facts so far: typing must not add any.
        "workspaceReads": st.workspaces.reads(),
        // The whole process's live heap, when the allocator says (glibc).
        "heapInUse": crate::memory::heap_in_use(),
    }))
}
