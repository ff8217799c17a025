//! `textDocument/publishDiagnostics` written as JSON from per-chunk pieces.
//!
//! A large policy can carry thousands of diagnostics, and a push client
//! gets all of them after every keystroke. Converting and serialising them
//! all each time is O(document). The engine groups findings by chunk and
//! keeps an unchanged chunk's findings in the same allocation
//! ([`secmd_core::analysis::Part`]), so this module keeps, per chunk, the
//! JSON of its diagnostics with the line numbers cut out and remembered
//! relative to the chunk's first line (columns do not depend on where the
//! chunk is). A publish converts only the chunks an edit changed, then
//! splices the pieces with each chunk's current first line.
//!
//! A piece whose finding or fix reaches outside its chunk (a document-level
//! fix that inserts a section elsewhere) is converted again on every
//! publish; such findings are few.
//!
//! **Architecture Invariant:** every `"line"` spliced into a piece lies
//! inside its chunk (between the chunk's first and last line), so moving
//! the chunk moves every position in the piece with it. `build` checks the
//! byte ranges of findings and fix edits, and `cut_lines` checks each line
//! number it cuts out; a piece that fails either is written with absolute
//! positions instead. Tests: `a_line_outside_the_chunk_is_never_spliced`,
//! `spliced_json_equals_a_full_conversion_across_edits`.

use crate::convert;
use crate::transport::{push_json, Frame, RawMessage};
use ropey::Rope;
use secmd_core::analysis::Analysis;
use secmd_core::id_map::IdMap;
use secmd_core::text::Encoding;
use secmd_core::Finding;
use std::sync::Arc;
use tower_lsp::lsp_types::Url;

/// One chunk's diagnostics as JSON.
struct Piece {
    /// The publish that last used the piece.
    seen: u64,
    /// What the piece was built from (held, so pointer equality is sound).
    findings: Arc<Vec<Finding>>,
    /// `d1,d2,…` with the digits of every `"line":` value removed.
    json: Vec<u8>,
    /// Where each line number goes in `json`, and its value relative to
    /// the chunk's first line.
    lines: Vec<(usize, u32)>,
}

/// The per-chunk pieces of one open document.
#[derive(Default)]
pub struct DiagnosticsJson {
    pieces: IdMap<Piece>,
    encoding: Option<Encoding>,
    /// Size of the last notification, to allocate the next one at once.
    last_len: usize,
    /// Counts publishes, to drop the pieces of chunks that are gone.
    generation: u64,
}

