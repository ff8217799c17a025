//! Supported-versions tables: reading a row's support marker and finding
//! the marker style a table already uses.
//!
//! Policies write support as emoji (`✅`/`❌`), GitHub shortcodes
//! (`:white_check_mark:`/`:x:`, GitHub's own template), or words (`Yes`/`No`,
//! `Supported`/`Not supported`), sometimes combined (`✅ Yes`,
//! `still supported:white_check_mark:`). Symbols win over words because the
//! words around them vary ("no longer supported:x:").

use crate::model::dates::format::first_date_in;
use crate::model::{Cell, Date, DocumentModel, Row, Table};
use crate::policy::support_marker::{marker, Marker};

/// Whether a version is supported, as a marker says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Support {
    Supported,
    /// Security or critical fixes only, best effort, beta…
    Partial,
    Unsupported,
}

const SUPPORTED_SYMBOLS: &[&str] = &[
    ":white_check_mark:",
    ":heavy_check_mark:",
    ":ballot_box_with_check:",
    "✅",
    "✔",
    "☑",
    "🟢",
];
const UNSUPPORTED_SYMBOLS: &[&str] = &[
    ":x:",
    ":no_entry:",
    ":no_entry_sign:",
    ":heavy_multiplication_x:",
    ":red_circle:",
    "❌",
    "✖",
    "✗",
    "⛔",
    "🚫",
    "🛑",
    "🔴",
];

/// The support a cell's text states, read exactly as the
/// `supported-versions` rule reads it (so hover and diagnostics agree);
/// `None` for dates and unrecognised text.
pub fn classify(cell: &str) -> Option<Support> {
    match marker(cell) {
        Marker::Supported => Some(Support::Supported),
        Marker::Unsupported => Some(Support::Unsupported),
        Marker::Partial => Some(Support::Partial),
        Marker::Dated | Marker::Unknown => None,
    }
}

/// The earliest of `symbols` in `s`: its offset and the symbol.
fn first_at<'a>(s: &str, symbols: &[&'a str]) -> Option<(usize, &'a str)> {
    symbols
        .iter()
        .filter_map(|sym| s.find(sym).map(|at| (at, *sym)))
        .min_by_key(|(at, _)| *at)
}

/// The markers a table writes for "supported" and "unsupported".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerStyle {
    pub supported: String,
    pub unsupported: String,
}

impl Default for MarkerStyle {
    /// GitHub's policy template uses shortcodes.
    fn default() -> Self {
        MarkerStyle {
            supported: ":white_check_mark:".into(),
            unsupported: ":x:".into(),
        }
    }
}

/// The marker (symbol, or yes/no word) a cell uses, as written.
fn marker_in(cell: &str) -> Option<(Support, String)> {
    if let Some((_, s)) = first_at(cell, SUPPORTED_SYMBOLS) {
        return Some((Support::Supported, full_symbol(cell, s)));
    }
    if let Some((_, s)) = first_at(cell, UNSUPPORTED_SYMBOLS) {
        return Some((Support::Unsupported, full_symbol(cell, s)));
    }
    let word = cell.split_whitespace().next()?;
    let w = word.to_ascii_lowercase();
    match w.as_str() {
        "yes" | "supported" => Some((Support::Supported, word.to_string())),
        "no" | "unsupported" => Some((Support::Unsupported, word.to_string())),
        _ => None,
    }
}

/// A symbol with the variation selector that follows it (`✔️`), if any.
fn full_symbol(cell: &str, symbol: &str) -> String {
    let at = cell.find(symbol).unwrap_or(0) + symbol.len();
    match cell[at..].chars().next() {
        Some(vs @ '\u{FE0F}') => format!("{symbol}{vs}"),
        _ => symbol.to_string(),
    }
}

/// The counterpart of a marker in the same family.
fn counterpart(support: Support, marker: &str) -> String {
    let shortcode = marker.starts_with(':');
    let word = marker.chars().all(|c| c.is_alphabetic());
    let pick = |sup: &str, unsup: &str| match support {
        Support::Supported | Support::Partial => unsup.to_string(),
        Support::Unsupported => sup.to_string(),
    };
    if word {
        let (sup, unsup) = match marker.to_ascii_lowercase().as_str() {
            "supported" | "unsupported" => ("Supported", "Unsupported"),
            _ => ("Yes", "No"),
        };
        let cased = |w: &str| {
            if marker.chars().all(|c| c.is_lowercase()) {
                w.to_lowercase()
            } else if marker.chars().all(|c| c.is_uppercase()) {
                w.to_uppercase()
            } else {
                w.to_string()
            }
        };
        pick(&cased(sup), &cased(unsup))
    } else if shortcode {
        pick(":white_check_mark:", ":x:")
    } else {
        pick("✅", "❌")
    }
}

/// A cell as written: its plain text drops the underscores of shortcodes
/// (`:white_check_mark:`), so markers are read from the source.
fn source<'t>(text: &'t str, cell: &'t Cell) -> &'t str {
    text.get(cell.range.clone()).unwrap_or(&cell.text)
}

