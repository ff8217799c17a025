//! Which documents secmd serves.
//!
//! Many clients attach every Markdown server to every `.md` file, so the
//! server stays silent (no diagnostics, empty answers) on anything that is
//! not a `SECURITY.md` or a `security.txt` (any case, any folder, any URI
//! scheme, so untitled buffers named `SECURITY.md` count) unless the configuration's `include`
//! globs name it.
//!
//! Globs: `*` matches within a path segment, `**` any number of segments,
//! `?` one character. A glob without `/` matches the file name alone (as in
//! `.gitignore`); one with `/` matches the path relative to the workspace
//! folder holding the document (or, without one, the folder of the config
//! file, else the document's own folder).

use crate::documents::DocKind;
use std::path::Path;
use tower_lsp::lsp_types::Url;

/// The document type a URI's last path segment names: `SECURITY.md` or
/// `security.txt`, in any case (RFC 9116 places it in `.well-known/`, at
/// the root, and sites publish it from `public/`, `static/`, `docs/static/`:
/// the name decides, as in `secmd check`).
pub fn kind_of_name(uri: &Url) -> Option<DocKind> {
    let path = uri.path();
    let name = path.rsplit('/').next().unwrap_or(path);
    // `%53ECURITY.md` names the same file.
    let name = secmd_core::text::percent_decode(name);
    if name.eq_ignore_ascii_case("security.md") {
        Some(DocKind::Policy)
    } else if secmd_core::security_txt::is_security_txt_name(&name) {
        Some(DocKind::SecurityTxt)
    } else {
        None
    }
}

/// Whether a file on disk matches one of the `include` globs.
pub fn is_included(path: &Path, base: Option<&Path>, globs: &[String]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let relative = base
        .and_then(|b| path.strip_prefix(b).ok())
        .map(|r| r.to_string_lossy().replace('\\', "/"));
    globs.iter().any(|g| {
        let g = g.trim_start_matches("./");
        if g.contains('/') {
            relative.as_deref().is_some_and(|r| glob_match(g, r))
        } else {
            glob_match(g, &name)
        }
    })
}

/// Matches a path against a glob (see the module docs).
pub fn glob_match(glob: &str, path: &str) -> bool {
    let g: Vec<&str> = glob.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    match_segments(&g, &p)
}

fn match_segments(g: &[&str], p: &[&str]) -> bool {
    match g.split_first() {
        None => p.is_empty(),
        Some((&"**", rest)) => (0..=p.len()).any(|i| match_segments(rest, &p[i..])),
        Some((first, rest)) => match p.split_first() {
            Some((seg, prest)) => match_segment(first, seg) && match_segments(rest, prest),
            None => false,
        },
    }
}

fn match_segment(glob: &str, seg: &str) -> bool {
    let g: Vec<char> = glob.chars().collect();
    let s: Vec<char> = seg.chars().collect();
    // Iterative wildcard matching with backtracking to the last `*`.
    let (mut gi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == s[si]) {
            gi += 1;
            si += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, si));
            gi += 1;
        } else if let Some((sg, ss)) = star {
            gi = sg + 1;
            si = ss + 1;
            star = Some((sg, ss + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_policy_name(uri: &Url) -> bool {
        kind_of_name(uri) == Some(DocKind::Policy)
    }

    #[test]
    fn policy_names_in_any_case_and_scheme() {
        for u in [
            "file:///r/SECURITY.md",
            "file:///r/docs/security.md",
            "file:///r/.github/Security.MD",
            "untitled:SECURITY.md",
            "file:///r/SECURITY%2Emd",
        ] {
            assert!(is_policy_name(&Url::parse(u).unwrap()), "{u}");
        }
        for u in [
            "file:///r/README.md",
            "file:///r/SECURITY.md.bak",
            "file:///r/NOT_SECURITY.md",
            "untitled:Untitled-1",
            "file:///r/.well-known/security.txt",
        ] {
            assert!(!is_policy_name(&Url::parse(u).unwrap()), "{u}");
        }
        for u in [
            "file:///r/.well-known/security.txt",
            "file:///r/public/SECURITY.TXT",
        ] {
            assert_eq!(
                kind_of_name(&Url::parse(u).unwrap()),
                Some(DocKind::SecurityTxt),
                "{u}"
            );
        }
    }

    #[test]
    fn globs() {
        assert!(glob_match("docs/*.md", "docs/policy.md"));
        assert!(!glob_match("docs/*.md", "docs/a/policy.md"));
        assert!(glob_match("**/policy.md", "policy.md"));
        assert!(glob_match("**/policy.md", "a/b/policy.md"));
        assert!(glob_match("a/**", "a/b/c"));
        assert!(glob_match("p?licy*.md", "policy-v2.md"));
        assert!(!glob_match("*.md", "x.txt"));
        let base = Path::new("/w");
        let globs = vec!["POLICY.md".to_string(), "docs/**/*.md".to_string()];
        assert!(is_included(Path::new("/w/x/POLICY.md"), Some(base), &globs));
        assert!(is_included(Path::new("/w/docs/a/b.md"), Some(base), &globs));
        assert!(!is_included(Path::new("/w/README.md"), Some(base), &globs));
        assert!(!is_included(
            Path::new("/elsewhere/docs/b.md"),
            Some(base),
            &globs
        ));
    }
}
