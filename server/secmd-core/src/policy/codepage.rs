//! Undoing a misread: which byte a character came from when UTF-8 text was
//! decoded as Windows-1252, Windows-1254 or Latin-1 (ISO-8859-1), and the
//! UTF-8 sequences such mangled text hides.
//!
//! Small hand-written tables instead of a code-page crate: only the 0x80–0xFF
//! halves of three code pages matter, and they differ in eight places.

use std::ops::Range;

/// Windows-1252 0x80–0x9F. `None` marks the bytes it leaves undefined, which
/// decoders drop, replace with U+FFFD or pass through as C1 controls.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Windows-1254 (Turkish) replaces six Latin-1 letters of 1252.
const CP1254_LETTERS: [(char, u8); 6] = [
    ('Ğ', 0xD0),
    ('İ', 0xDD),
    ('Ş', 0xDE),
    ('ğ', 0xF0),
    ('ı', 0xFD),
    ('ş', 0xFE),
];

/// Bytes Windows-1252 leaves undefined (Windows-1254 also leaves 0x8E and
/// 0x9E undefined; see [`lost_bytes`]).
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Which code page a mangled character points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CodePage {
    Windows1252,
    /// A C1 control character: the undefined byte survived as itself.
    Latin1,
    Windows1254,
}

impl CodePage {
    /// Every page, in the order a tie between them is settled (the most
    /// common misreading first).
    pub const ALL: [CodePage; 3] = [
        CodePage::Windows1252,
        CodePage::Windows1254,
        CodePage::Latin1,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CodePage::Windows1252 => "Windows-1252",
            CodePage::Latin1 => "Latin-1",
            CodePage::Windows1254 => "Windows-1254",
        }
    }
}

/// A set of code pages: the pages whose decoding explains some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pages(u8);

impl Pages {
    pub const ALL: Pages = Pages(0b111);

    pub fn of(page: CodePage) -> Pages {
        Pages(1 << page as u8)
    }

    pub fn contains(self, page: CodePage) -> bool {
        self.0 & Pages::of(page).0 != 0
    }

    pub fn and(self, other: Pages) -> Pages {
        Pages(self.0 & other.0)
    }

    fn with(self, page: CodePage) -> Pages {
        Pages(self.0 | Pages::of(page).0)
    }

    fn without(self, page: CodePage) -> Pages {
        Pages(self.0 & !Pages::of(page).0)
    }
}

/// Bytes where Windows-1254 has a Turkish letter and Windows-1252 and
/// Latin-1 another one (`ğ` and `ð` are both 0xF0).
const TURKISH_BYTES: [u8; 6] = [0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE];

/// The code pages whose decoding of some byte gives `c`. A C1 control is a
/// Latin-1 byte, or an undefined byte that a Windows decoder passed through;
/// U+FFFD a byte that one of the Windows pages left undefined (Latin-1
/// defines every byte).
pub fn pages_of(c: char) -> Pages {
    let cp = c as u32;
    let none = Pages(0);
    match cp {
        0xA0..=0xFF if TURKISH_BYTES.contains(&(cp as u8)) => {
            Pages::of(CodePage::Windows1252).with(CodePage::Latin1)
        }
        0xA0..=0xFF => Pages::ALL,
        0x80..=0x9F => {
            let b = cp as u8;
            let mut p = Pages::of(CodePage::Latin1);
            for page in [CodePage::Windows1252, CodePage::Windows1254] {
                if lost_bytes(page).contains(&b) {
                    p = p.with(page);
                }
            }
            p
        }
        0xFFFD => Pages::ALL.without(CodePage::Latin1),
        _ => {
            if let Some(i) = CP1252_HIGH.iter().position(|x| *x == Some(c)) {
                let p = Pages::of(CodePage::Windows1252);
                // 0x8E and 0x9E (Ž, ž) are undefined in Windows-1254.
                return if lost_bytes(CodePage::Windows1254).contains(&(0x80 + i as u8)) {
                    p
                } else {
                    p.with(CodePage::Windows1254)
                };
            }
            if CP1254_LETTERS.iter().any(|(l, _)| *l == c) {
                Pages::of(CodePage::Windows1254)
            } else {
                none
            }
        }
    }
}

/// What a character says about the original byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Byte(u8, CodePage),
    /// U+FFFD: a byte the decoder could not map (an undefined one).
    Lost,
}

/// The byte `c` was decoded from, if `c` can be the result of decoding a
/// byte 0x80–0xFF in one of the three code pages.
pub fn origin(c: char) -> Option<Origin> {
    let cp = c as u32;
    match cp {
        0xA0..=0xFF => Some(Origin::Byte(cp as u8, CodePage::Windows1252)),
        0x80..=0x9F => Some(Origin::Byte(cp as u8, CodePage::Latin1)),
        0xFFFD => Some(Origin::Lost),
        _ => {
            if let Some(i) = CP1252_HIGH.iter().position(|x| *x == Some(c)) {
                return Some(Origin::Byte(0x80 + i as u8, CodePage::Windows1252));
            }
            CP1254_LETTERS
                .iter()
                .find(|(l, _)| *l == c)
                .map(|(_, b)| Origin::Byte(*b, CodePage::Windows1254))
        }
    }
}

