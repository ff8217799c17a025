//! What the edit property tests share (`incremental_edits`, `anchor_edits`,
//! `table_edits`): the options, one edit applied to the text and the
//! document alike, and the comparison of an analyzer's findings after
//! edits with a fresh analysis.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use secmd_core::{Config, Date, Document, Finding, NoFiles, Options};
use std::ops::Range;

/// The options of every edit test: the default rules, a fixed "today", no files.
pub fn options(config: &Config) -> Options<'_> {
    Options {
        config,
        today: Date::from_ymd(2026, 11, 23).expect("valid date"),
        files: &NoFiles,
    }
}

/// Replaces `delete` bytes at `at` with `insert`, in `text` and in `doc`
/// alike, with `at` rounded down and the end rounded up to character
/// boundaries (the end clamped to the text). Returns the range replaced.
pub fn edit_both(
    text: &mut String,
    doc: &mut Document,
    at: usize,
    delete: usize,
    insert: &str,
) -> Range<usize> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + delete).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.replace_range(at..end, insert);
    doc.edit(at..end, insert);
    at..end
}

/// Panics, naming the findings only one side has, unless an analysis kept
/// up by edits (`incremental`) equals a fresh analysis of the same text.
pub fn assert_same_findings(incremental: &[Finding], fresh: &[Finding], after: &str) {
    if incremental == fresh {
        return;
    }
    let only = |a: &[Finding], b: &[Finding]| -> Vec<String> {
        a.iter()
            .filter(|f| !b.contains(f))
            .map(|f| format!("{:?} {} {}", f.range, f.code, f.message))
            .collect()
    };
    panic!(
        "after {after}: only incremental {:?}, only fresh {:?}",
        only(incremental, fresh),
        only(fresh, incremental)
    );
}
