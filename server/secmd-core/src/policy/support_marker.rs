//! A supported-versions table cell's support marker (`✅`, `EOL`, a date…),
//! as the `supported-versions` rule and the editor features read it.

use super::sentences::words;

/// What a support cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Supported,
    Partial,
    Unsupported,
    /// A date (supported until, end of life on).
    Dated,
    Unknown,
}

const SUPPORTED_GLYPHS: &[&str] = &[
    "✅",
    "✔",
    "✓",
    "☑",
    "🟢",
    ":white_check_mark:",
    ":heavy_check_mark:",
    ":ballot_box_with_check:",
    ":green_circle:",
    ":check:",
];
const UNSUPPORTED_GLYPHS: &[&str] = &[
    "❌",
    "✖",
    "✗",
    "✘",
    "❎",
    "⛔",
    "🚫",
    "🛑",
    "🔴",
    ":x:",
    ":no_entry:",
    ":no_entry_sign:",
    ":heavy_multiplication_x:",
    ":red_circle:",
    ":negative_squared_cross_mark:",
    ":stop_sign:",
];
const PARTIAL_GLYPHS: &[&str] = &[
    "⚠",
    "🟡",
    "🟠",
    ":warning:",
    ":yellow_circle:",
    ":orange_circle:",
];

const UNSUPPORTED_WORDS: &[&str] = &[
    "no",
    "n",
    "not",
    "unsupported",
    "eol",
    "deprecated",
    "unmaintained",
    "discontinued",
    "none",
    "false",
    "retired",
    "obsolete",
    "archived",
    "expired",
    "dropped",
    "outdated",
];
const UNSUPPORTED_PHRASES: &[&str] = &["end of life", "end-of-life", "no longer", "out of support"];
const PARTIAL_WORDS: &[&str] = &[
    "security",
    "critical",
    "limited",
    "partial",
    "maintenance",
    "partially",
    "tbd",
    "planned",
    "upcoming",
    "beta",
    "preview",
    "development",
    "dev",
    "experimental",
    "alpha",
    "rc",
];
const PARTIAL_PHRASES: &[&str] = &["best effort", "best-effort", "fixes only", "patches only"];
const SUPPORTED_WORDS: &[&str] = &[
    "yes",
    "y",
    "supported",
    "active",
    "current",
    "maintained",
    "lts",
    "true",
    "full",
    "ongoing",
    "latest",
    "stable",
    "ok",
];

pub fn marker(raw: &str) -> Marker {
    let s = raw.to_lowercase();
    let yes = SUPPORTED_GLYPHS.iter().any(|g| s.contains(g));
    let no = UNSUPPORTED_GLYPHS.iter().any(|g| s.contains(g));
    if yes {
        return Marker::Supported;
    }
    if no {
        return Marker::Unsupported;
    }
    if PARTIAL_GLYPHS.iter().any(|g| s.contains(g)) {
        return Marker::Partial;
    }
    let ws: Vec<&str> = words(&s).into_iter().map(|(w, _)| w).collect();
    let has = |list: &[&str]| ws.iter().any(|w| list.contains(w));
    if has(UNSUPPORTED_WORDS) || UNSUPPORTED_PHRASES.iter().any(|p| s.contains(p)) {
        return Marker::Unsupported;
    }
    if has(PARTIAL_WORDS) || PARTIAL_PHRASES.iter().any(|p| s.contains(p)) {
        return Marker::Partial;
    }
    if has(SUPPORTED_WORDS) {
        return Marker::Supported;
    }
    let year = ws.iter().any(|w| {
        w.len() >= 4
            && w.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && (w.starts_with("19") || w.starts_with("20"))
    });
    if year {
        return Marker::Dated;
    }
    Marker::Unknown
}
