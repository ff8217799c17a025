//! The codes of security.txt findings. Convention: the Python `sectxt`
//! validator's names (`no_contact`, `expired`, …) under a `security-txt/`
//! prefix, so users who know sectxt recognise them and they never clash
//! with SECURITY.md rule codes.

use crate::rules::registry::{RuleMeta, Scope};
use crate::Severity;

macro_rules! code {
    ($name:ident, $code:literal, $sev:ident, $summary:literal, $doc:literal) => {
        pub static $name: RuleMeta = RuleMeta {
            code: $code,
            default_severity: Severity::$sev,
            summary: $summary,
            doc: $doc,
            scope: Scope::Document,
        };
    };
}

code!(
    INVALID_LINE,
    "security-txt/invalid_line",
    Error,
    "security.txt: a line is neither a field, a comment nor blank",
    "RFC 9116 §2.2: every line is `Field: value`, a `#` comment or empty."
);
code!(
    NO_CONTACT,
    "security-txt/no_contact",
    Error,
    "security.txt: no Contact field",
    "RFC 9116 §2.5.3: `Contact` is required (at least once)."
);
code!(
    NO_EXPIRE,
    "security-txt/no_expire",
    Error,
    "security.txt: no Expires field",
    "RFC 9116 §2.5.5: `Expires` is required."
);
code!(
    MULTI_EXPIRE,
    "security-txt/multi_expire",
    Error,
    "security.txt: Expires appears more than once",
    "RFC 9116 §2.5.5: `Expires` must not appear more than once."
);
code!(
    INVALID_EXPIRY,
    "security-txt/invalid_expiry",
    Error,
    "security.txt: Expires is not an RFC 3339 date-time",
    "RFC 9116 §2.5.5: `Expires` is an RFC 3339 date-time, e.g. `2026-12-31T23:00:00Z`."
);
code!(EXPIRED, "security-txt/expired", Error, "security.txt: Expires is in the past",
    "RFC 9116 §2.5.5: a security.txt past its expiry should not be trusted. Fix: set Expires to a date under a year ahead.");
code!(LONG_EXPIRY, "security-txt/long_expiry", Warning, "security.txt: Expires is more than a year ahead",
    "RFC 9116 §2.5.5 recommends an expiry less than a year in the future. Fix: set Expires under a year ahead.");
code!(
    NO_HTTPS,
    "security-txt/no_https",
    Error,
    "security.txt: a web URI does not use https",
    "RFC 9116 §2.5: web URIs in security.txt must begin with `https://`."
);
code!(INVALID_URI_SCHEME, "security-txt/invalid_uri_scheme", Error, "security.txt: a value is not a URI of an allowed scheme",
    "RFC 9116 §2.5.3: Contact is a URI (`mailto:`, `https:`, `tel:`). A bare email address gets a fix that adds `mailto:`.");
code!(
    MULTI_LANG,
    "security-txt/multi_lang",
    Error,
    "security.txt: Preferred-Languages appears more than once",
    "RFC 9116 §2.5.8: `Preferred-Languages` must not appear more than once."
);
code!(
    INVALID_LANG,
    "security-txt/invalid_lang",
    Error,
    "security.txt: a language tag is not valid",
    "RFC 9116 §2.5.8: a comma-separated list of RFC 5646 language tags (`en, fr-CA`)."
);
code!(UNKNOWN_FIELD, "security-txt/unknown_field", Hint, "security.txt: a field RFC 9116 does not define",
    "Fields other than Acknowledgments, Canonical, Contact, CSAF, Encryption, Expires, Hiring, Policy and Preferred-Languages are ignored by readers.");

/// Every security.txt code, in catalog order.
pub static ALL: &[&RuleMeta] = &[
    &INVALID_LINE,
    &NO_CONTACT,
    &NO_EXPIRE,
    &MULTI_EXPIRE,
    &INVALID_EXPIRY,
    &EXPIRED,
    &LONG_EXPIRY,
    &NO_HTTPS,
    &INVALID_URI_SCHEME,
    &MULTI_LANG,
    &INVALID_LANG,
    &UNKNOWN_FIELD,
];
