//! `workspace/didChangeWorkspaceFolders`: update the folders (they decide
//! include-glob bases and untitled buffers' config), then re-analyse.

use crate::publish;
use crate::server::Server;
use tower_lsp::lsp_types::DidChangeWorkspaceFoldersParams;

pub async fn handle(server: &Server, params: DidChangeWorkspaceFoldersParams) {
    {
        let mut st = server.lock();
        for removed in &params.event.removed {
            if let Ok(p) = removed.uri.to_file_path() {
                st.folders.retain(|f| *f != p);
            }
        }
        for added in &params.event.added {
            if let Ok(p) = added.uri.to_file_path() {
                if !st.folders.contains(&p) {
                    st.folders.push(p);
                }
            }
        }
    }
    publish::reconfigure(server).await;
}
