//! `textDocument/hover`: what a section must contain, a date's age, a
//! version row's support (from the core's `ide::hover`); in a security.txt,
//! what RFC 9116 says of the field (`ide::security_txt::hover`).

use super::snapshot;
use crate::convert;
use crate::documents::DocKind;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide;
use secmd_core::Options;
use tower_lsp::lsp_types::*;

pub async fn handle(server: &Server, params: HoverParams) -> Result<Option<Hover>, Failure> {
    let pos = params.text_document_position_params;
    let Some((snap, support)) = snapshot(server, &pos.text_document.uri).await? else {
        return Ok(None);
    };
    let rope = snap.rope();
    let offset = convert::offset(rope, pos.position, support.encoding);
    if snap.setup.kind == DocKind::SecurityTxt {
        let text = snap.document.text();
        let info = guard("hover", server.inject(), || {
            secmd_core::ide::security_txt::hover(&text, offset, snap.today)
        })?;
        return Ok(info.map(|h| convert::hover(rope, h, support.encoding)));
    }
    let files = snap.files();
    let options = Options {
        config: &snap.setup.config,
        today: snap.today,
        files: files.as_ref(),
    };
    let info = guard("hover", server.inject(), || {
        ide::hover(&snap.document, snap.view(), offset, &options)
    })?;
    Ok(info.map(|h| convert::hover(rope, h, support.encoding)))
}
