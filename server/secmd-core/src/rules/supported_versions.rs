//! `supported-versions`: the supported-versions section does not say
//! clearly which versions get security fixes.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::memo::hash_of;
use crate::memo::pieces::{PieceMemo, PrehashedState};
use crate::model::{normalize_heading, Date, DocumentModel, Row, Section, Table};
use crate::policy::sections::SectionId;
use crate::policy::support_marker::{marker, Marker};
use crate::policy::version_cell::{first_claim, Spec};
use crate::policy::version_rows::{last_day, row_problems, VersionRow};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;

pub static META: RuleMeta = RuleMeta {
    code: "supported-versions",
    default_severity: Severity::Warning,
    summary: "The supported-versions section is unclear",
    doc: "\
Checks the supported-versions section:

- it has neither a table nor a list, and its text names no versions either
  (\"Only the latest release is supported\" is fine);
- a table has no column saying whether a version is supported;
- a row's support marker is not recognised (three or more such rows in
  a table are one finding: the table's notation is the cause);
- no version is marked as supported (unless the text says so on purpose);
- two rows are for the same version (compared as written: `< 2.0` and
  `2.0` differ);
- the rows say nothing true: every version's support date has passed, a
  row claims support \"until\" a day that has passed, comparator rows leave
  a gap (`> 1.0` supported, `< 1.0` not: and 1.0?) or contradict a row
  (`< 3.6.x` unsupported, then `2.11.x` supported), or the versions are out
  of order.

Template rows such as `{{VERSION_SUPPORT_TABLE}}` are left to
`placeholder`. A one-column table is read as a list of versions.

Recognised markers: ✅ ✔ ✓ ☑ 🟢 ❌ ✖ ✗ ✘ ❎ ⛔ 🚫 🛑 🔴 ⚠ 🟡, the shortcodes
`:white_check_mark:` `:heavy_check_mark:` `:x:` `:no_entry:`
`:no_entry_sign:` `:warning:`, the words Yes/No/Y/N, Supported/Unsupported,
Active, Maintained, LTS, End of life/EOL, Deprecated, \"Security fixes only\",
\"Critical fixes\", and dates (\"until 2027-06\").

```markdown
| Version | Supported |
| ------- | --------- |
| 2.x     | ✅        |
| 1.x     | maybe     |   <!-- supported-versions -->
```",
    scope: Scope::Document,
};

pub struct SupportedVersions;

impl Rule for SupportedVersions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let facts = cx.facts();
        let sections: Vec<&Section> = facts
            .classified
            .iter()
            .filter(|c| c.id == SectionId::SupportedVersions)
            .map(|c| &c.section)
            .collect();
        if sections.is_empty() {
            return;
        }
        let english = facts.english;
        // What each table's rows said at the last analysis, by the table's
        // place among those checked: a keystroke in a 35,000-row table
        // reads the one row it changed (see `PieceMemo`).
        let memos = cx
            .doc_memo()
            .get("supported-versions/rows", 0, || Mutex::new(Vec::new()));
        let mut memos = memos.lock().unwrap_or_else(|e| e.into_inner());
        let mut checked = 0;
        for section in sections {
            let within =
                |r: &Range<usize>| section.range.start <= r.start && r.end <= section.range.end;
            // Only the chunks of the section are read, and their tables in
            // place: this runs on every keystroke, a large document has
            // thousands of tables, and copying the cells of a 35,000-row
            // table cost more than checking them.
            let section_tables: Vec<(usize, &Table)> =
                doc.tables_in_unshifted(&section.range).collect();
            let ranges = [section.range.clone()];
            let has_list = doc.chunks_in(Some(&ranges)).any(|(_, c)| {
                c.model
                    .lists
                    .iter()
                    .any(|l| within(&(l.range.start + c.start..l.range.end + c.start)))
            });
            let prose = Prose {
                doc,
                section,
                tables: &section_tables,
                lower: OnceCell::new(),
            };
            if section_tables.is_empty() && !has_list {
                if english && !names_versions(doc, section, prose.get()) {
                    out.push(Finding::new(
                        &META,
                        section.heading.range.clone(),
                        format!(
                            "\"{}\" lists no versions: add a table or list of versions and whether each gets security fixes",
                            section.heading.text
                        ),
                    ));
                }
                continue;
            }
            for &(d, table) in &section_tables {
                if memos.len() == checked {
                    memos.push(TableMemo::default());
                }
                let memo = &mut memos[checked];
                checked += 1;
                check_table(doc, d, table, &prose, cx.options.today, memo, out);
                cx.count_work(memo.rows.computed());
            }
        }
        // Tables gone since: their rows' text is not kept.
        memos.truncate(checked);
    }
}

