//! Incremental sync: an arbitrary sequence of edits, positioned as an LSP
//! client would (line and column in UTF-8 or UTF-16 code units, clamped),
//! applied to a `Document` must leave the same text as a plain `String`
//! edited alongside, trees equal to a fresh parse (`verify`, as paranoid
//! mode does), and findings equal to a fresh document's.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use secmd_core::text::position::{line_col_to_offset, Encoding, LineCol};
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};

#[derive(Arbitrary, Debug)]
struct Change {
    start: (u8, u8),
    end: (u8, u8),
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Input {
    utf16: bool,
    initial: String,
    changes: Vec<Change>,
}

fuzz_target!(|input: Input| {
    let enc = if input.utf16 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_days_since_epoch(20_780),
        files: &NoFiles,
    };
    let mut doc = Document::new(&input.initial);
    let mut shadow = input.initial.clone();
    let mut analyzer = Analyzer::new();
    analyzer.analyze(&doc, &options);
    for change in input.changes.iter().take(64) {
        let at = |(line, col): (u8, u8)| {
            line_col_to_offset(
                doc.rope(),
                LineCol {
                    line: line.into(),
                    col: col.into(),
                },
                enc,
            )
        };
        let (a, b) = (at(change.start), at(change.end));
        let range = a.min(b)..a.max(b);
        assert!(shadow.is_char_boundary(range.start) && shadow.is_char_boundary(range.end));
        shadow.replace_range(range.clone(), &change.text);
        doc.edit(range, &change.text);
        assert_eq!(doc.text(), shadow);
        if let Err(e) = doc.verify() {
            panic!("incremental trees differ from a fresh parse: {e}");
        }
        let incremental = analyzer.analyze(&doc, &options);
        let fresh = Analyzer::new().analyze(&Document::new(&shadow), &options);
        assert_eq!(incremental, fresh);
    }
});
