//! The repository around a policy in the server: workspace findings on
//! git repositories built in the test with the `git` program (tags, an
//! `origin` remote; the server itself never runs it), re-checked when a
//! watched file changes and never re-read while typing; security.txt
//! documents; and the policy written into an empty SECURITY.md.

use crate::common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Supports 1.x only, and sends reports to another repository.
const POLICY: &str = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n| ------- | ------------------ |\n| 1.x     | :white_check_mark: |\n\n## Reporting a Vulnerability\n\nReport privately at https://github.com/other/project/security/advisories/new.\nWe answer within 3 business days.\n";

/// A repository with `origin` acme/widget on GitHub, tag v1.0.0 and the
/// given files, committed.
fn repository(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("secmd-lsp-ws-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    git(&dir, &["init", "-q"]);
    git(
        &dir,
        &["remote", "add", "origin", "git@github.com:acme/widget.git"],
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "init", "--allow-empty"]);
    git(&dir, &["tag", "v1.0.0"]);
    dir
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

async fn reads(client: &mut TestClient, uri: &str) -> u64 {
    client.server_document(uri).await["workspaceReads"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn workspace_findings_are_published_and_follow_a_new_tag_not_keystrokes() {
    let dir = repository("tags", &[("SECURITY.md", POLICY)]);
    let uri = uri_of(&dir.join("SECURITY.md"));
    let mut client = TestClient::start(Setup::default()).await;
    client.open(&uri, POLICY).await;
    let (_, diags) = client.diagnostics(&uri).await;
    let mismatch = "10:20-10:76 repository-mismatch https://github.com/other/project/security/advisories/new points at other/project, but this repository is acme/widget (git origin); allow it with `allowed-repositories` if deliberate";
    assert_eq!(summarize(&diags), [mismatch]);
    assert_eq!(reads(&mut client, &uri).await, 1);
    // Typing never reads the workspace again.
    let mut text = POLICY.to_string();
    for (version, ch) in [(2, "W"), (3, "e"), (4, " ")] {
        let at = text.find("We answer").unwrap();
        client
            .change(
                &uri,
                version,
                json!([{"range": range(&text, at..at, false), "text": ch}]),
            )
            .await;
        text.insert_str(at, ch);
        let (v, diags) = client.diagnostics(&uri).await;
        assert_eq!(v, json!(version));
        assert_eq!(summarize(&diags), [mismatch]);
    }
    assert_eq!(reads(&mut client, &uri).await, 1);
    // A new tag: the watched-file event re-reads this root once.
    git(&dir, &["tag", "v2.0.0"]);
    let tag = uri_of(&dir.join(".git/refs/tags/v2.0.0"));
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": tag, "type": 1}]}),
        )
        .await;
    let (v, diags) = client.diagnostics(&uri).await;
    assert_eq!(v, json!(4));
    assert_eq!(
        summarize(&diags),
        [
            "4:0-4:32 version-not-covered version v2.0.0 (tag v2.0.0) is not covered by any row marked supported",
            mismatch
        ]
    );
    assert_eq!(reads(&mut client, &uri).await, 2);
    // A change outside every known workspace reads nothing.
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": "file:///nowhere/Cargo.toml", "type": 2}]}),
        )
        .await;
    assert_eq!(reads(&mut client, &uri).await, 2);
    client.assert_quiet().await;
    client.finish().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The code actions offered at `range` of `uri`, as (title, kind, edits).
async fn actions(
    client: &mut TestClient,
    uri: &str,
    range: Value,
) -> Vec<(String, String, Vec<Value>)> {
    let result = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )
        .await;
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_string(),
                a["kind"].as_str().unwrap().to_string(),
                edits_of(&a["edit"], uri),
            )
        })
        .collect()
}

