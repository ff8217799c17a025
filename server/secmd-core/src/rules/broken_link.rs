//! `broken-link`: relative links to files that do not exist, and `#fragment`
//! links that match no heading of the policy.

use super::chunk_list::ChunkList;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::id_map::IdMap;
use crate::memo::ChunkMemo;
use crate::memo::Slot;
use crate::model::{HeadingKind, Link, LinkKind};
use crate::options::FileAnswer;
use crate::text::percent_decode;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

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
        let own_name = files.file_name();
        // The anchor multiset and the suggestions live in the document memo
        // and follow the chunks that appeared and disappeared since the
        // last analysis; a chunk's fragment findings are recomputed only
        // when an anchor or suggestion one of its fragments depends on
        // changed (its stamp moves).
        let index = cx
            .doc_memo()
            .get("broken-link/index", 0, || Mutex::new(Index::default()));
        let mut index = index.lock().unwrap_or_else(|e| e.into_inner());
        index.update(cx, own_name);
        let index = &mut *index;
        // Most links are URLs: each chunk remembers which of its links
        // point into the repository, and only those are looked at again.
        // Findings are kept per chunk: fragment links until the chunk's
        // stamp moves, file links until the file lookup says files changed.
        // The chunks that have some are kept in a list that follows the
        // edits (`ChunkList`), rebuilt when files changed or the stamp of
        // a chunk the edit did not replace moved.
        let key = crate::memo::hash_of(&(files.generation(), index.epoch));
        let list = cx
            .doc_memo()
            .get("broken-link/found", 0, || Mutex::new(ChunkList::default()));
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        let moved = std::mem::take(&mut index.moved);
        let mut value = |c: &crate::model::PlacedChunk| {
            let picked = c
                .memo
                .once(Slot::BrokenLink, || local_links(&c.model.links));
            if picked.is_empty() {
                return None;
            }
            let stamp = stamp_of(&c.memo).load(Ordering::Relaxed);
            let fragments = c.memo.get("broken-link/fragments", stamp, || {
                let mut out = Vec::new();
                for &li in picked {
                    let link = &c.model.links[li];
                    if let Target::SelfFragment(fragment) = target(link, own_name) {
                        cx.count_work(1);
                        check_fragment(&c.text, link, fragment, index, cx, &mut out);
                    }
                }
                out
            });
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
            (!fragments.is_empty() || !file_links.is_empty()).then_some((fragments, file_links))
        };
        list.update(cx, key, &mut value);
        // The chunks whose fragments depend on an anchor or suggestion that
        // changed: found by a scan of the ids (the few moved are sorted),
        // their entries computed again.
        if !moved.is_empty() {
            let chunks = cx.doc.chunks();
            let at: Vec<usize> = (0..chunks.len())
                .filter(|&i| moved.binary_search(&chunks[i].id).is_ok())
                .collect();
            list.refresh(cx, &at, &mut value);
        }
        for (i, (fragments, file_links)) in list.items() {
            cx.emit_chunk(*i, fragments.clone());
            cx.emit_chunk(*i, file_links.clone());
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
    index: &mut Index,
    cx: &DocContext<'_>,
    out: &mut Vec<Finding>,
) {
    let dest = link.destination.trim();
    let Some(wanted) = wanted(fragment) else {
        return;
    };
    if index.contains(&wanted) {
        return;
    }
    let mut finding = Finding::new(
        &META,
        link.destination_range.clone(),
        format!("`{dest}` matches no heading in this document"),
    );
    if let Some(best) = index.suggestions.closest(&wanted, cx) {
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

/// The anchor a fragment asks for, normalised; `None` for the fragments
/// that always resolve (empty, `#top`).
fn wanted(fragment: &str) -> Option<String> {
    let wanted = normalize(&percent_decode(fragment));
    let wanted = wanted.strip_prefix("user-content-").unwrap_or(&wanted);
    (!wanted.is_empty() && wanted != "top").then(|| wanted.to_string())
}

/// The counter whose value keys a chunk's fragment findings.
fn stamp_of(memo: &ChunkMemo) -> &AtomicU64 {
    memo.once(Slot::FragmentStamp, AtomicU64::default)
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
/// duplicate numbering) and HTML anchors.
pub(crate) struct ChunkAnchors {
    /// Per heading: its primary slug and the spellings accepted for it.
    headings: Vec<(String, Vec<String>)>,
    html: Vec<String>,
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
        ChunkAnchors { headings, html }
    }
}

/// The anchors of a document as a multiset, kept in the document memo and
/// updated from the chunks that appeared or disappeared, with the
/// suggestions that follow it.
///
/// GitHub numbers repeated headings (`faq`, `faq-1`…) in document order,
/// so the headings are grouped by their primary slug: a group of `n`
/// headings with the same accepted spellings contributes those spellings
/// with the suffixes `""`, `-1` … `-(n-1)`, whatever the order, and a
/// heading added to it only adds the next suffix. A group whose headings
/// are spelt differently (rare: `snake_case` written two ways) is read
/// again in document order when it changes.
#[derive(Default)]
struct Index {
    /// The analyzer run this was updated for.
    run: Option<u64>,
    /// What each counted chunk contributed, by chunk id.
    chunks: IdMap<ChunkEntry>,
    groups: HashMap<String, Group>,
    /// Normalised anchor -> contributions (present when non-zero).
    exact: HashMap<String, usize>,
    /// The same without `-` and `_`.
    loose: HashMap<String, usize>,
    /// `loose(wanted)` -> the chunks with a fragment link asking for it.
    refs: HashMap<String, HashSet<u64>>,
    suggestions: Suggestions,
    /// Moves whenever every stamp moves or everything is counted again:
    /// the list of chunks with findings is rebuilt then, else it follows
    /// the edits.
    epoch: u64,
    /// The chunks whose stamps the last update moved (their list entries
    /// are refreshed), sorted.
    moved: Vec<u64>,
}

struct ChunkEntry {
    anchors: Arc<ChunkAnchors>,
    /// `loose(wanted)` of the chunk's fragment links.
    wants: Vec<String>,
    memo: Arc<ChunkMemo>,
}

#[derive(Default)]
struct Group {
    /// Accepted spellings of a heading (deduplicated) -> headings so spelt.
    spellings: HashMap<Vec<String>, usize>,
    n: usize,
    /// What the group contributes to `exact` now.
    applied: Applied,
}

#[derive(Default, Clone, PartialEq)]
enum Applied {
    #[default]
    Nothing,
    /// `n` headings spelt alike: each spelling with each suffix below `n`.
    Uniform(Vec<String>, usize),
    /// Spelt differently: the anchors of its `n` headings, numbered in
    /// document order.
    Listed(Vec<String>, usize),
}

fn suffix(k: usize) -> String {
    if k == 0 {
        String::new()
    } else {
        format!("-{k}")
    }
}

impl Applied {
    fn anchors(&self, ks: std::ops::Range<usize>) -> Vec<String> {
        match self {
            Applied::Nothing => Vec::new(),
            Applied::Uniform(spellings, _) => ks
                .flat_map(|k| {
                    let suffix = suffix(k);
                    spellings
                        .iter()
                        .map(move |v| normalize(&format!("{v}{suffix}")))
                })
                .collect(),
            Applied::Listed(all, _) => all.clone(),
        }
    }
}

/// Adds one to a count, or removes one; says whether presence flipped.
fn bump(map: &mut HashMap<String, usize>, key: &str, up: bool) -> bool {
    if up {
        let n = map.entry(key.to_string()).or_insert(0);
        *n += 1;
        *n == 1
    } else {
        match map.get_mut(key) {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            Some(_) => {
                map.remove(key);
                true
            }
            None => false,
        }
    }
}

impl Index {
    /// Exact (normalised) match, or a match ignoring `-` and `_`: other
    /// renderers (Jekyll, VS Code, MkDocs) trim the leading `-` GitHub
    /// leaves for an emoji and collapse repeated dashes, and a policy may be
    /// written for them; a typo still differs in a letter.
    fn contains(&self, normalized: &str) -> bool {
        self.exact.contains_key(normalized) || self.loose.contains_key(&loose(normalized))
    }

    /// Counts an anchor in or out, noting what it was before the update
    /// (exact and loose presence) the first time it is counted.
    fn count(&mut self, anchor: &str, up: bool, seen: &mut HashMap<String, (bool, bool)>) {
        let l = loose(anchor);
        if !seen.contains_key(anchor) {
            let before = (self.exact.contains_key(anchor), self.loose.contains_key(&l));
            seen.insert(anchor.to_string(), before);
        }
        bump(&mut self.exact, anchor, up);
        bump(&mut self.loose, &l, up);
    }

    /// Brings the multiset up to date with the chunks of `cx`, and moves
    /// the stamps of the chunks whose fragment findings may have changed.
    fn update(&mut self, cx: &DocContext<'_>, own_name: Option<&str>) {
        let chunks = cx.doc.chunks();
        let delta = cx
            .delta()
            .filter(|d| self.run.is_some_and(|r| r + 1 == d.run));
        let (added, removed): (Vec<usize>, &[u64]) = match delta {
            Some(d) => (d.added.clone(), &d.removed),
            None => {
                // First analysis, or no analyzer to say what changed.
                let epoch = self.epoch + 1;
                *self = Index {
                    epoch,
                    ..Index::default()
                };
                ((0..chunks.len()).collect(), &[])
            }
        };
        self.run = cx.delta().map(|d| d.run);
        let by_index = cx.delta().is_none();
        let key = |i: usize| if by_index { i as u64 } else { chunks[i].id };
        let mut touched: HashSet<String> = HashSet::new();
        let mut flipped: HashMap<String, (bool, bool)> = HashMap::new();
        for id in removed {
            let Some(entry) = self.chunks.remove(id) else {
                continue;
            };
            for (primary, variants) in &entry.anchors.headings {
                let g = self.groups.entry(primary.clone()).or_default();
                let v = dedup(variants);
                if let Some(n) = g.spellings.get_mut(&v) {
                    *n -= 1;
                    if *n == 0 {
                        g.spellings.remove(&v);
                    }
                }
                g.n -= 1;
                touched.insert(primary.clone());
            }
            for h in &entry.anchors.html {
                self.count(h, false, &mut flipped);
            }
            for w in &entry.wants {
                if let Some(set) = self.refs.get_mut(w) {
                    set.remove(id);
                    if set.is_empty() {
                        self.refs.remove(w);
                    }
                }
            }
        }
        for &i in &added {
            let c = &chunks[i];
            let anchors = c
                .memo
                .once(Slot::Anchors, || {
                    Arc::new(ChunkAnchors::of(&c.text, &c.model))
                })
                .clone();
            for (primary, variants) in &anchors.headings {
                let g = self.groups.entry(primary.clone()).or_default();
                *g.spellings.entry(dedup(variants)).or_insert(0) += 1;
                g.n += 1;
                touched.insert(primary.clone());
            }
            for h in &anchors.html {
                self.count(h, true, &mut flipped);
            }
            let picked = c
                .memo
                .once(Slot::BrokenLink, || local_links(&c.model.links));
            let mut wants: Vec<String> = picked
                .iter()
                .filter_map(|&li| match target(&c.model.links[li], own_name) {
                    Target::SelfFragment(f) => wanted(f).map(|w| loose(&w)),
                    _ => None,
                })
                .collect();
            wants.sort();
            wants.dedup();
            let id = key(i);
            for w in &wants {
                self.refs.entry(w.clone()).or_default().insert(id);
            }
            // A new chunk's findings are computed afresh (moving the stamp
            // also covers a rebuild over chunks that kept their memo).
            stamp_of(&c.memo).fetch_add(1, Ordering::Relaxed);
            self.chunks.insert(
                id,
                ChunkEntry {
                    anchors,
                    wants,
                    memo: c.memo.clone(),
                },
            );
        }
        // Regroup the touched headings: the multiset, and the slugs as
        // linked (for suggestions).
        let mut slugs_gone = Vec::new();
        let mut slugs_new = Vec::new();
        let mut touched: Vec<String> = touched.into_iter().collect();
        touched.sort();
        for primary in touched {
            let g = self.groups.entry(primary.clone()).or_default();
            let old = std::mem::take(&mut g.applied);
            let new = match g.spellings.len() {
                0 => Applied::Nothing,
                1 => Applied::Uniform(g.spellings.keys().next().cloned().unwrap_or_default(), g.n),
                _ => {
                    cx.count_work(1);
                    Applied::Listed(listed(cx.doc.chunks(), &primary), g.n)
                }
            };
            let n = g.n;
            g.applied = new.clone();
            if n == 0 {
                self.groups.remove(&primary);
            }
            // The numbered slugs as linked: only the suffixes past the
            // shorter count change.
            let was = match &old {
                Applied::Nothing => 0,
                Applied::Uniform(_, n) | Applied::Listed(_, n) => *n,
            };
            for k in n..was {
                slugs_gone.push(format!("{primary}{}", suffix(k)));
            }
            for k in was..n {
                slugs_new.push(format!("{primary}{}", suffix(k)));
            }
            match (&old, &new) {
                (Applied::Uniform(a, m), Applied::Uniform(b, n)) if a == b => {
                    let (lo, hi, up) = if m < n {
                        (*m, *n, true)
                    } else {
                        (*n, *m, false)
                    };
                    for anchor in old.anchors(lo..hi) {
                        self.count(&anchor, up, &mut flipped);
                    }
                }
                _ => {
                    let was = match &old {
                        Applied::Uniform(_, m) => old.anchors(0..*m),
                        _ => old.anchors(0..0),
                    };
                    let now = match &new {
                        Applied::Uniform(_, m) => new.anchors(0..*m),
                        _ => new.anchors(0..0),
                    };
                    for anchor in &now {
                        self.count(anchor, true, &mut flipped);
                    }
                    for anchor in &was {
                        self.count(anchor, false, &mut flipped);
                    }
                }
            }
        }
        // Only anchors whose presence changed matter: a removal and an
        // addition of the same spelling (an edit elsewhere in a chunk)
        // changed nothing.
        let flipped: HashSet<String> = flipped
            .into_iter()
            .filter(|(a, before)| {
                let l = loose(a);
                *before != (self.exact.contains_key(a), self.loose.contains_key(&l))
            })
            .map(|(a, _)| loose(&a))
            .collect();
        let changed = self.suggestions.follow(&slugs_gone, &slugs_new);
        let mut marked: HashSet<u64> = HashSet::new();
        let mut mark = |w: &str, index: &Index| {
            if let Some(ids) = index.refs.get(w) {
                for &id in ids {
                    if marked.insert(id) {
                        if let Some(e) = index.chunks.get(&id) {
                            stamp_of(&e.memo).fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }
        };
        match changed {
            Changed::All => {
                self.epoch += 1;
                for e in self.chunks.values() {
                    if !e.wants.is_empty() {
                        stamp_of(&e.memo).fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            Changed::Some(ws) => {
                for w in ws {
                    mark(&loose(&w), self);
                }
            }
        }
        for l in &flipped {
            mark(l, self);
        }
        // (New chunks' stamps moved too: refreshing them again is harmless.)
        self.moved = marked.into_iter().collect();
        self.moved.sort_unstable();
    }
}

/// Deduplicated accepted spellings of a heading, in a fixed order.
fn dedup(variants: &[String]) -> Vec<String> {
    let mut v = variants.to_vec();
    v.sort();
    v.dedup();
    v
}

/// The anchors of the headings whose primary slug is `primary`, numbered
/// in document order (a group spelt in more than one way).
fn listed(chunks: &[crate::model::PlacedChunk], primary: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0;
    for c in chunks {
        let part = c.memo.once(Slot::Anchors, || {
            Arc::new(ChunkAnchors::of(&c.text, &c.model))
        });
        for (p, variants) in &part.headings {
            if p == primary {
                let suffix = suffix(k);
                k += 1;
                out.extend(variants.iter().map(|v| normalize(&format!("{v}{suffix}"))));
            }
        }
    }
    out
}

/// Suggested anchors for broken fragments, kept between analyses.
///
/// A suggestion is computed once per distinct fragment and then follows
/// the slugs: when headings change, only the added slugs are compared
/// with each remembered fragment, and a fragment is searched again only
/// when a slug it was closest to went away. `by_slug` says which
/// fragments' answers a changed slug touches, so that only the chunks
/// linking to them compute their findings again.
#[derive(Default)]
struct Suggestions {
    /// Normalised slug -> the slugs (as linked) that normalise to it.
    slugs: HashMap<String, Vec<String>>,
    /// Fragment -> its best distance and the normalised slugs at it.
    best: HashMap<String, Best>,
    /// Normalised slug -> the fragments it is among the best of.
    by_slug: HashMap<String, HashSet<String>>,
}

struct Best {
    distance: usize,
    slugs: Vec<String>,
}

/// Fragments whose suggestion may have changed.
enum Changed {
    All,
    Some(HashSet<String>),
}

impl Suggestions {
    /// Follows the slugs (as linked) that went away and came: returns the
    /// fragments whose suggestion may differ now.
    fn follow(&mut self, gone: &[String], new: &[String]) -> Changed {
        let over_before = self.slugs.len() > MAX_SUGGESTION_SLUGS;
        let mut changed = HashSet::new();
        let mut removed = Vec::new();
        for s in gone {
            let key = normalize(s);
            let Some(list) = self.slugs.get_mut(&key) else {
                continue;
            };
            if let Some(at) = list.iter().position(|x| x == s) {
                list.swap_remove(at);
            }
            if list.is_empty() {
                self.slugs.remove(&key);
                removed.push(key.clone());
            }
            // Gone or linked another way: its fragments' answer changes.
            if let Some(ws) = self.by_slug.get(&key) {
                changed.extend(ws.iter().cloned());
            }
        }
        for key in removed {
            for w in self.by_slug.remove(&key).unwrap_or_default() {
                if let Some(best) = self.best.get_mut(&w) {
                    best.slugs.retain(|s| *s != key);
                    if best.slugs.is_empty() {
                        // Searched again on demand.
                        self.best.remove(&w);
                    }
                }
            }
        }
        let mut added = Vec::new();
        for s in new {
            let key = normalize(s);
            let list = self.slugs.entry(key.clone()).or_default();
            list.push(s.clone());
            if list.len() == 1 {
                added.push(key);
            } else if let Some(ws) = self.by_slug.get(&key) {
                changed.extend(ws.iter().cloned());
            }
        }
        for key in &added {
            for (wanted, best) in &mut self.best {
                let Some(d) = rank(key, wanted) else {
                    continue;
                };
                if d > best.distance {
                    continue;
                }
                if d < best.distance {
                    for s in best.slugs.drain(..) {
                        if let Some(ws) = self.by_slug.get_mut(&s) {
                            ws.remove(wanted);
                        }
                    }
                    best.distance = d;
                }
                best.slugs.push(key.clone());
                self.by_slug
                    .entry(key.clone())
                    .or_default()
                    .insert(wanted.clone());
                changed.insert(wanted.clone());
            }
        }
        if over_before != (self.slugs.len() > MAX_SUGGESTION_SLUGS) {
            return Changed::All;
        }
        Changed::Some(changed)
    }

    /// The one heading slug closest to `wanted`, if it is close.
    fn closest(&mut self, wanted: &str, cx: &DocContext<'_>) -> Option<String> {
        if self.slugs.len() > MAX_SUGGESTION_SLUGS {
            return None;
        }
        if !self.best.contains_key(wanted) {
            cx.count_work(1);
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
            for s in &best.slugs {
                self.by_slug
                    .entry(s.clone())
                    .or_default()
                    .insert(wanted.to_string());
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
