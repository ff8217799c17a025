//! `response-time`: the policy does not say how soon reporters hear back,
//! or promises a reply later than `max-response-days`.

use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::memo::Slot;
use crate::policy::channels::ChannelKind;
use crate::policy::facts::chunk_sentences;
use crate::policy::sections::{anchor, SectionId};
use crate::policy::sentences::Sentence;
use std::ops::Range;

pub static META: RuleMeta = RuleMeta {
    code: "response-time",
    default_severity: Severity::Hint,
    summary: "No acknowledgement time is stated, or it is too long",
    doc: "\
Reporters want to know when to expect a reply, and when to follow up. The
OpenSSF Best Practices badge asks projects to acknowledge reports within 14
days. This rule looks for a time next to acknowledgement wording
(\"we will acknowledge your report within 48 hours\", \"expect a response in
3 business days\", \"Initial response | 72h\", \"within one week\") and reports:

- a policy that states no such time (at the reporting heading);
- a stated time longer than `max-response-days` (default 14; business days
  count 7/5 each), at the time itself.

Times next to fixes and disclosure (\"a fix within 90 days\") are not
acknowledgement times, nor are deadlines for the reporter (\"if we do not
respond within 30 days, you may disclose\"). Not reported: policies not written in English,
policies with no private channel at all (`missing-contact` covers them), and
policies that send reporters only to a platform or another page (HackerOne,
Tidelift, the project's security page), which states its own times.

```toml
max-response-days = 7
```",
    scope: Scope::Document,
};

pub struct ResponseTime;

impl Rule for ResponseTime {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let facts = cx.facts();
        if !facts.english {
            return;
        }
        let own_channel = facts.any_channel(|c| {
            matches!(
                c.kind,
                ChannelKind::Email
                    | ChannelKind::Advisory
                    | ChannelKind::Form
                    | ChannelKind::Wording
            )
        });
        if !own_channel {
            return;
        }
        let max = f64::from(cx.options.config.max_response_days);
        // Stated times are kept per chunk: a keystroke re-reads one chunk.
        // One time within the limit is enough; otherwise the shortest.
        let mut shortest: Option<(f64, Range<usize>)> = None;
        for c in doc.chunks() {
            let times = c.memo.once(Slot::ResponseTime, || {
                chunk_sentences(c)
                    .iter()
                    .flat_map(acknowledgement_times)
                    .collect::<Vec<_>>()
            });
            for (days, r) in times {
                if *days <= max {
                    return;
                }
                if shortest.as_ref().is_none_or(|(d, _)| days < d) {
                    shortest = Some((*days, r.start + c.start..r.end + c.start));
                }
            }
        }
        if let Some((days, range)) = shortest {
            out.push(Finding::new(
                &META,
                range,
                format!(
                    "Acknowledging reports in {} is longer than {} days",
                    describe(days),
                    cx.options.config.max_response_days
                ),
            ));
            return;
        }
        let range = facts.first(SectionId::Reporting).map_or_else(
            || anchor(doc, || facts.text()),
            |c| c.section.heading.range.clone(),
        );
        out.push(Finding::new(
            &META,
            range,
            "No acknowledgement time: say how soon reporters will hear back (e.g. \"within 3 business days\")",
        ));
    }
}

fn describe(days: f64) -> String {
    if days.fract() == 0.0 {
        format!("{days:.0} days")
    } else {
        format!("{days:.1} days")
    }
}

const ACK_WORDS: &[&str] = &[
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "acknowledgement",
    "acknowledgment",
    "acknowledging",
    "respond",
    "responds",
    "response",
    "responses",
    "reply",
    "replies",
    "triage",
    "triaged",
    "receipt",
    "answer",
    "hear",
    "initial",
    "confirm",
    "confirmation",
    "contact",
    "back",
];

const OTHER_WORDS: &[&str] = &[
    "fix",
    "fixed",
    "fixes",
    "patch",
    "patched",
    "release",
    "released",
    "resolve",
    "resolved",
    "resolution",
    "disclose",
    "disclosed",
    "disclosure",
    "publish",
    "published",
    "remediate",
    "remediation",
    "advisory",
    "cve",
    "embargo",
    "update",
    "updates",
    "timeline",
];

/// Acknowledgement times stated in a sentence, in days, with their ranges.
/// A time counts when the nearest keyword before it (or, when none is
/// before it, after it) is about acknowledging rather than fixing.
fn acknowledgement_times(s: &Sentence) -> Vec<(f64, Range<usize>)> {
    let words = s.words();
    // "If we do not respond within 30 days, you may disclose" is a
    // deadline for the reporter, not a promise.
    if words
        .iter()
        .any(|(w, _)| matches!(*w, "not" | "don't" | "doesn't" | "fail" | "fails"))
    {
        return Vec::new();
    }
    // "Emails will be addressed within 3 business days": answered.
    let about_messages = s.lower.contains("email") || s.lower.contains("message");
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((days, end)) = time_at(&words, i) else {
            i += 1;
            continue;
        };
        let keyword = |(w, _): &(&str, Range<usize>)| {
            if ACK_WORDS.contains(w) || (about_messages && *w == "addressed") {
                Some(true)
            } else if OTHER_WORDS.contains(w) {
                Some(false)
            } else {
                None
            }
        };
        let before = words[..i].iter().rev().find_map(keyword);
        let about_ack = before.or_else(|| words[end..].iter().find_map(keyword));
        if about_ack == Some(true) {
            out.push((days, words[i].1.start..words[end - 1].1.end));
        }
        i = end;
    }
    out
}

/// A time expression starting at word `i`: a number (digits or words,
/// "a", "few"), an optional range ("24-48", "5 to 7"), an optional
/// "business"/"working" and a unit. Returns days and the index after it.
fn time_at(words: &[(&str, Range<usize>)], i: usize) -> Option<(f64, usize)> {
    let w = |k: usize| words.get(k).map(|(w, _)| *w);
    // "72h", "48hrs", "2d"
    if let Some((n, unit)) = split_number_unit(w(i)?) {
        return Some((n * unit_days(unit)?, i + 1));
    }
    let mut n = number(w(i)?)?;
    let mut k = i + 1;
    if w(k) == Some("of") {
        k += 1; // "a couple of days"
    }
    // "24-48 hours", "5 to 7 days", "1 or 2 weeks"
    if let Some(m) = w(k).and_then(number) {
        n = n.max(m);
        k += 1;
    } else if matches!(w(k), Some("to" | "or")) {
        if let Some(m) = w(k + 1).and_then(number) {
            n = n.max(m);
            k += 2;
        }
    }
    let mut business = false;
    if matches!(w(k), Some("business" | "working")) {
        business = true;
        k += 1;
    } else if w(k) == Some("calendar") {
        k += 1;
    }
    let unit = unit_days(w(k)?)?;
    // Five business days make a calendar week.
    let days = if business && unit == 1.0 {
        n * 7.0 / 5.0
    } else {
        n * unit
    };
    Some((days, k + 1))
}

fn split_number_unit(w: &str) -> Option<(f64, &str)> {
    let digits = w.len() - w.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits == w.len() {
        return None;
    }
    let unit = &w[digits..];
    matches!(unit, "h" | "hr" | "hrs" | "d").then(|| (w[..digits].parse().unwrap_or(0.0), unit))
}

fn number(w: &str) -> Option<f64> {
    if let Ok(n) = w.parse::<f64>() {
        return Some(n);
    }
    Some(match w {
        "a" | "an" | "one" | "next" | "same" => 1.0,
        "two" | "couple" => 2.0,
        "three" | "few" => 3.0,
        "four" => 4.0,
        "five" | "several" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn unit_days(u: &str) -> Option<f64> {
    Some(match u {
        "h" | "hr" | "hrs" | "hour" | "hours" => 1.0 / 24.0,
        "d" | "day" | "days" => 1.0,
        "week" | "weeks" | "wk" | "wks" => 7.0,
        "month" | "months" => 30.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, findings_with, render};
    use crate::Config;

    const NONE: &str = "No acknowledgement time: say how soon reporters will hear back (e.g. \"within 3 business days\")";

    #[test]
    fn reports_missing_time_at_reporting_heading() {
        check(
            "response-time",
            "# Policy\n\n## Reporting a Vulnerability\n\nEmail sec@x.org. We will fix it within 90 days.\n",
            &[&format!("3:1-3:29 response-time {NONE}")],
        );
    }

    #[test]
    fn recognises_stated_times() {
        for sentence in [
            "We will acknowledge your report within 48 hours.",
            "Expect a response in 3 business days.",
            "You will hear back within one week.",
            "Emails will be addressed within 3 business days.",
            "Within 72h we confirm receipt.",
            "We aim to reply within 1-2 weeks and fix within 90 days.",
            "We respond within a couple of days.",
        ] {
            check(
                "response-time",
                &format!("## Reporting\n\nEmail sec@x.org. {sentence}\n"),
                &[],
            );
        }
        // A response timeline table.
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org.\n\n| Step | Time |\n|---|---|\n| Initial response | 72 hours |\n",
            &[],
        );
    }

    #[test]
    fn reports_too_long_time_at_the_time() {
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org. We acknowledge reports within 30 days.\n",
            &["3:48-3:55 response-time Acknowledging reports in 30 days is longer than 14 days"],
        );
        // A deadline for the reporter is not a promise.
        check(
            "response-time",
            "## Reporting\n\nEmail sec@x.org. If we do not respond within 30 days, you may disclose.\n",
            &[&format!("1:1-1:13 response-time {NONE}")],
        );
        // 10 business days are two calendar weeks: fine by default, too long at 7.
        let text = "## Reporting\n\nEmail sec@x.org. We respond within 10 business days.\n";
        check("response-time", text, &[]);
        let config = Config::parse("max-response-days = 7\n").unwrap();
        let got: Vec<String> = findings_with(text, &config)
            .iter()
            .filter(|f| f.code == "response-time")
            .map(|f| render(text, f))
            .collect();
        assert_eq!(
            got,
            ["3:36-3:52 response-time Acknowledging reports in 14 days is longer than 7 days"]
        );
    }

    #[test]
    fn platforms_delegation_and_other_languages_are_skipped() {
        check(
            "response-time",
            "## Reporting\n\nReport via [HackerOne](https://hackerone.com/x).\n",
            &[],
        );
        check(
            "response-time",
            "## Reporting\n\nSee [our security policy](https://x.org/security).\n",
            &[],
        );
        check(
            "response-time",
            "## Reporting\n\nPor favor, escriba a seguridad@x.org y no abra un issue público para que podamos revisar el problema con usted.\n",
            &[],
        );
    }
}
