//! The sections a security policy commonly has: how headings map to them,
//! what each must contain and why (hover), in the order completion offers
//! them.
//!
//! The two required sections are recognised exactly as the section rules
//! recognise them (`rules::sections::classify`, configured synonyms
//! included), so hover, completion and `missing-section` always agree; the
//! other sections by keywords of their normalised heading text (and
//! configured synonyms under their ids).

use crate::config::SectionsConfig;
use crate::model::normalize_heading;
use crate::policy::sections::{self, SectionId, Strength};

/// A well-known policy section.
#[derive(Debug)]
pub struct KnownSection {
    /// The section id used in `[sections] required` (`reporting`, …).
    pub id: &'static str,
    /// The heading completion inserts.
    pub title: &'static str,
    /// Required by default (`missing-section`).
    pub required: bool,
    /// One line for completion documentation.
    pub summary: &'static str,
    /// Markdown for hover: what the section must contain, and why.
    pub guidance: &'static str,
    matches: fn(&str) -> bool,
}

impl KnownSection {
    /// Whether a normalised heading names this section.
    pub fn matches(&self, normalized: &str) -> bool {
        (self.matches)(normalized)
    }
}

fn has(s: &str, any: &[&str]) -> bool {
    any.iter().any(|w| s.contains(w))
}

/// Every known section, required ones first, in completion order.
pub static KNOWN_SECTIONS: &[KnownSection] = &[
    KnownSection {
        id: "reporting",
        title: "Reporting a Vulnerability",
        required: true,
        summary: "How to report a vulnerability privately, and how fast you answer.",
        guidance: "\
Tell reporters how to send a vulnerability **privately** and what happens next:

- a private channel: GitHub private vulnerability reporting \
(`https://github.com/OWNER/REPO/security/advisories/new`) or a security email \
address, and a clear request *not* to open public issues;
- what a report should include (affected versions, steps to reproduce, impact);
- how fast you respond: acknowledge within {max_response_days} days at most.

**Why:** the OpenSSF Best Practices badge requires a published reporting process \
(`vulnerability_report_process`), a way to report privately \
(`vulnerability_report_private`) and an initial response within 14 days \
(`vulnerability_report_response`). GitHub links this file from the repository's \
Security tab and from the new-issue page (GitHub Docs: *Adding a security policy \
to your repository*).",
        // Recognised by `rules::sections` (see `classify_with`).
        matches: |_| false,
    },
    KnownSection {
        id: "supported-versions",
        title: "Supported Versions",
        required: true,
        summary: "Which versions receive security fixes.",
        guidance: "\
List which versions receive security fixes: a table of versions with a \
supported / unsupported marker, or a sentence such as \"only the latest release\".

**Why:** reporters check it before reporting a problem in an old release, and \
users learn whether they must upgrade to get fixes. GitHub's policy template asks \
for it (GitHub Docs: *Adding a security policy to your repository*).",
        // Recognised by `rules::sections` (see `classify_with`).
        matches: |_| false,
    },
    KnownSection {
        id: "security-updates",
        title: "Security Updates",
        required: false,
        summary: "How users learn about security fixes.",
        guidance: "\
Say how users learn about security fixes: release notes, GitHub Security \
Advisories, a mailing list or an RSS feed.

**Why:** a fix helps only the users who hear about it and upgrade.",
        matches: |s| {
            s == "updates"
                || has(
                    s,
                    &[
                        "security update",
                        "security patch",
                        "security fix",
                        "security release",
                    ],
                )
        },
    },
    KnownSection {
        id: "disclosure",
        title: "Disclosure Policy",
        required: false,
        summary: "How and when vulnerabilities are disclosed.",
        guidance: "\
Describe coordinated disclosure: how long you need to ship a fix (an embargo \
such as 90 days), when and where the advisory is published, whether you request \
a CVE, and how the reporter is kept informed.

**Why:** reporters decide whether to wait for you based on it; the OpenSSF \
Best Practices badge asks for a documented process (`vulnerability_report_process`).",
        matches: |s| s.contains("disclos"),
    },
    KnownSection {
        id: "scope",
        title: "Scope",
        required: false,
        summary: "What is in and out of scope for reports.",
        guidance: "\
List what counts as a vulnerability in this project and what does not \
(for example: the demo site, third-party dependencies, denial of service by \
resource exhaustion).

**Why:** it saves reporters and maintainers time on reports you will close.",
        matches: |s| s.contains("scope"),
    },
    KnownSection {
        id: "safe-harbor",
        title: "Safe Harbor",
        required: false,
        summary: "A promise not to pursue good-faith research.",
        guidance: "\
Promise not to pursue legal action against good-faith security research that \
follows this policy, and say what good faith means (no data exfiltration, no \
service disruption, give you time to fix).

**Why:** researchers avoid projects where reporting could get them sued.",
        matches: |s| has(s, &["safe harbor", "safe harbour"]),
    },
    KnownSection {
        id: "acknowledgements",
        title: "Acknowledgements",
        required: false,
        summary: "How reporters are credited.",
        guidance: "\
Say how reporters are credited (advisory credits, a hall of fame) and that they \
may ask to stay anonymous.

**Why:** credit is often the only reward a reporter gets.",
        matches: |s| has(s, &["acknowledg", "hall of fame", "credit", "thank"]),
    },
    KnownSection {
        id: "contact",
        title: "Contact",
        required: false,
        summary: "Who to contact, privately.",
        guidance: "\
Give a private contact for security matters (a security email address or GitHub \
private vulnerability reporting), and an encryption key if you accept encrypted \
mail.

**Why:** the OpenSSF Best Practices badge requires a private reporting channel \
(`vulnerability_report_private`).",
        matches: |s| s.contains("contact"),
    },
    KnownSection {
        id: "bug-bounty",
        title: "Bug Bounty",
        required: false,
        summary: "Whether reports are rewarded.",
        guidance: "\
Say whether you pay rewards and where the program's rules are, or state plainly \
that there is no bug bounty.

**Why:** reporters ask; a clear answer avoids disputes.",
        matches: |s| has(s, &["bounty", "reward"]),
    },
    KnownSection {
        id: "preferred-languages",
        title: "Preferred Languages",
        required: false,
        summary: "Languages reports may be written in.",
        guidance: "\
List the languages you accept reports in (the `Preferred-Languages` field of \
`security.txt`, RFC 9116).

**Why:** reporters can write in a language you read.",
        matches: |s| s.contains("language"),
    },
    KnownSection {
        id: "security-advisories",
        title: "Security Advisories",
        required: false,
        summary: "Where published advisories are.",
        guidance: "\
Link where published advisories live (the repository's GitHub Security \
Advisories page, a CVE list or a security announcements page).

**Why:** users check it to know whether the version they run is affected.",
        matches: |s| s.contains("advisor"),
    },
];

