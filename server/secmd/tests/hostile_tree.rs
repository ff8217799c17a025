//! A hostile or unusual file system under `secmd check` (issue 13): links out
//! of the tree, deep and long paths, FIFOs, `--fix` on files with other
//! owners, hard links or no write permission, configs planted above the
//! repository, links that climb out of it, and file names that are not UTF-8.
//! These tests run the real binary; the ownership test needs root (CI is).

#![cfg(unix)]

mod common;
use common::{scratch, secmd_in, write, TODAY};
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::Path;

const POLICY: &[u8] = b"# Security\n\nMail http://a.example/x.\n";

fn check_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut all = vec!["check", "--today", TODAY, "--format", "json"];
    all.extend_from_slice(args);
    let r = secmd_in(dir, &all, b"");
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    (r.code, v, r.stderr)
}

fn paths(v: &serde_json::Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn recursive_never_follows_links_out_of_the_tree() {
    let base = scratch("hostile-escape");
    write(
        &base,
        &[
            ("repo/SECURITY.md", POLICY),
            ("repo/sub/SECURITY.md", POLICY),
            ("elsewhere/SECURITY.md", POLICY),
            ("elsewhere/deep/SECURITY.md", POLICY),
        ],
    );
    symlink("/", base.join("repo/root")).unwrap();
    symlink("../elsewhere", base.join("repo/up")).unwrap();
    std::fs::create_dir_all(base.join("repo/docs")).unwrap();
    symlink(
        base.join("elsewhere/SECURITY.md"),
        base.join("repo/docs/SECURITY.md"),
    )
    .unwrap();
    let (code, v, stderr) = check_json(&base.join("repo"), &["--recursive", "."]);
    assert_eq!(paths(&v), ["SECURITY.md", "sub/SECURITY.md"], "{stderr}");
    assert_eq!(code, 1, "{stderr}");
    // Without --recursive, a linked policy that lives outside is not read either.
    let (_, v, _) = check_json(&base.join("repo"), &["."]);
    assert_eq!(paths(&v), ["SECURITY.md"]);
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn recursive_depth_is_bounded_with_a_clear_message() {
    let base = scratch("hostile-depth");
    let mut deep = base.clone();
    for _ in 0..70 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    write(&base, &[("SECURITY.md", POLICY)]);
    std::fs::write(deep.join("SECURITY.md"), POLICY).unwrap();
    let (code, v, stderr) = check_json(&base, &["--recursive", "."]);
    let limit_dir = format!("{}d", "d/".repeat(63));
    assert_eq!(paths(&v), [limit_dir.as_str(), "SECURITY.md"]);
    assert_eq!(
        v["files"][0]["error"],
        "folder tree deeper than 64 levels: not searched below this folder"
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("help: pass the deeper folder itself"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn recursive_reports_names_too_long_for_the_system() {
    let base = scratch("hostile-long");
    // 20 folders of 250 bytes: the path exceeds PATH_MAX (4096) though each
    // name is valid, so it can only be made relative to its parent.
    let name = "n".repeat(250);
    let mut made = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "for i in $(seq 20); do mkdir {name} && cd {name} || exit 1; done; \
             echo '# Security' > SECURITY.md"
        ))
        .current_dir(&base)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, v, stderr) = check_json(&base, &["--recursive", "."]);
    let errors: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["error"].as_str())
        .collect();
    assert_eq!(
        errors,
        ["path too long for the operating system: not searched below it"],
        "{stderr}"
    );
    assert!(!stderr.contains("no SECURITY.md found"), "{stderr}");
    assert_eq!(code, 2);
    made = std::process::Command::new("rm")
        .arg("-rf")
        .arg(&base)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn fifos_and_devices_are_refused_not_read() {
    let base = scratch("hostile-fifo");
    let status = std::process::Command::new("mkfifo")
        .arg(base.join("SECURITY.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let r = secmd_in(&base, &["check", "--today", TODAY, "SECURITY.md"], b"");
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: SECURITY.md: not a regular file (a FIFO); secmd checks files\n"
    );
    let r = secmd_in(&base, &["check", "--today", TODAY, "/dev/null"], b"");
    assert_eq!(
        r.stderr,
        "error: /dev/null: not a regular file (a character device); secmd checks files\n"
    );
    // Discovery in a folder skips a FIFO named like a policy.
    let (code, _, stderr) = check_json(&base, &["."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no SECURITY.md found"), "{stderr}");
    std::fs::remove_dir_all(&base).unwrap();
}

fn fix(dir: &Path, file: &str) -> common::Run {
    secmd_in(
        dir,
        &[
            "check",
            "--today",
            TODAY,
            "--select",
            "insecure-link",
            "--fix",
            file,
        ],
        b"",
    )
}

const FIXED: &str = "# Security\n\nMail https://a.example/x.\n";

#[test]
fn fix_keeps_owner_group_mode_and_inode() {
    let base = scratch("hostile-fix-owner");
    write(&base, &[("SECURITY.md", POLICY)]);
    let file = base.join("SECURITY.md");
    let (nobody, nogroup) = (65534, 65534);
    std::os::unix::fs::chown(&file, Some(nobody), Some(nogroup)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(&file, base.join("LINKED.md")).unwrap();
    let before = std::fs::metadata(&file).unwrap();
    let r = fix(&base, "SECURITY.md");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!(
        (after.uid(), after.gid(), after.mode() & 0o7777, after.ino()),
        (nobody, nogroup, 0o640, before.ino())
    );
    assert_eq!(after.nlink(), 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FIXED);
    // The hard link sees the fix: it is the same file.
    assert_eq!(
        std::fs::read_to_string(base.join("LINKED.md")).unwrap(),
        FIXED
    );
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn fix_refuses_read_only_files() {
    let base = scratch("hostile-fix-readonly");
    write(&base, &[("SECURITY.md", POLICY)]);
    let file = base.join("SECURITY.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = fix(&base, "SECURITY.md");
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: SECURITY.md: cannot write fixes: the file is read-only (mode 0444)\n  \
         help: make it writable (chmod u+w) to let --fix change it\n"
    );
    assert_eq!(std::fs::read(&file).unwrap(), POLICY);
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o7777, 0o444);
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn fix_follows_a_symbolic_link_to_its_file() {
    let base = scratch("hostile-fix-symlink");
    write(&base, &[("real/POLICY.md", POLICY)]);
    symlink("real/POLICY.md", base.join("SECURITY.md")).unwrap();
    let r = fix(&base, "SECURITY.md");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(base.join("SECURITY.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(base.join("real/POLICY.md")).unwrap(),
        FIXED
    );
    std::fs::remove_dir_all(&base).unwrap();
}

/// The insecure-link codes reported for `dir/SECURITY.md`.
fn codes(dir: &Path, file: &str) -> Vec<String> {
    let (_, v, stderr) = check_json(dir, &[file]);
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("{v} {stderr}"))
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .filter(|c| c == "insecure-link")
        .collect()
}

#[test]
fn config_discovery_stops_at_the_repository_root() {
    let base = scratch("hostile-config");
    let off = b"[rules]\ninsecure-link = \"off\"\n";
    write(
        &base,
        &[
            (".secmd.toml", off),
            ("repo/.git/HEAD", b"ref: refs/heads/main\n"),
            ("repo/SECURITY.md", POLICY),
            ("plain/SECURITY.md", POLICY),
            ("project/.secmd.toml", off),
            ("project/.github/SECURITY.md", POLICY),
            ("project/sub/SECURITY.md", POLICY),
            ("repo2/.git/HEAD", b"ref: refs/heads/main\n"),
            ("repo2/.secmd.toml", off),
            ("repo2/a/b/SECURITY.md", POLICY),
        ],
    );
    // Planted above a repository: not applied.
    assert_eq!(codes(&base, "repo/SECURITY.md"), ["insecure-link"]);
    // No repository: only the policy's folder (and, for `.github/` and
    // `docs/`, the folder above) is searched.
    assert_eq!(codes(&base, "plain/SECURITY.md"), ["insecure-link"]);
    assert!(codes(&base, "project/.github/SECURITY.md").is_empty());
    assert_eq!(codes(&base, "project/sub/SECURITY.md"), ["insecure-link"]);
    // Inside a repository, the walk goes up to its root.
    assert!(codes(&base, "repo2/a/b/SECURITY.md").is_empty());
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn non_utf8_file_names_are_percent_encoded() {
    use std::os::unix::ffi::OsStrExt;
    let base = scratch("hostile-names");
    let dir = base.join(std::ffi::OsStr::from_bytes(b"caf\xE9 %"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("SECURITY.md"), POLICY).unwrap();
    let (_, v, _) = check_json(&base, &["--recursive", "."]);
    assert_eq!(paths(&v), ["caf%E9 %/SECURITY.md"]);
    let r = secmd_in(
        &base,
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "sarif",
            "--recursive",
            ".",
        ],
        b"",
    );
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "caf%E9%20%25/SECURITY.md"
    );
    assert!(!r.stdout.contains('\u{FFFD}'));
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn links_out_of_the_repository_are_reported_not_looked_up() {
    let base = scratch("hostile-links");
    write(
        &base,
        &[
            ("outside.md", b"x"),
            ("repo/.git/HEAD", b"ref: refs/heads/main\n"),
            ("repo/README.md", b"x"),
            (
                "repo/SECURITY.md",
                b"# Security\n\n\
                  [a](../outside.md) [b](../missing.md) [c](../../../../../../etc/passwd)\n\
                  [d](README.md) [e](missing.md) [f](../../security/advisories/new)\n",
            ),
        ],
    );
    let (_, v, stderr) = check_json(&base.join("repo"), &["--select", "broken-link", "."]);
    let found: Vec<(u64, u64, String)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("{v} {stderr}"))
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Whether `../outside.md` exists or not, the answer is the same.
    let outside = |path: &str| format!("`{path}` leads outside the repository");
    assert_eq!(
        found,
        [
            (3, 5, outside("../outside.md")),
            (3, 24, outside("../missing.md")),
            (3, 43, outside("../../../../../../etc/passwd")),
            (
                4,
                20,
                "`missing.md` does not exist (relative to this file)".to_string()
            ),
        ]
    );
    std::fs::remove_dir_all(&base).unwrap();
}
