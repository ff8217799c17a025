//! Editor features for security.txt (the second document type,
//! `crate::security_txt`), as pure functions like the rest of `ide/`: hover
//! on a field (what RFC 9116 says of it; for Expires, how far away it is)
//! and completion of field names at the start of a line and of values
//! after `Name:`.

use super::{CompletionItem, CompletionKind, HoverInfo};
use crate::model::Date;
use crate::security_txt::{expiry, parse, rfc3339_date};

/// One RFC 9116 field: name, section, how often it may appear, what it is.
struct FieldDoc {
    name: &'static str,
    section: &'static str,
    occurs: &'static str,
    about: &'static str,
}

const FIELDS: &[FieldDoc] = &[
    FieldDoc {
        name: "Contact",
        section: "2.5.3",
        occurs: "required, may repeat (in order of preference)",
        about: "How to report a vulnerability: a `mailto:`, `https://` or `tel:` URI.",
    },
    FieldDoc {
        name: "Expires",
        section: "2.5.5",
        occurs: "required, exactly once",
        about: "When the file stops being valid, as an RFC 3339 date-time; less than a year ahead is recommended.",
    },
    FieldDoc {
        name: "Encryption",
        section: "2.5.4",
        occurs: "optional, may repeat",
        about: "A key to encrypt reports with: an `https://` URL, `openpgp4fpr:` fingerprint or `dns:` URI.",
    },
    FieldDoc {
        name: "Policy",
        section: "2.5.7",
        occurs: "optional, may repeat",
        about: "The `https://` URL of the security policy (SECURITY.md's page).",
    },
    FieldDoc {
        name: "Preferred-Languages",
        section: "2.5.8",
        occurs: "optional, at most once",
        about: "Comma-separated RFC 5646 language tags for reports (`en, fr-CA`).",
    },
    FieldDoc {
        name: "Canonical",
        section: "2.5.2",
        occurs: "optional, may repeat",
        about: "The `https://` URLs where this file is published.",
    },
    FieldDoc {
        name: "Acknowledgments",
        section: "2.5.1",
        occurs: "optional, may repeat",
        about: "An `https://` page thanking the people who reported vulnerabilities.",
    },
    FieldDoc {
        name: "Hiring",
        section: "2.5.6",
        occurs: "optional, may repeat",
        about: "An `https://` page of security-related job openings.",
    },
    FieldDoc {
        name: "CSAF",
        section: "CSAF 2.0 §7.1.8",
        occurs: "optional, may repeat",
        about: "The `https://` URL of a CSAF provider-metadata.json.",
    },
];

fn doc_of(name: &str) -> Option<&'static FieldDoc> {
    FIELDS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

fn describe(f: &FieldDoc) -> String {
    let section = if f.section.starts_with(char::is_numeric) {
        format!("RFC 9116 §{}", f.section)
    } else {
        f.section.to_string()
    };
    format!("**{}** ({section}; {})\n\n{}", f.name, f.occurs, f.about)
}

/// Hover at `offset`: the field whose line holds it.
pub fn hover(text: &str, offset: usize, today: Date) -> Option<HoverInfo> {
    let parsed = parse(text);
    let field = parsed.fields.iter().find(|f| {
        f.name_range.start <= offset && offset <= f.value_range.end.max(f.name_range.end)
    })?;
    let mut markdown = match doc_of(&field.name) {
        Some(d) => describe(d),
        None => format!(
            "**{}** is not an RFC 9116 field: readers ignore it.",
            field.name
        ),
    };
    if field.name.eq_ignore_ascii_case("expires") {
        if let Some(d) = rfc3339_date(&field.value) {
            let days = today.days_until(d);
            markdown.push_str(&match days {
                n if n < 0 => format!("\n\nExpired {} days ago ({d}).", -n),
                0 => "\n\nExpires today.".to_string(),
                n => format!("\n\nExpires in {n} days ({d})."),
            });
        }
    }
    Some(HoverInfo {
        range: field.name_range.start..field.value_range.end.max(field.name_range.end),
        markdown,
    })
}

