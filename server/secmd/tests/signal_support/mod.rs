//! The signal benchmark, shared by the `signal` example (the command that
//! prints precision and recall) and the `signal` test (the regression gate).
//!
//! Hand-written labels (`tests/signal/labels/<corpus file>.toml`, format in
//! `tests/signal/README.md`) judge every finding secmd reported on the real
//! policies of `../shared/corpus` as true, false or noise, and list the real
//! defects it missed. This module runs the engine on the corpus exactly as
//! `secmd check --format json --today 2026-12-01` does (or runs a given
//! `secmd` binary), matches its findings to the labels by (file, code, line)
//! as a multiset, and scores them.

#![allow(dead_code)]

use secmd_core::text::position::{offset_to_line_col, Encoding};
use secmd_core::{Analyzer, Config, Date, Document, Options};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Dates in the corpus are judged against this day (the labels assume it).
pub const TODAY: &str = "2026-12-01";

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The corpus folder (holding `files/` and `manifest.tsv`): `SECMD_CORPUS`
/// if set, else `../shared/corpus` beside the repository. `None` when absent.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("SECMD_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("../shared/corpus"),
    };
    dir.join("files").is_dir().then_some(dir)
}

/// Where the label files live.
pub fn labels_dir() -> PathBuf {
    root().join("tests/signal/labels")
}

/// The false and noise findings the engine still reports, accepted for now
/// (a ratchet: new ones fail the test, fixed ones must leave the list).
pub fn baseline_path() -> PathBuf {
    root().join("tests/signal/still-reported.txt")
}

/// One label file: what the policy is and a verdict on each finding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub kind: String,
    #[serde(rename = "large-project", default)]
    pub large_project: bool,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub finding: Vec<LabelledFinding>,
    #[serde(default)]
    pub missed: Vec<Missed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledFinding {
    pub code: String,
    pub line: u32,
    #[serde(default)]
    pub severity: String,
    pub verdict: Verdict,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    True,
    False,
    Noise,
}

/// A real defect secmd did not report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Missed {
    pub code: String,
    pub line: u32,
    #[serde(default)]
    pub why: String,
}

/// Reads every label file, keyed by corpus file name.
pub fn load_labels(dir: &Path) -> Result<BTreeMap<String, Labels>, String> {
    let mut out = BTreeMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(file) = name.strip_suffix(".toml") else {
            continue;
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let labels: Labels =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        out.insert(file.to_string(), labels);
    }
    Ok(out)
}

/// One finding as `secmd check --format json` reports it.
#[derive(Debug, Clone, Deserialize)]
pub struct Reported {
    pub code: String,
    pub line: u32,
    pub severity: String,
    pub message: String,
}

/// Findings per corpus file name.
pub type Run = BTreeMap<String, Vec<Reported>>;

