//! A small LSP test client that talks to an in-process server over an
//! in-memory pipe with real `Content-Length` framing, and fails loudly:
//! every awaited message has a timeout, server requests are answered and
//! recorded, `window/logMessage` errors fail the test, and `finish()` sends
//! shutdown/exit, checks the exit code and that no message was left unread.
#![allow(dead_code)]

use secmd_lsp::ServerOptions;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long to wait for any expected message before failing.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What the client claims and answers.
pub struct Setup {
    pub capabilities: Value,
    pub initialization_options: Value,
    /// Answer to `workspace/configuration` (the `secmd` section).
    pub settings: Value,
    pub workspace_folders: Value,
    pub server: ServerOptions,
}

/// Settings for tests of the LSP plumbing: they use small texts that the
/// completeness rules would flag every time (missing sections, contact,
/// response time); tests of full policies turn them back on.
pub fn plumbing_settings() -> Value {
    json!({"secmd": {"rules": {
        "missing-section": "off", "missing-contact": "off", "response-time": "off"
    }}})
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            capabilities: push_capabilities(false),
            initialization_options: plumbing_settings(),
            settings: plumbing_settings(),
            workspace_folders: Value::Null,
            server: ServerOptions {
                paranoid: true,
                today: secmd_core::Date::from_ymd(2026, 11, 23),
                ..Default::default()
            },
        }
    }
}

/// Capabilities of a client that takes pushed diagnostics.
pub fn push_capabilities(utf8: bool) -> Value {
    let mut c = json!({
        "general": { "positionEncodings": if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) } },
        "textDocument": {
            "synchronization": { "dynamicRegistration": false },
            "publishDiagnostics": { "versionSupport": true, "tagSupport": { "valueSet": [1, 2] } },
            "completion": { "completionItem": { "snippetSupport": true } },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source.fixAll"] } } }
        },
        "workspace": {
            "workspaceEdit": { "documentChanges": true },
            "applyEdit": true
        }
    });
    if !utf8 {
        c["general"] = json!({});
    }
    c
}

