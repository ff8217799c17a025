//! The repository around a policy, read offline: git (`origin`, tags,
//! `HEAD`, shallowness) through gitoxide, versions from manifests and
//! `CHANGELOG.md`, and the policy files in the tree. The result is the
//! core's plain [`Workspace`]; the workspace rules read it through
//! [`WorkspaceFiles`], the core's `FileLookup` with workspace facts.
//!
//! Never runs a program and never reaches the network.

use secmd_core::workspace::{
    FactValue, InWorkspace, InsightsFacts, SecurityTxtFacts, Workspace, WorkspaceNote,
};
use secmd_core::FileLookup;
use secmd_fs::DiskFiles;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub mod changelog;
pub mod git;
pub mod insights;
pub mod manifests;
pub mod policies;

/// Manifest files read at the workspace root, with their readers.
type Reader = fn(&str, &str) -> manifests::ManifestResult;
const MANIFESTS: &[(&str, Reader)] = &[
    ("Cargo.toml", manifests::cargo),
    ("package.json", manifests::package_json),
    ("pyproject.toml", manifests::pyproject),
];

/// Manifests larger than this are not read (a version is in the first lines).
const MAX_MANIFEST: u64 = 4 * 1024 * 1024;

/// A workspace and where it is.
#[derive(Debug, Clone)]
pub struct Located {
    pub root: PathBuf,
    pub facts: Workspace,
}

/// The workspace around `path` (a policy file or a folder): the git work
/// tree that holds it, else the folder itself (a policy's folder, or the
/// parent of a `.github`/`docs` folder).
pub fn locate(path: &Path) -> Located {
    let (root, repo) = root_of(path);
    gather(root, repo.as_ref())
}

