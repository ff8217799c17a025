//! Acknowledgement times in Russian, Dutch and Arabic: "ответим в течение
//! 48 часов", "wij reageren binnen 5 werkdagen", "سنرد خلال ٤٨ ساعة".
//!
//! A time is an optional number (digits, Arabic-Indic digits or a number
//! word), a unit and the "within" before it (в течение, binnen, خلال, في
//! غضون). Russian and Arabic inflect the unit with the number ("48 часов",
//! "2 дня", "недели" alone for "a week"; "48 ساعة", "يومين" for two days),
//! so units are matched by their stem at the start of a word, and a unit
//! without a number counts once (or twice, for the Arabic dual).
//!
//! Whether a time is about acknowledging is decided as for the other
//! languages that attach endings to words, by the nearest keyword matched
//! inside the text (`super::about_ack`): before the time first in Russian
//! and Arabic, whose verbs mostly come first ("мы ответим в течение…");
//! after it first in Dutch, whose verbs go last after a modal or in a
//! subordinate clause ("wij zullen uw melding binnen 5 werkdagen
//! bevestigen"), looking after it only up to the end of its clause, so that
//! "wij reageren binnen 48 uur en publiceren binnen 90 dagen een oplossing"
//! keeps its reply time.
//!
//! A negation before the time makes it a deadline for the reporter ("если
//! мы не ответим в течение 30 дней…", "als wij niet binnen 30 dagen
//! reageren…", "إذا لم نرد خلال 30 يومًا…"), unless the reporter is the
//! one who did not receive something ("если вы не получите ответ…"). Dutch
//! also puts the negation after the time in a conditional clause ("als wij
//! binnen 30 dagen geen reactie geven").

use super::about_ack;
use crate::policy::sentences::Sentence;
use crate::text::phrases::Phrases;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// Acknowledgement words and stems: reply, response, confirm, receipt,
/// contact, review (Russian, Dutch, Arabic).
pub(super) const ACK: &[&str] = &[
    // Russian: forms of "ответ", not "ответственный" (responsible, as in
    // "ответственное раскрытие").
    "ответим",
    "ответит",
    "ответят",
    "ответить",
    "ответа",
    "ответе",
    "ответом",
    "ответы",
    "ответ ",
    "ответ,",
    "ответ.",
    "отвеч",
    "подтвер",
    "свяжемся",
    "свяжется",
    "реакци",
    "реагир",
    "отклик",
    "рассмотр",
    // Dutch
    "reageren",
    "reageert",
    "reageer",
    "reactie",
    "antwoord",
    "bevestig",
    "ontvangst",
    "contact",
    "terugkoppeling",
    "hoort",
    "horen",
    "beoordel",
    // Arabic
    "الرد",
    "نرد",
    "ردًا",
    "ردا",
    "استجابة",
    "الاستجابة",
    "نستجيب",
    "إقرار",
    "الإقرار",
    "استلام",
    "تأكيد",
    "نتواصل",
    "التواصل",
    "الإجابة",
];

/// Fix and disclosure words and stems: a time next to them is not a reply
/// time.
pub(super) const OTHER: &[&str] = &[
    // Russian
    "исправ",
    "патч",
    "устран",
    "выпуск",
    "выпуст",
    "релиз",
    "обновлен",
    "раскры",
    "публик",
    // Dutch
    "oplossing",
    "oplossen",
    "opgelost",
    "verhelp",
    "herstel",
    "patch",
    "fix",
    "release",
    "uitbrengen",
    "publicatie",
    "publiceren",
    "openbaar",
    "bekendmaking",
    "update",
    // Arabic
    "إصلاح",
    "الإصلاح",
    "تصحيح",
    "ترقيع",
    "إصدار",
    "الإفصاح",
    "الكشف",
    "نشر",
    "تحديث",
];

/// "Within", before the time; longer forms first.
const WITHIN: &[&str] = &[
    "в течение",
    "в течении",
    "в пределах",
    "не позднее",
    "не более",
    "до",
    "binnen",
    "في غضون",
    "غضون",
    "خلال",
];

