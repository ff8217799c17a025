//! Engine benchmarks (criterion), with the raw tree-sitter floors measured in
//! the same run so every figure can be reported as a ratio.
//!
//! Run through `bench/run` (which generates the documents), or by hand:
//!   python3 bench/gendocs.py bench/.cache/docs
//!   cargo bench -p secmd-core --bench engine
//! Environment:
//!   SECMD_BENCH_DOCS   directory with SECURITY-{10k,100k,1m,10m}.md
//!                      (default: <repo>/bench/.cache/docs)
//!   SECMD_BENCH_SIZES  comma list of sizes to run (default: 10k,100k,1m,10m)
//!   SECMD_BENCH_CORPUS corpus directory (default: <repo>/../shared/corpus/files)
//! Missing documents or corpus are skipped with a printed note.
//!
//! Benchmark ids (group/function), all times per iteration:
//!   size_<S>/ts_parse_full         floor: tree_sitter_md::MarkdownParser, block + inline, from scratch
//!   size_<S>/ts_block_reparse_char floor: block tree only, `tree.edit` + re-parse with the old tree
//!                                  after a one-character insertion
//!   size_<S>/doc_new               secmd_core::Document::new (chunked block + inline parse)
//!   size_<S>/doc_edit_char         Document::edit: one character inserted mid-line
//!   size_<S>/doc_edit_paste_1k     Document::edit: a 1 KB paragraph pasted at a line start
//!   size_<S>/doc_edit_fence        Document::edit: "```\n" inserted at a line start (opens a fence)
//!   size_<S>/analyze_full          full analysis from scratch: Document::new + a fresh
//!                                  Analyzer::analyze (what `analyze_text` does)
//!   size_<S>/analyze_edit_char     incremental analysis: Document::edit + Analyzer::analyze with
//!                                  the analyzer's warm per-chunk cache, one character
//!   size_<S>/analyze_edit_paste_1k ... a 1 KB paragraph
//!   size_<S>/analyze_edit_fence    ... "```\n" (opens a fence)
//!   corpus/ts_parse_full_all       floor over every corpus file
//!   corpus/doc_new_all             Document::new over every corpus file
//!   corpus/analyze_full_all        full analysis of every corpus file
//! The doc_edit benchmarks clone the parsed document outside the timed routine
//! (`iter_batched`), so only the edit and its re-parse are timed. The
//! analyze_edit benchmarks keep one document and one analyzer, as a server
//! does, and alternate the edit with its inverse (insert, then delete the same
//! text): every iteration is one edit of that kind plus the analysis, and
//! every edit creates new chunk ids, so no iteration hits a stale cache.
//! Analysis runs with the default configuration and today = 2026-11-23.
//!
//! Criterion needs at least 10 samples. A benchmark whose first probe
//! iteration takes longer than one second (the full parses at 10 MB) is
//! instead timed by hand, three iterations in all, and its median is written
//! to `SECMD_BENCH_MANUAL_DIR` (default `<repo>/target/criterion-manual`) as
//! `<group>__<id>.json`, which `bench/report.py` reads beside criterion's own
//! estimates. That keeps the whole run to a few minutes.
// A benchmark harness at the edge: it reads documents and settings itself.
#![allow(clippy::disallowed_methods)]
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, SamplingMode,
};
use secmd_core::{Analyzer, Config, Date, Document, NoFiles, Options};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tree_sitter::{InputEdit, Parser, Point};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn docs_dir() -> PathBuf {
    std::env::var_os("SECMD_BENCH_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("bench/.cache/docs"))
}

fn sizes() -> Vec<String> {
    std::env::var("SECMD_BENCH_SIZES")
        .unwrap_or_else(|_| "10k,100k,1m,10m".into())
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Byte offset of the start of the first paragraph line at or after `from`
/// (a line starting with an ASCII letter, after a non-blank line), so the
/// edits land in ordinary text in every document size.
fn paragraph_line_at(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from.min(text.len());
    while i < bytes.len() {
        if i > 0 && bytes[i - 1] == b'\n' && bytes[i].is_ascii_alphabetic() {
            return i;
        }
        i += 1;
    }
    0
}

const SLOW: Duration = Duration::from_secs(1);

/// Where hand-timed (too slow for criterion) results go.
struct Manual {
    group: String,
}

impl Manual {
    fn record(&self, id: &str, runs: &mut [Duration]) {
        runs.sort();
        let median = runs[runs.len() / 2];
        println!(
            "{}/{id}: timed by hand (one iteration > {SLOW:?}): median {median:?} of {} runs {runs:?}",
            self.group,
            runs.len()
        );
        let dir = std::env::var_os("SECMD_BENCH_MANUAL_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo().join("target/criterion-manual"));
        let runs_s: Vec<String> = runs
            .iter()
            .map(|d| format!("{}", d.as_secs_f64()))
            .collect();
        let json = format!(
            "{{\"group\": \"{}\", \"id\": \"{id}\", \"median_s\": {}, \"runs_s\": [{}]}}\n",
            self.group,
            median.as_secs_f64(),
            runs_s.join(", ")
        );
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join(format!("{}__{id}.json", self.group)), json));
        if let Err(e) = written {
            println!(
                "engine: could not write manual result to {}: {e}",
                dir.display()
            );
        }
    }
}

/// Probe once with `$once` (a closure returning the timed part's duration);
/// if slow, time it twice more by hand, else register `$crit` with criterion.
macro_rules! bench {
    ($g:expr, $man:expr, $id:expr, $once:expr, $crit:expr) => {{
        let slow_runs = {
            #[allow(unused_mut)]
            let mut once = $once;
            let first: Duration = once();
            (first > SLOW).then(|| vec![first, once(), once()])
        };
        match slow_runs {
            Some(mut runs) => $man.record($id, &mut runs),
            None => {
                $g.bench_function($id, $crit);
            }
        }
    }};
}

fn point_at(text: &str, byte: usize) -> Point {
    let before = &text.as_bytes()[..byte];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let col = byte
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
    Point::new(row, col)
}

const PASTE_1K: &str = "Reports are triaged by the security team within two business days. \
Please include the affected version, a description of the impact and the steps to \
reproduce, and tell us whether the issue is already public. We coordinate a fix and a \
release date with you, credit you in the advisory unless you ask us not to, and request \
a CVE identifier where appropriate. Do not open a public issue for a suspected \
vulnerability; use the private advisory form or write to the address above, encrypted \
with our PGP key if the details are sensitive. We support the latest minor release of \
each supported major version and backport fixes for critical and high severity issues \
only. Older releases receive no fixes, so upgrade before you report a problem there. \
If you have not heard from us within a week, please send a reminder: mail can get lost, \
and we would rather hear twice than miss a report. Thank you for helping keep the users \
of this project safe, and for giving us the time we need to fix the issue properly.\n\n";

fn bench_size(c: &mut Criterion, name: &str, text: &str) {
    let mut g: BenchmarkGroup<'_, WallTime> = c.benchmark_group(format!("size_{name}"));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(if text.len() >= 1_000_000 {
        4
    } else {
        2
    }));
    if text.len() >= 1_000_000 {
        g.sampling_mode(SamplingMode::Flat);
    }

    // Edit sites, all near the middle of the document.
    let line = paragraph_line_at(text, text.len() / 2);
    let char_at = line + 5; // mid-line
    let mut edited = String::with_capacity(text.len() + 1);
    edited.push_str(&text[..char_at]);
    edited.push('x');
    edited.push_str(&text[char_at..]);

    let man = Manual {
        group: format!("size_{name}"),
    };

    // Floors.
    let mut md = tree_sitter_md::MarkdownParser::default();
    bench!(
        g,
        man,
        "ts_parse_full",
        || {
            let t = Instant::now();
            let tree = md.parse(black_box(text.as_bytes()), None);
            let e = t.elapsed();
            drop(tree);
            e
        },
        |b| b.iter(|| black_box(md.parse(black_box(text.as_bytes()), None)))
    );
    let mut block = Parser::new();
    block
        .set_language(&tree_sitter_md::LANGUAGE.into())
        .expect("block grammar loads");
    let old = block.parse(text, None).expect("parse");
    let start_position = point_at(text, char_at);
    let input_edit = InputEdit {
        start_byte: char_at,
        old_end_byte: char_at,
        new_end_byte: char_at + 1,
        start_position,
        old_end_position: start_position,
        new_end_position: Point::new(start_position.row, start_position.column + 1),
    };
    let edited_old = || {
        let mut t = old.clone();
        t.edit(&input_edit);
        t
    };
    bench!(
        g,
        man,
        "ts_block_reparse_char",
        || {
            let t = edited_old();
            let s = Instant::now();
            let new = block.parse(black_box(&edited), Some(&t));
            let e = s.elapsed();
            drop((t, new));
            e
        },
        |b| {
            b.iter_batched(
                edited_old,
                |t| {
                    let new = block.parse(black_box(&edited), Some(&t));
                    (t, new)
                },
                BatchSize::SmallInput,
            )
        }
    );

    // secmd-core.
    bench!(
        g,
        man,
        "doc_new",
        || {
            let t = Instant::now();
            let d = Document::new(black_box(text));
            let e = t.elapsed();
            drop(d);
            e
        },
        |b| b.iter(|| Document::new(black_box(text)))
    );
    let doc = Document::new(text);
    let edits: [(&str, std::ops::Range<usize>, &str); 3] = [
        ("doc_edit_char", char_at..char_at, "x"),
        ("doc_edit_paste_1k", line..line, PASTE_1K),
        ("doc_edit_fence", line..line, "```\n"),
    ];
    for (id, range, new_text) in edits {
        bench!(
            g,
            man,
            id,
            || {
                let mut d = doc.clone();
                let t = Instant::now();
                d.edit(range.clone(), new_text);
                let e = t.elapsed();
                drop(d);
                e
            },
            |b| {
                b.iter_batched(
                    || doc.clone(),
                    |mut d| {
                        d.edit(range.clone(), new_text);
                        d
                    },
                    BatchSize::SmallInput,
                )
            }
        );
    }

    // Analysis (rules over the chunk models), full and incremental.
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 11, 23).expect("valid date"),
        files: &NoFiles,
    };
    bench!(
        g,
        man,
        "analyze_full",
        || {
            let t = Instant::now();
            let f = Analyzer::new().analyze(&Document::new(black_box(text)), &options);
            let e = t.elapsed();
            drop(f);
            e
        },
        |b| b.iter(|| Analyzer::new().analyze(&Document::new(black_box(text)), &options))
    );
    let analyzed_doc = Document::new(text);
    let edits: [(&str, usize, &str); 3] = [
        ("analyze_edit_char", char_at, "x"),
        ("analyze_edit_paste_1k", line, PASTE_1K),
        ("analyze_edit_fence", line, "```\n"),
    ];
    for (id, at, new_text) in edits {
        let mut d = analyzed_doc.clone();
        let mut analyzer = Analyzer::new();
        black_box(analyzer.analyze(&d, &options));
        let mut inserted = false;
        let mut step = |d: &mut Document, analyzer: &mut Analyzer| {
            if inserted {
                d.edit(at..at + new_text.len(), "");
            } else {
                d.edit(at..at, new_text);
            }
            inserted = !inserted;
            analyzer.analyze(d, &options)
        };
        bench!(
            g,
            man,
            id,
            || {
                let t = Instant::now();
                let f = step(&mut d, &mut analyzer);
                let e = t.elapsed();
                drop(f);
                e
            },
            |b| b.iter(|| step(&mut d, &mut analyzer))
        );
    }
    g.finish();
}

