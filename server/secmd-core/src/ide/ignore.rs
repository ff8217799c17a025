//! "Ignore this finding": the edit that writes a suppression comment
//! (`crate::suppress` reads them) for one finding, placed so it changes
//! nothing in the rendered policy.

use crate::finding::{Edit, Finding, Fix};
use crate::syntax::Document;
use ropey::Rope;
use std::ops::Range;

/// The "ignore this finding" edit the editor offers: a suppression comment
/// for `finding.code`, placed so it changes nothing in the rendered policy.
///
/// - A finding in YAML front matter gets `secmd-disable-file` after the
///   front matter (a comment inside it would break it).
/// - A finding in a pipe table gets `secmd-disable` / `secmd-enable` lines
///   around the table (a line inside would end the table).
/// - A line that continues a paragraph, list or quote gets
///   ` <!-- secmd-disable-next-line CODE -->` appended to the previous line,
///   before a hard line break, so the paragraph is not split.
/// - Any other line gets a `<!-- secmd-disable-next-line CODE -->` line
///   before it, with the line's indentation.
///
/// Inserted lines end with the document's own line ending.
pub fn ignore_fix(text: &str, finding: &Finding) -> Fix {
    let pos = finding.range.start.min(text.len());
    fix_at(text, text.contains("\r\n"), true, pos, finding.code)
}

/// [`ignore_fix`] for the findings of one document, reading only the
/// chunk that holds each finding and the chunk before, not a copy of the
/// whole text (a code action in a 10 MB policy copied all of it). The fix
/// looks at the finding's line, the line before it (which may end the
/// chunk before) and a table around it (one block, so inside the chunk);
/// front matter lies in the first chunk. The line ending is the
/// document's, looked for once however many findings a request covers.
pub struct IgnoreFixes<'d> {
    doc: &'d Document,
    crlf: std::cell::OnceCell<bool>,
}

impl<'d> IgnoreFixes<'d> {
    pub fn new(doc: &'d Document) -> Self {
        IgnoreFixes {
            doc,
            crlf: std::cell::OnceCell::new(),
        }
    }

    /// The fix for `finding`, equal to [`ignore_fix`] of the whole text.
    pub fn fix(&self, finding: &Finding) -> Fix {
        let crlf = *self.crlf.get_or_init(|| has_crlf(self.doc.rope()));
        ignore_fix_in(self.doc, crlf, finding)
    }
}

/// See [`IgnoreFixes::fix`]; `crlf`: the document has a CRLF line break.
fn ignore_fix_in(doc: &Document, crlf: bool, finding: &Finding) -> Fix {
    let chunks = doc.chunks();
    let pos = finding.range.start.min(doc.len());
    let k = chunks.partition_point(|c| c.start <= pos).saturating_sub(1);
    let from = chunks.get(k.saturating_sub(1)).map_or(0, |c| c.start);
    let to = chunks.get(k).map_or(doc.len(), |c| c.end()).max(pos);
    let text = doc.slice(from..to);
    let mut fix = fix_at(&text, crlf, from == 0, pos - from, finding.code);
    for e in &mut fix.edits {
        e.range = e.range.start + from..e.range.end + from;
    }
    fix
}

/// Whether the text has a CRLF line break, read in place (a pair split
/// between two of the rope's chunks counts too).
fn has_crlf(rope: &Rope) -> bool {
    let mut cr_before = false;
    rope.chunks().any(|c| {
        let found = c.contains("\r\n") || cr_before && c.starts_with('\n');
        cr_before = c.ends_with('\r');
        found
    })
}

