//! The tower-lsp service: shared state, helpers every handler uses, and the
//! `LanguageServer` impl that dispatches each method to its module in
//! `handlers/`.

use crate::failure::Failure;
use crate::handlers;
use crate::state::State;
use crate::transport::Output;
use secmd_core::Date;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// How the server runs (from the environment for `secmd lsp`; tests set
/// it directly).
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// Check the incremental text and trees against fresh copies after
    /// every change and log any mismatch as an error (`SECMD_PARANOID=1`).
    pub paranoid: bool,
    /// A fixed "today" (tests); `None` reads `SECMD_TODAY`, else the clock.
    pub today: Option<Date>,
    /// Test-only fault injection: panic inside the guarded step with this
    /// name (`analysis`, `didChange`, `hover`, `completion`, …).
    #[doc(hidden)]
    pub inject_panic: Option<String>,
    /// Test-only: hold the analysis of matching documents (see `hold`).
    #[doc(hidden)]
    pub hold_analysis: Option<std::sync::Arc<crate::hold::AnalysisHold>>,
}

impl ServerOptions {
    /// Reads `SECMD_PARANOID` (`1`/`true` turns paranoid mode on).
    pub fn from_env() -> Self {
        let paranoid = std::env::var("SECMD_PARANOID")
            .map(|v| matches!(v.trim(), "1" | "true" | "yes" | "on"))
            .unwrap_or(false);
        ServerOptions {
            paranoid,
            today: None,
            inject_panic: None,
            hold_analysis: None,
        }
    }
}

/// The language server: a cheap handle (an `Arc`) shared by tower-lsp's
/// router and the transport, which answers pull diagnostics itself.
#[derive(Clone)]
pub struct Server(Arc<Shared>);

/// What every handler reaches through [`Server`].
pub struct Shared {
    pub client: Client,
    state: Mutex<State>,
    /// Serialises "is this result still current?" + send, so a result for
    /// an older version can never overtake a newer one.
    pub publish_gate: tokio::sync::Mutex<()>,
    /// `initialize` was answered (requests the transport answers itself
    /// check it, as tower-lsp does for the others).
    initialized: AtomicBool,
    /// `shutdown` was answered: `exit` then ends with 0.
    shut_down: AtomicBool,
    /// The client declared `workspace.diagnostics.refreshSupport`, read by
    /// the transport from the raw `initialize` params (lsp-types 0.94 names
    /// the field `diagnostic`, so the typed params drop it).
    pub raw_refresh_support: AtomicBool,
    pub options: ServerOptions,
    /// The output queue, for messages the server writes itself.
    pub output: Output,
    /// Gives freed memory back to the system after each burst of work.
    pub memory: crate::memory::Trimmer,
}

impl std::ops::Deref for Server {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl Server {
    pub fn new(client: Client, options: ServerOptions, output: Output) -> Self {
        Server(Arc::new(Shared {
            client,
            state: Mutex::new(State::default()),
            publish_gate: tokio::sync::Mutex::new(()),
            initialized: AtomicBool::new(false),
            shut_down: AtomicBool::new(false),
            raw_refresh_support: AtomicBool::new(false),
            options,
            output,
            memory: crate::memory::Trimmer::start(),
        }))
    }

    /// Whether `initialize` was answered.
    pub fn is_initialized(&self) -> bool {
        self.initialized.load(Ordering::SeqCst)
    }

    /// Whether `shutdown` was answered.
    pub fn is_shut_down(&self) -> bool {
        self.shut_down.load(Ordering::SeqCst)
    }

    /// The state. A handler that panicked while holding the lock leaves the
    /// state as it was at the panic; every mutation is designed to keep it
    /// consistent, so keep serving rather than poisoning every request.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The step to sabotage in tests.
    pub fn inject(&self) -> Option<&str> {
        self.options.inject_panic.as_deref()
    }

    /// "Today" (`SECMD_TODAY` or the clock).
    pub fn today(&self) -> Date {
        if let Some(d) = self.options.today {
            return d;
        }
        secmd_fs::today(None).unwrap_or_else(|e| {
            tracing::error!("{e}; using the system clock");
            secmd_fs::clock_today()
        })
    }

    /// Logs a failure (stderr and `window/logMessage`) and turns it into
    /// the JSON-RPC error for the client.
    pub async fn fail(&self, failure: Failure) -> tower_lsp::jsonrpc::Error {
        let err = failure.to_rpc();
        let typ = match failure {
            Failure::Panic(_) => MessageType::ERROR,
            _ => MessageType::WARNING,
        };
        tracing::warn!("{}", err.message);
        self.client.log_message(typ, err.message.clone()).await;
        err
    }

    /// Answers a request from a synchronous computation's result.
    pub async fn answer<T>(&self, result: std::result::Result<T, Failure>) -> Result<T> {
        match result {
            Ok(x) => Ok(x),
            Err(f) => Err(self.fail(f).await),
        }
    }

    /// Logs problems found while applying changes as errors.
    pub async fn log_errors(&self, problems: Vec<String>) {
        for p in problems {
            tracing::error!("{p}");
            self.client.log_message(MessageType::ERROR, p).await;
        }
    }

    /// `secmd/debugDocument`: the server's view of a document (text,
    /// version, paranoid verification), for tests and bug reports.
    pub async fn debug_document(&self, params: Value) -> Result<Value> {
        let r = handlers::debug_document::handle(self, params);
        self.answer(r).await
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let result = handlers::initialize::handle(self, params);
        self.initialized.store(true, Ordering::SeqCst);
        Ok(result)
    }

    async fn initialized(&self, _: InitializedParams) {
        handlers::initialized::handle(self).await
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::did_open::handle(self, params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::did_change::handle(self, params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::did_close::handle(self, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::did_change_configuration::handle(self, params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        handlers::did_change_watched_files::handle(self, params).await
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        handlers::did_change_workspace_folders::handle(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let r = handlers::code_action::handle(self, params).await;
        self.answer(r).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let r = handlers::completion::handle(self, params).await;
        self.answer(r).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let r = handlers::hover::handle(self, params).await;
        self.answer(r).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let r = handlers::document_symbol::handle(self, params).await;
        self.answer(r).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let r = handlers::folding_range::handle(self, params).await;
        self.answer(r).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let r = handlers::code_lens::handle(self, params).await;
        self.answer(r).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let r = handlers::execute_command::handle(self, params).await;
        self.answer(r).await
    }
}
