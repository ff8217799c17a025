//! Whether the rows of a supported-versions table say something true, for
//! `supported-versions`: support dates that have passed, comparator rows
//! that leave a gap (`> 1.0` and `< 1.0`: and 1.0?) or contradict a row
//! (`< 3.6` unsupported, `2.11` supported), and rows out of order.

use crate::model::Date;
use std::cmp::Ordering;
use std::ops::Range;

/// How a version cell bounds the versions it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    Below,
    AtMost,
    Above,
    AtLeast,
}

/// A version cell read as numbers: `2.11.x` → [2, 11], `< 3.6.x` → Below [3, 6].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionCell {
    pub bound: Bound,
    pub parts: Vec<u32>,
}

/// Reads a version cell as written (`v2.1.x`, `>= 5.0`, `< 4`); `None`
/// when it holds no version number (`latest`, `main`).
pub fn parse_version(raw: &str) -> Option<VersionCell> {
    let s = raw.trim().trim_matches(['`', '*', '_']).trim();
    let (bound, rest) = [
        ("<=", Bound::AtMost),
        (">=", Bound::AtLeast),
        ("≤", Bound::AtMost),
        ("≥", Bound::AtLeast),
        ("<", Bound::Below),
        (">", Bound::Above),
    ]
    .iter()
    .find_map(|(p, b)| s.strip_prefix(p).map(|r| (*b, r)))
    .unwrap_or((Bound::Exact, s));
    let rest = rest.trim_start().trim_start_matches(['v', 'V']);
    let mut parts = Vec::new();
    for piece in rest.split('.') {
        let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            break;
        }
        parts.push(digits.parse().ok()?);
        if digits.len() != piece.len() {
            break;
        }
    }
    (!parts.is_empty()).then_some(VersionCell { bound, parts })
}

/// Compares version numbers, missing parts counting as 0.
pub fn compare(a: &[u32], b: &[u32]) -> Ordering {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| a.get(i).unwrap_or(&0).cmp(b.get(i).unwrap_or(&0)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

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
    pub parsed: Option<VersionCell>,
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
        let Some(pa) = &a.parsed else { continue };
        if pa.bound == Bound::Above {
            let x = &pa.parts;
            let below = rows.iter().any(|b| {
                b.parsed
                    .as_ref()
                    .is_some_and(|pb| pb.bound == Bound::Below && compare(&pb.parts, x).is_eq())
            });
            let covered = rows.iter().any(|b| {
                b.parsed.as_ref().is_some_and(|pb| {
                    matches!(pb.bound, Bound::Exact | Bound::AtLeast | Bound::AtMost)
                        && compare(&pb.parts, x).is_eq()
                })
            });
            if below && !covered {
                let v = join(x);
                out.push((
                    a.range.clone(),
                    format!("`> {v}` and `< {v}` leave {v} itself out: say whether {v} is supported (`>= {v}`)"),
                ));
            }
        }
        if pa.bound == Bound::Below && a.supported == Some(false) {
            for b in &rows[i + 1..] {
                let Some(pb) = &b.parsed else { continue };
                if pb.bound == Bound::Exact
                    && b.supported == Some(true)
                    && compare(&pb.parts, &pa.parts).is_lt()
                {
                    out.push((
                        b.range.clone(),
                        format!(
                            "`{}` is marked supported, but `{}` on line {} says versions below {} are not",
                            b.version.trim().trim_matches('`'),
                            a.version.trim().trim_matches('`'),
                            a.line,
                            join(&pa.parts)
                        ),
                    ));
                    break;
                }
            }
        }
    }
    // Plain rows go one way (newest first, or oldest first).
    let plain: Vec<(&VersionRow, &Vec<u32>)> = rows
        .iter()
        .filter_map(|r| {
            r.parsed
                .as_ref()
                .filter(|p| p.bound == Bound::Exact)
                .map(|p| (r, &p.parts))
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

fn join(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
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
    fn versions_are_read_as_written() {
        let v = |s: &str| parse_version(s).map(|c| (c.bound, c.parts));
        assert_eq!(v("`2.11.x`"), Some((Bound::Exact, vec![2, 11])));
        assert_eq!(v("< 3.6.x"), Some((Bound::Below, vec![3, 6])));
        assert_eq!(v(">= v5"), Some((Bound::AtLeast, vec![5])));
        assert_eq!(v("latest"), None);
        assert!(compare(&[2, 0], &[2]).is_eq() && compare(&[2, 11], &[3, 6]).is_lt());
        assert_eq!(last_day("Until 2023-12-31"), Date::from_ymd(2023, 12, 31));
        assert_eq!(last_day("until 2024-02"), Date::from_ymd(2024, 2, 29));
        assert_eq!(last_day("EOL 2025"), Date::from_ymd(2025, 12, 31));
        assert_eq!(last_day("5.0"), None);
    }
}
