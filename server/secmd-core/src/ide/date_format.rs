//! Reading and writing dates the way a policy writes them.
//!
//! Editor features must insert "today" in the style the document already
//! uses (`2024-01-15`, `January 21, 2025`, `21 January 2025`, `2024/01/15`),
//! so this module both parses a date value into a [`Date`] plus its
//! [`DateStyle`] and formats a [`Date`] in a style.
//!
//! This is a local parser for the editor features only; it is meant to be
//! unified with the date-value parser of the `stale-date` rules when both
//! land (one parser for the whole engine).

use crate::model::{Date, DateField};
use std::ops::Range;

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// `2024-01-15` (ISO 8601).
    Iso,
    /// `2024/01/15`.
    Slash,
    /// `January 21, 2025` (`Jan 21, 2025` when `short`).
    MonthDayYear { short: bool },
    /// `21 January 2025` (`21 Jan 2025` when `short`).
    DayMonthYear { short: bool },
    /// `January 2025`: no day; read as the first of the month.
    MonthYear { short: bool },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month a word names (`January`, `jan`, `Jan.`, `Sept`), if any.
fn month(word: &str) -> Option<(u8, bool)> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    for (i, name) in MONTHS.iter().enumerate() {
        let name = name.to_ascii_lowercase();
        if w == name {
            return Some((i as u8 + 1, false));
        }
        if w == name[..3] || (i == 8 && w == "sept") {
            return Some((i as u8 + 1, true));
        }
    }
    None
}

/// A day number, with an optional ordinal suffix (`21`, `21st`, `3rd`).
fn day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok()
    } else {
        None
    }
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` (month and day may have one digit) at the
/// start of `s`; returns the date, its style and the length matched.
fn numeric(s: &str) -> Option<(Date, DateStyle, usize)> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    let style = match sep {
        b'-' => DateStyle::Iso,
        b'/' => DateStyle::Slash,
        _ => return None,
    };
    let digits = |from: usize| {
        let n = b[from..]
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_digit())
            .count();
        (1..=2).contains(&n).then_some(n)
    };
    let m_len = digits(5)?;
    if b.get(5 + m_len) != Some(&sep) {
        return None;
    }
    let d_start = 6 + m_len;
    let d_len = digits(d_start)?;
    let end = d_start + d_len;
    let date = Date::from_ymd(
        s[..4].parse().ok()?,
        s[5..5 + m_len].parse().ok()?,
        s[d_start..end].parse().ok()?,
    )?;
    Some((date, style, end))
}

/// Parses a date value as a policy writes it. Surrounding emphasis, code
/// markers, whitespace and a final period are ignored; anything else around
/// the date makes it unreadable (`None`).
pub fn parse(value: &str) -> Option<(Date, DateStyle)> {
    let s = value
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`') || c.is_whitespace())
        .trim_end_matches('.');
    if let Some((date, style, len)) = numeric(s) {
        return (len == s.len()).then_some((date, style));
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [m, d, y] if month(m).is_some() => {
            let (m, short) = month(m)?;
            let date = Date::from_ymd(year(y)?, m, day(d)?)?;
            Some((date, DateStyle::MonthDayYear { short }))
        }
        [d, m, y] => {
            let (m, short) = month(m)?;
            let date = Date::from_ymd(year(y)?, m, day(d)?)?;
            Some((date, DateStyle::DayMonthYear { short }))
        }
        [m, y] => {
            let (m, short) = month(m)?;
            let date = Date::from_ymd(year(y)?, m, 1)?;
            Some((date, DateStyle::MonthYear { short }))
        }
        _ => None,
    }
}

/// Writes a date in a style.
pub fn format(date: Date, style: DateStyle) -> String {
    let name = |short: bool| {
        let full = MONTHS[usize::from(date.month.clamp(1, 12)) - 1];
        if short {
            &full[..3]
        } else {
            full
        }
    };
    match style {
        DateStyle::Iso => date.to_string(),
        DateStyle::Slash => format!("{:04}/{:02}/{:02}", date.year, date.month, date.day),
        DateStyle::MonthDayYear { short } => {
            format!("{} {}, {:04}", name(short), date.day, date.year)
        }
        DateStyle::DayMonthYear { short } => {
            format!("{} {} {:04}", date.day, name(short), date.year)
        }
        DateStyle::MonthYear { short } => format!("{} {:04}", name(short), date.year),
    }
}

