//! `policy-url-mismatch`: security.txt's `Policy:` does not point at this
//! repository's security policy. Reported on the security.txt
//! ([`on_security_txt`], run by `crate::crosscheck`); the policy itself has
//! nothing to check.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::workspace::{InWorkspace, TxtField, Workspace};

pub static META: RuleMeta = RuleMeta {
    code: "policy-url-mismatch",
    default_severity: Severity::Warning,
    summary: "security.txt's Policy does not point at this repository's policy",
    doc: "\
Compares each security.txt's `Policy:` URL (and the policy URL of an
OpenSSF `SECURITY-INSIGHTS.yml`, reported by `insights-mismatch`) with the
policy GitHub shows for the workspace's `origin`. These forms point at it:

- `https://github.com/OWNER/NAME/security/policy`;
- `https://github.com/OWNER/NAME/blob/REF/PATH` or `/raw/REF/PATH`;
- `https://raw.githubusercontent.com/OWNER/NAME/REF/PATH`,

where `PATH` is the shown policy's path (`SECURITY.md`,
`.github/SECURITY.md`, …). A GitHub URL of another repository (a copied
template) or of another file is reported. URLs on other hosts (a company's
own policy page) cannot be checked offline and are left alone, as is a
workspace without a GitHub `origin`.

Fix (reviewed: not applied by `--fix`): point `Policy:` at
`https://github.com/OWNER/NAME/security/policy`.

```text
Policy: https://github.com/other/project/security/policy
```",
    scope: Scope::Document,
};

pub struct PolicyUrlMismatch;

impl Rule for PolicyUrlMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, _cx: &DocContext<'_>, _out: &mut Vec<Finding>) {}
}

/// Why `url` is not this repository's shown policy; `None` when it is, or
/// when that cannot be told offline (another host, no GitHub origin, no
/// policy).
pub(crate) fn policy_url_problem(url: &str, facts: &Workspace) -> Option<String> {
    let origin = facts.origin.as_ref().filter(|o| o.host == "github.com")?;
    let shown = facts.policies.first()?;
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let after_scheme = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let start = trimmed.len() - after_scheme.len();
    let rest = trimmed[start..].split(['?', '#']).next().unwrap_or("");
    let mut parts = rest.split('/');
    let host = parts.next()?.to_ascii_lowercase();
    let owner = parts.next().unwrap_or("");
    let name = parts.next().unwrap_or("");
    let tail: Vec<&str> = parts.filter(|p| !p.is_empty()).collect();
    let path_ok = |segments: &[&str]| {
        // REF may hold slashes (`refs/heads/main`): the path is a suffix.
        let joined = segments.join("/");
        joined == *shown || joined.ends_with(&format!("/{shown}"))
    };
    let points_here = match host.as_str() {
        "github.com" | "www.github.com" => match tail.as_slice() {
            ["security", "policy"] => true,
            ["blob" | "raw", more @ ..] if more.len() >= 2 => path_ok(more),
            _ => false,
        },
        "raw.githubusercontent.com" => tail.len() >= 2 && path_ok(&tail),
        _ => return None,
    };
    if !origin.same(owner, name) {
        return Some(format!(
            "points at {owner}/{name}, but this repository is {} (git origin)",
            origin.slug()
        ));
    }
    (!points_here).then(|| {
        format!(
            "is not the policy GitHub shows for {} ({shown})",
            origin.slug()
        )
    })
}

/// `Policy:` fields of a security.txt that miss this repository's policy.
pub fn on_security_txt(fields: &[TxtField], ws: &InWorkspace<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in fields
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case("policy"))
    {
        let Some(problem) = policy_url_problem(&f.value, ws.facts) else {
            continue;
        };
        let mut finding = Finding::new(
            &META,
            f.value_range.clone(),
            format!("Policy {} {problem}", f.value),
        );
        if let Some(origin) = &ws.facts.origin {
            finding = finding.with_fix(Fix::suggestion(
                format!("Point Policy at {}'s security policy", origin.slug()),
                vec![Edit::new(
                    f.value_range.clone(),
                    format!("https://github.com/{}/security/policy", origin.slug()),
                )],
            ));
        }
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::crosscheck_txt;
    use super::*;
    use crate::workspace::RepoId;

    fn ws(policy: &str) -> Workspace {
        Workspace {
            origin: Some(RepoId {
                host: "github.com".into(),
                owner: "acme".into(),
                name: "widget".into(),
            }),
            policies: vec![policy.into()],
            ..Workspace::default()
        }
    }

    #[test]
    fn urls_of_this_policy() {
        let facts = ws(".github/SECURITY.md");
        for url in [
            "https://github.com/acme/widget/security/policy",
            "https://github.com/Acme/Widget/blob/main/.github/SECURITY.md",
            "https://github.com/acme/widget/raw/v1.2/.github/SECURITY.md",
            "https://raw.githubusercontent.com/acme/widget/refs/heads/main/.github/SECURITY.md",
            "https://example.com/security-policy",
        ] {
            assert_eq!(policy_url_problem(url, &facts), None, "{url}");
        }
        assert_eq!(
            policy_url_problem(
                "https://github.com/acme/widget/blob/main/SECURITY.md",
                &facts
            )
            .as_deref(),
            Some("is not the policy GitHub shows for acme/widget (.github/SECURITY.md)")
        );
    }

    #[test]
    fn another_repository_in_security_txt() {
        let text = "Contact: mailto:s@acme.example\nPolicy: https://github.com/other/project/security/policy\n";
        assert_eq!(
            crosscheck_txt("policy-url-mismatch", text, &ws("SECURITY.md"), "security.txt"),
            ["2:9-2:57 policy-url-mismatch Policy https://github.com/other/project/security/policy points at other/project, but this repository is acme/widget (git origin) | Point Policy at acme/widget's security policy => Contact: mailto:s@acme.example\nPolicy: https://github.com/acme/widget/security/policy\n"]
        );
    }
}
