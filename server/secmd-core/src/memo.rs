//! Per-chunk memo for document rules.
//!
//! A document rule runs on every analysis, but most of its work looks at
//! one chunk at a time (sentences, channels, placeholders, empty sections).
//! It keeps that part here, beside the chunk: the [`Analyzer`] hands the
//! same memo to the chunk until the chunk's text changes (new chunk id) or
//! the configuration does (the analyzer is invalidated). A keystroke thus
//! recomputes the per-chunk part of one chunk and only the cheap reduction
//! over all chunks.
//!
//! Most values depend on the chunk alone: they live in a fixed [`Slot`],
//! computed once and read with one atomic load (a large document has tens
//! of thousands of chunks, and every keystroke reads every chunk's memo).
//! A value that also depends on the rest of the document is kept under a
//! name with the key it was computed for (e.g. a hash of the document's
//! link labels); a different key recomputes and replaces it.
//!
//! Within one large chunk, [`pieces`] keeps the values of its pieces (a
//! table's rows) by their text, for the chunk that is new on every keystroke.
//!
//! [`Analyzer`]: crate::Analyzer

pub mod pieces;

use std::any::Any;
use std::sync::{Arc, Mutex, OnceLock};

type Entry = (&'static str, u64, Arc<dyn Any + Send + Sync>);

/// The fixed slots, one per owner; each always holds the same type.
#[derive(Debug, Clone, Copy)]
pub enum Slot {
    /// Line breaks in the chunk (`model::doc`).
    Lines,
    /// Sentences (`rules::facts`).
    Sentences,
    /// Private channels (`rules::facts`).
    Channels,
    /// Classification of each heading (`rules::facts`).
    Classify,
    /// Empty headings (`empty-section`).
    EmptySection,
    /// Stated acknowledgement times (`response-time`).
    ResponseTime,
    /// How many runs of mangled characters each code page explains
    /// (`mojibake`).
    Mojibake,
    /// Links that point into the repository (`broken-link`).
    BrokenLink,
    /// Invitations to report security issues in public (`public-issue-channel`).
    Invitations,
    /// What stands in for a missing section (`missing-section`).
    MissingSection,
    /// The chunk's heading slugs and HTML anchors (`broken-link`).
    Anchors,
    /// How often the anchors this chunk's fragment links depend on changed
    /// (`broken-link`): the key of its kept fragment findings.
    FragmentStamp,
}

const SLOTS: usize = Slot::FragmentStamp as usize + 1;

/// The memo of one chunk.
#[derive(Default)]
pub struct ChunkMemo {
    once: [OnceLock<Box<dyn Any + Send + Sync>>; SLOTS],
    /// The first keyed value: keys rarely change, so this answers almost
    /// every lookup without the lock.
    first: OnceLock<Entry>,
    slots: Mutex<Vec<Entry>>,
}

impl std::fmt::Debug for ChunkMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.lock().iter().map(|(n, _, _)| *n).collect();
        let filled = self.once.iter().filter(|s| s.get().is_some()).count();
        f.debug_struct("ChunkMemo")
            .field("fixed_slots_filled", &filled)
            .field("keyed", &names)
            .finish()
    }
}

impl ChunkMemo {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        // A panic while computing never happens under the lock (the value is
        // computed outside it), so a poisoned lock still holds whole entries.
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value of a fixed slot, computed by `compute` on first use.
    ///
    /// # Panics
    /// If the slot was filled with another type (a programming error: each
    /// slot has one owner).
    pub fn once<T: Any + Send + Sync>(&self, slot: Slot, compute: impl FnOnce() -> T) -> &T {
        self.once[slot as usize]
            .get_or_init(|| Box::new(compute()))
            .downcast_ref::<T>()
            .unwrap_or_else(|| panic!("memo slot {slot:?} holds another type"))
    }

    /// The value of `slot` for `key`, computed by `compute` if absent or
    /// computed for another key.
    pub fn get<T: Any + Send + Sync>(
        &self,
        slot: &'static str,
        key: u64,
        compute: impl FnOnce() -> T,
    ) -> Arc<T> {
        if let Some((_, _, v)) = self.first.get().filter(|(n, k, _)| *n == slot && *k == key) {
            if let Ok(v) = v.clone().downcast::<T>() {
                return v;
            }
        }
        if let Some((_, _, v)) = self.lock().iter().find(|(n, k, _)| *n == slot && *k == key) {
            if let Ok(v) = v.clone().downcast::<T>() {
                return v;
            }
        }
        let value = Arc::new(compute());
        if self.first.set((slot, key, value.clone())).is_ok() {
            return value;
        }
        let mut slots = self.lock();
        slots.retain(|(n, _, _)| *n != slot);
        slots.push((slot, key, value.clone()));
        value
    }
}

/// The hash of `value`, for a memo key or a key kept beside a value
/// (std's SipHash: computed when a value is, so its cost does not matter).
pub fn hash_of<V: std::hash::Hash + ?Sized>(value: &V) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::ChunkMemo;
    use std::cell::Cell;

    #[test]
    fn fixed_slots_compute_once() {
        let memo = ChunkMemo::default();
        assert_eq!(*memo.once(super::Slot::Lines, || 3usize), 3);
        assert_eq!(*memo.once(super::Slot::Lines, || 4usize), 3);
    }

    #[test]
    fn computes_once_per_key() {
        let memo = ChunkMemo::default();
        let calls = Cell::new(0);
        let f = |v: u32| {
            calls.set(calls.get() + 1);
            v
        };
        assert_eq!(*memo.get("a", 1, || f(10)), 10);
        assert_eq!(*memo.get("a", 1, || f(11)), 10);
        assert_eq!(calls.get(), 1);
        // Another key replaces the value; another slot is separate.
        assert_eq!(*memo.get("a", 2, || f(12)), 12);
        assert_eq!(*memo.get("b", 2, || f(13)), 13);
        assert_eq!(*memo.get("a", 2, || f(14)), 12);
        assert_eq!(calls.get(), 3);
    }
}
