//! Architecture Invariant: analysis never fails. The engine never panics: on every real policy of `../shared/corpus` (when
//! it is present beside the repository) and on arbitrary text.

// Tests read the corpus from disk; the seam is for the library code.
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use secmd_core::{analyze_text, Config, Date, Document, NoFiles, Options};
use std::path::PathBuf;

fn options(config: &Config) -> Options<'_> {
    Options {
        config,
        today: Date::from_ymd(2026, 11, 23).unwrap(),
        files: &NoFiles,
    }
}

/// `../shared/corpus/files` relative to the repository root, if present.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/files");
    dir.is_dir().then_some(dir)
}

#[test]
fn corpus_analyses_without_panic_and_chunks_equal_whole_parse() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not present beside the repository; the CI corpus sweep covers it");
        return;
    };
    let config = Config::default();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        analyze_text(&text, &options(&config));
        Document::new(&text)
            .verify()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        count += 1;
    }
    assert!(count >= 100, "only {count} corpus files");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "(?s)[#>*_`\\[\\]()<!\\-|:@./a-z0-9 \\t\\r\\n😀é日]{0,300}") {
        let config = Config::default();
        analyze_text(&text, &options(&config));
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let config = Config::default();
        analyze_text(&text, &options(&config));
    }
}