/// Capabilities of a client that pulls diagnostics and supports refresh,
/// configuration requests and watched-file registration.
pub fn pull_capabilities() -> Value {
    let mut c = push_capabilities(false);
    c["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    c["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
    c["workspace"]["configuration"] = json!(true);
    c["workspace"]["didChangeWatchedFiles"] = json!({ "dynamicRegistration": true });
    c
}

pub struct TestClient {
    writer: tokio::io::WriteHalf<DuplexStream>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications received but not yet consumed by the test.
    pending: VecDeque<Value>,
    next_id: i64,
    server: Option<JoinHandle<i32>>,
    reader: JoinHandle<()>,
    /// What to answer to `workspace/configuration`.
    pub settings: Value,
    /// Server → client requests, in order (answered automatically).
    pub server_requests: Vec<Value>,
    /// `window/logMessage` messages of type Error.
    pub error_logs: Vec<String>,
    /// Messages of `window/showMessage`.
    pub shown: Vec<(i64, String)>,
    pub initialize_result: Value,
    finished: bool,
}

impl TestClient {
    /// Starts a server and runs `initialize` + `initialized`.
    pub async fn start(setup: Setup) -> TestClient {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_side);
        let options = setup.server.clone();
        let server = tokio::spawn(secmd_lsp::serve(server_read, server_write, options));
        let (client_read, writer) = tokio::io::split(client_side);
        let (tx, incoming) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_messages(client_read, tx));
        let mut client = TestClient {
            writer,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
            server: Some(server),
            reader,
            settings: setup.settings,
            server_requests: Vec::new(),
            error_logs: Vec::new(),
            shown: Vec::new(),
            initialize_result: Value::Null,
            finished: false,
        };
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": setup.capabilities,
                    "initializationOptions": setup.initialization_options,
                    "workspaceFolders": setup.workspace_folders,
                }),
            )
            .await
            .expect("initialize failed");
        client.initialize_result = result;
        client.notify("initialized", json!({})).await;
        client
    }

    pub async fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.writer.write_all(header.as_bytes()).await.unwrap();
        self.writer.write_all(&body).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Writes raw bytes to the server, framing and all (for malformed input).
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Waits for the next response that answers no request of ours (an
    /// error about a malformed message, `id: null`) and returns it whole.
    pub async fn expect_orphan_response(&mut self) -> Value {
        loop {
            let m = self.recv("an error response").await;
            if m.get("method").is_some() {
                self.handle_incoming(m).await;
                continue;
            }
            return m;
        }
    }

    /// Closes the server's input without shutdown or exit and returns the
    /// exit code (the server must end on its own).
    pub async fn close_input(mut self) -> i32 {
        self.writer.shutdown().await.unwrap();
        let code = tokio::time::timeout(TIMEOUT, self.server.take().unwrap())
            .await
            .expect("server did not exit after its input closed")
            .expect("server task panicked");
        self.finished = true;
        code
    }

    /// `window/logMessage` messages of type Warning seen so far (taken).
    pub async fn expect_warning_log(&mut self) -> String {
        loop {
            if let Some(i) = self
                .pending
                .iter()
                .position(|m| m["method"] == "window/logMessage" && m["params"]["type"] == json!(2))
            {
                let m = self.pending.remove(i).unwrap();
                return m["params"]["message"].as_str().unwrap_or("").to_string();
            }
            let m = self.recv("a warning logMessage").await;
            if m.get("method").is_none() {
                panic!("unexpected response: {m}");
            }
            if m["method"] == "window/logMessage" && m["params"]["type"] == json!(2) {
                return m["params"]["message"].as_str().unwrap_or("").to_string();
            }
            self.handle_incoming(m).await;
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let mut m = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            m["params"] = params;
        }
        self.send(m).await;
    }

    /// Sends a request and waits for its response: `Ok(result)` or
    /// `Err(error object)`.
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        let mut m = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            m["params"] = params;
        }
        self.send(m).await;
        loop {
            let m = self.recv(&format!("the response to {method}")).await;
            if m.get("method").is_some() {
                self.handle_incoming(m).await;
                continue;
            }
            assert_eq!(m["id"], json!(id), "unexpected response: {m}");
            return match m.get("error") {
                Some(e) => Err(e.clone()),
                None => Ok(m["result"].clone()),
            };
        }
    }

    /// A request that must succeed.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        match self.request(method, params).await {
            Ok(v) => v,
            Err(e) => panic!("{method} failed: {e}"),
        }
    }

    async fn recv(&mut self, waiting_for: &str) -> Value {
        match tokio::time::timeout(TIMEOUT, self.incoming.recv()).await {
            Ok(Some(m)) => m,
            Ok(None) => panic!("the server closed the connection while waiting for {waiting_for}"),
            Err(_) => panic!(
                "timed out waiting for {waiting_for}; unread: {:?}",
                self.pending
            ),
        }
    }

    /// Answers server requests, records logs, queues other notifications.
    async fn handle_incoming(&mut self, m: Value) {
        let method = m["method"].as_str().unwrap_or_default().to_string();
        if let Some(id) = m.get("id").cloned() {
            let result = match method.as_str() {
                "workspace/configuration" => {
                    let n = m["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![self.settings.clone(); n])
                }
                "workspace/applyEdit" => json!({ "applied": true }),
                _ => Value::Null,
            };
            self.server_requests.push(m);
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}))
                .await;
            return;
        }
        match method.as_str() {
            "window/logMessage" => {
                if m["params"]["type"] == json!(1) {
                    self.error_logs
                        .push(m["params"]["message"].as_str().unwrap_or("").to_string());
                }
            }
            "window/showMessage" => self.shown.push((
                m["params"]["type"].as_i64().unwrap_or(0),
                m["params"]["message"].as_str().unwrap_or("").to_string(),
            )),
            _ => self.pending.push_back(m),
        }
    }

    /// Waits for the next notification of `method` and returns its params.
    pub async fn expect_notification(&mut self, method: &str) -> Value {
        loop {
            if let Some(i) = self.pending.iter().position(|m| m["method"] == method) {
                return self.pending.remove(i).unwrap()["params"].clone();
            }
            let m = self.recv(&format!("a {method} notification")).await;
            if m.get("method").is_none() {
                panic!("unexpected response: {m}");
            }
            self.handle_incoming(m).await;
        }
    }

    /// Waits for a server → client request of `method` (already answered).
    pub async fn expect_server_request(&mut self, method: &str) -> Value {
        loop {
            if let Some(i) = self
                .server_requests
                .iter()
                .position(|m| m["method"] == method)
            {
                return self.server_requests.remove(i)["params"].clone();
            }
            let m = self.recv(&format!("a {method} request")).await;
            if m.get("method").is_none() {
                panic!("unexpected response: {m}");
            }
            self.handle_incoming(m).await;
        }
    }

    /// Waits until a `window/showMessage` arrived and returns it.
    pub async fn expect_shown(&mut self) -> (i64, String) {
        loop {
            if !self.shown.is_empty() {
                return self.shown.remove(0);
            }
            let m = self.recv("a window/showMessage").await;
            if m.get("method").is_none() {
                panic!("unexpected response: {m}");
            }
            self.handle_incoming(m).await;
        }
    }

    /// Waits for `publishDiagnostics` of `uri`; returns (version, diagnostics).
    pub async fn diagnostics(&mut self, uri: &str) -> (Value, Vec<Value>) {
        let p = self
            .expect_notification("textDocument/publishDiagnostics")
            .await;
        assert_eq!(
            p["uri"],
            json!(uri),
            "diagnostics for another document: {p}"
        );
        (
            p["version"].clone(),
            p["diagnostics"].as_array().cloned().unwrap_or_default(),
        )
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.open_version(uri, text, 1).await;
    }

    pub async fn open_version(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// The server's copy of a document (`secmd/debugDocument`).
    pub async fn server_document(&mut self, uri: &str) -> Value {
        self.call("secmd/debugDocument", json!({"textDocument": {"uri": uri}}))
            .await
    }

    /// Asserts nothing is left unread (after a round trip, so anything the
    /// server already sent has arrived).
    pub async fn assert_quiet(&mut self) {
        // A request round trip flushes earlier notifications to us.
        let _ = self.request("secmd/debugDocument", json!({})).await;
        assert!(
            self.pending.is_empty(),
            "unread notifications: {:#?}",
            self.pending
        );
        assert!(
            self.server_requests.is_empty(),
            "unchecked server requests: {:#?}",
            self.server_requests
        );
        assert!(
            self.shown.is_empty(),
            "unchecked messages: {:#?}",
            self.shown
        );
    }

    /// Waits for a `window/logMessage` of type Error and returns it.
    pub async fn expect_error_log(&mut self) -> String {
        loop {
            if !self.error_logs.is_empty() {
                return self.error_logs.remove(0);
            }
            let m = self.recv("an error logMessage").await;
            if m.get("method").is_none() {
                panic!("unexpected response: {m}");
            }
            self.handle_incoming(m).await;
        }
    }

    /// Takes the error logs (for tests that provoke them).
    pub fn take_error_logs(&mut self) -> Vec<String> {
        std::mem::take(&mut self.error_logs)
    }

    /// shutdown + exit; asserts exit code 0, nothing unread, no error logs.
    pub async fn finish(mut self) {
        self.assert_quiet().await;
        let r = self.call("shutdown", Value::Null).await;
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null).await;
        let code = tokio::time::timeout(TIMEOUT, self.server.take().unwrap())
            .await
            .expect("server did not exit")
            .expect("server task panicked");
        assert_eq!(code, 0, "exit code after shutdown + exit");
        assert!(
            self.error_logs.is_empty(),
            "the server logged errors: {:#?}",
            self.error_logs
        );
        self.finished = true;
    }

    /// Sends exit without shutdown and returns the exit code.
    pub async fn exit_without_shutdown(mut self) -> i32 {
        self.notify("exit", Value::Null).await;
        let code = tokio::time::timeout(TIMEOUT, self.server.take().unwrap())
            .await
            .expect("server did not exit")
            .expect("server task panicked");
        self.finished = true;
        code
    }
}

