//! Fixes shared by `stale-date` and `review-overdue`: write today's date in
//! the document's own format, and "Mark reviewed today".
//!
//! Both are suggestions: they record a review that a person has to make, so
//! a plain `--fix` never applies them (`--fix --unsafe-fixes` does).
//!
//! "Mark reviewed today" moves the Updated date to today and the Review date
//! forward by the interval the document used before (Review − Updated), as
//! one fix with two edits. When a policy has both fields it is the
//! preferred fix of both rules: setting only one of them would leave the
//! pair inconsistent (a "Next Review" of today), and because both findings
//! carry the same edits, `--fix` applies them once.

use super::parse::{format_date, DateValue};
use crate::finding::{Edit, Fix};
use crate::model::{Date, DateField, DateKind};

/// A field's date if it parsed to a real date: (first day, last day) it can mean.
pub(crate) fn span(field: &DateField) -> Option<(Date, Date)> {
    match field.parsed?.value {
        DateValue::Valid(d, p) => Some(super::parse::span(d, p)),
        _ => None,
    }
}

/// "Set {label} to today": `today` written as the field is written.
pub(crate) fn set_today(field: &DateField, today: Date) -> Option<Fix> {
    let format = field.parsed?.format;
    Some(Fix {
        title: format!("Set {} to today", field.label),
        edits: vec![Edit::new(
            field.value_range.clone(),
            format_date(today, format),
        )],
        preferred: true,
        safe: false,
    })
}

/// "Mark reviewed today" for `field` and the nearest field of the other
/// kind with a real date among `fields` (absolute, in document order; other
/// kinds are skipped), when the Review date lies after the Updated date.
/// Rules pass the fields of the other kind from their kept lists
/// (`rules::chunk_list::dates_of_kind`): reading every chunk's dates here
/// was a walk over the whole document per keystroke (8 % of one at 10 MB).
pub(crate) fn mark_reviewed(fields: &[DateField], field: &DateField, today: Date) -> Option<Fix> {
    let other_kind = match field.kind {
        DateKind::Updated => DateKind::Review,
        DateKind::Review => DateKind::Updated,
    };
    let other = fields
        .iter()
        .filter(|f| f.kind == other_kind && span(f).is_some() && !is_expiry(f))
        .min_by_key(|f| f.value_range.start.abs_diff(field.value_range.start))?;
    let (updated, review) = match field.kind {
        DateKind::Updated => (field, other),
        DateKind::Review => (other, field),
    };
    let interval = span(updated)?.0.days_until(span(review)?.0);
    if interval <= 0 {
        return None;
    }
    let new_review = today.add_days(interval);
    Some(Fix {
        title: "Mark reviewed today".to_string(),
        edits: vec![
            Edit::new(
                updated.value_range.clone(),
                format_date(today, updated.parsed?.format),
            ),
            Edit::new(
                review.value_range.clone(),
                format_date(new_review, review.parsed?.format),
            ),
        ],
        preferred: true,
        safe: false,
    })
}

/// Whether a Review field states when something expires ("Expires",
/// "Valid until"): usually a PGP key or certificate, which is renewed, not
/// re-dated, so no fix writes a new date into it.
pub(crate) fn is_expiry(field: &DateField) -> bool {
    let label = field.label.to_ascii_lowercase();
    label.starts_with("expir") || label.starts_with("valid")
}

/// The fixes of a stale or overdue field: "Mark reviewed today" preferred
/// when the policy has both fields (`others`: the fields of the other kind,
/// see [`mark_reviewed`]), "Set … to today" otherwise; none for expiry
/// dates.
pub(crate) fn fixes(others: &[DateField], field: &DateField, today: Date) -> Vec<Fix> {
    let mut out = Vec::new();
    if is_expiry(field) {
        return out;
    }
    let mark = mark_reviewed(others, field, today);
    if let Some(mut set) = set_today(field, today) {
        if mark.is_some() {
            set.preferred = false;
        }
        out.push(set);
    }
    out.extend(mark);
    out
}

/// "1 day" / "2 days".
pub(crate) fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}
