//! `textDocument/diagnostic` (pull): the findings of the current revision,
//! with the revision as result id so an unchanged document answers
//! `unchanged`. Offered only to clients that support pull (and then never
//! pushed).
//!
//! A full report is written as JSON from the per-chunk pieces
//! (`diagnostics_json`) and stashed; the handler answers tower-lsp with a
//! placeholder naming the stash, and `intercept` writes the stashed JSON as
//! the response. tower-lsp would otherwise build a `serde_json::Value` of
//! every diagnostic after each change.

use crate::failure::Failure;
use crate::output::RAW_RESULT_PREFIX;
use crate::server::Server;
use tower_lsp::lsp_types::*;

pub fn handle(
    server: &Server,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult, Failure> {
    let uri = params.text_document.uri;
    let today = server.today();
    let mut st = server.lock();
    let enc = st.support.encoding;
    let doc = st.doc_mut(&uri)?;
    if !doc.setup().served {
        return Ok(full(None, Vec::new()));
    }
    let snap = doc.snapshot(enc, today, server.inject())?;
    let result_id = format!("{}-{}", snap.revision, snap.today);
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            }),
        ));
    }
    let report = doc.full_report(&result_id, &snap);
    let token = server.output.stash(report);
    Ok(full(
        Some(format!("{RAW_RESULT_PREFIX}{token}")),
        Vec::new(),
    ))
}

fn full(result_id: Option<String>, items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}
