//! Reporting channels shared by `missing-contact`, `public-issue-channel`,
//! `missing-section` and `response-time`: where a policy tells reporters to
//! send a vulnerability, and whether that place is private.
//!
//! Private channels: email addresses; GitHub private vulnerability reporting
//! (links to `/security/advisories`, the Security tab, "Report a
//! vulnerability" button wording); bug-bounty and disclosure platforms
//! (HackerOne, Bugcrowd, Intigriti, huntr, Tidelift, YesWeHack, Open Bug
//! Bounty, ZDI, Immunefi…); web forms and `security.txt`; GitLab
//! confidential issues; and links to another security policy or page, which
//! is where delegating policies ("see our security process") send reporters.
//!
//! Public channels: "open an issue", "file a bug", "the issue tracker" and
//! links to `/issues`, unless the sentence says not to ("do NOT open a
//! public issue", "instead of using the issue tracker") or limits it to
//! non-security reports.

use super::sections::{intro, Classified, SectionId};
use super::sentences::Sentence;
use crate::model::{text_scan, DocumentModel, LinkKind};
use std::ops::Range;

/// What kind of private channel a policy offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelKind {
    /// An email address.
    Email,
    /// GitHub private vulnerability reporting / security advisories.
    Advisory,
    /// A bug-bounty or disclosure platform.
    Platform,
    /// A web form, `security.txt` or private message.
    Form,
    /// A link to another security policy or page.
    PolicyLink,
    /// Wording without a link or address ("use the Report a vulnerability
    /// button", "email $ADDRESS" in a template).
    Wording,
}

/// A private channel and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub kind: ChannelKind,
    pub range: Range<usize>,
}

/// Where a reporter reads the reporting instructions: the reporting
/// sections and the introduction, or `None` (the whole file) when the
/// policy has no reporting section.
pub fn reporting_scope(
    doc: &DocumentModel,
    classified: &[Classified],
) -> Option<Vec<Range<usize>>> {
    let mut ranges: Vec<Range<usize>> = classified
        .iter()
        .filter(|c| c.id == SectionId::Reporting)
        .map(|c| c.section.range.clone())
        .collect();
    if ranges.is_empty() {
        return None;
    }
    ranges.push(intro(doc));
    Some(ranges)
}

/// Whether `r` lies within one of `within` (everything does when `None`).
pub(super) fn inside(within: Option<&[Range<usize>]>, r: &Range<usize>) -> bool {
    within.is_none_or(|ws| ws.iter().any(|w| w.start <= r.start && r.end <= w.end))
}

const PLATFORMS: &[&str] = &[
    "hackerone.com",
    "bugcrowd.com",
    "intigriti.com",
    "huntr.dev",
    "huntr.com",
    "tidelift.com",
    "yeswehack.com",
    "openbugbounty.org",
    "zerodayinitiative.com",
    "immunefi.com",
    "hackenproof.com",
    "federacy.com",
    "bugbounty",
    "bug-bounty",
];

const PLATFORM_NAMES: &[&str] = &[
    "hackerone",
    "bugcrowd",
    "intigriti",
    "huntr",
    "tidelift",
    "yeswehack",
    "open bug bounty",
    "zero day initiative",
    "immunefi",
    "bug bounty program",
];

/// Classifies a link destination (and its text) as a private channel.
pub fn link_channel(destination: &str, link_text: &str) -> Option<ChannelKind> {
    let d = destination.to_ascii_lowercase();
    let t = link_text.to_ascii_lowercase();
    if d.starts_with("mailto:") {
        return Some(ChannelKind::Email);
    }
    if d.contains("/security/advisories") || is_github_security_tab(&d) {
        return Some(ChannelKind::Advisory);
    }
    if PLATFORMS.iter().any(|p| d.contains(p)) {
        return Some(ChannelKind::Platform);
    }
    // Chat servers where the policy asks for a private ticket or message.
    if [
        "discord.gg",
        "discord.com/invite",
        "/discord",
        "matrix.to",
        "keybase.io",
        "signal.me",
        "t.me/",
    ]
    .iter()
    .any(|p| d.contains(p))
    {
        return Some(ChannelKind::Form);
    }
    if d.contains("security.txt")
        || d.contains("forms.gle")
        || d.contains("/forms/")
        || d.contains("typeform.com")
        || d.contains("msrc.microsoft.com")
    {
        return Some(ChannelKind::Form);
    }
    if is_issue_link(&d) || is_badge(&d) {
        return None;
    }
    let policy_words = [
        "security",
        "vulnerab",
        "disclosure",
        "cve",
        "whitehat",
        "bounty",
    ];
    if policy_words.iter().any(|w| path_of(&d).contains(w))
        || policy_words.iter().any(|w| t.contains(w))
    {
        return Some(ChannelKind::PolicyLink);
    }
    None
}

