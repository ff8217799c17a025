//! Whether the rows of a supported-versions table say something true, for
//! `supported-versions`: support dates that have passed, comparator rows
//! that leave a gap (`> 1.0` and `< 1.0`: and 1.0?) or contradict a row
//! (`< 3.6` unsupported, `2.11` supported), and rows out of order. Version
//! cells are read by `version_cell` (the one parser of them).

use super::version_cell::{compare, Spec};
use crate::model::Date;
use std::cmp::Ordering;
use std::ops::Range;

/// The last day a support cell's date means (`2025-06-30`, `2025-06`,
/// `2025`), if it holds one.
pub fn last_day(cell: &str) -> Option<Date> {
    let b = cell.as_bytes();
    let at = (0..b.len().saturating_sub(3)).find(|&i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && matches!(&cell[i..i + 2], "19" | "20")
    })?;
    let year: i32 = cell[at..at + 4].parse().ok()?;
    let num = |from: usize| -> Option<u8> {
        let s = cell.get(from..from + 2)?;
        (cell.as_bytes().get(from - 1) == Some(&b'-') && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match (num(at + 5), num(at + 8)) {
        (Some(m), Some(d)) => Date::from_ymd(year, m, d),
        (Some(m), None) => (28..=31).rev().find_map(|d| Date::from_ymd(year, m, d)),
        _ => Date::from_ymd(year, 12, 31),
    }
}

/// One row as the checks see it.
pub struct VersionRow<'a> {
    /// The version cell as written.
    pub version: &'a str,
    /// The claim it starts with (`version_cell::first_claim`).
    pub parsed: Option<Spec>,
    pub supported: Option<bool>,
    /// The support cell as written and its range (for dated rows).
    pub support: &'a str,
    pub range: Range<usize>,
    pub line: usize,
}

/// What is wrong with a table's rows: (range, message) pairs.
pub fn row_problems(rows: &[VersionRow<'_>], today: Date) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    // Support that a date in the table says has ended.
    let dated: Vec<(&VersionRow, Date)> = rows
        .iter()
        .filter_map(|r| last_day(r.support).map(|d| (r, d)))
        .collect();
    let passed: Vec<&(&VersionRow, Date)> = dated.iter().filter(|(_, d)| *d < today).collect();
    if passed.len() >= 2 && passed.len() == rows.len() {
        let last = passed.iter().map(|(_, d)| *d).max().unwrap_or(today);
        out.push((
            rows[0].range.clone(),
            format!(
                "Every version's support has ended by this table's dates (the last on {}): no version gets security fixes; update the table",
                iso(last)
            ),
        ));
    } else {
        // "Until 2023-12-31" claims support up to a day that has passed; an
        // end-of-life date in the past is simply true.
        for (row, day) in passed {
            let lower = row.support.to_lowercase();
            let until = ["until", "till", "through", "bis ", "hasta", "jusqu"]
                .iter()
                .any(|w| lower.contains(w));
            if !until {
                continue;
            }
            out.push((
                row.range.clone(),
                format!(
                    "Support for `{}` ended on {} ({} days ago) by this table; mark it unsupported or update the table",
                    row.version.trim().trim_matches('`'),
                    iso(*day),
                    day.days_until(today)
                ),
            ));
        }
    }
    // Comparator rows: a gap between `> X` and `< X`, or a `< X` marked
    // unsupported above a lower version marked supported.
    for (i, a) in rows.iter().enumerate() {
        if let Some(Spec::AtLeast(x, false)) = &a.parsed {
            let below = rows
                .iter()
                .any(|b| matches!(&b.parsed, Some(Spec::Below(y, false)) if compare(y, x).is_eq()));
            let covered = rows.iter().any(|b| match &b.parsed {
                Some(Spec::Prefix(y) | Spec::AtLeast(y, true) | Spec::Below(y, true)) => {
                    compare(y, x).is_eq()
                }
                _ => false,
            });
            if below && !covered {
                let v = join(x);
                out.push((
                    a.range.clone(),
                    format!("`> {v}` and `< {v}` leave {v} itself out: say whether {v} is supported (`>= {v}`)"),
                ));
            }
        }
        if let (Some(Spec::Below(x, false)), Some(false)) = (&a.parsed, a.supported) {
            for b in &rows[i + 1..] {
                let Some(Spec::Prefix(y)) = &b.parsed else {
                    continue;
                };
                if b.supported == Some(true) && compare(y, x).is_lt() {
                    out.push((
                        b.range.clone(),
                        format!(
                            "`{}` is marked supported, but `{}` on line {} says versions below {} are not",
                            b.version.trim().trim_matches('`'),
                            a.version.trim().trim_matches('`'),
                            a.line,
                            join(x)
                        ),
                    ));
                    break;
                }
            }
        }
    }
    // Plain rows (a release line, not a bound or a range) go one way
    // (newest first, or oldest first).
    let plain: Vec<(&VersionRow, &Vec<u64>)> = rows
        .iter()
        .filter_map(|r| match &r.parsed {
            Some(Spec::Prefix(p)) => Some((r, p)),
            _ => None,
        })
        .collect();
    let mut direction = Ordering::Equal;
    // The versions seen so far, as set keys: a search over the earlier
    // rows for each row made a large table quadratic.
    let mut earlier: std::collections::HashSet<_> = plain
        .first()
        .map(|(_, p)| version_key(p))
        .into_iter()
        .collect();
    for pair in plain.windows(2) {
        let step = compare(pair[1].1, pair[0].1);
        // A repeated version is a duplicate row, reported as such.
        let repeated = !earlier.insert(version_key(pair[1].1));
        if step.is_eq() || repeated {
            continue;
        }
        if direction.is_eq() {
            direction = step;
        } else if step != direction {
            out.push((
                pair[1].0.range.clone(),
                format!(
                    "Rows are out of order: `{}` comes after `{}`",
                    pair[1].0.version.trim().trim_matches('`'),
                    pair[0].0.version.trim().trim_matches('`')
                ),
            ));
            break;
        }
    }
    out
}

fn join(parts: &[u64]) -> String {
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// A version as a set key: `compare` counts missing parts as 0, so `2.0`
/// and `2` are one version; trailing zeros are dropped.
fn version_key<T: Copy + Default + PartialEq>(parts: &[T]) -> &[T] {
    let n = parts
        .iter()
        .rposition(|&p| p != T::default())
        .map_or(0, |i| i + 1);
    &parts[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_dates_are_read_as_written() {
        assert_eq!(last_day("Until 2023-12-31"), Date::from_ymd(2023, 12, 31));
        assert_eq!(last_day("until 2024-02"), Date::from_ymd(2024, 2, 29));
        assert_eq!(last_day("EOL 2025"), Date::from_ymd(2025, 12, 31));
        assert_eq!(last_day("5.0"), None);
    }
}
