//! Folding ranges: sections, lists, code blocks, tables, HTML comments and
//! front matter that span more than one line.
//!
//! Ranges end at the last non-blank character, so a folded section keeps
//! the blank line before the next heading visible. Sections follow the
//! outline (bold pseudo-headings do not fold, see `symbols.rs`).

use super::symbols::{document_symbols, Symbol};
use super::{doc_text, is_multiline, trim_end};
use crate::model::DocumentModel;
use std::ops::Range;

/// What a fold hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FoldKind {
    Section,
    List,
    Code,
    Comment,
    Table,
    FrontMatter,
}

/// A foldable range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    pub range: Range<usize>,
    pub kind: FoldKind,
}

/// The multi-line foldable ranges of a document, ordered by start (outer
/// ranges before the ranges they contain). Two kinds with the same range
/// fold once, as the first kind in [`FoldKind`] order.
pub fn folding_ranges(doc: &DocumentModel) -> Vec<Fold> {
    let text = doc_text(doc);
    let mut folds = Vec::new();
    fn sections(syms: &[Symbol], out: &mut Vec<Fold>) {
        for s in syms {
            out.push(Fold {
                range: s.range.clone(),
                kind: FoldKind::Section,
            });
            sections(&s.children, out);
        }
    }
    sections(&document_symbols(doc), &mut folds);
    let mut add = |range: Range<usize>, kind| {
        folds.push(Fold {
            range: trim_end(&text, range),
            kind,
        })
    };
    for l in doc.lists() {
        add(l.range, FoldKind::List);
    }
    for c in doc.code_blocks() {
        add(c.range, FoldKind::Code);
    }
    for c in doc.comments() {
        add(c.range, FoldKind::Comment);
    }
    for t in doc.tables() {
        add(t.range, FoldKind::Table);
    }
    if let Some(f) = doc.front_matter() {
        add(f, FoldKind::FrontMatter);
    }
    folds.retain(|f| is_multiline(&text, &f.range));
    // Stable sort: for equal ranges the earlier-pushed (section, list, …) wins.
    folds.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end), f.kind as u8));
    folds.dedup_by(|b, a| a.range == b.range);
    folds
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{model, span};
    use super::*;

    fn folds(text: &str) -> Vec<String> {
        let (_, doc) = model(text);
        folding_ranges(&doc)
            .iter()
            .map(|f| format!("{:?} {}", f.kind, span(text, &f.range)))
            .collect()
    }

    #[test]
    fn every_kind_of_fold() {
        let text = "\
---
title: Security
---

# Policy

<!--
template note
-->

- one
- two
  - nested a
  - nested b

```sh
gpg --import key.asc
```

| Version | Supported |
| ------- | --------- |
| 1.x     | ✅        |

## One-line section
";
        assert_eq!(
            folds(text),
            [
                "FrontMatter 1:1-3:4",
                "Section 5:1-24:20",
                "Comment 7:1-9:4",
                "List 11:1-14:13",
                "List 13:3-14:13",
                "Code 16:1-18:4",
                "Table 20:1-22:23",
            ]
        );
    }

    #[test]
    fn single_lines_do_not_fold() {
        assert_eq!(
            folds("- item\n\n<!-- note -->\n\n## B\n"),
            Vec::<String>::new()
        );
        assert_eq!(folds(""), Vec::<String>::new());
    }

    #[test]
    fn crlf_and_emoji() {
        let text = "# 🔒 Policy\r\n\r\n- 一\r\n- 二\r\n\r\n";
        assert_eq!(folds(text), ["Section 1:1-4:4", "List 3:1-4:4"]);
    }
}
