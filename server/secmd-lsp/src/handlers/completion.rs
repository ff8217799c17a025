//! `textDocument/completion`: section headings, dates, table markers and
//! contact snippets from the core's `ide::completions`, with the repository
//! from the git remote for the private-vulnerability-reporting link; in a
//! security.txt, field names and values (`ide::security_txt::completions`).

use super::snapshot;
use crate::convert;
use crate::documents::DocKind;
use crate::failure::{guard, Failure};
use crate::server::Server;
use secmd_core::ide::{self, CompletionContext};
use secmd_core::Options;
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>, Failure> {
    let pos = params.text_document_position;
    let Some((snap, support)) = snapshot(server, &pos.text_document.uri).await? else {
        return Ok(None);
    };
    let enc = support.encoding;
    let rope = snap.rope();
    let offset = convert::offset(rope, pos.position, enc);
    if snap.setup.kind == DocKind::SecurityTxt {
        let text = snap.document.text();
        let items = guard("completion", server.inject(), || {
            secmd_core::ide::security_txt::completions(
                &text,
                offset,
                snap.today,
                snap.setup.repository.as_deref(),
            )
        })?;
        return Ok(Some(CompletionResponse::Array(convert::completion_items(
            rope,
            items,
            support.snippets,
            enc,
        ))));
    }
    let files = snap.files();
    let options = Options {
        config: &snap.setup.config,
        today: snap.today,
        files: files.as_ref(),
    };
    let cx = CompletionContext {
        repository: snap.setup.repository.as_deref(),
    };
    let items = guard("completion", server.inject(), || {
        ide::completions(&snap.document, snap.view(), offset, &options, &cx)
    })?;
    Ok(Some(CompletionResponse::Array(convert::completion_items(
        rope,
        items,
        support.snippets,
        enc,
    ))))
}
