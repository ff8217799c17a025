//! Checking many files in parallel with output in input order, streamed:
//! a result is written as soon as every earlier one has been.
//!
//! Workers (`std::thread::scope`, one per available core) take the next
//! input from a shared counter and send back `(index, result)`; the calling
//! thread buffers results that arrive early and emits them in order. Only
//! reports are buffered, never file texts, so memory stays bounded by the
//! files being checked at once.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on every item in parallel and `emit`s results in item order.
/// A panic in `work` becomes `on_panic(item)`'s result rather than taking the
/// whole run down. An `emit` error stops the run and is returned.
pub fn run_ordered<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    on_panic: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, work, on_panic) = (&next, &stop, &work, &on_panic);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                let item = &items[i];
                let result = catch_unwind(AssertUnwindSafe(|| work(item)))
                    .unwrap_or_else(|_| on_panic(item));
                if tx.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                want += 1;
                if let Err(e) = emit(result) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emits_in_order_and_survives_panics() {
        let items: Vec<u32> = (0..50).collect();
        let mut seen = Vec::new();
        run_ordered(
            &items,
            |&i| {
                if i == 7 {
                    panic!("boom");
                }
                i * 2
            },
            |_| u32::MAX,
            |r| {
                seen.push(r);
                Ok(())
            },
        )
        .unwrap();
        let want: Vec<u32> = (0..50)
            .map(|i| if i == 7 { u32::MAX } else { i * 2 })
            .collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn empty_input_emits_nothing() {
        let items: Vec<u32> = Vec::new();
        run_ordered(&items, |&i| i, |&i| i, |_| panic!("nothing to emit")).unwrap();
    }
}
