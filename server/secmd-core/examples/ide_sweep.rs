//! Development helper: prints the outline, section hovers, version-row
//! hovers and folds of policies, to review editor features on real files.
//! `cargo run -p secmd-core --example ide_sweep -- FILE...`
use secmd_core::ide::{document_symbols, folding_ranges, hover, Symbol};
use secmd_core::text::position::{offset_to_line_col, Encoding};
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};

fn main() {
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 11, 23).unwrap(),
        files: &NoFiles,
    };
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let rope = ropey::Rope::from_str(&text);
        let lc = |o: usize| {
            let p = offset_to_line_col(&rope, o, Encoding::Utf32);
            format!("{}:{}", p.line + 1, p.col + 1)
        };
        let document = Document::new(&text);
        let doc = Analyzer::new().analyze_with_view(&document, &options).1;
        println!("== {path}");
        fn walk(s: &[Symbol], depth: usize, lc: &dyn Fn(usize) -> String) {
            for x in s {
                println!(
                    "  {}{} [{}] {}-{}",
                    "  ".repeat(depth),
                    x.name,
                    x.detail.as_deref().unwrap_or("-"),
                    lc(x.range.start),
                    lc(x.range.end)
                );
                walk(&x.children, depth + 1, lc);
            }
        }
        walk(&document_symbols(&doc), 0, &lc);
        println!("  folds: {}", folding_ranges(&doc).len());
        for t in doc.tables() {
            for r in &t.rows {
                if let Some(h) = hover(&document, &doc, r.range.start, &options) {
                    println!("  row {}: {}", lc(r.range.start), h.markdown);
                }
            }
        }
    }
}
