#![allow(clippy::disallowed_methods)]
//! Resident memory after each step of opening a large file, to see where
//! the server's memory goes (RSS: freed memory may stay resident).
//!
//! `cargo run --release -p secmd-core --example mem_profile -- FILE`
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};

/// Resident memory of this process in bytes (`VmRSS`).
fn rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn mb(n: usize) -> f64 {
    n as f64 / 1e6
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: mem_profile FILE");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let size = text.len() as f64 / 1e6;
    let base = rss();
    let report = |step: &str| {
        let now = rss().saturating_sub(base);
        println!(
            "{step}: +{:.1} MB RSS ({:.1} per MB)",
            mb(now),
            mb(now) / size
        )
    };
    let doc = Document::new(&text);
    report("Document::new");
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 12, 1).unwrap(),
        files: &NoFiles,
    };
    let mut analyzer = Analyzer::new();
    let analysis = analyzer.analyze_parts(&doc, &options);
    report("analyze_parts");
    let findings = analysis.findings();
    report("findings()");
    drop(findings);
    drop(analysis);
    report("analysis dropped (analyzer cache kept)");
    drop(analyzer);
    report("analyzer dropped");
}
