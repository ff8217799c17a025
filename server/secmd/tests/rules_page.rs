//! `docs/rules.md` is `secmd rules --page`, generated from the rule
//! catalog: one `## code` section per code, the anchor every diagnostic's
//! documentation link (LSP `codeDescription.href`, SARIF `helpUri`) points
//! at. Regenerate with `SECMD_BLESS=1 cargo test -p secmd --test rules_page`.

mod common;

#[test]
fn rules_page_is_generated() {
    let path = common::root().join("docs/rules.md");
    let r = common::secmd(&["rules", "--page"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == r.stdout {
        return;
    }
    if std::env::var_os("SECMD_BLESS").is_some() {
        std::fs::write(&path, &r.stdout).unwrap();
        return;
    }
    panic!(
        "docs/rules.md is out of date; run `SECMD_BLESS=1 cargo test -p secmd --test rules_page`"
    );
}

#[test]
fn every_code_has_its_anchor_and_url() {
    let r = common::secmd(&["rules", "--page"]);
    for m in secmd_core::rules::all_meta() {
        // GitHub's anchor of a `## code` heading is the code itself.
        assert!(
            r.stdout.contains(&format!("\n## {}\n", m.code)),
            "no section for {}",
            m.code
        );
        assert_eq!(
            secmd_core::rules::doc_url(m.code),
            format!(
                "https://github.com/secmd/secmd/blob/main/docs/rules.md#{}",
                m.code
            )
        );
    }
    // One heading per code: the examples' headings sit in code fences.
    let mut fence: Option<usize> = None;
    let mut headings = 0;
    for line in r.stdout.lines() {
        let ticks = line.len() - line.trim_start_matches('`').len();
        match fence {
            None if ticks >= 3 => fence = Some(ticks),
            Some(open) if ticks >= open && line.trim_start_matches('`').trim().is_empty() => {
                fence = None
            }
            None if line.starts_with("## ") => headings += 1,
            _ => {}
        }
    }
    assert_eq!(fence, None, "unclosed fence on the page");
    assert_eq!(headings, secmd_core::rules::all_meta().count());
}

#[test]
fn listing_shows_every_default_severity() {
    let r = common::secmd(&["rules"]);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("missing-section "))
        .unwrap();
    assert!(line.contains(" error/info "), "{line}");
    let r = common::secmd(&["rules", "missing-section"]);
    assert!(
        r.stdout
            .contains("Default severity: error (reporting section), info (supported versions)\n"),
        "{}",
        r.stdout
    );
}
