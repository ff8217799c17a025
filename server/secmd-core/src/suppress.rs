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
use std::sync::Arc;

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

/// The codes a directive names (`None`: every code), shared by every
/// placement of the directive.
type Codes = Option<Arc<[String]>>;

/// A parsed directive.
#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    codes: Codes,
    /// The comment's range.
    range: Range<usize>,
}

/// What a directive covers: a range and the codes it suppresses there.
#[derive(Debug, Clone)]
struct Covered {
    codes: Codes,
    range: Range<usize>,
}

impl Covered {
    fn covers(&self, code: &str) -> bool {
        self.codes
            .as_ref()
            .is_none_or(|c| c.iter().any(|x| x == code))
    }
}

/// One directive's part of a [`SuppressionKey`]: a scope's range relative
/// to the chunk (clamped to it) and its codes.
pub type KeyItem = (usize, usize, Codes);

/// The directives that can suppress findings in a chunk, relative to it
/// (see [`Suppressions::key_matches`]).
pub type SuppressionKey = Vec<KeyItem>;

/// The directives of a document, kept by the analyzer between analyses
/// and updated from the chunks an edit changed.
///
/// Most directives are next-line ones whose scopes (the comment and the
/// next non-blank line) lie in their own chunk: those are kept placed, in
/// one vector sorted by start. An edit removes the ones in the range of
/// chunks it changed, inserts those of the new chunks and shifts the ones
/// after it, where placing every directive of the document again was most
/// of a keystroke in a document full of them. The others (ranges, whole
/// file, next-line at a chunk's end) reach into other chunks: they are kept
/// as directives, and their scopes are placed again on every analysis
/// (few: a document of tens of thousands of them was already quadratic).
#[derive(Default)]
pub struct SuppressIndex {
    /// The day the directives were read for (`until` depends on it).
    today: Option<Date>,
    /// Scopes within their directive's chunk, absolute, sorted by start.
    short: Vec<Covered>,
    /// The largest end so far along `short` (for binary search).
    short_max_end: Vec<usize>,
    /// The directives whose scopes depend on other chunks, with absolute
    /// comment ranges, in document order.
    special: Vec<Directive>,
    /// `invalid-suppression` findings: each with its chunk's start,
    /// chunk-relative, in document order (as configured: not yet).
    invalid: Vec<(usize, Finding)>,
}

/// Where an edit changed the chunks (see [`SuppressIndex::update`]).
#[derive(Debug, Clone)]
pub struct ChangedRange {
    /// The start of the first changed chunk (the same before and after).
    pub from: usize,
    /// The end of the last changed chunk, before the edit.
    pub old_to: usize,
    /// The end of the last changed chunk, after the edit.
    pub new_to: usize,
    /// The indexes of the chunks in `from..new_to`.
    pub chunks: Range<usize>,
}

/// The suppression directives of a document: findings for the invalid
/// ones, and the ranges the others cover.
pub struct Suppressions<'a> {
    /// `invalid-suppression` findings (absolute, configured severity).
    pub invalid: Vec<Finding>,
    /// Next-line scopes within their chunk (the index's), sorted by start,
    /// with the largest end so far: a finding is checked against the few
    /// that can hold it, found by binary search.
    short: &'a [Covered],
    short_max_end: &'a [usize],
    /// Next-line scopes of directives at a chunk's end, the same way.
    spill: Vec<Covered>,
    spill_max_end: Vec<usize>,
    /// `secmd-disable` ranges and `secmd-disable-file`: few, long.
    long: Vec<Covered>,
    /// Where the last search in `short` ended (see `short_upto`).
    hint: std::cell::Cell<usize>,
    /// Directives read again in this analysis (chunks that changed).
    pub parsed: usize,
    /// Chunks whose directives were placed again (those an edit
    /// replaced; every chunk the first time).
    pub visited: usize,
}

/// One chunk's directives, chunk-relative, kept in its memo.
struct ChunkDirectives {
    /// Scopes of next-line directives whose next line the chunk holds.
    short: Vec<Covered>,
    /// The other directives.
    special: Vec<Directive>,
    invalid: Vec<Finding>,
}

