//! The document outline: headings nested by level.
//!
//! ATX (`## Title`) and setext (`Title` + `---`) headings are symbols.
//! Bold pseudo-headings (`**Reporting**` on a line of its own) are not: in
//! real policies most such lines are emphasised warnings ("**Please do not
//! report security vulnerabilities through public GitHub issues.**") or
//! form labels ("**Impact:**"), which would bury the real structure. Rules
//! still see them as headings (level 7) when looking for sections.

use super::known_sections::classify;
use super::{doc_text, trim_end};
use crate::model::{DocumentModel, Heading, HeadingKind};
use std::ops::Range;

/// A heading in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// The heading's plain text (`(empty heading)` for an empty one, since
    /// editors reject empty symbol names).
    pub name: String,
    /// The id of the well-known section the heading names
    /// (`reporting`, `supported-versions`…), if any.
    pub detail: Option<String>,
    /// The whole section: from the heading to the last non-blank text
    /// before the next heading of the same or a higher level.
    pub range: Range<usize>,
    /// The heading's text.
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// The outline of a document.
pub fn document_symbols(doc: &DocumentModel) -> Vec<Symbol> {
    let text = doc_text(doc);
    let mut roots: Vec<Symbol> = Vec::new();
    // Open symbols with their levels; each is attached to its parent when a
    // heading of the same or a higher level closes it.
    let mut stack: Vec<(u8, Symbol)> = Vec::new();
    for section in doc.sections() {
        let h = &section.heading;
        if h.kind == HeadingKind::Bold {
            continue;
        }
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            close(&mut stack, &mut roots);
        }
        let name = if h.text.is_empty() {
            "(empty heading)".to_string()
        } else {
            h.text.clone()
        };
        let range = trim_end(&text, section.range.clone());
        // The heading line itself may end in spaces; keep the range around it.
        let range = range.start..range.end.max(h.range.end.min(section.range.end));
        stack.push((
            h.level,
            Symbol {
                name,
                detail: classify(&h.text).map(|k| k.id.to_string()),
                range,
                selection: selection(h),
                children: Vec::new(),
            },
        ));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

/// The heading's text, kept inside the heading (editors require the
/// selection inside the range; an empty heading has an empty content range
/// that may sit after its line break).
fn selection(h: &Heading) -> Range<usize> {
    if h.range.start <= h.content.start && h.content.end <= h.range.end {
        h.content.clone()
    } else {
        h.range.end..h.range.end
    }
}

fn close(stack: &mut Vec<(u8, Symbol)>, roots: &mut Vec<Symbol>) {
    if let Some((_, sym)) = stack.pop() {
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(sym),
            None => roots.push(sym),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{model, span};
    use super::*;

    /// Renders symbols as an indented outline with ranges.
    fn outline(text: &str) -> Vec<String> {
        fn walk(text: &str, syms: &[Symbol], depth: usize, out: &mut Vec<String>) {
            for s in syms {
                out.push(format!(
                    "{}{} [{}] range {} sel {}",
                    "  ".repeat(depth),
                    s.name,
                    s.detail.as_deref().unwrap_or("-"),
                    span(text, &s.range),
                    span(text, &s.selection),
                ));
                walk(text, &s.children, depth + 1, out);
            }
        }
        let (_, doc) = model(text);
        let mut out = Vec::new();
        walk(text, &document_symbols(&doc), 0, &mut out);
        out
    }

    #[test]
    fn nests_by_level() {
        let text = "\
# Security Policy

Intro.

## Supported Versions

| Version | Supported |
| ------- | --------- |
| 1.x     | ✅        |

## 🔒 Reporting a Vulnerability

**Please do not open public issues.**

### By email

Write to us.

Setext
------

Done.
";
        assert_eq!(
            outline(text),
            [
                "Security Policy [-] range 1:1-22:6 sel 1:3-1:18",
                "  Supported Versions [supported-versions] range 5:1-9:23 sel 5:4-5:22",
                "  🔒 Reporting a Vulnerability [reporting] range 11:1-17:13 sel 11:4-11:31",
                "    By email [-] range 15:1-17:13 sel 15:5-15:13",
                "  Setext [-] range 19:1-22:6 sel 19:1-19:7",
            ]
        );
    }

    #[test]
    fn skipped_levels_and_headings_before_the_first_h1() {
        let text = "### Deep\n\n# Top\n\n#### Deeper\n\n## Mid\n";
        assert_eq!(
            outline(text),
            [
                "Deep [-] range 1:1-1:9 sel 1:5-1:9",
                "Top [-] range 3:1-7:7 sel 3:3-3:6",
                "  Deeper [-] range 5:1-5:12 sel 5:6-5:12",
                "  Mid [-] range 7:1-7:7 sel 7:4-7:7",
            ]
        );
    }

    #[test]
    fn cjk_crlf_and_empty_headings() {
        let text = "# 安全政策\r\n\r\n##\r\n\r\n## 报告漏洞 😀\r\nText\r\n";
        assert_eq!(
            outline(text),
            [
                "安全政策 [-] range 1:1-6:5 sel 1:3-1:7",
                "  (empty heading) [-] range 3:1-3:3 sel 3:3-3:3",
                "  报告漏洞 😀 [-] range 5:1-6:5 sel 5:4-5:10",
            ]
        );
    }

    #[test]
    fn empty_document_and_no_headings() {
        assert_eq!(outline(""), Vec::<String>::new());
        assert_eq!(outline("**Bold only**\n\ntext\n"), Vec::<String>::new());
    }
}
