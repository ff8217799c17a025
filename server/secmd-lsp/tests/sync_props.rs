//! Sync property test: random sequences of ranged edits sent through the
//! server (emoji, CJK, combining marks, CRLF and lone CR, edits at the start,
//! the end and across lines, deletion of everything, several changes per
//! notification) leave it in the same state as a fresh open of the final
//! text: same text, same tree (paranoid mode verifies the incremental trees
//! against a fresh parse after every change and logs any mismatch, which
//! fails the test), same diagnostics. In both position encodings.

// Tests start from `Setup::default()` and change the one field they are about.
#![allow(clippy::field_reassign_with_default)]

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

const FRAGMENTS: &[&str] = &[
    "# Title\n",
    "## Reporting\n",
    "see http://a.org now ",
    "😀",
    "漢字",
    "e\u{301}",
    "\r\n",
    "\n",
    "\r",
    "| a | b |\n|---|---|\n| 1 | ✅ |\n",
    "- item\n",
    "```\nhttp://code.org\n```\n",
    "text ",
    "**bold**",
    "<!-- c -->",
    "",
];

#[derive(Debug, Clone)]
enum Op {
    /// Replace chars [a, a + len) (fractions of the text) with a fragment.
    Replace {
        at: f64,
        len: f64,
        fragment: usize,
    },
    /// Delete everything.
    Clear,
    /// Insert at the very start / end.
    Start(usize),
    End(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let frag = 0..FRAGMENTS.len();
    prop_oneof![
        6 => (0.0..=1.0f64, 0.0..0.3f64, frag.clone()).prop_map(|(at, len, fragment)| Op::Replace { at, len, fragment }),
        1 => Just(Op::Clear),
        1 => frag.clone().prop_map(Op::Start),
        1 => frag.prop_map(Op::End),
    ]
}

/// A byte offset at a char boundary, never between `\r` and `\n` (editors
/// treat CRLF as one line break and never address its middle).
fn boundary(text: &str, char_index: usize) -> usize {
    let mut b = text
        .char_indices()
        .nth(char_index)
        .map_or(text.len(), |(i, _)| i);
    if b > 0 && text.as_bytes()[b - 1] == b'\r' && text.as_bytes().get(b) == Some(&b'\n') {
        b -= 1;
    }
    b
}

/// The byte range and new text of an op on `text`.
fn resolve(text: &str, op: &Op) -> (usize, usize, String) {
    let n = text.chars().count();
    match op {
        Op::Replace { at, len, fragment } => {
            let a = (at * n as f64) as usize;
            let b = a + (len * (n - a.min(n)) as f64) as usize;
            (
                boundary(text, a),
                boundary(text, b).max(boundary(text, a)),
                FRAGMENTS[*fragment].to_string(),
            )
        }
        Op::Clear => (0, text.len(), String::new()),
        Op::Start(f) => (0, 0, FRAGMENTS[*f].to_string()),
        Op::End(f) => (text.len(), text.len(), FRAGMENTS[*f].to_string()),
    }
}

async fn run(initial: String, batches: Vec<Vec<Op>>, utf8: bool) {
    let mut setup = Setup::default();
    setup.capabilities = push_capabilities(utf8);
    // Every rule on: the diagnostics comparison covers all of them.
    setup.initialization_options = Value::Null;
    setup.settings = Value::Null;
    let mut client = TestClient::start(setup).await;
    let uri = "file:///prop/edited/SECURITY.md";
    client.open(uri, &initial).await;
    client.diagnostics(uri).await;
    let mut text = initial;
    let mut version = 1;
    for batch in &batches {
        let mut changes = Vec::new();
        for op in batch {
            let (a, b, new) = resolve(&text, op);
            changes.push(json!({"range": range(&text, a..b, utf8), "text": new}));
            text.replace_range(a..b, &new);
        }
        version += 1;
        client.change(uri, version, Value::Array(changes)).await;
    }
    // Intermediate versions may be skipped as stale; the last one must come.
    let diags = loop {
        let (v, d) = client.diagnostics(uri).await;
        if v == json!(version) {
            break d;
        }
    };
    let server = client.server_document(uri).await;
    assert_eq!(server["text"], json!(text));
    assert_eq!(server["verify"], json!(null));

    let fresh_uri = "file:///prop/fresh/SECURITY.md";
    client.open(fresh_uri, &text).await;
    let (_, fresh) = client.diagnostics(fresh_uri).await;
    assert_eq!(
        diags, fresh,
        "diagnostics after edits differ from a fresh open"
    );
    // Chunk boundaries are not compared: the core may keep a boundary a
    // fresh parse would not draw (trees and findings are what must agree).
    client.finish().await;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn edits_through_the_server_equal_a_fresh_open(
        initial in proptest::collection::vec(0..FRAGMENTS.len(), 0..12)
            .prop_map(|v| v.into_iter().map(|i| FRAGMENTS[i]).collect::<String>()),
        batches in proptest::collection::vec(proptest::collection::vec(op(), 1..4), 1..12),
        utf8 in any::<bool>(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(run(initial, batches, utf8));
    }
}

#[test]
fn edits_in_a_crlf_document_with_astral_characters() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for utf8 in [false, true] {
        rt.block_on(run(
            "# T\r\n\r\n😀漢字 http://a.org\r\n## R\r\n".to_string(),
            vec![
                vec![Op::Replace {
                    at: 0.5,
                    len: 0.2,
                    fragment: 3,
                }],
                vec![Op::Start(1), Op::End(6)],
                vec![Op::Clear],
                vec![
                    Op::End(0),
                    Op::Replace {
                        at: 0.3,
                        len: 0.0,
                        fragment: 8,
                    },
                ],
            ],
            utf8,
        ));
    }
}

#[test]
fn typing_into_an_empty_document_then_appending_after_an_open_fence() {
    // Regression: an empty chunk left over from the empty document let the
    // appended heading start a chunk inside the unclosed code block.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(
        String::new(),
        vec![
            vec![Op::Replace {
                at: 0.0,
                len: 0.0,
                fragment: 1,
            }],
            vec![Op::End(11)],
            vec![Op::Replace {
                at: 0.38482802309568537,
                len: 0.0,
                fragment: 0,
            }],
            vec![Op::End(0)],
        ],
        false,
    ));
}
