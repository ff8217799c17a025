//! Architecture Invariant: chunks parse as the whole document would. The
//! chunked document equals a whole-document parse: on real policies,
//! after random edits biased to the structural cases that move boundaries.

use proptest::prelude::*;
use secmd_core::Document;

const BASE: &str = "# Security Policy\n\nIntro with a [link](https://x.org).\n\n## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 1.x     | ✅        |\n\n## Reporting a Vulnerability\n\nEmail security@x.org.\n\n```sh\n# not a heading\necho hi\n```\n\n<!-- comment\n# inside comment\n-->\n\n- item\n  ```\n  code\n# after list\n\n### Sub 😀\r\nCRLF line\r\n\r\nNo heading\r\n\nParagraph one\nwraps.\n\n- a\n- b\n\n- c after blank\n\nAfter list.\n\n> quote\n> - nested\n\n+ plus\n\nTable | x\n--- | ---\n1 | 2\n\n<!--\n\nIn comment\n-->\n\nPing\0pong.\n\nLast\n";

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
    // paragraph, list and quote starts after blank lines (non-heading boundaries)
    "Text ",
    "\nPara\n",
    "\n\nWord",
    "* b\n",
    "+ c",
    "1. ",
    "**Bold**\n",
    "===\n",
    "[r]: /u\n",
    "\0",
    "<?",
    "?>",
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
    let (range, piece) = locate(shadow, at, del, piece, line_start);
    doc.edit(range.clone(), piece);
    shadow.replace_range(range, piece);
}

/// The range an edit of the strategy replaces in `shadow`.
fn locate<'p>(
    shadow: &str,
    at: usize,
    del: usize,
    piece: &'p str,
    line_start: bool,
) -> (std::ops::Range<usize>, &'p str) {
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
    (start..end, piece)
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Batches (an LSP `didChange` with several content changes): every
    /// edit changes the text at once, the chunks are re-parsed once at the
    /// end, and they equal a whole parse of the final text.
    #[test]
    fn random_batches_keep_chunks_equal_to_whole_parse(
        batches in prop::collection::vec(prop::collection::vec(edit_strategy(), 1..8), 1..6)
    ) {
        let mut doc = Document::new(BASE);
        let mut shadow = BASE.to_string();
        for (i, batch) in batches.iter().enumerate() {
            let mut b = doc.batch();
            for (at, del, piece, line_start) in batch {
                let (range, piece) = locate(&shadow, *at, *del, piece, *line_start);
                b.edit(range.clone(), piece);
                shadow.replace_range(range, piece);
            }
            b.finish();
            prop_assert_eq!(doc.text(), shadow.clone());
            if let Err(e) = doc.verify() {
                prop_assert!(false, "{} after batches {:?}; text: {:?}", e, &batches[..=i], shadow);
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

/// Found by the random edits: tree-sitter-md closes a `<!x` declaration
/// block at a later `> quote` line, not at the first `>`, so a chunk ending
/// inside one after a blank line must stay open.
#[test]
fn a_declaration_block_ending_a_chunk_stays_open() {
    let text = "# P\n\n<!Text comment\n#inside comment\n-->\nub\n\nNo heading\n\nParagraph one\n\n- a\n\nAfter list.\n\n> quote\n\nLast\n";
    Document::new(text).verify().unwrap();
}

/// Found by CI's run of the random batches: a NUL byte between `<` and
/// `!--` and a heading marker typed into the following lines. The final
/// text must chunk as a whole parse would.
#[test]
fn a_nul_after_an_html_opener_keeps_chunks_equal() {
    let batches: &[&[(usize, usize, &str, bool)]] = &[
        &[
            (4554, 18, "\nPara\n", false),
            (0, 7, "日本", false),
            (493, 17, "|a|b|\n|-|-|\n", false),
        ],
        &[(3203, 29, "# ", false), (8983, 0, "\0", false)],
    ];
    let mut doc = Document::new(BASE);
    let mut shadow = BASE.to_string();
    for batch in batches {
        let mut b = doc.batch();
        for &(at, del, piece, line_start) in *batch {
            let (range, piece) = locate(&shadow, at, del, piece, line_start);
            b.edit(range.clone(), piece);
            shadow.replace_range(range, piece);
        }
        b.finish();
        assert_eq!(doc.text(), shadow);
        doc.verify().unwrap();
    }
    Document::new(&shadow).verify().unwrap();
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

/// Every real policy of `../shared/corpus` (when present beside the
/// repository) under random structural edits biased to line starts: the
/// chunked model and the findings equal a fresh whole-document analysis.
#[test]
#[allow(clippy::disallowed_methods)] // reads the corpus from disk
fn corpus_files_under_random_edits_equal_fresh_parse() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config as PtConfig, TestRunner};
    use secmd_core::{Analyzer, Config, Date, NoFiles, Options};

    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/files");
    if !dir.is_dir() {
        eprintln!("corpus not present beside the repository; the CI corpus sweep covers it");
        return;
    }
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 11, 23).unwrap(),
        files: &NoFiles,
    };
    let mut runner = TestRunner::new(PtConfig {
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..PtConfig::default()
    });
    let edits = prop::collection::vec(edit_strategy(), 12);
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let mut doc = Document::new(&text);
        let mut shadow = text.clone();
        let mut analyzer = Analyzer::new();
        analyzer.analyze(&doc, &options);
        for (at, del, piece, line_start) in edits.new_tree(&mut runner).unwrap().current() {
            apply(&mut doc, &mut shadow, at, del, &piece, line_start);
            assert_eq!(doc.text(), shadow);
            doc.verify()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let incremental = analyzer.analyze(&doc, &options);
            let fresh = Analyzer::new().analyze(&Document::new(&shadow), &options);
            assert_eq!(
                incremental,
                fresh,
                "{}: findings differ after edits",
                path.display()
            );
        }
        files += 1;
    }
    assert!(files >= 100);
}

