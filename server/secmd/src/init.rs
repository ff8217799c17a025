//! `secmd init`: writes a complete SECURITY.md at the repository root from
//! the workspace's facts (`secmd_core::new_policy`), refusing to replace an
//! existing policy without `--force`; `--security-txt` also writes a
//! matching `.well-known/security.txt`.

use crate::cli::InitArgs;
use crate::{EXIT_ERROR, EXIT_OK};
use secmd_core::new_policy::{self, Channel};

pub fn run(args: &InitArgs) -> u8 {
    match init(args) {
        Ok(written) => {
            eprintln!("wrote {written}");
            EXIT_OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

fn init(args: &InitArgs) -> Result<String, String> {
    let today = secmd_fs::today(args.today.as_deref())?;
    if !args.dir.is_dir() {
        return Err(format!("{}: not a folder", args.dir.display()));
    }
    let ws = secmd_workspace::locate(&args.dir);
    // With --force, the policy GitHub shows is replaced, so the new text is
    // the one readers see (a new root file could sit behind `.github/`).
    let target = match ws.facts.policies.first() {
        Some(existing) if !args.force => {
            return Err(format!(
                "{} already exists; pass --force to overwrite it",
                ws.root.join(existing).display()
            ))
        }
        Some(existing) => existing.clone(),
        None => "SECURITY.md".to_string(),
    };
    let channel = match (&args.contact, new_policy::channel_of(&ws.facts)) {
        (Some(email), _) if email.contains('@') && !email.contains(char::is_whitespace) => {
            Channel::Email(email.clone())
        }
        (Some(email), _) => return Err(format!("--contact: `{email}` is not an email address")),
        (None, Some(channel)) => channel,
        (None, None) => {
            return Err(
                "no GitHub `origin` remote to take private vulnerability reporting from; pass --contact EMAIL"
                    .to_string(),
            )
        }
    };
    let text = new_policy::write(&ws.facts, &channel, today);
    let path = ws.root.join(&target);
    let mut written = vec![path.display().to_string()];
    let txt_path = ws.root.join(".well-known").join("security.txt");
    if args.security_txt && txt_path.exists() && !args.force {
        return Err(format!(
            "{} already exists; pass --force to overwrite it",
            txt_path.display()
        ));
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    if args.security_txt {
        let txt = new_policy::security_txt(&ws.facts, &channel, today);
        let dir = ws.root.join(".well-known");
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&txt_path, txt))
            .map_err(|e| format!("{}: {e}", txt_path.display()))?;
        written.push(txt_path.display().to_string());
    }
    Ok(written.join(" and "))
}
