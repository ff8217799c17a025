//! Inline suppression comments (`<!-- secmd-disable-next-line CODE -->` …).

use crate::finding::Finding;
use crate::model::Doc;
use crate::Options;

/// Drops suppressed findings and adds findings for invalid directives.
pub fn apply(_doc: &Doc, findings: Vec<Finding>, _options: &Options<'_>) -> Vec<Finding> {
    findings
}
