//! Parsing the dates policies write ("2024-01-15", "January 21, 2025",
//! "15.01.2024", "6/24/2024"…) and writing a date back in the same format.
//!
//! [`parse_prefix`] recognises a date at the start of a value and reports
//! how it was written ([`DateFormat`]), so a fix can write today's date the
//! way the document already does. Values that have the shape of a date but
//! name no real day (2025-02-30) or could be read two ways (03/04/2025) are
//! returned as [`DateValue::Impossible`] / [`DateValue::Ambiguous`] rather
//! than guessed.

use super::{days_in_month, Date};

/// How precise a written date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    Day,
    /// "January 2025", "2025-01": some day of that month.
    Month,
    /// "Q1 2025": some day of that quarter (the date is its first day).
    Quarter,
    /// "2025": some day of that year.
    Year,
}

/// How a month name was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthStyle {
    /// "January"
    Full,
    /// "Jan"
    Short,
    /// "Jan."
    ShortDot,
}

/// The order of the numbers in an all-numeric day-month-year date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order {
    /// 15/01/2024, 15.01.2024
    DayFirst,
    /// 01/15/2024
    MonthFirst,
}

/// How a date was written, so that another date can be written alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// 2024-01-15, 2024/01/15, 2024.1.5 (`pad`: two-digit month and day).
    YearFirst { sep: char, pad: bool },
    /// 2024-01 (month precision).
    YearMonth { sep: char },
    /// 2024 (year precision).
    Year,
    /// Q1 2025 (quarter precision).
    Quarter,
    /// 15.01.2024, 01/15/2024, 15-01-2024.
    Numeric { order: Order, sep: char, pad: bool },
    /// January 21, 2025 / Jan 21st 2025.
    MonthDayYear {
        style: MonthStyle,
        comma: bool,
        ordinal: bool,
    },
    /// 21 January 2025 / 21st Jan, 2025 / 21-Jan-2025 (`dashed`).
    DayMonthYear {
        style: MonthStyle,
        comma: bool,
        ordinal: bool,
        dashed: bool,
    },
    /// January 2025 (month precision).
    MonthYear { style: MonthStyle, comma: bool },
}

/// What a date-shaped value means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// A real date. For month precision, the first day of the month.
    Valid(Date, Precision),
    /// Date-shaped but no such day (2025-02-30, 2024-13-01).
    Impossible,
    /// All-numeric with day and month both ≤ 12 and different (03/04/2025):
    /// the month-first and the day-first readings.
    Ambiguous { month_first: Date, day_first: Date },
}

/// A date recognised at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParsedDate {
    /// Bytes of the text the date takes (from the start).
    pub len: usize,
    pub value: DateValue,
    pub format: DateFormat,
}

/// The one month table: full English names, lowercase.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Recognises a date at the start of `s` (leading whitespace not allowed).
/// Returns `None` when `s` does not start with something shaped like a date.
pub fn parse_prefix(s: &str) -> Option<ParsedDate> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_digit() {
        return numeric(s).or_else(|| day_month_year(s));
    }
    if let Some(q) = quarter(s) {
        return Some(q);
    }
    // An optional weekday: "Monday, January 21, 2025".
    let mut sc = Scanner::new(s);
    if let Some((word, _)) = sc.word() {
        if WEEKDAYS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&word) || (word.len() == 3 && w.starts_with(&word)))
        {
            sc.eat(",");
            sc.spaces();
            let rest = &s[sc.pos..];
            return parse_prefix(rest)
                .filter(|p| !matches!(p.format, DateFormat::Numeric { .. }))
                .map(|p| ParsedDate {
                    len: sc.pos + p.len,
                    ..p
                });
        }
    }
    month_first_words(s)
}

