//! `analysis-limit`: the document is larger or more deeply nested than secmd
//! analyses.
//!
//! Not a rule of the catalog: the check runs where text enters secmd (the
//! server's didOpen/didChange, the CLI's file read), before the text is
//! parsed, because what it guards against is the parse itself: memory that
//! grows with the size (about 15–25 MB per MB of text) and parser time that
//! grows faster than the nesting (tree-sitter-md on thousands of nested
//! quotes, lists or brackets, or on long runs of emphasis delimiters).
//! The limits come from `bench/limits.py` (figures in `docs/ROBUSTNESS.md`).
//!
//! The scan is one linear pass over the bytes and allocates nothing.

use super::{RuleMeta, Scope};
use crate::config::{Config, RuleLevel};
use crate::finding::{Finding, Severity};
use ropey::Rope;
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "analysis-limit",
    default_severity: Severity::Warning,
    summary: "The document is too large or too deeply nested for full analysis",
    doc: "\
Reported instead of every other finding when a document is larger than
16 MiB, or holds what secmd's Markdown parser cannot take in bounded time
and memory: more than 256 block quotes or list items inside one another
on a line, more than 256 unclosed `[` in a paragraph or table row, more
than 4,096 emphasis delimiters (`*`, `_`) in a paragraph or table row
(a long table of `:white_check_mark:` cells is fine), or a run of more than
1,024 `*`, `_`, `` ` `` or `~` characters (a run of 8,000 `*` in a line
of text took 760 MB to parse). Real policies are a few kilobytes and nest
a few levels; such a document is generated, corrupt or hostile.

secmd then checks nothing else in the document: it is not parsed at all,
so analysis time and memory stay bounded. The language server keeps the
document in sync and analyses it in full again as soon as an edit brings
it back within the limits; other documents are not affected. The CLI goes
on with the other files.

The finding covers the first line for a size over the limit, and
otherwise the line where the text goes over a limit (for a paragraph,
the line where its count passes the limit).

```markdown
> > > > > > … (300 levels) … quote   <!-- analysis-limit -->
```",
    scope: Scope::Document,
};

/// The largest document analysed, in bytes.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// The most block containers (quotes, list items) opened on one line.
pub const MAX_BLOCK_DEPTH: usize = 256;
/// The most `[` left open in one paragraph.
pub const MAX_BRACKET_DEPTH: usize = 256;
/// The longest run of one delimiter character (`*`, `_`, `` ` ``, `~`):
/// tree-sitter-md's time and memory grow with its square.
pub const MAX_DELIMITER_RUN: usize = 1024;
/// The most emphasis delimiters (`*`, `_`) in one paragraph: beyond about
/// 8,000, tree-sitter-md's time and memory grow steeply.
pub const MAX_EMPHASIS_DELIMITERS: usize = 4096;

/// What went over a limit, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    Size {
        bytes: usize,
    },
    Blocks {
        depth: usize,
        line: Range<usize>,
    },
    /// More than [`MAX_BRACKET_DEPTH`] `[` open at once at the end of `line`.
    Brackets {
        line: Range<usize>,
    },
    Delimiters {
        run: usize,
        byte: u8,
        line: Range<usize>,
    },
    /// More than [`MAX_EMPHASIS_DELIMITERS`] in the paragraph ending at `line`.
    Emphasis {
        line: Range<usize>,
    },
}

/// The `analysis-limit` finding for `text`, if it goes over a limit.
pub fn check(text: &str) -> Option<Finding> {
    let exceeded = exceeded(text)?;
    Some(finding(&exceeded, || first_line(text)))
}

/// The finding as `config` sets its level (`analysis-limit = "off"` drops
/// it; the text is still not analysed).
pub fn configured(finding: Finding, config: &Config) -> Option<Finding> {
    match config.rules.get(finding.code) {
        Some(RuleLevel::Off) => None,
        Some(RuleLevel::Severity(s)) => Some(finding.with_severity(*s)),
        None => Some(finding),
    }
}