/// The fix for a finding of `code` at `pos` in `text` (the whole document,
/// or the part [`IgnoreFixes::fix`] reads, starting at a line start), with
/// CRLF inserted lines if `crlf`; `front_matter`: `text` starts the
/// document, so it may start with front matter.
fn fix_at(text: &str, crlf: bool, front_matter: bool, pos: usize, code: &str) -> Fix {
    let eol = if crlf { "\r\n" } else { "\n" };
    let line = line_at(text, pos);
    let next_line_comment = format!("<!-- secmd-disable-next-line {code} -->");
    let front = if front_matter {
        front_matter_end(text)
    } else {
        None
    };
    if let Some(after) = front.filter(|&end| pos < end) {
        let prefix = if text[..after].ends_with('\n') {
            ""
        } else {
            eol
        };
        return Fix::suggestion(
            format!("Ignore `{code}` in this file"),
            vec![Edit::new(
                after..after,
                format!("{prefix}<!-- secmd-disable-file {code} -->{eol}"),
            )],
        );
    }
    let line_text = &text[line.clone()];
    let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
    if line_text.trim_start().starts_with('|') {
        let is_row = |r: &Range<usize>| text[r.clone()].trim_start().starts_with('|');
        let mut first = line.clone();
        while let Some(prev) = prev_line(text, &first).filter(is_row) {
            first = prev;
        }
        let mut last = line.clone();
        while let Some(next) = next_line(text, &last).filter(is_row) {
            last = next;
        }
        let after = if text[last.end..].starts_with("\r\n") {
            last.end + 2
        } else if text[last.end..].starts_with('\n') {
            last.end + 1
        } else {
            last.end
        };
        let enable = if after == last.end {
            format!("{eol}{indent}<!-- secmd-enable {code} -->")
        } else {
            format!("{indent}<!-- secmd-enable {code} -->{eol}")
        };
        return Fix::suggestion(
            format!("Ignore `{code}` in this table"),
            vec![
                Edit::new(
                    first.start..first.start,
                    format!("{indent}<!-- secmd-disable {code} -->{eol}"),
                ),
                Edit::new(after..after, enable),
            ],
        );
    }
    let title = format!("Ignore `{code}` on this line");
    if let Some(prev) = prev_line(text, &line).filter(|p| continues_into(&text[p.clone()])) {
        let p = &text[prev.clone()];
        let content = p.trim_end_matches([' ', '\t']);
        let content = content.strip_suffix('\\').unwrap_or(content).trim_end();
        let at = prev.start + content.len();
        return Fix::suggestion(
            title,
            vec![Edit::new(at..at, format!(" {next_line_comment}"))],
        );
    }
    Fix::suggestion(
        title,
        vec![Edit::new(
            line.start..line.start,
            format!("{indent}{next_line_comment}{eol}"),
        )],
    )
}

/// Whether a non-blank line is text that the following line continues
/// (paragraph, list item or quote text), so a comment can be appended.
fn continues_into(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.starts_with('#')
        && !t.starts_with("```")
        && !t.starts_with("~~~")
        && !t.starts_with('|')
        && !t.starts_with("<!--")
        && !t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '))
        && !line.starts_with("    ")
        && !line.starts_with('\t')
}

/// The line containing `pos`, line break excluded (a trailing `\r` too).
fn line_at(text: &str, pos: usize) -> Range<usize> {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end
}

fn prev_line(text: &str, line: &Range<usize>) -> Option<Range<usize>> {
    let before = line.start.checked_sub(1)?;
    Some(line_at(
        text,
        text[..before].rfind('\n').map_or(0, |i| i + 1),
    ))
}

fn next_line(text: &str, line: &Range<usize>) -> Option<Range<usize>> {
    let nl = text[line.end..].find('\n')? + line.end + 1;
    (nl < text.len()).then(|| line_at(text, nl))
}

