//! The contacts a policy gives reporters, as the cross-checks compare them
//! with security.txt and `SECURITY-INSIGHTS.yml`: e-mail addresses and
//! links to private channels (advisories, bounty platforms, forms), keyed
//! by [`contact_key`], and OpenPGP key fingerprints.

use super::channels::{link_channel, ChannelKind};
use crate::model::{DocumentModel, LinkKind};
use crate::workspace::contact_key;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A contact written in the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// [`contact_key`] of it.
    pub key: String,
    /// As written (an address, or a link's destination).
    pub shown: String,
    pub range: Range<usize>,
}

/// E-mail addresses and private-channel links, first occurrence of each key.
pub fn contacts(doc: &DocumentModel) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    let mut push = |shown: &str, range: Range<usize>| {
        if let Some(key) = contact_key(shown) {
            if !out.iter().any(|c| c.key == key) {
                out.push(Contact {
                    key,
                    shown: shown.to_string(),
                    range,
                });
            }
        }
    };
    for e in doc.emails() {
        push(&e.address, e.range);
    }
    for l in doc.links() {
        let private = matches!(
            link_channel(&l.destination, &l.text),
            Some(ChannelKind::Advisory | ChannelKind::Platform | ChannelKind::Form)
        );
        if l.kind != LinkKind::Image && private {
            push(&l.destination, l.range.clone());
        }
    }
    out.sort_by_key(|c| c.range.start);
    out
}

/// The [`contact_key`]s of every address and link in the policy: what a
/// contact from another file must be among to count as named here. Kept
/// per chunk in its memo, so a keystroke recomputes one chunk's keys.
pub fn mentioned_keys(doc: &DocumentModel) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in doc.chunks() {
        let keys = chunk.memo.get("mentioned-keys", 0, || {
            let emails = chunk
                .model
                .emails
                .iter()
                .filter_map(|e| contact_key(&e.address));
            let links = chunk
                .model
                .links
                .iter()
                .filter(|l| l.kind != LinkKind::Image)
                .filter_map(|l| contact_key(&l.destination));
            emails.chain(links).collect::<Vec<String>>()
        });
        out.extend(keys.iter().cloned());
    }
    out
}

/// A version 4 fingerprint: 40 hex digits, plain or in groups of four
/// (`gpg --fingerprint` puts two spaces in the middle).
static FINGERPRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[0-9A-Fa-f]{4}[ \t]{0,2}){9}[0-9A-Fa-f]{4}(?-u:\b)")
        .expect("valid pattern")
});

/// OpenPGP fingerprints in a text (40 uppercase hex digits) and where.
pub fn fingerprints(text: &str) -> Vec<(String, Range<usize>)> {
    FINGERPRINT
        .find_iter(text)
        .map(|m| (normalize_fingerprint(m.as_str()), m.range()))
        .collect()
}

/// Uppercase hex digits only.
pub fn normalize_fingerprint(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The fingerprint a security.txt `Encryption:` value names:
/// `openpgp4fpr:HEX`, or a key-server URL with 40 hex digits in it.
pub fn encryption_fingerprint(value: &str) -> Option<String> {
    let lower = value.trim().to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("openpgp4fpr:") {
        let fp = normalize_fingerprint(hex);
        return (fp.len() == 40).then_some(fp);
    }
    fingerprints(value)
        .into_iter()
        .map(|(fp, _)| fp)
        .find(|fp| fp.len() == 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_plain_and_grouped() {
        let text = "Key: 0123 4567 89AB CDEF 0123  4567 89ab cdef 0123 4567\nother: DEADBEEF\n";
        assert_eq!(
            fingerprints(text),
            [(
                "0123456789ABCDEF0123456789ABCDEF01234567".to_string(),
                5..55
            )]
        );
        assert_eq!(
            encryption_fingerprint("openpgp4fpr:0123456789abcdef0123456789abcdef01234567")
                .as_deref(),
            Some("0123456789ABCDEF0123456789ABCDEF01234567")
        );
        assert_eq!(
            encryption_fingerprint(
                "https://keys.openpgp.org/vks/v1/by-fingerprint/0123456789ABCDEF0123456789ABCDEF01234567"
            )
            .as_deref(),
            Some("0123456789ABCDEF0123456789ABCDEF01234567")
        );
        assert_eq!(encryption_fingerprint("https://example.com/pgp.asc"), None);
    }
}
