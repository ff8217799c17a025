//! `duplicate-section`: the reporting or supported-versions section appears
//! twice.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::policy::sections::Strength;

pub static META: RuleMeta = RuleMeta {
    code: "duplicate-section",
    default_severity: Severity::Warning,
    summary: "The reporting or supported-versions section appears twice",
    doc: "\
Reports a second heading that names the same required section as an
earlier one: two \"Reporting a Vulnerability\" sections, or \"Supported
Versions\" twice. This usually comes from pasting GitHub's template below an
existing policy, and leaves readers with two sets of instructions that drift
apart.

Only headings that name the section outright count (\"Reporting a
Vulnerability\", \"How to report\", \"Supported Versions\", configured
synonyms); a \"Disclosure Policy\" or \"Contact\" section next to a reporting
section is normal. A heading inside the first section (a subsection such as
\"### How to report\" under \"## Reporting a Vulnerability\") is part of it,
not a duplicate.",
    scope: Scope::Document,
};

pub struct DuplicateSection;

impl Rule for DuplicateSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let facts = cx.facts();
        let strong: Vec<_> = facts
            .classified
            .iter()
            .filter(|c| c.strength == Strength::Strong)
            .collect();
        for (i, second) in strong.iter().enumerate() {
            let first = strong[..i].iter().find(|f| {
                f.id == second.id
                    && !(f.section.range.start <= second.section.range.start
                        && second.section.range.end <= f.section.range.end)
            });
            let Some(first) = first else { continue };
            let line = cx.doc.line_of(first.section.heading.range.start);
            out.push(Finding::new(
                &META,
                second.section.heading.range.clone(),
                format!(
                    "\"{}\" repeats the {} section of line {line}",
                    second.section.heading.text,
                    second.id.id()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn reports_second_reporting_section() {
        check(
            "duplicate-section",
            "# Policy\n\n## Reporting a Vulnerability\n\nMail a@b.org.\n\n## Supported Versions\n\n- 2.x\n\n## 🔒 Reporting Security Issues\n\nMail a@b.org.\n",
            &["11:1-11:31 duplicate-section \"🔒 Reporting Security Issues\" repeats the reporting section of line 3"],
        );
    }

    #[test]
    fn subsections_and_weak_synonyms_are_not_duplicates() {
        check(
            "duplicate-section",
            "# Policy\n\n## Reporting a Vulnerability\n\n### How to report\n\nMail a@b.org.\n\n## Disclosure Policy\n\n90 days.\n\n## Contact\n\na@b.org\n",
            &[],
        );
    }

    #[test]
    fn duplicate_supported_versions_across_styles() {
        check(
            "duplicate-section",
            "**Supported versions**\n\n- 2.x\n\nSupported Versions\n------------------\n\n- 3.x\n",
            &["5:1-6:19 duplicate-section \"Supported Versions\" repeats the supported-versions section of line 1"],
        );
    }
}
