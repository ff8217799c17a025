//! Builds a [`ChunkModel`] from a chunk's trees with the `queries/` files.

use super::queries::{capture_index, BLOCK_STRUCTURE, INLINE_ELEMENTS};
use super::{ChunkTree, Inline};
use crate::model::*;
use std::ops::Range;
use std::sync::LazyLock;
use tree_sitter::{Node, Query, QueryCursor, StreamingIterator};

/// Capture indices of the block query, looked up once by name.
struct BlockCaptures {
    heading: u32,
    paragraph: u32,
    table: u32,
    code: u32,
    html: u32,
    list: u32,
    front_matter: u32,
    link_definition: u32,
}

static BLOCK: LazyLock<BlockCaptures> = LazyLock::new(|| {
    let q: &Query = &BLOCK_STRUCTURE;
    BlockCaptures {
        heading: capture_index(q, "heading"),
        paragraph: capture_index(q, "paragraph"),
        table: capture_index(q, "table"),
        code: capture_index(q, "code"),
        html: capture_index(q, "html"),
        list: capture_index(q, "list"),
        front_matter: capture_index(q, "front_matter"),
        link_definition: capture_index(q, "link_definition"),
    }
});

/// Capture indices of the inline query.
struct InlineCaptures {
    link: u32,
    image: u32,
    autolink: u32,
    email_autolink: u32,
    code: u32,
    html: u32,
}

static INLINE: LazyLock<InlineCaptures> = LazyLock::new(|| {
    let q: &Query = &INLINE_ELEMENTS;
    InlineCaptures {
        link: capture_index(q, "link"),
        image: capture_index(q, "image"),
        autolink: capture_index(q, "autolink"),
        email_autolink: capture_index(q, "email_autolink"),
        code: capture_index(q, "code"),
        html: capture_index(q, "html"),
    }
});

/// Extracts the model of one chunk. `text` is the chunk's text and `tree`
/// its trees; all ranges in the result are relative to `text`.
pub fn extract(text: &str, tree: &ChunkTree) -> ChunkModel {
    let mut model = ChunkModel::default();
    let root = tree.block_tree().root_node();
    let caps = &*BLOCK;
    let mut cursor = QueryCursor::new();
    // The query runs block by block, and not at all inside the blocks that
    // hold no other block (HTML, code, tables): a query cursor visits every
    // node, and an HTML block or a table has one child per line or cell
    // (an unclosed `<!--` made the rest of a 1 MB text one such block).
    for block in top_level_blocks(root) {
        if let Some(i) = leaf_block_capture(block, caps) {
            record(text, i, block, caps, &mut model);
            continue;
        }
        let mut matches = cursor.matches(&BLOCK_STRUCTURE, block, text.as_bytes());
        while let Some(m) = matches.next() {
            for cap in m.captures() {
                record(text, cap.index, cap.node, caps, &mut model);
            }
        }
    }
    model.ends_in_list = super::parse::ends_in_list(tree, text.len());
    inline_elements(text, tree, root, &mut model);
    bold_headings(text, &mut model);
    model.headings.sort_by_key(|h| h.range.start);
    model.dates = crate::model::dates::fields::extract(text, &model);
    model
}

/// The byte that names a list's marker kind (see [`List::marker`]); 0 when
/// tree-sitter gave it none.
fn list_marker_byte(list: Node<'_>) -> u8 {
    match super::parse::list_marker(list) {
        Some("list_marker_minus") => b'-',
        Some("list_marker_star") => b'*',
        Some("list_marker_plus") => b'+',
        Some("list_marker_dot") => b'.',
        Some("list_marker_parenthesis") => b')',
        _ => 0,
    }
}

/// Blocks whose children are lines or fence parts, never an `inline` node
/// (walking an HTML block's one child per line found nothing).
pub(crate) fn holds_no_inline(kind: &str) -> bool {
    matches!(
        kind,
        "html_block" | "fenced_code_block" | "indented_code_block"
    )
}

