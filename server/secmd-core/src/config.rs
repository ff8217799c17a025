//! Configuration: `.secmd.toml` / `secmd.toml` contents, parsed from a string.
//!
//! Finding the file is the caller's job (the core does no IO). The text is
//! parsed with `toml_edit`, which keeps every key's and value's position,
//! and then checked key by key, so one pass reports every problem (unknown
//! keys, rule codes and section ids, bad levels, invalid `include` globs),
//! each with its line and column. A TOML syntax error stops the parse and
//! is the only error; a duplicate key is located at its second occurrence.

use crate::finding::Severity;
use crate::text::position::{self, Encoding};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use toml_edit::{ImDocument, Item, TableLike};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Maximum age in days of a "Last Updated" date (`stale-date`).
    pub max_age_days: u32,
    /// Maximum acknowledgement time in days (`response-time`).
    pub max_response_days: u32,
    /// Per-rule severity or `off`, by rule code.
    pub rules: BTreeMap<String, RuleLevel>,
    pub sections: SectionsConfig,
    /// Extra file globs the language server analyses besides `SECURITY.md`.
    pub include: Vec<String>,
    /// Repositories (`owner/name`, or `owner/*`) that links may point at on
    /// purpose although they are not `origin` (`repository-mismatch`).
    pub allowed_repositories: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_age_days: 365,
            max_response_days: 14,
            rules: BTreeMap::new(),
            sections: SectionsConfig::default(),
            include: Vec::new(),
            allowed_repositories: Vec::new(),
        }
    }
}

/// A problem in a configuration, located.
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

const TOP_KEYS: &[&str] = &[
    "max-age-days",
    "max-response-days",
    "rules",
    "sections",
    "include",
    "allowed-repositories",
];
const SECTIONS_KEYS: &[&str] = &["required", "synonyms"];

/// The section ids `[sections]` may name: `policy::sections::SectionId::id`
/// of each section, listed here so that the configuration does not depend on
/// the policy analysis (which reads the configuration); a test keeps the two
/// equal.
const SECTION_IDS: &[&str] = &["reporting", "supported-versions"];

impl Config {
    /// Parses TOML text; the error is the first problem (see
    /// [`Config::parse_all`] for every one).
    pub fn parse(source: &str) -> Result<Config, ConfigError> {
        Config::parse_all(source).map_err(|mut all| all.swap_remove(0))
    }

    /// Parses TOML text. Unknown keys, rule codes and section ids are
    /// errors, so typos do not silently leave a rule on; every problem is
    /// reported, in the order of the text.
    pub fn parse_all(source: &str) -> Result<Config, Vec<ConfigError>> {
        let doc = ImDocument::parse(source).map_err(|e| vec![syntax_error(source, &e)])?;
        let mut p = Checker {
            source,
            errors: Vec::new(),
        };
        let config = p.config(doc.as_table());
        if p.errors.is_empty() {
            Ok(config)
        } else {
            p.errors.sort_by_key(|e| (e.line, e.column));
            Err(p.errors)
        }
    }

    /// The configured level of a rule, or its default severity.
    pub fn level(&self, code: &str, default: Severity) -> RuleLevel {
        self.rules
            .get(code)
            .copied()
            .unwrap_or(RuleLevel::Severity(default))
    }
}

/// A TOML syntax error; a duplicate key is pointed at its second occurrence
/// (the one to delete), which `toml_edit` does not say.
fn syntax_error(source: &str, e: &toml_edit::TomlError) -> ConfigError {
    let message = e.message().trim().to_string();
    let mut offset = e.span().map_or(0, |s| s.start);
    if message.starts_with("duplicate key") {
        if let Some(key) = message.split('`').nth(1) {
            if let Some(second) = key_lines(source, key).nth(1) {
                offset = second;
            }
        }
    }
    let (line, column) = line_col(source, offset);
    ConfigError {
        line,
        column,
        message,
    }
}

