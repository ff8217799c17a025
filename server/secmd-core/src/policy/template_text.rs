//! Recognisers for template text, used by `placeholder` (and by
//! `invalid-email`, which leaves template variables to it).
//!
//! Every function works on plain strings and returns ranges relative to
//! what it was given, so each recogniser is testable on its own.

use crate::model::Table;
use crate::text::phrases::{Hit, Phrases};
use std::ops::Range;
use std::sync::LazyLock;

/// A placeholder found, with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub range: Range<usize>,
    pub message: String,
}

fn found(range: Range<usize>, message: String) -> Placeholder {
    Placeholder { range, message }
}

fn variable(range: Range<usize>, shown: &str) -> Placeholder {
    found(
        range,
        format!("template variable `{shown}` left in the policy; replace it with the real value"),
    )
}

/// Whether a value (an address, a link destination) is a template variable
/// rather than an attempt at a real value: `{{X}}`, `$X`, `<x>`, `[x]`,
/// `YOUR_X`.
pub fn is_template_variable(s: &str) -> bool {
    let s = s.trim();
    s.contains("{{")
        || s.contains("${")
        || (s.starts_with('$') && s[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
        || (s.starts_with('<') && s.ends_with('>'))
        || (s.starts_with('[') && s.ends_with(']'))
        || s.starts_with("YOUR_")
        || s.starts_with("your-")
        || s.starts_with("your_")
}

/// Words that open a placeholder: `[Your …]`, `[Insert …]`, `<your-…>`.
const OPENERS: &[&str] = &[
    "your",
    "insert",
    "enter ",
    "add your",
    "replace",
    "fill in",
    "specify",
    "provide ",
    "describe",
    "brief ",
    "optional",
    "to be ",
    "tbd",
    "todo",
    "placeholder",
    "project name",
    "company name",
    "organization name",
    "contact email",
    "security email",
    "email address",
    "link to",
    "url to",
    "url of",
    "name of",
    "date of",
    "x.y",
];

/// Whole contents that are placeholders when not a defined link label.
const GENERIC: &[&str] = &[
    "name",
    "email",
    "e-mail",
    "username",
    "user name",
    "date",
    "link",
    "url",
    "version",
    "phone",
    "phone number",
    "company",
    "organization",
    "organisation",
    "project",
    "contact",
    "yyyy-mm-dd",
    "description",
    "website",
    "domain",
    "maintainer",
    "team name",
];

/// Words that make a bracketed phrase an instruction to the author even
/// when it starts with no known word: `[Backup phone number, if any]`,
/// `[key fingerprint goes here]`.
const CUES: &[&str] = &[
    " here",
    "if any",
    "if applicable",
    "if available",
    "e.g.",
    "goes here",
];

/// Upper-case words that make `[PROJECT NAME]`-style text a placeholder.
const SHOUTED: &[&str] = &[
    "EMAIL", "NAME", "INSERT", "YOUR", "URL", "LINK", "DATE", "PROJECT", "COMPANY", "ADDRESS",
];

/// Whether the inside of `[…]` or `<…>` reads as "fill me in".
fn placeholder_words(inner: &str, labels: &[String]) -> bool {
    let t = inner.trim();
    let lower = t.to_lowercase();
    // `[optional]` alone annotates a field ("PGP key [optional]").
    if t.is_empty() || t.len() > 80 || labels.contains(&lower) || lower == "optional" {
        return false;
    }
    if OPENERS.iter().any(|o| lower.starts_with(o)) || GENERIC.contains(&lower.as_str()) {
        return true;
    }
    let words: Vec<&str> = t.split([' ', '_', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() >= 2 && CUES.iter().any(|c| lower.contains(c)) {
        return true;
    }
    words.len() >= 2
        && t.chars().all(|c| !c.is_lowercase())
        && words.iter().any(|w| SHOUTED.contains(w))
}

/// Environment variables that look like `$VARIABLES` in prose,
/// and currencies or tokens written `$ETH`.
const ENV_VARS: &[&str] = &[
    "USD", "USDC", "USDT", "EUR", "GBP", "ETH", "BTC", "DAI", "SOL", "ARB", "MATIC", "HOME",
    "PATH", "USER", "PWD", "SHELL", "TMPDIR", "TMP", "TEMP", "LANG", "EDITOR", "HOSTNAME", "UID",
    "GOPATH",
];

/// Placeholders inside one piece of prose: `[…]`, `<…>` (as text),
/// `{{…}}`, `$Var`, `YOUR_X`, and GitHub's template sentences.
pub fn in_prose(s: &str, labels: &[String]) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'[' | b'<' => {
                let close = if c == b'[' { ']' } else { '>' };
                let Some(len) = s[i + 1..].find([close, '[', '<', '\n']) else {
                    continue;
                };
                let end = i + 1 + len;
                if b[end] != close as u8 {
                    continue;
                }
                let inner = &s[i + 1..end];
                let next = b.get(end + 1).copied();
                // Links: `[text](…)`, `[text][ref]`, `![alt]`; footnotes; task boxes.
                let linked = c == b'['
                    && (matches!(next, Some(b'(' | b'['))
                        || (i > 0 && matches!(b[i - 1], b']' | b'!')));
                if linked || inner.starts_with('^') || matches!(inner, " " | "x" | "X" | "") {
                    continue;
                }
                if c == b'[' && inner.eq_ignore_ascii_case("email protected") {
                    out.push(found(
                        i..end + 1,
                        "`[email protected]` is an address hidden by Cloudflare's email protection \
                         (copied from a web page); write the real address"
                            .into(),
                    ));
                } else if placeholder_words(inner, labels) {
                    out.push(found(
                        i..end + 1,
                        format!(
                            "template placeholder `{}` left in the policy; replace it with the real value",
                            &s[i..end + 1]
                        ),
                    ));
                }
            }
            // `(to be published)`, `(Provide contact email here)`; not a
            // link's destination `](…)`.
            b'(' if i == 0 || b[i - 1] != b']' => {
                let Some(len) = s[i + 1..].find([')', '(', '\n']) else {
                    continue;
                };
                let end = i + 1 + len;
                if b[end] == b')' && paren_instruction(&s[i + 1..end]) {
                    out.push(found(
                        i..end + 1,
                        format!(
                            "author's note `{}` left in the policy; write the real text",
                            &s[i..end + 1]
                        ),
                    ));
                }
            }
            // `security@____`: a blank for the address.
            b'@' if s[i + 1..].starts_with("___") => {
                let start = s[..i]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
                    .last()
                    .map_or(i, |(k, _)| k);
                let end = i
                    + 1
                    + s[i + 1..]
                        .find(|c: char| c != '_')
                        .unwrap_or(s.len() - i - 1);
                out.push(found(
                    start..end,
                    format!(
                        "placeholder address `{}` left in the policy; use the address reports should go to",
                        &s[start..end]
                    ),
                ));
            }
            b'{' if s[i..].starts_with("{{") && (i == 0 || b[i - 1] != b'{') => {
                if let Some(len) = s[i + 2..].find("}}").filter(|l| *l > 0 && *l <= 80) {
                    let end = i + 2 + len + 2;
                    if !s[i..end].contains('\n') {
                        out.push(variable(i..end, &s[i..end]));
                    }
                }
            }
            b'$' if i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'$' || b[i - 1] == b'\\') =>
            {
                let len = s[i + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(s.len() - i - 1);
                let name = &s[i + 1..i + 1 + len];
                let starts_alpha = name.starts_with(|c: char| c.is_ascii_alphabetic());
                let has_upper = name.chars().any(|c| c.is_ascii_uppercase());
                let env_like = name.contains('_') && !name.chars().any(|c| c.is_ascii_lowercase())
                    || ENV_VARS.contains(&name);
                if name.len() >= 3 && starts_alpha && has_upper && !env_like {
                    out.push(variable(i..i + 1 + len, &s[i..i + 1 + len]));
                }
            }
            b'Y' | b'I' | b'R' | b'E'
                if i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') =>
            {
                let len = s[i..]
                    .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
                    .unwrap_or(s.len() - i);
                let word = s[i..i + len].trim_end_matches('_');
                let prefixed = ["YOUR_", "INSERT_", "REPLACE_", "ENTER_"]
                    .iter()
                    .any(|p| word.starts_with(p) && word.len() > p.len());
                if prefixed {
                    out.push(variable(i..i + word.len(), word));
                }
            }
            _ => {}
        }
    }
    // Both lists in one pass over `s` (a pass per opening was a third of a
    // keystroke's analysis in a one-chunk 1 MB list), then each opening's
    // starts in list order, as a `find_caseless` loop per opening found
    // them: the findings keep their order.
    let starts = OPENINGS.starts(s);
    for (k, opening) in OPENINGS.phrases.iter().enumerate() {
        let guidance = k < GUIDANCE.len();
        let mut from = 0;
        let mut mine = starts.iter().filter(|(p, _)| *p == k).map(|(_, at)| *at);
        while let Some(start) = mine.find(|&at| at >= from) {
            let quoted = &s[start..start + caseless_len(&s[start..], opening)];
            let stops: &[&str] = if guidance {
                &[". ", ".\n", ":\n", "。"]
            } else {
                &[". ", ".\n", "。"]
            };
            let end = stops
                .iter()
                .filter_map(|stop| {
                    s[start..]
                        .find(stop)
                        .map(|e| start + e + stop.trim_end().len())
                })
                .min()
                .unwrap_or_else(|| s.trim_end().len().max(start + quoted.len()));
            let message = if guidance {
                format!("guidance for the author `{quoted}…` left in the policy; remove it")
            } else {
                format!("GitHub's template text `{quoted}…` left in the policy; write your own")
            };
            out.push(found(start..end, message));
            from = end.max(start + 1);
        }
    }
    out
}

/// The openings of GitHub's SECURITY.md template sentences, as written and
/// as people translate them, compared without case.
const TEMPLATE_SENTENCES: &[&str] = &[
    "Use this section to tell people",
    "Tell them where to go, how often to expect",
    "Usa esta sección para",
    "Utiliza esta sección para",
    "Diles a dónde deben ir",
    "Use esta seção para",
    "Utilize esta seção para",
    "Use esta secção para",
    "Utilisez cette section pour",
    "Utilise cette section pour",
    "Dites-leur où aller",
    "Verwenden Sie diesen Abschnitt",
    "Verwende diesen Abschnitt",
    "Nutzen Sie diesen Abschnitt",
    "Usa questa sezione per",
    "Utilizza questa sezione per",
    "Используйте этот раздел",
    "このセクションを使用して",
    "このセクションを使って",
    "使用此部分",
    "使用本节",
    "使用此节",
    "이 섹션을 사용하여",
];

/// Openings of text that talks to the policy's author instead of its
/// readers: a generator's or chat assistant's answer pasted as is.
const GUIDANCE: &[&str] = &[
    "Feel free to customize",
    "Feel free to modify",
    "Feel free to adapt",
    "Here's an expanded",
    "Here is an expanded",
    "Here's a revised",
    "Here is a revised",
    "Here's an updated",
    "Here's a template",
    "Here is a template",
    "Customize this template",
    "Replace the placeholder",
    "Remember to replace",
    "Make sure to replace",
    "Be sure to replace",
];

/// Whether `s` starts with `pattern`, compared without case; its length in
/// `s` if so.
fn caseless_len(s: &str, pattern: &str) -> usize {
    let mut chars = s.char_indices();
    for p in pattern.chars() {
        match chars.next() {
            // ASCII against ASCII, nearly always: one comparison instead of
            // two Unicode case mappings (this runs at every candidate start
            // of every prose range, 70,000 of them in a 35,000-row table).
            Some((_, c)) if c.is_ascii() && p.is_ascii() => {
                if !c.eq_ignore_ascii_case(&p) {
                    return 0;
                }
            }
            Some((_, c)) if c.to_lowercase().eq(p.to_lowercase()) => {}
            _ => return 0,
        }
    }
    chars.next().map_or(s.len(), |(i, _)| i)
}

/// `GUIDANCE` then `TEMPLATE_SENTENCES`, searched together.
static OPENINGS: LazyLock<Openings> =
    LazyLock::new(|| Openings::new(GUIDANCE.iter().chain(TEMPLATE_SENTENCES).copied().collect()));

/// Openings compared without case (`caseless_len`), all found in one pass.
struct Openings {
    phrases: Vec<&'static str>,
    /// For an ASCII byte, the openings (a bit each) whose first character
    /// it can be, without case.
    first: [u64; 128],
    /// For an ASCII byte, the openings whose second character it can be
    /// (and those of one character).
    second: [u64; 128],
    /// Each opening's first character lowercased, to compare a non-ASCII
    /// character of the text with (lowercased once, not once per opening).
    first_lower: Vec<Vec<char>>,
}

impl Openings {
    fn new(phrases: Vec<&'static str>) -> Self {
        assert!(phrases.len() <= 64, "one bit per opening");
        let caseless = |c: char, p: char| c.to_lowercase().eq(p.to_lowercase());
        let mut first = [0u64; 128];
        let mut second = [0u64; 128];
        for (k, phrase) in phrases.iter().enumerate() {
            let mut chars = phrase.chars();
            let (p1, p2) = (chars.next(), chars.next());
            for b in 0..128u8 {
                let c = char::from(b);
                if p1.is_some_and(|p| caseless(c, p)) {
                    first[usize::from(b)] |= 1 << k;
                }
                if p2.is_none_or(|p| caseless(c, p)) {
                    second[usize::from(b)] |= 1 << k;
                }
            }
        }
        let first_lower = phrases
            .iter()
            .map(|p| {
                p.chars()
                    .next()
                    .map_or(Vec::new(), |c| c.to_lowercase().collect())
            })
            .collect();
        Openings {
            phrases,
            first,
            second,
            first_lower,
        }
    }

    /// Every `(opening, start)` in `s`, by start: the char boundaries where
    /// `caseless_len` says the opening starts. The byte tables only skip
    /// places where an opening's first or second character cannot be;
    /// `caseless_len` decides as before (so the Kelvin sign still reads as
    /// `k`, and `ИСПОЛЬЗУЙТЕ` as `Используйте`).
    fn starts(&self, s: &str) -> Vec<(usize, usize)> {
        let all = u64::MAX >> (64 - self.phrases.len());
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            let mut candidates = if b.is_ascii() {
                let next = match bytes.get(i + 1) {
                    Some(&n) if n.is_ascii() => self.second[usize::from(n)],
                    _ => all,
                };
                self.first[usize::from(b)] & next
            } else if s.is_char_boundary(i) {
                // A character lowercases to at most three.
                let mut lower = ['\0'; 3];
                let mut n = 0;
                for (slot, l) in lower.iter_mut().zip(
                    s[i..]
                        .chars()
                        .next()
                        .into_iter()
                        .flat_map(char::to_lowercase),
                ) {
                    *slot = l;
                    n += 1;
                }
                let mut m = 0;
                for (k, f) in self.first_lower.iter().enumerate() {
                    if f.as_slice() == &lower[..n] {
                        m |= 1 << k;
                    }
                }
                m
            } else {
                0
            };
            while candidates != 0 {
                let k = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                if caseless_len(&s[i..], self.phrases[k]) > 0 {
                    out.push((k, i));
                }
            }
        }
        out
    }
}

