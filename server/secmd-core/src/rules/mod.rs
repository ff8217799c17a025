//! The rules and their catalog. One rule per file; each file's `META` holds
//! the stable code, the default severity and the user documentation that
//! `secmd rules` prints and the README's table is generated from.
//! [`registry`] is the leaf part (what a rule is, the code list); the
//! analysis the rules share lives in `crate::policy`.

use crate::finding::Finding;
use crate::model::{ChunkModel, DocumentModel};
use crate::policy::facts::{Facts, FactsCell};
use crate::Options;

mod broken_link;
mod duplicate_section;
mod empty_section;
mod insecure_link;
mod invalid_date;
mod invalid_email;
mod missing_contact;
mod missing_section;
mod mojibake;
mod placeholder;
mod public_issue_channel;
pub mod registry;
mod response_time;
mod review_overdue;
mod stale_date;
mod supported_versions;

pub use registry::{is_known_code, RuleMeta, Scope, CODES};

/// What a chunk-scoped rule sees: one chunk, chunk-relative ranges.
pub struct ChunkContext<'a> {
    pub text: &'a str,
    pub model: &'a ChunkModel,
    pub options: &'a Options<'a>,
}

/// What a document-scoped rule sees.
pub struct DocContext<'a> {
    pub doc: &'a DocumentModel,
    pub options: &'a Options<'a>,
    /// Facts several document rules share, computed on first use.
    facts: FactsCell<'a>,
    /// Per-chunk findings handed over whole (see [`DocContext::emit_chunk`]).
    chunk_findings: std::cell::RefCell<Vec<(usize, std::sync::Arc<Vec<Finding>>)>>,
}

impl<'a> DocContext<'a> {
    pub fn new(doc: &'a DocumentModel, options: &'a Options<'a>) -> Self {
        DocContext {
            doc,
            options,
            facts: FactsCell::default(),
            chunk_findings: Default::default(),
        }
    }

    /// Reports findings of chunk `chunk` (an index into `doc.chunks()`),
    /// chunk-relative, as kept in the chunk's memo. Handing over the memo's
    /// own allocation lets the engine see that nothing changed there.
    pub fn emit_chunk(&self, chunk: usize, findings: std::sync::Arc<Vec<Finding>>) {
        if !findings.is_empty() {
            self.chunk_findings.borrow_mut().push((chunk, findings));
        }
    }

    /// The findings given to [`DocContext::emit_chunk`].
    pub fn take_chunk_findings(&self) -> Vec<(usize, std::sync::Arc<Vec<Finding>>)> {
        self.chunk_findings.take()
    }

    /// The shared facts of the section and channel rules.
    pub(crate) fn facts(&self) -> &Facts<'a> {
        self.facts.get(self.doc, &self.options.config.sections)
    }
}

/// A check. Implement the method that matches `META.scope`.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    fn check_chunk(&self, _cx: &ChunkContext<'_>, _out: &mut Vec<Finding>) {}

    fn check_document(&self, _cx: &DocContext<'_>, _out: &mut Vec<Finding>) {}
}

/// Every rule, in catalog order.
pub static RULES: &[&dyn Rule] = &[
    &missing_section::MissingSection,
    &empty_section::EmptySection,
    &duplicate_section::DuplicateSection,
    &missing_contact::MissingContact,
    &public_issue_channel::PublicIssueChannel,
    &invalid_email::InvalidEmail,
    &placeholder::PlaceholderRule,
    &stale_date::StaleDate,
    &review_overdue::ReviewOverdue,
    &invalid_date::InvalidDate,
    &mojibake::Mojibake,
    &insecure_link::InsecureLink,
    &broken_link::BrokenLink,
    &supported_versions::SupportedVersions,
    &response_time::ResponseTime,
];

/// Codes that are not rules but that the engine reports itself.
pub static ENGINE_CODES: &[&RuleMeta] = &[&crate::suppress::META];

/// Looks a rule up by code.
pub fn by_code(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().code == code)
}

/// Metadata of every code, rules first.
pub fn all_meta() -> impl Iterator<Item = &'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .chain(ENGINE_CODES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_lists_every_code_of_the_catalog_in_order() {
        let catalog: Vec<&str> = all_meta().map(|m| m.code).collect();
        assert_eq!(catalog, CODES);
    }
}
