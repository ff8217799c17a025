//! Policy files in a work tree: the ones GitHub and Scorecard read (root,
//! `.github/`, `docs/`, any letter case), in GitHub's order, and any other
//! file named `security.md` that Scorecard's basename matching could pick.

use std::path::Path;

/// Folders GitHub looks in for a security policy, in the order it picks
/// the one it shows: `.github/`, the root, `docs/` (GitHub's documented
/// order for files it looks for in these three folders).
const FOLDERS: &[&str] = &[".github", "", "docs"];

/// Names accepted there (Scorecard's `isSecurityPolicyFilename`: `.md`
/// and `.adoc` in all three folders, `.rst` under `docs/`; GitHub also
/// shows `.markdown`), compared without letter case.
const NAMES: &[&str] = &[
    "security.md",
    "security.markdown",
    "security.adoc",
    "security.rst",
];

/// Folders never searched for stray policies: vendored code, build output,
/// dependencies, VCS metadata.
const SKIPPED: &[&str] = &[
    ".git",
    "node_modules",
    "vendor",
    "third_party",
    "third-party",
    "target",
    "build",
    "dist",
    "out",
    ".venv",
    "venv",
    "__pycache__",
];

/// A limit on folders visited, so a huge tree cannot stall a check.
const MAX_DIRS: usize = 20_000;

/// Policy files where GitHub looks, workspace-relative with `/`, in
/// GitHub's order of precedence.
pub fn where_github_looks(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for folder in FOLDERS {
        let dir = if folder.is_empty() {
            root.to_path_buf()
        } else {
            match case_insensitive_child(root, folder) {
                Some(d) => root.join(d),
                None => continue,
            }
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| {
                let lower = n.to_ascii_lowercase();
                NAMES.contains(&lower.as_str()) && (lower != "security.rst" || *folder == "docs")
            })
            .collect();
        // `.md` before the other extensions, then by name, for a stable order.
        names.sort_by_key(|n| (!n.to_ascii_lowercase().ends_with(".md"), n.clone()));
        let prefix = match case_insensitive_child(root, folder) {
            Some(d) if !folder.is_empty() => format!("{d}/"),
            _ => String::new(),
        };
        found.extend(names.into_iter().map(|n| format!("{prefix}{n}")));
    }
    found
}

fn case_insensitive_child(root: &Path, name: &str) -> Option<String> {
    std::fs::read_dir(root)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .find(|n| n.eq_ignore_ascii_case(name))
}

/// Other files named `security.md` (any case) below `root`, outside
/// skipped folders; symbolic links are not followed.
pub fn strays(root: &Path, policies: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    let mut visited = 0;
    while let Some((dir, rel)) = stack.pop() {
        visited += 1;
        if visited > MAX_DIRS {
            break;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let path = format!("{rel}{name}");
            if kind.is_dir() {
                if !SKIPPED.contains(&name.to_ascii_lowercase().as_str()) {
                    stack.push((entry.path(), format!("{path}/")));
                }
            } else if kind.is_file()
                && name.eq_ignore_ascii_case("security.md")
                && !policies.contains(&path)
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Folders a site's security.txt is served from, relative to the root.
const SECURITY_TXT_DIRS: &[&str] = &["", "public", "static", "docs/static"];

/// security.txt files a repository serves (RFC 9116 §3: `/.well-known/`,
/// or the legacy top-level path), at the root and under `public/`,
/// `static/` and `docs/static/`.
pub fn security_txt_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for dir in SECURITY_TXT_DIRS {
        let base = root.join(dir);
        for candidate in [
            base.join(".well-known/security.txt"),
            base.join("security.txt"),
        ] {
            if candidate.is_file() {
                found.push(candidate);
            }
        }
    }
    found
}
