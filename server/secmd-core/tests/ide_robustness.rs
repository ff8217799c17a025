//! Editor features never panic and always return valid ranges: on every
//! real policy of `../shared/corpus` (when present) and on arbitrary text,
//! at any offset, including offsets inside characters, inside CRLF and past
//! the end.

use proptest::prelude::*;
use secmd_core::ide::{
    code_lenses, completions, document_symbols, folding_ranges, hover, CompletionContext, Symbol,
};
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};
use std::ops::Range;
use std::path::PathBuf;

fn options(config: &Config) -> Options<'_> {
    Options {
        config,
        today: Date::from_ymd(2026, 11, 23).unwrap(),
        files: &NoFiles,
    }
}

#[track_caller]
fn valid(text: &str, r: &Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "range {r:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "range {r:?} splits a character"
    );
}

fn check_symbols(text: &str, syms: &[Symbol], parent: Option<&Range<usize>>) {
    for s in syms {
        valid(text, &s.range);
        valid(text, &s.selection);
        assert!(!s.name.is_empty());
        assert!(
            s.range.start <= s.selection.start && s.selection.end <= s.range.end,
            "selection {:?} outside range {:?}",
            s.selection,
            s.range
        );
        if let Some(p) = parent {
            assert!(p.start <= s.range.start && s.range.end <= p.end);
        }
        check_symbols(text, &s.children, Some(&s.range));
    }
}

/// Runs every feature, at the given offsets, and checks the ranges.
fn exercise(text: &str, offsets: impl Iterator<Item = usize>) {
    let config = Config::default();
    let options = options(&config);
    let document = Document::new(text);
    let doc = Analyzer::new().analyze_with_view(&document, &options).1;
    check_symbols(text, &document_symbols(&doc), None);
    for f in folding_ranges(&doc) {
        valid(text, &f.range);
    }
    for l in code_lenses(&doc, &options) {
        valid(text, &l.range);
    }
    let cx = CompletionContext {
        repository: Some("acme/widget"),
    };
    for offset in offsets {
        if let Some(h) = hover(&document, &doc, offset, &options) {
            valid(text, &h.range);
            assert!(!h.markdown.is_empty());
        }
        for item in completions(&document, &doc, offset, &options, &cx) {
            valid(text, &item.replace);
        }
    }
}

/// `../shared/corpus/files` relative to the repository root, if present.
fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/files");
    dir.is_dir().then_some(dir)
}

#[test]
fn corpus_features_are_safe() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not present beside the repository");
        return;
    };
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        // Line ends (where completion is asked most), and a spread of
        // offsets in between (some inside characters).
        let mut offsets: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i.saturating_sub(1))
            .collect();
        offsets.extend((0..text.len()).step_by(97));
        offsets.push(text.len() + 5);
        exercise(&text, offsets.into_iter());
    }
}

#[test]
fn crafted_texts_at_every_offset() {
    for text in [
        "",
        "#",
        "# 🔒 Reporting a Vulnerability\r\n\r\nUse \r\n",
        "## Supported Versions\r\n\r\n| Version | Supported |\r\n|---|---|\r\n| 😀 | ✅ |\r\n| 1 | ",
        "Last Updated: 2024-01-01\rNext Review: \r",
        "---\nlast-updated: \n---\n# 安全\n",
        "```\n## \n",
        "<!--\n## x\n",
        "Setext\n===\n\n**Bold heading**\n\n- a\n  - b\n",
    ] {
        exercise(text, 0..text.len() + 3);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_at_every_offset(text in "(?s)[#>*_`\\[\\]()<!\\-|:@./a-zA-Z0-9 \\t\\r\\n😀é日✅]{0,120}") {
        exercise(&text, 0..text.len() + 2);
    }
}
