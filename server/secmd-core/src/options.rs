//! The inputs of an analysis besides the text: the configuration, "today"
//! and what the caller knows about files next to the policy.

use crate::config::Config;
use crate::model::Date;

/// What the caller knows about files next to the policy (for `broken-link`).
/// The core never touches the file system itself.
pub trait FileLookup: Sync {
    /// Whether a path relative to the policy's folder exists; `None` when
    /// unknown (an untitled buffer, stdin), in which case nothing is reported.
    fn exists(&self, relative_path: &str) -> Option<bool>;

    /// The policy's own file name (`SECURITY.md`), for self-links.
    fn file_name(&self) -> Option<&str> {
        None
    }
}

/// A [`FileLookup`] that knows nothing.
pub struct NoFiles;

impl FileLookup for NoFiles {
    fn exists(&self, _relative_path: &str) -> Option<bool> {
        None
    }
}

/// Inputs of an analysis besides the text.
pub struct Options<'a> {
    pub config: &'a Config,
    /// "Today", for date rules (the caller decides: flag, env or clock).
    pub today: Date,
    pub files: &'a dyn FileLookup,
}
