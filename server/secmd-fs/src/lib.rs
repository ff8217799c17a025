//! The file-system edge shared by the CLI and the language server: finding
//! and reading `.secmd.toml`, answering the core's [`FileLookup`] from disk,
//! and deciding what "today" is. The core itself never does IO.

use secmd_core::{Config, Date, FileLookup};
use std::path::{Path, PathBuf};

pub mod discover;
pub mod read;
pub mod write;

pub use discover::{is_policy_name, policy_files, Discovery};
pub use read::{read_file, read_stream, ReadError, SourceText, DEFAULT_MAX_SIZE};
pub use write::write_atomic;

/// Config file names, in lookup order within one folder.
pub const CONFIG_NAMES: &[&str] = &[".secmd.toml", "secmd.toml"];

/// A config file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum ConfigLoadError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{error}")]
    Parse {
        path: PathBuf,
        error: secmd_core::ConfigError,
    },
}

/// Finds the nearest config file walking up from `start` (a file or folder).
/// A relative `start` is taken from the current folder, so the walk goes
/// past it up to the file-system root.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok();
    let start = absolute.as_deref().unwrap_or(start);
    let mut dir = if start.is_dir() {
        Some(start)
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

/// Reads and parses a config file.
pub fn load_config(path: &Path) -> Result<Config, ConfigLoadError> {
    let source = std::fs::read_to_string(path).map_err(|source| ConfigLoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Config::parse(&source).map_err(|error| ConfigLoadError::Parse {
        path: path.to_path_buf(),
        error,
    })
}

/// Answers the core's file questions relative to the policy's folder.
pub struct DiskFiles {
    dir: PathBuf,
    file_name: Option<String>,
}

impl DiskFiles {
    /// Lookups relative to the folder of `policy`.
    pub fn for_policy(policy: &Path) -> Self {
        DiskFiles {
            dir: policy.parent().map(Path::to_path_buf).unwrap_or_default(),
            file_name: policy.file_name().map(|n| n.to_string_lossy().into_owned()),
        }
    }
}

impl FileLookup for DiskFiles {
    fn exists(&self, relative_path: &str) -> Option<bool> {
        let rel = relative_path.trim_start_matches("./");
        if rel.is_empty() {
            return Some(true);
        }
        let path = if let Some(abs) = rel.strip_prefix('/') {
            // Repository-absolute links: resolve against the nearest folder
            // that holds `.git`, else do not judge.
            let root = self.dir.ancestors().find(|d| d.join(".git").exists())?;
            root.join(abs)
        } else {
            self.dir.join(rel)
        };
        Some(path.exists())
    }

    fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }
}

/// "Today": `--today` if given, else `SECMD_TODAY`, else the system clock (UTC).
/// An invalid override is an error naming where it came from.
pub fn today(flag: Option<&str>) -> Result<Date, String> {
    if let Some(s) = flag {
        return Date::parse_iso(s)
            .ok_or_else(|| format!("--today: `{s}` is not a date in YYYY-MM-DD form"));
    }
    if let Ok(s) = std::env::var("SECMD_TODAY") {
        return Date::parse_iso(&s)
            .ok_or_else(|| format!("SECMD_TODAY: `{s}` is not a date in YYYY-MM-DD form"));
    }
    Ok(clock_today())
}

/// Today by the system clock (UTC), without overrides: also the fallback
/// of a caller whose override is invalid. A clock before 1970 reads as
/// 1970-01-01.
pub fn clock_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days_since_epoch(secs.div_euclid(86_400))
}
