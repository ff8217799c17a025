//! `missing-contact`: the policy offers no private way to report.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::policy::sections::{anchor, SectionId};

pub static META: RuleMeta = RuleMeta {
    code: "missing-contact",
    default_severity: Severity::Error,
    summary: "The policy offers no private channel for reports",
    doc: "\
Reports a policy that gives reporters no private way to send a
vulnerability: no email address, no link to GitHub private vulnerability
reporting (`/security/advisories/new`, the Security tab, the \"Report a
vulnerability\" button), no bug-bounty or disclosure platform (HackerOne,
Bugcrowd, Intigriti, huntr, Tidelift, YesWeHack, Open Bug Bounty, ZDI…), no
web form or `security.txt`, and no link to another security policy or page
that explains how to report. A page of GitHub's or GitLab's documentation
counts only when it is about private reporting or security advisories (a
page about Dependabot security updates takes no report).

A channel anywhere in the file counts, not only in the reporting section
(a \"Contact\" footer, a \"Security team\" section): reporters read the
whole page. The finding points at the reporting heading, or at the start of
the file when there is none. Placeholder addresses (`security@example.com`, `$EMAIL`) and addresses
destroyed by Cloudflare's email protection (`[email protected]`) count as
a channel here; `placeholder` reports them.

```markdown
## Reporting a Vulnerability     <!-- missing-contact -->

Please contact the maintainers.
```",
    scope: Scope::Document,
};

pub struct MissingContact;

/// The path a file holds when that is all it holds (`../docs/SECURITY.md`):
/// git writes a symbolic link as such a file where links are off.
fn only_a_path(text: &str) -> Option<&str> {
    let t = text.trim();
    let pathy = !t.is_empty()
        && t.len() <= 255
        && !t.contains(char::is_whitespace)
        && (t.contains('/') || t.contains('\\'))
        && t.to_ascii_lowercase().ends_with(".md");
    pathy.then_some(t)
}

impl Rule for MissingContact {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let facts = cx.facts();
        // A channel anywhere counts (see the doc): the reporting section is
        // only where the finding points.
        if facts.any_channel(|_| true) {
            return;
        }
        let text = facts.text();
        if let Some(path) = only_a_path(text) {
            let start = text.len() - text.trim_start().len();
            out.push(Finding::new(
                &META,
                start..start + path.len(),
                format!("This file only holds the path `{path}`: a symbolic link checked out as text (GitHub shows the path, not a policy); commit the policy itself"),
            ));
            return;
        }
        let range = facts
            .first(SectionId::Reporting)
            .map_or_else(|| anchor(doc, || text), |c| c.section.heading.range.clone());
        out.push(Finding::new(
            &META,
            range,
            "No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const MSG: &str = "No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go";

    #[test]
    fn reports_reporting_section_without_channel() {
        check(
            "missing-contact",
            "# Policy\n\n## Reporting a Vulnerability\n\nPlease contact the maintainers directly.\n",
            &[&format!("3:1-3:29 missing-contact {MSG}")],
        );
        // No reporting section: the first line.
        check(
            "missing-contact",
            "Please open an issue on [GitHub](https://github.com/a/b/issues).\n",
            &[&format!("1:1-1:65 missing-contact {MSG}")],
        );
    }

    #[test]
    fn recognises_private_channels() {
        for body in [
            "Email us at security@angular.io.",
            "Use <mailto:sec@x.org>.",
            "Report it [here](https://github.com/a/b/security/advisories/new).",
            "Use the \"Report a vulnerability\" button on the Security tab.",
            "Please create a private GitHub advisory.",
            "Report through [HackerOne](https://hackerone.com/x).",
            "Please use the [Tidelift security contact](https://tidelift.com/security).",
            "See our [security policy](https://rubyonrails.org/security).",
            "Open a GitLab issue and tick the confidentiality checkbox.",
            "Please email $VMTalias with a description.",
            "**Email:** security@[yourdomain].com",
            "Email the project [committers](https://marked.js.org/authors).",
            "Use the email advertised on our GitHub profiles.",
            "Send a ticket on our [Discord](https://discord.com/invite/x).",
            "관리자에게 이메일을 보내거나 GitHub에서 보안 권고 초안을 작성하십시오.",
        ] {
            check(
                "missing-contact",
                &format!("# Policy\n\n## Reporting a Vulnerability\n\n{body}\n"),
                &[],
            );
        }
    }

    #[test]
    fn no_address_and_destroyed_address_are_reported() {
        check(
            "missing-contact",
            "## Reporting\n\nEmail details to the maintainer privately.\n",
            &[&format!("1:1-1:13 missing-contact {MSG}")],
        );
    }

    #[test]
    fn a_destroyed_address_is_the_placeholder_finding() {
        // Cloudflare's email obfuscation replaced the address: `placeholder`
        // reports it; a second finding here would repeat the cause.
        let text = "## Reporting\n\nPlease email [email protected]\n";
        check("missing-contact", text, &[]);
        check(
            "placeholder",
            text,
            &["3:14-3:31 placeholder `[email protected]` is an address hidden by Cloudflare's email protection (copied from a web page); write the real address"],
        );
    }

    #[test]
    fn a_path_alone_is_a_symlink_checked_out_as_text() {
        check(
            "missing-contact",
            "../docs/SECURITY.md",
            &["1:1-1:20 missing-contact This file only holds the path `../docs/SECURITY.md`: a symbolic link checked out as text (GitHub shows the path, not a policy); commit the policy itself"],
        );
        // One cause, one finding.
        let all = crate::testing::findings("../docs/SECURITY.md\n");
        assert_eq!(all.len(), 1, "{all:?}");
    }

    #[test]
    fn policy_in_a_markdown_fence_still_names_its_channel() {
        check(
            "missing-contact",
            "## SECURITY.md\n\n```md\n## Reporting a Vulnerability\nMail sec@x.org\n```\n",
            &[],
        );
    }

    #[test]
    fn channel_outside_the_reporting_section_counts() {
        check(
            "missing-contact",
            "# Policy\n\n## Reporting a Vulnerability\n\nSee below.\n\n## Team\n\nReach us at sec@x.org.\n",
            &[],
        );
    }

    #[test]
    fn non_english_policy_with_address_is_fine() {
        check(
            "missing-contact",
            "## Reporting a Vulnerability\n\n보안 취약점은 공개 이슈 대신 **비공개로** 제보해 주세요.\n\n- Email: ite476@gmail.com\n",
            &[],
        );
    }
}
