//! secmd-lsp: the language server, and the only crate that knows LSP.
//!
//! The analysis is pure and lives in `secmd-core`; this crate keeps the open
//! documents in sync with the editor, turns findings into LSP shapes in one
//! place (`convert`) and answers requests. Handlers live in `handlers/`, one
//! module per LSP method. See `server/ARCHITECTURE.md`.
//!
//! Architecture Invariant: stdout carries only JSON-RPC: every log line goes to stderr (tracing) or
//! to the client as `window/logMessage`.
#![deny(clippy::print_stdout)]

mod analysis;
mod config;
mod convert;
mod diagnostics_json;
mod documents;
mod failure;
mod git;
mod handlers;
mod hold;
mod lazy_workspace;
mod memory;
mod publish;
mod security_txt;
mod selection;
mod server;
mod state;
mod transport;

pub use hold::AnalysisHold;
pub use server::ServerOptions;
pub use transport::frame;

use tokio::io::{AsyncRead, AsyncWrite};

/// Runs the server on stdin/stdout until the client sends `exit` or closes
/// stdin. Builds its own tokio runtime. Logging is the binary's to set up
/// (`secmd`'s `main` does it once for every command).
///
/// Returns the process exit code: 0 when `shutdown` came before `exit`, 1
/// otherwise (LSP specification, `exit` notification).
pub fn run_stdio() -> i32 {
    memory::limit_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            return 1;
        }
    };
    let options = ServerOptions::from_env();
    let code = runtime.block_on(transport::serve_stdout(tokio::io::stdin(), options));
    // tokio's stdin reader is a blocking thread that may sit in `read`
    // forever, and an abandoned analysis may still run: do not wait.
    runtime.shutdown_background();
    code
}

/// Serves one client over any byte streams (stdio, or an in-memory pipe in
/// tests). Returns the exit code as [`run_stdio`] does.
pub async fn serve<I, O>(input: I, output: O, options: ServerOptions) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    transport::serve(input, output, options).await
}
