//! `stale-date`: a "Last Updated" date older than the configured maximum
//! age, or in the future.

use super::chunk_list::dates_of_kind;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::model::dates::fixes::{days, fixes, span};
use crate::model::DateKind;

pub static META: RuleMeta = RuleMeta {
    code: "stale-date",
    default_severity: Severity::Warning,
    summary: "The policy's \"Last Updated\" date is too old, or in the future",
    doc: "\
Reports a \"Last Updated\" date (also \"Last reviewed\", \"Last revised\",
\"Last modified\", \"Updated on\", \"Effective date\", \"Date\", and front
matter keys such as `last_updated`) that is more than `max-age-days` (default
365) before today, or that lies in the future. A policy nobody has looked at
for years often names people, addresses and versions that are gone; a date
in the future is a typo. When a policy has several such dates (a changelog
of \"Updated: …\" entries), only the newest is checked for age. A date of lower
precision (\"January 2025\", \"Q1 2025\", \"2025\") counts from the last
day of that month, quarter or year.

**Fixes (suggestions):** set the date to today, written in the same format
as before. When the policy also has a \"Next Review\" date, \"Mark reviewed
today\" (preferred) sets Last Updated to today and moves Next Review forward
by the interval the policy used before. Both record a review, so only apply
them after actually reviewing the policy: `--fix` leaves them alone,
`--fix --unsafe-fixes` applies them.

```markdown
**Last Updated:** 2024-08-31   <!-- stale-date: 814 days old on 2026-11-23 -->
**Last Updated:** 2026-11-23
```

Configure the age with `max-age-days = 180` in `.secmd.toml`.",
    scope: Scope::Document,
};

pub struct StaleDate;

impl Rule for StaleDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let today = cx.options.today;
        let max_age = i64::from(cx.options.config.max_age_days);
        let updated: Vec<_> = dates_of_kind(cx, DateKind::Updated, "dates/updated")
            .into_iter()
            .filter_map(|f| span(&f).map(|s| (f, s)))
            .collect();
        // Older dates than the newest are history ("Updated: … added a PGP
        // key" entries of a changelog); only the newest says how stale the
        // policy is.
        let newest = updated
            .iter()
            .map(|(_, (_, last))| *last)
            .filter(|last| *last <= today)
            .max();
        // The Review fields, for "Mark reviewed today", read only when a
        // finding needs them.
        let mut reviews = None;
        for (field, (first, last)) in updated {
            let message = if first > today {
                format!(
                    "\"{}\" is in the future ({}, {} from today)",
                    field.label,
                    field.value,
                    days(today.days_until(first))
                )
            } else {
                let age = last.days_until(today);
                if age <= max_age || Some(last) != newest {
                    continue;
                }
                format!(
                    "\"{}\" is {} old ({}); policies should be reviewed at least every {}",
                    field.label,
                    days(age),
                    field.value,
                    days(max_age)
                )
            };
            out.push(
                Finding::new(&META, field.value_range.clone(), message).with_fixes(fixes(
                    reviews
                        .get_or_insert_with(|| dates_of_kind(cx, DateKind::Review, "dates/review")),
                    &field,
                    today,
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix, local_findings_with};
    use crate::Config;

    #[test]
    fn reports_old_and_future_dates() {
        check(
            "stale-date",
            "# Policy\n\n**Last Updated:** 2024-08-31\n\n_Updated on: December 25, 2026_\n",
            &[
                "3:19-3:29 stale-date \"Last Updated\" is 814 days old (2024-08-31); policies should be reviewed at least every 365 days",
                "5:14-5:31 stale-date \"Updated on\" is in the future (December 25, 2026, 32 days from today)",
            ],
        );
    }

    #[test]
    fn recent_dates_and_unlabelled_dates_are_fine() {
        check(
            "stale-date",
            "# Policy\n\nLast updated: 2026-01-01\n\nWe fixed a bug on 2019-01-01.\n\n| Date | Event |\n|--|--|\n| 2019-01-01 | x |\n",
            &[],
        );
    }

    #[test]
    fn month_precision_counts_from_the_end_of_the_month() {
        // November 2025 ends 2025-11-30: 358 days before 2026-11-23.
        check("stale-date", "Last Updated: November 2025\n", &[]);
        check(
            "stale-date",
            "Last Updated: October 2025\n",
            &["1:15-1:27 stale-date \"Last Updated\" is 388 days old (October 2025); policies should be reviewed at least every 365 days"],
        );
    }

    #[test]
    fn only_the_newest_of_several_dates_is_checked() {
        check(
            "stale-date",
            "## Changelog\n\n- Updated: 2021-01-01, added a key\n- Updated: 2023-05-01, new contact\n\nLast updated: 2023\n",
            // 2023 means up to 2023-12-31, the newest of the three.
            &["6:15-6:19 stale-date \"Last updated\" is 1058 days old (2023); policies should be reviewed at least every 365 days"],
        );
    }

    #[test]
    fn max_age_is_configurable() {
        let config = Config::parse("max-age-days = 30").unwrap();
        let got: Vec<String> = local_findings_with("Last Updated: 2026-10-01\n", &config)
            .iter()
            .filter(|f| f.code == "stale-date")
            .map(|f| f.message.clone())
            .collect();
        assert_eq!(
            got,
            ["\"Last Updated\" is 53 days old (2026-10-01); policies should be reviewed at least every 30 days"]
        );
    }

    #[test]
    fn fix_writes_today_in_the_documents_format_keeping_crlf() {
        check_fix(
            "stale-date",
            "# Policy\r\n\r\n*Last Updated: January 30, 2024*  \r\n",
            "Set Last Updated to today",
            "# Policy\r\n\r\n*Last Updated: November 23, 2026*  \r\n",
        );
    }

    #[test]
    fn mark_reviewed_moves_both_dates() {
        let text = "Last Updated: 2024-01-15\nNext Review: 15.07.2024\n";
        // 182 days between them; 2026-11-23 + 182 = 2027-05-24.
        check_fix(
            "stale-date",
            text,
            "Mark reviewed today",
            "Last Updated: 2026-11-23\nNext Review: 24.05.2027\n",
        );
        let f = &crate::testing::local_findings(text)[0];
        assert_eq!(f.code, "stale-date");
        let titles: Vec<(&str, bool)> = f
            .fixes
            .iter()
            .map(|x| (x.title.as_str(), x.preferred))
            .collect();
        assert_eq!(
            titles,
            [
                ("Set Last Updated to today", false),
                ("Mark reviewed today", true)
            ]
        );
    }
}