/// Completions at `offset`: field names while the line holds only a
/// (partial) name, values after `Name:`. `repository` is `owner/name` on
/// GitHub when known, for the policy and reporting URLs.
pub fn completions(
    text: &str,
    offset: usize,
    today: Date,
    repository: Option<&str>,
) -> Vec<CompletionItem> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    if before
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        let present: Vec<String> = parse(text)
            .fields
            .iter()
            .map(|f| f.name.to_ascii_lowercase())
            .collect();
        return FIELDS
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                // Fields that may appear once are not offered again.
                let once = f.occurs.contains("once");
                !(once && present.contains(&f.name.to_ascii_lowercase()))
            })
            .map(|(i, f)| CompletionItem {
                label: f.name.to_string(),
                kind: CompletionKind::Section,
                detail: Some(f.occurs.to_string()),
                documentation: Some(describe(f)),
                insert_text: format!("{}: ", f.name),
                is_snippet: false,
                replace: line_start..offset,
                sort_text: format!("{i:02}"),
            })
            .collect();
    }
    let Some((name, value)) = before.split_once(':') else {
        return Vec::new();
    };
    let value_start = offset - value.trim_start().len();
    let github = |tail: &str| repository.map(|r| format!("https://github.com/{r}/{tail}"));
    let values: Vec<(String, &str)> = match name.trim().to_ascii_lowercase().as_str() {
        "expires" => vec![(expiry(today), "under a year ahead, as RFC 9116 recommends")],
        "contact" => [
            github("security/advisories/new")
                .map(|u| (u, "GitHub private vulnerability reporting")),
            Some(("mailto:".to_string(), "an email address")),
            Some(("https://".to_string(), "a web page or form")),
        ]
        .into_iter()
        .flatten()
        .collect(),
        "policy" => [
            github("security/policy").map(|u| (u, "this repository's policy on GitHub")),
            Some(("https://".to_string(), "the policy's URL")),
        ]
        .into_iter()
        .flatten()
        .collect(),
        "encryption" => vec![
            ("openpgp4fpr:".to_string(), "an OpenPGP key fingerprint"),
            ("https://".to_string(), "the key's URL"),
        ],
        "preferred-languages" => vec![("en".to_string(), "English")],
        "canonical" | "acknowledgments" | "hiring" | "csaf" => {
            vec![("https://".to_string(), "an https URL")]
        }
        _ => Vec::new(),
    };
    values
        .into_iter()
        .enumerate()
        .map(|(i, (value, detail))| CompletionItem {
            label: value.clone(),
            kind: CompletionKind::Contact,
            detail: Some(detail.to_string()),
            documentation: None,
            insert_text: value,
            is_snippet: false,
            replace: value_start..offset,
            sort_text: format!("{i:02}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::today;

    #[test]
    fn hover_names_the_rfc_section_and_the_expiry_distance() {
        let text = "Contact: mailto:a@b.dev\nExpires: 2027-01-01T00:00:00Z\n";
        let h = hover(text, 2, today()).unwrap();
        assert_eq!(h.range, 0..23);
        assert_eq!(
            h.markdown,
            "**Contact** (RFC 9116 §2.5.3; required, may repeat (in order of preference))\n\nHow to report a vulnerability: a `mailto:`, `https://` or `tel:` URI."
        );
        let h = hover(text, 30, today()).unwrap();
        assert_eq!(h.range, 24..53);
        assert!(
            h.markdown.ends_with(&format!(
                "\n\nExpires in {} days (2027-01-01).",
                today().days_until(Date::parse_iso("2027-01-01").unwrap())
            )),
            "{}",
            h.markdown
        );
        assert_eq!(hover("# comment\n", 3, today()), None);
    }

    #[test]
    fn names_at_line_start_values_after_the_colon() {
        let text = "Expires: 2027-01-01T00:00:00Z\nCo";
        let items = completions(text, text.len(), today(), Some("octo/widget"));
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        // Expires is present already and may appear once.
        assert_eq!(
            labels,
            [
                "Contact",
                "Encryption",
                "Policy",
                "Preferred-Languages",
                "Canonical",
                "Acknowledgments",
                "Hiring",
                "CSAF"
            ]
        );
        assert_eq!(items[0].replace, 30..32);
        assert_eq!(items[0].insert_text, "Contact: ");
        let text = "Contact: ";
        let items = completions(text, text.len(), today(), Some("octo/widget"));
        assert_eq!(
            items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(),
            [
                "https://github.com/octo/widget/security/advisories/new",
                "mailto:",
                "https://"
            ]
        );
        assert_eq!(items[0].replace, 9..9);
        let text = "Expires: 20";
        let items = completions(text, text.len(), today(), None);
        assert_eq!(items[0].insert_text, expiry(today()));
        assert_eq!(items[0].replace, 9..11);
        assert!(completions("Contact: x\n# c", 15, today(), None).is_empty());
    }
}
