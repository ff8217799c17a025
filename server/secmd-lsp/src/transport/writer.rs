//! Writing messages: one queue, one writer that empties it.
//!
//! Typed messages (tower-lsp's responses and its requests to the client)
//! and raw frames the server writes itself (large diagnostics, as bytes
//! kept per chunk) go through the same queue, each as one whole frame, so
//! frames never interleave and leave in the order they were queued.
//! Every JSON-RPC envelope the server writes by hand is written here
//! ([`RawMessage`]).
//!
//! Stdout is written by a thread of its own ([`thread_channel`]) straight
//! from each frame: tokio's `Stdout` copies what it is given into a buffer
//! of its own and writes that on the blocking pool, a second copy of a
//! publish that carries megabytes after each keystroke in a large policy
//! with thousands of findings. Any other output (the tests' in-memory
//! pipes) is written by a task ([`channel`]).

use serde::Serialize;
use std::io::Write;
use std::sync::Arc;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tower_lsp::jsonrpc::Id;

/// One framed message: `bytes[start..]` is header and body. The bytes are
/// shared, so that whoever wrote them can read them again after the frame
/// is written (the next publish copies unchanged runs from the last one).
pub struct Frame {
    bytes: Arc<Vec<u8>>,
    start: usize,
}

impl Frame {
    /// The header and body.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.start..]
    }

    /// The buffer the frame lies in, header room included: offsets into
    /// the `Vec` a [`RawMessage`] was written in stay valid in it.
    pub fn shared(&self) -> Arc<Vec<u8>> {
        self.bytes.clone()
    }
}

/// The header of a message whose body is `len` bytes.
fn header(len: usize) -> String {
    format!("Content-Length: {len}\r\n\r\n")
}

/// Room for the header in front of a body written in place:
/// `Content-Length: `, up to 20 digits, CRLF CRLF.
const HEADER_ROOM: usize = 44;

/// A message whose body is written as bytes, in place: the header is put
/// in front when it is finished, so a body of megabytes is never copied.
///
/// Start one with [`RawMessage::notification`] or [`RawMessage::response`],
/// write the `params` (or `result`) JSON value into [`RawMessage::value`],
/// then [`RawMessage::finish`].
pub struct RawMessage {
    bytes: Vec<u8>,
}

impl RawMessage {
    fn start() -> Self {
        let mut bytes = Vec::with_capacity(HEADER_ROOM + 128);
        bytes.resize(HEADER_ROOM, b' ');
        RawMessage { bytes }
    }