/// Words that may stand between "within" and the time ("binnen maximaal 5
/// werkdagen", "в течение максимум 48 часов").
const FILLERS: &[&str] = &[
    "maximaal",
    "uiterlijk",
    "ongeveer",
    "hooguit",
    "максимум",
    "примерно",
    "около",
    "чем",
];

/// A unit: its stem, its length in days, whether it counts business days,
/// and the count it stands for without a number (2 for an Arabic dual).
type Unit = (&'static str, f64, bool, f64);

/// Units as stems at the start of the word after the number, longer forms
/// first.
const UNITS: &[Unit] = &[
    // Russian: час/часа/часов, сутки/суток, день/дня/дней,
    // неделя/недели/недель, месяц/месяца/месяцев.
    ("рабочих дн", 1.0, true, 1.0),
    ("рабочего дн", 1.0, true, 1.0),
    ("рабочий день", 1.0, true, 1.0),
    ("рабочие дни", 1.0, true, 1.0),
    ("час", 1.0 / 24.0, false, 1.0),
    ("сут", 1.0, false, 1.0),
    ("день", 1.0, false, 1.0),
    ("дн", 1.0, false, 1.0),
    ("недел", 7.0, false, 1.0),
    ("месяц", 30.0, false, 1.0),
    // Dutch
    ("werkdag", 1.0, true, 1.0),
    ("uur", 1.0 / 24.0, false, 1.0),
    ("uren", 1.0 / 24.0, false, 1.0),
    ("dag", 1.0, false, 1.0),
    ("week", 7.0, false, 1.0),
    ("weken", 7.0, false, 1.0),
    ("maand", 30.0, false, 1.0),
    // Arabic, with and without hamza; the dual counts two.
    ("ساعتين", 1.0 / 24.0, false, 2.0),
    ("ساعة", 1.0 / 24.0, false, 1.0),
    ("ساعات", 1.0 / 24.0, false, 1.0),
    ("أيام عمل", 1.0, true, 1.0),
    ("ايام عمل", 1.0, true, 1.0),
    ("يوم عمل", 1.0, true, 1.0),
    ("يومي عمل", 1.0, true, 2.0),
    ("يومين", 1.0, false, 2.0),
    ("أيام", 1.0, false, 1.0),
    ("ايام", 1.0, false, 1.0),
    ("يوم", 1.0, false, 1.0),
    ("أسبوعين", 7.0, false, 2.0),
    ("اسبوعين", 7.0, false, 2.0),
    ("أسابيع", 7.0, false, 1.0),
    ("اسابيع", 7.0, false, 1.0),
    ("أسبوع", 7.0, false, 1.0),
    ("اسبوع", 7.0, false, 1.0),
    ("شهرين", 30.0, false, 2.0),
    ("أشهر", 30.0, false, 1.0),
    ("اشهر", 30.0, false, 1.0),
    ("شهر", 30.0, false, 1.0),
];

/// Number words, as they stand before a unit (Russian genitive forms
/// included: "в течение двух недель").
const NUMBERS: &[(&str, f64)] = &[
    ("один", 1.0),
    ("одна", 1.0),
    ("одну", 1.0),
    ("одного", 1.0),
    ("одной", 1.0),
    ("два", 2.0),
    ("две", 2.0),
    ("двух", 2.0),
    ("три", 3.0),
    ("трёх", 3.0),
    ("трех", 3.0),
    ("нескольких", 3.0),
    ("несколько", 3.0),
    ("четыре", 4.0),
    ("четырёх", 4.0),
    ("четырех", 4.0),
    ("пять", 5.0),
    ("пяти", 5.0),
    ("семь", 7.0),
    ("семи", 7.0),
    ("десять", 10.0),
    ("десяти", 10.0),
    ("четырнадцать", 14.0),
    ("четырнадцати", 14.0),
    ("тридцать", 30.0),
    ("тридцати", 30.0),
    ("een paar", 3.0),
    ("enkele", 3.0),
    ("een", 1.0),
    ("één", 1.0),
    ("twee", 2.0),
    ("drie", 3.0),
    ("vier", 4.0),
    ("vijf", 5.0),
    ("zeven", 7.0),
    ("tien", 10.0),
    ("veertien", 14.0),
    ("dertig", 30.0),
    ("واحد", 1.0),
    ("ثلاثة", 3.0),
    ("ثلاث", 3.0),
    ("خمسة", 5.0),
    ("خمس", 5.0),
    ("سبعة", 7.0),
    ("سبع", 7.0),
    ("عشرة", 10.0),
];

/// Negations that make a time a deadline for the reporter.
const NEGATIONS: &[&str] = &["не", "нет", "niet", "geen", "لم", "لا", "لن"];

/// Receiving verbs that turn a negation back into a promise ("если вы не
/// получите ответ", "als u niet binnen 5 dagen een reactie ontvangt", "إذا
/// لم تتلق ردًا").
const RECEIVING: &[&str] = &["получ", "ontvang", "hoort", "تتلق", "تستلم"];

/// Conditionals: Dutch puts the negation after the time only in them.
const CONDITIONALS: &[&str] = &["als", "indien", "wanneer"];

/// Acknowledgement times stated in a sentence, in days, with their ranges.
pub(super) fn times(s: &Sentence) -> Vec<(f64, Range<usize>)> {
    // `s.lower()` lowercases ASCII only; Cyrillic capitals must fold too.
    // An ASCII sentence is folded already: no copy of it on every keystroke.
    let lower: Cow<'_, str> = if s.lower().is_ascii() {
        Cow::Borrowed(s.lower())
    } else {
        Cow::Owned(fold(s.lower()))
    };
    // Most sentences hold no "within" of these languages: skip the scan
    // (one pass for all of them).
    static ANY_WITHIN: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(WITHIN));
    if !ANY_WITHIN.any_in(&lower) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(t) = find(&lower[from..], true) {
        let time = t.time.start + from..t.time.end + from;
        let marker = t.marker + from;
        from = time.end;
        let dutch = latin(&lower[time.clone()]);
        let ack = if dutch {
            // After the time up to the end of its clause, then before it.
            let clause_end = clause_end(&lower, time.end);
            about_ack(&lower[..clause_end], &time, ACK, OTHER, true)
        } else {
            about_ack(&lower, &time, ACK, OTHER, false)
        };
        if ack && !deadline(&lower, marker, &time, dutch) {
            out.push((
                days_of(&t),
                s.range.start + time.start..s.range.start + time.end,
            ));
        }
    }
    out
}

