//! Settings from the client, merged over the `.secmd.toml` file.
//!
//! Client settings arrive as JSON under the section `secmd` (through
//! `initializationOptions`, `workspace/configuration` or
//! `didChangeConfiguration`):
//! `{ "rules": { "<code>": "error|warning|info|hint|off" }, "maxAgeDays": 365, "include": [...] }`.
//!
//! Precedence: **client settings win** over the config file, key by key
//! (each `rules` entry separately; `include` globs are added to the file's).
//! The file is the project's shared default (and what `secmd check` uses in
//! CI); a setting is an explicit choice of the person at the editor, as in
//! ruff's default `editorFirst`.

use secmd_core::{Config, RuleLevel, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Parsed client settings; `None`/empty means "not set".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub rules: Vec<(String, RuleLevel)>,
    pub max_age_days: Option<u32>,
    pub include: Vec<String>,
}

impl Settings {
    /// Reads settings JSON, accepting both `{ "secmd": {...} }` and the bare
    /// object. Invalid entries are skipped and described in the returned
    /// warnings (shown to the user), never fatal.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let value = value.get("secmd").unwrap_or(value);
        let mut s = Settings::default();
        let mut warnings = Vec::new();
        let Some(obj) = value.as_object() else {
            if !value.is_null() {
                warnings.push("secmd settings: expected an object".to_string());
            }
            return (s, warnings);
        };
        if let Some(rules) = obj.get("rules") {
            match rules.as_object() {
                Some(map) => {
                    for (code, level) in map {
                        if !secmd_core::rules::is_known_code(code) {
                            warnings.push(format!(
                                "secmd settings: rules.{code}: unknown rule (see `secmd rules`)"
                            ));
                            continue;
                        }
                        match level.as_str().and_then(parse_level) {
                            Some(l) => s.rules.push((code.clone(), l)),
                            None => warnings.push(format!(
                                "secmd settings: rules.{code}: expected \"error\", \"warning\", \"info\", \"hint\" or \"off\", got {level}"
                            )),
                        }
                    }
                }
                None => warnings.push("secmd settings: rules: expected an object".to_string()),
            }
        }
        match obj.get("maxAgeDays") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => s.max_age_days = Some(n),
                None => warnings.push(format!(
                    "secmd settings: maxAgeDays: expected a whole number of days, got {v}"
                )),
            },
        }
        match obj.get("include") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for item in items {
                    match item.as_str() {
                        Some(g) => s.include.push(g.to_string()),
                        None => warnings.push(format!(
                            "secmd settings: include: expected glob strings, got {item}"
                        )),
                    }
                }
            }
            Some(v) => warnings.push(format!(
                "secmd settings: include: expected an array of globs, got {v}"
            )),
        }
        (s, warnings)
    }

    /// The settings applied over a file's (or the default) configuration.
    pub fn apply(&self, mut config: Config) -> Config {
        for (code, level) in &self.rules {
            config.rules.insert(code.clone(), *level);
        }
        if let Some(days) = self.max_age_days {
            config.max_age_days = days;
        }
        config.include.extend(self.include.iter().cloned());
        config
    }
}

fn parse_level(s: &str) -> Option<RuleLevel> {
    if s.eq_ignore_ascii_case("off") {
        Some(RuleLevel::Off)
    } else {
        Severity::parse(s).map(RuleLevel::Severity)
    }
}

/// The configuration file that applies to a document, and its outcome.
#[derive(Debug, Clone)]
pub struct FileConfig {
    pub path: Option<PathBuf>,
    pub config: Config,
    /// A config file that could not be read or parsed, as
    /// `path:line:col: message`; the defaults are used instead.
    pub error: Option<String>,
}

/// Finds and loads the config file for a document on disk (nearest
/// `.secmd.toml`/`secmd.toml` walking up from the document). Untitled
/// buffers (`path == None`) use the first workspace folder's file, if any.
pub fn load_for(path: Option<&Path>, fallback_dir: Option<&Path>) -> FileConfig {
    let found = match path {
        Some(p) => secmd_fs::find_config(p),
        None => fallback_dir.and_then(secmd_fs::find_config),
    };
    let Some(file) = found else {
        return FileConfig {
            path: None,
            config: Config::default(),
            error: None,
        };
    };
    match secmd_fs::load_config(&file) {
        Ok(config) => FileConfig {
            path: Some(file),
            config,
            error: None,
        },
        Err(e) => FileConfig {
            path: Some(file),
            config: Config::default(),
            error: Some(e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_win_over_the_file() {
        let (s, w) = Settings::from_json(&json!({"secmd": {
            "rules": {"insecure-link": "off"}, "maxAgeDays": 30, "include": ["docs/*.md"]
        }}));
        assert!(w.is_empty(), "{w:?}");
        let file = Config::parse(
            "max-age-days = 90\ninclude = [\"x.md\"]\n[rules]\ninsecure-link = \"error\"\n",
        )
        .unwrap();
        let c = s.apply(file);
        assert_eq!(c.rules["insecure-link"], RuleLevel::Off);
        assert_eq!(c.max_age_days, 30);
        assert_eq!(c.include, vec!["x.md".to_string(), "docs/*.md".to_string()]);
    }

    #[test]
    fn bad_settings_are_warnings() {
        let (s, w) = Settings::from_json(&json!({
            "rules": {"insecure-link": "loud", "nope": "off"}, "maxAgeDays": -1, "include": "x"
        }));
        assert_eq!(s, Settings::default());
        assert_eq!(
            w,
            vec![
                "secmd settings: rules.insecure-link: expected \"error\", \"warning\", \"info\", \"hint\" or \"off\", got \"loud\"".to_string(),
                "secmd settings: rules.nope: unknown rule (see `secmd rules`)".to_string(),
                "secmd settings: maxAgeDays: expected a whole number of days, got -1".to_string(),
                "secmd settings: include: expected an array of globs, got \"x\"".to_string(),
            ]
        );
    }
}
