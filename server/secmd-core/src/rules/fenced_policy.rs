//! `fenced-policy`: the whole policy is wrapped in a code fence
//! (```` ```markdown ```` at the top), so GitHub shows it as code.
//!
//! How the other rules see the text inside the fence as the policy (issue
//! 11): [`wrapping_fence`] finds the fence's opening and closing lines, and
//! the analyzer then analyses a *twin* of the text in which those two lines
//! are blanked (every byte but the line break turned into a space; see
//! `crate::fenced_twin`). The twin has the same length and line breaks, so
//! its findings are positioned in the original text as they are; the
//! analysis is the twin's findings plus this rule's one finding, which the
//! twin cannot see. This rule stays a plain document rule: it reports the
//! fence and offers to remove it.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::{CodeBlock, DocumentModel};
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "fenced-policy",
    default_severity: Severity::Warning,
    summary: "The policy is wrapped in a code fence and shows as code",
    doc: "\
Reports a policy pasted inside a code fence: a fenced block whose info
string is `md`, `markdown` or empty, that holds Markdown headings and that
opens before any prose (only blank lines, thematic breaks and headings come
before it). GitHub renders it as a grey block of source: the headings,
links and addresses do not work as such, and many readers stop there. Such
fences usually come from a generator's answer pasted as is (\"## SECURITY.md\"
followed by ```` ```md ````).

The other rules read the text inside as the policy: secmd analyses the
file as if the two fence lines were blank lines, so a placeholder address,
a stale date or a broken anchor inside the fence is reported where it is,
and the editor's outline, folding and hover show the policy's headings.

**Fix (suggestion):** remove the opening and closing fence lines.

````markdown
```md                  <!-- fenced-policy -->
# Security Policy
…
```
````",
    scope: Scope::Document,
};

pub struct FencedPolicy;

impl Rule for FencedPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(fence) = wrapping_fence(doc) else {
            return;
        };
        let line = doc.slice(fence.opening.clone());
        let opening = fence.opening.start..fence.opening.start + line.trim_end().len();
        let mut edits = vec![Edit::new(fence.opening_line.clone(), "")];
        if let Some(close) = fence.closing_line.clone() {
            edits.push(Edit::new(close, ""));
        }
        let shown = line.trim().to_string();
        out.push(
            Finding::new(
                &META,
                opening,
                format!(
                    "The policy is inside a code fence ({shown}): GitHub shows it as code, not as a policy; remove the fence"
                ),
            )
            .with_fix(Fix::suggestion("Remove the code fence", edits)),
        );
    }
}

/// The lines of a code fence that wraps the policy, as absolute byte
/// ranges. `opening` and `closing` are the lines without their line break
/// (what the analyzer blanks); the `_line` ranges include it (what the fix
/// removes). `closing` is `None` for a fence never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FenceLines {
    pub opening: Range<usize>,
    pub opening_line: Range<usize>,
    pub closing: Option<Range<usize>>,
    pub closing_line: Option<Range<usize>>,
}

/// The fence that wraps the policy, if any: the first fenced block that
/// [`wraps_policy`]. The one detection that both this rule and the
/// analyzer's twin (`crate::fenced_twin`) use.
pub fn wrapping_fence(doc: &DocumentModel) -> Option<FenceLines> {
    // Only a block that opens before any prose can wrap the policy, so the
    // search stops at the first paragraph: every analysis asks, and a long
    // document's code blocks must not all be read on each keystroke. Nor
    // its chunks: those after the first paragraph's start later.
    let first_prose = doc.paragraphs().next().map_or(usize::MAX, |p| p.start);
    let upto = doc.chunk_index(first_prose) + 1;
    let block = doc
        .chunks()
        .iter()
        .take(upto)
        .flat_map(|c| {
            c.model.code_blocks.iter().map(move |b| CodeBlock {
                range: b.range.start + c.start..b.range.end + c.start,
                ..b.clone()
            })
        })
        .take_while(|b| b.range.start <= first_prose)
        .find(|b| wraps_policy(doc, b))?;
    let s = block.range.start;
    let text = doc.slice(block.range.clone());
    let open_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let at = |r: Range<usize>| s + r.start..s + r.end;
    let closing_line = closing_fence(text);
    Some(FenceLines {
        opening: at(0..without_break(&text[..open_len]).len()),
        opening_line: at(0..open_len),
        closing: closing_line.clone().map(|r| {
            let len = without_break(&text[r.clone()]).len();
            at(r.start..r.start + len)
        }),
        closing_line: closing_line.map(at),
    })
}

/// A line without its line break (`\n` or `\r\n`).
fn without_break(line: &str) -> &str {
    line.strip_suffix('\n')
        .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l))
}

/// Whether a block that opens before any prose is a fenced Markdown block
/// that holds headings.
fn wraps_policy(doc: &DocumentModel, block: &CodeBlock) -> bool {
    let info = block.info.to_ascii_lowercase();
    if !block.fenced || !matches!(info.as_str(), "md" | "markdown" | "gfm" | "") {
        return false;
    }
    let text = doc.slice(block.range.clone());
    let headings = text
        .lines()
        .skip(1)
        .filter(|l| {
            let t = l.trim_start();
            let hashes = t.len() - t.trim_start_matches('#').len();
            (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
        })
        .count();
    headings >= 2
}

/// The closing fence line of a fenced block's text (with its line break),
/// if the block was closed.
fn closing_fence(text: &str) -> Option<Range<usize>> {
    let body = text.trim_end_matches(['\n', '\r']);
    let start = body.rfind('\n').map_or(0, |i| i + 1);
    if start == 0 {
        return None;
    }
    let last = body[start..].trim();
    let fence =
        last.len() >= 3 && (last.chars().all(|c| c == '`') || last.chars().all(|c| c == '~'));
    fence.then_some(start..text.len())
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    const MSG: &str = "GitHub shows it as code, not as a policy; remove the fence";

    #[test]
    fn reports_a_policy_in_a_markdown_fence() {
        // A generator's answer pasted as is, never closed.
        check(
            "fenced-policy",
            "\n---\n\n## SECURITY.md\n```md\n# Security Policy\n\n## Reporting a Vulnerability\n\nEmail sec@acme.org.\n",
            &[&format!("5:1-5:6 fenced-policy The policy is inside a code fence (```md): {MSG}")],
        );
        // Closed, no info string.
        check(
            "fenced-policy",
            "```\n# Security Policy\n\n## Reporting\n\nEmail sec@acme.org.\n```\n",
            &[&format!(
                "1:1-1:4 fenced-policy The policy is inside a code fence (```): {MSG}"
            )],
        );
    }

    #[test]
    fn examples_after_prose_and_other_languages_are_not_reported() {
        // An example block after the policy's own text.
        check(
            "fenced-policy",
            "# Policy\n\nEmail sec@acme.org. A report looks like:\n\n```md\n# Title\n\n## Steps\n```\n",
            &[],
        );
        check(
            "fenced-policy",
            "```sh\n# comment\n## another\necho hi\n```\n",
            &[],
        );
        // One heading only: a snippet, not a policy.
        check("fenced-policy", "```md\n# Title\ntext\n```\n", &[]);
    }

    #[test]
    fn fix_removes_both_fence_lines() {
        check_fix(
            "fenced-policy",
            "```markdown\n# Security Policy\n\n## Reporting\n\nEmail sec@acme.org.\n```\n",
            "Remove the code fence",
            "# Security Policy\n\n## Reporting\n\nEmail sec@acme.org.\n",
        );
    }
}