/// Offsets of the lines that assign `key` (`key =`, `"key" =`) or open a
/// `[key]` / `[parent.key]` table.
fn key_lines<'a>(source: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut offset = 0;
    source.split_inclusive('\n').filter_map(move |line| {
        let at = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let assigns = [key.to_string(), format!("\"{key}\"")].iter().any(|k| {
            trimmed
                .strip_prefix(k.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        let header = trimmed
            .strip_prefix('[')
            .and_then(|t| t.split(']').next())
            .is_some_and(|h| h.trim().rsplit('.').next() == Some(key));
        (assigns || header).then_some(at + indent)
    })
}

struct Checker<'a> {
    source: &'a str,
    errors: Vec<ConfigError>,
}

impl Checker<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: String) {
        let (line, column) = line_col(self.source, span.map_or(0, |s| s.start));
        self.errors.push(ConfigError {
            line,
            column,
            message,
        });
    }

    /// Reports keys of `table` not in `known`.
    fn unknown_keys(&mut self, table: &dyn TableLike, known: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !known.contains(&key) {
                let span = table.get_key_value(key).and_then(|(k, _)| k.span());
                let expected = known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(
                    span,
                    format!("unknown field `{key}`{what}, expected one of {expected}"),
                );
            }
        }
    }

    fn config(&mut self, top: &toml_edit::Table) -> Config {
        let mut config = Config::default();
        self.unknown_keys(top, TOP_KEYS, "");
        if let Some(item) = top.get("max-age-days") {
            config.max_age_days = self.days(item, "max-age-days", config.max_age_days);
        }
        if let Some(item) = top.get("max-response-days") {
            config.max_response_days =
                self.days(item, "max-response-days", config.max_response_days);
        }
        if let Some(item) = top.get("rules") {
            config.rules = self.rules(item);
        }
        if let Some(item) = top.get("sections") {
            config.sections = self.sections(item);
        }
        if let Some(item) = top.get("include") {
            config.include = self.globs(item);
        }
        if let Some(item) = top.get("allowed-repositories") {
            config.allowed_repositories = self.repositories(item);
        }
        config
    }

    /// `owner/name` or `owner/*`: anything else could never match a link.
    fn repositories(&mut self, item: &Item) -> Vec<String> {
        self.strings(item, "allowed-repositories", |c, repo, span| {
            let valid = repo.split_once('/').is_some_and(|(owner, name)| {
                !owner.is_empty() && !name.is_empty() && !owner.contains('*') && !name.contains('/')
            });
            if !valid {
                c.error(
                    span,
                    format!("allowed-repositories: `{repo}` is not `owner/name` or `owner/*`"),
                );
            }
            valid
        })
    }

    fn days(&mut self, item: &Item, key: &str, default: u32) -> u32 {
        match item.as_integer().map(u32::try_from) {
            Some(Ok(n)) => n,
            _ => {
                self.error(
                    item.span(),
                    format!(
                        "{key}: expected a number of days (0 to {}), got {}",
                        u32::MAX,
                        shown(item)
                    ),
                );
                default
            }
        }
    }

    fn table<'i>(&mut self, item: &'i Item, key: &str) -> Option<&'i dyn TableLike> {
        let table = item.as_table_like();
        if table.is_none() {
            self.error(
                item.span(),
                format!("{key}: expected a table, got {}", shown(item)),
            );
        }
        table
    }

    fn rules(&mut self, item: &Item) -> BTreeMap<String, RuleLevel> {
        let mut rules = BTreeMap::new();
        let Some(table) = self.table(item, "rules") else {
            return rules;
        };
        for (code, value) in table.iter() {
            let key_span = table.get_key_value(code).and_then(|(k, _)| k.span());
            if !crate::rules::registry::is_known_code(code) {
                self.error(
                    key_span,
                    format!("unknown rule `{code}` (see `secmd rules`)"),
                );
                continue;
            }
            let level = value.as_str().and_then(|level| {
                if level.eq_ignore_ascii_case("off") {
                    Some(RuleLevel::Off)
                } else {
                    Severity::parse(level).map(RuleLevel::Severity)
                }
            });
            match level {
                Some(level) => {
                    rules.insert(code.to_string(), level);
                }
                None => {
                    let got = value
                        .as_str()
                        .map_or_else(|| shown(value), |s| format!("`{s}`"));
                    self.error(
                        value.span(),
                        format!(
                            "rule `{code}`: unknown level {got} (expected error, warning, info, hint or off)"
                        ),
                    )
                }
            }
        }
        rules
    }

    fn sections(&mut self, item: &Item) -> SectionsConfig {
        let mut sections = SectionsConfig::default();
        let Some(table) = self.table(item, "sections") else {
            return sections;
        };
        self.unknown_keys(table, SECTIONS_KEYS, " in [sections]");
        if let Some(required) = table.get("required") {
            let ids = self.strings(required, "sections.required", |c, s, span| {
                c.section_id(s, span, "sections.required")
            });
            sections.required = Some(ids);
        }
        if let Some(synonyms) = table.get("synonyms") {
            if let Some(by_id) = self.table(synonyms, "sections.synonyms") {
                for (id, names) in by_id.iter() {
                    let span = by_id.get_key_value(id).and_then(|(k, _)| k.span());
                    let known = self.section_id(id, span, "sections.synonyms");
                    let names = self.strings(names, "sections.synonyms", |_, _, _| true);
                    if known {
                        sections.synonyms.insert(id.to_string(), names);
                    }
                }
            }
        }
        sections
    }

    fn section_id(&mut self, id: &str, span: Option<Range<usize>>, key: &str) -> bool {
        if SECTION_IDS.contains(&id) {
            return true;
        }
        let known = SECTION_IDS
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ");
        self.error(
            span,
            format!("{key}: unknown section `{id}` (known: {known})"),
        );
        false
    }

    /// An array of strings; `keep` checks each (and reports a bad one).
    fn strings(
        &mut self,
        item: &Item,
        key: &str,
        mut keep: impl FnMut(&mut Self, &str, Option<Range<usize>>) -> bool,
    ) -> Vec<String> {
        let Some(array) = item.as_array() else {
            self.error(
                item.span(),
                format!("{key}: expected an array of strings, got {}", shown(item)),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(s) => {
                    if keep(self, s, value.span()) {
                        out.push(s.to_string());
                    }
                }
                None => self.error(
                    value.span(),
                    format!(
                        "{key}: expected a string, got `{}`",
                        value.to_string().trim()
                    ),
                ),
            }
        }
        out
    }

    fn globs(&mut self, item: &Item) -> Vec<String> {
        self.strings(item, "include", |c, glob, span| match glob_problem(glob) {
            None => true,
            Some(why) => {
                c.error(
                    span,
                    format!("include: `{glob}` is not a valid glob: {why}"),
                );
                false
            }
        })
    }
}

