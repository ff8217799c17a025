//! Whether the rows of a supported-versions table say something true, for
//! `supported-versions`: support dates that have passed, comparator rows
//! that leave a gap (`> 1.0` and `< 1.0`: and 1.0?) or contradict a row
//! (`< 3.6` unsupported, `2.11` supported), and rows out of order. Version
//! cells are read by `version_cell` (the one parser of them).

use super::version_cell::{compare, Spec};
use crate::model::Date;
use std::cmp::Ordering;
use std::collections::HashSet;
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

/// One row as the checks see it. The parts read from its cells are
/// borrowed: `supported-versions` keeps them per row between keystrokes,
/// and a table is 35,000 rows.
pub struct VersionRow<'a> {
    /// The version cell as written.
    pub version: &'a str,
    /// The claim it starts with (`version_cell::first_claim`).
    pub parsed: Option<&'a Spec>,
    pub supported: Option<bool>,
    /// The support cell as written (for dated rows).
    pub support: &'a str,
    /// The date in the support cell (`last_day(support)`).
    pub last_day: Option<Date>,
    pub range: Range<usize>,
}

/// What is wrong with a table's rows: (range, message) pairs. `line_of`
/// gives a row's line (by index) for the few messages that name one: the
/// lines of a whole table are counted only when one is asked for.
pub fn row_problems(
    rows: &[VersionRow<'_>],
    today: Date,
    line_of: &dyn Fn(usize) -> usize,
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    // Support that a date in the table says has ended.
    let dated: Vec<(&VersionRow, Date)> = rows
        .iter()
        .filter_map(|r| r.last_day.map(|d| (r, d)))
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
    out.extend(comparator_problems(rows, line_of));
    // Plain rows (a release line, not a bound or a range) go one way
    // (newest first, or oldest first).
    let plain: Vec<(&VersionRow, &Vec<u64>)> = rows
        .iter()
        .filter_map(|r| match r.parsed {
            Some(Spec::Prefix(p)) => Some((r, p)),
            _ => None,
        })
        .collect();
    let mut direction = Ordering::Equal;
    // The versions seen so far, as set keys: a search over the earlier
    // rows for each row made a large table quadratic. Sized up front:
    // growing it rehashed a 35,000-row table's versions again and again.
    let mut earlier: HashSet<&[u64]> = HashSet::with_capacity(plain.len());
    earlier.extend(plain.first().map(|(_, p)| version_key(p)));
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

/// Comparator rows: a gap between `> X` and `< X` (no row for X itself),
/// or a `< X` marked unsupported above a lower version marked supported.
///
/// Sort-based, O(n log n): a table of thousands of comparator rows was
/// quadratic when each row searched all the others. Findings come in row
/// order, a row's gap before its contradiction, as the search gave them.
fn comparator_problems(
    rows: &[VersionRow<'_>],
    line_of: &dyn Fn(usize) -> usize,
) -> Vec<(Range<usize>, String)> {
    // Versions written `< X` (exclusive). Both problems start at such a
    // row (a gap is `> X` with `< X`), so a table without one (the usual
    // table of release lines) has none, and the rest is not built.
    let below: HashSet<&[u64]> = rows
        .iter()
        .filter_map(|r| match r.parsed {
            Some(Spec::Below(y, false)) => Some(version_key(y)),
            _ => None,
        })
        .collect();
    if below.is_empty() {
        return Vec::new();
    }
    // Versions a row names itself.
    let covered: HashSet<&[u64]> = rows
        .iter()
        .filter_map(|r| match r.parsed {
            Some(Spec::Prefix(y) | Spec::AtLeast(y, true) | Spec::Below(y, true)) => {
                Some(version_key(y))
            }
            _ => None,
        })
        .collect();
    let contradicted = first_lower_supported(rows);
    let mut out = Vec::new();
    for (i, a) in rows.iter().enumerate() {
        if let Some(Spec::AtLeast(x, false)) = a.parsed {
            let key = version_key(x);
            if below.contains(key) && !covered.contains(key) {
                let v = join(x);
                out.push((
                    a.range.clone(),
                    format!("`> {v}` and `< {v}` leave {v} itself out: say whether {v} is supported (`>= {v}`)"),
                ));
            }
        }
        if let (Some(Spec::Below(x, false)), Some(b)) = (a.parsed, contradicted[i]) {
            let b = &rows[b];
            out.push((
                b.range.clone(),
                format!(
                    "`{}` is marked supported, but `{}` on line {} says versions below {} are not",
                    b.version.trim().trim_matches('`'),
                    a.version.trim().trim_matches('`'),
                    line_of(i),
                    join(x)
                ),
            ));
        }
    }
    out
}

/// For each row `< X` marked unsupported, the first later row naming a
/// release line below X marked supported (`None` for every other row).
///
/// One pass from the last row up, keeping for each supported release line
/// seen so far (ranked by version) its nearest row, in a Fenwick tree of
/// minimum row indexes: each question is then "the smallest index among the
/// lines ranked below X", O(log n).
fn first_lower_supported(rows: &[VersionRow<'_>]) -> Vec<Option<usize>> {
    fn supported_line<'r>(r: &'r VersionRow<'_>) -> Option<&'r [u64]> {
        match r.parsed {
            Some(Spec::Prefix(y)) if r.supported == Some(true) => Some(version_key(y)),
            _ => None,
        }
    }
    let mut lines: Vec<&[u64]> = rows.iter().filter_map(supported_line).collect();
    lines.sort_unstable_by(|a, b| compare(a, b));
    lines.dedup();
    let mut nearest = vec![usize::MAX; lines.len() + 1];
    let mut found = vec![None; rows.len()];
    for (i, r) in rows.iter().enumerate().rev() {
        if let (Some(Spec::Below(x, false)), Some(false)) = (r.parsed, r.supported) {
            // Fenwick prefix minimum over the lines ranked below X.
            let mut k = lines.partition_point(|y| compare(y, x).is_lt());
            let mut best = usize::MAX;
            while k > 0 {
                best = best.min(nearest[k]);
                k &= k - 1;
            }
            found[i] = (best != usize::MAX).then_some(best);
        }
        if let Some(y) = supported_line(r) {
            // Rows are visited from the last up, so `i` is the nearest yet.
            let mut k = lines.partition_point(|l| compare(l, y).is_lt()) + 1;
            while k < nearest.len() {
                nearest[k] = nearest[k].min(i);
                k += k & k.wrapping_neg();
            }
        }
    }
    found
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

    /// The claims of (version cell, supported) pairs.
    fn claims(cells: &[(String, Option<bool>)]) -> Vec<Option<Spec>> {
        cells
            .iter()
            .map(|(v, _)| super::super::version_cell::first_claim(v))
            .collect()
    }

    /// Rows from (version cell, supported) pairs and their claims.
    fn rows<'a>(
        cells: &'a [(String, Option<bool>)],
        claims: &'a [Option<Spec>],
    ) -> Vec<VersionRow<'a>> {
        cells
            .iter()
            .zip(claims)
            .enumerate()
            .map(|(i, ((v, s), parsed))| VersionRow {
                version: v,
                parsed: parsed.as_ref(),
                supported: *s,
                support: "",
                last_day: None,
                range: i * 10..i * 10 + 9,
            })
            .collect()
    }

    /// Rows one line each from line 5.
    fn line_of(i: usize) -> usize {
        i + 5
    }

    /// The comparator checks as first written: each row searches the
    /// others (quadratic), kept as the reference for the sort-based one.
    fn comparator_reference(rows: &[VersionRow<'_>]) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        for (i, a) in rows.iter().enumerate() {
            if let Some(Spec::AtLeast(x, false)) = a.parsed {
                let below = rows.iter().any(
                    |b| matches!(b.parsed, Some(Spec::Below(y, false)) if compare(y, x).is_eq()),
                );
                let covered = rows.iter().any(|b| match b.parsed {
                    Some(Spec::Prefix(y) | Spec::AtLeast(y, true) | Spec::Below(y, true)) => {
                        compare(y, x).is_eq()
                    }
                    _ => false,
                });
                if below && !covered {
                    let v = join(x);
                    out.push((a.range.clone(), format!("`> {v}` and `< {v}` leave {v} itself out: say whether {v} is supported (`>= {v}`)")));
                }
            }
            if let (Some(Spec::Below(x, false)), Some(false)) = (a.parsed, a.supported) {
                for b in &rows[i + 1..] {
                    let Some(Spec::Prefix(y)) = b.parsed else {
                        continue;
                    };
                    if b.supported == Some(true) && compare(y, x).is_lt() {
                        out.push((b.range.clone(), format!("`{}` is marked supported, but `{}` on line {} says versions below {} are not", b.version.trim().trim_matches('`'), a.version.trim().trim_matches('`'), line_of(i), join(x))));
                        break;
                    }
                }
            }
        }
        out
    }

    /// The sort-based checks give the reference's findings, in its order,
    /// on pseudo-random tables of comparator and plain rows (versions with
    /// trailing zeros, so `2` and `2.0` meet).
    #[test]
    fn comparator_checks_agree_with_the_pairwise_search() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut findings = 0;
        for _ in 0..1000 {
            let len = 1 + next(24) as usize;
            let cells: Vec<(String, Option<bool>)> = (0..len)
                .map(|_| {
                    let op = ["", "", "< ", "> ", ">= ", "<= ", "latest "][next(7) as usize];
                    let mut v = next(4).to_string();
                    for _ in 0..next(3) {
                        v.push_str(&format!(".{}", next(2)));
                    }
                    let s = [Some(true), Some(false), None][next(3) as usize];
                    (format!("{op}{v}"), s)
                })
                .collect();
            let claims = claims(&cells);
            let rows = rows(&cells, &claims);
            let want = comparator_reference(&rows);
            findings += want.len();
            assert_eq!(comparator_problems(&rows, &line_of), want, "{cells:?}");
        }
        assert!(
            findings > 100,
            "{findings} findings: the tables exercise too little"
        );
    }

    /// Thousands of comparator rows: every `< X` row finds its supported
    /// line, and every `> X` its gap, with exact messages (the pairwise
    /// search took a number of comparisons in the square of the rows).
    #[test]
    fn thousands_of_comparator_rows() {
        let n = 4000;
        let mut cells = Vec::new();
        for i in 0..n {
            cells.push((format!("> {i}.5"), Some(true)));
            cells.push((format!("< {i}.5"), Some(false)));
        }
        // One supported line at the end, below every bound but the first.
        cells.push(("0.1".to_string(), Some(true)));
        let claims = claims(&cells);
        let rows = rows(&cells, &claims);
        let found = comparator_problems(&rows, &line_of);
        assert_eq!(found.len(), 2 * n);
        let last = rows.len() - 1;
        assert_eq!(
            found[0],
            (
                0..9,
                "`> 0.5` and `< 0.5` leave 0.5 itself out: say whether 0.5 is supported (`>= 0.5`)"
                    .to_string()
            )
        );
        assert_eq!(
            found[1],
            (
                last * 10..last * 10 + 9,
                "`0.1` is marked supported, but `< 0.5` on line 6 says versions below 0.5 are not"
                    .to_string()
            )
        );
        assert_eq!(
            found[2 * n - 1],
            (last * 10..last * 10 + 9, format!("`0.1` is marked supported, but `< {0}.5` on line {1} says versions below {0}.5 are not", n - 1, 2 * n + 4))
        );
    }
}
