//! Test helpers for rules: run the engine on a fixture and compare findings
//! rendered as `line:col-line:col code message` (1-based, columns in chars).

use crate::config::Config;
use crate::model::Date;
use crate::text::position::{offset_to_line_col, Encoding};
use crate::{analyze_text, fix, Finding, NoFiles, Options};
use ropey::Rope;

/// The "today" every rule test uses.
pub fn today() -> Date {
    Date::from_ymd(2026, 11, 23).unwrap()
}

/// Findings of the default configuration on `text`.
pub fn findings(text: &str) -> Vec<Finding> {
    findings_with(text, &Config::default())
}

pub fn findings_with(text: &str, config: &Config) -> Vec<Finding> {
    let options = Options {
        config,
        today: today(),
        files: &NoFiles,
    };
    analyze_text(text, &options)
}

/// Renders a finding as `line:col-line:col code message`.
pub fn render(text: &str, f: &Finding) -> String {
    let rope = Rope::from_str(text);
    let a = offset_to_line_col(&rope, f.range.start, Encoding::Utf32);
    let b = offset_to_line_col(&rope, f.range.end, Encoding::Utf32);
    format!(
        "{}:{}-{}:{} {} {}",
        a.line + 1,
        a.col + 1,
        b.line + 1,
        b.col + 1,
        f.code,
        f.message
    )
}

/// Asserts the exact findings of one rule code on `text`.
#[track_caller]
pub fn check(code: &str, text: &str, expected: &[&str]) {
    let got: Vec<String> = findings(text)
        .iter()
        .filter(|f| f.code == code)
        .map(|f| render(text, f))
        .collect();
    assert_eq!(got, expected, "findings of {code} on {text:?}");
}

/// Applies the fix titled `title` of the first finding of `code` and
/// asserts the resulting text.
#[track_caller]
pub fn check_fix(code: &str, text: &str, title: &str, expected: &str) {
    let all = findings(text);
    let finding = all
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} finding in {text:?}"));
    let fix = finding
        .fixes
        .iter()
        .find(|f| f.title == title)
        .unwrap_or_else(|| {
            panic!(
                "no fix {title:?}; fixes: {:?}",
                finding.fixes.iter().map(|f| &f.title).collect::<Vec<_>>()
            )
        });
    let fixed = fix::apply_edits(text, &fix.edits).expect("edits apply");
    assert_eq!(fixed, expected);
}

/// Codes of the rules that judge a policy as a whole (sections, channels,
/// response time); one-line fixtures of other rules would trip them.
pub const COMPLETENESS: &[&str] = &[
    "missing-section",
    "empty-section",
    "duplicate-section",
    "missing-contact",
    "public-issue-channel",
    "supported-versions",
    "response-time",
];

/// Findings of `config` on `text` with the completeness rules off.
pub fn local_findings_with(text: &str, config: &Config) -> Vec<Finding> {
    let mut config = config.clone();
    for code in COMPLETENESS {
        config
            .rules
            .entry(code.to_string())
            .or_insert(crate::RuleLevel::Off);
    }
    findings_with(text, &config)
}

/// Findings of the default configuration on `text` with the completeness rules off.
pub fn local_findings(text: &str) -> Vec<Finding> {
    local_findings_with(text, &Config::default())
}