/// [`check`] of a rope; a text over the size limit is not copied.
pub fn check_rope(rope: &Rope) -> Option<Finding> {
    let bytes = rope.len_bytes();
    if bytes > MAX_BYTES {
        let len = rope
            .chars()
            .take_while(|c| !matches!(c, '\n' | '\r'))
            .map(char::len_utf8)
            .sum();
        return Some(finding(&Exceeded::Size { bytes }, || 0..len));
    }
    check(&rope.to_string())
}

/// The finding for what went over a limit; `first_line` gives the range a
/// size finding covers.
fn finding(exceeded: &Exceeded, first_line: impl FnOnce() -> Range<usize>) -> Finding {
    let (range, what) = match exceeded {
        Exceeded::Size { bytes } => (
            first_line(),
            format!(
                "This document is {} ({bytes} bytes), more than the {} secmd analyses",
                mib(*bytes),
                mib(MAX_BYTES)
            ),
        ),
        Exceeded::Blocks { depth, line } => (
            line.clone(),
            format!(
                "This line opens {depth} block quotes or list items inside one another, more than the {MAX_BLOCK_DEPTH} secmd analyses"
            ),
        ),
        Exceeded::Brackets { line } => (
            line.clone(),
            format!(
                "This paragraph opens more than {MAX_BRACKET_DEPTH} `[` without closing them, more nesting than secmd analyses"
            ),
        ),
        Exceeded::Emphasis { line } => (
            line.clone(),
            format!(
                "This paragraph has more than {MAX_EMPHASIS_DELIMITERS} `*` and `_`, more than secmd analyses"
            ),
        ),
        Exceeded::Delimiters { run, byte, line } => (
            line.clone(),
            format!(
                "This line has a run of {run} `{}`, more than the {MAX_DELIMITER_RUN} secmd analyses",
                *byte as char
            ),
        ),
    };
    Finding::new(
        &META,
        range,
        format!("{what}: no other check runs on it until it is within the limits (see the rule's documentation)"),
    )
}

/// The first limit `text` goes over, scanning from the start.
pub fn exceeded(text: &str) -> Option<Exceeded> {
    if text.len() > MAX_BYTES {
        return Some(Exceeded::Size { bytes: text.len() });
    }
    let bytes = text.as_bytes();
    let mut brackets = 0usize;
    let mut emphasis = 0usize;
    let mut table = TableScan::default();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr_newline(bytes, start);
        let line = &bytes[start..end];
        let content = trim_line_end(line);
        let here = start..start + content.len();
        if content.iter().all(|b| *b == b' ' || *b == b'\t') {
            // A blank line ends the paragraph: its brackets can no longer close.
            brackets = 0;
            emphasis = 0;
        }
        if table.starts_row(content) {
            // A table row's cells are parsed each on its own: the counts
            // are per row, not per table (a versions table of
            // `:white_check_mark:` cells is not one long paragraph).
            brackets = 0;
            emphasis = 0;
        }
        let depth = block_depth(content);
        if depth > MAX_BLOCK_DEPTH {
            return Some(Exceeded::Blocks { depth, line: here });
        }
        let mut run = (0u8, 0usize);
        for &b in content {
            match b {
                b'[' => brackets += 1,
                b']' => brackets = brackets.saturating_sub(1),
                b'*' | b'_' => emphasis += 1,
                _ => {}
            }
            if emphasis > MAX_EMPHASIS_DELIMITERS {
                return Some(Exceeded::Emphasis { line: here });
            }
            if brackets > MAX_BRACKET_DEPTH {
                return Some(Exceeded::Brackets { line: here });
            }
            if matches!(b, b'*' | b'_' | b'`' | b'~') && run.0 == b {
                run.1 += 1;
            } else {
                run = (b, 1);
            }
            if run.1 > MAX_DELIMITER_RUN && matches!(b, b'*' | b'_' | b'`' | b'~') {
                let byte = b;
                let total = longest_run(content, byte);
                return Some(Exceeded::Delimiters {
                    run: total,
                    byte,
                    line: here,
                });
            }
        }
        start = end + 1;
    }
    None
}

