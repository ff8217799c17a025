//! Completion, hover, symbols, folding, code lenses and the apply command.

use crate::common::*;
use crate::{POLICY, URI};
use serde_json::json;

#[tokio::test]
async fn completion_offers_section_snippets_at_heading_starts() {
    let mut client = TestClient::start(Setup::default()).await;
    let text = "# Policy\n\n## \n";
    client.open(URI, text).await;
    client.diagnostics(URI).await;
    let r = client
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 3}}),
        )
        .await;
    let items = r.as_array().unwrap();
    assert!(!items.is_empty(), "{r}");
    for item in items {
        assert_eq!(item["insertTextFormat"], json!(2), "{item}");
        assert_eq!(
            item["textEdit"]["range"]["start"],
            json!({"line": 2, "character": 0})
        );
        assert_eq!(
            item["textEdit"]["range"]["end"],
            json!({"line": 2, "character": 3})
        );
        assert!(
            item["filterText"].as_str().unwrap().starts_with("## "),
            "{item}"
        );
    }
    client.finish().await;
}

#[tokio::test]
async fn completion_without_snippet_support_is_plain_text() {
    let mut setup = Setup::default();
    setup.capabilities["textDocument"]["completion"] = json!({});
    let mut client = TestClient::start(setup).await;
    client.open(URI, "## \n").await;
    client.diagnostics(URI).await;
    let r = client
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 3}}),
        )
        .await;
    for item in r.as_array().unwrap() {
        assert_eq!(item["insertTextFormat"], json!(1), "{item}");
        let t = item["textEdit"]["newText"].as_str().unwrap();
        assert!(!t.contains("${") && !t.contains("$0"), "{t}");
    }
    client.finish().await;
}

#[tokio::test]
async fn completion_knows_the_github_repository_from_git_config() {
    let dir = std::env::temp_dir().join(format!("secmd-lsp-{}-git", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join(".git/config"),
        "[remote \"origin\"]\n\turl = git@github.com:octo/widgets.git\n",
    )
    .unwrap();
    let uri = format!("file://{}/SECURITY.md", dir.display());
    let mut client = TestClient::start(Setup::default()).await;
    client
        .open(&uri, "# P\n\n## Reporting a Vulnerability\n\nReport at \n")
        .await;
    client.diagnostics(&uri).await;
    let r = client
        .call(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 10}}),
        )
        .await;
    let texts: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["textEdit"]["newText"].as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("https://github.com/octo/widgets/security/advisories/new")),
        "{texts:?}"
    );
    client.finish().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn hover_symbols_and_folding() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, POLICY).await;
    client.diagnostics(URI).await;
    let hover = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 9, "character": 5}}),
        )
        .await;
    assert_eq!(hover["contents"]["kind"], json!("markdown"));
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Reporting a Vulnerability"), "{md}");
    assert_eq!(hover["range"]["start"], json!({"line": 9, "character": 0}));
    assert_eq!(hover["range"]["end"], json!({"line": 9, "character": 28}));
    let off_heading = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 10, "character": 0}}),
        )
        .await;
    assert_eq!(off_heading, json!(null));

    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let outline: Vec<(String, Vec<String>)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["children"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["name"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        outline,
        vec![(
            "Security Policy".to_string(),
            vec![
                "Supported Versions".to_string(),
                "Reporting a Vulnerability".to_string()
            ]
        )]
    );
    assert_eq!(
        symbols[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(
        symbols[0]["selectionRange"]["start"],
        json!({"line": 0, "character": 2})
    );

    let folds = client
        .call(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    // Sections (to their last non-blank line) and the table.
    assert_eq!(lines, vec![(0, 12), (2, 7), (4, 7), (9, 12)]);
    assert_eq!(folds[0]["kind"], json!("region"));
    client.finish().await;
}

#[tokio::test]
async fn flat_symbols_for_clients_without_hierarchy() {
    let mut setup = Setup::default();
    setup.capabilities["textDocument"]["documentSymbol"] = json!({});
    let mut client = TestClient::start(setup).await;
    client.open(URI, "# A\n\n## B\n").await;
    client.diagnostics(URI).await;
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let flat: Vec<(String, serde_json::Value)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["containerName"].clone(),
            )
        })
        .collect();
    assert_eq!(
        flat,
        vec![
            ("A".to_string(), json!(null)),
            ("B".to_string(), json!("A"))
        ]
    );
    client.finish().await;
}

