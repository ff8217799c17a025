//! initialize, shutdown/exit, errors that must not crash the server.

use crate::common::*;
use crate::{POLICY, URI};
use serde_json::json;

#[tokio::test]
async fn advertises_capabilities_and_negotiates_utf8() {
    let mut setup = Setup::default();
    setup.capabilities = push_capabilities(true);
    let client = TestClient::start(setup).await;
    let caps = &client.initialize_result["capabilities"];
    assert_eq!(caps["positionEncoding"], json!("utf-8"));
    assert_eq!(caps["textDocumentSync"]["change"], json!(2));
    assert_eq!(caps["textDocumentSync"]["openClose"], json!(true));
    assert_eq!(caps.get("diagnosticProvider"), None);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!([
            "quickfix",
            "source.fixAll.secmd",
            "refactor.rewrite.secmd.writePolicy"
        ])
    );
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!(["#", ":", "|", " "])
    );
    assert_eq!(caps["hoverProvider"], json!(true));
    assert_eq!(caps["documentSymbolProvider"]["label"], json!("secmd"));
    assert_eq!(caps["foldingRangeProvider"], json!(true));
    assert_eq!(caps["codeLensProvider"]["resolveProvider"], json!(false));
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["secmd.applyFix"])
    );
    assert_eq!(
        client.initialize_result["serverInfo"]["name"],
        json!("secmd")
    );
    client.finish().await;
}

#[tokio::test]
async fn utf16_when_utf8_is_not_offered_and_pull_when_supported() {
    let mut setup = Setup::default();
    setup.capabilities = pull_capabilities();
    let mut client = TestClient::start(setup).await;
    let caps = client.initialize_result["capabilities"].clone();
    assert_eq!(caps["positionEncoding"], json!("utf-16"));
    assert_eq!(
        caps["diagnosticProvider"],
        json!({"identifier": "secmd", "interFileDependencies": false, "workspaceDiagnostics": false})
    );
    // The pull client is asked for its settings and gets the watcher.
    let reg = client
        .expect_server_request("client/registerCapability")
        .await;
    assert_eq!(
        reg["registrations"][0]["registerOptions"]["watchers"],
        json!([
            {"globPattern": "**/.secmd.toml"},
            {"globPattern": "**/secmd.toml"},
            {"globPattern": "**/Cargo.toml"},
            {"globPattern": "**/package.json"},
            {"globPattern": "**/pyproject.toml"},
            {"globPattern": "**/CHANGELOG.md"},
            {"globPattern": "**/[sS][eE][cC][uU][rR][iI][tT][yY].{md,markdown,adoc,rst,txt}"},
            {"globPattern": "**/.git/HEAD"},
            {"globPattern": "**/.git/refs/tags/**"},
            {"globPattern": "**/.git/packed-refs"}
        ])
    );
    let cfg = client
        .expect_server_request("workspace/configuration")
        .await;
    assert_eq!(cfg["items"], json!([{"section": "secmd"}]));
    client.finish().await;
}

#[tokio::test]
async fn exit_without_shutdown_is_exit_code_1() {
    let client = TestClient::start(Setup::default()).await;
    assert_eq!(client.exit_without_shutdown().await, 1);
}

#[tokio::test]
async fn unknown_documents_and_bad_params_are_clear_errors() {
    let mut client = TestClient::start(Setup::default()).await;
    let e = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///x/SECURITY.md"}, "position": {"line": 0, "character": 0}}),
        )
        .await
        .unwrap_err();
    assert_eq!(e["code"], json!(-32602));
    assert_eq!(
        e["message"],
        json!("secmd: document is not open: file:///x/SECURITY.md")
    );
    // Malformed params: a position that is not a position.
    let e = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": "nowhere"}),
        )
        .await
        .unwrap_err();
    assert_eq!(e["code"], json!(-32602));
    // A change for a document that is not open is ignored with a warning.
    client
        .change("file:///x/SECURITY.md", 2, json!([{"text": "x"}]))
        .await;
    // Positions past the end are clamped, not errors.
    client.open(URI, POLICY).await;
    client.diagnostics(URI).await;
    let r = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 999, "character": 999}}),
        )
        .await;
    assert_eq!(r, json!(null));
    client
        .change(
            URI,
            2,
            json!([{"range": {"start": {"line": 500, "character": 3}, "end": {"line": 900, "character": 0}}, "text": "tail"}]),
        )
        .await;
    let (version, _) = client.diagnostics(URI).await;
    assert_eq!(version, json!(2));
    let doc = client.server_document(URI).await;
    assert_eq!(doc["text"], json!(format!("{POLICY}tail")));
    assert_eq!(doc["verify"], json!(null));
    client.finish().await;
}

#[tokio::test]
async fn a_panic_is_an_error_answer_and_the_server_keeps_serving() {
    let mut setup = Setup::default();
    setup.server.inject_panic = Some("hover".into());
    let mut client = TestClient::start(setup).await;
    client.open(URI, POLICY).await;
    client.diagnostics(URI).await;
    let e = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 2}}),
        )
        .await
        .unwrap_err();
    assert_eq!(e["code"], json!(-32603));
    assert_eq!(
        e["message"],
        json!("secmd: internal error: panic in hover: injected fault")
    );
    assert_eq!(
        client.expect_error_log().await,
        "secmd: internal error: panic in hover: injected fault"
    );
    // Other requests still work.
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(symbols[0]["name"], json!("Security Policy"));
    client.finish().await;
}

#[tokio::test]
async fn a_panic_in_analysis_or_an_edit_is_survived() {
    let mut setup = Setup::default();
    setup.server.inject_panic = Some("didChange".into());
    let mut client = TestClient::start(setup).await;
    client.open(URI, "# A\n").await;
    client.diagnostics(URI).await;
    client
        .change(
            URI,
            2,
            json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "http://x.org\n"}]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(2));
    assert_eq!(
        summarize(&diags),
        vec!["1:0-1:12 insecure-link `http://x.org` uses insecure http"]
    );
    assert_eq!(
        client.expect_error_log().await,
        "panic in didChange: injected fault; re-parsing the whole document"
    );
    let doc = client.server_document(URI).await;
    assert_eq!(doc["text"], json!("# A\nhttp://x.org\n"));
    client.finish().await;

    let mut setup = Setup::default();
    setup.server.inject_panic = Some("analysis".into());
    let mut client = TestClient::start(setup).await;
    client.open(URI, "# A\n").await;
    assert_eq!(
        client.expect_error_log().await,
        "secmd: internal error: panic in analysis: injected fault"
    );
    client.finish().await;
}
