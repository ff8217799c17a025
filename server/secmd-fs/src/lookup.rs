//! `DiskFiles`: the core's [`FileLookup`] answered from disk, confined to the
//! policy's [`project_root`](crate::project_root).
//!
//! A link is resolved by name first (`..` pops a folder, never past the
//! root), then component by component with `symlink_metadata`, following a
//! symbolic link only when its target is inside the root too. So no path
//! outside the root is ever `stat`ed: whether `../../../../etc/passwd`
//! exists cannot be learnt from secmd's findings, and such a link is
//! answered as leaving the repository.

use secmd_core::{FileAnswer, FileLookup};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// Symbolic links followed while resolving one path (the kernel's own limit
/// is 40): a longer chain is a loop or hostile.
const MAX_LINKS: usize = 40;

/// Answers the core's file questions relative to the policy's folder.
pub struct DiskFiles {
    /// Canonical root: nothing outside it is looked at.
    root: PathBuf,
    /// The policy's folder relative to `root`, as components.
    dir: Vec<OsString>,
    /// Whether `root` is a repository (root-relative `/links` need one).
    repository: bool,
    file_name: Option<String>,
    /// What [`FileLookup::generation`] answers (see [`DiskFiles::with_generation`]).
    generation: u64,
}

impl DiskFiles {
    /// Lookups relative to the folder of `policy`, confined to its
    /// [`project_root`](crate::project_root).
    pub fn for_policy(policy: &Path) -> Self {
        let absolute = std::path::absolute(policy).unwrap_or_else(|_| policy.to_path_buf());
        let folder = absolute.parent().unwrap_or(Path::new("/"));
        let real_folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let root = crate::project_root(&real_folder);
        let dir = real_folder
            .strip_prefix(&root)
            .map(|rel| rel.iter().map(OsString::from).collect())
            .unwrap_or_default();
        DiskFiles {
            repository: root.join(".git").exists(),
            root,
            dir,
            file_name: policy.file_name().map(|n| n.to_string_lossy().into_owned()),
            generation: 0,
        }
    }

    /// The same lookups under `generation`: a server that watches the
    /// files bumps it when one is created or deleted, so the engine looks
    /// at the disk again; a one-shot check keeps the constant 0.
    pub fn with_generation(mut self, generation: u64) -> Self {
        self.generation = generation;
        self
    }

    /// Where `relative_path` (`/`-separated, already percent-decoded) leads
    /// from the policy's folder; `/x` is from the repository's root.
    pub fn resolve(&self, relative_path: &str) -> FileAnswer {
        let (mut parts, rest) = match relative_path.strip_prefix('/') {
            Some(_) if !self.repository => return FileAnswer::Unknown,
            Some(abs) => (Vec::new(), abs),
            None => (self.dir.clone(), relative_path),
        };
        let mut pending: Vec<OsString> = rest.split('/').rev().map(OsString::from).collect();
        let mut links = 0;
        while let Some(part) = pending.pop() {
            match part.to_str() {
                Some("" | ".") => continue,
                Some("..") => {
                    if parts.pop().is_none() {
                        return FileAnswer::Outside;
                    }
                    continue;
                }
                _ => {}
            }
            parts.push(part);
            let here: PathBuf = self
                .root
                .iter()
                .chain(parts.iter().map(|p| p.as_os_str()))
                .collect();
            let meta = match std::fs::symlink_metadata(&here) {
                Ok(m) => m,
                Err(_) => return FileAnswer::Missing,
            };
            if !meta.file_type().is_symlink() {
                continue;
            }
            links += 1;
            if links > MAX_LINKS {
                return FileAnswer::Unknown;
            }
            let Ok(target) = std::fs::read_link(&here) else {
                return FileAnswer::Missing;
            };
            parts.pop();
            if target.is_absolute() {
                // Only a target spelled inside the root is followed.
                let Ok(inside) = target.strip_prefix(&self.root) else {
                    return FileAnswer::Outside;
                };
                parts.clear();
                push_reversed(&mut pending, inside);
            } else {
                push_reversed(&mut pending, &target);
            }
        }
        FileAnswer::Exists
    }
}

