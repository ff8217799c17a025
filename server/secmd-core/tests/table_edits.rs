//! `supported-versions` and `placeholder` keep what each row (each prose
//! range) of a large table said between analyses, by its text
//! (`memo::pieces`): a keystroke in a one-table document reads the row it
//! changed. Random edits in two versions tables of every kind of row
//! (duplicates, unknown markers, dates that passed, comparator rows,
//! template rows, placeholders in cells), rows typed and deleted, the
//! header's columns changed, must leave every finding exactly as a fresh
//! analysis of the text gives it.

use proptest::prelude::*;
mod common;
use common::{assert_same_findings, edit_both, options};
use secmd_core::{analyze_text, Analyzer, Config, Document};

/// One versions table row of some kind, for version number `n`.
fn row(i: usize) -> String {
    let n = 400 - i;
    match i {
        _ if i.is_multiple_of(17) => format!("| < {n}.0 | :x: |\n"),
        _ if i.is_multiple_of(19) => format!("| > {n}.0 | ✅ |\n"),
        _ if i.is_multiple_of(23) => format!("| {}.x | ❌ |\n", n + 1),
        _ if i.is_multiple_of(29) => format!("| {n}.x | maybe |\n"),
        _ if i.is_multiple_of(31) => format!("| {n}.x | Until 2024-01-31 |\n"),
        _ if i.is_multiple_of(37) => "| {{VERSION}} | TBD |\n".to_string(),
        _ if i.is_multiple_of(41) => format!("| `{n}.x` | [Your Email] |\n"),
        _ if i.is_multiple_of(43) => format!("| **V{n}.X** | TODO |\n"),
        _ => format!(
            "| {n}.{}.x | {} |\n",
            i % 7,
            if i.is_multiple_of(3) { "✅" } else { ":x:" }
        ),
    }
}

/// A policy whose supported-versions section holds a table large enough
/// for both rules' row memos (over 256 rows: 512 prose cells) and a small
/// one, then another section.
fn base() -> String {
    let mut out = String::from(
        "# Security Policy\n\n## Supported Versions\n\nThe rows below say it.\n\n\
         | Version | Supported |\n| ------- | --------- |\n",
    );
    for i in 0..300 {
        out.push_str(&row(i));
    }
    out.push_str("\nOlder ones:\n\n| Version | Status |\n|---|---|\n| 0.2.x | TBD |\n| 0.1.x | no |\n| 0.1.x | yes |\n");
    out.push_str("\n## Reporting\n\nEmail security@acme-widgets.org.\n");
    out
}

/// What the edits type: cell text, markers, template text, whole rows,
/// pipes and line breaks (rows split and joined), header words.
const INSERTS: &[&str] = &[
    "x",
    "1",
    ".",
    " ",
    "|",
    "{{",
    "TBD",
    "< ",
    "> ",
    ":x:",
    "✅",
    "until 2020-01-01",
    "| 9.9.x | ✅ |\n",
    "| 9.9.x | ✅ |\n| 9.9.x | :x: |\n",
    "\n",
    "Status",
    "Released",
    "[Your Name]",
    "",
];

/// (row or position, column, bytes deleted, insert).
fn edit_strategy() -> impl Strategy<Value = (usize, usize, usize, usize)> {
    (0usize..400, 0usize..40, 0usize..6, 0usize..INSERTS.len())
}

/// Applies each edit to the text and the document, and compares the
/// analyzer's findings (kept state) with a fresh analysis after each.
fn run(edits: &[(usize, usize, usize, usize)]) {
    let config = Config::default();
    let options = options(&config);
    let mut text = base();
    let mut doc = Document::new(&text);
    let mut analyzer = Analyzer::new();
    let first = analyzer.analyze(&doc, &options);
    for code in ["supported-versions", "placeholder"] {
        assert!(first.iter().any(|f| f.code == code), "no {code} finding");
    }
    for &(line, column, delete, insert) in edits {
        // Mostly inside a table row: the `line`th line, `column` into it.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        let start = starts[line % starts.len()];
        let line_len = text[start..].find('\n').unwrap_or(text.len() - start);
        let insert = INSERTS[insert];
        let at = start + column % (line_len + 1);
        let range = edit_both(&mut text, &mut doc, at, delete, insert);
        let incremental = analyzer.analyze(&doc, &options);
        let fresh = analyze_text(&text, &options);
        assert_same_findings(&incremental, &fresh, &format!("{insert:?} at {range:?}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn table_edits_keep_findings_equal_to_a_fresh_analysis(
        edits in prop::collection::vec(edit_strategy(), 1..24)
    ) {
        run(&edits);
    }
}

/// The cases the generator reaches only by chance: two equal rows typed
/// and the first changed (the second becomes the first of its version),
/// the header's support column renamed (every row is read again), the
/// small table edited, most of a row deleted.
#[test]
fn rows_that_change_what_other_rows_mean() {
    let text = base();
    let header = text[..text.find("| Version | Supported").expect("header")]
        .matches('\n')
        .count();
    run(&[
        (header + 2, 0, 0, 13),  // `| 9.9.x | ✅ |` twice, first in the table
        (header + 2, 2, 1, 1),   // the first → `1.9.x`
        (header, 12, 9, 16),     // `Supported` → `Released`
        (header, 12, 8, 15),     // → `Status`
        (header + 40, 4, 0, 2),  // a version typed into a row
        (header + 300, 2, 0, 5), // the small table
        (header + 9, 0, 30, 18), // most of a row deleted
    ]);
}
