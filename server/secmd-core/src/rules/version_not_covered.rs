//! `version-not-covered`: the version the project ships is not covered by
//! any row marked supported, or a supported row names a release line newer
//! than anything shipped.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::{normalize_heading, DocumentModel, Row, Table};
use crate::policy::sections::{line_ending, SectionId};
use crate::policy::support_marker::{marker, Marker};
use crate::policy::version_cell::{covers, line_like, lowest, parse_cell, Spec};
use crate::workspace::{parse_version, VersionSource};

pub static META: RuleMeta = RuleMeta {
    code: "version-not-covered",
    default_severity: Severity::Warning,
    summary: "The shipped version is not in the supported-versions table",
    doc: "\
Compares the supported-versions table with the version the workspace
ships, read offline from (first found wins): `Cargo.toml` (`[package]`,
`version.workspace = true`), `package.json` (not `private`),
`pyproject.toml` (`[project]`, `[tool.poetry]`; a dynamic version falls
back to tags), the newest git tag that parses as a version, the newest
release heading of `CHANGELOG.md`.

Reports:

- the current version is covered by no row marked supported;
- a supported row starts a release line newer than any version shipped
  (`4.x` while the newest tag is `v3.1.0`);
- information: a manifest could not be read (with its file and line), or
  the version comes from tags of a shallow clone (it may not be the
  newest).

When no source names a version (no manifest, no tag that parses as one)
the table is not compared and nothing is reported: nothing is guessed,
and a note on every run saying so would be noise.

Rows understood: `5.1.x`, `5.x`, `5.1`, `>= 2.0`, `> 2.0`, `< 4.0`,
`<= 4.0`, `2.0+`, `2.0 and later`, `1.2 - 1.4`, `latest`, `current`,
`main`, `master`, and comma-separated lists of them. Rows written
otherwise are left alone. Only tables are read; policies outside a
workspace (stdin, untitled buffers) get nothing.

Fix (a suggestion, since it states a support promise): add a row for the
current release line in the table's own style, copied from a supported
row, at the end the table grows from.

```markdown
| Version | Supported |
| ------- | --------- |
| 2.x     | ✅        |   <!-- Cargo.toml says 3.1.0: version-not-covered -->
```",
    scope: Scope::Document,
};

pub struct VersionNotCovered;

/// Header words of the version column.
const VERSION_HEADERS: &[&str] = &[
    "version", "versions", "release", "releases", "branch", "branches", "series", "tag",
];

/// A body row with what its version cell claims.
struct Claim<'t> {
    row: &'t Row,
    version_cell: usize,
    specs: Vec<Spec>,
    supported: bool,
}

impl Rule for VersionNotCovered {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let Some(ws) = cx.options.files.workspace() else {
            return;
        };
        let facts = ws.facts;
        let Some(section) = cx
            .facts()
            .classified
            .iter()
            .find(|c| c.id == SectionId::SupportedVersions)
            .map(|c| &c.section)
        else {
            return;
        };
        let doc = cx.doc;
        let heading = section.heading.range.clone();
        for note in &facts.notes {
            let at = note.line.map(|l| format!(":{l}")).unwrap_or_default();
            out.push(
                Finding::new(
                    &META,
                    heading.clone(),
                    format!("{}{at} could not be read: {}", note.file, note.message),
                )
                .with_severity(Severity::Info),
            );
        }
        // No version known (no manifest names one, no tag parses as one, or a
        // shallow CI clone without tags): stay silent rather than report on
        // every run that the rule could not run; nothing is guessed.
        let Some(current) = facts.current_version() else {
            return;
        };
        let manifest = !matches!(
            current.source,
            VersionSource::GitTag | VersionSource::Changelog
        );
        if !manifest && facts.git.as_ref().is_some_and(|g| g.shallow) {
            out.push(
                Finding::new(
                    &META,
                    heading,
                    format!(
                        "the git history is shallow: {} may not be the newest version, so the table is not compared",
                        current.origin()
                    ),
                )
                .with_severity(Severity::Info),
            );
            return;
        }
        let Some(version) = parse_version(&current.version) else {
            return;
        };
        let newest = facts.newest_version();
        for table in doc.tables_in(&section.range) {
            let claims = claims(doc, &table);
            let supported: Vec<&Claim> = claims.iter().filter(|c| c.supported).collect();
            if supported.is_empty() {
                continue; // Nothing marked supported is `supported-versions`' finding.
            }
            if !supported
                .iter()
                .any(|c| c.specs.iter().any(|s| covers(s, &version)))
            {
                let mut finding = Finding::new(
                    &META,
                    table.header.range.clone(),
                    format!(
                        "version {} ({}) is not covered by any row marked supported",
                        current.version,
                        current.origin()
                    ),
                );
                if let Some(fix) = add_row(doc, &table, &claims, &version) {
                    finding = finding.with_fix(fix);
                }
                out.push(finding);
            }
            if let Some((fact, newest)) = &newest {
                for claim in &supported {
                    let future = claim
                        .specs
                        .iter()
                        .filter_map(lowest)
                        .all(|low| low > *newest)
                        && claim.specs.iter().all(|s| lowest(s).is_some());
                    if future {
                        let cell = &claim.row.cells[claim.version_cell];
                        out.push(Finding::new(
                            &META,
                            cell.range.clone(),
                            format!(
                                "\"{}\" is marked supported but the newest version shipped is {} ({})",
                                cell.text,
                                fact.version,
                                fact.origin()
                            ),
                        ));
                    }
                }
            }
        }
    }
}