/// A text large enough for the parallel cold parse equals a whole parse,
/// including a fence that swallows later headings and a chunk that must merge.
#[test]
fn parallel_cold_parse_equals_whole_parse() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("## Section {i}\n\nText with a [link](http://x.org/{i}) and more words to fill the chunk.\n\n- a list item\n- another one\n\n"));
        if i % 700 == 5 {
            text.push_str("```sh\n# not a heading\n\n## nor this\n```\n");
        }
        if i == 2500 {
            text.push_str("<div>\n");
        }
    }
    assert!(text.len() > 256 * 1024);
    let doc = Document::new(&text);
    assert!(doc.chunks().len() > 2000, "{} chunks", doc.chunks().len());
    doc.verify().unwrap();
}

/// Medium texts (from 32 KiB) are parsed in parallel too: every mix of
/// fences, HTML blocks and merges around the cut points equals a whole
/// parse, whatever the split between the threads.
#[test]
fn parallel_cold_parse_of_medium_texts_equals_whole_parse() {
    let tricky = [
        "```sh\n# not a heading\n```\n",
        "~~~\n## inside\n",
        "~~~\n",
        "<div>\n",
        "</div>\n\n",
        "<!--\n# hidden\n",
        "-->\n",
        "# \n",
        "> quote\n# after quote\n",
        "- item\n  # indented\n",
    ];
    for seed in 0..6usize {
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 34 * 1024 + seed * 3000 {
            text.push_str(&format!(
                "## Section {i}\n\nWords and a [link](http://x.org/{i}).\n\n"
            ));
            if (i * 7 + seed) % 23 == 0 {
                text.push_str(tricky[(i + seed) % tricky.len()]);
            }
            i += 1;
        }
        let doc = Document::new(&text);
        doc.verify().unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    }
}

/// Found by random typing in table rows (2026-12-05): a row whose leading
/// `|` was replaced by spaces starts its line with its first cell, and a
/// space typed inside "1.1.x" made the line a list item ("1. 1.x"), which
/// the no-parse path for cells took for plain typing.
#[test]
fn a_space_that_makes_a_pipeless_row_a_list_item_is_parsed() {
    let edits = [
        (83, 2, "日本", false),
        (110, 1, "  ", false),
        (83, 0, "  ", false),
        (117, 0, " ", false),
    ];
    replay_with_lists(TABLE_BASE, &edits).unwrap();
}

