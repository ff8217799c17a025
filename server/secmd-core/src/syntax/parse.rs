//! tree-sitter-md parsing of one chunk, and the check that a chunk ends in
//! a state where the next column-0 heading line really is a heading.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use tree_sitter::{InputEdit, Node, Parser, Range, Tree};

/// The block tree of a chunk and the inline trees of its `inline` and
/// `pipe_table_cell` nodes (tree-sitter-md's two grammars).
///
/// This replaces `tree_sitter_md::MarkdownTree` so that an edit can re-parse
/// the block tree incrementally while inline trees are always parsed fresh:
/// `MarkdownParser` pairs old and new inline trees by position, and after an
/// edit that adds or removes an inline node it reuses the wrong old tree
/// (found by the chunk-equality property test).
#[derive(Debug, Clone)]
pub struct ChunkTree {
    block: Tree,
    inline: Vec<Tree>,
    /// Block node id -> index into `inline`.
    inline_index: HashMap<usize, usize>,
    /// Block node ids of inline nodes left unparsed because their text
    /// cannot hold anything the model records (see [`needs_inline_parse`]).
    plain: HashSet<usize>,
}

/// What is known of the inline content of an `inline` or `pipe_table_cell`
/// block node.
#[derive(Debug, Clone, Copy)]
pub enum Inline<'t> {
    /// Parsed with the inline grammar.
    Parsed(&'t Tree),
    /// Not parsed: the text holds no byte that starts inline syntax the
    /// model records, so parsing it would find no element (only prose).
    Plain,
    /// Not parsed (tree-sitter refused the ranges); nothing is known.
    Missing,
}

impl ChunkTree {
    pub fn block_tree(&self) -> &Tree {
        &self.block
    }

    /// The inline tree of an `inline` or `pipe_table_cell` block node.
    pub fn inline_tree(&self, node: &Node<'_>) -> Option<&Tree> {
        self.inline_index.get(&node.id()).map(|&i| &self.inline[i])
    }

    /// The inline content of an `inline` or `pipe_table_cell` block node,
    /// including whether it was skipped as plain text.
    pub fn inline(&self, node: &Node<'_>) -> Inline<'_> {
        if let Some(tree) = self.inline_tree(node) {
            Inline::Parsed(tree)
        } else if self.plain.contains(&node.id()) {
            Inline::Plain
        } else {
            Inline::Missing
        }
    }

    /// All inline trees, in document order.
    pub fn inline_trees(&self) -> &[Tree] {
        &self.inline
    }

    /// A copy holding only the block tree (inline trees are large and only
    /// needed while the model is extracted).
    pub fn block_only(&self) -> ChunkTree {
        ChunkTree {
            block: self.block.clone(),
            inline: Vec::new(),
            inline_index: HashMap::new(),
            plain: HashSet::new(),
        }
    }

    /// Applies an edit to the block tree, ready for an incremental re-parse.
    pub fn edit(&mut self, edit: &InputEdit) {
        self.block.edit(edit);
    }
}

struct Parsers {
    block: Parser,
    inline: Parser,
}

thread_local! {
    // Parsers hold state worth reusing; one pair per thread keeps parallel
    // parsing lock-free.
    static PARSERS: RefCell<Parsers> = RefCell::new({
        let mut block = Parser::new();
        block.set_language(&tree_sitter_md::LANGUAGE.into()).expect("block grammar loads");
        let mut inline = Parser::new();
        inline.set_language(&tree_sitter_md::INLINE_LANGUAGE.into()).expect("inline grammar loads");
        Parsers { block, inline }
    });
}

/// Parses Markdown for model extraction, re-using `old`'s block tree
/// (already edited to match `text`) when given. Inline trees are always
/// parsed fresh, except for inline nodes whose text cannot hold an element
/// the model records: those are marked [`Inline::Plain`] and not parsed
/// (most inline nodes of a policy are plain prose, and the inline grammar is
/// about half of all parsing time).
pub fn parse_for_model(text: &str, old: Option<&ChunkTree>) -> ChunkTree {
    parse(text, old, true)
}

/// Parses Markdown with every inline tree, re-using `old`'s block tree
/// (already edited to match `text`) when given.
pub fn parse_markdown_with(text: &str, old: Option<&ChunkTree>) -> ChunkTree {
    parse(text, old, false)
}

/// The bytes that can start inline syntax the model records: links and
/// images (`[`, `!`), autolinks and HTML (`<`) and code spans (`` ` ``).
/// Escapes (`\`), entities (`&`) and `]`/`>` are included to stay on the
/// safe side: a node holding one of them is parsed. Emphasis (`*`, `_`) is
/// not: the model records none, and no delimiter run can make or unmake a
/// link, code span, autolink or tag in a text that has none of the bytes
/// those start with (a table of `:white_check_mark:` cells parsed every
/// cell's inline tree on every keystroke).
const INLINE_TRIGGERS: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"[]<>`!\\&";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether an inline node's text (its whole byte range, block
/// continuations included, a superset of what the inline parser sees) may
/// hold an element the model records.
pub fn needs_inline_parse(node_text: &[u8]) -> bool {
    node_text.iter().any(|&b| INLINE_TRIGGERS[b as usize])
}

/// What tree-sitter parses: `text` with every NUL byte replaced by `?`.
/// On a NUL byte tree-sitter-md's error recovery grew superlinearly (100 KB
/// with a NUL in every section took minutes) and the syntax error made
/// every chunk holding one merge with the next; no other control byte
/// gives an error (each C0 control and DEL was tried). Same length, so
/// every byte offset and point stays valid, and still UTF-8. Chunks and
/// the whole-document check parse the same way, so chunk equality holds.
/// `control-character` reports the bytes.
pub fn parser_input(text: &str) -> Cow<'_, str> {
    if !text.as_bytes().contains(&0) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace('\0', "?"))
}

