//! `initialize`: negotiate the position encoding, remember what the client
//! supports, read workspace folders and `initializationOptions`, and
//! advertise capabilities.

use crate::config::Settings;
use crate::server::Server;
use crate::state::ClientSupport;
use secmd_core::text::Encoding;
use std::path::PathBuf;
use tower_lsp::lsp_types::*;

use crate::convert::APPLY_FIX;

pub fn handle(server: &Server, params: InitializeParams) -> InitializeResult {
    let mut support = ClientSupport::from_capabilities(&params.capabilities);
    // Read by the transport from the raw params (see `transport`).
    support.diagnostic_refresh |= server
        .raw_refresh_support
        .load(std::sync::atomic::Ordering::SeqCst);
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    #[allow(deprecated)]
    if folders.is_empty() {
        if let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()) {
            folders.push(root);
        }
    }
    let (settings, warnings) = params
        .initialization_options
        .as_ref()
        .map(Settings::from_json)
        .unwrap_or_default();
    let encoding = match support.encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        _ => PositionEncodingKind::UTF16,
    };
    let pull = support.pull_diagnostics;
    {
        let mut st = server.lock();
        st.support = support;
        st.folders = folders;
        st.settings = settings;
        st.reported.extend(warnings.iter().cloned());
        st.pending_warnings = warnings;
    }
    tracing::info!("initialized with {encoding:?}, pull diagnostics: {pull}");
    InitializeResult {
        capabilities: capabilities(encoding, pull),
        server_info: Some(ServerInfo {
            name: "secmd".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}

/// What secmd offers.
fn capabilities(encoding: PositionEncodingKind, pull: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("secmd".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(crate::handlers::code_action::FIX_ALL),
                CodeActionKind::new(crate::handlers::code_action::WRITE_POLICY),
            ]),
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["#", ":", "|", " "].iter().map(|s| s.to_string()).collect()),
            resolve_provider: Some(false),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Right(DocumentSymbolOptions {
            label: Some("secmd".to_string()),
            work_done_progress_options: Default::default(),
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![APPLY_FIX.to_string()],
            work_done_progress_options: Default::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}
