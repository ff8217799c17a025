//! Which symbols the words of a line call for: a "Phone" line wants 📞, a
//! "Search" heading 🔍, a "Warning" ⚠. The `mojibake` rule uses it to rank
//! the characters a lost byte leaves possible.
//!
//! A small hand-written table: policies decorate a handful of words with
//! emoji, in English and in the languages the corpus holds (German, Spanish,
//! French, Portuguese, Italian, Russian, Japanese, Chinese, Korean).

/// Keywords and the symbols they call for. A keyword of four letters or more
/// also matches words it starts (`warnings`, `supported`); shorter ones
/// (`tel`, `bug`, `key`) match whole words or their plural only, so `tell`
/// is no telephone and `keystone` no key.
/// Keywords in scripts without spaces (Japanese, Chinese) match anywhere in
/// the line.
const TABLE: &[(&[&str], &[char])] = &[
    (
        &[
            "phone",
            "telephone",
            "tel",
            "call",
            "telefon",
            "telefono",
            "teléfono",
            "téléphone",
            "telefone",
            "телефон",
            "電話",
            "전화",
        ],
        &['📞', '☎', '📱'],
    ),
    (
        &[
            "search",
            "find",
            "suche",
            "suchen",
            "buscar",
            "búsqueda",
            "recherche",
            "pesquisa",
            "ricerca",
            "поиск",
            "検索",
            "搜索",
            "검색",
        ],
        &['🔍', '🔎'],
    ),
    (
        &[
            "warning",
            "caution",
            "attention",
            "warnung",
            "achtung",
            "advertencia",
            "aviso",
            "avertissement",
            "atención",
            "atenção",
            "attenzione",
            "avviso",
            "внимание",
            "предупреждение",
            "警告",
            "注意",
            "경고",
            "주의",
        ],
        &['⚠', '🚨', '❗'],
    ),
    (
        &[
            "lock",
            "secure",
            "private",
            "privately",
            "confidential",
            "privat",
            "vertraulich",
            "privado",
            "privada",
            "confidencial",
            "privé",
            "privée",
            "confidentiel",
            "privato",
            "riservato",
            "приватно",
            "конфиденциально",
            "非公開",
            "비공개",
        ],
        &['🔒', '🔐', '🔏'],
    ),
    (
        &[
            "mail",
            "email",
            "contact",
            "kontakt",
            "correo",
            "contacto",
            "courriel",
            "contato",
            "contatto",
            "почта",
            "контакт",
            "メール",
            "邮件",
            "연락",
            "이메일",
        ],
        &['📧', '✉', '📨', '📩', '📬', '📮'],
    ),
    (
        &[
            "check",
            "done",
            "supported",
            "yes",
            "unterstützt",
            "soportado",
            "soportada",
            "compatible",
            "supporté",
            "suportado",
            "suportada",
            "supportato",
            "поддерживается",
            "サポート",
            "支持",
            "지원",
        ],
        &['✅', '✔', '☑', '✓'],
    ),
    (
        &[
            "unsupported",
            "not",
            "no",
            "nicht",
            "nein",
            "non",
            "não",
            "не",
            "нет",
        ],
        &['❌', '✖', '✗'],
    ),
    (
        &["bug", "fehler", "error", "erreur", "バグ", "버그"],
        &['🐛', '🐞'],
    ),
    (
        &[
            "shield",
            "security",
            "sicherheit",
            "seguridad",
            "sécurité",
            "segurança",
            "sicurezza",
            "безопасность",
            "безопасности",
            "セキュリティ",
            "安全",
            "보안",
        ],
        &['🛡', '🔐', '🔒'],
    ),
    (
        &[
            "key",
            "pgp",
            "gpg",
            "schlüssel",
            "clave",
            "clé",
            "chave",
            "chiave",
            "ключ",
            "鍵",
            "密钥",
            "키",
        ],
        &['🔑', '🗝', '🔐'],
    ),
    (
        &[
            "report",
            "reporting",
            "melden",
            "reportar",
            "signaler",
            "relatar",
            "segnalare",
            "сообщить",
            "報告",
            "报告",
            "신고",
        ],
        &['📝', '📢', '🚨', '📋'],
    ),
    (
        &[
            "disclosure",
            "announce",
            "announcement",
            "advisory",
            "advisories",
            "offenlegung",
            "divulgación",
            "divulgation",
            "divulgação",
            "раскрытие",
            "公開",
            "披露",
            "공개",
        ],
        &['📢', '📣'],
    ),
    (
        &[
            "date",
            "timeline",
            "schedule",
            "calendar",
            "zeitplan",
            "fecha",
            "calendrier",
            "cronograma",
            "calendario",
            "сроки",
            "日程",
            "时间",
            "일정",
        ],
        &['📅', '📆', '🗓'],
    ),
    (
        &[
            "time",
            "response",
            "hours",
            "days",
            "zeit",
            "antwort",
            "tiempo",
            "respuesta",
            "délai",
            "réponse",
            "tempo",
            "resposta",
            "risposta",
            "время",
            "ответ",
            "時間",
            "响应",
            "시간",
        ],
        &['⏰', '⏱', '⏳', '⌛'],
    ),
    (
        &[
            "link",
            "links",
            "url",
            "enlace",
            "lien",
            "collegamento",
            "ссылка",
            "リンク",
            "链接",
            "링크",
        ],
        &['🔗'],
    ),
    (
        &[
            "bounty",
            "reward",
            "rewards",
            "belohnung",
            "recompensa",
            "récompense",
            "ricompensa",
            "награда",
            "報奨金",
            "奖励",
            "보상",
        ],
        &['💰', '🏆', '🎁', '💵'],
    ),
    (
        &[
            "thanks",
            "thank",
            "acknowledgement",
            "acknowledgements",
            "acknowledgments",
            "danke",
            "gracias",
            "merci",
            "obrigado",
            "grazie",
            "спасибо",
            "感謝",
            "感谢",
            "감사",
        ],
        &['🙏', '🎉', '❤'],
    ),
    (
        &[
            "version",
            "versions",
            "release",
            "releases",
            "versionen",
            "versión",
            "versiones",
            "versão",
            "versões",
            "versione",
            "версия",
            "версии",
            "バージョン",
            "版本",
            "버전",
        ],
        &['📦', '🏷', '🚀'],
    ),
    (
        &[
            "scope",
            "policy",
            "guidelines",
            "umfang",
            "richtlinie",
            "alcance",
            "política",
            "portée",
            "politique",
            "escopo",
            "ambito",
            "область",
            "политика",
            "範囲",
            "范围",
            "범위",
        ],
        &['📋', '📜', '🎯'],
    ),
    (
        &[
            "note",
            "notes",
            "info",
            "information",
            "hinweis",
            "nota",
            "remarque",
            "примечание",
            "注記",
            "참고",
        ],
        &['ℹ', '📝', '💡', '📌'],
    ),
];