/// The corpus files to run, sorted by name.
pub fn corpus_files(corpus: &Path) -> Result<Vec<String>, String> {
    let dir = corpus.join("files");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().map_err(|e| e.to_string())?.is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Runs this build's engine on every file, as `secmd check` does with the
/// default configuration (the corpus has no `.secmd.toml`).
pub fn run_engine(corpus: &Path, names: &[String]) -> Result<Run, String> {
    let today = Date::parse_iso(TODAY).ok_or("bad TODAY")?;
    let config = Config::default();
    let mut run = Run::new();
    for name in names {
        let path = corpus.join("files").join(name);
        let source =
            secmd_fs::read_file(&path, u64::MAX).map_err(|e| format!("{}: {e}", path.display()))?;
        let files = secmd_fs::DiskFiles::for_policy(&path);
        let options = Options {
            config: &config,
            today,
            files: &files,
        };
        let doc = Document::new(&source.text);
        let findings = Analyzer::new().analyze(&doc, &options);
        let reported = findings
            .iter()
            .map(|f| Reported {
                code: f.code.to_string(),
                line: offset_to_line_col(doc.rope(), f.range.start, Encoding::Utf32).line + 1,
                severity: f.severity.as_str().to_string(),
                message: f.message.clone(),
            })
            .collect();
        run.insert(name.clone(), reported);
    }
    Ok(run)
}

/// Runs a `secmd` binary on every file and reads its JSON report (used for
/// the "before" table with an older binary).
pub fn run_binary(bin: &Path, corpus: &Path, names: &[String]) -> Result<Run, String> {
    #[derive(Deserialize)]
    struct Report {
        files: Vec<FileReport>,
    }
    #[derive(Deserialize)]
    struct FileReport {
        path: String,
        #[serde(default)]
        diagnostics: Vec<Reported>,
    }
    let paths: Vec<PathBuf> = names.iter().map(|n| corpus.join("files").join(n)).collect();
    let out = std::process::Command::new(bin)
        .args(["check", "--format", "json", "--today", TODAY])
        .args(&paths)
        .env_remove("SECMD_TODAY")
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let report: Report = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{}: unreadable JSON report: {e}", bin.display()))?;
    let mut run = Run::new();
    for file in report.files {
        let name = Path::new(&file.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(file.path);
        run.insert(name, file.diagnostics);
    }
    Ok(run)
}

/// What became of one finding or one labelled defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Reported and labelled true (or a labelled missed defect now reported).
    True,
    /// Reported and labelled false.
    False,
    /// Reported and labelled noise.
    Noise,
    /// Reported on a labelled file but with no label: someone must judge it.
    Unlabelled,
    /// A real defect not reported (a labelled missed one, or a labelled true
    /// finding that disappeared).
    Missed,
    /// A labelled false or noise finding no longer reported.
    Gone,
}

#[derive(Debug, Clone)]
pub struct Scored {
    pub file: String,
    pub code: String,
    pub line: u32,
    /// As reported; for a missed defect, the rule's default severity.
    pub severity: String,
    pub outcome: Outcome,
    /// A labelled true finding that is no longer reported.
    pub lost: bool,
    pub message: String,
}

pub struct Score {
    pub items: Vec<Scored>,
    /// Labelled files scored.
    pub files: usize,
    /// Files labelled `kind = "well-kept"` and `large-project = true`.
    pub well_kept_large: Vec<String>,
}

/// Matches findings to labels by (file, code, line) as a multiset. Files
/// without labels are not scored.
pub fn score(labels: &BTreeMap<String, Labels>, run: &Run) -> Score {
    let mut items = Vec::new();
    let mut well_kept_large = Vec::new();
    for (file, labels) in labels {
        if labels.kind == "well-kept" && labels.large_project {
            well_kept_large.push(file.clone());
        }
        let mut left: Vec<Option<&Reported>> = run
            .get(file)
            .map(|r| r.iter().map(Some).collect())
            .unwrap_or_default();
        let mut take = |code: &str, line: u32| -> Option<&Reported> {
            left.iter_mut()
                .find(|r| r.is_some_and(|r| r.code == code && r.line == line))
                .and_then(Option::take)
        };
        let mut scored = |code: &str, line: u32, severity: String, outcome, lost, message| {
            items.push(Scored {
                file: file.clone(),
                code: code.to_string(),
                line,
                severity,
                outcome,
                lost,
                message,
            })
        };
        for label in &labels.finding {
            let hit = take(&label.code, label.line);
            let (severity, message) = match hit {
                Some(r) => (r.severity.clone(), r.message.clone()),
                None => (label.severity.clone(), label.message.clone()),
            };
            let outcome = match (hit.is_some(), label.verdict) {
                (true, Verdict::True) => Outcome::True,
                (true, Verdict::False) => Outcome::False,
                (true, Verdict::Noise) => Outcome::Noise,
                (false, Verdict::True) => Outcome::Missed,
                (false, _) => Outcome::Gone,
            };
            let lost = hit.is_none() && label.verdict == Verdict::True;
            scored(&label.code, label.line, severity, outcome, lost, message);
        }
        for missed in &labels.missed {
            match take(&missed.code, missed.line) {
                Some(r) => scored(
                    &missed.code,
                    missed.line,
                    r.severity.clone(),
                    Outcome::True,
                    false,
                    r.message.clone(),
                ),
                None => scored(
                    &missed.code,
                    missed.line,
                    default_severity(&missed.code, &missed.why),
                    Outcome::Missed,
                    false,
                    missed.why.clone(),
                ),
            }
        }
        for r in left.into_iter().flatten() {
            scored(
                &r.code,
                r.line,
                r.severity.clone(),
                Outcome::Unlabelled,
                false,
                r.message.clone(),
            );
        }
    }
    Score {
        items,
        files: labels.len(),
        well_kept_large,
    }
}

/// The severity a missed defect would be reported with: the catalog's
/// default for its code ("new" for a code no rule has). A rule with several
/// defaults (`missing-section`) takes its supported-versions severity when
/// the label's `why` is about versions, else its first.
fn default_severity(code: &str, why: &str) -> String {
    let Some(rule) = secmd_core::rules::by_code(code) else {
        return "new".to_string();
    };
    let severities = secmd_core::rules::default_severities(rule.meta());
    let about_versions = why.to_lowercase().contains("version");
    severities
        .iter()
        .find(|(_, what)| about_versions && what.is_some_and(|w| w.contains("version")))
        .unwrap_or(&severities[0])
        .0
        .as_str()
        .to_string()
}

/// Counts of one row of a table.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub true_: usize,
    pub false_: usize,
    pub noise: usize,
    pub unlabelled: usize,
    pub missed: usize,
}

