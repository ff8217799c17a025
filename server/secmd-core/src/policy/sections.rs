//! Section recognition shared by the section rules: which headings mean
//! "Reporting a Vulnerability" and which mean "Supported Versions".
//!
//! Headings are matched on their normalised text (`normalize_heading`: case,
//! emoji, mojibake, numbering and punctuation removed). Real policies name
//! these sections in dozens of ways ("Reporting Security Issues", "How to
//! report", "Security contact information", "Version support"), so matching
//! is by keywords rather than by a closed list, in two strengths:
//!
//! - *strong*: the heading names the section outright ("Reporting a
//!   Vulnerability", "Supported Versions", a configured synonym);
//! - *weak*: the heading is a looser name that usually holds that content
//!   ("Contact", "Disclosure Policy", "Versions").
//!
//! Both satisfy `missing-section`; only strong ones count as duplicates, so a
//! policy with "Reporting a Vulnerability" and "Disclosure Policy" is not
//! told it has two reporting sections.

use crate::config::SectionsConfig;
use crate::model::{normalize_heading, DocumentModel, Heading, HeadingKind, Section};
use std::ops::Range;

/// The sections a policy is expected to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionId {
    Reporting,
    SupportedVersions,
}

impl SectionId {
    pub const ALL: [SectionId; 2] = [SectionId::Reporting, SectionId::SupportedVersions];

    /// The id used in `[sections]` of the configuration.
    pub fn id(self) -> &'static str {
        match self {
            SectionId::Reporting => "reporting",
            SectionId::SupportedVersions => "supported-versions",
        }
    }

    /// The conventional heading text.
    pub fn title(self) -> &'static str {
        match self {
            SectionId::Reporting => "Reporting a Vulnerability",
            SectionId::SupportedVersions => "Supported Versions",
        }
    }
}

/// How clearly a heading names a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// What a heading means, if it names one of the expected sections.
pub fn classify(heading_text: &str, config: &SectionsConfig) -> Option<(SectionId, Strength)> {
    let norm = normalize_heading(heading_text);
    for id in SectionId::ALL {
        if let Some(extra) = config.synonyms.get(id.id()) {
            if extra.iter().any(|s| normalize_heading(s) == norm) {
                return Some((id, Strength::Strong));
            }
        }
    }
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    classify_words(&words)
}

fn classify_words(words: &[&str]) -> Option<(SectionId, Strength)> {
    let has = |w: &str| words.contains(&w);
    let has_prefix = |p: &str| words.iter().any(|w| w.starts_with(p));
    let phrase = words.join(" ");

    // Supported versions. "Minimum supported Rust version" is about
    // toolchains, not about which releases get fixes.
    let support_word = has("supported") || has("support") || has("maintained") || has("secure");
    let version_word = [
        "version", "versions", "release", "releases", "branch", "branches", "series",
    ]
    .iter()
    .any(|w| has(w));
    if support_word && version_word && !has("minimum") && !has("msrv") && !has("rust") {
        return Some((SectionId::SupportedVersions, Strength::Strong));
    }
    if matches!(
        phrase.as_str(),
        "versions"
            | "version"
            | "releases"
            | "support"
            | "support policy"
            | "support lifecycle"
            | "security support"
            | "version policy"
            | "release support"
            | "lifecycle"
    ) {
        return Some((SectionId::SupportedVersions, Strength::Weak));
    }

    // Reporting. Headings about the report's contents or what happens
    // afterwards ("What to include in a report", "Response timeline") are
    // parts of the process, not the place that says where to report.
    let about_contents = [
        "include",
        "including",
        "template",
        "example",
        "examples",
        "after",
        "past",
        "previous",
        "known",
        "timeline",
        "received",
        "handling",
        "format",
    ]
    .iter()
    .any(|w| has(w))
        || words.first() == Some(&"what");
    if !about_contents && (has("report") || has("reporting")) {
        return Some((SectionId::Reporting, reporting_strength(words)));
    }
    if !about_contents
        && (has_prefix("contact")
            || has("disclosure")
            || matches!(
                phrase.as_str(),
                "security issues"
                    | "security vulnerabilities"
                    | "vulnerabilities"
                    | "security bugs"
                    | "vulnerability"
            ))
    {
        return Some((SectionId::Reporting, Strength::Weak));
    }
    None
}

/// A "report" heading names the section outright when, apart from filler
/// ("how to", "a", "potential"), it only says what is reported: "Reporting
/// a Vulnerability", "How to report a security issue", "Vulnerability
/// reporting". "Reporting supply chain concerns", "CVE reporting policy" or
/// "Report via email" are parts of a reporting section, not a second one.
fn reporting_strength(words: &[&str]) -> Strength {
    const FILLER: &[&str] = &[
        "how",
        "to",
        "do",
        "i",
        "where",
        "a",
        "an",
        "the",
        "potential",
        "suspected",
        "possible",
        "please",
        "your",
        "our",
    ];
    const SUBJECTS: &[&str] = &[
        "security",
        "vulnerability",
        "vulnerabilities",
        "issue",
        "issues",
        "bug",
        "bugs",
        "problem",
        "problems",
        "flaw",
        "flaws",
        "concern",
        "concerns",
    ];
    let canonical = words
        .iter()
        .filter(|w| !FILLER.contains(w))
        .all(|w| matches!(*w, "report" | "reporting") || SUBJECTS.contains(w));
    if canonical {
        Strength::Strong
    } else {
        Strength::Weak
    }
}

