//! Files over 4 MB are checked one at a time and their analysis state is
//! freed on a background thread (`check/big_files.rs`): several big files
//! in one run still get every finding, in input order.

mod common;
use common::{scratch, secmd_in, write, TODAY};

/// A policy just over 4 MB: `sections` sections of about 120 bytes, each
/// with one plain-http link, marked with `tag` and the section number.
fn big_policy(tag: &str, sections: usize) -> String {
    let mut text = String::from("# Security Policy\n\n");
    for i in 0..sections {
        text.push_str(&format!(
            "## Part {i}\n\nReports about {tag} part {i} go to http://{tag}.example/{i} please.\n\n"
        ));
    }
    text
}

#[test]
fn big_files_are_all_checked_in_order() {
    let dir = scratch("big-files");
    let sections = 60_000;
    let (a, b) = (big_policy("alpha", sections), big_policy("beta", sections));
    assert!(a.len() > 4 * 1024 * 1024 && b.len() > 4 * 1024 * 1024);
    write(
        &dir,
        &[
            ("a.md", a.as_bytes()),
            ("small.md", b"See http://small.example.\n"),
            ("b.md", b.as_bytes()),
        ],
    );
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--select",
            "insecure-link",
            "--format",
            "github",
            "a.md",
            "small.md",
            "b.md",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2 * sections + 2, "{}", r.stderr);
    assert_eq!(
        lines[0],
        "::warning file=a.md,line=5,col=34,endLine=5,endColumn=56,title=insecure-link::`http://alpha.example/0` uses insecure http"
    );
    assert_eq!(
        lines[sections],
        "::warning file=small.md,line=1,col=5,endLine=1,endColumn=25,title=insecure-link::`http://small.example` uses insecure http"
    );
    assert_eq!(
        lines[2 * sections],
        format!(
            "::warning file=b.md,line={},col=37,endLine={},endColumn=62,title=insecure-link::`http://beta.example/59999` uses insecure http",
            4 * sections + 1,
            4 * sections + 1
        )
    );
    assert_eq!(
        lines[2 * sections + 1],
        format!(
            "0 errors, {} warnings in 3 files; {} fixable with --fix",
            2 * sections + 1,
            2 * sections + 1
        )
    );
}
