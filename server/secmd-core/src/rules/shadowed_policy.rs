//! `shadowed-policy`: another policy file hides this one on GitHub, or a
//! stray `security.md` elsewhere in the tree could be scored by OpenSSF
//! Scorecard instead of the real policy.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::policy::sections::anchor;

pub static META: RuleMeta = RuleMeta {
    code: "shadowed-policy",
    default_severity: Severity::Warning,
    summary: "Another policy file is shown or scored instead of this one",
    doc: "\
GitHub shows one security policy per repository. It looks for it in
`.github/`, the root and `docs/`, in that order, with any letter case:
GitHub documents this order for the files it looks for in these three
folders (\"About the repository README file\": \"the `.github`
directory, then the repository's root directory, and finally the `docs`
directory\"; \"Adding a security policy to your repository\" names the
same three folders). Besides `.md`, OpenSSF Scorecard's
`isSecurityPolicyFilename` (checks/raw/security_policy.go) accepts
`.adoc` there and `.rst` under `docs/`.

Reports, on the policy analysed:

- a policy that GitHub does not show because a file earlier in that
  order exists (edits to it are never seen);
- on the policy GitHub shows, every other file named `security.md` in
  any letter case elsewhere in the tree (outside `.git`, `node_modules`,
  `vendor`, `third_party`, `target`, `build`, `dist`, `out` and virtual
  environments): Scorecard has matched policy files by base name and
  scored such a file instead of the real policy (ossf/scorecard#5198);
- on such a stray file itself, when it is opened.

No quick fix: moving, renaming or deleting files is for a human. Only
inside a workspace (a folder on disk).",
    scope: Scope::Document,
};

pub struct ShadowedPolicy;

impl Rule for ShadowedPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let Some(ws) = cx.options.files.workspace() else {
            return;
        };
        let facts = ws.facts;
        let shown = facts.policies.first();
        let is_policy = facts.policies.iter().any(|p| p == ws.path);
        let is_stray = facts.stray_policies.iter().any(|p| p == ws.path);
        if !is_policy && !is_stray {
            return;
        }
        let facts_text = cx.facts();
        let at = anchor(cx.doc, || facts_text.text());
        match shown {
            Some(shown) if is_policy && shown != ws.path => out.push(Finding::new(
                &META,
                at,
                format!(
                    "GitHub shows {shown}, not this file: it looks in .github/, then the root, then docs/; merge this file into {shown} or delete one of them"
                ),
            )),
            Some(shown) if is_policy => {
                for stray in &facts.stray_policies {
                    out.push(Finding::new(
                        &META,
                        at.clone(),
                        format!(
                            "{stray} is also named like a security policy: OpenSSF Scorecard matches policy files by name and may score it instead of {shown}; rename it"
                        ),
                    ));
                }
            }
            Some(shown) => out.push(Finding::new(
                &META,
                at,
                format!(
                    "this file is named like a security policy but GitHub shows {shown}: OpenSSF Scorecard may score this file instead; rename it"
                ),
            )),
            None => out.push(Finding::new(
                &META,
                at,
                "this file is named like a security policy but is not where GitHub looks (.github/, the root, docs/): GitHub shows no policy, and OpenSSF Scorecard may score this file; move it to the root",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::check_in;
    use crate::workspace::Workspace;

    const TEXT: &str = "# Security Policy\n\nEmail security@example.com.\n";

    fn ws(policies: &[&str], strays: &[&str]) -> Workspace {
        Workspace {
            policies: policies.iter().map(|s| s.to_string()).collect(),
            stray_policies: strays.iter().map(|s| s.to_string()).collect(),
            ..Workspace::default()
        }
    }

    #[test]
    fn a_policy_hidden_by_an_earlier_folder() {
        let ws = ws(&[".github/SECURITY.md", "SECURITY.md"], &[]);
        check_in(
            "shadowed-policy",
            TEXT,
            &ws,
            "SECURITY.md",
            &["1:1-1:18 shadowed-policy GitHub shows .github/SECURITY.md, not this file: it looks in .github/, then the root, then docs/; merge this file into .github/SECURITY.md or delete one of them"],
        );
        check_in("shadowed-policy", TEXT, &ws, ".github/SECURITY.md", &[]);
    }

    #[test]
    fn strays_are_reported_on_the_shown_policy_and_on_themselves() {
        let ws = ws(&["SECURITY.md"], &["pkg/api/Security.md"]);
        check_in(
            "shadowed-policy",
            TEXT,
            &ws,
            "SECURITY.md",
            &["1:1-1:18 shadowed-policy pkg/api/Security.md is also named like a security policy: OpenSSF Scorecard matches policy files by name and may score it instead of SECURITY.md; rename it"],
        );
        check_in(
            "shadowed-policy",
            TEXT,
            &ws,
            "pkg/api/Security.md",
            &["1:1-1:18 shadowed-policy this file is named like a security policy but GitHub shows SECURITY.md: OpenSSF Scorecard may score this file instead; rename it"],
        );
    }

    #[test]
    fn one_policy_alone_is_quiet() {
        check_in(
            "shadowed-policy",
            TEXT,
            &ws(&["SECURITY.md"], &[]),
            "SECURITY.md",
            &[],
        );
        crate::testing::check("shadowed-policy", TEXT, &[]);
    }
}
