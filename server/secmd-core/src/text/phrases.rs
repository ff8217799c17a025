//! Phrase lists searched in one pass over a text.
//!
//! Rules read every sentence of a chunk for dozens of phrases on each
//! keystroke; one `str::contains` per phrase builds a searcher per phrase
//! per sentence, which was most of an edit's analysis in a 1 MB one-chunk
//! list. A `Phrases` is an Aho-Corasick automaton built once (keep it in a
//! `LazyLock`) that reports every occurrence of every phrase, overlapping
//! ones included, so callers can reproduce exactly what a loop over the
//! phrases found: "any phrase occurs", "the first position of each phrase",
//! "the smallest position over all phrases".

use aho_corasick::{AhoCorasick, MatchKind};

/// An automaton over a fixed list of phrases, matched byte for byte (no
/// case folding: callers search lowercased text, as before).
pub(crate) struct Phrases {
    automaton: AhoCorasick,
}

/// One occurrence of a phrase: its index in the list and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub phrase: usize,
    pub start: usize,
    pub end: usize,
}

impl Phrases {
    /// Builds the automaton. `MatchKind::Standard` so that overlapping
    /// iteration reports every occurrence of every phrase, not a
    /// leftmost-first selection of them.
    pub(crate) fn new(phrases: &[&str]) -> Self {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(phrases)
            .expect("phrase lists are small literal lists");
        Phrases { automaton }
    }

    /// Like `new`, but ASCII letters match in either case: a phrase of
    /// lowercase letters is found in `s` where `s.to_ascii_lowercase()`
    /// holds it, with no lowercased copy of `s`.
    pub(crate) fn ascii_caseless(phrases: &[&str]) -> Self {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(phrases)
            .expect("phrase lists are small literal lists");
        Phrases { automaton }
    }

    /// Whether any phrase occurs in `s`: `phrases.iter().any(|p| s.contains(p))`.
    pub(crate) fn any_in(&self, s: &str) -> bool {
        self.automaton.is_match(s)
    }

    /// Every occurrence of every phrase in `s`, overlapping ones included,
    /// in the order their ends are found.
    pub(crate) fn hits<'a>(&'a self, s: &'a str) -> impl Iterator<Item = Hit> + 'a {
        self.automaton.find_overlapping_iter(s).map(|m| Hit {
            phrase: m.pattern().as_usize(),
            start: m.start(),
            end: m.end(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hits are every `(phrase, position)` that `str::match_indices`
    /// (plus the overlapping occurrences it skips) finds, phrase by phrase.
    #[test]
    fn hits_are_every_occurrence_of_every_phrase() {
        let list = ["issue", "issues", "sue", "ssu", "tracker", "はissue", "x"];
        let p = Phrases::new(&list);
        let text = "issues issue tracker; an issuessue はissue trackers";
        let mut got: Vec<(usize, usize)> = p.hits(text).map(|h| (h.phrase, h.start)).collect();
        got.sort_unstable();
        let mut want = Vec::new();
        for (k, phrase) in list.iter().enumerate() {
            for i in 0..text.len() {
                if text.as_bytes()[i..].starts_with(phrase.as_bytes()) {
                    want.push((k, i));
                }
            }
        }
        want.sort_unstable();
        assert_eq!(got, want);
        assert!(p.any_in("a bug tracker"));
        assert!(!p.any_in("a bug"));
    }
}