fn parse(text: &str, old: Option<&ChunkTree>, prefilter: bool) -> ChunkTree {
    let input = parser_input(text);
    let text: &str = &input;
    PARSERS.with(|p| {
        let p = &mut *p.borrow_mut();
        // No timeout or cancellation flag is ever set, so parsing cannot fail.
        const NEVER_FAILS: &str = "tree-sitter parse without timeout or cancellation cannot fail";
        let mut block = p
            .block
            .parse(text, old.map(|t| &t.block))
            .expect(NEVER_FAILS);
        // tree-sitter's error recovery after an incremental re-parse can
        // differ from a fresh parse's (found by the list-edit property
        // test: a text ending in `- - 1. `), and chunks must equal a whole
        // parse: a tree with an error is parsed again from scratch (rare:
        // no policy of the corpus has one).
        if old.is_some() && block.root_node().has_error() {
            block = p.block.parse(text, None).expect(NEVER_FAILS);
        }
        let mut inline = Vec::new();
        let mut inline_index = HashMap::new();
        let mut plain = HashSet::new();
        // Depth-first, children in order, so inline trees come in document
        // order; one cursor for the whole walk (a cursor and a vector of
        // children per node was most of an edit's cost in a huge table).
        let mut cursor = block.walk();
        'walk: loop {
            let node = cursor.node();
            let kind = node.kind();
            let is_inline = kind == "inline" || kind == "pipe_table_cell";
            if is_inline {
                let bytes = text.as_bytes().get(node.byte_range()).unwrap_or_default();
                if prefilter && !needs_inline_parse(bytes) {
                    plain.insert(node.id());
                } else {
                    let ranges = inline_ranges(node);
                    if p.inline.set_included_ranges(&ranges).is_ok() {
                        if let Some(tree) = p.inline.parse(text, None) {
                            inline_index.insert(node.id(), inline.len());
                            inline.push(tree);
                        }
                    }
                }
            }
            // Inline nodes' children (block continuations) are not walked,
            // nor blocks that hold no inline node.
            if !is_inline && !super::extract::holds_no_inline(kind) && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        drop(cursor);
        p.inline.set_included_ranges(&[]).ok();
        ChunkTree {
            block,
            inline,
            inline_index,
            plain,
        }
    })
}

