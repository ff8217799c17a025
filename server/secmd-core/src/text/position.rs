//! Byte offset <-> line/column conversion, in every encoding a consumer needs.
//!
//! Architecture Invariant: every range in the core is a UTF-8 byte range,
//! and this is the only place in secmd that converts positions. The server uses it
//! with the negotiated LSP encoding (UTF-8 or UTF-16), the CLI with
//! [`Encoding::Utf32`] (columns counted in characters, 1-based on output).
//!
//! Lines are broken at LF, CRLF and lone CR, exactly as LSP counts them
//! (ropey is built with `cr_lines`). Out-of-range input is clamped, as the LSP
//! specification asks: a line past the end means the end of the document, a
//! column past the end of a line means the end of that line, and a column in
//! the middle of a character (or of a surrogate pair) means that character's
//! start.

use ropey::{Rope, RopeSlice};

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Columns in UTF-8 code units (bytes).
    Utf8,
    /// Columns in UTF-16 code units (LSP's default).
    Utf16,
    /// Columns in Unicode scalar values (characters).
    Utf32,
}

/// A zero-based line and column, the column counted in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Converts a byte offset to a zero-based line and column.
///
/// An offset past the end is clamped to the end; an offset inside a
/// multi-byte character is moved to that character's start.
pub fn offset_to_line_col(rope: &Rope, offset: usize, enc: Encoding) -> LineCol {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let line_char = rope.line_to_char(line);
    let col = match enc {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
        Encoding::Utf32 => char_idx - line_char,
    };
    LineCol {
        line: line as u32,
        col: col as u32,
    }
}

/// Converts a zero-based line and column to a byte offset, clamping as the
/// LSP specification asks (see the module docs).
pub fn line_col_to_offset(rope: &Rope, pos: LineCol, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start_char = rope.line_to_char(line);
    let content = line_without_break(rope.line(line));
    let col = pos.col as usize;
    let char_in_line = match enc {
        Encoding::Utf8 => {
            let byte = col.min(content.len_bytes());
            // byte_to_char rounds down to the start of the character.
            content.byte_to_char(byte)
        }
        Encoding::Utf16 => {
            let cu = col.min(content.len_utf16_cu());
            let c = content.utf16_cu_to_char(cu);
            // utf16_cu_to_char rounds down inside a surrogate pair already.
            c
        }
        Encoding::Utf32 => col.min(content.len_chars()),
    };
    rope.char_to_byte(line_start_char + char_in_line)
}

/// A line without its trailing line break (LF, CRLF or CR).
fn line_without_break(line: RopeSlice<'_>) -> RopeSlice<'_> {
    let len = line.len_chars();
    let mut end = len;
    if end > 0 && line.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > 0 && line.char(end - 1) == '\r' {
        end -= 1;
    }
    line.slice(..end)
}

/// The number of line breaks in `bytes`, counted as the rope counts them
/// (LF, CRLF once, lone CR). The second line counter, stated: the model
/// keeps chunk texts as strings, not ropes, and counts their lines with
/// this; `counts_line_breaks_as_the_rope_does` holds the two equal.
pub fn count_line_breaks(bytes: &[u8]) -> usize {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    lf + lone_cr
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn ascii_and_crlf() {
        let rope = Rope::from_str("ab\r\ncd\ref\n");
        assert_eq!(offset_to_line_col(&rope, 4, Encoding::Utf16), lc(1, 0));
        assert_eq!(offset_to_line_col(&rope, 7, Encoding::Utf16), lc(2, 0));
        assert_eq!(offset_to_line_col(&rope, 10, Encoding::Utf16), lc(3, 0));
        assert_eq!(line_col_to_offset(&rope, lc(0, 99), Encoding::Utf16), 2);
        assert_eq!(line_col_to_offset(&rope, lc(1, 1), Encoding::Utf8), 5);
        assert_eq!(line_col_to_offset(&rope, lc(9, 0), Encoding::Utf8), 10);
    }

    #[test]
    fn emoji_counts_two_utf16_units() {
        // "a😀b": the emoji is 4 bytes, 2 UTF-16 units, 1 char.
        let rope = Rope::from_str("a😀b");
        assert_eq!(offset_to_line_col(&rope, 5, Encoding::Utf16), lc(0, 3));
        assert_eq!(offset_to_line_col(&rope, 5, Encoding::Utf8), lc(0, 5));
        assert_eq!(offset_to_line_col(&rope, 5, Encoding::Utf32), lc(0, 2));
        assert_eq!(line_col_to_offset(&rope, lc(0, 3), Encoding::Utf16), 5);
        // Column inside the surrogate pair clamps to the emoji's start.
        assert_eq!(line_col_to_offset(&rope, lc(0, 2), Encoding::Utf16), 1);
        // Byte column inside the emoji clamps to its start.
        assert_eq!(line_col_to_offset(&rope, lc(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn offset_inside_char_rounds_down() {
        let rope = Rope::from_str("é");
        assert_eq!(offset_to_line_col(&rope, 1, Encoding::Utf16), lc(0, 0));
        assert_eq!(offset_to_line_col(&rope, 99, Encoding::Utf16), lc(0, 1));
    }

    #[test]
    fn empty_document() {
        let rope = Rope::from_str("");
        assert_eq!(offset_to_line_col(&rope, 0, Encoding::Utf16), lc(0, 0));
        assert_eq!(line_col_to_offset(&rope, lc(3, 3), Encoding::Utf16), 0);
    }

    #[test]
    fn counts_line_breaks_as_the_rope_does() {
        for text in [
            "",
            "a",
            "\n",
            "\r",
            "\r\n",
            "\n\r",
            "a\r\nb\rc\nd",
            "\r\r\n\n",
            "é\r😀\n",
        ] {
            let rope = Rope::from_str(text);
            assert_eq!(
                count_line_breaks(text.as_bytes()),
                rope.len_lines() - 1,
                "{text:?}"
            );
        }
    }
}
