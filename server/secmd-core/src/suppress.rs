//! Inline suppression comments: the directives and what they suppress.
//! (The edit that writes one is `ide::ignore`.)
//!
//! Directives are HTML comments, invisible on GitHub:
//!
//! - `<!-- secmd-disable-next-line CODE[, CODE…] -->` suppresses findings
//!   that start on the next non-blank line after the comment's line (or on
//!   the comment itself, where whole-document findings are anchored when
//!   the comment is the first line);
//! - `<!-- secmd-disable CODE -->` … `<!-- secmd-enable CODE -->` suppresses
//!   findings that start between the two comments (to the end of the file
//!   without an enable); `<!-- secmd-enable -->` ends every open range;
//! - `<!-- secmd-disable-file CODE -->` suppresses findings anywhere.
//!
//! Omitting the codes means every code: deliberate, for the rare block that
//! is quoted rather than written (an example policy inside a policy), but
//! naming codes is better. Codes may be separated by commas or spaces. Each
//! directive may end with `until YYYY-MM-DD`; from the day after that date
//! it suppresses nothing and is reported, so a "we will fix this by March"
//! does not become permanent. Text after ` -- ` is a free-form reason.
//!
//! Unknown codes, unknown `secmd-…` directives, bad `until` dates and expired
//! directives are reported as `invalid-suppression`, an engine code that can
//! be configured (or set `off`) like a rule and can itself be suppressed.

use crate::config::RuleLevel;
use crate::finding::{Finding, Severity};
use crate::model::{Date, DocumentModel};
use crate::rules::registry::{is_known_code, RuleMeta, Scope};
use crate::Options;
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "invalid-suppression",
    default_severity: Severity::Warning,
    summary: "A suppression comment names an unknown code or has expired",
    doc: "\
Reports `secmd-…` suppression comments that do not work as written:

- an unknown rule code (`<!-- secmd-disable-next-line stale-dates -->`);
- an unknown directive (`<!-- secmd-disable-line … -->`);
- an `until` without a valid `YYYY-MM-DD` date;
- a directive whose `until` date has passed: it no longer suppresses
  anything, and the findings it hid are reported again.

Directives:

```markdown
<!-- secmd-disable-next-line stale-date -->
**Last Updated:** 2023-01-01

<!-- secmd-disable broken-link, insecure-link until 2027-03-01 -- migrating docs -->
…
<!-- secmd-enable -->

<!-- secmd-disable-file placeholder -->
```

Without codes a directive applies to every code. Text after ` -- ` is a
reason and is ignored.",
    scope: Scope::Document,
};

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

/// A parsed directive.
#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    /// `None`: every code.
    codes: Option<Vec<String>>,
    /// The comment's range.
    range: Range<usize>,
}

impl Directive {
    fn covers(&self, code: &str) -> bool {
        self.codes
            .as_ref()
            .is_none_or(|c| c.iter().any(|x| x == code))
    }
}

/// The suppression directives of a document: findings for the invalid
/// ones, and the ranges the others cover.
pub struct Suppressions {
    /// `invalid-suppression` findings (absolute, configured severity).
    pub invalid: Vec<Finding>,
    scopes: Vec<(Directive, Range<usize>)>,
}

impl Suppressions {
    /// Reads the directives of `doc`. The whole text is built only when the
    /// document has directives.
    pub fn of(doc: &DocumentModel, options: &Options<'_>) -> Self {
        let mut directives = Vec::new();
        let mut invalid = Vec::new();
        for (d, c) in doc.items(|m| &m.comments) {
            if !c.body.starts_with("secmd-") {
                continue;
            }
            let range = c.range.start + d..c.range.end + d;
            let raw = doc.slice(range.clone());
            if let Some(d) = parse(raw, range, options.today, &mut invalid) {
                directives.push(d);
            }
        }
        let invalid = match options.config.level(META.code, META.default_severity) {
            RuleLevel::Off => Vec::new(),
            RuleLevel::Severity(s) => invalid.into_iter().map(|f| f.with_severity(s)).collect(),
        };
        let scopes = if directives.is_empty() {
            Vec::new()
        } else {
            scopes(&doc.full_text(), &directives)
                .into_iter()
                .map(|(d, r)| (d.clone(), r))
                .collect()
        };
        let mut s = Suppressions {
            invalid: Vec::new(),
            scopes,
        };
        s.invalid = invalid.into_iter().filter(|f| s.keeps(f)).collect();
        s
    }

