//! A supported-versions table cell's support marker (`✅`, `EOL`, a date…),
//! as the `supported-versions` rule and the editor features read it.

use super::sentences::words;
use std::borrow::Cow;

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
    // Other languages: "Non", "Nein", "Não", "nicht unterstützt", "obsoleto".
    "non",
    "nein",
    "não",
    "nao",
    "nicht",
    "obsoleto",
    "obsolète",
    "abandonné",
];
const UNSUPPORTED_PHRASES: &[&str] = &[
    "end of life",
    "end-of-life",
    "no longer",
    "out of support",
    "fin de vie",
    "fin de soporte",
    "fim de vida",
    "fine vita",
];
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
    // Other languages: "Sí", "Oui", "Ja", "Sim", "maintenu", "Unterstützt"…
    "sí",
    "si",
    "oui",
    "ja",
    "sim",
    "maintenu",
    "maintenue",
    "supporté",
    "supportée",
    "soportada",
    "soportado",
    "mantenida",
    "mantenido",
    "unterstützt",
    "gepflegt",
    "suportado",
    "supportato",
    "actif",
    "aktiv",
    "activo",
    "ativo",
    "attivo",
];

pub fn marker(raw: &str) -> Marker {
    // Most cells (`:x:`, `yes`) are lowercase ASCII already: a lowercased
    // copy per row of a 35,000-row table was a good part of its check.
    let s = if raw.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
        Cow::Owned(raw.to_lowercase())
    } else {
        Cow::Borrowed(raw)
    };
    if has_glyph(&s, SUPPORTED_GLYPHS) {
        return Marker::Supported;
    }
    if has_glyph(&s, UNSUPPORTED_GLYPHS) {
        return Marker::Unsupported;
    }
    if has_glyph(&s, PARTIAL_GLYPHS) {
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

/// Whether `s` contains one of `glyphs`. Shortcodes (`:x:`) are looked for
/// at the colons of `s` only, and emoji only in text that is not all ASCII:
/// 32 substring searches per cell were a good part of the check of a
/// 35,000-row table on every keystroke.
fn has_glyph(s: &str, glyphs: &[&str]) -> bool {
    let bytes = s.as_bytes();
    let ascii = s.is_ascii();
    glyphs.iter().any(|g| {
        if g.starts_with(':') {
            (0..bytes.len()).any(|i| bytes[i] == b':' && bytes[i..].starts_with(g.as_bytes()))
        } else {
            // An emoji cannot be inside ASCII text.
            (!ascii || g.is_ascii()) && s.contains(g)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_are_found_anywhere_in_the_cell() {
        assert!(has_glyph(":x:", UNSUPPORTED_GLYPHS));
        assert!(has_glyph(
            "no (:no_entry_sign: since 2.0)",
            UNSUPPORTED_GLYPHS
        ));
        assert!(has_glyph("yes ✅", SUPPORTED_GLYPHS));
        assert!(!has_glyph("x: :x", UNSUPPORTED_GLYPHS));
        assert!(!has_glyph(":x:", SUPPORTED_GLYPHS));
        assert!(!has_glyph("✅", UNSUPPORTED_GLYPHS));
        assert_eq!(marker(":X:"), Marker::Unsupported);
        assert_eq!(marker(":warning: Security fixes"), Marker::Partial);
        assert_eq!(marker("YES"), Marker::Supported);
        assert_eq!(marker("maybe"), Marker::Unknown);
    }
}
