//! The one reading of a supported-versions table's version cell: `5.1.x`,
//! `2.x`, `v1.4`, `>= 2.0`, `< 4.0`, `2.0+`, `2.0 and later`, `1.2 - 1.4`,
//! `latest`, `main`, or several of them separated by commas.
//!
//! Two readers share one grammar: [`parse_cell`] is strict (every part of
//! the cell understood, or nothing: `version-not-covered` compares the
//! claims with the shipped version and must not guess), [`first_claim`]
//! is lenient (the claim the cell starts with, whatever follows it:
//! `supported-versions` checks the order and gaps of rows written
//! `5.1.x (until 2025)` or `9.4x`).

use semver::Version;
use std::borrow::Cow;
use std::cmp::Ordering;

/// One claim of a version cell. Versions are kept as written, as numbers
/// (`v2.4.70.6` keeps its four parts); missing parts compare as 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spec {
    /// `latest`, `current`, `main`, `master`, `stable`: whatever ships now.
    Latest,
    /// `5.1.x`, `5.x`, `5.1`, `5.1.3`: every version starting with these numbers.
    Prefix(Vec<u64>),
    /// `>= 2.0` (inclusive), `> 2.0` (not), `2.0+`, `2.0 and later`.
    AtLeast(Vec<u64>, bool),
    /// `<= 4.0` (inclusive), `< 4.0` (not).
    Below(Vec<u64>, bool),
    /// `1.2 - 1.4`, `1.2 to 1.4` (both ends included, by release line).
    Between(Vec<u64>, Vec<u64>),
}

const LATEST_WORDS: &[&str] = &[
    "latest", "current", "main", "master", "stable", "head", "trunk", "develop", "nightly",
];

/// Comparators in the order they are tried (two-character ones first).
const COMPARATORS: &[(&str, bool, bool)] = &[
    // (written, at least, inclusive)
    (">=", true, true),
    ("≥", true, true),
    ("=>", true, true),
    (">", true, false),
    ("<=", false, true),
    ("≤", false, true),
    ("=<", false, true),
    ("<", false, false),
];

const LATER_SUFFIXES: &[&str] = &[
    "and later",
    "and above",
    "and newer",
    "and up",
    "or later",
    "or newer",
    "or above",
    "onwards",
    "+",
];

/// The claims of a cell; `None` when any part is not understood (the row
/// is then left alone rather than guessed at).
pub(crate) fn parse_cell(cell: &str) -> Option<Vec<Spec>> {
    let cleaned = clean(cell);
    let specs: Option<Vec<Spec>> = cleaned
        .split([',', ';', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(whole_part)
        .collect();
    specs.filter(|s| !s.is_empty())
}

/// The claim a cell starts with, whatever follows it (`5.1.x (LTS)`,
/// `1.x, 2.x` → `1.x`, `9.4x` → `9.4`); `None` when it starts with no
/// version (`Pre-release`, `` `Discv5` ``).
pub(crate) fn first_claim(cell: &str) -> Option<Spec> {
    claim(clean(cell).trim()).map(|(spec, _)| spec)
}

/// Emphasis and code marks are not part of a version (`**5.1.x**`,
/// `` `< 3.6.x` ``, `_2.x_`). Borrowed when the cell has no code or
/// emphasis marks (the usual case: this runs per row of a table).
fn clean(cell: &str) -> Cow<'_, str> {
    if cell.contains(['`', '*']) {
        Cow::Owned(
            cell.replace(['`', '*'], "")
                .trim()
                .trim_matches('_')
                .to_string(),
        )
    } else {
        Cow::Borrowed(cell.trim().trim_matches('_'))
    }
}

/// One comma-separated part read whole: words in parentheses after the
/// claim (`5.1.x (LTS)`) qualify the row; anything else is not understood.
fn whole_part(part: &str) -> Option<Spec> {
    let (spec, rest) = claim(part)?;
    let rest = rest.trim();
    (rest.is_empty() || rest.starts_with('(')).then_some(spec)
}

/// A claim read from the start of `s`, and the text after it.
fn claim(s: &str) -> Option<(Spec, &str)> {
    if LATEST_WORDS.iter().any(|w| starts_with_word(s, w)) {
        // "latest release", "main branch": the word says it all.
        return Some((Spec::Latest, ""));
    }
    for (op, at_least, inclusive) in COMPARATORS {
        if let Some(rest) = s.strip_prefix(op) {
            let (nums, rest) = numbers(rest.trim_start())?;
            let spec = if *at_least {
                Spec::AtLeast(nums, *inclusive)
            } else {
                Spec::Below(nums, *inclusive)
            };
            return Some((spec, rest));
        }
    }
    let (nums, rest) = numbers(s)?;
    let after = rest.trim_start();
    for suffix in LATER_SUFFIXES {
        if let Some(tail) = strip_prefix_ignore_case(after, suffix) {
            return Some((Spec::AtLeast(nums, true), tail));
        }
    }
    if after.len() < rest.len() {
        let range_end = after
            .strip_prefix("- ")
            .or_else(|| strip_prefix_ignore_case(after, "to "));
        if let Some((hi, tail)) = range_end.and_then(|r| numbers(r.trim_start())) {
            return Some((Spec::Between(nums, hi), tail));
        }
    }
    Some((Spec::Prefix(nums), rest))
}

/// `v2.11.x` → ([2, 11], rest): an optional `v`, dot-separated numbers,
/// then `.x` / `.*` wildcards; `None` without a leading number.
fn numbers(s: &str) -> Option<(Vec<u64>, &str)> {
    let mut rest = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let mut parts = Vec::new();
    loop {
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            break;
        }
        parts.push(rest[..len].parse().ok()?);
        rest = &rest[len..];
        match rest.strip_prefix('.') {
            Some(next) if next.starts_with(|c: char| c.is_ascii_digit()) => rest = next,
            _ => break,
        }
    }
    if parts.is_empty() {
        return None;
    }
    while let Some(next) = rest
        .strip_prefix(".x")
        .or_else(|| rest.strip_prefix(".X"))
        .or_else(|| rest.strip_prefix(".*"))
        .filter(|n| !n.starts_with(|c: char| c.is_alphanumeric()))
    {
        rest = next;
    }
    Some((parts, rest))
}