/// Phrases that say a value is still to be decided, in the main languages.
const UNDECIDED: &[&str] = &[
    "to be defined",
    "to be determined",
    "to be decided",
    "to be announced",
    "to be confirmed",
    "to be published",
    "to be added",
    "to be provided",
    "to be completed",
    "por definir",
    "a definir",
    "à définir",
    "a définir",
    "à déterminer",
    "noch festzulegen",
    "noch zu definieren",
    "noch offen",
    "da definire",
    "da stabilire",
    "待定",
    "未定",
];

/// Whether the inside of `(…)` is a note to the author: "to be defined" and
/// its translations, "placeholder", "provide … here", "insert …".
fn paren_instruction(inner: &str) -> bool {
    let t = inner.trim();
    let lower = t.to_lowercase();
    if t.is_empty() || t.chars().count() > 80 {
        return false;
    }
    UNDECIDED.contains(&lower.as_str())
        || [
            "placeholder",
            "tbd",
            "todo",
            "insert ",
            "fill in ",
            "add your ",
            "enter your ",
        ]
        .iter()
        .any(|o| lower == o.trim_end() || lower.starts_with(o))
        || (["provide ", "replace "]
            .iter()
            .any(|o| lower.starts_with(o))
            && CUES.iter().any(|c| lower.contains(c)))
}

