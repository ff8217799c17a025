//! Terminal display of source text: how many columns a character takes
//! (so carets line up under CJK and emoji), and neutralising characters that
//! would otherwise drive the terminal (escape sequences, bidi overrides).

/// The text with every character that could move the cursor, recolor the
/// terminal or reorder the line ("Trojan Source" bidi controls) replaced by
/// U+FFFD, and tabs by one space (so one character stays one column).
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Columns a character of cleaned text occupies in a terminal: 0 for
/// combining marks and joiners, 2 for East Asian wide characters and emoji,
/// else 1. An approximation of Unicode's East Asian Width that covers what
/// policies contain, without a table crate.
pub fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F | 0x20D0..=0x20FF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_terminal_controls() {
        assert_eq!(clean("a\tb\x1b[31mc\u{202E}d"), "a b\u{FFFD}[31mc\u{FFFD}d");
    }

    #[test]
    fn widths() {
        assert_eq!(str_width("ab"), 2);
        assert_eq!(str_width("漢字"), 4);
        assert_eq!(str_width("🛡\u{FE0F}"), 2);
        assert_eq!(str_width("😀"), 2);
        assert_eq!(str_width("e\u{301}"), 1);
    }
}
