//! Acknowledgement times in Korean, Hindi and Thai: "3일 이내에 답변드립니다",
//! "48 घंटों के भीतर जवाब देंगे", "ตอบกลับภายใน 7 วัน".
//!
//! A time is a number (ASCII, Devanagari or Thai digits) and a unit, with
//! the "within" of its language: after the unit in Korean (이내, 내, 안에)
//! and Hindi (के भीतर, के अंदर, में), before the number in Thai (ภายใน).
//! Whether it is about acknowledging is decided as for Japanese and
//! Chinese, by the nearest keyword (`super::about_ack`, after the time
//! first in Korean and Hindi, whose verbs come last): Thai writes no
//! spaces between words, and Korean and Hindi attach endings to them, so
//! keywords are matched inside the text.

use super::about_ack;
use crate::policy::sentences::Sentence;
use std::ops::Range;

/// Acknowledgement words: reply, answer, response, confirm, contact,
/// receipt (Korean, Thai, Hindi).
pub(super) const ACK: &[&str] = &[
    "답변",
    "회신",
    "응답",
    "답장",
    "확인",
    "연락",
    "접수",
    "ตอบกลับ",
    "ตอบรับ",
    "ตอบสนอง",
    "รับทราบ",
    "ยืนยัน",
    "ติดต่อ",
    "जवाब",
    "उत्तर",
    "प्रतिक्रिया",
    "पुष्टि",
    "संपर्क",
    "स्वीकार",
];

/// Fix and disclosure words: a time next to them is not a reply time.
pub(super) const OTHER: &[&str] = &[
    "수정",
    "패치",
    "공개",
    "릴리스",
    "배포",
    "해결",
    "출시",
    "แก้ไข",
    "แพตช์",
    "เผยแพร่",
    "เปิดเผย",
    "सुधार",
    "पैच",
    "प्रकाशित",
    "खुलासा",
    "रिलीज़",
    "समाधान",
];

/// Units as written after the number, longer forms first; (unit, days,
/// business days).
const UNITS: &[(&str, f64, bool)] = &[
    // Korean
    ("영업일", 1.0, true),
    ("시간", 1.0 / 24.0, false),
    ("주일", 7.0, false),
    ("개월", 30.0, false),
    ("일", 1.0, false),
    ("주", 7.0, false),
    ("달", 30.0, false),
    // Thai
    ("ชั่วโมง", 1.0 / 24.0, false),
    ("วันทำการ", 1.0, true),
    ("วัน", 1.0, false),
    ("สัปดาห์", 7.0, false),
    ("อาทิตย์", 7.0, false),
    ("เดือน", 30.0, false),
    // Hindi
    ("घंटों", 1.0 / 24.0, false),
    ("घंटे", 1.0 / 24.0, false),
    ("घंटा", 1.0 / 24.0, false),
    ("कार्य दिवसों", 1.0, true),
    ("कार्य दिवस", 1.0, true),
    ("कार्यदिवसों", 1.0, true),
    ("कार्यदिवस", 1.0, true),
    ("दिनों", 1.0, false),
    ("दिन", 1.0, false),
    ("सप्ताहों", 7.0, false),
    ("सप्ताह", 7.0, false),
    ("हफ़्तों", 7.0, false),
    ("हफ़्ते", 7.0, false),
    ("हफ्तों", 7.0, false),
    ("हफ्ते", 7.0, false),
    ("महीनों", 30.0, false),
    ("महीने", 30.0, false),
    ("महीना", 30.0, false),
];

/// "Within" after the unit (Korean, Hindi), longer forms first.
const WITHIN_AFTER: &[&str] = &["이내", "안에", "내", "के भीतर", "के अंदर", "भीतर", "अंदर", "में"];

/// "Within" before the number (Thai).
const WITHIN_BEFORE: &[&str] = &["ภายใน"];