const MARKER_WORDS: &[&str] = &["TBD", "TODO"];

/// `MARKER_WORDS` then `UNDECIDED`, without ASCII case: one pass over each
/// prose range instead of a lowercased copy of it and a search per phrase.
static MARKERS: LazyLock<Phrases> = LazyLock::new(|| {
    let all: Vec<&str> = MARKER_WORDS.iter().chain(UNDECIDED).copied().collect();
    Phrases::ascii_caseless(&all)
});

/// Whether [`standalone_markers`] could find anything in the prose `s`:
/// one of its words or phrases occurs in it. Without one its answer is
/// empty whatever surrounds `s`, so `placeholder` can keep this per prose
/// range between keystrokes and look at the range's line only when true.
pub fn may_have_standalone_markers(s: &str) -> bool {
    MARKERS.hits(s).next().is_some()
}

/// `TBD` / `TODO` standing alone: the whole line (after list, quote and
/// heading markers and emphasis), a line starting `TODO:`, the value of a
/// `Label:` line, or a sentence of its own. `text` is the chunk, `prose` one prose range of it; ranges are
/// chunk-relative.
pub fn standalone_markers(text: &str, prose: Range<usize>) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let s = &text[prose.clone()];
    let hits: Vec<Hit> = MARKERS.hits(s).collect();
    // Each marker's occurrences, left to right and not overlapping, as a
    // `find` loop per marker gave; `TBD` and `TODO` in capitals only, the
    // phrases in any ASCII case (they were searched in the text lowercased).
    for (k, word) in MARKER_WORDS.iter().chain(UNDECIDED).enumerate() {
        let mut from = 0;
        let mut mine = hits
            .iter()
            .filter(|h| h.phrase == k && (k >= MARKER_WORDS.len() || &s[h.start..h.end] == *word))
            .map(|h| h.start);
        while let Some(at) = mine.find(|&at| at >= from) {
            let start = prose.start + at;
            let end = start + word.len();
            from = at + word.len();
            let tb = text.as_bytes();
            let bounded = (start == 0 || !tb[start - 1].is_ascii_alphanumeric())
                && tb.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
            if !bounded {
                continue;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            let before = text[line_start..start]
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '-' | '*' | '+' | '>' | '#' | '_')
                })
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')', ' ', '*', '_']);
            let after = text[end..line_end].trim_end();
            let alone = before.is_empty()
                && (after
                    .trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '*' | '_'))
                    .is_empty()
                    || after.starts_with(':'));
            let sentence =
                (before.ends_with(". ") || before.ends_with(".  ")) && matches!(after, "." | "");
            // `**Email:** TBD`: the value of a labelled line.
            let value = before
                .trim_end()
                .trim_end_matches(['*', '_'])
                .ends_with(':')
                && after
                    .trim_matches(|c: char| matches!(c, '.' | '!' | '*' | '_'))
                    .is_empty();
            if alone || sentence || value {
                out.push(found(
                    start..end,
                    format!(
                        "`{}` left in the policy; write the missing text",
                        &text[start..end]
                    ),
                ));
            }
        }
    }
    out
}

