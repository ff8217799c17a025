//! The JSON-RPC reader: arbitrary bytes on the server's stdin. The frame
//! decoder never panics, and the whole server (`secmd_lsp::serve`, the
//! entry point `secmd lsp` runs) returns only at the end of its input or
//! after an `exit` notification: one bad message never ends the session,
//! and the end of the input always does (a hang is libFuzzer's timeout).
#![no_main]

use libfuzzer_sys::fuzz_target;
use secmd_lsp::frame::{Decoded, FrameDecoder};
use secmd_lsp::ServerOptions;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};

/// The fuzz input as stdin, remembering whether its end was read.
struct Stdin {
    data: Vec<u8>,
    at: usize,
    ended: Arc<AtomicBool>,
}

impl AsyncRead for Stdin {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let rest = &self.data[self.at..];
        if rest.is_empty() {
            self.ended.store(true, Ordering::SeqCst);
            return Poll::Ready(Ok(()));
        }
        let n = rest.len().min(buf.remaining());
        buf.put_slice(&rest[..n]);
        self.at += n;
        Poll::Ready(Ok(()))
    }
}

/// Whether the bytes hold an `exit` notification (decoded as the server
/// would decode them).
fn sends_exit(data: &[u8]) -> bool {
    let mut decoder = FrameDecoder::new();
    decoder.feed(data);
    let mut exit = false;
    while let Some(item) = decoder.next_message() {
        if let Decoded::Request(r) = item {
            exit |= r.method() == "exit";
        }
    }
    exit
}

fuzz_target!(|data: &[u8]| {
    let exit = sends_exit(data);
    let ended = Arc::new(AtomicBool::new(false));
    let stdin = Stdin {
        data: data.to_vec(),
        at: 0,
        ended: ended.clone(),
    };
    let options = ServerOptions {
        paranoid: true,
        today: secmd_core::Date::parse_iso("2026-11-23"),
        inject_panic: None,
        hold_analysis: None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(secmd_lsp::serve(stdin, tokio::io::sink(), options));
    // As `secmd lsp` does: an abandoned analysis is not waited for.
    runtime.shutdown_background();
    assert!(
        exit || ended.load(Ordering::SeqCst),
        "the server stopped before the end of its input without an `exit`"
    );
});
