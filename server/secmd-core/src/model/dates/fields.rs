//! Labelled date fields ("Last Updated: …", "Next Review: …").
//!
//! A field is a known label followed by a value, written as a line of a
//! paragraph or heading (`**Last Updated**: …`, `_Last updated: …_`,
//! `- Updated on January 5, 2025`), as a table cell (`| Last Updated: … |`)
//! or a label cell followed by a value cell (`| Last Updated | 2024-01-15 |`),
//! or as a YAML front matter key (`last_updated: 2024-01-15`).
//!
//! Labels are *strong* when they can only introduce a date ("Last Updated",
//! "Next Review") and *weak* when the word has other uses ("Date",
//! "Updated", "Expires", "Valid until"). A weak label only makes a field
//! when its value has the shape of a date; a strong one also does with any
//! value that contains a digit (so `Last Updated: 01/15/24` can be reported
//! as not a date). Values are parsed by [`super::parse`].

use super::parse::{parse_prefix, MONTHS};
use crate::model::{Cell, ChunkModel, DateField, DateKind, Heading};
use std::ops::Range;

/// A label: lowercase text, kind, and whether it is strong.
struct Label {
    text: &'static str,
    kind: DateKind,
    strong: bool,
}

const fn label(text: &'static str, kind: DateKind, strong: bool) -> Label {
    Label { text, kind, strong }
}

/// Longest first, so "last updated on" wins over "last updated".
static LABELS: &[Label] = &[
    label("next review due date", DateKind::Review, true),
    label("last reviewed date", DateKind::Updated, true),
    label("last updated date", DateKind::Updated, true),
    label("next review date", DateKind::Review, true),
    label("last reviewed on", DateKind::Updated, true),
    label("last updated on", DateKind::Updated, true),
    label("expiration date", DateKind::Review, true),
    label("next review due", DateKind::Review, true),
    label("last modified", DateKind::Updated, true),
    label("last reviewed", DateKind::Updated, true),
    label("effective date", DateKind::Updated, true),
    label("last revised", DateKind::Updated, true),
    label("last updated", DateKind::Updated, true),
    label("expiry date", DateKind::Review, true),
    label("next review", DateKind::Review, true),
    label("review date", DateKind::Review, true),
    label("last update", DateKind::Updated, true),
    label("last review", DateKind::Updated, true),
    label("valid until", DateKind::Review, false),
    label("updated on", DateKind::Updated, true),
    label("review by", DateKind::Review, true),
    label("updated", DateKind::Updated, false),
    label("expires", DateKind::Review, false),
    label("expiry", DateKind::Review, false),
    label("date", DateKind::Updated, false),
];

/// Finds the labelled date fields of a chunk.
pub fn extract(text: &str, model: &ChunkModel) -> Vec<DateField> {
    let mut out = Vec::new();
    for p in &model.paragraphs {
        let lines: Vec<Range<usize>> = lines(text, p.clone()).collect();
        for (i, line) in lines.iter().enumerate() {
            let before = out.len();
            scan_line(text, line.clone(), &mut out);
            if out.len() == before {
                if let Some(next) = lines.get(i + 1) {
                    label_line(text, line.clone(), next.clone(), &mut out);
                }
            }
        }
    }
    for h in &model.headings {
        if !model
            .paragraphs
            .iter()
            .any(|p| p.start <= h.content.start && h.content.end <= p.end)
        {
            scan_line(text, h.content.clone(), &mut out);
        }
        heading_label(text, h, model, &mut out);
    }
    for t in &model.tables {
        for row in std::iter::once(&t.header).chain(&t.rows) {
            for (i, cell) in row.cells.iter().enumerate() {
                let before = out.len();
                scan_line(text, cell.range.clone(), &mut out);
                if out.len() == before {
                    if let Some(next) = row.cells.get(i + 1) {
                        label_cell(text, cell, next.range.clone(), &mut out);
                    }
                }
            }
        }
    }
    if let Some(fm) = &model.front_matter {
        front_matter(text, fm.clone(), &mut out);
    }
    out.sort_by_key(|f| f.value_range.start);
    out.dedup_by_key(|f| f.value_range.clone());
    out
}

