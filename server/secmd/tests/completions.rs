//! `secmd completions SHELL` and `secmd man`: generated from the clap
//! definitions. The bash script is loaded into a real bash and asked to
//! complete; zsh and fish (not installed everywhere) are checked by the lines
//! that carry the subcommands and option values. `.ci/dist.sh` runs the fish
//! script in a real fish.

mod common;
use common::{scratch, secmd, write};
use std::process::Command;

/// Completes the words of `line` with the generated bash script: the same
/// call bash makes on <Tab> (`_secmd CMD CUR PREV` with COMP_WORDS set).
fn bash_complete(script: &str, words: &[&str]) -> Vec<String> {
    let dir = scratch(&format!("bash-{}", words.join("_").replace(['-', ' '], "")));
    write(&dir, &[("secmd.bash", script.as_bytes())]);
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let n = words.len();
    let prev = if n >= 2 { words[n - 2] } else { "" };
    let program = format!(
        "source secmd.bash\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _secmd secmd '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        quoted.join(" "),
        n - 1,
        words.join(" "),
        words[n - 1],
        prev,
    );
    let out = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(program)
        .current_dir(&dir)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_options_and_values() {
    let r = secmd(&["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("_secmd() {\n"), "{}", r.stdout);
    assert_eq!(bash_complete(&r.stdout, &["secmd", "ch"]), ["check"]);
    assert_eq!(bash_complete(&r.stdout, &["secmd", "co"]), ["completions"]);
    assert_eq!(
        bash_complete(&r.stdout, &["secmd", "check", "--fo"]),
        ["--format"]
    );
    assert_eq!(
        bash_complete(&r.stdout, &["secmd", "check", "--format", ""]),
        ["human", "json", "sarif", "github"]
    );
    assert_eq!(
        bash_complete(&r.stdout, &["secmd", "check", "--fail-on", "w"]),
        ["warning"]
    );
    assert_eq!(
        bash_complete(&r.stdout, &["secmd", "completions", "f"]),
        ["fish"]
    );
}

#[test]
fn zsh_and_fish_scripts_name_the_commands_and_values() {
    let zsh = secmd(&["completions", "zsh"]);
    assert_eq!(zsh.code, 0, "{}", zsh.stderr);
    assert!(zsh.stdout.starts_with("#compdef secmd\n"), "{}", zsh.stdout);
    assert!(zsh
        .stdout
        .contains("'check:Check policy files and report what is wrong with them' \\\n"));
    assert!(zsh
        .stdout
        .contains("sarif\\:\"SARIF 2.1.0, for GitHub code scanning and other SARIF viewers\""));

    let fish = secmd(&["completions", "fish"]);
    assert_eq!(fish.code, 0, "{}", fish.stderr);
    assert!(fish.stdout.contains(
        "complete -c secmd -n \"__fish_secmd_needs_command\" -f -a \"check\" -d 'Check policy files and report what is wrong with them'\n"
    ));
    assert!(fish
        .stdout
        .contains("complete -c secmd -n \"__fish_secmd_using_subcommand check\" -l format -d 'Output format' -r -f -a \""));
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let r = secmd(&["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "error: invalid value 'tcsh' for '<SHELL>'\n  [possible values: bash, elvish, fish, powershell, zsh]\n"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn man_prints_the_main_page() {
    let r = secmd(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        r.stdout
            .contains(&format!(".TH secmd 1  \"secmd {version}\" \n.SH NAME\nsecmd \\- Linter and language server for SECURITY.md security policies\n")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(
        ".TP\nsecmd\\-check(1)\nCheck policy files and report what is wrong with them\n"
    ));
}

#[test]
fn man_out_dir_writes_one_page_per_command() {
    let dir = scratch("man-pages").join("share/man/man1");
    let r = secmd(&["man", "--out-dir", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("wrote the man pages into {}\n", dir.display())
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "secmd-check.1",
            "secmd-completions.1",
            "secmd-init.1",
            "secmd-lsp.1",
            "secmd-man.1",
            "secmd-rules.1",
            "secmd.1"
        ]
    );
    let check = std::fs::read_to_string(dir.join("secmd-check.1")).unwrap();
    assert!(check.contains("\\fB\\-\\-fail\\-on\\fR"), "{check}");
}

#[test]
fn man_out_dir_that_is_a_file_is_a_clear_error() {
    let dir = scratch("man-file");
    write(&dir, &[("taken", b"not a folder")]);
    let target = dir.join("taken");
    let r = secmd(&["man", "--out-dir", target.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(&format!(
            "error: cannot create the folder {}: ",
            target.display()
        )),
        "{}",
        r.stderr
    );
}
