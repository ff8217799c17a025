//! Tree-sitter queries from the repository's `queries/` folder, compiled once.
//!
//! Captures are always looked up by name ([`capture_index`]), never by
//! position, so a query file can be reordered without breaking the code.

use std::sync::LazyLock;
use tree_sitter::{Language, Query};

/// The block grammar of tree-sitter-md.
pub fn block_language() -> Language {
    tree_sitter_md::LANGUAGE.into()
}

/// The inline grammar of tree-sitter-md.
pub fn inline_language() -> Language {
    tree_sitter_md::INLINE_LANGUAGE.into()
}

/// Source of `queries/block/structure.scm`: the blocks the model is built from.
pub const BLOCK_STRUCTURE_SRC: &str = include_str!("../../../../queries/block/structure.scm");
/// Source of `queries/inline/elements.scm`: links, autolinks, code spans, HTML.
pub const INLINE_ELEMENTS_SRC: &str = include_str!("../../../../queries/inline/elements.scm");

/// Every query the core loads, with its grammar, for the compile test.
pub const ALL: &[(&str, &str, bool)] = &[
    ("block/structure.scm", BLOCK_STRUCTURE_SRC, false),
    ("inline/elements.scm", INLINE_ELEMENTS_SRC, true),
];

/// Compiled block structure query.
pub static BLOCK_STRUCTURE: LazyLock<Query> = LazyLock::new(|| {
    Query::new(&block_language(), BLOCK_STRUCTURE_SRC)
        .expect("queries/block/structure.scm compiles")
});

/// Compiled inline elements query.
pub static INLINE_ELEMENTS: LazyLock<Query> = LazyLock::new(|| {
    Query::new(&inline_language(), INLINE_ELEMENTS_SRC)
        .expect("queries/inline/elements.scm compiles")
});

/// The index of a capture by name; panics with the name if the query lacks it
/// (a programming error caught by the query tests).
pub fn capture_index(query: &Query, name: &str) -> u32 {
    query
        .capture_index_for_name(name)
        .unwrap_or_else(|| panic!("query has no capture @{name}"))
}
