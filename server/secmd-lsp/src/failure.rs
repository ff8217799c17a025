//! Why a request could not be answered, and the panic guard.
//!
//! Handlers do their work synchronously under the state lock and return a
//! [`Failure`]; the async edge logs it (stderr and `window/logMessage`) and
//! turns it into a JSON-RPC error. A panic in analysis or in a feature
//! function is caught here, so one bad input never takes the server down.

use std::panic::{catch_unwind, AssertUnwindSafe};
use tower_lsp::jsonrpc::{Error, ErrorCode};

/// A request that cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The client asked about a document it has not opened.
    NotOpen(String),
    /// The parameters make no sense (beyond what deserialisation checks).
    Invalid(String),
    /// A panic was caught; the message names where.
    Panic(String),
}

impl Failure {
    /// The JSON-RPC error sent back to the client.
    pub fn to_rpc(&self) -> Error {
        match self {
            Failure::NotOpen(uri) => Error {
                code: ErrorCode::InvalidParams,
                message: format!("secmd: document is not open: {uri}").into(),
                data: None,
            },
            Failure::Invalid(msg) => Error {
                code: ErrorCode::InvalidParams,
                message: format!("secmd: {msg}").into(),
                data: None,
            },
            Failure::Panic(msg) => Error {
                code: ErrorCode::InternalError,
                message: format!("secmd: internal error: {msg}").into(),
                data: None,
            },
        }
    }
}

/// Runs `f`, turning a panic into [`Failure::Panic`] naming `what`.
///
/// `inject` is the test-only fault injection: when it names `what`, the
/// closure is replaced by a panic (see [`crate::ServerOptions`]).
pub fn guard<T>(what: &str, inject: Option<&str>, f: impl FnOnce() -> T) -> Result<T, Failure> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        if inject == Some(what) {
            panic!("injected fault");
        }
        f()
    }));
    result.map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let msg = format!("panic in {what}: {detail}");
        tracing::error!("{msg}");
        Failure::Panic(msg)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_panics_and_names_them() {
        assert_eq!(guard("x", None, || 1), Ok(1));
        let r: Result<(), _> = guard("hover", None, || panic!("boom"));
        assert_eq!(r, Err(Failure::Panic("panic in hover: boom".into())));
        let r = guard("hover", Some("hover"), || 1);
        assert_eq!(
            r,
            Err(Failure::Panic("panic in hover: injected fault".into()))
        );
    }
}
