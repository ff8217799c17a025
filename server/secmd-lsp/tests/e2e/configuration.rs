//! Configuration: initializationOptions, pushed and pulled settings,
//! `.secmd.toml` files (watched), broken configs, include globs.

use crate::common::*;
use crate::{POLICY, URI};
use serde_json::json;
use std::path::PathBuf;

/// A fresh folder for one test (no tempfile crate: pid + name).
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("secmd-lsp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn severities(diags: &[serde_json::Value]) -> Vec<i64> {
    diags
        .iter()
        .map(|d| d["severity"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn initialization_options_and_pushed_settings() {
    let mut setup = Setup::default();
    setup.initialization_options = json!({"secmd": {"rules": {"insecure-link": "off"}}});
    let mut client = TestClient::start(setup).await;
    client.open(URI, POLICY).await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(diags, Vec::<serde_json::Value>::new());
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"secmd": {"rules": {"insecure-link": "error"}}}}),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(1));
    assert_eq!(severities(&diags), vec![1]);
    // Invalid settings are shown, and the valid rest applies.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"secmd": {"rules": {"insecure-link": "hint", "no-such-rule": "off"}}}}),
        )
        .await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(severities(&diags), vec![4]);
    assert_eq!(
        client.expect_shown().await,
        (
            2,
            "secmd settings: rules.no-such-rule: unknown rule (see `secmd rules`)".to_string()
        )
    );
    client.finish().await;
}

#[tokio::test]
async fn pull_clients_are_asked_for_settings_and_refreshed() {
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
    assert_eq!(severities(report["items"].as_array().unwrap()), vec![2]);
    client.settings = json!({"rules": {"insecure-link": "error"}});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    client
        .expect_server_request("workspace/configuration")
        .await;
    client
        .expect_server_request("workspace/diagnostic/refresh")
        .await;
    let report = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(severities(report["items"].as_array().unwrap()), vec![1]);
    client.finish().await;
}

#[tokio::test]
async fn config_files_apply_are_watched_and_broken_ones_fall_back() {
    let dir = temp_dir("config-files");
    std::fs::write(
        dir.join(".secmd.toml"),
        "[rules]\ninsecure-link = \"hint\"\n",
    )
    .unwrap();
    let policy = dir.join("SECURITY.md");
    let uri = file_uri(&policy);
    let mut setup = Setup::default();
    setup.workspace_folders = json!([{"uri": file_uri(&dir), "name": "w"}]);
    let mut client = TestClient::start(setup).await;
    client.open(&uri, POLICY).await;
    let (_, diags) = client.diagnostics(&uri).await;
    assert_eq!(severities(&diags), vec![4]);
    // Client settings win over the file.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"secmd": {"rules": {"insecure-link": "error"}}}}),
        )
        .await;
    let (_, diags) = client.diagnostics(&uri).await;
    assert_eq!(severities(&diags), vec![1]);
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"secmd": {}}}),
        )
        .await;
    let (_, diags) = client.diagnostics(&uri).await;
    assert_eq!(severities(&diags), vec![4]);
    // A broken file: the message names file:line:col, defaults apply.
    let config = dir.join(".secmd.toml");
    std::fs::write(&config, "max-age-days = 30\nmax-age-dayz = 1\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
        )
        .await;
    let (typ, msg) = client.expect_shown().await;
    assert_eq!(typ, 1);
    assert!(
        msg.starts_with(&format!(
            "secmd: {}:2:1: unknown field `max-age-dayz`",
            config.display()
        )),
        "{msg}"
    );
    assert!(msg.ends_with("(using the default configuration)"), "{msg}");
    let (_, diags) = client.diagnostics(&uri).await;
    assert_eq!(severities(&diags), vec![2]);
    // Other watched files do not matter.
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&dir.join("README.md")), "type": 2}]}),
        )
        .await;
    client.finish().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn include_globs_add_other_markdown() {
    let dir = temp_dir("include");
    let mut setup = Setup::default();
    setup.workspace_folders = json!([{"uri": file_uri(&dir), "name": "w"}]);
    setup.initialization_options = json!({"include": ["docs/*.md", "POLICY.md"]});
    let mut client = TestClient::start(setup).await;
    let policy = file_uri(&dir.join("docs/vulnerabilities.md"));
    client.open(&policy, POLICY).await;
    let (_, diags) = client.diagnostics(&policy).await;
    assert_eq!(diags.len(), 1);
    let other = file_uri(&dir.join("sub/POLICY.md"));
    client.open(&other, POLICY).await;
    let (_, diags) = client.diagnostics(&other).await;
    assert_eq!(diags.len(), 1);
    client.open(&file_uri(&dir.join("README.md")), POLICY).await;
    client
        .open(&file_uri(&dir.join("docs/deep/x.md")), POLICY)
        .await;
    // Dropping the include clears the diagnostics it had added.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"secmd": {}}}),
        )
        .await;
    let mut cleared = [
        client
            .expect_notification("textDocument/publishDiagnostics")
            .await,
        client
            .expect_notification("textDocument/publishDiagnostics")
            .await,
    ];
    cleared.sort_by_key(|p| p["uri"].as_str().unwrap().to_string());
    assert_eq!(cleared[0]["uri"], json!(policy));
    assert_eq!(cleared[1]["uri"], json!(other));
    assert_eq!(cleared[0]["diagnostics"], json!([]));
    assert_eq!(cleared[1]["diagnostics"], json!([]));
    client.finish().await;
    let _ = std::fs::remove_dir_all(&dir);
}
