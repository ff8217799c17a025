//! The GitHub repository of a workspace, from `.git/config`'s
//! `remote "origin"` URL, for the private-vulnerability-reporting link that
//! completion offers. Read here (the IO edge), never in the core.

use std::path::{Path, PathBuf};

/// `owner/repo` when the nearest repository at or above `dir` has an origin
/// on github.com.
pub fn github_repository(dir: &Path) -> Option<String> {
    let config = find_git_config(dir)?;
    let text = std::fs::read_to_string(config).ok()?;
    origin_url(&text).and_then(|u| parse_github(&u))
}

/// The `config` file of the repository holding `dir` (worktrees and
/// submodules have a `.git` *file* pointing at the real git directory).
fn find_git_config(dir: &Path) -> Option<PathBuf> {
    for d in dir.ancestors() {
        let dot_git = d.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git.join("config"));
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let gitdir = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
            let gitdir = d.join(gitdir);
            // A linked worktree keeps its config in the common directory.
            let common = std::fs::read_to_string(gitdir.join("commondir"))
                .ok()
                .map(|c| gitdir.join(c.trim()));
            return Some(common.unwrap_or(gitdir).join("config"));
        }
    }
    None
}

/// The `url` of `[remote "origin"]` in a git config text.
pub fn origin_url(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            in_origin = header == "[remote\"origin\"]";
            continue;
        }
        if in_origin {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim().eq_ignore_ascii_case("url") {
                    return Some(value.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    None
}

/// `owner/repo` from a github.com remote URL (https, ssh or scp-like).
pub fn parse_github(url: &str) -> Option<String> {
    let rest = ["https://", "http://", "ssh://", "git://"]
        .iter()
        .find_map(|p| url.strip_prefix(p))
        .map(|r| {
            // Drop user info (`git@`, `user:token@`).
            let r = r.split_once('@').map_or(r, |(_, host)| host);
            r.strip_prefix("github.com/")
                .or_else(|| r.strip_prefix("github.com:22/"))
        })
        .unwrap_or_else(|| {
            url.split_once('@')
                .and_then(|(_, h)| h.strip_prefix("github.com:"))
        })?;
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let mut parts = rest.split('/');
    let (owner, repo) = (parts.next()?, parts.next()?);
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (parts.next().is_none() && ok(owner) && ok(repo)).then(|| format!("{owner}/{repo}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_origin_and_parses_github_urls() {
        let cfg = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/u/x.git\n[remote \"origin\"]\n\turl = git@github.com:octo/hello-world.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n";
        assert_eq!(
            origin_url(cfg).as_deref(),
            Some("git@github.com:octo/hello-world.git")
        );
        for (url, want) in [
            (
                "git@github.com:octo/hello-world.git",
                Some("octo/hello-world"),
            ),
            (
                "https://github.com/octo/hello.world",
                Some("octo/hello.world"),
            ),
            ("https://user:tok@github.com/octo/x.git/", Some("octo/x")),
            ("ssh://git@github.com/octo/x.git", Some("octo/x")),
            ("https://gitlab.com/octo/x.git", None),
            ("https://github.com/octo", None),
        ] {
            assert_eq!(parse_github(url).as_deref(), want, "{url}");
        }
    }
}
