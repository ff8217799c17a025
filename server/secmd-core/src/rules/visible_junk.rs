//! `visible-junk`: leftovers of editing that readers see as text: a
//! mangled HTML comment, or the "Uploading …" image GitHub's editor leaves
//! when an upload never finished.

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "visible-junk",
    default_severity: Severity::Warning,
    summary: "Editing leftovers show as text",
    doc: "\
Reports text that was never meant to be read but shows on the page:

- a mangled HTML comment (`<!- note ->`, `<!-- note ->`, `<! -- note -->`):
  not a comment for Markdown, so GitHub prints it, markers and all;
- `![Uploading screenshot.png…]()`: the placeholder GitHub's editor writes
  while an image uploads, left when the upload never finished.

**Fix (suggestion):** remove the unfinished upload.

```markdown
![Uploading key.png…]()      <!-- visible-junk -->
```",
    scope: Scope::Chunk,
};

pub struct VisibleJunk;

impl Rule for VisibleJunk {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        // An image with an empty destination is no link to the parser, so
        // the editor's placeholder is found in the text (outside code).
        let in_code = |at: usize| {
            cx.model.code_blocks.iter().any(|b| b.range.contains(&at))
                || cx.model.code_spans.iter().any(|r| r.contains(&at))
        };
        let mut from = 0;
        while let Some(at) = cx.text[from..].find("![Uploading ") {
            let start = from + at;
            from = start + 2;
            let line_end = cx.text[start..]
                .find('\n')
                .map_or(cx.text.len(), |e| start + e);
            let Some(close) = cx.text[start..line_end].find("]()") else {
                continue;
            };
            if in_code(start) {
                continue;
            }
            let end = start + close + 3;
            out.push(
                Finding::new(
                    &META,
                    start..end,
                    format!(
                        "`{}` is an image upload that never finished; upload the image again or remove it",
                        &cx.text[start..end]
                    ),
                )
                .with_fix(Fix::suggestion(
                    "Remove the unfinished upload",
                    vec![Edit::new(start..end, "")],
                )),
            );
            from = end;
        }
        for prose in &cx.model.prose {
            let s = &cx.text[prose.clone()];
            let mut from = 0;
            while let Some(at) = s[from..].find("<!") {
                let start = from + at;
                from = start + 2;
                let rest = &s[start + 2..];
                // `<!-`, `<! --`: the opening of a comment, misspelled.
                if !(rest.starts_with('-') || rest.trim_start().starts_with("--")) {
                    continue;
                }
                let end = ["-->", "->"]
                    .iter()
                    .filter_map(|close| rest.find(close).map(|e| start + 2 + e + close.len()))
                    .min()
                    .unwrap_or(s.len());
                let shown = &s[start..end];
                out.push(Finding::new(
                    &META,
                    prose.start + start..prose.start + end,
                    format!(
                        "`{}` is a mangled HTML comment: it shows as text; write `<!-- … -->` or remove it",
                        shown.chars().take(40).collect::<String>()
                    ),
                ));
                from = end.max(from);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    #[test]
    fn reports_mangled_comments() {
        check(
            "visible-junk",
            "# Policy\n\n<!- TODO: add key ->\n\nText <!-- note -> more.\n\n<!-- a real comment -->\n",
            &[
                "3:1-3:21 visible-junk `<!- TODO: add key ->` is a mangled HTML comment: it shows as text; write `<!-- … -->` or remove it",
                "5:6-5:18 visible-junk `<!-- note ->` is a mangled HTML comment: it shows as text; write `<!-- … -->` or remove it",
            ],
        );
    }

    #[test]
    fn reports_unfinished_uploads() {
        let text = "Our key:\n\n![Uploading key.png…]()\n";
        check(
            "visible-junk",
            text,
            &["3:1-3:24 visible-junk `![Uploading key.png…]()` is an image upload that never finished; upload the image again or remove it"],
        );
        check_fix(
            "visible-junk",
            text,
            "Remove the unfinished upload",
            "Our key:\n\n\n",
        );
        check(
            "visible-junk",
            "![logo](logo.png) ![Uploading](x.png)\n",
            &[],
        );
    }
}