/// The ranges of an inline node minus its named children (block
/// continuations such as `>` markers), as tree-sitter-md computes them.
fn inline_ranges(node: Node<'_>) -> Vec<Range> {
    let mut range = node.range();
    let mut ranges = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        let child_range = child.range();
        ranges.push(Range {
            start_byte: range.start_byte,
            start_point: range.start_point,
            end_byte: child_range.start_byte,
            end_point: child_range.start_point,
        });
        range.start_byte = child_range.end_byte;
        range.start_point = child_range.end_point;
    }
    ranges.push(range);
    ranges
}

/// Parses Markdown text from scratch (block and inline trees).
pub fn parse_markdown(text: &str) -> ChunkTree {
    parse_markdown_with(text, None)
}

/// Whether the chunk's last top-level block would continue into a following
/// column-0 `#` line, so that line would *not* start a heading.
///
/// Only top-level blocks matter: a `#` line at column 0 closes every
/// container (list items need indentation, block quotes a `>`, and lazy
/// continuation applies to paragraphs only). Of the top-level blocks, only an
/// unclosed fenced code block and an unfinished HTML block swallow it
/// (front matter is handled by the boundary scanner).
///
/// `next_line` is the start of the line after the chunk: a list item or a
/// quote after a blank line (a non-heading boundary) would continue a list
/// the chunk ends with.
pub fn open_at_end(tree: &ChunkTree, text: &str, next_line: &str) -> bool {
    // tree-sitter's error recovery is not local: an ERROR node in a
    // whole-document parse can run across a heading line. A chunk with a
    // syntax error is therefore never ended early (rare in practice: no
    // policy of the corpus has one).
    if tree.block_tree().root_node().has_error() {
        return true;
    }
    let Some(last) = last_top_level_block(tree.block_tree().root_node()) else {
        return false;
    };
    // After a blank line, a list item or quote would continue the list
    // (a loose list): kept whole. Right after an item, a column-0 item is
    // the list's next item (`boundary`'s tight-list candidate): the item
    // before is closed, and the two chunks' lists are one list, which
    // `continues_list` recognises.
    if last.kind() == "list"
        && !super::boundary::is_atx_heading_line(next_line)
        && super::boundary::line_start_after_blank(next_line)
            == Some(super::boundary::Start::Container)
        && ends_with_blank_line(text)
    {
        return true;
    }
    match last.kind() {
        "fenced_code_block" => {
            let mut cursor = last.walk();
            let delimiters = last
                .children(&mut cursor)
                .filter(|c| c.kind() == "fenced_code_block_delimiter")
                .count();
            delimiters < 2
        }
        // The block is read as tree-sitter read it: a NUL after `<` made
        // `<?`, a processing instruction open until `?>`.
        "html_block" => match text.get(last.byte_range()) {
            Some(block) => html_block_open(&parser_input(block), text),
            None => true,
        },
        _ => false,
    }
}

/// Whether the chunk after `prev` begins with the next items of the list
/// `prev` ends with: `prev`'s last top-level block is a list reaching its
/// end, `next`'s first is a list at its start, with the same bullet. A
/// whole-document parse has one list there (a bullet list ends only where
/// something else comes between or the bullet changes).
pub fn continues_list(prev: &ChunkTree, prev_len: usize, next: &ChunkTree) -> bool {
    let Some(last) = last_top_level_block(prev.block_tree().root_node()) else {
        return false;
    };
    let Some(first) = first_top_level_block(next.block_tree().root_node()) else {
        return false;
    };
    ends_in_list(prev, prev_len)
        && first.kind() == "list"
        && first.start_byte() == 0
        && list_marker(last) == list_marker(first)
}

