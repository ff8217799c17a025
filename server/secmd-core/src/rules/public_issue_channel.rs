//! `public-issue-channel`: the only channel offered is the public issue
//! tracker.

use super::chunk_list::ChunkList;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::memo::Slot;
use crate::policy::channels::{public_offers, reporting_scope, security_invitations};
use crate::policy::facts::chunk_sentences;
use std::sync::{Arc, Mutex};

pub static META: RuleMeta = RuleMeta {
    code: "public-issue-channel",
    default_severity: Severity::Warning,
    summary: "Vulnerabilities are to be reported in the public issue tracker",
    doc: "\
Reports instructions to report vulnerabilities in the public issue tracker
(\"open an issue\", \"file a bug\", \"the GitHub issue tracker\", links to
`/issues/new`) or in another public place (a pull request, GitHub
Discussions, a public forum, a Discord, Slack or Gitter server) when the
policy offers no private channel. A public report tells everyone about the
vulnerability before a fix exists. The offers are also read in French,
German, Spanish, Portuguese, Italian, Japanese and Chinese (\"abrir un
issue\", \"ouvrir une issue\", \"ein Issue erstellen\", \"issueを作成\",
\"Pull Requestを挙げて\", \"提交 issue\").

A chat server is a private channel only when the sentence asks for a
private ticket or message there (\"send a ticket on our Discord\", \"DM a
maintainer\"). Wording about the reporter's own contact details (\"include
your email so we can reply\", \"laissez votre adresse e-mail\") is no
channel at all.

Sentences that say *not* to use issues (\"do NOT open a public issue\",
\"email us instead of using the issue tracker\") or keep the tracker for
other reports (\"use issues for non-security bugs\", \"Issues (not for
security reports)\", \"(nicht für Sicherheitslücken)\", \"(pas pour les
failles)\", GitLab confidential issues) are not reported. The rule reads the reporting section and the
introduction (the whole file when there is no reporting section).

When the policy does offer a private channel, the rule reports only a
sentence anywhere in the file that invites security reports in the public
tracker (\"GitHub Issues: report bugs and security issues\") in a paragraph
with no negation, no private alternative (\"rather than\", \"privately\",
\"if it is sensitive, email us\") and no qualifier that makes the public
report deliberate (\"low-severity\", \"hardening\", \"once fixed\").

```markdown
## Reporting a Vulnerability

Please open an issue.     <!-- public-issue-channel -->
```",
    scope: Scope::Document,
};

pub struct PublicIssueChannel;

const BESIDE: &str = "This invites security reports in public issues beside the private channel: they are disclosed before a fix exists; send them to the private channel";

impl Rule for PublicIssueChannel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let facts = cx.facts();
        if facts.any_channel(|_| true) {
            // Beside a private channel, only an explicit invitation to
            // report security issues in public contradicts it. An invitation
            // is read in its sentence and paragraph, which never cross a
            // chunk: each chunk keeps its own findings, so a keystroke reads
            // one chunk again (reading the whole document's sentences on
            // every keystroke was most of an edit's time in a 1 MB FAQ).
            // The chunks that have some are kept in a list that follows the
            // edits, so a keystroke does not read every chunk's memo either.
            let list = cx
                .doc_memo()
                .get("public-issue-channel/invitations", 0, || {
                    Mutex::new(ChunkList::<Arc<Vec<Finding>>>::default())
                });
            let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
            let found = list.update(cx, 0, |c| {
                let found = c.memo.once(Slot::Invitations, || {
                    cx.count_work(1);
                    let findings: Vec<Finding> =
                        security_invitations(&c.alone(), chunk_sentences(c))
                            .into_iter()
                            .map(|range| Finding::new(&META, range, BESIDE))
                            .collect();
                    Arc::new(findings)
                });
                (!found.is_empty()).then(|| found.clone())
            });
            for (i, found) in found {
                cx.emit_chunk(*i, found.clone());
            }
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
            let offer = doc.slice(range.clone()).trim();
            let lower = offer.to_lowercase();
            let message = if ["issue", "bug", "ticket", "tracker"]
                .iter()
                .any(|w| lower.contains(w))
            {
                "Vulnerabilities reported in public issues are disclosed before a fix exists: offer a private channel".to_string()
            } else {
                format!(
                    "Vulnerabilities reported in a public place (`{offer}`) are disclosed before a fix exists: offer a private channel"
                )
            };
            out.push(Finding::new(&META, range, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    /// Beside a private channel, the invitations read chunk by chunk (from
    /// the chunks' memos) are those read in the whole document at once.
    #[test]
    fn invitations_per_chunk_equal_the_whole_document_reading() {
        use crate::model::{DocumentModel, PlacedChunk};
        use crate::policy::channels::security_invitations;
        use crate::policy::sentences::sentences;
        use crate::syntax::Document;
        let mut text = String::from("# Security\n\nEmail security@example.org.\n\n");
        for i in 0..60 {
            text.push_str(&format!("## Topic {i}\n\n"));
            match i % 4 {
                0 => text.push_str("Report bugs and security issues in GitHub Issues.\n\n"),
                1 => text
                    .push_str("Use the issue tracker for security reports. Thanks!\n\n- item\n\n"),
                2 => text.push_str("Do not use the issue tracker for security issues.\n\n"),
                _ => text.push_str(
                    "See [GitHub issues](https://github.com/o/r/issues) for security problems.\n\n",
                ),
            }
        }
        let d = Document::new(&text);
        assert!(d.chunks().len() > 60);
        let placed = d
            .chunks()
            .iter()
            .map(|c| PlacedChunk::new(c.start, c.text.clone(), c.model.clone()))
            .collect();
        let view = DocumentModel::new(placed, d.len());
        let whole = security_invitations(&view, &sentences(&view, &text, None));
        assert!(whole.len() >= 30, "{whole:?}");
        let found: Vec<_> = crate::testing::findings(&text)
            .into_iter()
            .filter(|f| f.code == "public-issue-channel")
            .map(|f| f.range)
            .collect();
        assert_eq!(found, whole);
    }

    const MSG: &str = "Vulnerabilities reported in public issues are disclosed before a fix exists: offer a private channel";

    #[test]
    fn reports_other_public_places() {
        check(
            "public-issue-channel",
            "## Reporting a Vulnerability\n\nSend a pull request with the fix.\n",
            &["3:1-3:20 public-issue-channel Vulnerabilities reported in a public place (`Send a pull request`) are disclosed before a fix exists: offer a private channel"],
        );
        // A workflow rule is not an offer.
        check(
            "public-issue-channel",
            "## Rules\n\nAll changes must be proposed through pull requests and reviewed.\n",
            &[],
        );
        check(
            "public-issue-channel",
            "## Reporting a Vulnerability\n\nAsk in GitHub Discussions.\n",
            &["3:8-3:26 public-issue-channel Vulnerabilities reported in a public place (`GitHub Discussions`) are disclosed before a fix exists: offer a private channel"],
        );
    }

    #[test]
    fn security_reports_invited_in_public_beside_a_private_channel() {
        check(
            "public-issue-channel",
            "## Reporting\n\nEmail sec@x.org.\n\n## Community\n\n- **GitHub Issues**: report bugs and security problems on GitHub\n",
            &["7:5-7:18 public-issue-channel This invites security reports in public issues beside the private channel: they are disclosed before a fix exists; send them to the private channel"],
        );
        for line in [
            "Please report security problems to sec@x.org rather than GitHub Issues.",
            "Do not report vulnerabilities in GitHub Issues.",
            "Low-severity security bugs may go to the GitHub issue tracker.",
            "Use GitHub Issues for bugs and feature requests.",
            "Vulnerabilities are announced in GitHub Issues once fixed.",
            "Most vulnerabilities can be reported in our GitHub issues. If yours is sensitive, write to us.",
        ] {
            check(
                "public-issue-channel",
                &format!("## Reporting\n\nEmail sec@x.org.\n\n{line}\n"),
                &[],
            );
        }
    }

    #[test]
    fn qualified_trackers_are_not_offers() {
        for line in [
            "- GitHub Issues (not for security reports)",
            "- GitHub Issues (nicht für Sicherheitslücken)",
            "- GitHub Issues (pas pour les failles)",
            "- GitHub Issues (no para vulnerabilidades)",
        ] {
            check(
                "public-issue-channel",
                &format!("## Reporting a Vulnerability\n\nContact the maintainers.\n\n{line}\n"),
                &[],
            );
        }
    }

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

    fn place(offer: &str) -> String {
        format!("public-issue-channel Vulnerabilities reported in a public place (`{offer}`) are disclosed before a fix exists: offer a private channel")
    }

    #[test]
    fn public_chats_forums_and_discussions_are_public() {
        check(
            "public-issue-channel",
            "## Reporting a Vulnerability\n\nJoin our [Discord](https://discord.gg/abc) and tell a moderator.\n",
            &[&format!("3:10-3:43 {}", place("[Discord](https://discord.gg/abc)"))],
        );
        for (url, col) in [
            ("https://acme.slack.com/archives/C01", "3:9-3:44"),
            ("https://gitter.im/acme/lobby", "3:9-3:37"),
            ("https://forum.acme.org/c/help", "3:9-3:38"),
            ("https://github.com/acme/app/discussions", "3:9-3:48"),
        ] {
            check(
                "public-issue-channel",
                &format!("## Reporting\n\nPost at {url} with the details.\n"),
                &[&format!("{col} {}", place(url))],
            );
        }
    }

    #[test]
    fn private_messages_on_chat_servers_are_private() {
        for text in [
            "Send a ticket to our [Discord support server](https://discord.gg/abc).",
            "Send a private message on Discord: https://discord.gg/abc",
            "DM a maintainer on https://discord.gg/abc",
        ] {
            check(
                "public-issue-channel",
                &format!("## Reporting\n\n{text}\n"),
                &[],
            );
            check("missing-contact", &format!("## Reporting\n\n{text}\n"), &[]);
        }
        // A chat server offered after a negation is no offer.
        check(
            "public-issue-channel",
            "## Reporting\n\nDo not post it on [Discord](https://discord.gg/abc); contact the owner.\n",
            &[],
        );
    }

    #[test]
    fn reads_the_main_languages() {
        for (text, range) in [
            ("Contáctanos directamente abriendo un issue.", "3:26-3:43"),
            ("Puedes añadir un informe en un issue.", "3:26-3:37"),
            ("Merci d'ouvrir une issue sur GitHub.", "3:9-3:25"),
            ("Abra uma issue no GitHub.", "3:1-3:15"),
            ("Apri una issue su GitHub.", "3:1-3:15"),
            ("Bitte ein Issue erstellen.", "3:11-3:26"),
            ("脆弱性を見つけたらissueを作成してください。", "3:10-3:15"),
            ("请提交 issue 报告漏洞。", "3:2-3:10"),
        ] {
            check(
                "public-issue-channel",
                &format!("## Reporting\n\n{text}\n"),
                &[&format!("{range} public-issue-channel {MSG}")],
            );
        }
        check(
            "public-issue-channel",
            "## Reporting\n\n未対応の脆弱性があったら、Pull Requestを挙げてください。\n",
            &[&format!("3:14-3:26 {}", place("Pull Request"))],
        );
        // A link to GitHub's documentation of Dependabot explains a feature:
        // it is no channel beside the pull request.
        check(
            "public-issue-channel",
            "## 脆弱性への対応\n\n依存関係は[Dependabot](https://docs.github.com/ja/code-security/dependabot/dependabot-security-updates)で更新します。\n\n未対応の脆弱性があったら、Pull Requestを挙げてください。\n",
            &[&format!("5:14-5:26 {}", place("Pull Request"))],
        );
        for text in [
            "Por favor, no abras un issue público.",
            "Merci de ne pas ouvrir une issue publique.",
            "Por favor **NÃO** abra uma Issue pública.",
            "Bitte kein Issue erstellen.",
            "公開のissueを作成しないでください。",
            "请勿提交 issue。",
        ] {
            check(
                "public-issue-channel",
                &format!("## Reporting\n\n{text}\n"),
                &[],
            );
        }
    }

    #[test]
    fn the_reporters_own_address_is_no_channel() {
        // Not a private channel: the public tracker is still the only one.
        check(
            "public-issue-channel",
            "## Reporting\n\nOpen an issue and include your email so we can reply (see [the form guide](https://x.org/guide)).\n",
            &[&format!("3:1-3:14 public-issue-channel {MSG}")],
        );
        for text in [
            "Please include your email address so we can reply, see [how](https://x.org/how).",
            "Laissez votre adresse e-mail pour que nous puissions vous répondre, voir [ici](https://x.org/a).",
        ] {
            check(
                "missing-contact",
                &format!("## Reporting\n\n{text}\n"),
                &["1:1-1:13 missing-contact No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go"],
            );
        }
    }
}
