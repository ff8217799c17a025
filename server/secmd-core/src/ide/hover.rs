//! Hover: what a known section must contain and why, how old a date is and
//! when review is due, whether a supported-versions row is supported, and
//! which sentence stands in for a missing "Supported Versions" section,
//! and on the first line the predicted Scorecard Security-Policy score.

use super::known_sections::{classify_with, is_required, KnownSection};
use super::review::{due_phrase, plural, Due, ReadField, ReviewFields};
use super::support_markers::{is_versions_table, row_support, support_until, Support};
use super::{clamp_offset, document_text};
use crate::model::dates::fixes::is_expiry;
use crate::model::dates::parse::DateValue;
use crate::model::{normalize_heading, Date, DateField, DateKind, DocumentModel, Heading};
use crate::policy::sentences::sentences;
use crate::rules::missing_section::{organisation_defaults, versions_statement, VersionsStatement};
use crate::syntax::Document;
use crate::Options;
use std::ops::Range;

/// Hover content for a range of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    /// The hovered element: a heading, a date field, a table row.
    pub range: Range<usize>,
    pub markdown: String,
}

/// Hover at an offset (clamped to the document).
pub fn hover(
    document: &Document,
    doc: &DocumentModel,
    offset: usize,
    options: &Options,
) -> Option<HoverInfo> {
    let fields: Vec<DateField> = doc.dates().collect();
    let offset = clamp_offset(document.rope(), offset);
    let text = document_text(document);
    let found = date_hover(&fields, offset, options)
        .or_else(|| heading_hover(doc, offset, options))
        .or_else(|| row_hover(doc, &text, offset, options.today))
        .or_else(|| versions_statement_hover(doc, &text, offset, options));
    with_scorecard(found, &text, offset, options)
}

/// On the first line (where the Scorecard lens is), when nothing else is
/// hovered there: the predicted score and each point.
fn with_scorecard(
    found: Option<HoverInfo>,
    text: &str,
    offset: usize,
    options: &Options,
) -> Option<HoverInfo> {
    let first_line = 0..text.find(['\r', '\n']).unwrap_or(text.len());
    if found.is_some() || !touches(&first_line, offset) {
        return found;
    }
    Some(HoverInfo {
        range: first_line,
        markdown: super::scorecard::predict(text, options.files.workspace()).markdown(),
    })
}

