//! A policy wrapped in a code fence is analysed as the policy inside it
//! (`secmd_core::fenced_twin`): the same findings as the policy alone, at
//! the same places, plus `fenced-policy`; and the incremental path (a twin
//! kept beside the document and edited with it) equals a fresh analysis
//! after any edits, including edits to the fence itself.

use proptest::prelude::*;
use secmd_core::fenced_twin::Twin;
use secmd_core::{analyze_text, Analyzer, Config, Date, Document, Finding, NoFiles, Options};

/// A policy with a placeholder address, a stale date and a broken anchor.
const POLICY: &str = "# Security Policy\n\
\n\
Last updated: March 3, 2021\n\
\n\
## Supported Versions\n\
\n\
| Version | Supported |\n\
| ------- | --------- |\n\
| 2.x     | Yes       |\n\
\n\
## Reporting a Vulnerability\n\
\n\
Please email [security@example.com](mailto:security@example.com) with the\n\
details. See [our disclosure steps](#disclosure-process) for what follows.\n\
\n\
We reply within 3 business days.\n\
\n\
## Disclosure\n\
\n\
We publish an advisory once a fix is released.\n";

const OPENING: &str = "```markdown\n";

fn options(config: &Config) -> Options<'_> {
    Options {
        config,
        today: Date::from_ymd(2026, 11, 23).unwrap(),
        files: &NoFiles,
    }
}

/// Code, byte range and message of each finding.
fn summary(findings: &[Finding]) -> Vec<(String, std::ops::Range<usize>, String)> {
    findings
        .iter()
        .map(|f| (f.code.to_string(), f.range.clone(), f.message.clone()))
        .collect()
}

#[test]
fn a_wrapped_policy_gives_the_policys_findings_and_the_fence() {
    let config = Config::default();
    let plain = analyze_text(POLICY, &options(&config));
    let codes: Vec<&str> = plain.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["stale-date", "placeholder", "broken-link"]);

    let wrapped_text = format!("{OPENING}{POLICY}```\n");
    let wrapped = analyze_text(&wrapped_text, &options(&config));
    let shift = OPENING.len();
    let mut expected: Vec<_> = summary(&plain)
        .into_iter()
        .map(|(c, r, m)| (c, r.start + shift..r.end + shift, m))
        .collect();
    expected.insert(
        0,
        (
            "fenced-policy".into(),
            0..11,
            "The policy is inside a code fence (```markdown): GitHub shows it as code, not as a policy; remove the fence".into(),
        ),
    );
    assert_eq!(summary(&wrapped), expected);
    // The ranges hold the same text as in the policy alone.
    let at = |f: &Finding| &wrapped_text[f.range.clone()];
    assert_eq!(at(&wrapped[1]), "March 3, 2021");
    assert_eq!(at(&wrapped[2]), "security@example.com");
    assert_eq!(at(&wrapped[3]), "#disclosure-process");
    // The fix still removes both fence lines of the original text.
    let fix = &wrapped[0].fixes[0];
    let ranges: Vec<_> = fix.edits.iter().map(|e| e.range.clone()).collect();
    let close = wrapped_text.len() - 4;
    assert_eq!(ranges, [0..shift, close..wrapped_text.len()]);
}

#[test]
fn the_pasted_heading_above_the_fence_is_not_an_empty_section() {
    let config = Config::default();
    // A generator's answer pasted as is: its heading, then the fence.
    let text = format!("## SECURITY.md\n{OPENING}{POLICY}```\n");
    let codes: Vec<&str> = analyze_text(&text, &options(&config))
        .iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(
        codes,
        ["fenced-policy", "stale-date", "placeholder", "broken-link"]
    );
    // A section that was empty in the file still is (the rule names the
    // run of empty sections it starts, the pasted heading included).
    let text = format!("## Empty\n\n## SECURITY.md\n{OPENING}{POLICY}```\n");
    let found = analyze_text(&text, &options(&config));
    assert_eq!(
        (found[0].code, found[0].range.clone()),
        ("empty-section", 0..8)
    );
    assert_eq!(found[1].code, "fenced-policy");
}

#[test]
fn the_view_shows_the_policys_headings() {
    let config = Config::default();
    let text = format!("{OPENING}{POLICY}```\n");
    let (_, view) = Analyzer::new().analyze_with_view(&Document::new(&text), &options(&config));
    let headings: Vec<&str> = view.headings().map(|h| view.slice(h.content)).collect();
    assert_eq!(
        headings,
        [
            "Security Policy",
            "Supported Versions",
            "Reporting a Vulnerability",
            "Disclosure"
        ]
    );
}

