//! The repository around a policy, as plain data: what `origin` points at,
//! the git history's tags, the versions the manifests and the changelog
//! name, and the other policy files in the tree.
//!
//! The engine stays pure: `secmd-workspace` gathers these facts from disk
//! (git through gitoxide, manifests through `toml`/`serde_json`) and the
//! workspace rules (`shadowed-policy`, `version-not-covered`,
//! `repository-mismatch`) only read them. A policy outside any workspace
//! (stdin, an untitled buffer) has none, and those rules stay silent.

/// A repository on a forge, from a remote URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepoId {
    /// Host name, lowercase (`github.com`).
    pub host: String,
    pub owner: String,
    /// Without a `.git` suffix.
    pub name: String,
}

impl RepoId {
    /// `owner/name`.
    pub fn slug(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }

    /// Whether this is an organisation's `.github` repository: GitHub shows
    /// its SECURITY.md for every repository of the organisation that has
    /// none of its own, so it is an organisation-wide default.
    pub fn holds_organisation_defaults(&self) -> bool {
        self.name.eq_ignore_ascii_case(".github")
    }

    /// Whether `owner/name` names this repository (GitHub's names are case-insensitive).
    pub fn same(&self, owner: &str, name: &str) -> bool {
        self.owner.eq_ignore_ascii_case(owner) && self.name.eq_ignore_ascii_case(name)
    }
}

/// What the git history says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GitFacts {
    /// A shallow clone: tags and history may be missing.
    pub shallow: bool,
    /// The branch `HEAD` points at, when it is a branch.
    pub head_branch: Option<String>,
    /// Every tag name (`v1.2.3`, `release-2`), sorted.
    pub tags: Vec<String>,
}

/// Where a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionSource {
    /// `Cargo.toml` (`[package]` or `[workspace.package]`).
    Cargo,
    /// `package.json` (not `private`).
    Npm,
    /// `pyproject.toml` (`[project]` or `[tool.poetry]`).
    Python,
    /// The newest git tag that parses as a version.
    GitTag,
    /// The newest release heading of `CHANGELOG.md`.
    Changelog,
}

/// One version the workspace states, with where it is stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionFact {
    pub source: VersionSource,
    /// Workspace-relative path with `/` separators (`Cargo.toml`), or the tag's name for tags.
    pub file: String,
    /// 1-based line, 0 for a tag.
    pub line: usize,
    /// The version as written (`3.1.0`, `v3.1.0`).
    pub version: String,
}

impl VersionFact {
    /// `Cargo.toml:4`, or `tag v3.1.0`.
    pub fn origin(&self) -> String {
        match self.source {
            VersionSource::GitTag => format!("tag {}", self.file),
            _ => format!("{}:{}", self.file, self.line),
        }
    }
}

/// A workspace file that could not be read as expected (a malformed
/// manifest): reported as information, never an error of the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceNote {
    /// Workspace-relative path with `/` separators.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

/// Everything the workspace rules know about the repository.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Workspace {
    /// The `origin` remote's repository, when it has one on a forge.
    pub origin: Option<RepoId>,
    /// `None` outside a git repository.
    pub git: Option<GitFacts>,
    /// Versions from manifests, tags and the changelog, manifests first (see [`Workspace::current_version`]).
    pub versions: Vec<VersionFact>,
    /// Malformed manifests and similar.
    pub notes: Vec<WorkspaceNote>,
    /// Policy files where GitHub looks, workspace-relative, in GitHub's
    /// order of precedence (the first is the one GitHub shows).
    pub policies: Vec<String>,
    /// Other files named `security.md` in any case, outside vendored and build folders.
    pub stray_policies: Vec<String>,
    /// Every security.txt where readers look, with its fields (cross-checks).
    pub security_txts: Vec<SecurityTxtFacts>,
    /// An OpenSSF `SECURITY-INSIGHTS.yml` at the root, when it parses.
    pub insights: Option<InsightsFacts>,
    /// The contacts of the policy GitHub shows (the first of
    /// [`Workspace::policies`]), for the checks made on the other files.
    pub shown_policy: Option<PolicyContacts>,
}

/// A value read from a workspace file, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactValue {
    pub value: String,
    pub line: usize,
}

/// One `Field: value` line of a security.txt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxtField {
    pub name: String,
    pub value: String,
    /// 1-based.
    pub line: usize,
    /// The value's byte range in the file.
    pub value_range: std::ops::Range<usize>,
}

/// A security.txt in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityTxtFacts {
    /// Workspace-relative path with `/` separators.
    pub file: String,
    pub fields: Vec<TxtField>,
}

impl SecurityTxtFacts {
    /// The fields called `name` (any letter case), in order.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a TxtField> + 'a {
        self.fields
            .iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
    }
}

/// What an OpenSSF `SECURITY-INSIGHTS.yml` (v1 or v2) says about reporting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InsightsFacts {
    /// Workspace-relative path.
    pub file: String,
    /// Reporting contacts: e-mail addresses and URLs.
    pub contacts: Vec<FactValue>,
    /// The security policy's URL.
    pub policy: Option<FactValue>,
    /// Whether the project offers a bug bounty (`bug-bounty-available` in
    /// v1, `bug-bounty-available` under `vulnerability-reporting` in v2).
    pub bug_bounty: Option<(bool, usize)>,
    /// Why the file could not be read (not YAML, not a mapping), and where.
    pub problem: Option<FactValue>,
}

