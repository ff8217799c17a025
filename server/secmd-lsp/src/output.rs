//! The server's output stream, shared by tower-lsp and the diagnostics
//! writer.
//!
//! tower-lsp serialises every outgoing message through `serde_json::Value`.
//! For `textDocument/publishDiagnostics` of a large document (thousands of
//! diagnostics on every keystroke) that tree is most of the cost, so the
//! server writes those messages itself from JSON kept per chunk (see
//! `diagnostics_json`). Both sources go through one queue: tower-lsp writes
//! into a [`FrameSink`], which cuts its byte stream into whole
//! `Content-Length` frames, and the writer task copies frames from the
//! queue to the real output in order. Frames never interleave.

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

/// One framed message: `bytes[start..]` is header and body.
pub struct Frame {
    pub bytes: Vec<u8>,
    pub start: usize,
}

impl Frame {
    /// The header and body.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

enum Out {
    Frame(Frame),
    /// Answered once every frame queued before it has been written.
    Flush(oneshot::Sender<()>),
}

/// The header of a message whose body is `len` bytes.
pub fn header(len: usize) -> String {
    format!("Content-Length: {len}\r\n\r\n")
}

/// A handle that queues whole messages for the output.
#[derive(Clone)]
pub struct Output {
    tx: mpsc::UnboundedSender<Out>,
    /// Results written as JSON by a handler, waiting for `intercept` to
    /// put them in place of tower-lsp's response (see [`Output::stash`]).
    raw: Arc<Mutex<HashMap<u64, Vec<u8>>>>,
    next_token: Arc<AtomicU64>,
}

/// The `resultId` prefix of a pull report whose real result was stashed.
pub const RAW_RESULT_PREFIX: &str = "secmd-raw-result:";

impl Output {
    /// Keeps a request's result, already JSON, and returns the token a
    /// handler puts in its placeholder answer. tower-lsp would turn a large
    /// result into a `serde_json::Value` first; `intercept` writes the
    /// stashed bytes as the response instead.
    pub fn stash(&self, result: Vec<u8>) -> u64 {
        let token = self.next_token.fetch_add(1, Ordering::Relaxed);
        self.raw
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(token, result);
        token
    }

    /// Takes a stashed result back.
    pub fn take(&self, token: u64) -> Option<Vec<u8>> {
        self.raw
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&token)
    }

    /// Queues one JSON-RPC message body (framed here).
    pub fn send_body(&self, body: &[u8]) {
        let mut frame = Vec::with_capacity(body.len() + 32);
        frame.extend_from_slice(header(body.len()).as_bytes());
        frame.extend_from_slice(body);
        self.send_frame(Frame {
            bytes: frame,
            start: 0,
        });
    }

    /// Queues a message that is framed already.
    pub fn send_frame(&self, frame: Frame) {
        // The writer is gone only when the output is closed; nothing to do.
        let _ = self.tx.send(Out::Frame(frame));
    }

    /// Waits until everything queued so far is written and flushed.
    pub async fn flush(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Out::Flush(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

/// The queue and the task that writes it to `output`. The task ends when
/// writing fails or every [`Output`] is dropped.
pub fn channel<O: AsyncWrite>(output: O) -> (Output, impl std::future::Future<Output = ()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
    let writer = async move {
        let mut output = std::pin::pin!(output);
        while let Some(first) = rx.recv().await {
            // Write whatever is queued, then flush once.
            let mut next = Some(first);
            let mut acks = Vec::new();
            while let Some(item) = next.take() {
                match item {
                    Out::Frame(frame) => {
                        if let Err(e) = output.write_all(frame.as_bytes()).await {
                            tracing::error!("cannot write to the client: {e}");
                            return;
                        }
                    }
                    Out::Flush(ack) => acks.push(ack),
                }
                next = rx.try_recv().ok();
            }
            if let Err(e) = output.flush().await {
                tracing::error!("cannot flush the output: {e}");
                return;
            }
            for ack in acks {
                let _ = ack.send(());
            }
        }
    };
    (
        Output {
            tx,
            raw: Arc::default(),
            next_token: Arc::default(),
        },
        writer,
    )
}

/// What tower-lsp writes to: collects bytes and queues each complete
/// `Content-Length` frame.
pub struct FrameSink {
    out: Output,
    buf: Vec<u8>,
}

impl FrameSink {
    pub fn new(out: Output) -> Self {
        FrameSink {
            out,
            buf: Vec::new(),
        }
    }

    /// Queues every complete frame at the front of the buffer.
    fn drain_frames(&mut self) -> io::Result<()> {
        loop {
            // Headers are short: look only at the start of the buffer.
            let head = &self.buf[..self.buf.len().min(1024)];
            let Some(header_end) = find(head, b"\r\n\r\n") else {
                return Ok(());
            };
            let header = std::str::from_utf8(&self.buf[..header_end])
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "non-UTF-8 header"))?;
            let len = header
                .split("\r\n")
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidData, "frame without Content-Length")
                })?;
            let total = header_end + 4 + len;
            if self.buf.len() < total {
                return Ok(());
            }
            let rest = self.buf.split_off(total);
            let frame = std::mem::replace(&mut self.buf, rest);
            self.out.send_frame(Frame {
                bytes: frame,
                start: 0,
            });
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl AsyncWrite for FrameSink {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.buf.extend_from_slice(buf);
        Poll::Ready(self.drain_frames().map(|()| buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_from_both_sources_arrive_whole_and_in_order() {
        let (client, server) = tokio::io::duplex(1 << 16);
        let (out, writer) = channel(server);
        let task = tokio::spawn(writer);
        let mut sink = FrameSink::new(out.clone());
        // tower-lsp may write a frame in pieces.
        sink.write_all(b"Content-Length: 2\r\n\r").await.unwrap();
        out.send_body(b"{}");
        sink.write_all(b"\n{}Content-Length: 3\r\n\r\n[1]")
            .await
            .unwrap();
        out.flush().await;
        drop((out, sink));
        task.await.unwrap();
        let mut got = Vec::new();
        let mut client = client;
        tokio::io::AsyncReadExt::read_to_end(&mut client, &mut got)
            .await
            .unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "Content-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]"
        );
    }
}
