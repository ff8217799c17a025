//! `insights-mismatch`: an OpenSSF `SECURITY-INSIGHTS.yml` and the policy
//! disagree on the reporting contact, the policy URL or the bug bounty.
//! Reported on the policy GitHub shows (the YAML file is not a document
//! secmd analyses), naming the YAML file and line.

use super::contact_mismatch::is_shown_policy;
use super::policy_url_mismatch::policy_url_problem;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::policy::contacts::mentioned_keys;
use crate::policy::sections::anchor;
use crate::workspace::contact_key;

pub static META: RuleMeta = RuleMeta {
    code: "insights-mismatch",
    default_severity: Severity::Warning,
    summary: "SECURITY-INSIGHTS.yml disagrees with the policy",
    doc: "\
When the workspace has an OpenSSF Security Insights file
(`SECURITY-INSIGHTS.yml` or `security-insights.yml` at the root, or under
`.github/`; v1 `security-contacts`, `vulnerability-reporting` or v2
`project.vulnerability-reporting`, `repository.security.policy`
layouts), checks on the policy GitHub shows that:

- each reporting contact it lists (`security-contacts[].value`, v1
  `vulnerability-reporting.email-contact`, v2
  `vulnerability-reporting.contact.email`) is named in the policy;
- its policy URL (v1 `vulnerability-reporting.security-policy`, v2
  `vulnerability-reporting.policy` or `repository.security.policy`) points
  at this repository's policy, as `policy-url-mismatch` judges URLs;
- its `bug-bounty-available` flag agrees with the policy: a bounty the
  policy never mentions, or a policy offering a bounty the file denies (a
  line with \"bounty\" and no \"no\", \"not\" or \"without\").

A file that does not parse gets an information note naming its line
instead. No quick fix: which of the two files is right is for a human.",
    scope: Scope::Document,
};

pub struct InsightsMismatch;

/// Whether the policy offers a bug bounty: a line mentioning one that does
/// not deny it. `None` when no line mentions one.
fn offers_bounty(text: &str) -> Option<bool> {
    let mut mentioned = false;
    for line in text.lines() {
        let lower = line.to_ascii_lowercase();
        if !lower.contains("bounty") && !lower.contains("bounties") {
            continue;
        }
        mentioned = true;
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .collect();
        let denied = words.iter().any(|w| {
            matches!(*w, "no" | "not" | "without" | "neither" | "nor") || w.ends_with("n't")
        });
        if !denied {
            return Some(true);
        }
    }
    mentioned.then_some(false)
}

impl Rule for InsightsMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let Some(ws) = cx.options.files.workspace() else {
            return;
        };
        let Some(insights) = ws.facts.insights.as_ref().filter(|_| is_shown_policy(&ws)) else {
            return;
        };
        let facts = cx.facts();
        let at = anchor(cx.doc, || facts.text());
        let file = &insights.file;
        if let Some(problem) = &insights.problem {
            out.push(
                Finding::new(
                    &META,
                    at,
                    format!(
                        "{file}:{} could not be read: {}",
                        problem.line, problem.value
                    ),
                )
                .with_severity(Severity::Info),
            );
            return;
        }
        let mine = mentioned_keys(cx.doc);
        for c in &insights.contacts {
            let Some(key) = contact_key(&c.value) else {
                continue;
            };
            if !mine.contains(&key) {
                out.push(Finding::new(
                    &META,
                    at.clone(),
                    format!(
                        "{file}:{} lists reporting contact {}, which this policy does not name",
                        c.line, c.value
                    ),
                ));
            }
        }
        if let Some(policy) = &insights.policy {
            if let Some(problem) = policy_url_problem(&policy.value, ws.facts) {
                out.push(Finding::new(
                    &META,
                    at.clone(),
                    format!(
                        "{file}:{}: policy URL {} {problem}",
                        policy.line, policy.value
                    ),
                ));
            }
        }
        if let Some((flag, line)) = insights.bug_bounty {
            let offered = offers_bounty(facts.text());
            let message = match (flag, offered) {
                (true, None | Some(false)) => Some(format!(
                    "{file}:{line} says a bug bounty is available, but this policy does not offer one"
                )),
                (false, Some(true)) => Some(format!(
                    "{file}:{line} says no bug bounty is available, but this policy offers one"
                )),
                _ => None,
            };
            out.extend(message.map(|m| Finding::new(&META, at.clone(), m)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::check_in;
    use super::*;
    use crate::workspace::{FactValue, InsightsFacts, RepoId, Workspace};

    fn ws(bounty: bool) -> Workspace {
        Workspace {
            origin: Some(RepoId {
                host: "github.com".into(),
                owner: "acme".into(),
                name: "widget".into(),
            }),
            policies: vec!["SECURITY.md".into()],
            insights: Some(InsightsFacts {
                file: "SECURITY-INSIGHTS.yml".into(),
                contacts: vec![FactValue {
                    value: "security@acme.example".into(),
                    line: 7,
                }],
                policy: Some(FactValue {
                    value: "https://github.com/other/widget/security/policy".into(),
                    line: 9,
                }),
                bug_bounty: Some((bounty, 10)),
                problem: None,
            }),
            ..Workspace::default()
        }
    }

    #[test]
    fn every_disagreement_is_named() {
        check_in(
            "insights-mismatch",
            "# Security\n\nMail sec@acme.example. We do not run a bug bounty.\n",
            &ws(true),
            "SECURITY.md",
            &[
                "1:1-1:11 insights-mismatch SECURITY-INSIGHTS.yml:7 lists reporting contact security@acme.example, which this policy does not name",
                "1:1-1:11 insights-mismatch SECURITY-INSIGHTS.yml:9: policy URL https://github.com/other/widget/security/policy points at other/widget, but this repository is acme/widget (git origin)",
                "1:1-1:11 insights-mismatch SECURITY-INSIGHTS.yml:10 says a bug bounty is available, but this policy does not offer one",
            ],
        );
    }

    #[test]
    fn agreement_is_quiet() {
        let mut facts = ws(false);
        if let Some(i) = facts.insights.as_mut() {
            i.policy = Some(FactValue {
                value: "https://github.com/acme/widget/blob/main/SECURITY.md".into(),
                line: 9,
            });
        }
        check_in(
            "insights-mismatch",
            "# Security\n\nMail <security@acme.example>. There is no bug bounty.\n",
            &facts,
            "SECURITY.md",
            &[],
        );
    }

    #[test]
    fn a_malformed_file_is_a_note() {
        let facts = Workspace {
            policies: vec!["SECURITY.md".into()],
            insights: Some(InsightsFacts {
                file: "SECURITY-INSIGHTS.yml".into(),
                problem: Some(FactValue {
                    value: "did not find expected ',' or ']'".into(),
                    line: 3,
                }),
                ..InsightsFacts::default()
            }),
            ..Workspace::default()
        };
        let found = crate::rules::workspace_testing::findings_in(
            "# Security\n",
            &facts,
            "SECURITY.md",
            &crate::Config::default(),
        );
        let notes: Vec<_> = found
            .iter()
            .filter(|f| f.code == "insights-mismatch")
            .map(|f| (f.severity, f.message.as_str()))
            .collect();
        assert_eq!(
            notes,
            [(
                Severity::Info,
                "SECURITY-INSIGHTS.yml:3 could not be read: did not find expected ',' or ']'"
            )]
        );
    }

    #[test]
    fn bounty_wording() {
        assert_eq!(
            offers_bounty("Our bug bounty pays up to $500.\n"),
            Some(true)
        );
        assert_eq!(offers_bounty("We don't offer bounties.\n"), Some(false));
        assert_eq!(offers_bounty("Nothing here.\n"), None);
    }
}
