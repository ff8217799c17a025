//! The README's rules table is `secmd rules --markdown`, between
//! `<!-- rules:start -->` and `<!-- rules:end -->`. Regenerate with
//! `SECMD_BLESS=1 cargo test -p secmd --test readme`.

mod common;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rules_table_is_generated() {
    let path = common::root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let r = common::secmd(&["rules", "--markdown"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let start = readme
        .find(START)
        .expect("README.md lacks <!-- rules:start -->")
        + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README.md lacks <!-- rules:end -->");
    let current = &readme[start..end];
    if current == r.stdout {
        return;
    }
    if std::env::var_os("SECMD_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], r.stdout, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "README.md's rules table is out of date; run `SECMD_BLESS=1 cargo test -p secmd --test readme`\n\
         --- README ---\n{current}--- secmd rules --markdown ---\n{}",
        r.stdout
    );
}