    /// Whether no directive suppresses anything.
    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }

    /// Whether a finding (absolute range) survives the directives.
    pub fn keeps(&self, f: &Finding) -> bool {
        !self
            .scopes
            .iter()
            .any(|(d, r)| r.contains(&f.range.start) && d.covers(f.code))
    }
}

/// Parses one comment (`raw` is `<!-- … -->` at `range`). Problems are
/// pushed to `invalid`; an unusable directive returns `None`.
fn parse(
    raw: &str,
    range: Range<usize>,
    today: Date,
    invalid: &mut Vec<Finding>,
) -> Option<Directive> {
    let body_start = raw.find("secmd-")?;
    let body_end = raw
        .rfind("-->")
        .filter(|&e| e >= body_start)
        .unwrap_or(raw.len());
    let mut body = &raw[body_start..body_end];
    // A free-form reason after " -- ".
    if let Some(i) = body.find(" --") {
        body = &body[..i];
    }
    let tokens = tokens(body);
    let at =
        |t: &Range<usize>| range.start + body_start + t.start..range.start + body_start + t.end;
    let (name, rest) = tokens.split_first()?;
    let kind = match &body[name.clone()] {
        "secmd-disable-next-line" => Kind::NextLine,
        "secmd-disable" => Kind::Disable,
        "secmd-enable" => Kind::Enable,
        "secmd-disable-file" => Kind::File,
        other => {
            invalid.push(Finding::new(
                &META,
                at(name),
                format!("unknown directive `{other}` (expected secmd-disable-next-line, secmd-disable, secmd-enable or secmd-disable-file)"),
            ));
            return None;
        }
    };
    let mut codes = Vec::new();
    let mut named_codes = false;
    let mut iter = rest.iter();
    while let Some(t) = iter.next() {
        let word = &body[t.clone()];
        if word == "until" {
            let Some(date_token) = iter.next() else {
                invalid.push(Finding::new(
                    &META,
                    at(t),
                    "`until` needs a date (YYYY-MM-DD)",
                ));
                return None;
            };
            let value = &body[date_token.clone()];
            let Some(until) = Date::parse_iso(value) else {
                invalid.push(Finding::new(
                    &META,
                    at(date_token),
                    format!("`{value}` is not a date (YYYY-MM-DD)"),
                ));
                return None;
            };
            if until < today {
                invalid.push(Finding::new(
                    &META,
                    at(t).start..at(date_token).end,
                    format!("suppression expired on {until}; it no longer suppresses anything"),
                ));
                return None;
            }
            continue;
        }
        named_codes = true;
        if is_known_code(word) {
            codes.push(word.to_string());
        } else {
            invalid.push(Finding::new(
                &META,
                at(t),
                format!("unknown code `{word}` (see `secmd rules`)"),
            ));
        }
    }
    // A directive whose every code is unknown suppresses nothing (rather
    // than everything).
    if named_codes && codes.is_empty() {
        return None;
    }
    Some(Directive {
        kind,
        codes: if codes.is_empty() { None } else { Some(codes) },
        range,
    })
}

/// Words of a directive body, split at spaces and commas.
fn tokens(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in body.char_indices() {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..body.len());
    }
    out
}