/// An inline HTML tag that is a placeholder: `<your-email>`.
pub fn html_placeholder(s: &str) -> Option<String> {
    let inner = s.strip_prefix('<')?.strip_suffix('>')?;
    let name_like = !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    (name_like && placeholder_words(&inner.replace(['-', '_'], " "), &[])).then(|| {
        format!("template placeholder `{s}` left in the policy; replace it with the real value")
    })
}

/// Why a domain is a template one, if it is.
pub fn template_domain(domain: &str) -> Option<String> {
    let d = domain.trim_end_matches('.').to_ascii_lowercase();
    let d = d.strip_prefix("www.").unwrap_or(&d);
    let labels: Vec<&str> = d.split('.').collect();
    let [.., name, tld] = labels.as_slice() else {
        return None;
    };
    let reg = format!("{name}.{tld}");
    if matches!(*tld, "example" | "test" | "invalid")
        || (*name == "example" && matches!(*tld, "com" | "org" | "net" | "edu"))
    {
        return Some(format!("{reg} is reserved for examples"));
    }
    if *tld == "tld" || labels.iter().any(|l| l.starts_with("your")) {
        return Some(format!("{reg} is a made-up domain"));
    }
    let made_up = name.starts_with("your")
        || matches!(
            *name,
            "company" | "domain" | "mycompany" | "mydomain" | "organization" | "yourorg"
        );
    (made_up && matches!(*tld, "com" | "org" | "net" | "io"))
        .then(|| format!("{reg} is a made-up domain"))
}

