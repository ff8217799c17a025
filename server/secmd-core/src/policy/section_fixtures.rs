//! Whole-policy fixtures for the section and channel rules, written in the
//! styles of the real-world corpus (short angular-like and delegating
//! etcd-like policies, translated policies, bold pseudo-headings, numbered,
//! setext, emoji and mojibake headings). Each asserts every finding of the
//! seven rules, so a change in one rule's reading shows up here.

// The seven rules these fixtures judge: the completeness rules.
use crate::testing::{findings, render, COMPLETENESS as CODES};

#[track_caller]
fn check_policy(text: &str, expected: &[&str]) {
    let got: Vec<String> = findings(text)
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .map(|f| render(text, f))
        .collect();
    assert_eq!(got, expected, "on {text:?}");
}

#[test]
fn angular_like_headingless_policy() {
    check_policy(
        "Please report security issues privately: email us at security@angular.io.\n\nWe will reply within 2 business days. For more information see https://angular.dev/best-practices/security.\n",
        &[],
    );
}

#[test]
fn etcd_like_delegating_policy() {
    check_policy(
        "## Security\n\nPlease refer to the [etcd security process](https://github.com/etcd-io/etcd/blob/main/security/README.md).\n",
        &[],
    );
}

#[test]
fn non_english_policy_gets_no_english_only_findings() {
    // A German policy: no missing-section or response-time (its headings
    // and wording cannot be matched), but still missing-contact: no address
    // is given.
    check_policy(
        "# Sicherheitsrichtlinie\n\n## Unterstützte Versionen\n\n| Version | Unterstützt |\n| ------- | ----------- |\n| 1.x | vielleicht |\n\n## Eine Sicherheitslücke melden\n\nBitte melden Sie Sicherheitslücken nicht über öffentliche Issues. Senden Sie stattdessen eine E-Mail an den Maintainer, wir werden uns bei Ihnen melden.\n",
        &[
            "1:1-1:24 missing-contact No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go",
        ],
    );
}

#[test]
fn bold_pseudo_headings_and_numbered_headings() {
    check_policy(
        "# Security Policy\n\n**Supported versions:**\n\n- 3.x (latest)\n\n### 2. Report via email\n\n- **Do not report vulnerabilities in public issues.**\n- Write to sec@example.org; we acknowledge reports within 72h.\n",
        &[],
    );
}

#[test]
fn setext_emoji_and_mojibake_headings() {
    check_policy(
        "Security Policy\n===============\n\nðŸ“¦ Supported Versions\n---------------------\n\n| Version | Supported |\n|---|---|\n| 2.x | ✅ |\n| 2.x | ❌ |\n\n## 🛡️ Reporting a Vulnerability\n\nUse the [advisory form](https://github.com/o/r/security/advisories/new). We respond within one week.\n\n## 🔒 Reporting Security Issues\n\n## Scope\n\nAll code.\n",
        &[
            "10:1-10:12 supported-versions Duplicate row for `2.x` (first on line 9)",
            "16:1-16:31 duplicate-section \"🔒 Reporting Security Issues\" repeats the reporting section of line 12",
            "16:1-16:31 empty-section Section \"🔒 Reporting Security Issues\" is empty",
        ],
    );
}

#[test]
fn untouched_github_template() {
    check_policy(
        "# Security Policy\n\n## Supported Versions\n\nUse this section to tell people about which versions of your project are\ncurrently being supported with security updates.\n\n| Version | Supported          |\n| ------- | ------------------ |\n| 5.1.x   | :white_check_mark: |\n| 5.0.x   | :x:                |\n\n## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n",
        &["13:1-13:29 missing-contact No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go"],
    );
}

#[test]
fn issue_tracker_as_the_only_channel() {
    check_policy(
        "# Security Policy\n\n## Supported Versions\n\nOnly the latest release.\n\n## Reporting a Vulnerability\n\nPlease open an issue at https://github.com/o/r/issues/new and we will respond within 48 hours.\n",
        &[
            "7:1-7:29 missing-contact No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go",
            "9:8-9:21 public-issue-channel Vulnerabilities reported in public issues are disclosed before a fix exists: offer a private channel",
        ],
    );
}
