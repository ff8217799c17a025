//! The document model: a rope plus independently parsed chunks.
//!
//! Every mutation goes through [`Document::edit`], which keeps the rope and
//! the chunks in step: it re-scans chunk boundaries from the chunk before the
//! edit forward until they re-synchronise with the old ones, re-parses only
//! the chunks whose text changed (incrementally, with the edited old tree,
//! when the edit stays inside one chunk) and shifts the others.

use super::boundary::next_candidate;
use super::extract::extract;
use super::parse::{open_at_end, parse_for_model, ChunkTree};
use crate::model::ChunkModel;
use ropey::Rope;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Chunk ids are unique across all documents of the process, so an
/// `Analyzer` cache keyed by id can never confuse chunks of two documents
/// (or of a document rebuilt from scratch).
static NEXT_CHUNK_ID: AtomicU64 = AtomicU64::new(0);
use std::ops::Range;
use std::sync::Arc;
use tree_sitter::{InputEdit, Point};

/// An independently parsed piece of the document.
///
/// Trees and text are chunk-relative: byte 0 is [`Chunk::start`] in the
/// document. Moving a chunk (an edit before it) only changes `start`.
#[derive(Clone)]
pub struct Chunk {
    /// Absolute byte offset of the chunk in the document.
    pub start: usize,
    /// The chunk's text (a copy of the rope's bytes `start..start + text.len()`).
    pub text: Arc<str>,
    /// The block tree of `text`, kept only where it pays: for every chunk of
    /// a small document, and for the chunks the last edit re-parsed in a
    /// large one (the next keystroke most likely lands there again and
    /// re-parses incrementally). Inline trees are dropped once the model is
    /// extracted. A chunk without a tree is parsed from scratch when edited.
    pub tree: Option<Arc<ChunkTree>>,
    /// What the rules see of this chunk, extracted when it was parsed.
    pub model: Arc<ChunkModel>,
    /// Monotonic identity: a chunk whose text changes gets a new id, so
    /// caches keyed by id stay valid for chunks that only moved.
    pub id: u64,
}

impl Chunk {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end()
    }
}

/// A Markdown document: its text and its chunked syntax trees.
#[derive(Clone)]
pub struct Document {
    rope: Rope,
    /// Shared with clones (an analysis off the server's state lock holds
    /// one per keystroke): copied on write only while a clone still holds
    /// it, where a vector of 40,000 chunks was copied and dropped on every
    /// keystroke of a 10 MB document.
    chunks: Arc<Vec<Chunk>>,
    work: ParseWork,
    /// In a large document, the indexes of the only chunks that may hold a
    /// block tree (those the last edit parsed), so an edit drops the old
    /// trees without reading every chunk; `None`: any chunk may (a small
    /// document keeps them all).
    trees_at: Option<TreesAt>,
}

/// A range of chunk indexes, small (a chunk count fits in 32 bits: texts
/// over 16 MiB are never parsed), so the document stays small to move.
#[derive(Clone, Copy, Debug)]
struct TreesAt(u32, u32);

impl TreesAt {
    fn of(r: Range<usize>) -> Self {
        let n = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        TreesAt(n(r.start), n(r.end))
    }

    fn range(self) -> Range<usize> {
        self.0 as usize..self.1 as usize
    }
}

/// A batch of edits in progress (see [`Document::batch`]): the rope is
/// edited at once, the chunks once at the end.
pub struct Batch<'d> {
    doc: &'d mut Document,
    /// The region every edit so far lies in: the old text's bytes
    /// `.start..old_end` are the current text's `.start..new_end`.
    dirty: Option<Dirty>,
}

#[derive(Clone, Copy)]
struct Dirty {
    start: usize,
    old_end: usize,
    new_end: usize,
}

