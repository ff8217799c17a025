//! security.txt checks on small files, findings rendered with their code.

use super::*;
use crate::testing::{render, today};

fn codes(text: &str) -> Vec<String> {
    check(text, today())
        .iter()
        .map(|f| render(text, f))
        .collect()
}

#[test]
fn a_valid_file_is_quiet() {
    let text = "# Our policy\nContact: mailto:security@acme.dev\nContact: https://acme.dev/security\nExpires: 2027-06-30T00:00:00Z\nPreferred-Languages: en, fr-CA\nPolicy: https://github.com/acme/widget/security/policy\nEncryption: openpgp4fpr:5f2de5521c63a801ab59ccb603d49de44b29100f\n";
    assert_eq!(codes(text), Vec::<String>::new());
}

#[test]
fn required_fields_and_their_forms() {
    let text = "Contact: security@acme.dev\nExpires: 2025-01-01T00:00:00Z\nExpires: 2027-01-01T00:00:00Z\nPolicy: http://acme.dev/policy\nPreferred-Languages: en, english_uk\nnot a field\nX-Extra: 1\n";
    assert_eq!(
        codes(text),
        [
            "1:10-1:27 security-txt/invalid_uri_scheme Contact `security@acme.dev` is not a mailto:, https: or tel: URI",
            "2:10-2:30 security-txt/expired expired on 2025-01-01: readers should no longer trust this file",
            "3:1-3:30 security-txt/multi_expire Expires appears more than once: keep one",
            "4:9-4:31 security-txt/no_https Policy must be an https URL, not `http://acme.dev/policy`",
            "5:26-5:36 security-txt/invalid_lang `english_uk` is not a language tag (e.g. `en`, `fr-CA`)",
            "6:1-6:12 security-txt/invalid_line not a `Field: value` line, a `#` comment or blank",
            "7:1-7:8 security-txt/unknown_field `X-Extra` is not an RFC 9116 field; readers ignore it",
        ]
    );
}

#[test]
fn missing_contact_and_expires_and_long_expiry() {
    assert_eq!(
        codes("# nothing\n"),
        [
            "1:1-1:10 security-txt/no_contact no Contact field: add `Contact: mailto:security@…` or an https URL",
            "1:1-1:10 security-txt/no_expire no Expires field",
        ]
    );
    assert_eq!(
        codes("Contact: tel:+1-201-555-0123\nExpires: 2029-01-01T00:00:00+01:00\n"),
        ["2:10-2:35 security-txt/long_expiry expires 2029-01-01, more than a year ahead: RFC 9116 recommends less than a year"]
    );
    assert_eq!(
        codes("Contact: https://acme.dev\nExpires: 2027-01-01\n"),
        ["2:10-2:20 security-txt/invalid_expiry `2027-01-01` is not an RFC 3339 date-time such as 2026-12-31T23:00:00Z"]
    );
}

#[test]
fn fixes_add_mailto_and_set_expires() {
    let text = "Contact: security@acme.dev\nExpires: 2025-01-01T00:00:00Z\n";
    let findings = check(text, today());
    let edits: Vec<Edit> = findings
        .iter()
        .flat_map(|f| f.fixes[0].edits.clone())
        .collect();
    assert!(findings.iter().all(|f| f.fixes[0].safe));
    assert_eq!(
        crate::fix::apply_edits(text, &edits).unwrap(),
        "Contact: mailto:security@acme.dev\nExpires: 2027-11-22T00:00:00Z\n"
    );
}

#[test]
fn signed_files_are_read_inside_the_armour() {
    let text = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:security@acme.dev\nExpires: 2027-06-30T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n";
    assert_eq!(codes(text), Vec::<String>::new());
}