/// The lines of a range, without their line breaks.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = range.start;
    let end = range.end.min(text.len());
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let s = &text[start..end];
        let len = s.find('\n').map_or(s.len(), |i| i + 1);
        let line = start..start + s[..len].trim_end_matches(['\n', '\r']).len();
        start += len;
        Some(line)
    })
}

/// Skips Markdown container and emphasis markers at the start of a line:
/// block quotes, list markers, task boxes, `**`, `_`, backticks.
fn skip_line_prefix(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'>' | b'*' | b'_' | b'`' | b'+') {
            i += 1;
        }
        if b.get(i) == Some(&b'-') && b.get(i + 1) == Some(&b' ') {
            i += 2;
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0
            && matches!(b.get(i + digits), Some(b'.' | b')'))
            && b.get(i + digits + 1) == Some(&b' ')
        {
            i += digits + 2;
        }
        if s[i..].starts_with("[ ] ") || s[i..].to_ascii_lowercase().starts_with("[x] ") {
            i += 4;
        }
        if i == start {
            return i;
        }
    }
}

/// Skips emphasis markers, backticks and spaces.
fn skip_markup(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t', '*', '_', '`']).len()
}

/// The label at the start of `s`, matched case-insensitively and followed
/// by a non-word character.
fn match_label(s: &str) -> Option<&'static Label> {
    LABELS.iter().find(|l| {
        let n = l.text.len();
        s.len() >= n
            && s.is_char_boundary(n)
            && s[..n].eq_ignore_ascii_case(l.text)
            && !s[n..].chars().next().is_some_and(|c| c.is_alphanumeric())
    })
}

/// Looks for fields in a line: any label right after the line's container
/// markers, and strong labels with a date value elsewhere in the line
/// ("This policy was last updated on 2024-01-15.", "Last Updated: … |
/// Next Review: …").
fn scan_line(text: &str, line: Range<usize>, out: &mut Vec<DateField>) {
    let s = &text[line.clone()];
    let at = skip_line_prefix(s);
    let mut from = at;
    if let Some(label) = match_label(&s[at..]) {
        let label_range = line.start + at..line.start + at + label.text.len();
        from = label_range.end - line.start;
        if let Some(end) = field_after_label(text, label, label_range, line.end, false, out) {
            from = end - line.start;
        }
    }
    let mut prev_alnum = false;
    let mut i = from;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if !prev_alnum && c.is_ascii_alphabetic() {
            if let Some(label) = match_label(&s[i..]).filter(|l| l.strong) {
                let label_range = line.start + i..line.start + i + label.text.len();
                if let Some(end) = field_after_label(text, label, label_range, line.end, true, out)
                {
                    i = end - line.start;
                    prev_alnum = true;
                    continue;
                }
            }
        }
        prev_alnum = c.is_alphanumeric();
        i += c.len_utf8();
    }
}

/// Reads the separator and value after a label that ends at
/// `label_range.end`, up to `end`; with `strict`, only a date value makes a
/// field. Returns the end of the value when a field was recorded.
fn field_after_label(
    text: &str,
    label: &Label,
    label_range: Range<usize>,
    end: usize,
    strict: bool,
    out: &mut Vec<DateField>,
) -> Option<usize> {
    let mut pos = label_range.end;
    pos += skip_markup(&text[pos..end]);
    let rest = &text[pos..end];
    let sep = [":", "-", "\u{2013}", "\u{2014}", "="]
        .iter()
        .find(|s| rest.starts_with(**s))
        .map(|s| s.len());
    if let Some(n) = sep {
        pos += n;
        pos += skip_markup(&text[pos..end]);
    }
    pos += quote_len(&text[pos..end]);
    let rest = &text[pos..end];
    let parsed = parse_prefix(rest);
    let value_range = match parsed {
        Some(p) => pos..pos + p.len,
        None => {
            // Only a strong label with a separator makes a field of a value
            // that is not a date ("Last Updated: 01/15/24").
            if strict || !label.strong || sep.is_none() {
                return None;
            }
            let v = unparsed_value(rest);
            if !looks_like_a_date(v) {
                return None;
            }
            pos..pos + v.len()
        }
    };
    let value_end = value_range.end;
    out.push(DateField {
        kind: label.kind,
        label: text[label_range.clone()].to_string(),
        label_range,
        value: text[value_range.clone()].to_string(),
        value_range,
        parsed,
    });
    Some(value_end)
}

/// Whether a value that did not parse was still meant as a date: it has a
/// four-digit number, numbers joined by `/`, `.` or `-`, or a month name.
/// ("every 6 months" and "3 days ago" were not; "01/15/24" was.)
fn looks_like_a_date(v: &str) -> bool {
    let b = v.as_bytes();
    let four_digits = b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    let joined = b.windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'/' | b'.' | b'-') && w[2].is_ascii_digit()
    });
    let month = v.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        w.len() >= 3
            && MONTHS
                .iter()
                .any(|m| m.starts_with(&w.to_ascii_lowercase()))
    });
    four_digits || joined || month
}

/// The length of an opening quote (`"2024-01-15"` in YAML).
fn quote_len(s: &str) -> usize {
    usize::from(s.starts_with(['"', '\'']))
}

/// A value that is not a date, up to a table pipe or the end of the line,
/// without closing emphasis, quotes and punctuation.
fn unparsed_value(rest: &str) -> &str {
    let v = rest.split('|').next().unwrap_or("");
    v.trim_end_matches([' ', '\t', '*', '_', '`', '.', ',', ';', '"', '\''])
}

