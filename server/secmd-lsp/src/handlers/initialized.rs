//! `initialized`: register the watchers of config files and of the files
//! the workspace rules read (when the client allows dynamic registration), fetch `workspace/configuration`, and show
//! warnings about the initialization options.

use crate::config::Settings;
use crate::publish;
use crate::server::Server;
use secmd_fs::CONFIG_NAMES;
use tower_lsp::lsp_types::*;

/// Files the workspace rules read (LSP glob patterns; `[]` spells any
/// letter case, as GitHub matches policy names): manifests, the changelog,
/// policy files, security.txt, and git's `HEAD`, tags and packed refs.
pub const WORKSPACE_FILES: &[&str] = &[
    "**/Cargo.toml",
    "**/package.json",
    "**/pyproject.toml",
    "**/CHANGELOG.md",
    "**/[sS][eE][cC][uU][rR][iI][tT][yY].{md,markdown,adoc,rst,txt}",
    "**/.git/HEAD",
    "**/.git/refs/tags/**",
    "**/.git/packed-refs",
];

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
            .map(|name| format!("**/{name}"))
            .chain(WORKSPACE_FILES.iter().map(|g| g.to_string()))
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "secmd-watched-files".to_string(),
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
