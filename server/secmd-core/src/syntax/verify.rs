//! Paranoid check: the chunked model must equal a whole-document parse.
//!
//! Compared: the text (rope vs. concatenated chunks) and every block and
//! inline node (kind and absolute byte range). `document` and `section`
//! nodes are left out: they are wrappers whose extent depends on where the
//! parse starts, and secmd builds sections from heading levels instead.

use super::document::Document;
use super::parse::{parse_markdown, ChunkTree};
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
    let (mut got_block, mut got_inline) = (Vec::new(), Vec::new());
    for chunk in doc.chunks() {
        // The kept block tree is the incrementally maintained one: compare it.
        // Inline trees are always parsed fresh from a block tree, so a fresh
        // parse of the chunk's text gives them (and the block tree of chunks
        // whose tree was dropped).
        let fresh = parse_markdown(&chunk.text);
        let block = chunk.tree.as_deref().unwrap_or(&fresh);
        walk(block.block_tree().root_node(), chunk.start, &mut got_block);
        for t in fresh.inline_trees() {
            walk_tree(t, chunk.start, &mut got_inline);
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
    let kind = node.kind();
    if kind != "document" && kind != "section" && kind != "inline" {
        out.push((
            node.kind_id(),
            node.start_byte() + base,
            node.end_byte() + base,
        ));
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk(child, base, out);
    }
}