/// Writes `date` in `format`. Month-precision formats write the month of
/// `date`. A numeric format whose result could be read two ways (04/03/2026)
/// writes ISO instead, so a fix never creates an ambiguous date.
pub fn format_date(date: Date, format: DateFormat) -> String {
    let month = |style: MonthStyle| {
        let full = MONTHS[usize::from(date.month - 1)];
        let name = match style {
            MonthStyle::Full => full.to_string(),
            MonthStyle::Short | MonthStyle::ShortDot => full[..3].to_string(),
        };
        let mut name = capitalize(&name);
        // "May" has no abbreviation to mark with a dot.
        if style == MonthStyle::ShortDot && full.len() > 3 {
            name.push('.');
        }
        name
    };
    let ord = |on: bool| if on { ordinal_suffix(date.day) } else { "" };
    match format {
        DateFormat::YearFirst { sep, pad } => {
            if pad {
                format!("{:04}{sep}{:02}{sep}{:02}", date.year, date.month, date.day)
            } else {
                format!("{}{sep}{}{sep}{}", date.year, date.month, date.day)
            }
        }
        DateFormat::YearMonth { sep } => format!("{:04}{sep}{:02}", date.year, date.month),
        DateFormat::Year => format!("{:04}", date.year),
        DateFormat::Quarter => format!("Q{} {:04}", (date.month - 1) / 3 + 1, date.year),
        DateFormat::Numeric { order, sep, pad } => {
            if date.day <= 12 && date.day != date.month && sep != '.' {
                return date.to_string();
            }
            let (a, b) = match order {
                Order::DayFirst => (date.day, date.month),
                Order::MonthFirst => (date.month, date.day),
            };
            if pad {
                format!("{a:02}{sep}{b:02}{sep}{:04}", date.year)
            } else {
                format!("{a}{sep}{b}{sep}{}", date.year)
            }
        }
        DateFormat::MonthDayYear {
            style,
            comma,
            ordinal,
        } => format!(
            "{} {}{}{} {}",
            month(style),
            date.day,
            ord(ordinal),
            if comma { "," } else { "" },
            date.year
        ),
        DateFormat::DayMonthYear {
            style,
            comma,
            ordinal,
            dashed,
        } => {
            if dashed {
                format!("{:02}-{}-{}", date.day, month(style), date.year)
            } else {
                format!(
                    "{}{} {}{} {}",
                    date.day,
                    ord(ordinal),
                    month(style),
                    if comma { "," } else { "" },
                    date.year
                )
            }
        }
        DateFormat::MonthYear { style, comma } => format!(
            "{}{} {}",
            month(style),
            if comma { "," } else { "" },
            date.year
        ),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn ordinal_suffix(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A small cursor over the text being parsed.
struct Scanner<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner { s, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    /// Up to `max` ASCII digits: (value, digit count).
    fn digits(&mut self, max: usize) -> Option<(u32, usize)> {
        let n = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > max {
            return None;
        }
        let v = self.rest()[..n].parse().ok()?;
        self.pos += n;
        Some((v, n))
    }

    fn eat(&mut self, t: &str) -> bool {
        if self.rest().starts_with(t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) -> usize {
        let n = self.rest().len() - self.rest().trim_start_matches([' ', '\t']).len();
        self.pos += n;
        n
    }

    /// An ASCII word, lowercased, and its length.
    fn word(&mut self) -> Option<(String, usize)> {
        let n = self
            .rest()
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        if n == 0 {
            return None;
        }
        let w = self.rest()[..n].to_ascii_lowercase();
        self.pos += n;
        Some((w, n))
    }

    /// A month name ("January", "jan", "Sept", "Jan."): (month, style).
    fn month(&mut self) -> Option<(u8, MonthStyle)> {
        let save = self.pos;
        let (w, _) = self.word()?;
        let found = MONTHS.iter().enumerate().find_map(|(i, m)| {
            if *m == w {
                Some((i as u8 + 1, MonthStyle::Full))
            } else if (w.len() == 3 || (w == "sept" && i == 8)) && m.starts_with(&w) {
                Some((i as u8 + 1, MonthStyle::Short))
            } else {
                None
            }
        });
        let Some((m, mut style)) = found else {
            self.pos = save;
            return None;
        };
        if style == MonthStyle::Short && self.eat(".") {
            style = MonthStyle::ShortDot;
        }
        Some((m, style))
    }

    /// "st", "nd", "rd", "th" after a day number.
    fn ordinal(&mut self) -> bool {
        for suffix in ["st", "nd", "rd", "th"] {
            if self
                .rest()
                .get(..2)
                .is_some_and(|r| r.eq_ignore_ascii_case(suffix))
            {
                self.pos += 2;
                return true;
            }
        }
        false
    }

    /// A four-digit year that ends the date (see `at_boundary`).
    fn final_year(&mut self) -> Option<u32> {
        let (year, len) = self.digits(4)?;
        (len == 4 && self.at_boundary()).then_some(year)
    }

    /// Whether the date ends here: not followed by a letter or digit (so
    /// "2024-01-150" and "Jan 5 2024a" are not dates).
    fn at_boundary(&self) -> bool {
        !self
            .rest()
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
    }
}

/// A real date, or `Impossible` (no such day, or a year no policy was
/// written in: 0202-01-15 is a typo, not a 1800-year-old policy).
fn valid_or_impossible(year: u32, month: u32, day: u32) -> DateValue {
    if !(1900..=2200).contains(&year) {
        return DateValue::Impossible;
    }
    let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(year), u8::try_from(month), u8::try_from(day))
    else {
        return DateValue::Impossible;
    };
    match Date::from_ymd(y, m, d) {
        Some(date) => DateValue::Valid(date, Precision::Day),
        None => DateValue::Impossible,
    }
}

fn month_value(year: u32, month: u32) -> DateValue {
    valid_or_impossible(year, month, 1).with_precision(Precision::Month)
}

impl DateValue {
    fn with_precision(self, p: Precision) -> DateValue {
        match self {
            DateValue::Valid(d, _) => DateValue::Valid(d, p),
            other => other,
        }
    }
}

/// All-numeric dates: 2024-01-15, 2024/1/5, 2024-01, 15.01.2024, 6/24/2024.
fn numeric(s: &str) -> Option<ParsedDate> {
    let mut sc = Scanner::new(s);
    let (a, a_len) = sc.digits(4)?;
    let Some(sep) = sc
        .rest()
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '/' | '.'))
    else {
        // A year alone ("Last updated: 2024"), not "2024a" or "2024,5".
        let rest = sc.rest();
        let ends = sc.at_boundary()
            && !rest.starts_with(':')
            && !(rest.starts_with(',') && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit));
        let plausible = a_len == 4 && (1900..=2200).contains(&a);
        return (plausible && ends).then(|| ParsedDate {
            len: sc.pos,
            value: valid_or_impossible(a, 1, 1).with_precision(Precision::Year),
            format: DateFormat::Year,
        });
    };
    sc.pos += 1;
    let (b, b_len) = sc.digits(2)?;
    if a_len == 4 {
        let after_month = sc.pos;
        if sc.eat(&sep.to_string()) {
            if let Some((c, c_len)) = sc.digits(2) {
                // "2024-01-15T10:30:00Z": the date part.
                let time = sc.rest().starts_with('T')
                    && sc.rest().as_bytes().get(1).is_some_and(u8::is_ascii_digit);
                if !time && (!sc.at_boundary() || continues_numerically(sc.rest())) {
                    return None;
                }
                return Some(ParsedDate {
                    len: sc.pos,
                    value: valid_or_impossible(a, b, c),
                    format: DateFormat::YearFirst {
                        sep,
                        pad: b_len == 2 && c_len == 2,
                    },
                });
            }
        }
        // Year and month only: "2024-01" (a dot would be a version, "2024.1").
        sc.pos = after_month;
        if sep == '.' || b_len != 2 || !sc.at_boundary() || continues_numerically(sc.rest()) {
            return None;
        }
        return Some(ParsedDate {
            len: sc.pos,
            value: month_value(a, b),
            format: DateFormat::YearMonth { sep },
        });
    }
    if a_len > 2 || !sc.eat(&sep.to_string()) {
        return None;
    }
    let (year, year_len) = sc.digits(4)?;
    if year_len != 4 || !sc.at_boundary() || continues_numerically(sc.rest()) {
        return None;
    }
    let pad = a_len == 2 && b_len == 2;
    let len = sc.pos;
    let fmt = |order| DateFormat::Numeric { order, sep, pad };
    // Dotted dates are day-first everywhere they are written (de, ru, …).
    if sep == '.' || a > 12 {
        return Some(ParsedDate {
            len,
            value: valid_or_impossible(year, b, a),
            format: fmt(Order::DayFirst),
        });
    }
    if b > 12 || a == b {
        return Some(ParsedDate {
            len,
            value: valid_or_impossible(year, a, b),
            format: fmt(Order::MonthFirst),
        });
    }
    let month_first = valid_or_impossible(year, a, b);
    let day_first = valid_or_impossible(year, b, a);
    let value = match (month_first, day_first) {
        (DateValue::Valid(m, _), DateValue::Valid(d, _)) => DateValue::Ambiguous {
            month_first: m,
            day_first: d,
        },
        (v @ DateValue::Valid(..), _) | (_, v @ DateValue::Valid(..)) => v,
        _ => DateValue::Impossible,
    };
    Some(ParsedDate {
        len,
        value,
        format: fmt(Order::MonthFirst),
    })
}

