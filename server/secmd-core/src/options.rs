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

    /// Where a relative path leads. The default knows only [`exists`]; a
    /// lookup confined to a repository answers [`FileAnswer::Outside`] for a
    /// path that leaves it, without looking there.
    ///
    /// [`exists`]: FileLookup::exists
    fn lookup(&self, relative_path: &str) -> FileAnswer {
        match self.exists(relative_path) {
            Some(true) => FileAnswer::Exists,
            Some(false) => FileAnswer::Missing,
            None => FileAnswer::Unknown,
        }
    }

    /// The policy's own file name (`SECURITY.md`), for self-links.
    fn file_name(&self) -> Option<&str> {
        None
    }

    /// The repository around the policy, for the workspace rules; `None`
    /// outside one (nothing is reported then).
    fn workspace(&self) -> Option<crate::workspace::InWorkspace<'_>> {
        None
    }

    /// Changes whenever files may have been created or deleted. Answers of
    /// [`FileLookup::exists`] are kept per chunk under this value, so a
    /// keystroke never looks at the disk again for links it did not touch;
    /// a lookup that learns that files changed (a server watching them)
    /// returns a new value to have every link looked up again.
    fn generation(&self) -> u64 {
        0
    }
}

/// What a [`FileLookup`] knows of a relative path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAnswer {
    Exists,
    Missing,
    /// The path leaves the repository (or project folder): not looked at.
    Outside,
    /// Cannot tell; nothing is reported.
    Unknown,
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
