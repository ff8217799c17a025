//! An edit inside one cell of a table's body row, applied without parsing:
//! a table cannot be cut into chunks (a row is a row only under its
//! header), so a 35,000-row versions table is one chunk, and tree-sitter's
//! incremental re-parse of it, then a walk of every cell, cost as much as
//! a fresh parse (issue 12: 5.9 × rumdl's time per keystroke at 1 MB).
//!
//! A body row's children are its cells and the `|` between them; a cell's
//! are one token per ASCII punctuation character (words and spaces are
//! hidden tokens). An edit of letters, digits, spaces or non-ASCII
//! characters strictly inside one cell changes no visible node but that
//! cell's extent: `Tree::edit` gives the nodes a parse would (an insertion
//! right after a punctuation token is given as a replacement: see
//! `fast_edit::as_tree_edit`). The model changes only in what the row
//! records (its cells, prose, bare URLs and addresses, date fields), which
//! is extracted again from the row; everything after the row moves.
//! A row holding inline syntax (`[`, `<`, `` ` ``, `\`, `&`, `!`) is parsed
//! as before: its links, code spans and tags would need its inline trees.
//! `tests/chunk_equality.rs` holds trees and models equal to a fresh parse
//! under random edits inside tables.

use super::extract::{inline_node, row, sort_inline};
use super::fast_edit::{apply_to_tree, plain_tree_edit};
use super::parse::{needs_inline_parse, ChunkTree};
use crate::model::{ChunkModel, DateField, Row, Table};
use std::ops::Range;
use tree_sitter::Node;

/// The chunk's new text, tree and model after replacing `old`
/// (chunk-relative) in `text` with `new_text`, when the edit lies inside
/// one cell of a table's body row and cannot change its structure; `None`
/// when it must be parsed.
pub fn apply(
    text: &str,
    tree: &ChunkTree,
    model: &ChunkModel,
    old: Range<usize>,
    new_text: &str,
) -> Option<(String, ChunkTree, ChunkModel)> {
    // A cell's children are its punctuation tokens: none may grow.
    let (old, new_text) = plain_tree_edit(text, old, new_text)?;
    let bytes = text.as_bytes();
    let root = tree.block_tree().root_node();
    let cell = ancestor(
        root.descendant_for_byte_range(old.start, old.end)?,
        "pipe_table_cell",
    )?;
    let row_node = cell.parent().filter(|r| r.kind() == "pipe_table_row")?;
    // Strictly after the cell's first character (an insertion at a node's
    // start shifts the node, where a parse would grow it), and up to its
    // end only where a `|` closes it (a last cell without one ends where
    // its trailing spaces start).
    if old.start <= cell.start_byte() || old.end > cell.end_byte() {
        return None;
    }
    // A cell of spaces only starts at its first space, where a cell with
    // text starts at the text: the first character typed there moves it.
    if bytes[cell.start_byte()].is_ascii_whitespace() {
        return None;
    }
    if old.end == cell.end_byte() && bytes.get(old.end) != Some(&b'|') {
        return None;
    }
    let old_row = row_node.byte_range();
    if needs_inline_parse(&bytes[old_row.clone()]) {
        return None;
    }
    // A row without a leading `|` starts its line with its first cell's
    // text, and a space typed there can make the line another block ("1.1.x"
    // becoming "1. 1.x", a list item). Such rows are parsed.
    if bytes.get(old_row.start) != Some(&b'|') {
        return None;
    }
    let (new, edited) = apply_to_tree(text, tree, old.clone(), &new_text);
    let delta = new_text.len() as isize - old.len() as isize;
    let new_root = edited.block_tree().root_node();
    let new_row = ancestor(
        new_root.descendant_for_byte_range(old.start, old.start + new_text.len())?,
        "pipe_table_row",
    )?;
    if new_row.byte_range() != (old_row.start..moved(old_row.end, old_row.end, delta)) {
        return None;
    }
    let model = splice_row(&new, model, new_row, old_row, delta);
    Some((new, edited, model))
}

/// `node` or its nearest ancestor of the given kind.
fn ancestor<'t>(mut node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    while node.kind() != kind {
        node = node.parent()?;
    }
    Some(node)
}

/// An offset of the old text in the new one: offsets from the end of the
/// edited row on move by `delta` (the edit lies inside the row).
fn moved(x: usize, row_end: usize, delta: isize) -> usize {
    if x >= row_end {
        x.wrapping_add_signed(delta)
    } else {
        x
    }
}