/// Whether a chunk of `len` bytes ends with a top-level list that reaches
/// its end (and has a marker).
pub fn ends_in_list(tree: &ChunkTree, len: usize) -> bool {
    last_top_level_block(tree.block_tree().root_node()).is_some_and(|last| {
        last.kind() == "list" && last.end_byte() == len && list_marker(last).is_some()
    })
}

/// The kind of a list's first marker (`list_marker_minus`…), which names
/// its bullet or delimiter.
pub fn list_marker<'t>(list: Node<'t>) -> Option<&'t str> {
    let item = list.named_child(0)?;
    let kind = item.child(0)?.kind();
    kind.starts_with("list_marker").then_some(kind)
}

/// The first block of the document that is not a `section` wrapper.
pub(crate) fn first_top_level_block(root: Node<'_>) -> Option<Node<'_>> {
    let mut node = root;
    loop {
        let child = node.named_child(0)?;
        if child.kind() == "section" {
            node = child;
        } else {
            return Some(child);
        }
    }
}

/// The last block of the document that is not a `section` wrapper.
pub(crate) fn last_top_level_block(root: Node<'_>) -> Option<Node<'_>> {
    let mut node = root;
    loop {
        let child = node.named_child(node.named_child_count().checked_sub(1)? as u32)?;
        if child.kind() == "section" {
            node = child;
        } else {
            return Some(child);
        }
    }
}

/// Whether an HTML block (CommonMark types 1–7) is still open at the end of
/// the chunk. Types 2, 3 and 5 end at their marker; types 1 (`<pre>`,
/// `<script>`…) and 4 (`<!x`) are treated as open whenever they end the
/// chunk, because tree-sitter-md does not always close them where CommonMark
/// would; types 6–7 end at a blank line.
fn html_block_open(block: &str, chunk: &str) -> bool {
    let start = block.trim_start_matches(' ');
    let lower: String = start
        .chars()
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    let body = start;
    if lower.starts_with("<!--") {
        return !body[4..].contains("-->");
    }
    if lower.starts_with("<?") {
        return !body[2..].contains("?>");
    }
    if lower.starts_with("<![cdata[") {
        return !body[9..].contains("]]>");
    }
    // Type 4 (`<!DOCTYPE`, `<!x`): tree-sitter-md does not close it at the
    // first line holding `>` as CommonMark says (a later `> quote` line can
    // close it), so, like type 1, it is open whenever it ends the chunk.
    if lower.starts_with("<!") {
        return true;
    }
    for tag in ["<pre", "<script", "<style", "<textarea"] {
        if lower.starts_with(tag) {
            return true;
        }
    }
    // Types 6 and 7: open unless the chunk ends with a blank line.
    !ends_with_blank_line(chunk)
}

fn ends_with_blank_line(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['\n', '\r']);
    if trimmed.len() == text.len() {
        return false;
    }
    let last_line = trimmed.rsplit(['\n', '\r']).next().unwrap_or("");
    // A blank line exists if at least two line breaks follow the last text,
    // or the last line itself is whitespace only.
    let breaks = &text[trimmed.len()..];
    let count = breaks
        .matches('\n')
        .count()
        .max(breaks.matches('\r').count());
    count >= 2 || last_line.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(text: &str) -> bool {
        open_at_end(&parse_markdown(text), text, "# next\n")
    }

    #[test]
    fn unclosed_fence_is_open() {
        assert!(open("# A\n```\ncode\n"));
        assert!(!open("# A\n```\ncode\n```\n"));
        assert!(open("~~~~\n~~~\n"));
    }

    #[test]
    fn html_blocks() {
        assert!(open("<!-- start\n"));
        assert!(!open("<!-- done -->\n"));
        assert!(open("<div>\n"));
        assert!(!open("<div>\n\n"));
        assert!(open("<pre>\nx\n</pre>\n"));
    }

    #[test]
    fn nested_fence_in_list_is_not_open() {
        assert!(!open("- item\n  ```\n  code\n"));
    }
}
