#![allow(clippy::disallowed_methods)]
//! Times `Document::edit` + `Analyzer::analyze_parts` for one-character
//! edits in a large file (for profiling with `perf record`).
//!
//! `cargo run --release -p secmd-core --example edit_profile -- FILE [EDITS]`
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: edit_profile FILE [EDITS]");
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 12, 1).unwrap(),
        files: &NoFiles,
    };
    let t = Instant::now();
    let mut doc = Document::new(&text);
    let mut analyzer = Analyzer::new();
    let a = analyzer.analyze_parts(&doc, &options);
    println!(
        "open {:?}: {} chunks, {} findings",
        t.elapsed(),
        doc.chunks().len(),
        a.count()
    );
    let (mut edit_t, mut analyze_t) = (Vec::new(), Vec::new());
    for i in 0..edits {
        // The text is ASCII in the benchmark documents; clamp keeps any
        // other file valid.
        let at = doc
            .clamp((text.len() / edits) * i + 7..(text.len() / edits) * i + 7)
            .start;
        let t = Instant::now();
        doc.edit(at..at, "x");
        edit_t.push(t.elapsed());
        let t = Instant::now();
        let a = analyzer.analyze_parts(&doc, &options);
        analyze_t.push(t.elapsed());
        drop(a);
    }
    edit_t.sort();
    analyze_t.sort();
    println!(
        "edit median {:?}, analyze_parts median {:?}",
        edit_t[edits / 2],
        analyze_t[edits / 2]
    );
}
