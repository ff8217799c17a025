//! The whole-document view over the chunk models, with absolute ranges.

use super::*;
use crate::memo::{ChunkMemo, Slot};
use crate::text::position::count_line_breaks;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// One chunk's model placed in the document.
#[derive(Debug, Clone)]
pub struct PlacedChunk {
    /// Absolute offset of the chunk.
    pub start: usize,
    pub text: Arc<str>,
    pub model: Arc<ChunkModel>,
    /// What document rules keep about this chunk between analyses.
    pub memo: Arc<ChunkMemo>,
    /// The chunk's id in the analyzer that placed it (0 outside one): a
    /// document rule that keeps per-chunk state updates it from
    /// [`crate::rules::ChunkDelta`] by these ids.
    pub id: u64,
}

impl PlacedChunk {
    /// A chunk with an empty memo.
    pub fn new(start: usize, text: Arc<str>, model: Arc<ChunkModel>) -> Self {
        PlacedChunk {
            start,
            text,
            model,
            memo: Arc::default(),
            id: 0,
        }
    }

    /// Absolute end of the chunk.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether the chunk shares bytes with `r` (or holds the empty range).
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        self.start <= r.end && r.start < self.end().max(self.start + 1)
    }

    /// This chunk alone as a document view at offset 0, for per-chunk work
    /// that reuses whole-document helpers (results are chunk-relative).
    pub fn alone(&self) -> DocumentModel {
        DocumentModel::new(
            vec![PlacedChunk {
                start: 0,
                ..self.clone()
            }],
            self.text.len(),
        )
    }
}

/// A section: a heading and everything up to the next heading of the same
/// or a higher level (so a section includes its subsections).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Heading,
    /// From the heading's start to the section's end.
    pub range: Range<usize>,
    /// After the heading line to the section's end.
    pub body: Range<usize>,
}

/// All chunk models of a document, presented with absolute ranges.
///
/// Accessors shift copies of the chunk-relative items; rules never see
/// chunk-relative ranges.
#[derive(Debug, Clone)]
pub struct DocumentModel {
    /// Shared with the analyzer that built the view, which updates its own
    /// copy in place on the next keystroke (see `Analyzer`) instead of
    /// placing every chunk again; cloning a view shares it too.
    chunks: Arc<Vec<PlacedChunk>>,
    len: usize,
    /// The indexes of the chunks that hold a heading, in order: what the
    /// heading walks read (most chunks of a long list or text have none,
    /// and looking for the next heading read all of them on every
    /// keystroke of a policy with few). Kept by the analyzer like `chunks`;
    /// `None` in other views (a chunk alone, tests), which are scanned.
    headed: Option<Arc<Vec<usize>>>,
    /// Line breaks before each chunk (a prefix sum over the chunks' memoised
    /// counts), built on the first line question: without it each
    /// [`Self::line_of`] summed every earlier chunk, quadratic when asked
    /// once per chunk or finding of a large document.
    first_lines: OnceLock<Vec<usize>>,
}

macro_rules! shifted_items {
    ($(#[$doc:meta])* $name:ident, $field:ident, $ty:ty, |$item:ident, $d:ident| $shift:expr) => {
        $(#[$doc])*
        pub fn $name(&self) -> impl Iterator<Item = $ty> + '_ {
            self.chunks.iter().flat_map(|c| {
                let $d = c.start;
                c.model.$field.iter().map(move |$item| $shift)
            })
        }
    };
}

/// The indexes in `range` of the chunks that hold a heading.
pub fn headed_chunks(
    chunks: &[PlacedChunk],
    range: Range<usize>,
) -> impl Iterator<Item = usize> + '_ {
    range.filter(|&i| !chunks[i].model.headings.is_empty())
}

fn sh(r: &Range<usize>, d: usize) -> Range<usize> {
    r.start + d..r.end + d
}

/// Line breaks in a chunk (memoised).
fn chunk_breaks(c: &PlacedChunk) -> usize {
    *c.memo
        .once(Slot::Lines, || count_line_breaks(c.text.as_bytes()))
}

