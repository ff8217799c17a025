//! `textDocument/documentSymbol`: the outline, nested by heading level
//! (flat `SymbolInformation` for clients without hierarchical support).

use super::snapshot;
use crate::convert;
use crate::failure::{guard, Failure};
use crate::server::Server;
use ropey::Rope;
use secmd_core::ide::{self, Symbol};
use secmd_core::text::Encoding;
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, support)) = snapshot(server, &uri).await? else {
        return Ok(None);
    };
    let symbols = guard("documentSymbol", server.inject(), || {
        ide::document_symbols(snap.view())
    })?;
    let rope = snap.rope();
    let enc = support.encoding;
    if support.hierarchical_symbols {
        let nested = symbols.iter().map(|s| nested(rope, s, enc)).collect();
        Ok(Some(DocumentSymbolResponse::Nested(nested)))
    } else {
        let mut flat = Vec::new();
        for s in &symbols {
            flatten(rope, &uri, s, None, enc, &mut flat);
        }
        Ok(Some(DocumentSymbolResponse::Flat(flat)))
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be spelled out.
fn nested(rope: &Rope, s: &Symbol, enc: Encoding) -> DocumentSymbol {
    DocumentSymbol {
        name: non_empty(&s.name),
        detail: s.detail.clone(),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: convert::range(rope, &s.range, enc),
        selection_range: convert::range(rope, &s.selection, enc),
        children: Some(s.children.iter().map(|c| nested(rope, c, enc)).collect()),
    }
}

#[allow(deprecated)]
fn flatten(
    rope: &Rope,
    uri: &Url,
    s: &Symbol,
    container: Option<&str>,
    enc: Encoding,
    out: &mut Vec<SymbolInformation>,
) {
    out.push(SymbolInformation {
        name: non_empty(&s.name),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        location: Location::new(uri.clone(), convert::range(rope, &s.range, enc)),
        container_name: container.map(str::to_string),
    });
    for c in &s.children {
        flatten(rope, uri, c, Some(&s.name), enc, out);
    }
}

/// Clients reject symbols with empty names (an empty `#` heading).
fn non_empty(name: &str) -> String {
    if name.trim().is_empty() {
        "(empty heading)".to_string()
    } else {
        name.to_string()
    }
}
