//! Finding policy files in a folder: where GitHub looks (`SECURITY.md` in
//! any case, in the folder itself, `.github/` and `docs/`), or the whole tree.
//!
//! The tree walk follows symbolic links but visits every real folder once
//! (by canonical path), so a link loop ends instead of hanging; it skips
//! folders that never hold a project's own policy (`.git`, `node_modules`,
//! `target`).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Folders the tree walk never enters.
pub const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target"];

/// Folders (relative to the given one) GitHub reads a policy from.
pub const POLICY_DIRS: &[&str] = &["", ".github", "docs"];

/// Whether a file name is a policy's (`SECURITY.md`, any case).
pub fn is_policy_name(name: &OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.eq_ignore_ascii_case("security.md"))
}

/// What a search found: policy files sorted by path, and folders that
/// could not be read.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<PathBuf>,
    pub errors: Vec<(PathBuf, std::io::Error)>,
}

/// Policy files in `root`, its `.github/` and `docs/` folders, or (with
/// `recursive`) anywhere below it.
pub fn policy_files(root: &Path, recursive: bool) -> Discovery {
    let mut found = Discovery::default();
    if recursive {
        walk(root, &mut found);
    } else {
        for sub in POLICY_DIRS {
            let dir = if sub.is_empty() {
                root.to_path_buf()
            } else {
                root.join(sub)
            };
            if sub.is_empty() || dir.is_dir() {
                scan_dir(&dir, &mut found, |_| {});
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

/// Adds the policy files of one folder; calls `subdir` for each folder in it.
fn scan_dir(dir: &Path, found: &mut Discovery, mut subdir: impl FnMut(PathBuf)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            found.errors.push((dir.to_path_buf(), e));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                found.errors.push((dir.to_path_buf(), e));
                continue;
            }
        };
        let path = entry.path();
        // `metadata` follows links: a linked policy or folder counts, a
        // dangling link is neither and is skipped.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            subdir(path);
        } else if meta.is_file() && is_policy_name(&entry.file_name()) {
            found.files.push(path);
        }
    }
}

fn walk(root: &Path, found: &mut Discovery) {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        match std::fs::canonicalize(&dir) {
            Ok(real) => {
                if !seen.insert(real) {
                    continue;
                }
            }
            Err(e) => {
                found.errors.push((dir, e));
                continue;
            }
        }
        scan_dir(&dir, found, |sub| {
            let skipped = sub
                .file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|n| SKIPPED_DIRS.contains(&n));
            if !skipped {
                stack.push(sub);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("secmd-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for f in files {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        root
    }

    fn rel(root: &Path, d: &Discovery) -> Vec<String> {
        d.files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn github_places_any_case() {
        let root = tree(
            "places",
            &[
                "security.md",
                ".github/SECURITY.md",
                "docs/Security.MD",
                "docs/other.md",
                "sub/SECURITY.md",
            ],
        );
        let d = policy_files(&root, false);
        assert_eq!(
            rel(&root, &d),
            [".github/SECURITY.md", "docs/Security.MD", "security.md"]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn recursive_skips_vendor_dirs_and_survives_loops() {
        let root = tree(
            "walk",
            &[
                "SECURITY.md",
                "a/b/SECURITY.md",
                ".git/SECURITY.md",
                "node_modules/x/SECURITY.md",
                "target/SECURITY.md",
            ],
        );
        #[cfg(unix)]
        std::os::unix::fs::symlink(&root, root.join("a/b/loop")).unwrap();
        let d = policy_files(&root, true);
        assert_eq!(rel(&root, &d), ["SECURITY.md", "a/b/SECURITY.md"]);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
