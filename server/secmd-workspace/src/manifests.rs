//! Versions from the manifests at the workspace root: `Cargo.toml`
//! (including `version.workspace = true`), `package.json` (not `private`
//! packages) and `pyproject.toml` (`[project]`, `[tool.poetry]`; a dynamic
//! version is left to the tags). A malformed manifest becomes a note with
//! its file and line, never an error.

use secmd_core::workspace::{VersionFact, VersionSource, WorkspaceNote};
use std::ops::Range;

/// What one manifest gave.
#[derive(Debug, Default, PartialEq)]
pub struct ManifestResult {
    pub versions: Vec<VersionFact>,
    pub notes: Vec<WorkspaceNote>,
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn note(file: &str, line: Option<usize>, message: impl Into<String>) -> WorkspaceNote {
    WorkspaceNote {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

fn toml_table(file: &str, text: &str, out: &mut ManifestResult) -> Option<toml::Table> {
    match toml::from_str::<toml::Table>(text) {
        Ok(t) => Some(t),
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            out.notes
                .push(note(file, line, e.message().trim().to_string()));
            None
        }
    }
}

/// The line range of `key` under the dotted `path` of tables. A parsed
/// `toml::Table` keeps no spans, so the (already valid) text is scanned for
/// the table's header and then the key; a key written as a dotted or inline
/// table elsewhere falls back to line 1.
fn value_span(text: &str, path: &[&str]) -> Option<Range<usize>> {
    let (tables, key) = path.split_at(path.len() - 1);
    let header = format!("[{}]", tables.join("."));
    let mut in_table = tables.is_empty();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_table = trimmed.replace(' ', "") == header;
        } else if in_table {
            let k = trimmed.split('=').next().unwrap_or("").trim();
            if k == key[0] || k.starts_with(&format!("{}.", key[0])) {
                return Some(offset..offset + line.len());
            }
        }
        offset += line.len();
    }
    None
}

fn fact(
    source: VersionSource,
    file: &str,
    text: &str,
    path: &[&str],
    version: &str,
) -> VersionFact {
    let line = value_span(text, path).map_or(1, |s| line_of(text, s.start));
    VersionFact {
        source,
        file: file.to_string(),
        line,
        version: version.to_string(),
    }
}

/// `Cargo.toml`: `[package].version`, following `version.workspace = true`
/// to `[workspace.package].version` in the same file.
pub fn cargo(file: &str, text: &str) -> ManifestResult {
    let mut out = ManifestResult::default();
    let Some(table) = toml_table(file, text, &mut out) else {
        return out;
    };
    let get = |t: &toml::Table, path: &[&str]| -> Option<toml::Value> {
        let mut v = t.get(path[0])?;
        for k in &path[1..] {
            v = v.get(k)?;
        }
        Some(v.clone())
    };
    let workspace_version = get(&table, &["workspace", "package", "version"]);
    match get(&table, &["package", "version"]) {
        Some(toml::Value::String(v)) => out.versions.push(fact(
            VersionSource::Cargo,
            file,
            text,
            &["package", "version"],
            &v,
        )),
        Some(toml::Value::Table(t)) if t.get("workspace") == Some(&toml::Value::Boolean(true)) => {
            match &workspace_version {
                Some(toml::Value::String(v)) => out.versions.push(fact(
                    VersionSource::Cargo,
                    file,
                    text,
                    &["workspace", "package", "version"],
                    v,
                )),
                _ => out.notes.push(note(
                    file,
                    value_span(text, &["package", "version"]).map(|s| line_of(text, s.start)),
                    "`version.workspace = true` but `[workspace.package]` has no version",
                )),
            }
        }
        Some(_) => out.notes.push(note(
            file,
            value_span(text, &["package", "version"]).map(|s| line_of(text, s.start)),
            "`package.version` is neither a string nor `{ workspace = true }`",
        )),
        None => {
            // A virtual manifest: the workspace's shared version, if any.
            if let Some(toml::Value::String(v)) = &workspace_version {
                out.versions.push(fact(
                    VersionSource::Cargo,
                    file,
                    text,
                    &["workspace", "package", "version"],
                    v,
                ));
            }
        }
    }
    out
}

