//! `contact-mismatch`: security.txt's `Contact:` values and the policy's
//! private reporting channels disagree. Reported on the file that lacks the
//! contact: on the policy GitHub shows (this rule's `check_document`) and on
//! each security.txt ([`on_security_txt`], run by `crate::crosscheck`).

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::policy::contacts::mentioned_keys;
use crate::policy::sections::anchor;
use crate::workspace::{contact_key, InWorkspace, TxtField};
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "contact-mismatch",
    default_severity: Severity::Warning,
    summary: "security.txt and the policy name different contacts",
    doc: "\
Compares the `Contact:` fields of every security.txt in the workspace
(`.well-known/security.txt`, `security.txt`, and the same under
`public/`, `static/`, `docs/static/`) with the private reporting channels
of the policy GitHub shows: e-mail addresses and links to GitHub
advisories, bounty platforms and report forms. Addresses compare without
letter case, URLs without `http`/`https`, letter case, a fragment or a
trailing `/`; `tel:` contacts are not compared.

A contact in one file and not the other is reported on the file that
lacks it, naming the other file and line: reporters who read one file
never learn of the other channel, and an address left in one file after
a change is often no longer read.

Fix (on security.txt, reviewed: not applied by `--fix`): add a `Contact:`
line for the policy's channel. The policy gets no fix: where a contact
belongs in its prose is for a human.

```text
# .well-known/security.txt
Contact: mailto:security@example.com
# SECURITY.md: \"Report to security@acme.example\"
```",
    scope: Scope::Document,
};

pub struct ContactMismatch;

/// Whether the analysed file is the policy GitHub shows: the cross-checks
/// compare the other files with that one only.
pub(crate) fn is_shown_policy(ws: &InWorkspace<'_>) -> bool {
    ws.facts.policies.first().is_some_and(|p| p == ws.path)
}

impl Rule for ContactMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let Some(ws) = cx.options.files.workspace() else {
            return;
        };
        if !is_shown_policy(&ws) || ws.facts.security_txts.is_empty() {
            return;
        }
        let mine = mentioned_keys(cx.doc);
        let facts = cx.facts();
        let at = anchor(cx.doc, || facts.text());
        for txt in &ws.facts.security_txts {
            for field in txt.named("contact") {
                let Some(key) = contact_key(&field.value) else {
                    continue;
                };
                if mine.contains(&key) {
                    continue;
                }
                out.push(Finding::new(
                    &META,
                    at.clone(),
                    format!(
                        "{}:{} lists Contact {}, which this policy does not name",
                        txt.file, field.line, field.value
                    ),
                ));
            }
        }
    }
}

/// The policy's channels that a security.txt (its `fields`) does not list,
/// reported on the security.txt.
pub fn on_security_txt(text: &str, fields: &[TxtField], ws: &InWorkspace<'_>) -> Vec<Finding> {
    let Some(policy) = &ws.facts.shown_policy else {
        return Vec::new();
    };
    let listed: Vec<&TxtField> = fields
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case("contact"))
        .collect();
    let keys: Vec<String> = listed
        .iter()
        .filter_map(|f| contact_key(&f.value))
        .collect();
    let last = listed.last().map(|f| f.value_range.clone());
    let first_line = 0..text.find(['\r', '\n']).unwrap_or(text.len());
    let at: Range<usize> = last.clone().unwrap_or(first_line);
    let mut out = Vec::new();
    for c in &policy.contacts {
        if keys.contains(&c.value) {
            continue;
        }
        let mut finding = Finding::new(
            &META,
            at.clone(),
            format!(
                "{}:{} offers {}, which no Contact field of this security.txt lists",
                policy.file, c.line, c.value
            ),
        );
        if let Some(end) = last.as_ref().map(|r| r.end) {
            let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
            finding = finding.with_fix(Fix::suggestion(
                format!("Add Contact: {}", c.value),
                vec![Edit::new(end..end, format!("{eol}Contact: {}", c.value))],
            ));
        }
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::{check_in, crosscheck_txt};
    use crate::workspace::{FactValue, PolicyContacts, SecurityTxtFacts, TxtField, Workspace};

    fn ws() -> Workspace {
        Workspace {
            policies: vec!["SECURITY.md".into()],
            security_txts: vec![SecurityTxtFacts {
                file: ".well-known/security.txt".into(),
                fields: vec![
                    TxtField {
                        name: "Contact".into(),
                        value: "mailto:Security@Example.com".into(),
                        line: 1,
                        value_range: 9..36,
                    },
                    TxtField {
                        name: "Contact".into(),
                        value: "https://example.com/report".into(),
                        line: 2,
                        value_range: 46..72,
                    },
                ],
            }],
            shown_policy: Some(PolicyContacts {
                file: "SECURITY.md".into(),
                contacts: vec![
                    FactValue {
                        value: "mailto:security@example.com".into(),
                        line: 3,
                    },
                    FactValue {
                        value: "https://github.com/acme/widget/security/advisories/new".into(),
                        line: 4,
                    },
                ],
                fingerprints: vec![],
            }),
            ..Workspace::default()
        }
    }

    #[test]
    fn a_security_txt_contact_missing_from_the_policy() {
        check_in(
            "contact-mismatch",
            "# Security\n\nMail security@example.com.\n",
            &ws(),
            "SECURITY.md",
            &["1:1-1:11 contact-mismatch .well-known/security.txt:2 lists Contact https://example.com/report, which this policy does not name"],
        );
        // A policy that names both is quiet, and so is any other file.
        let both = "# Security\n\nMail security@example.com or use [the form](https://EXAMPLE.com/report/).\n";
        check_in("contact-mismatch", both, &ws(), "SECURITY.md", &[]);
        check_in("contact-mismatch", "# S\n", &ws(), "docs/SECURITY.md", &[]);
    }

    #[test]
    fn a_policy_channel_missing_from_security_txt() {
        let text = "Contact: mailto:Security@Example.com\nContact: https://example.com/report\nExpires: 2027-01-01T00:00:00Z\n";
        assert_eq!(
            crosscheck_txt("contact-mismatch", text, &ws(), ".well-known/security.txt"),
            ["2:10-2:36 contact-mismatch SECURITY.md:4 offers https://github.com/acme/widget/security/advisories/new, which no Contact field of this security.txt lists | Add Contact: https://github.com/acme/widget/security/advisories/new => Contact: mailto:Security@Example.com\nContact: https://example.com/report\nContact: https://github.com/acme/widget/security/advisories/new\nExpires: 2027-01-01T00:00:00Z\n"]
        );
    }
}
