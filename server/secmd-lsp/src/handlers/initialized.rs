//! `initialized`: register the config-file watcher (when the client allows
//! dynamic registration), fetch `workspace/configuration`, and show
//! warnings about the initialization options.

use crate::config::Settings;
use crate::publish;
use crate::server::Server;
use secmd_fs::CONFIG_NAMES;
use tower_lsp::lsp_types::*;

pub async fn handle(server: &Server) {
    let (watch, configuration, warnings) = {
        let mut st = server.lock();
        (
            st.support.watch_registration,
            st.support.configuration,
            std::mem::take(&mut st.pending_warnings),
        )
    };
    for w in warnings {
        server.client.show_message(MessageType::WARNING, w).await;
    }
    if watch {
        let watchers = CONFIG_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "secmd-config-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        if let Err(e) = server.client.register_capability(vec![registration]).await {
            tracing::warn!("could not register the config file watcher: {e}");
        }
    }
    if configuration {
        fetch_settings(server).await;
        publish::reconfigure(server).await;
    }
}

/// Asks the client for the `secmd` settings section and stores them.
pub async fn fetch_settings(server: &Server) {
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("secmd".to_string()),
    };
    match server.client.configuration(vec![item]).await {
        Ok(values) => {
            let value = values.into_iter().next().unwrap_or_default();
            apply_settings(server, &value).await;
        }
        Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
    }
}

/// Stores settings JSON and shows what was wrong with it (once).
pub async fn apply_settings(server: &Server, value: &serde_json::Value) {
    let (settings, warnings) = Settings::from_json(value);
    let fresh: Vec<String> = {
        let mut st = server.lock();
        st.settings = settings;
        warnings
            .into_iter()
            .filter(|w| st.reported.insert(w.clone()))
            .collect()
    };
    for w in fresh {
        server.client.show_message(MessageType::WARNING, w).await;
    }
}
