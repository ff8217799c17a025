//! What a supported-versions row's version cell claims: `5.1.x`, `2.x`,
//! `>= 2.0`, `< 4.0`, `2.0+`, `1.2 - 1.4`, `latest`, `main`, or several of
//! them separated by commas. `version-not-covered` asks whether a row
//! covers a version and where its release line starts.

#[cfg(test)]
use crate::workspace::parse_version;
use semver::Version;

/// One claim of a version cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spec {
    /// `latest`, `current`, `main`, `master`, `stable`: whatever ships now.
    Latest,
    /// `5.1.x`, `5.x`, `5.1`, `5.1.3`: every version starting with these numbers.
    Prefix(Vec<u64>),
    /// `>= 2.0`, `> 2.0`, `2.0+`, `2.0 and later`.
    AtLeast(Version, bool),
    /// `< 4.0`, `<= 4.0`.
    Below(Version, bool),
    /// `1.2 - 1.4` (both ends included, by release line).
    Between(Vec<u64>, Vec<u64>),
}

const LATEST_WORDS: &[&str] = &[
    "latest", "current", "main", "master", "stable", "head", "trunk", "develop", "nightly",
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
    let cleaned = cell.replace(['`', '*'], "").to_lowercase();
    let specs: Option<Vec<Spec>> = cleaned
        .split([',', ';', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(parse_one)
        .collect();
    specs.filter(|s| !s.is_empty())
}

fn numbers(s: &str) -> Option<Vec<u64>> {
    let s = s.trim();
    let s = s.strip_prefix('v').unwrap_or(s);
    let s = s.trim_end_matches(".x").trim_end_matches(".*");
    let s = if s == "x" || s == "*" { "" } else { s };
    if s.is_empty() {
        return None;
    }
    s.split('.').map(|p| p.parse::<u64>().ok()).collect()
}

fn version_of(nums: &[u64]) -> Version {
    Version::new(
        nums.first().copied().unwrap_or(0),
        nums.get(1).copied().unwrap_or(0),
        nums.get(2).copied().unwrap_or(0),
    )
}

fn parse_one(part: &str) -> Option<Spec> {
    // Words in parentheses ("5.1.x (LTS)") qualify the row, they are not versions.
    let part = match part.find('(') {
        Some(i) => part[..i].trim(),
        None => part,
    };
    if LATEST_WORDS
        .iter()
        .any(|w| part == *w || part.starts_with(&format!("{w} ")))
    {
        return Some(Spec::Latest);
    }
    for (op, at_least, inclusive) in [
        (">=", true, true),
        ("≥", true, true),
        ("=>", true, true),
        (">", true, false),
        ("<=", false, true),
        ("≤", false, true),
        ("=<", false, true),
        ("<", false, false),
    ] {
        if let Some(rest) = part.strip_prefix(op) {
            let v = version_of(&numbers(rest)?);
            return Some(if at_least {
                Spec::AtLeast(v, inclusive)
            } else {
                Spec::Below(v, inclusive)
            });
        }
    }
    for suffix in LATER_SUFFIXES {
        if let Some(rest) = part.strip_suffix(suffix) {
            return Some(Spec::AtLeast(version_of(&numbers(rest)?), true));
        }
    }
    if let Some((lo, hi)) = part.split_once(" - ").or_else(|| part.split_once(" to ")) {
        return Some(Spec::Between(numbers(lo)?, numbers(hi)?));
    }
    numbers(part).map(Spec::Prefix)
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
        Spec::AtLeast(min, true) => plain >= *min,
        Spec::AtLeast(min, false) => plain > *min,
        Spec::Below(max, true) => plain <= *max,
        Spec::Below(max, false) => plain < *max,
        Spec::Between(lo, hi) => {
            plain >= version_of(lo) && (plain <= version_of(hi) || starts_with(&plain, hi))
        }
    }
}

/// The oldest version the claim needs to exist (its release line's start):
/// a row whose start is newer than anything shipped claims a future line.
pub(crate) fn lowest(spec: &Spec) -> Option<Version> {
    match spec {
        Spec::Prefix(nums) | Spec::Between(nums, _) => Some(version_of(nums)),
        Spec::AtLeast(min, _) => Some(min.clone()),
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
    match parse_one(&t.to_lowercase()) {
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
        assert!(covers_cell(">= 2.0", "3.1.0"));
        assert!(!covers_cell("> 2.0", "2.0.0"));
        assert!(covers_cell("< 4.0", "3.9.9"));
        assert!(!covers_cell("< 4.0", "4.0.0"));
        assert!(covers_cell("2.0+", "2.5.0"));
        assert!(covers_cell("3.0 and later", "3.0.1"));
        assert!(covers_cell("latest", "9.0.0"));
        assert!(covers_cell("main", "0.1.0"));
        assert!(covers_cell("1.2 - 1.4", "1.4.3"));
        assert!(covers_cell("`v3.x` (LTS)", "3.0.0-rc.1"));
        assert!(covers_cell("1.x, 2.x", "2.0.0"));
        assert_eq!(parse_cell("Pre-release"), None);
        assert_eq!(parse_cell(""), None);
    }

    #[test]
    fn new_rows_follow_the_table_style() {
        assert_eq!(line_like("5.1.x", &v("3.1.4")), "3.1.x");
        assert_eq!(line_like("v2.x", &v("3.1.4")), "v3.x");
        assert_eq!(line_like("`1.4`", &v("3.1.4")), "`3.1`");
        assert_eq!(line_like(">= 2.0", &v("3.1.4")), "3.1.x");
        assert_eq!(lowest(&Spec::Prefix(vec![4])), Some(v("4.0.0")));
    }
}