    /// `{"jsonrpc":"2.0","method":<method>,"params":` …, with room for
    /// `capacity` bytes of params after it.
    pub fn notification(method: &str, capacity: usize) -> Self {
        let mut m = Self::start();
        m.bytes.extend_from_slice(br#"{"jsonrpc":"2.0","method":"#);
        push_json(&mut m.bytes, method);
        m.bytes.extend_from_slice(br#","params":"#);
        m.room(capacity);
        m
    }

    /// `{"jsonrpc":"2.0","id":<id>,"result":` …, with room for `capacity`
    /// bytes of result after it.
    pub fn response(id: &Id, capacity: usize) -> Self {
        let mut m = Self::start();
        m.bytes.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
        push_json(&mut m.bytes, id);
        m.bytes.extend_from_slice(br#","result":"#);
        m.room(capacity);
        m
    }

    /// Reserves `capacity` bytes of value and the envelope's end, once
    /// the envelope's start is written: reserved before it, a body the
    /// size of the last one outgrew the buffer by the envelope, and every
    /// publish copied megabytes to a new one.
    fn room(&mut self, capacity: usize) {
        self.bytes.reserve(capacity + 64);
    }

    /// Where the caller writes the one JSON value of `params` or `result`.
    pub fn value(&mut self) -> &mut Vec<u8> {
        &mut self.bytes
    }

    /// Closes the envelope and puts the header in front.
    pub fn finish(mut self) -> Frame {
        self.bytes.push(b'}');
        let header = header(self.bytes.len() - HEADER_ROOM);
        let start = HEADER_ROOM - header.len();
        self.bytes[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
        Frame {
            bytes: Arc::new(self.bytes),
            start,
        }
    }
}

/// Writes a value as JSON into `out` (serialising an id, a string or an
/// lsp-types value into a `Vec` cannot fail; a failure would leave `null`
/// so the message stays valid JSON).
pub fn push_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let at = out.len();
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.truncate(at);
        out.extend_from_slice(b"null");
    }
}

enum Out {
    Frame(Frame),
    /// Answered once every frame queued before it has been written.
    Flush(oneshot::Sender<()>),
}

/// A handle that queues whole messages for the output.
#[derive(Clone)]
pub struct Output {
    tx: mpsc::UnboundedSender<Out>,
}

impl Output {
    /// Queues a typed message (serialised here, framed here).
    pub fn send<T: Serialize>(&self, message: &T) {
        let mut body = Vec::new();
        push_json(&mut body, message);
        self.send_body(&body);
    }

    /// Queues one JSON-RPC message body.
    fn send_body(&self, body: &[u8]) {
        let mut bytes = Vec::with_capacity(body.len() + HEADER_ROOM);
        bytes.extend_from_slice(header(body.len()).as_bytes());
        bytes.extend_from_slice(body);
        self.send_frame(Frame {
            bytes: Arc::new(bytes),
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

/// Everything queued now, from `first` on: the frames to write in order,
/// then the flushes to answer once they are written and flushed.
fn take_queued(
    first: Out,
    rx: &mut mpsc::UnboundedReceiver<Out>,
) -> (Vec<Frame>, Vec<oneshot::Sender<()>>) {
    let (mut frames, mut acks) = (Vec::new(), Vec::new());
    let mut next = Some(first);
    while let Some(item) = next.take() {
        match item {
            Out::Frame(frame) => frames.push(frame),
            Out::Flush(ack) => acks.push(ack),
        }
        next = rx.try_recv().ok();
    }
    (frames, acks)
}

/// The queue and the task that writes it to `output`. The task ends when
/// writing fails or every [`Output`] is dropped.
pub fn channel<O: AsyncWrite>(output: O) -> (Output, impl std::future::Future<Output = ()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
    let writer = async move {
        let mut output = std::pin::pin!(output);
        while let Some(first) = rx.recv().await {
            // Write whatever is queued, then flush once.
            let (frames, acks) = take_queued(first, &mut rx);
            for frame in frames {
                if let Err(e) = output.write_all(frame.as_bytes()).await {
                    tracing::error!("cannot write to the client: {e}");
                    return;
                }
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
    (Output { tx }, writer)
}

/// Stdout written without std's line buffering: a frame's header ends in
/// a line break, so `Stdout` searched every frame for its last one and
/// wrote it in two parts. On Unix, a duplicate of file descriptor 1 (a
/// file, unbuffered); elsewhere, or if it cannot be duplicated, `Stdout`.
pub fn raw_stdout() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        match std::io::stdout().as_fd().try_clone_to_owned() {
            Ok(fd) => return Box::new(std::fs::File::from(fd)),
            Err(e) => tracing::warn!("writing through Stdout: cannot duplicate it: {e}"),
        }
    }
    Box::new(std::io::stdout())
}

/// The queue and a thread of its own that writes it to `output` (a
/// blocking writer, such as stdout), each frame written from where it
/// lies. The returned future ends when the thread does: when writing
/// fails or every [`Output`] is dropped.
pub fn thread_channel<W: Write + Send + 'static>(
    output: W,
) -> (Output, impl std::future::Future<Output = ()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
    let (done_tx, done_rx) = oneshot::channel::<()>();
    let write = move || {
        let mut output = output;
        while let Some(first) = rx.blocking_recv() {
            let (frames, acks) = take_queued(first, &mut rx);
            for frame in frames {
                if let Err(e) = output.write_all(frame.as_bytes()) {
                    tracing::error!("cannot write to the client: {e}");
                    return;
                }
            }
            if let Err(e) = output.flush() {
                tracing::error!("cannot flush the output: {e}");
                return;
            }
            for ack in acks {
                let _ = ack.send(());
            }
        }
        drop(done_tx);
    };
    if let Err(e) = std::thread::Builder::new()
        .name("secmd-output".to_string())
        .spawn(write)
    {
        // The closure (and the queue's receiver) is dropped: the future
        // below ends at once, and so does the session.
        tracing::error!("cannot start the output thread: {e}");
    }
    (Output { tx }, async move {
        let _ = done_rx.await;
    })
}
