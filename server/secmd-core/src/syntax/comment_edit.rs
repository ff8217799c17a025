//! An edit inside the HTML comment that ends a chunk, applied without
//! parsing: `<!--` typed near the top makes the rest of the text one HTML
//! block, and tree-sitter's incremental re-parse of that block costs as
//! much as a fresh parse of it (rust-analyzer re-lexes one token for an
//! edit inside a comment or string, for the same reason).
//!
//! A type-2 HTML block (`<!--`) ends at the first line holding `-->`; its
//! children are a `block_continuation` per line and a token per ASCII
//! punctuation character. An edit of letters, digits, spaces or non-ASCII
//! characters within one line after the block's first, touching no child
//! and leaving no `-->` on the line, changes no visible node: the old tree
//! with the edit applied (`Tree::edit` shifts the positions) has the nodes
//! a parse would give, and the model changes only in what the block itself
//! records (comments, links in attributes), which is extracted again from
//! the block's text. `tests/chunk_equality.rs` holds trees and
//! models equal to a fresh parse under random edits inside comments.

use super::extract::reextract_html_block;
use super::fast_edit::{apply_to_tree, plain_tree_edit};
use super::parse::{last_top_level_block, ChunkTree};
use crate::model::ChunkModel;
use std::ops::Range;

/// The chunk's new tree and model after replacing `old` (chunk-relative)
/// in `text` with `new_text`, when the edit lies inside one line of the
/// HTML comment block ending the chunk and cannot change its structure;
/// `None` when it must be parsed.
pub fn apply(
    text: &str,
    tree: &ChunkTree,
    model: &ChunkModel,
    old: Range<usize>,
    new_text: &str,
) -> Option<(String, ChunkTree, ChunkModel)> {
    // The block's children are the zero-width `block_continuation` at each
    // line start (excluded below) and one token per ASCII punctuation
    // character; `Tree::edit` must not grow one (see `fast_edit`). A
    // widened edit stays on its line: it only takes in a letter or digit.
    let (old, new_text) = plain_tree_edit(text, old, new_text)?;
    let block = last_top_level_block(tree.block_tree().root_node())?;
    let block_start = block.start_byte();
    if block.kind() != "html_block" || block.end_byte() != text.len() {
        return None;
    }
    let opener = text[block_start..].trim_start_matches(' ');
    let first_line_end = block_start + text[block_start..].find(['\n', '\r'])?;
    let line_start = text[..old.start].rfind(['\n', '\r'])? + 1;
    let line_end = text[old.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| old.end + i);
    // Not the block's first line (its `<!--`), not at a line start (where
    // the line's zero-width `block_continuation` sits).
    if !opener.starts_with("<!--") || line_start <= first_line_end || old.start == line_start {
        return None;
    }
    let (new, edited) = apply_to_tree(text, tree, old.clone(), &new_text);
    let delta = new_text.len() as isize - old.len() as isize;
    let new_line_end = (line_end as isize + delta) as usize;
    if text[line_start..line_end].contains("-->") || new[line_start..new_line_end].contains("-->") {
        return None;
    }
    let model = reextract_html_block(&new, model, block_start..new.len());
    Some((new, edited, model))
}
