//! Test helpers for the workspace rules: analyse a text as the policy at
//! a path inside a [`Workspace`] built in the test.

use crate::config::Config;
use crate::testing::{render, today};
use crate::workspace::{InWorkspace, Workspace};
use crate::{analyze_text, FileLookup, Finding, Options};

/// A lookup that knows only the workspace facts.
pub struct Facts<'a> {
    pub workspace: &'a Workspace,
    pub path: &'a str,
}

impl FileLookup for Facts<'_> {
    fn exists(&self, _relative_path: &str) -> Option<bool> {
        None
    }

    fn workspace(&self) -> Option<InWorkspace<'_>> {
        Some(InWorkspace {
            facts: self.workspace,
            path: self.path,
        })
    }
}

pub fn findings_in(text: &str, workspace: &Workspace, path: &str, config: &Config) -> Vec<Finding> {
    let files = Facts { workspace, path };
    let options = Options {
        config,
        today: today(),
        files: &files,
    };
    analyze_text(text, &options)
}

/// Asserts the findings of `code` on `text` as the policy `path` of `workspace`.
#[track_caller]
pub fn check_in(code: &str, text: &str, workspace: &Workspace, path: &str, expected: &[&str]) {
    let got: Vec<String> = findings_in(text, workspace, path, &Config::default())
        .iter()
        .filter(|f| f.code == code)
        .map(|f| render(text, f))
        .collect();
    assert_eq!(got, expected, "findings of {code} on {text:?}");
}

/// The text after applying the first fix of the first finding of `code`.
#[track_caller]
pub fn fixed_in(code: &str, text: &str, workspace: &Workspace, path: &str) -> String {
    let all = findings_in(text, workspace, path, &Config::default());
    let finding = all.iter().find(|f| f.code == code).expect("a finding");
    let fix = finding.fixes.first().expect("a fix");
    crate::fix::apply_edits(text, &fix.edits).expect("edits apply")
}

/// The cross-check findings of `code` on a security.txt `text` at `path`
/// of `workspace`, as `range code message`, with ` | fix title => fixed
/// text` when the finding has a fix.
#[track_caller]
pub fn crosscheck_txt(code: &str, text: &str, workspace: &Workspace, path: &str) -> Vec<String> {
    let files = Facts { workspace, path };
    let config = Config::default();
    let options = Options {
        config: &config,
        today: today(),
        files: &files,
    };
    crate::crosscheck::check_security_txt(text, &options)
        .iter()
        .filter(|f| f.code == code)
        .map(|f| match f.fixes.first() {
            Some(fix) => format!(
                "{} | {} => {}",
                render(text, f),
                fix.title,
                crate::fix::apply_edits(text, &fix.edits).expect("edits apply")
            ),
            None => render(text, f),
        })
        .collect()
}
