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
//! links to `/issues` (and their wording in the main languages: "abrir un
//! issue", "issueを作成"), pull requests, GitHub Discussions, forums and
//! public chat servers (Discord, Slack, Gitter) unless the sentence asks
//! for a private ticket or message; unless the sentence says not to ("do
//! NOT open a public issue", "instead of using the issue tracker") or limits
//! it to non-security reports. The reporter's own contact details ("include
//! your email so we can reply") are no channel at all.

use super::sections::{intro, Classified, SectionId};
use super::sentences::Sentence;
use crate::model::{text_scan, DocumentModel, LinkKind};
use crate::text::phrases::Phrases;
use std::ops::Range;
use std::sync::LazyLock;

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
    // Chat servers are public rooms unless the sentence asks for a
    // private ticket or message (`private_channels` reads it); personal
    // contacts are private.
    if public_place_link(&d) {
        return None;
    }
    if ["matrix.to", "keybase.io", "signal.me", "t.me/"]
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
    if is_issue_link(&d) || is_badge(&d) || is_feature_docs(&d) {
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

/// Public chat servers, forums and GitHub Discussions: everyone there reads
/// a report, unless the policy asks for a private ticket or message.
pub fn public_place_link(destination: &str) -> bool {
    let d = destination.to_ascii_lowercase();
    let path = d.split(['?', '#']).next().unwrap_or("");
    [
        "discord.gg",
        "discord.com/invite",
        "discordapp.com/invite",
        "/discord",
        ".slack.com",
        "join.slack.com",
        "slack.com/join",
        "gitter.im",
        "zulipchat.com",
        "discourse.",
        "forum.",
        "/forum",
        "/forums",
    ]
    .iter()
    .any(|p| path.contains(p))
        || path.split('/').any(|seg| seg == "discussions")
}

/// A sentence that asks for a private ticket or message on a chat server
/// ("send a ticket on our Discord", "a private message on Discord").
fn asks_for_private_message(s: &str) -> bool {
    [
        "ticket",
        "private",
        "privately",
        "direct message",
        "message privé",
        "mensaje privado",
        "mensagem privada",
        "messaggio privato",
        "privatnachricht",
        "私信",
        "ダイレクトメッセージ",
    ]
    .iter()
    .any(|p| s.contains(p))
        || super::sentences::words(s)
            .iter()
            .any(|(w, _)| matches!(*w, "dm" | "dms" | "pm"))
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

/// A page of GitHub's or GitLab's documentation about a feature other than
/// reporting vulnerabilities (Dependabot updates, supply-chain security,
/// adding a policy file): it explains the feature and takes no report,
/// though its path says "security". Pages about private reporting and
/// security advisories stay a channel: they describe the form the policy
/// sends reporters to.
fn is_feature_docs(d: &str) -> bool {
    let path = path_of(d);
    ["docs.github.com/", "help.github.com/", "docs.gitlab.com/"]
        .iter()
        .any(|host| path.starts_with(host))
        && !["advisor", "privately-report", "vulnerabilit", "disclos"]
            .iter()
            .any(|w| path.contains(w))
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
        let private_chat = || {
            public_place_link(&l.destination)
                && sentences
                    .iter()
                    .find(|s| s.range.start <= l.range.start && l.range.end <= s.range.end)
                    .is_some_and(|s| asks_for_private_message(s.lower()))
        };
        if let Some(kind) = link_channel(&l.destination, &l.text)
            .or_else(|| private_chat().then_some(ChannelKind::Form))
        {
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
        if let Some(kind) = wording_channel(s.lower(), has_link) {
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
/// A fence that wraps the whole policy is analysed as the policy already
/// (`crate::fenced_twin`); this still covers the fences the twin does not
/// read: one section pasted in a fence, or a fence after a line of prose.
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
    // Every channel below needs one of these phrases in the sentence; most
    // sentences (rows of a long table, items of a long list) hold none, and
    // one pass over them replaces about 20 `contains` per sentence.
    static NEEDED: LazyLock<Phrases> = LazyLock::new(|| {
        let mut needed: Vec<&str> = PLATFORM_NAMES.to_vec();
        needed.extend(WORDING_NEEDS);
        needed.extend(TRANSLATED_ADVISORY);
        Phrases::new(&needed)
    });
    if !NEEDED.any_in(s) {
        return None;
    }
    if PLATFORM_NAMES.iter().any(|p| s.contains(p)) {
        return Some(ChannelKind::Platform);
    }
    let has = |p: &str| s.contains(p);
    // "Include your email so we can reply": the reporter's own address is
    // no channel to the project.
    // Most sentences hold none of the phrases, and then every `replace`
    // leaves the sentence as it is: skip the 34 copies it made of each
    // sentence on every keystroke.
    static DETAILS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(REPORTER_DETAILS));
    let mentions_email = if DETAILS.any_in(s) {
        let mut project_side = s.to_string();
        for own in REPORTER_DETAILS {
            project_side = project_side.replace(own, " ");
        }
        project_side.contains("email") || project_side.contains("e-mail")
    } else {
        s.contains("email") || s.contains("e-mail")
    };
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
    let translated_advisory = has("github") && TRANSLATED_ADVISORY.iter().any(|p| s.contains(p));
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
    // Cloudflare's "[email protected]" replaced a real address: the policy
    // did name one, and `placeholder` reports what became of it (one cause,
    // one finding).
    if s.contains("[email protected]") {
        return Some(ChannelKind::Wording);
    }
    let placeholder_token = s.contains('$')
        && s.split('$')
            .skip(1)
            .any(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
        || [
            "<email", "[email", "{email", "{{", "<your", "[your", "{your", "@[", "@<", "@{", "@$",
        ]
        .iter()
        .any(|p| s.contains(p));
    (mentions_email && placeholder_token).then_some(ChannelKind::Wording)
}

/// "security advisory" in the languages of the corpus's translated
/// policies (`wording_channel`).
const TRANSLATED_ADVISORY: &[&str] = &[
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
];

/// Besides `PLATFORM_NAMES` and `TRANSLATED_ADVISORY`, one of which
/// `wording_channel` needs for each channel it finds: "email"/"e-mail" for
/// an address named in words (cutting the reporter's own details out of a
/// sentence only removes occurrences, and "[email protected]" holds
/// "email"), and the phrases of the advisory and form checks ("advisor",
/// "confidential" start "advisory", "confidentiality").
const WORDING_NEEDS: &[&str] = &[
    "email",
    "e-mail",
    "report a vulnerability",
    "advisor",
    "private vulnerability report",
    "privately report a",
    "security tab",
    "confidential",
    "private message",
    "direct message",
    "contact form",
    "web form",
];

/// The reporter's own contact details, in the main languages.
/// Longer phrases first: each is cut out of the sentence in turn.
const REPORTER_DETAILS: &[&str] = &[
    "votre adresse e-mail",
    "votre adresse email",
    "votre adresse mail",
    "tu dirección de correo",
    "su dirección de correo",
    "seu endereço de e-mail",
    "seu endereço de email",
    "il tuo indirizzo email",
    "il tuo indirizzo e-mail",
    "your email",
    "your e-mail",
    "your contact",
    "your own email",
    "votre adresse",
    "votre email",
    "votre e-mail",
    "votre courriel",
    "vos coordonnées",
    "tu correo",
    "su correo",
    "tu email",
    "tu e-mail",
    "su email",
    "seu e-mail",
    "seu email",
    "seu endereço",
    "la tua email",
    "la tua e-mail",
    "il tuo indirizzo",
    "ihre e-mail",
    "ihre email",
    "ihre kontakt",
    "deine e-mail",
    "deine email",
];

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
    // French, Spanish, Portuguese, Italian (German puts the verb last: see
    // `TRACKER_PHRASES`)
    "ouvrir",
    "ouvrez",
    "créer",
    "créez",
    "soumettre",
    "soumettez",
    "abrir",
    "abre",
    "abra",
    "abriendo",
    "abrindo",
    "crear",
    "crea",
    "cree",
    "creando",
    "criar",
    "crie",
    "criando",
    "añadir",
    "aprire",
    "apri",
    "aprite",
    "creare",
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
    // Public places other than the tracker: a pull request offered as the
    // way to report ("send a pull request with the fix"), not a workflow
    // rule ("all changes go through pull requests").
    "send a pull request",
    "open a pull request",
    "submit a pull request",
    "create a pull request",
    "make a pull request",
    "file a pull request",
    "raise a pull request",
    "via a pull request",
    "through a pull request",
    "github discussions",
    "discussions tab",
    "discussion forum",
    "public forum",
    "public chat",
    "public channel",
    // The main languages: the tracker or a pull request as the place.
    "en un issue",
    "dans une issue",
    "em uma issue",
    "numa issue",
    "in una issue",
    "issue erstellen",
    "issue eröffnen",
    "issue öffnen",
    "ticket erstellen",
    "pull request erstellen",
    "issueを",
    "issue を",
    "issueで",
    "イシューを",
    "イシューで",
    "pull requestを",
    "pull request を",
    "プルリクエストを",
    "提交 issue",
    "提交issue",
    "创建 issue",
    "创建issue",
    "提 issue",
    "提issue",
    "提交 pull request",
    "提交pull request",
];

/// Negations of Japanese and Chinese, which may follow the offer
/// ("issueを作成しないでください", "公開のissueではなく").
const CJK_NEGATIONS: &[&str] = &[
    "ないで",
    "ではなく",
    "じゃなく",
    "禁止",
    "控え",
    "避け",
    "不要",
    "请勿",
    "請勿",
    "勿",
    "而不是",
    "而非",
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
    // French, German, Spanish, Portuguese, Italian
    "pas",
    "ne",
    "jamais",
    "nicht",
    "kein",
    "keine",
    "keinen",
    "nunca",
    "não",
    "non",
];

/// Whether `s` holds a negation of `CJK_NEGATIONS`.
fn has_cjk_negation(s: &str) -> bool {
    static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(CJK_NEGATIONS));
    // They are all CJK: ASCII text (most sentences) holds none.
    !s.is_ascii() && PHRASES.any_in(s)
}

/// A negation word in any letter case ("NÃO", "NICHT"): sentence text is
/// lowercased for ASCII letters only.
fn is_negation(w: &str) -> bool {
    NEGATIONS.contains(&w) || NEGATIONS.contains(&w.to_lowercase().as_str())
}

/// Offers of the public issue tracker within `within` (the whole document
/// when `None`), as the ranges of the offering phrase or link.
pub fn public_offers(
    doc: &DocumentModel,
    sentences: &[Sentence],
    within: Option<&[Range<usize>]>,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    // Each list is searched once per sentence (a search per phrase per
    // sentence was most of a keystroke's analysis in a one-chunk 1 MB list).
    static TRACKERS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(TRACKER_PHRASES));
    static NOUNS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(ISSUE_NOUNS));
    for s in sentences.iter().filter(|s| inside(within, &s.range)) {
        if limits_to_other_reports(s.lower()) || has_cjk_negation(s.lower()) {
            continue;
        }
        // The tracker named as a place ("our issue tracker"): the smallest
        // (position, length) over every occurrence of every phrase is the
        // smallest over each phrase's first occurrence, as `find` per
        // phrase gave. Japanese particles ("issueを") are not part of the place.
        let tracker = TRACKERS
            .hits(s.lower())
            .map(|h| {
                let place = TRACKER_PHRASES[h.phrase].trim_end_matches(['を', 'で', ' ']);
                (h.start, place.len())
            })
            .min();
        // A verb offers the tracker only before a word of `ISSUE_NOUNS`,
        // which is then a piece of the sentence: without one and without a
        // tracker phrase, the sentence offers nothing (and its words need
        // not be split).
        if tracker.is_none() && !NOUNS.any_in(s.lower()) {
            continue;
        }
        let ws = s.words();
        let negated_before = |at: usize| {
            ws.iter()
                .take_while(|(_, r)| r.start < at)
                .any(|(w, _)| is_negation(w))
        };
        let mut found: Option<Range<usize>> = None;
        for (i, (w, r)) in ws.iter().enumerate() {
            // French elides before a vowel: "d'ouvrir", "n'ouvrez".
            let verb = ["d'", "d’", "l'", "l’"]
                .iter()
                .find_map(|e| w.strip_prefix(e))
                .unwrap_or(w);
            if !ISSUE_VERBS.contains(&verb) {
                continue;
            }
            let r = &(r.start + (w.len() - verb.len())..r.end);
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
        // The earlier of the two offers in a sentence is the one reported.
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
        let public = is_issue_link(&l.destination) || public_place_link(&l.destination);
        if !public || l.kind == LinkKind::Image || !inside(within, &l.range) {
            continue;
        }
        // A link inside a sentence that was read above is judged with it.
        let sentence = sentences
            .iter()
            .find(|s| s.range.start <= l.range.start && l.range.end <= s.range.end);
        let judged = match sentence {
            Some(s) => {
                limits_to_other_reports(s.lower())
                    || asks_for_private_message(s.lower())
                    || has_cjk_negation(s.lower())
                    || s.words()
                        .iter()
                        .take_while(|(_, r)| r.start < l.range.start)
                        .any(|(w, _)| is_negation(w))
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

/// Offers of the public tracker that explicitly invite security reports
/// ("GitHub Issues: report bugs and security issues here"), read in the
/// whole document: beside a private channel they contradict it. Only a
/// sentence that names the tracker and security reports counts, in a
/// paragraph with no negation, no private alternative ("rather than",
/// "privately", "if it is sensitive, email us") and no qualifier that makes
/// the public report deliberate ("low-severity", "hardening", "already
/// public", "once fixed").
pub fn security_invitations(doc: &DocumentModel, sentences: &[Sentence]) -> Vec<Range<usize>> {
    const TRACKER: &[&str] = &[
        "github issue",
        "gitlab issue",
        "issue tracker",
        "bug tracker",
        "issues page",
        "public issue",
        "github discussions",
    ];
    const SECURITY: &[&str] = &[
        "security issue",
        "security bug",
        "security problem",
        "security report",
        "security concern",
        "vulnerabilit",
    ];
    const ASIDE: &[&str] = &[
        "instead",
        "rather",
        "private",
        "confidential",
        "email",
        "e-mail",
        "@",
        "sensitive",
        "low",
        "minor",
        "hardening",
        "already",
        "known",
        "fixed",
        "resolved",
        "after",
        "once",
        "until",
    ];
    static TRACKERS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(TRACKER));
    static SECURITIES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(SECURITY));
    static ASIDES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(ASIDE));
    let invites = |s: &Sentence| TRACKERS.any_in(s.lower()) && SECURITIES.any_in(s.lower());
    // An offer counts only in a sentence that names the tracker and
    // security reports: with no such sentence, no offer counts and none
    // need be looked for.
    if !sentences.iter().any(invites) {
        return Vec::new();
    }
    let paragraphs: Vec<Range<usize>> = doc.paragraphs().collect();
    public_offers(doc, sentences, None)
        .into_iter()
        .filter(|offer| {
            let Some(s) = sentences
                .iter()
                .find(|s| s.range.start <= offer.start && offer.end <= s.range.end)
            else {
                return false;
            };
            if !invites(s) {
                return false;
            }
            // The paragraph around it: "report them in GitHub issues. If
            // one is sensitive, email us" makes the public offer deliberate.
            let around = paragraphs
                .iter()
                .find(|p| p.start <= s.range.start && s.range.end <= p.end)
                .map_or_else(
                    || s.lower().to_string(),
                    |p| doc.slice(p.clone()).to_lowercase(),
                );
            !ASIDES.any_in(&around)
                && !around
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .any(is_negation)
        })
        .collect()
}

/// Sentences that keep the tracker for other things ("use issues for
/// non-security bugs") or describe a private variant of it.
fn limits_to_other_reports(s: &str) -> bool {
    static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(OTHER_REPORTS));
    PHRASES.any_in(s)
}

/// Phrases of `limits_to_other_reports`.
const OTHER_REPORTS: &[&str] = &[
    "non-security",
    "non security",
    "not security",
    "feature request",
    "general question",
    "confidential",
    "private issue",
    "security advisor",
    // "Issues (not for security reports)" and its translations.
    "not for security",
    "not for vulnerabilit",
    "nicht für sicherheit",
    "nicht für schwachstellen",
    "keine sicherheitslücken",
    "pas pour les failles",
    "pas pour les vulnérabilités",
    "pas pour la sécurité",
    "no para vulnerabilidades",
    "no para fallos de seguridad",
    "no para problemas de seguridad",
    "non per vulnerabilità",
    "non per problemi di sicurezza",
    "não para vulnerabilidades",
];

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
        // GitHub's documentation: the private-reporting page describes a
        // channel, a page about Dependabot's security updates does not.
        assert_eq!(
            c("https://docs.github.com/en/code-security/security-advisories/guidance-on-reporting-and-writing/privately-reporting-a-security-vulnerability"),
            Some(PolicyLink)
        );
        assert_eq!(
            c("https://docs.github.com/de/code-security/dependabot/dependabot-security-updates/configuring-dependabot-security-updates"),
            None
        );
        assert_eq!(
            c("https://help.github.com/en/articles/adding-a-security-policy-to-your-repository"),
            None
        );
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
