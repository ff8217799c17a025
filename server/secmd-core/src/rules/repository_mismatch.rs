//! `repository-mismatch`: a link to GitHub advisories, the security policy
//! page, issues or private vulnerability reporting of a repository other
//! than the workspace's `origin` (a template copied from another project).

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::LinkKind;
use std::ops::Range;
use std::sync::Arc;

pub static META: RuleMeta = RuleMeta {
    code: "repository-mismatch",
    default_severity: Severity::Warning,
    summary: "A security link points at another repository",
    doc: "\
Compares links to a repository's security pages with the workspace's git
`origin` remote (read offline from `.git/config`):
`github.com/OWNER/NAME/security/advisories` (including private
vulnerability reporting, `/security/advisories/new`),
`/security/policy`, `/security` and `/issues`. A link to another
repository is usually a template copied from another project: reports go
to the wrong maintainers.

Only GitHub `origin`s are compared, and only inside a git workspace.
Deliberate links to another repository (an organisation-wide policy, a
shared security repository) go in the configuration:

```toml
allowed-repositories = [\"acme/security\", \"acme-tools/*\"]
```

Fix (preferred, reviewed: not applied by `--fix`): point the link at this
repository.

```markdown
Report privately at https://github.com/other/project/security/advisories/new
```",
    scope: Scope::Document,
};

pub struct RepositoryMismatch;

/// Paths after `owner/name/` that are about reporting or security.
const SECURITY_PATHS: &[&str] = &[
    "security/advisories",
    "security/policy",
    "security",
    "issues",
];

/// A link to a repository's security page, chunk-relative.
#[derive(Debug, Clone)]
struct RepoLink {
    link: Range<usize>,
    /// Where `owner/name` is in the text, when the destination is written verbatim.
    slug: Option<Range<usize>>,
    owner: String,
    name: String,
    url: String,
}

/// `owner`, `name` and the offset of `owner` in a GitHub security URL.
fn parse(url: &str) -> Option<(String, String, usize)> {
    let lower = url.to_ascii_lowercase();
    let prefix = [
        "https://github.com/",
        "http://github.com/",
        "https://www.github.com/",
    ]
    .into_iter()
    .find(|p| lower.starts_with(p))?;
    let rest = &url[prefix.len()..];
    let mut parts = rest.splitn(3, '/');
    let owner = parts.next()?;
    let name = parts.next()?;
    let tail = parts.next()?;
    let tail = tail.split(['?', '#']).next().unwrap_or("");
    let tail_lower = tail.trim_end_matches('/').to_ascii_lowercase();
    let about_security = SECURITY_PATHS
        .iter()
        .any(|p| tail_lower == *p || tail_lower.starts_with(&format!("{p}/")));
    if owner.is_empty() || name.is_empty() || !about_security {
        return None;
    }
    Some((owner.to_string(), name.to_string(), prefix.len()))
}

fn chunk_links(chunk: &crate::model::PlacedChunk) -> Vec<RepoLink> {
    chunk
        .model
        .links
        .iter()
        .filter(|l| l.kind != LinkKind::Image)
        .filter_map(|l| {
            let (owner, name, at) = parse(&l.destination)?;
            let written = chunk.text.get(l.destination_range.clone());
            let slug = (written == Some(l.destination.as_str())).then(|| {
                let start = l.destination_range.start + at;
                start..start + owner.len() + 1 + name.len()
            });
            Some(RepoLink {
                link: l.range.clone(),
                slug,
                owner,
                name,
                url: l.destination.clone(),
            })
        })
        .collect()
}

fn allowed(list: &[String], owner: &str, name: &str) -> bool {
    list.iter().any(|entry| match entry.split_once('/') {
        Some((o, "*")) => o.eq_ignore_ascii_case(owner),
        Some((o, n)) => o.eq_ignore_ascii_case(owner) && n.eq_ignore_ascii_case(name),
        None => false,
    })
}

impl Rule for RepositoryMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let Some(ws) = cx.options.files.workspace() else {
            return;
        };
        let Some(origin) = ws.facts.origin.as_ref().filter(|o| o.host == "github.com") else {
            return;
        };
        let allow = &cx.options.config.allowed_repositories;
        for chunk in cx.doc.chunks() {
            // The links of a chunk are found once per chunk text.
            let links: Arc<Vec<RepoLink>> = chunk
                .memo
                .get("repository-mismatch", 0, || chunk_links(chunk));
            for l in links.iter() {
                if origin.same(&l.owner, &l.name) || allowed(allow, &l.owner, &l.name) {
                    continue;
                }
                let shift = |r: &Range<usize>| r.start + chunk.start..r.end + chunk.start;
                let mut finding = Finding::new(
                    &META,
                    shift(&l.link),
                    format!(
                        "{} points at {}/{}, but this repository is {} (git origin); allow it with `allowed-repositories` if deliberate",
                        l.url,
                        l.owner,
                        l.name,
                        origin.slug()
                    ),
                );
                if let Some(slug) = &l.slug {
                    finding = finding.with_fix(Fix {
                        title: format!("Point the link at {}", origin.slug()),
                        edits: vec![Edit::new(shift(slug), origin.slug())],
                        preferred: true,
                        safe: false,
                    });
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::{check_in, findings_in, fixed_in};
    use crate::config::Config;
    use crate::workspace::{RepoId, Workspace};

    fn ws() -> Workspace {
        Workspace {
            origin: Some(RepoId {
                host: "github.com".into(),
                owner: "acme".into(),
                name: "widget".into(),
            }),
            ..Workspace::default()
        }
    }

    const TEXT: &str = "# Security\n\nReport at https://github.com/other/project/security/advisories/new or [our advisories](https://github.com/Acme/Widget/security/advisories).\n";

    #[test]
    fn links_to_another_repository() {
        check_in(
            "repository-mismatch",
            TEXT,
            &ws(),
            "SECURITY.md",
            &["3:11-3:67 repository-mismatch https://github.com/other/project/security/advisories/new points at other/project, but this repository is acme/widget (git origin); allow it with `allowed-repositories` if deliberate"],
        );
    }

    #[test]
    fn the_fix_points_at_origin() {
        let fixed = fixed_in("repository-mismatch", TEXT, &ws(), "SECURITY.md");
        assert!(
            fixed.contains("Report at https://github.com/acme/widget/security/advisories/new or")
        );
    }

    #[test]
    fn allowed_repositories_and_other_pages_are_quiet() {
        let config = Config::parse("allowed-repositories = [\"other/*\"]\n").unwrap();
        let found = findings_in(TEXT, &ws(), "SECURITY.md", &config);
        assert!(found.iter().all(|f| f.code != "repository-mismatch"));
        check_in(
            "repository-mismatch",
            "# Security\n\nSee https://github.com/other/project/blob/main/README.md.\n",
            &ws(),
            "SECURITY.md",
            &[],
        );
    }

    #[test]
    fn without_a_github_origin_nothing_is_compared() {
        let mut ws = ws();
        ws.origin = None;
        check_in("repository-mismatch", TEXT, &ws, "SECURITY.md", &[]);
    }
}