/// Where a pipe table's rows are, line by line, as far as the counts go.
/// Conservative: a line is taken for a row only when the parse surely sees
/// one (a header row starting with `|`, a delimiter row with as many cells,
/// then rows starting with `|`); any other line ends the table, and the
/// counts go on as for a paragraph, which only over-counts.
#[derive(Debug, Default)]
struct TableScan {
    /// Cells of the previous line when it can be a header row.
    header_cells: Option<usize>,
    in_rows: bool,
}

impl TableScan {
    /// Feeds one line; whether it is the delimiter row or a body row of a
    /// table (the counts restart there).
    fn starts_row(&mut self, line: &[u8]) -> bool {
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent.min(line.len())..];
        let piped = indent <= 3 && rest.first() == Some(&b'|');
        if self.in_rows && piped {
            return true;
        }
        self.in_rows = false;
        if let Some(cells) = self.header_cells.take() {
            if indent <= 3 && delimiter_row_cells(rest) == Some(cells) {
                self.in_rows = true;
                return true;
            }
        }
        self.header_cells = piped.then(|| row_cells(rest));
        false
    }
}

/// Cells of a row that starts with `|`: its unescaped pipes, less the
/// trailing one.
fn row_cells(row: &[u8]) -> usize {
    let row = trim_trailing_space(row);
    let mut pipes = 0;
    let mut escaped = false;
    for &b in row {
        if b == b'|' && !escaped {
            pipes += 1;
        }
        escaped = b == b'\\' && !escaped;
    }
    let closed = row.len() > 1 && row.ends_with(b"|") && !row.ends_with(b"\\|");
    (pipes - usize::from(closed)).max(1)
}

/// Cells of a delimiter row (`| --- | :-: |`), or `None` if it is not one.
fn delimiter_row_cells(row: &[u8]) -> Option<usize> {
    let row = trim_trailing_space(row);
    let inner = row.strip_prefix(b"|").unwrap_or(row);
    let inner = inner.strip_suffix(b"|").unwrap_or(inner);
    let mut cells = 0;
    for cell in inner.split(|&b| b == b'|') {
        let cell = trim_trailing_space(cell);
        let cell = &cell[cell
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()..];
        let cell = cell.strip_prefix(b":").unwrap_or(cell);
        let cell = cell.strip_suffix(b":").unwrap_or(cell);
        if cell.is_empty() || !cell.iter().all(|&b| b == b'-') {
            return None;
        }
        cells += 1;
    }
    Some(cells)
}

fn trim_trailing_space(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rev()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    &b[..b.len() - n]
}

/// Block containers opened at the start of a line: `>` and list markers
/// (`-`, `+`, `*`, `1.`, `1)` followed by a space), each after at most
/// three spaces of indentation.
fn block_depth(line: &[u8]) -> usize {
    let mut depth = 0;
    let mut i = 0;
    loop {
        let mut indent = 0;
        while i < line.len() && line[i] == b' ' && indent < 3 {
            i += 1;
            indent += 1;
        }
        match line.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'+' | b'*') if matches!(line.get(i + 1), Some(b' ' | b'\t')) => i += 2,
            Some(b'0'..=b'9') => {
                let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = i + digits;
                if digits <= 9
                    && matches!(line.get(after), Some(b'.' | b')'))
                    && matches!(line.get(after + 1), Some(b' ' | b'\t'))
                {
                    i = after + 2;
                } else {
                    return depth;
                }
            }
            _ => return depth,
        }
        depth += 1;
    }
}

