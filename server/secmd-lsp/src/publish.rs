//! Pushing diagnostics, and re-analysing after a configuration change.
//!
//! Diagnostics come from the document's analysis (run off the state lock,
//! see `analysis`), then are written behind the publish gate, and only if
//! the document has not changed meanwhile.
//! Clients that pull diagnostics never get pushed ones.

use crate::analysis::{self, Outcome};
use crate::failure::Failure;
use crate::server::Server;
use crate::state::compute_setup;
use serde_json::json;
use tower_lsp::jsonrpc::Request;
use tower_lsp::lsp_types::{MessageType, Url};

/// Publishes the current diagnostics of `uri` (push clients only).
pub async fn publish(server: &Server, uri: &Url) {
    if server.lock().support.pull_diagnostics {
        return;
    }
    let snap = match analysis::once(server, uri).await {
        Ok(Outcome::Done(snap, _)) => snap,
        // Not served; or superseded, and the newer change publishes.
        Ok(Outcome::NotServed | Outcome::Superseded) => return,
        // Closed meanwhile: nothing to publish.
        Err(Failure::NotOpen(_)) => return,
        Err(f) => {
            server.fail(f).await;
            return;
        }
    };
    let _gate = server.publish_gate.lock().await;
    let frame = {
        let mut st = server.lock();
        let Some(doc) = st.docs.get_mut(uri) else {
            return;
        };
        if doc.revision() != snap.revision {
            tracing::debug!("skipping stale diagnostics for {uri}");
            return;
        }
        if !doc.mark_published(snap.revision) {
            return;
        }
        doc.publish_frame(uri, &snap)
    };
    // Written by the server itself from per-chunk JSON (see
    // `diagnostics_json`).
    server.output.send_frame(frame);
}

/// Clears the diagnostics of a document that is closed or no longer served.
pub async fn clear(server: &Server, uri: &Url) {
    if server.lock().support.pull_diagnostics {
        return;
    }
    let _gate = server.publish_gate.lock().await;
    let clear = Request::build("textDocument/publishDiagnostics")
        .params(json!({"uri": uri, "diagnostics": []}))
        .finish();
    // Through the same queue as every other publish, so it cannot overtake
    // one queued before it.
    server.output.send(&clear);
}

/// Re-decides every open document's configuration (after a settings,
/// config-file or workspace-folder change) and refreshes what changed.
pub async fn reconfigure(server: &Server) {
    let (inputs, uris) = {
        let mut st = server.lock();
        st.generation += 1;
        st.reported.clear();
        (
            st.setup_inputs(),
            st.docs.keys().cloned().collect::<Vec<_>>(),
        )
    };
    // File-system work without the lock.
    let computed: Vec<_> = uris
        .into_iter()
        .map(|uri| {
            let (setup, err) = compute_setup(&uri, &inputs);
            (uri, setup, err)
        })
        .collect();
    let mut republish = Vec::new();
    let mut cleared = Vec::new();
    let mut errors = Vec::new();
    let (pull, refresh, lens_refresh) = {
        let mut st = server.lock();
        for (uri, setup, err) in computed {
            if let Some(e) = err {
                if st.reported.insert(e.clone()) {
                    errors.push(e);
                }
            }
            let Some(doc) = st.docs.get_mut(&uri) else {
                continue;
            };
            let old = doc.setup();
            if old.same_as(&setup) {
                continue;
            }
            let was_served = old.served;
            let served = setup.served;
            doc.set_setup(setup);
            if served {
                republish.push(uri);
            } else if was_served {
                cleared.push(uri);
            }
        }
        (
            st.support.pull_diagnostics,
            st.support.diagnostic_refresh,
            st.support.code_lens_refresh,
        )
    };
    for e in errors {
        show_config_error(server, &e).await;
    }
    refresh_clients(server, &republish, &cleared, pull, refresh, lens_refresh).await;
}

/// After documents' inputs changed: pushes their diagnostics (or asks a
/// pull client to pull again) and asks for fresh code lenses.
pub async fn refresh_clients(
    server: &Server,
    republish: &[Url],
    cleared: &[Url],
    pull: bool,
    refresh: bool,
    lens_refresh: bool,
) {
    let changed = !republish.is_empty() || !cleared.is_empty();
    if pull {
        if refresh && changed {
            if let Err(e) = server.client.workspace_diagnostic_refresh().await {
                tracing::warn!("workspace/diagnostic/refresh failed: {e}");
            }
        }
    } else {
        for uri in republish {
            publish(server, uri).await;
        }
        for uri in cleared {
            clear(server, uri).await;
        }
    }
    if lens_refresh && changed {
        if let Err(e) = server.client.code_lens_refresh().await {
            tracing::warn!("workspace/codeLens/refresh failed: {e}");
        }
    }
}

/// Tells the user a config file is broken (the defaults are used).
pub async fn show_config_error(server: &Server, error: &str) {
    let msg = format!("secmd: {error} (using the default configuration)");
    tracing::error!("{msg}");
    server.client.show_message(MessageType::ERROR, msg).await;
}