/// Queues a path's components to be resolved next, in order.
fn push_reversed(pending: &mut Vec<OsString>, path: &Path) {
    for c in path.components().rev() {
        match c {
            Component::Normal(n) => pending.push(n.to_os_string()),
            Component::ParentDir => pending.push("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
}

impl FileLookup for DiskFiles {
    fn exists(&self, relative_path: &str) -> Option<bool> {
        match self.lookup(relative_path) {
            FileAnswer::Exists => Some(true),
            FileAnswer::Missing => Some(false),
            FileAnswer::Outside | FileAnswer::Unknown => None,
        }
    }

    /// Outside a repository nothing is judged: a policy shown outside its
    /// repository (a download, a copy in a corpus) has its links' targets
    /// where it came from, so a missing one there means nothing.
    fn lookup(&self, relative_path: &str) -> FileAnswer {
        match self.resolve(relative_path) {
            FileAnswer::Missing | FileAnswer::Outside if !self.repository => FileAnswer::Unknown,
            answer => answer,
        }
    }

    fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The generation given by [`DiskFiles::with_generation`]. The engine
    /// keeps the answers of `lookup` per chunk under it, so a keystroke
    /// looks at the disk only for the links it touched; the server bumps it
    /// on `workspace/didChangeWatchedFiles`, when files may have been
    /// created or deleted (no clock: answers never change under a user who
    /// is only typing).
    fn generation(&self) -> u64 {
        self.generation
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn confined_to_the_repository() {
        let base = std::env::temp_dir().join(format!("secmd-fs-lookup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let repo = base.join("repo");
        for d in [".git", "docs", "sub"] {
            std::fs::create_dir_all(repo.join(d)).unwrap();
        }
        std::fs::write(base.join("secret.txt"), "x").unwrap();
        std::fs::write(repo.join("README.md"), "x").unwrap();
        std::fs::write(repo.join("SECURITY.md"), "x").unwrap();
        std::fs::write(repo.join("sub/a.md"), "x").unwrap();
        symlink("/etc", repo.join("etc")).unwrap();
        symlink("../secret.txt", repo.join("secret")).unwrap();
        symlink("sub", repo.join("alias")).unwrap();
        symlink(repo.join("sub"), repo.join("absolute-alias")).unwrap();
        symlink("loop", repo.join("loop")).unwrap();
        let files = DiskFiles::for_policy(&repo.join("docs/SECURITY.md"));
        let cases = [
            ("../README.md", FileAnswer::Exists),
            ("../sub/a.md", FileAnswer::Exists),
            ("../sub/../sub/a.md", FileAnswer::Exists),
            ("../alias/a.md", FileAnswer::Exists),
            ("../absolute-alias/a.md", FileAnswer::Exists),
            ("/sub/a.md", FileAnswer::Exists),
            ("./missing.md", FileAnswer::Missing),
            ("../../secret.txt", FileAnswer::Outside),
            ("../../missing.txt", FileAnswer::Outside),
            ("../../../../../../etc/passwd", FileAnswer::Outside),
            ("/../secret.txt", FileAnswer::Outside),
            ("../secret", FileAnswer::Outside),
            ("../etc/passwd", FileAnswer::Outside),
            ("../loop", FileAnswer::Unknown),
        ];
        for (link, want) in cases {
            assert_eq!(files.resolve(link), want, "{link}");
        }
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn without_a_repository_the_root_is_the_policy_place() {
        let base = std::env::temp_dir().join(format!("secmd-fs-noroot-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(base.join("proj/.github")).unwrap();
        std::fs::write(base.join("proj/README.md"), "x").unwrap();
        let files = DiskFiles::for_policy(&base.join("proj/.github/SECURITY.md"));
        assert_eq!(files.resolve("../README.md"), FileAnswer::Exists);
        assert_eq!(files.resolve("../../proj/README.md"), FileAnswer::Outside);
        assert_eq!(files.resolve("/README.md"), FileAnswer::Unknown);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
