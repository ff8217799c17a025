//! Completion tests. Fixtures mark the cursor with `‸`.

use super::*;
use crate::ide::test_support::{field, model, options, span};
use crate::model::DateKind;
use crate::Config;

/// Completions at the `‸` of `fixture`, with date fields made by `fields`
/// from the text without the marker.
fn complete_with(
    fixture: &str,
    repository: Option<&str>,
    fields: impl Fn(&str) -> Vec<DateField>,
) -> (String, Vec<CompletionItem>) {
    let offset = fixture.find('‸').expect("cursor marker");
    let text = fixture.replacen('‸', "", 1);
    let (document, doc) = model(&text);
    let config = Config::default();
    let fields = fields(&text);
    let items = completions_with_dates(
        &document,
        &doc,
        &fields,
        offset,
        &options(&config),
        &CompletionContext { repository },
    );
    (text, items)
}

fn complete(fixture: &str, repository: Option<&str>) -> (String, Vec<CompletionItem>) {
    complete_with(fixture, repository, |_| Vec::new())
}

/// `label | detail | replace-span | sort` for each item.
fn summary(fixture: &str, repository: Option<&str>) -> Vec<String> {
    let (text, items) = complete(fixture, repository);
    render(&text, &items)
}

fn render(text: &str, items: &[CompletionItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            format!(
                "{} | {} | {} | {}",
                i.label,
                i.detail.as_deref().unwrap_or("-"),
                span(text, &i.replace),
                i.sort_text
            )
        })
        .collect()
}

#[test]
fn headings_missing_required_first() {
    let fixture = "# Policy\n\n## Supported Versions\n\nAll.\n\n## Rep‸\n";
    assert_eq!(
        summary(fixture, None),
        [
            "## Reporting a Vulnerability | Required section (missing) | 7:1-7:7 | 00",
            "## Security Updates | Common section | 7:1-7:7 | 01",
            "## Disclosure Policy | Common section | 7:1-7:7 | 02",
            "## Scope | Common section | 7:1-7:7 | 03",
            "## Safe Harbor | Common section | 7:1-7:7 | 04",
            "## Acknowledgements | Common section | 7:1-7:7 | 05",
            "## Contact | Common section | 7:1-7:7 | 06",
            "## Bug Bounty | Common section | 7:1-7:7 | 07",
            "## Preferred Languages | Common section | 7:1-7:7 | 08",
            "## Security Advisories | Common section | 7:1-7:7 | 09",
        ]
    );
}

#[test]
fn headings_follow_configured_requirements_and_synonyms() {
    let config = Config::parse(
        "[sections]\nrequired = [\"reporting\", \"disclosure\"]\n\
         [sections.synonyms]\nreporting = [\"Meldung\"]\n",
    )
    .unwrap();
    let text = "# P\n\n## Meldung\n\n## ";
    let (document, doc) = model(text);
    let items = completions(
        &document,
        &doc,
        text.len(),
        &options(&config),
        &CompletionContext::default(),
    );
    assert_eq!(
        render(text, &items[..3]),
        [
            "## Disclosure Policy | Required section (missing) | 5:1-5:4 | 00",
            "## Supported Versions | Common section | 5:1-5:4 | 01",
            "## Security Updates | Common section | 5:1-5:4 | 02",
        ]
    );
    assert_eq!(items.len(), 10);
}

