//! Candidate chunk boundaries: column-0 ATX heading lines.
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

/// Line-by-line state of the pre-filter.
#[derive(Debug, Default)]
pub struct Scanner {
    fence: Option<Fence>,
    front_matter: bool,
}

impl Scanner {
    /// A scanner positioned at the start of the document (front matter may follow).
    pub fn at_document_start(first_line: &str) -> Self {
        let t = first_line.trim_end_matches(['\n', '\r']);
        Scanner {
            fence: None,
            front_matter: t == "---" || t == "+++",
        }
    }

    /// Feeds one line (with or without its line break); returns whether it is
    /// a candidate boundary.
    pub fn feed(&mut self, line: &str) -> bool {
        if self.front_matter {
            let t = line.trim_end_matches(['\n', '\r', ' ', '\t']);
            if t == "---" || t == "..." || t == "+++" {
                self.front_matter = false;
            }
            return false;
        }
        if let Some(open) = self.fence {
            if closes_fence(line, open) {
                self.fence = None;
            }
            return false;
        }
        if let Some(f) = opens_fence(line) {
            self.fence = Some(f);
            return false;
        }
        is_atx_heading_line(line)
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
    fn empty_heading_line_counts() {
        assert_eq!(candidates("x\n#\n"), vec![2]);
        assert_eq!(candidates("x\n#"), Vec::<usize>::new());
    }
}