fn shift_table(t: &Table, d: usize) -> Table {
    let row = |r: &Row| Row {
        range: sh(&r.range, d),
        cells: r
            .cells
            .iter()
            .map(|c| Cell {
                range: sh(&c.range, d),
                text: c.text.clone(),
            })
            .collect(),
    };
    Table {
        range: sh(&t.range, d),
        header: row(&t.header),
        rows: t.rows.iter().map(row).collect(),
    }
}

impl DocumentModel {
    /// A view over placed chunks (in document order) of a text of `len` bytes.
    pub fn new(chunks: Vec<PlacedChunk>, len: usize) -> Self {
        Self::shared(Arc::new(chunks), len)
    }

    /// A view over placed chunks that someone else keeps too.
    pub fn shared(chunks: Arc<Vec<PlacedChunk>>, len: usize) -> Self {
        DocumentModel {
            chunks,
            len,
            headed: None,
            first_lines: OnceLock::new(),
        }
    }

    /// [`Self::shared`] with the indexes of the chunks that hold a
    /// heading (see [`headed_chunks`]), kept by the caller too.
    pub fn shared_with(chunks: Arc<Vec<PlacedChunk>>, len: usize, headed: Arc<Vec<usize>>) -> Self {
        debug_assert!(headed
            .iter()
            .copied()
            .eq(headed_chunks(&chunks, 0..chunks.len())));
        DocumentModel {
            headed: Some(headed),
            ..Self::shared(chunks, len)
        }
    }

