//! `placeholder`: template text left in the policy (`[Your Email]`,
//! `{{SECURITY_EMAIL}}`, `security@example.com`, GitHub's "Use this section
//! to tell people…", an empty PGP key block).

use super::chunk_list::ChunkList;
use super::{DocContext, Rule, RuleMeta, Scope};
use crate::finding::{Finding, Severity};
use crate::memo::pieces::PieceMemo;
use crate::model::{text_scan, ChunkModel, LinkKind};
use crate::policy::template_text::{self, Placeholder};
use std::sync::{Arc, Mutex};

pub use crate::policy::template_text::is_template_variable;

pub static META: RuleMeta = RuleMeta {
    code: "placeholder",
    default_severity: Severity::Error,
    summary: "Template text left in the policy",
    doc: "\
Reports text a template expected you to replace:

- bracketed placeholders: `[Your Email]`, `[INSERT EMAIL]`,
  `[To be assigned]`, `[Optional - provide if available]`, and bracketed
  instructions such as `[Backup phone number, if any]`;
- notes to the author in parentheses (`(to be published)`,
  `(placeholder)`, `(Provide contact email here)`) and \"to be defined\"
  standing alone, in the main languages (\"por definir\", \"à définir\",
  \"noch festzulegen\", \"da definire\", \"待定\");
- template variables: `{{SECURITY_EMAIL}}`, `$VMTalias`, `<your-email>`,
  `YOUR_EMAIL`;
- addresses and URLs on reserved or made-up domains, in any letter case:
  `example.com`, `example.org`, `.test`, `.invalid`, `.tld`,
  `yourcompany.com`, `your-organization.com`, `company.com`, any host with
  a `your…` label (`keys.your-company.tld`); `security@____`;
- `TBD` / `TODO` standing alone in a table cell or on a line;
- GitHub's untouched template: \"Use this section to tell people…\" (also
  as people translate it: \"Usa esta sección para…\", \"Utilisez cette
  section pour…\", \"このセクションを使用して…\") and its example
  `5.1.x / 5.0.x / 4.0.x / < 4.0` version table;
- guidance for the author pasted with the policy (a generator's or chat
  assistant's answer: \"Here's an expanded section…\", \"Feel free to
  customize…\");
- a table row of nothing but `TBD` cells: one finding for the row;
- an armored PGP key block (`-----BEGIN PGP PUBLIC KEY BLOCK-----`) with no
  key material in it.

A reporter who meets these cannot reach you, or stops trusting the policy.
Only prose is checked (code blocks often show illustrative configuration),
except for the PGP block and addresses in inline code spans
(``Contact: `security@example.org` ``), which readers take as the address. Links (`[text](url)`, `[text][ref]`, `[text]` with
a definition), task-list boxes (`[ ]`, `[x]`) and footnotes (`[^1]`) are not
placeholders. A `TBD` in an end-of-life or date column means \"not decided
yet\" and is not reported.

**Fix:** none: only you know the real value.

```markdown
Email [Your Email] to report.          <!-- placeholder -->
Email security@acme-widgets.org to report.
```",
    scope: Scope::Document,
};

pub struct PlaceholderRule;

impl Rule for PlaceholderRule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, cx: &DocContext<'_>, _out: &mut Vec<Finding>) {
        // The chunks with definitions and the chunks with findings are
        // kept in lists that follow the edits (see `ChunkList`): a
        // keystroke reads the chunks it changed, not every chunk's links
        // and memo.
        let lists = cx
            .doc_memo()
            .get("placeholder/lists", 0, || Mutex::new(Lists::default()));
        let mut lists = lists.lock().unwrap_or_else(|e| e.into_inner());
        let Lists {
            labels,
            found,
            prose,
        } = &mut *lists;
        // Reference definitions anywhere in the document make `[label]` a link.
        let labels: Vec<String> = labels
            .update(cx, 0, |chunk| {
                let mut labels = Vec::new();
                for l in chunk
                    .model
                    .links
                    .iter()
                    .filter(|l| l.kind == LinkKind::Definition)
                {
                    let s = &chunk.text[l.range.clone()];
                    if let Some(label) = s
                        .trim_start()
                        .strip_prefix('[')
                        .and_then(|r| r.split_once("]:"))
                    {
                        labels.push(label.0.trim().to_lowercase());
                    }
                }
                (!labels.is_empty()).then_some(labels)
            })
            .iter()
            .flat_map(|(_, l)| l.iter().cloned())
            .collect();
        // Each chunk's findings depend on its text and on the labels only:
        // kept in the chunk's memo under a hash of the labels.
        let key = crate::memo::hash_of(&labels);
        let found = found.update(cx, key, |chunk| {
            let found = chunk.memo.get("placeholder", key, || {
                let mut found = Vec::new();
                // A large chunk (one huge table) is new on every keystroke
                // in it, yet all its prose ranges but one are as before.
                let large = chunk.model.prose.len() >= LARGE;
                let memo = large.then_some(&mut *prose);
                chunk_placeholders(&chunk.text, &chunk.model, &labels, key, memo, &mut found);
                if large {
                    cx.count_work(prose.computed());
                }
                found.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
                let mut last_end = 0;
                let mut kept = Vec::new();
                for p in found {
                    // One finding per place: `[your-email@example.com]` is one placeholder.
                    if p.range.start < last_end {
                        continue;
                    }
                    last_end = p.range.end;
                    kept.push(Finding::new(&META, p.range, p.message));
                }
                kept
            });
            (!found.is_empty()).then_some(found)
        });
        for (i, found) in found {
            cx.emit_chunk(*i, found.clone());
        }
    }
}

