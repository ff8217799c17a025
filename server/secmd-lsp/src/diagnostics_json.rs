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
//! The last message written is kept (it is shared with the frame, not
//! copied), with where each piece lies in it: the pieces whose first line
//! did not change are copied from it, consecutive ones as one run, so a
//! keystroke's publish is a few large copies plus the changed chunks'
//! pieces, not one small copy per chunk from scattered buffers.
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
use std::ops::Range;
use std::sync::Arc;
use tower_lsp::lsp_types::Url;

/// One chunk's diagnostics as JSON.
struct Piece {
    /// The chunk's id.
    chunk_id: u64,
    /// What the piece was built from (held, so pointer equality is sound).
    findings: Arc<Vec<Finding>>,
    /// `d1,d2,…` with the digits of every `"line":` value removed, and
    /// where each line number goes in it with its value relative to the
    /// chunk's first line. Read only when the chunk's first line changed.
    template: Box<Template>,
    /// Where the piece lies in the last message written, for a chunk
    /// starting at line `written_line`: copied from there while the lines
    /// above the chunk do not change, as on most keystrokes.
    at: Range<usize>,
    written_line: usize,
    /// The chunk's start and first line in the text last written for.
    at_start: usize,
    at_line: usize,
}

struct Template {
    json: Vec<u8>,
    lines: Vec<(usize, u32)>,
}

impl Template {
    /// Writes the piece's JSON for a chunk that starts at `start_line`.
    fn render(&self, out: &mut Vec<u8>, start_line: usize) {
        let mut at = 0;
        for &(pos, rel) in &self.lines {
            out.extend_from_slice(&self.json[at..pos]);
            push_number(out, start_line + rel as usize);
            at = pos;
        }
        out.extend_from_slice(&self.json[at..]);
    }
}

/// The per-chunk pieces of one open document.
#[derive(Default)]
pub struct DiagnosticsJson {
    /// The pieces of the last publish, in document order (inline, so the
    /// walk over them reads memory in order).
    pieces: Vec<Piece>,
    /// The last message written, which the pieces' `at` ranges point into
    /// (`None` when they point nowhere: before the first message, or after
    /// one that was not finished).
    last: Option<Arc<Vec<u8>>>,
    encoding: Option<Encoding>,
    /// Size of the last notification, to allocate the next one at once.
    last_len: usize,
    /// The revision of the text last written for (see [`Self::edited`]).
    written: Option<u64>,
    /// The edits since, each with the revision it made; `None` for a
    /// change whose lines are not followed (a new text).
    log: Vec<(u64, Option<LineEdit>)>,
}

/// One edit as applied to the text, to move the first lines of the
/// chunks after it without asking the rope (a `byte_to_line` per part with
/// findings was most of a publish in a document with thousands of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEdit {
    /// The bytes replaced, in the text before the edit.
    pub start: usize,
    pub old_end: usize,
    /// The length of the new text.
    pub new_len: usize,
    /// How many lines the text gained (`len_lines` after minus before).
    pub lines: isize,
}

/// The most edits followed from one write to the next; past it, lines
/// come from the rope.
const MAX_FOLLOWED: usize = 16;

/// Where a chunk that started at `start` on line `line` (its text, of
/// `len` bytes, unchanged) is after `edits`: the lines before it change
/// only with edits that end before it. `None` when an edit touches it or
/// the byte just before it.
fn follow_edits(
    mut start: usize,
    mut line: usize,
    len: usize,
    edits: &[LineEdit],
) -> Option<(usize, usize)> {
    for e in edits {
        if e.old_end < start {
            start = (start + e.new_len).checked_sub(e.old_end - e.start)?;
            line = line.checked_add_signed(e.lines)?;
        } else if e.start < start + len.max(1) {
            return None;
        }
    }
    Some((start, line))
}

/// How far past the next kept piece a part's piece is looked for before
/// the kept pieces are put in a map (an edit removes a few parts).
const LOOKAHEAD: usize = 64;

