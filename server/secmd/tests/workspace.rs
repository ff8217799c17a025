//! The workspace rules through the real binary, on git repositories built
//! in the test with the `git` program (the product itself never runs it):
//! an `origin` remote, tags, manifests, several policies and a stray
//! `security.md`.

mod common;

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

const POLICY: &str = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n| ------- | ------------------ |\n| 2.x     | :white_check_mark: |\n| 1.x     | :x:                |\n\n## Reporting a Vulnerability\n\nReport privately at https://github.com/other/project/security/advisories/new.\nWe answer within 3 business days.\n";

/// A repository with `origin` on GitHub, a Cargo manifest at 3.1.0, tags
/// v2.0.0 and v3.0.0, the policy at the root and in `.github/`, and a stray
/// `security.md` deep in the tree.
fn fixture(name: &str) -> std::path::PathBuf {
    let dir = common::scratch(name);
    common::write(
        &dir,
        &[
            (
                "Cargo.toml",
                b"[package]\nname = \"widget\"\nversion = \"3.1.0\"\n",
            ),
            ("SECURITY.md", POLICY.as_bytes()),
            (".github/SECURITY.md", POLICY.as_bytes()),
            ("pkg/api/Security.md", b"# API security notes\n"),
            ("node_modules/dep/SECURITY.md", b"# vendored\n"),
        ],
    );
    git(&dir, &["init", "-q"]);
    git(
        &dir,
        &["remote", "add", "origin", "git@github.com:acme/widget.git"],
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "init"]);
    git(&dir, &["tag", "v2.0.0"]);
    git(&dir, &["tag", "-a", "v3.0.0", "-m", "three"]);
    dir
}

fn codes_and_messages(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("json output");
    let mut out = Vec::new();
    for file in v["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            out.push(format!(
                "{}:{}:{} {} {}",
                file["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            ));
        }
    }
    out
}

#[test]
fn check_without_a_path_reports_workspace_findings_on_the_file_they_belong_to() {
    let dir = fixture("ws-check");
    let run = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--select",
            "shadowed-policy,version-not-covered,repository-mismatch",
        ],
        b"",
    );
    assert_eq!(run.stderr, "");
    assert_eq!(
        codes_and_messages(&run.stdout),
        [
            ".github/SECURITY.md:1:1 shadowed-policy pkg/api/Security.md is also named like a security policy: OpenSSF Scorecard matches policy files by name and may score it instead of .github/SECURITY.md; rename it",
            ".github/SECURITY.md:5:1 version-not-covered version 3.1.0 (Cargo.toml:3) is not covered by any row marked supported",
            ".github/SECURITY.md:12:21 repository-mismatch https://github.com/other/project/security/advisories/new points at other/project, but this repository is acme/widget (git origin); allow it with `allowed-repositories` if deliberate",
            "SECURITY.md:1:1 shadowed-policy GitHub shows .github/SECURITY.md, not this file: it looks in .github/, then the root, then docs/; merge this file into .github/SECURITY.md or delete one of them",
            "SECURITY.md:5:1 version-not-covered version 3.1.0 (Cargo.toml:3) is not covered by any row marked supported",
            "SECURITY.md:12:21 repository-mismatch https://github.com/other/project/security/advisories/new points at other/project, but this repository is acme/widget (git origin); allow it with `allowed-repositories` if deliberate",
        ]
    );
}

#[test]
fn tags_give_the_version_when_no_manifest_does_and_the_allow_list_is_read() {
    let dir = fixture("ws-tags");
    std::fs::remove_file(dir.join("Cargo.toml")).unwrap();
    std::fs::remove_file(dir.join(".github/SECURITY.md")).unwrap();
    // Tags read from packed-refs, not only loose refs.
    git(&dir, &["pack-refs", "--all"]);
    common::write(
        &dir,
        &[(
            ".secmd.toml",
            b"allowed-repositories = [\"other/project\"]\n",
        )],
    );
    let run = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--select",
            "shadowed-policy,version-not-covered,repository-mismatch",
        ],
        b"",
    );
    assert_eq!(
        codes_and_messages(&run.stdout),
        [
            "SECURITY.md:1:1 shadowed-policy pkg/api/Security.md is also named like a security policy: OpenSSF Scorecard matches policy files by name and may score it instead of SECURITY.md; rename it",
            "SECURITY.md:5:1 version-not-covered version v3.0.0 (tag v3.0.0) is not covered by any row marked supported",
        ]
    );
}

