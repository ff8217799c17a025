//! The policy inside a wrapping code fence, as a document of its own.
//!
//! A policy pasted inside a ```` ```markdown ```` fence parses as one code
//! block, so the rules would see no headings, links or dates. Blanking the
//! fence's opening and closing lines (every byte but the line break turned
//! into a space) gives a *twin* text of the same length and the same line
//! breaks whose Markdown parse is the policy. Every byte offset of the twin
//! is the same offset in the original text, so the twin's findings, fixes
//! and model are positioned in the original as they are: no offset mapping.
//!
//! The analyzer ([`crate::Analyzer::analyze_parts_with`]) analyses the twin
//! instead of the text when `fenced-policy` finds a wrapping fence
//! ([`crate::rules::fenced_policy::wrapping_fence`], the one detection).
//! An editor keeps the twin beside its document and gives it the same
//! edits ([`Twin::edit`]); an edit that touches a blanked line drops it,
//! and the analyzer rebuilds it when the fence it finds is not the one the
//! twin blanked. So a keystroke inside the fence costs the twin what it
//! costs the document, and only a change to the fence copies the text.

use crate::rules::fenced_policy::FenceLines;
use crate::syntax::Document;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

/// Twin ids are unique in the process: an analyzer keeps its twin's
/// per-chunk cache only while it is given the same twin (chunk ids restart
/// with every `Document::new`).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The text with a wrapping fence's lines blanked, parsed.
#[derive(Clone)]
pub struct Twin {
    document: Document,
    /// The blanked lines (without their line breaks), in order.
    blanked: Vec<Range<usize>>,
    id: u64,
}

impl Twin {
    /// The twin of `outer` with `fence`'s lines blanked (copies the text).
    pub fn build(outer: &Document, fence: &FenceLines) -> Twin {
        let blanked = blanked_lines(fence);
        let mut bytes = outer.text().into_bytes();
        for r in &blanked {
            if let Some(line) = bytes.get_mut(r.clone()) {
                line.fill(b' ');
            }
        }
        // The ranges run from a line start to a line break, so they hold
        // whole characters; a lossy conversion is never lossy here.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Twin {
            document: Document::new(&text),
            blanked,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The blanked text, parsed.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// Identifies the twin and the edits applied to it since it was built.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether the twin blanks exactly `fence`'s lines.
    pub fn matches(&self, fence: &FenceLines) -> bool {
        self.blanked == blanked_lines(fence)
    }

    /// Applies the edits the outer document got, in order (each range in
    /// the text the edits before it left), re-parsing once. Returns false,
    /// and changes nothing, when an edit intersects or abuts a blanked line:
    /// the fence itself changed, and the twin must be rebuilt.
    pub fn edit(&mut self, edits: &[(Range<usize>, &str)]) -> bool {
        let mut blanked = self.blanked.clone();
        for (range, text) in edits {
            for b in &mut blanked {
                if range.end < b.start {
                    // Before the line: it moves.
                    let removed = range.end - range.start;
                    b.start = b.start - removed + text.len();
                    b.end = b.end - removed + text.len();
                } else if range.start <= b.end {
                    return false;
                }
            }
        }
        let mut batch = self.document.batch();
        for (range, text) in edits {
            batch.edit(range.clone(), text);
        }
        batch.finish();
        self.blanked = blanked;
        true
    }
}

impl Twin {
    /// Checks the twin against the text it stands for (paranoid mode): the
    /// same text with the blanked lines turned into spaces, and chunks that
    /// parse as the whole text would.
    pub fn verify(&self, outer: &str) -> Result<(), String> {
        let twin = self.document.text();
        if twin.len() != outer.len() {
            return Err(format!(
                "the twin has {} bytes, the text {}",
                twin.len(),
                outer.len()
            ));
        }
        let mut at = 0;
        for r in self
            .blanked
            .iter()
            .chain(std::iter::once(&(outer.len()..outer.len())))
        {
            if twin.get(at..r.start) != outer.get(at..r.start) {
                return Err(format!(
                    "the twin differs from the text in {at}..{}",
                    r.start
                ));
            }
            if !twin
                .get(r.clone())
                .is_some_and(|l| l.bytes().all(|b| b == b' '))
            {
                return Err(format!("the twin's line {r:?} is not blank"));
            }
            at = r.end;
        }
        self.document.verify()
    }
}

/// The lines a twin blanks for `fence`.
fn blanked_lines(fence: &FenceLines) -> Vec<Range<usize>> {
    std::iter::once(fence.opening.clone())
        .chain(fence.closing.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fence(opening: Range<usize>, closing: Option<Range<usize>>) -> FenceLines {
        FenceLines {
            opening_line: opening.start..opening.end + 1,
            closing_line: closing.clone().map(|c| c.start..c.end + 1),
            opening,
            closing,
        }
    }

    #[test]
    fn blanks_the_fence_lines_and_keeps_the_offsets() {
        let text = "```md\n# Policy\n\n## Reporting\n```\n";
        let twin = Twin::build(&Document::new(text), &fence(0..5, Some(29..32)));
        assert_eq!(
            twin.document().text(),
            "     \n# Policy\n\n## Reporting\n   \n"
        );
    }

    #[test]
    fn edits_away_from_the_fence_apply_and_edits_on_it_do_not() {
        let text = "x\n```md\n# Policy\n```\n";
        let mut twin = Twin::build(&Document::new(text), &fence(2..7, Some(17..20)));
        // Typing before the fence moves both lines.
        assert!(twin.edit(&[(0..0, "yy")]));
        assert_eq!(twin.blanked, vec![4..9, 19..22]);
        assert_eq!(twin.document().text(), "yyx\n     \n# Policy\n   \n");
        // Typing inside keeps the opening line and moves the closing one.
        assert!(twin.edit(&[(14..14, "!")]));
        assert_eq!(twin.blanked, vec![4..9, 20..23]);
        // At the end of the opening line (it abuts): the twin is out of date.
        assert!(!twin.edit(&[(9..9, "x")]));
        // At the start of the closing line, or deleting the break before it.
        assert!(!twin.edit(&[(20..20, "x")]));
        assert!(!twin.edit(&[(19..20, "")]));
        assert_eq!(twin.document().text(), "yyx\n     \n# Po!licy\n   \n");
    }
}
