//! The rules and their catalog. One rule per file; each file's `META` holds
//! the stable code, the default severity and the user documentation that
//! `secmd rules` prints and the README's table is generated from.
//! [`registry`] is the leaf part (what a rule is, the code list); the
//! analysis the rules share lives in `crate::policy`.

use crate::finding::{Finding, Severity};
use crate::model::{ChunkModel, DocumentModel};
use crate::policy::facts::{
    chunk_channels, chunk_classes, ChunkClasses, ChunkLists, Facts, FactsCell,
};
use crate::Options;

pub mod analysis_limit;
mod broken_link;
pub(crate) mod chunk_list;
pub mod contact_mismatch;
mod control_character;
mod duplicate_section;
pub(crate) mod empty_section;
mod encryption_mismatch;
pub mod fenced_policy;
mod insecure_link;
mod insights_mismatch;
mod invalid_date;
mod invalid_email;
mod malformed_url;
mod missing_contact;
pub(crate) mod missing_section;
mod mojibake;
mod placeholder;
pub mod policy_url_mismatch;
mod public_issue_channel;
pub mod registry;
mod repository_mismatch;
mod response_time;
mod review_overdue;
mod shadowed_policy;
mod stale_date;
mod supported_versions;
mod version_not_covered;
mod visible_junk;
#[cfg(test)]
pub(crate) mod workspace_testing;

pub use registry::{doc_url, is_known_code, RuleMeta, Scope, CODES, RULES_PAGE};

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
    /// Facts several document rules share, computed on first use (shared
    /// with this context's forks, so that rules running on other threads
    /// compute them once).
    facts: std::sync::Arc<FactsCell<'a>>,
    /// Per-chunk findings handed over whole (see [`DocContext::emit_chunk`]).
    chunk_findings: std::cell::RefCell<Vec<(usize, std::sync::Arc<Vec<Finding>>)>>,
    /// What rules keep about the whole document between analyses.
    doc_memo: std::sync::Arc<crate::memo::ChunkMemo>,
    /// Items recomputed (see `AnalysisWork::doc_items`).
    work: std::cell::Cell<usize>,
    /// Chunks whose kept state was read again (see
    /// `AnalysisWork::chunks_revisited`).
    visits: std::cell::Cell<usize>,
    /// Which chunks are new and which are gone since the analyzer's last
    /// run (none outside an analyzer).
    delta: Option<std::sync::Arc<ChunkDelta>>,
}

/// The chunks that changed since the analyzer's previous analysis, so that
/// a rule keeping whole-document state in the document memo can update it
/// from them instead of visiting every chunk.
#[derive(Debug, Clone, Default)]
pub struct ChunkDelta {
    /// The analyzer's run number; the previous analysis was `run - 1`.
    pub run: u64,
    /// Indexes (into `doc.chunks()`) of chunks not in the previous analysis.
    pub added: Vec<usize>,
    /// Ids ([`crate::model::PlacedChunk::id`]) of chunks gone since then.
    pub removed: Vec<u64>,
    /// The chunks an edit replaced, by index: `from..old_to` before it,
    /// `from..new_to` after (some of those may be old chunks moved there;
    /// `added` lists the new ones). Every other chunk kept its id; those
    /// after moved by `new_to - old_to` (see [`chunk_list::ChunkList`]).
    pub from: usize,
    pub old_to: usize,
    pub new_to: usize,
}

impl<'a> DocContext<'a> {
    pub fn new(doc: &'a DocumentModel, options: &'a Options<'a>) -> Self {
        DocContext {
            doc,
            options,
            facts: Default::default(),
            chunk_findings: Default::default(),
            doc_memo: Default::default(),
            work: Default::default(),
            visits: Default::default(),
            delta: None,
        }
    }

    /// Tells rules which chunks changed since the previous run.
    pub fn with_delta(mut self, delta: ChunkDelta) -> Self {
        self.delta = Some(std::sync::Arc::new(delta));
        self
    }

    /// The chunks that changed since the previous run, when an analyzer
    /// runs the rules.
    pub fn delta(&self) -> Option<&ChunkDelta> {
        self.delta.as_deref()
    }

