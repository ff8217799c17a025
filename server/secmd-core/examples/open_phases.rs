#![allow(clippy::disallowed_methods)]
//! Times opening a file as `secmd check` does, phase by phase: reading,
//! `Document::new` (chunked, parallel parse) and `Analyzer::analyze`. For
//! finding which phase a CLI figure of `docs/PERFORMANCE.md` spends in.
//!
//! `cargo run --release -p secmd-core --example open_phases -- FILE [RUNS]`
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: open_phases FILE [RUNS]");
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 12, 1).expect("valid date"),
        files: &NoFiles,
    };
    for _ in 0..runs {
        let t = Instant::now();
        let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let read = t.elapsed();
        let t = Instant::now();
        let doc = Document::new(&text);
        let parse = t.elapsed();
        let t = Instant::now();
        let mut analyzer = Analyzer::new();
        let findings = analyzer.analyze(&doc, &options);
        let analyze = t.elapsed();
        let t = Instant::now();
        drop(analyzer);
        let drop_analyzer = t.elapsed();
        let t = Instant::now();
        drop(doc);
        let drop_t = t.elapsed();
        println!(
            "read {read:.1?}  Document::new {parse:.1?}  analyze {analyze:.1?} ({} findings)  drop analyzer {drop_analyzer:.1?}  drop document {drop_t:.1?}",
            findings.len()
        );
    }
}
