//! `malformed-url`: a URL readers cannot follow: a misspelled scheme
//! (`htps://`), a comma or a space in the host, or a scheme with nothing
//! after it (`see https:`).

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "malformed-url",
    default_severity: Severity::Warning,
    summary: "A URL is misspelled or broken",
    doc: "\
Reports URLs that lead nowhere because they are written wrong:

- a misspelled scheme (`htps://`, `htttps://`, `hhttp://`), in a link or
  in the text;
- a link whose host holds a comma or a space (`https://acme,org/security`);
- `http:` or `https:` with no address after it (\"Please see https:\"), left
  when a link was cut.

**Fix:** for a misspelled scheme, write it right (safe).

```markdown
Report at htps://acme.org/security   <!-- malformed-url -->
Report at https://acme.org/security
```",
    scope: Scope::Chunk,
};

pub struct MalformedUrl;

/// Misspellings of `http`/`https` seen in real text, with the fix.
const SCHEME_TYPOS: &[(&str, &str)] = &[
    ("htps", "https"),
    ("htp", "http"),
    ("htttp", "http"),
    ("htttps", "https"),
    ("hhttp", "http"),
    ("hhttps", "https"),
    ("httsp", "https"),
    ("htpps", "https"),
    ("htts", "https"),
    ("ttps", "https"),
];

impl Rule for MalformedUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        for link in &cx.model.links {
            let dest = link.destination.trim();
            let range = link.destination_range.clone();
            if let Some((scheme, fixed)) = typo(dest) {
                out.push(typo_finding(
                    dest,
                    range.start..range.start + scheme.len(),
                    range.clone(),
                    fixed,
                ));
                continue;
            }
            let lower = dest.to_ascii_lowercase();
            let Some(rest) = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"))
            else {
                continue;
            };
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            if host.contains([',', ' ']) {
                out.push(Finding::new(
                    &META,
                    range,
                    format!("`{dest}`: a host name cannot hold a comma or a space"),
                ));
            }
        }
        for prose in &cx.model.prose {
            let s = &cx.text[prose.clone()];
            let mut from = 0;
            while let Some(at) = s[from..].find(':') {
                let colon = from + at;
                from = colon + 1;
                let start = s[..colon]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_alphabetic())
                    .last()
                    .map_or(colon, |(i, _)| i);
                let scheme = &s[start..colon];
                let after = &s[colon + 1..];
                let end = colon
                    + 1
                    + after
                        .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"'))
                        .unwrap_or(after.len());
                let url = s[start..end].trim_end_matches(['.', ',', ';']);
                let at = prose.start + start;
                if after.starts_with("//") {
                    if let Some((scheme, fixed)) = typo(url) {
                        out.push(typo_finding(
                            url,
                            at..at + scheme.len(),
                            at..at + url.len(),
                            fixed,
                        ));
                    }
                } else if matches!(scheme, "http" | "https")
                    && after.chars().next().is_none_or(char::is_whitespace)
                {
                    out.push(Finding::new(
                        &META,
                        at..at + scheme.len() + 1,
                        format!("`{scheme}:` has no address after it: the link was cut; write the whole URL"),
                    ));
                }
            }
        }
    }
}

/// The misspelled scheme of `url` (as written) and its correct form.
fn typo(url: &str) -> Option<(&str, &'static str)> {
    let (scheme, _) = url.split_once("://")?;
    let lower = scheme.to_ascii_lowercase();
    SCHEME_TYPOS
        .iter()
        .find(|(t, _)| *t == lower)
        .map(|(_, fixed)| (scheme, *fixed))
}

fn typo_finding(
    url: &str,
    scheme: std::ops::Range<usize>,
    range: std::ops::Range<usize>,
    fixed: &str,
) -> Finding {
    Finding::new(
        &META,
        range,
        format!("`{url}` has a misspelled scheme; write {fixed}://"),
    )
    .with_fix(Fix::safe(
        format!("Write {fixed}://"),
        Edit::new(scheme, fixed),
    ))
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix};

    #[test]
    fn reports_misspelled_schemes_in_links_and_text() {
        check(
            "malformed-url",
            "See [site](htps://acme.org/x) or htttps://acme.org/security.\n",
            &[
                "1:12-1:29 malformed-url `htps://acme.org/x` has a misspelled scheme; write https://",
                "1:34-1:60 malformed-url `htttps://acme.org/security` has a misspelled scheme; write https://",
            ],
        );
        check_fix(
            "malformed-url",
            "Go to htps://acme.org today.\n",
            "Write https://",
            "Go to https://acme.org today.\n",
        );
    }

    #[test]
    fn reports_bad_hosts_and_cut_links() {
        check(
            "malformed-url",
            "Report [here](https://acme,org/security).\n\nPlease see https:\n",
            &[
                "1:15-1:40 malformed-url `https://acme,org/security`: a host name cannot hold a comma or a space",
                "3:12-3:18 malformed-url `https:` has no address after it: the link was cut; write the whole URL",
            ],
        );
    }

    #[test]
    fn good_urls_and_labels_are_fine() {
        check(
            "malformed-url",
            "See https://acme.org, <http://b.org> and [c](https://c.org/a,b).\n\nHTTPS: we use TLS. Note: ftp://x.org works. Time 10:30.\n",
            &[],
        );
    }
}