/// Whether a keyword of the table appears in `line` and calls for `c`.
/// Emoji presentation selectors are the caller's business: pass the base
/// character (⚠, not ⚠️).
pub(crate) fn line_calls_for(line: &str, c: char) -> bool {
    // Most candidates (letters of a mangled script) are in no group: skip
    // reading the line for them, a long mangled file has thousands.
    if !TABLE.iter().any(|(_, chars)| chars.contains(&c)) {
        return false;
    }
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    TABLE
        .iter()
        .filter(|(_, chars)| chars.contains(&c))
        .flat_map(|(keys, _)| keys.iter())
        .any(|key| matches(key, &lower, &words))
}

fn matches(key: &str, line: &str, words: &[&str]) -> bool {
    // Japanese, Chinese and Korean run words together: a substring match.
    if key.chars().any(|ch| ch >= '\u{3000}') {
        return line.contains(key);
    }
    if key.chars().count() >= 4 {
        words.iter().any(|w| w.starts_with(key))
    } else {
        // A whole word, or its plural (`keys`, `bugs`).
        words
            .iter()
            .any(|w| w.strip_suffix('s').unwrap_or(w) == key || *w == key)
    }
}

#[cfg(test)]
mod tests {
    use super::line_calls_for;

    #[test]
    fn words_of_the_line_call_for_symbols() {
        assert!(line_calls_for("- ðŸ“ Phone: +1 555", '📞'));
        assert!(line_calls_for("| 2.x | Tel. +49 |", '📞'));
        assert!(line_calls_for("## Searching the advisories", '🔍'));
        assert!(line_calls_for("> WARNINGS ahead", '⚠'));
        assert!(line_calls_for("Telefon: 030 1234", '📞'));
        assert!(line_calls_for("連絡先の電話番号", '📞'));
        assert!(line_calls_for("Envie um e-mail", '📧'));
    }

    #[test]
    fn short_keywords_match_whole_words_only() {
        assert!(!line_calls_for("Please tell us", '📞'));
        assert!(!line_calls_for("A keystone release", '🔑'));
        assert!(line_calls_for("Our PGP key", '🔑'));
        assert!(line_calls_for("Signing keys", '🔑'));
        assert!(!line_calls_for("Phone", '🔍'));
    }
}
