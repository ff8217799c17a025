//! `empty-section`: a heading with nothing under it.

use super::sections::full_text;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::model::HeadingKind;

pub static META: RuleMeta = RuleMeta {
    code: "empty-section",
    default_severity: Severity::Warning,
    summary: "A heading has no content before the next heading",
    doc: "\
Reports an ATX or setext heading followed by no content before the next
heading of the same or a higher level, usually a template section that was
never filled in (\"## Reporting a Vulnerability\" and then nothing). A
heading followed only by its subsections is not empty, and HTML comments
do not count as content (readers do not see them).

Bold lines used as headings (`**Contact**`) are not checked: they are
paragraphs, and an empty one is indistinguishable from emphasis.

```markdown
## Supported Versions          <!-- empty-section -->

## Reporting a Vulnerability

Email security@example.org.
```",
    scope: Scope::Document,
};

pub struct EmptySection;

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = full_text(doc);
        let headings: Vec<_> = doc
            .headings()
            .filter(|h| h.kind != HeadingKind::Bold)
            .collect();
        for (i, h) in headings.iter().enumerate() {
            let next = headings.get(i + 1);
            if next.is_some_and(|n| n.level > h.level) {
                continue; // Subsections are content.
            }
            // Setext headings' ranges end at their underline, ATX at the line end.
            let body_end = next.map_or(text.len(), |n| n.range.start);
            let body = text.get(h.range.end.min(body_end)..body_end).unwrap_or("");
            if without_comments(body).trim().is_empty() {
                out.push(Finding::new(
                    &META,
                    h.range.clone(),
                    format!("Section \"{}\" is empty", h.text),
                ));
            }
        }
    }
}

/// The text with `<!-- … -->` comments removed.
fn without_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open + 4..].find("-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn reports_empty_heading_before_sibling_and_at_end() {
        check(
            "empty-section",
            "# Policy\n\n## Supported Versions\n\n## Reporting\n<!-- TODO -->\n",
            &[
                "3:1-3:22 empty-section Section \"Supported Versions\" is empty",
                "5:1-5:13 empty-section Section \"Reporting\" is empty",
            ],
        );
    }

    #[test]
    fn subsections_and_content_are_not_empty() {
        check(
            "empty-section",
            "# Policy\n## Reporting\n### By email\nMail a@b.org\n## Versions\n| a | b |\n|---|---|\n",
            &[],
        );
    }

    #[test]
    fn setext_headings_and_bold_pseudo_headings() {
        // The setext heading is empty; the bold line is content, not a heading to check.
        check(
            "empty-section",
            "Policy\n======\n\nVersions\n--------\n\nReporting\n---------\n\n**Contact**\n",
            &["4:1-5:9 empty-section Section \"Versions\" is empty"],
        );
    }

    #[test]
    fn deeper_heading_followed_by_shallower_is_empty() {
        check(
            "empty-section",
            "## Reporting\n\n### Details\n\n## Scope\n\nAll.\n",
            &["3:1-3:12 empty-section Section \"Details\" is empty"],
        );
    }
}