/// Full dates written anywhere in a text, in order: numeric dates and
/// `Month D, YYYY` / `D Month YYYY` (month-and-year alone is too loose to
/// count as a date in running text).
pub fn find_dates(text: &str) -> Vec<(Range<usize>, Date, DateStyle)> {
    let mut out = Vec::new();
    // Words: maximal runs of ASCII letters and digits, with offsets.
    let mut words: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            words.push(start..i);
        } else {
            i += 1;
        }
    }
    // Only spaces, commas and a month abbreviation's period may separate
    // the parts of a written date.
    let joined = |a: &Range<usize>, b: &Range<usize>| {
        text[a.end..b.start]
            .chars()
            .all(|c| matches!(c, ' ' | ',' | '.'))
            && b.start - a.end <= 3
    };
    let mut w = 0;
    while w < words.len() {
        let r = &words[w];
        let word = &text[r.clone()];
        let preceded_ok = r.start == 0 || !matches!(bytes[r.start - 1], b'-' | b'/' | b'.');
        if let Some((date, style, len)) = numeric(&text[r.start..]) {
            let end = r.start + len;
            let followed_ok = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
            if preceded_ok && followed_ok {
                out.push((r.start..end, date, style));
                while w < words.len() && words[w].start < end {
                    w += 1;
                }
                continue;
            }
        }
        if let Some((m, short)) = month(word) {
            // Month D, YYYY
            if let (Some(d), Some(y)) = (words.get(w + 1), words.get(w + 2)) {
                if joined(r, d) && joined(d, y) {
                    if let (Some(dd), Some(yy)) = (day(&text[d.clone()]), year(&text[y.clone()])) {
                        if let Some(date) = Date::from_ymd(yy, m, dd) {
                            out.push((r.start..y.end, date, DateStyle::MonthDayYear { short }));
                            w += 3;
                            continue;
                        }
                    }
                }
            }
            // D Month YYYY
            if let (Some(d), Some(y)) = (
                w.checked_sub(1).and_then(|p| words.get(p)),
                words.get(w + 1),
            ) {
                if joined(d, r) && joined(r, y) {
                    if let (Some(dd), Some(yy)) = (day(&text[d.clone()]), year(&text[y.clone()])) {
                        if let Some(date) = Date::from_ymd(yy, m, dd) {
                            out.push((d.start..y.end, date, DateStyle::DayMonthYear { short }));
                            w += 2;
                            continue;
                        }
                    }
                }
            }
        }
        w += 1;
    }
    out
}

/// The style a document writes dates in: that of its first readable date
/// field, else of the first full date in its text, else ISO.
pub fn detect_style(fields: &[DateField], text: &str) -> DateStyle {
    fields
        .iter()
        .find_map(|f| parse(&f.value).map(|(_, s)| s))
        .or_else(|| find_dates(text).first().map(|d| d.2))
        .unwrap_or(DateStyle::Iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn parses_each_style() {
        assert_eq!(parse("2024-01-15"), Some((d(2024, 1, 15), DateStyle::Iso)));
        assert_eq!(parse("2024-1-5"), Some((d(2024, 1, 5), DateStyle::Iso)));
        assert_eq!(
            parse(" 2024/01/15 "),
            Some((d(2024, 1, 15), DateStyle::Slash))
        );
        assert_eq!(
            parse("January 21, 2025"),
            Some((d(2025, 1, 21), DateStyle::MonthDayYear { short: false }))
        );
        assert_eq!(
            parse("*Jan. 21st 2025*"),
            Some((d(2025, 1, 21), DateStyle::MonthDayYear { short: true }))
        );
        assert_eq!(
            parse("21 January 2025."),
            Some((d(2025, 1, 21), DateStyle::DayMonthYear { short: false }))
        );
        assert_eq!(
            parse("Sept 2024"),
            Some((d(2024, 9, 1), DateStyle::MonthYear { short: true }))
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "soon",
            "2025-02-30",
            "2025-13-01",
            "2024-01-15 or later",
            "Janury 21, 2025",
            "21 2025",
            "January 32, 2025",
            "2024-001-15",
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn formats_each_style() {
        let date = d(2026, 9, 3);
        let got: Vec<String> = [
            DateStyle::Iso,
            DateStyle::Slash,
            DateStyle::MonthDayYear { short: false },
            DateStyle::MonthDayYear { short: true },
            DateStyle::DayMonthYear { short: false },
            DateStyle::MonthYear { short: false },
        ]
        .iter()
        .map(|s| format(date, *s))
        .collect();
        assert_eq!(
            got,
            [
                "2026-09-03",
                "2026/09/03",
                "September 3, 2026",
                "Sep 3, 2026",
                "3 September 2026",
                "September 2026"
            ]
        );
    }

    #[test]
    fn finds_dates_in_text() {
        let text = "v1.2024-01-15 no; released 2024-01-15, then 21 March 2025 and Jan 5, 2026 — 日本 2024/02/29";
        let got: Vec<(&str, DateStyle)> = find_dates(text)
            .into_iter()
            .map(|(r, _, s)| (&text[r], s))
            .collect();
        assert_eq!(
            got,
            [
                ("2024-01-15", DateStyle::Iso),
                ("21 March 2025", DateStyle::DayMonthYear { short: false }),
                ("Jan 5, 2026", DateStyle::MonthDayYear { short: true }),
                ("2024/02/29", DateStyle::Slash),
            ]
        );
    }

    #[test]
    fn detects_the_document_style() {
        assert_eq!(detect_style(&[], "no dates here"), DateStyle::Iso);
        assert_eq!(
            detect_style(&[], "Released on 21 January 2025."),
            DateStyle::DayMonthYear { short: false }
        );
    }
}
