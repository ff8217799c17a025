//! Architecture Invariant: the workspace's only `unsafe` blocks are the three
//! glibc calls of `secmd-lsp/src/memory.rs` (`mallopt`, `malloc_trim`,
//! `mallinfo2`). The workspace lint is
//! `unsafe_code = "deny"` rather than `forbid` so that this one module can
//! allow it; this test keeps every other file from doing the same.

#![allow(clippy::disallowed_methods)] // reads the workspace's own sources

use std::path::{Path, PathBuf};

/// The one file allowed `unsafe` blocks, relative to `server/`.
const ALLOWED: &str = "secmd-lsp/src/memory.rs";

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_memory_rs_uses_unsafe() {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&server, &mut files);
    assert!(files.len() > 100, "found only {} files", files.len());
    let mut offenders = Vec::new();
    let mut allowed_blocks = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let rel = file
            .strip_prefix(&server)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let uses = text.matches("unsafe {").count()
            + text.matches("unsafe fn").count()
            + text.matches("unsafe impl").count()
            + text.matches("allow(unsafe_code)").count();
        if rel == ALLOWED {
            allowed_blocks = text.matches("unsafe {").count();
        } else if uses > 0 {
            offenders.push(rel);
        }
    }
    // This file names the patterns it looks for.
    offenders.retain(|f| !f.ends_with("tests/unsafe_fence.rs"));
    assert_eq!(
        offenders,
        Vec::<String>::new(),
        "unsafe code outside {ALLOWED}"
    );
    assert_eq!(
        allowed_blocks, 3,
        "{ALLOWED} should hold exactly three unsafe blocks"
    );
}