/// GitHub's example table: first cells 5.1.x, 5.0.x, 4.0.x, < 4.0.
pub fn github_example_table(t: &Table) -> Option<Placeholder> {
    let firsts: Vec<&str> = t
        .rows
        .iter()
        .filter_map(|r| r.cells.first())
        .map(|c| c.text.as_str())
        .collect();
    // Cell text is plain text, which drops the `<` of `< 4.0`.
    let template = matches!(
        firsts.as_slice(),
        ["5.1.x", "5.0.x", "4.0.x", "< 4.0" | "4.0"]
    );
    template.then(|| {
        found(
            t.range.start..t.rows.last().map_or(t.range.end, |r| r.range.end),
            "GitHub's example version table (5.1.x, 5.0.x, 4.0.x, < 4.0) left in the policy; \
             list the versions your project supports"
                .into(),
        )
    })
}

/// Cells that hold only `TBD` or `TODO`. `TBD` under a date or end-of-life
/// header means "not decided yet", a legitimate value.
pub fn tbd_cells(t: &Table) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let is_tbd = |text: &str| {
        let v = text.trim_end_matches('.');
        v.eq_ignore_ascii_case("tbd") || v.eq_ignore_ascii_case("todo")
    };
    for row in &t.rows {
        // A row of nothing but `TBD` cells (after its label) is one
        // unfinished row, one finding.
        let tbd = row.cells.iter().skip(1).filter(|c| is_tbd(&c.text)).count();
        if tbd >= 2 && tbd + 1 >= row.cells.len() {
            out.push(found(
                row.range.clone(),
                format!(
                    "A row of `TBD` cells left in a table ({tbd} cells); fill in the real values"
                ),
            ));
            continue;
        }
        for (i, cell) in row.cells.iter().enumerate() {
            let v = cell.text.trim_end_matches('.');
            if !(v.eq_ignore_ascii_case("tbd") || v.eq_ignore_ascii_case("todo")) {
                continue;
            }
            let header = t
                .header
                .cells
                .get(i)
                .map_or(String::new(), |c| c.text.to_lowercase());
            let datey = [
                "end", "eol", "life", "until", "date", "expir", "release", "planned", "eta",
            ]
            .iter()
            .any(|w| header.contains(w));
            if v.eq_ignore_ascii_case("tbd") && datey {
                continue;
            }
            out.push(found(
                cell.range.clone(),
                format!(
                    "`{}` left in a table cell; fill in the real value",
                    cell.text
                ),
            ));
        }
    }
    out
}