/// What the rule keeps for one table between analyses.
#[derive(Debug, Default)]
struct TableMemo {
    /// What each row said.
    rows: PieceMemo<RowFacts>,
    /// The duplicates pass's map (version key hash → first row), emptied
    /// and refilled: allocating it for 35,000 rows on every keystroke
    /// cost as much as filling it.
    seen: HashMap<u64, usize, PrehashedState>,
}

/// What [`check_table`] reads from one row, kept between analyses in a
/// [`PieceMemo`]: it depends on the row's text and on which columns hold
/// the version and the support marker, nothing else.
#[derive(Debug)]
struct RowFacts {
    /// The version and support cells' ranges, relative to the row's start
    /// (reading them from the rows' cells was a cache miss per row).
    version: Option<Range<usize>>,
    support: Option<Range<usize>>,
    /// A template's placeholder row (`{{…}}`, `${…}`).
    template: bool,
    marker: Marker,
    /// The hash of the version cell's [`version_key`]; `None` when the
    /// key is empty.
    key_hash: Option<u64>,
    /// The claim the version cell starts with.
    parsed: Option<Spec>,
    /// The date in the support cell.
    last_day: Option<Date>,
}

impl RowFacts {
    fn of(row: &Row, text: &str, version_col: usize, support_col: usize) -> Self {
        let cell = |i: usize| {
            row.cells
                .get(i)
                .map_or("", |c| text.get(c.range.clone()).unwrap_or(""))
        };
        let relative = |i: usize| {
            row.cells
                .get(i)
                .map(|c| c.range.start - row.range.start..c.range.end - row.range.start)
        };
        let raw_row = text.get(row.range.clone()).unwrap_or("");
        let key = version_key(cell(version_col));
        RowFacts {
            version: relative(version_col),
            support: relative(support_col),
            template: raw_row.contains("{{") || raw_row.contains("${"),
            marker: marker(cell(support_col)),
            key_hash: (!key.is_empty()).then(|| hash_of(&*key)),
            parsed: first_claim(cell(version_col)),
            last_day: last_day(cell(support_col)),
        }
    }
}

/// The section's text outside its tables, lowercased, built on first use:
/// a section with tables needs it only when no row is marked supported.
struct Prose<'a> {
    doc: &'a DocumentModel,
    section: &'a Section,
    /// The section's tables as stored, with their chunks' offsets.
    tables: &'a [(usize, &'a Table)],
    lower: OnceCell<String>,
}

impl Prose<'_> {
    fn get(&self) -> &str {
        self.lower
            .get_or_init(|| section_prose(self.doc, self.section, self.tables))
    }
}

/// The section's text outside its tables, lowercased.
fn section_prose(doc: &DocumentModel, section: &Section, tables: &[(usize, &Table)]) -> String {
    let mut s = String::new();
    let mut pos = section.body.start;
    for (d, t) in tables {
        s.push_str(&doc.text_in(pos..(t.range.start + d).max(pos)));
        pos = t.range.end + d;
    }
    s.push_str(&doc.text_in(pos..section.body.end.max(pos)));
    s.to_lowercase()
}

/// Whether text without a table or list still says which versions are
/// supported ("only the latest release", "2.x and later", a link to the
/// project's version policy).
fn names_versions(doc: &DocumentModel, section: &Section, prose: &str) -> bool {
    let body = [section.body.clone()];
    if doc.chunks_in(Some(&body)).any(|(_, c)| {
        c.model.links.iter().any(|l| {
            section.body.start <= l.range.start + c.start
                && l.range.end + c.start <= section.body.end
        })
    }) {
        return true;
    }
    let has_version_number = prose
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'.' | b'x'))
        || prose.split_whitespace().any(|w| {
            w.trim_start_matches('v')
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        });
    has_version_number
        || [
            "latest",
            "current",
            "recent",
            "newest",
            "last ",
            "master",
            "main",
            "trunk",
            "head",
            "all versions",
            "every version",
            "no version",
            "none",
            "only",
            "lts",
            "stable",
            "release",
            "supported",
        ]
        .iter()
        .any(|w| prose.contains(w))
}