/// Large documents keep block trees only for recently edited chunks: edits
/// to chunks whose tree was dropped still give exact trees.
#[test]
fn large_document_edits_with_dropped_trees() {
    let mut text = String::new();
    for i in 0..9000 {
        text.push_str(&format!(
            "## Section {i}\n\nSome text with words, a [link](https://x.org/{i}).\n\n"
        ));
    }
    assert!(text.len() > 512 * 1024);
    let mut doc = Document::new(&text);
    assert!(doc.chunks().iter().all(|c| c.tree.is_none()));
    let mut shadow = text.clone();
    let edits: &[(usize, usize, &str, bool)] = &[
        (1000, 0, "x", false),
        (1001, 0, "y", false),
        (300_000, 0, "```", true),
        (300_000, 3, "", true),
        (450_000, 5, "# ", true),
        (12, 40, "\n", false),
    ];
    for &(at, del, piece, line_start) in edits {
        apply(&mut doc, &mut shadow, at, del, piece, line_start);
        assert!(doc.chunks().iter().filter(|c| c.tree.is_some()).count() <= 3);
    }
    assert_eq!(doc.text(), shadow);
    doc.verify().unwrap();
    // Edits far apart (a tree kept at the top, then one at the bottom…),
    // in cells, comments and plain text, splitting and joining chunks:
    // the trees of the edit before are dropped wherever they are now.
    let mut seed = 11u64;
    for k in 0..120 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = shadow.len();
        let at = if k % 2 == 0 {
            (seed >> 40) as usize % 2000
        } else {
            len - 1 - (seed >> 40) as usize % 2000
        };
        let piece = ["x", "\n\n", "## ", "|", "<!--", "-->"][(seed >> 20) as usize % 6];
        apply(&mut doc, &mut shadow, at, 0, piece, false);
        let trees = doc.chunks().iter().filter(|c| c.tree.is_some()).count();
        assert!(trees <= 3, "edit {k}: {trees} trees");
    }
    assert_eq!(doc.text(), shadow);
    doc.verify().unwrap();
}

/// Found by random edits (2026-12-04): a text ending in `- - ` parses as one
/// ERROR node unless enough text precedes it, so the last chunk, even merged
/// once into the one before, was an ERROR where the whole parse has a
/// heading, a list and an ERROR only around the last line.
#[test]
fn an_error_root_merges_until_it_has_context() {
    let text = "[r]: /u\nons\n\n| Version | Supported |\n| ------- | --------- |\n| 1.x     | ok        |\n\n## Reporting a Vulnerability\n\n\norg.\n\n```sh\n# not a heading\necho hi\n```\n\n<!-- comment\n# inside comment\n-->\n\n- item\n  ```\n  code\n# after list\n\n### Su<?\r\n+ ce\nwraps.\n\n- a\n- - ";
    assert_eq!(Document::new(text).verify(), Ok(()));
    // The same text reached by edits: typing the last marker.
    let mut doc = Document::new(&text[..text.len() - 2]);
    doc.edit(doc.len()..doc.len(), "- ");
    assert_eq!(doc.text(), text);
    assert_eq!(doc.verify(), Ok(()));
}

/// The merges of an ERROR-rooted last chunk go back only as far as the
/// parse needs: typing at the end of a text ending in `- - ` re-parses the
/// same few hundred bytes whether the text has 100 sections or 4,000.
#[test]
fn an_error_root_at_the_end_re_parses_a_bounded_tail() {
    let parsed_at_end = |sections: usize| {
        let mut text = String::from("# Security Policy\n\n");
        for i in 0..sections {
            text.push_str(&format!(
                "## Topic {i}\n\nSome words about topic {i}.\n\n- item one\n- item two\n\n"
            ));
        }
        text.push_str("- a\n- - ");
        let mut doc = Document::new(&text);
        let end = doc.len();
        doc.edit(end - 1..end, " ");
        assert_eq!(doc.verify(), Ok(()));
        doc.last_work().bytes_parsed
    };
    let small = parsed_at_end(100);
    assert!(small < 1_000, "{small} bytes re-parsed");
    // The same four sections re-parsed; each names its topic number twice,
    // with two more digits at 4,000.
    assert_eq!(parsed_at_end(4_000), small + 16);
}

