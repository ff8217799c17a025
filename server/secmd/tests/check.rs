//! `secmd check` behaviour: exit codes, `--fail-on`, `--select`/`--ignore`,
//! config discovery and errors, stdin, and `--fix` (in place, atomically,
//! keeping CRLF, a byte-order mark and permissions).

mod common;
use common::{check, scratch, secmd_in, write, TODAY};

const CONFIG: &str = "tests/fixtures/cli/config/SECURITY.md";
const UNICODE: &str = "tests/fixtures/cli/unicode/SECURITY.md";

#[test]
fn fail_on_sets_the_exit_status() {
    let base = ["--format", "json", "--select", "insecure-link", UNICODE];
    assert_eq!(check(&base).code, 0);
    for (level, code) in [("error", 0), ("warning", 1), ("info", 1), ("hint", 1)] {
        let mut args = base.to_vec();
        args.extend(["--fail-on", level]);
        assert_eq!(check(&args).code, code, "--fail-on {level}");
    }
}

#[test]
fn discovered_config_changes_severity() {
    let r = check(&["--format", "github", "--select", "insecure-link", CONFIG]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "::error file=tests/fixtures/cli/config/SECURITY.md,line=3,col=27,endLine=3,endColumn=54,title=insecure-link::`http://example.org/security` uses insecure http\n\
         1 error, 0 warnings in 1 file; 1 fixable with --fix\n"
    );
}