impl ChunkDirectives {
    fn of(text: &str, comments: &[crate::model::Comment], today: Date) -> Self {
        let mut short = Vec::new();
        let mut special = Vec::new();
        let mut invalid = Vec::new();
        for c in comments.iter().filter(|c| c.body.starts_with("secmd-")) {
            let raw = text.get(c.range.clone()).unwrap_or("");
            let Some(d) = parse(raw, c.range.clone(), today, &mut invalid) else {
                continue;
            };
            match (d.kind, next_non_blank_line(text, d.range.end)) {
                (Kind::NextLine, Some(next)) => {
                    // The comment itself too: a whole-document finding
                    // anchored at the first line lands on a directive
                    // written there.
                    short.push(Covered {
                        codes: d.codes.clone(),
                        range: d.range.clone(),
                    });
                    short.push(Covered {
                        codes: d.codes,
                        range: next,
                    });
                }
                _ => special.push(d),
            }
        }
        short.sort_by_key(|s| s.range.start);
        ChunkDirectives {
            short,
            special,
            invalid,
        }
    }
}

/// Replaces the items of sorted `v` that start in `from..old_to` with
/// `new` (sorted, already placed) and shifts those after by `delta`
/// (wrapping: an edit may shorten the text).
fn splice_sorted<T>(
    v: &mut Vec<T>,
    change: &ChangedRange,
    start: impl Fn(&T) -> usize,
    shift: impl Fn(&mut T, usize),
    new: Vec<T>,
) {
    let lo = v.partition_point(|t| start(t) < change.from);
    let hi = v.partition_point(|t| start(t) < change.old_to);
    let delta = change.new_to.wrapping_sub(change.old_to);
    if delta != 0 {
        for t in &mut v[hi..] {
            shift(t, delta);
        }
    }
    v.splice(lo..hi, new);
}

fn shift_range(r: &mut Range<usize>, delta: usize) {
    r.start = r.start.wrapping_add(delta);
    r.end = r.end.wrapping_add(delta);
}

/// The largest end so far along scopes sorted by start.
fn max_ends(scopes: &[Covered]) -> Vec<usize> {
    scopes
        .iter()
        .scan(0, |max, s| {
            *max = s.range.end.max(*max);
            Some(*max)
        })
        .collect()
}

impl SuppressIndex {
    /// Brings the index up to date with `doc`, whose chunks changed in
    /// `change` since the last update (every chunk, the first time), and
    /// places the directives. Each chunk's directives are parsed once and
    /// kept in its memo.
    pub fn update(
        &mut self,
        doc: &DocumentModel,
        options: &Options<'_>,
        change: &ChangedRange,
    ) -> Suppressions<'_> {
        let today = options.today;
        let whole;
        let change = if self.today == Some(today) {
            change
        } else {
            *self = SuppressIndex {
                today: Some(today),
                ..Default::default()
            };
            whole = ChangedRange {
                from: 0,
                old_to: 0,
                new_to: 0,
                chunks: 0..doc.chunks().len(),
            };
            &whole
        };
        let key = u64::from(today.year.unsigned_abs()) << 16
            | u64::from(today.month) << 8
            | u64::from(today.day);
        let mut parsed = 0;
        let (mut short, mut special, mut invalid) = (Vec::new(), Vec::new(), Vec::new());
        for c in doc.chunks().get(change.chunks.clone()).unwrap_or(&[]) {
            if !c
                .model
                .comments
                .iter()
                .any(|m| m.body.starts_with("secmd-"))
            {
                continue;
            }
            let own = c.memo.get("suppress", key, || {
                parsed += 1;
                ChunkDirectives::of(&c.text, &c.model.comments, today)
            });
            short.extend(own.short.iter().map(|s| {
                let mut s = s.clone();
                shift_range(&mut s.range, c.start);
                s
            }));
            special.extend(own.special.iter().map(|d| {
                let mut d = d.clone();
                shift_range(&mut d.range, c.start);
                d
            }));
            invalid.extend(own.invalid.iter().map(|f| (c.start, f.clone())));
        }
        short.sort_by_key(|s| s.range.start);
        let lo = self.short.partition_point(|s| s.range.start < change.from);
        splice_sorted(
            &mut self.short,
            change,
            |s| s.range.start,
            |s, d| shift_range(&mut s.range, d),
            short,
        );
        // The largest ends before the change stay as they were.
        self.short_max_end.truncate(lo);
        let mut max = self.short_max_end.last().copied().unwrap_or(0);
        for s in &self.short[lo..] {
            max = max.max(s.range.end);
            self.short_max_end.push(max);
        }
        splice_sorted(
            &mut self.special,
            change,
            |d| d.range.start,
            |d, delta| shift_range(&mut d.range, delta),
            special,
        );
        splice_sorted(
            &mut self.invalid,
            change,
            |(start, _)| *start,
            |(start, _), delta| *start = start.wrapping_add(delta),
            invalid,
        );
        let (mut spill, long) = place_special(doc, &self.special);
        spill.sort_by_key(|s| s.range.start);
        let mut s = Suppressions {
            invalid: Vec::new(),
            short: &self.short,
            short_max_end: &self.short_max_end,
            spill_max_end: max_ends(&spill),
            spill,
            long,
            hint: Default::default(),
            parsed,
            visited: change.chunks.len(),
        };
        s.invalid = match options.config.level(META.code, META.default_severity) {
            RuleLevel::Off => Vec::new(),
            RuleLevel::Severity(sev) => self
                .invalid
                .iter()
                .map(|(start, f)| f.shifted(*start).with_severity(sev))
                .filter(|f| s.keeps(f))
                .collect(),
        };
        s
    }
}

