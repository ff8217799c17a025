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

use super::document::{advance, point_in};
use super::extract::reextract_html_block;
use super::parse::{last_top_level_block, ChunkTree};
use crate::model::ChunkModel;
use std::borrow::Cow;
use std::ops::Range;
use tree_sitter::InputEdit;

/// Letters, digits, spaces and non-ASCII characters only: in an HTML
/// block's lines and a table's cells each ASCII punctuation character is a
/// visible token of its own (a typed backtick adds a node), while a word or
/// a run of spaces is one hidden token, which an edit may grow or split as
/// a parse would. No line break: lines are the blocks' structure.
pub(super) fn is_plain(s: &str) -> bool {
    s.chars()
        .all(|c| c == ' ' || c.is_ascii_alphanumeric() || !c.is_ascii())
}

/// An edit as `Tree::edit` must get it so that no punctuation token grows.
/// tree-sitter gives a pure insertion at a node's end to that node: typed
/// right after a punctuation token (`1.` then `2`), the token would take
/// the new characters, where a parse makes them a word of their own. The
/// same edit as a replacement of the next character by the typed ones plus
/// it leaves the token alone (a replacement starting at a node's end is not
/// that node's). `None` when that next character is not a letter or digit.
/// Any other edit is given as it is.
pub(super) fn as_tree_edit<'t>(
    text: &str,
    old: Range<usize>,
    new_text: &'t str,
) -> Option<(Range<usize>, Cow<'t, str>)> {
    let after_punctuation = old.start > 0 && text.as_bytes()[old.start - 1].is_ascii_punctuation();
    if !(old.is_empty() && after_punctuation) {
        return Some((old, Cow::Borrowed(new_text)));
    }
    let next = text[old.start..].chars().next()?;
    if !next.is_alphanumeric() {
        return None;
    }
    Some((
        old.start..old.start + next.len_utf8(),
        Cow::Owned(format!("{new_text}{next}")),
    ))
}

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
    if !is_plain(new_text) || !is_plain(text.get(old.clone())?) {
        return None;
    }
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
    // The block's children are the zero-width `block_continuation` at each
    // line start (excluded above) and one token per ASCII punctuation
    // character; `Tree::edit` must not grow one (see `as_tree_edit`).
    let (old, new_text) = as_tree_edit(text, old, new_text)?;
    let new_text = &*new_text;
    let mut new = String::with_capacity(text.len() + new_text.len() - old.len());
    new.push_str(&text[..old.start]);
    new.push_str(new_text);
    new.push_str(&text[old.end..]);
    let delta = new_text.len() as isize - old.len() as isize;
    let new_line_end = (line_end as isize + delta) as usize;
    if text[line_start..line_end].contains("-->") || new[line_start..new_line_end].contains("-->") {
        return None;
    }
    let start_position = point_in(text, old.start);
    let mut edited = tree.clone();
    edited.edit(&InputEdit {
        start_byte: old.start,
        old_end_byte: old.end,
        new_end_byte: old.start + new_text.len(),
        start_position,
        old_end_position: point_in(text, old.end),
        new_end_position: advance(start_position, new_text),
    });
    let model = reextract_html_block(&new, model, block_start..new.len());
    Some((new, edited, model))
}
