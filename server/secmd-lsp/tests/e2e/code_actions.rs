//! Code actions: every action is applied as an editor would (ranged
//! didChange) and the result re-checked.

use crate::common::*;
use crate::{POLICY, URI};
use serde_json::{json, Value};

async fn actions(
    client: &mut TestClient,
    text: &str,
    at: usize,
    only: Option<Value>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = only;
    }
    let r = client
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range(text, at..at, false), "context": context}),
        )
        .await;
    r.as_array().unwrap().clone()
}

/// Applies a workspace edit's edits one by one, last first, as ranged
/// changes; returns the new text.
async fn apply(client: &mut TestClient, text: &str, edit: &Value, version: i64) -> String {
    let mut edits = edits_of(edit, URI);
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"], false)));
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    client.change(URI, version, Value::Array(changes)).await;
    apply_edits(text, &edits, false)
}

#[tokio::test]
async fn quickfix_ignore_and_fix_all_are_versioned_edits_that_work() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open_version(URI, POLICY, 3).await;
    let (_, diags) = client.diagnostics(URI).await;
    let at = POLICY.find("octo-widgets.dev/report").unwrap();
    let list = actions(&mut client, POLICY, at, None).await;
    let titles: Vec<&str> = list.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        vec![
            "Use https",
            "Ignore `insecure-link` on this line",
            "Fix 1 secmd problem"
        ]
    );
    assert_eq!(list[0]["kind"], json!("quickfix"));
    assert_eq!(list[0]["isPreferred"], json!(true));
    assert_eq!(list[0]["diagnostics"], json!(diags));
    assert_eq!(list[1]["kind"], json!("quickfix"));
    assert_eq!(list[1].get("isPreferred"), None);
    assert_eq!(list[2]["kind"], json!("source.fixAll.secmd"));
    for a in &list {
        assert_eq!(
            a["edit"]["documentChanges"][0]["textDocument"]["version"],
            json!(3)
        );
        assert_eq!(a.get("command"), None);
    }

    // Quick fix.
    let fixed = apply(&mut client, POLICY, &list[0]["edit"], 4).await;
    assert_eq!(fixed, POLICY.replace("http://octo", "https://octo"));
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!((version, diags.len()), (json!(4), 0));
    assert_eq!(client.server_document(URI).await["text"], json!(fixed));

    // Back to the original (whole-document change), then ignore.
    client.change(URI, 5, json!([{"text": POLICY}])).await;
    client.diagnostics(URI).await;
    let list = actions(&mut client, POLICY, at, None).await;
    let ignored = apply(&mut client, POLICY, &list[1]["edit"], 6).await;
    let line = POLICY.find("😀").unwrap();
    let mut expected = POLICY.to_string();
    expected.insert_str(line, "<!-- secmd-disable-next-line insecure-link -->\n");
    assert_eq!(ignored, expected);
    let (version, diags) = client.diagnostics(URI).await;
    assert_eq!((version, diags.len()), (json!(6), 0), "{diags:?}");
    assert_eq!(client.server_document(URI).await["text"], json!(ignored));

    // Fix all, asked for as editors do on save.
    client.change(URI, 7, json!([{"text": POLICY}])).await;
    client.diagnostics(URI).await;
    let list = actions(&mut client, POLICY, 0, Some(json!(["source.fixAll"]))).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["title"], json!("Fix 1 secmd problem"));
    let all = apply(&mut client, POLICY, &list[0]["edit"], 8).await;
    assert_eq!(all, POLICY.replace("http://octo", "https://octo"));
    let (_, diags) = client.diagnostics(URI).await;
    assert_eq!(diags.len(), 0);
    // Nothing left to fix: no fix-all action.
    let list = actions(&mut client, &all, 0, Some(json!(["source.fixAll"]))).await;
    assert_eq!(list, Vec::<Value>::new());
    client.finish().await;
}

#[tokio::test]
async fn plain_changes_for_clients_without_document_changes_and_crlf_ignore() {
    let mut setup = Setup::default();
    setup.capabilities["workspace"]["workspaceEdit"]["documentChanges"] = json!(false);
    let mut client = TestClient::start(setup).await;
    let text = "# T\r\n\r\n  - see http://a.org\r\n";
    client.open(URI, text).await;
    client.diagnostics(URI).await;
    let at = text.find("http").unwrap();
    let list = actions(&mut client, text, at, Some(json!(["quickfix"]))).await;
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[1]["edit"],
        json!({"changes": {URI: [{
            "range": range(text, 7..7, false),
            "newText": "  <!-- secmd-disable-next-line insecure-link -->\r\n"
        }]}})
    );
    // A range away from the finding offers nothing.
    let list = actions(&mut client, text, 1, Some(json!(["quickfix"]))).await;
    assert_eq!(list, Vec::<Value>::new());
    client.finish().await;
}

#[tokio::test]
async fn one_quick_fix_restores_every_mojibake_of_the_file() {
    let mut client = TestClient::start(Setup::default()).await;
    // Misread as Windows-1254: `ğŸ“` lost a byte and has several
    // candidates, so the fix-all (safe fixes only) leaves it.
    let text = "# Güvenlik\n\n## ğŸ“ Phone\n\nğŸš¨ Yazın: sec@x.org\n";
    let text = text.replace("Güvenlik", "GÃ¼venlik");
    client.open_version(URI, &text, 1).await;
    client.diagnostics(URI).await;
    let at = text.find("ğŸ“").unwrap();
    let list = actions(&mut client, &text, at, Some(json!(["quickfix"]))).await;
    let titles: Vec<&str> = list.iter().map(|a| a["title"].as_str().unwrap()).collect();
    let whole = titles
        .iter()
        .position(|t| *t == "Restore all 3 mangled places in this file")
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert_eq!(list[whole].get("isPreferred"), None);
    let fixed = apply(&mut client, &text, &list[whole]["edit"], 2).await;
    assert_eq!(fixed, "# Güvenlik\n\n## 📞 Phone\n\n🚨 Yazın: sec@x.org\n");
    let (_, diags) = client.diagnostics(URI).await;
    assert!(
        diags.iter().all(|d| d["code"] != json!("mojibake")),
        "{diags:?}"
    );
    client.finish().await;
}
