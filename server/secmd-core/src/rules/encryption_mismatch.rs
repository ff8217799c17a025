//! `encryption-mismatch`: the OpenPGP key fingerprint in the policy and the
//! key security.txt's `Encryption:` names differ. Reported on the policy,
//! at its fingerprint.

use super::contact_mismatch::is_shown_policy;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::policy::contacts::{encryption_fingerprint, fingerprints};

pub static META: RuleMeta = RuleMeta {
    code: "encryption-mismatch",
    default_severity: Severity::Warning,
    summary: "The policy's key fingerprint differs from security.txt's Encryption key",
    doc: "\
When both are present, compares the OpenPGP fingerprints (40 hex digits,
plain or in groups of four) in the policy GitHub shows with the key each
security.txt's `Encryption:` names: an `openpgp4fpr:` URI or a key-server
URL with the fingerprint in it. When no fingerprint of the policy is among
them, reporters encrypt to a key the other file does not vouch for, often
an old one.

An `Encryption:` URL without a fingerprint (a key file) cannot be checked
offline and is left alone. No quick fix: which key is current is for a
human to decide.

```markdown
Encrypt reports to 0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567.
```",
    scope: Scope::Document,
};

pub struct EncryptionMismatch;

impl Rule for EncryptionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let Some(ws) = cx.options.files.workspace() else {
            return;
        };
        if !is_shown_policy(&ws) {
            return;
        }
        let keys: Vec<(String, String, usize)> = ws
            .facts
            .security_txts
            .iter()
            .flat_map(|t| {
                t.named("encryption").filter_map(|f| {
                    encryption_fingerprint(&f.value).map(|fp| (fp, t.file.clone(), f.line))
                })
            })
            .collect();
        let Some((_, file, line)) = keys.first() else {
            return;
        };
        // Per chunk, memoised: a keystroke scans one chunk (a fingerprint
        // is on one line, and chunks end at line ends).
        let mut mine = Vec::new();
        for chunk in cx.doc.chunks() {
            let found = chunk
                .memo
                .get("encryption-mismatch", 0, || fingerprints(&chunk.text));
            mine.extend(
                found
                    .iter()
                    .map(|(fp, r)| (fp.clone(), r.start + chunk.start..r.end + chunk.start)),
            );
        }
        if mine.is_empty() || mine.iter().any(|(fp, _)| keys.iter().any(|k| k.0 == *fp)) {
            return;
        }
        for (fp, range) in mine {
            out.push(Finding::new(
                &META,
                range,
                format!(
                    "key {fp} is not the key {file}:{line} names in Encryption ({})",
                    keys[0].0
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::check_in;
    use crate::workspace::{SecurityTxtFacts, TxtField, Workspace};

    fn ws(encryption: &str) -> Workspace {
        Workspace {
            policies: vec!["SECURITY.md".into()],
            security_txts: vec![SecurityTxtFacts {
                file: "security.txt".into(),
                fields: vec![TxtField {
                    name: "Encryption".into(),
                    value: encryption.into(),
                    line: 3,
                    value_range: 0..0,
                }],
            }],
            ..Workspace::default()
        }
    }

    const TEXT: &str =
        "# Security\n\nEncrypt to 0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567.\n";

    #[test]
    fn another_key_in_security_txt() {
        check_in(
            "encryption-mismatch",
            TEXT,
            &ws("openpgp4fpr:FFFF456789ABCDEF0123456789ABCDEF01234567"),
            "SECURITY.md",
            &["3:12-3:62 encryption-mismatch key 0123456789ABCDEF0123456789ABCDEF01234567 is not the key security.txt:3 names in Encryption (FFFF456789ABCDEF0123456789ABCDEF01234567)"],
        );
    }

    #[test]
    fn the_same_key_or_no_fingerprint_is_quiet() {
        check_in(
            "encryption-mismatch",
            TEXT,
            &ws("https://keys.openpgp.org/vks/v1/by-fingerprint/0123456789abcdef0123456789abcdef01234567"),
            "SECURITY.md",
            &[],
        );
        check_in(
            "encryption-mismatch",
            TEXT,
            &ws("https://example.com/pgp-key.txt"),
            "SECURITY.md",
            &[],
        );
    }
}
