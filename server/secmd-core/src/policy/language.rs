//! Is a policy written in English? Rules that match English wording
//! (`missing-section`, `response-time`) stay quiet on other languages
//! rather than report every German or Korean policy.
//!
//! A small heuristic, no dictionary: a policy is non-English when most of
//! its letters are in a non-Latin script (Cyrillic, CJK, Hangul, Thai,
//! Devanagari, Arabic…), or when common function words of another Latin-script
//! language (French, Spanish, Portuguese, German, Italian, Dutch) outnumber
//! English ones. Headings are left out: translated policies often keep
//! GitHub's English headings over a body in their own language.

use crate::model::DocumentModel;

const ENGLISH: &[&str] = &[
    "the", "and", "to", "of", "is", "you", "we", "for", "this", "with", "be", "that", "please",
    "it", "are", "our", "your", "will", "if", "or", "not", "any", "by", "an", "can", "on", "as",
    "have", "should", "from", "which", "all", "at",
];

const OTHER: &[&str] = &[
    // French
    "le", "les", "des", "est", "et", "pour", "vous", "nous", "une", "dans", "du", "sur", "avec",
    "pas", "sont", "votre", "ce", "cette", "qui", "au", "aux", "merci",
    // Spanish / Portuguese
    "el", "los", "las", "que", "y", "por", "para", "con", "una", "es", "su", "del", "se", "lo", "o",
    "os", "um", "uma", "não", "você", "seu", "sua", "da", "do", "das", "dos", "em", "favor",
    "como", "más", "mais", "esta", "este", // German
    "der", "die", "das", "und", "ist", "nicht", "sie", "wir", "mit", "zu", "ein", "eine", "für",
    "auf", "den", "dem", "bitte", "oder", "wenn", "bei", "sich", "werden", "ihre",
    // Italian
    "il", "di", "che", "per", "non", "sono", "della", "gli", // Dutch
    "het", "een", "van", "voor", "niet", "zijn", "wij", "wordt",
];

/// How many words decide: a policy's language shows in its first
/// paragraphs, and document rules run on every keystroke.
const SAMPLE_WORDS: usize = 1500;

/// Whether the prose of the document is (mostly) English. Documents with
/// too little prose to tell are treated as English.
pub fn is_english(doc: &DocumentModel) -> bool {
    // Headings by reference and lazily: only the first SAMPLE_WORDS words
    // are read, and this runs on every keystroke of a large document.
    let mut headings = doc
        .items(|m| &m.headings)
        .map(|(d, h)| h.range.start + d..h.range.end + d)
        .peekable();
    let mut latin = 0usize;
    let mut other_script = 0usize;
    let mut english = 0usize;
    let mut other = 0usize;
    let mut words = 0usize;
    let mut lower = String::new();
    for range in doc.prose() {
        // Prose ranges and headings are both in document order.
        while headings.peek().is_some_and(|h| h.end <= range.start) {
            headings.next();
        }
        if headings
            .peek()
            .is_some_and(|h| h.start <= range.start && range.end <= h.end)
        {
            continue;
        }
        let s = doc.slice(range);
        for c in s.chars().filter(|c| c.is_alphabetic()) {
            if c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c) {
                latin += 1;
            } else {
                other_script += 1;
            }
        }
        for word in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if ENGLISH.contains(&lower.as_str()) {
                english += 1;
            } else if OTHER.contains(&lower.as_str()) {
                other += 1;
            }
            words += 1;
        }
        if words >= SAMPLE_WORDS {
            break;
        }
    }
    if other_script > latin {
        return false;
    }
    !(other >= 5 && other > english)
}

#[cfg(test)]
mod tests {
    use crate::model::{DocumentModel, PlacedChunk};
    use crate::syntax::Document;

    fn english(text: &str) -> bool {
        let d = Document::new(text);
        let placed = d
            .chunks()
            .iter()
            .map(|c| PlacedChunk::new(c.start, c.text.clone(), c.model.clone()))
            .collect();
        super::is_english(&DocumentModel::new(placed, d.len()))
    }

    #[test]
    fn tells_languages_apart() {
        assert!(english(
            "# Security\n\nPlease report vulnerabilities to security@x.org and we will reply.\n"
        ));
        assert!(!english(
            "## Reporting a Vulnerability\n\nPour nous déclarer une faille, merci d'envoyer un email aux mainteneurs. Vous trouverez les adresses dans le fichier.\n"
        ));
        assert!(!english(
            "## Reporting a Vulnerability\n\n보안 취약점은 공개 이슈 대신 비공개로 제보해 주세요.\n"
        ));
        assert!(!english(
            "# Política\n\nPor favor, reporte las vulnerabilidades a través de un correo y no abra un issue público para que podamos revisar el problema.\n"
        ));
        // Too little prose to tell: English.
        assert!(english("# Sicherheit\n"));
    }
}