/// `github.com/owner/repo/security`: the Security tab with its "Report a
/// vulnerability" button.
fn is_github_security_tab(d: &str) -> bool {
    let Some(rest) = d.split("github.com/").nth(1) else {
        return false;
    };
    let parts: Vec<&str> = rest
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/')
        .split('/')
        .collect();
    parts.len() == 3 && parts[2] == "security"
}

/// The part of a URL after the scheme (host and path), so `https` does not
/// count as a word and a `security.example.org` host does.
fn path_of(d: &str) -> &str {
    d.split_once("://").map_or(d, |(_, rest)| rest)
}

fn is_badge(d: &str) -> bool {
    d.contains("shields.io") || d.contains("badge") || d.ends_with(".svg") || d.ends_with(".png")
}

/// A link to an issue tracker.
pub fn is_issue_link(destination: &str) -> bool {
    let d = destination.to_ascii_lowercase();
    let path = d.split(['?', '#']).next().unwrap_or("");
    path.split('/').any(|seg| seg == "issues") && !d.contains("/security/")
}

/// Private channels offered within `within` (the whole document when
/// `None`).
pub fn private_channels(
    doc: &DocumentModel,
    sentences: &[Sentence],
    within: Option<&[Range<usize>]>,
) -> Vec<Channel> {
    let mut out = Vec::new();
    for e in doc.emails() {
        if inside(within, &e.range) {
            out.push(Channel {
                kind: ChannelKind::Email,
                range: e.range,
            });
        }
    }
    let links: Vec<_> = doc.links().collect();
    for l in &links {
        if l.kind == LinkKind::Image || !inside(within, &l.range) {
            continue;
        }
        if let Some(kind) = link_channel(&l.destination, &l.text) {
            out.push(Channel {
                kind,
                range: l.range.clone(),
            });
        }
    }
    for s in sentences.iter().filter(|s| inside(within, &s.range)) {
        let has_link = links.iter().any(|l| {
            s.range.start <= l.range.start
                && l.range.end <= s.range.end
                && !is_issue_link(&l.destination)
        });
        if let Some(kind) = wording_channel(&s.lower, has_link) {
            out.push(Channel {
                kind,
                range: s.range.clone(),
            });
        }
    }
    fenced_policy_channels(doc, within, &mut out);
    out.sort_by_key(|c| c.range.start);
    out
}

/// Channels inside a fenced ```` ```md ```` block: some policies are
/// pasted wrapped in a fence, and the channel they name is still there for
/// a reader (the fence itself is another problem).
fn fenced_policy_channels(
    doc: &DocumentModel,
    within: Option<&[Range<usize>]>,
    out: &mut Vec<Channel>,
) {
    for block in doc.code_blocks() {
        let info = block.info.to_ascii_lowercase();
        if !matches!(info.as_str(), "md" | "markdown") || !inside(within, &block.range) {
            continue;
        }
        let text = doc.slice(block.range.clone());
        let at = |r: Range<usize>| block.range.start + r.start..block.range.start + r.end;
        for e in text_scan::bare_emails(text) {
            out.push(Channel {
                kind: ChannelKind::Email,
                range: at(e),
            });
        }
        for u in text_scan::bare_urls(text) {
            if let Some(kind) = link_channel(&text[u.clone()], "") {
                out.push(Channel { kind, range: at(u) });
            }
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if let Some(kind) = wording_channel(&line.to_ascii_lowercase(), false) {
                out.push(Channel {
                    kind,
                    range: at(offset..offset + line.trim_end().len()),
                });
            }
            offset += line.len();
        }
    }
}

