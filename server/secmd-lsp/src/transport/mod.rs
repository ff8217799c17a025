//! The transport: the one place that reads, frames and writes JSON-RPC.
//!
//! tower-lsp's documented seam is used: [`LspService`] is a
//! `tower::Service` we call once per request, and `ClientSocket` is the
//! stream of the server's own requests to the client (and the sink for the
//! client's answers). tower-lsp's `Server` loop is not used: this module
//! reads stdin ([`frame`]), dispatches, and writes every outgoing message
//! through one writer ([`writer`]). That lets it:
//!
//! - answer pull diagnostics with bytes: `textDocument/diagnostic` goes to
//!   `handlers::diagnostic`, which writes the report as JSON from per-chunk
//!   pieces (tower-lsp would first build a `serde_json::Value` of every
//!   diagnostic after each change);
//! - survive bad input: a malformed message is answered and skipped, never
//!   the end of the session (tower-lsp 0.20 stops reading after the first
//!   decoding error);
//! - end at once on `exit` and on the end of the input, whatever is pending
//!   (tower-lsp 0.20 waits for every handler, including one waiting for a
//!   client that is gone);
//! - answer unknown `$/` requests with MethodNotFound (tower-lsp drops the
//!   answer for every `$/` method, requests included).
//!
//! **Architecture Invariant:** every byte written to the output is part of
//! a whole frame queued on the one [`Output`]; typed messages and raw
//! frames share the queue, so frames never interleave and leave in the
//! order they were queued. Test: `tests::frames_never_interleave`.
//!
//! **Architecture Invariant:** pull reports are written as bytes: the
//! transport routes `textDocument/diagnostic` to a handler that returns
//! the framed JSON, and tower-lsp never sees the request. Test:
//! `tests::pull_reports_are_written_as_bytes`.
//!
//! **Architecture Invariant:** reading ends only at the end of the input,
//! after `exit`, or on a read error; any bytes get an answer or are
//! skipped (see [`frame`]). Tests: `frame::tests`, and the e2e suite
//! `robustness` over the real framing.
//!
//! **Architecture Invariant:** the reader, the request tasks and the
//! forwarding of client requests run in one task, in arrival order:
//! a notification's handler starts (and mutates state before its first
//! `.await`) before the next message is dispatched. tower-lsp's
//! `poll_ready` registers no waker while `initialize` runs, so the reader
//! must be polled again when the `initialize` task finishes, which one
//! task guarantees. Test: the e2e test
//! `diagnostics::rapid_changes_publish_in_order_and_end_at_the_latest_version`
//! (and `sync_props`, which sends every batch without waiting).

pub mod frame;
mod writer;

pub use frame::{read_message, Decoded, FrameDecoder};
pub use writer::{push_json, Frame, Output, RawMessage};

use crate::handlers;
use crate::server::{Server, ServerOptions};
use futures::future::{AbortHandle, BoxFuture};
use futures::stream::FuturesUnordered;
use futures::{FutureExt, SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp::LspService;

/// The pull-diagnostics request, answered by the transport.
const PULL: &str = "textDocument/diagnostic";

type Task = BoxFuture<'static, ()>;

/// Serves one client: reads `input` until `exit` or its end, writes to
/// `output`. Returns the exit code: 0 when `shutdown` came before `exit`,
/// 1 otherwise (LSP specification, `exit` notification). Pending work is
/// dropped, so a handler waiting for a client that is gone never keeps
/// the process alive.
pub async fn serve<I, O>(input: I, output: O, options: ServerOptions) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (out, writer) = writer::channel(output);
    serve_with(input, out, writer, options).await
}

/// [`serve`] writing to stdout from a thread of its own (see [`writer`]).
pub async fn serve_stdout<I>(input: I, options: ServerOptions) -> i32
where
    I: AsyncRead + Unpin,
{
    let (out, writer) = writer::thread_channel(writer::raw_stdout());
    serve_with(input, out, writer, options).await
}