    /// The chunks from index `from` on that hold a heading, with their
    /// indexes.
    pub fn headed_from(&self, from: usize) -> impl Iterator<Item = (usize, &PlacedChunk)> + '_ {
        let (listed, scanned) = match &self.headed {
            Some(h) => (&h[h.partition_point(|&i| i < from)..], None),
            None => (
                &[][..],
                Some(headed_chunks(&self.chunks, from..self.chunks.len())),
            ),
        };
        listed
            .iter()
            .copied()
            .chain(scanned.into_iter().flatten())
            .map(|i| (i, &self.chunks[i]))
    }

    /// Every heading by reference, with its chunk's start (as
    /// [`Self::items`] gives them, reading only the chunks with headings).
    pub fn heading_items(&self) -> impl Iterator<Item = (usize, &Heading)> + '_ {
        self.headed_from(0)
            .flat_map(|(_, c)| c.model.headings.iter().map(move |h| (c.start, h)))
    }

    /// Length of the document in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The placed chunks.
    pub fn chunks(&self) -> &[PlacedChunk] {
        &self.chunks
    }

    /// The index of the chunk holding `offset` (the last chunk for the end).
    pub fn chunk_index(&self, offset: usize) -> usize {
        match self.chunks.binary_search_by(|c| c.start.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The chunks that share bytes with any of `ranges` (every chunk when
    /// `None`), with their indexes, in order. Found by binary search: a
    /// section of a large document touches a few of its chunks.
    pub fn chunks_in<'a>(
        &'a self,
        ranges: Option<&'a [Range<usize>]>,
    ) -> impl Iterator<Item = (usize, &'a PlacedChunk)> + 'a {
        let picked: Option<Vec<usize>> = ranges.map(|rs| {
            let mut picked = Vec::new();
            for r in rs {
                let mut i = self.chunk_index(r.start);
                while let Some(c) = self.chunks.get(i) {
                    if c.start > r.end {
                        break;
                    }
                    if c.overlaps(r) {
                        picked.push(i);
                    }
                    i += 1;
                }
            }
            picked.sort_unstable();
            picked.dedup();
            picked
        });
        let all = picked.is_none().then_some(0..self.chunks.len());
        picked
            .into_iter()
            .flatten()
            .chain(all.into_iter().flatten())
            .map(move |i| (i, &self.chunks[i]))
    }

    /// Items of every chunk by reference, with the chunk's offset (add it to
    /// their ranges): the cheap way to scan a large document.
    pub fn items<'a, T: 'a>(
        &'a self,
        field: fn(&ChunkModel) -> &[T],
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        self.chunks
            .iter()
            .flat_map(move |c| field(&c.model).iter().map(move |t| (c.start, t)))
    }

    /// Text of any absolute range, across chunks (borrowed when it lies in
    /// one chunk). Out-of-range parts are left out.
    pub fn text_in(&self, range: Range<usize>) -> Cow<'_, str> {
        let one = self.slice(range.clone());
        if !one.is_empty() || range.is_empty() {
            return Cow::Borrowed(one);
        }
        let mut s = String::new();
        for c in self.chunks.iter().filter(|c| c.overlaps(&range)) {
            let a = range.start.max(c.start) - c.start;
            let b = range.end.min(c.end()) - c.start;
            s.push_str(c.text.get(a..b).unwrap_or(""));
        }
        Cow::Owned(s)
    }

    /// The whole text (a copy: rules ask for it only on rare paths).
    pub fn full_text(&self) -> String {
        let mut s = String::with_capacity(self.len);
        for c in self.chunks.iter() {
            s.push_str(&c.text);
        }
        s
    }

    /// Line number (1-based) of a byte offset, for messages. Lines break at
    /// LF, CRLF and lone CR, as in LSP; line counts of chunks are kept in
    /// their memos.
    pub fn line_of(&self, offset: usize) -> usize {
        let i = self.chunk_index(offset);
        let before = self.chunk_first_lines().get(i).copied().unwrap_or(0);
        let within = self.chunks.get(i).map_or(0, |c| {
            let end = offset.saturating_sub(c.start).min(c.text.len());
            count_line_breaks(&c.text.as_bytes()[..end])
        });
        before + within + 1
    }

    /// A [`LineCursor`]: line numbers of many offsets in increasing order
    /// (every row of a table) in one pass, where each [`Self::line_of`]
    /// counts from its chunk's start (quadratic over a one-chunk table).
    pub fn line_cursor(&self) -> LineCursor<'_> {
        LineCursor {
            doc: self,
            at: None,
        }
    }

    /// Text of an absolute range that lies within one chunk (every model
    /// item does). Returns "" for a range that spans chunks or is invalid.
    pub fn slice(&self, range: Range<usize>) -> &str {
        let i = match self.chunks.binary_search_by(|c| c.start.cmp(&range.start)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let Some(c) = self.chunks.get(i) else {
            return "";
        };
        let (Some(a), Some(b)) = (
            range.start.checked_sub(c.start),
            range.end.checked_sub(c.start),
        ) else {
            return "";
        };
        c.text.get(a..b).unwrap_or("")
    }

    /// The zero-based line on which each chunk starts (chunks start at
    /// line starts), from the line counts in the chunks' memos; computed
    /// once per view.
    pub fn chunk_first_lines(&self) -> &[usize] {
        self.first_lines.get_or_init(|| {
            let mut line = 0;
            self.chunks
                .iter()
                .map(|c| {
                    let first = line;
                    line += chunk_breaks(c);
                    first
                })
                .collect()
        })
    }

    /// Headings, real and bold pseudo-headings, in document order.
    pub fn headings(&self) -> impl Iterator<Item = Heading> + '_ {
        self.heading_items().map(|(d, h)| Heading {
            range: sh(&h.range, d),
            content: sh(&h.content, d),
            ..h.clone()
        })
    }
    shifted_items!(
        /// Paragraph ranges.
        paragraphs, paragraphs, Range<usize>, |p, d| sh(p, d));
    shifted_items!(
        /// Links and URLs.
        links, links, Link, |l, d| Link { range: sh(&l.range, d), destination_range: sh(&l.destination_range, d), ..l.clone() });
    shifted_items!(
        /// Email addresses.
        emails, emails, Email, |e, d| Email { range: sh(&e.range, d), ..e.clone() });
    shifted_items!(
        /// Code blocks.
        code_blocks, code_blocks, CodeBlock, |c, d| CodeBlock { range: sh(&c.range, d), ..c.clone() });
    shifted_items!(
        /// HTML comments.
        comments, comments, Comment, |c, d| Comment { range: sh(&c.range, d), ..c.clone() });
    shifted_items!(
        /// Prose ranges.
        prose, prose, Range<usize>, |p, d| sh(p, d));
    /// Lists, in document order. A list cut into chunks (one huge list is
    /// chunked between its items) is one list again: a list that ends its
    /// chunk and one that starts the next with the same marker are joined,
    /// as a whole-document parse has them (`parse::continues_list`).
    pub fn lists(&self) -> Vec<List> {
        let mut out: Vec<List> = Vec::new();
        // Index in `out` of the list that reaches the end of the chunk before.
        let mut open: Option<usize> = None;
        for c in self.chunks.iter() {
            let end = c.start + c.text.len();
            let mut next_open = None;
            for (j, l) in c.model.lists.iter().enumerate() {
                let shifted = List {
                    range: sh(&l.range, c.start),
                    items: l.items.iter().map(|i| sh(i, c.start)).collect(),
                    marker: l.marker,
                };
                let joined = match open {
                    Some(k) if j == 0 && l.range.start == 0 && out[k].marker == l.marker => {
                        let to = &mut out[k];
                        to.range.end = shifted.range.end;
                        to.items.extend(shifted.items);
                        Some(k)
                    }
                    _ => {
                        out.push(shifted);
                        None
                    }
                };
                // The outermost list reaching the chunk's end comes first.
                if c.model.ends_in_list && next_open.is_none() && l.range.end == c.text.len() {
                    next_open = Some(joined.unwrap_or(out.len() - 1));
                }
            }
            open = next_open.filter(|_| end > c.start);
        }
        out
    }
    shifted_items!(
        /// Date fields.
        dates, dates, DateField, |f, d| DateField { label_range: sh(&f.label_range, d), value_range: sh(&f.value_range, d), ..f.clone() });

    /// Tables.
    pub fn tables(&self) -> impl Iterator<Item = Table> + '_ {
        self.chunks
            .iter()
            .flat_map(|c| c.model.tables.iter().map(move |t| shift_table(t, c.start)))
    }

    /// Tables as stored, each with the offset of its chunk (add it to any
    /// range for the absolute one). For readers that look at a few fields:
    /// `tables` copies every cell's text, which for a 1 MB table was a
    /// large part of each keystroke's analysis.
    pub fn tables_unshifted(&self) -> impl Iterator<Item = (usize, &Table)> + '_ {
        self.chunks
            .iter()
            .flat_map(|c| c.model.tables.iter().map(move |t| (c.start, t)))
    }

    /// Tables inside `range`, as stored, each with the offset of its chunk
    /// (see [`DocumentModel::tables_unshifted`]), from the chunks that
    /// overlap it only. A rule that runs on every keystroke reads a large
    /// table in place: `tables_in` copied all its cells.
    pub fn tables_in_unshifted<'a>(
        &'a self,
        range: &'a Range<usize>,
    ) -> impl Iterator<Item = (usize, &'a Table)> + 'a {
        self.chunks_in(Some(std::slice::from_ref(range)))
            .flat_map(|(_, c)| c.model.tables.iter().map(move |t| (c.start, t)))
            .filter(|(d, t)| range.start <= t.range.start + d && t.range.end + d <= range.end)
    }

    /// Tables inside `range`, from the chunks that overlap it only.
    pub fn tables_in(&self, range: &Range<usize>) -> Vec<Table> {
        self.tables_in_unshifted(range)
            .map(|(d, t)| shift_table(t, d))
            .collect()
    }

    /// Front matter, if the document has any.
    pub fn front_matter(&self) -> Option<Range<usize>> {
        let c = self.chunks.first()?;
        c.model.front_matter.as_ref().map(|r| sh(r, c.start))
    }

    /// Sections built from heading levels (bold pseudo-headings included, at
    /// level 7).
    pub fn sections(&self) -> Vec<Section> {
        let headings: Vec<Heading> = self.headings().collect();
        let mut out = Vec::with_capacity(headings.len());
        for (i, h) in headings.iter().enumerate() {
            let end = headings[i + 1..]
                .iter()
                .find(|n| n.level <= h.level)
                .map_or(self.len, |n| n.range.start);
            out.push(Section {
                heading: h.clone(),
                range: h.range.start..end,
                body: h.range.end.min(end)..end,
            });
        }
        out
    }
}

