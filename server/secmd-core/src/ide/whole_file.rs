//! "Fix the whole file": one edit that applies the preferred fix of every
//! finding of a code whose findings are parts of one mistake. A file misread
//! in a legacy code page is misread everywhere, so `mojibake` offers
//! "Restore all … in this file" on each of its findings: the editor's
//! fix-all takes safe fixes only and leaves a run whose lost byte has
//! several candidates, and this action restores those too, with the file's
//! code page, after the user chose it (it is a suggestion, never applied on
//! its own).

use crate::finding::{Finding, Fix};
use crate::fix::{fix_edits, Applicability};

/// Codes whose findings are one mistake, with the title of the action that
/// fixes them all (`{n}`: how many).
const WHOLE_FILE: &[(&str, &str)] = &[("mojibake", "Restore all {n} mangled places in this file")];

/// The action fixing every finding of `at`'s code in `findings` (the whole
/// file's), if that code is one mistake and it has several findings with a
/// preferred fix. Overlapping fixes are skipped as in `--fix`.
pub fn whole_file_fix(findings: &[Finding], at: &Finding) -> Option<Fix> {
    let (_, title) = WHOLE_FILE.iter().find(|(code, _)| *code == at.code)?;
    let same: Vec<Finding> = findings
        .iter()
        .filter(|f| f.code == at.code)
        .cloned()
        .collect();
    let (edits, fixed) = fix_edits(&same, Applicability::Suggestions);
    if fixed.len() < 2 {
        return None;
    }
    Some(Fix::suggestion(
        title.replace("{n}", &fixed.len().to_string()),
        edits,
    ))
}

#[cfg(test)]
mod tests {
    use super::whole_file_fix;
    use crate::fix::apply_edits;
    use crate::testing::findings;

    #[test]
    fn restores_every_mojibake_run_at_once() {
        // Two certain runs and one whose lost byte leaves a choice.
        let text = "## âœ… Supported\n\nðŸ” Search, CafÃ©\n";
        let all = findings(text);
        let at = all.iter().find(|f| f.code == "mojibake").unwrap();
        let fix = whole_file_fix(&all, at).unwrap();
        assert_eq!(fix.title, "Restore all 3 mangled places in this file");
        assert!(!fix.safe && !fix.preferred);
        assert_eq!(
            apply_edits(text, &fix.edits).as_deref(),
            Some("## ✅ Supported\n\n🔍 Search, Café\n")
        );
        // One finding: its own fixes are enough.
        let all = findings("## âœ… Supported\n");
        assert!(whole_file_fix(&all, &all[0]).is_none());
        // Other codes are separate mistakes.
        let all = findings("Email sec@x.org. See http://x.org and http://y.org.\n");
        let link = all.iter().find(|f| f.code == "insecure-link").unwrap();
        assert!(whole_file_fix(&all, link).is_none());
    }
}