fn starts_with_word(s: &str, word: &str) -> bool {
    strip_prefix_ignore_case(s, word).is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Compares version numbers, missing parts counting as 0.
pub(crate) fn compare(a: &[u64], b: &[u64]) -> Ordering {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| a.get(i).unwrap_or(&0).cmp(b.get(i).unwrap_or(&0)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

fn version_of(nums: &[u64]) -> Version {
    Version::new(
        nums.first().copied().unwrap_or(0),
        nums.get(1).copied().unwrap_or(0),
        nums.get(2).copied().unwrap_or(0),
    )
}

fn starts_with(v: &Version, nums: &[u64]) -> bool {
    let parts = [v.major, v.minor, v.patch];
    nums.iter().zip(parts).all(|(a, b)| *a == b)
}

/// Whether the claim covers version `v`.
pub(crate) fn covers(spec: &Spec, v: &Version) -> bool {
    // Pre-releases of a line count as that line (`3.0.0-rc.1` is in `3.x`).
    let plain = Version::new(v.major, v.minor, v.patch);
    match spec {
        Spec::Latest => true,
        Spec::Prefix(nums) => starts_with(&plain, nums),
        Spec::AtLeast(min, true) => plain >= version_of(min),
        Spec::AtLeast(min, false) => plain > version_of(min),
        Spec::Below(max, true) => plain <= version_of(max),
        Spec::Below(max, false) => plain < version_of(max),
        Spec::Between(lo, hi) => {
            plain >= version_of(lo) && (plain <= version_of(hi) || starts_with(&plain, hi))
        }
    }
}

/// The oldest version the claim needs to exist (its release line's start):
/// a row whose start is newer than anything shipped claims a future line.
pub(crate) fn lowest(spec: &Spec) -> Option<Version> {
    match spec {
        Spec::Prefix(nums) | Spec::Between(nums, _) | Spec::AtLeast(nums, _) => {
            Some(version_of(nums))
        }
        Spec::Latest | Spec::Below(..) => None,
    }
}

/// A version line written like `template` (`5.1.x` → `3.1.x`, `v2.x` →
/// `v3.x`, `5.1` → `3.1`); `{major}.{minor}.x` when the template is not a
/// plain line.
pub(crate) fn line_like(template: &str, v: &Version) -> String {
    let t = template.trim().trim_matches('`');
    let v_prefix = if t.starts_with(['v', 'V']) {
        &t[..1]
    } else {
        ""
    };
    match whole_part(&clean(t)) {
        Some(Spec::Prefix(nums)) => {
            let parts = [v.major, v.minor, v.patch];
            let written: Vec<String> = parts[..nums.len().clamp(1, 3)]
                .iter()
                .map(u64::to_string)
                .collect();
            let wildcard = if t.ends_with(".x") || t.ends_with(".X") {
                &t[t.len() - 2..]
            } else if t.ends_with(".*") {
                ".*"
            } else {
                ""
            };
            let open = template.trim().starts_with('`');
            let tick = if open { "`" } else { "" };
            format!("{tick}{v_prefix}{}{wildcard}{tick}", written.join("."))
        }
        _ => format!("{}.{}.x", v.major, v.minor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse_version;

    fn v(s: &str) -> Version {
        parse_version(s).unwrap()
    }

    #[test]
    fn rows_as_policies_write_them() {
        let covers_cell =
            |cell: &str, ver: &str| parse_cell(cell).unwrap().iter().any(|s| covers(s, &v(ver)));
        assert!(covers_cell("5.1.x", "5.1.7"));
        assert!(!covers_cell("5.1.x", "5.2.0"));
        assert!(covers_cell("2.x", "2.9.1"));
        assert!(covers_cell("1.x.x", "1.9.1"));
        assert!(covers_cell("V2.X", "2.9.1"));
        assert!(covers_cell(">= 2.0", "3.1.0"));
        assert!(covers_cell("=> 2.0", "2.0.0"));
        assert!(!covers_cell("> 2.0", "2.0.0"));
        assert!(covers_cell("< 4.0", "3.9.9"));
        assert!(!covers_cell("< 4.0", "4.0.0"));
        assert!(covers_cell("<= 4.0", "4.0.0"));
        assert!(covers_cell("2.0+", "2.5.0"));
        assert!(covers_cell("3.0 and later", "3.0.1"));
        assert!(covers_cell("3.0 Or Newer (LTS)", "4.0.1"));
        assert!(covers_cell("latest", "9.0.0"));
        assert!(covers_cell("main", "0.1.0"));
        assert!(covers_cell("Latest release", "0.1.0"));
        assert!(covers_cell("1.2 - 1.4", "1.4.3"));
        assert!(covers_cell("1.2 to 1.4", "1.3.0"));
        assert!(covers_cell("`v3.x` (LTS)", "3.0.0-rc.1"));
        assert!(covers_cell("**5.1.x** (LTS)", "5.1.2"));
        assert!(covers_cell("1.x, 2.x", "2.0.0"));
        assert_eq!(parse_cell("Pre-release"), None);
        assert_eq!(parse_cell(""), None);
        assert_eq!(parse_cell("x"), None);
        // A part not understood leaves the whole cell alone.
        assert_eq!(parse_cell("9.4x"), None);
        assert_eq!(parse_cell("2.latest"), None);
        assert_eq!(parse_cell("1.0.0-rc1"), None);
        assert_eq!(parse_cell("1.2-1.4"), None);
        assert_eq!(parse_cell("5.1.x ✅"), None);
    }

    #[test]
    fn the_first_claim_is_read_whatever_follows() {
        let first = first_claim;
        assert_eq!(first("`2.11.x`"), Some(Spec::Prefix(vec![2, 11])));
        assert_eq!(first("< 3.6.x"), Some(Spec::Below(vec![3, 6], false)));
        assert_eq!(
            first("`<= 10.4.0`"),
            Some(Spec::Below(vec![10, 4, 0], true))
        );
        assert_eq!(first("> 1.0"), Some(Spec::AtLeast(vec![1, 0], false)));
        assert_eq!(first(">= v5"), Some(Spec::AtLeast(vec![5], true)));
        assert_eq!(first("≥ 5"), Some(Spec::AtLeast(vec![5], true)));
        assert_eq!(first("v2.4.70.6"), Some(Spec::Prefix(vec![2, 4, 70, 6])));
        assert_eq!(first("9.4x"), Some(Spec::Prefix(vec![9, 4])));
        assert_eq!(first("< 2.latest"), Some(Spec::Below(vec![2], false)));
        assert_eq!(first("7.x, 8.x"), Some(Spec::Prefix(vec![7])));
        assert_eq!(first("_2.x_ (until 2025)"), Some(Spec::Prefix(vec![2])));
        assert_eq!(first("2.0+"), Some(Spec::AtLeast(vec![2, 0], true)));
        assert_eq!(first("latest"), Some(Spec::Latest));
        assert_eq!(first("`Discv5`"), None);
        assert_eq!(first("< Latest"), None);
        assert!(compare(&[2, 0], &[2]).is_eq() && compare(&[2, 11], &[3, 6]).is_lt());
    }

    #[test]
    fn new_rows_follow_the_table_style() {
        assert_eq!(line_like("5.1.x", &v("3.1.4")), "3.1.x");
        assert_eq!(line_like("v2.x", &v("3.1.4")), "v3.x");
        assert_eq!(line_like("`1.4`", &v("3.1.4")), "`3.1`");
        assert_eq!(line_like(">= 2.0", &v("3.1.4")), "3.1.x");
        assert_eq!(lowest(&Spec::Prefix(vec![4])), Some(v("4.0.0")));
        assert_eq!(lowest(&Spec::Below(vec![4], false)), None);
    }
}
