//! `broken-link`: relative links to files that do not exist, and `#fragment`
//! links that match no heading of the policy.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::memo::Slot;
use crate::model::{DocumentModel, HeadingKind, Link, LinkKind};
use crate::text::percent_decode;
use std::collections::{HashMap, HashSet};

pub static META: RuleMeta = RuleMeta {
    code: "broken-link",
    default_severity: Severity::Warning,
    summary: "A relative link points to a missing file or to a heading that does not exist",
    doc: "\
Reports two kinds of links that lead nowhere:

- a relative link (`[policy](docs/disclosure.md)`, an image, a reference
  definition or an HTML `href`/`src`) to a file that does not exist next to
  the policy. `?query` and `#fragment` are ignored and `%20` escapes
  decoded. A root-relative link (`/docs/x.md`) is looked up from the
  repository's root. Nothing is reported when the caller cannot tell (an
  unsaved buffer, standard input, no repository), and for links that climb
  out of the repository to GitHub pages (`../../security/advisories/new`).
- a `#fragment` link within the policy (`#reporting`, or
  `SECURITY.md#reporting` from SECURITY.md itself) that matches no heading.
  Headings get anchors as GitHub makes them: lowercase, punctuation and
  emoji removed except `-` and `_`, spaces become `-`, and repeated
  headings get `-1`, `-2`…; HTML anchors (`<a name=\"x\">`, `id=\"x\"`)
  count too. Fragments are compared case-insensitively, as GitHub resolves
  them.

Absolute URLs, `mailto:` links and fragments into other files are not
checked.

**Fix:** when one heading's anchor is close to the broken fragment, link to
it (suggestion).

```markdown
See [how to report](#reportng).   <!-- broken-link -->
See [how to report](#reporting).
```",
    scope: Scope::Document,
};

pub struct BrokenLink;

/// Routes of a GitHub repository that relative links reach by climbing out
/// of the file tree (`../../security/advisories/new`).
const GITHUB_ROUTES: &[&str] = &[
    "security",
    "issues",
    "pulls",
    "pull",
    "discussions",
    "wiki",
    "releases",
    "actions",
    "projects",
    "blob",
    "tree",
    "raw",
    "commits",
    "commit",
    "compare",
    "tags",
    "milestones",
    "labels",
    "settings",
    "pulse",
    "graphs",
    "network",
    "community",
    "contribute",
    "network",
];

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let files = cx.options.files;
        let own_name = files.file_name();
        let mut anchors: Option<Anchors> = None;
        // Most links are URLs: each chunk remembers which of its links
        // point into the repository, and only those are looked at again
        // (this runs on every keystroke).
        let local = cx.doc.chunks().iter().flat_map(|c| {
            let picked = c
                .memo
                .once(Slot::BrokenLink, || local_links(&c.model.links));
            picked.iter().map(move |&i| (c.start, &c.model.links[i]))
        });
        for (d, link) in local {
            let link = Link {
                range: link.range.start + d..link.range.end + d,
                destination_range: link.destination_range.start + d..link.destination_range.end + d,
                ..link.clone()
            };
            let dest = link.destination.trim();
            let (path, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (dest, None),
            };
            let path = path.split('?').next().unwrap_or("");
            let local = path.strip_prefix("./").unwrap_or(path);
            let is_self = local.is_empty()
                || (!local.contains('/')
                    && own_name.is_some_and(|n| n.eq_ignore_ascii_case(&percent_decode(local))));
            if is_self {
                let Some(fragment) = fragment else { continue };
                let anchors = anchors.get_or_insert_with(|| Anchors::of(cx.doc));
                let wanted = normalize(&percent_decode(fragment));
                let wanted = wanted.strip_prefix("user-content-").unwrap_or(&wanted);
                if wanted.is_empty() || wanted == "top" || anchors.contains(wanted) {
                    continue;
                }
                let mut finding = Finding::new(
                    &META,
                    link.destination_range.clone(),
                    format!("`{dest}` matches no heading in this document"),
                );
                if let Some(best) = anchors.closest(wanted) {
                    let raw = cx.doc.slice(link.destination_range.clone());
                    if let Some(hash) = raw.find('#') {
                        let start = link.destination_range.start + hash + 1;
                        let end = link.destination_range.start + raw.len();
                        finding = finding.with_fix(Fix::suggestion(
                            format!("Link to #{best}"),
                            vec![Edit::new(start..end, best)],
                        ));
                    }
                }
                out.push(finding);
                continue;
            }
            if climbs_to_github_route(local) {
                continue;
            }
            let decoded = percent_decode(local.trim_end_matches('/'));
            if files.exists(&decoded) == Some(false) {
                out.push(Finding::new(
                    &META,
                    link.destination_range.clone(),
                    format!("`{path}` does not exist (relative to this file)"),
                ));
            }
        }
    }
}

