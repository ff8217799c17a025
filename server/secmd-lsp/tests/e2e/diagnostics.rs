//! Diagnostics: push with versions, pull with result ids, silence on other
//! Markdown, encodings, stale results.

use crate::common::*;
use crate::{LINK, POLICY, URI};
use serde_json::json;

fn link_range(utf8: bool) -> serde_json::Value {
    let start = POLICY.find("http://").unwrap();
    let end = start + LINK.len();
    range(POLICY, start..end, utf8)
}

#[tokio::test]
async fn open_publishes_versioned_diagnostics_with_code_link_and_fixes() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open_version(URI, POLICY, 7).await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(7));
    let start = POLICY.find("http://").unwrap();
    assert_eq!(
        diags,
        vec![json!({
            "range": link_range(false),
            "severity": 2,
            "code": "insecure-link",
            "codeDescription": {"href": "https://github.com/secmd/secmd/blob/main/docs/rules.md#insecure-link"},
            "source": "secmd",
            "message": format!("`{LINK}` uses insecure http"),
            "data": {"fixes": [{
                "title": "Use https", "preferred": true, "safe": true,
                "edits": [{"range": range(POLICY, start..start + 7, false), "newText": "https://"}]
            }]}
        })]
    );
    // UTF-16: the emoji counts 2, each CJK character 1.
    assert_eq!(
        link_range(false)["start"],
        json!({"line": 11, "character": 17})
    );
    client.finish().await;
}

#[tokio::test]
async fn utf8_clients_get_byte_columns() {
    let mut setup = Setup::default();
    setup.capabilities = push_capabilities(true);
    let mut client = TestClient::start(setup).await;
    client.open(URI, POLICY).await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(diags[0]["range"], link_range(true));
    assert_eq!(
        link_range(true)["start"],
        json!({"line": 11, "character": 23})
    );
    client.finish().await;
}

#[tokio::test]
async fn other_markdown_gets_silence_and_empty_answers() {
    let mut client = TestClient::start(Setup::default()).await;
    let readme = "file:///nonexistent/repo/README.md";
    client.open(readme, POLICY).await;
    let doc = "file:///nonexistent/repo/docs/security.md.txt";
    client.open(doc, POLICY).await;
    let at = json!({"line": 0, "character": 3});
    for uri in [readme, doc] {
        let td = json!({"uri": uri});
        for (method, params) in [
            (
                "textDocument/hover",
                json!({"textDocument": td, "position": at}),
            ),
            (
                "textDocument/completion",
                json!({"textDocument": td, "position": at}),
            ),
            ("textDocument/documentSymbol", json!({"textDocument": td})),
            ("textDocument/foldingRange", json!({"textDocument": td})),
            ("textDocument/codeLens", json!({"textDocument": td})),
            (
                "textDocument/codeAction",
                json!({"textDocument": td, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
            ),
        ] {
            assert_eq!(client.call(method, params).await, json!(null), "{method}");
        }
    }
    client
        .change(readme, 2, json!([{"text": "http://a.org"}]))
        .await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": readme}}),
        )
        .await;
    // Lower-case security.md anywhere is served.
    let lower = "file:///nonexistent/repo/.github/security.md";
    client.open(lower, POLICY).await;
    let (_, diags) = client.diagnostics(lower).await;
    assert_eq!(diags.len(), 1);
    client.finish().await;
}

#[tokio::test]
async fn untitled_buffers_named_security_md_are_served() {
    let mut client = TestClient::start(Setup::default()).await;
    client
        .open("untitled:SECURITY.md", "See http://a.org\n")
        .await;
    let (_, diags) = client.diagnostics("untitled:SECURITY.md").await;
    assert_eq!(
        summarize(&diags),
        vec!["0:4-0:16 insecure-link `http://a.org` uses insecure http"]
    );
    client
        .open("untitled:Untitled-1", "See http://a.org\n")
        .await;
    client.finish().await;
}

#[tokio::test]
async fn pull_clients_get_result_ids_and_no_pushes() {
    let mut setup = Setup::default();
    setup.capabilities = pull_capabilities();
    let mut client = TestClient::start(setup).await;
    client
        .expect_server_request("client/registerCapability")
        .await;
    client
        .expect_server_request("workspace/configuration")
        .await;
    client.open(URI, POLICY).await;
    let report = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(report["kind"], json!("full"));
    assert_eq!(
        summarize(report["items"].as_array().unwrap()),
        vec![format!(
            "11:17-11:47 insecure-link `{LINK}` uses insecure http"
        )]
    );
    let id = report["resultId"].clone();
    // The report was written from the stash: no placeholder leaks out.
    assert!(!id.as_str().unwrap().contains("secmd-raw"), "{id}");
    let again = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": id}),
        )
        .await;
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));
    let start = POLICY.find("http://").unwrap();
    client
        .change(
            URI,
            2,
            json!([{"range": range(POLICY, start + 4..start + 4, false), "text": "s"}]),
        )
        .await;
    let fixed = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": id}),
        )
        .await;
    assert_eq!(fixed["kind"], json!("full"));
    assert_eq!(fixed["items"], json!([]));
    assert_ne!(fixed["resultId"], id);
    // Other Markdown: an empty full report.
    client.open("file:///r/README.md", POLICY).await;
    let readme = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": "file:///r/README.md"}}),
        )
        .await;
    assert_eq!(readme, json!({"kind": "full", "items": []}));
    client.finish().await;
}

#[tokio::test]
async fn rapid_changes_publish_in_order_and_end_at_the_latest_version() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, "# T\n").await;
    client.diagnostics(URI).await;
    let mut text = "# T\n".to_string();
    for v in 2..=30 {
        let at = text.len();
        client
            .change(
                URI,
                v,
                json!([{"range": range(&text, at..at, false), "text": "x\n"}]),
            )
            .await;
        text.push_str("x\n");
    }
    let mut last = 1;
    loop {
        let (version, _) = client.diagnostics(URI).await;
        let v = version.as_i64().unwrap();
        assert!(v > last, "version {v} published after {last}");
        last = v;
        if v == 30 {
            break;
        }
    }
    assert_eq!(client.server_document(URI).await["text"], json!(text));
    client.finish().await;
}

#[tokio::test]
async fn close_clears_diagnostics() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, POLICY).await;
    client.diagnostics(URI).await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!((version, diags.len()), (json!(null), 0));
    client.finish().await;
}

#[tokio::test]
async fn crlf_emoji_and_missing_final_newline() {
    let text = "# T\r\n\r\n🛡️ e\u{301} http://a.org";
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, text).await;
    let (_, diags) = client.diagnostics(URI).await;
    let start = text.find("http").unwrap();
    assert_eq!(diags[0]["range"], range(text, start..text.len(), false));
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 2, "character": 7})
    );
    // Insert at the very end (no final newline), then delete everything.
    client
        .change(
            URI,
            2,
            json!([{"range": range(text, text.len()..text.len(), false), "text": "/x"}]),
        )
        .await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(
        summarize(&diags),
        vec!["2:7-2:21 insecure-link `http://a.org/x` uses insecure http"]
    );
    let full = format!("{text}/x");
    client
        .change(
            URI,
            3,
            json!([{"range": range(&full, 0..full.len(), false), "text": ""}]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!((version, diags.len()), (json!(3), 0));
    assert_eq!(client.server_document(URI).await["text"], json!(""));
    client.finish().await;
}
