//! security.txt (RFC 9116) as a second document type: a line parser and
//! the RFC's checks, pure like the rest of the core (text and "today" in,
//! findings with byte ranges out). Codes: see [`codes`].

pub mod codes;

use crate::finding::{Edit, Finding, Fix};
use crate::model::Date;
use codes::*;
use std::ops::Range;

/// Whether a file name is one security.txt readers look for.
pub fn is_security_txt_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("security.txt")
}

/// One `Field: value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub name_range: Range<usize>,
    pub value: String,
    pub value_range: Range<usize>,
}

/// The fields of a security.txt, and the lines that are none.
#[derive(Debug, Default)]
pub struct Parsed {
    pub fields: Vec<Field>,
    pub invalid: Vec<Range<usize>>,
}

/// Parses the lines; an OpenPGP cleartext signature's armour is skipped.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut offset = 0;
    let mut in_signature = false;
    let mut in_header = false;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += raw.len();
        let trimmed = line.trim();
        if trimmed == "-----BEGIN PGP SIGNED MESSAGE-----" {
            in_header = true;
            continue;
        }
        if in_header {
            in_header = !trimmed.is_empty();
            continue;
        }
        if trimmed == "-----BEGIN PGP SIGNATURE-----" {
            in_signature = true;
        }
        if in_signature {
            in_signature = trimmed != "-----END PGP SIGNATURE-----";
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("- ").unwrap_or(line); // dash-escaped in signed text
        let lead = start + (raw.len() - raw.trim_start_matches("- ").len()).min(2);
        match line.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                let value_start = lead + name.len() + 1 + (value.len() - value.trim_start().len());
                let value = value.trim();
                parsed.fields.push(Field {
                    name: name.to_string(),
                    name_range: lead..lead + name.len(),
                    value: value.to_string(),
                    value_range: value_start..value_start + value.len(),
                });
            }
            _ => parsed.invalid.push(start..start + line.len()),
        }
    }
    parsed
}

const KNOWN: &[&str] = &[
    "acknowledgments",
    "canonical",
    "contact",
    "csaf",
    "encryption",
    "expires",
    "hiring",
    "policy",
    "preferred-languages",
];

/// Checks a security.txt.
pub fn check(text: &str, today: Date) -> Vec<Finding> {
    let parsed = parse(text);
    let mut out = Vec::new();
    for r in &parsed.invalid {
        out.push(Finding::new(
            &INVALID_LINE,
            r.clone(),
            "not a `Field: value` line, a `#` comment or blank",
        ));
    }
    let named = |n: &str| -> Vec<&Field> {
        parsed
            .fields
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(n))
            .collect()
    };
    let first_line = 0..text.find(['\r', '\n']).unwrap_or(text.len());
    let contacts = named("contact");
    if contacts.is_empty() {
        out.push(Finding::new(
            &NO_CONTACT,
            first_line.clone(),
            "no Contact field: add `Contact: mailto:security@…` or an https URL",
        ));
    }
    for c in &contacts {
        check_contact(c, &mut out);
    }
    let expires = named("expires");
    match expires.first() {
        None => out.push(
            Finding::new(&NO_EXPIRE, first_line, "no Expires field").with_fix(Fix::safe(
                "Add Expires under a year ahead",
                Edit::new(
                    text.len()..text.len(),
                    format!(
                        "{}Expires: {}\n",
                        if text.is_empty() || text.ends_with('\n') {
                            ""
                        } else {
                            "\n"
                        },
                        expiry(today)
                    ),
                ),
            )),
        ),
        Some(first) => check_expires(first, today, &mut out),
    }
    for extra in expires.iter().skip(1) {
        out.push(Finding::new(
            &MULTI_EXPIRE,
            extra.name_range.start..extra.value_range.end,
            "Expires appears more than once: keep one",
        ));
    }
    let langs = named("preferred-languages");
    for extra in langs.iter().skip(1) {
        out.push(Finding::new(
            &MULTI_LANG,
            extra.name_range.start..extra.value_range.end,
            "Preferred-Languages appears more than once: keep one",
        ));
    }
    if let Some(l) = langs.first() {
        let mut pos = l.value_range.start;
        for tag in l.value.split(',') {
            let t = tag.trim();
            let at = pos + (tag.len() - tag.trim_start().len());
            if !valid_lang(t) {
                out.push(Finding::new(
                    &INVALID_LANG,
                    at..at + t.len(),
                    format!("`{t}` is not a language tag (e.g. `en`, `fr-CA`)"),
                ));
            }
            pos += tag.len() + 1;
        }
    }
    for name in ["canonical", "policy", "acknowledgments", "hiring", "csaf"] {
        for f in named(name) {
            if !f.value.to_ascii_lowercase().starts_with("https://") {
                out.push(https_finding(f));
            }
        }
    }
    for f in named("encryption") {
        let v = f.value.to_ascii_lowercase();
        if !(v.starts_with("https://") || v.starts_with("openpgp4fpr:") || v.starts_with("dns:")) {
            out.push(https_finding(f));
        }
    }
    for f in &parsed.fields {
        if !KNOWN.contains(&f.name.to_ascii_lowercase().as_str()) {
            out.push(Finding::new(
                &UNKNOWN_FIELD,
                f.name_range.clone(),
                format!("`{}` is not an RFC 9116 field; readers ignore it", f.name),
            ));
        }
    }
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