/// The ids required by the configuration (both by default). Unknown ids
/// are ignored here; the configuration loader is the place to reject them.
pub fn required(config: &SectionsConfig) -> Vec<SectionId> {
    match &config.required {
        None => SectionId::ALL.to_vec(),
        Some(ids) => SectionId::ALL
            .into_iter()
            .filter(|s| ids.iter().any(|i| i == s.id()))
            .collect(),
    }
}

/// A section whose heading names one of the expected sections.
#[derive(Debug, Clone)]
pub struct Classified {
    pub id: SectionId,
    pub strength: Strength,
    pub section: Section,
}

/// The line break the file uses: CRLF when its first line break is one.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Where document-level findings point: the first heading, or the first
/// non-blank line when there is none. Kept to one line so editors do not
/// underline the whole file. `text` (the whole text) is asked for only
/// when the document has no heading.
pub fn anchor<'t>(doc: &DocumentModel, text: impl FnOnce() -> &'t str) -> Range<usize> {
    if let Some(h) = doc.headings().next() {
        return h.range;
    }
    let text = text();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if !trimmed.trim().is_empty() {
            let lead = trimmed.len() - trimmed.trim_start().len();
            return offset + lead..offset + trimmed.trim_end().len();
        }
        offset += line.len();
    }
    0..0
}

/// The document's title: its first heading when that is a level-1 heading.
pub fn title(doc: &DocumentModel) -> Option<Heading> {
    doc.headings()
        .next()
        .filter(|h| h.level == 1 && h.kind != HeadingKind::Bold)
}

/// The introduction: text before the first heading other than the title
/// (the whole file when it has no other heading). Short policies put their
/// entire reporting instructions here.
pub fn intro(doc: &DocumentModel) -> Range<usize> {
    let title = title(doc);
    let start = title.as_ref().map_or(0, |t| t.range.end);
    let end = doc
        .headings()
        .find(|h| h.range.start >= start && Some(h) != title.as_ref())
        .map_or(doc.len(), |h| h.range.start);
    start..end.max(start)
}

/// Whether the document has more than one section: a heading besides its
/// title, or two headings when it has no title. Bold pseudo-headings do not
/// count: files that only use them are the short, single-page policies
/// this exempts.
pub fn has_subsections(doc: &DocumentModel) -> bool {
    let title = title(doc);
    // One or two are enough to answer: counting (and copying) every
    // heading of a large FAQ on every keystroke was O(headings), and
    // looking for a second one after a title read every later chunk of a
    // document with one section.
    let needed = if title.is_some() { 1 } else { 2 };
    let others = doc
        .headings()
        .filter(|h| h.kind != HeadingKind::Bold && Some(h) != title.as_ref())
        .take(needed)
        .count();
    match title {
        Some(_) => others >= 1,
        None => others >= 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<(SectionId, Strength)> {
        classify(s, &SectionsConfig::default())
    }

    #[test]
    fn reporting_headings() {
        use SectionId::Reporting;
        use Strength::*;
        for s in [
            "Reporting a Vulnerability",
            "🛡️ Reporting a Vulnerability",
            "ðŸ”’ Reporting Security Issues",
            "How to report",
            "Report a vulnerability",
            "Reporting a bug",
        ] {
            assert_eq!(class(s), Some((Reporting, Strong)), "{s}");
        }
        for s in [
            "Contact",
            "Security contact information",
            "Disclosure Policy",
            "Vulnerability disclosure",
            "### 2. Report via email",
            "Reporting supply chain concerns",
            "CVE Reporting Policy",
            "Helm Security Reporting and Policy",
        ] {
            assert_eq!(class(s), Some((Reporting, Weak)), "{s}");
        }
        for s in [
            "What to Include in a Vulnerability Report?",
            "Response Timeline",
            "Scope",
            "Security",
            "Audit reports",
        ] {
            assert_eq!(class(s), None, "{s}");
        }
    }

    #[test]
    fn supported_version_headings() {
        use SectionId::SupportedVersions;
        use Strength::*;
        for s in [
            "Supported Versions",
            "📦 Supported Versions and Security Updates",
            "Version support",
            "Supported releases",
            "IV. Supported versions",
        ] {
            assert_eq!(class(s), Some((SupportedVersions, Strong)), "{s}");
        }
        assert_eq!(class("Versions"), Some((SupportedVersions, Weak)));
        assert_eq!(class("Minimum Supported Rust Version"), None);
        assert_eq!(class("Unsupported Release Series"), None);
    }

    #[test]
    fn configured_synonyms_are_strong() {
        let mut config = SectionsConfig::default();
        config
            .synonyms
            .insert("reporting".into(), vec!["Sicherheitslücken melden".into()]);
        assert_eq!(
            classify("## Sicherheitslücken Melden!", &config),
            Some((SectionId::Reporting, Strength::Strong))
        );
    }

    #[test]
    fn line_endings() {
        assert_eq!(line_ending("a\r\nb\n"), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_ending("\nb"), "\n");
        assert_eq!(line_ending("no break"), "\n");
    }
}