const SUPPORT_HEADERS: &[&str] = &[
    "support",
    "supported",
    "status",
    "maintained",
    "security",
    "eol",
    "end",
    "patch",
    "patches",
    "fixes",
    "updates",
    "state",
    "active",
    "lts",
    "secure",
    // Other languages: "Estado", "Statut", "Unterstützt", "Soportada"…
    "estado",
    "statut",
    "stato",
    "unterstützt",
    "unterstuetzt",
    "soportada",
    "soportado",
    "soporte",
    "supporté",
    "supportée",
    "suporte",
    "suportado",
    "supportato",
    "maintenu",
    "wartung",
];
const VERSION_HEADERS: &[&str] = &[
    "version",
    "versions",
    "release",
    "releases",
    "branch",
    "branches",
    "series",
    "tag",
    "versión",
    "versiones",
    "versão",
    "versões",
    "versione",
    "versioni",
    "zweig",
];

/// Checks one table of the section; `d` is the offset of the table's chunk
/// (its ranges are chunk-relative, as stored). `memo` keeps what each row
/// said at the last analysis.
fn check_table(
    doc: &DocumentModel,
    d: usize,
    table: &Table,
    prose: &Prose<'_>,
    today: Date,
    memo: &mut TableMemo,
    out: &mut Vec<Finding>,
) {
    let at = |r: &Range<usize>| r.start + d..r.end + d;
    // The chunk's text up to the table's end, read with chunk-relative
    // ranges (a `doc.slice` per cell searched the chunks each time).
    let text = doc.slice(d..table.range.end + d);
    let columns = table.header.cells.len();
    if columns < 2 {
        return; // A one-column table is a list of versions.
    }
    let header_words: Vec<Vec<String>> = table
        .header
        .cells
        .iter()
        .map(|c| {
            normalize_heading(&c.text)
                .split(' ')
                .map(str::to_string)
                .collect()
        })
        .collect();
    let version_col = header_words
        .iter()
        .position(|ws| ws.iter().any(|w| VERSION_HEADERS.contains(&w.as_str())))
        .unwrap_or(0);
    let raw_cell = |row: &Row, i: usize| {
        row.cells
            .get(i)
            .map(|c| (text.get(c.range.clone()).unwrap_or(""), at(&c.range)))
    };
    let support_col = header_words
        .iter()
        .enumerate()
        .position(|(i, ws)| {
            i != version_col && ws.iter().any(|w| SUPPORT_HEADERS.contains(&w.as_str()))
        })
        .or_else(|| {
            (0..columns).filter(|&i| i != version_col).find(|&i| {
                let known = table
                    .rows
                    .iter()
                    .filter(|r| raw_cell(r, i).is_some_and(|(s, _)| marker(s) != Marker::Unknown))
                    .count();
                !table.rows.is_empty() && known * 2 > table.rows.len()
            })
        });
    let Some(support_col) = support_col else {
        out.push(Finding::new(
            &META,
            at(&table.header.range),
            "The versions table has no column saying whether each version is supported",
        ));
        return;
    };
    // Each row's marker, claim, date and version key: kept for the rows
    // whose text is unchanged since the last analysis, read for the others.
    let pieces: Vec<&str> = table
        .rows
        .iter()
        .map(|r| text.get(r.range.clone()).unwrap_or(""))
        .collect();
    let layout = hash_of(&(columns, version_col, support_col));
    let TableMemo { rows: kept, seen } = memo;
    let facts = kept.update(layout, &pieces, |i, _| {
        RowFacts::of(&table.rows[i], text, version_col, support_col)
    });
    // A row's version or support cell, as `raw_cell` gives it, from the
    // ranges kept with the row.
    let kept_cell = |row: &Row, cell: &Option<Range<usize>>| {
        cell.as_ref().map(|c| {
            let range = row.range.start + c.start..row.range.start + c.end;
            (text.get(range.clone()).unwrap_or(""), at(&range))
        })
    };
    // Every row's line, counted in one pass (a count from the chunk's start
    // per row made a one-chunk table quadratic), and only when a message
    // names one: most tables have no duplicate and no `< X` row.
    let lines: OnceCell<Vec<usize>> = OnceCell::new();
    let line_of = |i: usize| {
        lines.get_or_init(|| {
            let mut cursor = doc.line_cursor();
            table
                .rows
                .iter()
                .map(|row| cursor.line_of(row.range.start + d))
                .collect()
        })[i]
    };
    // Each version's first row, by normalised version: one lookup per row
    // (a search over the earlier rows made a 35,000-row table quadratic),
    // by the hash kept per row (hashing every version again was most of a
    // keystroke's check). A hash met first with another key (a collision)
    // sends its other keys to `collided`, a map by the keys themselves.
    let version_of = |row: &Row, f: &RowFacts| {
        kept_cell(row, &f.version).map_or(Cow::Borrowed(""), |(s, _)| version_key(s))
    };
    seen.clear();
    seen.reserve(table.rows.len());
    let mut collided: HashMap<Cow<str>, usize> = HashMap::new();
    let mut markers = Vec::new();
    let mut unknown: Vec<(Range<usize>, String)> = Vec::new();
    for (i, (row, f)) in table.rows.iter().zip(facts).enumerate() {
        if f.template {
            continue; // A template's placeholder row; `placeholder` reports it.
        }
        // Compared as written: plain text drops the `<` of "< 2.0".
        if let Some(hash) = f.key_hash {
            let key_of = |j: usize| version_of(&table.rows[j], &facts[j]);
            if let Some(first) = earlier_row(i, hash, seen, &mut collided, key_of) {
                out.push(Finding::new(
                    &META,
                    at(&row.range),
                    format!(
                        "Duplicate row for `{}` (first on line {})",
                        kept_cell(row, &f.version).map_or("", |(s, _)| s.trim()),
                        line_of(first)
                    ),
                ));
            }
        }
        let m = f.marker;
        markers.push(m);
        if m == Marker::Unknown {
            let (raw, range) = kept_cell(row, &f.support).unwrap_or(("", at(&row.range)));
            let message = if raw.trim().is_empty() {
                "No support marker in this row (use ✅/❌, Yes/No, Supported/EOL…)".to_string()
            } else {
                format!(
                    "`{}` is not a recognised support marker (use ✅/❌, Yes/No, Supported/EOL…)",
                    raw.trim()
                )
            };
            // An empty cell has an empty range: point at its row instead.
            let range = if raw.trim().is_empty() {
                at(&row.range)
            } else {
                range
            };
            unknown.push((range, message));
        }
    }
    // Three or more unreadable rows: the table's notation is the one
    // cause, one finding at its first such row; one or two odd cells are
    // each their own.
    if unknown.len() >= 3 {
        let (range, _) = &unknown[0];
        let first = doc.slice(range.clone()).trim();
        out.push(Finding::new(
            &META,
            range.clone(),
            format!(
                "{} of {} rows have no recognised support marker (`{first}` here): use ✅/❌, Yes/No, Supported/EOL…",
                unknown.len(),
                table.rows.len()
            ),
        ));
    } else {
        for (range, message) in unknown {
            out.push(Finding::new(&META, range, message));
        }
    }
    let rows: Vec<VersionRow> = table
        .rows
        .iter()
        .zip(facts)
        .map(|(row, f)| VersionRow {
            version: kept_cell(row, &f.version).map_or("", |(s, _)| s),
            parsed: f.parsed.as_ref(),
            supported: match f.marker {
                Marker::Supported => Some(true),
                Marker::Unsupported => Some(false),
                _ => None,
            },
            support: kept_cell(row, &f.support).map_or("", |(s, _)| s),
            last_day: f.last_day,
            range: at(&row.range),
        })
        .collect();
    for (range, message) in row_problems(&rows, today, &line_of) {
        out.push(Finding::new(&META, range, message));
    }
    let none_supported = !markers.is_empty() && markers.iter().all(|m| *m == Marker::Unsupported);
    // The prose is read (and built) only when it matters.
    if none_supported && !said_on_purpose(prose.get()) {
        out.push(Finding::new(
            &META,
            at(&table.header.range),
            "No version in the table is marked as supported",
        ));
    }
}

