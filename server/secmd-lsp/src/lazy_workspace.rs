//! A document's workspace, read when its first analysis needs it.
//!
//! `didOpen` must store the document before its first `.await` (changes
//! apply in arrival order), so it cannot wait for a workspace to be read;
//! and reading one (git, manifests, a walk of the tree) must not run on the
//! async runtime. So the setup carries this handle, and the analysis job,
//! on its blocking thread, asks the server's [`Workspaces`] cache for the
//! facts of the document's root: read once per root, then shared. Every
//! later analysis of the document finds them in the handle, with no file
//! system access at all; feature requests use the snapshot of a finished
//! analysis, whose handle is filled.

use secmd_workspace::{Located, Workspaces};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The workspace of one document (one setup), shared by its clones.
#[derive(Debug, Clone)]
pub struct LazyWorkspace {
    cache: Arc<Workspaces>,
    cell: Arc<OnceLock<Arc<Located>>>,
}

impl LazyWorkspace {
    /// Not read yet: the first [`LazyWorkspace::get`] asks `cache`.
    pub fn new(cache: Arc<Workspaces>) -> Self {
        LazyWorkspace {
            cache,
            cell: Arc::default(),
        }
    }

    /// Already read (a watched file changed and the root was re-read).
    pub fn ready(cache: Arc<Workspaces>, located: Arc<Located>) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(located);
        LazyWorkspace {
            cache,
            cell: Arc::new(cell),
        }
    }

    /// The workspace around `path`, read from the cache (and, for a root
    /// never seen, from disk) the first time. Blocking: call it on the
    /// analysis thread.
    pub fn get(&self, path: &Path) -> &Arc<Located> {
        self.cell.get_or_init(|| self.cache.around(path))
    }

    /// The workspace if an analysis read it already.
    pub fn if_read(&self) -> Option<&Arc<Located>> {
        self.cell.get()
    }
}