/// Acknowledgement times stated in a sentence, in days, with their ranges.
pub(super) fn times(s: &Sentence) -> Vec<(f64, Range<usize>)> {
    let mut out = Vec::new();
    // Every unit is Korean, Thai or Hindi: an ASCII sentence (most, and
    // every row of a large versions table) states no such time.
    if s.lower().is_ascii() {
        return out;
    }
    let mut from = 0;
    while let Some((days, r)) = time_at(&s.lower()[from..], true) {
        let r = r.start + from..r.end + from;
        // Thai puts the verb before the time, Korean and Hindi after it.
        let thai = s.lower()[r.clone()].contains(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
        if about_ack(s.lower(), &r, ACK, OTHER, !thai) {
            out.push((days, s.range.start + r.start..s.range.start + r.end));
        }
        from = r.end;
    }
    out
}

/// The value of an ASCII, Devanagari or Thai digit.
fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
        .or_else(|| ('०'..='९').contains(&c).then(|| c as u32 - '०' as u32))
        .or_else(|| ('๐'..='๙').contains(&c).then(|| c as u32 - '๐' as u32))
}

/// The first time in `text` (in a table cell, `within` is false: the
/// column says what the time is). Days and the byte range, "within"
/// included.
pub(super) fn time_at(text: &str, within: bool) -> Option<(f64, Range<usize>)> {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let Some(first) = digit(c) else { continue };
        let mut n = first;
        let mut end = start + c.len_utf8();
        while let Some(&(i, ch)) = chars.peek() {
            let Some(d) = digit(ch) else { break };
            n = n.saturating_mul(10).saturating_add(d);
            end = i + ch.len_utf8();
            chars.next();
        }
        let rest = text[end..].trim_start();
        let Some((unit, days, business)) = UNITS.iter().find(|(u, ..)| rest.starts_with(u)) else {
            continue;
        };
        let after = &rest[unit.len()..];
        let trimmed = after.trim_start();
        let marker_after = WITHIN_AFTER
            .iter()
            .find(|w| trimmed.starts_with(*w))
            .map(|w| text.len() - trimmed.len() + w.len());
        let before = text[..start].trim_end();
        let marker_before = WITHIN_BEFORE
            .iter()
            .find(|w| before.ends_with(*w))
            .map(|w| before.len() - w.len());
        if within && marker_after.is_none() && marker_before.is_none() {
            continue;
        }
        let from = marker_before.unwrap_or(start);
        let to = marker_after.unwrap_or(text.len() - after.len());
        let n = f64::from(n);
        // Five business days make a calendar week.
        let days = if *business { n * 7.0 / 5.0 } else { n * days };
        return Some((days, from..to));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{time_at, UNITS};

    /// `times` skips ASCII sentences because no unit is ASCII.
    #[test]
    fn no_unit_is_ascii() {
        assert_eq!(UNITS.iter().filter(|(u, ..)| u.is_ascii()).count(), 0);
    }

    #[test]
    fn reads_times_with_their_within() {
        fn t(s: &str) -> Option<(f64, &str)> {
            time_at(s, true).map(|(d, r)| (d, &s[r]))
        }
        assert_eq!(t("접수 후 3일 이내에 답변"), Some((3.0, "3일 이내")));
        assert_eq!(t("48시간 내 회신"), Some((2.0, "48시간 내")));
        assert_eq!(t("5 영업일 이내"), Some((7.0, "5 영업일 이내")));
        assert_eq!(t("เราจะตอบกลับภายใน 7 วัน"), Some((7.0, "ภายใน 7 วัน")));
        assert_eq!(t("ภายใน ๒ สัปดาห์"), Some((14.0, "ภายใน ๒ สัปดาห์")));
        assert_eq!(t("हम 48 घंटों के भीतर जवाब देंगे"), Some((2.0, "48 घंटों के भीतर")));
        assert_eq!(t("७ दिनों में"), Some((7.0, "७ दिनों में")));
        // No "within": a date or a count, not a promise.
        assert_eq!(t("2024년 3월 1일 출시"), None);
        assert_eq!(t("3 दिन पहले"), None);
        assert_eq!(time_at("24시간", false).map(|(d, _)| d), Some(1.0));
    }
}