#[test]
fn a_malformed_manifest_is_information_and_an_untagged_history_is_silent() {
    let dir = common::scratch("ws-broken");
    common::write(
        &dir,
        &[
            (
                "package.json",
                b"{\n  \"name\": \"w\",\n  \"version\": \n}\n",
            ),
            ("SECURITY.md", POLICY.as_bytes()),
        ],
    );
    git(&dir, &["init", "-q"]);
    let run = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--select",
            "version-not-covered",
        ],
        b"",
    );
    assert_eq!(
        codes_and_messages(&run.stdout),
        [
            "SECURITY.md:3:1 version-not-covered package.json:4 could not be read: expected value at line 4 column 1",
        ]
    );
}

#[test]
fn the_suggested_row_is_written_in_the_table_style() {
    let dir = fixture("ws-fix");
    let run = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--select",
            "version-not-covered",
            "SECURITY.md",
        ],
        b"",
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fix = &v["files"][0]["diagnostics"][0]["fixes"][0];
    assert_eq!(fix["title"], "Add a supported row for 3.x");
    assert_eq!(
        fix["edits"][0]["new_text"],
        "| 3.x     | :white_check_mark: |\n"
    );
    assert_eq!(
        (
            fix["edits"][0]["line"].as_u64(),
            fix["edits"][0]["column"].as_u64()
        ),
        (Some(7), Some(1))
    );
}

#[test]
fn init_writes_a_policy_that_passes_check_and_refuses_to_overwrite() {
    let dir = common::scratch("ws-init");
    common::write(
        &dir,
        &[(
            "Cargo.toml",
            b"[package]\nname = \"widget\"\nversion = \"3.1.4\"\n",
        )],
    );
    git(&dir, &["init", "-q"]);
    git(
        &dir,
        &[
            "remote",
            "add",
            "origin",
            "https://github.com/acme/widget.git",
        ],
    );
    let init = common::secmd_in(&dir, &["init", "--today", "2026-11-23"], b"");
    assert_eq!(init.code, 0, "{}", init.stderr);
    let written = std::fs::read_to_string(dir.join("SECURITY.md")).unwrap();
    assert!(
        written.contains("| 3.1.x   | :white_check_mark: |\n| < 3.1   | :x:                |\n")
    );
    assert!(written.contains("<https://github.com/acme/widget/security/advisories/new>"));
    assert!(written.contains("Last Updated: 2026-11-23\nNext Review: 2027-11-23\n"));
    let check = common::secmd_in(
        &dir,
        &["check", "--today", "2026-11-23", "--format", "json"],
        b"",
    );
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(codes_and_messages(&check.stdout), Vec::<String>::new());

    let again = common::secmd_in(&dir, &["init", "--today", "2026-11-23"], b"");
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("already exists; pass --force to overwrite it"),
        "{}",
        again.stderr
    );
    let forced = common::secmd_in(
        &dir,
        &[
            "init",
            "--today",
            "2026-11-24",
            "--force",
            "--contact",
            "security@widget.dev",
        ],
        b"",
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let rewritten = std::fs::read_to_string(dir.join("SECURITY.md")).unwrap();
    assert!(rewritten.contains("by email to <security@widget.dev>"));
    let check = common::secmd_in(
        &dir,
        &["check", "--today", "2026-11-24", "--format", "json"],
        b"",
    );
    assert_eq!(codes_and_messages(&check.stdout), Vec::<String>::new());
}

