//! Which configuration applies to each file: `--config` if given, else the
//! nearest `.secmd.toml` walking up from the file (loaded once per config
//! file), with `--select`/`--ignore` applied on top.

use secmd_core::rules::all_meta;
use secmd_core::{Config, RuleLevel};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// `--select` and `--ignore`, validated.
#[derive(Debug, Default)]
pub struct Selection {
    /// `None`: every rule.
    select: Option<BTreeSet<&'static str>>,
    ignore: BTreeSet<&'static str>,
}

impl Selection {
    /// Validates codes; an unknown code is a usage error naming the option.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection, String> {
        let known = |option: &str, codes: &[String]| -> Result<BTreeSet<&'static str>, String> {
            codes
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(|c| {
                    all_meta()
                        .find(|m| m.code == c)
                        .map(|m| m.code)
                        .ok_or_else(|| {
                            format!("{option}: unknown rule code `{c}` (`secmd rules` lists them)")
                        })
                })
                .collect()
        };
        let select = known("--select", select)?;
        Ok(Selection {
            select: (!select.is_empty()).then_some(select),
            ignore: known("--ignore", ignore)?,
        })
    }

    /// Whether findings of `code` are reported.
    pub fn keeps(&self, code: &str) -> bool {
        !self.ignore.contains(code) && self.select.as_ref().is_none_or(|s| s.contains(code))
    }

    /// Turns unselected rules off (so they do not even run). A rule named in
    /// `--select` runs even when the config turns it off: the command line
    /// is the more specific request.
    pub fn apply(&self, config: &mut Config) {
        for meta in all_meta() {
            if !self.keeps(meta.code) {
                config.rules.insert(meta.code.to_string(), RuleLevel::Off);
            } else if self.select.is_some() && config.rules.get(meta.code) == Some(&RuleLevel::Off)
            {
                config.rules.remove(meta.code);
            }
        }
    }
}

type Loaded = Result<Arc<Config>, String>;

/// The configurations of a run, shared by the worker threads.
pub struct Configs {
    explicit: Option<Arc<Config>>,
    selection: Selection,
    cwd: PathBuf,
    /// Keyed by config file; the empty path is "no config found".
    cache: Mutex<HashMap<PathBuf, Loaded>>,
}

impl Configs {
    /// Loads `--config` up front: a broken explicit config stops the run.
    pub fn new(explicit: Option<&Path>, selection: Selection) -> Result<Configs, String> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let explicit = match explicit {
            Some(path) => {
                let mut config = load(path, &cwd)?;
                selection.apply(&mut config);
                Some(Arc::new(config))
            }
            None => None,
        };
        Ok(Configs {
            explicit,
            selection,
            cwd,
            cache: Mutex::new(HashMap::new()),
        })
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The configuration for a policy (`None`: stdin, found from the
    /// current folder). The error names `file:line:col`.
    pub fn for_policy(&self, policy: Option<&Path>) -> Loaded {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let found = secmd_fs::find_config(policy.unwrap_or(&self.cwd)).unwrap_or_default();
        if let Some(hit) = self.lock().get(&found) {
            return hit.clone();
        }
        // Loaded outside the lock; two threads may both load the same file
        // once, which is harmless.
        let loaded = if found.as_os_str().is_empty() {
            Ok(Config::default())
        } else {
            load(&found, &self.cwd)
        };
        let loaded = loaded.map(|mut c| {
            self.selection.apply(&mut c);
            Arc::new(c)
        });
        self.lock().insert(found, loaded.clone());
        loaded
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Loaded>> {
        // A poisoned cache only means another thread panicked mid-insert;
        // the map itself is still consistent.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Loads a config; errors name the file relative to the current folder.
fn load(path: &Path, cwd: &Path) -> Result<Config, String> {
    secmd_fs::load_config(path).map_err(|e| {
        let shown = path.strip_prefix(cwd).unwrap_or(path).display().to_string();
        match e {
            secmd_fs::ConfigLoadError::Io { source, .. } => {
                format!("{shown}: cannot read config: {source}")
            }
            // Every error, one per line, each naming file:line:col.
            secmd_fs::ConfigLoadError::Parse { errors, .. } => errors
                .iter()
                .map(|e| format!("{shown}:{e}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    })
}
