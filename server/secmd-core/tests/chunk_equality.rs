//! The chunked document equals a whole-document parse: on real policies,
//! after random edits biased to the structural cases that move boundaries.

use proptest::prelude::*;
use secmd_core::Document;

const BASE: &str = "# Security Policy\n\nIntro with a [link](https://x.org).\n\n## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 1.x     | ✅        |\n\n## Reporting a Vulnerability\n\nEmail security@x.org.\n\n```sh\n# not a heading\necho hi\n```\n\n<!-- comment\n# inside comment\n-->\n\n- item\n  ```\n  code\n# after list\n\n### Sub 😀\r\nCRLF line\r\n";

/// Pieces that open and close the constructs chunk boundaries depend on.
const PIECES: &[&str] = &[
    "#",
    "# ",
    "## H\n",
    "\n",
    "\r\n",
    "```",
    "```\n",
    "~~~",
    "~~~~\n",
    "<!--",
    "-->",
    "<pre>",
    "</pre>\n",
    "<div>\n",
    "\n\n",
    "- ",
    "> ",
    "    ",
    "---\n",
    "😀",
    "日本",
    "x",
    "|a|b|\n|-|-|\n",
];

fn edit_strategy() -> impl Strategy<Value = (usize, usize, String, bool)> {
    (
        0usize..10_000,
        0usize..40,
        prop::sample::select(PIECES),
        any::<bool>(),
    )
        .prop_map(|(at, del, piece, line_start)| (at, del, piece.to_string(), line_start))
}

fn apply(
    doc: &mut Document,
    shadow: &mut String,
    at: usize,
    del: usize,
    piece: &str,
    line_start: bool,
) {
    let len = shadow.len();
    let mut start = if len == 0 { 0 } else { at % (len + 1) };
    while !shadow.is_char_boundary(start) {
        start -= 1;
    }
    if line_start {
        start = shadow[..start].rfind('\n').map_or(0, |i| i + 1);
    }
    let mut end = (start + del).min(len);
    while !shadow.is_char_boundary(end) {
        end -= 1;
    }
    doc.edit(start..end, piece);
    shadow.replace_range(start..end, piece);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_keep_chunks_equal_to_whole_parse(edits in prop::collection::vec(edit_strategy(), 1..25)) {
        let mut doc = Document::new(BASE);
        let mut shadow = BASE.to_string();
        for (i, (at, del, piece, line_start)) in edits.iter().enumerate() {
            apply(&mut doc, &mut shadow, *at, *del, piece, *line_start);
            prop_assert_eq!(doc.text(), shadow.clone());
            if let Err(e) = doc.verify() {
                prop_assert!(false, "{} after edits {:?}; text: {:?}", e, &edits[..=i], shadow);
            }
        }
    }
}

#[test]
fn base_document_is_chunked_and_equal() {
    let doc = Document::new(BASE);
    assert!(doc.chunks().len() >= 5, "{} chunks", doc.chunks().len());
    doc.verify().unwrap();
}

#[test]
fn empty_and_tiny_documents() {
    for text in ["", "#", "\n", "\r", "# a", "```", "<!--"] {
        let mut doc = Document::new(text);
        doc.verify().unwrap();
        doc.edit(0..text.len(), "");
        assert_eq!(doc.text(), "");
        doc.verify().unwrap();
    }
}
