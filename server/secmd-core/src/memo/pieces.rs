//! Values computed for the pieces of one large block (the rows of a
//! table, the prose ranges of a chunk), kept between analyses by the
//! pieces' text.
//!
//! A keystroke in a document that is one 35,000-row table replaces its one
//! chunk: every per-chunk memo misses, and a document rule that reads each
//! row computed 35,000 rows again to change one. Yet every piece but the
//! edited one has the same text as in the previous analysis. A
//! [`PieceMemo`] keeps the last pieces' text and values; an update compares
//! the new pieces with them from both ends (one `memcmp` per piece, no
//! hashing) and computes only the pieces in between. Pieces are compared
//! whole, so a kept value is exactly what computing it again would give,
//! provided the value depends only on the piece's text and on the memo's
//! key (the caller's part: e.g. a table's column layout).
//!
//! [`hash_of`](super::hash_of) and [`PrehashedState`] serve the
//! whole-table passes that remain (duplicates by version): a key hashed
//! once, when its piece was computed, and a map by that hash that hashes
//! nothing per keystroke.

use std::hash::{BuildHasherDefault, Hasher};

/// The values of the last pieces seen, by position (see the module doc).
#[derive(Debug)]
pub struct PieceMemo<T> {
    /// What the values depend on besides their piece's text.
    key: u64,
    /// The pieces' text, end to end: one allocation, not one per piece.
    text: String,
    /// Where each piece ends in `text`.
    ends: Vec<usize>,
    values: Vec<T>,
    /// Pieces computed by the last update.
    computed: usize,
}

impl<T> Default for PieceMemo<T> {
    fn default() -> Self {
        PieceMemo {
            key: 0,
            text: String::new(),
            ends: Vec::new(),
            values: Vec::new(),
            computed: 0,
        }
    }
}

impl<T> PieceMemo<T> {
    /// The value of each of `pieces`, in order: kept for the pieces at
    /// either end whose text is that of the last update (with the same
    /// `key`), computed by `compute(index, text)` for the others.
    pub fn update<'p>(
        &mut self,
        key: u64,
        pieces: &[&'p str],
        mut compute: impl FnMut(usize, &'p str) -> T,
    ) -> &[T] {
        if key != self.key {
            *self = PieceMemo {
                key,
                ..PieceMemo::default()
            };
        }
        let old_n = self.values.len();
        let new_n = pieces.len();
        let start = |ends: &[usize], i: usize| if i == 0 { 0 } else { ends[i - 1] };
        let old = |i: usize| &self.text[start(&self.ends, i)..self.ends[i]];
        let mut prefix = 0;
        while prefix < old_n.min(new_n) && old(prefix) == pieces[prefix] {
            prefix += 1;
        }
        let mut suffix = 0;
        while suffix < (old_n - prefix).min(new_n - prefix)
            && old(old_n - 1 - suffix) == pieces[new_n - 1 - suffix]
        {
            suffix += 1;
        }
        let changed = prefix..new_n - suffix;
        self.computed = changed.len();
        let fresh: Vec<T> = changed.clone().map(|i| compute(i, pieces[i])).collect();
        self.values.splice(prefix..old_n - suffix, fresh);
        // The old middle's text is replaced by the new one's; the ends from
        // the first changed piece on are counted again (plain additions).
        let from = start(&self.ends, prefix);
        let to = start(&self.ends, old_n - suffix);
        self.text
            .replace_range(from..to, &pieces[changed.clone()].concat());
        self.ends.truncate(prefix);
        let mut end = from;
        for piece in &pieces[prefix..] {
            end += piece.len();
            self.ends.push(end);
        }
        &self.values
    }

    /// How many pieces the last update computed (the others were kept).
    pub fn computed(&self) -> usize {
        self.computed
    }
}

/// Hashes for maps keyed by a [`hash_of`](super::hash_of): the `u64` key
/// is the hash.
/// Callers compare the keys behind equal hashes themselves.
pub type PrehashedState = BuildHasherDefault<PassThrough>;

/// The hasher of [`PrehashedState`]: passes a `u64` key on.
#[derive(Debug, Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is expected; anything else still hashes (FNV-1a).
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo::hash_of;
    use std::collections::HashSet;

    fn run(memo: &mut PieceMemo<String>, key: u64, pieces: &[&str]) -> Vec<String> {
        memo.update(key, pieces, |i, p| format!("{i}:{p}")).to_vec()
    }

    #[test]
    fn an_edit_computes_only_the_pieces_it_changed() {
        let mut memo = PieceMemo::default();
        assert_eq!(run(&mut memo, 1, &["a", "b", "c", "d"]).len(), 4);
        assert_eq!(memo.computed(), 4);
        // One piece edited: the others keep their values (computed at
        // their first index).
        let got = run(&mut memo, 1, &["a", "b", "cx", "d"]);
        assert_eq!(got, ["0:a", "1:b", "2:cx", "3:d"]);
        assert_eq!(memo.computed(), 1);
        // A piece inserted, then two removed.
        let got = run(&mut memo, 1, &["a", "n", "b", "cx", "d"]);
        assert_eq!(got, ["0:a", "1:n", "1:b", "2:cx", "3:d"]);
        assert_eq!(memo.computed(), 1);
        let got = run(&mut memo, 1, &["a", "cx", "d"]);
        assert_eq!(got, ["0:a", "2:cx", "3:d"]);
        assert_eq!(memo.computed(), 0);
        // The same pieces again: nothing computed; another key: everything.
        run(&mut memo, 1, &["a", "cx", "d"]);
        assert_eq!(memo.computed(), 0);
        assert_eq!(run(&mut memo, 2, &["a", "cx", "d"]), ["0:a", "1:cx", "2:d"]);
        assert_eq!(memo.computed(), 3);
        assert!(run(&mut memo, 2, &[]).is_empty());
        assert_eq!(run(&mut memo, 2, &["", "a"]), ["0:", "1:a"]);
    }

    #[test]
    fn pieces_are_compared_whole_not_by_their_concatenation() {
        let mut memo = PieceMemo::default();
        run(&mut memo, 0, &["ab", "c"]);
        assert_eq!(run(&mut memo, 0, &["a", "bc"]), ["0:a", "1:bc"]);
        assert_eq!(memo.computed(), 2);
        // Repeated pieces: the kept values are still position by position.
        run(&mut memo, 0, &["x", "x", "x"]);
        assert_eq!(run(&mut memo, 0, &["x", "x"]).len(), 2);
        assert_eq!(memo.computed(), 0);
    }

    #[test]
    fn prehashed_maps_key_by_the_hash() {
        let mut set: HashSet<u64, PrehashedState> = HashSet::default();
        assert!(set.insert(hash_of("a")));
        assert!(!set.insert(hash_of("a")));
        assert!(set.insert(hash_of("b")));
    }
}