#[test]
fn init_without_an_origin_asks_for_a_contact() {
    let dir = common::scratch("ws-init-bare");
    let run = common::secmd_in(&dir, &["init", "--today", "2026-11-23"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no GitHub `origin` remote to take private vulnerability reporting from; pass --contact EMAIL\n"
    );
    assert!(!dir.join("SECURITY.md").exists());
}

#[test]
fn init_with_security_txt_and_check_finds_both_documents() {
    let dir = common::scratch("ws-init-txt");
    git(&dir, &["init", "-q"]);
    git(
        &dir,
        &[
            "remote",
            "add",
            "origin",
            "https://github.com/acme/widget.git",
        ],
    );
    git(&dir, &["commit", "-q", "--allow-empty", "-m", "init"]);
    git(&dir, &["tag", "v0.4.2"]);
    let init = common::secmd_in(
        &dir,
        &["init", "--today", "2026-11-23", "--security-txt"],
        b"",
    );
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join(".well-known/security.txt")).unwrap(),
        "Contact: https://github.com/acme/widget/security/advisories/new\nExpires: 2027-11-22T00:00:00Z\nPolicy: https://github.com/acme/widget/security/policy\nPreferred-Languages: en\n"
    );
    let check = common::secmd_in(
        &dir,
        &["check", "--today", "2026-11-23", "--format", "json"],
        b"",
    );
    assert_eq!(check.code, 0, "{}", check.stderr);
    let v: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["SECURITY.md", ".well-known/security.txt"]);
    assert_eq!(codes_and_messages(&check.stdout), Vec::<String>::new());

    // A year later the file has expired; the safe fix sets a new date.
    let later = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2028-01-10",
            "--format",
            "json",
            ".well-known/security.txt",
        ],
        b"",
    );
    assert_eq!(
        codes_and_messages(&later.stdout),
        [".well-known/security.txt:2:10 security-txt/expired expired on 2027-11-22: readers should no longer trust this file"]
    );
    let fixed = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2028-01-10",
            "--fix",
            ".well-known/security.txt",
        ],
        b"",
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(
        std::fs::read_to_string(dir.join(".well-known/security.txt"))
            .unwrap()
            .contains("Expires: 2029-01-08T00:00:00Z\n")
    );
}

const CROSS_POLICY: &str = "# Security Policy\n\n## Reporting a Vulnerability\n\nMail security@acme.example or use https://github.com/acme/widget/security/advisories/new.\nEncrypt to 0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567.\nWe answer within 3 business days.\n";

const CROSS_TXT: &str = "Contact: mailto:security@acme.example\nContact: mailto:old@acme.example\nExpires: 2027-06-01T00:00:00Z\nEncryption: openpgp4fpr:FFFF456789ABCDEF0123456789ABCDEF01234567\nPolicy: https://github.com/other/project/security/policy\n";

const CROSS_INSIGHTS: &str = "header:\n  schema-version: 1.0.0\nsecurity-contacts:\n  - type: email\n    value: security@acme.example\nvulnerability-reporting:\n  accepts-vulnerability-reports: true\n  security-policy: https://github.com/acme/widget/security/policy\n  bug-bounty-available: true\n";

/// A repository whose security.txt, SECURITY-INSIGHTS.yml and policy
/// disagree on contacts, key, policy URL and bounty.
fn cross_fixture(name: &str, insights: &str) -> std::path::PathBuf {
    let dir = common::scratch(name);
    common::write(
        &dir,
        &[
            ("SECURITY.md", CROSS_POLICY.as_bytes()),
            (".well-known/security.txt", CROSS_TXT.as_bytes()),
            ("SECURITY-INSIGHTS.yml", insights.as_bytes()),
        ],
    );
    git(&dir, &["init", "-q"]);
    git(
        &dir,
        &["remote", "add", "origin", "git@github.com:acme/widget.git"],
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "init"]);
    dir
}

const CROSS_CODES: &[&str] = &[
    "contact-mismatch",
    "policy-url-mismatch",
    "encryption-mismatch",
    "insights-mismatch",
];

