//! The real `secmd lsp` process against bad input and a vanishing client
//! (issue 13.1 and 13.2): a malformed message is answered and the session
//! goes on; the end of stdin ends the process, even with a request to the
//! client still unanswered.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for any expected message or exit before failing.
const TIMEOUT: Duration = Duration::from_secs(20);

struct Lsp {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
}

impl Lsp {
    fn start() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_secmd"))
            .arg("lsp")
            .env("SECMD_TODAY", "2026-11-23")
            .env_remove("SECMD_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("secmd lsp starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Lsp {
            child: Some(child),
            stdin,
            messages,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.write(&frame(&message.to_string()));
    }

    fn recv(&self) -> Value {
        self.messages
            .recv_timeout(TIMEOUT)
            .expect("a message from secmd lsp")
    }

    /// The next message that is not a `window/logMessage`.
    fn next(&self) -> Value {
        loop {
            let m = self.recv();
            if m["method"] != "window/logMessage" {
                return m;
            }
        }
    }

    fn initialize(&mut self, capabilities: Value) {
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": null, "capabilities": capabilities}}));
        let r = self.next();
        assert_eq!(r["id"], json!(1), "{r}");
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    }

    /// Waits for the process to end; its exit code.
    fn exit_code(mut self) -> i32 {
        let (tx, rx) = mpsc::channel();
        let mut child = self.child.take().expect("a running process");
        std::thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        let status = rx
            .recv_timeout(TIMEOUT)
            .expect("secmd lsp did not exit")
            .unwrap();
        status.code().expect("an exit code")
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_frames(stdout: impl Read, tx: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length from secmd")];
        reader.read_exact(&mut body).unwrap();
        let value = serde_json::from_slice(&body).expect("a JSON body from secmd");
        if tx.send(value).is_err() {
            return;
        }
    }
}

#[test]
fn a_bad_message_is_answered_and_the_session_goes_on() {
    let mut lsp = Lsp::start();
    lsp.initialize(json!({}));
    lsp.write(&frame("{\"jsonrpc\":\"2.0\",\"id\":"));
    let r = lsp.next();
    assert_eq!(r["id"], Value::Null, "{r}");
    assert_eq!(r["error"]["code"], json!(-32700), "{r}");
    lsp.write(&frame("[]"));
    let r = lsp.next();
    assert_eq!(r["error"]["code"], json!(-32600), "{r}");
    // Still serving: a policy opens and gets its diagnostics.
    lsp.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": "file:///nonexistent/SECURITY.md", "languageId": "markdown", "version": 1,
         "text": "# Policy\n\nReport to http://a.test.\n"}}}),
    );
    let p = lsp.next();
    assert_eq!(p["method"], json!("textDocument/publishDiagnostics"), "{p}");
    assert_eq!(p["params"]["version"], json!(1));
    lsp.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    assert_eq!(
        lsp.next(),
        json!({"jsonrpc": "2.0", "id": 2, "result": null})
    );
    lsp.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(lsp.exit_code(), 0);
}

#[test]
fn end_of_stdin_ends_the_process_with_a_request_to_the_client_pending() {
    let mut lsp = Lsp::start();
    lsp.initialize(json!({"workspace": {"configuration": true}}));
    // The server asks for its settings; the client goes away instead.
    let request = lsp.next();
    assert_eq!(
        request["method"],
        json!("workspace/configuration"),
        "{request}"
    );
    drop(lsp.stdin.take());
    assert_eq!(lsp.exit_code(), 1);
}
