//! `fenced-policy`: the whole policy is wrapped in a code fence
//! (```` ```markdown ```` at the top), so GitHub shows it as code.
//!
//! Why the other rules do not see the text inside the fence as the policy
//! (issue 11 asked for it "only if it can be done cleanly"): the document
//! model is one tree-sitter parse of the file, split into chunks that the
//! incremental analysis re-parses on edits. Reading the fence's content as
//! Markdown would take a second model (parsed from the content, its offsets
//! mapped back into the fence) kept in step with edits, and every rule
//! choosing between the two: a change to `model/` and the incremental
//! analysis, not to this rule. What needs it most reads the fence already:
//! `policy::channels` finds the channels inside a ```` ```md ```` fence and
//! `missing-section` finds its headings, so such a policy gets this finding,
//! not a missing contact or missing sections; the fix (remove the fence)
//! makes every rule read it.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::{CodeBlock, DocumentModel};

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

The text inside is still read as the policy by the other rules (channels,
sections), so the fence is the one finding.

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
        let Some(block) = doc.code_blocks().find(|b| wraps_policy(doc, b)) else {
            return;
        };
        let text = doc.slice(block.range.clone());
        let open_len = text.find('\n').map_or(text.len(), |i| i + 1);
        let opening = block.range.start..block.range.start + text[..open_len].trim_end().len();
        let mut edits = vec![Edit::new(
            block.range.start..block.range.start + open_len,
            "",
        )];
        if let Some(close) = closing_fence(text) {
            edits.push(Edit::new(
                block.range.start + close.start..block.range.start + close.end,
                "",
            ));
        }
        let shown = doc.slice(opening.clone()).trim().to_string();
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

/// Whether `block` is a fenced Markdown block that holds headings and opens
/// before any prose of the document.
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
    headings >= 2 && doc.paragraphs().all(|p| p.start >= block.range.start)
}

/// The closing fence line of a fenced block's text (with its line break),
/// if the block was closed.
fn closing_fence(text: &str) -> Option<std::ops::Range<usize>> {
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