impl Counts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::True => self.true_ += 1,
            Outcome::False => self.false_ += 1,
            Outcome::Noise => self.noise += 1,
            Outcome::Unlabelled => self.unlabelled += 1,
            Outcome::Missed => self.missed += 1,
            Outcome::Gone => {}
        }
    }

    pub fn reported(&self) -> usize {
        self.true_ + self.false_ + self.noise + self.unlabelled
    }

    /// true / (true + false + noise); `None` with nothing judged.
    pub fn precision(&self) -> Option<f64> {
        let judged = self.true_ + self.false_ + self.noise;
        (judged > 0).then(|| self.true_ as f64 / judged as f64)
    }

    /// true / (true + missed).
    pub fn recall(&self) -> Option<f64> {
        let real = self.true_ + self.missed;
        (real > 0).then(|| self.true_ as f64 / real as f64)
    }
}

impl Score {
    /// Counts per key.
    pub fn by<K: Ord>(&self, key: impl Fn(&Scored) -> K) -> BTreeMap<K, Counts> {
        let mut out: BTreeMap<K, Counts> = BTreeMap::new();
        for item in &self.items {
            out.entry(key(item)).or_default().add(item.outcome);
        }
        out
    }

    /// Warnings reported on the well-kept policies of large projects, and
    /// how many of them are labelled true.
    pub fn well_kept_warnings(&self) -> (usize, usize) {
        let mut warnings = 0;
        let mut true_ = 0;
        for item in &self.items {
            let reported = !matches!(item.outcome, Outcome::Missed | Outcome::Gone);
            if reported && item.severity == "warning" && self.well_kept_large.contains(&item.file) {
                warnings += 1;
                true_ += usize::from(item.outcome == Outcome::True);
            }
        }
        (warnings, true_)
    }

    /// False and noise findings still reported, one `file code line` each.
    pub fn still_reported(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .items
            .iter()
            .filter(|i| matches!(i.outcome, Outcome::False | Outcome::Noise))
            .map(|i| format!("{} {} {}", i.file, i.code, i.line))
            .collect();
        out.sort();
        out
    }

    /// The report the `signal` command prints (Markdown tables).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} labelled policies; precision = true / (true + false + noise), \
             recall = true / (true + missed)\n",
            self.files
        );
        let _ = writeln!(out, "| severity | reported | true | false | noise | unlabelled | missed | precision | recall |");
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (severity, c) in self.by(|i| severity_rank(&i.severity)) {
            row(&mut out, &severity.1, &c);
        }
        let _ = writeln!(out, "\n| rule | severity | reported | true | false | noise | unlabelled | missed | precision | recall |");
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for ((code, severity), c) in self.by(|i| (i.code.clone(), severity_rank(&i.severity))) {
            row(&mut out, &format!("{code} | {}", severity.1), &c);
        }
        let (warnings, true_) = self.well_kept_warnings();
        let n = self.well_kept_large.len();
        let _ = writeln!(
            out,
            "\nWell-kept large projects: {warnings} warnings on {n} files \
             ({:.2} per file; {true_} of them true)",
            if n == 0 {
                0.0
            } else {
                warnings as f64 / n as f64
            }
        );
        out
    }

    /// Findings nobody has judged yet, and labelled true ones now lost.
    pub fn to_review(&self) -> Vec<&Scored> {
        self.items
            .iter()
            .filter(|i| i.outcome == Outcome::Unlabelled || i.lost)
            .collect()
    }
}

/// Sorts severities from most to least severe, keeping the name.
fn severity_rank(severity: &str) -> (u8, String) {
    let rank = match severity {
        "error" => 0,
        "warning" => 1,
        "info" => 2,
        "hint" => 3,
        _ => 4,
    };
    (rank, severity.to_string())
}

fn row(out: &mut String, key: &str, c: &Counts) {
    if c.reported() == 0 && c.missed == 0 {
        return; // Only labels of findings no longer reported.
    }
    let pct = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{:.0} %", v * 100.0));
    let _ = writeln!(
        out,
        "| {key} | {} | {} | {} | {} | {} | {} | {} | {} |",
        c.reported(),
        c.true_,
        c.false_,
        c.noise,
        c.unlabelled,
        c.missed,
        pct(c.precision()),
        pct(c.recall())
    );
}

/// Reads the baseline of accepted false/noise findings.
pub fn read_baseline() -> Result<Vec<String>, String> {
    let path = baseline_path();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut lines: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
            lines.sort();
            Ok(lines)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The baseline file's text for `entries`.
pub fn baseline_text(entries: &[String]) -> String {
    let mut text = String::from(
        "# False and noise findings secmd still reports on the corpus (file code line),\n\
         # accepted for now. The signal test fails when one not listed here appears and\n\
         # when a listed one is gone (remove it: `cargo signal --write-baseline`).\n",
    );
    for e in entries {
        text.push_str(e);
        text.push('\n');
    }
    text
}

/// Multiset difference `a - b` of sorted lists.
pub fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest: Vec<&String> = b.iter().collect();
    let mut out = Vec::new();
    for x in a {
        match rest.iter().position(|y| *y == x) {
            Some(i) => {
                rest.swap_remove(i);
            }
            None => out.push(x.clone()),
        }
    }
    out
}
