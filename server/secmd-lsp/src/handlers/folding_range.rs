//! `textDocument/foldingRange`: sections, lists, code blocks, comments,
//! tables and front matter, as whole-line ranges.

use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide::{self, FoldKind};
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>, Failure> {
    let Some((snap, support)) = snapshot(server, &params.text_document.uri).await? else {
        return Ok(None);
    };
    let folds = guard("foldingRange", server.inject(), || {
        ide::folding_ranges(snap.view())
    })?;
    let rope = snap.rope();
    let enc = support.encoding;
    let mut out: Vec<FoldingRange> = folds
        .into_iter()
        .filter_map(|f| {
            // Fold up to the last non-blank line: trailing blank lines stay
            // visible between folded sections.
            let text = snap.document.slice(f.range.clone());
            let end = f.range.start + text.trim_end().len();
            let start_line = convert::position(rope, f.range.start, enc).line;
            let end_line = convert::position(rope, end, enc).line;
            (end_line > start_line).then_some(FoldingRange {
                start_line,
                start_character: None,
                end_line,
                end_character: None,
                kind: match f.kind {
                    FoldKind::Section => Some(FoldingRangeKind::Region),
                    FoldKind::Comment => Some(FoldingRangeKind::Comment),
                    _ => None,
                },
                collapsed_text: None,
            })
        })
        .collect();
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    Ok(Some(out))
}