fn engine(c: &mut Criterion) {
    let dir = docs_dir();
    for name in sizes() {
        let path = dir.join(format!("SECURITY-{name}.md"));
        match std::fs::read_to_string(&path) {
            Ok(text) => bench_size(c, &name, &text),
            Err(e) => println!(
                "engine: skipping size {name}: {} ({e}); run `python3 bench/gendocs.py {}`",
                path.display(),
                dir.display()
            ),
        }
    }
}

fn corpus(c: &mut Criterion) {
    let dir = std::env::var_os("SECMD_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/corpus/files"));
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!(
            "engine: no corpus at {}; corpus benchmarks skipped",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    // Files that are not UTF-8 are parsed as bytes by the floor and lossily
    // decoded for Document::new (as a CLI reading them would).
    let files: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let texts: Vec<String> = files
        .iter()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(3));
    g.sampling_mode(SamplingMode::Flat);
    let mut md = tree_sitter_md::MarkdownParser::default();
    g.bench_function("ts_parse_full_all", |b| {
        b.iter(|| {
            for f in &files {
                black_box(md.parse(f, None));
            }
        })
    });
    g.bench_function("doc_new_all", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(Document::new(t));
            }
        })
    });
    let config = Config::default();
    let options = Options {
        config: &config,
        today: Date::from_ymd(2026, 11, 23).expect("valid date"),
        files: &NoFiles,
    };
    g.bench_function("analyze_full_all", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(Analyzer::new().analyze(&Document::new(t), &options));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, corpus, engine);
criterion_main!(benches);