/// Whether `s` is written in the Latin script (Dutch with its accents).
fn latin(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c))
}

/// The end of the clause that starts before `at`: the next comma,
/// semicolon, colon or "en"/"maar" (Dutch coordinators), or the end.
fn clause_end(lower: &str, at: usize) -> usize {
    let rest = &lower[at..];
    [",", ";", ":", " en ", " maar ", " of "]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
        .map_or(lower.len(), |i| at + i)
}

/// Whether the time is a deadline for the reporter: a negation before the
/// "within" (or, in a Dutch conditional, in the clause after the time) and
/// no receiving verb.
fn deadline(lower: &str, marker: usize, time: &Range<usize>, dutch: bool) -> bool {
    let before = words(&lower[..marker]);
    let mut negated = before.iter().any(|w| NEGATIONS.contains(w));
    if dutch && !negated && before.iter().any(|w| CONDITIONALS.contains(w)) {
        let after = &lower[time.end..clause_end(lower, time.end)];
        negated = words(after).iter().any(|w| NEGATIONS.contains(w));
    }
    negated && !RECEIVING.iter().any(|r| lower.contains(r))
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Lowercases letters whose lowercase has the same UTF-8 length (Cyrillic,
/// Latin), so that byte offsets stay those of the text.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// A time found in a text.
struct Found {
    /// The number (or the unit's implied count) and the unit.
    time: Range<usize>,
    /// Where its "within" starts (the time's start in a table cell).
    marker: usize,
    count: f64,
    days: f64,
    business: bool,
}

fn days_of(t: &Found) -> f64 {
    // Five business days make a calendar week.
    if t.business {
        t.count * t.days * 7.0 / 5.0
    } else {
        t.count * t.days
    }
}

/// The first time in `text` (already folded to lower case) and its length
/// in days: after a "within" when `within` (in sentences), anywhere
/// otherwise (in a table cell, whose column says what the time is).
pub(super) fn time_at(text: &str, within: bool) -> Option<(f64, Range<usize>)> {
    let text = fold(text);
    find(&text, within).map(|t| (days_of(&t), t.time))
}

fn find(text: &str, within: bool) -> Option<Found> {
    let mut prev: Option<char> = None;
    for (start, c) in text.char_indices() {
        let at_word = !prev.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        if !at_word {
            continue;
        }
        let Some((count, unit_start)) = quantity(text, start) else {
            continue;
        };
        let rest = &text[unit_start..];
        let Some((&(_, days, business, implied), len)) = unit(rest) else {
            continue;
        };
        let end = unit_start + len;
        let marker = marker_before(text, start);
        // A unit without a number ("в течение недели") needs its "within"
        // even in a table cell.
        if (within || count.is_none()) && marker.is_none() {
            continue;
        }
        let count = count.unwrap_or(implied);
        return Some(Found {
            time: start..end,
            marker: marker.unwrap_or(start),
            count,
            days,
            business,
        });
    }
    None
}

/// The unit at the start of `rest` and the length of its word. A Dutch
/// unit is a whole word or its plural in -en ("dagen", not "dagelijks" nor
/// "weekend"); a Russian or Arabic stem takes an ending of at most three
/// letters ("часов", "суток", "يومًا"; not "часто" nor "частично").
fn unit(rest: &str) -> Option<(&'static Unit, usize)> {
    UNITS.iter().find_map(|u| {
        let tail = rest.strip_prefix(u.0)?;
        let ending = tail
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(c)))
            .map_or(tail, |(i, _)| &tail[..i]);
        let ok = if u.0.is_ascii() {
            ending.is_empty() || ending == "en"
        } else {
            ending.chars().count() <= 3
        };
        ok.then_some((u, u.0.len() + ending.len()))
    })
}