/// A private channel named in words. `has_link`: the sentence links
/// somewhere (not to an issue tracker).
fn wording_channel(s: &str, has_link: bool) -> Option<ChannelKind> {
    if PLATFORM_NAMES.iter().any(|p| s.contains(p)) {
        return Some(ChannelKind::Platform);
    }
    let has = |p: &str| s.contains(p);
    let mentions_email = s.contains("email") || s.contains("e-mail");
    // "Email the [committers](…/authors)", "the email advertised on our
    // GitHub profiles", "ces emails dans le fichier …gemspec": the address is
    // one step away, but it is there.
    if mentions_email
        && (has_link
            || [
                "profile",
                "gemspec",
                "authors file",
                "maintainers file",
                "maintainers.md",
                "codeowners",
            ]
            .iter()
            .any(|p| s.contains(p)))
    {
        return Some(ChannelKind::Wording);
    }
    let report_button = s
        .find("report a vulnerability")
        .is_some_and(|i| ["button", "tab", "link"].iter().any(|w| s[i..].contains(w)));
    // "security advisory" in the languages of the corpus's translated
    // policies ("보안 권고 초안을 작성하십시오" = draft a security advisory).
    let translated_advisory = has("github")
        && [
            "보안 권고",
            "conseil de sécurité",
            "avis de sécurité",
            "aviso de seguridad",
            "avisos de seguridad",
            "aviso de segurança",
            "sicherheitshinweis",
            "安全公告",
            "安全通告",
            "セキュリティアドバイザリ",
        ]
        .iter()
        .any(|p| s.contains(p));
    let advisory = has("advisor")
        && (has("github") || has("private") || has("draft"))
        && !has("we will")
        && !has("we'll")
        && !has("we publish");
    if has("private vulnerability report")
        || has("privately report a")
        || has("security tab")
        || report_button
        || advisory
        || translated_advisory
    {
        return Some(ChannelKind::Advisory);
    }
    if (has("confidential") && has("issue"))
        || has("confidentiality")
        || has("private message")
        || has("direct message")
        || has("contact form")
        || has("web form")
    {
        return Some(ChannelKind::Form);
    }
    // Templates: "please email $VMTalias" / "email <security contact>".
    // The address is a placeholder (the `placeholder` rule reports it), but
    // the policy does name an email channel.
    // Cloudflare's "[email protected]" replaced a real address: gone.
    let placeholder_token = s.contains('$')
        && s.split('$')
            .skip(1)
            .any(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
        || [
            "<email", "[email", "{email", "{{", "<your", "[your", "{your", "@[", "@<", "@{", "@$",
        ]
        .iter()
        .any(|p| s.contains(p) && !s.contains("[email protected]"));
    (mentions_email && placeholder_token).then_some(ChannelKind::Wording)
}

const ISSUE_VERBS: &[&str] = &[
    "open",
    "opening",
    "create",
    "creating",
    "file",
    "filing",
    "submit",
    "submitting",
    "raise",
    "raising",
    "post",
    "posting",
    "log",
    "logging",
    "add",
    "adding",
];

const ISSUE_NOUNS: &[&str] = &["issue", "issues", "ticket", "tickets", "bug"];

const TRACKER_PHRASES: &[&str] = &[
    "go to issues",
    "issue tracker",
    "bug tracker",
    "github issues",
    "gitlab issues",
    "issues page",
    "issues section",
    "issues tab",
    "issue page",
];

const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "avoid",
    "don't",
    "dont",
    "don’t",
    "without",
    "instead",
    "rather",
    "no",
    "refrain",
    "shouldn't",
    "cannot",
    "can't",
    "nor",
];