/// The longest run of `byte` on the line.
fn longest_run(line: &[u8], byte: u8) -> usize {
    let mut best = 0;
    let mut run = 0;
    for &b in line {
        run = if b == byte { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The first line without its line break (the whole text if it has none).
fn first_line(text: &str) -> Range<usize> {
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    0..end
}

/// `16 MiB`, `20.5 MiB`.
fn mib(bytes: usize) -> String {
    let m = bytes as f64 / (1024.0 * 1024.0);
    if m.fract() == 0.0 {
        format!("{m:.0} MiB")
    } else {
        format!("{m:.1} MiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::render;

    /// The finding on `text`, rendered `line:col-line:col code message`.
    fn rendered(text: &str) -> Option<String> {
        check(text).map(|f| render(text, &f))
    }

    const TAIL: &str =
        ": no other check runs on it until it is within the limits (see the rule's documentation)";

    #[test]
    fn a_document_over_the_size_limit_is_reported_on_its_first_line() {
        let mut text = "# Security Policy\r\n".to_string();
        text.push_str(&"x".repeat(MAX_BYTES + 512 * 1024 - text.len()));
        assert_eq!(
            rendered(&text).unwrap(),
            format!("1:1-1:18 analysis-limit This document is 16.5 MiB (17301504 bytes), more than the 16 MiB secmd analyses{TAIL}")
        );
        let one_line = "y".repeat(MAX_BYTES + 1);
        let f = check(&one_line).unwrap();
        assert_eq!(f.range, 0..MAX_BYTES + 1);
        assert_eq!(f.severity, Severity::Warning);
    }

    #[test]
    fn a_rope_over_the_size_limit_gives_the_same_finding() {
        let text = format!("é first\r\n{}", "x".repeat(MAX_BYTES));
        assert_eq!(check_rope(&Rope::from_str(&text)), check(&text));
        let small = format!("{}x\n", "> ".repeat(300));
        assert_eq!(check_rope(&Rope::from_str(&small)), check(&small));
    }

    #[test]
    fn the_size_limit_itself_is_analysed() {
        assert_eq!(check(&"z\n".repeat(MAX_BYTES / 2)), None);
    }

    #[test]
    fn nested_quotes_and_lists_over_the_limit_are_reported_on_their_line() {
        let deep = format!("# Policy\n\n{}x\n", "> ".repeat(MAX_BLOCK_DEPTH + 1));
        assert_eq!(
            rendered(&deep).unwrap(),
            format!("3:1-3:516 analysis-limit This line opens 257 block quotes or list items inside one another, more than the 256 secmd analyses{TAIL}")
        );
        let mixed = format!("{}1. x", "- >".repeat(200));
        assert!(rendered(&mixed).unwrap().starts_with(
            "1:1-1:605 analysis-limit This line opens 401 block quotes or list items"
        ));
        let at_limit = format!("{}x\n", "> ".repeat(MAX_BLOCK_DEPTH));
        assert_eq!(check(&at_limit), None);
        // Indented four spaces, the line is code: no containers.
        assert_eq!(check(&format!("    {}\n", "> ".repeat(300))), None);
    }

    #[test]
    fn open_brackets_count_across_the_lines_of_a_paragraph() {
        let half = "[".repeat(MAX_BRACKET_DEPTH / 2 + 1);
        let text = format!("Intro\n\n{half}\n{half}\n");
        assert_eq!(
            rendered(&text).unwrap(),
            format!("4:1-4:130 analysis-limit This paragraph opens more than 256 `[` without closing them, more nesting than secmd analyses{TAIL}")
        );
        // A blank line ends the paragraph; closed brackets do not count.
        assert_eq!(check(&format!("{half}\n\n{half}\n")), None);
        assert_eq!(check(&"[a]".repeat(10_000)), None);
    }

    #[test]
    fn long_delimiter_runs_are_reported_with_their_length() {
        let text = format!("Intro\n{}\n", "*".repeat(3000));
        assert_eq!(
            rendered(&text).unwrap(),
            format!("2:1-2:3001 analysis-limit This line has a run of 3000 `*`, more than the 1024 secmd analyses{TAIL}")
        );
        assert_eq!(check(&"_".repeat(MAX_DELIMITER_RUN)), None);
        assert_eq!(check(&"*_".repeat(2000)), None);
        // Other repeated characters are harmless.
        assert_eq!(check(&"=".repeat(100_000)), None);
    }

    #[test]
    fn emphasis_delimiters_count_across_the_lines_of_a_paragraph() {
        let text = format!("Intro\n\n{}", "*a\n".repeat(MAX_EMPHASIS_DELIMITERS + 1));
        let line = MAX_EMPHASIS_DELIMITERS + 3;
        assert_eq!(
            rendered(&text).unwrap(),
            format!("{line}:1-{line}:3 analysis-limit This paragraph has more than 4096 `*` and `_`, more than secmd analyses{TAIL}")
        );
        let paragraphs = "*a _b_\n\n".repeat(MAX_EMPHASIS_DELIMITERS);
        assert_eq!(check(&paragraphs), None);
    }

    /// Rows of `:white_check_mark:` cells: 2 `_` each, far more than the
    /// limit in all, within it in every row.
    fn versions_table(header: &str, delimiter: &str, row: &str) -> String {
        let mut text = format!("# Versions\n\n{header}\n{delimiter}\n");
        for i in 0..MAX_EMPHASIS_DELIMITERS {
            text.push_str(&row.replace("N", &i.to_string()));
            text.push('\n');
        }
        text
    }

    /// The rows the scan counts one by one are rows of one pipe table in
    /// the parse (each cell is its own inline parse, which the limit is
    /// about); where the scan is not sure it counts as for a paragraph.
    #[test]
    fn a_table_counts_delimiters_per_row() {
        let tables = [
            (
                "| Version | Supported |",
                "| ------- | --------- |",
                "| N.x | :white_check_mark: |",
            ),
            (
                "| Version | Supported",
                "|:---|:---:",
                "| N.x | :white_check_mark: [x]",
            ),
            ("  | A | B |", "  |---|---|", "  | N | _a_ `_` |"),
        ];
        for (header, delimiter, row) in tables {
            let text = versions_table(header, delimiter, row);
            assert_eq!(exceeded(&text), None, "{header}");
            let tree = crate::syntax::parse_markdown(&text);
            let root = tree.block_tree().root_node();
            let table = root
                .descendant_for_byte_range(text.len() - 2, text.len() - 2)
                .and_then(|mut n| loop {
                    if n.kind() == "pipe_table" {
                        break Some(n);
                    }
                    n = n.parent()?;
                })
                .expect("the last row is in a table");
            assert!(table.start_byte() <= text.find(header).unwrap(), "{header}");
        }
        // Not surely a table (the header has fewer cells than the
        // delimiter row, or no leading pipe): one paragraph for the counts.
        for (header, delimiter) in [("| A |", "|---|---|"), ("A | B", "---|---")] {
            let text = versions_table(header, delimiter, "| N | :white_check_mark: |");
            assert!(
                matches!(exceeded(&text), Some(Exceeded::Emphasis { .. })),
                "{header}"
            );
        }
        // A row over the limit on its own is still reported.
        let row = format!("| {} |", "_a".repeat(MAX_EMPHASIS_DELIMITERS + 1));
        let text = format!("| A |\n|---|\n{row}\n");
        assert!(matches!(exceeded(&text), Some(Exceeded::Emphasis { .. })));
    }

    #[test]
    fn an_ordinary_policy_is_within_every_limit() {
        let text = "# Security Policy\n\n## Reporting\n\n> - Email [us](mailto:a@b.org) **now**.\n";
        assert_eq!(exceeded(text), None);
    }
}
