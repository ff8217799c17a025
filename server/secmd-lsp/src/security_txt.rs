//! security.txt documents in the server: the core's RFC 9116 checks and
//! the cross-checks with the workspace's policy (as `secmd check` reports
//! them: `secmd_core::crosscheck::security_txt_findings`) take the place of the policy rules'
//! findings, placed in the parts of the document's chunks so that
//! diagnostics, code actions and fix-all work as for a policy.

use secmd_core::analysis::{Analysis, Part};
use secmd_core::{Document, Finding, Options};
use std::sync::Arc;

/// Replaces the findings of `analysis` (the Markdown rules' view of a text
/// that is not Markdown) with the security.txt findings of `document`,
/// with the configured rule levels.
pub fn replace_findings(analysis: &mut Analysis, document: &Document, options: &Options<'_>) {
    let text = document.text();
    let findings = secmd_core::crosscheck::security_txt_findings(&text, options);
    let chunks = analysis.view.chunks();
    // By chunk, in the order found within a chunk; an empty text has no
    // chunk, and its findings (no Contact, no Expires) still need a part
    // to be published from.
    let mut by_chunk: Vec<(usize, Finding)> = findings
        .into_iter()
        .map(|f| {
            let i = analysis
                .view
                .chunk_index(f.range.start)
                .min(chunks.len().saturating_sub(1));
            (i, f)
        })
        .collect();
    by_chunk.sort_by_key(|(i, _)| *i);
    let mut parts: Vec<Part> = Vec::new();
    for (i, f) in by_chunk {
        let (chunk_id, start, len) = chunks
            .get(i)
            .map_or((u64::MAX, 0, text.len()), |c| (c.id, c.start, c.text.len()));
        if parts.last().is_none_or(|p| p.chunk_id != chunk_id) {
            parts.push(Part {
                chunk_id,
                start,
                len,
                findings: Arc::default(),
            });
        }
        if let Some(p) = parts.last_mut() {
            Arc::make_mut(&mut p.findings).push(f.relative_to(start));
        }
    }
    analysis.parts = parts;
}
