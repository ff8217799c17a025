//! Issue 13.3: one slow document must not freeze the others. The analysis
//! of documents named `slow` is held at a gate (`AnalysisHold`, test-only)
//! until the test releases it: no timing is involved.

use crate::common::*;
use crate::POLICY;
use secmd_lsp::AnalysisHold;
use serde_json::json;
use std::sync::Arc;

const SLOW: &str = "file:///nonexistent/slow/SECURITY.md";
const FAST: &str = "file:///nonexistent/fast/SECURITY.md";

fn held() -> (Setup, Arc<AnalysisHold>) {
    let hold = Arc::new(AnalysisHold::new("/slow/"));
    let mut setup = Setup::default();
    setup.server.hold_analysis = Some(hold.clone());
    (setup, hold)
}

/// Waits (off the async runtime) until `n` analyses reached the gate.
async fn arrived(hold: &Arc<AnalysisHold>, n: usize) {
    let h = hold.clone();
    tokio::task::spawn_blocking(move || h.wait_arrived(n))
        .await
        .unwrap();
    assert!(hold.arrived() >= n, "the analysis never reached the gate");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_documents_are_served_while_one_is_analysed() {
    let (setup, hold) = held();
    let mut client = TestClient::start(setup).await;
    client.open(SLOW, POLICY).await;
    arrived(&hold, 1).await;
    client.open(FAST, POLICY).await;
    let (version, diags) = client.diagnostics(FAST).await;
    assert_eq!((version, diags.len()), (json!(1), 1));
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": FAST}}),
        )
        .await;
    assert_eq!(symbols[0]["name"], json!("Security Policy"));
    hold.release();
    let (version, diags) = client.diagnostics(SLOW).await;
    assert_eq!((version, diags.len()), (json!(1), 1));
    client.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_superseded_analysis_is_abandoned() {
    let (setup, hold) = held();
    let mut client = TestClient::start(setup).await;
    client.open(SLOW, POLICY).await;
    arrived(&hold, 1).await;
    // A newer edit arrives while version 1 is analysed.
    client
        .change(
            SLOW,
            2,
            json!([{"text": "# Security Policy\n\nSee http://kernel.org.\n"}]),
        )
        .await;
    // The edit is applied at once (the text is not behind the analysis).
    let doc = client.server_document(SLOW).await;
    assert_eq!(doc["version"], json!(2));
    hold.release();
    // Version 1 is never published: the first publish is version 2.
    let (version, diags) = client.diagnostics(SLOW).await;
    assert_eq!(version, json!(2));
    assert_eq!(
        summarize(&diags),
        ["2:4-2:21 insecure-link `http://kernel.org` uses insecure http"]
    );
    client.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_request_answers_a_request_waiting_for_analysis() {
    let (mut setup, hold) = held();
    setup.capabilities = pull_capabilities();
    let mut client = TestClient::start(setup).await;
    client
        .expect_server_request("workspace/configuration")
        .await;
    client
        .expect_server_request("client/registerCapability")
        .await;
    client.open(SLOW, POLICY).await;
    // Written raw, so both are in flight before any answer is read.
    let symbols = json!({"jsonrpc": "2.0", "id": 900, "method": "textDocument/documentSymbol",
        "params": {"textDocument": {"uri": SLOW}}});
    let pull = json!({"jsonrpc": "2.0", "id": 901, "method": "textDocument/diagnostic",
        "params": {"textDocument": {"uri": SLOW}}});
    client.send(symbols).await;
    client.send(pull).await;
    arrived(&hold, 1).await;
    for id in [900, 901] {
        client.notify("$/cancelRequest", json!({"id": id})).await;
    }
    let mut answers = Vec::new();
    for _ in 0..2 {
        let r = client.expect_orphan_response().await;
        answers.push((r["id"].clone(), r["error"]["code"].clone()));
    }
    answers.sort_by_key(|(id, _)| id.as_i64());
    assert_eq!(
        answers,
        [(json!(900), json!(-32800)), (json!(901), json!(-32800))]
    );
    hold.release();
    // The document is still served after the cancellation.
    let report = client
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": SLOW}}),
        )
        .await;
    assert_eq!(report["items"].as_array().unwrap().len(), 1, "{report}");
    client.finish().await;
}
