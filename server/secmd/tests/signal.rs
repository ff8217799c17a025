//! The signal gate: on the labelled corpus policies, a finding labelled true
//! must still be reported, a false or noise one not in the accepted list
//! (`tests/signal/still-reported.txt`) must not be, every listed one must
//! still be (fixed ones leave the list), and every finding must be labelled.
//! Skips with a message when `../shared/corpus` is absent.

#[path = "signal_support/mod.rs"]
mod signal_support;

use signal_support as signal;

#[test]
fn labelled_findings_hold_on_the_corpus() {
    let Some(corpus) = signal::corpus_dir() else {
        eprintln!(
            "skipped: no corpus at ../shared/corpus beside the repository (set SECMD_CORPUS to run the signal gate)"
        );
        return;
    };
    let labels = signal::load_labels(&signal::labels_dir()).unwrap();
    let names: Vec<String> = signal::corpus_files(&corpus)
        .unwrap()
        .into_iter()
        .filter(|n| labels.contains_key(n))
        .collect();
    let run = signal::run_engine(&corpus, &names).unwrap();
    let score = signal::score(&labels, &run);

    let mut problems = Vec::new();
    for item in score.to_review() {
        let what = if item.lost {
            "a finding labelled true is no longer reported"
        } else {
            "a finding has no label (judge it in its labels file)"
        };
        problems.push(format!(
            "{what}: {} {} line {}: {}",
            item.file, item.code, item.line, item.message
        ));
    }
    let still = score.still_reported();
    let accepted = signal::read_baseline().unwrap();
    for new in signal::minus(&still, &accepted) {
        problems.push(format!("a false or noise finding is reported again: {new}"));
    }
    for gone in signal::minus(&accepted, &still) {
        problems.push(format!(
            "fixed, remove it from tests/signal/still-reported.txt: {gone}"
        ));
    }
    assert!(
        problems.is_empty(),
        "signal regressions ({}), see `cargo signal`:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
