//! Reading messages: `Content-Length` framing and JSON-RPC classification
//! of the bytes on stdin, never failing on what a client sends.
//!
//! [`FrameDecoder`] is synchronous and owns no IO, so a fuzz target can feed
//! it arbitrary bytes; [`read_message`] drives it from an async reader.
//!
//! What it does with bad input (each case answers an error and goes on):
//!
//! - A body that is not JSON → `-32700` (parse error), `id: null`.
//! - JSON that is not a request, notification or response → `-32600`
//!   (invalid request), with the message's `id` when it has a usable one.
//! - A header block without a usable `Content-Length`, or bytes that are
//!   not a header at all → `-32700`, then the decoder skips to the next
//!   `Content-Length` (resynchronisation).
//! - A `Content-Length` too short: the body is cut, fails to parse
//!   (`-32700`), and the rest is skipped up to the next `Content-Length`.
//!   Too long (or a header with no body): as soon as the bytes after the
//!   header hold another `Content-Length` and are already not valid JSON,
//!   the frame is answered `-32700` and reading resumes at that header, so a
//!   lost body never swallows the next message.
//! - Unknown headers (anything but `Content-Length`; `Content-Type` is
//!   always ignored) are ignored, as `lsp-server` and `vscode-jsonrpc` do.
//! - A lone UTF-16 surrogate escape (`"\ud800"`, which JavaScript clients
//!   emit) is replaced with `\ufffd` and reported as a warning; the
//!   message is then handled normally.

use memchr::memmem;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};
use tower_lsp::jsonrpc::{Error, Id, Request, Response};

/// The largest body accepted (a 10 MB policy escaped as JSON fits many
/// times); a larger `Content-Length` is answered as invalid and skipped.
pub const MAX_BODY: usize = 256 << 20;

/// The longest header block looked at; a client sends two short lines.
const MAX_HEADER: usize = 4096;

const CONTENT_LENGTH: &[u8] = b"Content-Length";

/// One thing read from the client.
#[derive(Debug)]
pub enum Decoded {
    /// A request or notification.
    Request(Request),
    /// An answer to a request of the server's.
    Response(Response),
    /// A message that could not be used: answer `error` to `id`.
    Invalid { id: Id, error: Error },
    /// Something was repaired and the message follows: tell the user.
    Warning(String),
}

/// Cuts a byte stream into messages. Feed it bytes with [`feed`], take
/// messages with [`next`] until it returns `None`, feed more.
///
/// [`feed`]: FrameDecoder::feed
/// [`next_message`]: FrameDecoder::next_message
#[derive(Default)]
pub struct FrameDecoder {
    buf: Vec<u8>,
    /// Where the unread bytes start in `buf`.
    pos: usize,
    /// Skipping bytes until the next `Content-Length` (after an error).
    resyncing: bool,
    /// How far the current incomplete body was searched for a header.
    scanned: usize,
    /// Items decoded from one frame, handed out one by one.
    queued: std::collections::VecDeque<Decoded>,
}

