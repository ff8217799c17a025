//! Analysis of arbitrary bytes: no panic, no hang (libFuzzer's `-timeout`),
//! every finding and fix range on character boundaries of the text, every
//! fix applies cleanly, and applying the safe fixes until none is left ends
//! with no safe fix offered again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secmd_core::fix::{apply_edits, safe_fix_edits};
use secmd_core::rules::analysis_limit;
use secmd_core::{Analyzer, Config, Date, Document, Finding, NoFiles, Options};

/// The same bound as `secmd check --fix`: fixes may unblock other fixes.
const MAX_FIX_ROUNDS: usize = 8;

fn analyze(text: &str, config: &Config) -> Vec<Finding> {
    let options = Options {
        config,
        today: Date::from_days_since_epoch(20_780),
        files: &NoFiles,
    };
    Analyzer::new().analyze(&Document::new(text), &options)
}

fn check_ranges(text: &str, findings: &[Finding]) {
    let on_boundary = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    for f in findings {
        assert!(on_boundary(&f.range), "{}: range {:?}", f.code, f.range);
        for fix in &f.fixes {
            for e in &fix.edits {
                assert!(on_boundary(&e.range), "{}: fix range {:?}", f.code, e.range);
            }
            assert!(
                apply_edits(text, &fix.edits).is_some(),
                "{}: fix `{}` does not apply",
                f.code,
                fix.title
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // As at secmd's entry points: a text over the analysis limits (a run of
    // thousands of `*` costs the parser the square of its length) is never
    // parsed, only reported.
    if let Some(limit) = analysis_limit::check(&text) {
        check_ranges(&text, &[limit]);
        return;
    }
    let config = Config::default();
    let mut text = text.into_owned();
    let mut findings = analyze(&text, &config);
    check_ranges(&text, &findings);
    for _ in 0..MAX_FIX_ROUNDS {
        let (edits, _) = safe_fix_edits(&findings);
        if edits.is_empty() {
            return;
        }
        text = apply_edits(&text, &edits).expect("safe fixes apply");
        findings = analyze(&text, &config);
        check_ranges(&text, &findings);
    }
    let (left, _) = safe_fix_edits(&findings);
    assert!(
        left.is_empty(),
        "safe fixes still offered after {MAX_FIX_ROUNDS} rounds: {left:?}"
    );
});