impl DiagnosticsJson {
    /// The `publishDiagnostics` notification for `analysis` of the text in
    /// `rope`, framed: the body is written once, in place, however large
    /// it is.
    pub fn notification(
        &mut self,
        uri: &Url,
        version: Option<i32>,
        analysis: &Analysis,
        rope: &Rope,
        enc: Encoding,
    ) -> Frame {
        let mut message =
            RawMessage::notification("textDocument/publishDiagnostics", self.last_len);
        let out = message.value();
        let from = out.len();
        out.extend_from_slice(br#"{"uri":"#);
        push_json(out, uri.as_str());
        out.extend_from_slice(br#","diagnostics":"#);
        self.write_items(out, analysis, rope, enc);
        if let Some(v) = version {
            out.extend_from_slice(br#","version":"#);
            push_number(out, v.max(0) as usize);
        }
        out.push(b'}');
        self.last_len = out.len() - from;
        message.finish()
    }

    /// A full pull report (`DocumentDiagnosticReport` of kind `full`),
    /// written as the result of `reply`, from the same pieces.
    pub fn full_report(
        &mut self,
        result_id: &str,
        analysis: &Analysis,
        rope: &Rope,
        enc: Encoding,
        mut reply: RawMessage,
    ) -> Frame {
        let out = reply.value();
        out.reserve(self.last_len + 64);
        let from = out.len();
        out.extend_from_slice(br#"{"kind":"full","resultId":"#);
        push_json(out, result_id);
        out.extend_from_slice(br#","items":"#);
        self.write_items(out, analysis, rope, enc);
        out.push(b'}');
        self.last_len = out.len() - from;
        reply.finish()
    }

    /// Writes `[d1,d2,…]`: the pieces of unchanged chunks as kept, with
    /// their current first lines; new pieces for the others.
    fn write_items(&mut self, out: &mut Vec<u8>, analysis: &Analysis, rope: &Rope, enc: Encoding) {
        if self.encoding != Some(enc) {
            self.pieces.clear();
            self.encoding = Some(enc);
        }
        self.generation += 1;
        let generation = self.generation;
        out.push(b'[');
        let mut first = true;
        for part in &analysis.parts {
            if part.findings.is_empty() {
                continue;
            }
            // From the rope, for the few parts with findings: the view's
            // first line of every chunk walked all of them per keystroke.
            let start_line = rope.byte_to_line(part.start.min(rope.len_bytes()));
            if !first {
                out.push(b',');
            }
            first = false;
            let cached = self
                .pieces
                .get_mut(&part.chunk_id)
                .filter(|p| Arc::ptr_eq(&p.findings, &part.findings));
            let piece = match cached {
                Some(p) => p,
                None => match build(rope, part, start_line, enc) {
                    Some(p) => self.pieces.entry(part.chunk_id).insert_entry(p).into_mut(),
                    None => {
                        // Reaches outside the chunk: absolute, not kept.
                        write_absolute(out, rope, part, enc);
                        continue;
                    }
                },
            };
            let mut at = 0;
            for &(pos, rel) in &piece.lines {
                out.extend_from_slice(&piece.json[at..pos]);
                push_number(out, start_line + rel as usize);
                at = pos;
            }
            out.extend_from_slice(&piece.json[at..]);
            piece.seen = generation;
        }
        out.push(b']');
        self.pieces.retain(|_, p| p.seen == generation);
    }
}

/// Builds a chunk's piece, or `None` when a range reaches outside it.
fn build(
    rope: &Rope,
    part: &secmd_core::analysis::Part,
    start_line: usize,
    enc: Encoding,
) -> Option<Piece> {
    let end = part.start + part.len;
    let last_line = convert::position(rope, end, enc).line as usize;
    let inside =
        |r: &std::ops::Range<usize>| part.start <= r.start && r.start <= r.end && r.end <= end;
    let mut json = Vec::new();
    let mut lines = Vec::new();
    for (k, f) in part.findings.iter().enumerate() {
        let f = f.shifted(part.start);
        if !inside(&f.range)
            || f.fixes
                .iter()
                .flat_map(|x| &x.edits)
                .any(|e| !inside(&e.range))
        {
            return None;
        }
        if k > 0 {
            json.push(b',');
        }
        let d = convert::diagnostic(rope, &f, enc);
        let from = json.len();
        serde_json::to_writer(&mut json, &d).ok()?;
        cut_lines(&mut json, from, start_line..=last_line, &mut lines)?;
    }
    Some(Piece {
        seen: 0,
        findings: part.findings.clone(),
        json,
        lines,
    })
}

/// Removes the digits of every `"line":N` in `json[from..]`, recording
/// where they were and `N - start_line`; `None` when a line lies outside
/// `chunk` (the chunk's first and last line). The key can only be a key:
/// inside a JSON string its quotes would be escaped.
fn cut_lines(
    json: &mut Vec<u8>,
    from: usize,
    chunk: std::ops::RangeInclusive<usize>,
    lines: &mut Vec<(usize, u32)>,
) -> Option<()> {
    let start_line = *chunk.start();
    const KEY: &[u8] = br#""line":"#;
    let tail = json.split_off(from);
    let mut i = 0;
    while let Some(k) = tail[i..].windows(KEY.len()).position(|w| w == KEY) {
        let digits_at = i + k + KEY.len();
        json.extend_from_slice(&tail[i..digits_at]);
        let digits = tail[digits_at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let n: usize = std::str::from_utf8(&tail[digits_at..digits_at + digits])
            .ok()?
            .parse()
            .ok()?;
        if !chunk.contains(&n) {
            return None;
        }
        lines.push((json.len(), u32::try_from(n - start_line).ok()?));
        i = digits_at + digits;
    }
    json.extend_from_slice(&tail[i..]);
    Some(())
}

/// Writes a part's diagnostics with absolute positions, comma-separated.
fn write_absolute(
    out: &mut Vec<u8>,
    rope: &Rope,
    part: &secmd_core::analysis::Part,
    enc: Encoding,
) {
    for (k, f) in part.findings.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let d = convert::diagnostic(rope, &f.shifted(part.start), enc);
        // A diagnostic always serialises; keep the array valid regardless.
        if serde_json::to_writer(&mut *out, &d).is_err() {
            out.extend_from_slice(b"null");
        }
    }
}

fn push_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};
    use serde_json::Value;

    fn publish_json(
        cache: &mut DiagnosticsJson,
        analyzer: &mut Analyzer,
        doc: &Document,
        enc: Encoding,
    ) -> (Value, Value) {
        let config = Config::default();
        let options = Options {
            config: &config,
            today: Date::from_ymd(2026, 1, 1).unwrap(),
            files: &NoFiles,
        };
        let uri = Url::parse("file:///p/SECURITY.md").unwrap();
        let analysis = analyzer.analyze_parts(doc, &options);
        let frame = cache.notification(&uri, Some(3), &analysis, doc.rope(), enc);
        let bytes = frame.as_bytes();
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let header = std::str::from_utf8(&bytes[..split]).unwrap();
        assert_eq!(
            header,
            format!("Content-Length: {}\r\n\r\n", bytes.len() - split)
        );
        let got: Value = serde_json::from_slice(&bytes[split..]).unwrap();
        assert_lines_inside_chunks(&got["params"]["diagnostics"], &analysis, doc);
        let want: Vec<_> = analysis
            .findings()
            .iter()
            .map(|f| convert::diagnostic(doc.rope(), f, enc))
            .collect();
        let want = serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": {"uri": uri, "diagnostics": want, "version": 3},
        });
        (got, want)
    }

    #[test]
    fn spliced_json_equals_a_full_conversion_across_edits() {
        let text = "# Policy\r\n\r\nUpdated: 2020-01-01 😀 http://a.test\r\n\r\n## Reporting a Vulnerability\r\n\r\n\
                    Email security@example.com or http://b.test.\r\n\r\n## Other\r\n\r\n漢字 http://c.test/😀\r\n";
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let mut doc = Document::new(text);
            let mut analyzer = Analyzer::new();
            let mut cache = DiagnosticsJson::default();
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, enc);
            assert_eq!(got, want);
            // New lines above the later chunks: their pieces are reused
            // with new line numbers.
            doc.edit(10..10, "line\r\nline\r\n\r\n");
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, enc);
            assert_eq!(got, want);
            assert!(got["params"]["diagnostics"].as_array().unwrap().len() >= 4);
            // Delete a heading: chunks merge.
            let at = doc.text().find("## Other").unwrap();
            doc.edit(at..at + 3, "");
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, enc);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn lone_carriage_returns_count_as_line_breaks() {
        let text = "# Policy\r\rSee http://a.test.\r\r## Other\r\rhttp://b.test 😀 http://c.test\r";
        let mut doc = Document::new(text);
        // The second chunk starts after lone CRs: its first line counts them.
        assert_eq!(doc.chunks().len(), 2);
        let mut analyzer = Analyzer::new();
        let mut cache = DiagnosticsJson::default();
        let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, Encoding::Utf16);
        assert_eq!(got, want);
        doc.edit(9..9, "x\r\r");
        let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, Encoding::Utf16);
        assert_eq!(got, want);
    }

    /// Every diagnostic's lines lie inside the chunk of its part (the
    /// parts' findings are absolute and sorted like the diagnostics).
    fn assert_lines_inside_chunks(diags: &Value, analysis: &Analysis, doc: &Document) {
        let mut lines = Vec::new();
        collect_lines(diags, &mut lines);
        let chunk_lines: Vec<(usize, usize)> = analysis
            .parts
            .iter()
            .map(|p| {
                let r = doc.rope();
                (r.byte_to_line(p.start), r.byte_to_line(p.start + p.len))
            })
            .collect();
        for n in lines {
            assert!(
                chunk_lines.iter().any(|(a, b)| (*a..=*b).contains(&n)),
                "line {n} in no chunk {chunk_lines:?}"
            );
        }
    }

    fn collect_lines(v: &Value, out: &mut Vec<usize>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x.as_u64()) {
                        ("line", Some(n)) => out.push(n as usize),
                        _ => collect_lines(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect_lines(x, out)),
            _ => {}
        }
    }

    #[test]
    fn a_line_outside_the_chunk_is_never_spliced() {
        // A piece whose JSON names a line past its chunk (lines 3..=5) is
        // refused, so it is written with absolute positions instead.
        let piece =
            br#"{"range":{"start":{"line":4,"character":0},"end":{"line":6,"character":1}}}"#;
        let mut json = piece.to_vec();
        let mut lines = Vec::new();
        assert_eq!(cut_lines(&mut json, 0, 3..=5, &mut lines), None);
        let mut json = piece.to_vec();
        let mut lines = Vec::new();
        assert_eq!(cut_lines(&mut json, 0, 3..=6, &mut lines), Some(()));
        assert_eq!(
            String::from_utf8(json).unwrap(),
            r#"{"range":{"start":{"line":,"character":0},"end":{"line":,"character":1}}}"#
        );
        assert_eq!(lines, [(26, 1), (56, 3)]);
        // Before the chunk too.
        let mut json = piece.to_vec();
        assert_eq!(cut_lines(&mut json, 0, 5..=9, &mut Vec::new()), None);
    }

    #[test]
    fn numbers() {
        let mut v = Vec::new();
        for n in [0, 7, 10, 12345, usize::MAX] {
            v.clear();
            push_number(&mut v, n);
            assert_eq!(String::from_utf8(v.clone()).unwrap(), n.to_string());
        }
    }
}