/// Where the "within" ends right before `start` (after at most one filler
/// word) begins, if there is one.
fn marker_before(text: &str, start: usize) -> Option<usize> {
    let mut before = text[..start].trim_end();
    if let Some(f) = FILLERS.iter().find(|f| ends_with_word(before, f)) {
        before = before[..before.len() - f.len()].trim_end();
    }
    WITHIN
        .iter()
        .find(|w| ends_with_word(before, w))
        .map(|w| before.len() - w.len())
}

/// Whether `s` ends with the word `w` (Arabic attaches "و"/"ف" and others
/// in front: "وخلال" ends with "خلال").
fn ends_with_word(s: &str, w: &str) -> bool {
    s.ends_with(w)
        && (w.starts_with(|c: char| ('\u{0600}'..='\u{06FF}').contains(&c))
            || !s[..s.len() - w.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric))
}

/// The number at `start` (digits, a range of them, or a number word), or
/// none when a unit starts there; and where the unit starts.
fn quantity(text: &str, start: usize) -> Option<(Option<f64>, usize)> {
    let rest = &text[start..];
    if unit(rest).is_some() {
        return Some((None, start));
    }
    if let Some((n, len)) = digits(rest) {
        let mut n = n;
        let mut end = start + len;
        // "24-48 часов", "24 tot 48 uur", "24 إلى 48 ساعة"
        let after = text[end..].trim_start();
        for sep in ["-", "–", "tot", "до", "إلى", "الى"] {
            if let Some(r) = after.strip_prefix(sep) {
                let r2 = r.trim_start();
                if let Some((m, l)) = digits(r2) {
                    n = n.max(m);
                    end = text.len() - r2.len() + l;
                }
                break;
            }
        }
        return Some((Some(n), skip_space(text, end)));
    }
    let (word, n) = NUMBERS.iter().find(|(w, _)| {
        rest.starts_with(w)
            && !rest[w.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })?;
    Some((Some(*n), skip_space(text, start + word.len())))
}

fn skip_space(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start().len()
}

/// A run of ASCII, Arabic-Indic or Eastern Arabic-Indic digits at the start
/// of `s`: its value and length in bytes.
fn digits(s: &str) -> Option<(f64, usize)> {
    let mut n = 0u32;
    let mut len = 0;
    for c in s.chars() {
        let d = c
            .to_digit(10)
            .or_else(|| ('٠'..='٩').contains(&c).then(|| c as u32 - '٠' as u32))
            .or_else(|| ('۰'..='۹').contains(&c).then(|| c as u32 - '۰' as u32));
        let Some(d) = d else { break };
        n = n.saturating_mul(10).saturating_add(d);
        len += c.len_utf8();
    }
    (len > 0).then_some((f64::from(n), len))
}

#[cfg(test)]
mod tests {
    use super::time_at;

    #[test]
    fn reads_times_with_their_within() {
        fn t(s: &str) -> Option<(f64, &str)> {
            time_at(s, true).map(|(d, r)| (d, &s[r]))
        }
        assert_eq!(t("ответим в течение 48 часов"), Some((2.0, "48 часов")));
        assert_eq!(t("В течение 5 рабочих дней"), Some((7.0, "5 рабочих дней")));
        assert_eq!(t("ответим в течение недели"), Some((7.0, "недели")));
        assert_eq!(t("в течение двух недель"), Some((14.0, "двух недель")));
        assert_eq!(t("wij reageren binnen 48 uur"), Some((2.0, "48 uur")));
        assert_eq!(t("binnen 5 werkdagen"), Some((7.0, "5 werkdagen")));
        assert_eq!(t("Binnen een week"), Some((7.0, "een week")));
        assert_eq!(t("binnen maximaal 24-48 uur"), Some((2.0, "24-48 uur")));
        assert_eq!(t("سنرد خلال 48 ساعة"), Some((2.0, "48 ساعة")));
        assert_eq!(t("في غضون 5 أيام"), Some((5.0, "5 أيام")));
        assert_eq!(t("خلال ٤٨ ساعة"), Some((2.0, "٤٨ ساعة")));
        assert_eq!(t("خلال يومين"), Some((2.0, "يومين")));
        assert_eq!(t("وخلال 5 أيام عمل"), Some((7.0, "5 أيام عمل")));
        // No "within": a date, a count or an age, not a promise.
        assert_eq!(t("версия 2 дня назад"), None);
        assert_eq!(t("versie van 3 dagen geleden"), None);
        assert_eq!(t("منذ 3 أيام"), None);
        // "Binnenkort" is no "binnen".
        assert_eq!(t("binnenkort 3 dagen"), None);
        // Words that start like a unit are none.
        assert_eq!(t("binnen het weekend"), None);
        assert_eq!(t("в течение частично"), None);
        assert_eq!(time_at("24 часа", false).map(|(d, _)| d), Some(1.0));
        assert_eq!(time_at("72 uur", false).map(|(d, _)| d), Some(3.0));
    }

    proptest::proptest! {
        /// Any mix of digits, units, markers and marks: no panic, and the
        /// range lies on character boundaries of the text.
        #[test]
        fn never_panics(text in "(в течение|binnen|خلال|غضون|до|maximaal|часов|дн|uur|werkdagen|يومًا|ساعتين|\\u{64b}|٤|8|-| |,|een|двух|В|Ё){0,12}") {
            if let Some((_, r)) = time_at(&text, true) {
                proptest::prop_assert!(text.get(r).is_some());
            }
            let _ = time_at(&text, false);
        }
    }
}
