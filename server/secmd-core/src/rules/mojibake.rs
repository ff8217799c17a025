//! `mojibake`: UTF-8 text that was decoded as Windows-1252, Windows-1254 or
//! Latin-1 and saved again (`âœ…` for ✅, `Ã©` for é).
//!
//! A document rule so that the file's code page is one decision, made
//! without re-reading the file on every keystroke: each chunk keeps in its
//! memo a tally of its runs of mangled characters (how many each page
//! explains), the rule adds up the tallies of the chunks that have runs (a
//! `ChunkList` in the document memo) and names the file's page, and
//! each chunk keeps its findings under that page. An edit re-reads the
//! chunks it touched; only a change of the file's page rebuilds the
//! findings of the other chunks that hold mojibake.

use super::chunk_list::ChunkList;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::memo::Slot;
use crate::policy::codepage::{sequences, CodePage, Pages, Sequence};
use crate::policy::symbol_context::line_calls_for;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Mutex;

pub static META: RuleMeta = RuleMeta {
    code: "mojibake",
    default_severity: Severity::Error,
    summary: "Garbled characters: UTF-8 text that was read in a legacy code page",
    doc: "\
Reports *mojibake*: UTF-8 text that some tool decoded as Windows-1252,
Windows-1254 (Turkish) or Latin-1 and saved again, so that `✅` became
`âœ…`, `🔒` became `ðŸ”’`, `🚨` became `ğŸš¨` and `é` became `Ã©`. Readers
see noise where the policy meant a symbol or a letter.

A run of characters is reported only when turning them back into bytes
gives valid UTF-8 that is more plausible than what is there: an emoji, a
common symbol or punctuation mark, or a letter; lone accented letters of
French, German, Portuguese, Turkish, Czech… are never mistaken for
mojibake. The whole file is scanned, code blocks included: a misread
mangles every part of a file alike.

Some code pages leave bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), and
many tools drop those bytes: `❌` (E2 9D 8C) becomes `âŒ`. secmd
reconstructs such sequences too.

**One code page per file.** A file is misread once, so every message names
the same page: the one whose decoding explains the most runs of mangled
characters. The two Windows pages read most bytes alike (`âœ…` fits
both), so a tie is common; it goes to the page the runs' own characters
point to most often (`ð` is Windows-1252, `ğ` Windows-1254, a C1 control
Latin-1), then to Windows-1252, the most common misreading. A run that
only another page explains (`ğŸš¨` in a Windows-1252 file) names its own
page and says so: \"the rest of the file was misread as Windows-1252\".
Lost bytes are reconstructed with the file's page: Windows-1254 also
leaves 0x8E and 0x9E undefined.

**Fix:** restore the original characters. When every byte survived there
is one restoration and it is safe. When a byte was lost several characters
may fit; every one is offered as its own fix, for review, the most likely
first. The words of the same line rank first (a \"Phone\" line wants 📞, a
\"Search\" heading 🔍, a \"Warning\" ⚠, in English and common translations),
then characters used nearby (in the same part of the file), then the
emoji and symbols policies commonly hold. The message says \"probably\" only
when the first candidate has such evidence (a word of its line, a use
nearby) and the second does not; otherwise it names the candidates.
`secmd check --fix` (and the editor's fix-all) restores every run that has
one restoration; `--fix --unsafe-fixes`, and the quick fix \"Restore all N
mangled places in this file\" that the editor offers on each finding, also
take the most likely candidate of the others, restoring the whole file with
its code page.

```markdown
## âœ… Supported Versions   <!-- mojibake -->
## ✅ Supported Versions
```",
    scope: Scope::Document,
};

pub struct Mojibake;

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, _out: &mut Vec<Finding>) {
        let chunks = cx.doc.chunks();
        // Each chunk's tally is computed once per chunk text. The few chunks
        // with runs are kept in a list in the document memo, updated from
        // the chunks an edit replaced: collecting every chunk's tally from
        // its memo was a walk over the whole document per keystroke (a
        // tenth to a fifth of one at 10 MB).
        let list = cx
            .doc_memo()
            .get("mojibake", 0, || Mutex::new(ChunkList::<Tally>::default()));
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        let held = list.update(cx, 0, |c| {
            let t = c.memo.once(Slot::Mojibake, || Tally::of(&c.text));
            (t.runs > 0).then(|| t.clone())
        });
        let mut total = Tally::default();
        for (_, t) in held {
            total.add(t);
        }
        let Some(page) = total.page() else {
            return;
        };
        for &(i, _) in held {
            let c = &chunks[i];
            // Kept until the chunk's text or the file's page changes.
            let found = c.memo.get("mojibake", page as u64, || {
                cx.count_work(1);
                chunk_runs(&c.text, Some(page))
                    .iter()
                    .map(|run| run_finding(&c.text, run, page))
                    .collect()
            });
            cx.emit_chunk(i, found);
        }
    }
}

/// What a chunk's runs say about the code page: how many runs each page
/// explains and how many each page is the most specific reading of (see
/// [`Run::own`]), indexed by `CodePage as usize`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Tally {
    runs: u32,
    explained: [u32; 3],
    own: [u32; 3],
}

