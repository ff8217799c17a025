//! The rule catalog. One rule per file; each file's `META` holds the stable
//! code, the default severity and the user documentation that `secmd rules`
//! prints and the README's table is generated from.

use crate::finding::{Finding, Severity};
use crate::model::{ChunkModel, Doc};
use crate::Options;

mod insecure_link;

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
}

/// A check. Implement the method that matches `META.scope`.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    fn check_chunk(&self, _cx: &ChunkContext<'_>, _out: &mut Vec<Finding>) {}

    fn check_document(&self, _cx: &DocContext<'_>, _out: &mut Vec<Finding>) {}
}

/// Every rule, in catalog order.
pub static RULES: &[&dyn Rule] = &[&insecure_link::InsecureLink];

/// Codes that are not rules but that the engine reports itself.
pub static ENGINE_CODES: &[&RuleMeta] = &[];

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