/// `scheme:` at the start (`https:`, `mailto:`, `tel:`…).
/// Indexes of the links that point into the repository or the document.
fn local_links(links: &[Link]) -> Vec<usize> {
    links
        .iter()
        .enumerate()
        .filter(|(_, link)| {
            let dest = link.destination.trim();
            matches!(
                link.kind,
                LinkKind::Inline | LinkKind::Image | LinkKind::Definition | LinkKind::Html
            ) && !(dest.is_empty() || has_scheme(dest) || dest.starts_with("//"))
        })
        .map(|(i, _)| i)
        .collect()
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
}

/// `../../security/advisories/new`: a GitHub page, not a file.
fn climbs_to_github_route(path: &str) -> bool {
    let mut rest = path;
    let mut ups = 0;
    while let Some(r) = rest.strip_prefix("../") {
        rest = r;
        ups += 1;
    }
    let first = rest.split('/').next().unwrap_or("");
    ups > 0 && GITHUB_ROUTES.contains(&first)
}

/// Lowercase, letters, digits, `-` and `_` only: how anchors are compared
/// (drops the variation selectors GitHub keeps after an emoji).
fn normalize(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// GitHub's heading slug (github-slugger), before duplicate numbering.
fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a document, normalised.
struct Anchors {
    set: HashSet<String>,
    /// The anchors without `-` and `_`.
    loose: HashSet<String>,
    /// Heading slugs in document order, for suggestions.
    slugs: Vec<String>,
}

impl Anchors {
    fn of(doc: &DocumentModel) -> Anchors {
        let mut set = HashSet::new();
        let mut slugs = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for h in doc.headings().filter(|h| h.kind != HeadingKind::Bold) {
            let raw = doc.slice(h.content.clone());
            let raw = if h.kind == HeadingKind::Atx {
                raw.trim_end_matches('#').trim_end()
            } else {
                raw
            };
            let primary = slug(&h.text);
            let n = seen.entry(primary.clone()).or_insert(0);
            let suffix = if *n == 0 {
                String::new()
            } else {
                format!("-{n}")
            };
            *n += 1;
            // GitHub slugs the rendered text; the model's plain text drops
            // `_` of `snake_case` and keeps `:shortcode:` names, so the
            // spellings that might be meant are all accepted.
            let kept = strip_markup_keep_underscores(raw);
            for variant in [
                primary.clone(),
                slug(&strip_shortcodes(&h.text)),
                slug(&kept),
                slug(&strip_shortcodes(&kept)),
            ] {
                set.insert(normalize(&format!("{variant}{suffix}")));
            }
            slugs.push(format!("{primary}{suffix}"));
        }
        for chunk in doc.chunks() {
            for r in &chunk.model.html {
                html_anchors(&chunk.text[r.clone()], &mut set);
            }
        }
        let loose = set.iter().map(|a| loose(a)).collect();
        Anchors { set, loose, slugs }
    }

    /// Exact (normalised) match, or a match ignoring `-` and `_`: other
    /// renderers (Jekyll, VS Code, MkDocs) trim the leading `-` GitHub
    /// leaves for an emoji and collapse repeated dashes, and a policy may be
    /// written for them; a typo still differs in a letter.
    fn contains(&self, normalized: &str) -> bool {
        self.set.contains(normalized) || self.loose.contains(&loose(normalized))
    }

    /// The one heading slug closest to `wanted`, if it is close.
    fn closest(&self, wanted: &str) -> Option<&str> {
        let limit = (wanted.chars().count() / 3).max(2);
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        for s in &self.slugs {
            let d = edit_distance(&normalize(s), wanted);
            if d > limit {
                continue;
            }
            match best {
                Some((bd, _)) if d > bd => {}
                Some((bd, _)) if d == bd => tie = true,
                _ => {
                    best = Some((d, s));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, s)| s)
    }
}

fn loose(anchor: &str) -> String {
    anchor.chars().filter(|c| !matches!(c, '-' | '_')).collect()
}

/// Removes link destinations and markup characters other than `_`.
fn strip_markup_keep_underscores(raw: &str) -> String {
    let plain = crate::model::plain_text(&raw.replace('_', "\u{0}"));
    plain.replace('\u{0}', "_")
}

/// Removes `:emoji_name:` shortcodes, which GitHub renders as emoji.
fn strip_shortcodes(text: &str) -> String {
    let mut out = String::new();
    let mut parts = text.split(':').peekable();
    let mut first = true;
    while let Some(p) = parts.next() {
        let is_code = !first
            && parts.peek().is_some()
            && !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'));
        if is_code {
            // Skip the code and its closing colon.
            if let Some(next) = parts.next() {
                out.push_str(next);
            }
        } else {
            if !first {
                out.push(':');
            }
            out.push_str(p);
        }
        first = false;
    }
    out
}

/// `name="x"` and `id="x"` attributes of an HTML fragment.
fn html_anchors(html: &str, set: &mut HashSet<String>) {
    let lower = html.to_ascii_lowercase();
    for attr in ["name=", "id="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let at = from + i + attr.len();
            from = at;
            let before = lower[..from - attr.len()].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let Some(quote) = html[at..]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''))
            else {
                continue;
            };
            if let Some(len) = html[at + 1..].find(quote) {
                set.insert(normalize(&html[at + 1..at + 1 + len]));
            }
        }
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, today};
    use crate::{analyze_text, Config, FileLookup, Options};

    /// Files that exist next to the policy, and its name.
    struct Files(&'static [&'static str]);

    impl FileLookup for Files {
        fn exists(&self, path: &str) -> Option<bool> {
            Some(self.0.contains(&path))
        }
        fn file_name(&self) -> Option<&str> {
            Some("SECURITY.md")
        }
    }

    fn check_files(text: &str, files: &'static [&'static str], expected: &[&str]) {
        let config = Config::default();
        let options = Options {
            config: &config,
            today: today(),
            files: &Files(files),
        };
        let got: Vec<String> = analyze_text(text, &options)
            .iter()
            .filter(|f| f.code == "broken-link")
            .map(|f| render(text, f))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn reports_missing_files_and_unknown_fragments() {
        check_files(
            "# Security Policy\n\n## Reporting a Vulnerability\n\n\
See [docs](docs/disclosure%20policy.md?x=1#top), [gone](./gone.md), \
[here](#reporting-a-vulnerabilty) and [self](SECURITY.md#nowhere).\n",
            &["docs/disclosure policy.md"],
            &[
                "5:57-5:66 broken-link `./gone.md` does not exist (relative to this file)",
                "5:76-5:101 broken-link `#reporting-a-vulnerabilty` matches no heading in this document",
                "5:114-5:133 broken-link `SECURITY.md#nowhere` matches no heading in this document",
            ],
        );
    }

    #[test]
    fn github_slugs_duplicates_and_html_anchors_resolve() {
        check_files(
            "# 🛡️ Security Policy\n\n## Reporting & Disclosure (v2.0)\n\n## FAQ\n\n## FAQ\n\n\
### `snake_case` :lock: Keys\n\n<a name=\"pgp\"></a>\n\n\
[a](#️-security-policy) [b](#-security-policy) [c](#reporting--disclosure-v20) \
[d](#faq-1) [e](#pgp) [f](#snake_case--keys) [g](#Reporting--Disclosure-V20) \
[h](#user-content-faq) [i](https://x.org/#nope) [j](other.md#nope) [k](#) \
[l](../../security/advisories/new) [m](mailto:a@b.org) [n](/abs.md) \
[o](#security-policy) [p](#reporting-disclosure-v2-0)\n",
            &["other.md", "/abs.md"],
            &[],
        );
    }

    #[test]
    fn unknown_files_and_fix_suggestion() {
        // NoFiles: existence unknown, so only the fragment is checked.
        crate::testing::check(
            "broken-link",
            "## Reporting\n\nSee [x](missing.md) and [y](#reportng).\n",
            &["3:29-3:38 broken-link `#reportng` matches no heading in this document"],
        );
        crate::testing::check_fix(
            "broken-link",
            "## Reporting\r\n\r\nSee [y](#reportng).\r\n",
            "Link to #reporting",
            "## Reporting\r\n\r\nSee [y](#reporting).\r\n",
        );
        assert_eq!(strip_shortcodes("a :lock: b: c"), "a  b: c");
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
    }
}