impl Tally {
    fn of(text: &str) -> Tally {
        let mut t = Tally::default();
        for run in chunk_runs(text, None) {
            t.runs += 1;
            t.own[run.own() as usize] += 1;
            for page in CodePage::ALL {
                if run.pages().contains(page) {
                    t.explained[page as usize] += 1;
                }
            }
        }
        t
    }

    fn add(&mut self, other: &Tally) {
        self.runs += other.runs;
        for k in 0..3 {
            self.explained[k] += other.explained[k];
            self.own[k] += other.own[k];
        }
    }

    /// The file's code page: the one that explains the most runs; on a tie,
    /// the one most runs point to by their own characters; then the first
    /// of [`CodePage::ALL`]. `None` without mojibake.
    fn page(&self) -> Option<CodePage> {
        if self.runs == 0 {
            return None;
        }
        let rank = |p: CodePage| {
            let order = CodePage::ALL.iter().position(|x| *x == p).unwrap_or(0);
            (
                self.explained[p as usize],
                self.own[p as usize],
                Reverse(order),
            )
        };
        CodePage::ALL.into_iter().max_by_key(|p| rank(*p))
    }
}

/// A contiguous run of mangled sequences, plausible as a whole.
struct Run {
    segments: Vec<Segment>,
}

impl Run {
    /// The pages whose decoding explains every sequence of the run.
    fn pages(&self) -> Pages {
        self.segments
            .iter()
            .fold(Pages::ALL, |p, s| p.and(s.seq.pages))
    }

    /// The page the run alone would be named: the most specific one its
    /// characters show (a Turkish letter, a C1 control) if it explains the
    /// whole run, else the first of [`CodePage::ALL`] that does (a C1
    /// control beside `Ÿ` is an undefined byte a Windows-1252 decoder
    /// passed through).
    fn own(&self) -> CodePage {
        let seen = self
            .segments
            .iter()
            .map(|s| s.seq.page)
            .max()
            .unwrap_or(CodePage::Windows1252);
        let pages = self.pages();
        if pages.contains(seen) {
            return seen;
        }
        CodePage::ALL
            .into_iter()
            .find(|p| pages.contains(*p))
            .unwrap_or(seen)
    }
}

/// The runs of mangled characters of one chunk, lost bytes read as `page`
/// leaves them undefined where it explains a sequence.
fn chunk_runs(text: &str, page: Option<CodePage>) -> Vec<Run> {
    let mut segments = ranked_segments(text, page).into_iter().peekable();
    let mut runs: Vec<Vec<Segment>> = Vec::new();
    while let Some(first) = segments.next() {
        let mut run = vec![first];
        while let Some(next) =
            segments.next_if(|s| Some(s.seq.range.start) == run.last().map(|l| l.seq.range.end))
        {
            run.push(next);
        }
        runs.push(run);
    }
    // Script families that runs of several sequences restore to: in a
    // mangled Russian or Japanese text, a one-letter word is mangled too.
    let mut blocks: HashSet<u32> = HashSet::new();
    for run in runs.iter().filter(|r| r.len() > 1) {
        blocks.extend(run.iter().map(|s| family(s.ranked[0].0)));
    }
    runs.into_iter()
        .filter(|run| plausible(text, run, &blocks))
        .map(|segments| Run { segments })
        .collect()
}

/// Evidence for a candidate of a lost byte, as score points. Each weight is
/// above the sum of the ones below it, so the evidence is ranked in this
/// order: a joiner between two emoji; a keyword of the same line calling
/// for the character ("Phone" for 📞, see `policy::symbol_context`); the
/// document using the character elsewhere; a neighbour of the same script;
/// being one of the characters policies commonly hold ([`CURATED`]). Ties
/// go to the more plausible tier, then to the curated frequency rank.
const JOINER_POINTS: u32 = 16;
const CONTEXT_POINTS: u32 = 8;
const ELSEWHERE_POINTS: u32 = 4;
const SCRIPT_POINTS: u32 = 2;
const COMMON_POINTS: u32 = 1;

/// The ranking is *clear* when the best candidate scores at least this much
/// above the second: it has context or document evidence (a keyword of its
/// line, a use elsewhere) that the second lacks. Only then does the message
/// say "probably"; otherwise it lists the candidates.
const CLEAR_MARGIN: u32 = ELSEWHERE_POINTS;

/// A sequence with its candidates ranked, most likely first.
struct Segment {
    seq: Sequence,
    /// (character, tier, score), best first.
    ranked: Vec<(char, u8, u32)>,
}

impl Segment {
    fn best_tier(&self) -> u8 {
        self.ranked.first().map_or(u8::MAX, |c| c.1)
    }

    /// The one restoration a reviewer would not hesitate over.
    fn certain(&self) -> bool {
        !self.seq.lossy
            || self.best_tier() == 0
            || (self.best_tier() <= 2 && self.ranked.iter().filter(|c| c.1 <= 2).count() == 1)
    }

    /// Certain, or the best candidate clearly ahead of the second (see
    /// [`CLEAR_MARGIN`]).
    fn clear(&self) -> bool {
        self.certain()
            || match self.ranked.as_slice() {
                [_] => true,
                [a, b, ..] => a.2 >= b.2 + CLEAR_MARGIN,
                [] => false,
            }
    }

