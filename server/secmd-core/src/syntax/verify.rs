//! Paranoid check: the chunked model must equal a whole-document parse.
//!
//! Compared: the text (rope vs. concatenated chunks), every block and
//! inline node (kind and absolute byte range), and each chunk's model with
//! a fresh extraction of its text. `document` and `section`
//! nodes are left out: they are wrappers whose extent depends on where the
//! parse starts, and secmd builds sections from heading levels instead. A
//! list that runs across chunks (one chunk per run of items) is compared as
//! the one list it is: its pieces' entries are joined.

use super::document::Document;
use super::extract::extract;
use super::parse::{
    continues_list, first_top_level_block, last_top_level_block, parse_markdown, ChunkTree,
};
use tree_sitter::{Node, Tree};

/// (kind id, absolute start, absolute end). Block and inline ids are never mixed.
type NodeKey = (u16, usize, usize);

pub fn verify(doc: &Document) -> Result<(), String> {
    let text = doc.text();
    let mut joined = String::with_capacity(text.len());
    let mut expected_start = 0;
    for chunk in doc.chunks() {
        if chunk.start != expected_start {
            return Err(format!(
                "chunk starts at byte {} but the previous one ended at {}",
                chunk.start, expected_start
            ));
        }
        joined.push_str(&chunk.text);
        expected_start = chunk.end();
    }
    if joined != text {
        let at = joined
            .bytes()
            .zip(text.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(joined.len().min(text.len()));
        return Err(format!("chunk text differs from the rope at byte {at}"));
    }

    let whole = parse_markdown(&text);
    let (mut want_block, mut want_inline) = (Vec::new(), Vec::new());
    collect(&whole, 0, &mut want_block, &mut want_inline);
    let (mut got_block, mut got_inline): (Vec<NodeKey>, Vec<NodeKey>) = (Vec::new(), Vec::new());
    // The chunk before: its block tree, its length, and the index in
    // `got_block` of the list it ends with, if it reaches its end.
    let mut before: Option<(ChunkTree, usize, Option<usize>)> = None;
    for chunk in doc.chunks() {
        // The kept block tree is the incrementally maintained one: compare it.
        // Inline trees are always parsed fresh from a block tree, so a fresh
        // parse of the chunk's text gives them (and the block tree of chunks
        // whose tree was dropped).
        let fresh = parse_markdown(&chunk.text);
        let block = chunk.tree.as_deref().unwrap_or(&fresh);
        let root = block.block_tree().root_node();
        let first = got_block.len();
        // A list continued from the chunk before is one list with it, as
        // in the whole parse: its node extends that list's entry.
        let continued = before.as_ref().and_then(|(tree, len, open)| {
            let open = (*open)?;
            continues_list(tree, *len, block).then_some(open)
        });
        let mut skip = None;
        if let Some(open) = continued {
            let list = first_list(root).expect("continues_list saw a list");
            got_block[open].2 = chunk.start + list.end_byte();
            skip = Some(list.id());
        }
        walk_skipping(root, chunk.start, skip, &mut got_block);
        let ends_in_list = last_list(root).filter(|l| l.end_byte() == chunk.text.len());
        let open = ends_in_list.and_then(|l| {
            if Some(l.id()) == skip {
                continued
            } else {
                let key = (
                    l.kind_id(),
                    chunk.start + l.start_byte(),
                    chunk.start + l.end_byte(),
                );
                got_block[first..]
                    .iter()
                    .position(|k| *k == key)
                    .map(|i| first + i)
            }
        });
        before = Some((block.block_only(), chunk.text.len(), open));
        for t in fresh.inline_trees() {
            walk_tree(t, chunk.start, &mut got_inline);
        }
        // The model too: a chunk edited without a parse (`comment_edit`)
        // or extracted from a prefiltered parse records what a fresh
        // extraction of its text records.
        if *chunk.model != extract(&chunk.text, &fresh) {
            return Err(format!(
                "the model of the chunk at byte {} differs from a fresh extraction of its text",
                chunk.start
            ));
        }
        if block.block_tree().root_node().to_sexp() != fresh.block_tree().root_node().to_sexp() {
            return Err(format!(
                "the incrementally parsed tree of the chunk at byte {} differs from a fresh parse of its text",
                chunk.start
            ));
        }
    }
    compare("block", &want_block, &got_block)?;
    want_inline.sort_unstable();
    got_inline.sort_unstable();
    compare("inline", &want_inline, &got_inline)
}

fn compare(what: &str, want: &[NodeKey], got: &[NodeKey]) -> Result<(), String> {
    if let Some(i) = (0..want.len().min(got.len())).find(|&i| want[i] != got[i]) {
        return Err(format!(
            "{what} node {i} differs: whole-document parse has (kind {}, bytes {}..{}), chunks have (kind {}, bytes {}..{})",
            want[i].0, want[i].1, want[i].2, got[i].0, got[i].1, got[i].2
        ));
    }
    if want.len() != got.len() {
        return Err(format!(
            "{what} trees differ in size: whole-document parse has {} nodes, chunks have {}",
            want.len(),
            got.len()
        ));
    }
    Ok(())
}

fn collect(tree: &ChunkTree, base: usize, block: &mut Vec<NodeKey>, inline: &mut Vec<NodeKey>) {
    walk(tree.block_tree().root_node(), base, block);
    for t in tree.inline_trees() {
        walk_tree(t, base, inline);
    }
}

fn walk_tree(tree: &Tree, base: usize, out: &mut Vec<NodeKey>) {
    walk(tree.root_node(), base, out);
}

fn walk(node: Node<'_>, base: usize, out: &mut Vec<NodeKey>) {
    walk_skipping(node, base, None, out);
}

/// [`walk`] without the entry of the node with id `skip` (its descendants
/// are kept).
fn walk_skipping(node: Node<'_>, base: usize, skip: Option<usize>, out: &mut Vec<NodeKey>) {
    let kind = node.kind();
    if kind != "document" && kind != "section" && kind != "inline" && Some(node.id()) != skip {
        out.push((
            node.kind_id(),
            node.start_byte() + base,
            node.end_byte() + base,
        ));
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk_skipping(child, base, skip, out);
    }
}

/// The first top-level block of a chunk, if it is a list.
fn first_list(root: Node<'_>) -> Option<Node<'_>> {
    first_top_level_block(root).filter(|n| n.kind() == "list")
}

/// The last top-level block of a chunk, if it is a list.
fn last_list(root: Node<'_>) -> Option<Node<'_>> {
    last_top_level_block(root).filter(|n| n.kind() == "list")
}
