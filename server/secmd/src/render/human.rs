//! `--format human`: one `path:line:col: severity[code] message` line per
//! finding, the source line with a caret underline (like ruff and rustc),
//! the fix if there is one, and a summary line.

use super::width::{char_width, clean};
use super::{plural, summary_line, Renderer, Style};
use crate::report::{Diagnostic, FileReport, Summary};
use secmd_core::Severity;
use std::io::{self, Write};

pub struct Human {
    style: Style,
    fix: bool,
}

const BOLD: &str = "1";
const DIM: &str = "2";
const BLUE: &str = "1;34";

impl Human {
    pub fn new(style: Style, fix: bool) -> Self {
        Human { style, fix }
    }

    fn paint(&self, sgr: &str, text: &str) -> String {
        if self.style.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity_sgr(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        }
    }

    fn diagnostic(&self, out: &mut dyn Write, path: &str, d: &Diagnostic) -> io::Result<()> {
        let sgr = Self::severity_sgr(d.severity);
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            self.paint(BOLD, &clean(path)),
            d.span.start.line,
            d.span.start.column,
            self.paint(sgr, &format!("{}[{}]", d.severity.as_str(), d.code)),
            clean(&d.message)
        )?;
        if let Some(snippet) = &d.snippet {
            let number = d.span.start.line.to_string();
            let pad = " ".repeat(number.len());
            let bar = self.paint(BLUE, "|");
            let mut shown = String::new();
            if snippet.cut_before {
                shown.push('…');
            }
            shown.push_str(&clean(&snippet.text));
            if snippet.cut_after {
                shown.push('…');
            }
            // Caret position and length in display columns.
            let chars: Vec<char> = clean(&snippet.text).chars().collect();
            let first = snippet.first_column as usize;
            let start = (d.span.start.column as usize)
                .saturating_sub(first)
                .min(chars.len());
            let end = if d.span.end.line == d.span.start.line {
                (d.span.end.column as usize)
                    .saturating_sub(first)
                    .min(chars.len())
            } else {
                chars.len()
            };
            let lead = usize::from(snippet.cut_before)
                + chars[..start].iter().map(|&c| char_width(c)).sum::<usize>();
            let len = chars[start..end.max(start)]
                .iter()
                .map(|&c| char_width(c))
                .sum::<usize>()
                .max(1);
            writeln!(out, "{pad} {bar}")?;
            writeln!(
                out,
                "{} {bar} {}",
                self.paint(BLUE, &number),
                shown.trim_end()
            )?;
            writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(lead),
                self.paint(sgr, &"^".repeat(len))
            )?;
        }
        for fix in &d.fixes {
            let (kind, note) = if fix.safe {
                ("fix", " (applied by --fix)")
            } else {
                ("suggestion", " (review before applying)")
            };
            let pad = " ".repeat(d.span.start.line.to_string().len());
            writeln!(
                out,
                "{pad} {} {}{}",
                self.paint(BLUE, "="),
                self.paint(BOLD, &format!("{kind}: {}", clean(&fix.title))),
                self.paint(DIM, note)
            )?;
        }
        writeln!(out)
    }
}

impl Renderer for Human {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        // Failures go to stderr (written by the caller for every format).
        let Ok(checked) = &report.outcome else {
            return Ok(());
        };
        for d in checked.fixed.iter().flatten() {
            let title = d
                .fixes
                .iter()
                .find(|f| f.safe)
                .map_or(d.message.as_str(), |f| f.title.as_str());
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                self.paint(BOLD, &clean(&report.path)),
                d.span.start.line,
                d.span.start.column,
                self.paint("1;32", &format!("fixed[{}]", d.code)),
                clean(title)
            )?;
        }
        if checked.fixed.as_ref().is_some_and(|f| !f.is_empty()) {
            writeln!(out)?;
        }
        for d in &checked.diagnostics {
            self.diagnostic(out, &report.path, d)?;
        }
        if let Some(p) = &checked.scorecard {
            writeln!(
                out,
                "{}: {}",
                self.paint(BOLD, &clean(&report.path)),
                clean(&p.title())
            )?;
            for point in &p.points {
                let mark = if point.won { "won " } else { "lost" };
                writeln!(
                    out,
                    "  {mark} +{} {}: {}",
                    point.points,
                    point.probe,
                    clean(&point.reason)
                )?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.fix {
            writeln!(
                out,
                "Fixed {} in {}.",
                plural(summary.fixed, "problem", "problems"),
                plural(summary.files_fixed, "file", "files")
            )?;
        }
        writeln!(out, "{}", self.paint(BOLD, &summary_line(summary)))
    }
}
