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

mod config;
mod convert;
mod diagnostics_json;
mod documents;
mod failure;
mod git;
mod handlers;
mod intercept;
mod output;
mod publish;
mod selection;
mod server;
mod state;

pub use server::ServerOptions;

use server::Server;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp::LspService;

/// Runs the server on stdin/stdout until the client sends `exit` (or closes
/// the stream). Builds its own tokio runtime.
///
/// Returns the process exit code: 0 when `shutdown` came before `exit`, 1
/// otherwise (LSP specification, `exit` notification).
pub fn run_stdio() -> i32 {
    init_logging();
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
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // tokio's stdin reader is a blocking thread that may sit in `read`
    // forever; do not wait for it.
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
    let shut_down = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(intercept::Seen::default());
    let (flag, raw) = (shut_down.clone(), seen.clone());
    // One output queue for tower-lsp's messages and the diagnostics the
    // server writes itself (see `output`).
    let (out, writer) = output::channel(output);
    let sink = output::FrameSink::new(out.clone());
    let server_out = out.clone();
    let (service, socket) =
        LspService::build(move |client| Server::new(client, options, flag, raw, server_out))
            .custom_method("secmd/debugDocument", Server::debug_document)
            .finish();
    let service = intercept::Intercept::new(service, seen.clone(), out.clone());
    let serving = async {
        // tower-lsp returns only when it reads the message after `exit` (or
        // EOF); a client may send `exit` and wait for the process to end.
        tokio::select! {
            _ = tower_lsp::Server::new(input, sink, socket).serve(service) => {}
            _ = seen.exited.notified() => {}
        }
        // Everything queued (the `shutdown` response, last publishes) is
        // written before the process ends.
        out.flush().await;
    };
    tokio::select! {
        _ = serving => {}
        _ = writer => {}
    }
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Logs to stderr; the level comes from `SECMD_LOG` (an `EnvFilter`
/// directive such as `debug` or `secmd_lsp=trace`), `warn` by default.
fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("SECMD_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