/// Tight lists are chunked between their items; these pieces open and
/// close what can end an item or a list (bullets, indentation, fences and
/// HTML inside items, lazy lines, tables, quotes).
const LIST_BASE: &str = "# Steps\n\n- one\n- two\n  - nested\n  - nested two\n- three\n  ```\n  code\n  ```\n- four\nlazy line\n- five\n* star\n* star two\n+ plus\n\n1. ordered\n2. second\n- after ordered\n> quote\n- after quote\n| a | b |\n|---|---|\n| 1 | 2 |\n- after table\n<div>\n- in html\n\n- <!-- open\n- still item\n-->\n- - -\n- last\n";

const LIST_PIECES: &[&str] = &[
    "- ",
    "* ",
    "+ ",
    "-",
    "  ",
    "    ",
    "\n",
    "\n\n",
    "- x\n",
    "  - y\n",
    "```",
    "```\n",
    "  ```\n",
    "<!--",
    "-->",
    "<div>\n",
    "> ",
    "| a |\n|---|\n",
    "**Bold**\n",
    "# H\n",
    "1. ",
    "text",
    "\t",
    "---\n",
];

/// Every list of the chunked model (joined across chunks) equals the lists
/// of one whole-text extraction.
fn lists_equal_whole(doc: &Document, text: &str) -> Result<(), String> {
    use secmd_core::model::{DocumentModel, PlacedChunk};
    let placed = doc
        .chunks()
        .iter()
        .map(|c| PlacedChunk::new(c.start, c.text.clone(), c.model.clone()))
        .collect();
    let joined = DocumentModel::new(placed, doc.len()).lists();
    let whole = secmd_core::syntax::extract(text, &secmd_core::syntax::parse_markdown(text)).lists;
    if joined == whole {
        Ok(())
    } else {
        Err(format!(
            "lists differ:\n chunks {joined:?}\n whole  {whole:?}"
        ))
    }
}