fn https_finding(f: &Field) -> Finding {
    let mut finding = Finding::new(
        &NO_HTTPS,
        f.value_range.clone(),
        format!("{} must be an https URL, not `{}`", f.name, f.value),
    );
    if let Some(rest) = f.value.strip_prefix("http://") {
        finding = finding.with_fix(Fix::safe(
            "Use https",
            Edit::new(f.value_range.clone(), format!("https://{rest}")),
        ));
    }
    finding
}

fn check_contact(c: &Field, out: &mut Vec<Finding>) {
    let lower = c.value.to_ascii_lowercase();
    if lower.starts_with("mailto:") || lower.starts_with("https://") || lower.starts_with("tel:") {
        return;
    }
    if lower.starts_with("http://") {
        out.push(https_finding(c));
        return;
    }
    let mut finding = Finding::new(
        &INVALID_URI_SCHEME,
        c.value_range.clone(),
        format!("Contact `{}` is not a mailto:, https: or tel: URI", c.value),
    );
    let looks_like_email = c.value.contains('@') && !c.value.contains([' ', ':', '/']);
    if looks_like_email {
        finding = finding.with_fix(Fix::safe(
            "Add mailto:",
            Edit::new(c.value_range.start..c.value_range.start, "mailto:"),
        ));
    }
    out.push(finding);
}

/// A security.txt for `secmd init --security-txt`: the contact URI, the
/// policy's URL when known, English, and Expires under a year ahead.
pub fn write(contact: &str, policy: Option<&str>, today: Date) -> String {
    let mut s = format!("Contact: {contact}\nExpires: {}\n", expiry(today));
    if let Some(policy) = policy {
        s.push_str(&format!("Policy: {policy}\n"));
    }
    s.push_str("Preferred-Languages: en\n");
    s
}

/// A date under a year ahead, as an RFC 3339 date-time.
pub(crate) fn expiry(today: Date) -> String {
    format!("{}T00:00:00Z", today.add_days(364))
}

/// The date of an RFC 3339 date-time (`2026-12-31T23:00:00Z`, `…+01:00`).
pub(crate) fn rfc3339_date(v: &str) -> Option<Date> {
    let (date, time) = v.split_once(['T', 't'])?;
    let date = Date::parse_iso(date)?;
    let b = time.as_bytes();
    let hms = b.len() >= 8
        && b[2] == b':'
        && b[5] == b':'
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit());
    if !hms {
        return None;
    }
    let mut rest = &time[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let zone = rest.eq_ignore_ascii_case("z")
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && [1, 2, 4, 5]
                .iter()
                .all(|&i| rest.as_bytes()[i].is_ascii_digit()));
    zone.then_some(date)
}

fn check_expires(f: &Field, today: Date, out: &mut Vec<Finding>) {
    let set = Fix::safe(
        "Set Expires under a year ahead",
        Edit::new(f.value_range.clone(), expiry(today)),
    );
    match rfc3339_date(&f.value) {
        None => out.push(
            Finding::new(
                &INVALID_EXPIRY,
                f.value_range.clone(),
                format!(
                    "`{}` is not an RFC 3339 date-time such as 2026-12-31T23:00:00Z",
                    f.value
                ),
            )
            .with_fix(Fix {
                safe: false,
                preferred: false,
                ..set
            }),
        ),
        Some(d) if d < today => out.push(
            Finding::new(
                &EXPIRED,
                f.value_range.clone(),
                format!("expired on {d}: readers should no longer trust this file"),
            )
            .with_fix(set),
        ),
        Some(d) if today.days_until(d) > 365 => out.push(
            Finding::new(
                &LONG_EXPIRY,
                f.value_range.clone(),
                format!(
                    "expires {d}, more than a year ahead: RFC 9116 recommends less than a year"
                ),
            )
            .with_fix(set),
        ),
        Some(_) => {}
    }
}

/// RFC 5646 in its common shape: a 2–3 letter (or 4–8) language, then
/// subtags of 1–8 letters or digits.
fn valid_lang(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    (2..=8).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests;
