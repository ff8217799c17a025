//! `invalid-email`: malformed email addresses and `mailto:` links.

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::text::percent_decode;
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "invalid-email",
    default_severity: Severity::Error,
    summary: "An email address or `mailto:` link is malformed",
    doc: "\
Reports email addresses that cannot receive mail: a `mailto:` link with no
address, an address with no domain (`security@`), a domain without a dot
(`user@domain`), two `@`, spaces, doubled or trailing dots, or characters
that are not allowed in a domain. Reporters copy this address to send
vulnerability details; a broken one means the report is lost or goes back
to them.

Looks at `mailto:` links (Markdown and HTML), email autolinks (`<a@b.org>`),
bare addresses in text, and a bare mailbox name followed by a lone `@`
(`security@`). Obfuscated addresses such as `security[at]example[dot]org`
are deliberate and not reported.

**Fix:** removing a trailing dot or a stray space in a `mailto:` link is
offered (safe); anything else needs the real address.

```markdown
Mail [us](mailto:security@example.org.)   <!-- invalid-email -->
Mail [us](mailto:security@example.org)
```",
    scope: Scope::Chunk,
};

pub struct InvalidEmail;

impl Rule for InvalidEmail {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        let mut reported: Vec<Range<usize>> = Vec::new();
        // `mailto:` destinations, from the links (they keep the empty and
        // the space-containing ones, which the email list may not).
        for link in &cx.model.links {
            let dest = &link.destination;
            if dest.len() < 7
                || !dest.is_char_boundary(7)
                || !dest[..7].eq_ignore_ascii_case("mailto:")
            {
                continue;
            }
            let start = link.destination_range.start + 7;
            let raw = &dest[7..];
            let raw = &raw[..raw.find('?').unwrap_or(raw.len())];
            if raw.trim().is_empty() {
                out.push(Finding::new(
                    &META,
                    link.destination_range.clone(),
                    "`mailto:` link has no address; add the address reports should go to",
                ));
                reported.push(link.destination_range.clone());
                continue;
            }
            // Several recipients are allowed: `mailto:a@x.org,b@y.org`.
            let mut offset = 0;
            for part in raw.split(',') {
                let range = start + offset..start + offset + part.len();
                offset += part.len() + 1;
                // Template variables are `placeholder`'s to report.
                if part.is_empty() || super::placeholder::is_template_variable(part) {
                    continue;
                }
                if let Some(problem) = problem_of(&percent_decode(part)) {
                    out.push(finding(text, range.clone(), part, problem, true));
                    reported.push(range);
                }
            }
        }
        // Autolinks and bare addresses.
        for email in &cx.model.emails {
            if email.mailto || reported.iter().any(|r| overlaps(r, &email.range)) {
                continue;
            }
            if let Some(problem) = problem_of(&email.address) {
                out.push(finding(
                    text,
                    email.range.clone(),
                    &email.address,
                    problem,
                    false,
                ));
                reported.push(email.range.clone());
            }
        }
        // Bare text the recognisers do not take for an address.
        for p in &cx.model.prose {
            for r in suspicious_bare(&text[p.clone()]) {
                let r = p.start + r.start..p.start + r.end;
                if reported.iter().any(|x| overlaps(x, &r)) {
                    continue;
                }
                let s = &text[r.clone()];
                let problem = problem_of(s).unwrap_or(Problem::NoDomain);
                out.push(finding(text, r.clone(), s, problem, false));
                reported.push(r);
            }
        }
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// What is wrong with an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Whitespace,
    NoAt,
    SeveralAt,
    NoLocal,
    NoDomain,
    NoDot,
    DoubleDot,
    EdgeDot,
    BadDomainChar(char),
    BadLabel,
}

impl Problem {
    fn describe(self) -> String {
        match self {
            Problem::Whitespace => "contains a space".into(),
            Problem::NoAt => "has no `@`".into(),
            Problem::SeveralAt => "has more than one `@`".into(),
            Problem::NoLocal => "has nothing before the `@`".into(),
            Problem::NoDomain => "has no domain after the `@`".into(),
            Problem::NoDot => "has a domain without a dot (no top-level domain)".into(),
            Problem::DoubleDot => "contains `..`".into(),
            Problem::EdgeDot => "starts or ends a part with a dot".into(),
            Problem::BadDomainChar(c) => format!("has `{c}` in its domain"),
            Problem::BadLabel => "has a domain part that starts or ends with `-`".into(),
        }
    }
}

/// Why `address` cannot be a deliverable address, if it cannot.
fn problem_of(address: &str) -> Option<Problem> {
    if address.chars().any(char::is_whitespace) {
        return Some(Problem::Whitespace);
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Some(Problem::NoAt);
    };
    if domain.contains('@') {
        return Some(Problem::SeveralAt);
    }
    if local.is_empty() {
        return Some(Problem::NoLocal);
    }
    if domain.is_empty() {
        return Some(Problem::NoDomain);
    }
    if address.contains("..") {
        return Some(Problem::DoubleDot);
    }
    if local.starts_with('.')
        || local.ends_with('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return Some(Problem::EdgeDot);
    }
    // Non-ASCII letters are fine: internationalised domain names.
    if let Some(c) = domain
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
    {
        return Some(Problem::BadDomainChar(c));
    }
    if domain
        .split('.')
        .any(|l| l.starts_with('-') || l.ends_with('-'))
    {
        return Some(Problem::BadLabel);
    }
    if !domain.contains('.') {
        return Some(Problem::NoDot);
    }
    None
}