/// Applies `edits` to `base` one by one; after each, the text, the trees,
/// the models and the joined lists must equal a whole parse.
fn replay_with_lists(
    base: &str,
    edits: &[(usize, usize, &str, bool)],
) -> Result<(), TestCaseError> {
    let mut doc = Document::new(base);
    let mut shadow = base.to_string();
    for (i, &(at, del, piece, line_start)) in edits.iter().enumerate() {
        apply(&mut doc, &mut shadow, at, del, piece, line_start);
        prop_assert_eq!(doc.text(), shadow.clone());
        if let Err(e) = doc.verify().and_then(|()| lists_equal_whole(&doc, &shadow)) {
            prop_assert!(
                false,
                "{} after edits {:?}; text: {:?}",
                e,
                &edits[..=i],
                shadow
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_list_edits_keep_chunks_and_lists_equal_to_whole_parse(
        edits in prop::collection::vec(
            (0usize..2_000, 0usize..12, prop::sample::select(LIST_PIECES), any::<bool>()),
            1..20,
        )
    ) {
        let edits: Vec<_> = edits.iter().map(|&(at, del, piece, ls)| (at, del, piece, ls)).collect();
        replay_with_lists(LIST_BASE, &edits)?;
    }
}

/// One huge tight list is one chunk per item run, and still one list.
#[test]
fn a_huge_tight_list_is_chunked_between_items_and_stays_one_list() {
    let mut text = String::from("# Steps\n\n");
    for i in 0..2000 {
        text.push_str(&format!("- Step {i}: do the thing\n"));
        if i % 100 == 7 {
            text.push_str("  continued in the item\n");
        }
    }
    let doc = Document::new(&text);
    assert!(doc.chunks().len() > 1000, "{} chunks", doc.chunks().len());
    doc.verify().unwrap();
    lists_equal_whole(&doc, &text).unwrap();
    // The random edits start from a base that is cut between items too.
    let base = Document::new(LIST_BASE);
    assert!(base.chunks().len() >= 5, "{} chunks", base.chunks().len());
    lists_equal_whole(&base, LIST_BASE).unwrap();
}

/// Found by the list edits: the text ends in `- - 1. `, a syntax error, and
/// tree-sitter's incremental re-parse recovered from it differently than a
/// fresh parse does.
#[test]
fn an_error_after_an_incremental_re_parse_recovers_as_a_fresh_parse() {
    let edits: &[(usize, usize, &str, bool)] = &[
        (851, 9, "1. ", false),
        (11, 3, "- x\n", false),
        (19, 0, "- ", false),
        (24, 2, "**Bold**\n", false),
        (79, 2, "**Bold**\n", false),
        (0, 2, "- x\n", false),
        (26, 0, "- ", false),
        (26, 5, "- x\n", false),
        (270, 0, "\n", false),
        (406, 7, "- ", false),
    ];
    let mut doc = Document::new(LIST_BASE);
    let mut shadow = LIST_BASE.to_string();
    for (i, &(at, del, piece, ls)) in edits.iter().enumerate() {
        apply(&mut doc, &mut shadow, at, del, piece, ls);
        if let Err(e) = doc.verify() {
            panic!("after {i}: {e}\n{shadow:?}");
        }
    }
}

/// Everything after an unclosed `<!--` is one HTML block; an edit of
/// plain characters inside one of its lines is applied without a parse
/// (`syntax::comment_edit`). These texts and pieces reach that path and
/// every case around it (punctuation tokens, `-->` made or broken, line
/// breaks, the opener's line, CRLF, attributes with links).
const COMMENT_BASE: &str = "# Policy\n\nIntro with [a link](https://x.org).\n\n<!-- secmd-ignore-next-line\n## Reporting\n\nEmail security@x.org or see <a href=\"https://y.org/p\">here</a>.\r\n\r\nA line, with: punctuation! and `code`.\n- item\n> quote\n    indented\n<!-- nested opener\n## Last\n\nDone 😀 日本\n";

const COMMENT_PIECES: &[&str] = &[
    "x", "word", " ", "  ", "😀", "日本", "é", "-", "->", "-->", ">", "`", ".", "<", "\n", "\r\n",
    "<!--", "a-->b", "9",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_inside_an_unclosed_comment_equal_a_whole_parse(
        edits in prop::collection::vec(
            (0usize..400, 0usize..4, prop::sample::select(COMMENT_PIECES)),
            1..30,
        )
    ) {
        let edits: Vec<_> = edits.iter().map(|&(at, del, piece)| (at, del, piece, false)).collect();
        replay_with_lists(COMMENT_BASE, &edits)?;
    }
}

/// The fast path is taken: typing letters in the middle of a long
/// unclosed comment parses nothing, and the result equals a whole parse.
#[test]
fn typing_inside_an_unclosed_comment_parses_nothing() {
    let mut text = String::from("# Policy\n\n<!-- draft\n");
    for i in 0..500 {
        text.push_str(&format!(
            "## Section {i}\n\nSome words here, and more: {i}.\n\n"
        ));
    }
    let mut doc = Document::new(&text);
    let at = text.find("Some words here, and more: 250").unwrap() + 5;
    for (k, piece) in ["x", "y", " ", "😀"].iter().enumerate() {
        doc.edit(at + k..at + k, piece);
        let work = doc.last_work();
        assert_eq!(
            (work.chunks_parsed, work.bytes_parsed, work.chunks_new),
            (0, 0, 1),
            "{piece:?}"
        );
    }
    doc.verify().unwrap();
    // A `-->` typed there closes the comment: parsed again.
    doc.edit(at..at, "-->");
    assert!(doc.last_work().chunks_parsed > 0);
    doc.verify().unwrap();
}

/// Edits of plain characters inside a body row's cell are applied without
/// a parse (`syntax::table_edit`). These tables reach that path and every
/// case around it: punctuation tokens, a `|` typed, line breaks, the
/// header and delimiter rows, a last cell without a closing `|`, escaped
/// pipes, rows with links or code (parsed), tables in a list and a quote,
/// CRLF rows, date fields, addresses and bare URLs in cells, and a line
/// after a table that continues it.
const TABLE_BASE: &str = "# Policy\n\n## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 1.2.x   | ✅ yes    |\n| 1.1.x | :x: |\n| 1.0 | no\n|  0.9 | see [x](https://x.org) |\n| a \\| b | `code` |\n| Last updated | 2024-01-01 |\n| Contact | security@x.org |\n| Site | https://x.org/p |\nnot a row\n\n- item\n\n  | a | b |\n  |---|---|\n  | c1 | d2 |\n\n> | q | r |\n> |---|---|\n> | s 1 | t 2 |\n\n| H | I |\r\n|---|---|\r\n| crlf row | 😀 日本 |\r\n\r\n## Later\n\nLast updated: 2024-01-01\n";

const TABLE_PIECES: &[&str] = &[
    "x",
    "word",
    " ",
    "  ",
    "😀",
    "日本",
    "é",
    "9",
    "12",
    "|",
    ".",
    ":",
    "-",
    "`",
    "[",
    "\\",
    "\n",
    "\r\n",
    "@",
    "a@b.org",
    "2025-01-01",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_inside_tables_equal_a_whole_parse(
        edits in prop::collection::vec(
            (0usize..560, 0usize..4, prop::sample::select(TABLE_PIECES)),
            1..30,
        )
    ) {
        let edits: Vec<_> = edits.iter().map(|&(at, del, piece)| (at, del, piece, false)).collect();
        replay_with_lists(TABLE_BASE, &edits)?;
    }

    /// Mostly plain characters at the body rows: the fast path itself.
    #[test]
    fn random_typing_in_table_rows_equals_a_whole_parse(
        edits in prop::collection::vec(
            (70usize..330, 0usize..3, prop::sample::select(&TABLE_PIECES[..9])),
            1..40,
        )
    ) {
        let edits: Vec<_> = edits.iter().map(|&(at, del, piece)| (at, del, piece, false)).collect();
        replay_with_lists(TABLE_BASE, &edits)?;
    }
}

/// The fast path is taken: typing letters, digits and spaces inside a cell
/// of a long versions table parses nothing, and the result equals a whole
/// parse; punctuation, a line break or a `|` is parsed.
#[test]
fn typing_inside_a_table_cell_parses_nothing() {
    let mut text = String::from(
        "# Policy\n\n## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n",
    );
    for i in 0..500 {
        text.push_str(&format!("| 1.{i}.x | :white_check_mark: |\n"));
    }
    text.push_str("\nEmail security@x.org.\n\n## Later\n\nLast updated: 2024-01-01\n");
    let mut doc = Document::new(&text);
    let at = text.find(":white_check_mark: |\n| 1.250.x").unwrap() + 4;
    for (k, piece) in ["x", "y", " ", "😀", "9"].iter().enumerate() {
        doc.edit(at + k..at + k, piece);
        let work = doc.last_work();
        assert_eq!(
            (work.chunks_parsed, work.bytes_parsed, work.chunks_new),
            (0, 0, 1),
            "{piece:?}"
        );
        doc.verify().unwrap();
    }
    // A deletion inside the cell, then a `|` typed there: parsed.
    doc.edit(at..at + 2, "");
    assert_eq!(doc.last_work().chunks_parsed, 0);
    doc.verify().unwrap();
    doc.edit(at..at, "|");
    assert!(doc.last_work().chunks_parsed > 0);
    doc.verify().unwrap();
}

/// Found by the table edits: a cell of spaces only starts at its first
/// space, so a character typed inside it moves the cell's start, which
/// `Tree::edit` alone does not: parsed.
#[test]
fn typing_into_a_cell_of_spaces_equals_a_whole_parse() {
    let text = "# P\n\n| Version | Supported |\n| --- | --- |\n| 1.1.x |      |\n| 1.0 | no |\n";
    for at in [
        text.find("|      |").unwrap() + 2,
        text.find("|      |").unwrap() + 4,
    ] {
        let mut doc = Document::new(text);
        doc.edit(at..at, "😀");
        doc.verify().unwrap();
    }
}
