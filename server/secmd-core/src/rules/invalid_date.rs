//! `invalid-date`: a date field whose value is not a date, names no real
//! day, or could be read two ways.

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::dates::parse::DateValue;

pub static META: RuleMeta = RuleMeta {
    code: "invalid-date",
    default_severity: Severity::Warning,
    summary: "A date field is not a date, is impossible, or is ambiguous",
    doc: "\
Reports the value of a labelled date field (\"Last Updated\", \"Next Review\",
\"Expires\"…) that secmd cannot read as a date:

- not a date at all (`Last Updated: 01/15/24`, two-digit years included);
- a day that does not exist (`2025-02-30`, `2024-13-01`);
- an all-numeric date whose day and month are both 12 or less
  (`03/04/2025` is 4 March in the US and 3 April in most other places).

Recognised: `2024-01-15` (also with `/` or `.`, and ISO date-times),
`15.01.2024`, `01/15/2024` and `15/01/2024` when one part is over 12,
`January 21, 2025`, `Jan. 21st 2025`, `Monday, January 20, 2025`,
`21 January 2025`, `21-Jan-2025`, and the less precise `January 2025`,
`2025-01`, `Q1 2025` and `2025`.

Placeholders such as `YYYY-MM-DD` or `[DATE]` are left to the `placeholder`
rule. Dotted dates (`15.01.2024`) are read day-first, as everywhere they are
written.

**Fixes:** for an ambiguous date, rewrite it as an unambiguous ISO date in
either reading (suggestions; pick the one that was meant).

```markdown
Last Updated: 03/04/2025   <!-- invalid-date: 2025-03-04 or 2025-04-03? -->
Last Updated: 2025-03-04
```",
    scope: Scope::Chunk,
};

pub struct InvalidDate;

/// Values that are placeholders rather than attempts at a date.
fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.contains(['[', '<', '{'])
        || ["xx", "yyyy", "mm", "dd", "tbd"]
            .iter()
            .any(|p| lower.contains(p))
}

impl Rule for InvalidDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        for field in &cx.model.dates {
            let range = field.value_range.clone();
            let (label, value) = (&field.label, &field.value);
            let finding = match field.parsed.map(|p| p.value) {
                Some(DateValue::Valid(..)) => continue,
                None if is_placeholder(value) => continue,
                None => Finding::new(
                    &META,
                    range,
                    format!("{label} `{value}` is not a date secmd can read; write it as YYYY-MM-DD"),
                ),
                Some(DateValue::Impossible) => Finding::new(
                    &META,
                    range,
                    format!("{label} `{value}` is not a real date"),
                ),
                Some(DateValue::Ambiguous {
                    month_first,
                    day_first,
                }) => Finding::new(
                    &META,
                    range.clone(),
                    format!(
                        "{label} `{value}` is ambiguous: {month_first} (month first) or {day_first} (day first)"
                    ),
                )
                .with_fix(Fix::suggestion(
                    format!("Use {month_first} (month first)"),
                    vec![Edit::new(range.clone(), month_first.to_string())],
                ))
                .with_fix(Fix::suggestion(
                    format!("Use {day_first} (day first)"),
                    vec![Edit::new(range, day_first.to_string())],
                )),
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    #[test]
    fn reports_impossible_ambiguous_and_unreadable_values() {
        check(
            "invalid-date",
            "# P\n\n**Last Updated:** 2025-02-30\n\n- Next Review: 03/04/2025\n\nLast revised: 01/15/24\n",
            &[
                "3:19-3:29 invalid-date Last Updated `2025-02-30` is not a real date",
                "5:16-5:26 invalid-date Next Review `03/04/2025` is ambiguous: 2025-03-04 (month first) or 2025-04-03 (day first)",
                "7:15-7:23 invalid-date Last revised `01/15/24` is not a date secmd can read; write it as YYYY-MM-DD",
            ],
        );
    }

    #[test]
    fn valid_dates_and_placeholders_are_not_reported() {
        check(
            "invalid-date",
            "Last Updated: 15.01.2024\n\nNext Review: 2025-XX-XX\n\nExpires: 13/04/2025\n\nDate: 03/03/2025\n",
            &[],
        );
    }

    #[test]
    fn ambiguous_fix_rewrites_as_iso() {
        check_fix(
            "invalid-date",
            "Last Updated: 03/04/2025\r\n",
            "Use 2025-04-03 (day first)",
            "Last Updated: 2025-04-03\r\n",
        );
    }
}