impl Drop for TestClient {
    fn drop(&mut self) {
        self.reader.abort();
        if let Some(s) = self.server.take() {
            s.abort();
        }
        if !self.finished && !std::thread::panicking() {
            panic!("TestClient dropped without finish(): shut the server down explicitly");
        }
    }
}

/// Reads framed messages until the stream ends; a framing error panics.
async fn read_messages(read: tokio::io::ReadHalf<DuplexStream>, tx: mpsc::UnboundedSender<Value>) {
    let mut reader = BufReader::new(read);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).await.unwrap();
            if n == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("malformed header");
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().expect("bad Content-Length"));
            }
        }
        let mut body = vec![0; length.expect("missing Content-Length")];
        reader.read_exact(&mut body).await.unwrap();
        let value: Value = serde_json::from_slice(&body).expect("body is not JSON");
        if tx.send(value).is_err() {
            return;
        }
    }
}

/// An LSP position of a byte offset, computed independently of the server
/// (UTF-16 or UTF-8 columns; lines broken at LF, CRLF and CR).
pub fn pos(text: &str, offset: usize, utf8: bool) -> Value {
    let mut line = 0;
    let mut col = 0;
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    line += 1;
                    col = 0;
                } else {
                    col += 1;
                }
            }
            c => col += if utf8 { c.len_utf8() } else { c.len_utf16() },
        }
    }
    json!({"line": line, "character": col})
}