impl FrameDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends bytes read from the client.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.scanned = self.scanned.saturating_sub(self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next message, or `None` when more bytes are needed.
    pub fn next_message(&mut self) -> Option<Decoded> {
        loop {
            if let Some(d) = self.queued.pop_front() {
                return Some(d);
            }
            if self.resyncing && !self.resync(self.pos) {
                return None;
            }
            let data = &self.buf[self.pos..];
            // Line breaks between messages are tolerated silently.
            let blank = data
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
                .count();
            self.pos += blank;
            let data = &self.buf[self.pos..];
            if data.is_empty() {
                return None;
            }
            let head = &data[..data.len().min(MAX_HEADER)];
            let Some(end) = memmem::find(head, b"\r\n\r\n") else {
                if head.len() == MAX_HEADER || !could_be_header(data) {
                    return Some(self.bad_header("a header block without an end"));
                }
                return None;
            };
            let length = match content_length(&data[..end]) {
                Ok(n) => n,
                Err(why) => return Some(self.bad_header(why)),
            };
            if length > MAX_BODY {
                self.pos += 1;
                self.resyncing = true;
                return Some(Decoded::Invalid {
                    id: Id::Null,
                    error: error(
                        Error::invalid_request(),
                        format!("message of {length} bytes is larger than the limit of {MAX_BODY}"),
                    ),
                });
            }
            let body_start = self.pos + end + 4;
            let body_end = body_start + length;
            if self.buf.len() < body_end {
                return self.check_incomplete(body_start);
            }
            self.scanned = 0;
            let body = &self.buf[body_start..body_end];
            match classify(body) {
                Ok(items) => {
                    self.pos = body_end;
                    self.queued.extend(items);
                }
                Err(invalid) => {
                    // The length may be wrong: resume at the next header,
                    // which may lie inside the declared body.
                    self.pos = body_start;
                    self.resyncing = true;
                    return Some(invalid);
                }
            }
        }
    }

    /// A body still arriving: if the bytes so far already hold the next
    /// message's header and are not the start of valid JSON, the length was
    /// wrong and waiting would swallow that message.
    fn check_incomplete(&mut self, body_start: usize) -> Option<Decoded> {
        let from = self.scanned.max(body_start);
        let from = from.saturating_sub(CONTENT_LENGTH.len()).max(body_start);
        self.scanned = self.buf.len();
        memmem::find(&self.buf[from..], CONTENT_LENGTH)?;
        let partial = &self.buf[body_start..];
        match serde_json::from_slice::<serde::de::IgnoredAny>(partial) {
            Err(e) if e.is_eof() => None,
            _ => {
                self.pos = body_start;
                self.resyncing = true;
                self.scanned = 0;
                Some(parse_error("the body is cut short by the next message"))
            }
        }
    }

    /// Answers a bad header and starts skipping to the next one.
    fn bad_header(&mut self, why: &str) -> Decoded {
        self.pos += 1;
        self.resyncing = true;
        parse_error(why)
    }

    /// Moves to the next `Content-Length` at or after `from`; true when one
    /// was found. Without one, drops what was read except a tail that may be
    /// the start of a header cut by the read.
    fn resync(&mut self, from: usize) -> bool {
        if let Some(at) = memmem::find(&self.buf[from..], CONTENT_LENGTH) {
            self.pos = from + at;
            self.resyncing = false;
            return true;
        }
        self.pos = self
            .buf
            .len()
            .saturating_sub(CONTENT_LENGTH.len() - 1)
            .max(from);
        false
    }
}

/// Whether `data` (a header block still arriving) may become a header:
/// header names are printable ASCII.
fn could_be_header(data: &[u8]) -> bool {
    data.iter()
        .all(|b| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The `Content-Length` of a header block (without its final blank line).
fn content_length(block: &[u8]) -> Result<usize, &'static str> {
    let text = std::str::from_utf8(block).map_err(|_| "a header that is not text")?;
    let mut length = None;
    for line in text.split("\r\n") {
        let (name, value) = line.split_once(':').ok_or("a header line without `:`")?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n = value
                .trim()
                .parse::<usize>()
                .map_err(|_| "a Content-Length that is not a number")?;
            length = Some(n);
        }
        // Other headers (Content-Type, or unknown ones) are ignored.
    }
    length.ok_or("a header block without Content-Length")
}

/// A body as messages: the message, preceded by a warning when it had to
/// be repaired; or the error to answer.
fn classify(body: &[u8]) -> Result<Vec<Decoded>, Decoded> {
    let mut items = Vec::with_capacity(1);
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            let repaired = replace_lone_surrogates(body)
                .and_then(|(fixed, first)| Some((serde_json::from_slice(&fixed).ok()?, first)));
            let Some((v, first)) = repaired else {
                tracing::warn!("a message that is not JSON: {e}");
                return Err(parse_error(&e.to_string()));
            };
            items.push(Decoded::Warning(format!(
                "secmd: {}: a lone UTF-16 surrogate escape (\\u{first}) was replaced with U+FFFD",
                method_of(&v)
            )));
            v
        }
    };
    items.push(message(value)?);
    Ok(items)
}

fn method_of(v: &Value) -> &str {
    v.get("method").and_then(Value::as_str).unwrap_or("message")
}

/// A JSON value as a request, notification or response.
fn message(value: Value) -> Result<Decoded, Decoded> {
    let Value::Object(map) = &value else {
        return Err(invalid_request(Id::Null, "a message must be a JSON object"));
    };
    let id = map
        .get("id")
        .and_then(|i| serde_json::from_value::<Id>(i.clone()).ok())
        .unwrap_or(Id::Null);
    if map.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(invalid_request(id, "`jsonrpc` must be \"2.0\""));
    }
    if map.contains_key("method") {
        return serde_json::from_value::<Request>(value)
            .map(Decoded::Request)
            .map_err(|e| invalid_request(id, &e.to_string()));
    }
    if map.contains_key("result") || map.contains_key("error") {
        return serde_json::from_value::<Response>(value)
            .map(Decoded::Response)
            .map_err(|e| invalid_request(id, &e.to_string()));
    }
    Err(invalid_request(
        id,
        "neither a request (`method`) nor a response (`result` or `error`)",
    ))
}