impl DiagnosticsJson {
    /// Records the edits that made text revision `revision` (`None`: the
    /// text was replaced some other way, and lines come from the rope).
    pub fn edited(&mut self, revision: u64, edits: Option<Vec<LineEdit>>) {
        if self.log.len() > MAX_FOLLOWED {
            // Nothing published for a while: the next write asks the rope.
            self.log.clear();
            self.written = None;
        }
        match edits {
            Some(edits) => self
                .log
                .extend(edits.into_iter().map(|e| (revision, Some(e)))),
            None => self.log.push((revision, None)),
        }
    }

    /// The `publishDiagnostics` notification for `analysis` of the text in
    /// `rope`, framed: the body is written once, in place, however large
    /// it is.
    pub fn notification(
        &mut self,
        uri: &Url,
        version: Option<i32>,
        revision: u64,
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
        self.write_items(out, revision, analysis, rope, enc);
        if let Some(v) = version {
            out.extend_from_slice(br#","version":"#);
            push_number(out, v.max(0) as usize);
        }
        out.push(b'}');
        self.last_len = out.len() - from;
        let frame = message.finish();
        self.last = Some(frame.shared());
        frame
    }

    /// A full pull report (`DocumentDiagnosticReport` of kind `full`),
    /// written as the result of `reply`, from the same pieces.
    pub fn full_report(
        &mut self,
        result_id: &str,
        revision: u64,
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
        self.write_items(out, revision, analysis, rope, enc);
        out.push(b'}');
        self.last_len = out.len() - from;
        let frame = reply.finish();
        self.last = Some(frame.shared());
        frame
    }

    /// Writes `[d1,d2,…]`: the pieces of unchanged chunks as kept, with
    /// their current first lines; new pieces for the others.
    ///
    /// Unchanged chunks keep their order, so the kept pieces are matched
    /// with the parts by walking both in document order: no lookup per
    /// part, and the pieces of the chunks that are gone are dropped. The
    /// `at` ranges of the pieces written point into `out` afterwards (the
    /// caller keeps the finished message as `last`).
    fn write_items(
        &mut self,
        out: &mut Vec<u8>,
        revision: u64,
        analysis: &Analysis,
        rope: &Rope,
        enc: Encoding,
    ) {
        if self.encoding != Some(enc) {
            self.pieces.clear();
            self.encoding = Some(enc);
        }
        // The edits from the text last written for to this one, when they
        // can be followed.
        let upto = self.log.partition_point(|(r, _)| *r <= revision);
        let edits: Option<Vec<LineEdit>> = self
            .written
            .filter(|&w| w <= revision)
            .and_then(|_| self.log[..upto].iter().map(|(_, e)| *e).collect());
        self.log.drain(..upto);
        self.written = Some(revision);
        let last = self.last.take();
        let mut old: Vec<Option<Piece>> = std::mem::take(&mut self.pieces)
            .into_iter()
            .map(Some)
            .collect();
        // Chunk ids are counters: a chunk newer than every kept piece has
        // none (the edited chunk, on most keystrokes).
        let newest = old.iter().flatten().map(|p| p.chunk_id).max();
        let mut cursor = 0;
        // The kept pieces from the cursor on, by chunk id, made when the
        // lookahead misses.
        let mut far: Option<IdMap<usize>> = None;
        let mut pieces = Vec::with_capacity(old.len() + 4);
        out.push(b'[');
        let mut first = true;
        // Kept pieces not copied yet: one range of `last`, holding the
        // pieces (and the commas between them) that follow each other there
        // as they do here. It is copied at `out.len()` when a piece that
        // does not continue it comes.
        let mut run: Option<Range<usize>> = None;
        // Before an item that does not continue the run: the run is copied,
        // then the comma after the item before, if there is one.
        let flush = |out: &mut Vec<u8>, run: &mut Option<Range<usize>>, comma: bool| {
            if let (Some(r), Some(last)) = (run.take(), last.as_deref()) {
                out.extend_from_slice(&last[r]);
            }
            if comma {
                out.push(b',');
            }
        };
        for part in &analysis.parts {
            let id = part.chunk_id;
            // A chunk newer than every kept piece has none.
            let known = newest.is_some_and(|n| id <= n);
            let near = || {
                old[cursor..]
                    .iter()
                    .take(LOOKAHEAD)
                    .position(|p| p.as_ref().is_some_and(|p| p.chunk_id == id))
                    .map(|k| cursor + k)
            };
            let found = known.then(near).flatten().or_else(|| {
                if !known {
                    return None;
                }
                let map = far.get_or_insert_with(|| {
                    old.iter()
                        .enumerate()
                        .skip(cursor)
                        .filter_map(|(k, p)| Some((p.as_ref()?.chunk_id, k)))
                        .collect()
                });
                map.get(&id).copied().filter(|&k| k >= cursor)
            });
            let kept = found.and_then(|k| {
                cursor = k + 1;
                old[k]
                    .take()
                    .filter(|p| Arc::ptr_eq(&p.findings, &part.findings))
            });
            // A kept piece was built from findings: only a part without
            // a piece is looked into (one read of scattered memory less
            // per part).
            if kept.is_none() && part.findings.is_empty() {
                continue;
            }
            let comma = !first;
            first = false;
            // Moved with the edits when the piece is kept, else from the
            // rope (for the few parts with findings: the view's first line
            // of every chunk walked all of them per keystroke).
            let start_line = kept
                .as_ref()
                .zip(edits.as_deref())
                .and_then(|(p, edits)| follow_edits(p.at_start, p.at_line, part.len, edits))
                .filter(|(start, _)| *start == part.start)
                .map_or_else(
                    || rope.byte_to_line(part.start.min(rope.len_bytes())),
                    |(_, line)| line,
                );
            let mut piece = match kept {
                Some(p) => p,
                None => match build(rope, part, start_line, enc) {
                    Some(p) => p,
                    None => {
                        // Reaches outside the chunk: absolute, not kept.
                        flush(out, &mut run, comma);
                        write_absolute(out, rope, part, enc);
                        continue;
                    }
                },
            };
            let copied = last.is_some() && piece.written_line == start_line && !piece.at.is_empty();
            if copied {
                let at = piece.at.clone();
                // `last` has a comma between consecutive pieces.
                let continues = comma && run.as_ref().is_some_and(|r| r.end + 1 == at.start);
                if !continues {
                    flush(out, &mut run, comma);
                    run = Some(at.start..at.start);
                }
                let r = run.as_mut().expect("a run was started above");
                let new_start = out.len() + (at.start - r.start);
                r.end = at.end;
                piece.at = new_start..new_start + at.len();
            } else {
                flush(out, &mut run, comma);
                let from = out.len();
                piece.template.render(out, start_line);
                (piece.at, piece.written_line) = (from..out.len(), start_line);
            }
            (piece.at_start, piece.at_line) = (part.start, start_line);
            pieces.push(piece);
        }
        flush(out, &mut run, false);
        out.push(b']');
        self.pieces = pieces;
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
        chunk_id: part.chunk_id,
        findings: part.findings.clone(),
        template: Box::new(Template { json, lines }),
        at: 0..0,
        written_line: 0,
        at_start: part.start,
        at_line: start_line,
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

    /// Edits `doc` and tells `cache`, as the server does (text revision
    /// `revision`).
    fn edit(
        cache: &mut DiagnosticsJson,
        doc: &mut Document,
        revision: u64,
        range: std::ops::Range<usize>,
        text: &str,
    ) {
        let applied = doc.clamp(range.clone());
        let before = doc.rope().len_lines();
        doc.edit(range, text);
        let after = doc.rope().len_lines();
        let e = LineEdit {
            start: applied.start,
            old_end: applied.end,
            new_len: text.len(),
            lines: after as isize - before as isize,
        };
        cache.edited(revision, Some(vec![e]));
    }

    fn publish_json(
        cache: &mut DiagnosticsJson,
        analyzer: &mut Analyzer,
        doc: &Document,
        revision: u64,
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
        let frame = cache.notification(&uri, Some(3), revision, &analysis, doc.rope(), enc);
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
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 1, enc);
            assert_eq!(got, want);
            // New lines above the later chunks: their pieces are reused
            // with new line numbers (moved with the edit).
            edit(&mut cache, &mut doc, 2, 10..10, "line\r\nline\r\n\r\n");
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 2, enc);
            assert_eq!(got, want);
            assert!(got["params"]["diagnostics"].as_array().unwrap().len() >= 4);
            // Two edits before one publish: a line break removed above the
            // last chunk, then one added (a CR joining an LF) above it.
            let at = doc.text().find("## Other").unwrap();
            edit(&mut cache, &mut doc, 3, at - 2..at - 1, "");
            let at = doc.text().find("## Other").unwrap();
            edit(&mut cache, &mut doc, 4, at - 2..at - 2, "x\r");
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 4, enc);
            assert_eq!(got, want);
            // Delete a heading: chunks merge.
            let at = doc.text().find("## Other").unwrap();
            edit(&mut cache, &mut doc, 5, at..at + 3, "");
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 5, enc);
            assert_eq!(got, want);
            // A text replaced another way: lines come from the rope.
            doc.edit(0..0, "\n\n");
            cache.edited(6, None);
            let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 6, enc);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn runs_copied_from_the_last_message_equal_a_full_conversion() {
        // Many chunks with findings, so that kept pieces form runs in the
        // last message; edits on one line (runs around the changed piece),
        // line breaks added and removed (pieces after them written again),
        // sections added and removed, in a fixed pseudo-random order.
        let mut text = String::from("# Policy\n\n");
        for i in 0..40 {
            text.push_str(&format!(
                "## Part {i}\n\nSee http://h{i}.test and mail a{i}@b..test.\n\n"
            ));
        }
        let mut doc = Document::new(&text);
        let mut analyzer = Analyzer::new();
        let mut cache = DiagnosticsJson::default();
        let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 1, Encoding::Utf16);
        assert_eq!(got, want);
        let mut seed = 7u64;
        for revision in 2..60 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let text = doc.text();
            let at = (seed >> 33) as usize % text.len();
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let (range, new) = match revision % 5 {
                0 => (at..at, "\n"),
                1 => (at..(at + 1).min(text.len()), ""),
                2 => (at..at, "\n## New http://n.test\n\n"),
                _ => (at..at, "x"),
            };
            let range = range.start
                ..(range.end..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap();
            edit(&mut cache, &mut doc, revision, range, new);
            let (got, want) =
                publish_json(&mut cache, &mut analyzer, &doc, revision, Encoding::Utf16);
            assert_eq!(got, want, "revision {revision}");
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
        let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 1, Encoding::Utf16);
        assert_eq!(got, want);
        // Lone CRs typed above the second chunk: its first line moves with
        // the edit, counting them.
        edit(&mut cache, &mut doc, 2, 9..9, "x\r\r");
        let (got, want) = publish_json(&mut cache, &mut analyzer, &doc, 2, Encoding::Utf16);
        assert_eq!(got, want);
    }

    #[test]
    fn lines_follow_edits_before_a_chunk_only() {
        let e = |start, old_end, new_len, lines| LineEdit {
            start,
            old_end,
            new_len,
            lines,
        };
        // Before: moved; after: unchanged; touching it or the byte before
        // it: unknown.
        assert_eq!(
            follow_edits(100, 10, 20, &[e(5, 8, 10, 2)]),
            Some((107, 12))
        );
        assert_eq!(
            follow_edits(100, 10, 20, &[e(120, 121, 0, -1)]),
            Some((100, 10))
        );
        assert_eq!(follow_edits(100, 10, 20, &[e(99, 100, 0, 0)]), None);
        assert_eq!(follow_edits(100, 10, 20, &[e(100, 100, 1, 0)]), None);
        assert_eq!(follow_edits(100, 10, 20, &[e(110, 111, 1, 0)]), None);
        // In order: the second edit is in the first one's coordinates.
        assert_eq!(
            follow_edits(100, 10, 20, &[e(0, 0, 50, 3), e(140, 141, 0, -1)]),
            Some((149, 12))
        );
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