/// Why an `include` glob can never match as meant, if it cannot. Globs
/// are matched against a path relative to the workspace (`*`, `**` as a
/// whole segment, `?`); other glob syntax would be taken literally.
pub fn glob_problem(glob: &str) -> Option<&'static str> {
    let glob = glob.trim_start_matches("./");
    if glob.is_empty() {
        return Some("it is empty");
    }
    if glob.starts_with('/') {
        return Some("it must be relative to the workspace, not start with `/`");
    }
    if glob.contains('\\') {
        return Some("use `/` between folders");
    }
    if glob.contains(['[', ']', '{', '}']) {
        return Some("`[...]` and `{...}` are not supported (only `*`, `**` and `?`)");
    }
    let segments: Vec<&str> = glob.split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Some("it has an empty folder name (`//` or a trailing `/`)");
    }
    if segments.contains(&"..") {
        return Some("`..` cannot leave the workspace");
    }
    if segments.iter().any(|s| s.contains("**") && *s != "**") {
        return Some("`**` must be a whole folder name (`a/**/b`)");
    }
    None
}

/// An item shown in a message: its TOML text, or its kind.
fn shown(item: &Item) -> String {
    match item {
        Item::Value(v) => format!("`{}`", v.to_string().trim()),
        Item::Table(_) => "a table".to_string(),
        Item::ArrayOfTables(_) => "an array of tables".to_string(),
        Item::None => "nothing".to_string(),
    }
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
        let c = Config::parse(
            "include = [\"docs/*.md\", \"**/POLICY.md\"]\nsections = { required = [\"reporting\"], \
             synonyms = { reporting = [\"Bugs\"] } }\n",
        )
        .unwrap();
        assert_eq!(c.include, ["docs/*.md", "**/POLICY.md"]);
        assert_eq!(
            c.sections.required.as_deref(),
            Some(&["reporting".to_string()][..])
        );
        assert_eq!(c.sections.synonyms["reporting"], ["Bugs"]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = Config::parse("max-age-days = 30\nmax-age-dayz = 1\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "2:1: unknown field `max-age-dayz`, expected one of `max-age-days`, \
             `max-response-days`, `rules`, `sections`, `include`, `allowed-repositories`"
        );
        let e = Config::parse("[rules]\nplaceholdr = \"off\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "2:1: unknown rule `placeholdr` (see `secmd rules`)"
        );
        let e = Config::parse("[rules]\ninsecure-link = \"loud\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "2:17: rule `insecure-link`: unknown level `loud` (expected error, warning, info, hint or off)"
        );
    }

    fn all(source: &str) -> Vec<String> {
        Config::parse_all(source)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_error_is_reported() {
        let source = "\
max-age-days = -1
colour = 1
include = [\"docs/[ab].md\", \"\", \"../x.md\", \"a**/b\", 3]

[rules]
placeholdr = \"off\"
insecure-link = \"loud\"

[sections]
required = [\"reporting\", \"reportng\"]
synonyms = { contacts = [\"Mail\"], reporting = [\"Bugs\"] }
";
        assert_eq!(
            all(source),
            [
                "1:16: max-age-days: expected a number of days (0 to 4294967295), got `-1`",
                "2:1: unknown field `colour`, expected one of `max-age-days`, `max-response-days`, `rules`, `sections`, `include`, `allowed-repositories`",
                "3:12: include: `docs/[ab].md` is not a valid glob: `[...]` and `{...}` are not supported (only `*`, `**` and `?`)",
                "3:28: include: `` is not a valid glob: it is empty",
                "3:32: include: `../x.md` is not a valid glob: `..` cannot leave the workspace",
                "3:43: include: `a**/b` is not a valid glob: `**` must be a whole folder name (`a/**/b`)",
                "3:52: include: expected a string, got `3`",
                "6:1: unknown rule `placeholdr` (see `secmd rules`)",
                "7:17: rule `insecure-link`: unknown level `loud` (expected error, warning, info, hint or off)",
                "10:26: sections.required: unknown section `reportng` (known: `reporting`, `supported-versions`)",
                "11:14: sections.synonyms: unknown section `contacts` (known: `reporting`, `supported-versions`)",
            ]
        );
    }

    #[test]
    fn section_ids_are_the_policy_sections() {
        let ids: Vec<&str> = crate::policy::sections::SectionId::ALL
            .iter()
            .map(|s| s.id())
            .collect();
        assert_eq!(ids, SECTION_IDS);
    }

    #[test]
    fn allowed_repositories_are_owner_and_name_or_owner_star() {
        let config =
            Config::parse("allowed-repositories = [\"acme/security\", \"acme-tools/*\"]\n")
                .unwrap();
        assert_eq!(
            config.allowed_repositories,
            ["acme/security", "acme-tools/*"]
        );
        assert_eq!(
            all("allowed-repositories = [\"acme\", \"*/x\", \"a/b/c\"]\n"),
            [
                "1:25: allowed-repositories: `acme` is not `owner/name` or `owner/*`",
                "1:33: allowed-repositories: `*/x` is not `owner/name` or `owner/*`",
                "1:40: allowed-repositories: `a/b/c` is not `owner/name` or `owner/*`",
            ]
        );
    }

    #[test]
    fn a_duplicate_key_is_located_at_its_second_occurrence() {
        assert_eq!(
            all("max-age-days = 30\n\n[rules]\ninsecure-link = \"off\"\ninsecure-link = \"error\"\n"),
            ["5:1: duplicate key `insecure-link` in table `rules`"]
        );
        assert_eq!(
            all("[rules]\n\n[sections]\n\n[rules]\n"),
            ["5:1: invalid table header\nduplicate key `rules` in document root"]
        );
    }

    #[test]
    fn glob_rules() {
        for ok in [
            "SECURITY.md",
            "docs/*.md",
            "**/POLICY.md",
            "a/**/b?.md",
            "./x.md",
        ] {
            assert_eq!(glob_problem(ok), None, "{ok}");
        }
        for bad in [
            "", "/abs.md", "a\\b.md", "{a,b}.md", "a//b", "x/", "../up", "**x",
        ] {
            assert!(glob_problem(bad).is_some(), "{bad}");
        }
    }
}
