//! `secmd rules`, `--version` and `lsp` argument handling.

mod common;
use common::secmd;

#[test]
fn listing_has_every_rule() {
    let r = secmd(&["rules"]);
    assert_eq!(r.code, 0);
    let codes: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let want: Vec<&str> = secmd_core::rules::all_meta().map(|m| m.code).collect();
    assert_eq!(codes, want);
    assert!(r.stdout.contains("insecure-link"));
}

#[test]
fn one_rule_doc() {
    let r = secmd(&["rules", "insecure-link"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("# insecure-link\n\nA link or URL uses plain `http://`\n\nDefault severity: warning\n\nReports links,"),
        "{}",
        r.stdout
    );
    let r = secmd(&["rules", "nope"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown rule `nope` (`secmd rules` lists them)\n"
    );
}

#[test]
fn markdown_table() {
    let r = secmd(&["rules", "--markdown"]);
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .starts_with("| Code | Default | Summary |\n| --- | --- | --- |\n"));
    assert!(r
        .stdout
        .contains("| `insecure-link` | warning | A link or URL uses plain `http://` |\n"));
}

#[test]
fn version() {
    let r = secmd(&["--version"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, concat!("secmd ", env!("CARGO_PKG_VERSION"), "\n"))
    );
}
