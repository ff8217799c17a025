//! A prediction of OpenSSF Scorecard's Security-Policy score (0–10) for a
//! policy's text, with every point won or lost and why.
//!
//! The logic is Scorecard's own, read in ossf/scorecard (Apache-2.0) at:
//! `checks/raw/security_policy.go` @ 028769ed2750b9e4897d091621f82152e06f5b82
//! (`collectPolicyHits`: the three patterns below, matched line by line),
//! `probes/securityPolicyContainsLinks/impl.go` and
//! `probes/securityPolicyContainsVulnerabilityDisclosure/impl.go` @
//! 0b9dfb656f1796c7c693ad74f5193657b6a81e0b (v5),
//! `probes/securityPolicyContainsText/impl.go` @
//! 1ec25c399137a38dcb62bc07e04bd26d8ff61cf2,
//! `probes/internal/utils/secpolicy/secpolicy.go` @
//! 6404a880712b2f720e5efb6e48b9aea19f93b03a (`CountSecInfo`) and
//! `checks/evaluation/security_policy.go` @
//! 083596ca8c0e88cf1e948947300270e2aac20c44 (the points):
//!
//! - a policy file found: the score starts at 0 (none found: 0, "not detected");
//! - `securityPolicyContainsLinks`, +6: at least one URL or e-mail address
//!   (distinct matches);
//! - `securityPolicyContainsText`, +3: the file's size in bytes is above 1
//!   and above the bytes of the distinct URLs and addresses plus 2 per
//!   distinct URL or address;
//! - `securityPolicyContainsVulnerabilityDisclosure`, +1: more than one
//!   match (repeats counted) of a 1–4 digit number ending at a word
//!   boundary, `disclos` or `vuln`, in any case.
//!
//! Scorecard reads the first policy file of the repository's listing
//! (`.github/`, the root, then `docs/`); the workspace says when that is
//! another file than the one analysed. The patterns run through the
//! `regex` crate, which has Go's RE2 semantics (leftmost-first, linear);
//! `\b` is ASCII as in Go, and Go's `\b*` (an empty repetition) is dropped.

use crate::workspace::InWorkspace;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(http|https)://[a-zA-Z0-9./?=_%:-]*").expect("valid pattern"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,6}(?-u:\b)")
        .expect("valid pattern")
});
static DISCLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)([0-9]{1,4}(?-u:\b)|(Disclos|Vuln))").expect("valid pattern")
});

/// One of Scorecard's probes, as it scores a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorePoint {
    /// Scorecard's probe name (`securityPolicyContainsLinks`).
    pub probe: &'static str,
    /// What the probe is worth.
    pub points: u8,
    pub won: bool,
    /// Why, in a sentence naming what was counted.
    pub reason: String,
}

/// The predicted Security-Policy score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardPrediction {
    /// 0–10.
    pub score: u8,
    /// The three scoring probes, in the order the score sums them.
    pub points: Vec<ScorePoint>,
    /// Another policy file Scorecard reads instead of this one.
    pub scored_instead: Option<String>,
}

impl ScorecardPrediction {
    /// `Scorecard Security-Policy: 9/10 — lost: disclosure hints (+1)`.
    pub fn title(&self) -> String {
        let lost: Vec<String> = self
            .points
            .iter()
            .filter(|p| !p.won)
            .map(|p| format!("{} (+{})", short_name(p.probe), p.points))
            .collect();
        let tail = if let Some(other) = &self.scored_instead {
            format!("Scorecard scores {other} instead")
        } else if lost.is_empty() {
            "every point won".to_string()
        } else {
            format!("lost: {}", lost.join(", "))
        };
        format!("Scorecard Security-Policy: {}/10 — {tail}", self.score)
    }

    /// Markdown for a hover: the score and each point.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "**OpenSSF Scorecard Security-Policy: {}/10** (predicted with Scorecard v5's logic)\n\n",
            self.score
        );
        for p in &self.points {
            out.push_str(&format!(
                "- {} **+{}** {}: {} (`{}`)\n",
                if p.won { "✓" } else { "✗" },
                p.points,
                short_name(p.probe),
                p.reason,
                p.probe
            ));
        }
        if let Some(other) = &self.scored_instead {
            out.push_str(&format!(
                "\nScorecard reads the first policy file it lists, {other}; this file's score does not count.\n"
            ));
        }
        out
    }
}

fn short_name(probe: &str) -> &'static str {
    match probe {
        LINKS => "links or e-mail addresses",
        TEXT => "text besides links",
        _ => "disclosure hints",
    }
}

const LINKS: &str = "securityPolicyContainsLinks";
const TEXT: &str = "securityPolicyContainsText";
const DISCLOSURE_PROBE: &str = "securityPolicyContainsVulnerabilityDisclosure";

