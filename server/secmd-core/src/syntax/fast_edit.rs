//! What the edits applied without a parse (`comment_edit`, `table_edit`)
//! share: which characters such an edit may type or delete, how to give an
//! edit to `Tree::edit` so that no token grows where a parse would not, and
//! the new text with its edited tree.

use super::document::{advance, point_in};
use super::parse::ChunkTree;
use std::borrow::Cow;
use std::ops::Range;
use tree_sitter::InputEdit;

/// Letters, digits, spaces and non-ASCII characters only: in an HTML
/// block's lines and a table's cells each ASCII punctuation character is a
/// visible token of its own (a typed backtick adds a node), while a word or
/// a run of spaces is one hidden token, which an edit may grow or split as
/// a parse would. No line break: lines are the blocks' structure.
fn is_plain(s: &str) -> bool {
    s.chars()
        .all(|c| c == ' ' || c.is_ascii_alphanumeric() || !c.is_ascii())
}

/// The edit as `Tree::edit` must get it ([`as_tree_edit`]) when both the
/// text it types and the text it deletes are plain ([`is_plain`]); `None`
/// when the edit must be parsed.
pub(super) fn plain_tree_edit<'t>(
    text: &str,
    old: Range<usize>,
    new_text: &'t str,
) -> Option<(Range<usize>, Cow<'t, str>)> {
    if !is_plain(new_text) || !is_plain(text.get(old.clone())?) {
        return None;
    }
    as_tree_edit(text, old, new_text)
}

/// An edit as `Tree::edit` must get it so that no punctuation token grows.
/// tree-sitter gives a pure insertion at a node's end to that node: typed
/// right after a punctuation token (`1.` then `2`), the token would take
/// the new characters, where a parse makes them a word of their own. The
/// same edit as a replacement of the next character by the typed ones plus
/// it leaves the token alone (a replacement starting at a node's end is not
/// that node's). `None` when that next character is not a letter or digit.
/// Any other edit is given as it is.
fn as_tree_edit<'t>(
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

/// The new text and `tree` with the edit applied (`Tree::edit` shifts and
/// resizes its nodes; nothing is parsed).
pub(super) fn apply_to_tree(
    text: &str,
    tree: &ChunkTree,
    old: Range<usize>,
    new_text: &str,
) -> (String, ChunkTree) {
    let mut new = String::with_capacity(text.len() + new_text.len() - old.len());
    new.push_str(&text[..old.start]);
    new.push_str(new_text);
    new.push_str(&text[old.end..]);
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
    (new, edited)
}
