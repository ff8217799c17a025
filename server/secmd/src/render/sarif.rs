//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it, valid
//! under Microsoft's SARIF Multitool (`.ci/sarif.sh` checks).
//!
//! Columns are UTF-16 code units, SARIF's default `columnKind` (declared
//! explicitly on the run); region ends are exclusive. Artifact URIs are
//! relative references with forward slashes, percent-encoded, so they
//! resolve against the repository root the way code scanning expects.
//! Files that could not be checked become tool execution notifications and
//! make `executionSuccessful` false.

use super::Renderer;
use crate::report::{Diagnostic, FileReport, Span, Summary};
use secmd_core::rules::{all_meta, RuleMeta};
use secmd_core::Severity;
use serde::Serialize;
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

#[derive(Default)]
pub struct Sarif {
    results: Vec<Result_>,
    notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<Result_>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    /// Omitted when it would only repeat the id (SARIF1001).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Message,
    full_description: Message,
    help: Message,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

impl Message {
    fn text(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            markdown: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize, Clone)]
struct Notification {
    level: &'static str,
    message: Message2,
    locations: Vec<Location>,
}

#[derive(Serialize, Clone)]
struct Message2 {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Result_ {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message2,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

impl From<Span> for Region {
    fn from(s: Span) -> Region {
        Region {
            start_line: s.start.line,
            start_column: s.start.column,
            end_line: s.end.line,
            end_column: s.end.column,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message2,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// SARIF viewers show messages as sentences.
fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// `insecure-link` → `InsecureLink` (SARIF's `name` is an identifier-like label).
fn pascal(code: &str) -> String {
    code.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A relative URI reference for a displayed path: forward slashes, no
/// leading `./`, reserved and non-ASCII bytes percent-encoded. Absolute
/// paths become `file://` URIs.
/// Works on the path's bytes, so a name that is not UTF-8 names its file.
fn uri(path: &[u8]) -> String {
    let mut path: Vec<u8> = path
        .iter()
        .map(|&b| if b == b'\\' { b'/' } else { b })
        .collect();
    while path.starts_with(b"./") {
        path.drain(..2);
    }
    let mut out = String::with_capacity(path.len());
    if path.starts_with(b"/") {
        out.push_str("file://");
    }
    for &b in &path {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The doc's first paragraph on one line: the rule's description.
fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn rule(meta: &RuleMeta) -> Rule {
    let help_uri = secmd_core::rules::doc_url(meta.code);
    let doc = meta.doc.trim();
    Rule {
        id: meta.code,
        name: Some(pascal(meta.code)).filter(|n| !n.eq_ignore_ascii_case(meta.code)),
        short_description: Message::text(sentence(meta.summary)),
        full_description: Message {
            text: sentence(&first_paragraph(doc)),
            markdown: Some(doc.to_string()),
        },
        help: Message {
            text: format!("{}\n\n{doc}", sentence(meta.summary)),
            markdown: Some(format!("**{}**\n\n{doc}", sentence(meta.summary))),
        },
        help_uri,
        default_configuration: Configuration {
            level: level(meta.default_severity),
        },
    }
}

fn result(uri: &str, d: &Diagnostic) -> Result_ {
    let location = |span: Span| Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri.to_string(),
            },
            region: Some(span.into()),
        },
    };
    Result_ {
        rule_id: d.code,
        rule_index: all_meta().position(|m| m.code == d.code),
        level: level(d.severity),
        message: Message2 {
            text: sentence(&d.message),
        },
        locations: vec![location(d.span)],
        fixes: d
            .fixes
            .iter()
            .map(|f| SarifFix {
                description: Message2 {
                    text: sentence(&f.title),
                },
                artifact_changes: vec![ArtifactChange {
                    artifact_location: ArtifactLocation {
                        uri: uri.to_string(),
                    },
                    replacements: f
                        .edits
                        .iter()
                        .map(|e| Replacement {
                            deleted_region: e.span.into(),
                            inserted_content: Content {
                                text: e.new_text.clone(),
                            },
                        })
                        .collect(),
                }],
            })
            .collect(),
    }
}

impl Renderer for Sarif {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let uri = uri(&report.path_bytes);
        match &report.outcome {
            Ok(checked) => self
                .results
                .extend(checked.diagnostics.iter().map(|d| result(&uri, d))),
            Err(failure) => self.notifications.push(Notification {
                level: "error",
                message: Message2 {
                    text: sentence(&format!("{}: {}", report.path, failure.message)),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri },
                        region: None,
                    },
                }],
            }),
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "secmd",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: REPOSITORY,
                        rules: all_meta().map(rule).collect(),
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: self.notifications.is_empty(),
                    tool_execution_notifications: std::mem::take(&mut self.notifications),
                }],
                column_kind: "utf16CodeUnits",
                results: std::mem::take(&mut self.results),
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri(b"./docs/SECURITY.md"), "docs/SECURITY.md");
        assert_eq!(uri("a b\\ü#.md".as_bytes()), "a%20b/%C3%BC%23.md");
        assert_eq!(uri(b"/abs/S.md"), "file:///abs/S.md");
        assert_eq!(uri(b"caf\xE9%.md"), "caf%E9%25.md");
    }

    #[test]
    fn names_and_sentences() {
        assert_eq!(pascal("insecure-link"), "InsecureLink");
        assert_eq!(sentence("uses http"), "uses http.");
        assert_eq!(sentence("Done."), "Done.");
    }
}