impl Batch<'_> {
    /// The current text, with the batch's edits so far applied (to convert
    /// the next edit's positions).
    pub fn rope(&self) -> &Rope {
        &self.doc.rope
    }

    /// The range [`Batch::edit`] will replace for `range`: clamped to the
    /// current text and rounded down to character boundaries
    /// ([`Document::clamp`]).
    pub fn clamp(&self, range: Range<usize>) -> Range<usize> {
        self.doc.clamp(range)
    }

    /// Replaces a byte range of the current text (clamped as in
    /// [`Document::edit`]) without re-parsing.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let Range { start, end } = self.doc.clamp(range);
        if start == end && new_text.is_empty() {
            return;
        }
        let rope = &mut self.doc.rope;
        let cs = rope.byte_to_char(start);
        let ce = rope.byte_to_char(end);
        rope.remove(cs..ce);
        rope.insert(cs, new_text);
        let after = start + new_text.len();
        self.dirty = Some(match self.dirty {
            None => Dirty {
                start,
                old_end: end,
                new_end: after,
            },
            // Bytes at or after `new_end` (current) are old bytes shifted
            // by `new_end - old_end`; so are those after this edit's end.
            Some(d) => {
                let reach = d.new_end.max(end);
                Dirty {
                    start: d.start.min(start),
                    old_end: reach + d.old_end - d.new_end,
                    new_end: reach + after - end,
                }
            }
        });
    }

    /// Re-parses what the batch changed (once). Returns the bytes of the
    /// new text the edits span (empty when nothing changed), e.g. for a
    /// caller that re-checks only the lines an edit touched.
    pub fn finish(mut self) -> Range<usize> {
        let span = self.dirty.map_or(0..0, |d| d.start..d.new_end);
        self.reparse();
        span
    }

    fn reparse(&mut self) {
        if let Some(d) = self.dirty.take() {
            self.doc.reparse(d.start, d.old_end, d.new_end);
        }
    }
}

impl Drop for Batch<'_> {
    /// A batch dropped unfinished re-parses too, except while a panic
    /// unwinds (a second panic there would abort): the caller then rebuilds
    /// the document from a copy it kept.
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.reparse();
        }
    }
}

/// How much parsing the last [`Document::new`] or [`Document::edit`] did:
/// counts, not time, so tests can hold the cost of a keystroke constant as
/// documents grow (`tests/complexity.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseWork {
    /// Chunks handed to tree-sitter (a chunk that grows is counted at each try).
    pub chunks_parsed: usize,
    /// Bytes handed to tree-sitter, over all those parses.
    pub bytes_parsed: usize,
    /// Chunk extents tried (parses plus pieces of the parallel cold parse).
    pub attempts: usize,
    /// Chunks created (the others were kept and shifted).
    pub chunks_new: usize,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("len", &self.rope.len_bytes())
            .field("chunks", &self.chunks.len())
            .finish()
    }
}

impl Document {
    /// Parses a whole text. Large texts are split at candidate boundaries
    /// and the pieces parsed on all cores; the usual sequential pass then
    /// validates every boundary, re-parsing only where pieces must merge.
    pub fn new(text: &str) -> Self {
        let mut doc = Document {
            rope: Rope::from_str(text),
            chunks: Arc::default(),
            work: ParseWork::default(),
            trees_at: None,
        };
        let pre = if text.len() >= PARALLEL_PARSE_MIN {
            parse_pieces_in_parallel(
                text,
                &candidate_boundaries(&doc.rope),
                text.len() <= KEEP_ALL_TREES_MAX,
            )
        } else {
            HashMap::new()
        };
        let mut pre = pre;
        let parsed = doc.parse_from_with(0, None, 0, None, &mut pre);
        doc.chunks = Arc::new(parsed.chunks);
        doc.drop_trees_except(u64::MAX, 0..0, 0..0, None);
        doc
    }

