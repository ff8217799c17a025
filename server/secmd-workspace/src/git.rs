//! Git facts through gitoxide: the repository's folders, `origin`'s URL,
//! tags (loose and packed), `HEAD`'s branch and shallowness. No `git`
//! program runs and nothing is fetched.

use secmd_core::workspace::{GitFacts, RepoId};
use std::path::{Path, PathBuf};

/// A repository found around a path.
pub struct Repo {
    /// The work tree's root.
    pub work_dir: PathBuf,
    /// The folder holding `HEAD` (a linked worktree's own folder).
    pub git_dir: PathBuf,
    /// The folder holding config, refs and `shallow` (the main `.git` for a linked worktree).
    pub common_dir: PathBuf,
}

/// Finds the repository whose work tree holds `start`; `None` outside
/// one or for a bare repository.
pub fn discover(start: &Path) -> Option<Repo> {
    let (path, _trust) = gix_discover::upwards(start).ok()?;
    let (git_dir, work_dir) = path.into_repository_and_work_tree_directories();
    let work_dir = work_dir?;
    // A linked worktree's git folder names the main one in `commondir`.
    let common_dir = match gix_discover::path::from_plain_file(&git_dir.join("commondir")) {
        Some(Ok(dir)) if dir.is_absolute() => dir,
        Some(Ok(dir)) => git_dir.join(dir),
        _ => git_dir.clone(),
    };
    Some(Repo {
        work_dir,
        git_dir,
        common_dir,
    })
}

impl Repo {
    /// Tags, `HEAD` and shallowness. Unreadable refs are skipped: a
    /// damaged repository gives fewer facts, never an error.
    pub fn facts(&self) -> GitFacts {
        let store = gix_ref::file::Store::for_linked_worktree(
            self.git_dir.clone(),
            self.common_dir.clone(),
            gix_hash::Kind::Sha1,
        );
        let mut tags = Vec::new();
        if let Ok(platform) = store.iter() {
            if let Ok(all) = platform.all() {
                for reference in all.flatten() {
                    let name = reference.name.as_bstr().to_string();
                    if let Some(tag) = name.strip_prefix("refs/tags/") {
                        tags.push(tag.to_string());
                    }
                }
            }
        }
        tags.sort();
        let head_branch = store
            .try_find_loose("HEAD")
            .ok()
            .flatten()
            .and_then(|head| match head.target {
                gix_ref::Target::Symbolic(name) => name
                    .as_bstr()
                    .to_string()
                    .strip_prefix("refs/heads/")
                    .map(str::to_string),
                gix_ref::Target::Object(_) => None,
            });
        GitFacts {
            shallow: self.common_dir.join("shallow").is_file(),
            head_branch,
            tags,
        }
    }

    /// The repository `origin` points at, when its URL names a host, an
    /// owner and a name.
    pub fn origin(&self) -> Option<RepoId> {
        let config = gix_config::File::from_path_no_includes(
            self.common_dir.join("config"),
            gix_config::Source::Local,
        )
        .ok()?;
        let url = config.string("remote.origin.url")?;
        repo_from_url(&url.to_string())
    }
}

/// `https://github.com/o/r.git`, `git@github.com:o/r`, `ssh://git@host/o/r`
/// → host, owner and name. Local paths give `None`.
pub fn repo_from_url(url: &str) -> Option<RepoId> {
    let parsed = gix_url::parse(url.as_bytes()).ok()?;
    let host = parsed.host()?.to_ascii_lowercase();
    let path = parsed.path.to_string();
    let mut parts = path.trim_matches('/').split('/').filter(|p| !p.is_empty());
    let owner = parts.next()?.to_string();
    let name = parts.next()?;
    if parts.next().is_some() {
        return None; // GitLab subgroups and other deep paths are not `owner/name`.
    }
    let name = name.strip_suffix(".git").unwrap_or(name).to_string();
    Some(RepoId { host, owner, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls_name_owner_and_repository() {
        let id = |u: &str| repo_from_url(u).map(|r| format!("{} {}", r.host, r.slug()));
        assert_eq!(
            id("https://github.com/acme/widget.git").as_deref(),
            Some("github.com acme/widget")
        );
        assert_eq!(
            id("git@github.com:acme/widget").as_deref(),
            Some("github.com acme/widget")
        );
        assert_eq!(
            id("ssh://git@GitHub.com/acme/widget.git").as_deref(),
            Some("github.com acme/widget")
        );
        assert_eq!(id("/srv/git/widget.git"), None);
        assert_eq!(id("https://gitlab.com/group/sub/widget.git"), None);
    }
}
