//! A policy wrapped in a code fence: the server analyses the policy inside
//! it (diagnostics, outline) and keeps doing so through edits, and a text
//! whose fence is removed gets the plain analysis.

use crate::common::*;
use serde_json::json;

const URI: &str = "file:///nonexistent/repo/SECURITY.md";

/// A policy with a stale date, a placeholder address and a broken anchor,
/// wrapped in a fence.
const WRAPPED: &str = "```markdown\n\
# Security Policy\n\
\n\
Last updated: March 3, 2021\n\
\n\
## Supported Versions\n\
\n\
| Version | Supported |\n\
| ------- | --------- |\n\
| 2.x     | Yes       |\n\
\n\
## Reporting a Vulnerability\n\
\n\
Please email [security@example.com](mailto:security@example.com) with the\n\
details. See [our disclosure steps](#disclosure-process) for what follows.\n\
\n\
We reply within 3 business days.\n\
\n\
## Disclosure\n\
\n\
We publish an advisory once a fix is released.\n\
```\n";

const FENCED: &str = "0:0-0:11 fenced-policy The policy is inside a code fence (```markdown): GitHub shows it as code, not as a policy; remove the fence";
const STALE: &str = "3:14-3:27 stale-date \"Last updated\" is 2091 days old (March 3, 2021); policies should be reviewed at least every 365 days";
const PLACEHOLDER: &str = "placeholder placeholder address `security@example.com` (example.com is reserved for examples); use the address reports should go to";
const BROKEN: &str = "broken-link `#disclosure-process` matches no heading in this document";

#[tokio::test]
async fn the_policy_inside_a_fence_is_analysed_and_outlined() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, WRAPPED).await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(
        summarize(&diags),
        [
            FENCED.to_string(),
            STALE.to_string(),
            format!("13:14-13:34 {PLACEHOLDER}"),
            format!("14:36-14:55 {BROKEN}"),
        ]
    );
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
        [(
            "Security Policy".to_string(),
            vec![
                "Supported Versions".to_string(),
                "Reporting a Vulnerability".to_string(),
                "Disclosure".to_string()
            ]
        )]
    );
    // Hover and folding see the sections too.
    let hover = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 11, "character": 5}}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("Reporting a Vulnerability"), "{hover}");
    let folds = client
        .call(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let starts: Vec<u64> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["startLine"].as_u64().unwrap())
        .collect();
    for line in [1, 5, 11, 18] {
        assert!(starts.contains(&line), "no fold at line {line}: {folds}");
    }
    client.finish().await;
}

#[tokio::test]
async fn edits_inside_the_fence_and_to_it_update_the_diagnostics() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, WRAPPED).await;
    client.diagnostics(URI).await;
    let twin = client.server_document(URI).await["twin"].clone();
    assert!(twin.is_u64(), "the analysis left a twin: {twin}");
    // A newer date inside the fence: the stale date goes, the rest stays.
    client
        .change(
            URI,
            2,
            json!([{"range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}}, "text": "2026"}]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(2));
    // The twin took the edit (paranoid mode verified it): not rebuilt.
    let after = client.server_document(URI).await;
    assert_eq!(after["twin"], twin);
    assert_eq!(after["verify"], json!(null));
    assert_eq!(
        summarize(&diags),
        [
            FENCED.to_string(),
            format!("13:14-13:34 {PLACEHOLDER}"),
            format!("14:36-14:55 {BROKEN}"),
        ]
    );
    // Removing the opening fence line: the text is read as it is.
    client
        .change(
            URI,
            3,
            json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}, "text": ""}]),
        )
        .await;
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!(version, json!(3));
    assert_eq!(client.server_document(URI).await["twin"], json!(null));
    assert_eq!(
        summarize(&diags),
        [
            format!("12:14-12:34 {PLACEHOLDER}"),
            format!("13:36-13:55 {BROKEN}"),
        ]
    );
    // Typing it back: the fence is found again.
    client
        .change(
            URI,
            4,
            json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "```markdown\n"}]),
        )
        .await;
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(
        summarize(&diags),
        [
            FENCED.to_string(),
            format!("13:14-13:34 {PLACEHOLDER}"),
            format!("14:36-14:55 {BROKEN}"),
        ]
    );
    client.finish().await;
}