fn finding(
    text: &str,
    range: Range<usize>,
    shown: &str,
    problem: Problem,
    mailto: bool,
) -> Finding {
    let what = if mailto {
        "`mailto:` address"
    } else {
        "email address"
    };
    let f = Finding::new(
        &META,
        range.clone(),
        format!(
            "{what} `{shown}` {}; reports sent there will not arrive",
            problem.describe()
        ),
    );
    // Two obviously safe repairs in a link destination: a trailing dot
    // (sentence punctuation that slipped in) and surrounding spaces.
    if mailto {
        let s = &text[range.clone()];
        let trimmed = s.trim().trim_end_matches('.');
        if trimmed != s && problem_of(trimmed).is_none() {
            return f.with_fix(Fix::safe(
                format!("Change to `{trimmed}`"),
                Edit::new(range, trimmed),
            ));
        }
    }
    f
}

/// Mailbox names that, followed by a lone `@`, are a truncated address
/// rather than a handle or a package version (`pkg@1.2`).
const MAILBOXES: &[&str] = &[
    "security",
    "secure",
    "contact",
    "support",
    "admin",
    "info",
    "psirt",
    "disclosure",
    "vulnerability",
    "vulnerabilities",
    "vuln",
    "abuse",
    "cert",
    "csirt",
    "soc",
    "report",
    "reports",
    "bugs",
    "bugbounty",
    "privacy",
    "hello",
    "team",
    "dev",
];

/// Address-like text the bare-address recogniser rejects but that is meant
/// as an address: `security@` with nothing after it, and `user@@x.org`.
fn suspicious_bare(s: &str) -> Vec<Range<usize>> {
    let bytes = s.as_bytes();
    let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(at) = s[search..].find('@').map(|i| search + i) {
        let mut start = at;
        while start > 0 && is_local(bytes[start - 1]) {
            start -= 1;
        }
        let boundary = start == 0 || !matches!(bytes[start - 1], b'@' | b'/' | b':');
        let local = &s[start..at];
        let after = &s[at + 1..];
        if bytes.get(at + 1) == Some(&b'@') {
            // `user@@domain.tld`
            let dom_len = after[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
                .unwrap_or(after.len() - 1);
            let domain = after[1..1 + dom_len].trim_end_matches('.');
            if boundary && !local.is_empty() && domain.contains('.') {
                let end = at + 2 + domain.len();
                out.push(start..end);
                search = end;
                continue;
            }
            search = at + 2;
            continue;
        }
        let ends = match after.chars().next() {
            None => true,
            Some('.') => after[1..].chars().next().is_none_or(char::is_whitespace),
            Some(c) => c.is_whitespace() || matches!(c, ',' | ';' | ')' | '!' | '?' | '*' | '_'),
        };
        if boundary && ends && MAILBOXES.iter().any(|m| local.eq_ignore_ascii_case(m)) {
            out.push(start..at + 1);
        }
        search = at + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    #[test]
    fn reports_malformed_mailto_links() {
        check(
            "invalid-email",
            "Mail [us](mailto:) or [them](mailto:sec@@x.org) or [me](mailto:me@host).\n",
            &[
                "1:11-1:18 invalid-email `mailto:` link has no address; add the address reports should go to",
                "1:37-1:47 invalid-email `mailto:` address `sec@@x.org` has more than one `@`; reports sent there will not arrive",
                "1:64-1:71 invalid-email `mailto:` address `me@host` has a domain without a dot (no top-level domain); reports sent there will not arrive",
            ],
        );
    }

    #[test]
    fn valid_and_obfuscated_addresses_are_fine() {
        check(
            "invalid-email",
            "Mail <security@example.org>, [us](mailto:a@b.example.org?subject=Hi), \
             security[at]example[dot]com, npm i pkg@1.2.3, @octocat, \
             [two](mailto:a@x.org,b@y.org), [enc](mailto:sec%40x.org).\n",
            &[],
        );
    }

    #[test]
    fn bare_truncated_and_doubled_addresses() {
        check(
            "invalid-email",
            "Email: security@\n\nOr write to first..last@x.org or user@@x.org.\n",
            &[
                "1:8-1:17 invalid-email email address `security@` has no domain after the `@`; reports sent there will not arrive",
                "3:13-3:30 invalid-email email address `first..last@x.org` contains `..`; reports sent there will not arrive",
                "3:34-3:45 invalid-email email address `user@@x.org` has more than one `@`; reports sent there will not arrive",
            ],
        );
    }

    #[test]
    fn edge_spaces_and_trailing_dot_in_mailto() {
        check(
            "invalid-email",
            "[a](<mailto:sec @x.org>) [b](mailto:sec@x.org.)\n",
            &[
                "1:13-1:23 invalid-email `mailto:` address `sec @x.org` contains a space; reports sent there will not arrive",
                "1:37-1:47 invalid-email `mailto:` address `sec@x.org.` starts or ends a part with a dot; reports sent there will not arrive",
            ],
        );
    }

    #[test]
    fn fix_drops_trailing_dot() {
        check_fix(
            "invalid-email",
            "Mail [us](mailto:sec@x.org.).\n",
            "Change to `sec@x.org`",
            "Mail [us](mailto:sec@x.org).\n",
        );
    }

    #[test]
    fn html_mailto_and_autolink_without_dot() {
        check(
            "invalid-email",
            "<a href=\"mailto:security@\">mail</a> or <security@localhost>\n",
            &[
                "1:17-1:26 invalid-email `mailto:` address `security@` has no domain after the `@`; reports sent there will not arrive",
                "1:41-1:59 invalid-email email address `security@localhost` has a domain without a dot (no top-level domain); reports sent there will not arrive",
            ],
        );
    }
}
