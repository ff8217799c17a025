//! The analyzer keeps document state between analyses and updates it from
//! the chunks an edit changed: suppression directives stay placed
//! (`suppress::SuppressIndex`), and rules keep lists of the few chunks with
//! findings or definitions (`rules::chunk_list`). Random edits that add,
//! remove and break directives of every kind (next-line inside a chunk and
//! at its end, ranges opened and closed in other chunks, whole-file,
//! invalid and expired ones), placeholders, reference definitions, public
//! invitations, fragment links and dates in a many-section document must leave
//! every finding exactly as a fresh analysis of the text gives it.

use proptest::prelude::*;
mod common;
use common::{assert_same_findings, edit_both, options};
use secmd_core::{analyze_text, Analyzer, Config, Document};

/// Sections each with findings (insecure links, stale dates) and
/// directives of one kind or another, long enough to span many chunks.
fn base() -> String {
    let mut out = String::from("# Security Policy\n\nEmail security@example.com.\n\n");
    for i in 1..=48 {
        out.push_str(&format!("## Part {i}\n\n"));
        match i % 8 {
            0 => out.push_str("<!-- secmd-disable-next-line insecure-link -->\n"),
            1 => out.push_str("<!-- secmd-disable insecure-link -->\n\n"),
            2 => out.push_str("<!-- secmd-enable -->\n\n"),
            3 => out.push_str("<!-- secmd-disable-next-line stale-date until 2026-01-01 -->\n"),
            4 => out.push_str("<!-- secmd-disable-next-line nope, insecure-link -->\n"),
            5 => out.push_str("Text.\n\n<!-- secmd-disable-next-line insecure-link -->\n\n"),
            6 => out.push_str("<!-- secmd-disable stale-date -->\n\n"),
            _ => out.push_str("<!-- secmd-enable stale-date -->\n\n"),
        }
        out.push_str(&format!("Get http://example.com/k{i}.asc first.\n\n"));
        if i % 5 == 0 {
            out.push_str("Last Updated: 2024-01-01\n\n");
        }
        if i % 9 == 0 {
            out.push_str("Next review: 2025-06-01\n\n");
        }
        // Mojibake: the file's code page is decided over every chunk's runs.
        if i % 7 == 0 {
            out.push_str("Status: âœ… ok, cafÃ©.\n\n");
        }
        match i % 6 {
            0 => out.push_str("Report security bugs in GitHub Issues.\n\n"),
            1 => out.push_str(&format!(
                "See [part](#part-{}) and [gone](#nope).\n\n",
                i + 3
            )),
            2 => out.push_str("Write to [YOUR EMAIL] or [label].\n\n"),
            3 => out.push_str("[label]: https://example.org/x\n\n"),
            _ => {}
        }
    }
    out
}

/// What the edits type: directives whole and in pieces, and plain text.
const INSERTS: &[&str] = &[
    "<!-- secmd-disable-next-line insecure-link -->\n",
    "<!-- secmd-disable-next-line insecure-link -->\n\n",
    "<!-- secmd-disable insecure-link -->\n\n",
    "<!-- secmd-enable -->\n\n",
    "<!-- secmd-disable-file stale-date -->\n",
    "<!-- secmd-disable-line x -->\n",
    "## Part\n\n",
    "http://example.org/x ",
    "Last Updated: 2023-05-05\n\n",
    "Next review: 2026-02-01\n\n",
    "x",
    "\n",
    "\n\n",
    "-->",
    "<!--",
    "[label]: https://a.test/\n\n",
    "[label] ",
    "Use GitHub issues for security reports.\n\n",
    "[p](#part-7) ",
    "## Part 7\n\n",
    // Headings that name expected sections (the classified-chunk list).
    "## Supported Versions\n\n",
    "## Reporting a Vulnerability\n\n",
    "### Security Updates\n\n",
    "cafÃ© ",
    "âœ… ",
    // `ı` read as Windows-1254: a run only that page explains.
    "Ä± ",
    "",
];

fn edit_strategy() -> impl Strategy<Value = (usize, bool, usize, usize)> {
    (
        0usize..100_000,
        any::<bool>(),
        0usize..16,
        0usize..INSERTS.len(),
    )
}

fn run(edits: &[(usize, bool, usize, usize)]) {
    let config = Config::default();
    let options = options(&config);
    let mut text = base();
    let mut doc = Document::new(&text);
    let mut analyzer = Analyzer::new();
    analyzer.analyze(&doc, &options);
    for &(at, line_start, delete, insert) in edits {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if line_start {
            at = text[..at].rfind('\n').map_or(0, |i| i + 1);
        }
        let insert = INSERTS[insert];
        let range = edit_both(&mut text, &mut doc, at, delete, insert);
        let incremental = analyzer.analyze(&doc, &options);
        let fresh = analyze_text(&text, &options);
        assert_same_findings(&incremental, &fresh, &format!("{insert:?} at {range:?}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn edits_keep_findings_equal_to_a_fresh_analysis(
        edits in prop::collection::vec(edit_strategy(), 1..30)
    ) {
        run(&edits);
    }
}

/// The cases the generator reaches only by chance: a next-line directive
/// typed at a chunk's end (its line is in the next chunk, which is then
/// edited), a range closed and reopened, the whole file disabled.
#[test]
fn directives_reaching_into_other_chunks_follow_edits() {
    let text = base();
    let part = |n: usize| text.find(&format!("## Part {n}\n")).expect("part");
    let get = |n: usize| {
        text.find(&format!("Get http://example.com/k{n}."))
            .expect("get")
    };
    run(&[
        (part(10), true, 0, 1), // a next-line directive ending a chunk
        (part(10) + 1, false, 0, 9),
        (get(9), true, 0, 9),     // an edit on a line some directive covers
        (part(18), true, 0, 3),   // an enable, earlier than the one there
        (part(3), true, 0, 4),    // the whole file
        (part(3), true, 40, 14),  // and gone again
        (get(40), false, 30, 11), // lines joined
    ]);
}
