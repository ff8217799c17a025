//! Raw tree-sitter-md floor, as a process: the least any Markdown linter built
//! on tree-sitter-md must do. Reads each file and parses it with
//! `tree_sitter_md::MarkdownParser` (block tree plus every inline tree), then
//! prints a one-line summary. `bench/run` times this binary exactly like
//! `secmd check` (process start included) on the same files.
//!
//! Usage: ts_floor [PATH ...]   (directories are expanded one level, *.md only)
//! With no path it parses `<repo>/../shared/corpus/files` if present and
//! otherwise prints a note and exits 0 (so a plain `cargo bench` is harmless).
use std::path::{Path, PathBuf};

fn expand(arg: &Path, out: &mut Vec<PathBuf>) {
    if arg.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(arg)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.is_file());
        files.sort();
        out.extend(files);
    } else {
        out.push(arg.to_path_buf());
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let mut paths = Vec::new();
    if args.is_empty() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/files");
        if !corpus.is_dir() {
            println!(
                "ts_floor: no corpus at {} and no paths given; nothing to do",
                corpus.display()
            );
            return;
        }
        expand(&corpus, &mut paths);
    } else {
        for a in &args {
            expand(Path::new(a), &mut paths);
        }
    }
    let mut parser = tree_sitter_md::MarkdownParser::default();
    let (mut bytes, mut nodes, mut inline_trees) = (0usize, 0usize, 0usize);
    for p in &paths {
        let text = match std::fs::read(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("ts_floor: {}: {e}", p.display());
                std::process::exit(2);
            }
        };
        let tree = parser
            .parse(&text, None)
            .expect("tree-sitter-md parse failed");
        bytes += text.len();
        nodes += tree.block_tree().root_node().descendant_count();
        for t in tree.inline_trees() {
            nodes += t.root_node().descendant_count();
        }
        inline_trees += tree.inline_trees().len();
    }
    println!(
        "ts_floor: {} files, {} bytes, {} nodes, {} inline trees",
        paths.len(),
        bytes,
        nodes,
        inline_trees
    );
}
