//! Candidate chunk boundaries: column-0 ATX heading lines; after a blank
//! line, a column-0 line that starts a paragraph, a list item or a block
//! quote (so a policy without headings is chunked too); and a column-0
//! bullet item right after another item of the same list (so one huge list
//! is chunked too: the chunks hold consecutive items of one list, which
//! `parse::continues_list` recognises and the model joins again).
//!
//! The scan is a fast *pre-filter*. It skips lines inside top-level fenced
//! code blocks and front matter, so that `# comment` lines in a shell snippet
//! do not split a chunk. It may be wrong in rare nested cases (a fence inside
//! a list item); correctness does not rest on it: every chunk is checked
//! after parsing by [`super::parse::open_at_end`], and a chunk whose last
//! block would swallow the next heading is merged with its successor.

use ropey::Rope;

/// Whether a line (its first bytes are enough) opens an ATX heading at column 0.
pub fn is_atx_heading_line(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return false;
    }
    matches!(
        line.as_bytes().get(hashes),
        None | Some(b' ' | b'\t' | b'\n' | b'\r')
    )
}

/// An open top-level fence: its character and length.
#[derive(Debug, Clone, Copy)]
struct Fence {
    ch: u8,
    len: usize,
}

/// Whether a line is empty but for its line break.
fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| matches!(b, b'\n' | b'\r'))
}

/// What a line after a blank line starts, as far as boundaries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A letter at column 0: a paragraph (or a table's header row). After a
    /// blank line it ends every list, quote and paragraph before it.
    Paragraph,
    /// `- `, `* `, `+ ` or `> ` at column 0: a block quote or a list item,
    /// which would continue a list that ends the chunk before (see
    /// `parse::open_at_end`).
    Container,
}

/// How the line after a blank line `line` can start a chunk, if it can.
/// Lines starting with anything else (digits for ordered lists, `<` for
/// HTML blocks, `[` for link reference definitions, `|`, `:`…) are never
/// candidates: less reuse, no risk.
pub fn line_start_after_blank(line: &str) -> Option<Start> {
    let b = line.as_bytes();
    match (b.first()?, b.get(1)) {
        (c, _) if c.is_ascii_alphabetic() => Some(Start::Paragraph),
        (b'-' | b'*' | b'+' | b'>', Some(b' ')) => {
            // `- - -` and `* * *` are thematic breaks, `- ` alone an empty
            // item: left to the parse, never a candidate.
            let rest = line[2..].trim_end_matches(['\n', '\r']);
            let starts_text = rest
                .bytes()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            starts_text.then_some(Start::Container)
        }
        _ => None,
    }
}

/// Line-by-line state of the pre-filter.
#[derive(Debug, Default)]
pub struct Scanner {
    fence: Option<Fence>,
    front_matter: bool,
    /// The previous line was blank (outside fences and front matter).
    after_blank: bool,
    /// The last non-blank line was a heading (ATX, a setext underline or a
    /// bold pseudo-heading): the content after a heading stays in the
    /// heading's chunk, as the rules' per-chunk work expects (a heading
    /// alone at the end of its chunk would look empty).
    after_heading: bool,
    /// The bullet of the column-0 list item the previous lines belong to:
    /// set by an item line, kept by indented lines (the item's content),
    /// cleared by anything else, a blank line included (a loose list is
    /// left to the after-blank rule, whose parse check keeps it whole).
    list_bullet: Option<u8>,
}

/// The bullet of a column-0 bullet list item line with content (`- x`,
/// `* x`, `+ x`), not a thematic break (`- - -`, `* * *`).
fn bullet_item(line: &str) -> Option<u8> {
    let b = line.as_bytes();
    let bullet = *b.first()?;
    if !matches!(bullet, b'-' | b'*' | b'+') || b.get(1) != Some(&b' ') {
        return None;
    }
    let body = line.trim_end_matches(['\n', '\r', ' ', '\t']);
    let thematic = body.bytes().all(|c| c == bullet || c == b' ' || c == b'\t');
    (body.len() > 2 && !thematic).then_some(bullet)
}

