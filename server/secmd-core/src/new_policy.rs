//! A complete `SECURITY.md` written from a workspace's facts: the
//! repository from `origin`, GitHub's private vulnerability reporting link,
//! a supported-versions table from the current version, a reporting
//! section with a response time, and Last Updated and review dates.
//! `secmd init` writes it; the result passes every rule (tested through
//! the binary).

use crate::model::Date;
use crate::workspace::{parse_version, Workspace};

/// How to reach the maintainers privately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Channel {
    /// GitHub private vulnerability reporting of `owner/name`.
    GitHub(String),
    /// An email address.
    Email(String),
}

/// The channel the workspace gives (`origin` on GitHub), else `None`.
pub fn channel_of(ws: &Workspace) -> Option<Channel> {
    ws.origin
        .as_ref()
        .filter(|o| o.host == "github.com")
        .map(|o| Channel::GitHub(o.slug()))
}

/// The policy text, with `\n` line breaks.
pub fn write(ws: &Workspace, channel: &Channel, today: Date) -> String {
    let review = today.add_days(365);
    let versions = match ws.current_version().and_then(|v| parse_version(&v.version)) {
        Some(v) => {
            let line = format!("{}.{}.x", v.major, v.minor);
            let older = format!("< {}.{}", v.major, v.minor);
            format!(
                "| Version | Supported          |\n\
                 | ------- | ------------------ |\n\
                 | {line:<7} | :white_check_mark: |\n\
                 | {older:<7} | :x:                |\n"
            )
        }
        None => "Only the latest release receives security fixes.\n".to_string(),
    };
    let report = match channel {
        Channel::GitHub(slug) => format!(
            "Report them privately through GitHub's private vulnerability reporting:\n\
             <https://github.com/{slug}/security/advisories/new>.\n"
        ),
        Channel::Email(address) => format!("Report them privately by email to <{address}>.\n"),
    };
    format!(
        "# Security Policy\n\
         \n\
         ## Supported Versions\n\
         \n\
         {versions}\
         \n\
         ## Reporting a Vulnerability\n\
         \n\
         Please do not report security vulnerabilities in public issues.\n\
         {report}\
         \n\
         Include the affected version, the steps to reproduce and the impact you\n\
         expect. We acknowledge reports within 3 business days and keep you\n\
         informed until a fix is released.\n\
         \n\
         Last Updated: {today}\n\
         Next Review: {review}\n"
    )
}

/// The matching security.txt: the same channel as a URI, and the policy
/// page of `origin` on GitHub.
pub fn security_txt(ws: &Workspace, channel: &Channel, today: Date) -> String {
    let contact = match channel {
        Channel::GitHub(slug) => format!("https://github.com/{slug}/security/advisories/new"),
        Channel::Email(address) => format!("mailto:{address}"),
    };
    let policy = ws
        .origin
        .as_ref()
        .filter(|o| o.host == "github.com")
        .map(|o| format!("https://github.com/{}/security/policy", o.slug()));
    crate::security_txt::write(&contact, policy.as_deref(), today)
}