/// Whether more numbers follow ("2024-01-15.3", "1.0.2024.5"): then the
/// text is a version or an identifier, not a date.
fn continues_numerically(s: &str) -> bool {
    s.starts_with(['.', '-', '/']) && s.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
}

/// "Q1 2025" (also "Q1-2025", "Q1, 2025").
fn quarter(s: &str) -> Option<ParsedDate> {
    let mut sc = Scanner::new(s);
    if !(sc.eat("Q") || sc.eat("q")) {
        return None;
    }
    let (q, _) = sc.digits(1)?;
    if !(1..=4).contains(&q) {
        return None;
    }
    if !sc.eat("-") {
        sc.eat(",");
        if sc.spaces() == 0 {
            return None;
        }
    }
    let year = sc.final_year()?;
    Some(ParsedDate {
        len: sc.pos,
        value: valid_or_impossible(year, (q - 1) * 3 + 1, 1).with_precision(Precision::Quarter),
        format: DateFormat::Quarter,
    })
}

/// "21 January 2025", "21st Jan, 2025".
fn day_month_year(s: &str) -> Option<ParsedDate> {
    let mut sc = Scanner::new(s);
    let (day, _) = sc.digits(2)?;
    let ordinal = sc.ordinal();
    // "21-Jan-2025" (dashed) or "21 January 2025" (spaced).
    let dashed = !ordinal && sc.eat("-");
    if !dashed && sc.spaces() == 0 {
        return None;
    }
    if !dashed {
        sc.eat("of ");
    }
    let (month, style) = sc.month()?;
    let comma = !dashed && sc.eat(",");
    if dashed {
        if !sc.eat("-") {
            return None;
        }
    } else if sc.spaces() == 0 && !comma {
        return None;
    }
    let year = sc.final_year()?;
    Some(ParsedDate {
        len: sc.pos,
        value: valid_or_impossible(year, u32::from(month), day),
        format: DateFormat::DayMonthYear {
            style,
            comma,
            ordinal,
            dashed,
        },
    })
}

