//! Looks at raw requests before tower-lsp does, for two things it hides:
//!
//! - `exit`: tower-lsp 0.20 marks its service as exited but keeps reading
//!   input until the next message or end of stream, so a client that sends
//!   `exit` and waits for the process would wait forever. We signal `exit`
//!   as it passes and `serve` stops right away.
//! - `workspace.diagnostics.refreshSupport`: lsp-types 0.94 names the field
//!   `diagnostic` (singular), so the typed `InitializeParams` drops what
//!   real clients send. We read it from the raw `initialize` params.

use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::Notify;
use tower::Service;
use tower_lsp::jsonrpc::{Request, Response};

/// What the interceptor saw.
#[derive(Default)]
pub struct Seen {
    pub exited: Notify,
    /// The client supports `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: AtomicBool,
}

pub struct Intercept<S> {
    inner: S,
    seen: Arc<Seen>,
}

impl<S> Intercept<S> {
    pub fn new(inner: S, seen: Arc<Seen>) -> Self {
        Intercept { inner, seen }
    }
}

/// `workspace.diagnostics.refreshSupport` (or the misspelled singular).
fn refresh_support(params: Option<&Value>) -> bool {
    let Some(ws) = params.and_then(|p| p.pointer("/capabilities/workspace")) else {
        return false;
    };
    ["diagnostics", "diagnostic"].iter().any(|k| {
        ws.get(*k)
            .and_then(|d| d.get("refreshSupport"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    })
}

impl<S> Service<Request> for Intercept<S>
where
    S: Service<Request, Response = Option<Response>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let exit = req.method() == "exit";
        if req.method() == "initialize" && refresh_support(req.params()) {
            self.seen.diagnostic_refresh.store(true, Ordering::SeqCst);
        }
        let fut = self.inner.call(req);
        if exit {
            // `notify_one` keeps a permit if nobody waits yet.
            self.seen.exited.notify_one();
        }
        fut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_refresh_support_under_either_name() {
        let p = json!({"capabilities": {"workspace": {"diagnostics": {"refreshSupport": true}}}});
        assert!(refresh_support(Some(&p)));
        let p = json!({"capabilities": {"workspace": {"diagnostic": {"refreshSupport": true}}}});
        assert!(refresh_support(Some(&p)));
        let p = json!({"capabilities": {"workspace": {}}});
        assert!(!refresh_support(Some(&p)));
        assert!(!refresh_support(None));
    }
}
