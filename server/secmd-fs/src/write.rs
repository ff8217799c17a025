//! Writing a fixed policy back in place.
//!
//! The file itself is rewritten (not replaced by a renamed temporary file),
//! so its owner, group, mode, inode, hard links and extended attributes stay
//! as they were: a `nobody:nogroup 0640` policy remains readable by its
//! owner, and every hard link sees the fix. Before writing, the file is read
//! again and compared with the text that was checked: a file changed in the
//! meantime is left alone. A file without any write permission bit is
//! refused even for root, who could otherwise write it: read-only is a
//! statement by its owner.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Why fixes were not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the file is read-only (mode {mode:04o})")]
    ReadOnly { mode: u32 },
    #[error("the file changed while it was being checked")]
    Changed,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl WriteError {
    /// What the user can do about it.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            WriteError::ReadOnly { .. } => {
                Some("make it writable (chmod u+w) to let --fix change it")
            }
            WriteError::Changed => Some("run secmd again on the new contents"),
            WriteError::Io(_) => None,
        }
    }
}

/// Replaces the contents of `path` (following symbolic links, so a linked
/// policy stays a link) with `contents`, if the file still holds `checked`.
pub fn write_in_place(path: &Path, checked: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    let meta = std::fs::metadata(path)?;
    refuse_read_only(&meta)?;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?;
    let mut current = Vec::with_capacity(checked.len());
    file.read_to_end(&mut current)?;
    if current != checked {
        return Err(WriteError::Changed);
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(contents)?;
    // Shorter contents leave the old tail: cut it.
    file.set_len(contents.len() as u64)?;
    file.sync_all()?;
    Ok(())
}

fn refuse_read_only(meta: &std::fs::Metadata) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o222 == 0 {
            return Err(WriteError::ReadOnly { mode });
        }
    }
    #[cfg(not(unix))]
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly { mode: 0o444 });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("secmd-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn rewrites_in_place_shorter_and_longer() {
        let dir = scratch("write");
        let file = dir.join("SECURITY.md");
        std::fs::write(&file, "old text").unwrap();
        write_in_place(&file, b"old text", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        write_in_place(&file, b"new", b"newer and longer").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "newer and longer");
        // Nothing is created next to it.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_changed_meanwhile_is_left_alone() {
        let dir = scratch("write-changed");
        let file = dir.join("SECURITY.md");
        std::fs::write(&file, "edited by someone else").unwrap();
        let e = write_in_place(&file, b"what was checked", b"fixed").unwrap_err();
        assert_eq!(e.to_string(), "the file changed while it was being checked");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "edited by someone else"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
