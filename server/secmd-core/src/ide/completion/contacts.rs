//! Contact channel completion: GitHub private vulnerability reporting, a
//! `security@` email and a `security.txt` link.
//!
//! Offered anywhere in the reporting section's body (the client filters by
//! what is typed), and elsewhere only when the word being typed starts like
//! one of them (`mailto`, `security@`, `https://`, `github`…), so ordinary
//! prose is not interrupted.

use super::{CompletionItem, CompletionKind, Cx};
use crate::ide::known_sections::classify_with;

struct Channel {
    label: String,
    detail: String,
    documentation: &'static str,
    insert: String,
    snippet: bool,
    /// Typed prefixes that call for it outside the reporting section.
    keys: &'static [&'static str],
}

pub(super) fn complete(cx: &Cx<'_>) -> Vec<CompletionItem> {
    let before = cx.before();
    if before.trim_start().starts_with('#') {
        return Vec::new();
    }
    // The word being typed: after the last space or opening bracket.
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '<' | '|'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let prefix = &before[word_start..];
    let lower = prefix.to_lowercase();
    let url_typed = lower.starts_with("http");
    let in_reporting = cx.doc.sections().iter().any(|s| {
        s.body.start <= cx.offset
            && cx.offset <= s.body.end
            && cx.offset > s.heading.range.end
            && classify_with(&s.heading.text, &cx.options.config.sections)
                .is_some_and(|k| k.id == "reporting")
    });
    let wanted = |keys: &[&str]| {
        in_reporting || (lower.len() >= 2 && keys.iter().any(|k| k.starts_with(&lower)))
    };
    channels(cx, &lower, url_typed)
        .into_iter()
        .filter(|c| wanted(c.keys))
        .enumerate()
        .map(|(i, c)| CompletionItem {
            label: c.label,
            kind: CompletionKind::Contact,
            detail: Some(c.detail),
            documentation: Some(c.documentation.to_string()),
            insert_text: c.insert,
            is_snippet: c.snippet,
            replace: cx.line.start + word_start..cx.offset,
            sort_text: format!("{i}"),
        })
        .collect()
}

fn channels(cx: &Cx<'_>, prefix: &str, url_typed: bool) -> Vec<Channel> {
    let mut out = Vec::new();
    // GitHub private vulnerability reporting.
    let (url, snippet) = match cx.repository {
        Some((owner, repo)) => (
            format!("https://github.com/{owner}/{repo}/security/advisories/new"),
            false,
        ),
        None => (
            "https://github.com/${1:owner}/${2:repo}/security/advisories/new".to_string(),
            true,
        ),
    };
    let shown = match cx.repository {
        Some((owner, repo)) => format!("https://github.com/{owner}/{repo}/security/advisories/new"),
        None => "https://github.com/OWNER/REPO/security/advisories/new".to_string(),
    };
    let pvr_doc = "Reporters open a draft security advisory that only maintainers can see. \
                   Enable it in the repository's Settings → Security → Private vulnerability reporting.";
    out.push(if url_typed {
        Channel {
            label: shown,
            detail: "GitHub private vulnerability reporting".to_string(),
            documentation: pvr_doc,
            insert: url,
            snippet,
            keys: &["https://github.com/"],
        }
    } else {
        Channel {
            label: "GitHub private vulnerability reporting".to_string(),
            detail: shown,
            documentation: pvr_doc,
            insert: format!("[GitHub private vulnerability reporting]({url})"),
            snippet,
            keys: &["github", "private", "report"],
        }
    });
    // Email.
    let email_doc = "A private mailbox read by the maintainers. Keep it monitored: \
                     reports sent to a dead address are lost.";
    out.push(if prefix.starts_with("mailto") {
        Channel {
            label: "mailto:security@…".to_string(),
            detail: "security email".to_string(),
            documentation: email_doc,
            insert: "mailto:security@${1:domain}".to_string(),
            snippet: true,
            keys: &["mailto:"],
        }
    } else if prefix.starts_with("sec") && !prefix.starts_with("security.") {
        Channel {
            label: "security@…".to_string(),
            detail: "security email".to_string(),
            documentation: email_doc,
            insert: "security@${1:domain}".to_string(),
            snippet: true,
            keys: &["security@"],
        }
    } else {
        Channel {
            label: "security@… (email link)".to_string(),
            detail: "security email".to_string(),
            documentation: email_doc,
            insert: "[security@${1:domain}](mailto:security@${1:domain})".to_string(),
            snippet: true,
            keys: &["email", "mail"],
        }
    });
    // security.txt (RFC 9116).
    let txt_doc = "The machine-readable contact file of RFC 9116, served at \
                   `/.well-known/security.txt` on your site.";
    out.push(if url_typed {
        Channel {
            label: "https://…/.well-known/security.txt".to_string(),
            detail: "security.txt".to_string(),
            documentation: txt_doc,
            insert: "https://${1:domain}/.well-known/security.txt".to_string(),
            snippet: true,
            keys: &["https://"],
        }
    } else {
        Channel {
            label: "security.txt".to_string(),
            detail: "link to security.txt (RFC 9116)".to_string(),
            documentation: txt_doc,
            insert: "[security.txt](https://${1:domain}/.well-known/security.txt)".to_string(),
            snippet: true,
            keys: &["security.txt", ".well-known"],
        }
    });
    out
}
