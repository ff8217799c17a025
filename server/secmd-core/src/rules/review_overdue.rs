//! `review-overdue`: a "Next Review" (or "Expires", "Valid until") date
//! that has passed.

use super::chunk_list::dates_of_kind;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::model::dates::fixes::{days, fixes, span};
use crate::model::DateKind;

pub static META: RuleMeta = RuleMeta {
    code: "review-overdue",
    default_severity: Severity::Warning,
    summary: "A \"Next Review\" or \"Expires\" date has passed",
    doc: "\
Reports a \"Next Review\" date (also \"Next review date\", \"Review by\",
\"Review date\", \"Expires\", \"Expiry\", \"Valid until\", and front matter
keys such as `next_review`) that lies before today. The policy promised a
review that did not happen, or names a key or contact that has expired. A
less precise date (\"January 2025\", \"Q1 2025\", \"2025\") is overdue once
that month, quarter or year is over.

**Fixes:** none for expiry dates (\"Expires\", \"Valid until\": renew the
key or certificate and write its new date). Otherwise, when the policy also has a \"Last Updated\" date, \"Mark reviewed
today\" (preferred) sets Last Updated to today and moves the review date
forward by the interval the policy used before. \"Set … to today\" writes
today's date in the same format. Both are suggestions (`--fix` leaves
them alone, `--fix --unsafe-fixes` applies them): only apply them after
actually reviewing
the policy (or renewing the expired key).

```markdown
**Last Updated:** 2026-01-10
**Next Review:** 2026-07-10   <!-- review-overdue: passed 136 days ago -->
```",
    scope: Scope::Document,
};

pub struct ReviewOverdue;

impl Rule for ReviewOverdue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let today = cx.options.today;
        // The Updated fields, for "Mark reviewed today", read only when a
        // finding needs them.
        let mut updated = None;
        for field in dates_of_kind(cx, DateKind::Review, "dates/review") {
            let Some((_, last)) = span(&field) else {
                continue;
            };
            if last >= today {
                continue;
            }
            let message = format!(
                "{} {} passed {} ago",
                field.label,
                field.value,
                days(last.days_until(today))
            );
            out.push(
                Finding::new(&META, field.value_range.clone(), message).with_fixes(fixes(
                    updated.get_or_insert_with(|| {
                        dates_of_kind(cx, DateKind::Updated, "dates/updated")
                    }),
                    &field,
                    today,
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    #[test]
    fn reports_passed_review_and_expiry_dates() {
        check(
            "review-overdue",
            "# Key\n\nKey ID: 6FCD2D5B  \nExpires: 6/24/2024  \n\n**Next Review**: 2026-11-22\n",
            &[
                "4:10-4:19 review-overdue Expires 6/24/2024 passed 882 days ago",
                "6:18-6:28 review-overdue Next Review 2026-11-22 passed 1 day ago",
            ],
        );
    }

    #[test]
    fn future_and_current_month_reviews_are_fine() {
        check(
            "review-overdue",
            "Next Review: 2026-11-23\n\nReview by: November 2026\n\nThe key is valid until June 24, 2024.\n",
            &[],
        );
    }

    #[test]
    fn expiry_dates_get_no_fix() {
        let f =
            &crate::testing::local_findings("Last Updated: 2026-06-01\nExpires: 2026-01-01\n")[0];
        assert_eq!(
            (f.code, f.message.as_str(), f.fixes.len()),
            (
                "review-overdue",
                "Expires 2026-01-01 passed 326 days ago",
                0
            )
        );
    }

    #[test]
    fn set_today_when_there_is_no_updated_date() {
        check_fix(
            "review-overdue",
            "| Field | Value |\n|---|---|\n| Next review date | 2025-03-01 |\n",
            "Set Next review date to today",
            "| Field | Value |\n|---|---|\n| Next review date | 2026-11-23 |\n",
        );
    }

    #[test]
    fn mark_reviewed_from_the_review_date() {
        check_fix(
            "review-overdue",
            "---\nlast_updated: 2025-01-01\nnext_review: \"2025-12-31\"\n---\n\n# Policy\n",
            "Mark reviewed today",
            "---\nlast_updated: 2026-11-23\nnext_review: \"2027-11-22\"\n---\n\n# Policy\n",
        );
    }
}
