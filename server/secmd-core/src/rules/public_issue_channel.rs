//! `public-issue-channel`: the only channel offered is the public issue
//! tracker.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::policy::channels::{public_offers, reporting_scope};

pub static META: RuleMeta = RuleMeta {
    code: "public-issue-channel",
    default_severity: Severity::Warning,
    summary: "Vulnerabilities are to be reported in the public issue tracker",
    doc: "\
Reports instructions to report vulnerabilities in the public issue tracker
(\"open an issue\", \"file a bug\", \"the GitHub issue tracker\", links to
`/issues/new`) when the policy offers no private channel. A public issue
tells everyone about the vulnerability before a fix exists.

Sentences that say *not* to use issues (\"do NOT open a public issue\",
\"email us instead of using the issue tracker\") or keep the tracker for
other reports (\"use issues for non-security bugs\", GitLab confidential
issues) are not reported. The rule reads the reporting section and the
introduction (the whole file when there is no reporting section).

```markdown
## Reporting a Vulnerability

Please open an issue.     <!-- public-issue-channel -->
```",
    scope: Scope::Document,
};

pub struct PublicIssueChannel;

impl Rule for PublicIssueChannel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let facts = cx.facts();
        if facts.any_channel(|_| true) {
            return;
        }
        let scope = reporting_scope(doc, &facts.classified);
        let all = &facts.sentences_in(scope.as_deref());
        let paragraphs: Vec<_> = doc.paragraphs().collect();
        let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
        for range in public_offers(doc, all, scope.as_deref()) {
            // One finding per paragraph: "create an issue … we will reply in
            // the issue tracker" is one offer.
            let paragraph = paragraphs
                .iter()
                .find(|p| p.start <= range.start && range.end <= p.end);
            if let Some(p) = paragraph {
                if reported
                    .iter()
                    .any(|r| p.start <= r.start && r.end <= p.end)
                {
                    continue;
                }
            }
            reported.push(range.clone());
            out.push(Finding::new(
                &META,
                range,
                "Vulnerabilities reported in public issues are disclosed before a fix exists: offer a private channel",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const MSG: &str = "Vulnerabilities reported in public issues are disclosed before a fix exists: offer a private channel";

    #[test]
    fn reports_issue_wording_and_links() {
        check(
            "public-issue-channel",
            "# Policy\n\n## Reporting a Vulnerability\n\nPlease open an issue on GitHub.\n\nhttps://github.com/a/b/issues/new\n",
            &[
                &format!("5:8-5:21 public-issue-channel {MSG}"),
                &format!("7:1-7:34 public-issue-channel {MSG}"),
            ],
        );
        check(
            "public-issue-channel",
            "## Reporting\n\nReport it in our GitHub issue tracker or file a bug.\n",
            &[&format!("3:25-3:38 public-issue-channel {MSG}")],
        );
        // One finding per paragraph.
        check(
            "public-issue-channel",
            "## Reporting\n\n1. **Creating an issue**: go to issues and create a new issue. We will reply in the issue tracker.\n",
            &[&format!("3:6-3:23 public-issue-channel {MSG}")],
        );
    }

    #[test]
    fn negations_and_private_channels_are_fine() {
        check(
            "public-issue-channel",
            "## Reporting\n\nPlease do NOT open a public issue. Don't report via [issues](https://github.com/a/b/issues) either.\n",
            &[],
        );
        check(
            "public-issue-channel",
            "## Reporting\n\nEmail sec@x.org. Open an issue for anything else.\n",
            &[],
        );
    }

    #[test]
    fn limited_and_confidential_uses_are_fine() {
        check(
            "public-issue-channel",
            "## Reporting\n\nUse the issue tracker for non-security bugs only.\n",
            &[],
        );
        check(
            "public-issue-channel",
            "## Reporting\n\nOpen an [issue](https://gitlab.com/a/b/-/issues) and make it confidential.\n",
            &[],
        );
        // Offers outside the reporting section are not about reporting.
        check(
            "public-issue-channel",
            "## Reporting\n\nContact the team.\n\n## Support\n\nOpen an issue for questions.\n",
            &[],
        );
    }
}
