//! Finding policy files in a folder: where GitHub looks (`SECURITY.md` in
//! any case, in the folder itself, `.github/` and `docs/`), or the whole tree.
//!
//! The search never leaves the folder it is given: a symbolic link (to a
//! folder or a file) is followed only when its target is inside that folder,
//! so a `root -> /` link in an untrusted repository cannot make secmd read
//! the machine's files. Every real folder is visited once (by canonical
//! path), so a link loop ends; the walk stops [`MAX_DEPTH`] folders down and
//! says so; it skips folders that never hold a project's own policy (`.git`,
//! `node_modules`, `target`).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

/// Folders the tree walk never enters.
pub const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target"];

/// Folders (relative to the given one) GitHub reads a policy from.
pub const POLICY_DIRS: &[&str] = &["", ".github", "docs"];

/// How many folders below the given one the tree walk goes. Real projects
/// nest a few levels; a deeper tree is generated or hostile, and its paths
/// approach the system's length limit anyway.
pub const MAX_DEPTH: usize = 64;

/// Whether a file name is a policy's (`SECURITY.md`, any case).
pub fn is_policy_name(name: &OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.eq_ignore_ascii_case("security.md"))
}

/// Why part of a tree was not searched.
#[derive(Debug)]
pub enum WalkError {
    /// A folder or entry could not be read.
    Io(std::io::Error),
    /// The path is longer than the operating system accepts (ENAMETOOLONG).
    TooLong,
    /// The folder is [`MAX_DEPTH`] levels down; nothing below it was searched.
    TooDeep,
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkError::Io(e) => write!(f, "cannot read folder: {e}"),
            WalkError::TooLong => {
                f.write_str("path too long for the operating system: not searched below it")
            }
            WalkError::TooDeep => write!(
                f,
                "folder tree deeper than {MAX_DEPTH} levels: not searched below this folder"
            ),
        }
    }
}

impl From<std::io::Error> for WalkError {
    fn from(e: std::io::Error) -> Self {
        if is_name_too_long(&e) {
            WalkError::TooLong
        } else {
            WalkError::Io(e)
        }
    }
}

fn is_name_too_long(e: &std::io::Error) -> bool {
    // ENAMETOOLONG is 36 on Linux and 63 on the BSDs and macOS.
    #[cfg(target_os = "linux")]
    const ENAMETOOLONG: i32 = 36;
    #[cfg(not(target_os = "linux"))]
    const ENAMETOOLONG: i32 = 63;
    cfg!(unix) && e.raw_os_error() == Some(ENAMETOOLONG)
}

/// What a search found: policy files sorted by path, and the parts of the
/// tree that could not be searched.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<PathBuf>,
    pub errors: Vec<(PathBuf, WalkError)>,
}

/// Policy files in `root`, its `.github/` and `docs/` folders, or (with
/// `recursive`) anywhere below it; never outside `root`.
pub fn policy_files(root: &Path, recursive: bool) -> Discovery {
    let mut found = Discovery::default();
    let real_root = match std::fs::canonicalize(root) {
        Ok(r) => r,
        Err(e) => {
            found.errors.push((root.to_path_buf(), e.into()));
            return found;
        }
    };
    let search = Search {
        root: &real_root,
        found: &mut found,
    };
    if recursive {
        search.walk(root);
    } else {
        search.github_places(root);
    }
    found.files.sort();
    found.files.dedup();
    found
}

struct Search<'a> {
    /// The given folder, canonical: nothing outside it is read.
    root: &'a Path,
    found: &'a mut Discovery,
}

impl Search<'_> {
    fn github_places(mut self, dir: &Path) {
        for sub in POLICY_DIRS {
            if sub.is_empty() {
                self.scan_dir(dir, |_| {});
                continue;
            }
            let sub = dir.join(sub);
            if sub.is_dir() && self.inside(&sub) {
                self.scan_dir(&sub, |_| {});
            }
        }
    }

    fn walk(mut self, start: &Path) {
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let mut stack = vec![(start.to_path_buf(), 0)];
        while let Some((dir, depth)) = stack.pop() {
            match std::fs::canonicalize(&dir) {
                Ok(real) => {
                    if !seen.insert(real) {
                        continue;
                    }
                }
                Err(e) => {
                    self.found.errors.push((dir, e.into()));
                    continue;
                }
            }
            let mut too_deep = false;
            self.scan_dir(&dir, |sub| {
                let skipped = sub
                    .file_name()
                    .and_then(OsStr::to_str)
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n));
                if skipped {
                } else if depth < MAX_DEPTH {
                    stack.push((sub, depth + 1));
                } else {
                    too_deep = true;
                }
            });
            if too_deep {
                self.found.errors.push((dir, WalkError::TooDeep));
            }
        }
    }

    /// Adds the policy files of one folder; calls `subdir` for each folder
    /// in it. Links are followed only to targets inside the root.
    fn scan_dir(&mut self, dir: &Path, mut subdir: impl FnMut(PathBuf)) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.found.errors.push((dir.to_path_buf(), e.into()));
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.found.errors.push((dir.to_path_buf(), e.into()));
                    continue;
                }
            };
            let path = entry.path();
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if is_link && !self.inside(&path) {
                continue;
            }
            // `metadata` follows links: a linked policy or folder counts, a
            // dangling link is neither and is skipped.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    self.found.errors.push((path, e.into()));
                    continue;
                }
            };
            if meta.is_dir() {
                subdir(path);
            } else if meta.is_file() && is_policy_name(&entry.file_name()) {
                self.found.files.push(path);
            }
        }
    }

    /// Whether `path` (a link, or a folder that may be one) resolves inside
    /// the root. A dangling link is "inside": it is then skipped as missing.
    fn inside(&self, path: &Path) -> bool {
        match std::fs::canonicalize(path) {
            Ok(real) => real.starts_with(self.root),
            Err(_) => true,
        }
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

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_inside_the_root() {
        let root = tree("inside", &["repo/a/SECURITY.md", "out/SECURITY.md"]);
        let repo = root.join("repo");
        std::os::unix::fs::symlink("a", repo.join("alias")).unwrap();
        std::os::unix::fs::symlink("../out", repo.join("escape")).unwrap();
        std::os::unix::fs::symlink("../out", repo.join(".github")).unwrap();
        std::os::unix::fs::symlink("missing", repo.join("dangling")).unwrap();
        // The alias reaches a folder already visited (or visits it first).
        let d = policy_files(&repo, true);
        assert_eq!(d.files.len(), 1, "{:?}", d.files);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        // `.github` is a link out of the folder: not read.
        assert!(policy_files(&repo, false).files.is_empty());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