/// Offers of the public issue tracker within `within` (the whole document
/// when `None`), as the ranges of the offering phrase or link.
pub fn public_offers(
    doc: &DocumentModel,
    sentences: &[Sentence],
    within: Option<&[Range<usize>]>,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in sentences.iter().filter(|s| inside(within, &s.range)) {
        if limits_to_other_reports(&s.lower) {
            continue;
        }
        let ws = s.words();
        let negated_before = |at: usize| {
            ws.iter()
                .take_while(|(_, r)| r.start < at)
                .any(|(w, _)| NEGATIONS.contains(w))
        };
        let mut found: Option<Range<usize>> = None;
        for (i, (w, r)) in ws.iter().enumerate() {
            if !ISSUE_VERBS.contains(w) {
                continue;
            }
            if let Some((_, nr)) = ws[i + 1..]
                .iter()
                .take(4)
                .find(|(n, _)| ISSUE_NOUNS.contains(n))
            {
                if !negated_before(r.start) {
                    found = Some(r.start..nr.end);
                }
                break;
            }
        }
        // The tracker named as a place ("our issue tracker"); the earlier of
        // the two offers in a sentence is the one reported.
        let tracker = TRACKER_PHRASES
            .iter()
            .filter_map(|p| s.lower.find(p).map(|i| (i, p.len())))
            .min();
        if let Some((i, len)) = tracker {
            let start = s.range.start + i;
            if !negated_before(start) && found.as_ref().is_none_or(|f| start < f.start) {
                found = Some(start..start + len);
            }
        }
        if let Some(r) = found {
            out.push(r);
        }
    }
    for l in doc.links() {
        if !is_issue_link(&l.destination) || !inside(within, &l.range) {
            continue;
        }
        // A link inside a sentence that was read above is judged with it.
        let sentence = sentences
            .iter()
            .find(|s| s.range.start <= l.range.start && l.range.end <= s.range.end);
        let judged = match sentence {
            Some(s) => {
                limits_to_other_reports(&s.lower)
                    || s.words()
                        .iter()
                        .take_while(|(_, r)| r.start < l.range.start)
                        .any(|(w, _)| NEGATIONS.contains(w))
                    || out
                        .iter()
                        .any(|o| s.range.start <= o.start && o.end <= s.range.end)
            }
            None => false,
        };
        if !judged {
            out.push(l.range);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Sentences that keep the tracker for other things ("use issues for
/// non-security bugs") or describe a private variant of it.
fn limits_to_other_reports(s: &str) -> bool {
    [
        "non-security",
        "non security",
        "not security",
        "feature request",
        "general question",
        "confidential",
        "private issue",
        "security advisor",
    ]
    .iter()
    .any(|p| s.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_classified() {
        use ChannelKind::*;
        let c = |d: &str| link_channel(d, "");
        assert_eq!(
            c("https://github.com/a/b/security/advisories/new"),
            Some(Advisory)
        );
        assert_eq!(
            c("https://github.com/rollup/rollup/security"),
            Some(Advisory)
        );
        assert_eq!(c("https://hackerone.com/nodejs"), Some(Platform));
        assert_eq!(c("https://tidelift.com/security"), Some(Platform));
        assert_eq!(
            c("https://example.org/.well-known/security.txt"),
            Some(Form)
        );
        assert_eq!(c("https://rubyonrails.org/security"), Some(PolicyLink));
        assert_eq!(
            c("https://github.com/helm/community/blob/main/SECURITY.md"),
            Some(PolicyLink)
        );
        assert_eq!(c("https://github.com/a/b/issues/new"), None);
        assert_eq!(c("https://github.com/a/b"), None);
        assert_eq!(
            link_channel("https://x.org/p", "our security policy"),
            Some(PolicyLink)
        );
    }

    #[test]
    fn issue_links() {
        assert!(is_issue_link("https://github.com/a/b/issues/new"));
        assert!(is_issue_link("https://gitlab.com/a/b/-/issues"));
        assert!(!is_issue_link("https://github.com/a/b/security/advisories"));
        assert!(!is_issue_link("https://x.org/issuesfaq"));
    }
}
