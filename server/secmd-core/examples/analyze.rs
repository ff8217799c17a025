//! Development helper: prints the findings for files (line:col 1-based).
//! `cargo run -p secmd-core --example analyze -- FILE...` (today = 2026-11-23
//! unless SECMD_TODAY is set). The real CLI is `secmd check`.
// A development tool at the edge: it reads files and the environment itself.
#![allow(clippy::disallowed_methods)]

use secmd_core::text::position::{offset_to_line_col, Encoding};
use secmd_core::{analyze_text, Config, Date, NoFiles, Options};

fn main() {
    let today = std::env::var("SECMD_TODAY")
        .ok()
        .and_then(|s| Date::parse_iso(&s))
        .unwrap_or(Date::from_ymd(2026, 11, 23).unwrap());
    let config = Config::default();
    let options = Options {
        config: &config,
        today,
        files: &NoFiles,
    };
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let rope = ropey::Rope::from_str(&text);
        for f in analyze_text(&text, &options) {
            let a = offset_to_line_col(&rope, f.range.start, Encoding::Utf32);
            let snippet: String = text[f.range.clone()].chars().take(60).collect();
            println!(
                "{path}:{}:{}: {} [{}] {} | {:?}",
                a.line + 1,
                a.col + 1,
                f.severity.as_str(),
                f.code,
                f.message,
                snippet
            );
        }
    }
}
