//! Helpers for tests that run the real `secmd` binary: run it from the
//! repository root with fixed "today", capture stdout/stderr/exit status,
//! and make scratch folders.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const TODAY: &str = "2026-11-23";

/// The repository root (fixtures live in `tests/fixtures/cli`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `secmd ARGS` in `dir` with `stdin` as input.
pub fn secmd_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_secmd"))
        .args(args)
        .current_dir(dir)
        .env_remove("SECMD_TODAY")
        .env_remove("SECMD_LOG")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Runs `secmd ARGS` from the repository root.
pub fn secmd(args: &[&str]) -> Run {
    secmd_in(&root(), args, b"")
}

/// `secmd check --today 2026-11-23 ARGS` from the repository root.
pub fn check(args: &[&str]) -> Run {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    secmd(&all)
}

/// A fresh, empty scratch folder unique to `name` and this process.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("secmd-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes files (creating folders) under `dir`.
pub fn write(dir: &Path, files: &[(&str, &[u8])]) {
    for (path, contents) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }
}