    /// In a large document, keeps block trees only for chunks parsed by the
    /// last edit (id at least `first_new`, at indexes `new`) that touch the
    /// edited range (see [`Chunk::tree`]); an edit that re-split many
    /// chunks keeps few trees. `old` is where the chunks the edit before
    /// parsed are now (`trees_at` moved with the edit), unless any chunk
    /// may hold a tree.
    fn drop_trees_except(
        &mut self,
        first_new: u64,
        edited: Range<usize>,
        new: Range<usize>,
        old: Option<Range<usize>>,
    ) {
        if self.len() <= KEEP_ALL_TREES_MAX {
            self.trees_at = None;
            return;
        }
        let n = self.chunks.len();
        let clamp = |r: Range<usize>| r.start.min(n)..r.end.min(n);
        let (new, old) = (clamp(new), old.map(clamp));
        let chunks = self.chunks_mut();
        let mut drop_in = |range: Range<usize>| {
            for c in &mut chunks[range] {
                let touches = c.start <= edited.end && edited.start <= c.end();
                if c.id < first_new || !touches {
                    c.tree = None;
                }
            }
        };
        match old {
            Some(old) => drop_in(old),
            None => drop_in(0..n),
        }
        drop_in(new.clone());
        self.trees_at = Some(TreesAt::of(new));
    }

    /// Where the chunks at `trees_at` are after `removed` (indexes) were
    /// replaced by `added` chunks; `None` when any chunk may hold a tree.
    fn trees_moved(&self, removed: Range<usize>, added: usize) -> Option<Range<usize>> {
        let at = self.trees_at?.range();
        let map = |i: usize| {
            if i <= removed.start {
                i
            } else if i >= removed.end {
                i - removed.len() + added
            } else {
                removed.start
            }
        };
        Some(map(at.start)..map(at.end).max(map(at.start)))
    }

    /// The parsing work of the last `new` or `edit`.
    pub fn last_work(&self) -> ParseWork {
        self.work
    }