/// Scorecard's score for `text` as the repository's security policy, and
/// which other file it reads instead when the workspace says so.
pub fn predict(text: &str, workspace: Option<InWorkspace<'_>>) -> ScorecardPrediction {
    // Scorecard scans line by line (Go's `bufio.ScanLines`); no pattern
    // matches a line break, so scanning the whole text finds the same matches.
    let urls: HashSet<&str> = URL.find_iter(text).map(|m| m.as_str()).collect();
    let emails: HashSet<&str> = EMAIL.find_iter(text).map(|m| m.as_str()).collect();
    let hints = DISCLOSURE.find_iter(text).count();
    let linked = urls.len() + emails.len();
    let linked_bytes: usize = urls.iter().chain(emails.iter()).map(|m| m.len()).sum();
    let threshold = linked_bytes + linked * 2;
    let size = text.len();

    let links = ScorePoint {
        probe: LINKS,
        points: 6,
        won: linked > 0,
        reason: format!(
            "{} distinct URL{}, {} distinct address{}{}",
            urls.len(),
            plural(urls.len()),
            emails.len(),
            if emails.len() == 1 { "" } else { "es" },
            if linked > 0 {
                ""
            } else {
                " (Scorecard wants an http(s) URL or an e-mail address)"
            }
        ),
    };
    let body = ScorePoint {
        probe: TEXT,
        points: 3,
        won: size > 1 && size > threshold,
        reason: format!(
            "{size} byte{} in the file, {} needed (the links' {linked_bytes} bytes + 2 per link)",
            plural(size),
            if threshold >= 1 {
                format!("more than {threshold}")
            } else {
                "more than 1".to_string()
            }
        ),
    };
    let disclosure = ScorePoint {
        probe: DISCLOSURE_PROBE,
        points: 1,
        won: hints > 1,
        reason: format!(
            "{hints} hint{} (a 1–4 digit number, “disclos…” or “vuln…”), more than 1 needed",
            plural(hints)
        ),
    };
    let points = vec![links, body, disclosure];
    let score = points.iter().filter(|p| p.won).map(|p| p.points).sum();
    let scored_instead = workspace.and_then(|ws| {
        let first = ws.facts.policies.first()?;
        (first != ws.path && ws.facts.policies.iter().any(|p| p == ws.path)).then(|| first.clone())
    });
    ScorecardPrediction {
        score,
        points,
        scored_instead,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn summary(text: &str) -> (u8, Vec<(bool, String)>) {
        let p = predict(text, None);
        (
            p.score,
            p.points.into_iter().map(|p| (p.won, p.reason)).collect(),
        )
    }

    #[test]
    fn a_full_policy_wins_every_point() {
        // The URL pattern takes the sentence's final `.` (27 bytes): Scorecard does too.
        let text = "# Security Policy\n\nReport vulnerabilities to security@example.com or https://example.com/report.\nWe answer within 3 days.\n";
        let p = predict(text, None);
        assert_eq!(p.score, 10);
        assert_eq!(
            p.title(),
            "Scorecard Security-Policy: 10/10 — every point won"
        );
        assert_eq!(
            summary(text).1,
            [
                (true, "1 distinct URL, 1 distinct address".to_string()),
                (
                    true,
                    "122 bytes in the file, more than 51 needed (the links' 47 bytes + 2 per link)"
                        .to_string()
                ),
                (
                    true,
                    "2 hints (a 1–4 digit number, “disclos…” or “vuln…”), more than 1 needed"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn text_without_links_scores_three_or_four() {
        // "Vulnerabilities" is one hint: one is not enough.
        let (score, points) = summary("# Security\n\nVulnerabilities: open a private advisory.\n");
        assert_eq!(score, 3);
        assert_eq!(
            points[0],
            (
                false,
                "0 distinct URLs, 0 distinct addresses (Scorecard wants an http(s) URL or an e-mail address)"
                    .to_string()
            )
        );
        assert!(!points[2].0);
        assert_eq!(
            predict("# Security\n\nVulnerabilities: open a private advisory.\n", None).title(),
            "Scorecard Security-Policy: 3/10 — lost: links or e-mail addresses (+6), disclosure hints (+1)"
        );
        assert_eq!(
            summary("Report a vulnerability; disclosure after 90 days.\n").0,
            4
        );
    }

    #[test]
    fn only_links_lose_the_text_point() {
        // 19 bytes of URL + 2 = 21 >= 20 bytes of file.
        let (score, points) = summary("https://example.com\n");
        assert_eq!(score, 6);
        assert_eq!(
            points[1],
            (
                false,
                "20 bytes in the file, more than 21 needed (the links' 19 bytes + 2 per link)"
                    .to_string()
            )
        );
        // Repeated links count once, as Scorecard's unique count does.
        assert_eq!(summary("https://a.io https://a.io\n").0, 9);
    }

    #[test]
    fn patterns_match_as_go_does() {
        // 12345 is one match (its last four digits); "2nd" is none (no word
        // boundary after the digit); case does not matter for the words.
        assert_eq!(DISCLOSURE.find_iter("12345 2nd DISCLOSE vULN").count(), 3);
        assert_eq!(
            EMAIL
                .find_iter("mail sec@example.com, not a@b.c or x@y.toolongtld")
                .map(|m| m.as_str())
                .collect::<Vec<_>>(),
            ["sec@example.com"]
        );
        // The URL class stops at characters Scorecard leaves out (`#`, `)`).
        assert_eq!(
            URL.find_iter("(see https://x.io/a#b)")
                .map(|m| m.as_str())
                .collect::<Vec<_>>(),
            ["https://x.io/a"]
        );
    }

    #[test]
    fn an_empty_policy_scores_zero() {
        assert_eq!(summary("").0, 0);
        assert_eq!(summary("\n").0, 0);
    }

    #[test]
    fn the_workspace_names_the_file_scorecard_reads() {
        let ws = Workspace {
            policies: vec![".github/SECURITY.md".into(), "SECURITY.md".into()],
            ..Workspace::default()
        };
        let p = predict(
            "x\n",
            Some(InWorkspace {
                facts: &ws,
                path: "SECURITY.md",
            }),
        );
        assert_eq!(p.scored_instead.as_deref(), Some(".github/SECURITY.md"));
        assert_eq!(
            p.title(),
            "Scorecard Security-Policy: 3/10 — Scorecard scores .github/SECURITY.md instead"
        );
    }
}