/// The offset just after YAML front matter's closing line, if the text
/// starts with front matter.
fn front_matter_end(text: &str) -> Option<usize> {
    let first = line_at(text, 0);
    if text[first.clone()].trim_end() != "---" {
        return None;
    }
    let mut line = first;
    while let Some(next) = next_line(text, &line) {
        if matches!(text[next.clone()].trim_end(), "---" | "...") {
            let after = text[next.end..]
                .find('\n')
                .map_or(text.len(), |i| next.end + i + 1);
            return Some(after);
        }
        line = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::local_findings as findings;

    /// Findings of `stale-date` (other rules also see the fixtures).
    fn mine(text: &str) -> Vec<Finding> {
        findings(text)
            .into_iter()
            .filter(|f| f.code == "stale-date")
            .collect()
    }

    /// Applies the ignore fix of the first finding and returns the text.
    fn ignored(text: &str) -> (String, String) {
        let f = &mine(text)[0];
        let fix = ignore_fix(text, f);
        let fixed = crate::fix::apply_edits(text, &fix.edits).unwrap();
        assert_eq!(mine(&fixed), vec![], "{fixed:?}");
        (fix.title, fixed)
    }

    #[test]
    fn the_fix_read_from_two_chunks_equals_the_fix_read_from_the_whole_text() {
        let sections = [
            "## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n| 1.x | yes |\n| 0.x | no |\n\n",
            "## Dates\nLast Updated: 2024-01-01\n\n",
            "Intro text that goes on  \nLast Updated: 2023-01-01\n\n",
            "## Reporting\n\nMail security@yourcompany.com or http://x.test.\n\n  - item\n  Last Updated: 2022-02-02\n\n",
            "> quoted\n> Last Updated: 2021-01-01\n\n",
            // A heading right under a paragraph line starts a chunk: the
            // line before its finding ends the chunk before.
            "Paragraph before\n## Empty\n## Next\n\ntext\n\n",
        ];
        let mut texts = Vec::new();
        for front in ["", "---\ntitle: x\nLast Updated: 2020-01-01\n---\n"] {
            let mut text = format!("{front}# Security Policy\n\n");
            for i in 0..12 {
                text.push_str(sections[i % sections.len()]);
            }
            texts.push(text.clone());
            texts.push(text.replace('\n', "\r\n"));
            // One CRLF far from every finding still makes inserted lines CRLF.
            texts.push(format!("{text}\r\n"));
        }
        for text in texts {
            let doc = Document::new(&text);
            let fixes = IgnoreFixes::new(&doc);
            assert!(doc.chunks().len() > 10, "{}", doc.chunks().len());
            let all = crate::testing::findings(&text);
            assert!(all.len() > 10, "{all:?}");
            for f in &all {
                assert_eq!(fixes.fix(f), ignore_fix(&text, f), "{f:?} in {text:?}");
            }
        }
    }

    #[test]
    fn ignore_fix_inserts_a_line_keeping_indent_and_crlf() {
        assert_eq!(
            ignored("# P\r\n\r\n  Last Updated: 2024-01-01\r\n"),
            (
                "Ignore `stale-date` on this line".to_string(),
                "# P\r\n\r\n  <!-- secmd-disable-next-line stale-date -->\r\n  Last Updated: 2024-01-01\r\n".to_string()
            )
        );
    }

    #[test]
    fn ignore_fix_appends_to_a_continued_paragraph_before_a_hard_break() {
        assert_eq!(
            ignored("Policy v1  \nLast Updated: 2024-01-01\n").1,
            "Policy v1 <!-- secmd-disable-next-line stale-date -->  \nLast Updated: 2024-01-01\n"
        );
    }

    #[test]
    fn ignore_fix_keeps_lists_and_quotes_whole() {
        assert_eq!(
            ignored("- a\n- Last Updated: 2020-01-01\n").1,
            "- a <!-- secmd-disable-next-line stale-date -->\n- Last Updated: 2020-01-01\n"
        );
        assert_eq!(
            ignored("## Dates\n> Last Updated: 2020-01-01\n").1,
            "## Dates\n<!-- secmd-disable-next-line stale-date -->\n> Last Updated: 2020-01-01\n"
        );
    }

    #[test]
    fn ignore_fix_works_for_findings_anchored_at_the_first_line() {
        let text = "Some policy text.\n";
        let missing = |t: &str| {
            crate::testing::findings(t)
                .into_iter()
                .filter(|f| f.code == "missing-contact")
                .collect::<Vec<_>>()
        };
        let f = &missing(text)[0];
        let fixed = crate::fix::apply_edits(text, &ignore_fix(text, f).edits).unwrap();
        assert_eq!(
            fixed,
            "<!-- secmd-disable-next-line missing-contact -->\nSome policy text.\n"
        );
        assert_eq!(missing(&fixed), vec![]);
    }

    #[test]
    fn ignore_fix_applies_at_every_offset() {
        let texts = [
            "---\ndate: x\n---\n# P\r\n\r\n| a | b |\r\n|---|---|\r\n| é | 😀 |",
            "  - item  \n    more\\\n> quote\n> more\n\n```\ncode\n```\n",
            "",
            "x",
        ];
        for text in texts {
            for pos in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut f = mine("Last Updated: 2020-01-01\n").remove(0);
                f.range = pos..pos;
                let fix = ignore_fix(text, &f);
                let fixed = crate::fix::apply_edits(text, &fix.edits);
                assert!(fixed.is_some(), "{text:?} at {pos}");
            }
        }
    }

    #[test]
    fn ignore_fix_wraps_tables_and_skips_front_matter() {
        assert_eq!(
            ignored("| Field | Value |\n|---|---|\n| Last Updated | 2024-01-01 |").1,
            "<!-- secmd-disable stale-date -->\n| Field | Value |\n|---|---|\n| Last Updated | 2024-01-01 |\n<!-- secmd-enable stale-date -->"
        );
        assert_eq!(
            ignored("---\nlast_updated: 2024-01-01\n---\n# P\n"),
            (
                "Ignore `stale-date` in this file".to_string(),
                "---\nlast_updated: 2024-01-01\n---\n<!-- secmd-disable-file stale-date -->\n# P\n"
                    .to_string()
            )
        );
    }
}