    /// The current text.
    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// The length of the text in bytes.
    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.rope.len_bytes() == 0
    }

    /// The chunks, in document order, covering the text without gaps.
    pub fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// The chunks to change, copied first if a clone still shares them.
    fn chunks_mut(&mut self) -> &mut Vec<Chunk> {
        Arc::make_mut(&mut self.chunks)
    }

    /// The whole text as a `String` (O(n): for tests, fixes and the CLI).
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Text of a byte range (clamped to the document and to char boundaries).
    pub fn slice(&self, range: Range<usize>) -> String {
        let range = self.clamp(range);
        let a = self.rope.byte_to_char(range.start);
        let b = self.rope.byte_to_char(range.end);
        self.rope.slice(a..b).to_string()
    }

    /// Clamps a byte range to the document and rounds both ends down to
    /// character boundaries.
    pub fn clamp(&self, range: Range<usize>) -> Range<usize> {
        let len = self.rope.len_bytes();
        let floor = |b: usize| {
            let b = b.min(len);
            self.rope.char_to_byte(self.rope.byte_to_char(b))
        };
        let start = floor(range.start);
        let end = floor(range.end.max(range.start));
        start..end
    }

    /// Replaces a byte range with `new_text` and re-parses what changed.
    ///
    /// The range is clamped to the document and to character boundaries, so
    /// no input can corrupt the text or panic.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let mut batch = self.batch();
        batch.edit(range, new_text);
        batch.finish();
    }

    /// Starts a batch of edits (an LSP `didChange` with many content
    /// changes): each [`Batch::edit`] changes the text at once, with ranges
    /// in the text as the edits before it left it, and [`Batch::finish`]
    /// re-parses once, the region spanning every edit, instead of once per
    /// edit. Dropping the batch finishes it.
    pub fn batch(&mut self) -> Batch<'_> {
        self.work = ParseWork::default();
        Batch {
            doc: self,
            dirty: None,
        }
    }

    /// Re-parses after the rope changed: the old text's bytes
    /// `start..old_end` are now `start..new_end`, everything else unchanged
    /// (bytes after `old_end` moved by `new_end - old_end`).
    fn reparse(&mut self, start: usize, old_end: usize, new_end: usize) {
        let new_text = self.slice_exact(start..new_end);
        let new_text = new_text.as_str();
        // First affected chunk: the one holding `start`. When the edit touches
        // that chunk's first line and the line there is no longer a heading,
        // the boundary is gone and the chunk before must be re-parsed too.
        // (While it is still a heading line the boundary holds: the chunk
        // before is unchanged, and so is the state its parse ends in.)
        let mut k = self.chunk_index_at(start);
        let first_line_end = self.first_line_end_of_old_chunk(k);
        if k > 0 && start <= first_line_end && !self.heading_line_at(self.chunks[k].start) {
            k -= 1;
        }
        let m = self.chunk_index_at(old_end);
        let delta = new_text.len() as isize - (old_end - start) as isize;
        if k == m && self.edit_without_parse(k, start, old_end, new_text, delta) {
            return;
        }
        let resync = Resync {
            old_end,
            delta,
            tail_from: k,
        };
        // When the edit stays in one chunk: that chunk's extent after the
        // edit, tried first (typing inside an open block keeps the chunk as
        // it was), and its tree edited for an incremental re-parse if it
        // kept one. Without a tree (a large document's chunk not edited
        // since it was opened) the extent alone spares the chunk growing
        // candidate by candidate: the first keystroke in a 1 MB unclosed
        // comment parsed 2.9 MB in 14 attempts.
        let reuse = (k == m).then(|| {
            let chunk = &self.chunks[k];
            let tree = chunk.tree.as_ref().map(|old_tree| {
                let rel_start = start - chunk.start;
                let rel_old_end = old_end - chunk.start;
                let start_position = point_in(&chunk.text, rel_start);
                let mut tree = (**old_tree).clone();
                tree.edit(&InputEdit {
                    start_byte: rel_start,
                    old_end_byte: rel_old_end,
                    new_end_byte: rel_start + new_text.len(),
                    start_position,
                    old_end_position: point_in(&chunk.text, rel_old_end),
                    new_end_position: advance(start_position, new_text),
                });
                tree
            });
            // The edited tree describes the old chunk's extent shifted by
            // the edit; it is only valid for a new chunk of exactly that length.
            let expected_len = (chunk.text.len() as isize + delta) as usize;
            (tree, expected_len)
        });
        let from = self.chunks[k].start;
        let first_new_id = NEXT_CHUNK_ID.load(Ordering::Relaxed) + 1;
        let parsed = self.parse_from(from, reuse, k, Some(resync));
        // The new chunks replace the old ones in place: the chunks after
        // them are not moved to another vector and back (in a document of
        // tens of thousands of chunks, copying them was most of an edit's
        // own work), only their starts shift.
        let removed = parsed.keep..parsed.resume.unwrap_or(self.chunks.len());
        let added = parsed.chunks.len();
        let old_trees = self.trees_moved(removed.clone(), added);
        let chunks = self.chunks_mut();
        match parsed.resume {
            Some(idx) => {
                let rest = parsed.keep + parsed.chunks.len();
                chunks.splice(parsed.keep..idx, parsed.chunks);
                let mut empty = false;
                for c in &mut chunks[rest..] {
                    c.start = (c.start as isize + delta) as usize;
                    empty |= c.text.is_empty();
                }
                // The empty document's single empty chunk marks no
                // boundary: kept, it would survive at the end and let later
                // text start a chunk inside an unclosed code block (found by
                // the server's sync test). It is the only empty chunk there
                // can be, so dropping every empty one drops just it.
                if empty {
                    chunks.retain(|c| !c.text.is_empty());
                }
            }
            None => {
                chunks.truncate(parsed.keep);
                chunks.extend(parsed.chunks);
            }
        }
        let new = removed.start..removed.start + added;
        self.drop_trees_except(first_new_id, start..start + new_text.len(), new, old_trees);
    }

    /// Applies an edit inside chunk `k` without parsing, when it lies in
    /// the HTML comment ending the chunk (see `comment_edit`) or in a
    /// table cell (see `table_edit`) and cannot change the chunk's
    /// structure: the chunk is replaced, later chunks move.
    fn edit_without_parse(
        &mut self,
        k: usize,
        start: usize,
        old_end: usize,
        new_text: &str,
        delta: isize,
    ) -> bool {
        let chunk = &self.chunks[k];
        let Some(tree) = chunk.tree.as_deref() else {
            return false;
        };
        let old = start - chunk.start..old_end - chunk.start;
        let Some((text, tree, model)) =
            super::comment_edit::apply(&chunk.text, tree, &chunk.model, old.clone(), new_text)
                .or_else(|| {
                    super::table_edit::apply(&chunk.text, tree, &chunk.model, old, new_text)
                })
        else {
            return false;
        };
        let first_new_id = NEXT_CHUNK_ID.load(Ordering::Relaxed) + 1;
        let new = self.make_chunk(chunk.start, text, Some(tree), Some(model));
        let chunks = self.chunks_mut();
        chunks[k] = new;
        for c in &mut chunks[k + 1..] {
            c.start = (c.start as isize + delta) as usize;
        }
        let old_trees = self.trees_at.map(TreesAt::range);
        self.drop_trees_except(
            first_new_id,
            start..start + new_text.len(),
            k..k + 1,
            old_trees,
        );
        true
    }

    /// Index of the chunk containing byte `offset` (the last chunk for the end).
    fn chunk_index_at(&self, offset: usize) -> usize {
        match self.chunks.binary_search_by(|c| c.start.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Whether the line starting at `offset` (current text) can start a
    /// chunk: an ATX heading line that ends with a line break (the same test
    /// as the boundary scan's).
    fn heading_line_at(&self, offset: usize) -> bool {
        let line = self.rope.line(self.rope.byte_to_line(offset));
        let prefix: String = line.chars().take(8).collect();
        let n = line.len_bytes();
        let has_break = n > 0 && matches!(line.byte(n - 1), b'\n' | b'\r');
        has_break && super::boundary::is_atx_heading_line(&prefix)
    }

    /// The first characters of the line at `offset` (enough to classify it).
    fn line_prefix_at(&self, offset: usize) -> String {
        let line = self.rope.line(self.rope.byte_to_line(offset));
        line.chars().take(16).collect()
    }

    /// Whether `offset` (before the end) is the start of a line that can
    /// start a chunk.
    fn starts_candidate_line(&self, offset: usize) -> bool {
        offset < self.rope.len_bytes()
            && self.rope.line_to_byte(self.rope.byte_to_line(offset)) == offset
            && self.heading_line_at(offset)
    }

    /// End of the first line of chunk `k`, from its (old) text.
    fn first_line_end_of_old_chunk(&self, k: usize) -> usize {
        let chunk = &self.chunks[k];
        let text: &str = &chunk.text;
        chunk.start + text.find(['\n', '\r']).map_or(text.len(), |i| i + 1)
    }

    /// Parses chunks from byte `from` (a chunk start, of chunk `keep` when
    /// the document has chunks) to the end, or until boundaries
    /// re-synchronise with `old` (the chunks after the edit, still in
    /// `self.chunks` at their old starts).
    fn parse_from(
        &mut self,
        from: usize,
        reuse: Option<(Option<ChunkTree>, usize)>,
        keep: usize,
        old: Option<Resync>,
    ) -> Parsed {
        self.parse_from_with(from, reuse, keep, old, &mut HashMap::new())
    }

    /// [`Self::parse_from`] with pieces parsed ahead of time, keyed by start
    /// offset (with their end): used instead of parsing when they fit.
    fn parse_from_with(
        &mut self,
        from: usize,
        mut reuse: Option<(Option<ChunkTree>, usize)>,
        mut keep: usize,
        old: Option<Resync>,
        pre: &mut HashMap<usize, PreParsed>,
    ) -> Parsed {
        let len = self.rope.len_bytes();
        let mut out = Vec::new();
        let mut pos = from;
        if len == 0 {
            out.push(self.make_chunk(0, String::new(), None, None));
            return Parsed {
                chunks: out,
                keep,
                resume: None,
            };
        }
        // A chunk must reach at least this far (set when merging backwards).
        let mut min_end = 0;
        // How many heading chunks the next error merge goes back.
        let mut reach = 1;
        while pos < len {
            // Grow the chunk candidate by candidate until its end is a real
            // boundary: the parse shows nothing open that would swallow the
            // next heading line.
            let mut end = next_candidate(&self.rope, pos).unwrap_or(len);
            while end < min_end {
                end = next_candidate(&self.rope, end).unwrap_or(len);
            }
            let mut model = None;
            // How far the next attempt grows the chunk, in candidates: a
            // chunk that stays open (an unclosed `<!--` near the top) grows
            // 1, 2, 4… candidates at a time, so reaching its real end costs
            // about twice its length in parsing instead of one parse per
            // heading after it. The chunk may end at a later boundary than
            // the first valid one; any boundary the parse validates is exact.
            let mut growth = 1;
            // The edited chunk's old extent, tried once after the first
            // candidate: typing inside an open block keeps the chunk as it
            // was, and re-parsing it incrementally is cheap.
            let mut old_extent = reuse
                .as_ref()
                .map(|(_, n)| pos + n)
                .filter(|&e| e > end && (e == len || self.starts_candidate_line(e)));
            let (text, tree, recovery) = loop {
                self.work.attempts += 1;
                if let Some(piece) = pre.get(&pos) {
                    if piece.end == end {
                        let piece = pre.remove(&pos).expect("entry checked above");
                        if end == len || !piece.open_at_end {
                            model = Some(piece.model);
                            break (piece.text, piece.tree, piece.recovery);
                        }
                        end = self.grow(end, &mut growth, &mut old_extent);
                        continue;
                    }
                }
                let text = self.slice_exact(pos..end);
                // A chunk that grew or shrank (a boundary appeared or went)
                // is parsed from scratch: the edited old tree would still
                // describe bytes past the new end, and tree-sitter would
                // reuse them.
                let old = reuse.as_ref().filter(|(_, len)| *len == text.len());
                self.work.chunks_parsed += 1;
                self.work.bytes_parsed += text.len();
                let tree = parse_for_model(&text, old.and_then(|(t, _)| t.as_ref()));
                if end == len || !open_at_end(&tree, &text, &self.line_prefix_at(end)) {
                    let recovery = Recovery::of(&tree);
                    break (text, Some(tree), recovery);
                }
                end = self.grow(end, &mut growth, &mut old_extent);
            };
            reuse = None;
            // tree-sitter-md's error recovery depends on what precedes a
            // heading (a lone "# " at the end parses as ERROR on its own but
            // as a heading after other text). A chunk with a syntax error is
            // merged into the chunk before it, so that it parses with the
            // context a whole-document parse gives it. "The chunk before"
            // is the previous heading's: chunks that start at a paragraph,
            // list item or quote are merged too, back to the start of the
            // heading chunk before the one this chunk belongs to. One merge
            // is enough for an error inside the chunk; a chunk whose whole
            // parse is an ERROR node (a "- - " at the end of the text makes
            // tree-sitter give up on everything before it unless enough text
            // precedes it) keeps merging, twice as far back each time, until
            // its root is a document or it starts the text.
            let wants_context = match recovery {
                Recovery::Clean => false,
                Recovery::ErrorInside => min_end < end,
                Recovery::ErrorRoot => true,
            };
            if pos > 0 && wants_context {
                let mut headings = reach + usize::from(!self.heading_line_at(pos));
                reach *= 2;
                let mut merged = false;
                // The chunk before is the last new one, else the last kept.
                while let Some(prev) = out.pop().map(|c| c.start).or_else(|| {
                    keep = keep.checked_sub(1)?;
                    Some(self.chunks[keep].start)
                }) {
                    merged = true;
                    pos = prev;
                    if self.heading_line_at(pos) {
                        headings -= 1;
                    }
                    if headings == 0 || pos == 0 {
                        break;
                    }
                }
                if merged {
                    min_end = end;
                    continue;
                }
            }
            reach = 1;
            out.push(self.make_chunk(pos, text, tree, model));
            pos = end;
            if let Some(resume) = old.as_ref().and_then(|r| r.try_resync(pos, &self.chunks)) {
                return Parsed {
                    chunks: out,
                    keep,
                    resume: Some(resume),
                };
            }
        }
        Parsed {
            chunks: out,
            keep,
            resume: None,
        }
    }

    /// The next end to try for a chunk that is open at `end`: the edited
    /// chunk's old extent if not tried yet, else `growth` candidates further
    /// (doubling `growth`).
    fn grow(&self, end: usize, growth: &mut usize, old_extent: &mut Option<usize>) -> usize {
        let len = self.rope.len_bytes();
        if let Some(e) = old_extent.take().filter(|&e| e > end) {
            return e;
        }
        let mut next = end;
        for _ in 0..*growth {
            match next_candidate(&self.rope, next) {
                Some(c) => next = c,
                None => return len,
            }
        }
        *growth *= 2;
        next
    }

    fn make_chunk(
        &mut self,
        start: usize,
        text: String,
        tree: Option<ChunkTree>,
        model: Option<ChunkModel>,
    ) -> Chunk {
        // A piece of a large cold parse comes with its model and without
        // its tree (dropped at once to keep the peak memory down).
        let (tree, model) = match (tree, model) {
            (tree, Some(model)) => (tree, model),
            (tree, None) => {
                let tree = tree.unwrap_or_else(|| parse_for_model(&text, None));
                let model = extract(&text, &tree);
                (Some(tree), model)
            }
        };
        let id = NEXT_CHUNK_ID.fetch_add(1, Ordering::Relaxed) + 1;
        self.work.chunks_new += 1;
        Chunk {
            start,
            text: text.into(),
            tree: tree.map(|t| Arc::new(t.block_only())),
            model: Arc::new(model),
            id,
        }
    }

    fn slice_exact(&self, range: Range<usize>) -> String {
        let a = self.rope.byte_to_char(range.start);
        let b = self.rope.byte_to_char(range.end);
        self.rope.slice(a..b).to_string()
    }

    /// Checks the chunked trees against a fresh whole-document parse
    /// (paranoid mode). Returns a description of the first difference.
    pub fn verify(&self) -> Result<(), String> {
        super::verify::verify(self)
    }
}

/// Documents up to this size keep every chunk's block tree.
const KEEP_ALL_TREES_MAX: usize = 512 * 1024;

/// A piece parsed ahead of time by the parallel cold parse.
struct PreParsed {
    end: usize,
    text: String,
    /// Kept only for documents that keep every tree.
    tree: Option<ChunkTree>,
    model: ChunkModel,
    /// What the sequential pass asks of the tree (see `parse_from_with`).
    open_at_end: bool,
    recovery: Recovery,
}

/// Whether and where a chunk's parse hit a syntax error (see the merge in
/// `parse_from_with`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Recovery {
    Clean,
    /// An ERROR node somewhere below the document node.
    ErrorInside,
    /// The whole parse is one ERROR node.
    ErrorRoot,
}