/// [`serve`] with the output queue `out`, emptied by `writer`.
async fn serve_with<I>(
    input: I,
    out: Output,
    writer: impl std::future::Future<Output = ()>,
    options: ServerOptions,
) -> i32
where
    I: AsyncRead + Unpin,
{
    let mut handle = None;
    let (service, socket) = LspService::build(|client| {
        let server = Server::new(client, options, out.clone());
        handle = Some(server.clone());
        server
    })
    .custom_method("secmd/debugDocument", Server::debug_document)
    .finish();
    let Some(server) = handle else {
        // `LspService::build` calls the closure before it returns.
        tracing::error!("the language server was not built");
        return 1;
    };
    let (to_client, from_client) = socket.split();
    let (tasks, task_rx) = mpsc::unbounded_channel();
    let reader = Reader {
        service,
        server: server.clone(),
        out: out.clone(),
        tasks,
        responses: from_client,
        pulls: Arc::default(),
    };
    let forward_out = out.clone();
    // The server's requests to the client; the stream ends at `exit`.
    let forward = to_client
        .for_each(move |req| {
            forward_out.send(&req);
            futures::future::ready(())
        })
        .then(|()| futures::future::pending::<()>());
    let serving = async {
        // One task (see the invariant above).
        tokio::select! {
            () = reader.run(input) => {}
            () = run_tasks(task_rx) => {}
            () = forward => {}
        }
        // What is queued (the `shutdown` answer, last publishes) is
        // written before the session ends.
        out.flush().await;
    };
    tokio::select! {
        () = serving => {}
        () = writer => {}
    }
    if server.is_shut_down() {
        0
    } else {
        1
    }
}

/// Runs request and notification tasks concurrently, in one task, each
/// first polled in the order it was queued.
async fn run_tasks(mut rx: mpsc::UnboundedReceiver<Task>) {
    let mut running = FuturesUnordered::new();
    loop {
        tokio::select! {
            biased;
            task = rx.recv() => match task {
                Some(t) => running.push(t),
                None => return,
            },
            Some(()) = running.next(), if !running.is_empty() => {}
        }
    }
}

/// Reads messages and dispatches them.
struct Reader<R> {
    service: LspService<Server>,
    server: Server,
    out: Output,
    tasks: mpsc::UnboundedSender<Task>,
    /// Where the client's answers to the server's requests go.
    responses: R,
    /// Pull requests in flight, for `$/cancelRequest`.
    pulls: Arc<Mutex<HashMap<Id, AbortHandle>>>,
}

