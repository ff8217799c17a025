//! `secmd check` output in every format, exactly, on a fixture with
//! characters of every width (CJK, an astral-plane emoji) before the
//! findings, so column counting is visible: characters in human, JSON and
//! GitHub output, UTF-16 code units in SARIF.

mod common;
use common::check;

const UNICODE: &str = "tests/fixtures/cli/unicode/SECURITY.md";

#[test]
fn human() {
    let r = check(&["--select", "insecure-link", UNICODE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        "\
tests/fixtures/cli/unicode/SECURITY.md:5:12: warning[insecure-link] `http://example.org/report` uses insecure http
  |
5 | Email 漢字 😀 http://example.org/report or use <http://example.com>.
  |               ^^^^^^^^^^^^^^^^^^^^^^^^^
  = fix: Use https (applied by --fix)

tests/fixtures/cli/unicode/SECURITY.md:5:46: warning[insecure-link] `http://example.com` uses insecure http
  |
5 | Email 漢字 😀 http://example.org/report or use <http://example.com>.
  |                                                 ^^^^^^^^^^^^^^^^^^
  = fix: Use https (applied by --fix)

0 errors, 2 warnings in 1 file; 2 fixable with --fix
"
    );
}

#[test]
fn json() {
    let r = check(&["--select", "insecure-link", "--format", "json", UNICODE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        r#"{"files":[
{"path":"tests/fixtures/cli/unicode/SECURITY.md","diagnostics":[{"code":"insecure-link","severity":"warning","message":"`http://example.org/report` uses insecure http","line":5,"column":12,"end_line":5,"end_column":37,"fixes":[{"title":"Use https","edits":[{"line":5,"column":12,"end_line":5,"end_column":19,"new_text":"https://"}]}]},{"code":"insecure-link","severity":"warning","message":"`http://example.com` uses insecure http","line":5,"column":46,"end_line":5,"end_column":64,"fixes":[{"title":"Use https","edits":[{"line":5,"column":46,"end_line":5,"end_column":53,"new_text":"https://"}]}]}]}
]}
"#
    );
    // It is one JSON document.
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["diagnostics"][1]["column"], 46);
}

#[test]
fn json_with_no_files_is_still_json() {
    let r = check(&[
        "--format",
        "json",
        "--select",
        "insecure-link",
        "tests/fixtures/cli/no-such-dir-here",
    ]);
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "tests/fixtures/cli/no-such-dir-here");
    assert!(v["files"][0]["error"]
        .as_str()
        .unwrap()
        .starts_with("cannot read: "));
}

#[test]
fn github() {
    let r = check(&["--select", "insecure-link", "--format", "github", UNICODE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
::warning file=tests/fixtures/cli/unicode/SECURITY.md,line=5,col=12,endLine=5,endColumn=37,title=insecure-link::`http://example.org/report` uses insecure http
::warning file=tests/fixtures/cli/unicode/SECURITY.md,line=5,col=46,endLine=5,endColumn=64,title=insecure-link::`http://example.com` uses insecure http
0 errors, 2 warnings in 1 file; 2 fixable with --fix
"
    );
}

#[test]
fn sarif() {
    let r = check(&["--select", "insecure-link", "--format", "sarif", UNICODE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let run = &v["runs"][0];
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let results = run["results"].as_array().unwrap();
    // The emoji is one character but two UTF-16 code units: columns 13 and 47.
    let region = |i: usize| &results[i]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region(0)["startColumn"].as_u64(),
            region(0)["endColumn"].as_u64()
        ),
        (Some(13), Some(38))
    );
    assert_eq!(region(1)["startColumn"], 47);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "insecure-link");
    // One result, exactly (its rule index, checked above, moves as rules
    // are added to the catalog).
    let mut first = results[0].clone();
    first.as_object_mut().unwrap().remove("ruleIndex");
    insta::assert_json_snapshot!("sarif_first_result", first);
    assert_eq!(
        run["invocations"],
        serde_json::json!([{"executionSuccessful": true}])
    );
}

#[test]
fn sarif_reports_unreadable_files_as_notifications() {
    let r = check(&["--format", "sarif", "tests/fixtures/cli/missing.md"]);
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/cli/missing.md"
    );
}

#[test]
fn sarif_declares_every_rule() {
    let r = check(&["--format", "sarif", UNICODE]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let codes: Vec<&str> = secmd_core::rules::all_meta().map(|m| m.code).collect();
    assert_eq!(ids, codes);
    for rule in rules {
        for key in [
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
            "defaultConfiguration",
        ] {
            assert!(!rule[key].is_null(), "{} lacks {key}", rule["id"]);
        }
        // The same page and anchor as the server's codeDescription.href.
        assert_eq!(
            rule["helpUri"],
            format!(
                "https://github.com/secmd/secmd/blob/main/docs/rules.md#{}",
                rule["id"].as_str().unwrap()
            )
        );
    }
}