impl Recovery {
    fn of(tree: &ChunkTree) -> Self {
        let root = tree.block_tree().root_node();
        if root.is_error() {
            Recovery::ErrorRoot
        } else if root.has_error() {
            Recovery::ErrorInside
        } else {
            Recovery::Clean
        }
    }
}

/// Texts at least this long are parsed on several threads when opened.
const PARALLEL_PARSE_MIN: usize = 32 * 1024;

/// How many groups of pieces each thread gets on average when a text is
/// parsed in parallel (see `parse_pieces_in_parallel`).
const GROUPS_PER_THREAD: usize = 8;

/// Every candidate boundary of a text, in order.
fn candidate_boundaries(rope: &Rope) -> Vec<usize> {
    let mut out = vec![0];
    let mut pos = 0;
    while let Some(next) = next_candidate(rope, pos) {
        out.push(next);
        pos = next;
    }
    out
}

/// Parses the pieces between consecutive candidate boundaries on all
/// available cores, extracting their models too. Keyed by start.
fn parse_pieces_in_parallel(
    text: &str,
    starts: &[usize],
    keep_trees: bool,
) -> HashMap<usize, PreParsed> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let pieces: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| (s, starts.get(i + 1).copied().unwrap_or(text.len())))
        .collect();
    // Contiguous groups of about equal bytes, several per thread, taken by
    // whichever thread is free: pieces differ in cost per byte (a table or
    // a page of links parses slower than prose), and with one group per
    // thread the 10 MB benchmark document left one core idle for a tenth
    // of the parse.
    let per_group = text.len().div_ceil(threads * GROUPS_PER_THREAD).max(1);
    let mut groups: Vec<&[(usize, usize)]> = Vec::new();
    let mut begin = 0;
    for i in 0..pieces.len() {
        let last = i + 1 == pieces.len();
        if last || pieces[i].1 - pieces[begin].0 >= per_group {
            groups.push(&pieces[begin..=i]);
            begin = i + 1;
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let parse_group = |group: &[(usize, usize)]| {
        group
            .iter()
            .map(|&(s, e)| {
                let piece = text[s..e].to_string();
                let tree = parse_for_model(&piece, None);
                let model = extract(&piece, &tree);
                let open_at_end = open_at_end(&tree, &piece, line_prefix(&text[e..]));
                let recovery = Recovery::of(&tree);
                (
                    s,
                    PreParsed {
                        end: e,
                        text: piece,
                        tree: keep_trees.then_some(tree),
                        model,
                        open_at_end,
                        recovery,
                    },
                )
            })
            .collect::<Vec<_>>()
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(groups.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(group) = groups.get(i) else {
                            break out;
                        };
                        out.extend(parse_group(group));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// The first characters of `text` (enough to classify its first line).
fn line_prefix(text: &str) -> &str {
    let mut end = text.len().min(16);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What a parse from some chunk on gives: new chunks to put after the
/// first `keep` old ones (fewer than the parse started after when a chunk
/// merged backwards), then the old chunks from index `resume` on, shifted
/// (none when the parse ran to the end).
struct Parsed {
    chunks: Vec<Chunk>,
    keep: usize,
    resume: Option<usize>,
}

/// Where the old chunks after an edit can be picked up again.
struct Resync {
    /// End of the replaced range, in old coordinates.
    old_end: usize,
    /// Length change of the text.
    delta: isize,
    /// Index of the first old chunk the edit may have changed: the old
    /// chunks from here on are looked for.
    tail_from: usize,
}

impl Resync {
    /// If `pos` (new coordinates) is the shifted start of an old chunk that
    /// lies wholly after the edit, the index of that chunk in `old`. Such a
    /// chunk has the same text as before and starts at a validated
    /// boundary, so it and the chunks after it (shifted) are still exact,
    /// trees included.
    fn try_resync(&self, pos: usize, old: &[Chunk]) -> Option<usize> {
        let target = pos as isize - self.delta;
        if target < self.old_end as isize {
            return None;
        }
        let tail = &old[self.tail_from..];
        let idx = tail
            .binary_search_by(|c| (c.start as isize).cmp(&target))
            .ok()?;
        Some(self.tail_from + idx)
    }
}

/// The tree-sitter point (row, byte column) of a byte offset in `text`.
/// tree-sitter counts rows at `\n` only, so a lone CR does not start a row.
pub(super) fn point_in(text: &str, offset: usize) -> Point {
    advance(Point { row: 0, column: 0 }, &text[..offset])
}

/// The point reached after `text` starting at `p`.
pub(super) fn advance(p: Point, text: &str) -> Point {
    match text.rfind('\n') {
        Some(last) => Point {
            row: p.row + text.bytes().filter(|&b| b == b'\n').count(),
            column: text.len() - last - 1,
        },
        None => Point {
            row: p.row,
            column: p.column + text.len(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_into_an_empty_document_leaves_no_empty_chunk() {
        let mut d = Document::new("");
        d.edit(0..0, "## Reporting\n");
        d.edit(13..13, "```\nhttp://code.org\n```\n");
        d.edit(14..14, "# Title\n");
        let len = d.len();
        d.edit(len..len, "# Title\n");
        assert_eq!(d.verify(), Ok(()));
        assert!(d.chunks().iter().all(|c| !c.text.is_empty()));
    }
}