#[tokio::test]
async fn security_txt_gets_diagnostics_fixes_completion_and_hover() {
    let text = "Contact: security@acme.dev\nExpires: 2020-01-01T00:00:00Z\n\n";
    let dir = repository("txt", &[(".well-known/security.txt", text)]);
    let uri = uri_of(&dir.join(".well-known/security.txt"));
    let mut client = TestClient::start(Setup::default()).await;
    client.open(&uri, text).await;
    let (_, diags) = client.diagnostics(&uri).await;
    assert_eq!(
        summarize(&diags),
        [
            "0:9-0:26 security-txt/invalid_uri_scheme Contact `security@acme.dev` is not a mailto:, https: or tel: URI",
            "1:9-1:29 security-txt/expired expired on 2020-01-01: readers should no longer trust this file",
        ]
    );
    let contact = text.find("security@").unwrap();
    let got = actions(&mut client, &uri, range(text, contact..contact, false)).await;
    let titles: Vec<(&str, &str)> = got
        .iter()
        .map(|(t, k, _)| (t.as_str(), k.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Add mailto:", "quickfix"),
            ("Fix all 2 secmd problems", "source.fixAll.secmd")
        ]
    );
    assert_eq!(
        apply_edits(text, &got[0].2, false),
        "Contact: mailto:security@acme.dev\nExpires: 2020-01-01T00:00:00Z\n\n"
    );
    // Expires under a year ahead of "today" (2026-11-23).
    assert_eq!(
        apply_edits(text, &got[1].2, false),
        "Contact: mailto:security@acme.dev\nExpires: 2027-11-22T00:00:00Z\n\n"
    );
    let end = text.len();
    let items = client
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(text, end, false)}),
        )
        .await;
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    // Expires may appear once and is there: not offered again.
    assert_eq!(
        labels,
        [
            "Contact",
            "Encryption",
            "Policy",
            "Preferred-Languages",
            "Canonical",
            "Acknowledgments",
            "Hiring",
            "CSAF"
        ]
    );
    let items = client
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(text, 9, false)}),
        )
        .await;
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "https://github.com/acme/widget/security/advisories/new",
            "mailto:",
            "https://"
        ]
    );
    let hover = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(text, 3, false)}),
        )
        .await;
    assert_eq!(
        hover,
        json!({
            "contents": {"kind": "markdown", "value": "**Contact** (RFC 9116 §2.5.3; required, may repeat (in order of preference))\n\nHow to report a vulnerability: a `mailto:`, `https://` or `tel:` URI."},
            "range": range(text, 0..26, false)
        })
    );
    client.assert_quiet().await;
    client.finish().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn an_empty_policy_is_offered_a_whole_policy_that_passes() {
    let dir = repository(
        "write",
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"widget\"\nversion = \"1.4.2\"\n",
            ),
            ("SECURITY.md", ""),
        ],
    );
    let uri = uri_of(&dir.join("SECURITY.md"));
    let mut setup = Setup::default();
    // The written policy passes every rule, the completeness rules too.
    setup.initialization_options = json!({});
    setup.settings = json!({});
    let mut client = TestClient::start(setup).await;
    client.open(&uri, "\n").await;
    let _ = client.diagnostics(&uri).await;
    let got = actions(&mut client, &uri, range("\n", 0..0, false)).await;
    let write: Vec<_> = got
        .iter()
        .filter(|(_, kind, _)| kind == "refactor.rewrite.secmd.writePolicy")
        .collect();
    assert_eq!(write.len(), 1, "{got:?}");
    let (title, _, edits) = write[0];
    assert_eq!(title, "Write a security policy from this repository");
    let policy = apply_edits("\n", edits, false);
    assert_eq!(policy, "# Security Policy\n\n## Supported Versions\n\n| Version | Supported          |\n| ------- | ------------------ |\n| 1.4.x   | :white_check_mark: |\n| < 1.4   | :x:                |\n\n## Reporting a Vulnerability\n\nPlease do not report security vulnerabilities in public issues.\nReport them privately through GitHub's private vulnerability reporting:\n<https://github.com/acme/widget/security/advisories/new>.\n\nInclude the affected version, the steps to reproduce and the impact you\nexpect. We acknowledge reports within 3 business days and keep you\ninformed until a fix is released.\n\nLast Updated: 2026-11-23\nNext Review: 2027-11-23\n");
    client.change(&uri, 2, json!([{"text": policy}])).await;
    let (_, diags) = client.diagnostics(&uri).await;
    assert_eq!(summarize(&diags), Vec::<String>::new());
    // A policy with text gets no such action.
    let got = actions(&mut client, &uri, range(&policy, 0..0, false)).await;
    assert!(got
        .iter()
        .all(|(_, kind, _)| kind != "refactor.rewrite.secmd.writePolicy"));
    client.assert_quiet().await;
    client.finish().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The cross-checks between a policy and a security.txt run in the server
/// too, each reported on the file that lacks the contact.
#[tokio::test]
async fn contact_cross_checks_are_published_on_both_files() {
    let policy = "# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@acme-widgets.dev.\nWe answer within 3 business days.\n";
    let txt = "Contact: mailto:psirt@acme-widgets.dev\nExpires: 2027-06-30T00:00:00Z\n";
    let dir = repository(
        "cross",
        &[("SECURITY.md", policy), (".well-known/security.txt", txt)],
    );
    let mut client = TestClient::start(Setup::default()).await;
    let policy_uri = uri_of(&dir.join("SECURITY.md"));
    client.open(&policy_uri, policy).await;
    let (_, diags) = client.diagnostics(&policy_uri).await;
    let got: Vec<String> = summarize(&diags)
        .into_iter()
        .filter(|d| d.contains("contact-mismatch"))
        .collect();
    assert_eq!(
        got,
        ["0:0-0:17 contact-mismatch .well-known/security.txt:1 lists Contact mailto:psirt@acme-widgets.dev, which this policy does not name"]
    );
    let txt_uri = uri_of(&dir.join(".well-known/security.txt"));
    client.open(&txt_uri, txt).await;
    let (_, diags) = client.diagnostics(&txt_uri).await;
    let got: Vec<String> = summarize(&diags)
        .into_iter()
        .filter(|d| d.contains("contact-mismatch"))
        .collect();
    assert_eq!(
        got,
        ["0:9-0:38 contact-mismatch SECURITY.md:5 offers mailto:security@acme-widgets.dev, which no Contact field of this security.txt lists"]
    );
    client.finish().await;
}
