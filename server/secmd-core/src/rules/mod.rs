//! The rule catalog. One rule per file; each file's `META` holds the stable
//! code, the default severity and the user documentation that `secmd rules`
//! prints and the README's table is generated from.

use crate::finding::{Finding, Severity};
use crate::model::{ChunkModel, Doc};
use crate::Options;

mod broken_link;
mod channels;
mod codepage;
mod control_character;
pub(crate) mod date_fixes;
mod duplicate_section;
mod empty_section;
mod facts;
mod insecure_link;
mod invalid_date;
mod invalid_email;
mod language;
mod missing_contact;
mod missing_section;
mod mojibake;
mod placeholder;
mod public_issue_channel;
mod response_time;
mod review_overdue;
#[cfg(test)]
mod section_fixtures;
pub(crate) mod sections;
mod sentences;
mod stale_date;
pub(crate) mod supported_versions;
mod template_text;

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Looks at one chunk at a time; results are cached with the chunk and
    /// survive edits elsewhere.
    Chunk,
    /// Looks at the whole document (through [`Doc`]); runs on every analysis.
    Document,
}

/// A rule's identity and documentation: a user contract.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case code.
    pub code: &'static str,
    pub default_severity: Severity,
    /// One line for tables and hovers.
    pub summary: &'static str,
    /// Markdown: what it checks, why, fixes, examples.
    pub doc: &'static str,
    pub scope: Scope,
}

/// What a chunk-scoped rule sees: one chunk, chunk-relative ranges.
pub struct ChunkContext<'a> {
    pub text: &'a str,
    pub model: &'a ChunkModel,
    pub options: &'a Options<'a>,
}

/// What a document-scoped rule sees.
pub struct DocContext<'a> {
    pub doc: &'a Doc,
    pub options: &'a Options<'a>,
    /// Facts several document rules share, computed on first use.
    facts: facts::FactsCell<'a>,
    /// Per-chunk findings handed over whole (see [`DocContext::emit_chunk`]).
    chunk_findings: std::cell::RefCell<Vec<(usize, std::sync::Arc<Vec<Finding>>)>>,
    /// What rules keep about the whole document between analyses.
    doc_memo: std::sync::Arc<crate::memo::ChunkMemo>,
    /// Items recomputed (see `AnalysisWork::doc_items`).
    work: std::cell::Cell<usize>,
}

impl<'a> DocContext<'a> {
    pub fn new(doc: &'a Doc, options: &'a Options<'a>) -> Self {
        DocContext {
            doc,
            options,
            facts: facts::FactsCell::default(),
            chunk_findings: Default::default(),
            doc_memo: Default::default(),
            work: Default::default(),
        }
    }

    /// Uses `memo` as the document memo (the analyzer's, kept between analyses).
    pub fn with_doc_memo(mut self, memo: std::sync::Arc<crate::memo::ChunkMemo>) -> Self {
        self.doc_memo = memo;
        self
    }

    /// What rules keep about the whole document between analyses, under a
    /// name and a key (see [`crate::memo::ChunkMemo::get`]).
    pub fn doc_memo(&self) -> &crate::memo::ChunkMemo {
        &self.doc_memo
    }

    /// Counts `n` items a rule recomputed in this analysis.
    pub fn count_work(&self, n: usize) {
        self.work.set(self.work.get() + n);
    }

    /// Items counted with [`DocContext::count_work`].
    pub fn work_count(&self) -> usize {
        self.work.get()
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
    pub(crate) fn facts(&self) -> &facts::Facts<'a> {
        self.facts.get(self)
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
    &control_character::ControlCharacter,
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

/// Whether `code` names a rule (or an engine finding) users can configure.
pub fn is_known_code(code: &str) -> bool {
    by_code(code).is_some() || ENGINE_CODES.iter().any(|m| m.code == code)
}

/// Metadata of every code, rules first.
pub fn all_meta() -> impl Iterator<Item = &'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .chain(ENGINE_CODES.iter().copied())
}