/// "January 21, 2025", "Jan 21st 2025", "January 2025", "January, 2025".
fn month_first_words(s: &str) -> Option<ParsedDate> {
    let mut sc = Scanner::new(s);
    let (month, style) = sc.month()?;
    if !sc.at_boundary() {
        return None;
    }
    let comma_after_month = sc.eat(",");
    if sc.spaces() == 0 {
        return None;
    }
    let (n, n_len) = sc.digits(4)?;
    if n_len == 4 {
        if !sc.at_boundary() {
            return None;
        }
        return Some(ParsedDate {
            len: sc.pos,
            value: month_value(n, u32::from(month)),
            format: DateFormat::MonthYear {
                style,
                comma: comma_after_month,
            },
        });
    }
    if n_len > 2 || comma_after_month {
        return None;
    }
    let ordinal = sc.ordinal();
    let comma = sc.eat(",");
    if sc.spaces() == 0 && !comma {
        return None;
    }
    let year = sc.final_year()?;
    Some(ParsedDate {
        len: sc.pos,
        value: valid_or_impossible(year, u32::from(month), n),
        format: DateFormat::MonthDayYear {
            style,
            comma,
            ordinal,
        },
    })
}

/// The first and the last day a parsed date can mean (one day, a month or
/// a year).
pub fn span(date: Date, precision: Precision) -> (Date, Date) {
    let last = match precision {
        Precision::Day => date,
        Precision::Month => Date {
            day: days_in_month(date.year, date.month),
            ..date
        },
        Precision::Quarter => {
            let month = date.month + 2;
            Date {
                month,
                day: days_in_month(date.year, month),
                ..date
            }
        }
        Precision::Year => Date {
            month: 12,
            day: 31,
            ..date
        },
    };
    (date, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    fn value(s: &str) -> Option<(usize, DateValue)> {
        parse_prefix(s).map(|p| (p.len, p.value))
    }

    fn day(y: i32, m: u8, dd: u8) -> DateValue {
        DateValue::Valid(d(y, m, dd), Precision::Day)
    }

    #[test]
    fn parses_every_documented_format() {
        assert_eq!(value("2024-01-15"), Some((10, day(2024, 1, 15))));
        assert_eq!(value("2024/01/15 (v2)"), Some((10, day(2024, 1, 15))));
        assert_eq!(value("January 21, 2025"), Some((16, day(2025, 1, 21))));
        assert_eq!(value("Jan 21, 2025"), Some((12, day(2025, 1, 21))));
        assert_eq!(value("Jan 21,2025"), Some((11, day(2025, 1, 21))));
        assert_eq!(value("21-Jan-2025"), Some((11, day(2025, 1, 21))));
        assert_eq!(value("2025-01-21T10:30:00Z"), Some((10, day(2025, 1, 21))));
        assert_eq!(value("Jan. 21st 2025"), Some((14, day(2025, 1, 21))));
        assert_eq!(value("21 January 2025"), Some((15, day(2025, 1, 21))));
        assert_eq!(value("21st of Sept, 2025"), Some((18, day(2025, 9, 21))));
        assert_eq!(
            value("January 2025"),
            Some((12, DateValue::Valid(d(2025, 1, 1), Precision::Month)))
        );
        assert_eq!(
            value("2025-03"),
            Some((7, DateValue::Valid(d(2025, 3, 1), Precision::Month)))
        );
        assert_eq!(value("15.01.2024"), Some((10, day(2024, 1, 15))));
        assert_eq!(
            value("Q3 2025"),
            Some((7, DateValue::Valid(d(2025, 7, 1), Precision::Quarter)))
        );
        assert_eq!(
            span(d(2025, 10, 1), Precision::Quarter),
            (d(2025, 10, 1), d(2025, 12, 31))
        );
        assert_eq!(
            value("2024 (v2)"),
            Some((4, DateValue::Valid(d(2024, 1, 1), Precision::Year)))
        );
        assert_eq!(value("6/24/2024"), Some((9, day(2024, 6, 24))));
        assert_eq!(value("24/6/2024"), Some((9, day(2024, 6, 24))));
        assert_eq!(value("03/03/2025"), Some((10, day(2025, 3, 3))));
        assert_eq!(
            value("Monday, January 20, 2025"),
            Some((24, day(2025, 1, 20)))
        );
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_not_guessed() {
        assert_eq!(value("2025-02-30"), Some((10, DateValue::Impossible)));
        assert_eq!(
            value("February 30, 2025"),
            Some((17, DateValue::Impossible))
        );
        assert_eq!(value("2024-13"), Some((7, DateValue::Impossible)));
        assert_eq!(value("0202-01-15"), Some((10, DateValue::Impossible)));
        assert_eq!(
            value("03/04/2025"),
            Some((
                10,
                DateValue::Ambiguous {
                    month_first: d(2025, 3, 4),
                    day_first: d(2025, 4, 3)
                }
            ))
        );
        // 31/02 is impossible day-first, so month-first is the only reading.
        assert_eq!(value("02/31/2025"), Some((10, DateValue::Impossible)));
    }

    #[test]
    fn non_dates_are_not_recognised() {
        for s in [
            "",
            "soon",
            "1.2.3",
            "2024.1",
            "90 days",
            "v2024-01-01",
            "2024-01-150",
            "Mayday 2024",
            "May",
            "12345",
            "1.0.2024.5",
            "Marching 5, 2024",
        ] {
            assert_eq!(parse_prefix(s), None, "{s:?}");
        }
    }

    proptest::proptest! {
        /// Any mix of date-like pieces and multi-byte characters parses or
        /// not, without panicking, within the text.
        #[test]
        fn never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
            "2024", "-", "/", ".", "01", "5", "13", "st", "Jan", "January", " ", ",", "é", "€", "😀",
            "Monday", "of", "\n", "x",
        ]), 0..12)) {
            let s: String = parts.concat();
            if let Some(p) = parse_prefix(&s) {
                proptest::prop_assert!(s.is_char_boundary(p.len) && p.len <= s.len());
            }
        }
    }

    #[test]
    fn writes_dates_back_in_the_same_format() {
        let today = d(2026, 11, 23);
        for (written, expected) in [
            ("2024-01-15", "2026-11-23"),
            ("2024/1/5", "2026/11/23"),
            ("January 21, 2025", "November 23, 2026"),
            ("Jan. 21st 2025", "Nov. 23rd 2026"),
            ("21 Jan 2025", "23 Nov 2026"),
            ("01-Jan-2025", "23-Nov-2026"),
            ("January 2025", "November 2026"),
            ("2025-01", "2026-11"),
            ("2025", "2026"),
            ("Q1 2025", "Q4 2026"),
            ("15.01.2024", "23.11.2026"),
            ("6/24/2024", "11/23/2026"),
            ("24/06/2024", "23/11/2026"),
        ] {
            let p = parse_prefix(written).unwrap();
            assert_eq!(format_date(today, p.format), expected, "{written}");
        }
        // 4 March 2026 would be ambiguous as 03/04/2026: write ISO.
        let p = parse_prefix("6/24/2024").unwrap();
        assert_eq!(format_date(d(2026, 3, 4), p.format), "2026-03-04");
        let p = parse_prefix("May 1, 2024").unwrap();
        assert_eq!(format_date(d(2026, 5, 2), p.format), "May 2, 2026");
    }
}