fn claims<'t>(doc: &DocumentModel, table: &'t Table) -> Vec<Claim<'t>> {
    let version_cell = table
        .header
        .cells
        .iter()
        .position(|c| {
            normalize_heading(&c.text)
                .split(' ')
                .any(|w| VERSION_HEADERS.contains(&w))
        })
        .unwrap_or(0);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let specs = parse_cell(&row.cells.get(version_cell)?.text)?;
            let markers: Vec<Marker> = row
                .cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != version_cell)
                // The raw text: plain text drops shortcodes such as `:x:`.
                .map(|(_, c)| marker(&doc.text_in(c.range.clone())))
                .collect();
            let supported = !markers.contains(&Marker::Unsupported)
                && markers
                    .iter()
                    .any(|m| matches!(m, Marker::Supported | Marker::Partial | Marker::Dated));
            Some(Claim {
                row,
                version_cell,
                specs,
                supported,
            })
        })
        .collect()
}

/// A new row for `version`'s release line, copied from a supported row,
/// placed where the table grows: on top when newer rows come first.
fn add_row(
    doc: &DocumentModel,
    table: &Table,
    claims: &[Claim],
    version: &semver::Version,
) -> Option<Fix> {
    let template = claims.iter().find(|c| {
        c.supported
            && c.specs
                .iter()
                .all(|s| matches!(s, Spec::Prefix(_) | Spec::Latest) || lowest(s).is_some())
            && !c.specs.contains(&Spec::Latest)
    })?;
    let cell = template.row.cells.get(template.version_cell)?;
    let row_text = doc.text_in(template.row.range.clone());
    let cell_start = cell.range.start.checked_sub(template.row.range.start)?;
    let cell_end = cell.range.end.checked_sub(template.row.range.start)?;
    let written = row_text.get(cell_start..cell_end)?;
    let line = line_like(written, version);
    // Keep the column width when the new text fits in the old cell.
    let padded = if line.len() < written.len() && written.is_ascii() {
        format!("{line:<width$}", width = written.len())
    } else {
        line.clone()
    };
    let new_row = format!(
        "{}{}{}",
        row_text.get(..cell_start)?,
        padded,
        row_text.get(cell_end..)?
    );
    let eol = line_ending(&doc.text_in(table.range.clone()));
    let first = claims.first()?;
    let last = claims.last()?;
    let newest_first = match (
        first.specs.iter().filter_map(lowest).max(),
        last.specs.iter().filter_map(lowest).max(),
    ) {
        (Some(a), Some(b)) => a >= b,
        _ => true,
    };
    let edit = if newest_first {
        let first_row = table.rows.first()?;
        Edit::new(
            first_row.range.start..first_row.range.start,
            format!("{new_row}{eol}"),
        )
    } else {
        let last_row = table.rows.last()?;
        Edit::new(
            last_row.range.end..last_row.range.end,
            format!("{eol}{new_row}"),
        )
    };
    Some(Fix::suggestion(
        format!("Add a supported row for {line}"),
        vec![edit],
    ))
}