    /// A context over the same document, options, facts, memo and delta,
    /// with its own findings and counters: one per rule when document rules
    /// run on several threads (the context itself is not shared between
    /// threads), merged back with [`DocContext::absorb`] in rule order so
    /// that the result does not depend on which thread finished first.
    pub fn fork(&self) -> Self {
        DocContext {
            doc: self.doc,
            options: self.options,
            facts: self.facts.clone(),
            chunk_findings: Default::default(),
            doc_memo: self.doc_memo.clone(),
            work: Default::default(),
            visits: Default::default(),
            delta: self.delta.clone(),
        }
    }

    /// Takes over a fork's per-chunk findings and counters, after this
    /// context's own.
    pub fn absorb(&self, fork: DocContext<'a>) {
        self.chunk_findings
            .borrow_mut()
            .extend(fork.chunk_findings.into_inner());
        self.count_work(fork.work.get());
        self.count_visits(fork.visits.get());
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

    /// Counts `n` chunks whose kept state (a value in a chunk list, a
    /// tally) a rule read or computed again in this analysis: the chunks
    /// an edit replaced, or every chunk when the state is rebuilt.
    pub fn count_visits(&self, n: usize) {
        self.visits.set(self.visits.get() + n);
    }

    /// Chunks counted with [`DocContext::count_visits`].
    pub fn visit_count(&self) -> usize {
        self.visits.get()
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
        let sections = &self.options.config.sections;
        self.facts.get(self.doc, || {
            // The few chunks whose headings name an expected section, kept
            // in the document memo and updated from the chunks an edit
            // replaced: classifying read every chunk's memo per keystroke
            // (a fifth of one in a 10 MB document of many sections).
            let list = self.doc_memo().get("facts-classified", 0, || {
                std::sync::Mutex::new(chunk_list::ChunkList::<ChunkClasses>::default())
            });
            let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
            let classified = list
                .update(self, 0, |c| {
                    let classes = chunk_classes(c, sections);
                    (!classes.is_empty()).then_some(classes)
                })
                .to_vec();
            // Likewise the chunks with a private channel: the channel
            // questions read those only.
            let list = self.doc_memo().get("facts-channels", 0, || {
                std::sync::Mutex::new(chunk_list::ChunkList::<()>::default())
            });
            let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
            let with_channels = list
                .update(self, 0, |c| (!chunk_channels(c).is_empty()).then_some(()))
                .iter()
                .map(|(i, ())| *i)
                .collect();
            ChunkLists {
                classified,
                with_channels,
            }
        })
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
    &fenced_policy::FencedPolicy,
    &stale_date::StaleDate,
    &review_overdue::ReviewOverdue,
    &invalid_date::InvalidDate,
    &mojibake::Mojibake,
    &control_character::ControlCharacter,
    &insecure_link::InsecureLink,
    &malformed_url::MalformedUrl,
    &visible_junk::VisibleJunk,
    &broken_link::BrokenLink,
    &supported_versions::SupportedVersions,
    &response_time::ResponseTime,
    &version_not_covered::VersionNotCovered,
    &repository_mismatch::RepositoryMismatch,
    &shadowed_policy::ShadowedPolicy,
    &contact_mismatch::ContactMismatch,
    &policy_url_mismatch::PolicyUrlMismatch,
    &encryption_mismatch::EncryptionMismatch,
    &insights_mismatch::InsightsMismatch,
];

/// Codes that are not rules but that the engine reports itself.
pub static ENGINE_CODES: &[&RuleMeta] = &[&crate::suppress::META, &analysis_limit::META];

/// A rule's default severities as users meet them: one for most rules;
/// `missing-section` reports the reporting section as an error and
/// supported versions as info. Each with what it applies to, if not all.
pub fn default_severities(meta: &RuleMeta) -> Vec<(Severity, Option<&'static str>)> {
    if meta.code == missing_section::META.code {
        return vec![
            (meta.default_severity, Some("reporting section")),
            (
                missing_section::SUPPORTED_VERSIONS_SEVERITY,
                Some("supported versions"),
            ),
        ];
    }
    vec![(meta.default_severity, None)]
}

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
        .chain(crate::security_txt::codes::ALL.iter().copied())
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
