//! `workspace/didChangeWatchedFiles`: a `.secmd.toml` changed; re-read the
//! configuration of every open document.

use crate::publish;
use crate::server::Server;
use secmd_fs::CONFIG_NAMES;
use tower_lsp::lsp_types::DidChangeWatchedFilesParams;

pub async fn handle(server: &Server, params: DidChangeWatchedFilesParams) {
    let relevant = params.changes.iter().any(|c| {
        let name = c.uri.path().rsplit('/').next().unwrap_or_default();
        CONFIG_NAMES.contains(&name)
    });
    if relevant {
        publish::reconfigure(server).await;
    }
}