#[cfg(test)]
mod tests {
    use super::super::workspace_testing::{check_in, fixed_in};
    use crate::workspace::{GitFacts, VersionFact, VersionSource, Workspace, WorkspaceNote};

    const TABLE: &str = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n| ------- | ------------------ |\n| 2.x     | :white_check_mark: |\n| 1.x     | :x:                |\n\n## Reporting a Vulnerability\n\nEmail security@example.com.\n";

    fn ws(source: VersionSource, file: &str, version: &str) -> Workspace {
        Workspace {
            versions: vec![VersionFact {
                source,
                file: file.into(),
                line: 3,
                version: version.into(),
            }],
            git: Some(GitFacts {
                shallow: false,
                head_branch: Some("main".into()),
                tags: vec!["v3.1.0".into()],
            }),
            ..Workspace::default()
        }
    }

    #[test]
    fn current_version_outside_every_supported_row() {
        check_in(
            "version-not-covered",
            TABLE,
            &ws(VersionSource::Cargo, "Cargo.toml", "3.1.0"),
            "SECURITY.md",
            &["5:1-5:33 version-not-covered version 3.1.0 (Cargo.toml:3) is not covered by any row marked supported"],
        );
    }

    #[test]
    fn covered_versions_are_quiet() {
        let ws = ws(VersionSource::Cargo, "Cargo.toml", "2.4.0");
        check_in("version-not-covered", TABLE, &ws, "SECURITY.md", &[]);
    }

    #[test]
    fn the_fix_adds_a_row_in_the_table_style() {
        let fixed = fixed_in(
            "version-not-covered",
            TABLE,
            &ws(VersionSource::Cargo, "Cargo.toml", "3.1.0"),
            "SECURITY.md",
        );
        assert!(
            fixed.contains("| ------- | ------------------ |\n| 3.x     | :white_check_mark: |\n| 2.x     | :white_check_mark: |\n"),
            "{fixed}"
        );
    }

    #[test]
    fn a_supported_line_newer_than_anything_shipped() {
        let text = TABLE.replace(
            "| 1.x     | :x:                |",
            "| 4.x     | ✅                 |",
        );
        check_in(
            "version-not-covered",
            &text,
            &ws(VersionSource::Cargo, "Cargo.toml", "2.1.0"),
            "SECURITY.md",
            &["8:3-8:6 version-not-covered \"4.x\" is marked supported but the newest version shipped is 2.1.0 (Cargo.toml:3)"],
        );
    }

    #[test]
    fn no_version_is_silent_and_a_shallow_history_is_said() {
        let mut empty = Workspace {
            git: Some(GitFacts::default()),
            ..Workspace::default()
        };
        check_in("version-not-covered", TABLE, &empty, "SECURITY.md", &[]);
        empty.git = Some(GitFacts {
            shallow: true,
            head_branch: None,
            tags: vec!["v1.0.0".into()],
        });
        empty.versions.push(VersionFact {
            source: VersionSource::GitTag,
            file: "v1.0.0".into(),
            line: 0,
            version: "v1.0.0".into(),
        });
        check_in(
            "version-not-covered",
            TABLE,
            &empty,
            "SECURITY.md",
            &["3:1-3:22 version-not-covered the git history is shallow: tag v1.0.0 may not be the newest version, so the table is not compared"],
        );
    }

    #[test]
    fn malformed_manifests_are_information_with_file_and_line() {
        let mut ws = ws(VersionSource::GitTag, "v2.0.0", "v2.0.0");
        ws.notes.push(WorkspaceNote {
            file: "package.json".into(),
            line: Some(4),
            message: "expected value at line 4 column 1".into(),
        });
        check_in(
            "version-not-covered",
            TABLE,
            &ws,
            "SECURITY.md",
            &["3:1-3:22 version-not-covered package.json:4 could not be read: expected value at line 4 column 1"],
        );
    }

    #[test]
    fn outside_a_workspace_nothing_is_reported() {
        crate::testing::check("version-not-covered", TABLE, &[]);
    }
}