/// A line that is only a strong label (`**Next Review:**`) followed by a
/// line of the same paragraph that starts with a date.
fn label_line(text: &str, line: Range<usize>, next: Range<usize>, out: &mut Vec<DateField>) {
    let s = &text[line.clone()];
    let at = skip_line_prefix(s);
    let Some(label) = match_label(&s[at..]).filter(|l| l.strong) else {
        return;
    };
    let after = &s[at + label.text.len()..];
    if !after
        .trim_matches([' ', '\t', '*', '_', '`', ':'])
        .is_empty()
    {
        return;
    }
    let pos = next.start + skip_line_prefix(&text[next.clone()]);
    let Some(parsed) = parse_prefix(&text[pos..next.end]) else {
        return;
    };
    let label_range = line.start + at..line.start + at + label.text.len();
    let value_range = pos..pos + parsed.len;
    out.push(DateField {
        kind: label.kind,
        label: text[label_range.clone()].to_string(),
        label_range,
        value: text[value_range.clone()].to_string(),
        value_range,
        parsed: Some(parsed),
    });
}

/// A heading that is only a strong label (`## Last Updated`, or a bold
/// `**Next Review**` line) directly followed by a paragraph that starts
/// with a date.
fn heading_label(text: &str, h: &Heading, model: &ChunkModel, out: &mut Vec<DateField>) {
    let name = h.text.trim_end_matches(':').trim();
    let Some(label) = match_label(name).filter(|l| l.strong && l.text.len() == name.len()) else {
        return;
    };
    let Some(p) = model.paragraphs.iter().find(|p| p.start >= h.range.end) else {
        return;
    };
    if !text[h.range.end..p.start].trim().is_empty() {
        return;
    }
    let raw = &text[h.content.clone()];
    let at = skip_markup(raw);
    let label_range = h.content.start + at..h.content.start + at + label.text.len();
    if !text
        .get(label_range.clone())
        .is_some_and(|l| l.eq_ignore_ascii_case(label.text))
    {
        return;
    }
    let pos = p.start + skip_markup(&text[p.clone()]);
    let Some(parsed) = parse_prefix(&text[pos..p.end]) else {
        return;
    };
    let value_range = pos..pos + parsed.len;
    out.push(DateField {
        kind: label.kind,
        label: text[label_range.clone()].to_string(),
        label_range,
        value: text[value_range.clone()].to_string(),
        value_range,
        parsed: Some(parsed),
    });
}