#[test]
fn a_fence_after_prose_or_turned_off_is_left_alone() {
    let config = Config::parse("[rules]\nfenced-policy = \"off\"\n").unwrap();
    let wrapped = format!("{OPENING}{POLICY}```\n");
    // Off: the inside is still read as the policy, without the finding.
    let codes: Vec<&str> = analyze_text(&wrapped, &options(&config))
        .iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["stale-date", "placeholder", "broken-link"]);
    // An example after prose is a code block: nothing inside is read.
    let example = format!("# Policy\n\nEmail sec@acme.org. Like this:\n\n{OPENING}{POLICY}```\n");
    let codes: Vec<&str> = analyze_text(&example, &options(&Config::default()))
        .iter()
        .map(|f| f.code)
        .collect();
    assert!(!codes.contains(&"placeholder"), "{codes:?}");
}

/// Pieces that change the fence (close it early, reopen it, change the
/// info string) or the policy inside it.
const PIECES: &[&str] = &[
    "```",
    "```\n",
    "~~~\n",
    "\n",
    "\r\n",
    "md",
    "python",
    "# ",
    "## Contact\n",
    "x",
    "😀",
    "security@example.com ",
    "Last updated: 2019-01-01\n",
    "[a](#nowhere) ",
    "```markdown\n",
    "Some prose.\n\n",
];

/// One edit: where (a random offset, or one near a fence line), how much
/// to delete, what to insert.
fn edit_strategy() -> impl Strategy<Value = (usize, usize, usize, &'static str)> {
    (
        0usize..4,
        0usize..10_000,
        prop_oneof![Just(0usize), 0usize..4, 0usize..30],
        prop::sample::select(PIECES),
    )
}

/// The offset an edit aims at: anywhere, the end of the first line (the
/// opening fence), the start of the last line, or a line start.
fn target(text: &str, kind: usize, pick: usize) -> usize {
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect();
    match kind {
        0 => pick % (text.len() + 1),
        1 => text.find('\n').unwrap_or(text.len()),
        2 => {
            let body = text.trim_end_matches('\n');
            body.rfind('\n').map_or(0, |i| i + 1)
        }
        _ => lines[pick % lines.len()],
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..ProptestConfig::default()
    })]

    /// Batches of edits applied to a wrapped policy through the editor's
    /// path (the document, a twin edited alongside, one analyzer) give the
    /// findings of a fresh analysis of the resulting text.
    #[test]
    fn incremental_twin_equals_a_fresh_analysis(
        start in prop_oneof![
            Just(format!("{OPENING}{POLICY}```\n")),
            Just(format!("## SECURITY.md\n\n```md\n{POLICY}")),
            Just(format!("## Empty\n\n## SECURITY.md\n```md\n{POLICY}```\n\n## After\n")),
            Just(format!("~~~\r\n{}~~~\r\n", POLICY.replace('\n', "\r\n"))),
        ],
        batches in prop::collection::vec(prop::collection::vec(edit_strategy(), 1..3), 1..8),
    ) {
        let config = Config::default();
        let options = options(&config);
        let mut doc = Document::new(&start);
        let mut twin: Option<Twin> = None;
        let mut analyzer = Analyzer::new();
        analyzer.analyze_parts_with(&doc, &mut twin, &options);
        prop_assert!(twin.is_some(), "the start text is a wrapped policy");
        for batch in batches {
            let mut edits: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
            let mut shadow = doc.text();
            for (kind, pick, del, piece) in batch {
                let at = target(&shadow, kind, pick);
                let mut range = at..(at + del).min(shadow.len());
                while !shadow.is_char_boundary(range.start) {
                    range.start -= 1;
                }
                while !shadow.is_char_boundary(range.end) {
                    range.end -= 1;
                }
                range.end = range.end.max(range.start);
                shadow.replace_range(range.clone(), piece);
                edits.push((range, piece));
            }
            let mut b = doc.batch();
            for (range, piece) in &edits {
                b.edit(range.clone(), piece);
            }
            b.finish();
            prop_assert_eq!(doc.text(), shadow.clone());
            if let Some(t) = &mut twin {
                if !t.edit(&edits) {
                    twin = None;
                }
            }
            let incremental = analyzer.analyze_parts_with(&doc, &mut twin, &options).findings();
            let fresh = analyze_text(&shadow, &options);
            prop_assert_eq!(summary(&incremental), summary(&fresh), "text: {:?}", shadow);
            prop_assert_eq!(incremental, fresh);
        }
    }
}
