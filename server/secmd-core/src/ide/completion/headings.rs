//! Section heading completion: after `#`…`######` at the start of a line,
//! the well-known sections the document lacks, required ones first, each
//! with a skeleton body to fill in (snippet placeholders).
//!
//! Sections the document already has are not offered again (a second
//! "Supported Versions" is almost never wanted); presence is decided by the
//! local matcher in `known_sections.rs`.

use super::{snippet_escape, CompletionItem, CompletionKind, Cx};
use crate::ide::known_sections::{classify_with, is_required, KnownSection, KNOWN_SECTIONS};
use crate::ide::line_break;
use crate::ide::support_markers::document_style;
use std::collections::HashSet;

pub(super) fn complete(cx: &Cx<'_>) -> Option<Vec<CompletionItem>> {
    let before = cx.before();
    let rest = before.trim_start_matches(' ');
    if before.len() - rest.len() > 3 {
        return None;
    }
    let hashes = rest.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let tail = &rest[hashes..];
    if (!tail.is_empty() && !tail.starts_with([' ', '\t'])) || tail.contains('#') {
        return None;
    }
    if !cx.after().trim().is_empty() {
        return None;
    }
    let sections = &cx.options.config.sections;
    // Headings elsewhere in the document (not the one being typed).
    let present: HashSet<&str> = cx
        .doc
        .headings()
        .filter(|h| h.range.end < cx.line.start || h.range.start > cx.line.end)
        .filter_map(|h| classify_with(&h.text, sections).map(|k| k.id))
        .collect();
    let marker = "#".repeat(hashes);
    let nl = line_break(cx.text);
    // Missing required sections first, then the others, in catalog order.
    let mut missing: Vec<&KnownSection> = KNOWN_SECTIONS
        .iter()
        .filter(|k| !present.contains(k.id))
        .collect();
    missing.sort_by_key(|k| !is_required(k, sections));
    let items = missing
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            let body = body(k, cx).replace('\n', nl);
            CompletionItem {
                label: format!("{marker} {}", k.title),
                kind: CompletionKind::Section,
                detail: Some(
                    if is_required(k, sections) {
                        "Required section (missing)"
                    } else {
                        "Common section"
                    }
                    .to_string(),
                ),
                documentation: Some(k.summary.to_string()),
                insert_text: format!("{marker} {}{nl}{nl}{body}", k.title),
                is_snippet: true,
                replace: cx.line.start..cx.offset,
                sort_text: format!("{i:02}"),
            }
        })
        .collect();
    Some(items)
}

/// The skeleton body of a section, in snippet syntax with `\n` breaks.
fn body(k: &KnownSection, cx: &Cx<'_>) -> String {
    // Tab stops: the repository's owner and name come first when unknown.
    let (repo_url, next) = match cx.repository {
        Some((owner, repo)) => (
            snippet_escape(&format!("https://github.com/{owner}/{repo}")),
            1,
        ),
        None => ("https://github.com/${1:owner}/${2:repo}".to_string(), 3),
    };
    let days = cx.options.config.max_response_days;
    match k.id {
        "reporting" => format!(
            "Please do not report security vulnerabilities through public issues, discussions or pull requests.\n\
             \n\
             Report them privately through [GitHub private vulnerability reporting]({repo_url}/security/advisories/new) \
             or by email to [security@${{{next}:domain}}](mailto:security@${{{next}:domain}}).\n\
             \n\
             Please include:\n\
             \n\
             - the affected versions,\n\
             - steps to reproduce or a proof of concept,\n\
             - the impact you expect.\n\
             \n\
             We acknowledge reports within ${{{}:{days}}} days and keep you informed until the issue is fixed.\n$0",
            next + 1
        ),
        "supported-versions" => {
            let style = document_style(cx.doc, cx.text);
            format!(
                "These versions receive security fixes:\n\
                 \n\
                 | Version | Supported |\n\
                 | ------- | --------- |\n\
                 | ${{1:1.x}} | {} |\n\
                 | ${{2:< 1.0}} | {} |\n$0",
                snippet_escape(&style.supported),
                snippet_escape(&style.unsupported)
            )
        }
        "security-updates" => {
            "Security fixes are announced in ${1:the release notes and GitHub Security Advisories}.\n$0"
                .to_string()
        }
        "disclosure" => "\
We follow coordinated disclosure: please keep a vulnerability private until a fix is released \
or for ${1:90} days after your report, whichever comes first. We publish a security advisory\
${2: and request a CVE} when the fix is released.\n$0"
            .to_string(),
        "scope" => "\
In scope:\n\
\n\
- ${1:the code in this repository and the packages we publish}\n\
\n\
Out of scope:\n\
\n\
- ${2:vulnerabilities in dependencies (please report them upstream)}\n$0"
            .to_string(),
        "safe-harbor" => "\
We will not pursue legal action against security research done in good faith and in line with \
this policy. ${1:Do not access or change other people's data, and do not degrade our services.}\n$0"
            .to_string(),
        "acknowledgements" => {
            "We credit reporters in the security advisory${1: unless they prefer to stay anonymous}.\n$0"
                .to_string()
        }
        "contact" => "\
For security matters, write to [security@${1:domain}](mailto:security@${1:domain}). \
Please do not use public issues for vulnerabilities.\n$0"
            .to_string(),
        "bug-bounty" => "${1:This project does not offer a bug bounty.}\n$0".to_string(),
        "preferred-languages" => "We accept reports in ${1:English}.\n$0".to_string(),
        "security-advisories" => format!(
            "Published advisories are listed at <{repo_url}/security/advisories>.\n$0"
        ),
        _ => "$0".to_string(),
    }
}
