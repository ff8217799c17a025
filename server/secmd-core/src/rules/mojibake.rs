//! `mojibake`: UTF-8 text that was decoded as Windows-1252, Windows-1254 or
//! Latin-1 and saved again (`âœ…` for ✅, `Ã©` for é).

use super::{ChunkContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::policy::codepage::{sequences, CodePage, Sequence};
use crate::policy::symbol_context::line_calls_for;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

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

**Fix:** restore the original characters. When every byte survived there
is one restoration and it is safe. When a byte was lost several characters
may fit; every one is offered as its own fix, for review, the most likely
first. The words of the same line rank first (a \"Phone\" line wants 📞, a
\"Search\" heading 🔍, a \"Warning\" ⚠, in English and common translations),
then characters used nearby (in the same part of the file), then the
emoji and symbols policies commonly hold. The message says \"probably\" only
when the first candidate has such evidence (a word of its line, a use
nearby) and the second does not; otherwise it names the candidates.

The code page is named per run of mangled characters, not once per file:
the rule reads the file one part at a time.

```markdown
## âœ… Supported Versions   <!-- mojibake -->
## ✅ Supported Versions
```",
    scope: Scope::Chunk,
};

pub struct Mojibake;

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_chunk(&self, cx: &ChunkContext<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        let segments = ranked_segments(text);
        let mut runs: Vec<&[Segment]> = Vec::new();
        let mut i = 0;
        while i < segments.len() {
            let mut j = i + 1;
            while j < segments.len() && segments[j].seq.range.start == segments[j - 1].seq.range.end
            {
                j += 1;
            }
            runs.push(&segments[i..j]);
            i = j;
        }
        // Script families that runs of several sequences restore to: in a mangled Russian or Japanese text, a one-letter
        // word is mangled too.
        let mut blocks: HashSet<u32> = HashSet::new();
        for run in runs.iter().filter(|r| r.len() > 1) {
            blocks.extend(run.iter().map(|s| family(s.ranked[0].0)));
        }
        for run in runs {
            if let Some(f) = run_finding(text, run, &blocks) {
                out.push(f);
            }
        }
    }
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

/// Sequences whose decoding is plausible, with ranked candidates.
fn ranked_segments(text: &str) -> Vec<Segment> {
    let seqs = sequences(text);
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

/// The finding for one contiguous run of mangled sequences, if the run is
/// plausible as a whole.
fn run_finding(text: &str, run: &[Segment], blocks: &HashSet<u32>) -> Option<Finding> {
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
                return None;
            }
        }
    }
    let range: Range<usize> = run[0].seq.range.start..run[run.len() - 1].seq.range.end;
    let mangled = &text[range.clone()];
    let page = run
        .iter()
        .map(|s| s.seq.page)
        .max()
        .unwrap_or(CodePage::Windows1252);
    let best: String = run.iter().map(|s| s.replacement(s.ranked[0].0)).collect();
    let certain = run.iter().all(Segment::certain);
    let clear = run.iter().all(Segment::clear);
    let lossy = run.iter().any(|s| s.seq.lossy);
    let how = format!(
        "UTF-8 text misread as {}{}",
        page.name(),
        if lossy { " that lost a byte" } else { "" }
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
        return Some(finding.with_fix(Fix::safe(title(&best), Edit::new(range, best))));
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
    Some(finding)
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
                "3:7-3:11 mojibake mojibake `ğŸš¨` (UTF-8 text misread as Windows-1254); it should read `🚨`",
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