/// The first row before row `i` with row `i`'s key (`key_of(i)`, whose
/// hash is `hash`), if any: `seen` maps a hash to the first row that had
/// it, `collided` the keys that met their hash taken by another key.
fn earlier_row<'k>(
    i: usize,
    hash: u64,
    seen: &mut HashMap<u64, usize, PrehashedState>,
    collided: &mut HashMap<Cow<'k, str>, usize>,
    key_of: impl Fn(usize) -> Cow<'k, str>,
) -> Option<usize> {
    match seen.entry(hash) {
        Entry::Vacant(e) => {
            e.insert(i);
            None
        }
        Entry::Occupied(e) => {
            let j = *e.get();
            let key = key_of(i);
            if key_of(j) == key {
                return Some(j);
            }
            match collided.entry(key) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(i);
                    None
                }
            }
        }
    }
}

/// A version cell as rows are compared: lowercased, without whitespace,
/// code or emphasis marks. Borrowed when the cell is plain ASCII already
/// (the usual `1.2.x`): one allocation per row of a 35,000-row table was
/// a good part of the rule's time per keystroke.
fn version_key(cell: &str) -> Cow<'_, str> {
    let plain = cell.trim();
    let as_is = plain
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'`' && b != b'*');
    if as_is {
        return Cow::Borrowed(plain);
    }
    Cow::Owned(
        cell.to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '`' && *c != '*')
            .collect(),
    )
}

