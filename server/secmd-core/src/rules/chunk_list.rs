//! The values a document rule keeps for the few chunks that have one (the
//! chunks with findings, with definitions, with review dates…), by chunk
//! index, in the document memo between analyses.
//!
//! Reading a value from every chunk's memo on each keystroke is a walk
//! over tens of thousands of separate allocations in a large document: the
//! list instead follows the analyzer's [`ChunkDelta`]. The values of the
//! chunks an edit replaced are computed again; the others are the same
//! chunks (same ids, so the same values) and only move: those after the
//! edit by the change in the number of chunks.
//!
//! [`ChunkDelta`]: super::ChunkDelta

use super::DocContext;
use crate::model::{DateField, DateKind, PlacedChunk};
use std::sync::Mutex;

/// Values by chunk index, in document order (see the module doc).
pub(crate) struct ChunkList<T> {
    /// The analyzer run it was brought up to date for.
    run: Option<u64>,
    /// What the values were computed for, besides their chunk (e.g. a
    /// hash of the document's link labels).
    key: u64,
    items: Vec<(usize, T)>,
}

impl<T> Default for ChunkList<T> {
    fn default() -> Self {
        ChunkList {
            run: None,
            key: 0,
            items: Vec::new(),
        }
    }
}

impl<T> ChunkList<T> {
    /// The values of the chunks that have one, by index, in order.
    /// `value` gives a chunk's (`None`: it has none); it must depend only
    /// on the chunk and `key`. It is asked for the chunks an edit replaced,
    /// or for every chunk: the first time, for another key, when the
    /// previous analysis did not update the list, or outside an analyzer.
    pub(crate) fn update(
        &mut self,
        cx: &DocContext<'_>,
        key: u64,
        mut value: impl FnMut(&PlacedChunk) -> Option<T>,
    ) -> &[(usize, T)] {
        let chunks = cx.doc.chunks();
        let delta = cx.delta();
        let follows = |run: u64| self.key == key && self.run.is_some_and(|r| r + 1 == run);
        match delta {
            // Asked again in the same analysis.
            Some(d) if self.key == key && self.run == Some(d.run) => {}
            Some(d) if follows(d.run) => {
                let lo = self.items.partition_point(|(i, _)| *i < d.from);
                let hi = self.items.partition_point(|(i, _)| *i < d.old_to);
                let shift = d.new_to.wrapping_sub(d.old_to);
                if shift != 0 {
                    for (i, _) in &mut self.items[hi..] {
                        *i = i.wrapping_add(shift);
                    }
                }
                cx.count_visits(d.new_to - d.from);
                let new: Vec<(usize, T)> = (d.from..d.new_to)
                    .filter_map(|i| value(&chunks[i]).map(|v| (i, v)))
                    .collect();
                self.items.splice(lo..hi, new);
            }
            _ => {
                cx.count_visits(chunks.len());
                self.items = chunks
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| value(c).map(|v| (i, v)))
                    .collect();
            }
        }
        self.run = delta.map(|d| d.run);
        self.key = key;
        &self.items
    }

    /// Computes the values of the chunks at `at` (sorted indexes) again,
    /// after [`Self::update`] in the same analysis: for values that also
    /// depend on something that changed for those chunks only.
    pub(crate) fn refresh(
        &mut self,
        cx: &DocContext<'_>,
        at: &[usize],
        mut value: impl FnMut(&PlacedChunk) -> Option<T>,
    ) {
        let chunks = cx.doc.chunks();
        cx.count_visits(at.len());
        for &i in at {
            let Some(c) = chunks.get(i) else {
                continue;
            };
            let k = self.items.partition_point(|(j, _)| *j < i);
            let held = self.items.get(k).is_some_and(|(j, _)| *j == i);
            match (value(c), held) {
                (Some(v), true) => self.items[k].1 = v,
                (Some(v), false) => self.items.insert(k, (i, v)),
                (None, true) => {
                    self.items.remove(k);
                }
                (None, false) => {}
            }
        }
    }

    /// The values as the last update left them.
    pub(crate) fn items(&self) -> &[(usize, T)] {
        &self.items
    }
}

/// The date fields of `kind`, absolute, in document order, from a list of
/// the chunks that hold one (kept in the document memo under `name`): a
/// keystroke reads the chunks it changed, where the document's `dates()`
/// read every chunk's model and copied every field.
pub(crate) fn dates_of_kind(
    cx: &DocContext<'_>,
    kind: DateKind,
    name: &'static str,
) -> Vec<DateField> {
    let list = cx
        .doc_memo()
        .get(name, 0, || Mutex::new(ChunkList::<()>::default()));
    let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
    let chunks = cx.doc.chunks();
    let held = list.update(cx, 0, |c| {
        c.model.dates.iter().any(|f| f.kind == kind).then_some(())
    });
    let sh = |r: &std::ops::Range<usize>, d: usize| r.start + d..r.end + d;
    held.iter()
        .flat_map(|(i, _)| {
            let c = &chunks[*i];
            c.model
                .dates
                .iter()
                .filter(|f| f.kind == kind)
                .map(|f| DateField {
                    label_range: sh(&f.label_range, c.start),
                    value_range: sh(&f.value_range, c.start),
                    ..f.clone()
                })
        })
        .collect()
}