/// An LSP range of a byte range.
pub fn range(text: &str, r: std::ops::Range<usize>, utf8: bool) -> Value {
    json!({"start": pos(text, r.start, utf8), "end": pos(text, r.end, utf8)})
}

/// Applies LSP text edits (non-overlapping) to a text, independently of
/// the server's conversion code.
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], utf8),
                offset(text, &e["range"]["end"], utf8),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut at = 0;
    for (a, b, t) in spans {
        assert!(a >= at, "overlapping edits");
        out.push_str(&text[at..a]);
        out.push_str(&t);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// The byte offset of an LSP position (the inverse of [`pos`]).
pub fn offset(text: &str, p: &Value, utf8: bool) -> usize {
    let want_line = p["line"].as_u64().unwrap() as usize;
    let want_col = p["character"].as_u64().unwrap() as usize;
    let mut i = 0;
    let bytes = text.as_bytes();
    for _ in 0..want_line {
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 2;
        } else if i < bytes.len() {
            i += 1;
        }
    }
    let mut col = 0;
    for (j, c) in text[i..].char_indices() {
        if c == '\n' || c == '\r' || col >= want_col {
            return i + j;
        }
        col += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    text.len()
}

/// The edits of a `WorkspaceEdit` for one document (either shape).
pub fn edits_of(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(dc) = edit.get("documentChanges") {
        let dc = dc.as_array().unwrap();
        assert_eq!(dc.len(), 1, "{edit}");
        assert_eq!(dc[0]["textDocument"]["uri"], json!(uri));
        return dc[0]["edits"].as_array().unwrap().clone();
    }
    edit["changes"][uri].as_array().unwrap().clone()
}

/// Diagnostics as compact strings: `L:C-L:C code message` (0-based LSP).
pub fn summarize(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let r = &d["range"];
            format!(
                "{}:{}-{}:{} {} {}",
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
                d["code"].as_str().unwrap_or("?"),
                d["message"].as_str().unwrap_or("?")
            )
        })
        .collect()
}