/// The bytes a decoder of `page` may have dropped.
pub fn lost_bytes(page: CodePage) -> &'static [u8] {
    match page {
        CodePage::Windows1254 => &[0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E],
        _ => &UNDEFINED_1252,
    }
}

/// A stretch of mangled text that decodes to one UTF-8 character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    /// The mangled characters' byte range in the scanned text.
    pub range: Range<usize>,
    /// What it may have been: one character when every byte survived,
    /// several when a byte was lost (unranked, deduplicated).
    pub decoded: Vec<char>,
    /// The range ends with a space that the first candidate decodes as a
    /// no-break space (0xA0, turned into a space by an editor); the other
    /// candidates leave that space as it is.
    pub eats_space: bool,
    /// Whether a byte was lost (the decoding is a reconstruction).
    pub lossy: bool,
    /// Only the lead byte is left: weak evidence on its own.
    pub bare: bool,
    /// The most specific code page seen in it.
    pub page: CodePage,
    /// The code pages whose decoding explains it (a lost byte rules out
    /// Latin-1, which defines every byte).
    pub pages: Pages,
}

/// Continuation bytes a lead byte needs.
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

fn decode(bytes: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(bytes).ok()?;
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Every place in `text` where characters map back to a complete UTF-8
/// multi-byte sequence, allowing one lost continuation byte per sequence
/// (dropped, or shown as U+FFFD). Plausibility is the caller's business.
///
/// A lost byte is one that `page` leaves undefined wherever `page` explains
/// the sequence (the code page named for the whole file, so that every
/// restoration of the file follows it), else one that the sequence's own
/// page leaves undefined.
pub fn sequences(text: &str, page: Option<CodePage>) -> Vec<Sequence> {
    let hint = page;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let Some(Origin::Byte(lead, lead_page)) = origin(c) else {
            i += 1;
            continue;
        };
        let Some(need) = continuation_count(lead) else {
            i += 1;
            continue;
        };
        let mut bytes = vec![lead];
        let mut page = lead_page;
        // Index in `bytes` of a U+FFFD, which stands for one lost byte.
        let mut hole: Option<usize> = None;
        let mut j = i + 1;
        while bytes.len() <= need && j < chars.len() {
            match origin(chars[j].1) {
                Some(Origin::Byte(b @ 0x80..=0xBF, p)) => {
                    bytes.push(b);
                    page = page.max(p);
                }
                Some(Origin::Lost) if hole.is_none() => {
                    hole = Some(bytes.len());
                    bytes.push(0);
                }
                _ => break,
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let got = bytes.len() - 1;
        let mut pages = chars[i..j]
            .iter()
            .fold(Pages::ALL, |p, (_, c)| p.and(pages_of(*c)));
        if got < need {
            // A dropped byte: not Latin-1, which defines every byte.
            pages = pages.without(CodePage::Latin1);
        }
        let lost = lost_bytes(hint.filter(|h| pages.contains(*h)).unwrap_or(page));
        let mut decoded = Vec::new();
        let mut lossy = true;
        let mut end = end;
        let mut eats_space = false;
        if got == need {
            match hole {
                None => {
                    lossy = false;
                    decoded.extend(decode(&bytes));
                }
                Some(h) => {
                    for &u in lost {
                        bytes[h] = u;
                        decoded.extend(decode(&bytes));
                    }
                }
            }
        } else if got + 1 == need && hole.is_none() {
            // One byte dropped somewhere after the lead. A lead alone
            // (`Ñ`, need 1) is only a candidate: the caller accepts it
            // between sequences of its script, so `NÃO` never counts.
            // Last position first: a deterministic order for equally
            // plausible candidates.
            for at in (1..=need).rev() {
                for &u in lost {
                    let mut b = bytes.clone();
                    b.insert(at, u);
                    decoded.extend(decode(&b));
                }
            }
            // An editor may have turned a no-break space (0xA0) into a space.
            if chars.get(j).is_some_and(|c| c.1 == ' ') {
                let mut b = bytes.clone();
                b.push(0xA0);
                if let Some(c) = decode(&b).filter(|c| !decoded.contains(c)) {
                    decoded.insert(0, c);
                    eats_space = true;
                    end += 1;
                }
            }
        }
        let mut seen = Vec::new();
        decoded.retain(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        });
        if decoded.is_empty() {
            i += 1;
            continue;
        }
        out.push(Sequence {
            range: start..end,
            decoded,
            eats_space,
            lossy,
            bare: got == 0,
            page,
            pages,
        });
        i = j;
    }
    out
}

/// `text` as a tool that decoded its UTF-8 as `page` would have saved it,
/// undefined bytes dropped: mojibake for tests, made from readable text.
#[cfg(test)]
pub(crate) fn misread(text: &str, page: CodePage) -> String {
    text.bytes()
        .filter_map(|b| match b {
            0x00..=0x7F => Some(char::from(b)),
            0x80..=0x9F if page == CodePage::Latin1 => Some(char::from(b)),
            0x80..=0x9F if lost_bytes(page).contains(&b) => None,
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => CP1254_LETTERS
                .iter()
                .find(|(_, x)| *x == b && page == CodePage::Windows1254)
                .map_or(Some(char::from(b)), |(l, _)| Some(*l)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misread_makes_the_usual_mojibake() {
        assert_eq!(misread("✅ é", CodePage::Windows1252), "âœ… Ã©");
        assert_eq!(misread("🚨", CodePage::Windows1254), "ğŸš¨");
        // ❌ is E2 9D 8C; 0x9D is undefined and dropped.
        assert_eq!(misread("❌", CodePage::Windows1252), "âŒ");
        assert_eq!(misread("É", CodePage::Latin1), "Ã\u{89}");
    }

    fn decoded(s: &str) -> Vec<(String, Vec<char>, bool)> {
        sequences(s, None)
            .into_iter()
            .map(|q| (s[q.range].to_string(), q.decoded, q.lossy))
            .collect()
    }

    #[test]
    fn complete_sequences_decode_to_one_character() {
        assert_eq!(
            decoded("a âœ… b Ã©"),
            vec![
                ("âœ…".into(), vec!['✅'], false),
                ("Ã©".into(), vec!['é'], false)
            ]
        );
        assert_eq!(decoded("ğŸš¨"), vec![("ğŸš¨".into(), vec!['🚨'], false)]);
        // Latin-1: the undefined byte survived as a C1 control.
        assert_eq!(
            decoded("ðŸ”\u{90}"),
            vec![("ðŸ”\u{90}".into(), vec!['🔐'], false)]
        );
    }

    #[test]
    fn lost_bytes_give_every_reconstruction() {
        let q = &decoded("âŒ.")[0];
        assert_eq!(q.0, "âŒ");
        assert!(q.1.contains(&'❌') && q.2);
        let q = &decoded("ðŸ”\u{FFFD}")[0];
        assert_eq!(q.1[..5], ['🔁', '🔍', '🔏', '🔐', '🔝']);
    }

    #[test]
    fn pages_that_explain_a_sequence() {
        let pages = |s: &str| sequences(s, None)[0].pages;
        let p = Pages::of;
        // `âœ…`: the same bytes in both Windows pages (and `œ` is no Latin-1 byte).
        assert_eq!(
            pages("âœ…"),
            p(CodePage::Windows1252).with(CodePage::Windows1254)
        );
        assert_eq!(pages("Ã©"), Pages::ALL);
        // 0xF0 is `ð` in Windows-1252 and Latin-1, `ğ` in Windows-1254.
        assert_eq!(pages("ðŸ”’"), p(CodePage::Windows1252));
        assert_eq!(pages("ğŸš¨"), p(CodePage::Windows1254));
        // A C1 control: Latin-1, or an undefined byte passed through.
        assert_eq!(pages("Ã\u{89}"), p(CodePage::Latin1));
        assert_eq!(pages("Ã\u{81}"), Pages::ALL);
        // `Ÿ` and `”` are no Latin-1 bytes: 0x90 passed through a
        // Windows-1252 decoder.
        assert_eq!(pages("ðŸ”\u{90}"), p(CodePage::Windows1252));
        // A lost byte rules out Latin-1.
        assert_eq!(
            pages("âŒ"),
            p(CodePage::Windows1252).with(CodePage::Windows1254)
        );
    }

    #[test]
    fn a_file_page_reads_lost_bytes_its_way() {
        // ➌ is E2 9E 8C: 0x9E is `ž` in Windows-1252 but undefined in
        // Windows-1254, so only a Windows-1254 file may have lost it.
        let q = |page| sequences("âŒ", page)[0].decoded.clone();
        assert!(!q(None).contains(&'➌'));
        assert!(q(Some(CodePage::Windows1254)).contains(&'➌'));
        assert_eq!(q(Some(CodePage::Windows1252)), q(None));
    }

    #[test]
    fn ordinary_accented_text_has_no_sequences() {
        // Only bare leads (`Ã` of `NÃO`), which the rule accepts only
        // between sequences of their script.
        let text = "NÃO, ação, déjà vu, Straße, değil, İŞ, naïve";
        assert!(sequences(text, None).iter().all(|q| q.bare));
    }
}
