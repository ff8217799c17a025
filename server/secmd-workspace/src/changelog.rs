//! The newest release heading of `CHANGELOG.md`: the first heading that
//! names a version (`## [1.2.3] - 2025-01-02`, `## v1.2.3`, `# 1.2.3 (2025)`),
//! skipping `Unreleased`.

use secmd_core::workspace::{parse_version, VersionFact, VersionSource};

/// The first release heading's version, with its line.
pub fn newest_release(file: &str, text: &str) -> Option<VersionFact> {
    let mut in_fence = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || !trimmed.starts_with('#') {
            continue;
        }
        let heading = trimmed.trim_start_matches('#');
        let version = heading
            .split(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | ','))
            .filter(|w| !w.is_empty())
            .find(|w| w.chars().any(|c| c.is_ascii_digit()) && parse_version(w).is_some());
        if let Some(version) = version {
            return Some(VersionFact {
                source: VersionSource::Changelog,
                file: file.to_string(),
                line: index + 1,
                version: version.to_string(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_versioned_heading_after_unreleased() {
        let text = "# Changelog\n\n## [Unreleased]\n\n```\n## 9.9.9\n```\n## [3.1.0] - 2025-04-01\n\n## [3.0.0]\n";
        let fact = newest_release("CHANGELOG.md", text).unwrap();
        assert_eq!((fact.line, fact.version.as_str()), (8, "3.1.0"));
        let v = newest_release("CHANGELOG.md", "# v2.0.1 (2024-02-02)\n").unwrap();
        assert_eq!(v.version, "v2.0.1");
        assert_eq!(
            newest_release("CHANGELOG.md", "# Changelog\n\nNothing yet.\n"),
            None
        );
    }
}
