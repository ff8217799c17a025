//! `response-time`: the policy does not say how soon reporters hear back,
//! or promises a reply later than `max-response-days`.

use super::chunk_list::ChunkList;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::memo::Slot;
use crate::model::{DocumentModel, PlacedChunk, Table};
use crate::policy::channels::ChannelKind;
use crate::policy::facts::{chunk_sentences, Facts};
use crate::policy::sections::SectionId;
use crate::policy::sentences::{word_iter, words, Sentence};
use std::ops::Range;
use std::sync::Mutex;

mod ko_hi_th;
mod ru_nl_ar;

pub static META: RuleMeta = RuleMeta {
    code: "response-time",
    default_severity: Severity::Hint,
    summary: "No acknowledgement time is stated, or it is too long",
    doc: "\
Reporters want to know when to expect a reply, and when to follow up. The
OpenSSF Best Practices badge asks projects to acknowledge reports within 14
days. This rule looks for a time next to acknowledgement wording
(\"we will acknowledge your report within 48 hours\", \"expect a response in
3 business days\", \"we will review your report within 5 days\", \"Initial
response | 72h\", \"within one week\") and reports:

- a policy that states no such time, at the reporting heading (without
  one, at the heading of the section that names the first channel, or at
  the channel itself: never at an empty heading or a comment above the
  policy);
- a stated time longer than `max-response-days` (default 14; business days
  count 7/5 each), at the time itself.

Times are read in English, French, German, Spanish, Portuguese, Italian,
Japanese, Chinese, Korean, Hindi, Thai, Russian, Dutch and Arabic (\"sous 48
heures\", \"innerhalb von 3 Werktagen\", \"en un plazo de 5 días
hábiles\", \"entro una settimana\", \"48時間以内\", \"3个工作日内\", \"3일
이내\", \"7 दिनों के भीतर\", \"ภายใน 7 วัน\", \"в течение 5 рабочих дней\",
\"binnen 48 uur\", \"خلال ٤٨ ساعة\"), in sentences and in table columns
about responses (\"Délai de réponse\", \"Reaktionszeit\", \"响应时间\",
\"응답 시간\", \"Время ответа\", \"Reactietijd\", \"وقت الاستجابة\").

Times next to fixes and disclosure (\"a fix within 90 days\") are not
acknowledgement times, nor are deadlines for the reporter (\"if we do not
respond within 30 days, you may disclose\", \"если мы не ответим в течение
30 дней\"). Not reported: policies in other languages (Ukrainian, Persian,
Polish…), whose times are not read,
policies with no private channel at all (`missing-contact` covers them), and
policies that send reporters only to a platform or another page (HackerOne,
Tidelift, the project's security page), which states its own times.

```toml
max-response-days = 7
```",
    scope: Scope::Document,
};

pub struct ResponseTime;

impl Rule for ResponseTime {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let facts = cx.facts();
        // Times are read in the main languages; a policy in another one
        // may state a time this rule cannot see.
        if !facts.english && facts.language().is_none() {
            return;
        }
        if !facts.any_channel(|c| own(c.kind)) {
            return;
        }
        let max = f64::from(cx.options.config.max_response_days);
        // Stated times are kept per chunk: a keystroke re-reads one chunk,
        // and the few chunks that state one are listed in the document
        // memo (updated from the chunks an edit replaced).
        // One time within the limit is enough; otherwise the shortest.
        let list = cx.doc_memo().get(
            "response-time",
            0,
            || Mutex::new(ChunkList::<()>::default()),
        );
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        let held = list.update(cx, 0, |c| (!chunk_times(c).is_empty()).then_some(()));
        let chunks = doc.chunks();
        let mut shortest: Option<(f64, Range<usize>)> = None;
        for &(i, ()) in held {
            let c = &chunks[i];
            for (days, r) in chunk_times(c) {
                if *days <= max {
                    return;
                }
                if shortest.as_ref().is_none_or(|(d, _)| days < d) {
                    shortest = Some((*days, r.start + c.start..r.end + c.start));
                }
            }
        }
        if let Some((days, range)) = shortest {
            out.push(Finding::new(
                &META,
                range,
                format!(
                    "Acknowledging reports in {} is longer than {} days",
                    describe(days),
                    cx.options.config.max_response_days
                ),
            ));
            return;
        }
        out.push(Finding::new(
            &META,
            reporting_anchor(doc, facts),
            "No acknowledgement time: say how soon reporters will hear back (e.g. \"within 3 business days\")",
        ));
    }
}

/// The response times a chunk states, chunk-relative (memoised).
fn chunk_times(c: &PlacedChunk) -> &Vec<(f64, Range<usize>)> {
    c.memo.once(Slot::ResponseTime, || {
        chunk_sentences(c)
            .iter()
            .flat_map(|s| {
                acknowledgement_times(s)
                    .into_iter()
                    .chain(cjk_times(s))
                    .chain(ko_hi_th::times(s))
                    .chain(ru_nl_ar::times(s))
            })
            .chain(table_times(&c.model.tables))
            .collect::<Vec<_>>()
    })
}

/// Where a missing time is reported: the reporting heading; without one,
/// the nearest heading with text above the first private channel (the
/// section that tells reporters where to go, even when it starts with a
/// platform); without one, the channel itself. Never an empty heading nor a line of junk above the policy.
fn reporting_anchor(doc: &DocumentModel, facts: &Facts<'_>) -> Range<usize> {
    if let Some(c) = facts
        .first(SectionId::Reporting)
        .filter(|c| !c.section.heading.text.trim().is_empty())
    {
        return c.section.heading.range.clone();
    }
    let Some(channel) = facts.first_channel_in(None) else {
        return 0..0;
    };
    doc.headings()
        .take_while(|h| h.range.start <= channel.range.start)
        .filter(|h| !h.text.trim().is_empty())
        .last()
        .map_or_else(|| channel.range.clone(), |h| h.range)
}

/// Channels the project answers itself (not a platform or another page).
fn own(kind: ChannelKind) -> bool {
    matches!(
        kind,
        ChannelKind::Email | ChannelKind::Advisory | ChannelKind::Form | ChannelKind::Wording
    )
}

fn describe(days: f64) -> String {
    if days.fract() == 0.0 {
        format!("{days:.0} days")
    } else {
        format!("{days:.1} days")
    }
}

const ACK_WORDS: &[&str] = &[
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "acknowledgement",
    "acknowledgment",
    "acknowledging",
    "respond",
    "responds",
    "response",
    "responses",
    "reply",
    "replies",
    "triage",
    "triaged",
    "receipt",
    "answer",
    "hear",
    "initial",
    "confirm",
    "confirmation",
    "contact",
    "back",
    // "We will review your report within 5 days": the first look at a
    // report is its acknowledgement (as "examinerons" in French).
    "review",
    "reviews",
    "reviewed",
    "reviewing",
    // French
    "accuser",
    "accusons",
    "accusé",
    "accuse",
    "réponse",
    "réponses",
    "répondre",
    "répondrons",
    "répondons",
    "retour",
    "réception",
    "confirmer",
    "confirmerons",
    "recontacterons",
    "reviendrons",
    // "Nous examinerons votre signalement … sous 24 heures": the first
    // look is the acknowledgement.
    "examinerons",
    "examinons",
    // German
    "antwort",
    "antworten",
    "antwortzeit",
    "rückmeldung",
    "reaktion",
    "reaktionszeit",
    "reagieren",
    "bestätigen",
    "bestätigung",
    "eingangsbestätigung",
    "melden",
    // Spanish
    "respuesta",
    "responder",
    "responderemos",
    "respondemos",
    "acuse",
    "confirmar",
    "confirmaremos",
    "confirmación",
    "contactaremos",
    // Portuguese
    "resposta",
    "retorno",
    "confirmação",
    "recebimento",
    // Italian
    "risposta",
    "rispondere",
    "risponderemo",
    "rispondiamo",
    "riscontro",
    "conferma",
    "confermare",
    "confermeremo",
];

const OTHER_WORDS: &[&str] = &[
    "fix",
    "fixed",
    "fixes",
    "patch",
    "patched",
    "release",
    "released",
    "resolve",
    "resolved",
    "resolution",
    "disclose",
    "disclosed",
    "disclosure",
    "publish",
    "published",
    "remediate",
    "remediation",
    "advisory",
    "cve",
    "embargo",
    "update",
    "updates",
    "timeline",
    // French
    "correctif",
    "correctifs",
    "corriger",
    "correction",
    "publication",
    "publier",
    "divulgation",
    "divulguer",
    "résolution",
    // German
    "behebung",
    "beheben",
    "korrektur",
    "veröffentlichung",
    "veröffentlichen",
    "offenlegung",
    // Spanish, Portuguese, Italian
    "corrección",
    "corregir",
    "parche",
    "solución",
    "publicación",
    "publicar",
    "divulgación",
    "correção",
    "corrigir",
    "publicação",
    "divulgação",
    "solução",
    "correzione",
    "correggere",
    "pubblicazione",
    "divulgazione",
    "risoluzione",
];

/// Negations that make a time a deadline for the reporter ("if we do not
/// respond within 30 days…", "si nous ne répondons pas…").
const NEGATIONS: &[&str] = &[
    "not", "don't", "doesn't", "fail", "fails", "pas", "nicht", "keine", "no", "não", "non",
];

/// Receiving verbs that turn the negation back into a promise ("if you do
/// not receive an acknowledgement within 6 days", "si no recibe respuesta").
const RECEIVING: &[&str] = &[
    "receive", "hear", "heard", "get", "recevez", "reçu", "recevoir", "erhalten", "recibe",
    "recibes", "recibido", "recebe", "recebeu", "recebido", "ricevi", "ricevuto", "ricevete",
];

/// Acknowledgement times stated in a sentence, in days, with their ranges.
/// A time counts when the nearest keyword before it (or, when none is
/// before it, after it) is about acknowledging rather than fixing.
fn acknowledgement_times(s: &Sentence) -> Vec<(f64, Range<usize>)> {
    // Every time ends in a unit (`time_at`): a sentence without one (every
    // row of a large versions table) is not split into a vector of words.
    if !word_iter(s.lower()).any(|(w, _)| is_unit(w)) {
        return Vec::new();
    }
    let words = s.words();
    // "If we do not respond within 30 days, you may disclose" is a
    // deadline for the reporter, not a promise; but "if you do not receive
    // an acknowledgement within 6 business days, write again" promises one.
    // Only words before the time count ("…, not a vulnerability" does not).
    let deadline = |i: usize| {
        let before = &words[..i];
        before.iter().any(|(w, _)| NEGATIONS.contains(w))
            && !before.iter().any(|(w, _)| RECEIVING.contains(w))
    };
    // "Emails will be addressed within 3 business days": answered.
    let about_messages = s.lower().contains("email") || s.lower().contains("message");
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((days, end)) = time_at(&words, i) else {
            i += 1;
            continue;
        };
        let keyword = |(w, _): &(&str, Range<usize>)| {
            if ACK_WORDS.contains(w) || (about_messages && *w == "addressed") {
                Some(true)
            } else if OTHER_WORDS.contains(w) {
                Some(false)
            } else {
                None
            }
        };
        let before = words[..i].iter().rev().find_map(keyword);
        let about_ack = before.or_else(|| words[end..].iter().find_map(keyword));
        if about_ack == Some(true) && !deadline(i) {
            out.push((days, words[i].1.start..words[end - 1].1.end));
        }
        i = end;
    }
    out
}

/// Acknowledgement words in Japanese and Chinese (simplified and
/// traditional), matched inside the text: these languages put no spaces
/// between words.
const CJK_ACK: &[&str] = &[
    "返信", "回答", "連絡", "確認", "受領", "応答", "返答", "回复", "回覆", "答复", "答覆", "确认",
    "回应", "回應", "响应", "響應", "联系", "聯繫", "反馈", "反饋", "受理",
];

const CJK_OTHER: &[&str] = &[
    "修正",
    "修复",
    "修復",
    "公開",
    "公开",
    "開示",
    "披露",
    "发布",
    "發布",
    "リリース",
    "パッチ",
    "补丁",
    "補丁",
];

/// "48時間以内に返信します", "我们会在3个工作日内回复": a time followed by
/// "within" (以内, 内, 之内), about acknowledging by the nearest keyword
/// before it (or, when none is before it, after it).
fn cjk_times(s: &Sentence) -> Vec<(f64, Range<usize>)> {
    let mut out = Vec::new();
    // Every unit is a CJK word: an ASCII sentence states no such time, and
    // most sentences are ASCII (skip reading them char by char).
    if s.lower().is_ascii() {
        return out;
    }
    let mut from = 0;
    while let Some((days, r)) = cjk_time_at(&s.lower()[from..], true) {
        let r = r.start + from..r.end + from;
        if about_ack(s.lower(), &r, CJK_ACK, CJK_OTHER, false) {
            out.push((days, s.range.start + r.start..s.range.start + r.end));
        }
        from = r.end;
    }
    out
}

/// Whether the time at `r` in `lower` is about acknowledging: the nearest
/// keyword before it (or, when none is before it, after it; the other way
/// round when `verb_last`) is an acknowledgement word (`ack`) rather than a
/// fix or disclosure word (`other`). Keywords are matched inside the text,
/// for languages that put no spaces between words or attach endings to
/// them. Korean and Hindi put the verb after the time ("30일 이내에 패치를
/// 배포합니다": within 30 days a patch is released), so `verb_last` looks
/// after it first.
fn about_ack(lower: &str, r: &Range<usize>, ack: &[&str], other: &[&str], verb_last: bool) -> bool {
    let nearest = |keys: &[&str], before: bool| {
        keys.iter()
            .flat_map(|k| lower.match_indices(k))
            .map(|(i, _)| i)
            .filter(|&i| if before { i < r.start } else { i >= r.end })
            .reduce(|a, b| if before { a.max(b) } else { a.min(b) })
    };
    // The nearer keyword on one side; `None` when that side has none.
    let side = |before: bool| match (nearest(ack, before), nearest(other, before)) {
        (Some(a), Some(o)) => Some((a > o) == before),
        (a, o) => a.map(|_| true).or(o.map(|_| false)),
    };
    let (first, second) = if verb_last {
        (side(false), side(true))
    } else {
        (side(true), side(false))
    };
    first.or(second).unwrap_or(false)
}

/// The first Japanese or Chinese time in `text`: a number (digits,
/// full-width digits or kanji numerals), an optional counter (个, 個, ヶ,
/// か) and business marker (営業, 工作), a unit, and, when `within`, the
/// "within" that makes it a promise. Days and the byte range.
fn cjk_time_at(text: &str, within: bool) -> Option<(f64, Range<usize>)> {
    let digit = |c: char| -> Option<u32> {
        // Most text is ASCII: skip looking it up among the kanji numerals.
        if c.is_ascii() {
            return c.to_digit(10);
        }
        c.to_digit(10)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
            .or_else(|| {
                "〇一二三四五六七八九"
                    .chars()
                    .position(|k| k == c)
                    .map(|p| p as u32)
            })
            .or_else(|| "两兩".contains(c).then_some(2))
    };
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if digit(c).is_none() && c != '十' {
            continue;
        }
        // The number: plain digits, or kanji with 十 ("十四", "二十").
        let (mut n, mut tens) = (0u32, 0u32);
        let mut add = |ch: char| {
            if ch == '十' {
                tens = n.max(1) * 10;
                n = 0;
            } else if let Some(d) = digit(ch) {
                n = n.saturating_mul(10).saturating_add(d);
            }
        };
        add(c);
        let mut end = start + c.len_utf8();
        while let Some(&(i, ch)) = chars.peek() {
            if ch != '十' && digit(ch).is_none() {
                break;
            }
            add(ch);
            end = i + ch.len_utf8();
            chars.next();
        }
        let n = f64::from(tens.saturating_add(n));
        let rest = text[end..].trim_start_matches([' ', '\u{3000}']);
        let counted = rest.trim_start_matches(['个', '個', 'ヶ', 'か', 'カ', 'ケ']);
        // "3月" alone is March; months are counted ("3ヶ月", "3个月").
        let counter = counted.len() < rest.len();
        let rest = counted;
        let (business, rest) = match rest
            .strip_prefix("営業")
            .or_else(|| rest.strip_prefix("工作"))
        {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let units: [(&str, f64); 10] = [
            ("時間", 1.0 / 24.0),
            ("小时", 1.0 / 24.0),
            ("小時", 1.0 / 24.0),
            ("週間", 7.0),
            ("星期", 7.0),
            ("月", 30.0),
            ("日", 1.0),
            ("天", 1.0),
            ("周", 7.0),
            ("週", 7.0),
        ];
        let Some((unit, days)) = units
            .iter()
            .find(|(u, _)| rest.starts_with(u) && (counter || *u != "月"))
        else {
            continue;
        };
        let after = &rest[unit.len()..];
        let tail = ["以内", "之内", "之內", "内", "內"]
            .iter()
            .find(|w| after.starts_with(*w))
            .map_or(0, |w| w.len());
        if within && tail == 0 {
            continue;
        }
        let stop = text.len() - after.len() + tail;
        let days = if business && *days == 1.0 {
            n * days * 7.0 / 5.0
        } else {
            n * days
        };
        return Some((days, start..stop));
    }
    None
}

/// Times in the column of a table whose header is about acknowledging
/// ("| Severity | Response time |"): a severity table states them.
fn table_times(tables: &[Table]) -> Vec<(f64, Range<usize>)> {
    let mut out = Vec::new();
    for t in tables {
        for (col, head) in t.header.cells.iter().enumerate() {
            let head = head.text.to_lowercase();
            let head_words = words(&head);
            let about_ack = (head_words.iter().any(|(w, _)| ACK_WORDS.contains(w))
                || CJK_ACK
                    .iter()
                    .chain(ko_hi_th::ACK)
                    .chain(ru_nl_ar::ACK)
                    .any(|k| head.contains(k)))
                && !head_words.iter().any(|(w, _)| OTHER_WORDS.contains(w))
                && !CJK_OTHER
                    .iter()
                    .chain(ko_hi_th::OTHER)
                    .chain(ru_nl_ar::OTHER)
                    .any(|k| head.contains(k));
            if !about_ack {
                continue;
            }
            for cell in t.rows.iter().filter_map(|r| r.cells.get(col)) {
                let lower = cell.text.to_lowercase();
                let ws = words(&lower);
                let days = (0..ws.len())
                    .find_map(|i| time_at(&ws, i))
                    .map(|(days, _)| days)
                    .or_else(|| cjk_time_at(&lower, false).map(|(days, _)| days))
                    .or_else(|| ko_hi_th::time_at(&lower, false).map(|(days, _)| days))
                    .or_else(|| ru_nl_ar::time_at(&lower, false).map(|(days, _)| days));
                if let Some(days) = days {
                    out.push((days, cell.range.clone()));
                }
            }
        }
    }
    out
}

/// A time expression starting at word `i`: a number (digits or words,
/// "a", "few"), an optional range ("24-48", "5 to 7"), an optional
/// "business"/"working" and a unit. Returns days and the index after it.
fn time_at(words: &[(&str, Range<usize>)], i: usize) -> Option<(f64, usize)> {
    let w = |k: usize| words.get(k).map(|(w, _)| *w);
    // "72h", "48hrs", "2d"
    if let Some((n, unit)) = split_number_unit(w(i)?) {
        return Some((n * unit_days(unit)?, i + 1));
    }
    let mut n = number(w(i)?)?;
    let mut k = i + 1;
    if w(k) == Some("of") {
        k += 1; // "a couple of days"
    }
    // "24-48 hours", "5 to 7 days", "1 or 2 weeks"
    if let Some(m) = w(k).and_then(number) {
        n = n.max(m);
        k += 1;
    } else if matches!(w(k), Some("to" | "or")) {
        if let Some(m) = w(k + 1).and_then(number) {
            n = n.max(m);
            k += 2;
        }
    }
    let mut business = false;
    if matches!(w(k), Some("business" | "working")) {
        business = true;
        k += 1;
    } else if w(k) == Some("calendar") {
        k += 1;
    }
    let unit_word = w(k)?;
    // "2 Werktagen": German writes business days as one word.
    let unit = if BUSINESS_DAYS.contains(&unit_word) {
        business = true;
        1.0
    } else {
        unit_days(unit_word)?
    };
    // "5 jours ouvrés", "3 días hábiles": Romance languages put it after.
    if w(k + 1).is_some_and(|a| BUSINESS_AFTER.contains(&a)) {
        business = true;
        k += 1;
    }
    // Five business days make a calendar week.
    let days = if business && unit == 1.0 {
        n * 7.0 / 5.0
    } else {
        n * unit
    };
    Some((days, k + 1))
}

/// Whether `w` can be the unit of a time `time_at` reads: a unit word, a
/// business-day word or a number with its unit ("72h").
fn is_unit(w: &str) -> bool {
    unit_days(w).is_some()
        || BUSINESS_DAYS.contains(&w)
        || split_number_unit(w).is_some_and(|(_, u)| unit_days(u).is_some())
}

const BUSINESS_DAYS: &[&str] = &[
    "werktag",
    "werktage",
    "werktagen",
    "arbeitstag",
    "arbeitstage",
    "arbeitstagen",
    "geschäftstag",
    "geschäftstage",
    "geschäftstagen",
];

const BUSINESS_AFTER: &[&str] = &[
    "ouvrés",
    "ouvrables",
    "hábiles",
    "habiles",
    "laborables",
    "úteis",
    "uteis",
    "lavorativi",
];

fn split_number_unit(w: &str) -> Option<(f64, &str)> {
    let digits = w.len() - w.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits == w.len() {
        return None;
    }
    let unit = &w[digits..];
    matches!(unit, "h" | "hr" | "hrs" | "d").then(|| (w[..digits].parse().unwrap_or(0.0), unit))
}

fn number(w: &str) -> Option<f64> {
    if let Ok(n) = w.parse::<f64>() {
        return Some(n);
    }
    Some(match w {
        "a" | "an" | "one" | "next" | "same" => 1.0,
        "two" | "couple" => 2.0,
        "three" | "few" => 3.0,
        "four" => 4.0,
        "five" | "several" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        // French, German, Spanish, Portuguese, Italian
        "un" | "une" | "d'un" | "d'une" | "ein" | "eine" | "einer" | "einem" | "einen" | "uno"
        | "una" | "um" | "uma" => 1.0,
        "deux" | "zwei" | "dos" | "dois" | "duas" | "due" => 2.0,
        "trois" | "drei" | "tres" | "três" | "tre" | "quelques" | "wenigen" | "einigen"
        | "pocos" | "poucos" | "pochi" => 3.0,
        "cinq" | "fünf" | "cinco" | "cinque" => 5.0,
        "sept" | "sieben" | "siete" | "sete" | "sette" => 7.0,
        "dix" | "zehn" | "diez" | "dez" | "dieci" => 10.0,
        "quinze" | "quince" | "quindici" => 15.0,
        _ => return None,
    })
}

fn unit_days(u: &str) -> Option<f64> {
    Some(match u {
        "h" | "hr" | "hrs" | "hour" | "hours" => 1.0 / 24.0,
        "d" | "day" | "days" => 1.0,
        "week" | "weeks" | "wk" | "wks" => 7.0,
        "month" | "months" => 30.0,
        // French, German, Spanish, Portuguese, Italian
        "heure" | "heures" | "stunde" | "stunden" | "hora" | "horas" | "ora" | "ore" => 1.0 / 24.0,
        "jour" | "jours" | "tag" | "tage" | "tagen" | "día" | "días" | "dia" | "dias"
        | "giorno" | "giorni" => 1.0,
        "semaine" | "semaines" | "woche" | "wochen" | "semana" | "semanas" | "settimana"
        | "settimane" => 7.0,
        "mois" | "monat" | "monate" | "monaten" | "mes" | "meses" | "mês" | "mese" | "mesi" => {
            30.0
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, findings_with, render};
    use crate::Config;

    const NONE: &str = "No acknowledgement time: say how soon reporters will hear back (e.g. \"within 3 business days\")";

    #[test]
    fn reports_missing_time_at_reporting_heading() {
        check(
            "response-time",
            "# Policy\n\n## Reporting a Vulnerability\n\nEmail sec@x.org. We will fix it within 90 days.\n",
            &[&format!("3:1-3:29 response-time {NONE}")],
        );
    }

    #[test]
    fn recognises_stated_times() {
        for sentence in [
            "We will acknowledge your report within 48 hours.",
            "Expect a response in 3 business days.",
            "You will hear back within one week.",
            "Emails will be addressed within 3 business days.",
            "Within 72h we confirm receipt.",
            "We aim to reply within 1-2 weeks and fix within 90 days.",
            "We respond within a couple of days.",
            "We will review your report within 5 business days.",
            "Every report is reviewed by a maintainer within one week.",
            // The reporter waits for a promised acknowledgement.
            "If you do not receive an acknowledgement of your report within 6 business days, write again.",
            // A negation after the time is about something else.
            "Expect a first response within a couple of weeks; a LAN attacker is not a vulnerability.",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org. {sentence}\n"),
                &[],
            );
        }
        // A severity table with a response column.
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org.\n\n| Severity | Response time | Fix |\n|---|---|---|\n| Critical | 24 hours | 7 days |\n| Low | 5 days | 90 days |\n",
            &[],
        );
        // A response timeline table.
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org.\n\n| Step | Time |\n|---|---|\n| Initial response | 72 hours |\n",
            &[],
        );
    }

    #[test]
    fn reports_too_long_time_at_the_time() {
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org. We acknowledge reports within 30 days.\n",
            &["3:48-3:55 response-time Acknowledging reports in 30 days is longer than 14 days"],
        );
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org. We review every report within 30 days.\n",
            &["3:48-3:55 response-time Acknowledging reports in 30 days is longer than 14 days"],
        );
        // Reviewed first, then a fix: the fix time is no reply time.
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org. Once reviewed, a fix is released within 90 days.\n",
            &[&format!("1:1-1:13 response-time {NONE}")],
        );
        // A deadline for the reporter is not a promise.
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org. If we do not respond within 30 days, you may disclose.\n",
            &[&format!("1:1-1:13 response-time {NONE}")],
        );
        // 10 business days are two calendar weeks: fine by default, too long at 7.
        let text = "## Reporting\n\nEmail sec@x.org. We respond within 10 business days.\n";
        check("response-time", text, &[]);
        let config = Config::parse("max-response-days = 7\n").unwrap();
        let got: Vec<String> = findings_with(text, &config)
            .iter()
            .filter(|f| f.code == "response-time")
            .map(|f| render(text, f))
            .collect();
        assert_eq!(
            got,
            ["3:36-3:52 response-time Acknowledging reports in 14 days is longer than 7 days"]
        );
    }

    #[test]
    fn platforms_delegation_and_other_languages_are_skipped() {
        check(
            "response-time",
            "## Reporting\n\nReport via [HackerOne](https://hackerone.com/x).\n",
            &[],
        );
        check(
            "response-time",
            "## Reporting\n\nSee [our security policy](https://x.org/security).\n",
            &[],
        );
        // Ukrainian is not among the languages whose times are read.
        check(
            "response-time",
            "## Reporting\n\nБудь ласка, пишіть про вразливості на sec@x.org, а не в публічні задачі. Ми відповімо якомога швидше.\n",
            &[],
        );
    }

    #[test]
    fn reads_times_in_the_main_languages() {
        for sentence in [
            "Nous accusons réception de votre rapport sous 48 heures et nous vous tiendrons au courant.",
            "Nous vous répondrons dans un délai de 5 jours ouvrés, puis nous publierons le correctif.",
            "Nous examinerons votre signalement dans les plus brefs délais, généralement sous 24 heures.",
            "Wir antworten innerhalb von 3 Werktagen und melden uns mit einer Einschätzung bei Ihnen.",
            "Sie erhalten eine Eingangsbestätigung binnen einer Woche, bitte haben Sie Geduld mit uns.",
            "Responderemos a su reporte en un plazo de 5 días hábiles y lo mantendremos informado.",
            "Você receberá uma resposta em até 72 horas e manteremos você informado sobre o andamento.",
            "Risponderemo alla tua segnalazione entro una settimana e ti terremo aggiornato sui progressi.",
            "報告を受け取ってから48時間以内に返信します。修正の公開は後日となります。",
            "我们会在3个工作日内回复您的报告，并告知后续的处理进展和修复计划。",
            "我們將在 48 小時內回覆，並在修復後通知您。",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org. {sentence}\n"),
                &[],
            );
        }
        // Response-time columns of tables in other languages.
        for table in [
            "| Gravité | Délai de réponse |\n|---|---|\n| Critique | 24 heures |\n",
            "| Schweregrad | Reaktionszeit |\n|---|---|\n| Hoch | 2 Tage |\n",
            "| 重大度 | 初回応答 |\n|---|---|\n| 高 | 24時間 |\n",
            "| 严重程度 | 响应时间 |\n|---|---|\n| 高 | 24小时 |\n",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org.\n\n{table}"),
                &[],
            );
        }
    }

    #[test]
    fn reports_missing_and_long_times_in_the_main_languages() {
        check(
            "response-time",
            "# Politique\n\n## Signaler une faille\n\nMerci d'écrire à sec@x.org et de ne pas ouvrir une issue publique : nous vous répondrons dès que possible avec les prochaines étapes.\n",
            &[&format!("3:1-3:23 response-time {NONE}")],
        );
        check(
            "response-time",
            "## Reporting\n\nMerci d'écrire à sec@x.org : nous vous répondrons sous 30 jours, et pas dans une issue publique pour les failles.\n",
            &["3:56-3:64 response-time Acknowledging reports in 30 days is longer than 14 days"],
        );
        // A fix time, not a reply time; "3月" (March) is no time.
        check(
            "response-time",
            "## 报告\n\n请发送邮件至 sec@x.org，我们会在90天内发布修复。3月的版本不再维护。\n",
            &[&format!("1:1-1:6 response-time {NONE}")],
        );
    }

    #[test]
    fn reads_times_in_korean_hindi_and_thai() {
        for sentence in [
            "보안 문제는 공개 이슈에 올리지 말고 메일로 보내 주세요. 접수 후 3일 이내에 답변드리겠습니다.",
            "신고를 받으면 48시간 내 회신하고, 패치는 90일 안에 배포합니다.",
            "कृपया सुरक्षा समस्या की जानकारी ईमेल से दें। हम 48 घंटों के भीतर जवाब देंगे।",
            "हम ७ दिनों में आपकी रिपोर्ट की पुष्टि करेंगे और आगे की जानकारी देंगे।",
            "โปรดแจ้งปัญหาด้านความปลอดภัยทางอีเมล เราจะตอบกลับภายใน 7 วัน",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org. {sentence}\n"),
                &[],
            );
        }
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org.\n\n| 심각도 | 응답 시간 |\n|---|---|\n| 높음 | 24시간 |\n",
            &[],
        );
    }

    #[test]
    fn reports_missing_and_long_times_in_korean_hindi_and_thai() {
        // "As soon as possible" states no time; a patch time is no reply time.
        for (text, want) in [
            (
                "## 보안 신고\n\nsec@x.org 로 메일을 보내 주세요. 가능한 한 빨리 답변드리겠습니다. 수정은 30일 이내에 배포합니다.\n",
                format!("1:1-1:9 response-time {NONE}"),
            ),
            (
                "## रिपोर्ट करना\n\nकृपया sec@x.org पर ईमेल करें। हम जल्द से जल्द जवाब देंगे और 30 दिनों के भीतर पैच जारी करेंगे।\n",
                format!("1:1-1:16 response-time {NONE}"),
            ),
            (
                "## การรายงาน\n\nโปรดส่งอีเมลถึง sec@x.org เราจะตอบกลับภายใน 30 วัน\n",
                "3:39-3:51 response-time Acknowledging reports in 30 days is longer than 14 days".to_string(),
            ),
        ] {
            check("response-time", text, &[&want]);
        }
    }

    #[test]
    fn reads_times_in_russian_dutch_and_arabic() {
        for sentence in [
            "Пожалуйста, не создавайте публичные задачи. Мы ответим в течение 48 часов.",
            "В течение 5 рабочих дней мы подтвердим получение отчёта и сообщим о дальнейших шагах.",
            "Мы обязательно ответим в течение недели, а исправление выпустим позже.",
            // The reporter waits for a promised reply.
            "Если вы не получите ответ в течение 3 дней, напишите нам ещё раз.",
            "Maak geen publiek issue aan. Wij reageren binnen 48 uur op uw melding.",
            "Wij zullen uw melding binnen 5 werkdagen bevestigen en daarna een oplossing plannen.",
            "U ontvangt binnen een week een reactie van het team, ook als het geen kwetsbaarheid is.",
            "Wij reageren binnen 2 dagen en publiceren binnen 90 dagen een oplossing.",
            "يرجى عدم فتح مشكلة عامة. سنرد خلال 48 ساعة من استلام البلاغ.",
            "سنقوم بالرد في غضون 5 أيام عمل.",
            "نلتزم بالرد على بلاغك خلال ٤٨ ساعة.",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org. {sentence}\n"),
                &[],
            );
        }
        for table in [
            "| Критичность | Время ответа |\n|---|---|\n| Высокая | 24 часа |\n",
            "| Ernst | Reactietijd |\n|---|---|\n| Hoog | 24 uur |\n",
            "| الخطورة | وقت الاستجابة |\n|---|---|\n| عالية | 24 ساعة |\n",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org.\n\n{table}"),
                &[],
            );
        }
    }

    #[test]
    fn reports_missing_and_long_times_in_russian_dutch_and_arabic() {
        for (text, want) in [
            // No time at all.
            (
                "## Сообщить об уязвимости\n\nПожалуйста, пишите на sec@x.org, а не в публичные задачи. Мы ответим как можно скорее.\n",
                format!("1:1-1:26 response-time {NONE}"),
            ),
            // A fix time is no reply time, in every word order.
            (
                "## Сообщить об уязвимости\n\nПишите на sec@x.org. Критические исправления выпускаются в течение 48 часов после подтверждения.\n",
                format!("1:1-1:26 response-time {NONE}"),
            ),
            // "Ответственное" (responsible) is no "ответ" (reply).
            (
                "## Сообщить об уязвимости\n\nПишите на sec@x.org. Мы придерживаемся ответственного раскрытия в течение 90 дней.\n",
                format!("1:1-1:26 response-time {NONE}"),
            ),
            (
                "## Melden\n\nMail sec@x.org en maak geen publiek issue aan. Wij zullen het probleem binnen 30 dagen oplossen.\n",
                format!("1:1-1:10 response-time {NONE}"),
            ),
            (
                "## الإبلاغ\n\nيرجى مراسلة sec@x.org وعدم فتح مشكلة عامة. سيتم إصدار الإصلاح خلال 30 يومًا.\n",
                format!("1:1-1:11 response-time {NONE}"),
            ),
            // A deadline for the reporter is not a promise.
            (
                "## Melden\n\nMail sec@x.org. Als wij niet binnen 30 dagen reageren, mag u de kwetsbaarheid publiceren.\n",
                format!("1:1-1:10 response-time {NONE}"),
            ),
            (
                "## Melden\n\nMail sec@x.org. Als wij binnen 30 dagen geen reactie geven, mag u het melden.\n",
                format!("1:1-1:10 response-time {NONE}"),
            ),
            (
                "## Сообщить об уязвимости\n\nПишите на sec@x.org. Если мы не ответим в течение 30 дней, вы можете раскрыть уязвимость.\n",
                format!("1:1-1:26 response-time {NONE}"),
            ),
            (
                "## الإبلاغ\n\nيرجى مراسلة sec@x.org. إذا لم نرد خلال 30 يومًا يمكنك نشر الثغرة.\n",
                format!("1:1-1:11 response-time {NONE}"),
            ),
            // Too long.
            (
                "## Сообщить об уязвимости\n\nПишите на sec@x.org: мы ответим в течение 30 дней.\n",
                "3:43-3:50 response-time Acknowledging reports in 30 days is longer than 14 days".to_string(),
            ),
            (
                "## Melden\n\nMail sec@x.org. Wij reageren binnen 4 weken op elke melding.\n",
                "3:37-3:44 response-time Acknowledging reports in 28 days is longer than 14 days".to_string(),
            ),
            (
                "## الإبلاغ\n\nيرجى مراسلة sec@x.org. سنرد خلال ٣٠ يومًا.\n",
                "3:34-3:42 response-time Acknowledging reports in 30 days is longer than 14 days".to_string(),
            ),
        ] {
            check("response-time", text, &[&want]);
        }
    }

    #[test]
    fn anchors_on_the_section_that_gives_the_channel() {
        // No reporting heading: the heading above the channel, not the
        // empty heading nor the comment at the top.
        check(
            "response-time",
            "<!-- generated -->\n#\n\n## Contact\n\nEmail sec@x.org.\n",
            &[&format!("4:1-4:11 response-time {NONE}")],
        );
        // A platform first: its section is where reporters are sent.
        check(
            "response-time",
            "# Policy\n\nReport through [Immunefi](https://immunefi.com/x).\n\n## Patches\n\nOr email sec@x.org.\n",
            &[&format!("1:1-1:9 response-time {NONE}")],
        );
        // No heading at all: the channel itself.
        check(
            "response-time",
            "<!-- generated -->\n\nPlease email sec@x.org about vulnerabilities.\n",
            &[&format!("3:14-3:23 response-time {NONE}")],
        );
    }
}
