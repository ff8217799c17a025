//! `empty-section`: a heading with nothing under it.

use super::chunk_list::ChunkList;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::memo::Slot;
use crate::model::{Heading, HeadingKind, PlacedChunk};
use crate::policy::sections::line_ending;
use std::sync::Mutex;

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

Empty sections that follow each other (a template's headings never filled
in) are one finding, at the first, with a suggestion that removes them all.

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
        // The few chunks with an empty heading, kept in the document memo
        // and updated from the chunks an edit replaced: reading every
        // chunk's memo was a walk over the whole document per keystroke.
        let list = cx.doc_memo().get(
            "empty-section",
            0,
            || Mutex::new(ChunkList::<()>::default()),
        );
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        let held = list.update(cx, 0, |c| {
            (!chunk_empty_headings(c).is_empty()).then_some(())
        });
        let mut empty: Vec<Empty> = Vec::new();
        for &(i, ()) in held {
            let c = &chunks[i];
            for e in chunk_empty_headings(c) {
                let h = &c.model.headings[e.heading];
                // A body that reaches the chunk's end goes on in the
                // chunks after it, up to the next heading: a chunk can
                // start at a paragraph (after a comment and a blank line),
                // and where chunks end depends on the edits that made them.
                if e.next_level.is_none() && !continues_empty(&chunks[i + 1..]) {
                    continue;
                }
                // The heading after the last one of a chunk opens a later chunk.
                let next_level = e.next_level.or_else(|| {
                    cx.doc
                        .headed_from(i + 1)
                        .flat_map(|(_, c)| &c.model.headings)
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
                // The body ends at the next heading (not a bold line): in
                // this chunk after the heading, or in a later one.
                let body_end = cx
                    .doc
                    .headed_from(i)
                    .flat_map(|(_, c)| c.model.headings.iter().map(move |n| (c.start, n)))
                    .filter(|(_, n)| n.kind != HeadingKind::Bold)
                    .map(|(d, n)| n.range.start + d)
                    .find(|&s| s >= range.end)
                    .unwrap_or(cx.doc.len());
                empty.push(Empty {
                    heading: range,
                    text: h.text.clone(),
                    body_end,
                });
            }
        }
        report_runs(&empty, out);
    }
}

/// A chunk's empty headings (memoised).
fn chunk_empty_headings(c: &PlacedChunk) -> &Vec<EmptyHeading> {
    c.memo.once(Slot::EmptySection, || empty_headings(c))
}

/// An empty section: its heading, text and where its body ends.
struct Empty {
    heading: std::ops::Range<usize>,
    text: String,
    body_end: usize,
}

/// One finding per run of empty sections that follow each other (a
/// template's unfilled headings are one cause), with one fix removing the
/// whole run.
fn report_runs(empty: &[Empty], out: &mut Vec<Finding>) {
    let mut i = 0;
    while i < empty.len() {
        let mut j = i;
        while j + 1 < empty.len() && empty[j + 1].heading.start == empty[j].body_end {
            j += 1;
        }
        let first = &empty[i];
        if i == j {
            out.push(Finding::new(
                &META,
                first.heading.clone(),
                format!("Section \"{}\" is empty", first.text),
            ));
        } else {
            let names: Vec<String> = empty[i..=j]
                .iter()
                .map(|e| format!("\"{}\"", e.text))
                .collect();
            out.push(
                Finding::new(
                    &META,
                    first.heading.clone(),
                    format!(
                        "{} sections in a row are empty: {}",
                        j - i + 1,
                        names.join(", ")
                    ),
                )
                .with_fix(Fix::suggestion(
                    "Remove the empty sections",
                    vec![Edit::new(first.heading.start..empty[j].body_end, "")],
                )),
            );
        }
        i = j + 1;
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

/// Whether the chunks after a chunk whose last heading's body is empty
/// hold nothing but comments and blank lines up to the next heading (not a
/// bold line): then that section is empty. Usually the next chunk starts
/// with a heading, so this reads no text.
fn continues_empty(after: &[PlacedChunk]) -> bool {
    for c in after {
        let next = c
            .model
            .headings
            .iter()
            .find(|h| h.kind != HeadingKind::Bold);
        let end = next.map_or(c.text.len(), |h| h.range.start);
        if !without_comments(&c.text[..end]).trim().is_empty() {
            return false;
        }
        if next.is_some() {
            return true;
        }
    }
    true
}

/// The empty headings of one chunk (chunk-relative): those with nothing but
/// comments and blank lines up to the next heading or the chunk's end (for
/// the last heading, the chunks after it decide: [`continues_empty`]).
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
            "# Policy\n\n## Supported Versions\n\nText.\n\n## Reporting\n<!-- TODO -->\n",
            &["7:1-7:13 empty-section Section \"Reporting\" is empty"],
        );
        check(
            "empty-section",
            "# Policy\n\n## Supported Versions\n\n## Scope\n\nText.\n",
            &["3:1-3:22 empty-section Section \"Supported Versions\" is empty"],
        );
    }

    #[test]
    fn empty_sections_in_a_row_are_one_finding() {
        let text = "# Policy\n\nIntro.\n\n## Supported Versions\n\n## Reporting a Vulnerability\n<!-- TODO -->\n\n## Disclosure\n\nWe disclose.\n";
        check(
            "empty-section",
            text,
            &["5:1-5:22 empty-section 2 sections in a row are empty: \"Supported Versions\", \"Reporting a Vulnerability\""],
        );
        crate::testing::check_fix(
            "empty-section",
            text,
            "Remove the empty sections",
            "# Policy\n\nIntro.\n\n## Disclosure\n\nWe disclose.\n",
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

    /// A comment, a blank line and a paragraph: the paragraph starts a
    /// chunk of its own, and the section still has content (it was
    /// reported empty, and incremental and fresh analyses disagreed where
    /// edits had left the chunks cut elsewhere).
    #[test]
    fn content_in_the_chunk_after_a_comment_counts() {
        let text = "# Policy\n\n## Reporting\n\n<!-- fill in -->\n\nEmail a@b.org.\n\n## Scope\n\n<!-- x -->\n\n<!-- y -->\n\n## End\n\nAll.\n";
        assert!(crate::Document::new(text).chunks().len() >= 4);
        check(
            "empty-section",
            text,
            &["9:1-9:9 empty-section Section \"Scope\" is empty"],
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
