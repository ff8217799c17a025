//! Looks at raw requests before tower-lsp does, for two things it hides:
//!
//! - `exit`: tower-lsp 0.20 marks its service as exited but keeps reading
//!   input until the next message or end of stream, so a client that sends
//!   `exit` and waits for the process would wait forever. We signal `exit`
//!   as it passes and `serve` stops right away.
//! - `workspace.diagnostics.refreshSupport`: lsp-types 0.94 names the field
//!   `diagnostic` (singular), so the typed `InitializeParams` drops what
//!   real clients send. We read it from the raw `initialize` params.
//!
//! And it writes one response itself: a pull report the handler stashed
//! as JSON (see `handlers/diagnostic.rs`) replaces the placeholder that
//! tower-lsp got, so a large report is never turned into a `Value`.

use crate::output::{Output, RAW_RESULT_PREFIX};
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
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
    output: Output,
}

impl<S> Intercept<S> {
    pub fn new(inner: S, seen: Arc<Seen>, output: Output) -> Self {
        Intercept {
            inner,
            seen,
            output,
        }
    }
}

/// The token of a placeholder pull report, if `result` is one.
fn stash_token(result: &Value) -> Option<u64> {
    result
        .get("resultId")?
        .as_str()?
        .strip_prefix(RAW_RESULT_PREFIX)?
        .parse()
        .ok()
}

/// Writes a stashed result as the response to `resp`; gives the response
/// back when it is not a placeholder (or the stash is gone).
fn write_stashed(output: &Output, resp: Response) -> Option<Response> {
    let (id, body) = resp.into_parts();
    let token = body.as_ref().ok().and_then(stash_token);
    let Some(result) = token.and_then(|t| output.take(t)) else {
        return Some(Response::from_parts(id, body));
    };
    let mut out = Vec::with_capacity(result.len() + 64);
    out.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
    out.extend_from_slice(&serde_json::to_vec(&id).unwrap_or_else(|_| b"null".to_vec()));
    out.extend_from_slice(br#","result":"#);
    out.extend_from_slice(&result);
    out.push(b'}');
    output.send_body(&out);
    None
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
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Option<Response>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let exit = req.method() == "exit";
        if req.method() == "initialize" && refresh_support(req.params()) {
            self.seen.diagnostic_refresh.store(true, Ordering::SeqCst);
        }
        let pull = req.method() == "textDocument/diagnostic";
        let fut = self.inner.call(req);
        if exit {
            // `notify_one` keeps a permit if nobody waits yet.
            self.seen.exited.notify_one();
        }
        if !pull {
            return Box::pin(fut);
        }
        let output = self.output.clone();
        Box::pin(async move { Ok(fut.await?.and_then(|resp| write_stashed(&output, resp))) })
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
