//! Is a policy written in English, or in another language a rule can
//! read? Rules that match English wording (`missing-section`) stay quiet on
//! other languages rather than report every German or Korean policy;
//! `response-time` also reads the main languages (`main_language`), and
//! Korean, Hindi, Thai, Russian, Dutch and Arabic.
//!
//! A small heuristic, no dictionary: a policy is non-English when most of
//! its letters are in a non-Latin script (Cyrillic, CJK, Hangul, Thai,
//! Devanagari, Arabic…), or when common function words of another Latin-script
//! language (French, Spanish, Portuguese, German, Italian, Dutch) outnumber
//! English ones. Headings are left out: translated policies often keep
//! GitHub's English headings over a body in their own language.

use crate::model::DocumentModel;

const ENGLISH: &[&str] = &[
    "the", "and", "to", "of", "is", "you", "we", "for", "this", "with", "be", "that", "please",
    "it", "are", "our", "your", "will", "if", "or", "not", "any", "by", "an", "can", "on", "as",
    "have", "should", "from", "which", "all", "at",
];

const OTHER: &[&str] = &[
    // French
    "le", "les", "des", "est", "et", "pour", "vous", "nous", "une", "dans", "du", "sur", "avec",
    "pas", "sont", "votre", "ce", "cette", "qui", "au", "aux", "merci",
    // Spanish / Portuguese
    "el", "los", "las", "que", "y", "por", "para", "con", "una", "es", "su", "del", "se", "lo", "o",
    "os", "um", "uma", "não", "você", "seu", "sua", "da", "do", "das", "dos", "em", "favor",
    "como", "más", "mais", "esta", "este", // German
    "der", "die", "das", "und", "ist", "nicht", "sie", "wir", "mit", "zu", "ein", "eine", "für",
    "auf", "den", "dem", "bitte", "oder", "wenn", "bei", "sich", "werden", "ihre",
    // Italian
    "il", "di", "che", "per", "non", "sono", "della", "gli", // Dutch
    "het", "een", "van", "voor", "niet", "zijn", "wij", "wordt", "uw", "ons", "ook", "naar",
    "deze", "kunnen", "worden", "dat", "graag",
];

// Words that tell the main Latin-script languages apart (a word may count
// for several)
const FRENCH: &[&str] = &[
    "le", "les", "des", "est", "et", "pour", "vous", "nous", "une", "dans", "du", "sur", "avec",
    "pas", "sont", "votre", "ce", "cette", "qui", "au", "aux", "merci",
];
const SPANISH: &[&str] = &[
    "el", "los", "las", "que", "y", "por", "para", "con", "una", "es", "su", "del", "se", "lo",
    "más", "esta", "este", "usted", "como",
];
const PORTUGUESE: &[&str] = &[
    "os", "um", "uma", "não", "você", "seu", "sua", "da", "do", "das", "dos", "em", "mais", "que",
    "por", "para", "com", "favor", "como",
];
const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "sie", "wir", "mit", "zu", "ein", "eine", "für",
    "auf", "den", "dem", "bitte", "oder", "wenn", "bei", "sich", "werden", "ihre",
];
const ITALIAN: &[&str] = &[
    "il", "di", "che", "per", "non", "sono", "della", "gli", "una",
];
const DUTCH: &[&str] = &[
    "het", "een", "van", "voor", "niet", "zijn", "wij", "wordt", "uw", "ons", "ook", "naar",
    "deze", "kunnen", "worden", "dat", "graag",
];

/// How many words decide: a policy's language shows in its first
/// paragraphs, and document rules run on every keystroke.
const SAMPLE_WORDS: usize = 1500;

/// Whether the prose of the document is (mostly) English. Documents with
/// too little prose to tell are treated as English.
pub fn is_english(doc: &DocumentModel) -> bool {
    Profile::of(doc).is_english()
}

/// The policy's language when it is one whose wording some rules read
/// (ISO 639-1: en, fr, de, es, pt, it, ja, zh, and ko, hi, th, ru, nl, ar,
/// whose response times `response-time` reads); `None` for any other
/// (Ukrainian, Persian, Polish…).
pub fn main_language(doc: &DocumentModel) -> Option<&'static str> {
    Profile::of(doc).main_language()
}

