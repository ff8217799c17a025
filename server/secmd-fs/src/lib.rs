//! The file-system edge shared by the CLI and the language server: finding
//! and reading `.secmd.toml`, answering the core's [`FileLookup`] from disk,
//! and deciding what "today" is. The core itself never does IO.

use secmd_core::{Config, Date};
use std::path::{Path, PathBuf};

pub mod discover;
pub mod lookup;
pub mod read;
pub mod write;

pub use discover::{is_policy_name, policy_files, Discovery};
pub use lookup::DiskFiles;
pub use read::{read_file, read_stream, ReadError, SourceText, DEFAULT_MAX_SIZE};
pub use write::{write_in_place, WriteError};

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
    /// Every problem of the file, in text order (at least one).
    #[error("{}", located(path, errors))]
    Parse {
        path: PathBuf,
        errors: Vec<secmd_core::ConfigError>,
    },
}

/// `path:line:col: message`, one line per error.
fn located(path: &Path, errors: &[secmd_core::ConfigError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}:{e}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The folder a policy's lookups are confined to: the nearest folder at or
/// above `dir` that holds `.git` (a folder, or a file in a worktree); with
/// no repository, `dir` itself, or its parent when `dir` is one of the
/// places GitHub reads a policy from (`.github/`, `docs/`). Config discovery
/// and `broken-link` never look above it, so a file planted in `/tmp` or a
/// link to `../../../../etc/passwd` reveals and changes nothing.
pub fn project_root(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some(repo) = absolute.ancestors().find(|d| d.join(".git").exists()) {
        return repo.to_path_buf();
    }
    let in_policy_dir = absolute
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| discover::POLICY_DIRS[1..].contains(&n));
    match absolute.parent() {
        Some(parent) if in_policy_dir => parent.to_path_buf(),
        _ => absolute,
    }
}

/// Finds the nearest config file walking up from `start` (a file or folder)
/// to its [`project_root`], never above. A relative `start` is taken from
/// the current folder. There is no user-level config: one applies to every
/// project only when named explicitly (`secmd check --config FILE`).
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok();
    let start = absolute.as_deref().unwrap_or(start);
    let first = if start.is_dir() {
        start
    } else {
        start.parent()?
    };
    let root = project_root(first);
    for d in first.ancestors() {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if d == root {
            break;
        }
    }
    None
}

/// Reads and parses a config file.
pub fn load_config(path: &Path) -> Result<Config, ConfigLoadError> {
    let source = std::fs::read_to_string(path).map_err(|source| ConfigLoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Config::parse_all(&source).map_err(|errors| ConfigLoadError::Parse {
        path: path.to_path_buf(),
        errors,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use secmd_core::FileLookup;

    /// A fresh folder under the system's temporary folder (no `.git` above).
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("secmd-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/policy.md"), "x").unwrap();
        dir
    }

    #[test]
    fn missing_link_targets_are_judged_only_inside_a_repository() {
        let dir = scratch("no-repo");
        let files = DiskFiles::for_policy(&dir.join("SECURITY.md"));
        assert_eq!(files.exists("docs/policy.md"), Some(true));
        assert_eq!(files.exists("CONTRIBUTING.md"), None);
        assert_eq!(files.exists("/docs/policy.md"), None);
        assert_eq!(files.file_name(), Some("SECURITY.md"));
        std::fs::remove_dir_all(&dir).unwrap();

        let dir = scratch("repo");
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        let files = DiskFiles::for_policy(&dir.join("docs/SECURITY.md"));
        assert_eq!(files.exists("policy.md"), Some(true));
        assert_eq!(files.exists("CONTRIBUTING.md"), Some(false));
        assert_eq!(files.exists("/docs/policy.md"), Some(true));
        assert_eq!(files.exists("/docs/missing.md"), Some(false));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
