//! `workspace/didChangeWatchedFiles`: a `.secmd.toml` changed, so the
//! configuration of every open document is re-read; or a file the
//! workspace rules depend on changed (a manifest, `CHANGELOG.md`, a policy
//! file, a security.txt, git's `HEAD`, tags or packed refs: see
//! `initialized`), so the facts of that workspace root, and of no other,
//! are read again on a blocking thread, the file lookups' generation is
//! bumped and the root's open documents are published again.

use crate::lazy_workspace::LazyWorkspace;
use crate::publish;
use crate::server::Server;
use secmd_fs::CONFIG_NAMES;
use std::path::{Path, PathBuf};
use tower_lsp::lsp_types::{DidChangeWatchedFilesParams, FileChangeType, Url};

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
        .filter_map(|c| {
            let path = c.uri.to_file_path().ok()?;
            // Saving a policy or security.txt changes no fact: only their
            // presence is one (shadowed and stray policies).
            let presence = c.typ != FileChangeType::CHANGED;
            read_by_workspace(&path, presence).then_some(path)
        })
        .collect();
    if !paths.is_empty() {
        recheck_workspaces(server, &paths).await;
    }
}

/// Whether the workspace's facts depend on the file (what `initialized`
/// registers; a client may send more, e.g. a README under a wide watcher).
/// `presence`: the file was created or deleted (else changed).
fn read_by_workspace(path: &Path, presence: bool) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let in_git = path.components().any(|c| c.as_os_str() == ".git");
    if in_git {
        let tags = path
            .to_string_lossy()
            .replace('\\', "/")
            .contains(".git/refs/tags/");
        return tags || name == "head" || name == "packed-refs";
    }
    let policy = name
        .strip_prefix("security.")
        .is_some_and(|ext| matches!(ext, "md" | "markdown" | "adoc" | "rst" | "txt"));
    (policy && presence)
        || matches!(
            name.as_str(),
            "cargo.toml" | "package.json" | "pyproject.toml" | "changelog.md"
        )
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
            // A document whose analysis has not read its workspace yet
            // will read the fresh facts from the cache.
            let Some(old) = doc.setup().workspace_if_read() else {
                continue;
            };
            let Some((_, located)) = fresh.iter().find(|(root, _)| *root == old.root) else {
                continue;
            };
            let fresh = LazyWorkspace::ready(workspaces.clone(), located.clone());
            doc.set_workspace(fresh, generation);
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

    #[test]
    fn only_files_the_workspace_reads_count() {
        for p in [
            "/w/Cargo.toml",
            "/w/pkg/package.json",
            "/w/CHANGELOG.md",
            "/w/.github/Security.md",
            "/w/.well-known/security.txt",
            "/w/.git/HEAD",
            "/w/.git/packed-refs",
            "/w/.git/refs/tags/v1/rc",
        ] {
            assert!(read_by_workspace(Path::new(p), true), "{p}");
        }
        for p in [
            "/w/README.md",
            "/w/.secmd.toml",
            "/w/.git/refs/heads/main",
            "/w/.git/index",
        ] {
            assert!(!read_by_workspace(Path::new(p), true), "{p}");
        }
        // Saving a policy changes no fact; a manifest's version may change.
        assert!(!read_by_workspace(Path::new("/w/SECURITY.md"), false));
        assert!(read_by_workspace(Path::new("/w/Cargo.toml"), false));
    }

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