/// Letter and word counts over the first `SAMPLE_WORDS` words of prose.
#[derive(Default)]
struct Profile {
    latin: usize,
    kana: usize,
    han: usize,
    /// Letters of every other script, Hangul, Thai and Devanagari included.
    other_script: usize,
    hangul: usize,
    thai: usize,
    devanagari: usize,
    cyrillic: usize,
    /// Letters only Russian (and Belarusian) write among Cyrillic
    /// languages: ы, э, ё.
    russian_marks: usize,
    /// Letters Russian does not write: Ukrainian і ї є ґ, Belarusian ў,
    /// Serbian and Macedonian ј љ њ ћ ђ џ ѓ ќ ѕ.
    other_cyrillic_marks: usize,
    /// ъ: rare in Russian, frequent in Bulgarian.
    hard_signs: usize,
    arabic: usize,
    /// Letters of Persian and Urdu that Arabic does not write (پ چ ژ گ ک
    /// ی ے ٹ ڈ ڑ ں), against Arabic's own ي and ك.
    persian_marks: usize,
    arabic_marks: usize,
    english: usize,
    /// Words of any listed non-English Latin-script language.
    other: usize,
    /// fr, es, pt, de, it, nl, in that order.
    by_language: [usize; 6],
}

const LATIN_LANGUAGES: [(&str, &[&str]); 6] = [
    ("fr", FRENCH),
    ("es", SPANISH),
    ("pt", PORTUGUESE),
    ("de", GERMAN),
    ("it", ITALIAN),
    ("nl", DUTCH),
];

impl Profile {
    fn is_english(&self) -> bool {
        if self.kana + self.han + self.other_script > self.latin {
            return false;
        }
        !(self.other >= 5 && self.other > self.english)
    }

