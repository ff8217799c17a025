//! Code lenses: on the first line, the predicted OpenSSF Scorecard
//! Security-Policy score (`scorecard.rs`); on the "Last Updated" line, how
//! long ago the policy was reviewed, when the next review is due, and a
//! "Mark reviewed today" fix.

use super::doc_text;
use super::review::{age_phrase, due_phrase, Interval, ReviewFields};
use crate::model::dates::fixes::mark_reviewed;
use crate::model::dates::format::detect_format;
use crate::model::dates::parse::format_date;
use crate::model::{Date, DateField, DateKind, DocumentModel};
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

/// The lenses of a document: the Scorecard score on its first line, then
/// the review lens.
pub fn code_lenses(doc: &DocumentModel, options: &Options) -> Vec<Lens> {
    let text = doc_text(doc);
    let first_line = 0..text.find(['\r', '\n']).unwrap_or(text.len());
    let prediction = super::scorecard::predict(&text, options.files.workspace());
    let mut lenses = vec![Lens {
        range: first_line,
        title: prediction.title(),
        fix: None,
    }];
    lenses.extend(review_lens(doc, options));
    lenses
}

/// The review lens of a document: on its newest "last updated" field (else
/// its "next review" field); none when it has neither (an expiry date of a
/// key alone is not a review schedule).
fn review_lens(doc: &DocumentModel, options: &Options) -> Vec<Lens> {
    let fields: Vec<DateField> = doc.dates().collect();
    let today = options.today;
    let review = ReviewFields::of(&fields, today);
    let Some(anchor) = review.updated.or(review.next) else {
        return Vec::new();
    };
    let field = anchor.field;
    let range = field.label_range.start.min(field.value_range.start)
        ..field.label_range.end.max(field.value_range.end);
    let mut parts = Vec::new();
    match anchor.span {
        None => parts.push(format!("“{}” is not a readable date", field.value.trim())),
        Some((first, _)) if field.kind == DateKind::Updated && first > today => {
            parts.push(age_phrase(first, today))
        }
        Some((_, last)) if field.kind == DateKind::Updated => parts.push(age_phrase(last, today)),
        Some(_) => {}
    }
    if let Some((due, _)) = review.due(options.config.max_age_days) {
        parts.push(due_phrase(due, today));
    }
    vec![Lens {
        range,
        title: parts.join(" · "),
        fix: mark_reviewed_today(doc, &fields, &review, today),
    }]
}

/// "Mark reviewed today": the date rules' fix when the policy has both
/// dates (Updated → today, Review → today + the previous interval), else
/// Updated → today, or for a policy with only a review date, Review →
/// today + one year. Dates keep their own format (the document's for an
/// unreadable value). `None` when nothing would change.
fn mark_reviewed_today(
    doc: &DocumentModel,
    fields: &[DateField],
    review: &ReviewFields<'_>,
    today: Date,
) -> Option<Fix> {
    let shared = review
        .updated
        .and_then(|u| mark_reviewed(fields, u.field, today));
    let edits = match shared {
        Some(fix) => fix.edits,
        None => {
            let doc_format = detect_format(fields, &doc_text(doc));
            let write = |f: &DateField, date| {
                let format = f.parsed.map_or(doc_format, |p| p.format);
                Edit::new(f.value_range.clone(), format_date(date, format))
            };
            match (review.updated, review.next) {
                (Some(u), _) => vec![write(u.field, today)],
                (None, Some(n)) => vec![write(n.field, Interval::YEAR.after(today))],
                (None, None) => Vec::new(),
            }
        }
    };
    let text = doc_text(doc);
    let changes = edits
        .iter()
        .any(|e| text.get(e.range.clone()) != Some(e.new_text.as_str()));
    changes.then(|| Fix::suggestion("Mark reviewed today", edits))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{model, options, span};
    use super::*;
    use crate::fix::apply_edits;
    use crate::Config;

    /// The lens as `range title` and the text after applying its fix.
    fn lens(text: &str) -> Vec<(String, Option<String>)> {
        let config = Config::default();
        let (_, doc) = model(text);
        code_lenses(&doc, &options(&config))
            .into_iter()
            .filter(|l| !l.title.starts_with("Scorecard"))
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
        assert_eq!(
            lens(text),
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
        let text = "# 🛡️ Policy\n\nLast updated: 2026-01-01\n";
        assert_eq!(
            lens(text),
            [(
                "3:1-3:25 reviewed 326 days ago · review due in 39 days".to_string(),
                Some("# 🛡️ Policy\n\nLast updated: 2026-11-23\n".to_string())
            )]
        );
    }

    #[test]
    fn newest_of_several_updates_and_month_precision() {
        let text = "Last updated: March 2026\n\nUpdated: January 2024 (added a key)\n";
        assert_eq!(
            lens(text),
            [(
                "1:1-1:25 reviewed 237 days ago · review due in 128 days".to_string(),
                Some(
                    "Last updated: November 2026\n\nUpdated: January 2024 (added a key)\n"
                        .to_string()
                )
            )]
        );
    }

    #[test]
    fn reviewed_today_has_nothing_to_fix() {
        let text = "Last updated: 2026-11-23\n";
        assert_eq!(
            lens(text),
            [(
                "1:1-1:25 reviewed today · review due in 365 days".to_string(),
                None
            )]
        );
    }

    #[test]
    fn review_only_policy_gets_a_year() {
        let text = "Next review: 2026/12/01\n";
        assert_eq!(
            lens(text),
            [(
                "1:1-1:24 review due in 8 days".to_string(),
                Some("Next review: 2027/11/23\n".to_string())
            )]
        );
    }

    #[test]
    fn the_scorecard_lens_is_on_the_first_line() {
        let config = Config::default();
        let text = "# Security\r\n\r\nMail security@example.com about a vulnerability.\n";
        let (_, doc) = model(text);
        let lenses = code_lenses(&doc, &options(&config));
        assert_eq!(lenses.len(), 1);
        assert_eq!(span(text, &lenses[0].range), "1:1-1:11");
        assert_eq!(
            lenses[0].title,
            "Scorecard Security-Policy: 9/10 — lost: disclosure hints (+1)"
        );
        assert_eq!(lenses[0].fix, None);
    }

    #[test]
    fn no_review_dates_no_lens() {
        assert_eq!(lens("# Policy\n\nNo dates.\n"), Vec::new());
        assert_eq!(lens("Key expires: 2027-01-01\n"), Vec::new());
        assert_eq!(lens(""), Vec::new());
    }
}
