//! `workspace/executeCommand`: `secmd.applyFix` sends a code lens's edits
//! back as `workspace/applyEdit`, if the document is still at the version
//! the lens was computed for. The edits come back from the client, so
//! their ranges are clamped to the document first, as a didChange's are.

use crate::convert::{self, ApplyFixArgs, APPLY_FIX};
use crate::failure::Failure;
use crate::server::Server;
use serde_json::Value;
use tower_lsp::lsp_types::ExecuteCommandParams;

pub async fn handle(
    server: &Server,
    params: ExecuteCommandParams,
) -> Result<Option<Value>, Failure> {
    if params.command != APPLY_FIX {
        return Err(Failure::Invalid(format!(
            "unknown command `{}`",
            params.command
        )));
    }
    let args: ApplyFixArgs = params
        .arguments
        .into_iter()
        .next()
        .and_then(|a| serde_json::from_value(a).ok())
        .ok_or_else(|| {
            Failure::Invalid(format!("{APPLY_FIX}: expected {{ uri, version, edits }}"))
        })?;
    let mut edits = args.edits;
    let document_changes = {
        let st = server.lock();
        let doc = st.doc(&args.uri)?;
        if doc.version() != args.version {
            return Err(Failure::Invalid(format!(
                "{APPLY_FIX}: the document changed (version {} now, {} expected); try again",
                doc.version(),
                args.version
            )));
        }
        let (rope, enc) = (doc.rope(), st.support.encoding);
        for e in &mut edits {
            e.range = convert::clamp_range(rope, e.range, enc);
        }
        st.support.document_changes
    };
    let edit = convert::workspace_edit(&args.uri, args.version, edits, document_changes);
    match server.client.apply_edit(edit).await {
        Ok(r) if r.applied => Ok(None),
        Ok(r) => Err(Failure::Invalid(format!(
            "{APPLY_FIX}: the client did not apply the edit{}",
            r.failure_reason
                .map(|f| format!(": {f}"))
                .unwrap_or_default()
        ))),
        Err(e) => Err(Failure::Invalid(format!(
            "{APPLY_FIX}: workspace/applyEdit failed: {e}"
        ))),
    }
}
