//! Measures the time from a one-character `didChange` to the
//! `publishDiagnostics` for that version, on a 10 KB and a 1 MB policy,
//! through the real protocol (in-memory pipe, `Content-Length` framing).
//!
//! `cargo run --release -p secmd-lsp --example latency`

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use secmd_lsp::ServerOptions;
use serde_json::json;
use std::time::{Duration, Instant};

/// One section of a realistic policy (~1 KB), numbered to vary the text.
fn section(i: usize, noisy: bool) -> String {
    let scheme = if noisy { "http" } else { "https" };
    format!(
        "## Component {i}\n\n\
         Please report vulnerabilities in component {i} privately: email \
         security@example.org or use https://github.com/octo/widgets/security/advisories/new. \
         See {scheme}://octo-widgets.dev/component-{i} for details. 😀 漢字 are fine.\n\n\
         | Version | Supported |\n| ------- | --------- |\n| {i}.x | ✅ |\n| {}.x | ❌ |\n\n\
         - We acknowledge reports within 3 business days.\n\
         - We publish an advisory once a fix is released.\n\n\
         ```sh\ngpg --verify release-{i}.tar.gz.asc\n```\n\n\
         Thank you for helping keep component {i} and its users safe. We credit \
         reporters in the advisory unless they ask us not to.\n\n",
        i + 100
    )
}

fn policy(bytes: usize, noisy: bool) -> String {
    let mut s = String::from("# Security Policy\n\nLast Updated: 2026-01-05\n\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&section(i, noisy));
        i += 1;
    }
    s
}

async fn measure(size: usize, noisy: bool, rounds: usize) -> (Duration, Duration, Duration) {
    let setup = Setup {
        server: ServerOptions::default(),
        ..Setup::default()
    };
    let mut client = TestClient::start(setup).await;
    let uri = "file:///bench/SECURITY.md";
    let mut text = policy(size, noisy);
    client.open(uri, &text).await;
    client.diagnostics(uri).await;
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        // Type one character in the middle of a paragraph.
        let mut at = text.len() / 2;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let at = text[at..].find("Thank you").map_or(at, |i| at + i);
        let version = round as i64 + 2;
        let started = Instant::now();
        client
            .change(
                uri,
                version,
                json!([{"range": range(&text, at..at, false), "text": "x"}]),
            )
            .await;
        loop {
            let (v, _) = client.diagnostics(uri).await;
            if v == json!(version) {
                break;
            }
        }
        times.push(started.elapsed());
        text.insert(at, 'x');
    }
    client.finish().await;
    times.sort();
    (times[0], times[times.len() / 2], times[times.len() - 1])
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `SECMD_LOG=secmd_lsp=debug` shows where the time goes.
    let filter = tracing_subscriber::EnvFilter::try_from_env("SECMD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    // "noisy": every section has an insecure link (thousands of findings
    // on 1 MB, so the time is mostly serialising diagnostics).
    for (label, size, noisy, rounds) in [
        ("10 KB", 10_000, false, 200),
        ("10 KB noisy", 10_000, true, 200),
        ("1 MB", 1_000_000, false, 40),
        ("1 MB noisy", 1_000_000, true, 40),
    ] {
        let (min, median, max) = measure(size, noisy, rounds).await;
        println!(
            "{label}: median {:.2} ms (min {:.2}, max {:.2}) over {rounds} edits",
            median.as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
}