/// The ranges of the document each disabling directive covers.
fn scopes<'d>(text: &str, directives: &'d [Directive]) -> Vec<(&'d Directive, Range<usize>)> {
    let mut out = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.kind {
            Kind::File => out.push((d, 0..text.len() + 1)),
            Kind::NextLine => {
                // The comment itself too: a whole-document finding anchored
                // at the first line lands on a directive written there.
                out.push((d, d.range.clone()));
                out.push((d, next_non_blank_line(text, d.range.end)));
            }
            Kind::Disable => {
                let end = directives[i + 1..]
                    .iter()
                    .find(|e| {
                        e.kind == Kind::Enable
                            && match (&e.codes, &d.codes) {
                                (None, _) => true,
                                (Some(ec), Some(dc)) => dc.iter().any(|c| ec.contains(c)),
                                (Some(_), None) => false,
                            }
                    })
                    .map_or(text.len() + 1, |e| e.range.start);
                out.push((d, d.range.end..end));
            }
            Kind::Enable => {}
        }
    }
    out
}

/// The line after the one containing `pos` that is not blank (from its
/// start to its end inclusive; empty at the end of the text).
fn next_non_blank_line(text: &str, pos: usize) -> Range<usize> {
    let pos = pos.min(text.len());
    let mut start = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if !text[start..end].trim().is_empty() {
            // Inclusive of the line's end: an empty finding there counts.
            return start..end + 1;
        }
        start = end + 1;
    }
    text.len()..text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{local_findings as findings, render};

    /// Findings of this module's tests' codes (other rules also see the
    /// fixtures, which are not whole policies).
    fn mine(text: &str) -> Vec<Finding> {
        findings(text)
            .into_iter()
            .filter(|f| matches!(f.code, "stale-date" | "invalid-suppression"))
            .collect()
    }

    fn rendered(text: &str) -> Vec<String> {
        mine(text).iter().map(|f| render(text, f)).collect()
    }

    const STALE: &str = "stale-date Last Updated is 1057 days old (2024-01-01); policies should be reviewed at least every 365 days";

    #[test]
    fn next_line_range_and_file_directives_suppress() {
        let text = "\
<!-- secmd-disable-next-line stale-date -->

Last Updated: 2024-01-01

Last Updated: 2024-01-01

<!-- secmd-disable -->
Last Updated: 2024-01-01
<!-- secmd-enable -->
Last Updated: 2024-01-01
";
        assert_eq!(
            rendered(text),
            [format!("5:15-5:25 {STALE}"), format!("10:15-10:25 {STALE}"),]
        );
        let text =
            "Last Updated: 2024-01-01 <!-- secmd-disable-file stale-date, insecure-link -->\n";
        assert_eq!(rendered(text), Vec::<String>::new());
    }

    #[test]
    fn unknown_codes_directives_and_expired_until_are_reported() {
        let text = "\
<!-- secmd-disable-next-line stale-dates -->
Last Updated: 2024-01-01

<!-- secmd-disable-line stale-date -->
<!-- secmd-disable-next-line stale-date until 2026-11-22 -- waiting on legal -->
Last Updated: 2024-01-01

<!-- secmd-disable-next-line stale-date until 2026-11-23 -->
Last Updated: 2024-01-01
";
        assert_eq!(
            rendered(text),
            [
                "1:30-1:41 invalid-suppression unknown code `stale-dates` (see `secmd rules`)".to_string(),
                format!("2:15-2:25 {STALE}"),
                "4:6-4:24 invalid-suppression unknown directive `secmd-disable-line` (expected secmd-disable-next-line, secmd-disable, secmd-enable or secmd-disable-file)".to_string(),
                "5:41-5:57 invalid-suppression suppression expired on 2026-11-22; it no longer suppresses anything".to_string(),
                format!("6:15-6:25 {STALE}"),
            ]
        );
    }

    #[test]
    fn invalid_suppression_can_be_configured_and_suppressed() {
        let text = "<!-- secmd-disable-file invalid-suppression -->\n<!-- secmd-disable nope -->\n";
        assert_eq!(rendered(text), Vec::<String>::new());
        let config = crate::Config::parse("[rules]\ninvalid-suppression = \"off\"").unwrap();
        assert_eq!(
            crate::testing::local_findings_with("<!-- secmd-enable nope -->\n", &config),
            vec![]
        );
    }
}