    /// Text replacing the segment when it decodes to `c`.
    fn replacement(&self, c: char) -> String {
        let mut s = String::new();
        if c != '\u{FEFF}' {
            s.push(c);
        }
        if self.seq.eats_space && self.seq.decoded.first() != Some(&c) {
            s.push(' ');
        }
        s
    }
}

/// Sequences whose decoding is plausible, with ranked candidates (lost
/// bytes read as [`sequences`] does with `page`).
fn ranked_segments(text: &str, page: Option<CodePage>) -> Vec<Segment> {
    let seqs = sequences(text, page);
    if seqs.is_empty() {
        return Vec::new();
    }
    // Counted once: a long mangled file has thousands of sequences.
    let mut counts: HashMap<char, usize> = HashMap::new();
    for c in text.chars().filter(|c| !c.is_ascii()) {
        *counts.entry(c).or_default() += 1;
    }
    let mut segs: Vec<Segment> = Vec::with_capacity(seqs.len());
    for (k, seq) in seqs.iter().enumerate() {
        let prev = k
            .checked_sub(1)
            .map(|p| &seqs[p])
            .filter(|p| p.range.end == seq.range.start);
        let next = seqs.get(k + 1).filter(|n| n.range.start == seq.range.end);
        // A zero-width joiner only makes sense between two emoji.
        let between_emoji = prev.is_some_and(|p| p.decoded.iter().any(|c| is_emoji(*c)))
            && next.is_some_and(|n| n.decoded.iter().any(|c| is_emoji(*c)));
        let before_vs16 = next.is_some_and(|n| n.decoded.contains(&'\u{FE0F}'));
        // The words around the sequence: its line (a heading, a list item
        // or a table row).
        let line_start = text[..seq.range.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[seq.range.end..]
            .find('\n')
            .map_or(text.len(), |p| seq.range.end + p);
        let line = &text[line_start..line_end];
        let ranked: Vec<(char, u8, usize, usize)> = seq
            .decoded
            .iter()
            .enumerate()
            .map(|(order, &c)| {
                let mut t = tier(c, between_emoji);
                // Before a variation selector 16 a symbol is shown as emoji
                // (⏲️, ☑️): as likely as one.
                if t == 3 && before_vs16 && ('\u{2100}'..='\u{2BFF}').contains(&c) {
                    t = 2;
                }
                let elsewhere = counts.get(&c).copied().unwrap_or(0);
                (c, t, elsewhere, order)
            })
            .filter(|c| c.1 <= 3)
            .collect();
        // Scripts of the neighbours: in mangled Japanese a lost byte is
        // more likely a kana than a rare ideograph.
        let near: Vec<u32> = [prev, next]
            .into_iter()
            .flatten()
            .filter(|n| !n.lossy)
            .filter_map(|n| n.decoded.first().map(|c| script(*c)))
            .collect();
        // Only a choice needs ranking; a lone candidate skips the line scan.
        let choice = ranked.len() > 1;
        let mut scored: Vec<(char, u8, u32, usize)> = ranked
            .into_iter()
            .map(|(c, t, elsewhere, order)| {
                let mut score = 0;
                if t == 0 {
                    score += JOINER_POINTS;
                }
                if choice && line_calls_for(line, c) {
                    score += CONTEXT_POINTS;
                }
                if elsewhere > 0 {
                    score += ELSEWHERE_POINTS;
                }
                if near.contains(&script(c)) {
                    score += SCRIPT_POINTS;
                }
                if t == 1 {
                    score += COMMON_POINTS;
                }
                (c, t, score, order)
            })
            .collect();
        scored.sort_by_key(|&(c, t, score, order)| (Reverse(score), t, curated_rank(c), order));
        let mut seg = Segment {
            seq: seq.clone(),
            ranked: scored.into_iter().map(|(c, t, s, _)| (c, t, s)).collect(),
        };
        // The space after the sequence belongs to it only if the best
        // restoration reads it as a no-break space.
        // A letter is no evidence for a lost no-break space: `ì›` + space
        // is 원 and a space, not 웠.
        if seg.seq.eats_space
            && (seg.ranked.first().map(|c| c.0) != seg.seq.decoded.first().copied()
                || seg.best_tier() > 2)
        {
            let eater = seg.seq.decoded[0];
            seg.ranked.retain(|c| c.0 != eater);
            seg.seq.range.end -= 1;
            seg.seq.eats_space = false;
        }
        if seg.ranked.is_empty() {
            continue;
        }
        // A lead byte alone (`Ñ` of `Ñ\u{81}`) needs a neighbour of the
        // script it restores to.
        if seg.seq.bare && !near.contains(&script(seg.ranked[0].0)) {
            continue;
        }
        // With a byte lost, only an emoji or a common symbol is evidence
        // enough; a letter or an ideograph is, inside a run of them.
        if seg.seq.lossy && seg.best_tier() > 2 {
            let script_neighbour = |s: Option<&Sequence>| {
                s.is_some_and(|s| {
                    !s.lossy && s.decoded.first().is_some_and(|c| tier(*c, false) == 3)
                })
            };
            if !(script_neighbour(prev) || script_neighbour(next)) {
                continue;
            }
        }
        segs.push(seg);
    }
    segs
}

/// Whether a contiguous run of mangled sequences is plausible as a whole.
fn plausible(text: &str, run: &[Segment], blocks: &HashSet<u32>) -> bool {
    if let [only] = run {
        if !only.seq.lossy {
            let c = only.ranked[0].0;
            // One character alone: a symbol, a Latin letter, or a letter of
            // a script other runs of the chunk restore to; a lone ideograph
            // amid Latin text is a coincidence (`é…”` in French is not U+9154).
            let lone_ok = only.best_tier() <= 2
                || ('\u{A0}'..='\u{17F}').contains(&c)
                || ('\u{2010}'..='\u{2BFF}').contains(&c)
                || c == '\u{FEFF}'
                || blocks.contains(&family(c));
            if !lone_ok || closes_upper_word(text, &only.seq.range) {
                return false;
            }
        }
    }
    true
}

/// The finding for one run, in a file misread as `file_page`.
fn run_finding(text: &str, whole: &Run, file_page: CodePage) -> Finding {
    let run = &whole.segments[..];
    let range: Range<usize> = run[0].seq.range.start..run[run.len() - 1].seq.range.end;
    let mangled = &text[range.clone()];
    let best: String = run.iter().map(|s| s.replacement(s.ranked[0].0)).collect();
    let certain = run.iter().all(Segment::certain);
    let clear = run.iter().all(Segment::clear);
    let lossy = run.iter().any(|s| s.seq.lossy);
    // The file's page wherever it explains the run; a run only another
    // page explains names that page, and the file's.
    let (page, elsewhere) = if whole.pages().contains(file_page) {
        (file_page, None)
    } else {
        (whole.own(), Some(file_page))
    };
    let how = format!(
        "UTF-8 text misread as {}{}{}",
        page.name(),
        if lossy { " that lost a byte" } else { "" },
        elsewhere.map_or(String::new(), |f| format!(
            "; the rest of the file was misread as {}",
            f.name()
        ))
    );
    let bom = best.is_empty();
    let title = |s: &str| {
        if s.is_empty() {
            "Remove mangled byte-order mark".to_string()
        } else {
            format!("Restore `{s}`")
        }
    };
    if certain {
        let message = if bom {
            format!("mangled byte-order mark `{mangled}` ({how}); remove it")
        } else {
            format!("mojibake `{mangled}` ({how}); it should read `{best}`")
        };
        let finding = Finding::new(&META, range.clone(), message);
        return finding.with_fix(Fix::safe(title(&best), Edit::new(range, best)));
    }
    // Every candidate is its own fix, the most likely first (preferred, so a
    // fix-all that takes suggestions restores the whole file, but it needs
    // review), then the alternatives, changing one uncertain character at a
    // time, in rank order.
    let mut options = vec![best.clone()];
    for (k, seg) in run.iter().enumerate() {
        if seg.certain() {
            continue;
        }
        for &(alt, _, _) in seg.ranked.iter().skip(1) {
            let s: String = run
                .iter()
                .enumerate()
                .map(|(m, x)| {
                    if m == k {
                        x.replacement(alt)
                    } else {
                        x.replacement(x.ranked[0].0)
                    }
                })
                .collect();
            if !options.contains(&s) {
                options.push(s);
            }
        }
    }
    let message = if clear || options.len() == 1 {
        format!("mojibake `{mangled}` ({how}); it probably read `{best}`")
    } else {
        format!(
            "mojibake `{mangled}` ({how}); it may have read {}",
            listing(&options)
        )
    };
    let mut finding = Finding::new(&META, range.clone(), message);
    for (n, s) in options.into_iter().enumerate() {
        let mut fix = Fix::suggestion(title(&s), vec![Edit::new(range.clone(), s)]);
        fix.preferred = n == 0;
        finding = finding.with_fix(fix);
    }
    finding
}

/// Candidates a message names; the quick fixes hold every one.
const LISTED: usize = 6;

/// "`a`, `b` or `c`", or "`a`, … `f` or 3 others (each a quick fix)".
fn listing(options: &[String]) -> String {
    // "1 others" would read badly: a seventh candidate is named instead.
    let shown = if options.len() > LISTED + 1 {
        LISTED
    } else {
        options.len()
    };
    let mut quoted: Vec<String> = options
        .iter()
        .take(shown)
        .map(|o| format!("`{o}`"))
        .collect();
    if options.len() > shown {
        quoted.push(format!(
            "{} others (each a quick fix)",
            options.len() - LISTED
        ));
    }
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// `IRMÃ”` / `GEFÄ“`: an upper-case word ending in Ã, Ä, Å or Â, closed by
/// a quote, dash or ellipsis, is more likely Portuguese, German or Swedish
/// than a mangled Ô or ē.
fn closes_upper_word(text: &str, range: &Range<usize>) -> bool {
    let mut mangled = text[range.clone()].chars();
    let (Some(lead), Some(punct)) = (mangled.next(), mangled.next()) else {
        return false;
    };
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    matches!(lead, 'Â' | 'Ã' | 'Ä' | 'Å')
        && "’‘”“»›…—–".contains(punct)
        && before.is_some_and(char::is_uppercase)
        && !after.is_some_and(char::is_alphanumeric)
}

/// Characters that mangled policies most often held, most likely first.
/// They rank above other candidates when a lost byte leaves a choice.
const CURATED: &[char] = &[
    '\u{FE0F}', '’', '“', '”', '‘', '—', '–', '…', '•', '✅', '❌', '⚠', '🔒', '🔐', '🔍', '🛡',
    '🚨', '🐛', '🐞', '📧', '📝', '📢', '📋', '📦', '🚀', '🔑', '🔓', '✔', '✓', '✗', '✖', '⭐',
    '★', '❗', '❓', '➡', '→', '←', '↑', '↓', '⬆', '⬇', '✨', '❤', '☑', '⚡', '⏰', '⏳', '✉',
    '📅', '📌', '📍', '🔗', '🔔', '💬', '💡', '👍', '👀', '🎉', 'ℹ', '€', '™', '©', '®', '°', '·',
    '×', '🔁', '📁', '📄', '📚', '👉', '🙏', '🧪', '🔧', '🛠', '⚙', '🌐', '🏁', '🕐',
];

fn curated_rank(c: char) -> usize {
    CURATED
        .iter()
        .position(|x| *x == c)
        .unwrap_or(CURATED.len())
}

fn is_emoji(c: char) -> bool {
    ('\u{1F300}'..='\u{1FAFF}').contains(&c) || (curated_rank(c) < CURATED.len() && c > '\u{2100}')
}

/// A coarse script id: Hangul, kana, Han, CJK punctuation and Cyrillic
/// each as one, other characters by 128-code-point block.
fn script(c: char) -> u32 {
    match c as u32 {
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => 1,
        0x3040..=0x30FF | 0x31F0..=0x31FF => 2,
        0x3400..=0x9FFF | 0xF900..=0xFAFF => 3,
        0x3000..=0x303F | 0xFF00..=0xFFEF => 4,
        0x0400..=0x052F => 5,
        u => 0x100 + (u >> 7),
    }
}

/// East Asian scripts mix in one text; they count as one family.
fn family(c: char) -> u32 {
    match script(c) {
        1..=4 => 1,
        s => s,
    }
}

/// How plausible a restored character is: 0 (a joiner between emoji),
/// 1 (common in policies), 2 (emoji), 3 (a letter, ideograph or symbol),
/// 4 (controls, private use, invisible or obscure: never a restoration).
fn tier(c: char, between_emoji: bool) -> u8 {
    let u = c as u32;
    if c == '\u{200D}' {
        return if between_emoji { 0 } else { 4 };
    }
    if curated_rank(c) < CURATED.len() || c == '\u{FEFF}' {
        return 1;
    }
    if (0x1F300..=0x1FAFF).contains(&u) {
        return 2;
    }
    let junk = u < 0x20
        || (0x7F..=0x9F).contains(&u)
        || (0x300..=0x36F).contains(&u)
        || (0x800..=0x8FF).contains(&u)
        || (0x2000..=0x200F).contains(&u)
        || (0x2028..=0x202F).contains(&u)
        || (0x2060..=0x206F).contains(&u)
        || (0x2336..=0x237A).contains(&u)
        || (0x2400..=0x243F).contains(&u)
        || (0xE000..=0xF8FF).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (0xFE00..=0xFE1F).contains(&u)
        || (0xFFF0..=0xFFFF).contains(&u)
        || (0x10000..=0x1EFFF).contains(&u)
        || (0x1F000..=0x1F0FF).contains(&u)
        || u >= 0xE0000
        || u & 0xFFFE == 0xFFFE;
    if junk {
        4
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix, findings};

    #[test]
    fn reports_misread_emoji_and_letters() {
        check(
            "mojibake",
            "## âœ… Supported\n\nCafÃ© ğŸš¨ and ðŸ”’.\n",
            &[
                "1:4-1:7 mojibake mojibake `âœ…` (UTF-8 text misread as Windows-1252); it should read `✅`",
                "3:4-3:6 mojibake mojibake `Ã©` (UTF-8 text misread as Windows-1252); it should read `é`",
                // Only Windows-1254 reads 0xF0 as `ğ`: the one run the
                // file's page (Windows-1252, by a tie: `âœ…` and `Ã©` fit
                // both) does not explain.
                "3:7-3:11 mojibake mojibake `ğŸš¨` (UTF-8 text misread as Windows-1254; the rest of the file was misread as Windows-1252); it should read `🚨`",
                "3:16-3:20 mojibake mojibake `ðŸ”’` (UTF-8 text misread as Windows-1252); it should read `🔒`",
            ],
        );
    }

    #[test]
    fn real_languages_are_not_mojibake() {
        let text = "Se você descobrir, **NÃO** abra. Ação à\u{a0}la française « oui ». \
                    Straße, Größe. ¿Qué pasó? Güvenlik açığı değil, İŞ. Zażółć gęślą. \
                    Příliš žluťoučký kůň. Tiếng Việt. Безопасность. 安全漏洞. セキュリティ. 보안 취약점. \
                    il a dit « café… » et “café…” ✅ 🔒 “IRMÔ, „GEFÄ“.\n";
        check("mojibake", text, &[]);
    }

    #[test]
    fn lost_byte_with_one_plausible_restoration_is_safe() {
        // 🛡️ is F0 9F 9B A1 EF B8 8F; 0x8F is undefined in Windows-1252 and
        // was dropped, and ❌ lost its 0x9D.
        check(
            "mojibake",
            "ðŸ›¡ï¸ Policy âŒ no\n",
            &[
                "1:1-1:7 mojibake mojibake `ðŸ›¡ï¸` (UTF-8 text misread as Windows-1252 that lost a byte); it should read `🛡\u{FE0F}`",
                "1:15-1:17 mojibake mojibake `âŒ` (UTF-8 text misread as Windows-1252 that lost a byte); it should read `❌`",
            ],
        );
        check_fix("mojibake", "Yes âŒ\n", "Restore `❌`", "Yes ❌\n");
    }

    /// The fix titles of the one `mojibake` finding in `text`, with their
    /// preferred and safe flags.
    fn fix_titles(text: &str) -> Vec<(String, bool, bool)> {
        let f = findings(text)
            .into_iter()
            .find(|f| f.code == "mojibake")
            .unwrap();
        f.fixes
            .iter()
            .map(|x| (x.title.clone(), x.preferred, x.safe))
            .collect()
    }

    #[test]
    fn ambiguous_lost_byte_lists_every_candidate() {
        // 🔐 is F0 9F 94 90: without 0x90, 🔁 🔍 🔏 🔐 🔝 all fit (and, had
        // the third byte been lost, 🍔 🏔 🐔 🝔), and no word of the line
        // picks one.
        let text = "ðŸ” Tips\n";
        check(
            "mojibake",
            text,
            &["1:1-1:4 mojibake mojibake `ðŸ”` (UTF-8 text misread as Windows-1252 that lost a byte); it may have read `🔐`, `🔍`, `🔁`, `🔏`, `🔝`, `🍔` or 3 others (each a quick fix)"],
        );
        let t = |s: &str, preferred| (format!("Restore `{s}`"), preferred, false);
        assert_eq!(
            fix_titles(text),
            vec![
                t("🔐", true),
                t("🔍", false),
                t("🔁", false),
                t("🔏", false),
                t("🔝", false),
                t("🍔", false),
                t("🏔", false),
                t("🐔", false),
                t("🝔", false),
            ]
        );
        // "Private" calls for 🔐 and 🔏 alike: still no clear winner.
        check(
            "mojibake",
            "ðŸ” Private reporting\n",
            &["1:1-1:4 mojibake mojibake `ðŸ”` (UTF-8 text misread as Windows-1252 that lost a byte); it may have read `🔐`, `🔏`, `🔍`, `🔁`, `🔝`, `🍔` or 3 others (each a quick fix)"],
        );
    }

    #[test]
    fn words_of_the_line_rank_the_candidates() {
        // A "Search" heading wants 🔍, a "Security" one 🔐.
        check(
            "mojibake",
            "## ðŸ” Search\n",
            &["1:4-1:7 mojibake mojibake `ðŸ”` (UTF-8 text misread as Windows-1252 that lost a byte); it probably read `🔍`"],
        );
        check_fix(
            "mojibake",
            "## ðŸ” Search\n",
            "Restore `🔍`",
            "## 🔍 Search\n",
        );
        let text = "ðŸ” Security\n";
        check(
            "mojibake",
            text,
            &["1:1-1:4 mojibake mojibake `ðŸ”` (UTF-8 text misread as Windows-1252 that lost a byte); it probably read `🔐`"],
        );
        let t = |s: &str, preferred| (format!("Restore `{s}`"), preferred, false);
        assert_eq!(
            fix_titles(text),
            vec![
                t("🔐", true),
                t("🔍", false),
                t("🔁", false),
                t("🔏", false),
                t("🔝", false),
                t("🍔", false),
                t("🏔", false),
                t("🐔", false),
                t("🝔", false),
            ]
        );
        // 📞 is F0 9F 93 9E; Windows-1254 leaves 0x9E undefined. Thirteen
        // characters fit; a "Phone" line wants 📞.
        let text = "- ğŸ“ Phone: +1 555 0100\n";
        check(
            "mojibake",
            text,
            &["1:3-1:6 mojibake mojibake `ğŸ“` (UTF-8 text misread as Windows-1254 that lost a byte); it probably read `📞`"],
        );
        let titles = fix_titles(text);
        assert_eq!(titles.len(), 13, "{titles:?}");
        assert_eq!(titles[0], t("📞", true));
        assert_eq!(titles[1], t("📝", false));
        // A character the document uses elsewhere ranks first.
        check_fix(
            "mojibake",
            "ðŸ” Tips\n\n🔍 tips\n",
            "Restore `🔍`",
            "🔍 Tips\n\n🔍 tips\n",
        );
        assert_eq!(fix_titles("ðŸ” Tips\n\n🔍 tips\n")[0], t("🔍", true));
    }

    #[test]
    fn one_fix_all_with_suggestions_restores_the_file() {
        // `--fix --unsafe-fixes` takes each finding's preferred fix: the
        // safe restorations and the best-ranked candidates alike.
        let text = "## âœ… Supported\n\nðŸ” Search, CafÃ©, ğŸ“ Phone\n";
        let found: Vec<_> = findings(text)
            .into_iter()
            .filter(|f| f.code == "mojibake")
            .collect();
        assert_eq!(found.len(), 4);
        let (edits, _) = crate::fix::fix_edits(&found, crate::fix::Applicability::Suggestions);
        assert_eq!(
            crate::fix::apply_edits(text, &edits).as_deref(),
            Some("## ✅ Supported\n\n🔍 Search, Café, 📞 Phone\n")
        );
    }

    #[test]
    fn fix_restores_text_in_code_and_latin1_controls() {
        check_fix(
            "mojibake",
            "```\necho \"âœ… done\"\n```\n",
            "Restore `✅`",
            "```\necho \"✅ done\"\n```\n",
        );
        check_fix("mojibake", "Ã\u{89}tÃ©\n", "Restore `É`", "ÉtÃ©\n");
        check_fix(
            "mojibake",
            "ï»¿# Policy\n",
            "Remove mangled byte-order mark",
            "# Policy\n",
        );
    }

    #[test]
    fn emoji_joined_by_lost_zero_width_joiner() {
        // 🧑‍💻 = F0 9F A7 91 E2 80 8D F0 9F 92 BB; 0x8D was dropped.
        check_fix(
            "mojibake",
            "ðŸ§‘â€ðŸ’» Dev\n",
            "Restore `🧑\u{200D}💻`",
            "🧑\u{200D}💻 Dev\n",
        );
        // Outside emoji, a lost byte after `â€` is a closing quote.
        check_fix("mojibake", "â€œHiâ€ said\n", "Restore `“`", "“Hiâ€ said\n");
        check_fix("mojibake", "Hiâ€ said\n", "Restore `”`", "Hi” said\n");
    }

    #[test]
    fn lone_symbols_and_bare_leads_in_a_mangled_script() {
        check_fix(
            "mojibake",
            "JWT â‰¥32 chars\n",
            "Restore `≥`",
            "JWT ≥32 chars\n",
        );
        // безопасности through Windows-1252 lost both 0x81 bytes of `с`;
        // the lone `Ñ` leads are restored between Cyrillic neighbours, but
        // с, э, я, ѐ and ѝ fit alike: the message lists them.
        check(
            "mojibake",
            "Ð±ÐµÐ·Ð¾Ð¿Ð°ÑÐ½Ð¾ÑÑ‚Ð¸\n",
            &["1:1-1:23 mojibake mojibake `Ð±ÐµÐ·Ð¾Ð¿Ð°ÑÐ½Ð¾ÑÑ‚Ð¸` (UTF-8 text misread as Windows-1252 that lost a byte); it may have read `безопасности`, `безопаэности`, `безопаяности`, `безопаѐности`, `безопаѝности`, `безопасноэти` or 3 others (each a quick fix)"],
        );
    }

    use crate::policy::codepage::{misread, CodePage};

    #[test]
    fn names_one_code_page_per_file() {
        // Read as Windows-1254: `ğŸš¨` shows it, and `âœ…` reads the same in
        // both Windows pages, so it is named Windows-1254 too.
        let text = misread(
            "## ✅ Desteklenen sürümler\n\n🚨 Açık bulursanız yazın.\n",
            CodePage::Windows1254,
        );
        assert_eq!(
            text,
            "## âœ… Desteklenen sÃ¼rÃ¼mler\n\nğŸš¨ AÃ§Ä±k bulursanÄ±z yazÄ±n.\n"
        );
        check(
            "mojibake",
            &text,
            &[
                "1:4-1:7 mojibake mojibake `âœ…` (UTF-8 text misread as Windows-1254); it should read `✅`",
                "1:21-1:23 mojibake mojibake `Ã¼` (UTF-8 text misread as Windows-1254); it should read `ü`",
                "1:24-1:26 mojibake mojibake `Ã¼` (UTF-8 text misread as Windows-1254); it should read `ü`",
                "3:1-3:5 mojibake mojibake `ğŸš¨` (UTF-8 text misread as Windows-1254); it should read `🚨`",
                // Adjacent sequences are one run.
                "3:7-3:11 mojibake mojibake `Ã§Ä±` (UTF-8 text misread as Windows-1254); it should read `çı`",
                "3:21-3:23 mojibake mojibake `Ä±` (UTF-8 text misread as Windows-1254); it should read `ı`",
                "3:28-3:30 mojibake mojibake `Ä±` (UTF-8 text misread as Windows-1254); it should read `ı`",
            ],
        );
        // Alone, `âœ…` is named as it reads: Windows-1252.
        check(
            "mojibake",
            "## âœ… Supported\n",
            &["1:4-1:7 mojibake mojibake `âœ…` (UTF-8 text misread as Windows-1252); it should read `✅`"],
        );
        // A C1 control among letters every page reads alike: Latin-1 for
        // the whole file.
        let text = misread("Été, café\n", CodePage::Latin1);
        check(
            "mojibake",
            &text,
            &[
                "1:1-1:3 mojibake mojibake `Ã\u{89}` (UTF-8 text misread as Latin-1); it should read `É`",
                "1:4-1:6 mojibake mojibake `Ã©` (UTF-8 text misread as Latin-1); it should read `é`",
                "1:11-1:13 mojibake mojibake `Ã©` (UTF-8 text misread as Latin-1); it should read `é`",
            ],
        );
    }

    #[test]
    fn a_run_only_another_page_explains_says_so() {
        // Two runs only Windows-1252 explains (`ð`), one only Windows-1254
        // explains (`ğ`): the majority names the file's page.
        let text = "## ðŸ”’ Private\n\nðŸ“§ Mail us. ğŸš¨ Urgent: call.\n";
        check(
            "mojibake",
            text,
            &[
                "1:4-1:8 mojibake mojibake `ðŸ”’` (UTF-8 text misread as Windows-1252); it should read `🔒`",
                "3:1-3:5 mojibake mojibake `ðŸ“§` (UTF-8 text misread as Windows-1252); it should read `📧`",
                "3:15-3:19 mojibake mojibake `ğŸš¨` (UTF-8 text misread as Windows-1254; the rest of the file was misread as Windows-1252); it should read `🚨`",
            ],
        );
    }

    #[test]
    fn lost_bytes_follow_the_file_page() {
        // ❌ lost its 0x9D in a Windows-1254 file: the run is named after
        // the file, and its candidates include ➌ (E2 9E 8C), whose 0x9E only
        // Windows-1254 leaves undefined; ❌ still ranks first.
        let text = misread("🚨 Yes ❌ no\n", CodePage::Windows1254);
        assert_eq!(text, "ğŸš¨ Yes âŒ no\n");
        check(
            "mojibake",
            &text,
            &[
                "1:1-1:5 mojibake mojibake `ğŸš¨` (UTF-8 text misread as Windows-1254); it should read `🚨`",
                "1:10-1:12 mojibake mojibake `âŒ` (UTF-8 text misread as Windows-1254 that lost a byte); it should read `❌`",
            ],
        );
    }

    #[test]
    fn fix_all_restores_a_misread_file_with_its_page() {
        // Lost bytes and all: a Windows-1254 misreading of a whole policy,
        // with headings and paragraphs in separate chunks, restored by one
        // `--fix --unsafe-fixes`; `--fix` alone restores every run that has
        // one restoration.
        let original = "# Güvenlik ✅\n\n## 📞 Phone\n\n🚨 Açığı bize yazın.\n\n## ❌ Yapmayın\n\nHerkese açık issue açmayın.\n";
        let text = misread(original, CodePage::Windows1254);
        let found: Vec<_> = findings(&text)
            .into_iter()
            .filter(|f| f.code == "mojibake")
            .collect();
        assert!(found.iter().all(|f| f.message.contains("Windows-1254")));
        assert!(!found.iter().any(|f| f.message.contains("rest of the file")));
        let (edits, _) = crate::fix::fix_edits(&found, crate::fix::Applicability::Suggestions);
        assert_eq!(
            crate::fix::apply_edits(&text, &edits).as_deref(),
            Some(original)
        );
        let (edits, _) = crate::fix::fix_edits(&found, crate::fix::Applicability::Safe);
        let safe = crate::fix::apply_edits(&text, &edits).unwrap();
        assert_eq!(safe, original.replace("📞", "ğŸ“"));
    }

    #[test]
    fn an_edit_rebuilds_the_findings_of_its_chunk_only() {
        use crate::{Analyzer, Config, Document, NoFiles, Options};
        let config = Config::default();
        let options = Options {
            config: &config,
            today: crate::testing::today(),
            files: &NoFiles,
        };
        let section = |k: usize| format!("## Part {k}\n\nâœ… Done in part {k}.\n\n");
        let text: String = (0..40).map(section).collect();
        let mut doc = Document::new(&text);
        let mut analyzer = Analyzer::new();
        let mojibake = |found: &[crate::Finding]| {
            found
                .iter()
                .filter(|f| f.code == "mojibake")
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
        };
        let all = analyzer.analyze(&doc, &options);
        assert_eq!(mojibake(&all).len(), 40);
        // Another mangled character in one part: its chunk only.
        let at = text.find("Done in part 20").unwrap();
        doc.edit(at..at, "Ã© ");
        let all = analyzer.analyze(&doc, &options);
        assert_eq!(mojibake(&all).len(), 41);
        assert_eq!(analyzer.last_work().doc_items, 1);
        // A run that turns the file to Windows-1254 renames every run.
        let at = doc.len();
        doc.edit(at..at, "ğŸš¨ ğŸš¨ ğŸš¨\n");
        let all = analyzer.analyze(&doc, &options);
        let names = mojibake(&all);
        assert_eq!(names.len(), 44);
        assert!(
            names.iter().all(|m| m.contains("misread as Windows-1254)")),
            "{names:?}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Mangled-looking text never panics, findings never overlap, and
        /// every fix applies.
        #[test]
        fn mangled_alphabet_never_panics(text in "[âœ…ðŸ”’ï¸»¿Ã©ğ€™’\u{81}\u{8d}\u{9d}\u{fffd}Ž a\n#`]{0,80}") {
            let found: Vec<_> = findings(&text).into_iter().filter(|f| f.code == "mojibake").collect();
            for pair in found.windows(2) {
                proptest::prop_assert!(pair[0].range.end <= pair[1].range.start);
            }
            for f in &found {
                for fix in &f.fixes {
                    proptest::prop_assert!(crate::fix::apply_edits(&text, &fix.edits).is_some());
                }
            }
        }
    }
}