/// The reporting contacts and key fingerprints of a policy file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyContacts {
    /// Workspace-relative path.
    pub file: String,
    /// E-mail addresses and private-channel URLs, as [`contact_key`]s.
    pub contacts: Vec<FactValue>,
    /// OpenPGP fingerprints, 40 uppercase hex digits.
    pub fingerprints: Vec<FactValue>,
}

/// A contact as compared between files: `mailto:` and a lowercase
/// address, or an `https://` URL in lowercase without a fragment or a
/// trailing `/`. `None` for other schemes (`tel:`) and plain words.
pub fn contact_key(contact: &str) -> Option<String> {
    let c = contact.trim().trim_matches(['<', '>']);
    let lower = c.to_ascii_lowercase();
    let lower = lower.split('#').next().unwrap_or("");
    if let Some(rest) = lower.strip_prefix("mailto:") {
        let address = rest.split('?').next().unwrap_or("");
        return address.contains('@').then(|| format!("mailto:{address}"));
    }
    let web = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if let Some(rest) = web {
        let rest = rest.trim_end_matches('/');
        return (!rest.is_empty()).then(|| format!("https://{rest}"));
    }
    if !lower.contains(':') && !lower.contains('/') && lower.contains('@') {
        return Some(format!("mailto:{lower}"));
    }
    None
}

/// A policy being analysed inside a [`Workspace`].
#[derive(Debug, Clone, Copy)]
pub struct InWorkspace<'a> {
    pub facts: &'a Workspace,
    /// The policy's workspace-relative path with `/` separators.
    pub path: &'a str,
}

impl Workspace {
    /// The version the project ships now: the first manifest's, else the
    /// newest tag's, else the changelog's.
    pub fn current_version(&self) -> Option<&VersionFact> {
        let rank = |s: VersionSource| match s {
            VersionSource::Cargo | VersionSource::Npm | VersionSource::Python => 0,
            VersionSource::GitTag => 1,
            VersionSource::Changelog => 2,
        };
        self.versions
            .iter()
            .filter(|v| parse_version(&v.version).is_some())
            .min_by_key(|v| rank(v.source))
    }

    /// The newest version any source names.
    pub fn newest_version(&self) -> Option<(&VersionFact, semver::Version)> {
        self.versions
            .iter()
            .filter_map(|v| parse_version(&v.version).map(|p| (v, p)))
            .max_by(|a, b| a.1.cmp(&b.1))
    }
}

/// Parses a version as projects write it: `3.1.0`, `v3.1`, `3`, `1.0.0-rc.1`.
/// Missing minor and patch numbers are zero.
pub fn parse_version(s: &str) -> Option<semver::Version> {
    let s = s.trim();
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    if let Ok(v) = semver::Version::parse(s) {
        return Some(v);
    }
    let (core, pre) = match s.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (s, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let mut nums = [0u64; 3];
    for (i, p) in parts.iter().enumerate() {
        if !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        nums[i] = p.parse().ok()?;
    }
    let mut v = semver::Version::new(nums[0], nums[1], nums[2]);
    if let Some(pre) = pre {
        v.pre = semver::Prerelease::new(pre).ok()?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_compare_without_case_scheme_or_trailing_slash() {
        assert_eq!(
            contact_key("mailto:Security@Example.com?subject=x").as_deref(),
            Some("mailto:security@example.com")
        );
        assert_eq!(
            contact_key("security@example.com").as_deref(),
            Some("mailto:security@example.com")
        );
        assert_eq!(
            contact_key("http://Example.com/Report/#form").as_deref(),
            Some("https://example.com/report")
        );
        assert_eq!(contact_key("tel:+1-201-555-0123"), None);
        assert_eq!(contact_key("mailto:"), None);
    }

    #[test]
    fn versions_parse_as_projects_write_them() {
        assert_eq!(parse_version("3.1.0"), Some(semver::Version::new(3, 1, 0)));
        assert_eq!(parse_version("v3.1"), Some(semver::Version::new(3, 1, 0)));
        assert_eq!(parse_version("V2"), Some(semver::Version::new(2, 0, 0)));
        assert_eq!(
            parse_version("1.0.0-rc.1").map(|v| v.pre.to_string()),
            Some("rc.1".to_string())
        );
        assert_eq!(parse_version("release"), None);
        assert_eq!(parse_version("1..2"), None);
        assert_eq!(parse_version("1.2.3.4"), None);
    }

    #[test]
    fn manifests_win_over_tags_and_the_changelog() {
        let fact = |source, version: &str| VersionFact {
            source,
            file: "f".into(),
            line: 1,
            version: version.into(),
        };
        let ws = Workspace {
            versions: vec![
                fact(VersionSource::Changelog, "4.0.0"),
                fact(VersionSource::GitTag, "v3.2.0"),
                fact(VersionSource::Cargo, "3.1.0"),
            ],
            ..Workspace::default()
        };
        assert_eq!(ws.current_version().unwrap().version, "3.1.0");
        assert_eq!(
            ws.newest_version().unwrap().1,
            semver::Version::new(4, 0, 0)
        );
    }
}
