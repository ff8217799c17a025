//! `empty-section`: a heading with nothing under it.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::memo::Slot;
use crate::model::{Heading, HeadingKind, PlacedChunk};
use crate::policy::sections::line_ending;

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

A paragraph that reads like a sentence directly above a `---` line is a
setext heading by accident (the author wanted a horizontal rule); it is
reported with a safe fix that adds the missing blank line.

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
        let chunks = cx.doc.chunks();
        for (i, c) in chunks.iter().enumerate() {
            for e in c.memo.once(Slot::EmptySection, || empty_headings(c)) {
                let h = &c.model.headings[e.heading];
                // The heading after the last one of a chunk opens a later chunk.
                let next_level = e.next_level.or_else(|| {
                    chunks[i + 1..]
                        .iter()
                        .flat_map(|c| &c.model.headings)
                        .find(|h| h.kind != HeadingKind::Bold)
                        .map(|h| h.level)
                });
                if next_level.is_some_and(|l| l > h.level) {
                    continue; // Subsections are content.
                }
                let range = h.range.start + c.start..h.range.end + c.start;
                if let Some(underline) = e.underline {
                    // "Some closing sentence.\n---" meant a paragraph and a rule.
                    let at = underline + c.start;
                    out.push(
                        Finding::new(
                            &META,
                            range,
                            "This paragraph became an empty heading because of the `---` line under it",
                        )
                        .with_fix(Fix::safe(
                            "Add a blank line before `---` (horizontal rule)",
                            Edit::new(at..at, doc_line_ending(cx)),
                        )),
                    );
                    continue;
                }
                out.push(Finding::new(
                    &META,
                    range,
                    format!("Section \"{}\" is empty", h.text),
                ));
            }
        }
    }
}

/// A heading of a chunk with nothing under it before the next heading.
struct EmptyHeading {
    /// Index in the chunk model's headings.
    heading: usize,
    /// Level of the next heading when it is in the same chunk.
    next_level: Option<u8>,
    /// Where the `---` line of an accidental setext heading starts.
    underline: Option<usize>,
}

/// The empty headings of one chunk (chunk-relative). A heading's body ends
/// at the next heading, and the heading that ends a chunk's last body is
/// the next chunk's first, so every body lies within its chunk.
fn empty_headings(c: &PlacedChunk) -> Vec<EmptyHeading> {
    let text = &*c.text;
    let headings: Vec<(usize, &Heading)> = c
        .model
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.kind != HeadingKind::Bold)
        .collect();
    let mut out = Vec::new();
    for (k, (index, h)) in headings.iter().enumerate() {
        let next = headings.get(k + 1).map(|(_, n)| *n);
        let body_end = next.map_or(text.len(), |n| n.range.start);
        let body = text.get(h.range.end.min(body_end)..body_end).unwrap_or("");
        if !without_comments(body).trim().is_empty() {
            continue;
        }
        out.push(EmptyHeading {
            heading: *index,
            next_level: next.map(|n| n.level),
            underline: accidental_setext(text, h),
        });
    }
    out
}

/// The document's line break (that of its first line break).
fn doc_line_ending(cx: &DocContext<'_>) -> &'static str {
    cx.doc
        .chunks()
        .iter()
        .find(|c| c.text.contains('\n'))
        .map_or("\n", |c| line_ending(&c.text))
}

fn accidental_setext(text: &str, h: &Heading) -> Option<usize> {
    if h.kind != HeadingKind::Setext || h.level != 2 {
        return None;
    }
    let sentence = h.text.ends_with(['.', '!', '?', ':']) || h.text.chars().count() > 80;
    if !sentence {
        return None;
    }
    let heading = text.get(h.range.clone())?;
    let underline = heading.trim_end().rfind('\n')? + 1;
    Some(h.range.start + underline)
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
    fn paragraph_above_rule_is_an_accidental_heading() {
        let text = "## Checklist\n\n- [ ] Rotate keys\n\nRemember: security is shared.\n---\n\n## Scanning\n\nWeekly.\n";
        check(
            "empty-section",
            text,
            &["5:1-6:4 empty-section This paragraph became an empty heading because of the `---` line under it"],
        );
        crate::testing::check_fix(
            "empty-section",
            &text.replace('\n', "\r\n"),
            "Add a blank line before `---` (horizontal rule)",
            &text
                .replace("shared.\n---", "shared.\n\n---")
                .replace('\n', "\r\n"),
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
