//! `control-character`: NUL and other C0 control bytes in the text.
//!
//! The parser never sees a NUL byte (see `syntax::parse::parser_input`:
//! tree-sitter's error recovery on NUL grew superlinearly with their
//! number); it is reported here instead, with the other invisible controls.

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "control-character",
    default_severity: Severity::Warning,
    summary: "The text holds a NUL byte or another invisible control character",
    doc: "\
Reports control characters in the text: NUL (U+0000) and the other C0
controls except tab, line feed and carriage return (U+0001–U+0008,
U+000B, U+000C, U+000E–U+001F), and DEL (U+007F). They are invisible in
most editors, GitHub drops or mangles them, and they usually come from a
binary paste or a broken conversion. A run of consecutive control
characters is one finding.

secmd parses the policy as if each NUL were a `?`, so the rest of the
document is checked normally.

**Fix:** removing the run is offered (safe).

```markdown
Report to security@example.org␀.   <!-- control-character -->
Report to security@example.org.
```",
    scope: Scope::Chunk,
};

pub struct ControlCharacter;

impl Rule for ControlCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        let bytes = cx.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !is_control(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_control(bytes[i]) {
                i += 1;
            }
            let what = if i - start == 1 {
                format!("Control character {} in the text", name(bytes[start]))
            } else {
                format!(
                    "{} control characters in the text (the first is {})",
                    i - start,
                    name(bytes[start])
                )
            };
            out.push(Finding::new(&META, start..i, what).with_fix(Fix::safe(
                "Remove the control characters",
                Edit::new(start..i, ""),
            )));
        }
    }
}

/// NUL, the C0 controls other than tab, line feed and carriage return, DEL.
fn is_control(b: u8) -> bool {
    matches!(b, 0..=8 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f)
}

/// `NUL (U+0000)`, `U+001B`…
fn name(b: u8) -> String {
    match b {
        0 => "NUL (U+0000)".to_string(),
        0x7f => "DEL (U+007F)".to_string(),
        _ => format!("U+{b:04X}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    #[test]
    fn reports_runs_of_control_characters() {
        check(
            "control-character",
            "# Policy\n\nMail a\u{0}b and c\u{1}\u{1b}\u{7f}d, tabs\tare\u{c}fine\r\n",
            &[
                "3:7-3:8 control-character Control character NUL (U+0000) in the text",
                "3:15-3:18 control-character 3 control characters in the text (the first is U+0001)",
                "3:29-3:30 control-character Control character U+000C in the text",
            ],
        );
    }

    #[test]
    fn fix_removes_the_run() {
        check_fix(
            "control-character",
            "# Policy\n\nMail us\u{0}\u{0}.\n",
            "Remove the control characters",
            "# Policy\n\nMail us.\n",
        );
    }
}