/// On a policy without a "Supported Versions" section that `missing-section`
/// lets pass because a sentence (or a table) states the version policy or
/// makes the policy organisation-wide: hovering that sentence, or the title,
/// says so and quotes it.
fn versions_statement_hover(
    doc: &DocumentModel,
    text: &str,
    offset: usize,
    options: &Options,
) -> Option<HoverInfo> {
    let sections = &options.config.sections;
    let title = doc.headings().next();
    let on_title = title.as_ref().is_some_and(|h| touches(&h.range, offset));
    let has_section = doc
        .headings()
        .any(|h| classify_with(&h.text, sections).is_some_and(|k| k.title == "Supported Versions"));
    if has_section {
        return None;
    }
    if let Some(repository) = organisation_defaults(options) {
        let title = title.filter(|_| on_title)?;
        return Some(HoverInfo {
            range: title.range,
            markdown: format!(
                "**Supported Versions** — no section needed\n\nThis is the policy of `{repository}`, which GitHub shows for every repository of the organisation that has none of its own; it has no versions of its own, so `missing-section` asks for no \"Supported Versions\" section."
            ),
        });
    }
    let sentences = sentences(doc, text, None);
    let (range, why) = versions_statement(doc, &sentences)?;
    if !on_title && !touches(&range, offset) {
        return None;
    }
    let quote = text[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let line = text[..range.start].matches('\n').count() + 1;
    let reason = match why {
        VersionsStatement::Versions => "says which versions receive security fixes",
        VersionsStatement::OrganisationWide => {
            "makes this an organisation-wide policy, which has no versions of its own"
        }
    };
    Some(HoverInfo {
        range: if on_title {
            title.map(|h| h.range).unwrap_or(range)
        } else {
            range
        },
        markdown: format!(
            "**Supported Versions** — no section needed\n\nLine {line} {reason}, so `missing-section` asks for no \"Supported Versions\" section:\n\n> {quote}"
        ),
    })
}

/// Whether `offset` is inside `range` (its end included, so a hover right
/// after the last character still counts, as editors report it).
fn touches(range: &Range<usize>, offset: usize) -> bool {
    range.start <= offset && offset <= range.end && !range.is_empty()
}

fn field_span(f: &DateField) -> Range<usize> {
    f.label_range.start.min(f.value_range.start)..f.label_range.end.max(f.value_range.end)
}

/// Age of a date field and when review is due.
fn date_hover(fields: &[DateField], offset: usize, options: &Options) -> Option<HoverInfo> {
    let field = fields.iter().find(|f| touches(&field_span(f), offset))?;
    let today = options.today;
    let read = ReadField::new(field);
    let review = ReviewFields::of(fields, today);
    let label = field.label.trim();
    let value = code_span(field.value.trim());
    let problem = match field.parsed.map(|p| p.value) {
        None => Some(format!("{value} is not a date secmd can read.")),
        Some(DateValue::Impossible) => Some(format!("{value} names no real day.")),
        Some(DateValue::Ambiguous {
            month_first,
            day_first,
        }) => Some(format!(
            "{value} can be read as {month_first} (month first) or {day_first} (day first)."
        )),
        Some(DateValue::Valid(..)) => None,
    };
    let (Some((first, last)), None) = (read.span, &problem) else {
        return Some(HoverInfo {
            range: field_span(field),
            markdown: format!(
                "**{label}**: {}\n\n\
                 Write it as `2025-01-21` (ISO 8601), `January 21, 2025` or `21 January 2025`.",
                problem.unwrap_or_default()
            ),
        });
    };
    // A month or a year counts until its last day, as the date rules read it.
    let shown = if first == last {
        format!(" ({last})")
    } else {
        format!(" (read as {last}, the last day it can mean)")
    };
    let mut md = String::new();
    match field.kind {
        DateKind::Updated => {
            let age = last.days_until(today);
            let when = if first > today {
                format!("{} in the future", plural(today.days_until(first), "day"))
            } else if age <= 0 {
                "today".to_string()
            } else {
                format!("{} ago", plural(age, "day"))
            };
            md.push_str(&format!("**{label}**: {when}{shown}\n\n"));
            // Only the newest "updated" field drives the schedule; older
            // ones are history.
            let primary = review.updated.is_some_and(|u| std::ptr::eq(u.field, field));
            let due = if primary {
                review.due(options.config.max_age_days)
            } else {
                Some((
                    last.add_days(i64::from(options.config.max_age_days)),
                    Due::MaxAge(options.config.max_age_days),
                ))
            };
            if let Some((due, source)) = due {
                md.push_str(&capitalise(&due_phrase(due, today)));
                md.push_str(&format!(" ({due}"));
                match source {
                    Due::NextReview => {
                        let l = review.next.map_or("next review", |n| n.field.label.trim());
                        md.push_str(&format!(", the document's {l} date)."));
                    }
                    Due::MaxAge(days) => md.push_str(&format!(
                        ", {} after this date; `max-age-days` = {days}).",
                        plural(i64::from(days), "day")
                    )),
                }
            }
            if first > today {
                md.push_str("\n\nA last-updated date should not be in the future.");
            }
        }
        DateKind::Review if is_expiry(field) => {
            let when = match today.days_until(last) {
                0 => "expires today".to_string(),
                n if n > 0 => format!("expires in {}", plural(n, "day")),
                n => format!("expired {} ago", plural(-n, "day")),
            };
            md.push_str(&format!(
                "**{label}**: {when}{shown}\n\nAn expiry date (of a key or a certificate), not a policy review date."
            ));
        }
        DateKind::Review => {
            md.push_str(&format!(
                "**{label}**: {}{shown}",
                due_phrase(last, today).trim_start_matches("review ")
            ));
            if let Some(interval) = review.interval() {
                let from = review
                    .updated
                    .and_then(|u| u.first())
                    .map(|d| d.to_string());
                md.push_str(&format!(
                    "\n\nReview interval: {} after the last update ({}).",
                    interval.describe(),
                    from.unwrap_or_default()
                ));
            }
        }
    }
    Some(HoverInfo {
        range: field_span(field),
        markdown: md,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Guidance for a heading that names a known section.
fn heading_hover(doc: &DocumentModel, offset: usize, options: &Options) -> Option<HoverInfo> {
    let h: Heading = doc.headings().find(|h| touches(&h.range, offset))?;
    let sections = &options.config.sections;
    let known: &KnownSection = classify_with(&h.text, sections)?;
    let status = if is_required(known, sections) {
        "required section"
    } else {
        "common section"
    };
    let guidance = known.guidance.replace(
        "{max_response_days}",
        &options.config.max_response_days.to_string(),
    );
    Some(HoverInfo {
        range: h.range.clone(),
        markdown: format!("**{}** — {status}\n\n{guidance}", known.title),
    })
}

/// Whether a supported-versions table row is supported.
fn row_hover(doc: &DocumentModel, text: &str, offset: usize, today: Date) -> Option<HoverInfo> {
    let sections = doc.sections();
    for table in doc.tables() {
        if !touches(&table.range, offset) {
            continue;
        }
        let under_versions_heading = sections
            .iter()
            .filter(|s| s.range.start <= table.range.start && table.range.end <= s.range.end)
            .any(|s| normalize_heading(&s.heading.text).contains("version"));
        if !under_versions_heading && !is_versions_table(&table) {
            return None;
        }
        let row = table.rows.iter().find(|r| touches(&r.range, offset))?;
        let version = row.cells.first().map_or("", |c| c.text.as_str());
        let version = if version.is_empty() {
            "This row".to_string()
        } else {
            format!("Version {}", code_span(version))
        };
        let until = support_until(&table, row, text);
        let markdown = match (until, row_support(&table, row, text)) {
            (Some(end), _) if end < today => format!(
                "{version} was supported until {end}: support ended {} ago, so it gets no \
                 security fixes. Mark it as unsupported.",
                plural(end.days_until(today), "day")
            ),
            (Some(end), _) => format!(
                "{version} is **supported** until {end} ({}).",
                match today.days_until(end) {
                    0 => "ends today".to_string(),
                    n => format!("in {}", plural(n, "day")),
                }
            ),
            (None, Some((Support::Supported, col))) => format!(
                "{version} is **supported** ({}): it receives security fixes.",
                code_span(cell_source(text, row, col))
            ),
            (None, Some((Support::Partial, col))) => format!(
                "{version} is **partially supported** ({}): it gets only some security fixes.",
                code_span(cell_source(text, row, col))
            ),
            (None, Some((Support::Unsupported, col))) => format!(
                "{version} is **not supported** ({}): it gets no security fixes; \
                 users should upgrade to a supported version.",
                code_span(cell_source(text, row, col))
            ),
            (None, None) => format!(
                "{version}: the support marker is not recognised. Use `:white_check_mark:` / `:x:`, \
                 `✅` / `❌` or `Yes` / `No`."
            ),
        };
        return Some(HoverInfo {
            range: row.range.clone(),
            markdown,
        });
    }
    None
}

/// Text as a Markdown code span, however many backticks it contains.
fn code_span(s: &str) -> String {
    let mut fence = "`".to_string();
    while s.contains(fence.as_str()) {
        fence.push('`');
    }
    if fence.len() > 1 || s.starts_with('`') || s.ends_with('`') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

fn cell_source<'t>(text: &'t str, row: &crate::model::Row, col: usize) -> &'t str {
    row.cells
        .get(col)
        .and_then(|c| text.get(c.range.clone()))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{model, options, span};
    use super::*;
    use crate::Config;

    fn hover_at(text: &str, needle: &str) -> Option<(String, String)> {
        let (document, doc) = model(text);
        let config = Config::default();
        let at = text.find(needle).expect("needle");
        hover(&document, &doc, at, &options(&config)).map(|h| (span(text, &h.range), h.markdown))
    }

    #[test]
    fn reporting_heading_cites_the_criteria() {
        let text = "# Policy\n\n## 🔒 Reporting a Vulnerability\n\nMail us.\n";
        let (range, md) = hover_at(text, "Reporting").unwrap();
        assert_eq!(range, "3:1-3:31");
        assert_eq!(
            md,
            "**Reporting a Vulnerability** — required section

Tell reporters how to send a vulnerability **privately** and what happens next:

- a private channel: GitHub private vulnerability reporting (`https://github.com/OWNER/REPO/security/advisories/new`) or a security email address, and a clear request *not* to open public issues;
- what a report should include (affected versions, steps to reproduce, impact);
- how fast you respond: acknowledge within 14 days at most.

**Why:** the OpenSSF Best Practices badge requires a published reporting process (`vulnerability_report_process`), a way to report privately (`vulnerability_report_private`) and an initial response within 14 days (`vulnerability_report_response`). GitHub links this file from the repository's Security tab and from the new-issue page (GitHub Docs: *Adding a security policy to your repository*)."
        );
        // Unknown headings and plain text have no hover, but the first line
        // has the Scorecard prediction.
        assert_eq!(hover_at(text, "Mail"), None);
        let (range, md) = hover_at(text, "Policy").unwrap();
        assert_eq!(range, "1:1-1:9");
        assert_eq!(
            md,
            "**OpenSSF Scorecard Security-Policy: 3/10** (predicted with Scorecard v5's logic)

- ✗ **+6** links or e-mail addresses: 0 distinct URLs, 0 distinct addresses (Scorecard wants an http(s) URL or an e-mail address) (`securityPolicyContainsLinks`)
- ✓ **+3** text besides links: 54 bytes in the file, more than 1 needed (the links' 0 bytes + 2 per link) (`securityPolicyContainsText`)
- ✗ **+1** disclosure hints: 1 hint (a 1–4 digit number, “disclos…” or “vuln…”), more than 1 needed (`securityPolicyContainsVulnerabilityDisclosure`)
"
        );
    }

    #[test]
    fn cjk_heading_with_crlf_and_required_from_config() {
        let text = "# 安全\r\n\r\n## 支持的版本 / Supported Versions 😀\r\nAll.\r\n";
        let (range, md) = hover_at(text, "Supported").unwrap();
        assert_eq!(range, "3:1-3:32");
        assert!(
            md.starts_with("**Supported Versions** — required section\n\nList which versions"),
            "{md}"
        );
        let config = Config::parse("[sections]\nrequired = [\"reporting\"]\n").unwrap();
        let (document, doc) = model(text);
        let at = text.find("Supported").unwrap();
        let h = hover(&document, &doc, at, &options(&config)).unwrap();
        assert!(
            h.markdown
                .starts_with("**Supported Versions** — common section"),
            "{}",
            h.markdown
        );
        // Past the end of the last line: the last heading is not hovered.
        assert_eq!(
            hover(&document, &doc, text.len() + 10, &options(&config)),
            None
        );
    }

    #[test]
    fn optional_section_heading() {
        let text = "Disclosure policy\n=================\n";
        let (range, md) = hover_at(text, "policy").unwrap();
        assert_eq!(range, "1:1-2:18");
        assert!(
            md.starts_with(
                "**Disclosure Policy** — common section\n\nDescribe coordinated disclosure"
            ),
            "{md}"
        );
    }

    #[test]
    fn last_updated_with_next_review() {
        let text = "# P\n\n**Last Updated**: January 21, 2025\n**Next Review**: July 21, 2026\n";
        let (range, md) = hover_at(text, "January").unwrap();
        assert_eq!(range, "3:3-3:35");
        assert_eq!(
            md,
            "**Last Updated**: 671 days ago (2025-01-21)\n\n\
             Review overdue by 125 days (2026-07-21, the document's Next Review date)."
        );
        let (range, md) = hover_at(text, "Next").unwrap();
        assert_eq!(range, "4:3-4:31");
        assert_eq!(
            md,
            "**Next Review**: overdue by 125 days (2026-07-21)\n\n\
             Review interval: 18 months after the last update (2025-01-21)."
        );
    }

    #[test]
    fn last_updated_uses_max_age_days() {
        let text = "Last updated: 2026-11-20\n";
        let (_, md) = hover_at(text, "2026").unwrap();
        assert_eq!(
            md,
            "**Last updated**: 3 days ago (2026-11-20)\n\n\
             Review due in 362 days (2027-11-20, 365 days after this date; `max-age-days` = 365)."
        );
    }

    #[test]
    fn future_and_unreadable_dates() {
        let text = "Updated: 2027-01-01\n\nLast reviewed: 2025-02-30\n\nNext review: 03/04/2027\n";
        let (_, md) = hover_at(text, "2027").unwrap();
        assert_eq!(
            md,
            "**Updated**: 39 days in the future (2027-01-01)\n\n\
             Review due in 404 days (2028-01-01, 365 days after this date; `max-age-days` = 365).\n\n\
             A last-updated date should not be in the future."
        );
        let (range, md) = hover_at(text, "2025").unwrap();
        assert_eq!(range, "3:1-3:26");
        assert_eq!(
            md,
            "**Last reviewed**: `2025-02-30` names no real day.\n\n\
             Write it as `2025-01-21` (ISO 8601), `January 21, 2025` or `21 January 2025`."
        );
        let (_, md) = hover_at(text, "03/04").unwrap();
        assert_eq!(
            md,
            "**Next review**: `03/04/2027` can be read as 2027-03-04 (month first) or 2027-04-03 (day first).\n\n\
             Write it as `2025-01-21` (ISO 8601), `January 21, 2025` or `21 January 2025`."
        );
    }

    #[test]
    fn expiry_dates_are_not_reviews() {
        let text = "Key ID: 0xABCD\nExpires: 2024-06-24\n";
        let (range, md) = hover_at(text, "2024").unwrap();
        assert_eq!(range, "2:1-2:20");
        assert_eq!(
            md,
            "**Expires**: expired 882 days ago (2024-06-24)\n\nAn expiry date (of a key or a certificate), not a policy review date."
        );
    }

    #[test]
    fn version_rows() {
        let text = "\
## Supported Versions

| Version | Supported          |
| ------- | ------------------ |
| 5.1.x   | :white_check_mark: |
| 5.0.x   | :x:                |
| 4.x     | ⏲️                 |
";
        let (range, md) = hover_at(text, "5.1").unwrap();
        assert_eq!(range, "5:1-5:33");
        assert_eq!(
            md,
            "Version `5.1.x` is **supported** (`:white_check_mark:`): it receives security fixes."
        );
        let (_, md) = hover_at(text, ":x:").unwrap();
        assert_eq!(
            md,
            "Version `5.0.x` is **not supported** (`:x:`): it gets no security fixes; users should upgrade to a supported version."
        );
        let (_, md) = hover_at(text, "4.x").unwrap();
        assert_eq!(
            md,
            "Version `4.x`: the support marker is not recognised. Use `:white_check_mark:` / `:x:`, `✅` / `❌` or `Yes` / `No`."
        );
        let text = "## Supported Versions\n\n| Version | Supported |\n|---|---|\n| 3.5.x | Until 2023-12-31 |\n| 4.x | until Dec 31, 2026 |\n| main | :question: | <!-- use :white_check_mark: or :x: -->\n";
        let (_, md) = hover_at(text, "3.5").unwrap();
        assert_eq!(
            md,
            "Version `3.5.x` was supported until 2023-12-31: support ended 1058 days ago, so it gets no security fixes. Mark it as unsupported."
        );
        let (_, md) = hover_at(text, "4.x").unwrap();
        assert_eq!(
            md,
            "Version `4.x` is **supported** until 2026-12-31 (in 38 days)."
        );
        let (_, md) = hover_at(text, "main").unwrap();
        assert!(
            md.starts_with("Version `main`: the support marker is not recognised."),
            "{md}"
        );
        // The header row is not a version.
        assert_eq!(hover_at(text, "| Version").map(|h| h.0), None);
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("1.x"), "`1.x`");
        assert_eq!(code_span("`v1`"), "`` `v1` ``");
        assert_eq!(code_span("a``b"), "``` a``b ```");
    }

    #[test]
    fn any_offset_is_safe() {
        for text in [
            "",
            "# 🔒 Reporting\r\n",
            "| a | b |\n|---|---|\n| 😀 | ✅ |",
        ] {
            let (document, doc) = model(text);
            let config = Config::default();
            for offset in 0..text.len() + 3 {
                let _ = hover(&document, &doc, offset, &options(&config));
            }
        }
        let (document, doc) = model("# Reporting a vulnerability");
        let config = Config::default();
        let h = hover(&document, &doc, 1000, &options(&config)).unwrap();
        assert_eq!(h.range, 0..27);
    }

    #[test]
    fn names_the_sentence_that_stands_for_supported_versions() {
        let text = "# Policy\n\n## Reporting\n\nEmail sec@x.org.\n\n## Scope\n\nSecurity fixes go to the latest release only.\n";
        let want = "**Supported Versions** — no section needed\n\nLine 9 says which versions receive security fixes, so `missing-section` asks for no \"Supported Versions\" section:\n\n> Security fixes go to the latest release only.";
        let (range, md) = hover_at(text, "latest").unwrap();
        assert_eq!((range.as_str(), md.as_str()), ("9:1-9:46", want));
        // The title says it too.
        let (range, md) = hover_at(text, "Policy").unwrap();
        assert_eq!((range.as_str(), md.as_str()), ("1:1-1:9", want));
        let org = "# Acme\n\nThis policy applies to all repositories in the Acme organization.\n\n## Reporting\n\nEmail sec@x.org.\n";
        let (range, md) = hover_at(org, "applies").unwrap();
        assert_eq!(range, "3:1-3:66");
        assert_eq!(md, "**Supported Versions** — no section needed\n\nLine 3 makes this an organisation-wide policy, which has no versions of its own, so `missing-section` asks for no \"Supported Versions\" section:\n\n> This policy applies to all repositories in the Acme organization.");
        // With a section, or without a statement, nothing to explain.
        let with_section = "# Policy\n\n## Supported Versions\n\nOnly 2.x.\n\n## Scope\n\nSecurity fixes go to the latest release only.\n";
        assert_eq!(hover_at(with_section, "latest"), None);
        // On the title the Scorecard prediction is the fallback.
        let (_, md) = hover_at("# Policy\n\n## Reporting\n\nMail us.\n", "Policy").unwrap();
        assert!(
            md.starts_with("**OpenSSF Scorecard Security-Policy: "),
            "{md}"
        );
    }

    /// In an organisation's `.github` repository the title says why no
    /// versions are asked for.
    #[test]
    fn names_the_organisations_github_repository_on_the_title() {
        use crate::rules::workspace_testing::Facts;
        use crate::workspace::{RepoId, Workspace};
        let text = "# Acme security\n\n## Reporting\n\nEmail sec@x.org.\n";
        let workspace = Workspace {
            origin: Some(RepoId {
                host: "github.com".into(),
                owner: "acme".into(),
                name: ".github".into(),
            }),
            ..Workspace::default()
        };
        let files = Facts {
            workspace: &workspace,
            path: "SECURITY.md",
        };
        let config = Config::default();
        let options = Options {
            files: &files,
            ..options(&config)
        };
        let (document, doc) = model(text);
        let h = hover(&document, &doc, 3, &options).unwrap();
        assert_eq!(span(text, &h.range), "1:1-1:16");
        assert_eq!(h.markdown, "**Supported Versions** — no section needed\n\nThis is the policy of `acme/.github`, which GitHub shows for every repository of the organisation that has none of its own; it has no versions of its own, so `missing-section` asks for no \"Supported Versions\" section.");
        // Elsewhere in the text: nothing to explain.
        let at = text.find("Email").unwrap();
        assert_eq!(hover(&document, &doc, at, &options), None);
    }
}