/// The scopes of the directives that reach into other chunks: next-line
/// ones at a chunk's end (short) and ranges and whole-file ones (long).
fn place_special(doc: &DocumentModel, special: &[Directive]) -> (Vec<Covered>, Vec<Covered>) {
    let len = doc.len();
    let chunks = doc.chunks();
    let (mut short, mut long) = (Vec::new(), Vec::new());
    for (i, d) in special.iter().enumerate() {
        let codes = d.codes.clone();
        match d.kind {
            Kind::File => long.push(Covered {
                codes,
                range: 0..len + 1,
            }),
            Kind::NextLine => {
                let end = chunks
                    .get(doc.chunk_index(d.range.start))
                    .map_or(len, |c| c.end());
                short.push(Covered {
                    codes: codes.clone(),
                    range: d.range.clone(),
                });
                short.push(Covered {
                    codes,
                    range: next_non_blank_line_after(doc, end),
                });
            }
            Kind::Disable => {
                // Every enable is a special directive: the first one after
                // this one that ends it.
                let end = special[i + 1..]
                    .iter()
                    .find(|e| {
                        e.kind == Kind::Enable
                            && match (&e.codes, &d.codes) {
                                (None, _) => true,
                                (Some(ec), Some(dc)) => dc.iter().any(|c| ec.contains(c)),
                                (Some(_), None) => false,
                            }
                    })
                    .map_or(len + 1, |e| e.range.start);
                long.push(Covered {
                    codes,
                    range: d.range.end..end,
                });
            }
            Kind::Enable => {}
        }
    }
    (short, long)
}

