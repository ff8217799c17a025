//! Sentences and words of a policy, for rules that read its wording
//! (channels, negations, response times).
//!
//! A sentence is a piece of a paragraph between sentence ends, a table row,
//! or a heading. Code blocks are never read: example commands and PGP keys
//! are not instructions.

use crate::model::DocumentModel;
use std::ops::Range;
use std::sync::Arc;

/// A unit of wording with its absolute range.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    /// The lowercased text of all the sentences found with this one, and
    /// where this one is in it: one allocation for a chunk's sentences (a
    /// string per sentence was 35,000 allocations per keystroke for a
    /// 35,000-row table, each row being a sentence).
    text: Arc<str>,
    at: Range<usize>,
}

impl Sentence {
    /// Lowercased text; byte offsets match `range` because only ASCII
    /// letters change case (`to_ascii_lowercase`).
    pub fn lower(&self) -> &str {
        &self.text[self.at.clone()]
    }

    /// The same sentence at another range (a chunk's sentence placed in
    /// the document).
    pub fn moved(&self, range: Range<usize>) -> Sentence {
        Sentence {
            range,
            text: self.text.clone(),
            at: self.at.clone(),
        }
    }

    /// The words with their absolute ranges.
    pub fn words(&self) -> Vec<(&str, Range<usize>)> {
        words(self.lower())
            .into_iter()
            .map(|(w, r)| (w, self.range.start + r.start..self.range.start + r.end))
            .collect()
    }
}

/// Alphanumeric runs (apostrophes kept inside words: "don't") with their
/// ranges relative to `s`.
pub fn words(s: &str) -> Vec<(&str, Range<usize>)> {
    word_iter(s).collect()
}

/// The words of `s` one at a time, as [`words`] lists them: for scans that
/// mostly find nothing (a vector of words per table row of a large table
/// was an allocation per row on every keystroke).
pub fn word_iter(s: &str) -> impl Iterator<Item = (&str, Range<usize>)> + '_ {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut chars = s.char_indices();
    std::iter::from_fn(move || loop {
        let start = chars.find(|&(_, c)| is_word(c))?.0;
        let end = chars
            .find(|&(_, c)| !is_word(c))
            .map_or(s.len(), |(i, _)| i);
        if let Some(word) = trimmed_word(s, start, end) {
            return Some(word);
        }
    })
}

/// The word at `start..end` without apostrophes around it, if any is left.
fn trimmed_word(s: &str, start: usize, end: usize) -> Option<(&str, Range<usize>)> {
    let w = &s[start..end];
    let trimmed = w.trim_matches(['\'', '’']);
    if trimmed.is_empty() {
        return None;
    }
    let lead = w.len() - w.trim_start_matches(['\'', '’']).len();
    Some((trimmed, start + lead..start + lead + trimmed.len()))
}

/// Every sentence of the document within `within` (all when `None`), in
/// document order.
pub fn sentences(
    doc: &DocumentModel,
    text: &str,
    within: Option<&[Range<usize>]>,
) -> Vec<Sentence> {
    let inside = |r: &Range<usize>| {
        within.is_none_or(|ws| ws.iter().any(|w| w.start <= r.start && r.end <= w.end))
    };
    let headings: Vec<Range<usize>> = doc.headings().map(|h| h.range).collect();
    let mut out = Found::default();
    for h in doc.headings() {
        if inside(&h.range) {
            push(text, h.content, &mut out);
        }
    }
    for p in doc.paragraphs() {
        // Setext headings contain a paragraph; bold pseudo-headings are one.
        if headings
            .iter()
            .any(|h| h.start <= p.start && p.start < h.end)
            || !inside(&p)
        {
            continue;
        }
        let Some(s) = text.get(p.clone()) else {
            continue;
        };
        let mut start = 0;
        let bytes = s.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let end_of_sentence = matches!(b, b'.' | b'!' | b'?' | b';')
                && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
            if end_of_sentence {
                push(text, p.start + start..p.start + i + 1, &mut out);
                start = i + 1;
            }
        }
        push(text, p.start + start..p.end, &mut out);
    }
    for (d, t) in doc.tables_unshifted() {
        for row in std::iter::once(&t.header).chain(&t.rows) {
            let range = row.range.start + d..row.range.end + d;
            if inside(&range) {
                push(text, range, &mut out);
            }
        }
    }
    out.places.sort_by_key(|(range, _)| range.start);
    let text: Arc<str> = out.lower.into();
    out.places
        .into_iter()
        .map(|(range, at)| Sentence {
            range,
            text: text.clone(),
            at,
        })
        .collect()
}

/// Sentences as they are found: their ranges, and their lowercased texts
/// one after the other (with where each one is).
#[derive(Default)]
struct Found {
    places: Vec<(Range<usize>, Range<usize>)>,
    lower: String,
}

fn push(text: &str, range: Range<usize>, out: &mut Found) {
    let Some(s) = text.get(range.clone()) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + lead;
    let at = out.lower.len();
    out.lower.push_str(trimmed);
    out.lower[at..].make_ascii_lowercase();
    out.places
        .push((start..start + trimmed.len(), at..out.lower.len()));
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_keep_apostrophes_inside() {
        let w: Vec<&str> = words("Don't open 'issues' (72h).")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(w, ["Don't", "open", "issues", "72h"]);
    }
}
