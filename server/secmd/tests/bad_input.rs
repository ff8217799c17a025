//! Input secmd cannot check is reported clearly (exit 2) and never stops
//! the other files: non-UTF-8, UTF-16, binary, too large, unreadable,
//! missing. An empty file is a valid (empty) policy.

mod common;
use common::{scratch, secmd_in, write, TODAY};

fn run(dir: &std::path::Path, args: &[&str]) -> common::Run {
    let mut all = vec!["check", "--today", TODAY, "--select", "insecure-link"];
    all.extend_from_slice(args);
    secmd_in(dir, &all, b"")
}

#[test]
fn latin1_is_reported_and_others_still_checked() {
    let dir = scratch("latin1");
    write(
        &dir,
        &[
            ("latin1.md", b"# Policy\n\nab\ncaf\xE9 http://x.example\n"),
            ("ok.md", b"See http://a.example.\n"),
        ],
    );
    let r = run(&dir, &["--format", "github", "latin1.md", "ok.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: latin1.md: not valid UTF-8 (byte 0xE9 at line 4, column 4); secmd checks UTF-8 text\n  \
         help: if it is Latin-1 or Windows-1252 text, convert it: iconv -f WINDOWS-1252 -t UTF-8\n"
    );
    assert_eq!(
        r.stdout,
        "::error file=latin1.md,title=secmd::not valid UTF-8 (byte 0xE9 at line 4, column 4); secmd checks UTF-8 text\n\
         ::warning file=ok.md,line=1,col=5,endLine=1,endColumn=21,title=insecure-link::`http://a.example` uses insecure http\n\
         0 errors, 1 warning in 1 file; 1 fixable with --fix; 1 file could not be checked\n"
    );
    // JSON: the failed file carries "error".
    let r = run(&dir, &["--format", "json", "latin1.md"]);
    assert_eq!(
        r.stdout,
        "{\"files\":[\n{\"path\":\"latin1.md\",\"error\":\"not valid UTF-8 (byte 0xE9 at line 4, column 4); secmd checks UTF-8 text\",\"diagnostics\":[]}\n]}\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn binary_utf16_and_empty() {
    let dir = scratch("binary");
    write(
        &dir,
        &[
            ("bin.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ("utf16.md", b"\xFF\xFE#\0 \0"),
            ("empty.md", b""),
        ],
    );
    let r = run(&dir, &["bin.md", "utf16.md", "empty.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: bin.md: binary data (NUL byte at line 3, column 1); secmd checks UTF-8 text\n\
         error: utf16.md: UTF-16 text (byte-order mark FF FE); secmd checks UTF-8 text\n  \
         help: convert it: iconv -f UTF-16 -t UTF-8\n"
    );
    assert_eq!(
        r.stdout,
        "0 errors, 0 warnings in 1 file; 2 files could not be checked\n"
    );
    let r = run(&dir, &["empty.md"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn max_size() {
    let dir = scratch("max-size");
    write(&dir, &[("big.md", "x".repeat(3000).as_bytes())]);
    let r = run(&dir, &["--max-size", "2KiB", "big.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: big.md: too large (2.9 KiB > 2 KiB limit)\n  help: raise the limit with --max-size\n"
    );
    assert_eq!(run(&dir, &["--max-size", "3000", "big.md"]).code, 0);
    let r = run(&dir, &["--max-size", "lots", "big.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`lots` is not a size"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unreadable_and_missing() {
    let dir = scratch("unreadable");
    write(&dir, &[("file.md", b"x\n"), ("locked.md", b"x\n")]);
    let r = run(&dir, &["missing.md", "file.md/SECURITY.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: missing.md: cannot read: No such file or directory (os error 2)\n\
         error: file.md/SECURITY.md: cannot read: Not a directory (os error 20)\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("locked.md");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads files whatever their mode; the check only means
        // something for other users.
        if std::fs::read(&locked).is_err() {
            let r = run(&dir, &["locked.md", "file.md"]);
            assert_eq!(r.code, 2);
            assert_eq!(
                r.stderr,
                "error: locked.md: cannot read: Permission denied (os error 13)\n"
            );
            assert_eq!(
                r.stdout,
                "0 errors, 0 warnings in 1 file; 1 file could not be checked\n"
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn terminal_controls_in_the_file_are_not_echoed() {
    let dir = scratch("controls");
    write(
        &dir,
        &[(
            "SECURITY.md",
            b"See \x1b[2J\x1b]0;pwned\x07 http://a.example\n",
        )],
    );
    let r = run(&dir, &["SECURITY.md"]);
    assert!(!r.stdout.contains('\x1b'), "{:?}", r.stdout);
    assert!(
        r.stdout
            .contains("See \u{FFFD}[2J\u{FFFD}]0;pwned\u{FFFD} http://a.example"),
        "{}",
        r.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
