//! End-to-end tests: a real client protocol over an in-memory pipe with
//! `Content-Length` framing, against the in-process server in paranoid mode.

// Tests start from `Setup::default()` and change the one field they are about.
#![allow(clippy::field_reassign_with_default)]

#[path = "../common/mod.rs"]
mod common;

mod code_actions;
mod configuration;
mod diagnostics;
mod features;
mod fenced;
mod lifecycle;
mod limits;
mod robustness;
mod slow_documents;
mod workspace;

/// A small, complete policy whose only finding is one insecure link, with
/// emoji and CJK before it on its line.
pub const POLICY: &str = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported |\n| ------- | --------- |\n| 2.x     | ✅        |\n| 1.x     | ❌        |\n\n## Reporting a Vulnerability\n\n😀 漢字: report at http://octo-widgets.dev/report or email security@octo-widgets.dev.\nWe acknowledge reports within 3 business days.\n";

/// The insecure link in [`POLICY`].
pub const LINK: &str = "http://octo-widgets.dev/report";

pub const URI: &str = "file:///nonexistent/repo/SECURITY.md";
