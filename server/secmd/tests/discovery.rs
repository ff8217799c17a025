//! Which files `secmd check DIR` checks: SECURITY.md (any case) in the
//! folder, `.github/` and `docs/`; with `--recursive` the whole tree minus
//! `.git`, `node_modules` and `target`, through symlink loops without hanging.

mod common;
use common::{scratch, secmd_in, write, TODAY};

fn checked_paths(dir: &std::path::Path, args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec!["check", "--today", TODAY, "--format", "json"];
    all.extend_from_slice(args);
    let r = secmd_in(dir, &all, b"");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let paths = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    (r.code, paths)
}

fn tree(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    write(
        &dir,
        &[
            ("SECURITY.md", b"# Security\n"),
            (".github/SECURITY.md", b"# Security\n"),
            ("docs/security.md", b"# Security\n"),
            ("docs/other.md", b"# Other\n"),
            ("nested/deep/Security.md", b"# Security\n"),
            ("node_modules/pkg/SECURITY.md", b"# Security\n"),
            ("target/SECURITY.md", b"# Security\n"),
            (".git/SECURITY.md", b"# Security\n"),
        ],
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("../..", dir.join("nested/deep/loop")).unwrap();
    dir
}

#[test]
fn folder_github_places() {
    let dir = tree("discovery-places");
    assert_eq!(
        checked_paths(&dir, &["."]).1,
        [".github/SECURITY.md", "SECURITY.md", "docs/security.md"]
    );
    // The default path is the current folder.
    assert_eq!(checked_paths(&dir, &[]).1.len(), 3);
    // A file is checked whatever its name, and only once.
    assert_eq!(
        checked_paths(&dir, &["docs/other.md", "docs/other.md", "SECURITY.md"]).1,
        ["docs/other.md", "SECURITY.md"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn recursive_skips_vendor_folders_and_loops() {
    let dir = tree("discovery-recursive");
    assert_eq!(
        checked_paths(&dir, &["--recursive", "."]).1,
        [
            ".github/SECURITY.md",
            "SECURITY.md",
            "docs/security.md",
            "nested/deep/Security.md"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn folder_without_policy_is_an_error() {
    let dir = scratch("discovery-empty");
    write(&dir, &[("README.md", b"# Hi\n")]);
    let r = secmd_in(&dir, &["check", "--today", TODAY, "."], b"");
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: .: no SECURITY.md found (looked in the folder, .github/ and docs/)\n  \
         help: --recursive searches the whole tree; or pass the policy file itself\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