    fn main_language(&self) -> Option<&'static str> {
        let cjk = self.kana + self.han;
        if cjk + self.other_script > self.latin {
            // The script with the most letters; Japanese writes its grammar
            // in kana, Chinese has none.
            let named = self.hangul + self.thai + self.devanagari + self.cyrillic + self.arabic;
            // Ukrainian, Bulgarian, Serbian, Persian and Urdu are not read.
            // A short Russian text may hold no ы, э or ё; it holds none of
            // the other languages' letters either.
            let russian = (self.russian_marks > self.other_cyrillic_marks
                || self.other_cyrillic_marks == 0)
                && self.hard_signs * 100 < self.cyrillic;
            let arabic = self.arabic_marks > self.persian_marks;
            let scripts = [
                (cjk, if self.kana * 10 >= cjk { "ja" } else { "zh" }),
                (self.hangul, "ko"),
                (self.thai, "th"),
                (self.devanagari, "hi"),
                (self.cyrillic, if russian { "ru" } else { "" }),
                (self.arabic, if arabic { "ar" } else { "" }),
                (self.other_script - named, ""),
            ];
            let (_, language) = scripts.iter().max_by_key(|(n, _)| *n)?;
            return Some(*language).filter(|l| !l.is_empty());
        }
        if self.is_english() {
            return Some("en");
        }
        let (i, _) = self
            .by_language
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, usize::MAX - i))?;
        Some(LATIN_LANGUAGES[i].0)
    }

    fn of(doc: &DocumentModel) -> Profile {
        // Only the first SAMPLE_WORDS words are read, and this runs on every
        // keystroke of a large document: a prose range's heading is looked
        // for in its own chunk (a heading never crosses a chunk), where an
        // iterator over the document's headings looked past the last one
        // through every later chunk.
        let chunks = doc.chunks();
        let in_heading = |range: &std::ops::Range<usize>| {
            let i = doc.chunk_index(range.start);
            chunks[i.saturating_sub(1)..chunks.len().min(i + 1)]
                .iter()
                .flat_map(|c| c.model.headings.iter().map(move |h| (c.start, h)))
                .any(|(d, h)| {
                    let h = h.range.start + d..h.range.end + d;
                    h.end > range.start && h.start <= range.start && range.end <= h.end
                })
        };
        let mut p = Profile::default();
        let mut words = 0usize;
        let mut lower = String::new();
        for range in doc.prose() {
            if in_heading(&range) {
                continue;
            }
            let s = doc.slice(range);
            for c in s.chars().filter(|c| c.is_alphabetic()) {
                if c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c) {
                    p.latin += 1;
                } else if ('\u{3040}'..='\u{30FF}').contains(&c) {
                    p.kana += 1;
                } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                    p.han += 1;
                } else {
                    p.other_script += 1;
                    if ('\u{AC00}'..='\u{D7A3}').contains(&c)
                        || ('\u{1100}'..='\u{11FF}').contains(&c)
                    {
                        p.hangul += 1;
                    } else if ('\u{0E00}'..='\u{0E7F}').contains(&c) {
                        p.thai += 1;
                    } else if ('\u{0900}'..='\u{097F}').contains(&c) {
                        p.devanagari += 1;
                    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
                        p.cyrillic += 1;
                        let l = c.to_lowercase().next().unwrap_or(c);
                        if "ыэё".contains(l) {
                            p.russian_marks += 1;
                        } else if "іїєґўјљњћђџѓќѕ".contains(l) {
                            p.other_cyrillic_marks += 1;
                        } else if l == 'ъ' {
                            p.hard_signs += 1;
                        }
                    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
                        p.arabic += 1;
                        if "يك".contains(c) {
                            p.arabic_marks += 1;
                        } else if "پچژگکیےٹڈڑں".contains(c) {
                            p.persian_marks += 1;
                        }
                    }
                }
            }
            for word in s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                let w = lower.as_str();
                if ENGLISH.contains(&w) {
                    p.english += 1;
                } else if OTHER.contains(&w) {
                    p.other += 1;
                    for (n, (_, list)) in p.by_language.iter_mut().zip(LATIN_LANGUAGES) {
                        *n += usize::from(list.contains(&w));
                    }
                }
                words += 1;
            }
            if words >= SAMPLE_WORDS {
                break;
            }
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{DocumentModel, PlacedChunk};
    use crate::syntax::Document;

    /// The whole-document view of `text`, as the analysis builds it.
    fn view(text: &str) -> DocumentModel {
        let d = Document::new(text);
        let placed = d
            .chunks()
            .iter()
            .map(|c| PlacedChunk::new(c.start, c.text.clone(), c.model.clone()))
            .collect();
        DocumentModel::new(placed, d.len())
    }

    fn english(text: &str) -> bool {
        super::is_english(&view(text))
    }

    #[test]
    fn tells_languages_apart() {
        assert!(english(
            "# Security\n\nPlease report vulnerabilities to security@x.org and we will reply.\n"
        ));
        assert!(!english(
            "## Reporting a Vulnerability\n\nPour nous déclarer une faille, merci d'envoyer un email aux mainteneurs. Vous trouverez les adresses dans le fichier.\n"
        ));
        assert!(!english(
            "## Reporting a Vulnerability\n\n보안 취약점은 공개 이슈 대신 비공개로 제보해 주세요.\n"
        ));
        assert!(!english(
            "# Política\n\nPor favor, reporte las vulnerabilidades a través de un correo y no abra un issue público para que podamos revisar el problema.\n"
        ));
        // Too little prose to tell: English.
        assert!(english("# Sicherheit\n"));
    }

    fn language(text: &str) -> Option<&'static str> {
        super::main_language(&view(text))
    }

    #[test]
    fn names_the_main_languages() {
        for (text, want) in [
            ("Please report vulnerabilities to us and we will reply.", Some("en")),
            ("Merci d'envoyer un email aux mainteneurs : nous vous répondrons dans les 48 heures avec une analyse.", Some("fr")),
            ("Bitte melden Sie Sicherheitslücken per E-Mail, wir antworten innerhalb von 48 Stunden und werden das Problem mit Ihnen klären.", Some("de")),
            ("Por favor, envíe un correo y no abra un issue público, para que podamos revisar el problema con usted.", Some("es")),
            ("Por favor, envie um e-mail e não abra uma issue pública; responderemos em até 48 horas com os próximos passos.", Some("pt")),
            ("Per favore, non aprire una issue pubblica: scrivi agli sviluppatori e gli risponderemo entro 48 ore, che sono poche.", Some("it")),
            ("脆弱性を発見した場合は、公開のイシューではなくメールでご連絡ください。48時間以内に返信します。", Some("ja")),
            ("如果您发现安全漏洞，请不要公开提交问题，而是通过电子邮件联系我们。我们会在48小时内回复。", Some("zh")),
            ("보안 문제를 찾으셨다면 메일로 알려 주세요. 사흘 안에 연락드리겠습니다.", Some("ko")),
            ("सुरक्षा समस्या मिलने पर कृपया हमें ईमेल करें, हम जल्दी जवाब देंगे।", Some("hi")),
            ("หากพบปัญหาด้านความปลอดภัย โปรดแจ้งเราทางอีเมล", Some("th")),
            ("Пожалуйста, сообщайте об уязвимостях по электронной почте, а не в публичных задачах.", Some("ru")),
            ("Meld een kwetsbaarheid niet via een issue maar via e-mail; het team van het project zal voor een antwoord zorgen.", Some("nl")),
            ("يرجى الإبلاغ عن الثغرات الأمنية عبر البريد الإلكتروني وليس في المشكلات العامة.", Some("ar")),
            ("Пожалуйста, напишите нам об уязвимости.", Some("ru")),
            // Ukrainian, Bulgarian and Persian share the script, not the wording.
            ("Моля, съобщавайте за уязвимости по имейл, а не в публичния тракер, към екипа.", None),
            ("Будь ласка, повідомляйте про вразливості електронною поштою, а не в публічних задачах.", None),
            ("لطفاً آسیب‌پذیری‌ها را از طریق ایمیل گزارش دهید و در گیت‌هاب منتشر نکنید.", None),
        ] {
            assert_eq!(language(&format!("## Reporting\n\n{text}\n")), want, "{text}");
        }
    }
}
