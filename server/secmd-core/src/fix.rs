//! Applying fixes to text: one fix, or every safe fix at once.

use crate::finding::{Edit, Finding};

/// Applies non-overlapping edits to a text. Overlapping edits are an error
/// (returns `None`) rather than a guess.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        if e.range.start < pos || e.range.end > text.len() || e.range.start > e.range.end {
            return None;
        }
        out.push_str(text.get(pos..e.range.start)?);
        out.push_str(&e.new_text);
        pos = e.range.end;
    }
    out.push_str(text.get(pos..)?);
    Some(out)
}

/// Which fixes an automatic fix applies (as ruff's `--unsafe-fixes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Safe fixes only: `--fix`, the editor's fix-all.
    Safe,
    /// The preferred suggestion too, when a finding has no safe fix: fixes
    /// that need a human's review, such as "Set Last Updated to today",
    /// which records a review (`--fix --unsafe-fixes`).
    Suggestions,
}

/// The edits of every finding's preferred safe fix, skipping fixes that
/// overlap an earlier one (a second `--fix` run picks them up).
pub fn safe_fix_edits(findings: &[Finding]) -> (Vec<Edit>, Vec<&Finding>) {
    fix_edits(findings, Applicability::Safe)
}

/// The edits of every finding's preferred fix that `applicability` allows,
/// skipping fixes that overlap an earlier one.
pub fn fix_edits(findings: &[Finding], applicability: Applicability) -> (Vec<Edit>, Vec<&Finding>) {
    let mut edits: Vec<Edit> = Vec::new();
    let mut fixed = Vec::new();
    for f in findings {
        let safe = f.fixes.iter().find(|x| x.safe && x.preferred);
        let fix = match applicability {
            Applicability::Safe => safe,
            Applicability::Suggestions => safe.or_else(|| f.fixes.iter().find(|x| x.preferred)),
        };
        let Some(fix) = fix else {
            continue;
        };
        let overlaps = fix.edits.iter().any(|e| {
            edits.iter().any(|o| {
                e.range.start < o.range.end.max(o.range.start + 1)
                    && o.range.start < e.range.end.max(e.range.start + 1)
            })
        });
        if overlaps {
            continue;
        }
        edits.extend(fix.edits.iter().cloned());
        fixed.push(f);
    }
    (edits, fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_any_order_and_rejects_overlaps() {
        let edits = [Edit::new(4..5, "X"), Edit::new(0..1, "Y")];
        assert_eq!(apply_edits("abcdef", &edits).unwrap(), "YbcdXf");
        assert_eq!(
            apply_edits("abcdef", &[Edit::new(0..3, ""), Edit::new(2..4, "")]),
            None
        );
    }
}
