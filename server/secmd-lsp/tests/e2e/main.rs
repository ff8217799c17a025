//! End-to-end tests: a real client protocol over an in-memory pipe with
//! `Content-Length` framing, against the in-process server in paranoid mode.

#[path = "../common/mod.rs"]
mod common;

mod code_actions;
mod configuration;
mod diagnostics;
mod features;
mod lifecycle;

/// A small policy with one insecure link, emoji and CJK before it.
pub const POLICY: &str = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 2.x     | ✅        |\n| 1.x     | ❌        |\n\n## Reporting a Vulnerability\n\n😀 漢字: report at http://example.org/report or email security@example.org.\n";

pub const URI: &str = "file:///nonexistent/repo/SECURITY.md";
