//! The rule registry: what a rule is to its users ([`RuleMeta`]: stable
//! code, default severity, documentation) and the list of every code.
//!
//! Architecture Invariant: this module is a leaf. It imports nothing from
//! the crate, so configuration, findings and suppressions can name rules
//! without depending on the rules themselves (`tests/module_graph.rs`
//! checks it). The rule objects and their `META`s live in the rule files;
//! the catalog that runs them is `rules::RULES`.

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The lowercase name used in config files and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a lowercase severity name (`error`, `warning`, `info`, `hint`).
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Looks at one chunk at a time; results are cached with the chunk and
    /// survive edits elsewhere.
    Chunk,
    /// Looks at the whole document (the whole-document model); runs on every analysis.
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

/// Architecture Invariant: rule codes are a user contract (config files,
/// suppression comments, CI filters name them): never rename one.
///
/// The code of every rule in catalog order, then the engine's own codes
/// (`invalid-suppression`, `analysis-limit`). A test holds it equal to the codes of
/// `rules::RULES` and `rules::ENGINE_CODES`.
pub static CODES: &[&str] = &[
    "missing-section",
    "empty-section",
    "duplicate-section",
    "missing-contact",
    "public-issue-channel",
    "invalid-email",
    "placeholder",
    "fenced-policy",
    "stale-date",
    "review-overdue",
    "invalid-date",
    "mojibake",
    "control-character",
    "insecure-link",
    "malformed-url",
    "visible-junk",
    "broken-link",
    "supported-versions",
    "response-time",
    "version-not-covered",
    "repository-mismatch",
    "shadowed-policy",
    "contact-mismatch",
    "policy-url-mismatch",
    "encryption-mismatch",
    "insights-mismatch",
    "invalid-suppression",
    "analysis-limit",
    "security-txt/invalid_line",
    "security-txt/no_contact",
    "security-txt/no_expire",
    "security-txt/multi_expire",
    "security-txt/invalid_expiry",
    "security-txt/expired",
    "security-txt/long_expiry",
    "security-txt/no_https",
    "security-txt/invalid_uri_scheme",
    "security-txt/multi_lang",
    "security-txt/invalid_lang",
    "security-txt/unknown_field",
];

/// The page every diagnostic links to (LSP `codeDescription.href`, SARIF
/// `helpUri`): `docs/rules.md`, generated from the catalog (`secmd rules
/// --page`) with one `## code` section per code, so the anchor is the code.
pub const RULES_PAGE: &str = "https://github.com/secmd/secmd/blob/main/docs/rules.md";

/// The documentation URL of a code: its anchor on [`RULES_PAGE`].
pub fn doc_url(code: &str) -> String {
    format!("{RULES_PAGE}#{code}")
}

/// Whether `code` names a rule (or an engine finding) users can configure.
pub fn is_known_code(code: &str) -> bool {
    CODES.contains(&code)
}
