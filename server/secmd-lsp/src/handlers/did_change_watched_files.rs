//! `workspace/didChangeWatchedFiles`: a `.secmd.toml` changed, so the
//! configuration of every open document is re-read; or a file the
//! workspace rules depend on changed (a manifest, `CHANGELOG.md`, a policy
//! file, a security.txt, git's `HEAD`, tags or packed refs: see
//! `initialized`), so the facts of that workspace root, and of no other,
//! are read again on a blocking thread, the file lookups' generation is
//! bumped and the root's open documents are published again.

use crate::publish;
use crate::server::Server;
use secmd_fs::CONFIG_NAMES;
use std::path::PathBuf;
use tower_lsp::lsp_types::{DidChangeWatchedFilesParams, Url};

pub async fn handle(server: &Server, params: DidChangeWatchedFilesParams) {
    let relevant = params.changes.iter().any(|c| {
        let name = c.uri.path().rsplit('/').next().unwrap_or_default();
        CONFIG_NAMES.contains(&name)
    });
    if relevant {
        publish::reconfigure(server).await;
    }
    let paths: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|c| c.uri.to_file_path().ok())
        .collect();
    recheck_workspaces(server, &paths).await;
}

/// Re-reads the workspace roots that hold one of `paths` and re-publishes
/// their open documents.
async fn recheck_workspaces(server: &Server, paths: &[PathBuf]) {
    let workspaces = server.lock().workspaces.clone();
    let roots = affected_roots(&workspaces.roots(), paths);
    if roots.is_empty() {
        return;
    }
    let reader = workspaces.clone();
    let read = tokio::task::spawn_blocking(move || {
        roots
            .into_iter()
            .map(|root| {
                let located = reader.refresh(&root);
                (root, located)
            })
            .collect::<Vec<_>>()
    })
    .await;
    let fresh = match read {
        Ok(fresh) => fresh,
        Err(e) => {
            tracing::error!("re-reading a workspace: {e}");
            return;
        }
    };
    let mut republish: Vec<Url> = Vec::new();
    let (pull, refresh, lens_refresh) = {
        let mut st = server.lock();
        st.files_generation += 1;
        let generation = st.files_generation;
        for (uri, doc) in st.docs.iter_mut() {
            let Some(old) = doc.setup().workspace.as_ref() else {
                continue;
            };
            let Some((_, located)) = fresh.iter().find(|(root, _)| *root == old.root) else {
                continue;
            };
            doc.set_workspace(located.clone(), generation);
            republish.push(uri.clone());
        }
        (
            st.support.pull_diagnostics,
            st.support.diagnostic_refresh,
            st.support.code_lens_refresh,
        )
    };
    tracing::debug!(
        "workspace files changed: re-checking {} documents",
        republish.len()
    );
    publish::refresh_clients(server, &republish, &[], pull, refresh, lens_refresh).await;
}

/// The known roots that hold a changed path; the deepest root wins, so a
/// nested repository's change does not re-read the one around it.
fn affected_roots(roots: &[PathBuf], paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in paths {
        let deepest = roots
            .iter()
            .filter(|r| p.starts_with(r))
            .max_by_key(|r| r.as_os_str().len());
        if let Some(r) = deepest {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_deepest_root_holding_a_change_is_re_read() {
        let roots = vec![PathBuf::from("/w"), PathBuf::from("/w/vendor/lib")];
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(
            affected_roots(&roots, &[p("/w/Cargo.toml"), p("/w/.git/refs/tags/v2")]),
            [p("/w")]
        );
        assert_eq!(
            affected_roots(&roots, &[p("/w/vendor/lib/package.json")]),
            [p("/w/vendor/lib")]
        );
        assert!(affected_roots(&roots, &[p("/elsewhere/Cargo.toml")]).is_empty());
    }
}
