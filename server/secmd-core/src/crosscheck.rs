//! Cross-checks between a workspace's files, on the side of the files that
//! are not the policy: a security.txt's findings from the workspace rules
//! (`contact-mismatch`, `policy-url-mismatch`), and the facts
//! `secmd-workspace` gathers from texts (security.txt fields, the shown
//! policy's contacts) with the core's parsers, so both sides read files
//! the same way.

use crate::policy::contacts::{contacts, fingerprints};
use crate::rules::{contact_mismatch, policy_url_mismatch};
use crate::workspace::{FactValue, PolicyContacts, TxtField};
use crate::{Analyzer, Config, Document, Finding, NoFiles, Options};

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The `Field: value` lines of a security.txt, with lines and value ranges.
pub fn security_txt_fields(text: &str) -> Vec<TxtField> {
    crate::security_txt::parse(text)
        .fields
        .into_iter()
        .map(|f| TxtField {
            line: line_of(text, f.name_range.start),
            name: f.name,
            value: f.value,
            value_range: f.value_range,
        })
        .collect()
}

/// The contacts and key fingerprints of a policy's text (`file` is its
/// workspace-relative path).
pub fn policy_contacts(file: &str, text: &str) -> PolicyContacts {
    // Contacts do not depend on the day; any valid date will do.
    let Some(today) = crate::Date::from_ymd(2000, 1, 1) else {
        return PolicyContacts::default();
    };
    let config = Config::default();
    let options = Options {
        config: &config,
        today,
        files: &NoFiles,
    };
    let document = Document::new(text);
    let (_, doc) = Analyzer::new().analyze_with_view(&document, &options);
    PolicyContacts {
        file: file.to_string(),
        contacts: contacts(&doc)
            .into_iter()
            .map(|c| FactValue {
                line: line_of(text, c.range.start),
                value: c.key,
            })
            .collect(),
        fingerprints: fingerprints(text)
            .into_iter()
            .map(|(fp, r)| FactValue {
                value: fp,
                line: line_of(text, r.start),
            })
            .collect(),
    }
}

/// Every finding on a security.txt, as the CLI and the server report it:
/// RFC 9116's checks, then the cross-checks with the workspace's policy,
/// with the configured rule levels applied.
pub fn security_txt_findings(text: &str, options: &Options) -> Vec<Finding> {
    let mut findings = crate::security_txt::check(text, options.today);
    findings.extend(check_security_txt(text, options));
    findings
        .into_iter()
        .filter_map(|f| match options.config.rules.get(f.code) {
            Some(crate::RuleLevel::Off) => None,
            Some(crate::RuleLevel::Severity(s)) => Some(f.with_severity(*s)),
            None => Some(f),
        })
        .collect()
}

/// A security.txt's cross-file findings (none outside a workspace).
pub fn check_security_txt(text: &str, options: &Options) -> Vec<Finding> {
    let Some(ws) = options.files.workspace() else {
        return Vec::new();
    };
    let fields = security_txt_fields(text);
    let mut out = contact_mismatch::on_security_txt(text, &fields, &ws);
    out.extend(policy_url_mismatch::on_security_txt(&fields, &ws));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_contacts_with_lines() {
        let fields = security_txt_fields(
            "# c\nContact: mailto:a@b.example\n\nPolicy: https://x.example/p\n",
        );
        let got: Vec<(String, usize)> = fields.iter().map(|f| (f.value.clone(), f.line)).collect();
        assert_eq!(
            got,
            [
                ("mailto:a@b.example".to_string(), 2),
                ("https://x.example/p".to_string(), 4)
            ]
        );
        let policy = policy_contacts(
            "SECURITY.md",
            "# S\n\nMail <Sec@Acme.example> or [report](https://github.com/acme/w/security/advisories/new).\n\nKey: 0123456789ABCDEF0123456789ABCDEF01234567\n",
        );
        assert_eq!(
            policy.contacts,
            [
                FactValue {
                    value: "mailto:sec@acme.example".into(),
                    line: 3
                },
                FactValue {
                    value: "https://github.com/acme/w/security/advisories/new".into(),
                    line: 3
                },
            ]
        );
        assert_eq!(policy.fingerprints.len(), 1);
        assert_eq!(policy.fingerprints[0].line, 5);
    }
}