/// What the rule keeps in the document memo: the labels each chunk
/// defines, the findings of the chunks that have some, and what the prose
/// ranges of the last large chunk said.
#[derive(Default)]
struct Lists {
    labels: ChunkList<Vec<String>>,
    found: ChunkList<Arc<Vec<Finding>>>,
    prose: PieceMemo<ProseFacts>,
}

/// Prose ranges from which a chunk's are kept in [`Lists::prose`]: a
/// smaller chunk is checked whole (copying its text into the memo would
/// cost about as much).
const LARGE: usize = 512;

/// What one prose range holds, whatever surrounds it.
#[derive(Debug)]
struct ProseFacts {
    /// `template_text::in_prose`, relative to the range.
    found: Vec<Placeholder>,
    /// Whether `template_text::standalone_markers` must look at its line.
    markers: bool,
}

/// Every placeholder of one chunk (chunk-relative, possibly overlapping).
/// With `memo`, the prose ranges' findings are kept there between
/// analyses under `key` (the labels' hash).
fn chunk_placeholders(
    text: &str,
    model: &ChunkModel,
    labels: &[String],
    key: u64,
    memo: Option<&mut PieceMemo<ProseFacts>>,
    out: &mut Vec<Placeholder>,
) {
    out.extend(template_text::pgp_blocks(text));
    // Without a memo (a small chunk) every range's line is looked at, as
    // the memo's `markers` flag only saves for large ones.
    let fresh: Vec<ProseFacts>;
    let facts: &[ProseFacts] = match memo {
        Some(memo) => {
            let pieces: Vec<&str> = model.prose.iter().map(|p| &text[p.clone()]).collect();
            memo.update(key, &pieces, |_, s| ProseFacts {
                found: template_text::in_prose(s, labels),
                markers: template_text::may_have_standalone_markers(s),
            })
        }
        None => {
            fresh = model
                .prose
                .iter()
                .map(|p| ProseFacts {
                    found: template_text::in_prose(&text[p.clone()], labels),
                    markers: true,
                })
                .collect();
            &fresh
        }
    };
    for (p, f) in model.prose.iter().zip(facts) {
        out.extend(f.found.iter().map(|x| Placeholder {
            range: x.range.start + p.start..x.range.end + p.start,
            ..x.clone()
        }));
        if f.markers {
            out.extend(template_text::standalone_markers(text, p.clone()));
        }
    }
    for h in &model.html {
        if let Some(x) = template_text::html_placeholder(&text[h.clone()]) {
            out.push(Placeholder {
                range: h.clone(),
                message: x,
            });
        }
    }
    for e in &model.emails {
        if let Some(domain) = e.address.rsplit_once('@').map(|x| x.1) {
            if let Some(why) = template_text::template_domain(domain) {
                out.push(Placeholder {
                    range: e.range.clone(),
                    message: format!(
                        "placeholder address `{}` ({why}); use the address reports should go to",
                        e.address
                    ),
                });
            }
        }
    }
    // `Contact: `security@example.org``: a reader still sees the address.
    // A span with more in it is an example of syntax
    // (`@custom:security-contact security@example.com`).
    for span in &model.code_spans {
        let code = &text[span.clone()];
        let inner = code.trim_matches('`').trim();
        for e in text_scan::bare_emails(code) {
            let address = &code[e.clone()];
            if address != inner.strip_prefix("mailto:").unwrap_or(inner) {
                continue;
            }
            let domain = address.rsplit_once('@').map_or("", |x| x.1);
            if let Some(why) = template_text::template_domain(domain) {
                out.push(Placeholder {
                    range: span.start + e.start..span.start + e.end,
                    message: format!(
                        "placeholder address `{address}` ({why}); use the address reports should go to"
                    ),
                });
            }
        }
    }
    for l in &model.links {
        let dest = &l.destination;
        if dest.len() >= 7 && dest.is_char_boundary(7) && dest[..7].eq_ignore_ascii_case("mailto:")
        {
            // Template domains come with the address, from `emails`.
            let addr = &dest[7..];
            let domain = addr.rsplit_once('@').map_or("", |x| x.1);
            if template_text::is_template_variable(addr)
                && template_text::template_domain(domain).is_none()
            {
                out.push(Placeholder {
                    range: l.destination_range.clone(),
                    message: format!("template variable `{dest}` left in a link; replace it with the real address"),
                });
            }
            continue;
        }
        if dest.contains("{{") {
            out.push(Placeholder {
                range: l.destination_range.clone(),
                message: format!(
                    "template variable left in the link `{dest}`; replace it with the real URL"
                ),
            });
            continue;
        }
        if let Some(why) = url_host(dest).and_then(template_text::template_domain) {
            out.push(Placeholder {
                range: l.destination_range.clone(),
                message: format!(
                    "placeholder URL `{dest}` ({why}); link to your project's real page"
                ),
            });
        }
    }
    for t in &model.tables {
        if let Some(x) = template_text::github_example_table(t) {
            out.push(x);
        }
        out.extend(template_text::tbd_cells(t));
    }
    // `[{{EMAIL}}](mailto:{{EMAIL}})` is one placeholder: keep the text's.
    for l in model.links.iter().filter(|l| l.kind == LinkKind::Inline) {
        let label = l.range.start..l.destination_range.start;
        let in_label = |p: &Placeholder| p.range.start >= label.start && p.range.end <= label.end;
        if out.iter().any(in_label) {
            let dest = &l.destination_range;
            out.retain(|p| !(p.range.start >= dest.start && p.range.end <= dest.end));
        }
    }
}

