//! Issue 13, limits: a document over secmd's analysis limits (size,
//! nesting, delimiter runs) gets the one `analysis-limit` diagnostic and is
//! never parsed; edits keep it in sync, and it is analysed in full again as
//! soon as it is back within the limits.

use crate::common::*;
use crate::{LINK, POLICY, URI};
use serde_json::json;

const TAIL: &str =
    ": no other check runs on it until it is within the limits (see the rule's documentation)";

/// The 0-based line of the end of [`POLICY`] (where a line is appended).
fn last_line() -> usize {
    POLICY.matches('\n').count()
}

#[tokio::test]
async fn a_run_of_stars_over_the_limit_is_one_diagnostic_until_it_is_removed() {
    let mut client = TestClient::start(Setup::default()).await;
    let stars = format!("a{}b\n", "*".repeat(3000));
    let text = format!("{POLICY}{stars}");
    client.open(URI, &text).await;
    let (version, diags) = client.diagnostics(URI).await;
    let line = last_line();
    assert_eq!(version, json!(1));
    assert_eq!(
        summarize(&diags),
        [format!(
            "{line}:0-{line}:3002 analysis-limit This line has a run of 3000 `*`, more than the 1024 secmd analyses{TAIL}"
        )]
    );
    assert_eq!(diags[0]["severity"], json!(2));
    let doc = client.server_document(URI).await;
    assert_eq!(
        (doc["text"].as_str(), &doc["overLimit"]),
        (Some(text.as_str()), &json!(true))
    );

    // Typing in the document keeps the text in sync; it stays over the limit.
    let at = json!({"line": 0, "character": 0});
    client
        .change(
            URI,
            2,
            json!([{"range": {"start": at, "end": at}, "text": "x"}]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!((version, diags.len()), (json!(2), 1));
    assert_eq!(diags[0]["code"], json!("analysis-limit"));

    // Deleting the run brings full analysis back: the policy's own finding.
    let from = json!({"line": line, "character": 0});
    let to = json!({"line": line + 1, "character": 0});
    let home = json!({"line": 0, "character": 1});
    client
        .change(
            URI,
            3,
            json!([
                {"range": {"start": from, "end": to}, "text": ""},
                {"range": {"start": at, "end": home}, "text": ""}
            ]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(3));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["code"], json!("insecure-link"));
    assert!(diags[0]["message"].as_str().unwrap().contains(LINK));
    let doc = client.server_document(URI).await;
    assert_eq!(
        (doc["text"].as_str(), &doc["overLimit"]),
        (Some(POLICY), &json!(false))
    );
    assert_eq!(doc["verify"], json!(null));

    // A ranged edit that types a long run sets the text aside again.
    let end = json!({"line": line, "character": 0});
    client
        .change(
            URI,
            4,
            json!([{"range": {"start": end, "end": end}, "text": "_".repeat(1500)}]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(4));
    assert_eq!(
        summarize(&diags),
        [format!(
            "{line}:0-{line}:1500 analysis-limit This line has a run of 1500 `_`, more than the 1024 secmd analyses{TAIL}"
        )]
    );
    client.finish().await;
}

#[tokio::test]
async fn a_text_over_the_size_limit_is_not_parsed() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, POLICY).await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(diags.len(), 1);
    // A whole new text of 16 MiB and a bit, in lines of 64 bytes.
    let line = format!("{}\n", "x".repeat(63));
    let big = format!("# Huge\n{}", line.repeat(16 * 1024 * 1024 / 64 + 1));
    client.change(URI, 2, json!([{"text": big}])).await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(2));
    assert_eq!(
        summarize(&diags),
        [format!("0:0-0:6 analysis-limit This document is 16.0 MiB (16777287 bytes), more than the 16 MiB secmd analyses{TAIL}")]
    );
    let doc = client.server_document(URI).await;
    assert_eq!(
        (&doc["overLimit"], &doc["chunks"]),
        (&json!(true), &json!(1))
    );
    // Editor features answer as for an empty document.
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(symbols, json!([]));
    client.finish().await;
}