impl Suppressions<'_> {
    /// Whether a directive's scope lies outside its own chunk (a range,
    /// the whole file, a next-line directive at a chunk's end). When none
    /// does, a chunk is in reach of the directives of its own chunk and of
    /// the next chunk's first byte only.
    pub fn reach_other_chunks(&self) -> bool {
        !self.spill.is_empty() || !self.long.is_empty()
    }

    /// Whether no directive suppresses anything.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.spill.is_empty() && self.long.is_empty()
    }

    /// The next-line scopes that may share bytes with `range` (or hold its
    /// start), by binary search.
    fn short_near(&self, range: Range<usize>) -> impl Iterator<Item = &Covered> {
        let upto = self.short_upto(range.end);
        near(self.short, self.short_max_end, upto, range.clone()).chain(near(
            &self.spill,
            &self.spill_max_end,
            self.spill.partition_point(|s| s.range.start <= range.end),
            range,
        ))
    }

    /// How many of the short scopes start at or before `end`. The engine
    /// asks for the chunks in order: the answer is searched forward from
    /// the last one (a step or two), where a binary search per chunk
    /// over the scopes of a document full of directives missed the cache
    /// at every step; any order stays correct.
    fn short_upto(&self, end: usize) -> usize {
        let scopes = self.short;
        let hint = self.hint.get().min(scopes.len());
        let upto = if hint == 0 || scopes[hint - 1].range.start <= end {
            let ahead = &scopes[hint..];
            let steps = ahead
                .iter()
                .take(16)
                .take_while(|s| s.range.start <= end)
                .count();
            if steps < 16 {
                hint + steps
            } else {
                hint + ahead.partition_point(|s| s.range.start <= end)
            }
        } else {
            scopes.partition_point(|s| s.range.start <= end)
        };
        self.hint.set(upto);
        upto
    }

    /// Whether a finding (absolute range) survives the directives.
    pub fn keeps(&self, f: &Finding) -> bool {
        let at = f.range.start;
        !self
            .short_near(at..at)
            .chain(&self.long)
            .any(|s| s.range.contains(&at) && s.covers(f.code))
    }

    /// The directives' scopes that can suppress findings starting in
    /// `range`, relative to its start, each with its codes.
    fn key_items(&self, range: Range<usize>) -> impl Iterator<Item = (usize, usize, &Codes)> {
        let rel = move |r: &Range<usize>| {
            (
                r.start.saturating_sub(range.start),
                r.end.min(range.end + 1).saturating_sub(range.start),
            )
        };
        self.short_near(range.clone())
            .chain(&self.long)
            .filter(move |s| s.range.start <= range.end && range.start < s.range.end)
            .map(move |s| {
                let (a, b) = rel(&s.range);
                (a, b, &s.codes)
            })
    }

    /// What the directives do to findings starting in `range`: a part
    /// whose findings and key did not change keeps its merged findings.
    pub fn key_for(&self, range: Range<usize>) -> SuppressionKey {
        self.key_items(range)
            .map(|(a, b, codes)| (a, b, codes.clone()))
            .collect()
    }

    /// Whether `key` is still [`Self::key_for`] `range` (compared without
    /// building the key: most parts of a large document are reused).
    pub fn key_matches(&self, range: Range<usize>, key: &[KeyItem]) -> bool {
        let mut kept = key.iter();
        self.key_items(range).all(|(a, b, codes)| {
            kept.next()
                .is_some_and(|k| k.0 == a && k.1 == b && k.2 == *codes)
        }) && kept.next().is_none()
    }
}

/// The scopes of `scopes` (sorted by start, with `max_end` the largest end
/// so far; `upto` of them start at or before `range.end`) that may share
/// bytes with `range` or hold its start.
fn near<'a>(
    scopes: &'a [Covered],
    max_end: &'a [usize],
    upto: usize,
    range: Range<usize>,
) -> impl Iterator<Item = &'a Covered> {
    (0..upto)
        .rev()
        .take_while(move |&j| max_end[j] >= range.start)
        .map(move |j| &scopes[j])
}

/// The first non-blank line at or after the line start `from` in the whole
/// document (a next-line directive at the end of its chunk).
fn next_non_blank_line_after(doc: &DocumentModel, from: usize) -> Range<usize> {
    let chunks = doc.chunks();
    let mut i = doc.chunk_index(from);
    let mut pos = from;
    while let Some(c) = chunks.get(i) {
        let rel = pos.saturating_sub(c.start);
        if rel < c.text.len() {
            if let Some(r) = first_non_blank_line(&c.text, rel) {
                return r.start + c.start..r.end + c.start;
            }
        }
        i += 1;
        pos = c.start + c.text.len();
    }
    doc.len()..doc.len()
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
        codes: if codes.is_empty() {
            None
        } else {
            Some(codes.into())
        },
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

/// The line after the one containing `pos` that is not blank (from its
/// start to its end inclusive), or `None` when `text` ends first.
fn next_non_blank_line(text: &str, pos: usize) -> Option<Range<usize>> {
    let pos = pos.min(text.len());
    let start = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
    first_non_blank_line(text, start)
}

/// The first non-blank line from the line start `start` (to its end
/// inclusive: an empty finding there counts), or `None` at the end.
fn first_non_blank_line(text: &str, mut start: usize) -> Option<Range<usize>> {
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if !text[start..end].trim().is_empty() {
            return Some(start..end + 1);
        }
        start = end + 1;
    }
    None
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

    const STALE: &str = "stale-date \"Last Updated\" is 1057 days old (2024-01-01); policies should be reviewed at least every 365 days";

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
