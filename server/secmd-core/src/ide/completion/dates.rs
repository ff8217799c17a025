//! Date completion after a date label (`Last Updated:`, `**Last Updated**:`,
//! `Next Review:`, `last-updated:` in front matter…): today in the style the
//! document writes dates, and for review labels also today plus the
//! policy's review interval (or one year).

use super::{CompletionItem, CompletionKind, Cx};
use crate::ide::review::{Interval, ReviewFields};
use crate::model::dates::format::detect_format;
use crate::model::dates::parse::format_date;
use crate::model::DateKind;

pub(super) fn complete(cx: &Cx<'_>) -> Option<Vec<CompletionItem>> {
    let before = cx.before();
    let (kind, value_start) = date_label(before)?;
    // The value being replaced runs on past the cursor ("Last Updated: ‸2024-01-01").
    let after = cx.after();
    let run = after
        .find(|c: char| !is_value_char(c))
        .unwrap_or(after.len());
    let end = cx.offset + after[..run].trim_end().len();
    let replace = cx.line.start + value_start..end;
    let format = detect_format(cx.fields, cx.text);
    let today = cx.options.today;
    let item = |date, detail: String, sort: &str| CompletionItem {
        label: format_date(date, format),
        kind: CompletionKind::Date,
        detail: Some(detail),
        documentation: None,
        insert_text: format_date(date, format),
        is_snippet: false,
        replace: replace.clone(),
        sort_text: sort.to_string(),
    };
    Some(match kind {
        DateKind::Updated => vec![item(today, "today".to_string(), "0")],
        DateKind::Review => {
            let interval = ReviewFields::of(cx.fields, today)
                .interval()
                .unwrap_or(Interval::YEAR);
            vec![
                item(
                    interval.after(today),
                    format!("today + {}", interval.describe()),
                    "0",
                ),
                item(today, "today".to_string(), "1"),
            ]
        }
    })
}

/// Recognises `label:` (with optional list or quote markers and emphasis)
/// followed by optional spaces and a partly typed value. Returns the label's
/// kind and where the value starts in `line`.
pub(crate) fn date_label(line: &str) -> Option<(DateKind, usize)> {
    let colon = line.find(':')?;
    let label = strip_line_markers(&line[..colon]);
    let label = label.trim_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace());
    if label.is_empty()
        || label.len() > 40
        || !label
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '_'))
    {
        return None;
    }
    let words: Vec<String> = label
        .split([' ', '-', '_'])
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() > 5 {
        return None;
    }
    let kind = label_kind(&words.join(" "))?;
    // After the colon: closing emphasis, spaces, then the value so far.
    let after = &line[colon + 1..];
    let skipped = after.len()
        - after
            .trim_start_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace())
            .len();
    let value_start = colon + 1 + skipped;
    if !line[value_start..].chars().all(is_value_char) {
        return None;
    }
    Some((kind, value_start))
}

/// Characters of a date value being typed.
fn is_value_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '.' | '/' | '-')
}

/// Removes leading whitespace, block quote markers and a list marker.
fn strip_line_markers(s: &str) -> &str {
    let mut s = s.trim_start();
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = s[digits..]
            .strip_prefix(". ")
            .or_else(|| s[digits..].strip_prefix(") "))
        {
            return rest.trim_start();
        }
    }
    s
}

/// Which kind of date a normalised label asks for.
fn label_kind(label: &str) -> Option<DateKind> {
    const REVIEW: &[&str] = &[
        "next review",
        "review by",
        "review date",
        "review due",
        "next update",
        "expires",
        "expiry",
        "expiration",
        "valid until",
    ];
    const UPDATED: &[&str] = &[
        "updated",
        "last update",
        "modified",
        "reviewed",
        "last review",
        "revised",
        "effective",
    ];
    if REVIEW.iter().any(|r| label.contains(r)) {
        return Some(DateKind::Review);
    }
    // "Last reviewed by" names a person, not a date.
    if label.ends_with(" by") {
        return None;
    }
    UPDATED
        .iter()
        .any(|u| label.contains(u))
        .then_some(DateKind::Updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let cases: &[(&str, Option<(DateKind, usize)>)] = &[
            ("Last Updated: ", Some((DateKind::Updated, 14))),
            ("Last Updated:", Some((DateKind::Updated, 13))),
            ("**Last Updated**: ", Some((DateKind::Updated, 18))),
            ("**Last Updated:** Jan", Some((DateKind::Updated, 18))),
            ("- *last reviewed*:  2024-0", Some((DateKind::Updated, 20))),
            ("> Next Review: ", Some((DateKind::Review, 15))),
            ("last-updated: ", Some((DateKind::Updated, 14))),
            ("Policy valid until: ", Some((DateKind::Review, 20))),
            ("Last reviewed by: ", None),
            ("Contact: ", None),
            ("Last Updated", None),
            ("Last Updated: see the changelog (", None),
            ("Note: last updated: ", None),
        ];
        for (line, want) in cases {
            assert_eq!(date_label(line), *want, "{line:?}");
        }
    }
}