#[test]
fn reporting_skeleton_with_known_repository() {
    let (_, items) = complete("#‸", Some("acme/widget"));
    let item = &items[0];
    assert_eq!(item.label, "# Reporting a Vulnerability");
    assert!(item.is_snippet);
    assert_eq!(item.replace, 0..1);
    assert_eq!(
        item.insert_text,
        "# Reporting a Vulnerability

Please do not report security vulnerabilities through public issues, discussions or pull requests.

Report them privately through [GitHub private vulnerability reporting](https://github.com/acme/widget/security/advisories/new) or by email to [security@${1:domain}](mailto:security@${1:domain}).

Please include:

- the affected versions,
- steps to reproduce or a proof of concept,
- the impact you expect.

We acknowledge reports within ${2:14} days and keep you informed until the issue is fixed.
$0"
    );
    assert_eq!(
        item.documentation.as_deref(),
        Some("How to report a vulnerability privately, and how fast you answer.")
    );
}

#[test]
fn reporting_skeleton_without_repository_has_placeholders() {
    let (_, items) = complete("### ‸", Some("not a repo"));
    let text = &items[0].insert_text;
    assert!(
        text.contains("(https://github.com/${1:owner}/${2:repo}/security/advisories/new) or by email to [security@${3:domain}](mailto:security@${3:domain})"),
        "{text}"
    );
    assert!(text.contains("within ${4:14} days"), "{text}");
    assert!(
        text.starts_with("### Reporting a Vulnerability\n\n"),
        "{text}"
    );
}

#[test]
fn supported_versions_skeleton_uses_the_document_marker_style() {
    let fixture = "| Product | Supported |\n|---|---|\n| a | ✔️ |\n\n##‸";
    let (_, items) = complete(fixture, None);
    let item = items
        .iter()
        .find(|i| i.label == "## Supported Versions")
        .unwrap();
    assert_eq!(
        item.insert_text,
        "## Supported Versions\n\nThese versions receive security fixes:\n\n\
         | Version | Supported |\n| ------- | --------- |\n| ${1:1.x} | ✔️ |\n| ${2:< 1.0} | ❌ |\n$0"
    );
}

#[test]
fn headings_keep_crlf() {
    let (_, items) = complete("# P\r\n\r\n## Rep‸\r\n", None);
    let item = items.iter().find(|i| i.label == "## Bug Bounty").unwrap();
    assert_eq!(
        item.insert_text,
        "## Bug Bounty\r\n\r\n${1:This project does not offer a bug bounty.}\r\n$0"
    );
    assert_eq!(item.replace, 7..13);
}

#[test]
fn no_headings_where_they_do_not_belong() {
    for fixture in [
        "##foo‸",
        "## a # b‸",
        "## Rep‸orting",
        "    ## ‸",
        "```\n## ‸\n```\n",
        "<!--\n## ‸\n-->\n",
        "####### ‸",
        "‸",
        "",
    ] {
        let fixture = if fixture.is_empty() { "‸" } else { fixture };
        assert_eq!(summary(fixture, None), Vec::<String>::new(), "{fixture:?}");
    }
}

#[test]
fn heading_being_typed_is_not_present_yet() {
    let labels: Vec<String> = complete("## Reporting a vul‸", None)
        .1
        .into_iter()
        .map(|i| i.label)
        .collect();
    assert_eq!(labels[0], "## Reporting a Vulnerability");
}

fn updated_and_review(text: &str) -> Vec<DateField> {
    vec![
        field(text, DateKind::Updated, "Last Updated", "January 15, 2025"),
        field(text, DateKind::Review, "Next Review", "April 15, 2025"),
    ]
}

#[test]
fn dates_in_the_document_style() {
    let fixture = "**Last Updated**: January 15, 2025\n**Next Review**: ‸\n";
    let (text, items) = complete_with(fixture, None, |t| {
        vec![field(
            t,
            DateKind::Updated,
            "Last Updated",
            "January 15, 2025",
        )]
    });
    assert_eq!(
        render(&text, &items),
        [
            "November 23, 2027 | today + 1 year | 2:18-2:18 | 0",
            "November 23, 2026 | today | 2:18-2:18 | 1",
        ]
    );
    let fixture = "**Last Updated**: January 15, 2025\n**Next Review**: April 15, 2025‸\n";
    let (text, items) = complete_with(fixture, None, updated_and_review);
    assert_eq!(
        render(&text, &items),
        [
            "February 23, 2027 | today + 3 months | 2:18-2:32 | 0",
            "November 23, 2026 | today | 2:18-2:32 | 1",
        ]
    );
    assert!(!items[0].is_snippet);
    assert_eq!(items[0].insert_text, "February 23, 2027");
}

#[test]
fn dates_default_to_iso_and_follow_text_dates() {
    assert_eq!(
        summary("- Last updated:‸", None),
        ["2026-11-23 | today | 1:16-1:16 | 0"]
    );
    assert_eq!(
        summary("Released 2024/03/01.\n\n*Last reviewed:* 20‸", None),
        ["2026/11/23 | today | 3:18-3:20 | 0"]
    );
    // The old value after the cursor is replaced too, emphasis kept.
    assert_eq!(
        summary("_Last updated: ‸2024-01-01_ 😀", None),
        ["2026-11-23 | today | 1:16-1:26 | 0"]
    );
    // In front matter too.
    assert_eq!(
        summary("---\nlast-updated: ‸\n---\n", None),
        ["2026-11-23 | today | 2:15-2:15 | 0"]
    );
}

const SHORTCODE_TABLE: &str = "\
## Supported Versions

| Version | Supported          |
| ------- | ------------------ |
| 5.1.x   | :white_check_mark: |
| 5.0.x   | ROW3 |
";

#[test]
fn markers_in_the_table_style() {
    let fixture = SHORTCODE_TABLE.replace("ROW3", "‸");
    assert_eq!(
        summary(&fixture, None),
        [
            ":white_check_mark: | supported | 6:13-6:13 | 0",
            ":x: | not supported | 6:13-6:13 | 1",
        ]
    );
    // A cell with text is replaced whole.
    let fixture = SHORTCODE_TABLE.replace("ROW3", ":x‸:");
    assert_eq!(
        summary(&fixture, None),
        [
            ":white_check_mark: | supported | 6:13-6:16 | 0",
            ":x: | not supported | 6:13-6:16 | 1",
        ]
    );
}

#[test]
fn markers_in_a_new_row_and_other_styles() {
    let fixture = "## Supported versions\r\n\r\n| Version | Supported |\r\n|---|---|\r\n| 2.x | ✅ |\r\n| 1.x | ❌ |\r\n| 0.9 | ‸";
    assert_eq!(
        summary(fixture, None),
        [
            "✅ | supported | 7:9-7:9 | 0",
            "❌ | not supported | 7:9-7:9 | 1",
        ]
    );
    let fixture = "# Security\n\n| Version | Release | Supported |\n|---|---|---|\n| 2.x | 2024 | yes |\n| 1.x | 2020 | ‸ |\n";
    assert_eq!(
        summary(fixture, None),
        [
            "yes | supported | 6:16-6:16 | 0",
            "no | not supported | 6:16-6:16 | 1",
        ]
    );
}

#[test]
fn no_markers_outside_support_cells() {
    for fixture in [
        // First column.
        SHORTCODE_TABLE.replace("| 5.0.x   | ROW3 |", "| 5.‸0.x   | |"),
        // Header and delimiter rows.
        SHORTCODE_TABLE.replace("| Version | Supported ", "| Version | Supp‸orted "),
        SHORTCODE_TABLE.replace("| ------- | ---", "| ------- | -‸--"),
        // Not a versions table.
        "## Team\n\n| Name | Role |\n|---|---|\n| Ann | ‸ |\n".to_string(),
    ] {
        assert_eq!(summary(&fixture, None), Vec::<String>::new(), "{fixture}");
    }
}

#[test]
fn contacts_in_the_reporting_section() {
    let fixture = "## Reporting a Vulnerability\n\nUse ‸\n\n## Other\n";
    let (text, items) = complete(fixture, Some("acme/widget"));
    assert_eq!(
        render(&text, &items),
        [
            "GitHub private vulnerability reporting | https://github.com/acme/widget/security/advisories/new | 3:5-3:5 | 0",
            "security@… (email link) | security email | 3:5-3:5 | 1",
            "security.txt | link to security.txt (RFC 9116) | 3:5-3:5 | 2",
        ]
    );
    assert_eq!(
        items[0].insert_text,
        "[GitHub private vulnerability reporting](https://github.com/acme/widget/security/advisories/new)"
    );
    assert!(!items[0].is_snippet);
    assert_eq!(
        items[1].insert_text,
        "[security@${1:domain}](mailto:security@${1:domain})"
    );
    assert_eq!(
        items[2].insert_text,
        "[security.txt](https://${1:domain}/.well-known/security.txt)"
    );
    // Not in another section without a matching prefix.
    let fixture = "## Reporting a Vulnerability\n\nUse\n\n## Other\n\nSee ‸\n";
    assert_eq!(summary(fixture, None), Vec::<String>::new());
}

#[test]
fn contacts_by_prefix_elsewhere() {
    assert_eq!(
        summary("Write to mailto‸", None),
        ["mailto:security@… | security email | 1:10-1:16 | 0"]
    );
    let (_, items) = complete("Write to mailto‸", None);
    assert_eq!(items[0].insert_text, "mailto:security@${1:domain}");
    assert_eq!(
        summary("# 😀 Intro\n\n[report](https://git‸", None),
        ["https://github.com/OWNER/REPO/security/advisories/new | GitHub private vulnerability reporting | 3:10-3:21 | 0"]
    );
    let (_, items) = complete("[report](https://git‸", None);
    assert_eq!(
        items[0].insert_text,
        "https://github.com/${1:owner}/${2:repo}/security/advisories/new"
    );
    assert_eq!(
        summary("安全 sec‸", None),
        [
            "security@… | security email | 1:4-1:7 | 0",
            "security.txt | link to security.txt (RFC 9116) | 1:4-1:7 | 1",
        ]
    );
    assert_eq!(summary("Some prose‸", None), Vec::<String>::new());
}

#[test]
fn any_offset_is_safe() {
    let texts = [
        "",
        "#",
        "# 🔒 Reporting\r\n\r\nUse \r\n",
        "| Version | Supported |\n|---|---|\n| 😀 | ✅ |",
        "Last Updated: 2024-01-01\rNext Review: \r",
        "---\nx: 1\n",
        "```\nLast Updated: \n",
        "## Supported Versions\n\n| 版本 | 支持 |\n|--|--|\n| 1 | |\n",
    ];
    let config = Config::default();
    for text in texts {
        let (document, doc) = model(text);
        for offset in 0..text.len() + 4 {
            let items = completions(
                &document,
                &doc,
                offset,
                &options(&config),
                &CompletionContext::default(),
            );
            for i in items {
                assert!(i.replace.start <= i.replace.end && i.replace.end <= text.len());
                assert!(
                    text.is_char_boundary(i.replace.start) && text.is_char_boundary(i.replace.end)
                );
            }
        }
    }
    // Past the end: clamped to the end.
    let (document, doc) = model("##");
    let items = completions(
        &document,
        &doc,
        99,
        &options(&config),
        &CompletionContext::default(),
    );
    assert_eq!(items[0].replace, 0..2);
}
