//! Review arithmetic shared by hover, completion and code lenses: which date
//! fields say when the policy was last updated and when it is next due,
//! the interval between them, and how to phrase ages and due dates.

use crate::model::dates::fixes::{is_expiry, span};
use crate::model::{dates::days_in_month, Date, DateField, DateKind};

/// A date field with the days its value can mean (one day, or every day
/// of a month or year), when it names a real date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadField<'a> {
    pub field: &'a DateField,
    pub span: Option<(Date, Date)>,
}

impl<'a> ReadField<'a> {
    pub fn new(field: &'a DateField) -> Self {
        ReadField {
            field,
            span: span(field),
        }
    }

    /// The first day the value can mean ("March 2024": March 1).
    pub fn first(&self) -> Option<Date> {
        self.span.map(|s| s.0)
    }

    /// The last day the value can mean ("March 2024": March 31), the
    /// lenient reading for ages and due dates, as the date rules use.
    pub fn last(&self) -> Option<Date> {
        self.span.map(|s| s.1)
    }
}

/// The document's "last updated" and "next review" fields.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReviewFields<'a> {
    /// The newest readable Updated date not in the future (older ones are
    /// changelog history, as `stale-date` reads them), else the first
    /// Updated field.
    pub updated: Option<ReadField<'a>>,
    /// The first Review field that is not an expiry date ("Expires" names
    /// when a key or certificate runs out, not a policy review).
    pub next: Option<ReadField<'a>>,
}

impl<'a> ReviewFields<'a> {
    pub fn of(fields: &'a [DateField], today: Date) -> Self {
        let updated: Vec<ReadField<'a>> = fields
            .iter()
            .filter(|f| f.kind == DateKind::Updated)
            .map(ReadField::new)
            .collect();
        let newest = updated
            .iter()
            .filter(|r| r.first().is_some_and(|d| d <= today))
            .max_by_key(|r| r.last())
            .or(updated.first())
            .copied();
        ReviewFields {
            updated: newest,
            next: fields
                .iter()
                .find(|f| f.kind == DateKind::Review && !is_expiry(f))
                .map(ReadField::new),
        }
    }

    /// The interval the policy keeps between updates and reviews, when
    /// both dates are readable and the review is later.
    pub fn interval(&self) -> Option<Interval> {
        Interval::between(self.updated?.first()?, self.next?.first()?)
    }

    /// When the next review is due: the "next review" date if readable,
    /// else `max_age_days` after the last update.
    pub fn due(&self, max_age_days: u32) -> Option<(Date, Due)> {
        if let Some(d) = self.next.and_then(|n| n.last()) {
            return Some((d, Due::NextReview));
        }
        let updated = self.updated?.last()?;
        Some((
            updated.add_days(i64::from(max_age_days)),
            Due::MaxAge(max_age_days),
        ))
    }
}

/// Where a due date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    /// The document's own "next review" date.
    NextReview,
    /// `max-age-days` after the last update.
    MaxAge(u32),
}

/// A review interval: whole calendar months when the two dates fall on the
/// same day of the month (so "every 6 months" stays on that day), else days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interval {
    Months(u32),
    Days(i64),
}

impl Interval {
    /// One year, the default when a policy states no interval.
    pub const YEAR: Interval = Interval::Months(12);

    pub fn between(from: Date, to: Date) -> Option<Interval> {
        if to <= from {
            return None;
        }
        let months = (to.year - from.year) * 12 + i32::from(to.month) - i32::from(from.month);
        if from.day == to.day && months > 0 {
            return Some(Interval::Months(months as u32));
        }
        Some(Interval::Days(from.days_until(to)))
    }

    pub fn after(self, date: Date) -> Date {
        match self {
            Interval::Months(m) => add_months(date, m),
            Interval::Days(d) => date.add_days(d),
        }
    }

    /// "1 year", "6 months", "90 days".
    pub fn describe(self) -> String {
        match self {
            Interval::Months(m) if m % 12 == 0 => plural(i64::from(m / 12), "year"),
            Interval::Months(m) => plural(i64::from(m), "month"),
            Interval::Days(d) => plural(d, "day"),
        }
    }
}

/// The same day `months` later, clamped to the month's length (Jan 31 + 1
/// month = Feb 28 or 29).
pub(crate) fn add_months(date: Date, months: u32) -> Date {
    let total = date.year * 12 + i32::from(date.month) - 1 + months as i32;
    let year = total.div_euclid(12);
    let month = (total.rem_euclid(12) + 1) as u8;
    let day = date.day.min(days_in_month(year, month));
    Date { year, month, day }
}

/// "1 day", "3 days".
pub(crate) fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// "reviewed today", "reviewed 3 days ago", "dated 2 days in the future".
pub(crate) fn age_phrase(updated: Date, today: Date) -> String {
    match updated.days_until(today) {
        0 => "reviewed today".to_string(),
        n if n > 0 => format!("reviewed {} ago", plural(n, "day")),
        n => format!("dated {} in the future", plural(-n, "day")),
    }
}

/// "review due in 3 days", "review due today", "review overdue by 3 days".
pub(crate) fn due_phrase(due: Date, today: Date) -> String {
    match today.days_until(due) {
        0 => "review due today".to_string(),
        n if n > 0 => format!("review due in {}", plural(n, "day")),
        n => format!("review overdue by {}", plural(-n, "day")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn intervals_follow_the_calendar() {
        let six = Interval::between(d(2025, 1, 31), d(2025, 7, 31)).unwrap();
        assert_eq!(six, Interval::Months(6));
        assert_eq!(six.describe(), "6 months");
        assert_eq!(six.after(d(2026, 8, 31)), d(2027, 2, 28));
        assert_eq!(Interval::YEAR.after(d(2024, 2, 29)), d(2025, 2, 28));
        assert_eq!(Interval::YEAR.describe(), "1 year");
        let days = Interval::between(d(2025, 1, 1), d(2025, 3, 2)).unwrap();
        assert_eq!(days, Interval::Days(60));
        assert_eq!(days.describe(), "60 days");
        assert_eq!(Interval::between(d(2025, 1, 1), d(2025, 1, 1)), None);
        assert_eq!(add_months(d(2025, 12, 15), 1), d(2026, 1, 15));
    }

    #[test]
    fn phrases() {
        let today = d(2026, 11, 23);
        assert_eq!(age_phrase(today, today), "reviewed today");
        assert_eq!(age_phrase(d(2026, 11, 22), today), "reviewed 1 day ago");
        assert_eq!(
            age_phrase(d(2026, 11, 25), today),
            "dated 2 days in the future"
        );
        assert_eq!(due_phrase(today, today), "review due today");
        assert_eq!(due_phrase(d(2026, 11, 24), today), "review due in 1 day");
        assert_eq!(
            due_phrase(d(2026, 11, 1), today),
            "review overdue by 22 days"
        );
    }
}