/// Armored PGP public key blocks without key material (fewer base64
/// characters than the smallest real key has), anywhere in `text`.
pub fn pgp_blocks(text: &str) -> Vec<Placeholder> {
    const BEGIN: &str = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    const END: &str = "-----END PGP PUBLIC KEY BLOCK-----";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(BEGIN) {
        let start = from + at;
        let body_start = start + BEGIN.len();
        let Some(end_at) = text[body_start..].find(END) else {
            break;
        };
        let end = body_start + end_at + END.len();
        from = end;
        let body = &text[body_start..body_start + end_at];
        let key_chars: usize = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.contains(": ") && !l.starts_with('='))
            .filter(|l| {
                l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
            })
            .map(str::len)
            .sum();
        // The smallest real keys (ed25519) armor to about 400 characters.
        if key_chars < 200 {
            out.push(found(
                start..end,
                "PGP key block has no key material; paste the real public key \
                 (`gpg --armor --export`) or remove the block"
                    .into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> Vec<&str> {
        in_prose(s, &[]).into_iter().map(|p| &s[p.range]).collect()
    }

    /// The one-pass scan finds, opening by opening, what a scan lowercasing
    /// every character finds, non-ASCII first characters and the Kelvin
    /// sign (lowercase `k`) included.
    #[test]
    fn opening_starts_match_a_char_by_char_scan() {
        let reference = |s: &str, pattern: &str| -> Vec<usize> {
            let Some(first) = pattern.chars().next() else {
                return Vec::new();
            };
            s.char_indices()
                .filter(|(_, c)| c.to_lowercase().eq(first.to_lowercase()))
                .map(|(i, _)| i)
                .filter(|&i| caseless_len(&s[i..], pattern) > 0)
                .collect()
        };
        let text = "Ärger: FEEL free to customize. \u{212A}eep; ИСПОЛЬЗУЙТЕ этот раздел, \
                    このセクションを使って; keep feel FREE to Customize \u{212A}\u{212A}e k\u{212A}eEp, \
                    use this section to tell people; ÄRGER ärger x.Y k";
        let patterns = vec![
            "Feel free to customize",
            "keep",
            "Используйте этот раздел",
            "このセクションを使って",
            "ärger",
            "Use this section to tell people",
            "k",
            "x.y",
        ];
        // The starts of opening `k` among every opening's.
        let of = |starts: &[(usize, usize)], k: usize| -> Vec<usize> {
            starts
                .iter()
                .filter(|(p, _)| *p == k)
                .map(|(_, i)| *i)
                .collect()
        };
        let scan = Openings::new(patterns.clone());
        let starts = scan.starts(text);
        for (k, pattern) in patterns.iter().enumerate() {
            assert_eq!(of(&starts, k), reference(text, pattern), "{pattern}");
        }
        assert!(starts.windows(2).all(|w| w[0].1 <= w[1].1));
        assert!(starts.contains(&(1, text.find('\u{212A}').unwrap_or(0))));
        // The real lists, on the text and on each of its suffixes.
        for (from, _) in text.char_indices() {
            let s = &text[from..];
            let starts = OPENINGS.starts(s);
            for (k, pattern) in OPENINGS.phrases.iter().enumerate() {
                assert_eq!(
                    of(&starts, k),
                    reference(s, pattern),
                    "{pattern} from {from}"
                );
            }
        }
    }

    /// `MARKERS` matches without ASCII case, which finds a phrase where the
    /// lowercased text holds it only if the phrase has no capital letter.
    #[test]
    fn undecided_phrases_are_lowercase() {
        for p in UNDECIDED {
            assert!(!p.bytes().any(|b| b.is_ascii_uppercase()), "{p}");
        }
    }

    /// The markers found in one pass are those a lowercased copy and a
    /// search per marker found.
    #[test]
    fn standalone_markers_match_a_search_per_marker() {
        let reference = |text: &str| -> Vec<Range<usize>> {
            let lower = text.to_ascii_lowercase();
            let mut out = Vec::new();
            for (word, s) in MARKER_WORDS
                .iter()
                .map(|w| (*w, text))
                .chain(UNDECIDED.iter().map(|w| (*w, lower.as_str())))
            {
                let mut from = 0;
                while let Some(at) = s[from..].find(word) {
                    out.push(from + at..from + at + word.len());
                    from += at + word.len();
                }
            }
            out
        };
        let text = "TBD\n- TODO\nEmail: To Be Defined\ntodo TBDTBD. TBD\n\
                    Date: TO BE DETERMINED.\nnoch festzulegen\n待定\nTODO: x\nà définir\nÀ DÉFINIR\n";
        let got: Vec<Range<usize>> = standalone_markers(text, 0..text.len())
            .into_iter()
            .map(|p| p.range)
            .collect();
        // Every finding is one of the reference's occurrences, in its order.
        let all = reference(text);
        let mut it = all.iter();
        for r in &got {
            assert!(it.any(|a| a == r), "{r:?} in {all:?}");
        }
        assert_eq!(
            got.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            [
                "TBD",
                "TBD",
                "TODO",
                "TODO",
                "To Be Defined",
                "TO BE DETERMINED",
                "à définir",
                "noch festzulegen",
                "待定"
            ]
        );
    }

    #[test]
    fn prose_recognisers() {
        assert_eq!(
            shown(
                "[INSERT EMAIL] [PROJECT NAME] [SECURITY] [at] $HOME $XDG_DIR $LINK ${X} YOUR_KEY_"
            ),
            vec!["[INSERT EMAIL]", "[PROJECT NAME]", "$LINK", "YOUR_KEY"]
        );
        assert_eq!(
            shown("[Name] [email] [1] [Y/N] key [optional] $ETH"),
            vec!["[Name]", "[email]"]
        );
        assert!(shown("[email]").len() == 1 && in_prose("[email]", &["email".into()]).is_empty());
    }

    #[test]
    fn domains() {
        assert!(template_domain("example.com").is_some());
        assert!(template_domain("sub.example.org").is_some());
        assert!(template_domain("your-organization.com").is_some());
        assert!(template_domain("acme.example").is_some());
        assert!(template_domain("examples.com").is_none());
        assert!(template_domain("github.com").is_none());
    }
}
