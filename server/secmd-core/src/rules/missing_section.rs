//! `missing-section`: the policy has no "Reporting a Vulnerability" or no
//! "Supported Versions" section.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::config::SectionsConfig;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::id_map::IdMap;
use crate::memo::Slot;
use crate::model::PlacedChunk;
use crate::model::{DocumentModel, HeadingKind};
use crate::options::Options;
use crate::policy::facts::chunk_sentences;
use crate::policy::sections::{
    anchor, classify, has_subsections, intro, line_ending, required, title, SectionId,
};
use crate::policy::sentences::Sentence;
use std::ops::Range;
use std::sync::Mutex;

pub static META: RuleMeta = RuleMeta {
    code: "missing-section",
    default_severity: Severity::Error,
    summary: "The policy has no reporting or supported-versions section",
    doc: "\
Reports a policy without a section that tells reporters how to report a
vulnerability (an error) or which versions receive security fixes (info:
advice worth following, but a policy without it still works; raise it with
`[rules] missing-section = \"warning\"` to make it a warning for both). Any heading counts, whatever its level or style (ATX, setext or a
bold line used as a heading), when its text means the same thing: headings
are compared without case, emoji, mojibake, numbering and punctuation, and
by keywords (\"Reporting Security Issues\", \"How to report\", \"Security
contact\", \"Disclosure policy\" all mean *reporting*; \"Supported releases\",
\"Version support\", \"Versions\" mean *supported versions*).

Not reported:

- a short policy whose introduction (the text before its first section
  heading, or the whole file; or the first section when it is a generic
  top-level heading such as \"## Security\") names a private channel or
  links to the project's full security policy: the introduction *is* its
  reporting section;
- *supported versions* in a policy with a single section (no headings, a
  title only, or one heading): a one-paragraph policy is complete without a
  table; nor when the policy states it elsewhere (a versions table with a
  support column, or a sentence such as \"security fixes are published for
  the latest release\");
- *supported versions* in an organisation-wide policy (\"applies to all
  repositories of the organization\", \"any Acme-owned repository\"), or the
  policy of an organisation's `.github` repository (known from the `origin`
  remote; GitHub shows it for every repository without its own): versions
  belong to each project, not to the default;
- *reporting* when the policy names no private channel at all:
  `missing-contact` reports that one cause;
- *supported versions* when the reporting section is missing: that is the
  finding worth fixing first;
- a section whose heading is inside a ```` ```md ```` fence (a policy pasted
  in a code block): the fence is the problem, not the section;
- either section in a policy that is not written in English (the headings
  cannot be matched), unless synonyms are configured for it.

Configure which sections are required and extra heading texts:

```toml
[sections]
required = [\"reporting\"]            # default: both
synonyms = { reporting = [\"Sicherheitslücken melden\"] }
```

**Fix (suggestion):** insert a section skeleton at the conventional place:
*Supported Versions* after the title, *Reporting a Vulnerability* after the
supported versions (or at the end). The file's line endings are kept.",
    scope: Scope::Document,
};

pub struct MissingSection;

impl Rule for MissingSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let config = &cx.options.config.sections;
        let facts = cx.facts();
        // The whole text and all sentences are read only once a section
        // is missing, which is rare and not worth keeping per chunk.
        let (found, english) = (&facts.classified, facts.english);
        // No private channel at all: `missing-contact` reports the one cause.
        let no_channel = !facts.any_channel(|_| true);
        // The reporting section is missing (reported, or left to
        // `missing-contact`): versions are beside the point then.
        let mut reporting_missing = false;
        for id in required(config) {
            if found.iter().any(|c| c.id == id) {
                continue;
            }
            if !english && !config.synonyms.contains_key(id.id()) {
                continue;
            }
            if id == SectionId::Reporting && no_channel {
                reporting_missing = true;
                continue;
            }
            // Fences and versions statements never cross a chunk: each
            // chunk keeps what it holds, so a keystroke reads one chunk
            // again, not every sentence of the document; and the document
            // memo keeps how many chunks hold each, so it reads no other
            // chunk's memo either.
            let counts = held_counts(cx, config);
            let stands_in = |flag: usize| counts[flag] > 0;
            let exempt = match id {
                SectionId::Reporting => {
                    stands_in(StandsIn::REPORTING_FENCE) || {
                        let lead = lead(doc, config);
                        facts.first_channel_in(Some(&[lead])).is_some()
                    }
                }
                SectionId::SupportedVersions => {
                    reporting_missing
                        || organisation_defaults(cx.options).is_some()
                        || stands_in(StandsIn::VERSIONS_FENCE)
                        || !has_subsections(doc)
                        || stands_in(StandsIn::VERSIONS_STATEMENT)
                }
            };
            if exempt {
                continue;
            }
            let (severity, why) = match id {
                SectionId::Reporting => {
                    reporting_missing = true;
                    (Severity::Error, "tell reporters how to reach you privately")
                }
                SectionId::SupportedVersions => (
                    SUPPORTED_VERSIONS_SEVERITY,
                    "say which versions receive security fixes",
                ),
            };
            // The skeleton reads a few bytes around where it goes: the
            // whole text (a copy of the document) only when there is no
            // heading to anchor the finding.
            let edit = skeleton(doc, id, found);
            let text = || facts.text();
            out.push(
                Finding::new(
                    &META,
                    anchor(doc, text),
                    format!("No \"{}\" section: {why}", id.title()),
                )
                .with_severity(severity)
                .with_fix(Fix::suggestion(
                    format!("Add a \"{}\" section", id.title()),
                    vec![edit],
                )),
            );
        }
    }
}

/// What one chunk holds that stands in for a missing section (kept in its
/// memo, which lives as long as the configuration).
struct StandsIn {
    /// A ```` ```md ```` fence with a heading for the reporting section.
    reporting_fence: bool,
    /// Such a fence with a heading for the versions section.
    versions_fence: bool,
    /// A versions table or sentence, or an organisation-wide sentence
    /// ([`versions_statement`]).
    versions_statement: bool,
}

impl StandsIn {
    /// Indexes of the stand-ins in [`StandsIn::flags`].
    const REPORTING_FENCE: usize = 0;
    const VERSIONS_FENCE: usize = 1;
    const VERSIONS_STATEMENT: usize = 2;

    /// The stand-ins as flags, in field order.
    fn flags(&self) -> [bool; 3] {
        [
            self.reporting_fence,
            self.versions_fence,
            self.versions_statement,
        ]
    }
}

/// How many chunks hold each stand-in (in [`StandsIn::flags`] order),
/// kept in the document memo between analyses.
#[derive(Default)]
struct Tally {
    /// The analyzer run it was brought up to date for.
    run: Option<u64>,
    /// The flags of the chunks that hold any stand-in, by chunk id.
    held: IdMap<[bool; 3]>,
    counts: [usize; 3],
}

/// How many chunks hold each stand-in: updated from the chunks that came
/// and went since the previous analysis when it asked too, else counted
/// over every chunk (the first time, or outside an analyzer).
fn held_counts(cx: &DocContext<'_>, config: &SectionsConfig) -> [usize; 3] {
    let chunks = cx.doc.chunks();
    let count_all = || {
        cx.count_visits(chunks.len());
        let mut counts = [0; 3];
        for c in chunks {
            for (n, f) in counts.iter_mut().zip(stands_in(c, config).flags()) {
                *n += usize::from(f);
            }
        }
        counts
    };
    let Some(delta) = cx.delta() else {
        return count_all();
    };
    let tally = cx
        .doc_memo()
        .get("missing-section/tally", 0, || Mutex::new(Tally::default()));
    let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
    let tally = &mut *tally;
    let add = |tally: &mut Tally, id: u64, flags: [bool; 3], up: bool| {
        for (n, f) in tally.counts.iter_mut().zip(flags) {
            if f {
                *n = if up { *n + 1 } else { *n - 1 };
            }
        }
        if up && flags.contains(&true) {
            tally.held.insert(id, flags);
        }
    };
    if tally.run == Some(delta.run) {
        // Asked again in the same analysis (for the other section).
        return tally.counts;
    }
    if tally.run.is_some_and(|r| r + 1 == delta.run) {
        for id in &delta.removed {
            if let Some(flags) = tally.held.remove(id) {
                add(tally, *id, flags, false);
            }
        }
        cx.count_visits(delta.added.len());
        for &i in &delta.added {
            let c = &chunks[i];
            add(tally, c.id, stands_in(c, config).flags(), true);
        }
    } else {
        cx.count_visits(chunks.len());
        *tally = Tally::default();
        for c in chunks {
            add(tally, c.id, stands_in(c, config).flags(), true);
        }
    }
    tally.run = Some(delta.run);
    tally.counts
}

fn stands_in<'c>(c: &'c PlacedChunk, config: &SectionsConfig) -> &'c StandsIn {
    c.memo.once(Slot::MissingSection, || {
        let alone = c.alone();
        StandsIn {
            reporting_fence: in_markdown_fence(&alone, config, SectionId::Reporting),
            versions_fence: in_markdown_fence(&alone, config, SectionId::SupportedVersions),
            versions_statement: versions_statement(&alone, chunk_sentences(c)).is_some(),
        }
    })
}

/// The severity of a missing "Supported Versions" section: advice (the
/// catalog's default, an error, is for the reporting section).
pub(crate) const SUPPORTED_VERSIONS_SEVERITY: Severity = Severity::Info;

/// What stands in for a "Supported Versions" section, and why: the first
/// versions table or sentence that says which versions receive fixes, else
/// the first sentence that makes the policy an organisation-wide default.
/// Hover names it.
pub(crate) fn versions_statement(
    doc: &DocumentModel,
    sentences: &[Sentence],
) -> Option<(Range<usize>, VersionsStatement)> {
    versions_stated_elsewhere(doc, sentences)
        .map(|r| (r, VersionsStatement::Versions))
        .or_else(|| {
            sentences
                .iter()
                .find(|s| organisation_wide(s.lower()))
                .map(|s| (s.range.clone(), VersionsStatement::OrganisationWide))
        })
}

/// The repository (`acme/.github`) when the policy is the one an
/// organisation's `.github` repository holds: the default of every
/// repository without its own, so it has no versions of its own. Known from
/// the workspace (the `origin` remote); a policy read alone has none.
pub(crate) fn organisation_defaults(options: &Options<'_>) -> Option<String> {
    let workspace = options.files.workspace()?;
    let origin = workspace.facts.origin.as_ref()?;
    origin.holds_organisation_defaults().then(|| origin.slug())
}

/// Why a policy needs no "Supported Versions" section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VersionsStatement {
    /// A table or sentence says which versions receive fixes.
    Versions,
    /// The policy is an organisation-wide default.
    OrganisationWide,
}

/// Whether a sentence says the policy covers a whole organisation's
/// repositories (an organisation-wide default such as `<org>/.github`).
fn organisation_wide(s: &str) -> bool {
    [
        "all repositories",
        "all of our repositories",
        "all our repositories",
        "all source code repositories",
        "every repository",
        "any repository",
        "-owned repositor",
        "repositories in the",
        "repositories in our",
        "repositories of the",
        "repositories under the",
        "repositories owned by",
        "all projects of",
        "all projects under",
        "every project of",
        "projects in the organization",
        "projects in the organisation",
    ]
    .iter()
    .any(|p| s.contains(p))
}

/// The opening of the policy: its introduction, extended over the first
/// section when that is a generic top-level heading such as Microsoft's
/// "## Security" (no title above it, nothing more specific than
/// "Security"). Short and delegating policies say everything there.
fn lead(doc: &DocumentModel, config: &SectionsConfig) -> Range<usize> {
    let intro = intro(doc);
    // Headings by reference, and all of them only when the cheap answers
    // did not decide: copying every heading of a large FAQ on every
    // keystroke was most of this rule's time.
    let mut headings = doc.heading_items();
    let Some((_, first)) = headings.next() else {
        return intro;
    };
    let second = headings.next().map(|(d, h)| h.range.start + d);
    if title(doc).is_some()
        || first.kind == HeadingKind::Bold
        || classify(&first.text, config).is_some()
        || !doc.heading_items().all(|(_, h)| h.level >= first.level)
    {
        return intro;
    }
    0..second.unwrap_or(doc.len())
}

/// Where the policy says which versions get fixes without a section for
/// it: a versions table with a support column anywhere, or a sentence such
/// as "Security fixes are published in the latest release line".
fn versions_stated_elsewhere(doc: &DocumentModel, sentences: &[Sentence]) -> Option<Range<usize>> {
    // Unshifted: the header is all that is read, and shifting copies
    // every cell of a table that may be the whole document.
    let versions_table = doc.tables_unshifted().find(|(_, t)| {
        let header: Vec<String> = t
            .header
            .cells
            .iter()
            .map(|c| c.text.to_lowercase())
            .collect();
        header
            .iter()
            .any(|h| h.contains("version") || h.contains("release"))
            && header
                .iter()
                .any(|h| h.contains("support") || h.contains("status"))
    });
    if let Some((d, t)) = versions_table {
        return Some(t.range.start + d..t.range.end + d);
    }
    sentences
        .iter()
        .find(|s| {
            let l = s.lower();
            let about_support = [
                "applies to",
                "be fixed",
                "receive fixes",
                "supported",
                "security fixes",
                "security updates",
                "security patches",
                "maintained",
                "backport",
            ]
            .iter()
            .any(|w| l.contains(w));
            let which = ["latest", "current", "most recent", "newest", "last "]
                .iter()
                .any(|w| l.contains(w))
                || l.as_bytes().windows(3).any(|w| {
                    w[0].is_ascii_digit() && w[1] == b'.' && (w[2].is_ascii_digit() || w[2] == b'x')
                });
            about_support && which
        })
        .map(|s| s.range.clone())
}

/// Whether a ```` ```md ```` fence holds a heading for the section: the
/// policy was pasted inside a code block. The fence is the problem then,
/// not a missing section. (A fence that wraps the whole policy is read as the
/// policy, `crate::fenced_twin`; this covers the fences it does not read.)
fn in_markdown_fence(doc: &DocumentModel, config: &SectionsConfig, id: SectionId) -> bool {
    doc.code_blocks().any(|b| {
        matches!(b.info.to_ascii_lowercase().as_str(), "md" | "markdown")
            && doc.slice(b.range.clone()).lines().any(|line| {
                line.trim_start().starts_with('#')
                    && classify(line.trim_start().trim_start_matches('#'), config)
                        .is_some_and(|(found, _)| found == id)
            })
    })
}

const REPORTING_BODY: &str = "\
Please do not report security vulnerabilities through public issues. Use
GitHub's private vulnerability reporting instead (the \"Report a
vulnerability\" button on the Security tab). We will acknowledge your report
within 7 days.
";

const VERSIONS_BODY: &str = "\
| Version | Supported          |
| ------- | ------------------ |
| latest  | :white_check_mark: |
";

/// The edit that inserts a skeleton of section `id` where policies
/// conventionally have it.
fn skeleton(
    doc: &DocumentModel,
    id: SectionId,
    found: &[crate::policy::sections::Classified],
) -> Edit {
    let title = title(doc);
    let default_level = 2;
    let (at, level, body) = match id {
        SectionId::SupportedVersions => {
            let at = intro(doc).end;
            let level = doc
                .headings()
                .find(|h| h.range.start == at && h.kind != HeadingKind::Bold)
                .map_or(default_level, |h| h.level.max(2));
            (at, level, VERSIONS_BODY)
        }
        SectionId::Reporting => {
            let versions = found.iter().find(|c| c.id == SectionId::SupportedVersions);
            match versions {
                Some(v) => {
                    let level = if v.section.heading.kind == HeadingKind::Bold {
                        default_level
                    } else {
                        v.section.heading.level
                    };
                    (v.section.range.end, level, REPORTING_BODY)
                }
                None => (doc.len(), default_level, REPORTING_BODY),
            }
        }
    };
    let level = if title.is_none() { level } else { level.max(2) };
    let le = doc_line_ending(doc);
    let mut block = String::new();
    // The end of the text before `at` (its last three bytes say it all).
    let before = bytes_before(doc, at, 3);
    if !before.is_empty() && !before.ends_with(b"\n") {
        block.push('\n');
    }
    if !before.is_empty() && !before.ends_with(b"\n\n") && !before.ends_with(b"\n\r\n") {
        block.push('\n');
    }
    block.push_str(&"#".repeat(level as usize));
    block.push(' ');
    block.push_str(id.title());
    block.push_str("\n\n");
    block.push_str(body);
    if at < doc.len() {
        block.push('\n');
    }
    Edit::new(at..at, block.replace('\n', le))
}

/// The document's line break, as [`line_ending`] of its whole text: that
/// of its first line feed (the CR before it may end the chunk before).
fn doc_line_ending(doc: &DocumentModel) -> &'static str {
    let chunks = doc.chunks();
    for (k, c) in chunks.iter().enumerate() {
        let Some(i) = c.text.find('\n') else {
            continue;
        };
        if i > 0 {
            return line_ending(&c.text);
        }
        let cr = k
            .checked_sub(1)
            .and_then(|p| chunks[p].text.as_bytes().last())
            == Some(&b'\r');
        return if cr { "\r\n" } else { "\n" };
    }
    "\n"
}

/// The (up to) `n` bytes of the document before `at`, across chunks.
fn bytes_before(doc: &DocumentModel, at: usize, n: usize) -> Vec<u8> {
    let from = at.saturating_sub(n);
    let mut out = Vec::new();
    let chunks = doc.chunks();
    for c in chunks[doc.chunk_index(from).min(chunks.len())..]
        .iter()
        .take_while(|c| c.start < at)
    {
        let a = from.max(c.start) - c.start;
        let b = at.min(c.end()) - c.start;
        if a < b {
            out.extend_from_slice(&c.text.as_bytes()[a..b]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_fix, findings_with, render};
    use crate::Config;

    const VERSIONS: &str =
        "## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n| 1.x | ✅ |\n";

    #[test]
    fn reports_missing_reporting_section_at_first_heading() {
        let text = format!(
            "# Security Policy\n\nWe care about security.\n\n{VERSIONS}\n## Team\n\nWe read security@x.org.\n"
        );
        check(
            "missing-section",
            &text,
            &["1:1-1:18 missing-section No \"Reporting a Vulnerability\" section: tell reporters how to reach you privately"],
        );
    }

    #[test]
    fn reports_missing_supported_versions_as_info() {
        let text = "# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@x.org.\n";
        check(
            "missing-section",
            text,
            &["1:1-1:18 missing-section No \"Supported Versions\" section: say which versions receive security fixes"],
        );
        let f = crate::testing::findings(text);
        assert_eq!(f[0].severity, crate::Severity::Info);
    }

    #[test]
    fn organisation_wide_and_prose_policies_need_no_versions_section() {
        for sentence in [
            "This document applies to other repositories in the Acme organization.",
            "If you find a vulnerability in any Acme-owned repository, tell us.",
            "This includes all source code repositories in our GitHub organizations.",
            "This policy only applies to the most recent stable branch of Acme.",
            "Only the latest release is supported.",
            "Security fixes are backported to the two latest minor releases.",
        ] {
            check(
                "missing-section",
                &format!("# Security Policy\n\n{sentence}\n\n## Reporting a Vulnerability\n\nEmail security@x.org.\n"),
                &[],
            );
        }
    }

    /// The policy of an organisation's `.github` repository is the default
    /// of every repository without its own: no versions of its own. The
    /// same text in another repository is asked for them.
    #[test]
    fn the_policy_of_an_organisations_github_repository_needs_no_versions() {
        use crate::rules::workspace_testing::check_in;
        use crate::workspace::{RepoId, Workspace};
        let text = "# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@x.org.\n";
        let in_repo = |name: &str| Workspace {
            origin: Some(RepoId {
                host: "github.com".into(),
                owner: "acme".into(),
                name: name.into(),
            }),
            ..Workspace::default()
        };
        check_in(
            "missing-section",
            text,
            &in_repo(".github"),
            "SECURITY.md",
            &[],
        );
        check_in(
            "missing-section",
            text,
            &in_repo(".GitHub"),
            "SECURITY.md",
            &[],
        );
        check_in(
            "missing-section",
            text,
            &in_repo("widget"),
            "SECURITY.md",
            &["1:1-1:18 missing-section No \"Supported Versions\" section: say which versions receive security fixes"],
        );
    }

    /// A versions statement or a fenced section deep in a many-chunk
    /// document (read from the chunks' memos) still stands in.
    #[test]
    fn what_stands_in_is_found_in_any_chunk() {
        let mut text = String::from(
            "# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@x.org.\n\n",
        );
        for i in 0..40 {
            text.push_str(&format!("## Topic {i}\n\nSome words here.\n\n"));
        }
        check(
            "missing-section",
            &text,
            &["1:1-1:18 missing-section No \"Supported Versions\" section: say which versions receive security fixes"],
        );
        for stand_in in [
            "Only the latest release is supported.\n",
            "This policy covers all repositories of the Acme organization.\n",
            "| Version | Supported |\n| --- | --- |\n| 1.x | yes |\n",
            "```md\n## Supported Versions\n```\n",
        ] {
            let at = text.find("## Topic 30").unwrap();
            let with = format!("{}{stand_in}\n{}", &text[..at], &text[at..]);
            check("missing-section", &with, &[]);
        }
    }

    #[test]
    fn one_cause_one_finding() {
        // No channel at all: `missing-contact` says it; no section findings.
        check(
            "missing-section",
            "# Security\n\nWe take security seriously.\n\n## Scope\n\nThe web app.\n",
            &[],
        );
        // No reporting section (a channel elsewhere): that one, not versions.
        check(
            "missing-section",
            "# Security\n\n## Scope\n\nThe web app.\n\n## Team\n\nWe read security@x.org daily.\n",
            &["1:1-1:11 missing-section No \"Reporting a Vulnerability\" section: tell reporters how to reach you privately"],
        );
    }

    #[test]
    fn any_heading_style_and_synonym_counts() {
        // Setext, bold pseudo-heading, numbered and emoji headings.
        check(
            "missing-section",
            "Security\n========\n\nVersion support\n---------------\n\nOnly 2.x.\n\n**🔒 2. How to report:**\n\nEmail security@x.org.\n",
            &[],
        );
        check(
            "missing-section",
            "# Policy\n\n## 📦 Supported Releases\n\n- 2.x\n\n### 2. Report via email\n\nWrite to a@b.org.\n",
            &[],
        );
        check(
            "missing-section",
            "# ðŸ›¡ï¸ Policy\n\n## IV. Versions\n\n- 2.x\n\n## Security Contact\n\nWrite to a@b.org.\n",
            &[],
        );
    }

    #[test]
    fn short_policy_without_headings_is_complete() {
        // angular-like: the whole file is the reporting section.
        check(
            "missing-section",
            "Please report security issues privately: email us at security@angular.io.\nSee https://angular.io/guide/security.\n",
            &[],
        );
        // A title only, with the channel in the introduction.
        check(
            "missing-section",
            "# Security Policy\n\nIf you discover a security issue, please email dev@x.org instead of using the issue tracker.\n",
            &[],
        );
    }

    #[test]
    fn delegating_policy_is_complete() {
        // etcd-like: one link to the full policy elsewhere.
        check(
            "missing-section",
            "# Security\n\nPlease read the [etcd security policy](https://github.com/etcd-io/etcd/blob/main/security/README.md).\n",
            &[],
        );
    }

    #[test]
    fn generic_first_section_that_delegates_is_complete() {
        // Microsoft's template: "## Security" and a link to the real policy.
        check(
            "missing-section",
            "<!-- BEGIN MICROSOFT SECURITY.MD -->\n\n## Security\n\n**Please do not report security vulnerabilities through public GitHub issues.**\n\nSee [https://aka.ms/SECURITY.md](https://aka.ms/SECURITY.md).\n\n## Extensions\n\nBe careful; use the latest version for security fixes.\n",
            &[],
        );
    }

    #[test]
    fn supported_versions_stated_without_a_section() {
        check(
            "missing-section",
            "# Security Policy\n\n## Reporting a Vulnerability\n\nEmail a@b.org. Security fixes are published in the latest release line.\n",
            &[],
        );
        check(
            "missing-section",
            "# Security Policy\n\n### Release Status\n\n| Version | Support |\n|---|---|\n| 11.x | ✅ |\n\n## Reporting\n\nEmail a@b.org.\n",
            &[],
        );
        // A single heading: a one-section policy.
        check(
            "missing-section",
            "## Reporting a Vulnerability\n\nEmail security@syncthing.net.\n",
            &[],
        );
    }

    #[test]
    fn policy_pasted_in_a_markdown_fence() {
        check(
            "missing-section",
            "## SECURITY.md\n\n```md\n# Security Policy\n\n## Supported Versions\n\n| Version | Supported |\n\n## Reporting a Vulnerability\n\nUse GitHub Security Advisories.\n```\n",
            &[],
        );
    }

    #[test]
    fn headingless_file_without_channel_is_one_finding() {
        // No channel at all: `missing-contact` says so; a missing reporting
        // section would repeat the cause.
        check("missing-section", "Thanks for keeping us safe!\n", &[]);
        check(
            "missing-contact",
            "Thanks for keeping us safe!\n",
            &["1:1-1:28 missing-contact No private reporting channel: give an email address, enable GitHub private vulnerability reporting, or link to where reports go"],
        );
    }

    #[test]
    fn non_english_policies_are_not_matched() {
        check(
            "missing-section",
            "# Política de Seguridad\n\n## Versiones Soportadas\n\nSolo la última versión recibe parches de seguridad para los usuarios.\n\n## Cómo reportar\n\nPor favor, no abra un issue público. Escriba a seguridad@x.org para que podamos revisar el problema con usted.\n",
            &[],
        );
    }

    #[test]
    fn configuration_changes_requirements_and_synonyms() {
        let text = "# Sicherheit\n\n## Sicherheitslücken melden\n\nBitte schreiben Sie an sicherheit@x.de und nicht in ein öffentliches Ticket, wir werden die Meldung prüfen.\n\n## Versionen\n\n- 2.x\n";
        let config = Config::parse(
            "[sections]\nrequired = [\"reporting\"]\nsynonyms = { reporting = [\"Meldung\"] }\n",
        )
        .unwrap();
        let got: Vec<String> = findings_with(text, &config)
            .iter()
            .filter(|f| f.code == "missing-section")
            .map(|f| render(text, f))
            .collect();
        assert_eq!(
            got,
            ["1:1-1:13 missing-section No \"Reporting a Vulnerability\" section: tell reporters how to reach you privately"]
        );
        let config = Config::parse(
            "[sections]\nrequired = [\"reporting\"]\nsynonyms = { reporting = [\"Sicherheitslücken melden\"] }\n",
        )
        .unwrap();
        assert!(findings_with(text, &config)
            .iter()
            .all(|f| f.code != "missing-section"));
    }

    #[test]
    fn fix_inserts_reporting_after_supported_versions() {
        let text =
            format!("# Security Policy\n\n{VERSIONS}\n## Scope\n\nAll code; ask sec@x.org.\n");
        let expected = format!(
            "# Security Policy\n\n{VERSIONS}\n## Reporting a Vulnerability\n\n{}\n## Scope\n\nAll code; ask sec@x.org.\n",
            super::REPORTING_BODY
        );
        check_fix(
            "missing-section",
            &text,
            "Add a \"Reporting a Vulnerability\" section",
            &expected,
        );
    }

    #[test]
    fn fix_inserts_supported_versions_after_title_keeping_crlf() {
        let text = "# Security Policy\r\n\r\nIntro.\r\n\r\n## Reporting\r\n\r\nMail a@b.org\r\n";
        let expected = format!(
            "# Security Policy\r\n\r\nIntro.\r\n\r\n## Supported Versions\r\n\r\n{}\r\n## Reporting\r\n\r\nMail a@b.org\r\n",
            super::VERSIONS_BODY.replace('\n', "\r\n")
        );
        check_fix(
            "missing-section",
            text,
            "Add a \"Supported Versions\" section",
            &expected,
        );
    }

    #[test]
    fn fix_appends_reporting_at_end_without_final_newline() {
        let text = "# Policy\n\n## Scope\n\nAll code; ask sec@x.org.";
        let expected = format!(
            "# Policy\n\n## Scope\n\nAll code; ask sec@x.org.\n\n## Reporting a Vulnerability\n\n{}",
            super::REPORTING_BODY
        );
        check_fix(
            "missing-section",
            text,
            "Add a \"Reporting a Vulnerability\" section",
            &expected,
        );
    }
}
