//! Review arithmetic shared by hover, completion and code lenses: which date
//! fields say when the policy was last updated and when it is next due,
//! the interval between them, and how to phrase ages and due dates.

use super::date_format::{self, DateStyle};
use crate::model::{date::days_in_month, Date, DateField, DateKind};

/// A date field with its value read (when readable).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadField<'a> {
    pub field: &'a DateField,
    pub value: Option<(Date, DateStyle)>,
}

impl<'a> ReadField<'a> {
    pub fn new(field: &'a DateField) -> Self {
        ReadField {
            field,
            value: date_format::parse(&field.value),
        }
    }

    pub fn date(&self) -> Option<Date> {
        self.value.map(|v| v.0)
    }
}

/// The document's "last updated" and "next review" fields (the first of
/// each kind).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReviewFields<'a> {
    pub updated: Option<ReadField<'a>>,
    pub next: Option<ReadField<'a>>,
}

impl<'a> ReviewFields<'a> {
    pub fn of(fields: &'a [DateField]) -> Self {
        let first = |kind| fields.iter().find(|f| f.kind == kind).map(ReadField::new);
        ReviewFields {
            updated: first(DateKind::Updated),
            next: first(DateKind::Review),
        }
    }

    /// The interval the policy keeps between updates and reviews, when
    /// both dates are readable and the review is later.
    pub fn interval(&self) -> Option<Interval> {
        Interval::between(self.updated?.date()?, self.next?.date()?)
    }

    /// When the next review is due: the "next review" date if readable,
    /// else `max_age_days` after the last update.
    pub fn due(&self, max_age_days: u32) -> Option<(Date, Due)> {
        if let Some(d) = self.next.and_then(|n| n.date()) {
            return Some((d, Due::NextReview));
        }
        let updated = self.updated?.date()?;
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
