//! The server's state: what the client supports, the open documents, the
//! workspace folders and the client settings.
//!
//! It lives behind one `std::sync::Mutex` held only for synchronous work
//! (never across an `.await`), so concurrent handlers see every document
//! change in the order the client sent them.

use crate::config::{self, Settings};
use crate::documents::{DocKind, DocSetup, OpenDocument};
use crate::failure::Failure;
use crate::lazy_workspace::LazyWorkspace;
use crate::{git, selection};
use secmd_core::text::Encoding;
use secmd_workspace::Workspaces;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp::lsp_types::{self as lsp, Url};

/// What the client told us at `initialize`, reduced to the decisions it drives.
#[derive(Debug, Clone)]
pub struct ClientSupport {
    /// Negotiated position encoding (UTF-8 if offered, else UTF-16).
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`): never push.
    pub pull_diagnostics: bool,
    /// `workspace/diagnostic/refresh` is supported.
    pub diagnostic_refresh: bool,
    /// Versioned `documentChanges` in workspace edits.
    pub document_changes: bool,
    /// `didChangeWatchedFiles` can be registered dynamically.
    pub watch_registration: bool,
    /// `workspace/configuration` requests are supported.
    pub configuration: bool,
    /// Completion snippets are supported.
    pub snippets: bool,
    /// Nested `DocumentSymbol`s (else flat `SymbolInformation`).
    pub hierarchical_symbols: bool,
    /// `workspace/codeLens/refresh` is supported.
    pub code_lens_refresh: bool,
}

impl ClientSupport {
    pub fn from_capabilities(c: &lsp::ClientCapabilities) -> Self {
        let offers_utf8 = c
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
        let td = c.text_document.as_ref();
        let ws = c.workspace.as_ref();
        ClientSupport {
            encoding: if offers_utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
            diagnostic_refresh: ws
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            document_changes: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_registration: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            snippets: td
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            hierarchical_symbols: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            code_lens_refresh: ws
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|l| l.refresh_support)
                .unwrap_or(false),
        }
    }
}

impl Default for ClientSupport {
    fn default() -> Self {
        Self::from_capabilities(&lsp::ClientCapabilities::default())
    }
}

/// Everything behind the lock.
#[derive(Default)]
pub struct State {
    pub support: ClientSupport,
    pub docs: HashMap<Url, OpenDocument>,
    pub folders: Vec<PathBuf>,
    pub settings: Settings,
    /// Bumped on every configuration change (part of pull result ids).
    pub generation: u64,
    /// Config errors already shown, so each is shown once per change.
    pub reported: HashSet<String>,
    /// Settings warnings from `initialize`, shown at `initialized`.
    pub pending_warnings: Vec<String>,
    /// The file lookups' generation (`FileLookup::generation`), bumped on
    /// every `workspace/didChangeWatchedFiles` that touches a workspace.
    pub files_generation: u64,
    /// Workspaces read so far, one per root, shared with setup jobs.
    pub workspaces: Arc<Workspaces>,
}

impl State {
    pub fn doc(&self, uri: &Url) -> Result<&OpenDocument, Failure> {
        self.docs
            .get(uri)
            .ok_or_else(|| Failure::NotOpen(uri.to_string()))
    }

    pub fn doc_mut(&mut self, uri: &Url) -> Result<&mut OpenDocument, Failure> {
        self.docs
            .get_mut(uri)
            .ok_or_else(|| Failure::NotOpen(uri.to_string()))
    }

    /// What setup needs from the state (copied out, so the file-system work
    /// of [`compute_setup`] happens without the lock).
    pub fn setup_inputs(&self) -> SetupInputs {
        SetupInputs {
            folders: self.folders.clone(),
            settings: self.settings.clone(),
            generation: self.generation,
            files_generation: self.files_generation,
            workspaces: self.workspaces.clone(),
        }
    }
}

/// Inputs of [`compute_setup`].
#[derive(Clone)]
pub struct SetupInputs {
    pub folders: Vec<PathBuf>,
    pub settings: Settings,
    pub generation: u64,
    pub files_generation: u64,
    pub workspaces: Arc<Workspaces>,
}

/// Decides a document's configuration and whether it is served. Reads the
/// file system (config file, git remote; the workspace is read later, by
/// the first analysis, see `lazy_workspace`). Returns the config error to
/// show, if any.
pub fn compute_setup(uri: &Url, inputs: &SetupInputs) -> (DocSetup, Option<String>) {
    let path = if uri.scheme() == "file" {
        uri.to_file_path().ok()
    } else {
        None
    };
    let folder = path.as_ref().and_then(|p| {
        inputs
            .folders
            .iter()
            .filter(|f| p.starts_with(f))
            .max_by_key(|f| f.as_os_str().len())
            .cloned()
    });
    let file = config::load_for(path.as_deref(), inputs.folders.first().map(|f| f.as_path()));
    let config = inputs.settings.apply(file.config);
    let named = selection::kind_of_name(uri);
    let served = named.is_some()
        || path.as_deref().is_some_and(|p| {
            let base = folder
                .clone()
                .or_else(|| file.path.as_ref().and_then(|c| c.parent().map(Into::into)))
                .or_else(|| p.parent().map(Into::into));
            selection::is_included(p, base.as_deref(), &config.include)
        });
    let repository = if served {
        path.as_ref()
            .and_then(|p| p.parent().map(Into::into))
            .or_else(|| inputs.folders.first().cloned())
            .and_then(|d: PathBuf| git::github_repository(&d))
    } else {
        None
    };
    let workspace =
        (path.is_some() && served).then(|| LazyWorkspace::new(inputs.workspaces.clone()));
    (
        DocSetup {
            path,
            config,
            served,
            repository,
            kind: named.unwrap_or(DocKind::Policy),
            workspace,
            generation: inputs.files_generation,
        },
        file.error,
    )
}
