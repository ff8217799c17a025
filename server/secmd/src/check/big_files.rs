//! Files above [`BIG_FILE`] bytes: checked one at a time, and their analysis
//! state freed on a background thread.
//!
//! Analysis memory is a large multiple of a file's size (syntax trees,
//! models and rule memos for every chunk), so two huge files checked in
//! parallel could exhaust memory that one fits in: a big file waits for
//! its [`Turn`]. Freeing that state is itself slow (a 10 MB document's
//! chunks, memos and findings are about a million allocations: a quarter of
//! a second), and nothing needs to wait for it: the report can be printed
//! meanwhile. The turn is handed to the thread that frees, so the next big
//! file starts only once the memory is back.

use std::sync::{Condvar, Mutex};

/// Files larger than this are big.
pub const BIG_FILE: u64 = 4 * 1024 * 1024;

/// Whether a big file is being checked (or its state freed).
static BUSY: Mutex<bool> = Mutex::new(false);
static FREED: Condvar = Condvar::new();

/// The right to check a big file, held until dropped (on any thread).
pub struct Turn(());

/// Waits until no other big file is being checked or freed.
pub fn take_turn() -> Turn {
    // A poisoned lock only means another big file's check panicked.
    let mut busy = BUSY.lock().unwrap_or_else(|e| e.into_inner());
    while *busy {
        busy = FREED.wait(busy).unwrap_or_else(|e| e.into_inner());
    }
    *busy = true;
    Turn(())
}

impl Drop for Turn {
    fn drop(&mut self) {
        *BUSY.lock().unwrap_or_else(|e| e.into_inner()) = false;
        FREED.notify_one();
    }
}

/// Drops `state` (and then `turn`) on a new thread, or here when no thread
/// can be started. The process may exit before the thread is done: the
/// operating system takes the memory back then.
pub fn free_later(state: impl Send + 'static, turn: Option<Turn>) {
    let free = move || {
        drop(state);
        drop(turn);
    };
    // On failure `spawn` drops the closure, which frees here and now.
    let _ = std::thread::Builder::new()
        .name("secmd-free".into())
        .spawn(free);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    /// Sets a flag when dropped.
    struct Flag(Arc<AtomicBool>);
    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_next_turn_waits_until_the_state_is_freed() {
        let freed = Arc::new(AtomicBool::new(false));
        let turn = take_turn();
        free_later(Flag(freed.clone()), Some(turn));
        // The state is dropped before the turn, so once the next turn is
        // granted the first file's state is gone.
        let _next = take_turn();
        assert!(freed.load(Ordering::SeqCst));
    }
}