/// The marker style of a table's support cells (columns after the first),
/// or `None` when no cell has a recognisable marker.
pub fn table_style(table: &Table, text: &str) -> Option<MarkerStyle> {
    let mut sup = None;
    let mut unsup = None;
    for row in &table.rows {
        for cell in row.cells.iter().skip(1) {
            match marker_in(&cell_text(text, cell)) {
                Some((Support::Supported, m)) if sup.is_none() => sup = Some(m),
                Some((Support::Unsupported, m)) if unsup.is_none() => unsup = Some(m),
                _ => {}
            }
        }
    }
    match (sup, unsup) {
        (Some(s), Some(u)) => Some(MarkerStyle {
            supported: s,
            unsupported: u,
        }),
        (Some(s), None) => Some(MarkerStyle {
            unsupported: counterpart(Support::Supported, &s),
            supported: s,
        }),
        (None, Some(u)) => Some(MarkerStyle {
            supported: counterpart(Support::Unsupported, &u),
            unsupported: u,
        }),
        (None, None) => None,
    }
}

/// The marker style of the document's first styled table (for new tables).
pub fn document_style(doc: &DocumentModel, text: &str) -> MarkerStyle {
    doc.tables()
        .find_map(|t| table_style(&t, text))
        .unwrap_or_default()
}

/// The support column of a table: the first column after the first whose
/// header mentions support, else the second column.
pub fn support_column(table: &Table) -> usize {
    table
        .header
        .cells
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, c)| {
            let t = c.text.to_lowercase();
            t.contains("support") || t.contains("status")
        })
        .map_or(1, |(i, _)| i)
}

/// The support a row states, read from its support column; only when that
/// cell is empty, from the first other cell (after the first) that states
/// one. HTML comments in cells are ignored ("<!-- use :x: or … -->").
pub fn row_support(table: &Table, row: &Row, text: &str) -> Option<(Support, usize)> {
    let col = support_column(table);
    let cell = |i: usize| row.cells.get(i).map(|c| cell_text(text, c));
    match cell(col) {
        Some(s) if !s.trim().is_empty() => classify(&s).map(|x| (x, col)),
        _ => (1..row.cells.len())
            .filter(|i| *i != col)
            .find_map(|i| Some((classify(&cell(i)?)?, i))),
    }
}

/// The date a row's support cell says support lasts until
/// ("Until 2023-12-31", "EOL 2025-06-01"), if it says so.
pub fn support_until(table: &Table, row: &Row, text: &str) -> Option<Date> {
    // The last day of "until 2027-06" is June 30.
    let cell = cell_text(text, row.cells.get(support_column(table))?);
    let lower = cell.to_lowercase();
    let bounded = [
        "until",
        "till",
        "through",
        "eol",
        "end of life",
        "end-of-life",
        "ends",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !bounded {
        return None;
    }
    first_date_in(&cell).map(|(_, last)| last)
}

/// A cell as written, without HTML comments.
fn cell_text(text: &str, cell: &Cell) -> String {
    let mut s = source(text, cell);
    let mut out = String::with_capacity(s.len());
    while let Some(open) = s.find("<!--") {
        out.push_str(&s[..open]);
        s = s[open..]
            .find("-->")
            .map_or("", |close| &s[open + close + 3..]);
    }
    out.push_str(s);
    out
}

/// Whether a table is a versions table: its first header cell mentions a
/// version and another mentions support.
pub fn is_versions_table(table: &Table) -> bool {
    let mut cells = table.header.cells.iter().map(|c| c.text.to_lowercase());
    cells.next().is_some_and(|c| c.contains("version")) && cells.any(|c| c.contains("support"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_markers_seen_in_policies() {
        let cases = [
            (":white_check_mark:", Some(Support::Supported)),
            (
                "still supported:white_check_mark:",
                Some(Support::Supported),
            ),
            ("no longer supported:x:", Some(Support::Unsupported)),
            (":heavy_multiplication_x:", Some(Support::Unsupported)),
            ("✅ Yes", Some(Support::Supported)),
            ("❌ No", Some(Support::Unsupported)),
            ("✔️", Some(Support::Supported)),
            ("🛑", Some(Support::Unsupported)),
            ("Yes", Some(Support::Supported)),
            ("no", Some(Support::Unsupported)),
            ("Not supported", Some(Support::Unsupported)),
            ("Supported until 2026-06", Some(Support::Supported)),
            ("End of life", Some(Support::Unsupported)),
            ("Security fixes only", Some(Support::Partial)),
            ("⏲️", None),
            ("2025-06-01", None),
            ("", None),
        ];
        for (cell, want) in cases {
            assert_eq!(classify(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn counterparts_keep_the_family_and_case() {
        assert_eq!(counterpart(Support::Supported, "yes"), "no");
        assert_eq!(counterpart(Support::Unsupported, "NO"), "YES");
        assert_eq!(counterpart(Support::Supported, ":heavy_check_mark:"), ":x:");
        assert_eq!(counterpart(Support::Unsupported, "❌"), "✅");
        assert_eq!(counterpart(Support::Supported, "Supported"), "Unsupported");
    }
}
