//! `--format github`: GitHub Actions workflow commands, which show up as
//! annotations on the pull request's files:
//! `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE::message`.
//! Columns count characters; the end column is exclusive, as everywhere.

use super::{summary_line, Renderer};
use crate::report::{FileReport, Summary};
use secmd_core::Severity;
use std::io::{self, Write};

pub struct Github;

impl Renderer for Github {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let file = property(&report.path.replace('\\', "/"));
        match &report.outcome {
            Err(failure) => writeln!(
                out,
                "::error file={file},title=secmd::{}",
                data(&failure.message)
            ),
            Ok(checked) => {
                for d in &checked.diagnostics {
                    let level = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info | Severity::Hint => "notice",
                    };
                    writeln!(
                        out,
                        "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                        d.span.start.line,
                        d.span.start.column,
                        d.span.end.line,
                        d.span.end.column,
                        property(d.code),
                        data(&d.message)
                    )?;
                }
                Ok(())
            }
        }
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", summary_line(summary))
    }
}

/// Escapes a command's message, as the Actions toolkit does.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