/// The host of an `http(s)://` or `www.` URL.
fn url_host(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else if lower.starts_with("www.") {
        url
    } else {
        return None;
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    Some(host.split(':').next().unwrap_or(host))
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn reports_bracketed_and_variable_placeholders() {
        check(
            "placeholder",
            "Email [Your Email] or {{SECURITY_EMAIL}} or $VMTalias or YOUR_EMAIL.\n\n\
             Response: [To be assigned]. [Optional - provide if available]\n\n\
             Write to <your-email> or sec@company.com.\n",
            &[
                "1:7-1:19 placeholder template placeholder `[Your Email]` left in the policy; replace it with the real value",
                "1:23-1:41 placeholder template variable `{{SECURITY_EMAIL}}` left in the policy; replace it with the real value",
                "1:45-1:54 placeholder template variable `$VMTalias` left in the policy; replace it with the real value",
                "1:58-1:68 placeholder template variable `YOUR_EMAIL` left in the policy; replace it with the real value",
                "3:11-3:27 placeholder template placeholder `[To be assigned]` left in the policy; replace it with the real value",
                "3:29-3:62 placeholder template placeholder `[Optional - provide if available]` left in the policy; replace it with the real value",
                "5:10-5:22 placeholder template placeholder `<your-email>` left in the policy; replace it with the real value",
                "5:26-5:41 placeholder placeholder address `sec@company.com` (company.com is a made-up domain); use the address reports should go to",
            ],
        );
    }

    #[test]
    fn links_tasks_footnotes_and_code_are_not_placeholders() {
        check(
            "placeholder",
            "See [the guide](https://acme.org/sec), [docs][d], [email] and [^1].\n\n\
             - [ ] task\n- [x] done\n\n\
             Write to security[at]acme[dot]org, issue title [SECURITY].\n\n\
             `make test`, `@contact security@example.com` and\n\n```\nemail = \"[Your Email]\"\n```\n\n\
             | Version | End of life |\n| --- | --- |\n| 2.x | TBD |\n\n\
             Still TODO: more checks. Pay $100.\n\n\
             [d]: https://acme.org/docs\n[email]: mailto:security@acme.org\n",
            &[],
        );
    }

    #[test]
    fn placeholder_addresses_in_any_form() {
        check(
            "placeholder",
            "Contact: `security@example.org`\n\n\
             Write to yourname@yourdomain.com or you@company.tld or SECURITY@Example.Org.\n\n\
             Key: <https://keys.your-company.tld/key.asc>\n",
            &[
                "1:11-1:31 placeholder placeholder address `security@example.org` (example.org is reserved for examples); use the address reports should go to",
                "3:10-3:33 placeholder placeholder address `yourname@yourdomain.com` (yourdomain.com is a made-up domain); use the address reports should go to",
                "3:37-3:52 placeholder placeholder address `you@company.tld` (company.tld is a made-up domain); use the address reports should go to",
                "3:56-3:76 placeholder placeholder address `SECURITY@Example.Org` (example.org is reserved for examples); use the address reports should go to",
                "5:7-5:44 placeholder placeholder URL `https://keys.your-company.tld/key.asc` (your-company.tld is a made-up domain); link to your project's real page",
            ],
        );
    }

    #[test]
    fn author_instructions_and_undecided_values() {
        check(
            "placeholder",
            "Phone: [Backup phone number, if any]\n\n\
             GPG key (to be published).\n\n\
             Email: (Provide contact email or method here)\n\n\
             Contact: por definir\n\n\
             Kontakt: noch festzulegen\n\n\
             Email: 待定\n",
            &[
                "1:8-1:37 placeholder template placeholder `[Backup phone number, if any]` left in the policy; replace it with the real value",
                "3:9-3:26 placeholder author's note `(to be published)` left in the policy; write the real text",
                "5:8-5:46 placeholder author's note `(Provide contact email or method here)` left in the policy; write the real text",
                "7:10-7:21 placeholder `por definir` left in the policy; write the missing text",
                "9:10-9:26 placeholder `noch festzulegen` left in the policy; write the missing text",
                "11:8-11:10 placeholder `待定` left in the policy; write the missing text",
            ],
        );
        check(
            "placeholder",
            "Email: security@____
",
            &["1:8-1:21 placeholder placeholder address `security@____` left in the policy; use the address reports should go to"],
        );
    }

    #[test]
    fn pasted_guidance_and_tbd_rows() {
        check(
            "placeholder",
            "Here's an expanded section for that part:\n\nEmail sec@acme.org.\n\n\
             Feel free to customize the contact details to your needs.\n\n\
             | Severity | Response | Fix |\n| --- | --- | --- |\n| High | TBD | TBD |\n",
            &[
                "1:1-1:42 placeholder guidance for the author `Here's an expanded…` left in the policy; remove it",
                "5:1-5:58 placeholder guidance for the author `Feel free to customize…` left in the policy; remove it",
                "9:1-9:21 placeholder A row of `TBD` cells left in a table (2 cells); fill in the real values",
            ],
        );
    }

    #[test]
    fn translated_github_template_sentences() {
        check(
            "placeholder",
            "## Versions prises en charge\n\n\
             Utilisez cette section pour indiquer aux gens quelles versions sont prises en charge.\n\n\
             ## サポート\n\n\
             このセクションを使用して、脆弱性の報告方法を伝えます。\n",
            &[
                "3:1-3:86 placeholder GitHub's template text `Utilisez cette section pour…` left in the policy; write your own",
                "7:1-7:28 placeholder GitHub's template text `このセクションを使用して…` left in the policy; write your own",
            ],
        );
    }

    #[test]
    fn reports_template_domains_tbd_and_github_template() {
        check(
            "placeholder",
            "## Supported Versions\n\n\
             Use this section to tell people about which versions of your project are\n\
             currently being supported with security updates.\n\n\
             | Version | Supported          |\n| ------- | ------------------ |\n\
             | 5.1.x   | :white_check_mark: |\n| 5.0.x   | :x:                |\n\
             | 4.0.x   | :white_check_mark: |\n| < 4.0   | :x:                |\n\n\
             Mail security@example.com or see https://yourcompany.com/sec.\n\n\
             | Channel | Contact |\n| --- | --- |\n| Email | TBD |\n\n\
             TODO\n\n**Email:** TBD\n",
            &[
                "3:1-4:49 placeholder GitHub's template text `Use this section to tell people…` left in the policy; write your own",
                "6:1-11:33 placeholder GitHub's example version table (5.1.x, 5.0.x, 4.0.x, < 4.0) left in the policy; list the versions your project supports",
                "13:6-13:26 placeholder placeholder address `security@example.com` (example.com is reserved for examples); use the address reports should go to",
                "13:34-13:61 placeholder placeholder URL `https://yourcompany.com/sec` (yourcompany.com is a made-up domain); link to your project's real page",
                "17:11-17:14 placeholder `TBD` left in a table cell; fill in the real value",
                "19:1-19:5 placeholder `TODO` left in the policy; write the missing text",
                "21:12-21:15 placeholder `TBD` left in the policy; write the missing text",
            ],
        );
    }

    #[test]
    fn reports_empty_pgp_block_even_in_code() {
        check(
            "placeholder",
            "Key:\n\n```\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n[paste your key here]\n-----END PGP PUBLIC KEY BLOCK-----\n```\n",
            &["4:1-7:35 placeholder PGP key block has no key material; paste the real public key (`gpg --armor --export`) or remove the block"],
        );
        let real = format!(
            "```\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{}\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----\n```\n",
            "mQINBFgl3tgBEAC8A1tUBkD9YV+eLrOmtgy+/JS/H9RoZvkg3K1WZ8IYfj6iIRaY\n".repeat(4)
        );
        check("placeholder", &real, &[]);
    }

    #[test]
    fn shortcut_link_defined_in_another_section_is_a_link() {
        check(
            "placeholder",
            "# Policy\n\nSend an [email] or fill [Your Name].\n\n## Links\n\n[email]: mailto:sec@acme.org\n",
            &["3:25-3:36 placeholder template placeholder `[Your Name]` left in the policy; replace it with the real value"],
        );
    }
}
