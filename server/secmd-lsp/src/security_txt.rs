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
    if analysis.parts.is_empty() {
        // An empty text has no chunk; its findings (no Contact, no
        // Expires) still need a part to be published from.
        analysis.parts.push(Part {
            chunk_id: u64::MAX,
            start: 0,
            len: text.len(),
            findings: Arc::default(),
        });
    }
    let mut by_part: Vec<Vec<Finding>> = vec![Vec::new(); analysis.parts.len()];
    for f in findings {
        let i = analysis
            .view
            .chunk_index(f.range.start)
            .min(by_part.len() - 1);
        by_part[i].push(f.relative_to(analysis.parts[i].start));
    }
    for (part, findings) in analysis.parts.iter_mut().zip(by_part) {
        part.findings = Arc::new(findings);
    }
}
