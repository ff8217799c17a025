//! OpenSSF Security Insights (`SECURITY-INSIGHTS.yml`): the reporting
//! contacts, the policy URL and the bug-bounty flag, from the v1 and v2
//! layouts, read with `yaml-rust2`. A file that does not parse, or is not a
//! mapping, gives the error and its line instead, never a failure.
//!
//! v1 (`header.schema-version: 1.x`): `security-contacts[].value`,
//! `vulnerability-reporting.email-contact`,
//! `vulnerability-reporting.security-policy`,
//! `vulnerability-reporting.bug-bounty-available`.
//! v2 (`header.schema-version: 2.x`):
//! `project.vulnerability-reporting.contact.email`,
//! `project.vulnerability-reporting.policy`,
//! `project.vulnerability-reporting.bug-bounty-available`,
//! `repository.security.policy`… (and the same keys at the top level,
//! which some files use).

use secmd_core::workspace::{FactValue, InsightsFacts};
use std::path::Path;
use yaml_rust2::{Yaml, YamlLoader};

/// File names looked for, at the root and under `.github/`.
const NAMES: &[&str] = &["SECURITY-INSIGHTS.yml", "security-insights.yml"];

/// The insights file of a workspace: its workspace-relative path and text.
pub fn find(root: &Path) -> Option<(String, std::path::PathBuf)> {
    for dir in ["", ".github"] {
        for name in NAMES {
            let rel = if dir.is_empty() {
                name.to_string()
            } else {
                format!("{dir}/{name}")
            };
            let path = root.join(&rel);
            if path.is_file() {
                return Some((rel, path));
            }
        }
    }
    None
}

/// Reads the facts from a file's text; `Err((line, message))` when it is
/// not YAML or not a mapping.
pub fn read(file: &str, text: &str) -> Result<InsightsFacts, (usize, String)> {
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| (e.marker().line().max(1), e.info().to_string()))?;
    let doc = docs.into_iter().next().unwrap_or(Yaml::Null);
    if doc.as_hash().is_none() {
        return Err((1, "not a YAML mapping".to_string()));
    }
    let mut facts = InsightsFacts {
        file: file.to_string(),
        ..InsightsFacts::default()
    };
    let at = |value: &str| FactValue {
        value: value.to_string(),
        line: line_of(text, value),
    };
    // v2 nests vulnerability reporting under `project`; v1 has it at the top.
    let reporting: Vec<&Yaml> = [
        &doc["vulnerability-reporting"],
        &doc["project"]["vulnerability-reporting"],
    ]
    .into_iter()
    .filter(|y| y.as_hash().is_some())
    .collect();
    if let Some(contacts) = doc["security-contacts"].as_vec() {
        for c in contacts {
            if let Some(v) = c["value"].as_str() {
                facts.contacts.push(at(v));
            }
        }
    }
    for r in &reporting {
        for v in [r["email-contact"].as_str(), r["contact"]["email"].as_str()]
            .into_iter()
            .flatten()
        {
            if !facts.contacts.iter().any(|c| c.value == v) {
                facts.contacts.push(at(v));
            }
        }
        if facts.policy.is_none() {
            facts.policy = [r["security-policy"].as_str(), r["policy"].as_str()]
                .into_iter()
                .flatten()
                .next()
                .map(at);
        }
        if facts.bug_bounty.is_none() {
            facts.bug_bounty = r["bug-bounty-available"]
                .as_bool()
                .map(|b| (b, key_line(text, "bug-bounty-available")));
        }
    }
    if facts.policy.is_none() {
        facts.policy = doc["repository"]["security"]["policy"].as_str().map(at);
    }
    Ok(facts)
}

/// The 1-based line where `value` first appears (1 when it cannot be found,
/// e.g. a value written across lines).
fn line_of(text: &str, value: &str) -> usize {
    text.find(value)
        .map(|i| text[..i].matches('\n').count() + 1)
        .unwrap_or(1)
}

/// The line of a `key:`.
fn key_line(text: &str, key: &str) -> usize {
    line_of(text, &format!("{key}:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "header:
  schema-version: 1.0.0
  project-url: https://github.com/acme/widget
security-contacts:
  - type: email
    value: security@acme.example
    primary: true
vulnerability-reporting:
  accepts-vulnerability-reports: true
  email-contact: security@acme.example
  security-policy: https://github.com/acme/widget/security/policy
  bug-bounty-available: false
";

    const V2: &str = "header:
  schema-version: 2.0.0
project:
  name: widget
  vulnerability-reporting:
    reports-accepted: true
    bug-bounty-available: true
    policy: https://github.com/acme/widget/blob/main/SECURITY.md
    contact:
      name: Security team
      email: sec@acme.example
";

    #[test]
    fn v1_layout() {
        let f = read("SECURITY-INSIGHTS.yml", V1).unwrap();
        assert_eq!(
            f.contacts,
            [FactValue {
                value: "security@acme.example".into(),
                line: 6
            }]
        );
        assert_eq!(
            f.policy,
            Some(FactValue {
                value: "https://github.com/acme/widget/security/policy".into(),
                line: 11
            })
        );
        assert_eq!(f.bug_bounty, Some((false, 12)));
    }

    #[test]
    fn v2_layout() {
        let f = read("SECURITY-INSIGHTS.yml", V2).unwrap();
        assert_eq!(
            f.contacts,
            [FactValue {
                value: "sec@acme.example".into(),
                line: 11
            }]
        );
        assert_eq!(f.policy.map(|p| p.line), Some(8));
        assert_eq!(f.bug_bounty, Some((true, 7)));
    }

    #[test]
    fn malformed_files_name_the_line() {
        assert_eq!(
            read("x.yml", "header:\n  a: [1, 2\nb: c\n").unwrap_err().0,
            3
        );
        assert_eq!(
            read("x.yml", "- just\n- a list\n").unwrap_err(),
            (1, "not a YAML mapping".to_string())
        );
    }
}
