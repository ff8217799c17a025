//! `insecure-link`: links and URLs that use plain `http://`.

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "insecure-link",
    default_severity: Severity::Warning,
    summary: "A link or URL uses plain `http://`",
    doc: "\
Reports links, autolinks, bare URLs and HTML `href`/`src` attributes that use
plain `http://`. Reporters follow these links to send vulnerability details;
over plain HTTP the page (and any form on it) can be read or altered on the
way. Links to `localhost`, `127.0.0.1` and `[::1]` are not reported.

**Fix:** replace `http://` with `https://` (safe; check that the site serves
HTTPS).

```markdown
Report at http://example.org/security   <!-- insecure-link -->
Report at https://example.org/security
```",
    scope: Scope::Chunk,
};

pub struct InsecureLink;

impl Rule for InsecureLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        for link in &cx.model.links {
            let dest = &link.destination;
            // `get`: the 7th byte may fall inside a character ("<日@so").
            if !dest
                .get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
            {
                continue;
            }
            let host = dest[7..].split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host);
            // An IPv6 literal keeps its brackets; an unclosed `[` (found by
            // the soak test: `http://[link…`) is taken as it is.
            let host_only = if host.starts_with('[') {
                host.find(']').map_or(host, |end| &host[..=end])
            } else {
                host.split(':').next().unwrap_or(host)
            };
            if matches!(
                host_only.to_ascii_lowercase().as_str(),
                "localhost" | "127.0.0.1" | "[::1]" | "0.0.0.0"
            ) {
                continue;
            }
            let scheme = link.destination_range.start..link.destination_range.start + 7;
            out.push(
                Finding::new(
                    &META,
                    link.destination_range.clone(),
                    format!("`{dest}` uses insecure http"),
                )
                .with_fix(Fix::safe("Use https", Edit::new(scheme, "https://"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn reports_http_links_with_https_fix() {
        check(
            "insecure-link",
            "See [site](http://a.org/x) and http://b.org.\n",
            &[
                "1:12-1:26 insecure-link `http://a.org/x` uses insecure http",
                "1:32-1:44 insecure-link `http://b.org` uses insecure http",
            ],
        );
    }

    #[test]
    fn https_and_localhost_are_fine() {
        check(
            "insecure-link",
            "See https://a.org and http://localhost:8080/x and http://127.0.0.1/\n",
            &[],
        );
    }

    #[test]
    fn unclosed_ipv6_bracket_does_not_panic() {
        check(
            "insecure-link",
            "<http://[x> and http://[::1]/ok\n",
            &["1:2-1:11 insecure-link `http://[x` uses insecure http"],
        );
    }

    #[test]
    fn fix_rewrites_scheme() {
        crate::testing::check_fix(
            "insecure-link",
            "Go to <http://a.org>.\n",
            "Use https",
            "Go to <https://a.org>.\n",
        );
    }
}