impl<R> Reader<R>
where
    R: futures::Sink<Response> + Unpin,
{
    async fn run<I: AsyncRead + Unpin>(mut self, mut input: I) {
        let mut decoder = FrameDecoder::new();
        loop {
            let item = match read_message(&mut input, &mut decoder).await {
                Ok(Some(item)) => item,
                Ok(None) => {
                    tracing::info!("end of input: stopping");
                    return;
                }
                Err(e) => {
                    tracing::error!("cannot read from the client: {e}");
                    return;
                }
            };
            match item {
                Decoded::Request(req) => {
                    if !self.dispatch(req).await {
                        return;
                    }
                }
                Decoded::Response(resp) => {
                    if self.responses.send(resp).await.is_err() {
                        tracing::debug!("an answer from the client after exit");
                    }
                }
                Decoded::Invalid { id, error } => {
                    tracing::warn!("bad message: {}", error.message);
                    self.out.send(&Response::from_error(id, error));
                }
                Decoded::Warning(message) => {
                    tracing::warn!("{message}");
                    self.out.send(&log_message(2, &message));
                }
            }
        }
    }

    /// Hands one request or notification to its handler; false once the
    /// service has exited.
    async fn dispatch(&mut self, req: Request) -> bool {
        match req.method() {
            "initialize" => {
                let refresh = refresh_support(req.params());
                self.server
                    .raw_refresh_support
                    .store(refresh, std::sync::atomic::Ordering::SeqCst);
            }
            "$/cancelRequest" => self.cancel_pull(req.params()),
            PULL => {
                if let Some(id) = req.id().cloned() {
                    self.pull(id, req);
                    return true;
                }
            }
            _ => {}
        }
        if futures::future::poll_fn(|cx| self.service.poll_ready(cx))
            .await
            .is_err()
        {
            return false;
        }
        let method = req.method().to_string();
        let id = req.id().cloned();
        let answer = self.service.call(req);
        let out = self.out.clone();
        self.spawn(async move {
            let response = match answer.await {
                Ok(Some(response)) => Some(response),
                // tower-lsp answers nothing to any `$/` method it does not
                // know; the specification wants MethodNotFound for
                // requests (notifications stay silent).
                Ok(None) => id.filter(|_| method.starts_with("$/")).map(|id| {
                    let mut e = Error::method_not_found();
                    e.data = Some(Value::String(method));
                    Response::from_error(id, e)
                }),
                Err(_exited) => None,
            };
            if let Some(r) = response {
                out.send(&r);
            }
        });
        // `exit` leaves the service exited at once: stop reading.
        !matches!(
            futures::future::poll_fn(|cx| self.service.poll_ready(cx)).now_or_never(),
            Some(Err(_))
        )
    }

    fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        // The receiver lives as long as the session.
        let _ = self.tasks.send(task.boxed());
    }

    /// `textDocument/diagnostic`: answered by the handler with bytes.
    fn pull(&mut self, id: Id, req: Request) {
        let out = self.out.clone();
        let refusal = if !self.server.is_initialized() {
            Some(Error {
                code: ErrorCode::ServerError(-32002),
                message: "Server not initialized".into(),
                data: None,
            })
        } else if self.server.is_shut_down() {
            Some(Error::invalid_request())
        } else {
            None
        };
        if let Some(e) = refusal {
            out.send(&Response::from_error(id, e));
            return;
        }
        let server = self.server.clone();
        let (_, _, params) = req.into_parts();
        let reply_id = id.clone();
        let (work, abort) = futures::future::abortable(async move {
            let params = match serde_json::from_value(params.unwrap_or(Value::Null)) {
                Ok(p) => p,
                Err(e) => {
                    return Err(Error::invalid_params(e.to_string()));
                }
            };
            let reply = RawMessage::response(&reply_id, 0);
            match handlers::diagnostic::handle(&server, params, reply).await {
                Ok(frame) => Ok(frame),
                Err(f) => Err(server.fail(f).await),
            }
        });
        let pulls = self.pulls.clone();
        lock(&pulls).insert(id.clone(), abort);
        self.spawn(async move {
            let result = work.await;
            lock(&pulls).remove(&id);
            match result {
                Ok(Ok(frame)) => out.send_frame(frame),
                Ok(Err(e)) => out.send(&Response::from_error(id, e)),
                Err(_aborted) => out.send(&Response::from_error(id, Error::request_cancelled())),
            }
        });
    }

    /// Cancels a pull request in flight (tower-lsp cancels its own).
    fn cancel_pull(&self, params: Option<&Value>) {
        let Some(id) = params
            .and_then(|p| p.get("id"))
            .and_then(|i| serde_json::from_value::<Id>(i.clone()).ok())
        else {
            return;
        };
        if let Some(abort) = lock(&self.pulls).remove(&id) {
            abort.abort();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A `window/logMessage` notification.
fn log_message(typ: u8, message: &str) -> Request {
    Request::build("window/logMessage")
        .params(json!({"type": typ, "message": message}))
        .finish()
}

/// `workspace.diagnostics.refreshSupport` (or the misspelled singular
/// lsp-types 0.94 expects) in raw `initialize` params.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Every frame in `bytes`, strictly: headers exact, bodies JSON.
    fn frames(bytes: &[u8]) -> Vec<Value> {
        let mut out = Vec::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let end = memchr::memmem::find(rest, b"\r\n\r\n").expect("a header");
            let header = std::str::from_utf8(&rest[..end]).unwrap();
            let len: usize = header
                .strip_prefix("Content-Length: ")
                .unwrap()
                .parse()
                .unwrap();
            let body = &rest[end + 4..end + 4 + len];
            out.push(serde_json::from_slice(body).expect("a whole JSON body"));
            rest = &rest[end + 4 + len..];
        }
        out
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn frames_never_interleave() {
        let (mut client, server) = tokio::io::duplex(1 << 10);
        let (out, writer) = writer::channel(server);
        let writer = tokio::spawn(writer);
        let reading = tokio::spawn(async move {
            let mut got = Vec::new();
            client.read_to_end(&mut got).await.unwrap();
            got
        });
        send_from_four_tasks(&out).await;
        drop(out);
        writer.await.unwrap();
        assert_whole_frames_in_order(&reading.await.unwrap());
    }

    /// A blocking writer that takes at most 1,000 bytes per call, into a
    /// shared buffer.
    #[derive(Clone, Default)]
    struct Trickle(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(1000);
            self.0.lock().unwrap().extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn frames_never_interleave_on_the_output_thread() {
        let sink = Trickle::default();
        let (out, writer) = writer::thread_channel(sink.clone());
        send_from_four_tasks(&out).await;
        drop(out);
        // The thread ends once every handle is gone and the queue is empty.
        writer.await;
        let got = sink.0.lock().unwrap().clone();
        assert_whole_frames_in_order(&got);
    }

    /// Typed messages and large raw frames from four tasks at once, then a
    /// flush: every frame is written when it returns.
    async fn send_from_four_tasks(out: &Output) {
        let tasks: Vec<_> = (0..4)
            .map(|t| {
                let out = out.clone();
                tokio::spawn(async move {
                    for i in 0..50 {
                        if i % 2 == 0 {
                            out.send(&log_message(3, &format!("{t}:{i}")));
                        } else {
                            let mut m = RawMessage::notification("raw", 0);
                            push_json(m.value(), &json!({"t": t, "i": i, "pad": "x".repeat(3000)}));
                            out.send_frame(m.finish());
                        }
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        out.flush().await;
    }

    /// The 200 frames of [`send_from_four_tasks`], whole, each task's in
    /// its order.
    fn assert_whole_frames_in_order(bytes: &[u8]) {
        let got = frames(bytes);
        assert_eq!(got.len(), 200);
        for t in 0..4 {
            let seen: Vec<i64> = got
                .iter()
                .filter_map(|m| match m["method"].as_str() {
                    Some("raw") if m["params"]["t"] == json!(t) => m["params"]["i"].as_i64(),
                    Some("window/logMessage") => {
                        let (mt, i) = m["params"]["message"].as_str()?.split_once(':')?;
                        (mt == t.to_string()).then(|| i.parse().ok())?
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(seen, (0..50).collect::<Vec<_>>(), "task {t}");
        }
    }

    /// A client over an in-memory pipe, reading with the server's own
    /// decoder.
    struct Pipe {
        to_server: tokio::io::DuplexStream,
        from_server: tokio::io::DuplexStream,
        decoder: FrameDecoder,
        raw: Vec<u8>,
    }

    impl Pipe {
        async fn send(&mut self, message: Value) {
            let body = message.to_string();
            let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
            self.to_server.write_all(frame.as_bytes()).await.unwrap();
        }

        /// The next response, with the exact bytes of its body.
        async fn response(&mut self) -> String {
            loop {
                let mut buf = vec![0; 1 << 16];
                let n = self.from_server.read(&mut buf).await.unwrap();
                assert!(n > 0, "the server closed the pipe");
                self.raw.extend_from_slice(&buf[..n]);
                self.decoder.feed(&buf[..n]);
                while let Some(d) = self.decoder.next_message() {
                    if let Decoded::Response(_) = d {
                        let bodies = frames(&self.raw);
                        let last = bodies.last().unwrap().clone();
                        // The body as written, not re-serialised.
                        let at = memchr::memmem::rfind(&self.raw, b"\r\n\r\n").unwrap() + 4;
                        let text = String::from_utf8(self.raw[at..].to_vec()).unwrap();
                        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), last);
                        self.raw.clear();
                        return text;
                    }
                }
            }
        }
    }

    #[tokio::test]
    async fn pull_reports_are_written_as_bytes() {
        // tower-lsp has no route for pull diagnostics: only the transport
        // answers them.
        let (out, _writer) = writer::channel(tokio::io::sink());
        let (mut service, _socket) =
            LspService::new(|client| Server::new(client, ServerOptions::default(), out));
        let init = Request::build("initialize")
            .params(json!({"capabilities": {}}))
            .id(1)
            .finish();
        futures::future::poll_fn(|cx| service.poll_ready(cx))
            .await
            .unwrap();
        service.call(init).await.unwrap();
        let pull = Request::build(PULL)
            .params(json!({"textDocument": {"uri": "file:///a/SECURITY.md"}}))
            .id(2)
            .finish();
        futures::future::poll_fn(|cx| service.poll_ready(cx))
            .await
            .unwrap();
        let answer = service.call(pull).await.unwrap().unwrap();
        assert_eq!(
            answer.error().map(|e| e.code),
            Some(ErrorCode::MethodNotFound)
        );

        // Through `serve`, the report is written by the handler as bytes:
        // `id` before `result` (tower-lsp writes `result` first).
        let (to_server, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, from_server) = tokio::io::duplex(1 << 16);
        let options = ServerOptions {
            today: secmd_core::Date::from_ymd(2026, 1, 1),
            ..Default::default()
        };
        let session = tokio::spawn(serve(server_in, server_out, options));
        let mut pipe = Pipe {
            to_server,
            from_server,
            decoder: FrameDecoder::new(),
            raw: Vec::new(),
        };
        pipe.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {"textDocument": {"diagnostic": {}}}}}))
            .await;
        pipe.response().await;
        let uri = "file:///nonexistent/SECURITY.md";
        pipe.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "markdown", "version": 1, "text": "# Policy\n\nhttp://a.test\n"}}}))
            .await;
        pipe.send(json!({"jsonrpc": "2.0", "id": 2, "method": PULL,
            "params": {"textDocument": {"uri": uri}}}))
            .await;
        let text = pipe.response().await;
        assert!(
            text.starts_with(r#"{"jsonrpc":"2.0","id":2,"result":{"kind":"full","resultId":""#),
            "{text}"
        );
        let report: Value = serde_json::from_str(&text).unwrap();
        let codes: Vec<&str> = report["result"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(codes.contains(&"insecure-link"), "{codes:?}");
        drop(pipe);
        assert_eq!(session.await.unwrap(), 1, "end of input without shutdown");
    }
}
