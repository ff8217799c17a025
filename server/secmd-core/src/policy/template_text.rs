//! Recognisers for template text, used by `placeholder` (and by
//! `invalid-email`, which leaves template variables to it).
//!
//! Every function works on plain strings and returns ranges relative to
//! what it was given, so each recogniser is testable on its own.

use crate::model::Table;
use std::ops::Range;

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
    for opening in GUIDANCE {
        let mut from = 0;
        while let Some(start) = find_caseless(s, opening, from) {
            let quoted = &s[start..start + caseless_len(&s[start..], opening)];
            let end = [
                ". ", ".
", ":
", "。",
            ]
            .iter()
            .filter_map(|stop| {
                s[start..]
                    .find(stop)
                    .map(|e| start + e + stop.trim_end().len())
            })
            .min()
            .unwrap_or_else(|| s.trim_end().len().max(start + quoted.len()));
            out.push(found(
                start..end,
                format!("guidance for the author `{quoted}…` left in the policy; remove it"),
            ));
            from = end.max(start + 1);
        }
    }
    for opening in TEMPLATE_SENTENCES {
        let mut from = 0;
        while let Some(start) = find_caseless(s, opening, from) {
            let quoted = &s[start..start + caseless_len(&s[start..], opening)];
            let end = [". ", ".\n", "。"]
                .iter()
                .filter_map(|stop| {
                    s[start..]
                        .find(stop)
                        .map(|e| start + e + stop.trim_end().len())
                })
                .min()
                .unwrap_or_else(|| s.trim_end().len().max(start + quoted.len()));
            out.push(found(
                start..end,
                format!("GitHub's template text `{quoted}…` left in the policy; write your own"),
            ));
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
            Some((_, c)) if c.to_lowercase().eq(p.to_lowercase()) => {}
            _ => return 0,
        }
    }
    chars.next().map_or(s.len(), |(i, _)| i)
}

/// The first place from byte `from` where `pattern` starts, without case.
/// Runs once per pattern over every prose range, so the scan is by byte:
/// ASCII bytes are compared with the pattern's first character lowercased
/// once, other characters decoded and compared as before
/// (lowercasing every character made this a third of a keystroke's
/// analysis in a one-chunk 1 MB table).
fn find_caseless(s: &str, pattern: &str, from: usize) -> Option<usize> {
    let first = pattern.chars().next()?;
    let matches_first = |c: char| c.to_lowercase().eq(first.to_lowercase());
    // An ASCII character lowercases to one ASCII character: it matches
    // when the first character lowercases to that one character.
    let mut lower = first.to_lowercase();
    let single_lower = match (lower.next(), lower.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        let candidate = if b.is_ascii() {
            Some(char::from(b.to_ascii_lowercase())) == single_lower
        } else if s.is_char_boundary(i) {
            s[i..].chars().next().is_some_and(matches_first)
        } else {
            false
        };
        if candidate && caseless_len(&s[i..], pattern) > 0 {
            return Some(i);
        }
        i += 1;
    }
    None
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

/// `TBD` / `TODO` standing alone: the whole line (after list, quote and
/// heading markers and emphasis), a line starting `TODO:`, the value of a
/// `Label:` line, or a sentence of its own. `text` is the chunk, `prose` one prose range of it; ranges are
/// chunk-relative.
pub fn standalone_markers(text: &str, prose: Range<usize>) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let s = &text[prose.clone()];
    let lower = s.to_ascii_lowercase();
    let words = ["TBD", "TODO"]
        .iter()
        .map(|w| (*w, s))
        .chain(UNDECIDED.iter().map(|w| (*w, lower.as_str())));
    for (word, s) in words {
        let mut from = 0;
        while let Some(at) = s[from..].find(word) {
            let start = prose.start + from + at;
            let end = start + word.len();
            from += at + word.len();
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

    /// The byte scan finds what a scan lowercasing every character finds,
    /// non-ASCII first characters and the Kelvin sign (lowercase `k`) included.
    #[test]
    fn find_caseless_matches_a_char_by_char_scan() {
        let reference = |s: &str, pattern: &str, from: usize| {
            let first = pattern.chars().next()?;
            s[from..]
                .char_indices()
                .filter(|(_, c)| c.to_lowercase().eq(first.to_lowercase()))
                .map(|(i, _)| from + i)
                .find(|&i| caseless_len(&s[i..], pattern) > 0)
        };
        let text = "Ärger: FEEL free to customize. \u{212A}eep; ИСПОЛЬЗУЙТЕ этот раздел, \
                    このセクションを使って; keep feel FREE to Customize";
        for pattern in [
            "Feel free to customize",
            "keep",
            "Используйте этот раздел",
            "このセクションを使って",
            "ärger",
        ] {
            for (from, _) in text.char_indices() {
                assert_eq!(
                    find_caseless(text, pattern, from),
                    reference(text, pattern, from),
                    "{pattern} from {from}"
                );
            }
        }
        assert_eq!(
            find_caseless(text, "keep", 0),
            Some(text.find('\u{212A}').unwrap_or(0))
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