/// Whether the section's text says on purpose that no version is supported.
fn said_on_purpose(prose: &str) -> bool {
    [
        "no release",
        "no version",
        "not supported",
        "unsupported",
        "no longer",
        "deprecated",
        "archived",
        "unmaintained",
        "end of life",
    ]
    .iter()
    .any(|p| prose.contains(p))
}

#[cfg(test)]
mod tests {
    use super::{earlier_row, version_key};
    use crate::testing::check;
    use std::borrow::Cow;
    use std::collections::HashMap;

    #[test]
    fn duplicates_are_found_by_key_even_when_hashes_collide() {
        let keys = ["a", "b", "a", "b", "c", "c"];
        let mut seen = HashMap::default();
        let mut collided = HashMap::new();
        // Every key hashed alike: only the keys tell them apart.
        let first: Vec<Option<usize>> = (0..keys.len())
            .map(|i| earlier_row(i, 7, &mut seen, &mut collided, |j| Cow::Borrowed(keys[j])))
            .collect();
        assert_eq!(first, [None, None, Some(0), Some(1), None, Some(4)]);
    }

    #[test]
    fn version_keys_are_borrowed_when_plain() {
        assert_eq!(version_key(" 1.2.x "), Cow::Borrowed("1.2.x"));
        assert!(matches!(version_key(" <2.0 "), Cow::Borrowed("<2.0")));
        assert_eq!(version_key("`< 2.0`"), "<2.0");
        assert_eq!(version_key("**V 2.X**"), "v2.x");
        assert_eq!(version_key("\u{a0}İ2.x"), "i\u{307}2.x");
        assert_eq!(version_key("   "), "");
    }

    #[test]
    fn reports_unknown_markers_and_duplicates() {
        check(
            "supported-versions",
            "## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 2.x | ✅ |\n| 1.x | maybe |\n| 2.x | :x: |\n| 0.x | |\n",
            &[
                "6:9-6:14 supported-versions `maybe` is not a recognised support marker (use ✅/❌, Yes/No, Supported/EOL…)",
                "7:1-7:14 supported-versions Duplicate row for `2.x` (first on line 5)",
                "8:1-8:10 supported-versions No support marker in this row (use ✅/❌, Yes/No, Supported/EOL…)",
            ],
        );
    }

    #[test]
    fn an_unintelligible_table_is_one_finding() {
        check(
            "supported-versions",
            "## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n| 3.x | soon |\n| 2.x | later |\n| 1.x | ✅ |\n| 0.x | never? |\n",
            &["5:9-5:13 supported-versions 3 of 4 rows have no recognised support marker (`soon` here): use ✅/❌, Yes/No, Supported/EOL…"],
        );
    }

