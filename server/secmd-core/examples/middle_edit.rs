#![allow(clippy::disallowed_methods)]
//! Times one-character edits typed in the middle of a file (the shape
//! benchmark's keystroke): `Document::edit` and `Analyzer::analyze_parts`
//! separately, medians over the edits. For before/after ratios on one
//! machine and for `perf record` (issue 12's one-block shapes).
//!
//! `cargo run --release -p secmd-core --example middle_edit -- FILE [EDITS [parse]]`
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: middle_edit FILE [EDITS]");
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    // `parse`: time the edits alone (to profile the parse without the rules).
    let parse_only = args.next().as_deref() == Some("parse");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 12, 1).expect("valid date"),
        files: &NoFiles,
    };
    let mut doc = Document::new(&text);
    let mut analyzer = Analyzer::new();
    analyzer.analyze_parts(&doc, &options);
    // As `bench/genshapes.py` places them: from the middle line on, one
    // character in the middle of every third non-empty line.
    let lines: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            v.push((start, line.trim_end_matches('\n').len()));
            start += line.len();
        }
        v
    };
    let mut spots = Vec::new();
    let mut k = lines.len() / 2;
    while spots.len() < edits && k < lines.len() {
        let (start, len) = lines[k];
        if text[start..start + len].trim().is_empty() {
            k += 1;
            continue;
        }
        spots.push(start + (len / 2).max(1));
        k += 3;
    }
    let (mut edit_t, mut analyze_t) = (Vec::new(), Vec::new());
    for (i, &spot) in spots.iter().enumerate() {
        // Earlier edits inserted one byte each before this spot.
        let at = doc.clamp(spot + i..spot + i).start;
        let t = Instant::now();
        doc.edit(at..at, "x");
        edit_t.push(t.elapsed());
        if parse_only {
            continue;
        }
        let t = Instant::now();
        let parts = analyzer.analyze_parts(&doc, &options);
        analyze_t.push(t.elapsed());
        drop(parts);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    println!(
        "{} chunks; edit median {:?}, analyze_parts median {:?}; last edit {:?}",
        doc.chunks().len(),
        median(&mut edit_t),
        median(&mut analyze_t),
        doc.last_work()
    );
}