/// `model` (of a chunk whose last block is the HTML comment block `block`,
/// reaching the chunk's end) with what that block records extracted again
/// from `text`, as [`extract`] would give it: the block's comments replace
/// its old ones in place (block-level comments come first, in document
/// order, then inline ones), its attribute links and addresses are dropped
/// and found again, then sorted as `extract` sorts them. A comment block
/// records no other HTML, and nothing else in a chunk's model lies inside
/// its last block.
pub(crate) fn reextract_html_block(
    text: &str,
    model: &ChunkModel,
    block: Range<usize>,
) -> ChunkModel {
    let mut fresh = ChunkModel::default();
    html_fragment(text, block.clone(), &mut fresh);
    debug_assert!(fresh.html.is_empty(), "a comment block records no HTML");
    let inside = |r: &Range<usize>| r.start >= block.start;
    let mut out = model.clone();
    let old: Vec<usize> = (0..out.comments.len())
        .filter(|&i| inside(&out.comments[i].range))
        .collect();
    // The block's old comments are one run (its `<!--` always makes one).
    let at = old.first().copied().unwrap_or(out.comments.len());
    out.comments.splice(at..at + old.len(), fresh.comments);
    out.links.retain(|l| !inside(&l.range));
    out.links.extend(fresh.links);
    out.links.sort_by_key(|l| l.range.start);
    out.emails.retain(|e| !inside(&e.range));
    out.emails.extend(fresh.emails);
    out.emails.sort_by_key(|e| e.range.start);
    out.emails.dedup_by_key(|e| e.range.clone());
    out
}

/// Records one captured block node in the model.
fn record(text: &str, i: u32, node: Node<'_>, caps: &BlockCaptures, model: &mut ChunkModel) {
    if i == caps.heading {
        if let Some(h) = heading(text, node) {
            model.headings.push(h);
        }
    } else if i == caps.paragraph {
        model.paragraphs.push(node.byte_range());
    } else if i == caps.table {
        if let Some(t) = table(text, node) {
            model.tables.push(t);
        }
    } else if i == caps.code {
        model.code_blocks.push(code_block(text, node));
    } else if i == caps.html {
        html_block(text, node, model);
    } else if i == caps.list {
        let mut c = node.walk();
        let items = node
            .named_children(&mut c)
            .filter(|n| n.kind() == "list_item")
            .map(|n| n.byte_range())
            .collect();
        model.lists.push(List {
            range: node.byte_range(),
            items,
            marker: list_marker_byte(node),
        });
    } else if i == caps.front_matter {
        model.front_matter = Some(node.byte_range());
    } else if i == caps.link_definition {
        link_definition(text, node, model);
    }
}

/// The capture of a block that holds no other block the query captures
/// (its children are lines, cells or fence parts), recorded without
/// running the query inside it.
fn leaf_block_capture(node: Node<'_>, caps: &BlockCaptures) -> Option<u32> {
    match node.kind() {
        "html_block" => Some(caps.html),
        "fenced_code_block" | "indented_code_block" => Some(caps.code),
        "pipe_table" => Some(caps.table),
        _ => None,
    }
}