/// Line numbers of offsets asked in increasing order, each counted on from
/// the last one (see [`DocumentModel::line_cursor`]); an offset before the
/// last one or in another chunk is counted from scratch, so any order is
/// correct and increasing order within a chunk is linear.
pub struct LineCursor<'d> {
    doc: &'d DocumentModel,
    /// The last offset asked: its chunk index, offset and line.
    at: Option<(usize, usize, usize)>,
}

impl LineCursor<'_> {
    /// Line number (1-based) of a byte offset, as [`DocumentModel::line_of`].
    pub fn line_of(&mut self, offset: usize) -> usize {
        let i = self.doc.chunk_index(offset);
        let line = match (self.at, self.doc.chunks.get(i)) {
            (Some((ci, from, line)), Some(c)) if ci == i && from <= offset => {
                let text = c.text.as_bytes();
                let a = from.saturating_sub(c.start).min(text.len());
                let b = offset.saturating_sub(c.start).min(text.len());
                // A CR counted as a lone break at `a` and the LF after it
                // are one break once both are in the prefix.
                let split_crlf = a > 0 && a < b && text[a - 1] == b'\r' && text[a] == b'\n';
                line + count_line_breaks(&text[a..b]) - usize::from(split_crlf)
            }
            _ => self.doc.line_of(offset),
        };
        self.at = Some((i, offset, line));
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Document;

    fn view(text: &str) -> DocumentModel {
        let d = Document::new(text);
        let placed = d
            .chunks()
            .iter()
            .map(|c| PlacedChunk::new(c.start, c.text.clone(), c.model.clone()))
            .collect();
        DocumentModel::new(placed, d.len())
    }

    /// The cursor agrees with `line_of` at every offset, in order and back,
    /// across chunks and between the CR and LF of a CRLF.
    #[test]
    fn line_cursor_counts_as_line_of() {
        let text = "# A\r\n\r\n| v | s |\r\n| - | - |\r\n| 1 | x |\rlone\n\n## B\nz\r\n";
        let doc = view(text);
        assert!(doc.chunks.len() > 1);
        let mut cursor = doc.line_cursor();
        for at in (0..=text.len()).chain((0..=text.len()).rev()) {
            assert_eq!(cursor.line_of(at), doc.line_of(at), "offset {at}");
        }
    }

    /// `line_of` (prefix sums over the chunks) agrees with a count over the
    /// whole text at every offset of a many-chunk document, and the view's
    /// first lines are those of its chunks.
    #[test]
    fn line_of_counts_as_the_whole_text() {
        let mut text = String::from("# Policy\r\n\r\n");
        for i in 0..40 {
            text.push_str(&format!("## S{i}\n\nline\rlone\r\ncrlf\n\n- a\n- b\n\n"));
        }
        let doc = view(&text);
        assert!(doc.chunks.len() > 40, "{} chunks", doc.chunks.len());
        for at in 0..=text.len() {
            let want = count_line_breaks(&text.as_bytes()[..at]) + 1;
            assert_eq!(doc.line_of(at), want, "offset {at}");
        }
        let firsts: Vec<usize> = doc
            .chunks
            .iter()
            .map(|c| count_line_breaks(&text.as_bytes()[..c.start]))
            .collect();
        assert_eq!(doc.chunk_first_lines(), firsts);
    }
}
