//! Plain-text helpers for headings and cells.

/// Removes inline Markdown markup from a short piece of text: emphasis and
/// code markers, link destinations (`[text](url)` becomes `text`), angle
/// brackets, and collapses whitespace.
pub fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' | '`' | '[' | '<' | '>' => {}
            ']' => {
                // Drop a following "(destination)".
                if chars.peek() == Some(&'(') {
                    let mut depth = 0;
                    for d in chars.by_ref() {
                        match d {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises heading text for matching against section names: lowercase,
/// letters, digits and single spaces only (emoji, mojibake, punctuation and
/// leading numbering such as "2." or "III." removed).
pub fn normalize_heading(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        // Mojibake of an emoji leaves short runs of Latin-1 letters ("ðŸ”’"
        // splits into "ðŸ"); a short word without any ASCII is such debris.
        let word = raw.to_lowercase();
        if word.chars().count() <= 4 && word.chars().all(|c| ('\u{80}'..='\u{2FF}').contains(&c)) {
            continue;
        }
        words.push(word);
    }
    // Leading numbering: "2", "2 1", "iv", "a" followed by more words.
    while words.len() > 1 {
        let w = &words[0];
        let numbering = w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 4 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) && w != "x");
        if numbering {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_strips_markup() {
        assert_eq!(
            plain_text("**Reporting** a [bug](https://x.y) `now`"),
            "Reporting a bug now"
        );
        assert_eq!(plain_text("  Use \\*stars\\*  "), "Use *stars*");
    }

    #[test]
    fn normalize_strips_numbering_emoji_and_punctuation() {
        assert_eq!(
            normalize_heading("### 2. Report via Email 📧"),
            "report via email"
        );
        assert_eq!(
            normalize_heading("🔒 Reporting a Vulnerability!"),
            "reporting a vulnerability"
        );
        assert_eq!(
            normalize_heading("ðŸ”’ Reporting a Vulnerability"),
            "reporting a vulnerability"
        );
        assert_eq!(
            normalize_heading("IV. Supported Versions"),
            "supported versions"
        );
    }
}