/// The blocks of a chunk below its `document` and `section` wrappers, in
/// document order.
fn top_level_blocks(root: Node<'_>) -> Vec<Node<'_>> {
    fn walk<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
        let mut c = node.walk();
        for child in node.named_children(&mut c) {
            if child.kind() == "section" {
                walk(child, out);
            } else {
                out.push(child);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out
}

fn heading(text: &str, node: Node<'_>) -> Option<Heading> {
    let (level, kind) = match node.kind() {
        "atx_heading" => {
            let marker = node.child(0)?;
            let level = marker
                .kind()
                .strip_prefix("atx_h")?
                .chars()
                .next()?
                .to_digit(10)? as u8;
            (level, HeadingKind::Atx)
        }
        _ => {
            let mut c = node.walk();
            let underline = node
                .children(&mut c)
                .find(|n| n.kind().starts_with("setext_h"))?;
            let level = if underline.kind() == "setext_h1_underline" {
                1
            } else {
                2
            };
            (level, HeadingKind::Setext)
        }
    };
    let content_node = node
        .child_by_field_name("heading_content")
        .or_else(|| node.named_child(0).filter(|n| n.kind() == "paragraph"));
    let content = match content_node {
        Some(n) => trim_range(text, n.byte_range()),
        None => node.end_byte()..node.end_byte(),
    };
    let mut range = node.byte_range();
    range.end = trim_end_newline(text, range.clone());
    let mut heading_text = plain_text(&text[content.clone()]);
    if kind == HeadingKind::Atx {
        // Closing sequence: "## Title ##".
        heading_text = heading_text.trim_end_matches('#').trim_end().to_string();
    }
    Some(Heading {
        range,
        content,
        level,
        text: heading_text,
        kind,
    })
}

fn table(text: &str, node: Node<'_>) -> Option<Table> {
    let mut c = node.walk();
    let mut header = None;
    let mut rows = Vec::new();
    for child in node.named_children(&mut c) {
        match child.kind() {
            "pipe_table_header" => header = Some(row(text, child)),
            "pipe_table_row" => rows.push(row(text, child)),
            _ => {}
        }
    }
    Some(Table {
        range: node.byte_range(),
        header: header?,
        rows,
    })
}

pub(crate) fn row(text: &str, node: Node<'_>) -> Row {
    let mut c = node.walk();
    let cells = node
        .named_children(&mut c)
        .filter(|n| n.kind() == "pipe_table_cell")
        .map(|n| {
            let range = trim_range(text, n.byte_range());
            Cell {
                text: plain_text(&text[range.clone()]),
                range,
            }
        })
        .collect();
    Row {
        range: trim_range(text, node.byte_range()),
        cells,
    }
}

fn code_block(text: &str, node: Node<'_>) -> CodeBlock {
    let fenced = node.kind() == "fenced_code_block";
    let mut c = node.walk();
    let info = node
        .named_children(&mut c)
        .find(|n| n.kind() == "info_string")
        .map(|n| text[n.byte_range()].trim().to_string())
        .unwrap_or_default();
    CodeBlock {
        range: node.byte_range(),
        fenced,
        info,
    }
}

fn html_block(text: &str, node: Node<'_>, model: &mut ChunkModel) {
    html_fragment(text, node.byte_range(), model);
}

/// Records HTML (comments separately) and the links in its attributes.
fn html_fragment(text: &str, range: Range<usize>, model: &mut ChunkModel) {
    let s = &text[range.clone()];
    let mut rest_start = 0;
    // Comments inside the fragment.
    while let Some(open) = s[rest_start..].find("<!--") {
        let open = rest_start + open;
        let close = s[open + 4..].find("-->").map(|i| open + 4 + i + 3);
        let end = close.unwrap_or(s.len());
        let body_end = if close.is_some() { end - 3 } else { end };
        model.comments.push(Comment {
            range: range.start + open..range.start + end,
            body: s[open + 4..body_end.max(open + 4)].trim().to_string(),
        });
        rest_start = end;
    }
    if !s.trim_start().starts_with("<!--") {
        model.html.push(range.clone());
    }
    // href="…" and src="…" attributes.
    for attr in ["href=", "src="] {
        let mut from = 0;
        while let Some(i) = s[from..].to_ascii_lowercase().find(attr) {
            let at = from + i + attr.len();
            from = at;
            let quote = match s.as_bytes().get(at) {
                Some(&q @ (b'"' | b'\'')) => q as char,
                _ => continue,
            };
            let Some(len) = s[at + 1..].find(quote) else {
                continue;
            };
            let dest = &s[at + 1..at + 1 + len];
            let dest_range = range.start + at + 1..range.start + at + 1 + len;
            if let Some(addr) = dest.strip_prefix("mailto:") {
                push_mailto(model, addr, dest_range.start + 7);
            }
            model.links.push(Link {
                range: dest_range.clone(),
                destination: dest.to_string(),
                destination_range: dest_range,
                text: String::new(),
                kind: LinkKind::Html,
            });
        }
    }
}

fn link_definition(text: &str, node: Node<'_>, model: &mut ChunkModel) {
    let mut c = node.walk();
    let dest = node
        .named_children(&mut c)
        .find(|n| n.kind() == "link_destination");
    if let Some(dest) = dest {
        let dest_range = unbracket(text, dest.byte_range());
        push_link(
            model,
            text,
            node.byte_range(),
            dest_range,
            String::new(),
            LinkKind::Definition,
        );
    }
}

/// Strips `<…>` around a destination.
fn unbracket(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    if s.starts_with('<') && s.ends_with('>') && s.len() >= 2 {
        r.start + 1..r.end - 1
    } else {
        r
    }
}

fn push_link(
    model: &mut ChunkModel,
    text: &str,
    range: Range<usize>,
    dest: Range<usize>,
    label: String,
    kind: LinkKind,
) {
    let destination = text[dest.clone()].to_string();
    if let Some(addr) = destination.strip_prefix("mailto:") {
        push_mailto(model, addr, dest.start + 7);
    }
    model.links.push(Link {
        range,
        destination,
        destination_range: dest,
        text: label,
        kind,
    });
}

fn push_mailto(model: &mut ChunkModel, addr: &str, start: usize) {
    let end = addr.find('?').unwrap_or(addr.len());
    model.emails.push(Email {
        range: start..start + end,
        address: addr[..end].to_string(),
        mailto: true,
    });
}

/// Walks every inline tree: links, autolinks, code spans, inline HTML, and
/// the prose between them (scanned for bare URLs and email addresses).
fn inline_elements(text: &str, tree: &ChunkTree, root: Node<'_>, model: &mut ChunkModel) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let kind = node.kind();
        if kind == "inline" || kind == "pipe_table_cell" {
            match tree.inline(&node) {
                Inline::Parsed(inline) => inline_node(text, node, Some(inline), model),
                // Nothing to match: the whole node is prose.
                Inline::Plain => inline_node(text, node, None, model),
                Inline::Missing => {}
            }
            continue;
        }
        if holds_no_inline(kind) {
            continue;
        }
        let mut c = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    sort_inline(model);
}

/// Sorts what [`inline_node`] records as a whole extraction keeps it:
/// prose, links and addresses by start, one address per range.
pub(crate) fn sort_inline(model: &mut ChunkModel) {
    model.prose.sort_by_key(|r| r.start);
    model.links.sort_by_key(|l| l.range.start);
    model.emails.sort_by_key(|e| e.range.start);
    model.emails.dedup_by_key(|e| e.range.clone());
}

/// Records one `inline` or `pipe_table_cell` node: the elements its inline
/// tree holds (`None`: it was left unparsed as plain text) and the prose
/// between them. Unsorted: see [`sort_inline`].
pub(crate) fn inline_node(
    text: &str,
    node: Node<'_>,
    inline: Option<&tree_sitter::Tree>,
    model: &mut ChunkModel,
) {
    let caps = &*INLINE;
    // Ranges inside this inline node that are not prose.
    let mut excluded: Vec<Range<usize>> = Vec::new();
    let mut cursor = QueryCursor::new();
    let mut matches =
        inline.map(|inline| cursor.matches(&INLINE_ELEMENTS, inline.root_node(), text.as_bytes()));
    while let Some(m) = matches.as_mut().and_then(|m| m.next()) {
        // Every pattern of the query is one node with one capture.
        let Some(whole) = m.captures().first() else {
            continue;
        };
        let r = whole.node.byte_range();
        match whole.index {
            i if i == caps.link => {
                let text_range = child_range(whole.node, "link_text");
                let label = text_range
                    .clone()
                    .map(|t| plain_text(&text[t]))
                    .unwrap_or_default();
                if let Some(dest) = child_range(whole.node, "link_destination") {
                    let dest = unbracket(text, dest);
                    // The destination and the "](…)" around it are not prose.
                    let text_end = text_range.map_or(r.start, |t| t.end);
                    excluded.push(text_end..r.end);
                    push_link(model, text, r, dest, label, LinkKind::Inline);
                } else {
                    excluded.push(r.end.saturating_sub(2).max(r.start)..r.end);
                }
            }
            i if i == caps.image => {
                excluded.push(r.clone());
                if let Some(dest) = child_range(whole.node, "link_destination") {
                    let dest = unbracket(text, dest);
                    push_link(model, text, r, dest, String::new(), LinkKind::Image);
                }
            }
            i if i == caps.autolink => {
                excluded.push(r.clone());
                push_link(
                    model,
                    text,
                    r.clone(),
                    r.start + 1..r.end - 1,
                    String::new(),
                    LinkKind::Autolink,
                );
            }
            i if i == caps.email_autolink => {
                excluded.push(r.clone());
                let inner = r.start + 1..r.end - 1;
                model.emails.push(Email {
                    address: text[inner.clone()].to_string(),
                    range: inner,
                    mailto: false,
                });
            }
            i if i == caps.code => {
                excluded.push(r.clone());
                model.code_spans.push(r);
            }
            i if i == caps.html => {
                excluded.push(r.clone());
                html_fragment(text, r, model);
            }
            _ => {}
        }
    }
    excluded.sort_by_key(|r| r.start);
    for range in inline_node_ranges(node) {
        let mut pos = range.start;
        for ex in &excluded {
            if ex.end <= pos || ex.start >= range.end {
                continue;
            }
            if ex.start > pos {
                prose(text, pos..ex.start, model);
            }
            pos = pos.max(ex.end);
        }
        if pos < range.end {
            prose(text, pos..range.end, model);
        }
    }
}

/// The range of the first named child of `node` of the given kind (the
/// parts of a link, which the flat inline query leaves to the code).
fn child_range(node: Node<'_>, kind: &str) -> Option<Range<usize>> {
    let mut c = node.walk();
    let child = node.named_children(&mut c).find(|n| n.kind() == kind);
    child.map(|n| n.byte_range())
}

/// The byte ranges an inline node covers, without its block continuations.
fn inline_node_ranges(node: Node<'_>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = node.start_byte();
    let mut c = node.walk();
    for child in node.named_children(&mut c) {
        out.push(start..child.start_byte());
        start = child.end_byte();
    }
    out.push(start..node.end_byte());
    out
}

/// Whether a range lies inside some list item, in O(log items): scanning
/// every item for each paragraph was quadratic in a one-list document
/// whose items are bold lines (`- **Step 1**`).
struct ItemCover {
    /// Item starts, sorted.
    starts: Vec<usize>,
    /// `reach[k]`: the largest end among the items up to `starts[k]`.
    reach: Vec<usize>,
}

impl ItemCover {
    fn new(lists: &[List]) -> Self {
        let mut items: Vec<&Range<usize>> = lists.iter().flat_map(|l| &l.items).collect();
        items.sort_by_key(|i| i.start);
        let starts = items.iter().map(|i| i.start).collect();
        let reach = items
            .iter()
            .scan(0, |max, i| {
                *max = (*max).max(i.end);
                Some(*max)
            })
            .collect();
        ItemCover { starts, reach }
    }

    /// Some item starts at or before `r.start` and ends at or after
    /// `r.end`: the widest-reaching item that starts in time decides.
    fn contains(&self, r: &Range<usize>) -> bool {
        let n = self.starts.partition_point(|&s| s <= r.start);
        n > 0 && self.reach[n - 1] >= r.end
    }
}

/// Records a prose range and the bare URLs and email addresses in it.
fn prose(text: &str, range: Range<usize>, model: &mut ChunkModel) {
    if range.is_empty() {
        return;
    }
    model.prose.push(range.clone());
    let s = &text[range.clone()];
    for url in text_scan::bare_urls(s) {
        let r = range.start + url.start..range.start + url.end;
        model.links.push(Link {
            range: r.clone(),
            destination: text[r.clone()].to_string(),
            destination_range: r,
            text: String::new(),
            kind: LinkKind::Bare,
        });
    }
    for email in text_scan::bare_emails(s) {
        let r = range.start + email.start..range.start + email.end;
        // A bare address inside a bare mailto: URL is recorded once, as mailto.
        let mailto = r.start >= 7 && text.get(r.start - 7..r.start) == Some("mailto:");
        if mailto && model.emails.iter().any(|e| e.range == r) {
            continue;
        }
        model.emails.push(Email {
            address: text[r.clone()].to_string(),
            range: r,
            mailto,
        });
    }
}

/// Paragraphs that consist of one bold span on one line (optionally followed
/// by a colon) are pseudo-headings. A bold list item is an emphasised point
/// and a bold sentence ending in a period is emphasis, not a heading
/// ("- **Do not report vulnerabilities in public issues.**").
fn bold_headings(text: &str, model: &mut ChunkModel) {
    let items = ItemCover::new(&model.lists);
    for p in &model.paragraphs {
        let r = trim_range(text, p.clone());
        let s = &text[r.clone()];
        if s.contains('\n') || s.len() < 5 {
            continue;
        }
        let inner = s.strip_suffix(':').unwrap_or(s).trim_end();
        let marker = if inner.starts_with("**") {
            "**"
        } else if inner.starts_with("__") {
            "__"
        } else {
            continue;
        };
        let Some(body) = inner
            .strip_prefix(marker)
            .and_then(|b| b.strip_suffix(marker))
        else {
            continue;
        };
        if body.contains(marker) || body.trim().is_empty() || body.trim_end().ends_with('.') {
            continue;
        }
        if items.contains(p) {
            continue;
        }
        let content = r.start + marker.len()..r.start + marker.len() + body.len();
        model.headings.push(Heading {
            range: r,
            text: plain_text(body).trim_end_matches(':').trim().to_string(),
            content,
            level: 7,
            kind: HeadingKind::Bold,
        });
    }
}

/// Trims surrounding whitespace (and line breaks) from a range.
pub(crate) fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

fn trim_end_newline(text: &str, r: Range<usize>) -> usize {
    r.start + text[r].trim_end_matches(['\n', '\r']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ItemCover::contains` answers as the scan over every item it replaced,
    /// with nested items, touching ranges and ranges outside every item.
    #[test]
    fn item_cover_equals_a_scan_of_every_item() {
        let lists = vec![
            List {
                range: 0..100,
                items: vec![0..40, 40..100],
                marker: b'-',
            },
            // Nested in the first item, and one list after a gap.
            List {
                range: 10..30,
                items: vec![10..20, 20..30],
                marker: b'-',
            },
            List {
                range: 150..200,
                items: vec![150..160, 160..200],
                marker: b'-',
            },
        ];
        let cover = ItemCover::new(&lists);
        for start in 0..210 {
            for end in start..=210 {
                let r = start..end;
                let scan = lists
                    .iter()
                    .flat_map(|l| &l.items)
                    .any(|i| i.start <= r.start && r.end <= i.end);
                assert_eq!(cover.contains(&r), scan, "{r:?}");
            }
        }
    }
}
