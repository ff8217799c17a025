//! Skipping the inline parse of plain inline nodes changes nothing: the
//! model extracted with the prefilter ([`parse_for_model`]) equals the model
//! extracted from a parse of every inline node ([`parse_markdown`]), on every
//! real policy of `../shared/corpus` and on generated edge cases.

use proptest::prelude::*;
use secmd_core::syntax::extract;
use secmd_core::syntax::{parse_for_model, parse_markdown};

fn assert_same_model(text: &str, what: &str) {
    let full = extract(text, &parse_markdown(text));
    let filtered = extract(text, &parse_for_model(text, None));
    assert_eq!(full, filtered, "models differ for {what}");
}

#[test]
#[allow(clippy::disallowed_methods)] // reads the corpus from disk
fn corpus_models_equal_with_and_without_prefilter() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/files");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not present beside the repository; skipping the corpus comparison");
        return;
    };
    let mut n = 0;
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue; // the corpus holds one deliberately non-UTF-8 file
        };
        assert_same_model(&text, &entry.path().display().to_string());
        n += 1;
    }
    assert!(n > 0, "no readable corpus file in {}", dir.display());
}

/// Inline syntax next to the trigger bytes, and near misses without them.
const PIECES: &[&str] = &[
    "plain words",
    "[link](https://a.org)",
    "[text]",
    "![img](x.png)",
    "<https://auto.org>",
    "<a@b.org>",
    "`code`",
    "``co`de``",
    "**bold**",
    "__bold__",
    "*em*",
    "_em_",
    "snake_case_name",
    "\\[not a link\\]",
    "&amp; &#91; &lt;",
    "x < y > z",
    "a@b.org",
    "mailto:a@b.org",
    "https://bare.org/x.",
    "www.bare.org",
    "[ref][label]",
    "[col][]",
    "<!-- comment -->",
    "<a href=\"https://h.org\">",
    "~~strike~~",
    "!",
    "]",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n| c | d |\n",
    "# H\n",
    "Setext\n===\n",
    "    indented\n",
    "```\ncode\n```\n",
    "[label]: https://d.org\n",
    "**Contact:**\n",
    "\r\n",
    "é 😀 日本",
    "  \n",
];

proptest! {
    #[test]
    fn generated_models_equal_with_and_without_prefilter(
        pieces in prop::collection::vec((prop::sample::select(PIECES), prop::sample::select(&[" ", "", "\n"][..])), 1..40)
    ) {
        let text: String = pieces.iter().flat_map(|(p, sep)| [*p, *sep]).collect();
        assert_same_model(&text, &format!("{text:?}"));
    }
}
