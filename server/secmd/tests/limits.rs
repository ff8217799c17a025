//! Issue 13, limits: `secmd check` on a file over the analysis limits
//! reports the one `analysis-limit` finding, fixes nothing, and goes on
//! with the other files.

mod common;
use common::{scratch, secmd_in, write, TODAY};

const TAIL: &str =
    ": no other check runs on it until it is within the limits (see the rule's documentation)";

#[test]
fn a_file_over_the_limits_gets_one_finding_and_the_others_are_checked() {
    let dir = scratch("limits");
    let deep = format!(
        "# Policy\n\nSee http://a.example.\n\n{}deep\n",
        "> ".repeat(300)
    );
    write(
        &dir,
        &[
            ("deep.md", deep.as_bytes()),
            ("ok.md", b"See http://b.example.\n"),
        ],
    );
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--select",
            "insecure-link,analysis-limit",
            "--format",
            "github",
            "deep.md",
            "ok.md",
        ],
        b"",
    );
    // Warnings only: exit 0.
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "::warning file=deep.md,line=5,col=1,endLine=5,endColumn=605,title=analysis-limit::This line opens 300 block quotes or list items inside one another, more than the 256 secmd analyses{TAIL}\n\
             ::warning file=ok.md,line=1,col=5,endLine=1,endColumn=21,title=insecure-link::`http://b.example` uses insecure http\n\
             0 errors, 2 warnings in 2 files; 1 fixable with --fix\n"
        )
    );

    // --fix leaves the file over the limits untouched.
    let r = secmd_in(&dir, &["check", "--today", TODAY, "--fix", "deep.md"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("deep.md")).unwrap(), deep);

    // The level is configurable like any code's; the text is still not analysed.
    write(
        &dir,
        &[(".secmd.toml", b"[rules]\nanalysis-limit = \"error\"\n")],
    );
    let r = secmd_in(
        &dir,
        &["check", "--today", TODAY, "--format", "json", "deep.md"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("\"code\":\"analysis-limit\",\"severity\":\"error\""),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.matches("\"code\":").count(), 1, "{}", r.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}