#[test]
fn explicit_config_applies_to_every_file() {
    let r = check(&[
        "--format",
        "github",
        "--select",
        "insecure-link",
        "--config",
        "tests/fixtures/cli/config/.secmd.toml",
        UNICODE,
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .starts_with("::error file=tests/fixtures/cli/unicode/SECURITY.md,line=5,col=12,"),
        "{}",
        r.stdout
    );
}

#[test]
fn broken_config_names_file_line_and_column() {
    // Discovered: that file fails (exit 2), the others are still checked.
    let r = check(&[
        "--select",
        "insecure-link",
        "tests/fixtures/cli/broken-config/SECURITY.md",
        CONFIG,
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: tests/fixtures/cli/broken-config/SECURITY.md: invalid config: \
         tests/fixtures/cli/broken-config/.secmd.toml:2:1: unknown field `max-age-dayz`, \
         expected one of `max-age-days`, `max-response-days`, `rules`, `sections`, `include`, `allowed-repositories`\n"
    );
    assert!(r
        .stdout
        .contains("tests/fixtures/cli/config/SECURITY.md:3:27: error[insecure-link]"));
    assert!(
        r.stdout.ends_with(
            "1 error, 0 warnings in 1 file; 1 fixable with --fix; 1 file could not be checked\n"
        ),
        "{}",
        r.stdout
    );
    // Explicit: nothing is checked.
    let r = check(&[
        "--config",
        "tests/fixtures/cli/broken-config/.secmd.toml",
        CONFIG,
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.starts_with(
            "error: tests/fixtures/cli/broken-config/.secmd.toml:2:1: unknown field `max-age-dayz`"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn select_and_ignore() {
    let json = |extra: &[&str]| {
        let mut args = vec!["--format", "json", CONFIG];
        args.extend_from_slice(extra);
        let r = check(&args);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let codes: Vec<String> = v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        (r.code, codes)
    };
    assert_eq!(
        json(&["--select", "insecure-link"]),
        (1, vec!["insecure-link".to_string()])
    );
    assert_eq!(
        json(&["--ignore", "insecure-link", "--select", "insecure-link"]).1,
        Vec::<String>::new()
    );
    // Comma-separated and repeatable.
    assert_eq!(
        json(&[
            "--select",
            "insecure-link,insecure-link",
            "--select",
            "insecure-link"
        ])
        .1
        .len(),
        1
    );
    // --ignore alone drops just that code.
    assert!(!json(&["--ignore", "insecure-link"])
        .1
        .contains(&"insecure-link".to_string()));
}

#[test]
fn select_overrides_a_config_that_turns_the_rule_off() {
    let dir = scratch("select-off");
    write(
        &dir,
        &[
            (".secmd.toml", b"[rules]\ninsecure-link = \"off\"\n"),
            ("SECURITY.md", b"See http://a.example/.\n"),
        ],
    );
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "github",
            "--ignore",
            "insecure-link",
            ".",
        ],
        b"",
    );
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains("insecure-link"))
            .count(),
        0
    );
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "github",
            "--select",
            "insecure-link",
            ".",
        ],
        b"",
    );
    assert!(
        r.stdout
            .starts_with("::warning file=SECURITY.md,line=1,col=5,"),
        "{}",
        r.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_codes_are_usage_errors() {
    let r = check(&["--select", "insecure-link,no-such-rule", CONFIG]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: --select: unknown rule code `no-such-rule` (`secmd rules` lists them)\n"
    );
    let r = check(&["--ignore", "nope", CONFIG]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --ignore: unknown rule code `nope` (`secmd rules` lists them)\n"
    );
}

#[test]
fn other_usage_errors_exit_2() {
    let r = common::secmd(&["check", "--today", "2026-13-45", CONFIG]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --today: `2026-13-45` is not a date in YYYY-MM-DD form\n"
    );
    let r = check(&["--format", "xml", CONFIG]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        r.stderr
    );
    let r = check(&["--fix", "-"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --fix cannot be used with `-`: there is no file to write to\n"
    );
}

#[test]
fn stdin() {
    let dir = scratch("stdin");
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "github",
            "--select",
            "insecure-link",
            "-",
        ],
        b"# Policy\n\nMail http://x.example/a.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "::warning file=<stdin>,line=3,col=6,endLine=3,endColumn=24,title=insecure-link::`http://x.example/a` uses insecure http\n\
         0 errors, 1 warning in 1 file; 1 fixable with --fix\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_keeps_crlf_bom_and_permissions_and_reports_the_rest() {
    let dir = scratch("fix");
    let original = "\u{FEFF}# Policy\r\n\r\nMail http://a.example/x or <http://b.example>.\r\n\r\nOld http://c.example\r\n";
    write(&dir, &[("SECURITY.md", original.as_bytes())]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.join("SECURITY.md"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--select",
            "insecure-link",
            "--fix",
            "SECURITY.md",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
SECURITY.md:3:6: fixed[insecure-link] Use https
SECURITY.md:3:29: fixed[insecure-link] Use https
SECURITY.md:5:5: fixed[insecure-link] Use https

Fixed 3 problems in 1 file.
0 errors, 0 warnings in 1 file
"
    );
    let fixed = std::fs::read_to_string(dir.join("SECURITY.md")).unwrap();
    assert_eq!(
        fixed,
        "\u{FEFF}# Policy\r\n\r\nMail https://a.example/x or <https://b.example>.\r\n\r\nOld https://c.example\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("SECURITY.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // No temporary file is left next to it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["SECURITY.md"]);
    // A second run has nothing left to fix and does not touch the file.
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--select",
            "insecure-link",
            "--fix",
            "--format",
            "json",
            ".",
        ],
        b"",
    );
    assert_eq!(
        r.stdout,
        "{\"files\":[\n{\"path\":\"SECURITY.md\",\"diagnostics\":[],\"fixed\":[]}\n]}\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_json_lists_fixed_and_remaining() {
    let dir = scratch("fix-json");
    write(&dir, &[("SECURITY.md", b"See http://a.example.\n")]);
    let r = secmd_in(
        &dir,
        &[
            "check",
            "--today",
            TODAY,
            "--select",
            "insecure-link",
            "--fix",
            "--format",
            "json",
            "SECURITY.md",
        ],
        b"",
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["fixed"][0]["code"], "insecure-link");
    assert_eq!(v["files"][0]["fixed"][0]["column"], 5);
    assert_eq!(v["files"][0]["diagnostics"], serde_json::json!([]));
    assert_eq!(
        std::fs::read_to_string(dir.join("SECURITY.md")).unwrap(),
        "See https://a.example.\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn suggestions_are_applied_only_with_unsafe_fixes() {
    let dir = scratch("unsafe-fixes");
    let policy = "# Policy\n\nLast updated: 2020-01-01\n";
    write(&dir, &[("SECURITY.md", policy.as_bytes())]);
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--today",
            TODAY,
            "--select",
            "stale-date",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        args.push("SECURITY.md");
        secmd_in(&dir, &args, b"")
    };
    // "Set Last updated to today" records a review: not a safe fix.
    let r = run(&["--fix"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["fixed"], serde_json::json!([]));
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "stale-date");
    assert_eq!(
        v["files"][0]["diagnostics"][0]["fixes"][0]["title"],
        "Set Last updated to today"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("SECURITY.md")).unwrap(),
        policy
    );
    // --unsafe-fixes applies it.
    let r = run(&["--fix", "--unsafe-fixes"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["fixed"][0]["code"], "stale-date");
    assert_eq!(v["files"][0]["diagnostics"], serde_json::json!([]));
    assert_eq!(
        std::fs::read_to_string(dir.join("SECURITY.md")).unwrap(),
        format!("# Policy\n\nLast updated: {TODAY}\n")
    );
    // Without --fix it means nothing: a usage error.
    let r = run(&["--unsafe-fixes"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--fix"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A policy pasted inside a ```` ```markdown ```` fence: the fence is
/// reported, and the policy inside is checked as the policy.
#[test]
fn a_policy_inside_a_code_fence_is_checked_as_the_policy() {
    const FENCED: &str = "tests/fixtures/cli/fenced/SECURITY.md";
    let r = check(&[
        "--format",
        "github",
        "--select",
        "fenced-policy,stale-date,placeholder,broken-link",
        FENCED,
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "::warning file=tests/fixtures/cli/fenced/SECURITY.md,line=3,col=1,endLine=3,endColumn=12,title=fenced-policy::The policy is inside a code fence (```markdown): GitHub shows it as code, not as a policy; remove the fence\n\
         ::warning file=tests/fixtures/cli/fenced/SECURITY.md,line=6,col=15,endLine=6,endColumn=28,title=stale-date::\"Last updated\" is 2091 days old (March 3, 2021); policies should be reviewed at least every 365 days\n\
         ::error file=tests/fixtures/cli/fenced/SECURITY.md,line=16,col=15,endLine=16,endColumn=35,title=placeholder::placeholder address `security@example.com` (example.com is reserved for examples); use the address reports should go to\n\
         ::warning file=tests/fixtures/cli/fenced/SECURITY.md,line=17,col=37,endLine=17,endColumn=56,title=broken-link::`#disclosure-process` matches no heading in this document\n\
         1 error, 3 warnings in 1 file\n"
    );
}
