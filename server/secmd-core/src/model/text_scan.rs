//! Recognisers for bare URLs and email addresses in prose, following
//! GitHub's autolink extension (trailing punctuation and unbalanced closing
//! parentheses are not part of a URL).

use std::ops::Range;

/// Bare `http://`, `https://` and `www.` URLs in a piece of prose.
pub fn bare_urls(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let scheme = ["https://", "http://", "www."].iter().find(|p| {
            rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        });
        let boundary = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'/'
                || bytes[i - 1] == b':');
        if let (Some(p), true) = (scheme, boundary) {
            let end = i + rest
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"' || c == '`')
                .unwrap_or(rest.len());
            let end = trim_url_end(s, i, end);
            if end > i + p.len() {
                out.push(i..end);
                i = end;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Drops trailing punctuation and unbalanced `)` from a URL candidate.
fn trim_url_end(s: &str, start: usize, mut end: usize) -> usize {
    loop {
        let url = &s[start..end];
        let Some(last) = url.chars().last() else {
            return end;
        };
        if matches!(
            last,
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~'
        ) {
            end -= last.len_utf8();
            continue;
        }
        if last == ')' && url.matches('(').count() < url.matches(')').count() {
            end -= 1;
            continue;
        }
        return end;
    }
}

/// Bare email addresses (`local@domain.tld`) in a piece of prose.
pub fn bare_emails(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let is_domain = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
    let mut search = 0;
    while let Some(at) = s[search..].find('@').map(|i| search + i) {
        search = at + 1;
        let mut start = at;
        while start > 0 && is_local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain(bytes[end]) {
            end += 1;
        }
        // Trailing dots and hyphens end a sentence, not a domain.
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        let domain = &s[at + 1..end];
        if start < at && domain.contains('.') && !domain.starts_with('.') {
            out.push(start..end);
            search = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(s: &str) -> Vec<&str> {
        bare_urls(s).into_iter().map(|r| &s[r]).collect()
    }

    fn emails(s: &str) -> Vec<&str> {
        bare_emails(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn urls_trim_punctuation_and_parens() {
        assert_eq!(
            urls("see https://a.org/x. Or (http://b.org/y)"),
            vec!["https://a.org/x", "http://b.org/y"]
        );
        assert_eq!(
            urls("wiki https://en.wikipedia.org/wiki/A_(b)!"),
            vec!["https://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(urls("no scheme a.org, www.x.org"), vec!["www.x.org"]);
    }

    #[test]
    fn emails_in_sentences() {
        assert_eq!(emails("Mail security@x.org."), vec!["security@x.org"]);
        assert_eq!(emails("a@b, user@@x.org, @handle"), Vec::<&str>::new());
        assert_eq!(
            emails("first.last+sec@sub.example.co.uk"),
            vec!["first.last+sec@sub.example.co.uk"]
        );
    }
}
