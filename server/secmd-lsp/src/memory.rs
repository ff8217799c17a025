//! Giving freed memory back to the system once the server goes idle.
//!
//! glibc's allocator keeps the pages a program frees for its own reuse, so
//! resident memory stays at the high-water mark of the largest transient
//! allocation so far. In secmd that is tree-sitter's parse stack: on some
//! texts, even a 4 KB policy, one re-parse briefly holds several MB (a
//! heap profile of a 10-document soak: 15.9 MB at peak, 5–9 MB in use on
//! average, no upward trend). Without trimming, a long session's resident
//! memory climbed in steps, one per new worst parse (docs/ROBUSTNESS.md,
//! "Memory").
//!
//! So after a burst of work, once nothing has run for [`IDLE`], the server
//! asks glibc to return its free pages (`malloc_trim(0)`), on a blocking
//! thread. The walk takes about a millisecond on secmd's heap and runs at
//! most once per burst. Trimming alone still left resident memory creeping
//! up at rest (+12.6 % over the second half of 10 documents × 16,000
//! edits) while the live heap stayed flat (5.1 MB at 3,000 edits, 4.2 MB at
//! 12,000): trees are built on tokio's workers and on blocking threads, so
//! glibc spreads them over up to 16 arenas and their pages fragment. With
//! two arenas ([`limit_arenas`]), the same run ended 10 % *below* its
//! half-time figure. Other allocators (musl's, which the release archive
//! links; macOS's; Windows') return freed memory themselves, so there both
//! calls do nothing.

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long the server must be idle before it trims: long enough that a
/// user typing at a normal pace triggers it once per pause, not per key.
pub const IDLE: Duration = Duration::from_millis(500);

/// What a trim runs: [`release_free_memory`], or a probe in tests.
type Trim = Arc<dyn Fn() -> bool + Send + Sync>;

/// Wakes the idle watcher after each piece of work.
pub struct Trimmer {
    work: Arc<Notify>,
}

impl Trimmer {
    /// Starts the idle watcher on the current tokio runtime (none outside a
    /// runtime: then [`Trimmer::worked`] does nothing).
    pub fn start() -> Self {
        Self::with(Arc::new(release_free_memory))
    }

    fn with(trim: Trim) -> Self {
        let work = Arc::new(Notify::new());
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(watch(work.clone(), trim));
        }
        Trimmer { work }
    }

    /// Records that work was done: the allocator is trimmed after the next
    /// idle period.
    pub fn worked(&self) {
        self.work.notify_one();
    }
}

/// Waits for work, then for [`IDLE`] without work, then trims; for ever.
async fn watch(work: Arc<Notify>, trim: Trim) {
    loop {
        work.notified().await;
        loop {
            tokio::select! {
                () = tokio::time::sleep(IDLE) => break,
                () = work.notified() => {}
            }
        }
        let started = std::time::Instant::now();
        let trim = trim.clone();
        if let Ok(released) = tokio::task::spawn_blocking(move || trim()).await {
            tracing::debug!(released, took = ?started.elapsed(), "trimmed the allocator");
        }
    }
}

/// Caps glibc's arenas at two, one per core of a small machine: fewer
/// arenas, fewer partly used pages. Call before the runtime starts its
/// threads (arenas are chosen when a thread first allocates).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // tests/unsafe_fence.rs
pub fn limit_arenas() {
    // SAFETY: `mallopt` takes no pointer; glibc applies it under its own lock.
    unsafe { libc::mallopt(libc::M_ARENA_MAX, 2) };
}

/// Other allocators have no arenas to cap.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_arenas() {}

/// Asks glibc to return the free pages of every arena to the system.
/// Returns whether it gave anything back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // tests/unsafe_fence.rs
pub fn release_free_memory() -> bool {
    // SAFETY: `malloc_trim` takes no pointer and touches only glibc's own
    // free lists, under the locks every allocation takes.
    unsafe { libc::malloc_trim(0) == 1 }
}

/// Other allocators return freed memory themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() -> bool {
    false
}

/// Bytes the allocator has handed out and not had back (glibc's
/// `mallinfo2().uordblks`): the live heap, without the free pages and
/// fragmentation that make resident memory noisy. `secmd/debugDocument`
/// reports it so the soak test can gate on leaks (`tests/soak/soak.py`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // tests/unsafe_fence.rs
pub fn heap_in_use() -> Option<usize> {
    // SAFETY: `mallinfo2` takes no pointer and returns a struct by value,
    // read under glibc's own arena locks.
    let info = unsafe { libc::mallinfo2() };
    Some(info.uordblks)
}

/// Other allocators do not say.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn heap_in_use() -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;
    use tokio::time::{sleep, timeout};

    /// A trimmer whose trims send on a channel instead.
    fn probe() -> (Trimmer, mpsc::UnboundedReceiver<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let trimmer = Trimmer::with(Arc::new(move || tx.send(()).is_ok()));
        (trimmer, rx)
    }

    /// A burst of work is trimmed once, after the idle period, not per
    /// piece of work; idle time without work trims nothing (tokio's paused
    /// clock: no wall time passes).
    #[tokio::test(start_paused = true)]
    async fn trims_once_after_each_burst() {
        let (trimmer, mut trims) = probe();
        for _ in 0..10 {
            trimmer.worked();
            sleep(IDLE / 4).await;
        }
        assert!(trims.try_recv().is_err(), "trimmed during the burst");
        timeout(IDLE * 2, trims.recv()).await.unwrap().unwrap();
        assert!(
            timeout(IDLE * 10, trims.recv()).await.is_err(),
            "trimmed while idle"
        );
        trimmer.worked();
        timeout(IDLE * 2, trims.recv()).await.unwrap().unwrap();
    }

    /// Without work, nothing is trimmed.
    #[tokio::test(start_paused = true)]
    async fn no_work_no_trim() {
        let (_trimmer, mut trims) = probe();
        assert!(timeout(IDLE * 10, trims.recv()).await.is_err());
    }
}
