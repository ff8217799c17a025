//! Configuration: `.secmd.toml` / `secmd.toml` contents, parsed from a string.
//!
//! Finding the file is the caller's job (the core does no IO); errors carry
//! the line and column so the caller can name `file:line:col`.

use crate::finding::Severity;
use crate::text::position::{self, Encoding};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// What a rule is set to in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

/// Section requirements and extra heading synonyms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    /// Required section ids (`reporting`, `supported-versions`); `None`
    /// means the default (both).
    pub required: Option<Vec<String>>,
    /// Extra heading texts per section id.
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
}

/// The parsed configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// Maximum age in days of a "Last Updated" date (`stale-date`).
    pub max_age_days: u32,
    /// Maximum acknowledgement time in days (`response-time`).
    pub max_response_days: u32,
    /// Per-rule severity or `off`, by rule code.
    #[serde(deserialize_with = "de_rules")]
    pub rules: BTreeMap<String, RuleLevel>,
    pub sections: SectionsConfig,
    /// Extra file globs the language server analyses besides `SECURITY.md`.
    pub include: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_age_days: 365,
            max_response_days: 14,
            rules: BTreeMap::new(),
            sections: SectionsConfig::default(),
            include: Vec::new(),
        }
    }
}

fn de_rules<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, RuleLevel>, D::Error> {
    let raw = BTreeMap::<String, String>::deserialize(d)?;
    raw.into_iter()
        .map(|(code, level)| {
            let level = if level.eq_ignore_ascii_case("off") {
                RuleLevel::Off
            } else {
                RuleLevel::Severity(Severity::parse(&level).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "rule `{code}`: unknown level `{level}` (expected error, warning, info, hint or off)"
                    ))
                })?)
            };
            Ok((code, level))
        })
        .collect()
}

/// A configuration that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses TOML text. Unknown keys and rule codes are errors, so typos
    /// do not silently leave a rule on.
    pub fn parse(source: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(source).map_err(|e| {
            let mut offset = e.span().map_or(0, |s| s.start);
            // toml points unknown fields and bad values of a table at the
            // table; point at the key the message names instead.
            if let Some(key) = e.message().split('`').nth(1) {
                if let Some(at) = find_key(source, key) {
                    offset = at;
                }
            }
            let (line, column) = line_col(source, offset);
            ConfigError {
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        for code in config.rules.keys() {
            if !crate::rules::registry::is_known_code(code) {
                let offset = find_key(source, code).unwrap_or(0);
                let (line, column) = line_col(source, offset);
                return Err(ConfigError {
                    line,
                    column,
                    message: format!("unknown rule `{code}` (see `secmd rules`)"),
                });
            }
        }
        Ok(config)
    }

    /// The configured level of a rule, or its default severity.
    pub fn level(&self, code: &str, default: Severity) -> RuleLevel {
        self.rules
            .get(code)
            .copied()
            .unwrap_or(RuleLevel::Severity(default))
    }
}

/// The offset of `key` written as a key at the start of a line.
fn find_key(source: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let rope = ropey::Rope::from_str(source);
    let at = position::offset_to_line_col(&rope, offset, Encoding::Utf32);
    (at.line as usize + 1, at.col as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_and_options() {
        let c = Config::parse("max-age-days = 30\n[rules]\ninsecure-link = \"off\"\n").unwrap();
        assert_eq!(c.max_age_days, 30);
        assert_eq!(c.rules["insecure-link"], RuleLevel::Off);
        let c = Config::parse("[rules]\ninsecure-link = \"error\"\n").unwrap();
        assert_eq!(
            c.rules["insecure-link"],
            RuleLevel::Severity(Severity::Error)
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = Config::parse("max-age-days = 30\nmax-age-dayz = 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.contains("unknown field `max-age-dayz`"),
            "{}",
            e.message
        );
        let e = Config::parse("[rules]\nplaceholdr = \"off\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "2:1: unknown rule `placeholdr` (see `secmd rules`)"
        );
        let e = Config::parse("[rules]\ninsecure-link = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