    #[test]
    fn headers_and_markers_in_other_languages() {
        for table in [
            "| Versión | Estado |\n|---|---|\n| 2.x | Sí |\n| 1.x | No |\n",
            "| Version | Statut |\n|---|---|\n| 2.x | maintenu |\n| 1.x | fin de vie |\n",
            "| Version | Unterstützt |\n|---|---|\n| 2.x | Ja |\n| 1.x | Nein |\n",
            "| Versión | Soportada |\n|---|---|\n| 2.x | Sí |\n| 1.x | No |\n",
            "| Version | Supporté |\n|---|---|\n| 2.x | Oui |\n| 1.x | Non |\n",
        ] {
            check(
                "supported-versions",
                &format!("## Supported Versions\n\n{table}"),
                &[],
            );
        }
    }

    #[test]
    fn tables_that_say_nothing_true() {
        let table = |rows: &str| {
            format!("## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n{rows}")
        };
        check(
            "supported-versions",
            &table("| > 1.0 | ✅ |\n| < 1.0 | ❌ |\n"),
            &["5:1-5:14 supported-versions `> 1.0` and `< 1.0` leave 1.0 itself out: say whether 1.0 is supported (`>= 1.0`)"],
        );
        check(
            "supported-versions",
            &table("| 3.6.x | ✅ |\n| < 3.6.x | ❌ |\n| 2.11.x | ✅ |\n| < 2.11.x | ❌ |\n"),
            &["7:1-7:15 supported-versions `2.11.x` is marked supported, but `< 3.6.x` on line 6 says versions below 3.6 are not"],
        );
        check(
            "supported-versions",
            &table("| 3.x | ✅ |\n| 1.x | ❌ |\n| 2.x | ❌ |\n"),
            &["7:1-7:12 supported-versions Rows are out of order: `2.x` comes after `1.x`"],
        );
        check(
            "supported-versions",
            &table("| 4.x | Yes |\n| 3.5.x | Until 2023-12-31 |\n| 3.4.x | EOL 2023-01-31 |\n"),
            &["6:1-6:29 supported-versions Support for `3.5.x` ended on 2023-12-31 (1058 days ago) by this table; mark it unsupported or update the table"],
        );
        check(
            "supported-versions",
            "## Supported Versions\n\n| Version | End of support |\n| --- | --- |\n| 2.x | 2025-06-30 |\n| 1.x | 2024-01-31 |\n",
            &["5:1-5:21 supported-versions Every version's support has ended by this table's dates (the last on 2025-06-30): no version gets security fixes; update the table"],
        );
    }

    #[test]
    fn recognises_marker_notations() {
        check(
            "supported-versions",
            "## Supported Versions\n\n| Version | Supported |\n|---|---|\n| 5.x | :white_check_mark: |\n| 4.x | ✔️ Yes |\n| 3.x | Security fixes only |\n| 2.x | Until 2027-06 |\n| 1.x | End of life |\n| 0.9 | :no_entry: |\n| 0.8 | N |\n| 0.7 | ✗ |\n",
            &[],
        );
    }

    #[test]
    fn table_without_support_column_and_nothing_supported() {
        check(
            "supported-versions",
            "## Supported Versions\n\n| Version | Released |\n|---|---|\n| 2.x | March |\n",
            &["3:1-3:23 supported-versions The versions table has no column saying whether each version is supported"],
        );
        check(
            "supported-versions",
            "## Supported Versions\n\n| Version | Supported |\n|---|---|\n| 2.x | ❌ |\n| 1.x | :x: |\n",
            &["3:1-3:24 supported-versions No version in the table is marked as supported"],
        );
        // Said on purpose.
        check(
            "supported-versions",
            "## Supported Versions\n\nCurrently no releases are supported.\n\n| Version | Supported |\n|---|---|\n| < 1.0 | :x: |\n",
            &[],
        );
    }

    #[test]
    fn section_without_table_or_list() {
        check(
            "supported-versions",
            "# Policy\n\n## Supported Versions\n\nWe care about this.\n\n## Reporting\n\nMail a@b.org\n",
            &["3:1-3:22 supported-versions \"Supported Versions\" lists no versions: add a table or list of versions and whether each gets security fixes"],
        );
        // Prose that names the versions, and a list.
        check(
            "supported-versions",
            "## Supported Versions\n\nOnly the latest non-prerelease version is supported.\n\n## Versions\n\n- 2.x\n",
            &[],
        );
    }
}