#[tokio::test]
async fn apply_fix_command_sends_a_versioned_workspace_edit() {
    let mut client = TestClient::start(Setup::default()).await;
    client
        .open_version(URI, "Last Updated: 2020-01-01\n", 4)
        .await;
    client.diagnostics(URI).await;
    let lenses = client
        .call(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert!(lenses.is_array());
    let edit = json!({"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 24}}, "newText": "2026-11-23"});
    let r = client
        .call(
            "workspace/executeCommand",
            json!({"command": "secmd.applyFix", "arguments": [{"uri": URI, "version": 4, "edits": [edit]}]}),
        )
        .await;
    assert_eq!(r, json!(null));
    let applied = client.expect_server_request("workspace/applyEdit").await;
    assert_eq!(
        applied["edit"]["documentChanges"],
        json!([{"textDocument": {"uri": URI, "version": 4}, "edits": [edit]}])
    );
    // A stale version is refused.
    let e = client
        .request(
            "workspace/executeCommand",
            json!({"command": "secmd.applyFix", "arguments": [{"uri": URI, "version": 3, "edits": [edit]}]}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        e["message"],
        json!("secmd: secmd.applyFix: the document changed (version 4 now, 3 expected); try again")
    );
    let e = client
        .request(
            "workspace/executeCommand",
            json!({"command": "rm -rf", "arguments": []}),
        )
        .await
        .unwrap_err();
    assert_eq!(e["message"], json!("secmd: unknown command `rm -rf`"));
    client.finish().await;
}

#[tokio::test]
async fn apply_fix_clamps_client_ranges_before_relaying_them() {
    // Issue 13.8: the command's edits come from the client; out-of-range
    // and reversed ranges are clamped to the document as a didChange is.
    let mut client = TestClient::start(Setup::default()).await;
    let text = "Last Updated: 2020-01-01\n😀 x\n";
    client.open_version(URI, text, 4).await;
    client.diagnostics(URI).await;
    let edits = json!([
        {"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 999}}, "newText": "2026-11-23"},
        {"range": {"start": {"line": 999, "character": 5}, "end": {"line": 4000, "character": 0}}, "newText": "tail"},
        {"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 1}}, "newText": "y"},
    ]);
    let r = client
        .call(
            "workspace/executeCommand",
            json!({"command": "secmd.applyFix", "arguments": [{"uri": URI, "version": 4, "edits": edits}]}),
        )
        .await;
    assert_eq!(r, json!(null));
    let applied = client.expect_server_request("workspace/applyEdit").await;
    assert_eq!(
        applied["edit"]["documentChanges"][0]["edits"],
        json!([
            {"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 24}}, "newText": "2026-11-23"},
            {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "newText": "tail"},
            // UTF-16: 😀 is two units; character 1 falls inside it and is
            // moved to its start.
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 4}}, "newText": "y"},
        ])
    );
    client.finish().await;
}

#[tokio::test]
async fn code_lens_marks_the_policy_reviewed_today() {
    let mut client = TestClient::start(Setup::default()).await;
    let text = "# Policy\n\nLast Updated: 2026-01-21\n";
    client.open_version(URI, text, 3).await;
    client.diagnostics(URI).await;
    let lenses = client
        .call(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let lenses = lenses.as_array().unwrap().clone();
    let titles: Vec<&str> = lenses
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert!(titles[1].starts_with("reviewed 306 days ago"), "{titles:?}");
    let mark = lenses
        .iter()
        .find(|l| l["command"]["title"] == json!("Mark reviewed today"))
        .expect("a Mark reviewed today lens");
    assert_eq!(mark["command"]["command"], json!("secmd.applyFix"));
    assert_eq!(mark["range"]["start"], json!({"line": 2, "character": 0}));
    let r = client
        .call(
            "workspace/executeCommand",
            json!({"command": "secmd.applyFix", "arguments": mark["command"]["arguments"]}),
        )
        .await;
    assert_eq!(r, json!(null));
    let applied = client.expect_server_request("workspace/applyEdit").await;
    let edits = edits_of(&applied["edit"], URI);
    assert_eq!(
        apply_edits(text, &edits, false),
        "# Policy\n\nLast Updated: 2026-11-23\n"
    );
    assert_eq!(
        applied["edit"]["documentChanges"][0]["textDocument"]["version"],
        json!(3)
    );
    client.finish().await;
}

#[tokio::test]
async fn hover_on_a_date_tells_its_age() {
    let mut client = TestClient::start(Setup::default()).await;
    client
        .open(URI, "# Policy\n\nLast Updated: 2026-01-21\n")
        .await;
    client.diagnostics(URI).await;
    let hover = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 17}}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.contains("306 days"), "{md}");
    client.finish().await;
}

#[tokio::test]
async fn scorecard_lens_and_hover_on_the_first_line() {
    let mut client = TestClient::start(Setup::default()).await;
    let text = "# Security Policy\n\nMail security@example.com about a vulnerability.\n";
    client.open_version(URI, text, 1).await;
    client.diagnostics(URI).await;
    let lenses = client
        .call(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(
        lenses,
        json!([{
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 17}},
            "command": {"title": "Scorecard Security-Policy: 9/10 — lost: disclosure hints (+1)", "command": ""}
        }])
    );
    let hover = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 4}}),
        )
        .await;
    assert_eq!(
        hover["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 17}})
    );
    assert_eq!(
        hover["contents"]["value"],
        json!("**OpenSSF Scorecard Security-Policy: 9/10** (predicted with Scorecard v5's logic)\n\n\
- ✓ **+6** links or e-mail addresses: 0 distinct URLs, 1 distinct address (`securityPolicyContainsLinks`)\n\
- ✓ **+3** text besides links: 68 bytes in the file, more than 22 needed (the links' 20 bytes + 2 per link) (`securityPolicyContainsText`)\n\
- ✗ **+1** disclosure hints: 1 hint (a 1–4 digit number, “disclos…” or “vuln…”), more than 1 needed (`securityPolicyContainsVulnerabilityDisclosure`)\n")
    );
    client.finish().await;
}