/// An ATX heading, a setext underline or a bold pseudo-heading line.
fn is_heading_like(line: &str) -> bool {
    let t = line.trim_end_matches(['\n', '\r', ' ', '\t']);
    is_atx_heading_line(line)
        || (!t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-')))
        || line.starts_with("**")
        || line.starts_with("__")
}

impl Scanner {
    /// A scanner positioned at the start of the document (front matter may follow).
    pub fn at_document_start(first_line: &str) -> Self {
        let t = first_line.trim_end_matches(['\n', '\r']);
        Scanner {
            fence: None,
            front_matter: t == "---" || t == "+++",
            after_blank: false,
            after_heading: false,
            list_bullet: None,
        }
    }

    /// Feeds one line (with or without its line break); returns whether it is
    /// a candidate boundary.
    pub fn feed(&mut self, line: &str) -> bool {
        let after_blank = std::mem::replace(&mut self.after_blank, false);
        if self.front_matter {
            let t = line.trim_end_matches(['\n', '\r', ' ', '\t']);
            if t == "---" || t == "..." || t == "+++" {
                self.front_matter = false;
            }
            return false;
        }
        let in_list = self.list_bullet.take();
        if let Some(open) = self.fence {
            if closes_fence(line, open) {
                self.fence = None;
            }
            self.after_heading = false;
            return false;
        }
        if let Some(f) = opens_fence(line) {
            self.fence = Some(f);
            self.after_heading = false;
            return false;
        }
        if is_blank(line) {
            self.after_blank = true;
            return false;
        }
        let bullet = bullet_item(line);
        self.list_bullet = match bullet {
            Some(b) => Some(b),
            None if line.starts_with([' ', '\t']) => in_list,
            None => None,
        };
        let after_heading = std::mem::replace(&mut self.after_heading, is_heading_like(line));
        // The next item of the same list, tight: the parse check
        // (`parse::open_at_end`) confirms the item before it is closed.
        let next_item = !after_blank
            && bullet.is_some()
            && bullet == in_list
            && line_start_after_blank(line) == Some(Start::Container);
        is_atx_heading_line(line)
            || (after_blank && !after_heading && line_start_after_blank(line).is_some())
            || next_item
    }
}

fn leading_spaces(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

/// A fence opener at column 0. Indented openers are left to the parse check:
/// an indented fence is usually inside a list item, where a column-0 heading
/// ends it, and tracking it here would suppress every later boundary.
fn opens_fence(line: &str) -> Option<Fence> {
    let rest = line;
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    if len < 3 {
        return None;
    }
    if ch == b'`' && rest[len..].contains('`') {
        return None;
    }
    Some(Fence { ch, len })
}

fn closes_fence(line: &str, open: Fence) -> bool {
    let indent = leading_spaces(line);
    if indent > 3 {
        return false;
    }
    let rest = &line[indent..];
    let len = rest.bytes().take_while(|&b| b == open.ch).count();
    len >= open.len
        && rest[len..]
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The byte offset of the next candidate boundary strictly after the line
/// that starts at `from` (which must be a line start), or `None`.
///
/// `from == 0` also recognises front matter.
pub fn next_candidate(rope: &Rope, from: usize) -> Option<usize> {
    let first_line = rope.byte_to_line(from);
    let mut offset = rope.line_to_byte(first_line);
    let mut lines = rope.lines_at(first_line);
    let mut buf = String::new();
    let first = lines.next()?;
    prefix_of(first, &mut buf);
    let mut scanner = if from == 0 {
        Scanner::at_document_start(&buf)
    } else {
        Scanner::default()
    };
    if from != 0 || !scanner.front_matter {
        // The first line itself is the chunk's own start, never a boundary,
        // but it may open a fence.
        scanner.feed(&buf);
    }
    offset += first.len_bytes();
    for line in lines {
        prefix_of(line, &mut buf);
        // A heading on the last line without a line break is not a boundary:
        // tree-sitter-md parses "#" or "# " at the very end differently
        // depending on what precedes it, so such a line stays with the chunk
        // before it.
        if scanner.feed(&buf) && ends_with_break(line) {
            return Some(offset);
        }
        offset += line.len_bytes();
    }
    None
}

fn ends_with_break(line: ropey::RopeSlice<'_>) -> bool {
    let n = line.len_bytes();
    n > 0 && matches!(line.byte(n - 1), b'\n' | b'\r')
}

/// Copies the first bytes of a line into `buf`: enough to classify it.
/// Long lines are cut at a character boundary; that can only make a fence
/// line look like a non-fence or vice versa, which the parse check absorbs.
fn prefix_of(line: ropey::RopeSlice<'_>, buf: &mut String) {
    const MAX: usize = 256;
    buf.clear();
    for chunk in line.chunks() {
        for c in chunk.chars() {
            if buf.len() + c.len_utf8() > MAX {
                return;
            }
            buf.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(text: &str) -> Vec<usize> {
        let rope = Rope::from_str(text);
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(next) = next_candidate(&rope, pos) {
            out.push(next);
            pos = next;
        }
        out
    }

    #[test]
    fn headings_split() {
        assert_eq!(
            candidates("# A\ntext\n## B\n#C\n###### D\n####### E\n"),
            vec![9, 17]
        );
    }

    #[test]
    fn fenced_hash_lines_are_not_candidates() {
        let text = "# A\n```sh\n# comment\n```\n# B\n~~~~\n# x\n~~~\n~~~~\n# C\n";
        assert_eq!(candidates(text), vec![24, 46]);
    }

    #[test]
    fn indented_fence_does_not_suppress_boundaries() {
        assert_eq!(candidates("- a\n  ```\n# B\n"), vec![10]);
    }

    #[test]
    fn front_matter_is_skipped() {
        assert_eq!(candidates("---\n# not\n---\n# A\n"), vec![14]);
    }

    #[test]
    fn paragraphs_lists_and_quotes_after_a_blank_line_split() {
        let text =
            "# A\n\nIntro.\n\nText\nmore\n\n- item\n\n> quote\n\n1. no\n\n<div>\n\n- - -\n\nEnd\n";
        // "Intro." follows a heading: stays with it.
        assert_eq!(candidates(text), vec![13, 24, 32, 62]);
    }

    #[test]
    fn no_paragraph_boundary_after_headings_or_inside_fences() {
        assert_eq!(
            candidates("Title\n=====\n\nText\n\n**Bold**\n\nMore\n"),
            Vec::<usize>::new()
        );
        // The blank line inside the fence is not one.
        assert_eq!(candidates("x\n\n```\n\ncode\n```\n\nText\n"), vec![18]);
    }

    #[test]
    fn the_next_item_of_a_tight_list_splits() {
        // `- b` follows an item, `- c` the item's indented content, `* e`
        // an item with its bullet. `* d` changes the bullet, `- f` follows
        // a lazy line, `- [ ] g` a thematic break: none is a candidate,
        // nor is `- a` right after the heading.
        let text = "# A\n- a\n- b\n  more\n- c\n* d\n* e\nlazy\n- f\n- - -\n- [ ] g\n";
        assert_eq!(candidates(text), vec![8, 19, 27]);
        assert_eq!(bullet_item("- - -\n"), None);
        assert_eq!(bullet_item("-\n"), None);
        assert_eq!(bullet_item("+ x\n"), Some(b'+'));
    }

    #[test]
    fn empty_heading_line_counts() {
        assert_eq!(candidates("x\n#\n"), vec![2]);
        assert_eq!(candidates("x\n#"), Vec::<usize>::new());
    }
}
