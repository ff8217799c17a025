//! Stand-in for `secmd_core::ide` (editor features, written on another
//! branch) with the agreed signatures, so the handlers can be written and
//! tested before it lands. Replace this module with
//! `pub use secmd_core::ide::*;` once main has it.
#![allow(dead_code)]

use secmd_core::model::Doc;
use secmd_core::{Document, Edit, Fix, Options};
use std::ops::Range;

pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub range: Range<usize>,
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

pub fn document_symbols(doc: &Doc) -> Vec<Symbol> {
    fn nest(
        items: &mut std::iter::Peekable<std::vec::IntoIter<(u8, Symbol)>>,
        parent: u8,
    ) -> Vec<Symbol> {
        let mut out = Vec::new();
        while let Some((level, _)) = items.peek() {
            if *level <= parent {
                break;
            }
            let Some((level, mut s)) = items.next() else {
                break;
            };
            s.children = nest(items, level);
            out.push(s);
        }
        out
    }
    let flat: Vec<(u8, Symbol)> = doc
        .sections()
        .into_iter()
        .filter(|s| s.heading.level <= 6)
        .map(|sec| {
            (
                sec.heading.level,
                Symbol {
                    name: sec.heading.text.clone(),
                    detail: None,
                    range: sec.range.clone(),
                    selection: sec.heading.content.clone(),
                    children: Vec::new(),
                },
            )
        })
        .collect();
    nest(&mut flat.into_iter().peekable(), 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    Section,
    List,
    Code,
    Comment,
    Table,
    FrontMatter,
}

pub struct Fold {
    pub range: Range<usize>,
    pub kind: FoldKind,
}

pub fn folding_ranges(doc: &Doc) -> Vec<Fold> {
    let mut out: Vec<Fold> = doc
        .sections()
        .into_iter()
        .map(|s| Fold {
            range: s.range,
            kind: FoldKind::Section,
        })
        .collect();
    out.extend(doc.lists().map(|l| Fold {
        range: l.range,
        kind: FoldKind::List,
    }));
    out.extend(doc.code_blocks().map(|c| Fold {
        range: c.range,
        kind: FoldKind::Code,
    }));
    out
}

pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

pub fn hover(
    _document: &Document,
    doc: &Doc,
    offset: usize,
    _options: &Options,
) -> Option<HoverInfo> {
    let h = doc
        .headings()
        .find(|h| h.range.start <= offset && offset < h.range.end)?;
    Some(HoverInfo {
        range: h.range.clone(),
        markdown: format!("Section **{}**", h.text),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Section,
    Date,
    Marker,
    Contact,
}

pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    pub insert_text: String,
    pub is_snippet: bool,
    pub replace: Range<usize>,
    pub sort_text: String,
}

pub struct CompletionContext<'a> {
    pub repository: Option<&'a str>,
}

pub fn completions(
    document: &Document,
    _doc: &Doc,
    offset: usize,
    _options: &Options,
    cx: &CompletionContext,
) -> Vec<CompletionItem> {
    let rope = document.rope();
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let before = document.slice(line_start..offset);
    let mut out = Vec::new();
    if before.starts_with('#') && before.trim_start_matches('#').trim().is_empty() {
        for (i, name) in ["Reporting a Vulnerability", "Supported Versions"]
            .iter()
            .enumerate()
        {
            out.push(CompletionItem {
                label: name.to_string(),
                kind: CompletionKind::Section,
                detail: None,
                documentation: None,
                insert_text: format!("## {name}\n\n${{0}}"),
                is_snippet: true,
                replace: line_start..offset,
                sort_text: format!("{i}"),
            });
        }
    }
    if let Some(repo) = cx.repository {
        out.push(CompletionItem {
            label: "Private vulnerability reporting".to_string(),
            kind: CompletionKind::Contact,
            detail: None,
            documentation: None,
            insert_text: format!("https://github.com/{repo}/security/advisories/new"),
            is_snippet: false,
            replace: offset..offset,
            sort_text: "9".to_string(),
        });
    }
    out
}

pub struct Lens {
    pub range: Range<usize>,
    pub title: String,
    pub fix: Option<Fix>,
}

pub fn code_lenses(doc: &Doc, options: &Options) -> Vec<Lens> {
    doc.dates()
        .flat_map(|d| {
            [
                Lens {
                    range: d.value_range.clone(),
                    title: format!("dated {}", d.value),
                    fix: None,
                },
                Lens {
                    range: d.value_range.clone(),
                    title: "Mark reviewed today".to_string(),
                    fix: Some(Fix::safe(
                        "Mark reviewed today",
                        Edit::new(d.value_range.clone(), options.today.to_string()),
                    )),
                },
            ]
        })
        .collect()
}
