//! Tree-sitter queries from the crate's `queries/` folder, compiled once.
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
pub const BLOCK_STRUCTURE_SRC: &str = include_str!("../../queries/block/structure.scm");
/// Source of `queries/inline/elements.scm`: links, autolinks, code spans, HTML.
pub const INLINE_ELEMENTS_SRC: &str = include_str!("../../queries/inline/elements.scm");

/// The grammar a query file is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    Block,
    Inline,
}

/// Every query the core loads: its path under `queries/`, its source and
/// its grammar (for the compile test).
pub const ALL: &[(&str, &str, Grammar)] = &[
    ("block/structure.scm", BLOCK_STRUCTURE_SRC, Grammar::Block),
    ("inline/elements.scm", INLINE_ELEMENTS_SRC, Grammar::Inline),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every query compiles against its grammar (a query is otherwise only
    /// compiled on first use, at run time).
    #[test]
    fn every_query_compiles() {
        for (path, source, grammar) in ALL {
            let language = match grammar {
                Grammar::Block => block_language(),
                Grammar::Inline => inline_language(),
            };
            if let Err(e) = Query::new(&language, source) {
                panic!("queries/{path}: {e}");
            }
        }
    }

    /// Every `.scm` file in `queries/` is in [`ALL`], in its grammar's folder.
    #[test]
    #[allow(clippy::disallowed_methods)] // lists the crate's own query files
    fn every_query_file_is_listed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut found = Vec::new();
        for folder in ["block", "inline"] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().to_string();
                found.push(format!("{folder}/{name}"));
            }
        }
        found.sort();
        let mut listed: Vec<String> = ALL.iter().map(|(p, _, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(found, listed);
        for (path, _, grammar) in ALL {
            let folder = match grammar {
                Grammar::Block => "block/",
                Grammar::Inline => "inline/",
            };
            assert!(path.starts_with(folder), "{path} is not in {folder}");
        }
    }
}
