//! Architecture Invariant: the crate's modules form a DAG: no top-level module of `secmd-core`
//! depends on one that depends back on it, and the rule registry
//! (`rules/registry.rs`) depends on nothing in the crate.
//!
//! The check reads the sources: every `crate::…` path outside test code
//! (`#[cfg(test)] mod tests` at a file's end, and the test-only files)
//! is an edge from the file's top-level module to the module the path
//! names; a path through a re-export of `lib.rs` (`crate::Options`) counts
//! for the module that defines the item. `super::` paths stay inside a
//! top-level module, which the test also checks. `rules::registry` is a
//! node of its own: config, findings and suppressions name rules through
//! it without depending on the rules.

#![allow(clippy::disallowed_methods)] // reads the crate's own sources

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files compiled only for tests (declared `#[cfg(test)] mod …;`).
const TEST_ONLY: &[&str] = &[
    "testing.rs",
    "ide/test_support.rs",
    "ide/completion/tests.rs",
    "policy/section_fixtures.rs",
    "rules/workspace_testing.rs",
];

/// The registry is its own node.
const REGISTRY: &str = "rules::registry";

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules: `foo.rs` and `foo/` beside `lib.rs`.
fn top_level_modules(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            if p.is_dir() {
                Some(name)
            } else {
                name.strip_suffix(".rs").map(str::to_string)
            }
        })
        .filter(|n| n != "lib")
        .collect()
}

/// `pub use module::{A, B};` in `lib.rs`: item name → defining module.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            if !item.is_empty() {
                out.insert(item.to_string(), module.to_string());
            }
        }
    }
    out
}

/// The code of a file that is compiled outside tests, comments removed.
fn production_code(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(i) => &source[..i],
        None => source,
    };
    source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The modules a file's `crate::` paths name (`crate::a::b`, `crate::{A, b::C}`).
fn named_modules(code: &str, reexports: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let resolve = |first: &str, rest: &str| -> String {
        if first == "rules" && ident_at(rest.trim_start_matches("::")) == "registry" {
            REGISTRY.to_string()
        } else {
            reexports
                .get(first)
                .cloned()
                .unwrap_or_else(|| first.to_string())
        }
    };
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `secmd_core::`, not `crate::`
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let item = item.trim();
                let first = ident_at(item);
                if !first.is_empty() {
                    out.insert(resolve(first, &item[first.len()..]));
                }
            }
        } else {
            let first = ident_at(rest);
            out.insert(resolve(first, &rest[first.len()..]));
        }
    }
    out
}

/// The node a file belongs to.
fn node_of(relative: &str) -> String {
    if relative == "rules/registry.rs" {
        return REGISTRY.to_string();
    }
    let first = relative.split('/').next().unwrap_or(relative);
    first.trim_end_matches(".rs").to_string()
}

fn module_graph() -> Graph {
    let src = src_dir();
    let tops = top_level_modules(&src);
    let reexports = reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "lib.rs" || TEST_ONLY.contains(&relative.as_str()) {
            continue;
        }
        let node = node_of(&relative);
        let code = production_code(&std::fs::read_to_string(&file).unwrap());
        let targets = graph.entry(node.clone()).or_default();
        for target in named_modules(&code, &reexports) {
            if target != node && (tops.contains(&target) || target == REGISTRY) {
                targets.insert(target);
            }
        }
    }
    graph
}

/// A cycle through `start`, if any (depth-first search).
fn cycle_through(graph: &Graph, start: &str) -> Option<Vec<String>> {
    fn visit(graph: &Graph, at: &str, start: &str, path: &mut Vec<String>) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if path.contains(next) {
                continue;
            }
            path.push(next.clone());
            if visit(graph, next, start, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_string()];
    visit(graph, start, start, &mut path).then_some(path)
}

#[test]
fn top_level_modules_form_a_dag() {
    let graph = module_graph();
    for node in graph.keys() {
        if let Some(cycle) = cycle_through(&graph, node) {
            panic!("module cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_registry_is_a_leaf() {
    let graph = module_graph();
    assert_eq!(graph.get(REGISTRY), Some(&BTreeSet::new()));
    // Config, findings and suppressions name rules only through it.
    for module in ["config", "finding", "suppress"] {
        assert!(
            !graph[module].contains("rules"),
            "{module} depends on rules: {:?}",
            graph[module]
        );
    }
}

#[test]
fn super_paths_stay_inside_their_top_level_module() {
    let src = src_dir();
    let tops = top_level_modules(&src);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let own = node_of(&relative);
        let code = production_code(&std::fs::read_to_string(&file).unwrap());
        for (i, _) in code.match_indices("super::") {
            let mut rest = &code[i..];
            while let Some(r) = rest.strip_prefix("super::") {
                rest = r;
            }
            let name = ident_at(rest);
            assert!(
                !tops.contains(name) || own.starts_with(name),
                "{relative} reaches `{name}` through `super::`"
            );
        }
    }
}

/// The checker itself finds a cycle and a re-exported item's module.
#[test]
fn the_checker_sees_cycles_and_reexports() {
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("a".into());
    assert_eq!(
        cycle_through(&graph, "a"),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
    let reexports =
        reexports("pub use analysis::{analyze_text, Analyzer};\npub use model::Date;\n");
    assert_eq!(
        named_modules(
            "use crate::{Analyzer, config::Config};\nlet d = crate::Date::x(); crate::rules::registry::CODES; secmd_core::x",
            &reexports
        ),
        ["analysis", "config", "model", REGISTRY]
            .into_iter()
            .map(String::from)
            .collect()
    );
}
