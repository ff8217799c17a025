//! `textDocument/diagnostic` (pull): the findings of the current revision,
//! with the revision as result id so an unchanged document answers
//! `unchanged`. Offered only to clients that support pull (and then never
//! pushed).
//!
//! The transport routes this request here, not through tower-lsp, and
//! writes the frame this handler returns: a full report is written as JSON
//! from the per-chunk pieces (`diagnostics_json`) straight into the
//! response, where tower-lsp would build a `serde_json::Value` of every
//! diagnostic after each change.

use crate::failure::Failure;
use crate::handlers::snapshot;
use crate::server::Server;
use crate::transport::{push_json, Frame, RawMessage};
use tower_lsp::lsp_types::*;

pub async fn handle(
    server: &Server,
    params: DocumentDiagnosticParams,
    mut reply: RawMessage,
) -> Result<Frame, Failure> {
    let uri = params.text_document.uri;
    let Some((snap, _)) = snapshot(server, &uri).await? else {
        push_json(reply.value(), &full_empty());
        return Ok(reply.finish());
    };
    let result_id = format!("{}-{}", snap.revision, snap.today);
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        let unchanged = DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            }),
        );
        push_json(reply.value(), &unchanged);
        return Ok(reply.finish());
    }
    let mut st = server.lock();
    let doc = st.doc_mut(&uri)?;
    Ok(doc.full_report(&result_id, &snap, reply))
}

/// The report for a document secmd does not serve.
fn full_empty() -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items: Vec::new(),
            },
        },
    ))
}
