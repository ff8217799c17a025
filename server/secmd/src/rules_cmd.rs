//! `secmd rules`: the rule catalog, generated from each rule's `META`.

use crate::cli::RulesArgs;
use crate::{EXIT_ERROR, EXIT_OK};
use secmd_core::rules::{all_meta, RuleMeta};
use std::io::Write;

pub fn run(args: &RulesArgs) -> u8 {
    let text = if args.markdown {
        markdown_table()
    } else if let Some(code) = &args.code {
        match all_meta().find(|m| m.code == code.as_str()) {
            Some(meta) => rule_doc(meta),
            None => {
                eprintln!("error: unknown rule `{code}` (`secmd rules` lists them)");
                return EXIT_ERROR;
            }
        }
    } else {
        listing()
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_ERROR,
    }
}

/// One line per rule: code, default severity, summary, aligned.
pub fn listing() -> String {
    let width = all_meta().map(|m| m.code.len()).max().unwrap_or(0);
    let mut s = String::new();
    for m in all_meta() {
        s.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            m.code,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    s
}

/// The README's rules table. `|` in a summary is escaped so it stays one cell.
pub fn markdown_table() -> String {
    let mut s = String::from("| Code | Default | Summary |\n| --- | --- | --- |\n");
    for m in all_meta() {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            m.code,
            m.default_severity.as_str(),
            m.summary.replace('|', "\\|")
        ));
    }
    s
}

/// A rule's documentation as Markdown.
pub fn rule_doc(m: &RuleMeta) -> String {
    format!(
        "# {}\n\n{}\n\nDefault severity: {}\n\n{}\n",
        m.code,
        m.summary,
        m.default_severity.as_str(),
        m.doc.trim_end()
    )
}