#[test]
fn cross_checks_report_on_the_file_that_lacks_the_fact() {
    let dir = cross_fixture("ws-cross", CROSS_INSIGHTS);
    let run = common::secmd_in(
        &dir,
        &["check", "--today", "2026-11-23", "--format", "json"],
        b"",
    );
    let got: Vec<String> = codes_and_messages(&run.stdout)
        .into_iter()
        .filter(|l| CROSS_CODES.iter().any(|c| l.contains(&format!(" {c} "))))
        .collect();
    assert_eq!(
        got,
        [
            "SECURITY.md:1:1 contact-mismatch .well-known/security.txt:2 lists Contact mailto:old@acme.example, which this policy does not name",
            "SECURITY.md:1:1 insights-mismatch SECURITY-INSIGHTS.yml:9 says a bug bounty is available, but this policy does not offer one",
            "SECURITY.md:6:12 encryption-mismatch key 0123456789ABCDEF0123456789ABCDEF01234567 is not the key .well-known/security.txt:4 names in Encryption (FFFF456789ABCDEF0123456789ABCDEF01234567)",
            ".well-known/security.txt:2:10 contact-mismatch SECURITY.md:5 offers https://github.com/acme/widget/security/advisories/new, which no Contact field of this security.txt lists",
            ".well-known/security.txt:5:9 policy-url-mismatch Policy https://github.com/other/project/security/policy points at other/project, but this repository is acme/widget (git origin)",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_malformed_insights_file_is_information_with_its_line() {
    let dir = cross_fixture(
        "ws-cross-yaml",
        "header:\n  schema-version: [1.0\nproject: x\n",
    );
    let run = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "SECURITY.md",
        ],
        b"",
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes: Vec<String> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "insights-mismatch")
        .map(|d| {
            format!(
                "{} {}",
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("info SECURITY-INSIGHTS.yml:3 could not be read: "),
        "{notes:?}"
    );
}

#[test]
fn scorecard_prediction_in_json_and_human_output() {
    let dir = cross_fixture("ws-scorecard", CROSS_INSIGHTS);
    let run = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--scorecard",
        ],
        b"",
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "SECURITY.md");
    assert_eq!(
        v["files"][0]["scorecard"],
        serde_json::json!({
            "score": 10,
            "points": [
                // `.example` is 7 letters: Scorecard's address pattern takes
                // top-level domains of 2 to 6; the URL keeps the sentence's `.`.
                {"probe": "securityPolicyContainsLinks", "points": 6, "won": true,
                 "reason": "1 distinct URL, 0 distinct addresses"},
                {"probe": "securityPolicyContainsText", "points": 3, "won": true,
                 "reason": "236 bytes in the file, more than 57 needed (the links' 55 bytes + 2 per link)"},
                // "Vulnerability", "3" and the six fingerprint groups of digits
                // only (`89AB` has no word boundary after `89`).
                {"probe": "securityPolicyContainsVulnerabilityDisclosure", "points": 1, "won": true,
                 "reason": "8 hints (a 1–4 digit number, “disclos…” or “vuln…”), more than 1 needed"},
            ],
            "scored_instead": null,
        })
    );
    // security.txt has no score.
    assert_eq!(v["files"][1]["scorecard"], serde_json::Value::Null);
    let human = common::secmd_in(
        &dir,
        &[
            "check",
            "--today",
            "2026-11-23",
            "--scorecard",
            "SECURITY.md",
        ],
        b"",
    );
    assert!(
        human.stdout.contains(
            "SECURITY.md: Scorecard Security-Policy: 10/10 — every point won\n  won  +6 securityPolicyContainsLinks: 1 distinct URL, 0 distinct addresses\n"
        ),
        "{}",
        human.stdout
    );
}

/// An organisation's `.github` repository holds the default policy of every
/// repository without its own: no "Supported Versions" is asked of it. The
/// same policy in another repository is.
#[test]
fn the_policy_of_an_organisations_github_repository_is_asked_for_no_versions() {
    let policy = "# Acme security\n\n## Reporting a Vulnerability\n\nEmail security@acme.dev.\n\n## Scope\n\nOur web services.\n";
    let run_in = |name: &str, origin: &str| {
        let dir = common::scratch(name);
        common::write(&dir, &[("SECURITY.md", policy.as_bytes())]);
        git(&dir, &["init", "-q"]);
        git(&dir, &["remote", "add", "origin", origin]);
        let run = common::secmd_in(
            &dir,
            &[
                "check",
                "--today",
                "2026-11-23",
                "--format",
                "json",
                "--select",
                "missing-section",
            ],
            b"",
        );
        assert_eq!(run.stderr, "");
        codes_and_messages(&run.stdout)
    };
    assert_eq!(
        run_in("ws-org-defaults", "https://github.com/acme/.github.git"),
        Vec::<String>::new()
    );
    assert_eq!(
        run_in("ws-org-project", "https://github.com/acme/widget.git"),
        ["SECURITY.md:1:1 missing-section No \"Supported Versions\" section: say which versions receive security fixes"]
    );
}
