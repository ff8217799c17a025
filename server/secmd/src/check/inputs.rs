//! Turning `PATH...` arguments into the list of inputs to check: files as
//! given (whatever their name), policy files found in folders, `-` for stdin.

use crate::report::Failure;
use secmd_fs::discover::WalkError;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    Stdin,
    /// An argument that yields nothing to check, reported in its place.
    Failed {
        path: String,
        failure: Failure,
    },
}

impl Input {
    /// The bytes of the path shown in reports, for URIs.
    pub fn path_bytes(&self) -> Vec<u8> {
        match self {
            Input::File(p) => shown_bytes(p).to_vec(),
            _ => self.display().into_bytes(),
        }
    }

    /// The path shown in reports.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => display_path(p),
            Input::Stdin => "<stdin>".to_string(),
            Input::Failed { path, .. } => path.clone(),
        }
    }
}

/// A path as shown to users: as given, without a leading `./`. Bytes that
/// are not UTF-8 (possible in Unix file names) are shown percent-encoded
/// (`caf%E9`), never as U+FFFD, so the name stays recoverable.
pub fn display_path(path: &Path) -> String {
    let mut out = String::new();
    for chunk in shown_bytes(path).utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The bytes of a path as shown (without a leading `./`), for URIs.
pub fn shown_bytes(path: &Path) -> &[u8] {
    let mut components = path.components();
    while components.clone().next() == Some(Component::CurDir)
        && components.clone().nth(1).is_some()
    {
        components.next();
    }
    components.as_path().as_os_str().as_encoded_bytes()
}

/// Expands arguments in order; a file found twice is checked once.
pub fn collect(paths: &[PathBuf], recursive: bool) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_seen {
                inputs.push(Input::Stdin);
                stdin_seen = true;
            }
            continue;
        }
        if !path.is_dir() {
            if seen.insert(path.clone()) {
                inputs.push(Input::File(path.clone()));
            }
            continue;
        }
        let mut found = secmd_fs::policy_files(path, recursive);
        // security.txt files are a second document type, checked beside the policies.
        found
            .files
            .extend(secmd_workspace::policies::security_txt_files(path));
        let searched_all = found.errors.is_empty();
        for (dir, error) in found.errors {
            let help = matches!(error, WalkError::TooDeep)
                .then(|| "pass the deeper folder itself to check below it".to_string());
            inputs.push(Input::Failed {
                path: display_path(&dir),
                failure: Failure {
                    message: error.to_string(),
                    help,
                },
            });
        }
        // A tree that could not be searched whole has its own errors: "no
        // SECURITY.md found" would be a guess.
        if found.files.is_empty() && searched_all {
            let help = if recursive {
                "pass the policy file itself to check a file with another name"
            } else {
                "--recursive searches the whole tree; or pass the policy file itself"
            };
            inputs.push(Input::Failed {
                path: display_path(path),
                failure: Failure {
                    message: if recursive {
                        "no SECURITY.md found in this folder tree".to_string()
                    } else {
                        "no SECURITY.md found (looked in the folder, .github/ and docs/)"
                            .to_string()
                    },
                    help: Some(help.to_string()),
                },
            });
        }
        for file in found.files {
            if seen.insert(file.clone()) {
                inputs.push(Input::File(file));
            }
        }
    }
    inputs
}