/// `pyproject.toml`: `[project].version` unless listed in `dynamic`, else
/// `[tool.poetry].version`.
pub fn pyproject(file: &str, text: &str) -> ManifestResult {
    let mut out = ManifestResult::default();
    let Some(table) = toml_table(file, text, &mut out) else {
        return out;
    };
    if let Some(project) = table.get("project") {
        let dynamic = project
            .get("dynamic")
            .and_then(|d| d.as_array())
            .is_some_and(|d| d.iter().any(|v| v.as_str() == Some("version")));
        if let Some(v) = project.get("version").and_then(|v| v.as_str()) {
            out.versions.push(fact(
                VersionSource::Python,
                file,
                text,
                &["project", "version"],
                v,
            ));
            return out;
        }
        if dynamic {
            return out; // Set by the build backend, usually from tags.
        }
    }
    if let Some(v) = table
        .get("tool")
        .and_then(|t| t.get("poetry"))
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
    {
        out.versions.push(fact(
            VersionSource::Python,
            file,
            text,
            &["tool", "poetry", "version"],
            v,
        ));
    }
    out
}

/// `package.json`: `version` of a package that is not `private`.
pub fn package_json(file: &str, text: &str) -> ManifestResult {
    let mut out = ManifestResult::default();
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.notes.push(note(file, Some(e.line()), e.to_string()));
            return out;
        }
    };
    if value.get("private").and_then(|p| p.as_bool()) == Some(true) {
        return out;
    }
    if let Some(v) = value.get("version").and_then(|v| v.as_str()) {
        // serde_json keeps no positions: the key's first line is close
        // enough to point a reader at it.
        let line = text
            .find("\"version\"")
            .map_or(1, |offset| line_of(text, offset));
        out.versions.push(VersionFact {
            source: VersionSource::Npm,
            file: file.to_string(),
            line,
            version: v.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(r: &ManifestResult) -> Vec<String> {
        r.versions
            .iter()
            .map(|v| format!("{} {}", v.origin(), v.version))
            .chain(
                r.notes
                    .iter()
                    .map(|n| format!("note {}:{:?} {}", n.file, n.line, n.message)),
            )
            .collect()
    }

    #[test]
    fn cargo_package_and_workspace_versions() {
        let direct = "[package]\nname = \"w\"\nversion = \"3.1.0\"\n";
        assert_eq!(
            summary(&cargo("Cargo.toml", direct)),
            ["Cargo.toml:3 3.1.0"]
        );
        let inherited = "[workspace]\nmembers = []\n\n[workspace.package]\nversion = \"2.4.1\"\n\n[package]\nname = \"w\"\nversion.workspace = true\n";
        assert_eq!(
            summary(&cargo("Cargo.toml", inherited)),
            ["Cargo.toml:5 2.4.1"]
        );
        let missing = "[package]\nname = \"w\"\nversion = { workspace = true }\n";
        assert_eq!(
            summary(&cargo("Cargo.toml", missing)),
            ["note Cargo.toml:Some(3) `version.workspace = true` but `[workspace.package]` has no version"]
        );
    }

    #[test]
    fn malformed_manifests_are_notes_with_a_line() {
        let broken = "[package]\nname = \"w\"\nversion = 3.1.0\n";
        let r = cargo("Cargo.toml", broken);
        assert!(r.versions.is_empty());
        assert_eq!(r.notes.len(), 1);
        assert_eq!(r.notes[0].line, Some(3));
        let json = package_json("package.json", "{\n  \"name\": \"w\",\n  \"version\": \n}");
        assert_eq!(json.notes.len(), 1);
        assert_eq!(json.notes[0].line, Some(4));
    }

    #[test]
    fn private_packages_and_dynamic_versions_give_nothing() {
        let private = "{\"private\": true, \"version\": \"1.0.0\"}";
        assert_eq!(
            package_json("package.json", private),
            ManifestResult::default()
        );
        let public = "{\n  \"name\": \"w\",\n  \"version\": \"1.2.0\"\n}";
        assert_eq!(
            summary(&package_json("package.json", public)),
            ["package.json:3 1.2.0"]
        );
        let dynamic = "[project]\nname = \"w\"\ndynamic = [\"version\"]\n";
        assert_eq!(
            pyproject("pyproject.toml", dynamic),
            ManifestResult::default()
        );
        let poetry = "[tool.poetry]\nname = \"w\"\nversion = \"0.9.2\"\n";
        assert_eq!(
            summary(&pyproject("pyproject.toml", poetry)),
            ["pyproject.toml:3 0.9.2"]
        );
        let project = "[project]\nname = \"w\"\nversion = \"5.0.0\"\n";
        assert_eq!(
            summary(&pyproject("pyproject.toml", project)),
            ["pyproject.toml:3 5.0.0"]
        );
    }
}
