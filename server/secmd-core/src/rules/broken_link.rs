//! `broken-link`: relative links to files that do not exist, and `#fragment`
//! links that match no heading of the policy.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::memo::Slot;
use crate::model::{HeadingKind, Link, LinkKind};
use crate::options::FileAnswer;
use crate::text::percent_decode;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

pub static META: RuleMeta = RuleMeta {
    code: "broken-link",
    default_severity: Severity::Warning,
    summary: "A relative link points to a missing file or to a heading that does not exist",
    doc: "\
Reports two kinds of links that lead nowhere:

- a relative link (`[policy](docs/disclosure.md)`, an image, a reference
  definition or an HTML `href`/`src`) to a file that does not exist next to
  the policy. `?query` and `#fragment` are ignored and `%20` escapes
  decoded. A relative link is looked up from the policy's folder, a
  root-relative one (`/docs/x.md`) from the repository's root: the nearest
  folder above the policy that holds `.git`. Nothing is reported when the
  caller cannot tell: an unsaved buffer, standard input, or a policy outside
  any repository (a downloaded or copied file, whose targets live where it
  came from); nor for links that climb out of the repository to GitHub
  pages (`../../security/advisories/new`). Any other link that leaves the
  repository is reported as leading outside it; secmd never looks there.
- a link whose target is a bare email address (`[write us](sec@acme.org)`):
  GitHub opens a file of that name. **Fix (safe):** add `mailto:`.
- a `#fragment` link within the policy (`#reporting`, or
  `SECURITY.md#reporting` from SECURITY.md itself) that matches no heading.
  Headings get anchors as GitHub makes them: lowercase, punctuation and
  emoji removed except `-` and `_`, spaces become `-`, and repeated
  headings get `-1`, `-2`…; HTML anchors (`<a name=\"x\">`, `id=\"x\"`)
  count too. Fragments are compared case-insensitively, as GitHub resolves
  them.

Absolute URLs, `mailto:` links and fragments into other files are not
checked.

**Fix:** when one heading is clearly meant, link to it (suggestion; offered
in documents with up to 5,000 headings): a heading whose anchor starts with
the fragment comes first (`#reporting` for \"Reporting a Vulnerability\"), then
one whose anchor holds every word of the fragment (`#contact` for \"Security
contact\"), then one a few typing mistakes away (`#reportng`). Two equally
good headings: no suggestion.

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

    fn check_document(&self, cx: &DocContext<'_>, _out: &mut Vec<Finding>) {
        let files = cx.options.files;
        let chunks = cx.doc.chunks();
        // The anchor set, rebuilt only when some chunk's headings or HTML
        // anchors changed: each chunk keeps its part and a hash of it.
        // The per-chunk hashes are already SipHash values: folding them in
        // order (FNV-style on whole words) keeps the key order-sensitive
        // without hashing every chunk's bytes again on every keystroke.
        let anchors_key = chunks.iter().fold(0xcbf2_9ce4_8422_2325_u64, |key, c| {
            let part = c
                .memo
                .once(Slot::Anchors, || ChunkAnchors::of(&c.text, &c.model))
                .hash;
            (key ^ part).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let anchors = cx.doc_memo().get("broken-link/anchors", anchors_key, || {
            Anchors::build(
                anchors_key,
                chunks.iter().map(|c| {
                    c.memo
                        .once(Slot::Anchors, || ChunkAnchors::of(&c.text, &c.model))
                }),
            )
        });
        // Suggestions are kept between analyses and follow the anchor set.
        let suggestions = cx.doc_memo().get("broken-link/suggestions", 0, || {
            Mutex::new(Suggestions::default())
        });
        let mut suggestions = suggestions.lock().unwrap_or_else(|e| e.into_inner());
        suggestions.follow(&anchors);
        // Most links are URLs: each chunk remembers which of its links
        // point into the repository, and only those are looked at again.
        // Findings are kept per chunk: fragment links until the anchor set
        // changes, file links until the file lookup says files changed.
        for (i, c) in chunks.iter().enumerate() {
            let picked = c
                .memo
                .once(Slot::BrokenLink, || local_links(&c.model.links));
            if picked.is_empty() {
                continue;
            }
            let own_name = files.file_name();
            let fragments = c.memo.get("broken-link/fragments", anchors_key, || {
                let mut out = Vec::new();
                for &li in picked {
                    let link = &c.model.links[li];
                    if let Target::SelfFragment(fragment) = target(link, own_name) {
                        cx.count_work(1);
                        check_fragment(
                            &c.text,
                            link,
                            fragment,
                            &anchors,
                            &mut suggestions,
                            &mut out,
                        );
                    }
                }
                out
            });
            cx.emit_chunk(i, fragments);
            let file_links = c.memo.get("broken-link/files", files.generation(), || {
                let mut out = Vec::new();
                for &li in picked {
                    let link = &c.model.links[li];
                    match target(link, own_name) {
                        Target::File(path, decoded) => {
                            cx.count_work(1);
                            let message = match files.lookup(&decoded) {
                                FileAnswer::Missing => {
                                    format!("`{path}` does not exist (relative to this file)")
                                }
                                // Never looked at: the same answer whether it exists or not.
                                FileAnswer::Outside => {
                                    format!("`{path}` leads outside the repository")
                                }
                                FileAnswer::Exists | FileAnswer::Unknown => continue,
                            };
                            out.push(Finding::new(&META, link.destination_range.clone(), message));
                        }
                        Target::BareAddress(address) => out.push(bare_address(link, address)),
                        Target::SelfFragment(_) | Target::Nothing => {}
                    }
                }
                out
            });
            cx.emit_chunk(i, file_links);
        }
    }
}

/// Where a local link leads.
enum Target<'a> {
    /// `#fragment` or `SECURITY.md#fragment` from SECURITY.md itself.
    SelfFragment(&'a str),
    /// A file: the path as written and percent-decoded.
    File(&'a str, String),
    /// `[write us](name@host.org)`: an address without `mailto:`, which
    /// GitHub resolves as a file next to the policy.
    BareAddress(&'a str),
    /// Nothing to check (the policy itself without fragment, a GitHub route).
    Nothing,
}

fn target<'a>(link: &'a Link, own_name: Option<&str>) -> Target<'a> {
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
        return fragment.map_or(Target::Nothing, Target::SelfFragment);
    }
    if is_bare_address(local) {
        return Target::BareAddress(local);
    }
    if climbs_to_github_route(local) {
        return Target::Nothing;
    }
    Target::File(path, percent_decode(local.trim_end_matches('/')))
}

/// The finding for an address used as a link target, with the `mailto:` fix.
fn bare_address(link: &Link, address: &str) -> Finding {
    let at = link.destination_range.start;
    Finding::new(
        &META,
        link.destination_range.clone(),
        format!("`{address}` is an email address without `mailto:`: the link opens a file of that name; add mailto:"),
    )
    .with_fix(Fix::safe("Add mailto:", Edit::new(at..at, "mailto:")))
}

/// Reports a fragment link (chunk-relative ranges) that matches no anchor.
fn check_fragment(
    chunk_text: &str,
    link: &Link,
    fragment: &str,
    anchors: &Anchors,
    suggestions: &mut Suggestions,
    out: &mut Vec<Finding>,
) {
    let dest = link.destination.trim();
    let wanted = normalize(&percent_decode(fragment));
    let wanted = wanted.strip_prefix("user-content-").unwrap_or(&wanted);
    if wanted.is_empty() || wanted == "top" || anchors.contains(wanted) {
        return;
    }
    let mut finding = Finding::new(
        &META,
        link.destination_range.clone(),
        format!("`{dest}` matches no heading in this document"),
    );
    if let Some(best) = suggestions.closest(wanted) {
        let raw = chunk_text.get(link.destination_range.clone()).unwrap_or("");
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

/// `name@host.org`: an email address written as a link target.
fn is_bare_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
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

/// What one chunk adds to the anchors: its headings' slugs (before
/// duplicate numbering) and HTML anchors, with a hash of them all.
pub(crate) struct ChunkAnchors {
    /// Per heading: its primary slug and the spellings accepted for it.
    headings: Vec<(String, Vec<String>)>,
    html: Vec<String>,
    hash: u64,
}

impl ChunkAnchors {
    fn of(text: &str, model: &crate::model::ChunkModel) -> ChunkAnchors {
        let mut headings = Vec::new();
        for h in model
            .headings
            .iter()
            .filter(|h| h.kind != HeadingKind::Bold)
        {
            let raw = text.get(h.content.clone()).unwrap_or("");
            let raw = if h.kind == HeadingKind::Atx {
                raw.trim_end_matches('#').trim_end()
            } else {
                raw
            };
            // GitHub slugs the rendered text; the model's plain text drops
            // `_` of `snake_case` and keeps `:shortcode:` names, so the
            // spellings that might be meant are all accepted.
            let kept = strip_markup_keep_underscores(raw);
            let variants = vec![
                slug(&h.text),
                slug(&strip_shortcodes(&h.text)),
                slug(&kept),
                slug(&strip_shortcodes(&kept)),
            ];
            headings.push((slug(&h.text), variants));
        }
        let mut set = HashSet::new();
        for r in &model.html {
            html_anchors(text.get(r.clone()).unwrap_or(""), &mut set);
        }
        let mut html: Vec<String> = set.into_iter().collect();
        html.sort();
        let mut hasher = DefaultHasher::new();
        headings.hash(&mut hasher);
        html.hash(&mut hasher);
        ChunkAnchors {
            headings,
            html,
            hash: hasher.finish(),
        }
    }
}

/// The anchors of a document, normalised.
struct Anchors {
    /// The hash of the chunks' parts it was built from.
    key: u64,
    set: HashSet<String>,
    /// The anchors without `-` and `_`.
    loose: HashSet<String>,
    /// Heading slugs in document order, for suggestions.
    slugs: Vec<String>,
}

impl Anchors {
    fn build<'a>(key: u64, parts: impl Iterator<Item = &'a ChunkAnchors>) -> Anchors {
        let mut set = HashSet::new();
        let mut slugs = Vec::new();
        let mut seen: HashMap<&'a str, usize> = HashMap::new();
        let mut html = Vec::new();
        for part in parts {
            for (primary, variants) in &part.headings {
                let n = seen.entry(primary.as_str()).or_insert(0);
                let suffix = if *n == 0 {
                    String::new()
                } else {
                    format!("-{n}")
                };
                *n += 1;
                for variant in variants {
                    set.insert(normalize(&format!("{variant}{suffix}")));
                }
                slugs.push(format!("{primary}{suffix}"));
            }
            html.extend(part.html.iter().cloned());
        }
        set.extend(html);
        let loose = set.iter().map(|a| loose(a)).collect();
        Anchors {
            key,
            set,
            loose,
            slugs,
        }
    }

    /// Exact (normalised) match, or a match ignoring `-` and `_`: other
    /// renderers (Jekyll, VS Code, MkDocs) trim the leading `-` GitHub
    /// leaves for an emoji and collapse repeated dashes, and a policy may be
    /// written for them; a typo still differs in a letter.
    fn contains(&self, normalized: &str) -> bool {
        self.set.contains(normalized) || self.loose.contains(&loose(normalized))
    }
}

/// Suggested anchors for broken fragments, kept between analyses.
///
/// A suggestion is computed once per distinct fragment and then follows
/// the anchor set: when headings change, only the added slugs are compared
/// with each remembered fragment, and a fragment is searched again only
/// when a slug it was closest to went away. A keystroke in a heading of a
/// long FAQ thus costs one comparison per broken fragment, not one per
/// fragment and heading.
#[derive(Default)]
struct Suggestions {
    /// The anchor set the entries are for.
    key: Option<u64>,
    /// Normalised slug -> the slugs (as linked) that normalise to it.
    slugs: HashMap<String, Vec<String>>,
    /// Fragment -> its best distance and the normalised slugs at it.
    best: HashMap<String, Best>,
}

struct Best {
    distance: usize,
    slugs: Vec<String>,
}

impl Suggestions {
    /// Brings the entries up to date with `anchors`.
    fn follow(&mut self, anchors: &Anchors) {
        if self.key == Some(anchors.key) {
            return;
        }
        let mut now: HashMap<String, Vec<String>> = HashMap::new();
        for s in &anchors.slugs {
            now.entry(normalize(s)).or_default().push(s.clone());
        }
        if self.key.is_none() {
            self.slugs = now;
            self.key = Some(anchors.key);
            return;
        }
        let removed: HashSet<&String> = self
            .slugs
            .keys()
            .filter(|k| !now.contains_key(*k))
            .collect();
        let added: Vec<&String> = now
            .keys()
            .filter(|k| !self.slugs.contains_key(*k))
            .collect();
        self.best.retain(|wanted, best| {
            best.slugs.retain(|s| !removed.contains(s));
            if best.slugs.is_empty() {
                return false; // searched again on demand
            }
            for &s in &added {
                let Some(d) = rank(s, wanted) else {
                    continue;
                };
                if d > best.distance {
                    continue;
                }
                if d < best.distance {
                    best.distance = d;
                    best.slugs.clear();
                }
                best.slugs.push(s.clone());
            }
            true
        });
        self.slugs = now;
        self.key = Some(anchors.key);
    }

    /// The one heading slug closest to `wanted`, if it is close.
    fn closest(&mut self, wanted: &str) -> Option<String> {
        if self.slugs.len() > MAX_SUGGESTION_SLUGS {
            return None;
        }
        if !self.best.contains_key(wanted) {
            let mut best = Best {
                distance: usize::MAX,
                slugs: Vec::new(),
            };
            for s in self.slugs.keys() {
                let Some(d) = rank(s, wanted) else {
                    continue;
                };
                if d > best.distance {
                    continue;
                }
                if d < best.distance {
                    best.distance = d;
                    best.slugs.clear();
                }
                best.slugs.push(s.clone());
            }
            self.best.insert(wanted.to_string(), best);
        }
        let best = &self.best[wanted];
        // One normalised slug linked one way: unambiguous.
        match best.slugs.as_slice() {
            [one] => match self.slugs.get(one).map(Vec::as_slice) {
                Some([s]) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Suggestions are searched only in documents with at most this many
/// heading slugs: each distinct broken fragment is compared with every slug
/// once, which in a 10 MB FAQ (33,000 headings, 6,600 broken links) took
/// minutes when the document was opened.
const MAX_SUGGESTION_SLUGS: usize = 5_000;

/// How clearly a heading slug is the one a broken fragment meant, lower is
/// clearer, `None` when it is not close: a slug that starts with the
/// fragment (`#reporting` for "Reporting a Vulnerability"), then one that
/// holds every word of it (`#contact` for "Security contact"), then one a
/// few typing mistakes away. One comparison per slug, as before.
fn rank(slug: &str, wanted: &str) -> Option<usize> {
    if wanted.chars().count() >= 3 && slug.starts_with(wanted) {
        return Some(0);
    }
    let words: Vec<&str> = wanted
        .split(['-', '_'])
        .filter(|w| w.chars().count() >= 2)
        .collect();
    if !words.is_empty()
        && words
            .iter()
            .all(|w| slug.split(['-', '_']).any(|s| s == *w))
    {
        return Some(1);
    }
    let d = edit_distance(slug, wanted);
    (d <= limit(wanted)).then_some(d + 2)
}

/// How far a slug may be from a fragment to be suggested.
fn limit(wanted: &str) -> usize {
    (wanted.chars().count() / 3).max(2)
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
    }

    #[test]
    fn suggestions_prefer_prefixes_and_shared_words() {
        // Starts with the fragment, though another slug is fewer edits away.
        crate::testing::check_fix(
            "broken-link",
            "## Reporting a Vulnerability\n\n## Reportin\n\nSee [y](#reporting).\n",
            "Link to #reporting-a-vulnerability",
            "## Reporting a Vulnerability\n\n## Reportin\n\nSee [y](#reporting-a-vulnerability).\n",
        );
        // Shares every word of the fragment.
        crate::testing::check_fix(
            "broken-link",
            "## Security contact\n\n## Scope\n\nSee [c](#contact).\n",
            "Link to #security-contact",
            "## Security contact\n\n## Scope\n\nSee [c](#security-contact).\n",
        );
        // Two headings meant equally: no suggestion.
        let text = "## Contact us\n\n## Contact them\n\nSee [c](#contact).\n";
        let findings = crate::testing::findings_with(text, &Config::default());
        let f = findings
            .iter()
            .find(|f| f.code == "broken-link")
            .expect("finding");
        assert!(f.fixes.is_empty(), "{:?}", f.fixes);
    }

    #[test]
    fn a_bare_address_as_target_wants_mailto() {
        crate::testing::check(
            "broken-link",
            "Write [to us](security@acme.org).\n",
            &["1:15-1:32 broken-link `security@acme.org` is an email address without `mailto:`: the link opens a file of that name; add mailto:"],
        );
        crate::testing::check_fix(
            "broken-link",
            "Write [to us](security@acme.org).\n",
            "Add mailto:",
            "Write [to us](mailto:security@acme.org).\n",
        );
        assert!(!is_bare_address("docs/a@b.md") && !is_bare_address("a@b"));
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
    }

    /// Suggestions kept between analyses follow heading edits: each
    /// incremental analysis offers the fix a fresh analysis offers.
    #[test]
    fn suggestions_follow_heading_edits() {
        use crate::{Analyzer, Document, NoFiles};
        let config = Config::default();
        let options = Options {
            config: &config,
            today: today(),
            files: &NoFiles,
        };
        let fixes = |fs: Vec<Finding>| -> Vec<String> {
            fs.into_iter()
                .filter(|f| f.code == "broken-link")
                .map(|f| {
                    let fix = f.fixes.first().map(|x| x.title.clone());
                    format!("{:?} {fix:?}", f.range)
                })
                .collect()
        };
        let text = "## Reporting\n\n## Other\n\nSee [y](#reportng) and [z](#othr).\n";
        let mut doc = Document::new(text);
        let mut analyzer = Analyzer::new();
        analyzer.analyze(&doc, &options);
        // Rename a suggested heading, make a tie, then remove the tie.
        for (at, insert) in [(3, "X"), (17, "Reportin"), (17, "")] {
            doc.edit(at..at + usize::from(insert.is_empty()) * 8, insert);
            let incremental = fixes(analyzer.analyze(&doc, &options));
            let fresh = fixes(analyze_text(&doc.text(), &options));
            assert_eq!(
                incremental,
                fresh,
                "after inserting {insert:?}: {:?}",
                doc.text()
            );
        }
    }
}
