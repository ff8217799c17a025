//! Config errors through the real binary (issue 13, item 9): every error of
//! a config file is reported, each naming `file:line:col`; unknown section
//! ids and invalid `include` globs are errors; a duplicate key is located at
//! its second occurrence.

mod common;
use common::{scratch, secmd_in, write, TODAY};

const CONFIG: &str = "\
max-age-days = 30
include = [\"docs/{a,b}.md\"]

[rules]
placeholdr = \"off\"

[sections]
required = [\"reporting\", \"contact\"]
";

#[test]
fn every_config_error_is_reported_with_its_place() {
    let dir = scratch("config-errors");
    write(
        &dir,
        &[
            (".secmd.toml", CONFIG.as_bytes()),
            ("SECURITY.md", b"# Security\n"),
        ],
    );
    let r = secmd_in(&dir, &["check", "--today", TODAY, "SECURITY.md"], b"");
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: SECURITY.md: invalid config: \
         .secmd.toml:2:12: include: `docs/{a,b}.md` is not a valid glob: `[...]` and `{...}` are not supported (only `*`, `**` and `?`)\n  \
         .secmd.toml:5:1: unknown rule `placeholdr` (see `secmd rules`)\n  \
         .secmd.toml:8:26: sections.required: unknown section `contact` (known: `reporting`, `supported-versions`)\n"
    );
    // The same file given with --config: one `error:` line per problem.
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--config",
            ".secmd.toml",
            "SECURITY.md",
        ],
        b"",
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: .secmd.toml:2:12: include: `docs/{a,b}.md` is not a valid glob: `[...]` and `{...}` are not supported (only `*`, `**` and `?`)\n\
         error: .secmd.toml:5:1: unknown rule `placeholdr` (see `secmd rules`)\n\
         error: .secmd.toml:8:26: sections.required: unknown section `contact` (known: `reporting`, `supported-versions`)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_duplicate_key_points_at_the_second_one() {
    let dir = scratch("config-duplicate");
    write(
        &dir,
        &[
            (
                ".secmd.toml",
                b"[rules]\ninsecure-link = \"off\"\nplaceholder = \"off\"\ninsecure-link = \"error\"\n",
            ),
            ("SECURITY.md", b"# Security\n"),
        ],
    );
    let r = secmd_in(&dir, &["check", "--today", TODAY, "SECURITY.md"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "error: SECURITY.md: invalid config: .secmd.toml:4:1: duplicate key `insecure-link`"
        ),
        "{}",
        r.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
