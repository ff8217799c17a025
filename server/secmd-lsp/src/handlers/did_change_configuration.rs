//! `workspace/didChangeConfiguration`: take the pushed `secmd` settings, or
//! pull them with `workspace/configuration` when the notification carries
//! none (the 3.17 convention), then re-analyse open documents.

use crate::handlers::initialized::{apply_settings, fetch_settings};
use crate::publish;
use crate::server::Server;
use tower_lsp::lsp_types::DidChangeConfigurationParams;

pub async fn handle(server: &Server, params: DidChangeConfigurationParams) {
    let pushed = params.settings.get("secmd").cloned();
    let can_pull = server.lock().support.configuration;
    match pushed {
        Some(value) => apply_settings(server, &value).await,
        None if can_pull => fetch_settings(server).await,
        None if params.settings.is_object() => apply_settings(server, &params.settings).await,
        None => {}
    }
    publish::reconfigure(server).await;
}
