//! Issue 13: one bad message, a closed input or a slow document must never
//! take the session down. Each malformed message is written raw, with its
//! real (or deliberately wrong) framing.

use crate::common::*;
use crate::{POLICY, URI};
use serde_json::{json, Value};

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The session still serves: a document opens and gets its diagnostics.
async fn still_serving(client: &mut TestClient) {
    client.open(URI, POLICY).await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(1));
    assert_eq!(diags.len(), 1, "{diags:?}");
}

fn error_code(response: &Value) -> Value {
    assert_eq!(response["jsonrpc"], json!("2.0"), "{response}");
    response["error"]["code"].clone()
}

#[tokio::test]
async fn malformed_json_is_answered_and_the_session_goes_on() {
    let mut client = TestClient::start(Setup::default()).await;
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":7,"#)).await;
    let r = client.expect_orphan_response().await;
    assert_eq!(error_code(&r), json!(-32700));
    assert_eq!(r["id"], Value::Null);
    still_serving(&mut client).await;
    client.finish().await;
}

#[tokio::test]
async fn a_content_length_too_short_is_answered_and_resynchronised() {
    let mut client = TestClient::start(Setup::default()).await;
    let body = r#"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///x"}}}"#;
    let mut bytes = format!("Content-Length: 20\r\n\r\n{body}").into_bytes();
    bytes.extend(frame(r#"{"jsonrpc":"2.0","id":99,"method":"shutdown"}"#));
    client.send_raw(&bytes).await;
    let r = client.expect_orphan_response().await;
    assert_eq!(error_code(&r), json!(-32700));
    // The message after the bad one is read whole: shutdown answers null.
    let r = client.expect_orphan_response().await;
    assert_eq!(r, json!({"jsonrpc": "2.0", "id": 99, "result": null}));
    let code = client.exit_without_shutdown().await;
    assert_eq!(code, 0, "shutdown was answered, so exit ends with 0");
}

#[tokio::test]
async fn a_header_without_a_body_does_not_swallow_the_next_message() {
    let mut client = TestClient::start(Setup::default()).await;
    // Too long a Content-Length, and a header with no body at all: the next
    // message's header comes where the body should be.
    let mut bytes = b"Content-Length: 400\r\n\r\n".to_vec();
    bytes.extend(frame(r#"{"jsonrpc":"2.0","id":41,"method":"secmd/debugDocument","params":{"textDocument":{"uri":"file:///none"}}}"#));
    client.send_raw(&bytes).await;
    let r = client.expect_orphan_response().await;
    assert_eq!(error_code(&r), json!(-32700));
    let r = client.expect_orphan_response().await;
    assert_eq!(r["id"], json!(41));
    assert_eq!(
        r["error"]["message"],
        json!("secmd: document is not open: file:///none")
    );
    still_serving(&mut client).await;
    client.finish().await;
}

#[tokio::test]
async fn an_unknown_header_is_ignored() {
    let mut client = TestClient::start(Setup::default()).await;
    let body = r#"{"jsonrpc":"2.0","id":42,"method":"secmd/debugDocument","params":{"textDocument":{"uri":"file:///none"}}}"#;
    let bytes = format!(
        "X-Editor: hostile\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    client.send_raw(bytes.as_bytes()).await;
    let r = client.expect_orphan_response().await;
    assert_eq!(r["id"], json!(42));
    assert_eq!(error_code(&r), json!(-32602));
    still_serving(&mut client).await;
    client.finish().await;
}

#[tokio::test]
async fn json_that_is_not_a_message_is_an_invalid_request() {
    let mut client = TestClient::start(Setup::default()).await;
    for body in [
        "[1,2]",
        "42",
        r#"{"jsonrpc":"2.0"}"#,
        r#"{"id":3,"method":7}"#,
    ] {
        client.send_raw(&frame(body)).await;
        let r = client.expect_orphan_response().await;
        assert_eq!(error_code(&r), json!(-32600), "{body}: {r}");
    }
    still_serving(&mut client).await;
    client.finish().await;
}

#[tokio::test]
async fn garbage_between_messages_is_skipped() {
    let mut client = TestClient::start(Setup::default()).await;
    client
        .send_raw(b"\x00\xffnot a header at all\r\n\r\n")
        .await;
    let r = client.expect_orphan_response().await;
    assert_eq!(error_code(&r), json!(-32700));
    still_serving(&mut client).await;
    client.finish().await;
}

#[tokio::test]
async fn a_lone_surrogate_in_text_becomes_a_replacement_character() {
    let mut client = TestClient::start(Setup::default()).await;
    let body = format!(
        r##"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{URI}","languageId":"markdown","version":1,"text":"# Policy \ud800 and \\ud800 and \ud83d\ude00\n"}}}}}}"##
    );
    client.send_raw(&frame(&body)).await;
    let warning = client.expect_warning_log().await;
    assert_eq!(
        warning,
        "secmd: textDocument/didOpen: a lone UTF-16 surrogate escape (\\ud800) was replaced with U+FFFD"
    );
    let (version, _) = client.diagnostics(URI).await;
    assert_eq!(version, json!(1));
    let doc = client.server_document(URI).await;
    assert_eq!(doc["text"], json!("# Policy \u{fffd} and \\ud800 and 😀\n"));
    client.finish().await;
}

#[tokio::test]
async fn a_bad_message_while_a_configuration_request_is_pending() {
    let mut setup = Setup::default();
    setup.capabilities = pull_capabilities();
    let mut client = TestClient::start(setup).await;
    // `initialized` made the server ask for its settings; the answer comes
    // only after the bad message.
    client.send_raw(&frame("{not json")).await;
    let r = client.expect_orphan_response().await;
    assert_eq!(error_code(&r), json!(-32700));
    client
        .expect_server_request("workspace/configuration")
        .await;
    client
        .expect_server_request("client/registerCapability")
        .await;
    let r = client
        .request("secmd/debugDocument", json!({"textDocument": {"uri": URI}}))
        .await;
    assert_eq!(r.unwrap_err()["code"], json!(-32602));
    client.finish().await;
}

#[tokio::test]
async fn end_of_input_ends_the_server_with_a_configuration_request_pending() {
    let mut setup = Setup::default();
    setup.capabilities = pull_capabilities();
    let client = TestClient::start(setup).await;
    // The client never answers `workspace/configuration` and goes away.
    assert_eq!(client.close_input().await, 1);
}

#[tokio::test]
async fn end_of_input_ends_the_server() {
    let mut client = TestClient::start(Setup::default()).await;
    still_serving(&mut client).await;
    assert_eq!(client.close_input().await, 1);
}

#[tokio::test]
async fn unknown_dollar_requests_get_method_not_found() {
    let mut client = TestClient::start(Setup::default()).await;
    let e = client
        .request("$/secmd/unknown", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e["code"], json!(-32601));
    // A `$/` notification stays silent (`finish` checks nothing is unread).
    client.notify("$/secmd/unknown", json!({})).await;
    client.finish().await;
}