/// Replaces every `\uXXXX` escape of a surrogate that is not part of a
/// valid pair with `\ufffd`. Returns the repaired body and the first
/// replaced escape's hex digits, or `None` when there was none. Escapes
/// are only valid inside strings, so the scan needs no JSON state: `\\`
/// is skipped as a pair, which keeps `\\ud800` (a backslash and text).
fn replace_lone_surrogates(body: &[u8]) -> Option<(Vec<u8>, String)> {
    let hex = |at: usize| -> Option<u16> {
        let digits = body.get(at..at + 4)?;
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let unit = |at: usize| -> Option<u16> {
        (body.get(at) == Some(&b'\\') && body.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut out = Vec::with_capacity(body.len());
    let mut first = None;
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => {
                out.extend_from_slice(&body[i..i + 12]);
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                first.get_or_insert_with(|| {
                    String::from_utf8_lossy(&body[i + 2..i + 6]).into_owned()
                });
                out.extend_from_slice(br"\ufffd");
                i += 6;
            }
            _ => {
                let end = (i + 2).min(body.len());
                out.extend_from_slice(&body[i..end]);
                i = end;
            }
        }
    }
    first.map(|f| (out, f))
}

fn error(mut e: Error, detail: String) -> Error {
    e.data = Some(Value::String(detail));
    e
}

fn parse_error(detail: &str) -> Decoded {
    Decoded::Invalid {
        id: Id::Null,
        error: error(Error::parse_error(), detail.to_string()),
    }
}

fn invalid_request(id: Id, detail: &str) -> Decoded {
    tracing::warn!("invalid request: {detail}");
    Decoded::Invalid {
        id,
        error: error(Error::invalid_request(), detail.to_string()),
    }
}

/// Reads the next message from `input`, feeding `decoder` as needed.
/// `Ok(None)` at the end of the input (bytes of an unfinished message are
/// dropped then).
pub async fn read_message<R: AsyncRead + Unpin>(
    input: &mut R,
    decoder: &mut FrameDecoder,
) -> std::io::Result<Option<Decoded>> {
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        if let Some(d) = decoder.next_message() {
            return Ok(Some(d));
        }
        let n = input.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        decoder.feed(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    /// Every item decoded from `bytes` fed in pieces of `step` bytes, as
    /// compact strings.
    fn decode(bytes: &[u8], step: usize) -> Vec<String> {
        let mut d = FrameDecoder::new();
        let mut out = Vec::new();
        for piece in bytes.chunks(step.max(1)) {
            d.feed(piece);
            while let Some(item) = d.next_message() {
                out.push(match item {
                    Decoded::Request(r) => format!("request {} {:?}", r.method(), r.id()),
                    Decoded::Response(r) => {
                        format!("response {}", serde_json::to_string(&r).unwrap())
                    }
                    Decoded::Invalid { id, error } => format!("invalid {id} {}", error.code.code()),
                    Decoded::Warning(w) => format!("warning {w}"),
                });
            }
        }
        out
    }

    /// The same items whatever the read sizes.
    fn decode_all(bytes: &[u8]) -> Vec<String> {
        let whole = decode(bytes, bytes.len());
        for step in [1, 2, 3, 7, 64] {
            assert_eq!(decode(bytes, step), whole, "read in pieces of {step}");
        }
        whole
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;

    #[test]
    fn reads_requests_notifications_and_responses() {
        let mut bytes = frame(PING);
        bytes.extend(frame(r#"{"jsonrpc":"2.0","method":"note","params":{}}"#));
        bytes.extend(frame(r#"{"jsonrpc":"2.0","id":"a","result":[1]}"#));
        assert_eq!(
            decode_all(&bytes),
            [
                "request ping Some(Number(1))",
                "request note None",
                r#"response {"jsonrpc":"2.0","result":[1],"id":"a"}"#,
            ]
        );
    }

    #[test]
    fn bad_bodies_are_answered_and_the_next_message_is_read() {
        let mut bytes = frame("{nope");
        bytes.extend(frame("[1]"));
        bytes.extend(frame(r#"{"jsonrpc":"2.0","id":5}"#));
        bytes.extend(frame(r#"{"jsonrpc":"1.0","id":6,"method":"x"}"#));
        bytes.extend(frame(PING));
        assert_eq!(
            decode_all(&bytes),
            [
                "invalid null -32700",
                "invalid null -32600",
                "invalid 5 -32600",
                "invalid 6 -32600",
                "request ping Some(Number(1))",
            ]
        );
    }

    #[test]
    fn wrong_lengths_resynchronise_at_the_next_header() {
        // Too short: the rest of the body is skipped.
        let mut bytes = format!("Content-Length: 10\r\n\r\n{PING}").into_bytes();
        bytes.extend(frame(PING));
        assert_eq!(
            decode_all(&bytes),
            ["invalid null -32700", "request ping Some(Number(1))"]
        );
        // Too long, and a header with no body at all.
        let mut bytes = b"Content-Length: 900\r\n\r\n".to_vec();
        bytes.extend(frame(PING));
        assert_eq!(
            decode_all(&bytes),
            ["invalid null -32700", "request ping Some(Number(1))"]
        );
    }

    #[test]
    fn bad_headers_and_garbage_are_skipped() {
        // Each bad region is answered once; what follows it up to the next
        // `Content-Length` (here a header block without one) is skipped.
        let mut bytes = b"\x00\xff garbage\r\n\r\n".to_vec();
        bytes.extend(b"Content-Length: x\r\n\r\n");
        bytes.extend(b"Content-Type: text\r\n\r\n");
        bytes.extend(frame(PING));
        assert_eq!(
            decode_all(&bytes),
            [
                "invalid null -32700",
                "invalid null -32700",
                "request ping Some(Number(1))"
            ]
        );
        let mut bytes = b"Content-Type: text\r\n\r\n".to_vec();
        bytes.extend(frame(PING));
        assert_eq!(
            decode_all(&bytes),
            ["invalid null -32700", "request ping Some(Number(1))"]
        );
        let bytes = format!(
            "X-Other: 1\r\ncontent-length: {}\r\n\r\n{PING}\r\n",
            PING.len()
        );
        assert_eq!(
            decode_all(bytes.as_bytes()),
            ["request ping Some(Number(1))"]
        );
    }

    #[test]
    fn an_oversized_length_is_refused_without_waiting_for_it() {
        let mut bytes = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1).into_bytes();
        bytes.extend(frame(PING));
        assert_eq!(
            decode_all(&bytes),
            ["invalid null -32600", "request ping Some(Number(1))"]
        );
    }

    #[test]
    fn a_body_mentioning_content_length_is_not_cut() {
        let body = json!({"jsonrpc": "2.0", "method": "t", "params": {"text": "Content-Length: 3\r\n\r\n{}"}}).to_string();
        assert_eq!(decode_all(&frame(&body)), ["request t None"]);
    }

    #[test]
    fn lone_surrogates_are_replaced_and_reported() {
        let body =
            r#"{"jsonrpc":"2.0","method":"t","params":{"a":"x\ud800y\\ud800\ud83d\ude00\udc00"}}"#;
        let mut d = FrameDecoder::new();
        d.feed(&frame(body));
        match d.next_message() {
            Some(Decoded::Warning(w)) => assert_eq!(
                w,
                r"secmd: t: a lone UTF-16 surrogate escape (\ud800) was replaced with U+FFFD"
            ),
            other => panic!("{other:?}"),
        }
        match d.next_message() {
            Some(Decoded::Request(r)) => {
                assert_eq!(
                    r.params().unwrap()["a"],
                    json!("x\u{fffd}y\\ud800😀\u{fffd}")
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(d.next_message().is_none());
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_a_later_message_is_found() {
        // A cheap stand-in for the fuzz target: every prefix of a mix of
        // framing fragments, followed by a good message.
        let parts: [&[u8]; 6] = [
            b"Content-Length: 3\r\n\r\n",
            b"\r\n\r\n",
            b"{\"a\":",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            b"\\ud800",
            b"\xff",
        ];
        for a in 0..parts.len() {
            for b in 0..parts.len() {
                let mut bytes = [parts[a], parts[b]].concat();
                bytes.extend(frame(PING));
                let got = decode(&bytes, 5);
                assert_eq!(
                    got.last().map(String::as_str),
                    Some("request ping Some(Number(1))"),
                    "{a} {b}: {got:?}"
                );
            }
        }
    }
}
