//! The document's date format, for writing "today" the way the policy
//! already writes dates (`2024-01-15`, `January 21, 2025`, `21 January
//! 2025`, `2024/01/15`…).
//!
//! Parsing and formatting are `super::parse`'s (shared with the date
//! rules); this module only decides which format a document
//! uses: that of its first date field with a readable date, else that of
//! the first full date written anywhere in its text, else ISO 8601.

use super::parse::{parse_prefix, span, DateFormat, DateValue, ParsedDate, Precision};
use crate::model::{Date, DateField};

/// ISO 8601 (`2024-01-15`), the default.
pub const ISO: DateFormat = DateFormat::YearFirst {
    sep: '-',
    pad: true,
};

/// The format a document writes dates in.
pub fn detect_format(fields: &[DateField], text: &str) -> DateFormat {
    fields
        .iter()
        .find_map(|f| {
            f.parsed
                .filter(|p| matches!(p.value, DateValue::Valid(..)))
                .map(|p| p.format)
        })
        .or_else(|| first_full_date(text))
        .unwrap_or(ISO)
}

/// The format of the first unambiguous full date in running text. Dotted
/// year-first numbers are skipped: in prose they are usually versions
/// (`2024.1.5`), not dates.
fn first_full_date(text: &str) -> Option<DateFormat> {
    dates_in(text)
        .find(|p| {
            !matches!(p.format, DateFormat::YearFirst { sep: '.', .. })
                && matches!(p.value, DateValue::Valid(_, Precision::Day))
        })
        .map(|p| p.format)
}

/// The first real date written in a short text (a table cell), with the
/// first and last day it can mean ("2027-06": June 1 and June 30).
pub fn first_date_in(text: &str) -> Option<(Date, Date)> {
    dates_in(text).find_map(|p| match p.value {
        DateValue::Valid(d, precision) => Some(span(d, precision)),
        _ => None,
    })
}

/// Dates starting at word starts of `text` and ending at word ends.
fn dates_in(text: &str) -> impl Iterator<Item = ParsedDate> + '_ {
    let bytes = text.as_bytes();
    let joined = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'/');
    (0..bytes.len()).filter_map(move |i| {
        let starts_word = bytes[i].is_ascii_alphanumeric() && (i == 0 || !joined(bytes[i - 1]));
        if !starts_word {
            return None;
        }
        let p = parse_prefix(&text[i..])?;
        let ends_word = bytes
            .get(i + p.len)
            .is_none_or(|b| !b.is_ascii_alphanumeric() && !matches!(b, b'-' | b'/'));
        ends_word.then_some(p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::parse::{format_date, MonthStyle};

    fn detect(text: &str) -> String {
        format_date(
            Date::from_ymd(2026, 9, 3).unwrap(),
            detect_format(&[], text),
        )
    }

    #[test]
    fn detects_the_format_of_text_dates() {
        assert_eq!(detect("no dates here"), "2026-09-03");
        assert_eq!(detect("Released on 21 January 2025."), "3 September 2026");
        assert_eq!(detect("v2024.01.05 then 2024/01/15"), "2026/09/03");
        assert_eq!(detect("安全 — Jan 5, 2026"), "Sep 3, 2026");
        assert_eq!(detect("see 1.2024-01-15x and March 2024"), "2026-09-03");
        let d = |y, m, day| Date::from_ymd(y, m, day).unwrap();
        assert_eq!(
            first_date_in("Until 2027-06"),
            Some((d(2027, 6, 1), d(2027, 6, 30)))
        );
        assert_eq!(
            first_date_in("until Dec 31, 2026"),
            Some((d(2026, 12, 31), d(2026, 12, 31)))
        );
        assert_eq!(first_date_in("v2.x"), None);
        assert_eq!(
            detect_format(&[], "January 21, 2025"),
            DateFormat::MonthDayYear {
                style: MonthStyle::Full,
                comma: true,
                ordinal: false
            }
        );
    }
}
