//! Test-only: hold the analysis of chosen documents until the test lets it
//! go, so tests can prove that other documents are served meanwhile, that
//! a superseded analysis is abandoned and that `$/cancelRequest` answers a
//! request waiting for one. Never set by `secmd lsp`.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// A gate in front of the analysis of every document whose URI contains
/// `uri_contains`.
#[derive(Debug)]
pub struct AnalysisHold {
    uri_contains: String,
    state: Mutex<HoldState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct HoldState {
    released: bool,
    /// Analyses that reached the gate.
    arrived: usize,
}

/// A safety net only: a test that fails while holding must not leave the
/// test process waiting for ever.
const GIVE_UP: Duration = Duration::from_secs(30);

impl AnalysisHold {
    pub fn new(uri_contains: &str) -> Self {
        AnalysisHold {
            uri_contains: uri_contains.to_string(),
            state: Mutex::default(),
            changed: Condvar::new(),
        }
    }

    /// Lets every held analysis (and every later one) run.
    pub fn release(&self) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.released = true;
        self.changed.notify_all();
    }

    /// How many analyses reached the gate so far.
    pub fn arrived(&self) -> usize {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).arrived
    }

    /// Blocks until at least `n` analyses reached the gate.
    pub fn wait_arrived(&self, n: usize) {
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self
            .changed
            .wait_timeout_while(st, GIVE_UP, |s| s.arrived < n);
    }

    /// Called by the analysis of `uri`: waits while the gate is closed.
    pub(crate) fn pass(&self, uri: &str) {
        if !uri.contains(&self.uri_contains) {
            return;
        }
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.arrived += 1;
        self.changed.notify_all();
        let _ = self
            .changed
            .wait_timeout_while(st, GIVE_UP, |s| !s.released);
    }
}
