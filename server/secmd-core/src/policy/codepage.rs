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
    pub fn name(self) -> &'static str {
        match self {
            CodePage::Windows1252 => "Windows-1252",
            CodePage::Latin1 => "Latin-1",
            CodePage::Windows1254 => "Windows-1254",
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
pub fn sequences(text: &str) -> Vec<Sequence> {
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
        let lost = lost_bytes(page);
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
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(s: &str) -> Vec<(String, Vec<char>, bool)> {
        sequences(s)
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
    fn ordinary_accented_text_has_no_sequences() {
        // Only bare leads (`Ã` of `NÃO`), which the rule accepts only
        // between sequences of their script.
        let text = "NÃO, ação, déjà vu, Straße, değil, İŞ, naïve";
        assert!(sequences(text).iter().all(|q| q.bare));
    }
}
