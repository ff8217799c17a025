//! The one place findings become CLI output: one renderer per `--format`.
//! Renderers get reports in input order, one file at a time, then the
//! totals; formats that can stream (human, JSON, GitHub) write each file's
//! report at once.

mod github;
mod human;
mod json;
mod sarif;
mod width;

use crate::cli::Format;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// Terminal styling for the human format.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

pub trait Renderer {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

pub fn for_format(format: Format, style: Style, fix: bool) -> Box<dyn Renderer> {
    match format {
        Format::Human => Box::new(human::Human::new(style, fix)),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 errors, 1 warning in 3 files; 1 fixable with --fix".
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "{}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings")
    );
    if s.infos > 0 {
        line.push_str(&format!(", {}", plural(s.infos, "info", "infos")));
    }
    if s.hints > 0 {
        line.push_str(&format!(", {}", plural(s.hints, "hint", "hints")));
    }
    line.push_str(&format!(" in {}", plural(s.files_checked, "file", "files")));
    if s.fixable > 0 {
        line.push_str(&format!("; {} fixable with --fix", s.fixable));
    }
    if s.files_failed > 0 {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(s.files_failed, "file", "files")
        ));
    }
    line
}