/// The workspace root for `path`, and its git repository.
fn root_of(path: &Path) -> (PathBuf, Option<git::Repo>) {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let start = if absolute.is_dir() {
        absolute.clone()
    } else {
        absolute.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let repo = git::discover(&start);
    let root = match &repo {
        Some(r) => r.work_dir.clone(),
        None => {
            let named = |n: &str| {
                start
                    .file_name()
                    .is_some_and(|f| f.to_string_lossy().eq_ignore_ascii_case(n))
            };
            if named(".github") || named("docs") {
                start.parent().map(Path::to_path_buf).unwrap_or(start)
            } else {
                start
            }
        }
    };
    (std::path::absolute(&root).unwrap_or(root), repo)
}

/// Reads the facts of the workspace at `root`.
fn gather(root: PathBuf, repo: Option<&git::Repo>) -> Located {
    let mut facts = Workspace::default();
    for (name, read) in MANIFESTS {
        let Some(text) = read_small(&root.join(name)) else {
            continue;
        };
        match text {
            Ok(text) => {
                let result = read(name, &text);
                facts.versions.extend(result.versions);
                facts.notes.extend(result.notes);
            }
            Err(message) => facts.notes.push(WorkspaceNote {
                file: name.to_string(),
                line: None,
                message,
            }),
        }
    }
    if let Some(r) = repo {
        let git = r.facts();
        if let Some((tag, _)) = git
            .tags
            .iter()
            .filter_map(|t| secmd_core::workspace::parse_version(t).map(|v| (t, v)))
            .max_by(|a, b| a.1.cmp(&b.1))
        {
            facts.versions.push(secmd_core::workspace::VersionFact {
                source: secmd_core::workspace::VersionSource::GitTag,
                file: tag.clone(),
                line: 0,
                version: tag.clone(),
            });
        }
        facts.origin = r.origin();
        facts.git = Some(git);
    }
    if let Some(Ok(text)) = read_small(&root.join("CHANGELOG.md")) {
        facts
            .versions
            .extend(changelog::newest_release("CHANGELOG.md", &text));
    }
    facts.policies = policies::where_github_looks(&root);
    cross_check_facts(&root, &mut facts);
    // Only a repository is a tree Scorecard scans; outside one, the folder
    // may be a home directory, too large and too unrelated to walk.
    if repo.is_some() {
        facts.stray_policies = policies::strays(&root, &facts.policies);
    }
    Located { root, facts }
}

/// What the cross-checks compare: every security.txt's fields, the
/// Security Insights file, the contacts of the policy GitHub shows.
fn cross_check_facts(root: &Path, facts: &mut Workspace) {
    for path in policies::security_txt_files(root) {
        let Some(Ok(text)) = read_small(&path) else {
            continue;
        };
        let Some(file) = relative_to(root, &path) else {
            continue;
        };
        facts.security_txts.push(SecurityTxtFacts {
            file,
            fields: secmd_core::crosscheck::security_txt_fields(&text),
        });
    }
    if let Some((file, path)) = insights::find(root) {
        let read = match read_small(&path) {
            Some(Ok(text)) => insights::read(&file, &text),
            Some(Err(message)) => Err((1, message)),
            None => Err((1, "cannot be read".to_string())),
        };
        facts.insights = Some(read.unwrap_or_else(|(line, message)| InsightsFacts {
            file: file.clone(),
            problem: Some(FactValue {
                value: message,
                line,
            }),
            ..InsightsFacts::default()
        }));
    }
    if let Some(shown) = facts.policies.first() {
        if let Some(Ok(text)) = read_small(&root.join(shown)) {
            facts.shown_policy = Some(secmd_core::crosscheck::policy_contacts(shown, &text));
        }
    }
}

/// `path` relative to `root`, with `/` separators.
fn relative_to(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Workspaces read once per root and shared by every policy in them (a
/// `--recursive` check of a monorepo reads the tree once, not per file).
///
/// A language server keeps one for its whole life and calls
/// [`Workspaces::refresh`] when a watched file of a root changes.
#[derive(Debug, Default)]
pub struct Workspaces {
    by_root: Mutex<HashMap<PathBuf, Arc<Located>>>,
    /// How many times a workspace's facts were read (tests prove with it
    /// that typing never re-reads the workspace).
    reads: std::sync::atomic::AtomicU64,
}

impl Workspaces {
    /// How many times facts were read from disk so far.
    pub fn reads(&self) -> u64 {
        self.reads.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The roots read so far.
    pub fn roots(&self) -> Vec<PathBuf> {
        self.by_root
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect()
    }

    /// Reads the facts of `root` again (a manifest, a tag or a policy file
    /// changed) and keeps them for the next [`Workspaces::around`]. Other
    /// roots are not touched.
    pub fn refresh(&self, root: &Path) -> Arc<Located> {
        let (found, repo) = root_of(root);
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let located = Arc::new(gather(found.clone(), repo.as_ref()));
        self.by_root
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(found, located.clone());
        located
    }

    /// The workspace around `path`, read on first use.
    pub fn around(&self, path: &Path) -> Arc<Located> {
        let (root, repo) = root_of(path);
        // A poisoned lock only means another file's check panicked; the map holds whole entries.
        if let Some(found) = self
            .by_root
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&root)
        {
            return found.clone();
        }
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let located = Arc::new(gather(root.clone(), repo.as_ref()));
        self.by_root
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(root)
            .or_insert(located)
            .clone()
    }
}

/// A file's text when it exists; `Err` names why it could not be read.
fn read_small(path: &Path) -> Option<Result<String, String>> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    if meta.len() > MAX_MANIFEST {
        return Some(Err(format!("larger than {MAX_MANIFEST} bytes, not read")));
    }
    Some(std::fs::read_to_string(path).map_err(|e| format!("cannot be read: {e}")))
}

impl Located {
    /// `path`'s workspace-relative form with `/`, when it is inside the workspace.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let absolute = std::path::absolute(path).ok()?;
        let rel = absolute.strip_prefix(&self.root).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }
}

/// The core's file lookup for a policy inside a workspace: files relative
/// to the policy (as [`DiskFiles`]) plus the workspace's facts.
pub struct WorkspaceFiles<'a> {
    disk: DiskFiles,
    workspace: &'a Located,
    path: Option<String>,
}

impl<'a> WorkspaceFiles<'a> {
    pub fn for_policy(policy: &Path, workspace: &'a Located) -> Self {
        WorkspaceFiles {
            disk: DiskFiles::for_policy(policy),
            workspace,
            path: workspace.relative(policy),
        }
    }

    /// The file lookups under `generation` (see [`DiskFiles::with_generation`]).
    pub fn with_generation(mut self, generation: u64) -> Self {
        self.disk = self.disk.with_generation(generation);
        self
    }
}

impl FileLookup for WorkspaceFiles<'_> {
    fn exists(&self, relative_path: &str) -> Option<bool> {
        self.disk.exists(relative_path)
    }

    fn lookup(&self, relative_path: &str) -> secmd_core::FileAnswer {
        self.disk.lookup(relative_path)
    }

    fn generation(&self) -> u64 {
        self.disk.generation()
    }

    fn file_name(&self) -> Option<&str> {
        self.disk.file_name()
    }

    fn workspace(&self) -> Option<InWorkspace<'_>> {
        Some(InWorkspace {
            facts: &self.workspace.facts,
            path: self.path.as_deref()?,
        })
    }
}
