//! Code lens on the "Last Updated" line: how long ago the policy was
//! reviewed, when the next review is due, and a "Mark reviewed today" fix.

use super::date_format::{self, detect_style};
use super::doc_text;
use super::review::{age_phrase, due_phrase, Interval, ReadField, ReviewFields};
use crate::model::{DateField, Doc};
use crate::{Edit, Fix, Options};
use std::ops::Range;

/// A code lens: a title over a range, optionally with a fix to apply when
/// clicked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lens {
    /// The date field's line content (label through value).
    pub range: Range<usize>,
    pub title: String,
    /// "Mark reviewed today"; `None` when there is nothing to change.
    pub fix: Option<Fix>,
}

/// The review lens of a document (none when it has no date field).
pub fn code_lenses(doc: &Doc, options: &Options) -> Vec<Lens> {
    let fields: Vec<DateField> = doc.dates().collect();
    lenses_for(&fields, &doc_text(doc), options)
}

/// The review lens for the given date fields of `text`.
pub(crate) fn lenses_for(fields: &[DateField], text: &str, options: &Options) -> Vec<Lens> {
    let review = ReviewFields::of(fields);
    let today = options.today;
    // The lens sits on "Last Updated", else on the first date field.
    let Some(anchor) = review
        .updated
        .or_else(|| fields.first().map(ReadField::new))
    else {
        return Vec::new();
    };
    let range = anchor
        .field
        .label_range
        .start
        .min(anchor.field.value_range.start)
        ..anchor
            .field
            .label_range
            .end
            .max(anchor.field.value_range.end);
    let mut parts = Vec::new();
    match (review.updated, anchor.date()) {
        (Some(u), Some(date)) if std::ptr::eq(u.field, anchor.field) => {
            parts.push(age_phrase(date, today));
        }
        (_, None) => parts.push(format!(
            "“{}” is not a readable date",
            anchor.field.value.trim()
        )),
        _ => {}
    }
    if let Some((due, _)) = review.due(options.config.max_age_days) {
        parts.push(due_phrase(due, today));
    }
    let doc_style = detect_style(fields, text);
    let mut edits = Vec::new();
    if let Some(u) = review.updated {
        let style = u.value.map_or(doc_style, |v| v.1);
        let new = date_format::format(today, style);
        if u.date() != Some(today) || u.field.value != new {
            edits.push(Edit::new(u.field.value_range.clone(), new));
        }
    }
    if let Some(n) = review.next {
        // Keep the policy's own interval; a review-only policy gets a year.
        let interval = match review.updated {
            Some(_) => review.interval(),
            None => Some(Interval::YEAR),
        };
        if let Some(interval) = interval {
            let style = n.value.map_or(doc_style, |v| v.1);
            let next = interval.after(today);
            if n.date() != Some(next) {
                edits.push(Edit::new(
                    n.field.value_range.clone(),
                    date_format::format(next, style),
                ));
            }
        }
    }
    let fix = (!edits.is_empty()).then(|| Fix::suggestion("Mark reviewed today", edits));
    vec![Lens {
        range,
        title: parts.join(" · "),
        fix,
    }]
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{field, model, options, span};
    use super::*;
    use crate::fix::apply_edits;
    use crate::model::DateKind;
    use crate::Config;

    /// The lens as `range title` and the text after applying its fix.
    fn lens(text: &str, fields: &[DateField]) -> Vec<(String, Option<String>)> {
        let config = Config::default();
        lenses_for(fields, text, &options(&config))
            .into_iter()
            .map(|l| {
                (
                    format!("{} {}", span(text, &l.range), l.title),
                    l.fix.map(|f| {
                        assert_eq!(f.title, "Mark reviewed today");
                        apply_edits(text, &f.edits).unwrap()
                    }),
                )
            })
            .collect()
    }

    #[test]
    fn overdue_with_next_review_keeps_the_interval() {
        let text =
            "# P\r\n\r\n**Last Updated**: January 21, 2025\r\n**Next Review**: July 21, 2025\r\n";
        let fields = [
            field(text, DateKind::Updated, "Last Updated", "January 21, 2025"),
            field(text, DateKind::Review, "Next Review", "July 21, 2025"),
        ];
        assert_eq!(
            lens(text, &fields),
            [(
                "3:3-3:35 reviewed 671 days ago · review overdue by 490 days".to_string(),
                Some(
                    "# P\r\n\r\n**Last Updated**: November 23, 2026\r\n**Next Review**: May 23, 2027\r\n"
                        .to_string()
                )
            )]
        );
    }

    #[test]
    fn due_from_max_age_days() {
        let text = "Last updated: 2026-01-01 🛡️\n";
        let fields = [field(text, DateKind::Updated, "Last updated", "2026-01-01")];
        assert_eq!(
            lens(text, &fields),
            [(
                "1:1-1:25 reviewed 326 days ago · review due in 39 days".to_string(),
                Some("Last updated: 2026-11-23 🛡️\n".to_string())
            )]
        );
    }

    #[test]
    fn reviewed_today_has_nothing_to_fix() {
        let text = "Last updated: 2026-11-23\n";
        let fields = [field(text, DateKind::Updated, "Last updated", "2026-11-23")];
        assert_eq!(
            lens(text, &fields),
            [(
                "1:1-1:25 reviewed today · review due in 365 days".to_string(),
                None
            )]
        );
    }

    #[test]
    fn unreadable_date_is_replaced_in_the_document_style() {
        let text = "Released 3 March 2024.\n\nLast updated: sometime\n";
        let fields = [field(text, DateKind::Updated, "Last updated", "sometime")];
        assert_eq!(
            lens(text, &fields),
            [(
                "3:1-3:23 “sometime” is not a readable date".to_string(),
                Some("Released 3 March 2024.\n\nLast updated: 23 November 2026\n".to_string())
            )]
        );
    }

    #[test]
    fn review_only_policy_gets_a_year() {
        let text = "Next review: 2026/12/01\n";
        let fields = [field(text, DateKind::Review, "Next review", "2026/12/01")];
        assert_eq!(
            lens(text, &fields),
            [(
                "1:1-1:24 review due in 8 days".to_string(),
                Some("Next review: 2027/11/23\n".to_string())
            )]
        );
    }

    #[test]
    fn no_dates_no_lens() {
        let (_, doc) = model("# Policy\n\nNo dates.\n");
        let config = Config::default();
        assert_eq!(code_lenses(&doc, &options(&config)), Vec::new());
        assert_eq!(lens("", &[]), Vec::new());
    }
}