/// The known section a heading names, if any (built-in matchers only).
pub fn classify(heading_text: &str) -> Option<&'static KnownSection> {
    classify_with(heading_text, &SectionsConfig::default())
}

/// The known section a heading names. The section rules decide for the
/// required sections; a heading they count only loosely as the reporting
/// section ("Contact", "Disclosure Policy") keeps its own identity when it
/// has one. Then configured synonyms of the other ids, then keywords.
pub fn classify_with(heading_text: &str, config: &SectionsConfig) -> Option<&'static KnownSection> {
    let by_rules = sections::classify(heading_text, config);
    match by_rules {
        Some((SectionId::Reporting, Strength::Strong)) => return by_id("reporting"),
        Some((SectionId::SupportedVersions, _)) => return by_id("supported-versions"),
        _ => {}
    }
    let normalized = normalize_heading(heading_text);
    let by_synonym = config.synonyms.iter().find_map(|(id, names)| {
        names
            .iter()
            .any(|n| normalize_heading(n) == normalized)
            .then(|| by_id(id))
            .flatten()
    });
    by_synonym
        .or_else(|| KNOWN_SECTIONS.iter().find(|k| k.matches(&normalized)))
        .or_else(|| by_rules.and_then(|_| by_id("reporting")))
}

/// The required sections (by the section rules' reading) that no heading
/// of `headings` names, as known-section ids.
pub fn missing_required<'h>(
    headings: impl Iterator<Item = &'h str>,
    config: &SectionsConfig,
) -> Vec<&'static str> {
    let present: Vec<SectionId> = headings
        .filter_map(|h| sections::classify(h, config).map(|c| c.0))
        .collect();
    sections::required(config)
        .into_iter()
        .filter(|id| !present.contains(id))
        .map(|id| id.id())
        .collect()
}

fn by_id(id: &str) -> Option<&'static KnownSection> {
    KNOWN_SECTIONS.iter().find(|k| k.id == id)
}

/// Whether a section is required: by `[sections] required` when set, else
/// by default.
pub fn is_required(section: &KnownSection, config: &SectionsConfig) -> bool {
    config.required.as_ref().map_or(section.required, |ids| {
        ids.iter().any(|id| id == section.id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_map_to_sections() {
        let id = |t: &str| classify(t).map(|k| k.id);
        assert_eq!(id("🔒 Reporting a Vulnerability"), Some("reporting"));
        assert_eq!(id("How to report security issues"), Some("reporting"));
        assert_eq!(id("Supported Versions"), Some("supported-versions"));
        assert_eq!(id("Versions supportées"), None);
        assert_eq!(id("Security Updates"), Some("security-updates"));
        assert_eq!(id("Last Updated"), None);
        assert_eq!(id("Policy Updates"), None);
        assert_eq!(id("Receiving security updates"), Some("security-updates"));
        assert_eq!(id("Minimum Supported Rust Version"), None);
        assert_eq!(id("Legal Disclaimer"), None);
        assert_eq!(id("Disclosure Timeline"), Some("disclosure"));
        assert_eq!(id("Hall of Fame"), Some("acknowledgements"));
        assert_eq!(id("Introduction"), None);
        // Loosely the reporting section for the rules, but with an identity.
        assert_eq!(id("Contact"), Some("contact"));
        assert_eq!(id("Security issues"), Some("reporting"));
        let config: SectionsConfig = toml::from_str(
            "required = [\"reporting\"]\n[synonyms]\nreporting = [\"Sicherheitslücken melden\"]\n",
        )
        .unwrap();
        let found = classify_with("🔐 Sicherheitslücken melden", &config).map(|k| k.id);
        assert_eq!(found, Some("reporting"));
        let versions = classify("Supported Versions").unwrap();
        assert!(!is_required(versions, &config));
        assert!(is_required(versions, &SectionsConfig::default()));
    }
}
