//! Support-marker completion in a supported-versions table: in a cell of the
//! support column (any column after the first when the header names none)
//! of a body row, or of a new row typed right below the table, the
//! "supported" and "unsupported" markers in the style the table (else the
//! document, else GitHub's template) already uses.

use super::{CompletionItem, CompletionKind, Cx};
use crate::ide::support_markers::{document_style, is_versions_table, support_column, table_style};
use crate::ide::trim_end;
use crate::model::{normalize_heading, Table};

pub(super) fn complete(cx: &Cx<'_>) -> Option<Vec<CompletionItem>> {
    let before = cx.before();
    let row_text = before.trim_start();
    if !row_text.starts_with('|') {
        return None;
    }
    let table = table_at(cx)?;
    if table.header.range.start <= cx.line.start && cx.line.start < table.header.range.end {
        return None;
    }
    let line = &cx.text[cx.line.clone()];
    if line
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    {
        return None; // the delimiter row
    }
    let pipes = unescaped_pipes(before);
    let column = pipes.len() - 1; // the row starts with a pipe
    if column == 0 {
        return None;
    }
    let header_names_support = table.header.cells.iter().skip(1).any(|c| {
        let t = c.text.to_lowercase();
        t.contains("support") || t.contains("status")
    });
    if header_names_support && column != support_column(&table) {
        return None;
    }
    if !under_versions_heading(cx, &table) && !is_versions_table(&table) {
        return None;
    }
    // Replace the cell's text around the cursor.
    let cell_start = cx.line.start + pipes[column] + 1;
    let after = cx.after();
    let cell_end = cx.offset
        + unescaped_pipes(after)
            .first()
            .copied()
            .unwrap_or(after.len());
    let cell = &cx.text[cell_start..cell_end];
    let content_start = cell_start + (cell.len() - cell.trim_start().len());
    let content_end = cell_start + cell.trim_end().len();
    let replace = if content_start <= cx.offset {
        content_start..content_end.max(cx.offset)
    } else {
        cx.offset..cx.offset
    };
    let style = table_style(&table, cx.text).unwrap_or_else(|| document_style(cx.doc, cx.text));
    let item = |marker: &str, detail: &str, sort: &str| CompletionItem {
        label: marker.to_string(),
        kind: CompletionKind::Marker,
        detail: Some(detail.to_string()),
        documentation: None,
        insert_text: marker.to_string(),
        is_snippet: false,
        replace: replace.clone(),
        sort_text: sort.to_string(),
    };
    Some(vec![
        item(&style.supported, "supported", "0"),
        item(&style.unsupported, "not supported", "1"),
    ])
}

/// The table the cursor's line belongs to, or that it continues (a row
/// being typed right below a table).
fn table_at(cx: &Cx<'_>) -> Option<Table> {
    cx.doc.tables().find(|t| {
        let end = trim_end(cx.text, t.range.clone()).end;
        (t.range.start <= cx.line.start && cx.line.start <= end)
            || matches!(cx.text.get(end..cx.line.start), Some("\n" | "\r\n" | "\r"))
    })
}

fn under_versions_heading(cx: &Cx<'_>, table: &Table) -> bool {
    cx.doc.sections().iter().any(|s| {
        s.range.start <= table.range.start
            && table.range.start < s.range.end
            && normalize_heading(&s.heading.text).contains("version")
    })
}

/// Offsets of the pipes of a row that are not escaped (`\|`) and not inside
/// a code span.
fn unescaped_pipes(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut escaped = false;
    let mut in_code = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped && !in_code => out.push(i),
            _ => {}
        }
        escaped = false;
    }
    out
}