/// `model` with the row `old_row` (old text) extracted again from `row_node`
/// of the edited `text`, as [`super::extract`] would give it: the row's
/// cells, prose, bare links and addresses and date fields replace the old
/// ones (the row holds no inline syntax, so nothing else), and every range
/// from the row's end on moves by `delta`.
fn splice_row(
    text: &str,
    model: &ChunkModel,
    row_node: Node<'_>,
    old_row: Range<usize>,
    delta: isize,
) -> ChunkModel {
    let mut fresh = ChunkModel::default();
    let mut c = row_node.walk();
    for cell in row_node.named_children(&mut c) {
        if cell.kind() == "pipe_table_cell" {
            inline_node(text, cell, None, &mut fresh);
        }
    }
    sort_inline(&mut fresh);
    let new_row = row(text, row_node);
    // Date fields are found cell by cell within a row (a label cell and
    // the next): the row alone, as a one-row table, gives its fields.
    let alone = ChunkModel {
        tables: vec![Table {
            range: new_row.range.clone(),
            header: Row {
                range: new_row.range.start..new_row.range.start,
                cells: Vec::new(),
            },
            rows: vec![new_row.clone()],
        }],
        ..ChunkModel::default()
    };
    let dates = crate::model::dates::fields::extract(text, &alone);

    let end = old_row.end;
    let mv = |r: &Range<usize>| moved(r.start, end, delta)..moved(r.end, end, delta);
    let mut out = model.clone();
    for h in &mut out.headings {
        h.range = mv(&h.range);
        h.content = mv(&h.content);
    }
    for p in &mut out.paragraphs {
        *p = mv(p);
    }
    for b in &mut out.code_blocks {
        b.range = mv(&b.range);
    }
    for r in &mut out.code_spans {
        *r = mv(r);
    }
    for cm in &mut out.comments {
        cm.range = mv(&cm.range);
    }
    for r in &mut out.html {
        *r = mv(r);
    }
    for l in &mut out.lists {
        l.range = mv(&l.range);
        for item in &mut l.items {
            *item = mv(item);
        }
    }
    if let Some(fm) = &mut out.front_matter {
        *fm = mv(fm);
    }
    for t in &mut out.tables {
        let holds = t.range.start <= old_row.start && old_row.end <= t.range.end;
        t.range = mv(&t.range);
        move_row(&mut t.header, &mv);
        for r in &mut t.rows {
            move_row(r, &mv);
        }
        if holds {
            let at = t.rows.partition_point(|r| r.range.start < old_row.start);
            if let Some(slot) = t.rows.get_mut(at) {
                *slot = new_row.clone();
            }
        }
    }
    splice(
        &mut out.prose,
        fresh.prose,
        &old_row,
        |r| r.start,
        |r| *r = mv(r),
    );
    splice(
        &mut out.links,
        fresh.links,
        &old_row,
        |l| l.range.start,
        |l| {
            l.range = mv(&l.range);
            l.destination_range = mv(&l.destination_range);
        },
    );
    splice(
        &mut out.emails,
        fresh.emails,
        &old_row,
        |e| e.range.start,
        |e| e.range = mv(&e.range),
    );
    splice(
        &mut out.dates,
        dates,
        &old_row,
        |d: &DateField| d.value_range.start,
        |d| {
            d.label_range = mv(&d.label_range);
            d.value_range = mv(&d.value_range);
        },
    );
    out
}

fn move_row(row: &mut Row, mv: &impl Fn(&Range<usize>) -> Range<usize>) {
    row.range = mv(&row.range);
    for cell in &mut row.cells {
        cell.range = mv(&cell.range);
    }
}

/// Replaces the run of `items` (sorted by `start`) that starts in the
/// edited row `row` (old offsets) with `fresh` (new offsets, sorted) and
/// moves every other item.
fn splice<T>(
    items: &mut Vec<T>,
    fresh: Vec<T>,
    row: &Range<usize>,
    start: impl Fn(&T) -> usize,
    mut mv: impl FnMut(&mut T),
) {
    let from = items.partition_point(|i| start(i) < row.start);
    let to = items.partition_point(|i| start(i) < row.end);
    let n = fresh.len();
    items.splice(from..to, fresh);
    for (i, item) in items.iter_mut().enumerate() {
        if i < from || i >= from + n {
            mv(item);
        }
    }
}