/// A cell that is only a label (`| **Last Updated** |`) followed by a cell
/// whose value is a date.
fn label_cell(text: &str, cell: &Cell, next: Range<usize>, out: &mut Vec<DateField>) {
    let name = cell.text.trim_end_matches(':').trim();
    let Some(label) = match_label(name).filter(|l| l.text.len() == name.len()) else {
        return;
    };
    let raw = &text[cell.range.clone()];
    let at = skip_markup(raw);
    let label_range = cell.range.start + at..cell.range.start + at + label.text.len();
    if !text
        .get(label_range.clone())
        .is_some_and(|l| l.eq_ignore_ascii_case(label.text))
    {
        return;
    }
    let value = &text[next.clone()];
    let pos = next.start + skip_markup(value);
    let Some(parsed) = parse_prefix(&text[pos..next.end]) else {
        return;
    };
    let value_range = pos..pos + parsed.len;
    out.push(DateField {
        kind: label.kind,
        label: text[label_range.clone()].to_string(),
        label_range,
        value: text[value_range.clone()].to_string(),
        value_range,
        parsed: Some(parsed),
    });
}

/// `key: value` lines of YAML front matter, keys such as `last_updated`,
/// `last-reviewed`, `date`, `expires`.
fn front_matter(text: &str, fm: Range<usize>, out: &mut Vec<DateField>) {
    for line in lines(text, fm) {
        let s = &text[line.clone()];
        let Some(colon) = s.find(':') else { continue };
        let key = &s[..colon];
        if key.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let normalized = key.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        let Some(label) = LABELS.iter().find(|l| l.text == normalized) else {
            continue;
        };
        let key_start = line.start;
        let label_range = key_start..key_start + key.trim_end().len();
        let mut pos = line.start + colon + 1;
        pos += text[pos..line.end].len() - text[pos..line.end].trim_start().len();
        pos += quote_len(&text[pos..line.end]);
        let rest = &text[pos..line.end];
        let parsed = parse_prefix(rest);
        let value_range = match parsed {
            Some(p) => pos..pos + p.len,
            None if label.strong => {
                let v = unparsed_value(rest);
                if !looks_like_a_date(v) {
                    continue;
                }
                pos..pos + v.len()
            }
            None => continue,
        };
        out.push(DateField {
            kind: label.kind,
            label: text[label_range.clone()].to_string(),
            label_range,
            value: text[value_range.clone()].to_string(),
            value_range,
            parsed,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::model::dates::parse::DateValue;
    use crate::model::{Date, DateKind};
    use crate::syntax::Document;

    /// (kind, label, value, parsed date) of every field of `text`.
    fn fields(text: &str) -> Vec<(DateKind, String, String, Option<Date>)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        for c in doc.chunks() {
            for f in c.model.dates.clone() {
                assert_eq!(&c.text[f.value_range.clone()], f.value);
                assert_eq!(&c.text[f.label_range.clone()], f.label);
                let date = match f.parsed.map(|p| p.value) {
                    Some(DateValue::Valid(d, _)) => Some(d),
                    _ => None,
                };
                out.push((f.kind, f.label, f.value, date));
            }
        }
        out
    }

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::from_ymd(y, m, day)
    }

    use DateKind::{Review, Updated};

    #[test]
    fn finds_labels_in_every_written_form() {
        let text = "\
# Policy

**Last Updated**: 2024-01-15

**Next Review:** January 21, 2025

_Last updated: 21 January 2025_

- Updated on Jan 5, 2025
- Review by: 15.01.2024

> Expires: 6/24/2024

| Field | Value |
|---|---|
| Last Revised | **2024/01/15** |
| Valid until: January 2030 | x |

This policy was last updated on 2024-03-01. Last Updated 2024-03-02 | Next review: 2025-03-01
";
        let expected = [
            (Updated, "Last Updated", "2024-01-15", d(2024, 1, 15)),
            (Review, "Next Review", "January 21, 2025", d(2025, 1, 21)),
            (Updated, "Last updated", "21 January 2025", d(2025, 1, 21)),
            (Updated, "Updated on", "Jan 5, 2025", d(2025, 1, 5)),
            (Review, "Review by", "15.01.2024", d(2024, 1, 15)),
            (Review, "Expires", "6/24/2024", d(2024, 6, 24)),
            (Updated, "Last Revised", "2024/01/15", d(2024, 1, 15)),
            (Review, "Valid until", "January 2030", d(2030, 1, 1)),
            (Updated, "last updated on", "2024-03-01", d(2024, 3, 1)),
            (Updated, "Last Updated", "2024-03-02", d(2024, 3, 2)),
            (Review, "Next review", "2025-03-01", d(2025, 3, 1)),
        ];
        assert_eq!(
            fields(text),
            expected
                .iter()
                .map(|&(kind, label, value, date)| (
                    kind,
                    label.to_string(),
                    value.to_string(),
                    date
                ))
                .collect::<Vec<_>>()
        );
    }

    proptest::proptest! {
        /// Labels, separators, markup and multi-byte characters in any order
        /// never panic and always give ranges that hold the recorded text.
        #[test]
        fn never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Last Updated", "next review", "Date", ":", "**", "_", "|", "2024", "-", "/", "01",
            "Jan 5", " ", "\n", "\r\n", "> ", "- ", "€", "😀", "---\n", "last_updated: ",
        ]), 0..16)) {
            fields(&parts.concat());
        }
    }

    #[test]
    fn label_headings_with_the_date_below() {
        let text = "# P\n\n## Last Updated\n\n*March 3, 2025*\n\n**Next Review:**\n2026-03-03\n\n## Date\n\n2020-01-01\n";
        assert_eq!(
            fields(text),
            vec![
                (
                    Updated,
                    "Last Updated".into(),
                    "March 3, 2025".into(),
                    d(2025, 3, 3)
                ),
                (
                    Review,
                    "Next Review".into(),
                    "2026-03-03".into(),
                    d(2026, 3, 3)
                ),
            ]
        );
    }

    #[test]
    fn front_matter_keys() {
        let text = "---\ntitle: x\ncreated: \"2025-12-15\"\nlast_updated: \"2025-12-15\"\ndate: 2024-02-30\n---\n\n# Policy\n";
        assert_eq!(
            fields(text),
            vec![
                (
                    Updated,
                    "last_updated".into(),
                    "2025-12-15".into(),
                    d(2025, 12, 15)
                ),
                (Updated, "date".into(), "2024-02-30".into(), None),
            ]
        );
    }

    #[test]
    fn weak_labels_need_a_date_and_prose_is_not_a_field() {
        let text = "\
# Policy

Updated versions are released monthly.

Date: see the changelog

Expires: 90 days after disclosure

The key is valid until June 24, 2024.

Keep dependencies updated: 2024-01-01 is not a label.

We last updated the dependencies last week; last reviewed by the team.

Next review: every 6 months

| Date | Event |
|---|---|
| 2024-01-01 | Release |

**Last Updated:** 01/15/24

```
Last Updated: 2020-01-01
```
";
        assert_eq!(
            fields(text),
            vec![(Updated, "Last Updated".into(), "01/15/24".into(), None)]
        );
    }
}
