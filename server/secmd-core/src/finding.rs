//! Findings: what a rule reports, with UTF-8 byte ranges and optional fixes.
//!
//! Nothing here knows about LSP or terminals; the server's adapter and the
//! CLI's renderers turn these into their own shapes.

use crate::rules::registry::RuleMeta;
pub use crate::rules::registry::Severity;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Extra meaning an editor may render (LSP diagnostic tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    /// The text is stale or outdated (rendered faded by many editors).
    Unnecessary,
    /// The text refers to something deprecated.
    Deprecated,
}

/// One replacement of a byte range of the document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl Edit {
    pub fn new(range: Range<usize>, new_text: impl Into<String>) -> Self {
        Edit {
            range,
            new_text: new_text.into(),
        }
    }

    /// Shifts the edit by `delta` bytes (used when a chunk-relative result is placed in the document).
    pub fn shifted(&self, delta: usize) -> Self {
        Edit {
            range: self.range.start.wrapping_add(delta)..self.range.end.wrapping_add(delta),
            new_text: self.new_text.clone(),
        }
    }
}

/// A named set of edits that resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fix {
    /// Imperative title shown in menus, e.g. "Use https".
    pub title: String,
    pub edits: Vec<Edit>,
    /// The obvious fix: editors apply it on "quick fix" and `--fix`/fix-all use it.
    pub preferred: bool,
    /// Safe fixes may be applied without review (`secmd check --fix`, fix-all).
    pub safe: bool,
}

impl Fix {
    /// A safe, preferred fix made of one edit.
    pub fn safe(title: impl Into<String>, edit: Edit) -> Self {
        Fix {
            title: title.into(),
            edits: vec![edit],
            preferred: true,
            safe: true,
        }
    }

    /// A fix that needs a human's review (not applied by `--fix`).
    pub fn suggestion(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            edits,
            preferred: false,
            safe: false,
        }
    }

    pub fn shifted(&self, delta: usize) -> Self {
        Fix {
            title: self.title.clone(),
            edits: self.edits.iter().map(|e| e.shifted(delta)).collect(),
            preferred: self.preferred,
            safe: self.safe,
        }
    }
}

/// A problem found in a policy, located by a UTF-8 byte range.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Finding {
    /// Stable kebab-case rule code, e.g. `stale-date`.
    pub code: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub tags: Vec<Tag>,
}

impl Finding {
    /// A finding of a rule, with the rule's default severity (the engine
    /// applies the configured severity afterwards).
    pub fn new(rule: &'static RuleMeta, range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            code: rule.code,
            severity: rule.default_severity,
            range,
            message: message.into(),
            fixes: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// Overrides the rule's default severity for this finding.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// Adds every fix, in order.
    pub fn with_fixes(mut self, fixes: impl IntoIterator<Item = Fix>) -> Self {
        self.fixes.extend(fixes);
        self
    }

    pub fn with_tag(mut self, tag: Tag) -> Self {
        self.tags.push(tag);
        self
    }

    /// The finding moved `delta` bytes later (wrapping: see
    /// [`Finding::relative_to`]).
    pub fn shifted(&self, delta: usize) -> Self {
        Finding {
            code: self.code,
            severity: self.severity,
            range: self.range.start.wrapping_add(delta)..self.range.end.wrapping_add(delta),
            message: self.message.clone(),
            fixes: self.fixes.iter().map(|f| f.shifted(delta)).collect(),
            tags: self.tags.clone(),
        }
    }

    /// The finding relative to offset `start` (the inverse of
    /// [`Finding::shifted`]). A fix may edit text before `start`; its
    /// offsets wrap around and come back exact when shifted by `start`.
    pub fn relative_to(&self, start: usize) -> Self {
        self.shifted(start.wrapping_neg())
    }
}
